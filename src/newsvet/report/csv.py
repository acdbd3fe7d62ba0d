"""CSV output: results.jsonl rows, flat (one column per signal score).

Columns: id, source, url, domain, title, reliability, rating, low_confidence,
words, ``<signal>.score`` for every signal, reasons (the top reasons, `` | ``
separated), reason_signals, warnings, model.name, model.version,
model.sha256, error.

Page text is hostile (CSV injection): every text cell that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return, after leading spaces) is written with a leading apostrophe
(``'=HYPERLINK(...)`` shows as text). Numbers (scores, word counts) are
written as numbers. The file is written atomically.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ._atomic import open_atomic

__all__ = ["csv_columns", "flatten_row", "write_csv"]

_HEAD = ("id", "source", "url", "domain", "title", "reliability", "rating", "low_confidence", "words")
_TAIL = ("reasons", "reason_signals", "warnings", "model.name", "model.version", "model.sha256", "error")
_TEXT = frozenset({"id", "source", "url", "domain", "title", "reasons", "reason_signals", "warnings", "error"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_columns(signals: Sequence[str]) -> list[str]:
    return [*_HEAD, *(f"{s}.score" for s in signals), *_TAIL]


def _cell(col: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if col in _TEXT:
        s = " ".join(s.split())
    if s.lstrip(" ").startswith(_FORMULA_START):  # any text column, not only page text
        s = "'" + s
    return s


def flatten_row(row: Mapping[str, Any], signals: Sequence[str]) -> dict[str, Any]:
    """One CSV record (column -> cell text) from a results.jsonl row."""
    model = row.get("model") or {}
    sig = row.get("signals") or {}
    reasons = row.get("reasons") or []
    flat: dict[str, Any] = {c: row.get(c) for c in _HEAD}
    flat.update({f"{s}.score": sig.get(s) for s in signals})
    flat.update({
        "reasons": " | ".join(str(r.get("reason", "")) for r in reasons) or None,
        "reason_signals": " ".join(str(r.get("signal", "")) for r in reasons) or None,
        "warnings": " | ".join(row.get("warnings") or []) or None,
        "model.name": model.get("name"),
        "model.version": model.get("version"),
        "model.sha256": model.get("sha256"),
        "error": row.get("error"),
    })  # fmt: skip
    return {k: _cell(k, v) for k, v in flat.items()}


def write_csv(
    rows: Callable[[], Iterable[Mapping[str, Any]]] | Iterable[Mapping[str, Any]],
    path: str | os.PathLike[str],
    *,
    signals: Sequence[str],
) -> Path:
    """Write the rows to ``path`` atomically (a temporary file, then a rename); return the path.

    ``rows`` may be a callable returning a fresh iterator (streamed, never
    held whole in memory).
    """
    p = Path(path)
    it = rows() if callable(rows) else rows
    cols = csv_columns(signals)
    with open_atomic(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for row in it:
            w.writerow(flatten_row(row, signals))
    return p


def to_csv(rows: Iterable[Mapping[str, Any]], *, signals: Sequence[str]) -> str:
    """The CSV text of ``rows`` (for small sets; files go through :func:`write_csv`)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=csv_columns(signals), extrasaction="ignore")
    w.writeheader()
    for row in rows:
        w.writerow(flatten_row(row, signals))
    return buf.getvalue()
