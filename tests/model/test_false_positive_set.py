"""The legitimate-formats set (labelled/legit_formats) and its benchmark script."""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "labelled" / "legit_formats"
SCRIPT = ROOT / "benchmarks" / "false_positive_eval.py"
#: body word ranges per type (whitespace tokens after the title line)
RANGES = {"wire": (250, 500), "opinion": (500, 800), "brief": (40, 120), "press_release": (300, 500)}


def _files(kind: str) -> list[Path]:
    return sorted((SET / kind).glob("*.txt"))


def test_set_has_15_items_per_type_and_nothing_else() -> None:
    assert sorted(p.name for p in SET.iterdir() if p.is_dir()) == sorted(RANGES)
    for kind in RANGES:
        assert [p.name for p in _files(kind)] == [f"{i:02d}.txt" for i in range(1, 16)], kind
    assert sum(len(_files(k)) for k in RANGES) == 60
    assert (SET / "README.md").is_file()


@pytest.mark.parametrize("kind", sorted(RANGES))
def test_items_have_title_blank_line_and_body_in_range(kind: str) -> None:
    lo, hi = RANGES[kind]
    titles = set()
    for path in _files(kind):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        assert len(lines) > 2 and lines[0].strip() and not lines[1].strip(), path.name
        titles.add(lines[0])
        words = len("\n".join(lines[1:]).split())
        assert lo <= words <= hi, f"{kind}/{path.name}: {words} words, not in [{lo}, {hi}]"
    assert len(titles) == 15, "duplicate titles"


@pytest.mark.parametrize("kind", sorted(RANGES))
def test_items_parse_with_the_title_line_as_title(kind: str) -> None:
    from newsvet.ingest import read_file

    for path in _files(kind):
        doc = read_file(path)
        assert doc.title == path.read_text(encoding="utf-8").splitlines()[0].strip()
        assert doc.paragraphs and doc.word_count > 0


def test_type_markers_present() -> None:
    for path in _files("press_release"):
        text = path.read_text(encoding="utf-8")
        assert "FOR IMMEDIATE RELEASE" in text and "\nAbout " in text, path.name
    for path in _files("opinion"):
        title = path.read_text(encoding="utf-8").splitlines()[0]
        assert title.startswith(("Opinion:", "Comment:")), path.name
    for path in _files("wire"):
        assert "(Wirestone) -" in path.read_text(encoding="utf-8"), path.name


def _check_report(report: dict) -> None:
    assert set(report["types"]) == set(RANGES)
    for kind, t in report["types"].items():
        assert t["n"] == 2, kind
        for key in ("mean_reliability", "min_reliability", "share_unreliable", "share_below_half"):
            v = t[key]
            assert isinstance(v, float) and math.isfinite(v) and 0.0 <= v <= 1.0, (kind, key, v)
        assert t["share_unreliable"] <= t["share_below_half"]
        assert t["min_reliability"] <= t["mean_reliability"]
        assert len(t["worst"]) == 2
        rels = [w["reliability"] for w in t["worst"]]
        assert rels == sorted(rels) and all(0.0 <= r <= 1.0 for r in rels)
        for w in t["worst"]:
            assert w["item"].startswith(kind + "/")
            assert len(w["reasons"]) <= 3
            assert all(r["contribution"] < 0 for r in w["reasons"])
    assert report["all"]["n"] == 8


def test_eval_script_json_on_two_items_per_type() -> None:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--limit", "2", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    _check_report(json.loads(out.stdout))


def test_eval_is_deterministic_and_renders() -> None:
    spec = importlib.util.spec_from_file_location("false_positive_eval", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    a = mod.evaluate(SET, limit=2, worst=2)
    b = mod.evaluate(SET, limit=2, worst=2)
    assert a == b
    _check_report(a)
    text = mod.render(a)
    for kind in RANGES:
        assert f"== {kind}: worst 2" in text


HELDOUT = ROOT / "labelled" / "legit_formats_heldout"


def test_heldout_press_releases_are_15_files_without_bylines() -> None:
    from newsvet.ingest import read_file

    files = sorted((HELDOUT / "press_release").glob("*.txt"))
    assert [p.name for p in files] == [f"{i:02d}.txt" for i in range(1, 16)]
    assert (HELDOUT / "README.md").is_file()
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].strip() and not lines[1].strip(), path.name
        assert not any(ln.startswith("By ") for ln in lines), path.name
        assert 150 <= len("\n".join(lines[1:]).split()) <= 450, path.name
        doc = read_file(path)
        assert doc.title == lines[0].strip()
