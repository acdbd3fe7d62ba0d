"""Batch scoring: many items in, one result row per item out, in input order.

>>> from newsvet.batch import run_batch
>>> from newsvet.inputs import iter_items
>>> for row in run_batch(iter_items(["articles/"]), workers=2):  # doctest: +SKIP
...     print(row["id"], row["rating"], row["error"])

- :func:`run_batch` scores a lazy stream of :class:`~newsvet.inputs.Item`\\ s
  and yields rows in input order. Work is cut into chunks; at most
  ``max_in_flight`` chunks are submitted or finished-but-unwritten at any time
  (back-pressure), so memory stays flat however long the input is. Finished
  chunks that overtake an earlier, slower one wait in that bounded window
  (the reorder buffer). Backends: ``"joblib"`` (joblib's loky process pool on
  local cores; ``workers=1`` runs in this process) and ``"dask"`` (a
  dask.distributed cluster, the optional extra ``newsvet[dask]``).
- :func:`audit` runs a whole audit into a folder: ``results.jsonl`` written as
  chunks finish (append-only, fsync per chunk), ``--resume`` after an
  interruption, then ``results.csv`` and ``report.html`` rebuilt from
  ``results.jsonl`` (streamed, bounded memory) and written atomically.
- URLs are fetched in this process by a small thread pool, with a per-host
  concurrency limit, a polite delay between requests to one host and retries
  with exponential backoff on timeouts, connection errors, 429 and 5xx, with
  the safety limits of single scoring (:func:`newsvet.ingest.fetch_url`).

Every failure of an item (IngestError, FetchError, any exception in a worker,
a worker that died) becomes a row with ``error`` set: nothing is dropped.
Each worker process loads the model once (newsvet.api caches it) and rates a
chunk with one vectorised ``Model.predict_many`` call.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import logging
import math
import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import api
from .errors import FetchError, NewsvetError, UnsafeURLError
from .ingest import DEFAULT_MAX_BYTES
from .ingest.text import domain_of
from .inputs import InputError, Item, check_inputs, iter_items, read_item_file

__all__ = [
    "CSV_FILE",
    "REPORT_FILE",
    "RESULTS_FILE",
    "STATE_FILE",
    "AuditResult",
    "BatchOptions",
    "FetchOptions",
    "PoliteFetcher",
    "audit",
    "read_done",
    "run_batch",
    "score_chunk",
    "to_row",
]

logger = logging.getLogger("newsvet.batch")

RESULTS_FILE = "results.jsonl"
CSV_FILE = "results.csv"
REPORT_FILE = "report.html"
STATE_FILE = "audit-state.json"
#: items per chunk sent to a worker
DEFAULT_CHUNK_SIZE = 32
#: characters of context kept on each side of an evidence span
CONTEXT_CHARS = 90


# ------------------------------------------------------------------ options
@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What a worker needs besides the items (picklable, small)."""

    model_path: str | None = None
    trust_model: bool = False
    #: reasons against reliability kept in a row
    top_reasons: int = 3
    #: evidence spans kept per reason
    evidence_per_reason: int = 2
    context_chars: int = CONTEXT_CHARS
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How URLs are fetched: safety limits (as ``newsvet score``) and politeness."""

    timeout: float = 10.0
    max_bytes: int = 5_000_000
    allow_private: bool = False
    #: requests in flight to one host at most
    per_host: int = 2
    #: seconds between the starts of two requests to one host
    delay: float = 1.0
    #: tries per URL (1 = no retry)
    attempts: int = 3
    #: first retry waits this long; each further one twice as long
    backoff: float = 1.0
    #: fetching threads in all
    threads: int = 8
    transport: Any = None


# ------------------------------------------------------------------ rows
def _one_line(text: object, limit: int = 300) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _error_text(err: BaseException | str) -> str:
    if isinstance(err, str):
        return _one_line(err) or "error"
    if isinstance(err, NewsvetError):
        return _one_line(err) or type(err).__name__
    msg = _one_line(err)
    return f"{type(err).__name__}: {msg}" if msg else type(err).__name__


def _context(text: str, start: int, end: int, n: int) -> tuple[str, str]:
    a = max(0, start - n)
    b = min(len(text), end + n)
    before = text[a:start]
    after = text[end:b]
    if a > 0:
        cut = before.find(" ")
        before = "…" + (before[cut + 1 :] if 0 <= cut < len(before) - 1 else before)
    if b < len(text):
        cut = after.rfind(" ")
        after = (after[:cut] if cut > 0 else after) + "…"
    return before, after


def to_row(
    assessment: api.Assessment | None,
    *,
    item: Item,
    error: BaseException | str | None = None,
    options: BatchOptions = BatchOptions(),
) -> dict[str, Any]:
    """The results.jsonl row of one item: from ``assessment.to_dict()``, or an error row.

    Keys (always all present): id, source, url, domain, title, reliability,
    rating, low_confidence, words, signals ({name: score}), reasons (the top
    reasons against reliability with evidence and its context), warnings,
    model ({name, version, sha256}) and error (None or a one-line reason).
    """
    row: dict[str, Any] = {
        "id": item.id,
        "source": item.source,
        "url": item.url,
        "domain": domain_of(item.url),
        "title": item.title,
        "reliability": None,
        "rating": None,
        "low_confidence": None,
        "words": None,
        "signals": {},
        "reasons": [],
        "warnings": [],
        "model": None,
        "error": None,
    }
    if assessment is None:
        row["error"] = _error_text(error if error is not None else "not scored")
        return row
    # the parts of ``assessment.to_dict()`` a row keeps, without the rest
    # (every signal's evidence, the reliable reasons, the document metadata)
    doc = assessment.document
    md = doc.metadata
    row.update(
        url=md.url or item.url,
        domain=md.domain or domain_of(item.url),
        title=doc.title or item.title,
        reliability=assessment.reliability,
        rating=assessment.rating,
        low_confidence=assessment.low_confidence,
        words=doc.word_count,
        signals={name: s.score for name, s in assessment.signals.items()},
        warnings=list(assessment.warnings),
        model=assessment.model.to_dict(),
    )
    expl = assessment.explanation
    # to_dict's reasons (by size) that push towards unreliable, the first few
    against = expl.top_reasons(options.top_reasons, direction="unreliable")
    reasons = [api._reason_dict(c, options.evidence_per_reason) for c in against]
    for r in reasons:
        for e in r["evidence"]:
            before, after = _context(
                doc.field_text(e["field"]), e["start"], e["end"], options.context_chars
            )
            e["before"], e["after"] = before, after
    row["reasons"] = [
        {
            "signal": r["signal"] or r["feature"],
            "feature": r["feature"],
            "contribution": r["contribution"],
            "reason": r["reason"],
            "evidence": r["evidence"],
        }
        for r in reasons
    ]
    return row


# ----------------------------------------------------------------- workers
_MODELS: dict[tuple[str, bool], Any] = {}
_MODELS_LOCK = threading.Lock()


def _worker_model(options: BatchOptions) -> Any:
    """The model of this process, loaded once (the default one is cached by newsvet.api)."""
    if options.model_path is None:
        return api._default_model()
    key = (options.model_path, options.trust_model)
    with _MODELS_LOCK:
        m = _MODELS.get(key)
        if m is None:
            from .model import load_model

            m = _MODELS[key] = load_model(options.model_path, trust=options.trust_model)
        return m


class _Predicted:
    """A model stand-in whose ``predict`` returns a prediction made for a whole chunk."""

    def __init__(self, model: Any, prediction: Any) -> None:
        self.name, self.version, self.sha256 = model.name, model.version, model.sha256
        self._prediction = prediction

    def predict(self, doc: Any, signals: Any = None) -> Any:
        return self._prediction


def _document(item: Item, options: BatchOptions) -> Any:
    from . import ingest

    kind = item.kind
    if kind == "error":
        raise _ItemError(str(item.payload))
    if kind == "doc":
        doc = item.payload
    elif kind == "file":
        doc = read_item_file(item.payload, max_bytes=options.max_bytes)
    elif kind == "text":
        doc = ingest.parse_text(item.payload, title=item.title, url=item.url)
    elif kind == "html":
        doc = ingest.parse_html(item.payload, url=item.url)
    elif kind == "bytes":
        doc = ingest.parse_bytes(item.payload, url=item.url, content_type=item.content_type)
    elif kind == "url":  # run_batch fetches URLs first; this is the unguarded-politeness path
        doc = ingest.fetch_url(item.payload)
    else:
        raise _ItemError(f"unknown item kind {kind!r}")
    if item.title and kind in ("html", "bytes", "doc", "file") and doc.title != item.title:
        doc = dataclasses.replace(doc, title=item.title)
    return doc


class _ItemError(NewsvetError):
    """An item that was an error before it reached the worker."""


# While a chunk is scored the garbage collector's youngest generation is
# collected after this many more allocations than deallocations of container
# objects instead of CPython's 700: a chunk's documents, signals, evidence and
# explanations live until its rows are made, so the count climbs all along,
# and the collections it set off (each walking the young objects, and every
# tenth and hundredth the older ones) took about 2.5 % of the instructions
# (benchmarks/instructions.py: 33.6 M per article at 700, 33.1 M at 20,000,
# 32.9 M with collection off; 31.97 -> 31.72 M from 20,000 to 100,000 after
# later changes). Cycles are few, so little waits longer to be freed.
_CHUNK_GC_THRESHOLD = 100_000


class _GCState:
    lock = threading.Lock()
    chunks = 0  # chunks being scored in this process
    before: tuple[int, ...] = (700, 10, 10)  # the thresholds before the first


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the first garbage-collector threshold while chunks are scored
    (restored when the last one in this process ends; other threads' chunks
    count too)."""
    st = _GCState
    with st.lock:
        if st.chunks == 0:
            old = st.before = gc.get_threshold()
            if old[0] and old[0] < _CHUNK_GC_THRESHOLD:  # 0: collection is off
                gc.set_threshold(_CHUNK_GC_THRESHOLD, *old[1:])
        st.chunks += 1
    try:
        yield
    finally:
        with st.lock:
            st.chunks -= 1
            if st.chunks == 0:
                gc.set_threshold(*st.before)


