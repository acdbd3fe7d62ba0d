"""The command line: exit codes, one-line errors, JSON output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.pop("NEWSVET_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "newsvet.cli", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
    )


def assert_one_line_error(p: subprocess.CompletedProcess[bytes]) -> str:
    assert p.returncode == 2, (p.returncode, p.stderr)
    err = p.stderr.decode()
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("newsvet: error: ")
    return lines[0]


def test_score_example_text_readable() -> None:
    p = run("score", str(EXAMPLES / "content_farm.txt"))
    assert p.returncode == 0, p.stderr.decode()
    out = p.stdout.decode()
    assert "reliability" in out
    assert any(r in out for r in ("UNRELIABLE", "MIXED", "RELIABLE"))


def test_score_json_is_to_dict() -> None:
    p = run("score", "--json", str(EXAMPLES / "content_farm.txt"))
    assert p.returncode == 0, p.stderr.decode()
    data = json.loads(p.stdout)
    assert 0.0 <= data["reliability"] <= 1.0
    assert data["rating"] in ("reliable", "mixed", "unreliable")
    assert set(data["signals"]) >= {"hedging", "unattributed_figures", "seo_filler", "comment_bots"}
    assert data["model"]["sha256"]
    assert isinstance(data["reasons"], list) and data["reasons"]


def test_score_stdin() -> None:
    text = (EXAMPLES / "wire_report.txt").read_bytes()
    p = run("score", "--json", "-", stdin=text)
    assert p.returncode == 0, p.stderr.decode()
    assert json.loads(p.stdout)["document"]["words"] > 100


def test_version_says_what_runs_compiled() -> None:
    from newsvet import __version__, _compiled

    p = run("--version")
    assert p.returncode == 0, p.stderr.decode()
    lines = p.stdout.decode().splitlines()
    assert lines[0] == f"newsvet {__version__}"
    n = len(_compiled.compiled_modules())
    assert lines[2].startswith(f"compiled modules: {n} of {len(_compiled.ALL)} (")
    env_pure = dict(os.environ, NEWSVET_PURE_PYTHON="1")
    p = subprocess.run([sys.executable, "-m", "newsvet.cli", "--version"], capture_output=True,
                       env=env_pure, timeout=120, check=False)  # fmt: skip
    assert p.stdout.decode().splitlines()[2] == (
        f"compiled modules: 0 of {len(_compiled.ALL)} (NEWSVET_PURE_PYTHON is set)"
    )


def test_signals_lists_extractors() -> None:
    p = run("signals", "--json")
    assert p.returncode == 0
    names = {s["name"] for s in json.loads(p.stdout)}
    assert {"hedging", "unattributed_figures", "seo_filler", "comment_bots"} <= names


@pytest.mark.parametrize(
    "make, expect",
    [
        (lambda d: d / "missing.txt", "missing.txt"),
        (lambda d: d, str()),
        (lambda d: _write(d / "empty.txt", b""), "empty.txt"),
        (lambda d: _write(d / "blank.txt", b"   \n\t \n"), "blank.txt"),
        (lambda d: _write(d / "bin.dat", bytes(range(256)) * 64), "bin.dat"),
        (lambda d: _write(d / "img.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 500), "img.png"),
    ],
    ids=["missing", "directory", "empty", "whitespace", "binary", "png"],
)
def test_bad_input_exit_2_one_line(tmp_path: Path, make, expect: str) -> None:
    path = make(tmp_path)
    line = assert_one_line_error(run("score", str(path)))
    assert expect in line


def test_non_utf8_text_is_read(tmp_path: Path) -> None:
    text = (EXAMPLES / "wire_report.txt").read_text(encoding="utf-8").replace("—", "-")
    text = text.replace("Okafor", "Müller")
    path = _write(tmp_path / "latin1.txt", text.encode("latin-1"))
    p = run("score", "--json", str(path))
    assert p.returncode == 0, p.stderr.decode()
    data = json.loads(p.stdout)
    assert data["document"]["author"] == "Helen Müller"
    assert data["document"]["encoding"] in ("cp1252", "latin_1", "iso8859_1", "windows-1252")


def test_unreachable_url_exit_2() -> None:
    # Port 9 on loopback: refused by default as a loopback address, and even if
    # allowed nothing listens there. No traffic leaves the machine.
    line = assert_one_line_error(run("score", "http://127.0.0.1:9/nothing"))
    assert "127.0.0.1" in line
    line = assert_one_line_error(run("score", "--allow-private", "--timeout", "2", "http://127.0.0.1:9/x"))
    assert "127.0.0.1" in line


def test_usage_errors_exit_2() -> None:
    assert_one_line_error(run("score"))
    assert_one_line_error(run("no-such-command"))
    assert_one_line_error(run("score", "--no-such-option", "x"))


def test_untrusted_model_refused(tmp_path: Path) -> None:
    fake = _write(tmp_path / "model.joblib", b"not a model")
    line = assert_one_line_error(run("score", "--model", str(fake), str(EXAMPLES / "wire_report.txt")))
    assert "trust" in line.lower()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
