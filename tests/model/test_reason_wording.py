"""How a feature's reason reads: plain labels, and values that differ from the
training median never printed as equal to it."""

from __future__ import annotations

import pytest

from newsvet.model.explain import FeatureReasons, feature_label, feature_reason
from newsvet.model.features import SignalFeaturizer

FEATURES = list(SignalFeaturizer().get_feature_names_out())


@pytest.mark.parametrize("feature", FEATURES)
def test_every_feature_has_a_plain_label(feature: str) -> None:
    label = feature_label(feature)
    signal, _, value = feature.partition(".")
    # not the fallback "<signal>: <value with spaces>" ("ai markers: mattr cv")
    fallback = f"{signal.replace('_', ' ')}: {value.replace('_', ' ')}"
    assert label.lower() != fallback.lower(), label
    assert not label.lower().startswith(f"{signal.replace('_', ' ')}: "), label
    assert "_" not in label
    assert label.count("(") == label.count(")")


def test_a_share_near_the_median_is_written_apart_from_it() -> None:
    # 0.4% and a median of 0%: both round to "0%" at whole percent
    text = feature_reason("seo_filler.boilerplate_share", 0.004, 0.0, -0.2)
    assert "0.4% (typical in training: 0.0%)" in text
    fast = FeatureReasons(["seo_filler.boilerplate_share"], [0.0], [True])
    assert fast.reason(0, 0.004, -0.2, ()) == text


def test_a_number_near_the_median_is_written_apart_from_it() -> None:
    text = feature_reason("ai_markers.stated_per_sentence", 0.0612, 0.0598, -0.1)
    assert "0.061 (typical in training: 0.060)" in text


def test_equal_values_keep_the_short_form() -> None:
    text = feature_reason("seo_filler.boilerplate_share", 0.0, 0.0, -0.2)
    assert "0% (typical in training: 0%)" in text


def test_signal_groups_read_as_words() -> None:
    from newsvet.model.explain import _signal_label

    assert _signal_label("ai_markers") == "machine-rewrite register (AI markers)"
    assert _signal_label("clickbait") == "the headline (clickbait)"
