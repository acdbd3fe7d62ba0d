"""The audit report: one self-contained HTML page (inline CSS and SVG, no network references).

>>> from newsvet.report.html import render_report
>>> html = render_report(summary)   # doctest: +SKIP   (an AuditSummary)

The page shows the run summary, the distribution of reliability, the signals,
a per-domain table (with the known rating of a domain beside it when ratings
were given, never mixed into the score), the worst articles with their
evidence highlighted in context, and the errors.

Page text is hostile: the template escapes every value (Jinja2 autoescape),
evidence is highlighted by slicing the text at its offsets and escaping each
part, no URL becomes a link, and a Content-Security-Policy forbids scripts
and every network load.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any

from .._version import __version__
from ._atomic import write_atomic

__all__ = ["render_report", "write_report"]

_BAND = {"reliable": "#2e7d32", "mixed": "#b26a00", "unreliable": "#c62828"}


def _env() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("newsvet", "report/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda x: "–" if x is None else f"{100 * x:.0f}%"
    env.filters["num"] = lambda x, d=2: "–" if x is None else f"{x:.{d}f}"
    env.filters["band"] = lambda r: _BAND.get(str(r), "#555")
    return env


def _histogram(summary: Any, *, width: int = 640, height: int = 180) -> dict[str, Any]:
    counts = summary.histogram
    top = max(counts) if any(counts) else 1
    n = len(counts)
    bar_w = width / n
    bars = []
    for i, c in enumerate(counts):
        lo = i / n
        h = 0.0 if c == 0 else max(2.0, (height - 20) * c / top)
        band = "unreliable" if lo < 0.4 - 1e-9 else "mixed" if lo < 0.6 - 1e-9 else "reliable"
        bars.append({
            "x": round(i * bar_w + 1, 2), "y": round(height - 20 - h, 2), "w": round(bar_w - 2, 2),
            "h": round(h, 2), "count": c, "color": _BAND[band],
            "label": f"{lo:.2f}–{lo + 1 / n:.2f}: {c}",
        })  # fmt: skip
    return {"width": width, "height": height, "bars": bars, "top": top,
            "ticks": [{"x": round(width * t, 2), "label": f"{t:.1f}"} for t in (0, 0.2, 0.4, 0.6, 0.8, 1.0)]}  # fmt: skip


def _shares(summary: Any, *, width: int = 640) -> list[dict[str, Any]]:
    x = 0.0
    out = []
    for r in ("unreliable", "mixed", "reliable"):
        share = summary.share(r)
        w = width * share
        out.append({"rating": r, "x": round(x, 2), "w": round(w, 2), "share": share,
                    "count": summary.by_rating[r], "color": _BAND[r]})  # fmt: skip
        x += w
    return out


def _reason_blocks(row: dict[str, Any], *, max_quote: int = 400) -> list[dict[str, Any]]:
    """Reasons of a row with their evidence cut into before / highlighted / after."""
    out = []
    for r in row.get("reasons") or []:
        quotes = []
        seen = set()
        for e in r.get("evidence") or []:
            text = str(e.get("text") or "")
            if not text or text in seen:
                continue
            seen.add(text)
            if len(text) > max_quote:
                text = text[: max_quote - 1] + "…"
            quotes.append({
                "before": str(e.get("before") or ""), "text": text, "after": str(e.get("after") or ""),
                "field": str(e.get("field") or ""), "start": e.get("start"), "end": e.get("end"),
                "reason": str(e.get("reason") or ""),
            })  # fmt: skip
        out.append({"signal": r.get("signal"), "reason": r.get("reason"),
                    "contribution": r.get("contribution"), "quotes": quotes})  # fmt: skip
    return out


def render_report(summary: Any, *, title: str = "newsvet audit", generated: str | None = None,
                  domains: int = 50) -> str:  # fmt: skip
    """The report page for an :class:`~newsvet.report.summary.AuditSummary`, as a string."""
    worst = [dict(row, blocks=_reason_blocks(row)) for row in summary.worst_rows()]
    when = generated or _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return _env().get_template("report.html.j2").render(
        title=title,
        generated=when,
        version=__version__,
        s=summary,
        hist=_histogram(summary),
        shares=_shares(summary),
        signals=summary.signal_table(),
        domains=summary.domain_table(domains),
        domain_limit=domains,
        ratings=summary.ratings,
        worst=worst,
    )


def write_report(summary: Any, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Render the report to ``path`` atomically (a temporary file, then a rename)."""
    p = Path(path)
    write_atomic(p, render_report(summary, **kwargs).encode("utf-8"))
    return p
