"""The model's fast paths give exactly what the straightforward code gives.

Prediction no longer goes through scipy and sklearn's HashingVectorizer for
one document, tokenises each text once, and quotes wording evidence only for
the strongest n-grams. Each piece is compared here, to the bit, with the
slower reference it replaced (texts written for these tests).
"""

from __future__ import annotations

import heapq
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.ingest.document import Document
from newsvet.model.explain import _keywords
from newsvet.model.explain import evidence_for as fast_evidence_for
from newsvet.model.features import (
    TokenizedText,
    WordingHasher,
    _column,
    analyze,
    document_ngrams,
    hash_ngrams,
    ngram_spans,
    token_spans,
    wording_spans,
)
from newsvet.model.stack import Prior
from newsvet.signals.base import Evidence

TEXTS = [
    (
        "The mayor of Springfield said 40 people were sick. However, officials said "
        "\u201cNothing\u201d had changed.\n\nResidents agreed."
    ),
    (
        "WASHINGTON (Wire) - Officials in Washington said on Tuesday that 12,000 troops had "
        "arrived. \u201cThey Are Here,\u201d a spokesman said.\n\u2014 The Reporters' Desk"
    ),
    "ΑΣ ΣΑ Ωμέγας said: İstanbul and Zürich 2024—Next steps (Maybe) \u2018Quoted Words\u2019",
    "",
    "a",
    "x. Y z  W\n\nQ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tokenized_text_equals_token_spans(text: str) -> None:
    tt = TokenizedText(text)
    assert tt.kept == [t for t, _, _ in token_spans(text)]
    assert tt.grams == analyze(text)
    first: dict[str, tuple[int, int]] = {}
    for g, s, e in ngram_spans(text):
        first.setdefault(g, (s, e))
    for g, span in first.items():
        assert tt.first_span(g) == span, g
    assert tt.first_span("not-a-gram here") is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "The",
                    "the",
                    "Mayor",
                    "said",
                    "2024",
                    "x",
                    " ",
                    "  ",
                    "\n",
                    ". ",
                    "—",
                    "(",
                    "“",
                    "’",
                    "Σ",
                    "ΑΣ",
                    "İ",
                    "_a",
                    "ab",
                    "Ab",
                    ":",
                    "-",
                    "\t",
                    "3rd",
                ]
            ),
            st.text(max_size=4),
        ),
        max_size=40,
    ).map("".join)
)
def test_tokenized_text_equals_token_spans_on_arbitrary_text(text: str) -> None:
    tt = TokenizedText(text)
    assert tt.kept == [t for t, _, _ in token_spans(text)]
    assert tt.grams == analyze(text)
    first: dict[str, tuple[int, int]] = {}
    for g, s, e in ngram_spans(text):
        first.setdefault(g, (s, e))
    for g, span in first.items():
        assert tt.first_span(g) == span, g


def test_hash_ngrams_equals_featurehasher_columns() -> None:
    rng = random.Random(0)
    grams = [
        "".join(rng.choice("abcé ’x:") for _ in range(rng.randint(1, 20))) for _ in range(3000)
    ]
    grams += ["title:naïve café", "😀 emoji", "中文 词", ""]
    for n in (2**18, 1000, 7):
        assert hash_ngrams(grams, n).tolist() == [_column(g, n) for g in grams]
    plain = [g for g in grams if g.isascii()]
    assert len(plain) > 100
    assert hash_ngrams(plain, ascii=True).tolist() == [_column(g, 2**18) for g in plain]
    # the columns are scikit-learn's (FeatureHasher: signed murmurhash3_32 of
    # the UTF-8 bytes, seed 0, abs() mod n), though scoring hashes with mmh3
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.utils import murmurhash3_32

    for g in grams:
        h = murmurhash3_32(g, seed=0, positive=False)
        want = (2147483647 - (2**18 - 1)) % 2**18 if h == -(2**31) else abs(h) % 2**18
        assert _column(g, 2**18) == want, g
    fh = FeatureHasher(n_features=2**18, input_type="string", alternate_sign=False)
    m = fh.transform([[g] for g in grams])
    assert [int(m[i].indices[0]) for i in range(len(grams))] == hash_ngrams(grams).tolist()
    doc = Document.from_text(TEXTS[0] + " " + TEXTS[1], title="A Title Here")
    grams = document_ngrams(doc)
    counts = WordingHasher().transform([doc])
    cols, n = np.unique(hash_ngrams(grams), return_counts=True)
    assert cols.tolist() == counts.indices.tolist()
    assert n.tolist() == counts.data.tolist()


