"""Fuzzing ingest with hypothesis: hostile shapes the property tests in tests/ingest do not reach.

Nothing but an IngestError may escape; a Document is consistent (its fields
read back, its paragraphs index the body), and no input takes unbounded time.
"""

from __future__ import annotations

import codecs
import math
import re
import time
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.errors import IngestError
from newsvet.ingest import Document, parse_bytes, parse_html, parse_text
from newsvet.ingest.detect import decode_bytes, looks_like_html, parse_date

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
NOW = datetime(2025, 1, 1)
_RELATIVE = re.compile(r"ago|yesterday|today|just now", re.IGNORECASE)
#: CPU seconds one small fuzzed input may take (they take milliseconds)
BOUND = 5.0

_TAGS = ["div", "p", "b", "span", "a", "li", "ul", "table", "tr", "td", "article", "section",
         "script", "style", "template", "noscript", "h1", "time", "font", "iframe", "svg"]  # fmt: skip
_ATTRS = ["class='comment'", "class='related'", "id='comments'", "itemprop='text'",
          "itemtype='https://schema.org/Comment'", "datetime='9999-99-99'", "href='javascript:x'",
          "class='fn'", "role='navigation'", "class=\"a\u202eb\"", "title='<p>'", "onload=x"]  # fmt: skip
_TEXTS = ["", "Tram news", "The council met on Tuesday, officials said.", "3 Comments", "2 days ago",
          "\u200b\u202e\u2067", "&amp;&#0;&#x110000;&nbsp;", "<!--", "-->", "]]>", "\x00", "\ufeff",
          "Up to 99999999999999999999 troops", "Городской совет", "市议会", "مجلس"]  # fmt: skip


@st.composite
def html_trees(draw: st.DrawFn, depth: int = 0) -> str:
    """A random HTML fragment: nested elements, attributes, text, broken closings."""
    tag = draw(st.sampled_from(_TAGS))
    attrs = " ".join(draw(st.lists(st.sampled_from(_ATTRS), max_size=3)))
    parts = []
    for _ in range(draw(st.integers(0, 3 if depth < 6 else 0))):
        if draw(st.booleans()):
            parts.append(draw(html_trees(depth + 1)))
        else:
            parts.append(draw(st.one_of(st.sampled_from(_TEXTS), st.text(max_size=30))))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</div>", "</"]))
    return f"<{tag} {attrs}>" + "".join(parts) + close


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    body = "".join(draw(st.lists(html_trees(), min_size=1, max_size=4)))
    # sometimes a deep chain or a long run of comments
    if draw(st.booleans()):
        n = draw(st.integers(1, 400))
        tag = draw(st.sampled_from(["div", "b", "span"]))
        body += f"<{tag}>" * n + draw(st.sampled_from(_TEXTS)) + f"</{tag}>" * draw(st.integers(0, n))
    prefix = draw(st.sampled_from(["", "<!DOCTYPE html>", "<!---->" * 40, "<?xml version='1.0'?>"]))
    return f"{prefix}<html><head><title>{draw(st.sampled_from(_TEXTS))}</title></head><body>{body}</body></html>"


def _timed(fn, arg):  # (Document | IngestError, seconds)
    t = time.process_time()
    try:
        out = fn(arg)
    except IngestError as err:
        out = err
    return out, time.process_time() - t


def _check(out: object, cpu: float) -> None:
    assert cpu < BOUND, cpu
    if isinstance(out, IngestError):
        assert str(out) and "\n" not in str(out)
        return
    assert isinstance(out, Document)
    body = out.body
    assert [body[s:e] for s, e in out.paragraph_spans()] == list(out.paragraphs)
    for name, text in out.fields():
        assert out.field_text(name) == text
    m = out.metadata
    assert m.language_confidence is None or math.isfinite(m.language_confidence)
    for d in [m.published] + [c.posted_at for c in out.comments]:
        assert d is None or isinstance(d, datetime)
    assert all("\n" not in w for w in out.warnings)


@settings(SETTINGS, max_examples=100)
@given(html_pages())
def test_parse_html_on_random_trees(page: str) -> None:
    _check(*_timed(parse_html, page))


@settings(SETTINGS, max_examples=100)
@given(html_pages(), st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-16-le", "shift_jis"]))
def test_parse_bytes_on_encoded_trees(page: str, encoding: str) -> None:
    data = page.encode(encoding, "replace")
    out, cpu = _timed(parse_bytes, data)
    _check(out, cpu)


@SETTINGS
@given(st.binary(min_size=0, max_size=2000))
def test_parse_bytes_on_noise(data: bytes) -> None:
    _check(*_timed(parse_bytes, data))


@SETTINGS
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=20),
            st.sampled_from(
                [b"\xc3\xa9", b"\xe9", b"\x80", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xff\xfe",
                 codecs.BOM_UTF16_BE, b"\xe2\x80", b"caf", b" the council met. ", b"\n\n"]
            ),
        ),
        max_size=60,
    ).map(b"".join)
)  # fmt: skip
def test_decode_bytes_on_mixed_encodings(data: bytes) -> None:
    t = time.process_time()
    decoded = decode_bytes(data)
    assert time.process_time() - t < BOUND
    assert isinstance(decoded.text, str) and decoded.encoding
    # every decoded text can be written back out (no lone surrogates)
    decoded.text.encode("utf-8", "surrogatepass")


@SETTINGS
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_TEXTS + ["\n", "\n\n", " " * 50, "." * 200, "|", "/", "•", "By "]),
            st.text(max_size=40),
        ),
        max_size=80,
    ).map("".join)
)
def test_parse_text_on_hostile_lines(text: str) -> None:
    _check(*_timed(parse_text, text))


@SETTINGS
@given(st.text(max_size=120))
def test_parse_date_never_raises(value: str) -> None:
    d = parse_date(value, now=NOW)
    assert d is None or isinstance(d, datetime)
    if d is not None and not _RELATIVE.search(value):
        assert 1900 <= d.year <= 2200


@SETTINGS
@given(st.text(max_size=3000))
def test_looks_like_html_is_bounded(text: str) -> None:
    t = time.process_time()
    looks_like_html(text)
    assert time.process_time() - t < 1.0
