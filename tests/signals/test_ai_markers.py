"""Tests for the ai_markers signal. The article texts here were written for
these tests; the corpus check reads ../shared at test time (skipped when
absent)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.ingest.document import Document
from newsvet.signals import REGISTRY
from newsvet.signals.ai_markers import MIN_WORDS, MODEL_FEATURES, measure_text

AI = REGISTRY["ai_markers"]

# wire-style: plain "said", quotes, uneven sentence lengths, bursty topic words
HUMAN = [
    "The Marlow Falls council voted 6-3 on Tuesday to shut the Elm Street pool for the summer.",
    '"We cannot open a pool with a cracked basin," said parks director Ana Ruiz. "It is that simple."',
    "Ruiz said repairs would cost about $340,000. The pool opened in 1964.",
    (
        "Swimmers were angry. Dozens came to the meeting, and several said the council had known "
        "about the crack since last autumn but did nothing until the inspection report was leaked "
        "to a local newspaper in April."
    ),
    (
        'Council member Joe Park voted against the closure. "Fix it in the autumn," he said. '
        '"Kids need the pool now." Park said he would ask for an independent inspection.'
    ),
    "The vote came after two hours of debate.",
]

# rewrite-style: stock opener and closer, slop, participial tails, no quotes,
# even rhythm, elaborate reporting verbs
REWRITE = [
    (
        "In a surprising turn of events, the local council has decided to close a beloved "
        "community pool for the entire summer season, highlighting the growing challenges facing "
        "ageing public infrastructure."
    ),
    (
        "The decision, which was reached after a lengthy and heated debate, underscores the pivotal "
        "role that safety considerations play in the evolving landscape of municipal planning."
    ),
    (
        "Officials stated that the necessary repairs would require significant investment, "
        "emphasizing that the safety of residents remains their top priority at this time."
    ),
    (
        "Moreover, several residents expressed deep frustration with the timing of the closure, "
        "noting that families rely on the pool during the warmest months of the year."
    ),
    (
        "As the situation unfolds, it remains crucial to monitor how the council addresses these "
        "concerns, and only time will tell whether the pool will reopen as planned next year."
    ),
]


def _doc(paragraphs: list[str], title: str = "Council closes pool") -> Document:
    return Document.from_text("\n\n".join(paragraphs), title=title)


def _run(doc: Document):
    sig = AI(doc)
    for e in sig.evidence:
        assert doc.field_text(e.field)[e.start : e.end] == e.text
    return sig


def test_rewrite_scores_higher_than_wire_copy() -> None:
    human = _run(_doc(HUMAN))
    rewrite = _run(_doc(REWRITE))
    assert human.score is not None and rewrite.score is not None
    assert rewrite.score > 0.8
    assert human.score < 0.5
    assert rewrite.values["said_per_sentence"] == 0.0
    assert human.values["said_per_sentence"] > 0.3
    assert human.values["quote_share"] > rewrite.values["quote_share"]


def test_rewrite_evidence() -> None:
    sig = _run(_doc(REWRITE))
    reasons = [e.reason for e in sig.evidence]
    assert 'stock opener "in a surprising turn of events"' in reasons
    assert 'stock closer "as the situation unfolds"' in reasons
    assert 'stock closer "only time will tell"' in reasons
    assert 'stock closer "it remains crucial to"' in reasons
    assert 'LLM-register phrase "underscores"' in reasons
    assert 'participial tail ", highlighting ..."' in reasons
    assert sig.values["stock_openers"] == 1.0
    assert sig.values["stock_closers"] >= 3.0
    assert sig.values["transitions_per_sentence"] == pytest.approx(1 / 5)
    assert [e.start for e in sig.evidence] == sorted(e.start for e in sig.evidence)


def test_wire_copy_has_no_phrase_evidence() -> None:
    sig = _run(_doc(HUMAN))
    assert sig.evidence == ()
    assert sig.values["stock_openers"] == 0.0 and sig.values["stock_closers"] == 0.0


def test_opener_only_counts_at_sentence_start() -> None:
    text = (
        "The mayor spoke in a move that surprised nobody. " * 3
    ) + "In a move that surprised all, she resigned."
    v = measure_text(text).values
    assert v["stock_openers"] == 1.0


def test_attribution_tails_are_not_participial_tails() -> None:
    v = measure_text(
        "He left, saying he was tired. She stayed, according to staff. "
        "The fire spread, forcing hundreds to flee."
    ).values
    assert v["ing_tails_per_sentence"] == pytest.approx(1 / 3)


def test_uniform_rhythm_note() -> None:
    sentence = "The council met on Tuesday to discuss the new budget for the coming year."
    found = measure_text(" ".join([sentence] * 8))
    assert found.values["sentence_cv"] == pytest.approx(0.0)
    assert any("uniform sentence rhythm" in n for n in found.notes)
    varied = measure_text(" ".join(HUMAN))
    assert varied.values["sentence_cv"] > 0.3


def test_list_scaffold() -> None:
    text = (
        "Key points:\n- The pool is closed.\n- Repairs cost money.\n1. Firstly, safety.\nThe end."
    )
    v = measure_text(text).values
    assert v["list_scaffold_share"] == pytest.approx(3 / 5)


def test_short_body_has_values_but_no_score() -> None:
    sig = _run(_doc(["In a surprising turn of events, the pool closed. Only time will tell."]))
    assert sig.score is None
    assert sig.values["stock_openers"] == 1.0
    assert sig.values["words"] < MIN_WORDS
    assert any("no score" in n for n in sig.notes)


def test_empty_body() -> None:
    sig = _run(Document.from_text("", title="Nothing"))
    assert sig.score is None and all(v is None for v in sig.values.values())


def test_non_english_gets_no_score() -> None:
    sig = AI(_doc(REWRITE), lang="de")
    assert sig.score is None and sig.values["stock_openers"] == 1.0


@pytest.mark.slow
def test_held_out_category_auc_floor(shared_dir: Path) -> None:
    """Leave-one-category-out ROC AUC of the hand-feature model >= 0.85."""
    import importlib.util

    import numpy as np
    from sklearn.metrics import roc_auc_score

    spec = importlib.util.spec_from_file_location(
        "ai_markers_eval", Path(__file__).resolve().parents[2] / "benchmarks" / "ai_markers_eval.py"
    )
    assert spec and spec.loader
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    rows = ev.load(shared_dir)
    values = [measure_text(str(r["text"])).values for r in rows]
    y = np.array([r["y"] for r in rows])
    cats = np.array([r["category"] for r in rows])
    x = ev.matrix(values)
    p = np.zeros(len(rows))
    for cat in sorted(set(cats)):
        tr, te = cats != cat, cats == cat
        w = ev.fit(x[tr], y[tr], c=0.1)
        p[te] = ev.predict(w, [values[i] for i in np.flatnonzero(te)])
        assert roc_auc_score(y[te], p[te]) >= 0.85, cat
    assert roc_auc_score(y, p) >= 0.85


def test_seeds_score_high(seeds_dir: Path) -> None:
    from newsvet.ingest import parse_text

    for path in sorted(seeds_dir.glob("*.txt")):
        sig = _run(parse_text(path.read_text(encoding="utf-8")))
        assert sig.score is not None and sig.score > 0.7, path.name


def test_example_wire_report_scores_low() -> None:
    from newsvet.ingest import parse_text

    path = Path(__file__).resolve().parents[2] / "examples" / "wire_report.txt"
    if not path.is_file():
        pytest.skip("examples/wire_report.txt not present")
    sig = _run(parse_text(path.read_text(encoding="utf-8")))
    assert sig.score is not None and sig.score < 0.3


_PIECES = [
    "In a surprising turn of events",
    "only time will tell",
    ", highlighting",
    "said",
    "Moreover,",
    "\n- ",
    "\n1. ",
    "“",
    "”",
    '"',
    "’",
    "landscape",
    "İ",
    "ß",
    ". ",
    "\n\n",
    "overall,",
    "\x00",
    "ﬁ",
]
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=120).map(" ".join),
)


@given(body=_TEXT, title=st.text(max_size=30))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_never_raises(body: str, title: str) -> None:
    doc = Document.from_text(body, title=title)
    sig = AI(doc)
    assert not any("extractor failed" in n for n in sig.notes)
    assert sig.score is None or 0.0 <= sig.score <= 1.0
    assert set(sig.values) == {"probability", "words", *MODEL_FEATURES}
    for v in sig.values.values():
        assert v is None or math.isfinite(v)
    for e in sig.evidence:
        assert doc.field_text(e.field)[e.start : e.end] == e.text
