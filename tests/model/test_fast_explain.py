"""The explanation's fast paths give exactly what the straightforward code gives.

``Model._explain`` words each feature's reason with ``FeatureReasons`` (what
does not depend on the article worked out once per model), builds
Contributions with ``new_contribution`` and matches evidence reasons to
features with bit masks (``_Plan.reason_masks``). Each is compared here with
the code it replaced (texts written for these tests).
"""

from __future__ import annotations

import math
from itertools import compress, islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsvet.model.explain import (
    Contribution,
    Explanation,
    FeatureReasons,
    evidence_for,
    feature_reason,
    new_contribution,
)
from newsvet.signals.base import Evidence

FEATURES = [
    "seo_filler.title_repeats",
    "unattributed_figures.vague_share",
    "comment_bots.timing_regularity",
    "sourcing.repost_markers",
    "sourcing.has_byline",
    "sourcing.has_date",
    "sourcing.has_dateline",
    "hedging.weasel_share",
    "hedging.title_hedged",
    "seo_filler.filler_per_100_words",
    "readability.words_log",
    "readability.mattr",
    "readability.sentence_words_cv",
    "clickbait.second_person",
]
VALUES = [None, math.nan, 0.0, -0.0, 1.0, 0.5, 0.004, 2.0, 17.25, -3.5, 6.5, 1e6]
REASONS = [
    "",
    'hedge "may" and weasel "some say" in the author\'s own voice',
    "no byline: the article names no author",
    'figure "up to 12,000" attributed only to vague "reports"',
    "15 of 16 comments were posted exactly 6 d 8 h 55 min apart",
    're-post of another outlet\'s story: "[Source: Wire]"',
    'SOME"SAY\tsomething',
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(FEATURES), st.sampled_from(VALUES[2:-1]), st.booleans()
        ),  # feature, typical, learnt
        min_size=1,
        max_size=6,
    ),
    st.data(),
)
def test_feature_reasons_equal_feature_reason(columns, data) -> None:  # type: ignore[no-untyped-def]
    features = [c[0] for c in columns]
    typical = [c[1] for c in columns]
    learnt = [c[2] for c in columns]
    reasons = FeatureReasons(features, typical, learnt)
    for j, f in enumerate(features):
        v = data.draw(st.sampled_from(VALUES) | st.floats(allow_nan=False, width=32))
        value = data.draw(st.sampled_from([-0.7, -1e-9, 0.3, 2.0]))
        ev = tuple(
            Evidence("body", 0, 1, "x", r)
            for r in data.draw(st.lists(st.sampled_from(REASONS), max_size=2))
        )
        try:
            expected = feature_reason(f, v, typical[j], value, learnt=learnt[j], evidence=ev)
        except OverflowError:  # words_log of a huge value: both fail alike
            with pytest.raises(OverflowError):
                reasons.reason(j, v, value, ev)
            continue
        assert reasons.reason(j, v, value, ev) == expected


def test_new_contribution_is_a_contribution() -> None:
    ev = (Evidence("body", 0, 3, "abc", "hedge"),)
    args = ("hedging.weasel_share", "hedging: weasel share", 0.25, -0.5, "hedging", ev, "r", False)
    made = new_contribution(*args)
    assert type(made) is Contribution
    assert made == Contribution(*args)
    assert hash(made) == hash(Contribution(*args))
    assert made.to_dict() == Contribution(*args).to_dict()
    with pytest.raises(AttributeError):
        made.value = 1.0  # type: ignore[misc]


_REASON_LISTS = st.lists(
    st.one_of(
        st.sampled_from(REASONS),
        st.text(alphabet=st.sampled_from(list('abdefgiklmnoprsuvwy "\t\n\u00a0:-')), max_size=30),
    ),
    max_size=14,
)


@settings(max_examples=200, deadline=None)
@given(_REASON_LISTS)
def test_reason_masks_pick_what_evidence_for_picks(reasons: list[str]) -> None:
    from newsvet.api import _default_model
    from newsvet.model.reliability import FEATURE_EVIDENCE

    model = _default_model()
    plan = model._plan()
    for signal in dict.fromkeys(plan.signals):
        ev = [Evidence("body", i, i + 1, "x", r) for i, r in enumerate(reasons)]
        masks, every = plan.reason_masks(signal, ev)
        for j, f in enumerate(plan.features):
            if plan.signals[j] != signal:
                continue
            bit = plan.bits[j]
            expected = evidence_for(f, ev)[:FEATURE_EVIDENCE]
            if not bit or not every & bit:
                assert expected == ()
                continue
            got = tuple(islice(compress(ev, [m & bit for m in masks]), FEATURE_EVIDENCE))
            assert got == expected


def _reference_grouped_queue_order(members: list[Contribution]) -> list[str]:
    total = math.fsum(c.value for c in members)
    ranked = sorted(members, key=lambda c: -abs(c.value))
    agree = [c for c in ranked if (c.value < 0) == (total < 0) and c.value != 0]
    return [c.feature for c in agree + [c for c in ranked if c not in agree]]


def test_grouped_evidence_with_repeated_features() -> None:
    # equal Contributions in one group (the slow path) and distinct ones (the fast path)
    e1, e2, e3 = (Evidence("body", i, i + 2, "ab", f"hedge {i}") for i in range(3))
    same = Contribution("hedging.a", "a", 1.0, -0.4, "hedging", (e1,), "r (x)")
    members = [
        same,
        Contribution("hedging.a", "a", 1.0, -0.4, "hedging", (e1,), "r (x)"),
        Contribution("hedging.b", "b", 1.0, 0.1, "hedging", (e2, e3), "s (y)"),
        Contribution("hedging.c", "c", 1.0, -0.2, "hedging", (e3,), "t (z)"),
    ]
    for group in (members, members[1:]):
        g = Explanation(0.0, tuple(group), math.fsum(c.value for c in group)).grouped()[0]
        assert g.evidence[0] == e1 and set(g.evidence) <= {e1, e2, e3}
        assert _reference_grouped_queue_order(group)[0] in {"hedging.a", "hedging.c"}
        assert len(g.evidence) == len({(e.start, e.end) for c in group for e in c.evidence})
