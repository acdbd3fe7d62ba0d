"""The hand-written model settings: expert priors and monotone directions."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsvet.model.features import SignalFeaturizer
from newsvet.model.stack import load_monotone, load_priors
from newsvet.model.train import MONOTONE, PRIORS, default_config

FEATURES = set(SignalFeaturizer().get_feature_names_out())


def test_every_prior_and_direction_names_a_real_feature() -> None:
    priors = load_priors(PRIORS)
    assert priors and all(p.feature in FEATURES for p in priors)
    assert all(p.why for p in priors)
    monotone = load_monotone(MONOTONE)
    assert all(f in FEATURES or f == "wording" for f, _ in monotone)
    assert len({f for f, _ in monotone}) == len(monotone)


def test_priors_and_directions_agree() -> None:
    """A feature with both a prior and a direction must push the same way in both."""
    directions = dict(load_monotone(MONOTONE))
    for p in load_priors(PRIORS):
        if p.feature in directions:
            assert (p.per_unit > 0) == (directions[p.feature] > 0), p.feature


def test_priors_v2_is_v1_plus_vague_sourcing() -> None:
    v1 = {p.feature: p for p in load_priors("priors-v1")}
    v2 = {p.feature: p for p in load_priors("priors-v2")}
    assert set(v2) - set(v1) == {"unattributed_figures.vague_share"}
    assert all(v2[f] == v1[f] for f in v1)
    assert v2["unattributed_figures.vague_share"].per_unit < 0


def test_monotone_v2_is_v1_plus_two_attribution_measures() -> None:
    v1 = dict(load_monotone("monotone-v1"))
    v2 = dict(load_monotone("monotone-v2"))
    assert set(v2) - set(v1) == {"hedging.attributed_hedges_share", "ai_markers.said_per_sentence"}
    assert all(v2[f] == v1[f] for f in v1)
    assert v2["hedging.attributed_hedges_share"] == v2["ai_markers.said_per_sentence"] == 1


def test_bad_direction_is_refused(tmp_path, monkeypatch) -> None:
    data = json.loads(
        resources.files("newsvet.model").joinpath("data", "monotone-v1.json").read_text("utf-8")
    )
    data["monotone"][0]["direction"] = 2
    folder = tmp_path / "newsvet_model_data"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "monotone-bad.json").write_text(json.dumps(data), encoding="utf-8")

    class _Files:
        def joinpath(self, *parts):
            return folder.joinpath(*parts)

    monkeypatch.setattr(resources, "files", lambda _pkg: _Files())
    with pytest.raises(ValueError, match="must be \\+1 or -1"):
        load_monotone("monotone-bad")


def test_default_config_is_the_constrained_tree_stack() -> None:
    cfg = default_config()
    assert cfg.stacker == "trees"
    assert cfg.calibrators == ("shift",)
    assert dict(cfg.monotone)["wording"] == 1
    assert cfg.monotone == load_monotone(MONOTONE)
    assert {p.feature for p in cfg.priors} == {p.feature for p in load_priors(PRIORS)}
