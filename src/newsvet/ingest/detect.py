"""Detection helpers for ingest: binary content, encodings, markup, dates, language.

Everything here is cheap and bounded: sniffing looks at a prefix of the input,
regular expressions are anchored and free of nested unbounded quantifiers, and
the language identifier sees at most :data:`LANGUAGE_SAMPLE_CHARS` characters.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import logging
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from ..errors import UnsupportedContentError

try:  # hand-written C for the language identifier's walk, where built and used
    from .._speedups import walk_counts as _c_walk_counts
except ImportError:
    _c_walk_counts = None

__all__ = [
    "MAX_TEXT_CHARS",
    "Decoded",
    "LanguageGuess",
    "check_not_binary",
    "check_text_size",
    "decode_bytes",
    "detect_language",
    "looks_like_html",
    "parse_date",
    "strip_invisible",
]

LOGGER = logging.getLogger(__name__)

#: bytes looked at when sniffing for binary content and declared charsets
SNIFF_BYTES = 8192
#: share of C0 control bytes (other than tab, newlines, form feed, escape) above
#: which input counts as binary
MAX_CONTROL_SHARE = 0.02
#: characters of body text given to the language identifier
LANGUAGE_SAMPLE_CHARS = 500
#: below this many letters the language is not guessed at all
MIN_LANGUAGE_LETTERS = 40
#: below this probability a language guess is flagged as low confidence
LOW_LANGUAGE_CONFIDENCE = 0.6
#: longest text (characters) made into a Document: plain text as given, or the
#: visible text of an HTML page. Scoring costs about 2 s of CPU and 200 MB per
#: million characters, so longer input is refused rather than read for minutes;
#: no news article comes near it (a 10,000-word article is about 60,000).
MAX_TEXT_CHARS = 2_000_000
#: a guessed encoding is low confidence when its chaos (charset-normalizer's
#: mess ratio) exceeds this
MAX_ENCODING_CHAOS = 0.1

# (magic prefix, name); checked at offset 0
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\x1f\x8b", "GZIP"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"BZh", "BZIP2"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x28\xb5\x2f\xfd", "Zstandard"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (old Office document)"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"OggS", "Ogg"),
    (b"fLaC", "FLAC"),
    (b"\x00asm", "WebAssembly"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# C0 controls that never occur in text: all but \t \n \v \f \r and ESC
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_XML_DECL_RE = re.compile(rb"""^<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
_CT_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)

# ----------------------------------------------------------------------- size


def check_text_size(text: str, *, what: str = "the text", limit: int = MAX_TEXT_CHARS) -> None:
    """Raise UnsupportedContentError when ``text`` is longer than ``limit`` characters."""
    if len(text) > limit:
        raise UnsupportedContentError(
            f"{what} is too long ({len(text):,} characters; the limit is {limit:,})"
        )


# ------------------------------------------------------------- invisible text
#: characters that render as nothing (or only steer direction) and that a page
#: can slip inside words to hide them from word lists: zero-width space,
#: non-joiner and joiner, word joiner, invisible operators, byte-order mark,
#: soft hyphen, Mongolian vowel separator, and the bidirectional controls
INVISIBLE_CHARS = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARS}]+")


def strip_invisible(text: str) -> tuple[str, str | None]:
    """``text`` without :data:`INVISIBLE_CHARS`, and a warning when any were removed.

    Run by ingest before parsing, so a word split by a zero-width space reads
    as the word; evidence offsets index the cleaned text the Document holds.
    """
    # a rebuild only when something is found: one substring test per
    # character (memchr-like, 0.6 ms for a 170 KB page) is three times cheaper
    # than a character-class search and str.translate with a deletion table
    # costs about 12 ms on such a page
    if not any(ch in text for ch in INVISIBLE_CHARS):
        return text, None
    cleaned = _INVISIBLE_RE.sub("", text)
    removed = len(text) - len(cleaned)
    if not removed:
        return text, None
    return cleaned, (
        f"removed {removed:,} invisible character{'s' if removed != 1 else ''} "
        "(zero-width, soft hyphen or direction controls)"
    )


# --------------------------------------------------------------------- binary


