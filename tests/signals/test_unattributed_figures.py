"""Tests for the unattributed_figures signal (fixture texts written for these tests)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsvet.ingest.document import Document
from newsvet.signals import REGISTRY
from newsvet.signals.unattributed_figures import find_attributions, find_figures

SIGNAL = REGISTRY["unattributed_figures"]


def _only(text: str):
    figs = find_figures(text)
    assert len(figs) == 1, [f.text for f in figs]
    return figs[0]


# ---------------------------------------------------------------- attribution
@pytest.mark.parametrize(
    "text",
    [
        "Defence Minister Jane Doe said 4,000 soldiers had crossed the border.",
        "The ministry announced that 4,000 soldiers had crossed the border.",
        "According to the Interior Ministry, 250 people were evacuated overnight.",
        "About 250 people were evacuated overnight, the ministry said.",
        "Roughly 250 people were evacuated, said Maria Lopez, the mayor of Riverton.",
        "The harbour authority's spokesperson, Tom Reyes, confirmed that 18 ships were held.",
        "Blue Harbor Shipping reported that 18 ships were held in port.",
    ],
)
def test_named_sources_attribute_the_figure(text: str) -> None:
    assert _only(text).attribution == "attributed"


def test_direct_quote_attributes_the_figure() -> None:
    fig = _only('"We lost 30 vehicles in one night," the commander told reporters.')
    assert fig.attribution == "attributed"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Reports suggest that up to 12,000 soldiers were moved east.", "Reports suggest"),
        ("Western officials said 5,000 troops had arrived in the port.", "Western officials said"),
        ("Local media suggest that 40 soldiers died in the attack.", "Local media suggest"),
        ("It is estimated that 2,000 homes were damaged by the storm.", "is estimated"),
        ("According to some analysts, 600 tanks have been lost.", "According to some analysts"),
        ("Experts believe the city needs 3,000 new teachers.", "Experts believe"),
    ],
)
def test_vague_sources_are_marked_vague(text: str, source: str) -> None:
    fig = _only(text)
    assert fig.attribution == "vague"
    assert source in (fig.source or "")


def test_figure_without_any_source_is_unattributed() -> None:
    fig = _only("The river valley holds 12,000 sheep and a handful of farms.")
    assert fig.attribution == "unattributed"
    assert fig.source is None


def test_previous_sentence_attribution_when_the_next_goes_on_from_it() -> None:
    figs = find_figures(
        "The agency's director, Ana Ruiz, spoke on Monday about the flood. "
        "She said 300 homes were lost."
    )
    assert [f.attribution for f in figs] == ["attributed"]
    # without a continuing pronoun the previous sentence does not count
    figs = find_figures("Ana Ruiz said the flood was severe. Some 300 homes were lost.")
    assert [f.attribution for f in figs] == ["unattributed"]


def test_named_versus_vague_frames() -> None:
    text = (
        "Austin said the army was ready. Officials said more were coming. "
        "South Korea's defence ministry announced new figures. "
        "South Korean media reported the move."
    )
    kinds = [[f.kind for f in fs] for fs in find_attributions(text)]
    assert kinds == [["named"], ["vague"], ["named"], ["vague"]]


# ----------------------------------------------------------- what is a figure
def test_dates_years_times_names_and_ordinals_are_not_figures() -> None:
    text = (
        "In 2024 the G7 summit opened on 5 March at 10 a.m. in Rome. "
        "Leaders discussed COVID-19, F-16 jets and the MH17 inquiry on October 12, 2023. "
        "It was the first meeting since the 1990s, held in the 5th district. "
        "The prime minister, 45, spoke for 20 minutes about a 3-year plan. "
        "See page 12 and resolution 2231 at No. 5 Main Street."
    )
    doc = Document.from_text(text)
    sig = SIGNAL(doc)
    assert find_figures(doc.body) == []
    assert sig.values["figures"] == 0.0
    assert sig.score is None


def test_counts_percentages_money_and_spelled_numbers() -> None:
    text = (
        "Prices rose 12% this year and the deal is worth $4 billion to the region. "
        "Three generals and dozens of soldiers were captured near 1.2 million residents."
    )
    figs = find_figures(text)
    got = {(f.text, f.kind) for f in figs}
    assert ("12%", "percent") in got
    assert ("$4 billion", "money") in got
    assert ("Three generals", "count") in got
    assert any(f.kind == "imprecise" and f.hedge == "imprecise" for f in figs)
    million = next(f for f in figs if f.text.startswith("1.2 million"))
    assert million.value == pytest.approx(1.2e6)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("Up to 12,000 soldiers may be sent, the ministry said.", "Up to"),
        ("As many as 300 boats were seen, the coast guard said.", "As many as"),
        ("Approximately 1,500 workers went on strike, the union said.", "Approximately"),
        ("More than 350,000 tickets were sold, the organisers said.", "More than"),
        ("The company said 2,000 jobs would go.", None),
        ("The port was busy.\n\nOver 300 ships waited, the harbour master said.", "Over"),
    ],
)
def test_hedged_quantifiers_are_recorded(text: str, hedge: str | None) -> None:
    fig = _only(text)
    assert fig.hedge == hedge
    if hedge:
        assert text[fig.hedge_start : fig.end].startswith(hedge)


# ------------------------------------------------------------------ conflicts
def test_conflicting_figures_for_the_same_thing() -> None:
    text = (
        "Officials said 3,000 troops were sent north.\n\n"
        "Later the ministry said 10,000 soldiers had arrived.\n\n"
        "Another report put the number at 1,500 troops."
    )
    sig = SIGNAL(Document.from_text(text))
    assert sig.values["conflicting_groups"] == 1.0
    reasons = [e.reason for e in sig.evidence if "elsewhere" in e.reason]
    assert len(reasons) == 3
    assert "troops given as 3,000 here but 1,500 and 10,000 elsewhere" in reasons


def test_no_conflict_when_every_figure_has_a_named_source() -> None:
    text = (
        "The ministry said 3,000 troops were sent north. "
        "Defence Minister Jane Doe said 10,000 troops had arrived."
    )
    assert SIGNAL(Document.from_text(text)).values["conflicting_groups"] == 0.0


def test_no_conflict_between_different_things() -> None:
    text = (
        "The ministry said 600,000 Russian soldiers were deployed. "
        "Officials said 12,000 North Korean soldiers arrived. "
        "Reports say up to 40 North Korean soldiers were killed. "
        "The ministry said 11,000 North Korean troops were counted."
    )
    sig = SIGNAL(Document.from_text(text))
    assert sig.values["conflicting_groups"] == 0.0


# ---------------------------------------------------------- values and score
def test_values_evidence_and_score() -> None:
    text = (
        "Reports suggest that up to 12,000 soldiers were moved east.\n\n"
        "The army has 800 tanks in the region.\n\n"
        "The ministry said 40 aircraft were ready."
    )
    doc = Document.from_text(text, title="Soldiers moved")
    sig = SIGNAL(doc)
    v = sig.values
    assert v["figures"] == 3.0
    assert v["vague_share"] == pytest.approx(1 / 3)
    assert v["unattributed_share"] == pytest.approx(1 / 3)
    assert v["attributed_share"] == pytest.approx(1 / 3)
    assert v["hedged_figure_share"] == pytest.approx(1 / 3)
    assert 0.0 < sig.score < 1.0
    reasons = {e.text: e.reason for e in sig.evidence}
    assert reasons["up to 12,000 soldiers"] == (
        'figure "up to 12,000 soldiers" attributed only to vague "Reports suggest"'
    )
    assert reasons["800 tanks"] == 'figure "800 tanks" has no source'
    assert not any("40 aircraft" in t for t in reasons)


def test_score_grows_with_vague_figures() -> None:
    sourced = "The ministry said 3,000 workers joined. The union said 400 shops closed."
    vague = "Reports suggest 3,000 workers joined. Sources say 400 shops closed."
    s1 = SIGNAL(Document.from_text(sourced)).score
    s2 = SIGNAL(Document.from_text(vague)).score
    assert s1 is not None and s2 is not None
    assert s1 < s2


def test_empty_body() -> None:
    sig = SIGNAL(Document.from_text("", title="Nothing here"))
    assert sig.score is None
    assert sig.values["figures"] is None or sig.values["figures"] == 0.0


# ------------------------------------------------------------------ properties
_PIECES = [
    "said ", "up to ", "Reports suggest ", "according to ", "troops ", "1,500 ", "three ",
    "dozens of ", "the ministry ", "officials ", "$4 billion ", "’s ", ", ", ". ", "\n\n",
    '"', "“", "”", "(", ")", "12% ", "2024 ", "May ", "It is believed ", "Austin ", "which ",
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
    assert m.score is None or 0.0 <= m.score <= 1.0
    for v in sig.values.values():
        assert v is None or math.isfinite(v)
    assert len(sig.evidence) == len(m.evidence)
    for e in m.evidence:
        assert doc.field_text(e.field)[e.start : e.end] == e.text


# ---------------------------------------------------------------------- seeds
def _seed(seeds_dir: Path, prefix: str) -> Document:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    return Document.from_text(rest, title=first.strip())


def _vague_reasons(doc: Document) -> list[tuple[str, str]]:
    sig = SIGNAL(doc)
    return [(e.text, e.reason) for e in sig.evidence if "vague" in e.reason]


def test_seed_002_up_to_40_troops_from_vague_media(seeds_dir: Path) -> None:
    hits = [r for t, r in _vague_reasons(_seed(seeds_dir, "002")) if "40 troops" in t]
    assert hits and "South Korean media suggest" in hits[0]


def test_seed_003_reports_suggest_up_to_12000(seeds_dir: Path) -> None:
    hits = [(t, r) for t, r in _vague_reasons(_seed(seeds_dir, "003")) if "12,000" in t]
    assert hits
    text, reason = hits[0]
    assert text.startswith("up to 12,000") and '"Reports suggest"' in reason


def test_seed_000_around_12000_from_intelligence_reports(seeds_dir: Path) -> None:
    hits = [r for t, r in _vague_reasons(_seed(seeds_dir, "000")) if "12,000" in t]
    assert hits and "South Korean intelligence" in hits[0] and "around 12,000" in hits[0]


def test_seed_001_conflicting_troop_figures(seeds_dir: Path) -> None:
    sig = SIGNAL(_seed(seeds_dir, "001"))
    assert sig.values["conflicting_groups"] >= 1
    flagged = {e.text for e in sig.evidence if "elsewhere" in e.reason}
    for n in ("3,000", "10,000", "1,500"):
        assert any(n in t for t in flagged), n


def test_every_seed_scores_high(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        sig = SIGNAL(_seed(seeds_dir, path.name[:3]))
        assert sig.score is not None and sig.score >= 0.5, path.name
