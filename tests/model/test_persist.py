"""Save/load round trip, sha256 refusal, signal version checks."""

from __future__ import annotations

import json
from pathlib import Path

import joblib
import numpy as np
import pytest

from newsvet.errors import ModelError
from newsvet.model import persist
from newsvet.model.persist import file_sha256, load_model, save_model
from newsvet.signals import REGISTRY


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private package data dir (manifest + default model) for each test."""
    d = tmp_path / "pkgdata"
    d.mkdir()
    monkeypatch.setattr(persist, "_data_dir", lambda: d)
    return d


def test_round_trip_with_trust(synthetic, tmp_path: Path, data_dir: Path) -> None:
    model = synthetic["model"]
    path = tmp_path / "m.joblib"
    digest = save_model(model, path)
    assert digest == file_sha256(path)
    assert (tmp_path / "m.joblib.sha256").read_text().split()[0] == digest
    loaded = load_model(path, trust=True)
    assert loaded.sha256 == digest
    assert loaded.feature_names == model.feature_names
    a = model.stack.predict_proba(synthetic["dense"], synthetic["counts"])
    b = loaded.stack.predict_proba(synthetic["dense"], synthetic["counts"])
    assert np.array_equal(a, b)
    doc = synthetic["docs"][0]
    assert loaded.predict(doc).reliability == model.predict(doc).reliability


def test_unknown_file_is_refused_without_trust(synthetic, tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "m.joblib"
    save_model(synthetic["model"], path)
    with pytest.raises(ModelError, match="trust=True"):
        load_model(path)


def test_registered_file_loads_and_altered_file_is_refused(
    synthetic, tmp_path: Path, data_dir: Path
) -> None:
    default = data_dir / persist.DEFAULT_MODEL_FILE
    digest = save_model(synthetic["model"], default)  # the package file: registered
    manifest = json.loads((data_dir / "manifest.json").read_text())
    assert manifest["models"][persist.DEFAULT_MODEL_FILE]["sha256"] == digest
    assert load_model().sha256 == digest  # default path, no trust needed
    # alter the file: same bundle, one number changed
    bundle = joblib.load(default)
    bundle["state"]["stacker"]["intercept"] += 1.0
    joblib.dump(bundle, default)
    with pytest.raises(ModelError, match="joblib files can run code"):
        load_model()
    assert load_model(trust=True).stack.base == pytest.approx(synthetic["model"].stack.base + 1.0)


def test_symlinked_default_path_is_registered(synthetic, tmp_path: Path, data_dir: Path) -> None:
    real = data_dir / persist.DEFAULT_MODEL_FILE
    link = tmp_path / "models" / persist.DEFAULT_MODEL_FILE
    link.parent.mkdir()
    link.symlink_to(real)
    digest = save_model(synthetic["model"], link)
    assert real.is_file() and load_model().sha256 == digest
    assert (link.parent / (link.name + ".sha256")).is_file()


def test_signal_version_mismatch(synthetic, tmp_path: Path, data_dir: Path) -> None:
    model = synthetic["model"]
    model_old = type(model)(stack=model.stack, signal_versions={"readability": "0"})
    path = tmp_path / "old.joblib"
    save_model(model_old, path)
    with pytest.raises(ModelError, match="retrain"):
        load_model(path, trust=True)
    assert load_model(path, trust=True, strict=False).signal_versions == {"readability": "0"}
    assert REGISTRY["readability"].version == "1"


def test_not_a_bundle(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "x.joblib"
    joblib.dump({"hello": 1}, path)
    with pytest.raises(ModelError, match="not a newsvet model"):
        load_model(path, trust=True)
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "missing.joblib")
