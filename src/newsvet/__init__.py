"""newsvet: how far to trust a news article."""

from __future__ import annotations

import logging

from ._version import __version__
from .errors import NewsvetError
from .ingest.document import Comment, Document

logging.getLogger("newsvet").addHandler(logging.NullHandler())

__all__ = ["__version__", "Comment", "Document", "NewsvetError"]