def check_not_binary(data: bytes, *, what: str = "input") -> None:
    """Raise UnsupportedContentError when ``data`` looks binary.

    Known magic numbers (PDF, ZIP, PNG, GZIP, ...), NUL bytes and a high
    share of control bytes count as binary. UTF-16/32 with a byte-order mark,
    or UTF-16 without one, is text.
    """
    head = data[:SNIFF_BYTES]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            raise UnsupportedContentError(f"{what} is binary ({name} data), not text or HTML")
    if len(head) >= 12 and head[4:8] == b"ftyp":
        raise UnsupportedContentError(f"{what} is binary (MP4/QuickTime media), not text or HTML")
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        raise UnsupportedContentError(f"{what} is binary (RIFF media), not text or HTML")
    if _bom_encoding(head) is not None and not head.startswith(codecs.BOM_UTF8):
        return  # UTF-16/32 text: NULs are expected
    if b"\x00" in head:
        if _utf16_without_bom(head) is not None:
            return
        raise UnsupportedContentError(f"{what} is binary (it contains NUL bytes), not text or HTML")
    if head:
        controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
        if controls / len(head) > MAX_CONTROL_SHARE:
            raise UnsupportedContentError(
                f"{what} is binary ({controls} control bytes in the first {len(head)}), "
                "not text or HTML"
            )


def _bom_encoding(data: bytes) -> tuple[int, str, str] | None:
    """(BOM length, codec, encoding name) when ``data`` starts with a byte-order mark."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return len(bom), codec, name
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NULs sit on every other byte, else None."""
    n = len(head) // 2 * 2
    if n < 8:
        return None
    even_nul = head[0:n:2].count(0)
    odd_nul = head[1:n:2].count(0)
    half = n // 2
    if odd_nul >= 0.9 * half and even_nul <= 0.1 * half:
        return "utf-16-le"
    if even_nul >= 0.9 * half and odd_nul <= 0.1 * half:
        return "utf-16-be"
    return None


# ------------------------------------------------------------------- encoding


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    #: the encoding name recorded in Metadata.encoding
    encoding: str
    warnings: tuple[str, ...] = ()


def _codec_name(label: str) -> str | None:
    """Python codec name for a charset label, or None when unknown.

    Follows browsers in reading latin-1 and ascii labels as windows-1252.
    """
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name == "utf-8-sig":
        return "utf-8"
    return name


def declared_charset(data: bytes, *, content_type: str | None = None) -> str | None:
    """The charset a Content-Type header or the document itself declares."""
    if content_type:
        declared = _CT_CHARSET_RE.search(content_type)
        if declared:
            return declared.group(1)
    head = data[:SNIFF_BYTES]
    inline = _XML_DECL_RE.match(head.lstrip()) or _META_CHARSET_RE.search(head)
    if inline:
        return inline.group(1).decode("ascii", "replace")
    return None


def decode_bytes(data: bytes, *, content_type: str | None = None) -> Decoded:
    """Decode ``data``, honouring a BOM, then a declared charset, then guessing.

    The declared charset comes from ``content_type`` (``charset=``), an XML
    declaration or an HTML ``<meta charset>``. Undeclared bytes that are
    valid UTF-8 are UTF-8; anything else goes to charset-normalizer.
    """
    bom = _bom_encoding(data)
    if bom is not None:
        size, codec, name = bom
        return Decoded(data[size:].decode(codec, "replace"), name)
    warnings: list[str] = []
    utf16 = _utf16_without_bom(data[:SNIFF_BYTES]) if b"\x00" in data[:SNIFF_BYTES] else None
    if utf16 is not None:
        return Decoded(data.decode(utf16, "replace"), "utf-16")
    label = declared_charset(data, content_type=content_type)
    if label is not None:
        declared_codec = _codec_name(label)
        if declared_codec is None:
            warnings.append(f"declared charset {label!r} is unknown; encoding guessed")
        elif declared_codec.startswith(("utf-16", "utf-32")):
            # UTF-16/32 without a BOM was caught above by its NUL bytes; bytes without
            # them are not UTF-16, whatever the label says (browsers read it as UTF-8)
            warnings.append(
                f"declared charset {label!r} does not decode the bytes (no NUL bytes); "
                "encoding guessed"
            )
        else:
            try:
                return Decoded(data.decode(declared_codec), declared_codec)
            except (UnicodeDecodeError, LookupError):
                warnings.append(
                    f"declared charset {label!r} does not decode the bytes; encoding guessed"
                )
    try:
        return Decoded(data.decode("utf-8"), "utf-8", tuple(warnings))
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    if mixed is not None:
        return Decoded(mixed, "utf-8", (*warnings, _MIXED_WARNING))
    return _guess(data, warnings)


