"""STUB: hedging signal (to be implemented)."""

from __future__ import annotations

from ..ingest.document import Document
from .base import Measurement, register


@register("hedging", version="0", values=())
def hedging(doc: Document, *, lang: str = "en") -> Measurement:
    """hedging (not implemented yet)."""
    return Measurement(score=None, values={})