def test_document_ngrams_and_wording_spans_agree() -> None:
    doc = Document.from_text(TEXTS[1], title="Officials Say: the Troops Are Here")
    assert [g for g, *_ in wording_spans(doc)] == document_ngrams(doc)


@pytest.mark.parametrize("k", range(6))
def test_lexical_row_equals_scipy_to_the_bit(synthetic: dict[str, object], k: int) -> None:
    stack = synthetic["stack"]
    doc = synthetic["docs"][k] if k < 5 else Document.from_text(TEXTS[1], title="Title words")
    counts = WordingHasher(n_features=len(stack.lexical.idf)).transform([doc])
    grams: dict[str, int] = {}
    for g in document_ngrams(doc):
        grams[g] = grams.get(g, 0) + 1
    cols, x, z, position = stack.lexical.row(
        hash_ngrams(list(grams)), np.array(list(grams.values()))
    )
    ref = stack.lexical.tfidf(counts)
    order = np.argsort(ref.indices)
    assert cols.tolist() == ref.indices[order].tolist()
    assert x.tolist() == ref.data[order].tolist()
    assert z == float(stack.lexical.logit(counts)[0])
    for (g, _), p in zip(grams.items(), position.tolist()):
        c = _column(g, len(stack.lexical.idf))
        assert (p >= 0) == bool(stack.lexical.idf[c])
        if p >= 0:
            assert cols[p] == c


def test_lexical_row_of_a_document_without_kept_words(synthetic: dict[str, object]) -> None:
    stack = synthetic["stack"]
    cols, x, z, position = stack.lexical.row(np.zeros(0, dtype=np.int64), np.zeros(0))
    assert len(cols) == len(x) == len(position) == 0
    assert z == stack.lexical.intercept


def test_prior_terms_equal_the_loop(synthetic: dict[str, object]) -> None:
    stack = synthetic["stack"]
    rng = np.random.default_rng(0)
    dense = rng.normal(size=(50, len(stack.feature_names))) * 3
    dense[rng.random(dense.shape) < 0.2] = np.nan

    def loop(priors: tuple[Prior, ...]) -> np.ndarray:
        out = np.zeros_like(dense)
        index = {f: i for i, f in enumerate(stack.feature_names)}
        for p in priors:
            if p.feature in index:
                out[:, index[p.feature]] += p.term(dense[:, index[p.feature]])
        return out

    assert np.array_equal(stack.prior_terms(dense), loop(stack.priors))
    saved = stack.priors
    try:  # two priors on one feature, and one on a feature the model lacks
        stack.priors = saved + (
            Prior(stack.feature_names[0], 0.37, 0.5, 2.0),
            Prior("no.such", 1.0),
        )
        assert np.array_equal(stack.prior_terms(dense), loop(stack.priors))
    finally:
        stack.priors = saved


def _reference_wording(
    model, doc: Document, value: float
) -> list[tuple[float, str, str, int, int]]:
    """The wording evidence as the first implementation chose it: every
    n-gram's span, scipy's TF-IDF row, a heap over all scored n-grams."""
    stack = model.stack
    spans = list(wording_spans(doc))
    counts = WordingHasher(n_features=len(stack.lexical.idf)).transform_ngrams(
        [[g for g, *_ in spans]]
    )
    row = stack.lexical.tfidf(counts).getrow(0)
    col_value = dict(
        zip(
            row.indices.tolist(),
            (stack.wording_scale * stack.lexical.coef[row.indices] * row.data).tolist(),
        )
    )
    first: dict[str, tuple[str, int, int]] = {}
    for g, fld, s, e in spans:
        first.setdefault(g, (fld, s, e))
    grams = list(first)
    scored = [
        (v, g)
        for g, c in zip(grams, hash_ngrams(grams, len(stack.lexical.idf)).tolist())
        if (v := col_value.get(c, 0.0)) != 0.0
    ]
    sign = -1.0 if value < 0 else 1.0
    top = heapq.nsmallest(64, scored, key=lambda t: (-sign * t[0], t[1]))
    chosen: list[tuple[float, str]] = []
    for v, g in top:
        if sign * v <= 0 or len(chosen) >= 8:
            break
        if " " not in g and any(g in c.split(" ") for _, c in chosen):
            continue
        chosen.append((v, g))
    return [(v, g, *first[g]) for v, g in chosen]