def score_chunk(items: list[Item], options: BatchOptions = BatchOptions()) -> list[dict[str, Any]]:
    """Rate a chunk of items (in a worker): one row per item, in order, never raising.

    Parsing and signals run per item; the model rates all parsed documents of
    the chunk in one ``predict_many`` call (falling back to one at a time if
    that fails, so one bad document cannot take the others with it).
    """
    with _fewer_collections():
        return _score_chunk(items, options)


def _score_chunk(items: list[Item], options: BatchOptions) -> list[dict[str, Any]]:
    rows: list[dict[str, Any] | None] = [None] * len(items)
    try:
        model = _worker_model(options)
    except Exception as err:  # noqa: BLE001 - every item gets the reason
        return [to_row(None, item=it, error=err, options=options) for it in items]
    parsed: list[tuple[int, Any, Any]] = []
    for i, it in enumerate(items):
        try:
            doc = _document(it, options)
            parsed.append((i, doc, api.extract_signals(doc)))
        except Exception as err:  # noqa: BLE001 - a failed item is a row, never a gap
            rows[i] = to_row(None, item=it, error=err, options=options)
    preds: list[Any] | None
    try:
        # lazy: a row shows a few reasons, and only those are put together
        preds = model.predict_many([p[1] for p in parsed], [p[2] for p in parsed], lazy=True)
    except Exception:
        logger.warning("predicting a chunk at once failed; predicting one at a time", exc_info=True)
        preds = None
    for k, (i, doc, sigs) in enumerate(parsed):
        try:
            pred = preds[k] if preds is not None else model.predict(doc, sigs)
            a = api._assess(doc, sigs, _Predicted(model, pred))
            rows[i] = to_row(a, item=items[i], options=options)
        except Exception as err:  # noqa: BLE001
            rows[i] = to_row(None, item=items[i], error=err, options=options)
    return [r for r in rows if r is not None]


