"""Batch inputs: directories, JSONL files, URL lists and WARC files -> a lazy stream of Items.

>>> from newsvet.inputs import iter_items
>>> for item in iter_items(["articles/", "feed.jsonl", "urls.txt", "crawl.warc.gz"]):  # doctest: +SKIP
...     print(item.id, item.kind)

Each input is read lazily, one item at a time, so memory does not grow with the
input. What an input is comes from what it is on disk, never from its content:

- a directory: every text or HTML file below it (``.txt``, ``.text``, ``.md``,
  ``.html``, ``.htm``, ``.xhtml``, ``.shtml``, their ``.gz`` versions, and files
  without a suffix), walked in sorted order; hidden files and folders are left
  out. The id is the path relative to the directory's parent
  (``articles/2024/a.html``). The worker reads the file, not this process.
- ``.jsonl``: one JSON object per line with ``id`` (optional), one of ``text``,
  ``html`` or ``url``, and optional ``title`` and ``url`` (with ``text`` or
  ``html``, ``url`` is only metadata). Without an id the item is
  ``<file name>:<line>``. A bad line is an error item, not a stop.
- ``.txt`` or ``.csv``: a list of URLs, one per line (``#`` comments and blank
  lines skipped) or, for CSV, the ``url`` column (else the first); an
  ``id`` column is used when present. Ids default to ``<file name>:<line>``.
- ``.warc`` / ``.warc.gz``: the response records of a web crawl (read with
  warcio). Text and HTML responses with a 2xx status are items, 4xx/5xx ones
  are error items, anything else (images, scripts, redirects, requests,
  metadata) is skipped. The id is the record's WARC-Record-ID.
- a single ``.html``/``.htm`` (or ``.gz``) file: one article.

Ids must be unique in a run (``--resume`` relies on them): :func:`iter_items`
suffixes a repeated id with ``#2``, ``#3``... deterministically.

Ids, titles, URLs and file names are data, never paths: nothing builds a
path from them (an audit writes only its fixed file names inside ``--out``).
Ids read from JSONL, CSV and WARC are cut to one line of at most 500
characters.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import IngestError, NewsvetError
from .ingest import DEFAULT_MAX_BYTES

__all__ = ["InputError", "Item", "check_inputs", "input_kind", "iter_items", "read_item_file"]

logger = logging.getLogger("newsvet.inputs")

#: suffixes of article files picked up below a directory (also with ".gz")
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml")
_SINGLE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
#: media types of WARC responses that are scored
WARC_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
#: longest JSONL line read (bytes); longer lines become error items
MAX_LINE_BYTES = DEFAULT_MAX_BYTES


class InputError(NewsvetError):
    """An input that cannot be read at all (missing, unsupported kind)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to score, as cheap to ship to a worker as possible.

    ``kind`` says what ``payload`` is: ``"file"`` (a path the worker reads),
    ``"text"`` / ``"html"`` (the content), ``"bytes"`` (raw page bytes, with
    ``content_type``), ``"url"`` (to fetch), ``"doc"`` (an already parsed
    Document) or ``"error"`` (the payload is the one-line reason).
    """

    id: str
    kind: str
    payload: Any
    title: str | None = None
    url: str | None = None
    source: str = ""
    content_type: str | None = None


# ---------------------------------------------------------------- dispatch
def input_kind(path: str | os.PathLike[str]) -> str:
    """"dir", "jsonl", "urls", "warc" or "article" for an input path; InputError if none."""
    p = Path(path)
    if p.is_dir():
        return "dir"
    if not p.exists():
        raise InputError(f"no such input: {os.fspath(path)}")
    name = p.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith((".txt", ".csv")):
        return "urls"
    if name.removesuffix(".gz").endswith(_SINGLE_SUFFIXES):
        return "article"
    raise InputError(
        f"unsupported input {os.fspath(path)}: give a directory, a .jsonl file, a .txt or .csv "
        "list of URLs, a .warc/.warc.gz file or an .html file"
    )


def check_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Check every input exists and is of a known kind (before any work starts)."""
    out = []
    for x in inputs:
        input_kind(x)
        out.append(os.fspath(x))
    if not out:
        raise InputError("no inputs given")
    return out


