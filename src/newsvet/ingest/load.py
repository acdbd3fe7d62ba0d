"""Bytes, files, stdin and URLs in: the entry points that pick a parser.

:func:`parse_bytes` decides between text and HTML from the content itself
(a name or content type only breaks a tie), decodes it and refuses binary
data. :func:`read_file` and :func:`load_source` add the checks a path or
``-`` (stdin) needs; URLs go to :func:`newsvet.ingest.url.fetch_url`.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import sys
from typing import Any, BinaryIO

from ..errors import EmptyDocumentError, IngestError, UnsafeURLError, UnsupportedContentError
from .detect import check_not_binary, check_text_size, decode_bytes, looks_like_html
from .document import Document
from .html import parse_html
from .text import parse_text

__all__ = ["DEFAULT_MAX_BYTES", "load_source", "parse_bytes", "read_file"]

#: largest file or stdin input read (bytes)
DEFAULT_MAX_BYTES = 20_000_000

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{0,20}):(//)?")


def shown(value: str) -> str:
    """``value`` for a one-line message: as is, or repr() when it holds control characters."""
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029" for ch in value):
        return repr(value)
    return value


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def parse_bytes(
    data: bytes,
    *,
    url: str | None = None,
    content_type: str | None = None,
    name: str | None = None,
) -> Document:
    """Decode ``data`` and parse it as HTML or plain text, whichever it is.

    The content decides: markup at the start, or enough tags, means HTML.
    ``content_type`` supplies a declared charset; ``content_type`` and
    ``name`` only decide when the content is markup-free but declared as HTML
    (it is then still read as text). Binary data (NUL bytes, control bytes,
    PDF/ZIP/PNG/GZIP/... magic numbers) and text longer than
    :data:`~newsvet.ingest.detect.MAX_TEXT_CHARS` raise UnsupportedContentError;
    empty data EmptyDocumentError.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"parse_bytes expects bytes, not {type(data).__name__}")
    data = bytes(data)
    what = shown(name or url or "the input")
    if not data.strip():
        raise EmptyDocumentError(f"{what} is empty")
    check_not_binary(data, what=what)
    decoded = decode_bytes(data, content_type=content_type)
    text = decoded.text
    if _control_share(text) > 0.02:
        raise UnsupportedContentError(f"{what} is binary (control characters after decoding)")
    if looks_like_html(text):
        doc = parse_html(text, url=url)
    else:
        check_text_size(text, what=what)
        doc = parse_text(text, url=url)
        if _declared_html(content_type, name):
            doc = dataclasses.replace(
                doc, warnings=doc.warnings + ("declared as HTML but holds no markup; read as text",)
            )
    return dataclasses.replace(
        doc,
        metadata=dataclasses.replace(doc.metadata, encoding=decoded.encoding),
        warnings=tuple(decoded.warnings) + doc.warnings,
    )


def _declared_html(content_type: str | None, name: str | None) -> bool:
    if content_type and content_type.split(";")[0].strip().lower() in _HTML_TYPES:
        return True
    return bool(name and name.lower().endswith(_HTML_SUFFIXES))


#: control characters other than white space and ESC: C0 below 32, DEL and C1
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    return len(_CONTROL_RE.findall(sample)) / len(sample)


def read_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a text or HTML file into a Document.

    Raises IngestError when the file is missing, a directory, not a regular
    file or unreadable, and UnsupportedContentError when it is larger than
    ``max_bytes`` or binary.
    """
    shown_path = shown(os.fspath(path))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise IngestError(f"no such file: {shown_path}") from None
    except PermissionError:
        raise IngestError(f"cannot read {shown_path}: permission denied") from None
    except (OSError, ValueError) as err:
        raise IngestError(f"cannot read {shown_path}: {_reason(err)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(f"{shown_path} is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(f"{shown_path} is not a regular file")
    if st.st_size > max_bytes:
        raise UnsupportedContentError(
            f"{shown_path} is too large ({_mb(st.st_size)}; the limit is {_mb(max_bytes)})"
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise IngestError(f"cannot read {shown_path}: permission denied") from None
    except OSError as err:
        raise IngestError(f"cannot read {shown_path}: {_reason(err)}") from None
    if len(data) > max_bytes:
        raise UnsupportedContentError(f"{shown_path} is too large (the limit is {_mb(max_bytes)})")
    return parse_bytes(data, name=shown_path)


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def read_stream(
    stream: BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES, name: str = "stdin"
) -> Document:
    """Read a binary stream (stdin) into a Document, refusing more than ``max_bytes``."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as err:
        raise IngestError(f"cannot read {name}: {_reason(err)}") from None
    if len(data) > max_bytes:
        raise UnsupportedContentError(f"{name} is too large (the limit is {_mb(max_bytes)})")
    return parse_bytes(data, name=name)


def load_source(source: str, **options: Any) -> Document:
    """Load ``source``: ``"-"`` reads stdin, an http(s) URL is fetched, anything else is a file.

    ``options`` go to :func:`~newsvet.ingest.url.fetch_url` for URLs (timeout,
    max_bytes, max_redirects, allow_private, transport) and ``max_bytes`` to
    file and stdin reads. Other URL schemes raise UnsafeURLError.
    """
    if source == "-":
        return read_stream(sys.stdin.buffer, max_bytes=options.get("max_bytes", DEFAULT_MAX_BYTES))
    m = _SCHEME_RE.match(source)
    if m and (m.group(2) or m.group(1).lower() in ("http", "https")):
        scheme = m.group(1).lower()
        if scheme not in ("http", "https"):
            raise UnsafeURLError(
                f"refusing {shown(source)}: only http and https URLs can be fetched"
            )
        from .url import fetch_url

        return fetch_url(source, **options)
    unknown = set(options) - {"max_bytes"}
    if unknown:
        raise TypeError(f"options {sorted(unknown)} apply to URLs only")
    return read_file(source, **options)