# -------------------------------------------------------------- fetching
_TRANSIENT_RE = re.compile(
    r"timed out|HTTP (?:429|5\d\d)\b|connect|connection|reset|refused|temporar|unreachable"
    r"|remote protocol|server disconnected",
    re.IGNORECASE,
)


def _transient(err: BaseException) -> bool:
    """A fetch error worth retrying: timeouts, connection errors, 429 and 5xx."""
    if isinstance(err, UnsafeURLError) or not isinstance(err, FetchError):
        return False
    return bool(_TRANSIENT_RE.search(str(err)))


class _Host:
    __slots__ = ("lock", "next_start", "slots")

    def __init__(self, per_host: int) -> None:
        self.lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(per_host)
        self.next_start = 0.0


class PoliteFetcher:
    """Fetch URLs with a per-host concurrency limit, a polite delay and retries.

    ``fetch(url)`` returns a Document or raises the last error (a FetchError
    or an UnsafeURLError, never retried). Thread-safe: meant for a pool.
    """

    def __init__(self, options: FetchOptions = FetchOptions(), *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._sleep = sleep
        self.requests = 0

    def _host(self, url: str) -> _Host:
        try:
            key = (urlsplit(url).hostname or "").lower()
        except ValueError:
            key = ""
        with self._lock:
            h = self._hosts.get(key)
            if h is None:
                h = self._hosts[key] = _Host(max(1, self.options.per_host))
            return h

    def _get(self, url: str) -> Any:
        from .ingest import fetch_url

        o = self.options
        h = self._host(url)
        with h.slots:
            with h.lock:  # space out the starts of requests to one host
                now = time.monotonic()
                wait = h.next_start - now
                h.next_start = max(now, h.next_start) + o.delay
            if wait > 0:
                self._sleep(wait)
            with self._lock:
                self.requests += 1
            return fetch_url(
                url, timeout=o.timeout, max_bytes=o.max_bytes, allow_private=o.allow_private,
                transport=o.transport,
            )  # fmt: skip

    def fetch(self, url: str) -> Any:
        attempts = max(1, self.options.attempts)
        for attempt in range(attempts):
            try:
                return self._get(url)
            except FetchError as err:
                if attempt + 1 >= attempts or not _transient(err):
                    raise
                pause = self.options.backoff * (2**attempt)
                logger.info("retrying %s in %.1f s: %s", url, pause, err)
                self._sleep(pause)
        raise AssertionError("unreachable")  # pragma: no cover


def _fetched(items: Iterable[Item], fetcher: PoliteFetcher) -> Iterator[Item]:
    """``items`` with URL items replaced by fetched documents (or errors), in order."""
    threads = max(1, fetcher.options.threads)
    lookahead = 4 * threads
    pending: deque[tuple[Item, Future[Any] | None]] = deque()

    def resolve(entry: tuple[Item, Future[Any] | None]) -> Item:
        it, fut = entry
        if fut is None:
            return it
        try:
            return dataclasses.replace(it, kind="doc", payload=fut.result())
        except Exception as err:  # noqa: BLE001 - a failed fetch is a row
            return dataclasses.replace(it, kind="error", payload=_error_text(err))

    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="newsvet-fetch") as pool:
        for it in items:
            fut = pool.submit(fetcher.fetch, it.payload) if it.kind == "url" else None
            pending.append((it, fut))
            while pending and (
                len(pending) > lookahead or pending[0][1] is None or pending[0][1].done()
            ):
                yield resolve(pending.popleft())
        while pending:
            yield resolve(pending.popleft())


