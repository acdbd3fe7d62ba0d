"""The model stage: signal features + wording -> calibrated, explained reliability.

>>> from newsvet.model import load_model
>>> model = load_model()                      # doctest: +SKIP
>>> pred = model.predict(doc, signals)        # doctest: +SKIP
>>> pred.reliability, pred.explanation.top_reasons(3)  # doctest: +SKIP

Retraining: ``build_labelled("../shared", "labelled")`` then
``save_model(train_model("labelled"), "models/newsvet-reliability-v1.joblib")``.
"""

from __future__ import annotations

from .corpora import clean_article
from .evaluate import evaluate, render_evaluation
from .explain import Contribution, Explanation
from .features import SignalFeaturizer, WordingHasher
from .labelled import build_labelled, load_labelled
from .persist import load_model, save_model
from .reliability import Model, Prediction
from .train import train_model

__all__ = [
    "Contribution",
    "Explanation",
    "Model",
    "Prediction",
    "SignalFeaturizer",
    "WordingHasher",
    "build_labelled",
    "clean_article",
    "evaluate",
    "load_labelled",
    "load_model",
    "render_evaluation",
    "save_model",
    "train_model",
]