_MIXED_WARNING = "invalid UTF-8 bytes (mixed encodings) read as windows-1252 (low confidence)"
#: undeclared bytes holding valid multi-byte UTF-8 are read as UTF-8 with windows-1252
#: for the invalid bytes when at most this share of the bytes is invalid, or when there
#: are at least this many valid multi-byte UTF-8 characters per invalid byte: UTF-8
#: text with a few stray or pasted-in legacy bytes, rather than a legacy encoding throughout
MAX_STRAY_SHARE = 0.01
MIN_VALID_PER_INVALID = 1.0


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bytes(bad).decode("cp1252", "replace"), err.end


codecs.register_error("newsvet-cp1252", _cp1252_fallback)


def _mixed_utf8(data: bytes) -> str | None:
    """``data`` read as UTF-8 with invalid bytes as windows-1252, when that is what it is.

    Bytes holding valid multi-byte UTF-8 characters and few invalid bytes (or at
    least as many valid characters as invalid bytes) are mixed or damaged UTF-8;
    otherwise None, and the encoding is guessed.
    """
    replaced = data.decode("utf-8", "replace")
    invalid = replaced.count("\ufffd")
    if not invalid:
        return None
    valid_multibyte = sum(1 for ch in replaced if ord(ch) > 127) - invalid
    if valid_multibyte < 1:
        return None  # no UTF-8 at all: one legacy encoding, guessed as a whole
    if invalid > MAX_STRAY_SHARE * len(data) and valid_multibyte < MIN_VALID_PER_INVALID * invalid:
        return None
    return data.decode("utf-8", "newsvet-cp1252")


def _guess(data: bytes, warnings: list[str]) -> Decoded:
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        warnings.append("could not tell the encoding; decoded as UTF-8 with replacement characters")
        return Decoded(data.decode("utf-8", "replace"), "utf-8", tuple(warnings))
    best = min(matches, key=lambda m: m.chaos)
    close = [m for m in matches if m.chaos <= best.chaos + 0.02]
    # the web's default legacy encoding wins a tie
    for m in close:
        if "cp1252" in m.could_be_from_charset:
            best = m
            break
    encoding = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
    text = str(best)
    readings = {str(m) for m in close}
    if best.chaos > MAX_ENCODING_CHAOS or len(readings) > 1:
        warnings.append(f"encoding guessed as {encoding} (low confidence)")
    return Decoded(text, encoding, tuple(warnings))


# --------------------------------------------------------------------- markup

