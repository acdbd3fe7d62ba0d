"""Feature transformers: names, NaN for None, Document-only input, the wording tokens."""

from __future__ import annotations

import math

import numpy as np
import pytest

from newsvet.ingest.document import Document
from newsvet.model.features import (
    SignalFeaturizer,
    WordingHasher,
    document_ngrams,
    hash_ngrams,
    signal_row,
    token_spans,
    wording_spans,
)
from newsvet.signals import REGISTRY
from newsvet.signals.base import Signal

DOC = Document.from_text(
    "The mayor of Springfield said 40 people were sick. However, officials said "
    "\u201cNothing\u201d had changed.\n\nResidents agreed.",
    title="Why the Council Is Wrong",
)


def test_feature_names_follow_the_registry() -> None:
    f = SignalFeaturizer()
    names = list(f.get_feature_names_out())
    assert names == [n for s in REGISTRY.values() for n in s.feature_names]
    pinned = SignalFeaturizer(signals=("readability",))
    assert list(pinned.get_feature_names_out()) == list(REGISTRY["readability"].feature_names)
    assert pinned.fit([DOC]) is pinned
    X = pinned.transform([DOC, Document()])
    assert X.shape == (2, len(REGISTRY["readability"].value_names))
    assert np.isfinite(X[0]).all()
    assert np.isnan(X[1]).all()  # empty body: every value None -> NaN


def test_transform_rejects_strings() -> None:
    for t in (SignalFeaturizer(), WordingHasher()):
        with pytest.raises(TypeError):
            t.transform("an article as a bare string")
        with pytest.raises(TypeError):
            t.transform(["a list of strings"])


def test_unknown_signal_is_an_error() -> None:
    with pytest.raises(KeyError):
        SignalFeaturizer(signals=("no_such_signal",)).get_feature_names_out()


def test_given_signals_are_used_not_recomputed() -> None:
    fake = Signal("readability", "1", None, {"mattr": 0.123456}, ())
    X = SignalFeaturizer(signals=("readability",)).transform([(DOC, {"readability": fake})])
    names = list(REGISTRY["readability"].feature_names)
    assert X[0, names.index("readability.mattr")] == 0.123456
    assert math.isnan(X[0, names.index("readability.flesch_reading_ease")])


def test_signal_row_handles_missing_signals() -> None:
    row = signal_row({}, ["hedging.uncertain_share", "readability.mattr"])
    assert np.isnan(row).all()


def test_sklearn_tags_say_stateless() -> None:
    for t in (SignalFeaturizer(), WordingHasher()):
        assert t.__sklearn_tags__().requires_fit is False


def test_tokens_leave_out_names_and_numbers() -> None:
    toks = [t for t, _, _ in token_spans(DOC.body)]
    assert "springfield" not in toks and None in toks  # a name inside a sentence
    assert "40" not in toks  # a number
    assert "the" in toks and "however" in toks and "nothing" in toks  # sentence/quote openers
    grams = document_ngrams(DOC)
    assert "mayor of" in grams and "of springfield" not in grams  # no bigram across a gap
    assert "title:why" in grams and "title:council" not in grams


def test_wording_spans_index_their_fields() -> None:
    spans = list(wording_spans(DOC))
    assert [g for g, *_ in spans] == document_ngrams(DOC)
    for g, field, s, e in spans:
        text = DOC.field_text(field)[s:e].lower()
        assert text.split()[0].strip(".,\u201c\u201d") == g.removeprefix("title:").split()[0]


def test_hasher_columns_match_hash_ngrams() -> None:
    counts = WordingHasher().transform([DOC])
    grams = document_ngrams(DOC)
    cols = hash_ngrams(grams)
    assert set(counts.indices) == set(cols.tolist())
    assert counts.sum() == len(grams)
