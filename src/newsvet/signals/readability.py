"""STUB: readability signal (to be implemented)."""

from __future__ import annotations

from ..ingest.document import Document
from .base import Measurement, register


@register("readability", version="0", values=())
def readability(doc: Document, *, lang: str = "en") -> Measurement:
    """readability (not implemented yet)."""
    return Measurement(score=None, values={})
