"""TokenizedText and hash_ngrams against the straightforward reference code.

TokenizedText filters gaps with byte masks, finds a bigram's tokens through a
mask and works out offsets piece by piece as far as asked; hash_ngrams calls
murmurhash3_bytes_s32 on the UTF-8 bytes. Each is compared with
:func:`token_spans` / :func:`ngram_spans` / :func:`analyze` / :func:`_column`
on long, arbitrary texts (many more than 64 pieces, spans asked in any order).
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.utils import murmurhash3_32

from newsvet.model.features import (
    TokenizedText,
    _column,
    analyze,
    hash_ngrams,
    ngram_spans,
    token_spans,
)

_PIECES = [
    "The", "the", "Mayor", "said", "2024", "x", "I", " ", "  ", "\n", "\n\n", ". ", "? ",
    "—", "– ", "(", "[", "“", "”", "’", "'", '"', "Σ", "ΑΣ", "ος", "İ", "Ærø", "_a", "ab",
    "Ab", "AB", ":", "; ", "-", "\t", "3rd", "٣٤", "é", "Élan", "ǅx", "ⅫV", "a_B",
]  # fmt: skip

_TEXT = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(max_size=5)), min_size=0, max_size=300
).map("".join)


def _reference_first_spans(text: str) -> dict[str, tuple[int, int]]:
    first: dict[str, tuple[int, int]] = {}
    for g, s, e in ngram_spans(text):
        first.setdefault(g, (s, e))
    return first


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.randoms(use_true_random=False))
def test_tokenized_text_equals_reference(text: str, rng: random.Random) -> None:
    tt = TokenizedText(text)
    kept = [t for t, _, _ in token_spans(text)]
    assert tt.kept == kept
    assert tt.grams == analyze(text)
    assert tt.n_unigrams == sum(t is not None for t in kept)
    first = _reference_first_spans(text)
    order = list(first.items())
    rng.shuffle(order)  # offsets are worked out lazily: any order must do
    for g, span in order:
        assert tt.first_span(g) == span, g
    assert tt.first_span("zz-not-a-gram qq") is None
    assert tt.first_span("zz-not-a-gram") is None


def test_long_text_spans_in_both_orders() -> None:
    words = ["Alpha", "beta", "said", "7", "the", "Gamma.", "delta", "(Epsilon)", "zeta"]
    rng = random.Random(1)
    text = " ".join(rng.choice(words) for _ in range(3000))
    first = _reference_first_spans(text)
    assert len(first) > 20
    for order in (
        sorted(first.items(), key=lambda kv: kv[1]),
        sorted(first.items(), key=lambda kv: -kv[1][0]),
    ):
        tt = TokenizedText(text)
        for g, span in order:
            assert tt.first_span(g) == span, g
    assert TokenizedText(text).grams == analyze(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=50), st.sampled_from([2**18, 2**20, 1000, 7, 1]))
def test_hash_ngrams_equals_column(grams: list[str], n: int) -> None:
    assert hash_ngrams(grams, n).tolist() == [_column(g, n) for g in grams]
    assert hash_ngrams(grams, n).tolist() == [
        (2147483647 - (n - 1)) % n if h == -(2**31) else abs(h) % n
        for h in (murmurhash3_32(g) for g in grams)
    ]


def test_hash_ngrams_of_real_grams() -> None:
    text = (
        "Officials said the “Plan” was final; however, critics — 40 of them — disagreed. Ωμέγα ός"
    )
    grams = analyze(text)
    assert grams
    assert hash_ngrams(grams).tolist() == [_column(g, 2**18) for g in grams]
    assert hash_ngrams([]).tolist() == []


def test_sentence_opening_test_equals_its_pattern() -> None:
    # every separator of up to 3 characters before a capitalised token (what
    # TokenizedText looks at) over the class, white space of several kinds and
    # other punctuation: the tokens are those of token_spans (_INITIAL)
    from itertools import product

    from newsvet.model.features import TokenizedText, token_spans

    alphabet = ".!?:;\"“”'‘’([—–\n- \t\r\u00a0\u2028\x1c,)]…*/"
    for n in range(4):
        for chars in product(alphabet, repeat=n):
            text = "ab" + "".join(chars) + "Cd ef"
            assert TokenizedText(text).kept == [t for t, _s, _e in token_spans(text)], repr(text)
