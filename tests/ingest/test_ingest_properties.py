"""Property tests: ingest never raises anything but IngestError, and Documents are consistent."""

from __future__ import annotations

import math
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.errors import IngestError
from newsvet.ingest import Document, parse_bytes, parse_html, parse_text
from newsvet.ingest.detect import strip_invisible

# lines that look like the parts of a farm page, to reach the parser's branches
_PIECES = [
    "Harbour Bridge Tolls To Double",
    "By Jane Doe | March 3, 2024",
    "• by Ali Khan",
    "on 19 Oct, 2024",
    "2024-11-05",
    "CLOSE",
    "Loading...",
    "12° Oslo,",
    "Home / News",
    "TAGS",
    "A | B | C",
    "What You Will Learn",
    "• A point.",
    "You Might Also Like",
    "Details",
    "Read more: Something else",
    "[Source: Outlet]",
    "Photo: A. Person/AFP",
    "3 Comments",
    "Image placeholder",
    "Maria Lopez",
    "October 19, 2024 AT 19:54",
    "2 days ago",
    "Write a comment",
    "Leave a Reply",
    "Reply",
    "The committee met on Monday and agreed to publish the report, officials said on Tuesday.",
    "",
    "   ",
]
_HTML_PIECES = [
    "<html>", "<body>", "<p>", "</p>", "<div class='comment'>", "</div>", "<nav>", "</nav>",
    "<aside class='related'>", "<h2>You Might Also Like</h2>", "<time datetime='2024-01-02'>",
    "<span class='fn'>Sam</span>", "<script>x=1</script>", "<a href='/x'>link</a>", "<li>",
    "<article>", "<ol class='commentlist'>", "<figcaption>", "&amp;", "&#0;", "<!--", "-->",
    "<meta charset='utf-8'>", "<br>", "<table><tr><td>", "<div id='comments'>",
    "<div itemscope itemtype='https://schema.org/Comment'>", "<p itemprop='text'>",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=40)), max_size=40).map("\n".join),
)
htmls = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.one_of(st.sampled_from(_HTML_PIECES), st.sampled_from(_PIECES), st.text(max_size=30)),
        max_size=40,
    ).map("".join),
)

NOW = datetime(2025, 1, 1)


def _check(doc: Document) -> None:
    assert isinstance(doc, Document)
    assert isinstance(doc.title, str) and isinstance(doc.page, str)
    for p in doc.paragraphs:
        assert isinstance(p, str) and p == p.strip() and p
    body = doc.body
    spans = doc.paragraph_spans()
    assert [body[s:e] for s, e in spans] == list(doc.paragraphs)
    names = [name for name, _ in doc.fields()]
    assert names[0] == "title" and names[1] == "body" and names[-1] == "page"
    assert len(names) == 3 + len(doc.comments) + len(doc.boilerplate)
    for name, text in doc.fields():
        assert doc.field_text(name) == text
    for c in doc.comments:
        assert isinstance(c.text, str)
        assert c.posted_at is None or isinstance(c.posted_at, datetime)
    for b in doc.boilerplate:
        assert b.kind in (
            "recommendations",
            "scaffold",
            "chrome",
            "caption",
            "source",
            "comments",
            "other",
        )
        assert b.text
    m = doc.metadata
    if m.language_confidence is not None:
        assert math.isfinite(m.language_confidence) and 0.0 <= m.language_confidence <= 1.0
        assert m.language is not None
    assert all(isinstance(w, str) and "\n" not in w for w in doc.warnings)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_parse_text_never_raises_other_errors(text):
    try:
        doc = parse_text(text, now=NOW)
    except IngestError as err:
        assert "\n" not in str(err)
        return
    _check(doc)
    # the page is the input as read, without invisible characters
    assert doc.page == strip_invisible(text)[0]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(htmls)
def test_parse_html_never_raises_other_errors(html):
    try:
        doc = parse_html(html, now=NOW)
    except IngestError as err:
        assert "\n" not in str(err)
        return
    _check(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_parse_bytes_never_raises_other_errors(data):
    try:
        doc = parse_bytes(data)
    except IngestError as err:
        assert "\n" not in str(err)
        return
    _check(doc)
    assert doc.metadata.encoding
