"""Tests for the hedging signal (fixture texts written for these tests)."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsvet.ingest.document import Document
from newsvet.signals import REGISTRY
from newsvet.signals.hedging import find_hedges, load_weights

SIGNAL = REGISTRY["hedging"]
ROOT = Path(__file__).resolve().parents[2]


def _sentence(text: str):
    (only,) = find_hedges(text)
    return only


def _voices(text: str) -> dict[str, str]:
    return {c.text.lower(): c.voice for c in _sentence(text).cues}


# ------------------------------------------------------------------- voices
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The army could send 5,000 more troops next month.", "could"),
        ("The convoy was reportedly stopped at the border.", "reportedly"),
        ("The bridge might collapse before winter.", "might"),
        ("The fire was allegedly started by a faulty heater.", "allegedly"),
        ("The plan will likely fail in the senate.", "likely"),
        ("The strike could potentially spread to other ports.", "could potentially"),
    ],
)
def test_own_voice_hedges_make_the_sentence_uncertain(text: str, cue: str) -> None:
    sent = _sentence(text)
    assert sent.uncertain
    assert _voices(text)[cue] == "own"


@pytest.mark.parametrize(
    "text",
    [
        'The minister said: "We could send more troops within weeks."',
        "Defence Minister Jane Doe said the troops could arrive within weeks.",
        "According to the Defence Ministry, the convoy may have been delayed.",
        "The convoy may have been delayed, the ministry said.",
        "Mayor Ana Ruiz warned that the bridge might collapse before winter.",
        "The harbour master, Tom Reyes, suggested that the ships were probably late.",
    ],
)
def test_quoted_or_attributed_hedges_do_not_count(text: str) -> None:
    sent = _sentence(text)
    assert not sent.uncertain, sent.cues
    assert sent.cues and all(c.voice in ("quoted", "attributed") for c in sent.cues
                             if load_weights().counts(c.key))


@pytest.mark.parametrize(
    "text",
    [
        "Reports suggest the convoy was stopped at the border.",
        "It is believed that the convoy was stopped at the border.",
        "Some say the convoy was stopped at the border.",
        "According to some observers, the convoy was stopped at the border.",
        "Experts believe the convoy was stopped at the border.",
        "Many people think the convoy was stopped at the border.",
        "Western officials said the convoy was stopped at the border.",
    ],
)
def test_weasels_make_the_sentence_uncertain(text: str) -> None:
    sent = _sentence(text)
    assert sent.uncertain, sent.cues
    assert any(c.kind == "weasel" and c.voice == "own" for c in sent.cues)


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire began in May and held through the summer.",
        "The ministry confirmed that 40 ships left the port on Tuesday.",
        "The council approved the budget after a long debate.",
        "Russia showed its military might in the parade.",
    ],
)
def test_plain_sentences_are_certain(text: str) -> None:
    assert not _sentence(text).uncertain


# ------------------------------------------------------------ the extractor
def test_values_evidence_and_title() -> None:
    body = (
        "The council approved the budget on Monday.\n\n"
        "The new tax could raise prices for families in the north.\n\n"
        'The mayor said: "It might take years to recover."\n\n'
        "Reports suggest that the treasurer resigned in protest.\n\n"
        "The vote was held in the main hall of the town."
    )
    doc = Document.from_text(body, title="Town budget allegedly rigged")
    sig = SIGNAL(doc)
    v = sig.values
    assert v["sentences"] == 5.0
    assert v["uncertain_sentences"] == 2.0
    assert v["uncertain_share"] == pytest.approx(0.4)
    assert v["weasel_share"] == pytest.approx(0.2)
    assert v["title_hedged"] == 1.0
    assert v["attributed_hedges_share"] is not None and 0 < v["attributed_hedges_share"] < 1
    assert v["cues_per_100_words"] > 0
    assert sig.score is not None and 0 < sig.score < 1
    fields = [(e.field, e.text) for e in sig.evidence]
    assert ("title", "Town budget allegedly rigged") in fields
    body_ev = {e.text: e.reason for e in sig.evidence if e.field == "body"}
    assert body_ev["The new tax could raise prices for families in the north."].startswith('hedge "could"')
    assert "own voice" in body_ev["Reports suggest that the treasurer resigned in protest."]
    assert not any("might" in t for t in body_ev)


def test_score_is_monotone_in_uncertain_share() -> None:
    plain = "The council met on Monday. The budget passed. The mayor left early. Rain fell."
    hedged = (
        "The council may well have met on Monday. The budget reportedly passed. "
        "The mayor left early. Rain fell."
    )
    s1 = SIGNAL(Document.from_text(plain)).score
    s2 = SIGNAL(Document.from_text(hedged)).score
    assert s1 == 0.0
    assert s2 is not None and s2 > s1


def test_empty_body_has_no_score() -> None:
    sig = SIGNAL(Document.from_text("", title="A title"))
    assert sig.score is None
    assert sig.values["title_hedged"] == 0.0


def test_evidence_is_capped() -> None:
    body = "\n\n".join(f"Unit {i} could reportedly move north soon." for i in range(40))
    sig = SIGNAL(Document.from_text(body))
    assert sig.values["uncertain_sentences"] == 40.0
    assert len(sig.evidence) == 20


def test_shipped_weights_file() -> None:
    model = load_weights()
    assert "could" in model.always and "may" not in model.always
    assert model.weights["probably"] > 0
    assert not model.is_uncertain(set())


# --------------------------------------------------------------- properties
_PIECES = [
    "could ", "may ", "May ", "reportedly ", "said ", "Reports suggest ", "according to ",
    "It is believed ", "some say ", '"', "“", "”", ", ", ". ", "\n\n", "Austin ", "which ",
    "the ministry ", "up to 12,000 ", "(", ")", "might ",
]
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=80).map("".join),
)


@settings(max_examples=200, deadline=None)
@given(body=_TEXT, title=_TEXT)
def test_never_raises_and_spans_index_their_field(body: str, title: str) -> None:
    doc = Document.from_text(body, title=title)
    m = SIGNAL.func(doc)  # the raw extractor: exceptions are not swallowed here
    sig = SIGNAL(doc)
    assert sig.score is None or 0.0 <= sig.score <= 1.0
    for v in sig.values.values():
        assert v is None or math.isfinite(v)
    assert len(sig.evidence) == len(m.evidence)
    for e in m.evidence:
        assert doc.field_text(e.field)[e.start : e.end] == e.text


# -------------------------------------------------------------------- seeds
def _seed(seeds_dir: Path, prefix: str) -> Document:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    return Document.from_text(rest, title=first.strip())


def test_seed_sentences_flagged(seeds_dir: Path) -> None:
    cases = {
        "002": "South Korean media suggest",
        "003": "Reports suggest that up to 12,000",
        "000": "which suggested that North Korea",
        "001": "they reportedly moved",
    }
    for prefix, needle in cases.items():
        sig = SIGNAL(_seed(seeds_dir, prefix))
        assert any(needle in e.text and "own voice" in e.reason for e in sig.evidence), prefix


def test_seed_attributed_hedges_are_not_flagged(seeds_dir: Path) -> None:
    sig = SIGNAL(_seed(seeds_dir, "001"))
    assert not any(e.text.startswith("Austin warned") for e in sig.evidence)


# ---------------------------------------------------------------- benchmark
@pytest.mark.slow
def test_cross_validated_f1_on_conll_wikipedia(shared_dir: Path) -> None:
    if not (shared_dir / "signals" / "hedging" / "wiki_weasel_train.csv").is_file():
        pytest.skip("CoNLL-2010 Wikipedia data not present")
    spec = importlib.util.spec_from_file_location(
        "hedging_eval", ROOT / "benchmarks" / "hedging_eval.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    texts, y = bench.load(shared_dir)
    keys = bench.own_keys(texts)
    results = bench.cross_validate(keys, y, 5, 1.0)
    f1 = results["logistic over cues"][2]
    assert f1 >= 0.60
