"""Ingest: text, HTML, files and URLs in; a :class:`Document` out."""

from __future__ import annotations

from .document import Block, Comment, Document, Link, Metadata

__all__ = ["Block", "Comment", "Document", "Link", "Metadata"]
