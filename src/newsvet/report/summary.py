"""The summary of an audit, built by streaming over its rows with bounded memory.

>>> from newsvet.report.summary import summarize
>>> s = summarize(rows)          # doctest: +SKIP   (rows: dicts from results.jsonl)
>>> s.mean_reliability, s.share_unreliable, s.domain_table()[:3]  # doctest: +SKIP

Memory does not grow with the number of rows: per-domain aggregates are kept
for at most ``MAX_DOMAINS`` domains (later new domains are pooled into one
"(other domains)" line), only the ``worst`` lowest-rated rows and the first
``keep_errors`` error rows are kept whole.

Known domain ratings (``--ratings FILE``) are looked up for display only: they
are shown beside the text-based score and never change it.
"""

from __future__ import annotations

import csv
import heapq
import math
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import DataError

__all__ = ["AuditSummary", "DomainRatings", "DomainStats", "load_ratings", "summarize"]

#: domains aggregated one by one at most; the rest are pooled
MAX_DOMAINS = 20_000
#: histogram bins of reliability over [0, 1]
BINS = 20
NO_DOMAIN = "(no domain)"
OTHER_DOMAINS = "(other domains)"
RATINGS = ("reliable", "mixed", "unreliable")


# ------------------------------------------------------------------ ratings
def _norm_domain(value: str) -> str:
    s = value.strip().lower()
    if "//" in s:
        try:
            s = urlsplit(s).hostname or ""
        except ValueError:
            return ""
    else:
        s = s.split("/")[0].split(":")[0]
    return s.rstrip(".").removeprefix("www.")


@dataclass
class DomainRatings:
    """Known ratings of domains (from a CSV), looked up by domain or a parent domain."""

    source: str
    column: str
    ratings: dict[str, str]

    def lookup(self, domain: str | None) -> str | None:
        if not domain:
            return None
        d = _norm_domain(domain)
        while d:
            r = self.ratings.get(d)
            if r is not None:
                return r
            if d.count(".") < 2:
                return None
            d = d.split(".", 1)[1]
        return None

    def __len__(self) -> int:
        return len(self.ratings)


_DOMAIN_COLUMNS = ("domain", "site", "url", "source", "website", "host")
_RATING_COLUMNS = ("rating", "pc1", "score", "label", "type", "category", "bias")


def load_ratings(path: str | os.PathLike[str], *, column: str | None = None) -> DomainRatings:
    """Read a CSV of domain ratings: a domain column and a rating column.

    The domain column is the first of domain / site / url / source / website /
    host; the rating column ``column`` or the first of rating / pc1 / score /
    label / type / category / bias. The OpenSources shape (``url,type,
    2nd_type,3rd_type``) gives "type, 2nd_type, 3rd_type". Numbers are shown
    with two decimals. Raises DataError when the file cannot be used.
    """
    p = Path(path)
    try:
        return _read_ratings(p, column)
    except OSError as err:
        raise DataError(f"cannot read ratings file {p}: {err.strerror or err}") from None


