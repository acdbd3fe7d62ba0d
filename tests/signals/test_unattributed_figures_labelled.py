"""The labelled sentence set for unattributed_figures and its evaluator.

Checks the CSV's shape (not the signal's quality: thresholds belong to the
benchmark, ``benchmarks/unattributed_figures_eval.py``)."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CSV_PATH = ROOT / "labelled" / "unattributed_figures_sentences.csv"
EVAL_PATH = ROOT / "benchmarks" / "unattributed_figures_eval.py"
POSITIVE = {"bare_figure", "vague_attribution", "hard_positive"}
NEGATIVE = {
    "attributed", "attributed_context", "quote_named", "no_figure", "date_time",
    "routine_number", "hard_negative",
}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["id", "sentence", "label", "category", "context", "note"]
        return list(reader)


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unattributed_figures_eval", EVAL_PATH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_csv_is_well_formed(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 150
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids)
    assert all(r["label"] in ("0", "1") for r in rows)
    labels = [int(r["label"]) for r in rows]
    assert labels.count(1) >= 60 and labels.count(0) >= 60
    norm = [" ".join(r["sentence"].lower().split()) for r in rows]
    assert len(set(norm)) == len(norm), "duplicate sentences"
    assert all(r["sentence"].strip() == r["sentence"] and r["sentence"] for r in rows)


def test_categories_agree_with_labels(rows: list[dict[str, str]]) -> None:
    for r in rows:
        assert r["category"] in POSITIVE | NEGATIVE, r["id"]
        assert (r["category"] in POSITIVE) == (r["label"] == "1"), r["id"]
        if r["category"] == "attributed_context":
            assert r["context"], r["id"]


def test_eval_runs_on_the_first_30_rows(ev: ModuleType, rows: list[dict[str, str]]) -> None:
    res = ev.evaluate(ev.load(CSV_PATH)[:30])
    assert res["rows"] == 30
    assert res["tp"] + res["fp"] + res["tn"] + res["fn"] == 30
    assert res["positives"] == sum(r["label"] == "1" for r in rows[:30])
    for key in ("precision", "recall", "f1", "accuracy"):
        assert res[key] is not None and 0.0 <= res[key] <= 1.0, key
    for cat in res["categories"].values():
        rate = cat.get("recall", cat.get("false_positive_rate"))
        assert 0.0 <= rate <= 1.0


def test_prediction_reads_only_the_sentence_not_its_context(ev: ModuleType) -> None:
    # an unsourced figure in the context must not make the sentence positive
    flagged, _ = ev.predict(
        "Rescue teams worked through the night.", "About 4,000 homes were flooded on Monday."
    )
    assert not flagged
    flagged, reasons = ev.predict("About 4,000 homes were flooded on Monday.")
    assert flagged and all(r.startswith('figure "') for r in reasons)


def test_main_json_output(ev: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert ev.main(["--json", "--limit", "10"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows"] == 10 and "errors" not in out


HELDOUT_PATH = ROOT / "labelled" / "unattributed_figures_sentences_heldout.csv"


def test_heldout_csv_is_well_formed_and_disjoint(rows: list[dict[str, str]]) -> None:
    with HELDOUT_PATH.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["id", "sentence", "label", "category", "context", "note"]
        held = list(reader)
    assert len(held) >= 100
    assert [r["id"] for r in held] == [f"uh{i:03d}" for i in range(1, len(held) + 1)]
    for r in held:
        assert r["label"] in ("0", "1") and r["sentence"].strip() == r["sentence"], r["id"]
        assert r["category"] in POSITIVE | NEGATIVE, r["id"]
        assert (r["category"] in POSITIVE) == (r["label"] == "1"), r["id"]
        if r["category"] == "attributed_context":
            assert r["context"], r["id"]
    norm = {" ".join(r["sentence"].lower().split()) for r in rows}
    held_norm = [" ".join(r["sentence"].lower().split()) for r in held]
    assert len(set(held_norm)) == len(held_norm)
    assert norm.isdisjoint(held_norm), "a held-out sentence is in the main set"


def test_main_reads_another_file(ev: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--file", str(HELDOUT_PATH), "--limit", "12", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rows"] == 12