# --------------------------------------------------------------- backends
def _chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _InlineBackend:
    """workers=1: score in this process (no pickling, easiest to debug)."""

    def submit(self, chunk: list[Item], options: BatchOptions) -> Future[Any]:
        f: Future[Any] = Future()
        f.set_result(score_chunk(chunk, options))
        return f

    def close(self) -> None:
        pass


class _JoblibBackend:
    """joblib's loky process pool (the pool ``joblib.Parallel`` uses), driven chunk by chunk.

    ``joblib.Parallel`` dispatches a new task whenever one finishes, whether or
    not the caller has consumed the results, so a slow first chunk lets
    finished ones pile up; submitting to its executor ourselves keeps the
    number of chunks in memory bounded.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor = self._get()

    def _get(self) -> Any:
        from joblib.externals.loky import get_reusable_executor  # type: ignore[import-untyped]

        return get_reusable_executor(
            max_workers=self.workers, timeout=60, env={"OMP_NUM_THREADS": "1",
                                                        "OPENBLAS_NUM_THREADS": "1",
                                                        "MKL_NUM_THREADS": "1"},
        )  # fmt: skip

    def submit(self, chunk: list[Item], options: BatchOptions) -> Future[Any]:
        try:
            return self._executor.submit(score_chunk, chunk, options)
        except Exception:
            logger.warning("the worker pool broke; starting a new one", exc_info=True)
            self._executor = self._get()
            return self._executor.submit(score_chunk, chunk, options)

    def close(self) -> None:
        pass  # the reusable executor shuts its idle workers down by itself


class _DaskBackend:
    """A dask.distributed cluster: ``scheduler`` is an address or a Client."""

    def __init__(self, scheduler: Any) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise NewsvetError(
                "--engine dask needs dask.distributed: pip install \"newsvet[dask]\""
            ) from None
        if scheduler is None:
            raise NewsvetError("--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        if isinstance(scheduler, Client):
            self.client, self._own = scheduler, False
        else:
            try:
                self.client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as err:
                raise NewsvetError(
                    f"cannot reach the dask scheduler {scheduler}: {_one_line(err)}"
                ) from None
            self._own = True

    def submit(self, chunk: list[Item], options: BatchOptions) -> Future[Any]:
        fut: Any = self.client.submit(score_chunk, chunk, options, pure=False)
        return fut  # a distributed Future: result() and cancel() as concurrent.futures

    def close(self) -> None:
        if self._own:
            self.client.close()


def _backend(backend: str, *, workers: int | None, scheduler: Any) -> Any:
    if backend == "joblib":
        n = workers if workers is not None else (os.cpu_count() or 1)
        if n < 1:
            raise NewsvetError("workers must be at least 1")
        return _InlineBackend() if n == 1 else _JoblibBackend(n)
    if backend == "dask":
        return _DaskBackend(scheduler)
    raise NewsvetError(f"unknown engine {backend!r}: use joblib or dask")


def _run_chunks(
    items: Iterable[Item],
    *,
    backend: str = "joblib",
    workers: int | None = None,
    scheduler: Any = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    max_in_flight: int | None = None,
    options: BatchOptions = BatchOptions(),
    fetch: FetchOptions | None = FetchOptions(),
) -> Iterator[list[dict[str, Any]]]:
    """Rows chunk by chunk, in input order, with at most ``max_in_flight`` chunks held."""
    runner = _backend(backend, workers=workers, scheduler=scheduler)
    if max_in_flight is None:
        n = workers or os.cpu_count() or 1
        max_in_flight = 2 * n + 2
    stream: Iterable[Item] = items
    if fetch is not None:
        stream = _fetched(items, PoliteFetcher(fetch))
    pending: deque[tuple[list[Item], Future[Any]]] = deque()
    try:
        for chunk in _chunked(stream, max(1, chunk_size)):
            while len(pending) >= max(1, max_in_flight):
                yield _collect(*pending.popleft(), options)
            # keep only what an error row needs; the worker has the payloads
            meta = [dataclasses.replace(it, payload=None) for it in chunk]
            pending.append((meta, runner.submit(chunk, options)))
            del chunk
        while pending:
            yield _collect(*pending.popleft(), options)
    finally:
        for _meta, fut in pending:
            fut.cancel()
        runner.close()


def _collect(meta: list[Item], fut: Future[Any], options: BatchOptions) -> list[dict[str, Any]]:
    try:
        rows = fut.result()
        if not isinstance(rows, list) or len(rows) != len(meta):
            raise RuntimeError("a worker returned the wrong number of rows")
        return rows
    except Exception as err:  # noqa: BLE001 - a dead worker: its items still get rows
        reason = f"the worker failed: {_error_text(err)}"
        logger.warning("%s", reason)
        return [to_row(None, item=m, error=reason, options=options) for m in meta]


def run_batch(items: Iterable[Item], **kwargs: Any) -> Iterator[dict[str, Any]]:
    """Score ``items`` lazily; yield one row per item, in input order.

    Keywords: ``backend`` ("joblib" or "dask"), ``workers`` (local processes;
    default: all cores; 1 = in this process), ``scheduler`` (dask address or
    Client), ``chunk_size``, ``max_in_flight`` (chunks held at once),
    ``options`` (:class:`BatchOptions`), ``fetch`` (:class:`FetchOptions`
    for URL items; None leaves URL fetching to the workers, without
    politeness).
    """
    for rows in _run_chunks(items, **kwargs):
        yield from rows


# ------------------------------------------------------------------- audit
@dataclass
class AuditResult:
    """What an audit did, and the summary of all its rows."""

    out_dir: Path
    written: int
    skipped: int
    summary: Any  # newsvet.report.summary.AuditSummary
    files: dict[str, Path] = field(default_factory=dict)


def _write_atomic(path: Path, data: bytes) -> None:
    from .report._atomic import write_atomic

    write_atomic(path, data)


def _open_nofollow(path: Path, flags: int, mode: str) -> Any:
    """``open`` that refuses to follow a symbolic link at ``path`` itself."""
    try:
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as err:
        raise InputError(f"cannot open {path}: {_one_line(err)}") from None
    return os.fdopen(fd, mode)


def _check_out_dir(out: Path) -> None:
    """--out must be a real folder (or not exist yet); its output files must be plain files.

    A symbolic link as --out, or as one of the files an audit writes or
    appends to, could send the writes somewhere else: refused.
    """
    if out.is_symlink():
        raise InputError(f"--out {out} is a symbolic link (to {os.readlink(out)}); give the real folder")
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} exists and is not a directory")
    for name in (RESULTS_FILE, CSV_FILE, REPORT_FILE, STATE_FILE):
        f = out / name
        if f.is_symlink() or (f.exists() and not f.is_file()):
            raise InputError(
                f"{f} is a symbolic link or not a regular file; refusing to write through it"
            )


def read_done(path: Path) -> set[str]:
    """The ids already in a results.jsonl; a torn last line (a killed run) is cut off.

    Reading stops at the first line that is not a complete JSON object ending
    in a newline; that line and anything after it are cut off, so those
    items are scored again and every item appears exactly once.
    """
    done: set[str] = set()
    good = 0
    with _open_nofollow(path, os.O_RDWR, "rb+") as fh:
        pos = 0
        for line in fh:
            end = pos + len(line)
            if not line.endswith(b"\n"):
                break
            try:
                row = json.loads(line)
            except ValueError:
                break
            if not isinstance(row, dict) or "id" not in row:
                break
            done.add(str(row["id"]))
            good = pos = end
        if good != os.fstat(fh.fileno()).st_size:
            logger.warning("cutting a partly written line off the end of %s", path)
            fh.truncate(good)
    return done


def _state(inputs: list[str], model: Any) -> dict[str, Any]:
    return {
        "format": "newsvet-audit",
        "version": 1,
        "inputs": [str(Path(x).resolve()) for x in inputs],
        "model": {"name": model.name, "version": model.version, "sha256": model.sha256},
    }


def audit(
    inputs: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    resume: bool = False,
    force: bool = False,
    backend: str = "joblib",
    workers: int | None = None,
    scheduler: Any = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    model_path: str | os.PathLike[str] | None = None,
    trust_model: bool = False,
    ratings: Any = None,
    fetch: FetchOptions = FetchOptions(),
    progress: Callable[[int, int], None] | None = None,
) -> AuditResult:
    """Score every item of ``inputs`` into ``out_dir`` (results.jsonl, results.csv, report.html).

    ``resume`` continues an interrupted run into the same folder (the ids
    already written are skipped; the inputs and model must be the same);
    ``force`` starts over, replacing earlier results. Without either, a folder
    that already holds results is refused. ``progress(done, errors)`` is
    called after each chunk. ``ratings`` (a CSV path or a DomainRatings) are
    shown beside the scores in the report. Returns an :class:`AuditResult`.
    """
    from .report.csv import write_csv
    from .report.html import write_report
    from .report.summary import DomainRatings, load_ratings, summarize

    names = check_inputs(inputs)
    rating_table = ratings if ratings is None or isinstance(ratings, DomainRatings) else load_ratings(ratings)
    options = BatchOptions(
        model_path=os.fspath(model_path) if model_path is not None else None,
        trust_model=trust_model,
    )
    out = Path(out_dir)
    _check_out_dir(out)
    model = _worker_model(options)  # loads (and checks) it here before any work starts
    out.mkdir(parents=True, exist_ok=True)
    results = out / RESULTS_FILE
    state_path = out / STATE_FILE
    state = _state(names, model)
    done: set[str] = set()
    if results.exists() and results.stat().st_size > 0:
        if force:
            results.unlink()
        elif not resume:
            raise InputError(
                f"{out} already holds results: pass --resume to continue that run, or --force to "
                "start over"
            )
        else:
            _check_resumable(state_path, state)
            done = read_done(results)
    _write_atomic(state_path, (json.dumps(state, indent=2) + "\n").encode())
    items = (it for it in iter_items(names) if it.id not in done)
    written = errors = 0
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
    with _open_nofollow(results, flags, "ab") as fh:
        for rows in _run_chunks(
            items, backend=backend, workers=workers, scheduler=scheduler,
            chunk_size=chunk_size, options=options, fetch=fetch,
        ):  # fmt: skip
            _append_chunk(fh, b"".join(_jsonl(r) for r in rows))
            written += len(rows)
            errors += sum(1 for r in rows if r["error"])
            if progress is not None:
                progress(written, errors)
    summary = summarize(_iter_rows(results), ratings=rating_table)
    files = {
        "results": results,
        "csv": write_csv(lambda: _iter_rows(results), out / CSV_FILE, signals=summary.signal_names),
        "report": write_report(summary, out / REPORT_FILE),
    }
    return AuditResult(out_dir=out, written=written, skipped=len(done), summary=summary, files=files)


def _check_resumable(state_path: Path, state: dict[str, Any]) -> None:
    try:
        old = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(
            f"cannot resume: {state_path} is missing or unreadable (pass --force to start over)"
        ) from None
    if old.get("inputs") != state["inputs"]:
        raise InputError("cannot resume: the earlier run had other inputs "
                         f"({', '.join(old.get('inputs') or [])})")  # fmt: skip
    if (old.get("model") or {}).get("sha256") != state["model"]["sha256"]:
        raise InputError("cannot resume: the earlier run used another model (pass --force to start over)")


def _append_chunk(fh: Any, data: bytes) -> None:
    """Append one chunk's lines with one write, flush and fsync.

    If writing fails midway (a full disk, an I/O error) the file is cut back
    to where the chunk began, so no torn line stays behind; a kill midway can
    still leave one, which ``--resume`` (:func:`read_done`) cuts off.
    """
    start = os.fstat(fh.fileno()).st_size
    try:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    except BaseException:
        try:
            fh.flush()
        except OSError:
            pass
        try:
            os.ftruncate(fh.fileno(), start)
        except OSError:
            logger.warning("could not cut a partly written chunk off %s", fh.name)
        raise


def _jsonl(row: dict[str, Any]) -> bytes:
    try:
        text = json.dumps(row, ensure_ascii=False, allow_nan=False)
    except ValueError:  # a NaN or infinity somewhere: JSON has no such number
        text = json.dumps(_finite(row), ensure_ascii=False, allow_nan=False)
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (a JSON "\\ud800", an undecodable file name)
        return (json.dumps(_clean_text(_finite(row)), ensure_ascii=False) + "\n").encode("utf-8")


def _finite(v: Any) -> Any:
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_finite(x) for x in v]
    return v


def _clean_text(v: Any) -> Any:
    """``v`` with every string made encodable as UTF-8 (lone surrogates become U+FFFD)."""
    if isinstance(v, str):
        return v.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(v, dict):
        return {_clean_text(k): _clean_text(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean_text(x) for x in v]
    return v


def _iter_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a results.jsonl, streamed."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
