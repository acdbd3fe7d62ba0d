"""STUB: unattributed_figures signal (to be implemented)."""

from __future__ import annotations

from ..ingest.document import Document
from .base import Measurement, register


@register("unattributed_figures", version="0", values=())
def unattributed_figures(doc: Document, *, lang: str = "en") -> Measurement:
    """unattributed_figures (not implemented yet)."""
    return Measurement(score=None, values={})
