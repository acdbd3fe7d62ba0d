"""Training the shipped model from ``labelled/``."""

from __future__ import annotations

import logging
import platform
from pathlib import Path
from typing import Any

import numpy as np
import sklearn

from .._version import __version__
from ..errors import DataError
from .labelled import LabelledData, load_labelled
from .reliability import Model
from .stack import FitConfig, fit_stack, load_monotone, load_priors

__all__ = ["MODEL_NAME", "MODEL_VERSION", "default_config", "train_model"]

logger = logging.getLogger("newsvet.model")

MODEL_NAME = "newsvet-reliability"
MODEL_VERSION = "1"
#: the expert priors the shipped model is trained with
PRIORS = "priors-v2"
#: the monotone directions the shipped model's trees are constrained to
MONOTONE = "monotone-v2"


def default_config() -> FitConfig:
    """The settings the shipped model is trained with: the boosted-tree
    stacker, monotone in the directions of monotone-v2.json, and the priors of
    priors-v2.json.

    The stacker family was chosen by benchmarks/model_family.py: trained on
    ReCOVery and BuzzFeed-Webis together (what the shipped model trains on)
    the boosted-tree stacker beats the logistic one under publisher-grouped
    folds (on ReCOVery alone the logistic stacker is as good or better). See
    docs/model.md.

    The calibrator only shifts the trees' logit (``shift``): a slope fitted on
    inner cross-validated logits comes from weaker trees (less data, fewer
    publishers) than the final ones and flattens their probabilities (outer
    ECE 0.068 with Platt against 0.030 with the shift, publisher-grouped folds
    over both corpora).
    """
    return FitConfig(
        priors=load_priors(PRIORS),
        stacker="trees",
        monotone=load_monotone(MONOTONE),
        calibrators=("shift",),
    )


def _training_rows(data: LabelledData) -> LabelledData:
    idx = np.flatnonzero(data.train_mask)
    if len(idx) == 0:
        raise DataError("labelled/ holds no corpus with role 'train'")
    return data.subset(idx)


def train_model(
    labelled_dir: str | Path = "labelled",
    *,
    seed: int = 0,
    evaluate: bool = True,
    folds: int = 5,
    config: FitConfig | None = None,
) -> Model:
    """Train on every training-role article in ``labelled_dir``.

    With ``evaluate`` (the default) the publisher-grouped cross-validation of
    :func:`newsvet.model.evaluate` runs first and its figures become
    ``Model.metrics``.
    """
    config = config or default_config()
    data = load_labelled(labelled_dir)
    metrics: dict[str, Any] = {}
    if evaluate:
        from .evaluation import evaluate as run_evaluate

        metrics = run_evaluate(labelled_dir, folds=folds, seed=seed, config=config, data=data)
    tr = _training_rows(data)
    stack = fit_stack(
        tr.dense,
        tr.counts,
        tr.y,
        tr.publisher,
        feature_names=tr.feature_names,
        seed=seed,
        config=config,
    )
    signal_versions = dict(data.info.get("signal_versions", {}))
    info = {
        "newsvet_version": __version__,
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python": platform.python_version(),
        "seed": seed,
        "corpora": [
            {k: c.get(k) for k in ("name", "path", "sha256", "licence", "role", "rows_used")}
            for c in data.manifest.get("corpora", [])
        ],
        "n_train": len(tr.y),
        "n_publishers": len(set(tr.publisher)),
        "chosen": stack.chosen,
        "hasher": data.info.get("hasher", {}),
        "priors": PRIORS if config.priors else None,
        "monotone": MONOTONE if config.monotone else None,
    }
    return Model(
        stack=stack,
        name=MODEL_NAME,
        version=MODEL_VERSION,
        signal_versions=signal_versions,
        metrics=metrics,
        data_hash=data.data_hash,
        info=info,
    )
