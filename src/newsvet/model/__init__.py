"""The model stage: signal features + wording -> calibrated, explained reliability.

>>> from newsvet.model import load_model
>>> model = load_model()                      # doctest: +SKIP
>>> pred = model.predict(doc, signals)        # doctest: +SKIP
>>> pred.reliability, pred.explanation.top_reasons(3)  # doctest: +SKIP

Retraining: ``build_labelled("../shared", "labelled")`` then
``save_model(train_model("labelled"), "models/newsvet-reliability-v1.joblib")``.
"""

from __future__ import annotations

from typing import Any

from .explain import Contribution, Explanation
from .persist import load_model, save_model
from .reliability import Model, Prediction

# Training, evaluation and the scikit-learn transformers are imported when
# first used: scoring with a saved model needs numpy only, and a process
# that scores (an audit worker, `newsvet score`) should not pay for
# scikit-learn and scipy (about 90 MB and 0.7 s).
_LAZY = {
    "clean_article": ".corpora",
    "evaluate": ".evaluation",
    "render_evaluation": ".evaluation",
    "SignalFeaturizer": ".estimators",
    "WordingHasher": ".estimators",
    "build_labelled": ".labelled",
    "load_labelled": ".labelled",
    "train_model": ".train",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