def iter_items(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
    """The items of every input, lazily, in order, with ids made unique."""
    seen: dict[str, int] = {}
    for inp in inputs:
        kind = input_kind(inp)
        reader = _READERS[kind]
        for item in reader(Path(inp), os.fspath(inp)):
            n = seen.get(item.id)
            if n is None:
                seen[item.id] = 1
                yield item
                continue
            # a repeated id: suffix it (deterministic, so --resume still matches)
            while True:
                n += 1
                new_id = f"{item.id}#{n}"
                if new_id not in seen:
                    break
            seen[item.id] = n
            seen[new_id] = 1
            yield replace(item, id=new_id)


# ------------------------------------------------------------------ readers
def _is_article_file(name: str) -> bool:
    low = name.lower().removesuffix(".gz")
    if low.endswith(ARTICLE_SUFFIXES):
        return True
    return "." not in low  # a file without a suffix


def _read_dir(path: Path, source: str) -> Iterator[Item]:
    base = path.resolve()
    top = base.parent if base.parent != base else base
    for root, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not _is_article_file(name):
                continue
            full = Path(root) / name
            rel = full.relative_to(top).as_posix()
            yield Item(id=rel, kind="file", payload=str(full), source=source)


def _read_article(path: Path, source: str) -> Iterator[Item]:
    yield Item(id=path.name, kind="file", payload=str(path), source=source)


def _one_line(text: object, limit: int = 300) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _str_or_none(v: Any) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else str(v)


def _read_jsonl(path: Path, source: str) -> Iterator[Item]:
    name = path.name
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(_lines(fh), 1):
            default_id = f"{name}:{lineno}"
            if isinstance(raw, int):  # an over-long line: its length
                yield Item(default_id, "error", f"line {lineno} is longer than {raw:,} bytes",
                           source=source)  # fmt: skip
                continue
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8", errors="replace"))
            except ValueError as err:
                yield Item(default_id, "error", f"line {lineno} is not valid JSON ({_one_line(err)})",
                           source=source)  # fmt: skip
                continue
            yield _jsonl_item(obj, default_id, lineno, source)


def _jsonl_item(obj: Any, default_id: str, lineno: int, source: str) -> Item:
    if not isinstance(obj, dict):
        return Item(default_id, "error", f"line {lineno} is not a JSON object", source=source)
    raw_id = obj.get("id")
    item_id = default_id if raw_id is None or raw_id == "" else _one_line(str(raw_id), 500)
    title = _str_or_none(obj.get("title"))
    url = _str_or_none(obj.get("url"))
    given = [k for k in ("text", "html") if obj.get(k) is not None]
    if len(given) > 1:
        return Item(item_id, "error", "give one of text, html or url, not both text and html",
                    title=title, url=url, source=source)  # fmt: skip
    if given:
        k = given[0]
        value = obj[k]
        if not isinstance(value, str):
            return Item(item_id, "error", f"{k} must be a string", title=title, url=url,
                        source=source)  # fmt: skip
        return Item(item_id, k, value, title=title, url=url, source=source)
    if url:
        return Item(item_id, "url", url, title=title, url=url, source=source)
    return Item(item_id, "error", "the line has none of text, html or url", title=title,
                source=source)  # fmt: skip


def _lines(fh: io.BufferedReader) -> Iterator[bytes | int]:
    """Lines of a binary file; an over-long line is given as its length (int), not read whole."""
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of it
                more = fh.readline(1 << 20)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield size
            continue
        yield line


def _read_urls(path: Path, source: str) -> Iterator[Item]:
    if path.name.lower().endswith(".csv"):
        yield from _read_url_csv(path, source)
        return
    name = path.name
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            yield _url_item(s, f"{name}:{lineno}", source)


def _url_item(url: str, item_id: str, source: str) -> Item:
    if not _URL_RE.match(url):
        return Item(item_id, "error", f"not an http(s) URL: {_one_line(url, 200)}", source=source)
    return Item(item_id, "url", url, url=url, source=source)


def _read_url_csv(path: Path, source: str) -> Iterator[Item]:
    name = path.name
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        header: list[str] | None = None
        url_col, id_col = 0, None
        for lineno, row in enumerate(reader, 1):
            if not row or not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip().lower() for c in row]
                if "url" in header:
                    url_col = header.index("url")
                    id_col = header.index("id") if "id" in header else None
                    continue
                if not _URL_RE.match(row[0].strip()):
                    continue  # a header without a "url" column: URLs are in the first
            cell = row[url_col].strip() if url_col < len(row) else ""
            item_id = f"{name}:{lineno}"
            if id_col is not None and id_col < len(row) and row[id_col].strip():
                item_id = _one_line(row[id_col].strip(), 500)
            yield _url_item(cell, item_id, source)


