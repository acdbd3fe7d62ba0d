"""STUB: sourcing signal (to be implemented)."""

from __future__ import annotations

from ..ingest.document import Document
from .base import Measurement, register


@register("sourcing", version="0", values=())
def sourcing(doc: Document, *, lang: str = "en") -> Measurement:
    """sourcing (not implemented yet)."""
    return Measurement(score=None, values={})
