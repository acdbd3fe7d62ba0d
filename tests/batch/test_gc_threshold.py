"""score_chunk collects young garbage less often while it runs, and leaves the
collector's thresholds as it found them."""

from __future__ import annotations

import gc
import threading

from newsvet import batch
from newsvet.batch import BatchOptions, score_chunk
from newsvet.inputs import Item


def test_thresholds_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with batch._fewer_collections():
            assert gc.get_threshold() == (batch._CHUNK_GC_THRESHOLD, 10, 10)
            with batch._fewer_collections():  # nested (another thread's chunk)
                assert gc.get_threshold()[0] == batch._CHUNK_GC_THRESHOLD
            assert gc.get_threshold()[0] == batch._CHUNK_GC_THRESHOLD
        assert gc.get_threshold() == (700, 10, 10)
        rows = score_chunk([Item("a", "text", "The council met on Tuesday. " * 20)], BatchOptions())
        assert rows[0]["error"] is None
        assert gc.get_threshold() == (700, 10, 10)
        # a caller's higher threshold, or collection switched off (0), is left alone
        for own in ((batch._CHUNK_GC_THRESHOLD * 2, 5, 5), (0, 10, 10)):
            gc.set_threshold(*own)
            with batch._fewer_collections():
                assert gc.get_threshold() == own
            assert gc.get_threshold() == own
    finally:
        gc.set_threshold(*before)


def test_threads_restore_once_all_chunks_end() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        entered, leave = threading.Barrier(3), threading.Event()

        def chunk() -> None:
            with batch._fewer_collections():
                entered.wait()
                leave.wait()

        threads = [threading.Thread(target=chunk) for _ in range(2)]
        for t in threads:
            t.start()
        entered.wait()
        assert gc.get_threshold()[0] == batch._CHUNK_GC_THRESHOLD
        leave.set()
        for t in threads:
            t.join()
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_scoring_leaves_no_reference_cycles(article) -> None:  # type: ignore[no-untyped-def]
    """What a chunk makes is freed when the last reference to it goes, not
    by the collector: no cycles are left behind (the collector would have to
    walk everything they hold; a compiled closure once kept each text's scan
    alive this way)."""
    from newsvet.signals import unattributed_figures as uf

    items = [Item(f"a{i}", "text", article(i, words=300)[1]) for i in range(12)]
    score_chunk(items[:2], BatchOptions())  # lexicons, models and caches loaded
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        rows = score_chunk(items[2:], BatchOptions())
        assert all(r["error"] is None for r in rows)
        del rows
        uf._state.cache_clear()  # the scans a cache holds: freed too
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()
