"""The shared word pass and the other speed paths of the signals give exactly
what the code they replaced gives (texts written for these tests, and
arbitrary text from hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsvet import segment
from newsvet.ingest.document import Document
from newsvet.signals import ai_markers, seo_filler, unattributed_figures

TEXTS = [
    (
        "In a surprising turn of events, the council said it would act. It’s pivotal, "
        "underscoring the stakes. Moreover, only time will tell."
    ),
    "U.S. officials don't know. Dr. Smith's well-known e.g. remarks -- 3.5 and 12,000.",
    "ΟΔΟΣ said: İstanbul Zürich naïve café. “Quoted words” and ‘more’ here.",
    "snake_case words_ and __init__ stay apart",
    "",
    "   \n\n ",
    "$5 and $ 6, 1,500,000 troops, F-16s, COVID-19, 2024-11-05, No. 5, 4K, 1950s",
]
_alphabet = st.sampled_from(
    ["said", "In", "a", "surprising", "turn", "of", "events", ",", ".", "’", "'", "-", "_",
     "İ", "Σ", "é", "12", "3.5", "$", " ", "\n", "moreover", "pivotal", "U.S.", "it’s"]
)
_texts = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(_alphabet, st.text(max_size=3)), max_size=60).map("".join),
)


def _reference_words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    found = list(re.finditer(r"[^\W_]+(?:['’.-][^\W_]+)*", text))
    return [m.group(0) for m in found], [m.span() for m in found]


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_words_are_word_spans(text: str) -> None:
    w = segment.words(text)
    tokens, spans = _reference_words(text)
    assert list(w.tokens) == tokens
    assert list(zip(w.starts, w.ends)) == spans == segment.word_spans(text)
    if w.lowered is not None:
        assert list(w.lowered) == [t.lower().replace("’", "'") for t in tokens]


def _own_tokens(text: str) -> ai_markers._Found:
    """measure_text with its own word pass (the shared one switched off)."""
    real = ai_markers.text_words
    ai_markers.text_words = lambda t: segment.Words((), (), (), None)  # type: ignore[assignment]
    try:
        return ai_markers.measure_text(text)
    finally:
        ai_markers.text_words = real  # type: ignore[assignment]


@pytest.mark.parametrize("text", TEXTS)
def test_ai_markers_shared_words_equal_its_own(text: str) -> None:
    shared = ai_markers.measure_text(text)
    own = _own_tokens(text)
    assert shared == own


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_ai_markers_shared_words_equal_its_own_on_arbitrary_text(text: str) -> None:
    assert ai_markers.measure_text(text) == _own_tokens(text)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_seo_filler_word_sets_equal_the_regex(text: str) -> None:
    low = text.lower()
    assert seo_filler._az_words(low) == set(re.findall(r"[a-z]+", low))


def _figures_with_every_digit(text: str) -> list[unattributed_figures.Figure]:
    """find_figures when every digit is a candidate start (the first version)."""
    uf = unattributed_figures
    uf._state.cache_clear()
    real = uf._NUMBER_START
    uf._NUMBER_START = re.compile(r"[$€£¥\d](?:(?<=[$€£¥])\d)?(?<=\d)")
    try:
        return uf.find_figures(text)
    finally:
        uf._NUMBER_START = real
        uf._state.cache_clear()


@pytest.mark.parametrize("text", TEXTS)
def test_one_figure_candidate_per_digit_run(text: str) -> None:
    unattributed_figures._state.cache_clear()
    assert unattributed_figures.find_figures(text) == _figures_with_every_digit(text)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["12", "1,500", "3.5", "$", "$4", "€", "F-", "16", "troops", "said",
                         "up to", " ", ", ", ".", "(", ")", "%", "million", "No.", "COVID-"]),
        max_size=30,
    ).map(" ".join)
)
def test_one_figure_candidate_per_digit_run_on_arbitrary_text(text: str) -> None:
    unattributed_figures._state.cache_clear()
    assert unattributed_figures.find_figures(text) == _figures_with_every_digit(text)


def test_document_memos_follow_the_paragraphs() -> None:
    a = Document(paragraphs=("One.", "Two three."))
    b = Document(paragraphs=("Four five.",))
    assert a.body == "One.\n\nTwo three." and a.paragraph_spans() == [(0, 4), (6, 16)]
    assert b.body == "Four five." and b.paragraph_spans() == [(0, 10)]
    spans = a.paragraph_spans()
    spans.append((99, 100))  # a caller's list is its own
    assert a.body == "One.\n\nTwo three." and a.paragraph_spans() == [(0, 4), (6, 16)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["\n", " ", "\t", "• ", "- ", "1. ", "12) ", "Firstly,", "finally,",
                         "x", "\r", "\u2028", "3.", "*", "→ "]),
        max_size=25,
    ).map("".join)
)
def test_list_lines_counted_line_by_line(text: str) -> None:
    pat = ai_markers._LIST_LINE
    assert sum(map(bool, map(pat.match, text.split("\n")))) == len(pat.findall(text))


@pytest.mark.parametrize(
    "text",
    ["Published 3 days ago", "on 5 May 2021", "2019-04-01", "no year here", "12/3/2020", ""],
)
def test_sourcing_year_gate_keeps_every_date(text: str) -> None:
    from newsvet.signals import sourcing

    low = text.lower()
    found = sourcing._DATE.search(low) is not None
    gate = "ago" in low or sourcing._YEAR.search(low) is not None
    assert gate or not found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([".", "!", "?", "…", " ", "\n", "\t", '"', "'", "”", ")", "]", "x", ".."]),
        max_size=30,
    ).map("".join)
)
def test_punctuation_runs_match_as_before(text: str) -> None:
    from newsvet.signals import comment_bots

    old = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n+")
    assert comment_bots._SENTENCE_END.findall(text) == old.findall(text)
    fast = [m.span() for m in segment._BOUNDARY_FAST.finditer(text)]
    assert fast == [m.span() for m in segment._BOUNDARY.finditer(text)]


def test_long_punctuation_runs_are_linear() -> None:
    import time

    from newsvet.signals import comment_bots

    t = time.process_time()
    for ch in ".!?…":
        assert segment.sentence_spans(ch * 20_000 + "x") == [(0, 20_001)]
        comment_bots._SENTENCE_END.findall(ch * 20_000 + "x")
    assert time.process_time() - t < 1.0  # quadratic took seconds per run
