"""The library API: from a source to an :class:`Assessment`.

>>> import newsvet
>>> a = newsvet.score_text("...article text...", title="Headline")  # doctest: +SKIP
>>> a.rating, round(a.reliability, 2)  # doctest: +SKIP
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import ingest
from .errors import NewsvetError
from .ingest.document import Document
from .ingest.html import PARTIAL_PAGE_WARNING
from .signals import REGISTRY, Signal

__all__ = [
    "MIN_WORDS",
    "MIXED_AT",
    "RELIABLE_AT",
    "Assessment",
    "ModelInfo",
    "extract_signals",
    "rate",
    "score",
    "score_file",
    "score_html",
    "score_text",
    "score_url",
]

#: reliability at or above which an article is rated "reliable"
RELIABLE_AT = 0.6
#: reliability at or above which (and below RELIABLE_AT) it is "mixed"
MIXED_AT = 0.4
#: bodies shorter than this many words get a low-confidence flag
MIN_WORDS = 80


def rate(reliability: float) -> str:
    """The rating band of a reliability: "reliable", "mixed" or "unreliable"."""
    if reliability >= RELIABLE_AT:
        return "reliable"
    if reliability >= MIXED_AT:
        return "mixed"
    return "unreliable"


@dataclass(frozen=True, slots=True)
class ModelInfo:
    name: str
    version: str
    sha256: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version, "sha256": self.sha256}


@dataclass(frozen=True)
class Assessment:
    """A rated, explained verdict on one document."""

    #: calibrated probability that the article comes from a reliable source
    reliability: float
    rating: str
    signals: Mapping[str, Signal]
    explanation: Any  # newsvet.model.Explanation
    document: Document
    model: ModelInfo
    warnings: tuple[str, ...] = ()
    #: True when the verdict should not be relied on (non-English, very short, ...)
    low_confidence: bool = False
    logit: float = 0.0
    extra: Mapping[str, Any] = field(default_factory=dict)

    def top_reasons(self, k: int = 5, *, direction: str | None = "unreliable") -> list[Any]:
        """The ``k`` strongest reasons (Contribution objects) in ``direction``."""
        return list(self.explanation.top_reasons(k, direction=direction))

    def to_dict(self, *, evidence_per_reason: int = 3) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's ``--json`` and the batch rows use it)."""
        md = self.document.metadata
        return {
            "reliability": self.reliability,
            "rating": self.rating,
            "low_confidence": self.low_confidence,
            "logit": self.logit,
            "document": {
                "title": self.document.title,
                "url": md.url,
                "domain": md.domain,
                "author": md.author,
                "published": md.published.isoformat() if md.published else None,
                "site_name": md.site_name,
                "language": md.language,
                "source_type": md.source_type,
                "encoding": md.encoding,
                "words": self.document.word_count,
                "comments": len(self.document.comments),
                "boilerplate_blocks": len(self.document.boilerplate),
            },
            "reasons": [
                _reason_dict(c, evidence_per_reason)
                for c in self.explanation.top_reasons(len(self.explanation.contributions), direction=None)
            ],
            "explanation": {
                "base": self.explanation.base,
                "logit": self.explanation.logit,
                "contributions": {c.feature: c.value for c in self.explanation.contributions},
            },
            "signals": {name: s.to_dict() for name, s in self.signals.items()},
            "model": self.model.to_dict(),
            "warnings": list(self.warnings),
        }


def _reason_dict(c: Any, k: int) -> dict[str, Any]:
    return {
        "feature": c.feature,
        "signal": c.signal,
        "contribution": c.value,
        "direction": "unreliable" if c.value < 0 else "reliable",
        "reason": c.reason,
        "evidence": [e.to_dict() for e in c.evidence[:k]],
    }