def _read_ratings(p: Path, column: str | None) -> DomainRatings:
    with open(p, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise DataError(f"ratings file {p} is empty") from None
        except csv.Error as err:
            raise DataError(f"ratings file {p} is not CSV: {err}") from None
        low = [h.lower() for h in header]
        dcol = next((low.index(c) for c in _DOMAIN_COLUMNS if c in low), None)
        if dcol is None:
            raise DataError(
                f"ratings file {p} has no domain column (one of {', '.join(_DOMAIN_COLUMNS)})"
            )
        if column is not None:
            if column.lower() not in low:
                raise DataError(f"ratings file {p} has no column {column!r}")
            rcols = [low.index(column.lower())]
        else:
            first = next((low.index(c) for c in _RATING_COLUMNS if c in low), None)
            if first is None:
                raise DataError(
                    f"ratings file {p} has no rating column (one of {', '.join(_RATING_COLUMNS)}; "
                    "or pass --ratings-column)"
                )
            rcols = [first]
            if low[first] == "type":  # OpenSources: type, 2nd_type, 3rd_type
                rcols += [low.index(c) for c in ("2nd_type", "3rd_type") if c in low]
        ratings: dict[str, str] = {}
        try:
            for row in reader:
                if dcol >= len(row):
                    continue
                d = _norm_domain(row[dcol])
                vals = [_shown(row[c]) for c in rcols if c < len(row) and row[c].strip()]
                if d and vals and d not in ratings:
                    ratings[d] = ", ".join(dict.fromkeys(vals))
        except csv.Error as err:
            raise DataError(f"ratings file {p} is not valid CSV: {err}") from None
    return DomainRatings(source=p.name, column=" + ".join(header[c] for c in rcols), ratings=ratings)


def _shown(value: str) -> str:
    s = " ".join(value.split())[:60]
    try:
        x = float(s)
    except ValueError:
        return s
    return f"{x:.2f}" if math.isfinite(x) else s


# ------------------------------------------------------------------ summary
@dataclass
class DomainStats:
    articles: int = 0
    errors: int = 0
    reliability_sum: float = 0.0
    unreliable: int = 0
    signals: Counter[str] = field(default_factory=Counter)

    @property
    def mean_reliability(self) -> float | None:
        return self.reliability_sum / self.articles if self.articles else None

    @property
    def share_unreliable(self) -> float | None:
        return self.unreliable / self.articles if self.articles else None


@dataclass
class AuditSummary:
    """Aggregates of an audit's rows (feed rows with :meth:`add`)."""

    ratings: DomainRatings | None = None
    worst: int = 15
    keep_errors: int = 100
    items: int = 0
    scored: int = 0
    errors: int = 0
    low_confidence: int = 0
    reliability_sum: float = 0.0
    by_rating: Counter[str] = field(default_factory=Counter)
    histogram: list[int] = field(default_factory=lambda: [0] * BINS)
    signal_sum: dict[str, float] = field(default_factory=dict)
    signal_measured: Counter[str] = field(default_factory=Counter)
    signal_in_reasons: Counter[str] = field(default_factory=Counter)
    domains: dict[str, DomainStats] = field(default_factory=dict)
    other: DomainStats = field(default_factory=DomainStats)
    error_rows: list[dict[str, Any]] = field(default_factory=list)
    models: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    _worst: list[tuple[float, int, dict[str, Any]]] = field(default_factory=list)

    # --------------------------------------------------------------- feeding
    def add(self, row: Mapping[str, Any]) -> None:
        self.items += 1
        if len(self.sources) < 50 or row.get("source") in self.sources:
            self.sources[str(row.get("source") or "")] += 1
        for name in row.get("signals") or {}:
            if name not in self.signal_sum:
                self.signal_sum[name] = 0.0
        stats = self._domain(row.get("domain"))
        if row.get("error") or row.get("reliability") is None:
            self.errors += 1
            stats.errors += 1
            if len(self.error_rows) < self.keep_errors:
                self.error_rows.append(
                    {k: row.get(k) for k in ("id", "source", "url", "domain", "error")}
                )
            return
        rel = float(row["reliability"])
        self.scored += 1
        self.reliability_sum += rel
        self.by_rating[str(row.get("rating"))] += 1
        self.histogram[min(BINS - 1, max(0, int(rel * BINS)))] += 1
        if row.get("low_confidence"):
            self.low_confidence += 1
        for name, score in (row.get("signals") or {}).items():
            if score is not None:
                self.signal_sum[name] += float(score)
                self.signal_measured[name] += 1
        reason_signals = list(dict.fromkeys(r.get("signal") or r.get("feature") or "?"
                                            for r in row.get("reasons") or ()))  # fmt: skip
        self.signal_in_reasons.update(reason_signals)
        stats.articles += 1
        stats.reliability_sum += rel
        stats.unreliable += row.get("rating") == "unreliable"
        stats.signals.update(reason_signals)
        model = row.get("model") or {}
        self.models[f"{model.get('name')} v{model.get('version')} ({str(model.get('sha256'))[:12]})"] += 1
        key = (-rel, -self.items, dict(row))
        if len(self._worst) < self.worst:
            heapq.heappush(self._worst, key)
        elif key > self._worst[0]:
            heapq.heapreplace(self._worst, key)

    def _domain(self, domain: Any) -> DomainStats:
        d = str(domain) if domain else NO_DOMAIN
        s = self.domains.get(d)
        if s is None:
            if len(self.domains) >= MAX_DOMAINS:
                return self.other
            s = self.domains[d] = DomainStats()
        return s

    # -------------------------------------------------------------- figures
    @property
    def signal_names(self) -> list[str]:
        return list(self.signal_sum)

    @property
    def mean_reliability(self) -> float | None:
        return self.reliability_sum / self.scored if self.scored else None

    @property
    def share_unreliable(self) -> float | None:
        return self.by_rating["unreliable"] / self.scored if self.scored else None

    def share(self, rating: str) -> float:
        return self.by_rating[rating] / self.scored if self.scored else 0.0

    def signal_table(self) -> list[dict[str, Any]]:
        out = []
        for name in self.signal_names:
            n = self.signal_measured[name]
            out.append({
                "signal": name,
                "measured": n,
                "mean_score": self.signal_sum[name] / n if n else None,
                "in_reasons": self.signal_in_reasons[name],
                "share_in_reasons": self.signal_in_reasons[name] / self.scored if self.scored else 0.0,
            })  # fmt: skip
        extra = [s for s in self.signal_in_reasons if s not in self.signal_sum]
        for name in extra:  # e.g. "wording": a model term, not a signal
            out.append({
                "signal": name, "measured": None, "mean_score": None,
                "in_reasons": self.signal_in_reasons[name],
                "share_in_reasons": self.signal_in_reasons[name] / self.scored if self.scored else 0.0,
            })  # fmt: skip
        return out

    def domain_table(self, limit: int | None = 50) -> list[dict[str, Any]]:
        """Domains by number of articles (then name), with their aggregates and known rating."""
        entries = sorted(self.domains.items(), key=lambda kv: (-kv[1].articles, -kv[1].errors, kv[0]))
        if self.other.articles or self.other.errors:
            entries.append((OTHER_DOMAINS, self.other))
        rows = []
        for name, s in entries[:limit] if limit else entries:
            known = None
            if self.ratings is not None and name not in (NO_DOMAIN, OTHER_DOMAINS):
                known = self.ratings.lookup(name)
            rows.append({
                "domain": name,
                "articles": s.articles,
                "errors": s.errors,
                "mean_reliability": s.mean_reliability,
                "share_unreliable": s.share_unreliable,
                "signals": s.signals.most_common(3),
                "known_rating": known,
            })  # fmt: skip
        return rows

    @property
    def domain_count(self) -> int:
        return len(self.domains) + (1 if (self.other.articles or self.other.errors) else 0)

    def worst_rows(self) -> list[dict[str, Any]]:
        """The lowest-rated rows, worst first."""
        return [r for _k, _i, r in sorted(self._worst, key=lambda t: (-t[0], -t[1]))]


def summarize(rows: Iterable[Mapping[str, Any]], *, ratings: DomainRatings | None = None,
              worst: int = 15) -> AuditSummary:  # fmt: skip
    """Stream ``rows`` (results.jsonl rows) into an :class:`AuditSummary`."""
    s = AuditSummary(ratings=ratings, worst=worst)
    for row in rows:
        s.add(row)
    return s
