"""`newsvet audit`: outputs, --fail-under exit codes, one-line usage errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsvet.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main(list(args))
    out, err = capsys.readouterr()
    return int(e.value.code or 0), out, err


def test_audit_writes_the_three_files(tmp_path: Path, capsys) -> None:
    out = tmp_path / "o"
    code, stdout, err = run(capsys, "audit", str(EXAMPLES), "--out", str(out), "--workers", "1")
    assert code == 0, err
    assert "2 items" in stdout and "1 errors" not in stdout
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["examples/content_farm.txt", "examples/wire_report.txt"]
    assert [r["rating"] for r in rows] == ["unreliable", "reliable"]
    with open(out / "results.csv", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [t["id"] for t in table] == [r["id"] for r in rows]
    assert float(table[0]["reliability"]) == rows[0]["reliability"]
    assert "hedging.score" in table[0] and table[0]["error"] == ""
    assert (out / "report.html").read_text().startswith("<!DOCTYPE html>")
    assert not list(out.glob(".*.tmp"))  # atomic writes leave no temporary files


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-under", "0.6"], 1),                            # mean 0.47 < 0.6
        (["--fail-under", "0.4"], 0),                            # mean 0.47, 50% not unreliable
        (["--fail-under", "0.55", "--fail-metric", "mean"], 1),
        (["--fail-under", "0.45", "--fail-metric", "share"], 0),
        (["--fail-under", "0.55", "--fail-metric", "share"], 1),  # 50% unreliable > 45%
    ],
)
def test_fail_under(tmp_path: Path, capsys, args: list[str], code: int) -> None:
    got, _out, err = run(capsys, "audit", str(EXAMPLES), "--out", str(tmp_path / "o"),
                         "--workers", "1", "--quiet", *args)
    assert got == code, err
    if code == 1:
        assert err.startswith("newsvet: fail-under: ") and err.count("\n") == 1


def test_fail_under_with_nothing_scored(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("nope\n")
    code, _o, err = run(capsys, "audit", str(bad), "--out", str(tmp_path / "o"), "--workers", "1",
                        "--quiet", "--fail-under", "0.1")
    assert code == 1 and "no article could be scored" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--engine", "spark"], "--engine must be joblib or dask"),
        (["--resume", "--force"], "contradict"),
        (["--ratings", "/nonexistent/ratings.csv"], "cannot read ratings file"),
        (["--fail-metric", "median", "--fail-under", "0.5"], "--fail-metric"),
    ],
)
def test_usage_errors_are_one_line(tmp_path: Path, capsys, extra: list[str], message: str) -> None:
    code, _o, err = run(capsys, "audit", str(EXAMPLES), "--out", str(tmp_path / "o"), *extra)
    assert code == 2
    assert err.startswith("newsvet: error: ") and err.count("\n") == 1 and message in err


def test_missing_input_and_existing_results(tmp_path: Path, capsys) -> None:
    code, _o, err = run(capsys, "audit", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o"))
    assert code == 2 and "no such input" in err
    out = tmp_path / "o2"
    assert run(capsys, "audit", str(EXAMPLES), "--out", str(out), "--workers", "1", "-q")[0] == 0
    code, _o, err = run(capsys, "audit", str(EXAMPLES), "--out", str(out), "--workers", "1")
    assert code == 2 and "--resume" in err and "--force" in err
    assert run(capsys, "audit", str(EXAMPLES), "--out", str(out), "--workers", "1", "-q", "--force")[0] == 0
