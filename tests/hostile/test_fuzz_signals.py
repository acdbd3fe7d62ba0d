"""Fuzzing every registered signal with hypothesis, below the registry's safety net.

The registry wrapper (SignalSpec.__call__) turns an extractor's exception into
an unmeasured signal and drops spans that do not index their field, so these
tests call the extractor itself (``spec.func``): it must not raise, its values
are finite or None, its score in [0, 1] or None, and every evidence span
indexes its field. Failures go to /work/notes/findings.md for the signal's owner.
"""

from __future__ import annotations

import math
import time
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.errors import IngestError
from newsvet.ingest import Block, Comment, Document, Metadata, parse_text
from newsvet.signals import REGISTRY

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: CPU seconds one extractor may take on one small fuzzed document
BOUND = 2.0

_WORDS = [
    "the", "council", "said", "reportedly", "up to", "12,000", "troops", "sources", "say",
    "according to", "experts", "believe", "may", "could", "1e308", "99999999999999999999",
    "-0", "NaN", "inf", "%", "$", "€", "million", "billion", "Dr.", "U.S.", "“", "”", '"', "'",
    "...", "…", "!!!", "?", "\n", "\n\n", "\u200b", "\u202e", "\u2067", "\u00ad", "Ü", "市",
    "Шок", "You", "Won't", "Believe", "What You Will Learn", "You Might Also Like", "lol",
    "great article", "http://x.example", "www.x.com", "#", "@", "[Source: x]", "—", "-", "(", ")",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=12)), max_size=80).map(" ".join),
    st.lists(st.sampled_from(_WORDS), max_size=120).map("".join),
)
_EPOCH = datetime(2024, 1, 1)
dates = st.one_of(
    st.none(),
    st.integers(-10**6, 10**6).map(lambda s: _EPOCH + timedelta(seconds=s)),
    st.sampled_from([datetime.min, datetime.max, datetime(1900, 1, 1), _EPOCH]),
)
comments = st.builds(
    Comment,
    author=st.one_of(st.none(), st.sampled_from(["", "A", "bot1", "Reader \u202e"]), st.text(max_size=15)),
    posted_at=dates,
    text=texts,
    avatar=st.one_of(st.none(), st.sampled_from(["", "Image placeholder", "http://x/a.png"])),
)
blocks = st.builds(
    Block,
    kind=st.sampled_from(["recommendations", "scaffold", "chrome", "caption", "source", "comments", "label", "other"]),
    text=texts,
    heading=st.one_of(st.none(), st.sampled_from(["You Might Also Like", "What You Will Learn", ""])),
)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    body = draw(texts)
    title = draw(st.one_of(texts, st.sampled_from(["", "You Won't Believe This", "!!!" * 50])))
    cs = tuple(draw(st.lists(comments, max_size=12)))
    bs = tuple(draw(st.lists(blocks, max_size=4)))
    md = Metadata(
        published=draw(dates),
        language=draw(st.sampled_from([None, "en", "ru"])),
        language_confidence=draw(st.sampled_from([None, 0.0, 0.5, 1.0])),
    )
    if draw(st.booleans()):
        return Document.from_text(body, title=title, comments=cs, boilerplate=bs, metadata=md)
    try:
        doc = parse_text(title + "\n\n" + body)
    except IngestError:
        return Document(title=title, comments=cs, boilerplate=bs, metadata=md)
    return doc


def _check_measurement(name: str, doc: Document) -> None:
    spec = REGISTRY[name]
    t = time.process_time()
    m = spec.func(doc, lang="en")
    assert time.process_time() - t < BOUND, f"{name} took {time.process_time() - t:.2f}s"
    assert m.score is None or (math.isfinite(m.score) and 0.0 <= m.score <= 1.0), m.score
    for key, value in m.values.items():
        assert value is None or math.isfinite(float(value)), (key, value)
    for ev in m.evidence:
        text = doc.field_text(ev.field)
        assert 0 <= ev.start <= ev.end <= len(text), ev
        assert text[ev.start : ev.end] == ev.text, (ev.field, ev.start, ev.end, ev.text)
    # the wrapped call reports every declared value and never fails
    s = spec(doc)
    assert set(s.values) == set(spec.value_names)
    assert not any(n.startswith("extractor failed") for n in s.notes), s.notes


NAMES = sorted(REGISTRY)


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(doc=documents())
def test_signal_on_random_documents(name: str, doc: Document) -> None:
    _check_measurement(name, doc)


@pytest.mark.parametrize("name", NAMES)
def test_signal_on_empty_and_degenerate_documents(name: str) -> None:
    degenerate = [
        Document(),
        Document(title="x"),
        Document.from_text("."),
        Document.from_text("\u200b\u202e"),
        Document.from_text("a", comments=(Comment(None, None, ""),) * 50),
        Document.from_text("1 " * 500, title="1" * 300),
        Document.from_text(
            "Up to 99999999999999999999999999999999999999 troops. 1e308% of 10^400 people.",
            comments=(Comment("a", datetime.min, "x"), Comment("a", datetime.max, "x")),
        ),
        Document.from_text(
            "The council met.",
            comments=tuple(Comment("bot", _EPOCH + timedelta(minutes=5 * i), "Great post!") for i in range(300)),
        ),
    ]
    for doc in degenerate:
        _check_measurement(name, doc)
