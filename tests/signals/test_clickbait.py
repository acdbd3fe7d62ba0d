"""Tests for the clickbait signal. Headlines here were written for these
tests; nothing is copied from the training data."""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.ingest.document import Document
from newsvet.signals import REGISTRY
from newsvet.signals.clickbait import HAND_FEATURES, analyze_title, title_ngrams

CLICKBAIT = REGISTRY["clickbait"]
BODY = "The council met on Tuesday and approved the plan after a short debate."

BAIT = [
    "You Won't Believe What This Tiny Village Did With Its Old Phone Boxes",
    "19 Stunning Lighthouses That Will Make You Want To Quit Your Job",
    "This Is Why Nobody Talks About The Spare Room Anymore",
    "Here's What Happens When You Stop Drinking Coffee For A Month",
    "Can You Guess Which City These Doors Belong To?",
    "13 Jaw-Dropping Cakes You Need To See Right Now",
]
NEWS = [
    "Harbour council delays bridge repairs until spring",
    "Central bank holds interest rates at 4.5 percent",
    "Flooding closes main rail line between two northern cities",
    "Court rejects appeal over coastal wind farm permit",
    "Health ministry reports drop in measles cases",
    "Strike at car plant enters third week as talks stall",
]


def _sig(title: str):
    doc = Document.from_text(BODY, title=title)
    sig = CLICKBAIT(doc)
    for e in sig.evidence:
        assert doc.field_text(e.field)[e.start : e.end] == e.text
    return sig


@pytest.mark.parametrize("title", BAIT)
def test_bait_titles_score_high(title: str) -> None:
    assert _sig(title).score > 0.8


@pytest.mark.parametrize("title", NEWS)
def test_news_titles_score_low(title: str) -> None:
    assert _sig(title).score < 0.2


def test_evidence_names_the_bait() -> None:
    sig = _sig("You Won’t Believe These Stunning Photos Of The Old Mill")
    reasons = {e.reason for e in sig.evidence}
    assert 'clickbait phrase "you won’t believe"' in reasons
    assert 'hyperbolic word "stunning"' in reasons
    texts = [e.text for e in sig.evidence]
    assert "You Won’t Believe" in texts and "Stunning" in texts
    assert all(e.field == "title" for e in sig.evidence)


def test_no_duplicate_spans_for_phrase_and_forward_reference() -> None:
    sig = _sig("This Is Why The Old Mill Closed")
    spans = [(e.start, e.end) for e in sig.evidence]
    assert spans == [(0, 11)]
    assert sig.values["forward_reference"] == 1.0
    assert sig.values["bait_phrases"] == 1.0


def test_hand_features() -> None:
    v = analyze_title("17 Things You Should Know About YOUR Garden!").values
    assert v["words"] == 8
    assert v["starts_with_number"] == 1.0
    assert v["second_person"] == 2.0
    assert v["exclamation"] == 1.0 and v["question"] == 0.0
    assert v["caps_words"] == 1.0
    assert v["stopword_share"] == pytest.approx(4 / 8)
    # a title entirely in capitals is a house style, not shouting
    assert analyze_title("FLOODS CLOSE RAIL LINE").values["caps_words"] == 0.0
    plain = analyze_title("Court rejects appeal over wind farm").values
    assert plain["forward_reference"] == 0.0 and plain["starts_with_number"] == 0.0


def test_ngrams_map_numbers_and_apostrophes() -> None:
    a = title_ngrams("21 Cats Who Won’t Sit Still")
    b = title_ngrams("9 cats who won't sit still")
    assert a == b
    assert "w:0 cats" in a and "c: won" in a


def test_no_title_is_unmeasured() -> None:
    for title in ("", "   ", "?!"):
        sig = _sig(title)
        assert sig.score is None
        assert all(v is None for v in sig.values.values())
    assert set(CLICKBAIT.value_names) == {"probability", *HAND_FEATURES}


def test_shipped_weights_are_small_json() -> None:
    path = resources.files("newsvet.signals").joinpath("data", "clickbait-weights-v1.json")
    raw = path.read_bytes()
    assert len(raw) < 2_000_000
    d = json.loads(raw)
    assert d["hand"]["names"] == list(HAND_FEATURES)
    assert all(k[:2] in ("w:", "c:") for k in d["ngrams"])


_PIECES = [
    "You",
    "Won't",
    "Believe",
    "17",
    "THIS",
    "Is Why",
    "here's what",
    "?",
    "!",
    "’",
    "stunning",
    " ",
    "\n",
    "é",
    "İ",
    "jaw-dropping",
    "\x00",
]
_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=40).map(" ".join),
)


@given(title=_TEXT, body=st.text(max_size=100))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_never_raises(title: str, body: str) -> None:
    doc = Document.from_text(body, title=title)
    sig = CLICKBAIT(doc)
    assert not sig.notes or "extractor failed" not in sig.notes[0]
    assert sig.score is None or 0.0 <= sig.score <= 1.0
    for v in sig.values.values():
        assert v is None or math.isfinite(v)
    for e in sig.evidence:
        assert doc.field_text(e.field)[e.start : e.end] == e.text