def _read_warc(path: Path, source: str) -> Iterator[Item]:
    try:
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
        from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
    except ImportError as err:  # pragma: no cover - warcio is a dependency
        raise InputError(f"reading WARC files needs warcio ({err})") from None
    name = path.name
    with open(path, "rb") as fh:
        try:
            # (get_record_offset() would read ahead and empty the record's content)
            for n, record in enumerate(ArchiveIterator(fh), 1):
                item = _warc_item(record, f"{name}:record{n}", source)
                if item is not None:
                    yield item
        except ArchiveLoadFailed as err:
            yield Item(f"{name}:unreadable", "error", f"the WARC file cannot be read further: "
                       f"{_one_line(err)}", source=source)  # fmt: skip


def _warc_item(record: Any, where: str, source: str) -> Item | None:
    if record.rec_type != "response":
        return None
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    item_id = _one_line((headers.get_header("WARC-Record-ID") or "").strip().strip("<>"), 500) or where
    http = record.http_headers
    if http is None:
        return None  # a response record without HTTP (dns:, whois:)
    ctype = http.get_header("Content-Type")
    media = (ctype or "").split(";")[0].strip().lower()
    if media and media not in WARC_TYPES:
        return None
    try:
        status = int(http.get_statuscode() or 0)
    except ValueError:
        status = 0
    if 300 <= status < 400 or (status == 0 and not media):
        return None
    if status >= 400:
        return Item(item_id, "error", f"the crawl recorded HTTP {status} for this page", url=url,
                    source=source)  # fmt: skip
    stream = record.content_stream()
    data = stream.read(DEFAULT_MAX_BYTES + 1)
    if len(data) > DEFAULT_MAX_BYTES:
        return Item(item_id, "error", f"the page is larger than {DEFAULT_MAX_BYTES:,} bytes",
                    url=url, source=source)  # fmt: skip
    return Item(item_id, "bytes", data, url=url, source=source, content_type=ctype)


_READERS = {
    "dir": _read_dir,
    "jsonl": _read_jsonl,
    "urls": _read_urls,
    "warc": _read_warc,
    "article": _read_article,
}


# ------------------------------------------------------------- file items
def read_item_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """A directory item's Document (``.gz`` files are decompressed, with the same size cap)."""
    from .ingest import parse_bytes, read_file

    if not path.lower().endswith(".gz"):
        return read_file(path, max_bytes=max_bytes)
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except (OSError, EOFError) as err:
        raise IngestError(f"cannot read {path}: {_one_line(err)}") from None
    if len(data) > max_bytes:
        raise IngestError(f"{path} is too large once decompressed (the limit is {max_bytes:,} bytes)")
    return parse_bytes(data, name=path[:-3])
