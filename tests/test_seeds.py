"""The five content-farm seeds in ../shared/seeds must come out unreliable,
with reasons that quote the sentences ../shared/README.md lists for each.

The seed texts are read from ../shared at test time (never copied here); the
tests skip when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newsvet

# seed prefix -> what the reasons must quote (substrings of evidence texts),
# each entry a tuple of alternatives of which one must appear
EXPECTED: dict[str, list[tuple[str, ...]]] = {
    "000": [("What You Will Learn",), ("You Might Also Like",)],
    "001": [("[Source: Sky News]",), ("Loading...", "CLOSE", "TAGS", "Nicosia")],
    "002": [("South Korean media suggest", "up to 40 troops")],
    "003": [("6 d 8 h 55 min",)],
    "004": [("no byline", "names no author"), ("no publication date", "no date")],
}


def _seed(seeds_dir: Path, prefix: str) -> Path:
    found = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not found")
    return found[0]


@pytest.fixture(scope="module")
def assessments(seeds_dir: Path) -> dict[str, newsvet.Assessment]:
    return {p: newsvet.score_file(_seed(seeds_dir, p)) for p in EXPECTED}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_rated_unreliable(assessments: dict[str, newsvet.Assessment], prefix: str) -> None:
    a = assessments[prefix]
    assert a.rating == "unreliable", (prefix, a.reliability)
    assert a.reliability < 0.4


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_reasons_quote_the_right_sentences(
    assessments: dict[str, newsvet.Assessment], prefix: str
) -> None:
    a = assessments[prefix]
    reasons = a.top_reasons(8, direction="unreliable")
    assert reasons, "no reasons against reliability"
    # what a person sees: the reason sentences and the quoted evidence
    shown = " ".join([r.reason for r in reasons] + [e.text for r in reasons for e in r.evidence])
    for alternatives in EXPECTED[prefix]:
        assert any(alt.lower() in shown.lower() for alt in alternatives), (
            prefix, alternatives, shown[:2000])
    # every quoted span indexes its field of the document
    for r in reasons:
        for e in r.evidence:
            assert a.document.field_text(e.field)[e.start : e.end] == e.text
