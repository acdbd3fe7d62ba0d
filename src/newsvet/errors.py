"""The one exception tree of newsvet.

Everything newsvet raises on purpose derives from :class:`NewsvetError`, so a
caller can catch one class. The CLI turns any of them into one line on stderr
and exit code 2.
"""

from __future__ import annotations

__all__ = [
    "NewsvetError",
    "IngestError",
    "EmptyDocumentError",
    "UnsupportedContentError",
    "FetchError",
    "UnsafeURLError",
    "ModelError",
    "DataError",
]


class NewsvetError(Exception):
    """Base class of every error newsvet raises on purpose."""


class IngestError(NewsvetError):
    """The input could not be read or turned into a Document."""


class EmptyDocumentError(IngestError):
    """The input holds no readable text."""


class UnsupportedContentError(IngestError):
    """The input is binary, of an unsupported type, or too large."""


class FetchError(IngestError):
    """A URL could not be fetched (network error, status, size, type, redirects)."""


class UnsafeURLError(FetchError):
    """A URL was refused before fetching (scheme, private or loopback address)."""


class ModelError(NewsvetError):
    """A model file is missing, altered, incompatible or not trusted."""


class DataError(NewsvetError):
    """Training or evaluation data is missing or malformed."""
