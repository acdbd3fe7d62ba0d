"""STUB: comment_bots signal (to be implemented)."""

from __future__ import annotations

from ..ingest.document import Document
from .base import Measurement, register


@register("comment_bots", version="0", values=())
def comment_bots(doc: Document, *, lang: str = "en") -> Measurement:
    """comment_bots (not implemented yet)."""
    return Measurement(score=None, values={})
