"""The scikit-learn transformers over Documents (for training and evaluation).

They live apart from :mod:`newsvet.model.features` so that scoring, which
needs none of scikit-learn, does not import it (about 90 MB and 0.7 s per
process); ``newsvet.model.features.WordingHasher`` and ``SignalFeaturizer``
still resolve to these classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer

from ..ingest.document import Document
from ..signals.base import REGISTRY, Signal
from .features import N_FEATURES, document_ngrams, signal_row

__all__ = ["SignalFeaturizer", "WordingHasher"]


def _identity(x: list[str]) -> list[str]:
    return x


def _hashing_vectorizer(n_features: int = N_FEATURES) -> HashingVectorizer:
    return HashingVectorizer(
        analyzer=_identity,
        n_features=n_features,
        alternate_sign=False,
        norm=None,
        dtype=np.float64,
    )


def _check_docs(X: Any) -> list[Any]:
    if isinstance(X, (str, bytes)):
        raise TypeError(
            "expected a sequence of Documents (or (Document, signals) pairs), got a bare string"
        )
    items = list(X)
    for x in items:
        doc = x[0] if isinstance(x, tuple) else x
        if not isinstance(doc, Document):
            raise TypeError(f"expected Document items, got {type(doc).__name__}")
    return items


class _DocumentTransformer(TransformerMixin, BaseEstimator):
    """A stateless transformer of Documents: ``fit`` only checks its input."""

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.string = False
        return tags

    def fit(self, X: Any, y: Any = None) -> Self:
        _check_docs(X)
        return self


class WordingHasher(_DocumentTransformer):
    """Documents -> hashed counts of word unigrams and bigrams (body and title).

    Tokens are those of :func:`token_spans` (names and numbers left out);
    title n-grams are counted apart with a ``title:`` prefix.

    Stateless: ``fit`` learns nothing. Items may be Documents or
    ``(Document, signals)`` pairs (the signals are ignored).
    """

    def __init__(self, *, n_features: int = N_FEATURES) -> None:
        self.n_features = n_features

    def transform(self, X: Any) -> sp.csr_matrix:
        items = _check_docs(X)
        grams = [document_ngrams(x[0] if isinstance(x, tuple) else x) for x in items]
        return self.transform_ngrams(grams)

    def transform_ngrams(self, grams: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """Counts from already extracted n-gram lists (see :func:`document_ngrams`)."""
        return _hashing_vectorizer(self.n_features).transform(grams).tocsr()

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array([f"wording.h{i}" for i in range(self.n_features)], dtype=object)


class SignalFeaturizer(_DocumentTransformer):
    """Documents -> the registered signals' values as a float matrix (NaN = None).

    ``signals`` pins the signal names (and so the columns); ``None`` means
    every signal in the registry at the time of the call, in registry order.
    Items may be Documents or ``(Document, {name: Signal})`` pairs whose
    already computed signals are used instead of running them again.
    """

    def __init__(self, *, signals: Sequence[str] | None = None, lang: str = "en") -> None:
        self.signals = signals
        self.lang = lang

    def _names(self) -> list[str]:
        names = list(REGISTRY) if self.signals is None else list(self.signals)
        missing = [n for n in names if n not in REGISTRY]
        if missing:
            raise KeyError(f"unknown signals: {missing}")
        return names

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array([f for n in self._names() for f in REGISTRY[n].feature_names], dtype=object)

    def compute(self, doc: Document) -> dict[str, Signal]:
        """Run the pinned signals on one Document."""
        return {n: REGISTRY[n](doc, lang=self.lang) for n in self._names()}

    def transform(self, X: Any) -> np.ndarray:
        items = _check_docs(X)
        names = list(self.get_feature_names_out())
        out = np.full((len(items), len(names)), np.nan)
        for i, x in enumerate(items):
            if isinstance(x, tuple):
                doc, given = x
                sigs = dict(given)
                for n in self._names():
                    if n not in sigs:
                        sigs[n] = REGISTRY[n](doc, lang=self.lang)
            else:
                sigs = self.compute(x)
            out[i] = signal_row(sigs, names)
        return out
