"""Hostile model files: unknown, altered, malicious, swapped after the check, truncated.

A joblib model is a pickle: loading one runs whatever it says. These tests
check that only files whose sha256 is in the shipped manifest are ever
unpickled (unless trust is given), that the bytes checked are the bytes
loaded, and that every failure is one line (ModelError; exit 2 from the CLI).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import joblib
import pytest

from newsvet.cli import main
from newsvet.errors import ModelError
from newsvet.model import persist
from newsvet.model.persist import load_model


class _Marker:
    """Unpickling this creates a file: proof that a pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


def _malicious(path: Path, marker: Path) -> Path:
    joblib.dump({"format": "newsvet-model", "payload": _Marker(marker)}, path)
    return path


def _shipped_copy(dest: Path) -> Path:
    shutil.copyfile(persist.default_model_path(), dest)
    return dest


def _one_line_error(exc: pytest.ExceptionInfo[ModelError]) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and "Traceback" not in msg
    return msg


def test_unknown_file_is_refused_with_the_reason_and_the_override(tmp_path: Path) -> None:
    path = tmp_path / "other.joblib"
    joblib.dump({"format": "newsvet-model"}, path)
    with pytest.raises(ModelError) as exc:
        load_model(path)
    msg = _one_line_error(exc).replace(str(path), "<path>")
    assert "not in the manifest" in msg
    assert "run code" in msg and "arbitrary code" in msg
    assert "--trust-model" in msg and "trust=True" in msg


def test_a_copy_of_the_shipped_model_loads_without_trust(tmp_path: Path) -> None:
    m = load_model(_shipped_copy(tmp_path / "copy.joblib"), strict=False)
    assert m.sha256 == persist.file_sha256(persist.default_model_path())


def test_an_altered_shipped_file_is_refused(tmp_path: Path) -> None:
    path = _shipped_copy(tmp_path / persist.DEFAULT_MODEL_FILE)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit flipped
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError) as exc:
        load_model(path)
    msg = _one_line_error(exc).replace(str(path), "<path>")  # (tmp_path names hold the test name)
    assert "altered or corrupted" in msg and "run code" in msg and "--trust-model" in msg


def test_a_malicious_pickle_is_never_unpickled_without_trust(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = _malicious(tmp_path / "evil.joblib", marker)
    with pytest.raises(ModelError, match="run code"):
        load_model(path)
    assert not marker.exists()
    # the pickle is live: with trust it does run (and is then refused as malformed)
    with pytest.raises(ModelError, match="malformed"):
        load_model(path, trust=True)
    assert marker.exists()


def test_a_file_swapped_after_the_check_is_not_loaded(tmp_path: Path, monkeypatch) -> None:
    """The manifest is consulted after hashing: swap the symlink's target right then."""
    good = _shipped_copy(tmp_path / "good.joblib")
    marker = tmp_path / "pwned"
    evil = _malicious(tmp_path / "evil.joblib", marker)
    link = tmp_path / "model.joblib"
    link.symlink_to(good)
    real_known = persist.known_sha256

    def swap_then_check():
        link.unlink()
        link.symlink_to(evil)
        return real_known()

    monkeypatch.setattr(persist, "known_sha256", swap_then_check)
    m = load_model(link, strict=False)  # the bytes that were checked are the ones loaded
    assert m.sha256 == persist.file_sha256(good)
    assert not marker.exists()


@pytest.mark.parametrize("cut", [0.5, 0.02])
def test_a_truncated_model_is_one_line(tmp_path: Path, cut: float) -> None:
    path = _shipped_copy(tmp_path / "m.joblib")
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(ModelError, match="run code"):  # no longer the shipped hash
        load_model(path)
    with pytest.raises(ModelError) as exc:
        load_model(path, trust=True)
    assert "could not read model file" in _one_line_error(exc)


@pytest.mark.parametrize(
    "bundle",
    [
        {"format": "newsvet-model", "format_version": "x", "state": {}},
        {"format": "newsvet-model", "format_version": 1, "state": 5},
        {"format": "newsvet-model", "format_version": 1, "state": {"stacker": None}},
        {"format": "newsvet-model", "format_version": 1},
        ["not", "a", "dict"],
    ],
)
def test_a_malformed_bundle_is_one_line(tmp_path: Path, bundle) -> None:
    path = tmp_path / "m.joblib"
    joblib.dump(bundle, path)
    with pytest.raises(ModelError) as exc:
        load_model(path, trust=True)
    _one_line_error(exc)


def test_garbage_and_non_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.joblib"
    junk.write_bytes(b"\x80\x04not a pickle at all\n\x00" * 10)
    with pytest.raises(ModelError) as exc:
        load_model(junk, trust=True)
    _one_line_error(exc)
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path)  # a directory


def _article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text("The harbour committee met on Monday and approved the new pier lights. "
                 "Work starts in May, the chair said.", encoding="utf-8")
    return p


def _cli(args: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as e:
        main(args)
    err = capsys.readouterr().err
    return int(e.value.code), err


def test_cli_score_refuses_an_unknown_model_in_one_line(tmp_path: Path, capsys) -> None:
    marker = tmp_path / "pwned"
    evil = _malicious(tmp_path / "evil.joblib", marker)
    code, err = _cli(["score", "--model", str(evil), str(_article(tmp_path))], capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("newsvet: error: ")
    assert "--trust-model" in err and "run code" in err
    assert not marker.exists()


def test_cli_truncated_model_with_trust_is_one_line(tmp_path: Path, capsys) -> None:
    path = _shipped_copy(tmp_path / "m.joblib")
    path.write_bytes(path.read_bytes()[:1000])
    code, err = _cli(["score", "--model", str(path), "--trust-model", str(_article(tmp_path))], capsys)
    assert code == 2 and err.count("\n") == 1 and "could not read model file" in err


def test_cli_audit_refuses_an_unknown_model_before_any_work(tmp_path: Path, capsys) -> None:
    marker = tmp_path / "pwned"
    evil = _malicious(tmp_path / "evil.joblib", marker)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "A short note about the pier lights."}\n', encoding="utf-8")
    out = tmp_path / "out"
    code, err = _cli(["audit", str(src), "--out", str(out), "--model", str(evil), "--workers", "1",
                      "--quiet"], capsys)  # fmt: skip
    assert code == 2 and err.count("\n") == 1 and "--trust-model" in err
    assert not marker.exists() and not out.exists()
