"""Error classes fixed in the second 2026-11-22 quality pass of
unattributed_figures (continuations, subjects the back-walk missed, verbs of
record, multipliers and spelled compounds), one test per class, with sentences
written for these tests (not taken from any labelled set)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsvet.ingest.document import Document
from newsvet.signals import unattributed_figures as uf
from newsvet.signals.unattributed_figures import find_figures


def _last(text: str) -> tuple[str, str | None]:
    """(attribution, source) of the last figure of ``text``."""
    figs = find_figures(text)
    assert figs, text
    return figs[-1].attribution, figs[-1].source


# (4) a definite back-reference takes the previous sentence's named source
@pytest.mark.parametrize(
    "text",
    [
        ("The Lindqvist Institute published its housing review on Monday. "
         "The review estimates that 41,000 flats stand empty."),
        ("Norbridge Water issued a statement after the leak. "
         "According to the same statement, 2,300 homes lost supply."),
        ("Statistics Estonia released its wage data on Friday. "
         "They show pay rose by 7.1% in the year."),
        ("The Arctic Fisheries Council updated its quota advice. "
         "It also projects a 12% fall in cod stocks."),
        ("Economists at Halvorsen Bank published a note on Tuesday. "
         "The note forecasts unemployment of 5.8% by the summer."),
        ("The national rail regulator released its punctuality figures. "
         "These figures show 640 trains were cancelled in March."),
    ],
)
def test_a_back_reference_takes_the_previous_named_source(text: str) -> None:
    assert _last(text)[0] == "attributed"


@pytest.mark.parametrize(
    "text",
    [
        # the previous sentence names nobody: the reference stays vague
        "A leaked report was passed around the newsroom. The report claims 900 jobs will go.",
        "Bystanders watched the fire from the bridge. They said about 40 flats burned.",
    ],
)
def test_a_back_reference_to_a_vague_source_stays_vague(text: str) -> None:
    assert _last(text)[0] == "vague"


@pytest.mark.parametrize(
    "text",
    [
        # a new subject, not a reference back
        "Premier Ana Voss toured the flood zone on Sunday. Some 3,100 homes are still empty.",
        # a pronoun without a reporting verb
        "Mayor Idris Kell opened the new tram line on Friday. It cost £210 million to build.",
        # a reference noun with no reporting verb after a plain pronoun
        "The Tamsin Trust held its gala in May. Tickets sold out and 1,400 guests came.",
    ],
)
def test_a_new_subject_is_not_a_continuation(text: str) -> None:
    assert _last(text)[0] == "unattributed"


def test_a_back_reference_does_not_cross_a_paragraph() -> None:
    doc = Document.from_text(
        "Harbour Statistics Office released its annual bulletin.\n\n"
        "The bulletin shows 5,200 boats were registered last year."
    )
    sp = doc.paragraph_spans()
    body = doc.field_text("body")
    assert find_figures(body, paragraphs=sp)[-1].attribution != "attributed"
    joined = body.replace("\n\n", " ")
    assert find_figures(joined)[-1].attribution == "attributed"


# (5) subjects the back-walk missed: relative clauses, acronyms, appositions
@pytest.mark.parametrize(
    "text",
    [
        "The Coastal Survey Agency, which maps the shoreline, said 14 km of dunes had eroded.",
        "Kerstin Alm, who chairs the Riverside Tenants Union, said 230 flats had damp.",
        "Dr Paulo Reis of the WHO said 4,800 new cases were logged in the week.",
        "According to the WHO, 3,900 clinics have closed.",
        "Jonas Field, the league's finance director, reported a loss of €9 million.",
    ],
)
def test_subjects_behind_relative_clauses_and_appositions_are_found(text: str) -> None:
    assert _last(text)[0] == "attributed"


@pytest.mark.parametrize(
    "text",
    [
        "Officials, who asked not to be named, said 700 cars were recalled.",
        "Local residents, many of whom have lived by the bay for years, say 60 boats are idle.",
    ],
)
def test_a_vague_subject_behind_a_relative_clause_stays_vague(text: str) -> None:
    assert _last(text)[0] == "vague"


def test_a_figure_inside_the_subject_is_the_authors() -> None:
    text = "The insurer, which covers 90,000 farms, said 1,200 claims were filed."
    got = [(f.text, f.attribution) for f in find_figures(text)]
    assert got == [("90,000 farms", "unattributed"), ("1,200 claims", "attributed")]


def test_an_unnamed_speaker_with_an_apposition_stays_unsourced() -> None:
    text = "A shop owner, a mother of two, said 30 windows were smashed."
    assert _last(text)[0] != "attributed"


# (5) verbs of record and ruling, and verbs that are often nouns
@pytest.mark.parametrize(
    "text",
    [
        "The appeal court ruled that 380 dismissed drivers must be repaid.",
        "The Norwegian Meteorological Institute recorded 94 mm of rain in Bergen.",
        "Eurocontrol projected that 11 million flights would operate.",
        "Observers from the Electoral Commission counted 1.4 million ballots by dawn.",
        "The Halden County clerk's office tallied 52,000 votes.",
        "The Riksbank forecast inflation of 2.3% for next year.",
        "Scientists at Uppsala University found the risk was four times higher in miners.",
        "Our correspondent counted 25 lorries at the border post.",
    ],
)
def test_verbs_of_record_attribute_the_figure(text: str) -> None:
    assert _last(text)[0] == "attributed"


def test_a_forecast_noun_is_not_a_verb() -> None:
    # "The Riksbank forecast shows": the noun, followed by its verb
    text = "The Riksbank forecast shows inflation at 2.3% next year."
    frames = uf.find_attributions(text)[0]
    assert "forecast" not in [text[f.verb_start : f.verb_end] for f in frames]
    # a plain noun after "forecast" but no named subject: not a source
    assert _last("The weather forecast snow of 40 cm for the pass.")[0] == "unattributed"


# (9) multipliers and spelled compounds are figures
@pytest.mark.parametrize(
    ("text", "shown", "value"),
    [
        ("Ferry fares have tripled since the spring.", "tripled", 3.0),
        ("Reports of fraud rose sevenfold in a decade.", "sevenfold", 7.0),
        ("Twice as many students failed the exam this year.", "Twice as many", 2.0),
        ("The June rainfall was double the long-term average.", "double", 2.0),
        ("Sixty-four flights were cancelled at the airport.", "Sixty-four flights", 64.0),
        ("Ninety-one per cent of the seats were taken.", "Ninety-one per cent", 91.0),
    ],
)
def test_multipliers_and_spelled_compounds_are_figures(text: str, shown: str, value: float) -> None:
    figs = find_figures(text)
    assert [(f.text, f.value, f.attribution) for f in figs] == [(shown, value, "unattributed")]


@pytest.mark.parametrize(
    "text",
    [
        "The minister doubled down on his plan for new roads.",
        "The old gym doubled as a shelter during the storm.",
        "The council wants to double the number of bus lanes.",
        "Her thirty-something brother runs the bakery.",
    ],
)
def test_idioms_and_plans_are_not_multipliers(text: str) -> None:
    assert find_figures(text) == []


def test_a_sourced_multiplier_is_attributed() -> None:
    assert _last("The Office of Rail Statistics said ticket fraud had doubled.")[0] == "attributed"


# the multiplier and compound scan equals the plain pattern over the text
_PIECES = [
    "doubled", "Doubled", "tripled", "trebled", "quadrupled", "double", "triple", "the", "The",
    "down", "up", "as", "many", "much", "twice", "Twice", "fivefold", "tenfold", "hundredfold",
    "fold", "twenty", "Eighty", "-", "one", "three", "nine", "ty-", "was", "is", "costs",
    " ", " ", "  ", "      ", "\n", ",", ".", "'", "’", "x", "é", "İ", "\u00a0",
]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=60)


def _extras_reference(text: str) -> list[tuple[int, int, float, str]]:
    low = uf._lowered(text)
    out = []
    for m in uf._EXTRA.finditer(low):
        got = uf._extra_value(low, m)
        if got is not None:
            out.append((m.start(), m.end(), got[0], got[1]))
    return out


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_extra_scan_equals_the_plain_pattern(text: str) -> None:
    assert list(uf._Scan(text).extras()) == _extras_reference(text)


def test_extra_keys_cover_every_match() -> None:
    words = [*uf._TENS, "doubled", "tripled", "trebled", "quadrupled", "double", "triple",
             "treble", "twice", *(w + "fold" for w in uf._FOLD)]
    for w in words:
        assert any(k in w or k in w + "-" for k in uf._EXTRA_KEYS), w
    assert re.fullmatch(r"[a-z-]+", "".join(uf._EXTRA_KEYS))
