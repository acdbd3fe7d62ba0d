"""run_batch: rows in input order, one per item, errors as rows, streaming, workers agree."""

from __future__ import annotations

import itertools
import math
from concurrent.futures import Future
from pathlib import Path

import pytest

import newsvet
from newsvet import api, batch
from newsvet.batch import BatchOptions, run_batch, score_chunk, to_row
from newsvet.inputs import Item, iter_items

ROW_KEYS = {"id", "source", "url", "domain", "title", "reliability", "rating", "low_confidence",
            "words", "signals", "reasons", "warnings", "model", "error"}


def _items(article, n: int, start: int = 0) -> list[Item]:
    out = []
    for i in range(start, start + n):
        title, body = article(i)
        out.append(Item(f"i{i}", "text", body, title=f"{title} ({i})", url=f"https://s{i % 3}.example.com/{i}",
                        source="gen"))
    return out


def test_rows_match_single_scoring_in_order(article) -> None:
    items = _items(article, 5)
    items.insert(2, Item("bad", "error", "line 3 is not valid JSON", source="gen"))
    items.append(Item("empty", "text", "   ", source="gen"))
    rows = list(run_batch(items, workers=1, chunk_size=3))
    assert [r["id"] for r in rows] == [it.id for it in items]
    for r in rows:
        assert set(r) == ROW_KEYS
    by_id = {r["id"]: r for r in rows}
    assert by_id["bad"]["error"] == "line 3 is not valid JSON" and by_id["bad"]["reliability"] is None
    assert by_id["empty"]["error"] and "\n" not in by_id["empty"]["error"]
    for it in items:
        if it.kind != "text" or not it.payload.strip():
            continue
        a = newsvet.score_text(it.payload, title=it.title, url=it.url)
        r = by_id[it.id]
        assert r["error"] is None
        assert math.isclose(r["reliability"], a.reliability, abs_tol=1e-9)
        assert r["rating"] == a.rating
        assert r["domain"] == it.url.split("/")[2]
        assert r["signals"] == {n: s.score for n, s in a.signals.items()}
        assert r["model"]["sha256"] == a.model.sha256
        assert [x["signal"] for x in r["reasons"]] == [c.signal or c.feature for c in a.top_reasons(3)]


def test_evidence_context_slices_the_document(article) -> None:
    title, body = article(1)
    a = newsvet.score_text(body, title=title)
    row = to_row(a, item=Item("x", "text", body, title=title))
    quoted = [e for r in row["reasons"] for e in r["evidence"]]
    assert quoted, row["reasons"]
    for e in quoted:
        field_text = a.document.field_text(e["field"])
        assert field_text[e["start"]:e["end"]] == e["text"]
        assert field_text[: e["start"]].endswith(e["before"].lstrip("…"))
        assert field_text[e["end"]:].startswith(e["after"].rstrip("…"))


def test_one_failing_item_does_not_take_the_chunk(article, monkeypatch) -> None:
    items = _items(article, 4)
    real = api.extract_signals

    def flaky(doc, **kw):
        if doc.title == items[1].title:
            raise RuntimeError("boom\nsecond line")
        return real(doc, **kw)

    monkeypatch.setattr(api, "extract_signals", flaky)
    rows = score_chunk(items)
    assert [r["id"] for r in rows] == ["i0", "i1", "i2", "i3"]
    assert rows[1]["error"] == "RuntimeError: boom second line"
    assert all(r["error"] is None for r in rows[:1] + rows[2:])


def test_predict_many_failure_falls_back_to_one_at_a_time(article, monkeypatch) -> None:
    model = api._default_model()
    monkeypatch.setattr(type(model), "predict_many", lambda self, docs, sigs=None: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        model.predict_many([], [])
    # predict() itself goes through predict_many: so every item fails, as a row
    rows = score_chunk(_items(article, 2))
    assert [r["error"] for r in rows] == ["ZeroDivisionError: division by zero"] * 2


def test_a_dead_worker_gives_error_rows() -> None:
    meta = [Item("a", "text", None, source="s"), Item("b", "text", None, url="https://x.example/b")]
    fut: Future = Future()
    fut.set_exception(OSError("worker killed"))
    rows = batch._collect(meta, fut, BatchOptions())
    assert [r["id"] for r in rows] == ["a", "b"]
    assert all(r["error"].startswith("the worker failed: OSError: worker killed") for r in rows)
    assert rows[1]["domain"] == "x.example"


def test_streaming_reads_the_input_lazily(article) -> None:
    consumed = 0
    title, body = article(0)

    def endless():
        nonlocal consumed
        for i in itertools.count():
            consumed += 1
            yield Item(f"e{i}", "text", body, title=title, source="endless")

    rows = list(itertools.islice(run_batch(endless(), workers=1, chunk_size=4, max_in_flight=2), 6))
    assert [r["id"] for r in rows] == [f"e{i}" for i in range(6)]
    assert consumed <= 4 * 4  # a few chunks ahead at most, not the whole (endless) input


def test_two_worker_processes_agree_with_one(tmp_path: Path, article, jsonl_writer) -> None:
    p = jsonl_writer(tmp_path / "in.jsonl", 24)
    one = list(run_batch(iter_items([p]), workers=1, chunk_size=5))
    two = list(run_batch(iter_items([p]), workers=2, chunk_size=5))
    assert [r["id"] for r in two] == [r["id"] for r in one] == [f"g{i}" for i in range(24)]
    for a, b in zip(one, two):
        assert a["rating"] == b["rating"] and a["error"] is None and b["error"] is None
        assert math.isclose(a["reliability"], b["reliability"], abs_tol=1e-9)
        assert a["signals"].keys() == b["signals"].keys()
        for k, v in a["signals"].items():  # BLAS threads may move the last bit
            assert v == b["signals"][k] or math.isclose(v, b["signals"][k], rel_tol=1e-9)