def _docs() -> list[Document]:
    return [
        Document.from_text(TEXTS[0] * 3, title="Officials Say Nothing Changed"),
        Document.from_text(TEXTS[1] + "\n\n" + TEXTS[0], title="Troops arrive: what we know"),
        Document.from_text("short text", title=""),
        Document.from_text("", title="Only a Title Here"),
    ]


@pytest.mark.parametrize("i", range(4))
def test_wording_evidence_equals_the_reference(i: int) -> None:
    from newsvet.model import load_model

    model = load_model()
    doc = _docs()[i]
    pred = model.predict(doc)
    wording = [c for c in pred.explanation.contributions if c.feature == "wording"]
    assert len(wording) == 1
    got = [(e.field, e.start, e.end, e.text, e.reason) for e in wording[0].evidence]
    want = [
        (fld, s, e, doc.field_text(fld)[s:e], f"wording: '{g}' ({v:+.2f} log-odds)")
        for v, g, fld, s, e in _reference_wording(model, doc, wording[0].value)
    ]
    assert got == want
    # the wording term, from the lexical logit computed the scipy way
    from newsvet.model.features import signal_row
    from newsvet.signals.base import REGISTRY

    counts = WordingHasher(n_features=len(model.stack.lexical.idf)).transform([doc])
    z = float(model.stack.lexical.logit(counts)[0])
    lang = doc.metadata.language or "en"
    sigs = {n: REGISTRY[n](doc, lang=lang) for n in model.signals}
    dense = signal_row(sigs, model.feature_names)[None, :]
    wording_term = model.stack.feature_terms_z(dense, np.array([z]))[0][0]
    assert wording[0].value == pytest.approx(float(wording_term), rel=1e-12)


def _reference_evidence_for(feature: str, evidence: list[Evidence]) -> tuple[Evidence, ...]:
    keys = _keywords(feature)
    if not keys:
        return ()
    phrases = tuple(k for k in keys if " " in k)
    prefixes = tuple(k for k in keys if " " not in k)
    out = []
    for e in evidence:
        r = e.reason.lower()
        words = r.replace('"', " ").split()
        if any(p in r for p in phrases) or any(w.startswith(prefixes) for w in words):
            out.append(e)
    return tuple(out)


REASONS = [
    "headline repeated 4 times on the page",
    'figure "up to 12,000" attributed only to vague "reports"',
    "15 of 16 comments were posted exactly 6 d 8 h 55 min apart",
    'link box "You Might Also Like": 5 of 6 stories unrelated to the article',
    're-post of another outlet\'s story: "[Source: Wire]"',
    "no byline: the article names no author",
    'hedge "may" and weasel "some say" in the author\'s own voice',
    'site chrome: "Loading..."',
    'filler phrase "it is important to note"',
    'SOME"SAY\tsomething',
]
FEATURES = [
    "seo_filler.title_repeats",
    "unattributed_figures.vague_share",
    "comment_bots.timing_regularity",
    "seo_filler.recommendation_drift",
    "sourcing.repost_markers",
    "sourcing.has_byline",
    "hedging.weasel_share",
    "seo_filler.chrome_blocks",
    "seo_filler.filler_per_100_words",
    "readability.mattr",
    "sourcing.has_date",
    "hedging.uncertain_share",
]


@pytest.mark.parametrize("feature", FEATURES)
def test_evidence_for_equals_the_reference(feature: str) -> None:
    ev = [Evidence("body", i, i + 1, "x", r) for i, r in enumerate(REASONS)]
    assert fast_evidence_for(feature, ev) == _reference_evidence_for(feature, ev)


_REASON_TEXT = st.lists(
    st.one_of(
        st.sampled_from(REASONS),
        st.text(alphabet=st.sampled_from(list('abfgiknoprsuvwy "\t\n\u00a0:-')), max_size=30),
    ),
    max_size=14,
)


@settings(max_examples=200, deadline=None)
@given(_REASON_TEXT, st.sampled_from(FEATURES))
def test_prediction_evidence_matching_equals_evidence_for(reasons: list[str], feature: str) -> None:
    # reliability matches every reason of a signal at once with substring
    # searches; the result must be explain.evidence_for's, cut at FEATURE_EVIDENCE
    from newsvet.model.reliability import FEATURE_EVIDENCE, _evidence_for, _reason_text

    ev = [Evidence("body", i, i + 1, "x", r) for i, r in enumerate(reasons)]
    expected = fast_evidence_for(feature, ev)[:FEATURE_EVIDENCE]
    got = _evidence_for(feature, ev, *_reason_text(ev)) if ev else ()
    assert got == expected