# ---------------------------------------------------------------- signals
def extract_signals(
    document_or_text: Document | str,
    *,
    title: str | None = None,
    only: Iterable[str] | None = None,
    lang: str = "en",
) -> dict[str, Signal]:
    """Run the signal extractors (without the model) on a Document or a text.

    A text is taken as a plain article (see :func:`newsvet.ingest.parse_text`);
    an empty text is allowed and gives unmeasured signals. ``only`` restricts
    the run to the named extractors (unknown names raise ValueError).
    """
    if isinstance(document_or_text, Document):
        doc = document_or_text
    elif isinstance(document_or_text, str):
        if document_or_text.strip():
            doc = ingest.parse_text(document_or_text, title=title)
        else:
            doc = Document(title=title or "")
    else:
        raise TypeError("extract_signals() takes a Document or a str")
    names = list(REGISTRY) if only is None else list(only)
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown signal(s): {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
    return {n: REGISTRY[n](doc, lang=lang) for n in names}


# ------------------------------------------------------------------ model
_MODEL_LOCK = threading.Lock()
_DEFAULT_MODEL: Any = None


def _default_model() -> Any:
    global _DEFAULT_MODEL
    with _MODEL_LOCK:
        if _DEFAULT_MODEL is None:
            from .model import load_model

            _DEFAULT_MODEL = load_model()
        return _DEFAULT_MODEL


def _resolve_model(model: Any) -> Any:
    if model is None:
        return _default_model()
    if isinstance(model, (str, os.PathLike)):
        from .model import load_model

        return load_model(model)
    return model


def score(document: Document, *, model: Any = None) -> Assessment:
    """Rate a Document: signals, calibrated reliability, explanation."""
    m = _resolve_model(model)
    return _assess(document, extract_signals(document), m)


def _assess(doc: Document, signals: Mapping[str, Signal], m: Any) -> Assessment:
    pred = m.predict(doc, signals)
    warnings = list(doc.warnings)
    low = False
    if doc.metadata.language not in (None, "en"):
        low = True
    if not doc.paragraphs:
        warnings.append("no article body was found: the rating rests on almost nothing")
        low = True
    elif doc.word_count < MIN_WORDS:
        warnings.append(f"short article ({doc.word_count} words): low confidence")
        low = True
    if doc.metadata.language is None and doc.paragraphs:
        low = True
    # the page was only partly read, or its encoding was a guess
    if any(w.startswith(PARTIAL_PAGE_WARNING) or "low confidence" in w for w in doc.warnings):
        low = True
    for s in signals.values():
        # notes of unmeasured signals ("no comments") are not warnings
        if s.low_confidence and s.notes and s.score is not None:
            warnings.extend(f"{s.name}: {n}" for n in s.notes)
    return Assessment(
        reliability=float(pred.reliability),
        rating=rate(float(pred.reliability)),
        signals=dict(signals),
        explanation=pred.explanation,
        document=doc,
        model=ModelInfo(m.name, m.version, m.sha256),
        warnings=tuple(dict.fromkeys(warnings)),
        low_confidence=low,
        logit=float(pred.logit),
    )


def score_text(
    text: str, *, title: str | None = None, url: str | None = None, model: Any = None
) -> Assessment:
    """Rate a plain-text article (title, chrome and comments are found in it)."""
    return score(ingest.parse_text(text, title=title, url=url), model=model)


def score_html(html: str | bytes, *, url: str | None = None, model: Any = None) -> Assessment:
    """Rate an HTML page."""
    return score(ingest.parse_html(html, url=url), model=model)


def score_file(path: str | os.PathLike[str], *, model: Any = None) -> Assessment:
    """Rate a text or HTML file (the kind is told from the content)."""
    return score(ingest.read_file(path), model=model)


def score_url(url: str, *, model: Any = None, **fetch_options: Any) -> Assessment:
    """Fetch a URL (safely: see :func:`newsvet.ingest.fetch_url`) and rate it."""
    return score(ingest.fetch_url(url, **fetch_options), model=model)


def score_source(source: str, *, model: Any = None, **options: Any) -> Assessment:
    """Rate a file path, an http(s) URL, or ``-`` for standard input."""
    return score(ingest.load_source(source, **options), model=model)


__all__ += ["NewsvetError", "score_source"]
