"""Fixtures for the model tests: a small model trained on synthetic documents."""

from __future__ import annotations

import pytest
from model_synth import make_docs

from newsvet.model.features import SignalFeaturizer, WordingHasher
from newsvet.model.reliability import Model
from newsvet.model.stack import FitConfig, Prior, fit_stack


@pytest.fixture(scope="session")
def synthetic() -> dict[str, object]:
    docs, y, g = make_docs(96)
    feat = SignalFeaturizer(signals=("readability",))
    dense = feat.transform(docs)
    counts = WordingHasher().transform(docs)
    names = tuple(feat.get_feature_names_out())
    config = FitConfig(
        lexical_C=(10.0,),
        alphas=(0.0, 1.0),
        inner_folds=3,
        priors=(Prior("readability.exclaim_per_sentence", -2.0, 0.0, 1.0, "test prior"),),
    )
    stack = fit_stack(dense, counts, y, g, feature_names=names, seed=0, config=config)
    model = Model(stack=stack, signal_versions={"readability": "1"}, data_hash="test")
    return {
        "docs": docs,
        "y": y,
        "groups": g,
        "dense": dense,
        "counts": counts,
        "names": names,
        "stack": stack,
        "model": model,
        "config": config,
    }
