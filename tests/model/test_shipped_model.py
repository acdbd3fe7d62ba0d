"""The model that ships in the package, labelled/, and the real corpora (../shared)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsvet.ingest.document import Document
from newsvet.model import load_labelled, load_model
from newsvet.model.corpora import PUBLISHER_NAMES, clean_article, read_corpus
from newsvet.model.labelled import DEFAULT_MANIFEST
from newsvet.model.persist import default_model_path
from newsvet.signals import REGISTRY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model():
    if not default_model_path().is_file():
        pytest.skip("no model file shipped yet")
    return load_model()


def test_shipped_model_loads_and_matches_the_signals(model) -> None:
    assert model.name == "newsvet-reliability" and model.version == "1"
    assert len(model.sha256) == 64
    assert model.check_signals(strict=False) == [], (
        "retrain: newsvet labelled build && newsvet train"
    )
    m = model.metrics["model"]["pooled"]
    assert m["roc_auc"] >= 0.85 and m["macro_f1"] >= 0.78
    assert default_model_path().stat().st_size < 15_000_000


def test_models_dir_points_at_the_package_file() -> None:
    link = ROOT / "models" / "newsvet-reliability-v1.joblib"
    if not link.exists():
        pytest.skip("models/ not present")
    assert link.resolve() == default_model_path().resolve()


def test_labelled_tables_match_the_model(model) -> None:
    d = ROOT / "labelled"
    if not (d / "build_info.json").is_file():
        pytest.skip("labelled/ not built")
    data = load_labelled(d, check_signals=False)
    assert data.data_hash == model.data_hash
    assert data.counts.shape[0] == len(data.y) == data.dense.shape[0]
    assert set(data.feature_names) == set(model.feature_names)


def test_seeds_are_rated_unreliable(model, seeds_dir: Path) -> None:
    """End to end on Document.from_text (title = first line); not trained on."""
    for f in sorted(seeds_dir.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        doc = Document.from_text(text, title=text.strip().splitlines()[0])
        sigs = {n: s(doc) for n, s in REGISTRY.items()}
        pred = model.predict(doc, sigs)
        assert pred.reliability < 0.4, (f.name, pred.reliability)
        assert pred.explanation.check()
        for c in pred.explanation.top_reasons(8):
            for e in c.evidence:
                assert doc.field_text(e.field)[e.start : e.end] == e.text


def test_cleaning_removes_outlet_names_from_real_articles(shared_dir: Path) -> None:
    spec = DEFAULT_MANIFEST["corpora"][0]
    names = [n for n in PUBLISHER_NAMES if len(n) > 3]
    pat = re.compile(r"(?<![\w@])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
    left = 0
    for i, a in enumerate(read_corpus(shared_dir / spec["path"], spec)):
        if i % 5:
            continue
        if pat.search(clean_article(a.body)):
            left += 1
    assert left == 0