# the leading comments are an atomic group: a comment ends at its first "-->", and
# "<!---->" * 30 + "x" no longer tries every way of merging comments (2 ** 29 of them)
_HTML_START_RE = re.compile(
    r"\s*(?:<\?xml[^>]{0,200}>\s*)?(?>(?:<!--.{0,2000}?-->\s*)*)"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|base|article|main|header|nav|"
    r"section|div|p|h[1-6]|table|ul|ol|span|script|style|noscript|iframe|form|figure|a|img|br)"
    r"[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG_RE = re.compile(
    r"</?(?:html|head|body|p|div|span|br|a|h[1-6]|li|ul|ol|article|section|img|table|tr|td|"
    r"script|style|meta|link|nav|footer|header|main|aside|figure|strong|em|b|i)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
#: markup tags needed in the sniffed prefix to call a text HTML when it does not start with a tag
MIN_HTML_TAGS = 5


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML, judged from its content."""
    head = text[:SNIFF_BYTES]
    if _HTML_START_RE.match(head):
        return True
    tags = itertools.islice(_HTML_TAG_RE.finditer(head), MIN_HTML_TAGS)
    return sum(1 for _ in tags) >= MIN_HTML_TAGS


# ---------------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_TZ_OFFSETS = {
    "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
    "mdt": -6, "pst": -8, "pdt": -7, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3,
    "jst": 9, "kst": 9,
}  # fmt: skip
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+)?"
)
_TIME = (
    r"(?:\s*(?:,|at|@|-|–|—|\||•|·)?\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*"
    r"(am|pm|a\.m\.|p\.m\.)?(?:\s*\(?(utc|gmt|z|[+-]\d{2}:?\d{2}|[a-z]{3,4})\)?)?)?"
)
_ISO_RE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*"
    r"(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_MDY_RE = re.compile(
    _WEEKDAY + _MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME, re.IGNORECASE
)
_DMY_RE = re.compile(
    _WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+(\d{4})" + _TIME,
    re.IGNORECASE,
)
_NUMERIC_RE = re.compile(_WEEKDAY + r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})" + _TIME, re.IGNORECASE)
_RELATIVE_RE = re.compile(
    r"(?:(\d{1,4}|an?|one)\s+(sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago"
    r"|(yesterday|today|just now))"
    r"(?:\s*(?:at|,)?\s*(\d{1,2})[:.](\d{2})\s*(am|pm)?)?",
    re.IGNORECASE,
)
_DATE_PREFIX_RE = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified|date|dated)(?:\s+(?:on|at))?"
    r"\s*:?\s*|on\s+)",
    re.IGNORECASE,
)
_RELATIVE_UNITS = {
    "sec": timedelta(seconds=1), "second": timedelta(seconds=1), "min": timedelta(minutes=1),
    "minute": timedelta(minutes=1), "hr": timedelta(hours=1), "hour": timedelta(hours=1),
    "day": timedelta(days=1), "week": timedelta(weeks=1), "month": timedelta(days=30),
    "year": timedelta(days=365),
}  # fmt: skip
_DIGIT_RE = re.compile(r"\d")
#: years outside this range are not dates of news articles
MIN_YEAR, MAX_YEAR = 1900, 2200
#: longest string parse_date looks at
MAX_DATE_CHARS = 80


def parse_date(value: str, *, now: datetime | None = None) -> datetime | None:
    """Parse a date or timestamp as pages print it; None when ``value`` is not one.

    The whole of ``value`` must be the date (a leading "on", "Published:" or
    "Updated" is allowed). Understood: ISO 8601, "October 19, 2024 AT 19:54",
    "19 Oct, 2024", "Tuesday, 5 March 2024 7:54 pm", "19/10/2024", RFC 2822,
    and relative forms ("2 days ago", "yesterday") counted back from ``now``
    (default: the current time). The result is timezone-aware only when the
    text names a timezone.
    """
    if len(value) > MAX_DATE_CHARS + 20:
        return None
    s = value.strip().strip("•·|-–— \t").strip()
    if not s or len(s) > MAX_DATE_CHARS:
        return None
    if _DIGIT_RE.search(s) is None and _RELATIVE_RE.match(s) is None:
        return None
    s = _DATE_PREFIX_RE.sub("", s).rstrip(".,;").strip()
    m = _ISO_RE.fullmatch(s)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        return _build(int(y), int(mo), int(d), hh, mm, ss, None, tz)
    m = _MDY_RE.fullmatch(s)
    if m:
        mon, d, y, hh, mm, ss, ampm, tz = m.groups()
        return _build(int(y), _MONTHS[mon.lower()[:3]], int(d), hh, mm, ss, ampm, tz)
    m = _DMY_RE.fullmatch(s)
    if m:
        d, mon, y, hh, mm, ss, ampm, tz = m.groups()
        return _build(int(y), _MONTHS[mon.lower()[:3]], int(d), hh, mm, ss, ampm, tz)
    m = _NUMERIC_RE.fullmatch(s)
    if m:
        a, sep, b, y, hh, mm, ss, ampm, tz = m.groups()
        first, second = int(a), int(b)
        # "." is European day-first; "/" is month-first unless that cannot be
        if sep == "." or first > 12:
            day, month = first, second
        else:
            month, day = first, second
        return _build(int(y), month, day, hh, mm, ss, ampm, tz)
    m = _RELATIVE_RE.fullmatch(s)
    if m:
        return _relative(m, now)
    if "," in s and len(s) >= 16:
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            return None
        return dt if MIN_YEAR <= dt.year <= MAX_YEAR else None
    return None


def _build(
    year: int, month: int, day: int, hh: str | None, mm: str | None, ss: str | None,
    ampm: str | None, tz: str | None,
) -> datetime | None:  # fmt: skip
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    hour = int(hh) if hh else 0
    if ampm:
        pm = ampm.lower().startswith("p")
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if pm else 0)
    try:
        dt = datetime(year, month, day, hour, int(mm) if mm else 0, int(ss) if ss else 0)
    except ValueError:
        return None
    if tz:
        tzinfo = _tzinfo(tz)
        if tzinfo is not None:
            dt = dt.replace(tzinfo=tzinfo)
    return dt


def _tzinfo(tz: str) -> timezone | None:
    t = tz.lower()
    if t in _TZ_OFFSETS:
        return timezone(timedelta(hours=_TZ_OFFSETS[t]))
    if t[0] in "+-":
        digits = t[1:].replace(":", "")
        if len(digits) == 2:
            digits += "00"
        if len(digits) != 4 or not digits.isdigit():
            return None
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 14 or minutes > 59:
            return None
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if t[0] == "-" else delta)
    return None


def _relative(m: re.Match[str], now: datetime | None) -> datetime | None:
    count, unit, word, hh, mm, ampm = m.groups()
    ref = now if now is not None else datetime.now().replace(second=0, microsecond=0)
    if word:
        w = word.lower()
        dt = ref - timedelta(days=1) if w == "yesterday" else ref
        if w == "just now":
            return dt
    else:
        n = 1 if count.lower() in ("a", "an", "one") else int(count)
        key = unit.lower()
        key = {"h": "hr", "hr": "hr"}.get(key, key)
        try:
            dt = ref - n * _RELATIVE_UNITS[key]
        except OverflowError:
            return None
    if hh:
        hour = int(hh)
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
        if hour > 23 or int(mm) > 59:
            return None
        dt = dt.replace(hour=hour, minute=int(mm), second=0, microsecond=0)
    return dt


# ------------------------------------------------------------------- language


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str | None
    confidence: float | None
    warnings: tuple[str, ...] = ()


_NON_LETTER_RE = re.compile(r"[\W\d_]+")


#: (DFA state, space-free run of bytes) walks the language identifier remembers
#: (when it walks in Python)
_WALK_CACHE = 100_000
#: rows of the language identifier's feature table kept widened to float32
_ROW_CACHE = 8192
_ROWS_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    from .langid_tables import load_tables

    class _Identifier(LanguageIdentifier):  # type: ignore[misc]
        """py3langid's identifier with the same scores, faster.

        ``_raw_score`` walks the tokeniser's automaton in C
        (``newsvet._speedups.walk_counts``) or, where that is not built, one
        space-free run of bytes at a time, remembering each run's walk from
        the state it started in (both the same feature sequence as
        ``visit_counts``, so the same counts in the same order); and it
        keeps the float16 rows of the feature table it has met widened to
        float32 (exact), instead of letting the matrix product cast every
        row it needs again: the same float32 operands of the same product.
        """

        def _raw_score(self, text):  # type: ignore[no-untyped-def]
            table = self.nb_ptc
            if not isinstance(text, bytes) or table.dtype != np.float16 or table.ndim != 2:
                return super()._raw_score(text)
            idx, counts = self._counts(text)
            if not len(idx):
                return super()._raw_score(text)
            return np.log1p(counts) @ self._rows(table, idx) + self.nb_pc

        def _counts(self, text: bytes):  # type: ignore[no-untyped-def]
            """The features the walk meets, in the order first met, and their
            counts (float32): what ``visit_counts`` counts, in its order."""
            if _c_walk_counts is not None:
                # the whole walk and the counting in C (newsvet._speedups):
                # no Python object per run, and none left for the garbage
                # collector (the remembered walks of _visits were)
                tables = self.__dict__.get("_walk_tables")
                if tables is None:
                    tables = self.__dict__["_walk_tables"] = (
                        np.asarray(self._rowbase, dtype=np.int64),
                        np.asarray(self.tk_output, dtype=np.int64),
                    )
                try:
                    found, times = _c_walk_counts(
                        text, self.tk_nextmove, *tables, len(self.nb_ptc)
                    )
                except TypeError:  # tables in another layout: the Python walk reads any
                    pass
                else:
                    return (
                        np.frombuffer(found, dtype=np.int64),
                        np.frombuffer(times, dtype=np.float32),
                    )
            visits = self._visits(text)
            return (
                np.fromiter(visits.keys(), dtype=np.intp, count=len(visits)),
                np.fromiter(visits.values(), dtype=np.float32, count=len(visits)),
            )

        def _rows(self, table, idx):  # type: ignore[no-untyped-def]
            """``table[idx].astype(np.float32)``, from the widened rows kept."""
            with _ROWS_LOCK:  # threads share the identifier
                return self._rows_locked(table, idx)

        def _rows_locked(self, table, idx):  # type: ignore[no-untyped-def]
            d = self.__dict__
            if d.get("_rows_of") is not table:
                d["_rows_of"] = table
                d["_slot"] = np.full(len(table), -1, dtype=np.intp)
                d["_wide"] = np.empty((_ROW_CACHE, table.shape[1]), dtype=np.float32)
                d["_used"] = 0
            slot, wide = d["_slot"], d["_wide"]
            where = slot[idx]
            missing = np.flatnonzero(where < 0)
            if len(missing):
                room = min(len(missing), _ROW_CACHE - d["_used"])
                if room < len(missing):
                    # the cache is full: the kept rows from it, the others
                    # widened for this call only
                    rows = wide[np.where(where < 0, 0, where)]
                    rows[missing] = table[idx[missing]].astype(np.float32)
                    return rows
                new = np.arange(d["_used"], d["_used"] + room)
                d["_used"] += room
                rows = idx[missing]
                wide[new] = table[rows].astype(np.float32)
                slot[rows] = new
                where[missing] = new
            return wide[where]

        def _visits(self, text: bytes) -> Counter[int]:
            nm, rowbase, out = self.tk_nextmove, self._rowbase, self.tk_output
            cache = self.__dict__.setdefault("_walks", {})
            if len(cache) > _WALK_CACHE:
                cache.clear()
            found: list[int] = []
            # a walk is keyed by the state before it and the run; every run but
            # the first starts with the space in front of it (state -1: the
            # first run, from state 0 without a space)
            state = -1
            for run in text.split(b" "):
                walk = cache.get((state, run))
                if walk is None:
                    hits = []
                    if state < 0:
                        s, letters = 0, run
                    else:
                        s, letters = state, b" " + run
                    for letter in letters:
                        s = nm[rowbase[s] + letter]
                        f = out[s]
                        if f >= 0:
                            hits.append(f)
                    walk = cache[(state, run)] = (s, tuple(hits))
                state = walk[0]
                found += walk[1]
            return Counter(found)

    # py3langid's model, its large tables mapped from newsvet's cache so that
    # processes share them (see langid_tables); the same arrays as
    # LanguageIdentifier.from_model_file(MODEL_FILE) loads
    t = load_tables()
    return _Identifier(t.ptc, t.pc, t.classes, t.nextmove, t.output, norm_probs=True, tk_row=t.row)


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text`` with py3langid (normalised probabilities).

    Too little text gives no guess and a warning; a language other than
    English, or a low-confidence guess, adds a warning.
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    # enough letters in the first few lines mostly (a count only grows)
    if len(_NON_LETTER_RE.sub("", sample[: 3 * MIN_LANGUAGE_LETTERS])) >= MIN_LANGUAGE_LETTERS:
        letters = MIN_LANGUAGE_LETTERS
    else:
        letters = len(_NON_LETTER_RE.sub("", sample))
    if letters < MIN_LANGUAGE_LETTERS:
        return LanguageGuess(
            None, None, ("text too short to tell its language: signals assume English",)
        )
    lang, conf = _identifier().classify(sample)
    conf = float(conf)
    if lang == "zxx" or math.isnan(conf):  # no linguistic content, or no score
        return LanguageGuess(None, None, ("could not tell the language: signals assume English",))
    warnings: list[str] = []
    if lang != "en":
        warnings.append(
            f"language is {lang!r}, not English: signals and model are built for English; "
            "low confidence"
        )
    elif conf < LOW_LANGUAGE_CONFIDENCE:
        warnings.append(f"language guessed as English with low confidence ({conf:.2f})")
    return LanguageGuess(lang, round(conf, 4), tuple(warnings))
