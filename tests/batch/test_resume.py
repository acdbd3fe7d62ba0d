"""Kill a run midway, resume it, and get what an uninterrupted run gives."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsvet.batch import audit, read_done
from newsvet.cli import main
from newsvet.errors import NewsvetError

N = 200


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_kill_and_resume_equals_an_uninterrupted_run(tmp_path: Path, jsonl_writer) -> None:
    src = jsonl_writer(tmp_path / "in.jsonl", N, words=110)
    with open(src, "a", encoding="utf-8") as fh:  # a failing item must survive the resume too
        fh.write("{not json\n")
    ref = audit([src], tmp_path / "ref", workers=1, chunk_size=8)
    assert ref.written == N + 1

    run = tmp_path / "run"
    env = dict(os.environ, CI="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsvet.cli", "audit", str(src), "--out", str(run),
         "--workers", "1", "--chunk-size", "8", "--quiet"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    results = run / "results.jsonl"
    deadline = time.monotonic() + 90
    try:
        while _lines(results) < 24:
            if proc.poll() is not None:
                pytest.fail(f"the run ended before it was killed: {proc.stderr.read().decode()}")
            if time.monotonic() > deadline:
                pytest.fail("no rows appeared")
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stderr.close()
    written = _lines(results)
    assert 24 <= written < N, written  # killed midway

    # a plain re-run refuses to clobber the partial results
    with pytest.raises(NewsvetError, match="--resume"):
        audit([src], run, workers=1)

    with pytest.raises(SystemExit) as e:
        main(["audit", str(src), "--out", str(run), "--workers", "1", "--chunk-size", "8",
              "--resume", "--quiet"])
    assert e.value.code == 0

    got, want = _rows(results), _rows(ref.out_dir / "results.jsonl")
    assert [r["id"] for r in got] == [r["id"] for r in want]  # same ids, same order, no gaps
    assert len({r["id"] for r in got}) == len(got)  # nothing redone
    for a, b in zip(got, want):
        assert a["rating"] == b["rating"] and a["error"] == b["error"]
        if b["reliability"] is None:
            assert a["reliability"] is None
        else:
            assert math.isclose(a["reliability"], b["reliability"], abs_tol=1e-9)
    # the CSV and the report were rebuilt from all rows
    csv_lines = (run / "results.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) == N + 2
    assert f">{N + 1}</td>" in (run / "report.html").read_text(encoding="utf-8")


def test_a_torn_last_line_is_cut_off(tmp_path: Path) -> None:
    p = tmp_path / "results.jsonl"
    p.write_bytes(b'{"id": "a"}\n{"id": "b"}\n{"id": "c", "reli')
    assert read_done(p) == {"a", "b"}
    assert p.read_bytes() == b'{"id": "a"}\n{"id": "b"}\n'


def test_resume_refuses_other_inputs(tmp_path: Path, jsonl_writer) -> None:
    a = jsonl_writer(tmp_path / "a.jsonl", 2)
    b = jsonl_writer(tmp_path / "b.jsonl", 2)
    audit([a], tmp_path / "o", workers=1)
    with pytest.raises(NewsvetError, match="other inputs"):
        audit([b], tmp_path / "o", workers=1, resume=True)
    again = audit([a], tmp_path / "o", workers=1, resume=True)
    assert again.written == 0 and again.skipped == 2
    fresh = audit([b], tmp_path / "o", workers=1, force=True)
    assert fresh.written == 2 and [r["id"] for r in _rows(tmp_path / "o" / "results.jsonl")] == ["g0", "g1"]
