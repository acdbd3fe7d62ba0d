"""--engine dask on a LocalCluster gives the local run's results, item for item."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from newsvet.batch import audit
from newsvet.cli import main

distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_dask_cluster_equals_local_run(tmp_path: Path, jsonl_writer, article) -> None:
    src = jsonl_writer(tmp_path / "in.jsonl", 40, words=110)
    d = tmp_path / "docs"
    d.mkdir()
    title, body = article(7)
    (d / "page.html").write_text(f"<html><head><title>{title}</title></head><body>"
                                 + "".join(f"<p>{p}</p>" for p in body.split("\n\n")) + "</body></html>")
    (d / "empty.txt").write_text("")
    local = audit([src, d], tmp_path / "local", workers=1, chunk_size=6)

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        with pytest.raises(SystemExit) as e:
            main(["audit", str(src), str(d), "--out", str(tmp_path / "dask"), "--engine", "dask",
                  "--scheduler", cluster.scheduler_address, "--chunk-size", "6", "--quiet"])
        assert e.value.code == 0

    got, want = _rows(tmp_path / "dask" / "results.jsonl"), _rows(local.out_dir / "results.jsonl")
    assert len(got) == 42
    assert [r["id"] for r in got] == [r["id"] for r in want]
    for a, b in zip(got, want):
        assert a["error"] == b["error"] and a["rating"] == b["rating"]
        assert (a["reliability"] is None) == (b["reliability"] is None)
        if a["reliability"] is not None:
            assert math.isclose(a["reliability"], b["reliability"], abs_tol=1e-9)
            assert [r["signal"] for r in a["reasons"]] == [r["signal"] for r in b["reasons"]]
    by_id = {r["id"]: r for r in got}
    assert "empty" in by_id["docs/empty.txt"]["error"]
    assert by_id["docs/page.html"]["error"] is None


def test_dask_needs_a_scheduler(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as e:
        main(["audit", str(tmp_path), "--out", str(tmp_path / "o"), "--engine", "dask"])
    assert e.value.code == 2
    assert "--scheduler" in capsys.readouterr().err
