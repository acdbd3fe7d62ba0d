"""readability signal and the offline CMU dictionary (texts written for these tests)."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.ingest.document import Document
from newsvet.signals import REGISTRY
from newsvet.signals.readability import VALUES, _mattr

SIMPLE = (
    "The cat sat on the mat. The dog ran to the park. We all went home.\n\n"
    "It was a good day. The sun was warm."
)
DENSE = (
    "Notwithstanding considerable institutional heterogeneity, comprehensive "
    "epidemiological surveillance necessitates sophisticated methodological "
    "infrastructure and interdisciplinary collaboration across jurisdictions."
)
SHOUTY = (
    "This is OUTRAGEOUS AND TOTALLY UNACCEPTABLE behaviour! Can you believe it? "
    "Nobody saw it coming!\n\nThey said “it will never happen again” and moved on."
)


def _run(body: str, title: str = "A title", lang: str = "en"):
    return REGISTRY["readability"](Document.from_text(body, title=title), lang=lang)


def test_registered_with_values() -> None:
    spec = REGISTRY["readability"]
    assert spec.version == "1"
    assert spec.value_names == VALUES
    assert "readability.flesch_reading_ease" in spec.feature_names


def test_simple_text_reads_easier_than_dense_text() -> None:
    easy, hard = _run(SIMPLE).values, _run(DENSE).values
    assert easy["flesch_reading_ease"] > 80
    assert hard["flesch_reading_ease"] < 0
    assert easy["flesch_kincaid_grade"] < hard["flesch_kincaid_grade"]
    assert easy["chars_per_word"] < hard["chars_per_word"]
    assert easy["sentence_words_mean"] < hard["sentence_words_mean"]


def test_emphasis_values_and_evidence() -> None:
    s = _run(SHOUTY)
    v = s.values
    assert v["exclaim_per_sentence"] == pytest.approx(2 / 4)
    assert v["question_per_sentence"] == pytest.approx(1 / 4)
    assert v["caps_word_share"] > 0.1
    assert v["quote_share"] > 0.1
    doc = Document.from_text(SHOUTY, title="A title")
    texts = [e.text for e in s.evidence]
    assert "OUTRAGEOUS AND TOTALLY UNACCEPTABLE" in texts
    assert any(t.endswith("!") for t in texts)
    for e in s.evidence:
        assert doc.field_text(e.field)[e.start : e.end] == e.text


def test_paragraph_values() -> None:
    v = _run(SIMPLE).values
    assert v["paragraph_words_mean"] == pytest.approx((16 + 9) / 2)
    assert v["one_sentence_paragraph_share"] == 0.0
    one = _run("One short paragraph here.\n\nAnother one here.").values
    assert one["one_sentence_paragraph_share"] == 1.0


def test_empty_body_is_not_measurable() -> None:
    s = _run("")
    assert s.score is None
    assert all(v is None for v in s.values.values())


def test_score_is_none_and_short_text_low_confidence() -> None:
    s = _run(SIMPLE)
    assert s.score is None
    assert s.low_confidence


def test_unknown_language_has_no_formula_but_other_values() -> None:
    v = _run(SIMPLE, lang="xx").values
    assert v["flesch_reading_ease"] is None
    assert v["mattr"] is not None


def test_mattr_matches_the_definition() -> None:
    toks = ("a b c a b d e f a " * 12).split()

    def slow(t: list[str], w: int = 50) -> float:
        return sum(len(set(t[i : i + w])) for i in range(len(t) - w + 1)) / (len(t) - w + 1) / w

    assert _mattr(toks) == pytest.approx(slow(toks), abs=1e-12)
    assert _mattr(["x"] * 10) == pytest.approx(0.1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.text(max_size=60))
def test_never_raises_values_finite_spans_index(body: str, title: str) -> None:
    doc = Document.from_text(body, title=title)
    s = REGISTRY["readability"](doc)
    assert set(s.values) == set(VALUES)
    for v in s.values.values():
        assert v is None or math.isfinite(v)
    assert s.score is None
    for e in s.evidence:
        assert doc.field_text(e.field)[e.start : e.end] == e.text


def test_syllables_work_offline_without_nltk_data(tmp_path: Path) -> None:
    """NLTK_DATA empty, HOME elsewhere, nltk.download forbidden: textstat still counts."""
    empty = tmp_path / "nltk_empty"
    empty.mkdir()
    code = textwrap.dedent(
        """
        import nltk
        def _no(*a, **k):
            raise AssertionError("nltk.download was called")
        nltk.download = _no
        from newsvet._cmudict import ensure_cmudict
        root = ensure_cmudict()
        from textstat.backend import counts
        assert counts.count_syllables("extraordinary", "en_US") == 6, "cmudict not used"
        from newsvet.ingest.document import Document
        from newsvet.signals import REGISTRY
        v = REGISTRY["readability"](Document.from_text("The cat sat on the mat.")).values
        assert v["flesch_reading_ease"] is not None
        print(root)
        """
    )
    env = {
        **os.environ,
        "NLTK_DATA": str(empty),
        "HOME": str(tmp_path / "home"),
        "NEWSVET_CACHE_DIR": str(tmp_path / "cache"),
    }
    r = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert str(tmp_path / "cache") in r.stdout
    built = list((tmp_path / "cache").glob("nltk_data-cmudict-*/corpora/cmudict/cmudict"))
    assert built and built[0].stat().st_size > 1_000_000
    first = built[0].read_text(encoding="utf-8").splitlines()[0].split()
    assert first[1] == "1" and first[0].upper() == first[0]
