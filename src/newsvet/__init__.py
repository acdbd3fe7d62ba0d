"""newsvet: how far to trust a news article.

The library API::

    import newsvet
    a = newsvet.score_file("article.html")
    a.rating, a.reliability, a.top_reasons(3)

Everything newsvet raises on purpose is a :class:`NewsvetError`.
"""

from __future__ import annotations

import logging

from . import _compiled

_compiled.choose()  # compiled modules, or their source (before any is imported)

from ._version import __version__
from .api import (
    Assessment,
    ModelInfo,
    extract_signals,
    rate,
    score,
    score_file,
    score_html,
    score_source,
    score_text,
    score_url,
)
from .errors import NewsvetError
from .ingest.document import Comment, Document
from .signals import Evidence, Signal

logging.getLogger("newsvet").addHandler(logging.NullHandler())

__all__ = [
    "__version__",
    "Assessment",
    "Comment",
    "Document",
    "Evidence",
    "ModelInfo",
    "NewsvetError",
    "Signal",
    "extract_signals",
    "rate",
    "score",
    "score_file",
    "score_html",
    "score_source",
    "score_text",
    "score_url",
]
