"""Ingest: text, HTML, files and URLs in; a :class:`Document` out.

- :func:`parse_text` and :func:`parse_html` parse strings (HTML also bytes);
- :func:`parse_bytes` decides between them from the content and decodes it;
- :func:`read_file`, :func:`fetch_url` and :func:`load_source` ("-" for stdin,
  an http(s) URL, or a path) add the checks their sources need.

Every error is an :class:`~newsvet.errors.IngestError` with a one-line message.
"""

from __future__ import annotations

from .document import Block, Comment, Document, Link, Metadata
from .html import parse_html
from .load import DEFAULT_MAX_BYTES, load_source, parse_bytes, read_file
from .text import parse_text
from .url import fetch_url

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Block",
    "Comment",
    "Document",
    "Link",
    "Metadata",
    "fetch_url",
    "load_source",
    "parse_bytes",
    "parse_html",
    "parse_text",
    "read_file",
]
