"""STUB: seo_filler signal (to be implemented)."""

from __future__ import annotations

from ..ingest.document import Document
from .base import Measurement, register


@register("seo_filler", version="0", values=())
def seo_filler(doc: Document, *, lang: str = "en") -> Measurement:
    """seo_filler (not implemented yet)."""
    return Measurement(score=None, values={})
