"""From Documents to the model's two inputs: signal features and word counts.

Both transformers are *stateless* (nothing is learnt in ``fit``), so the
labelled tables built from the corpora hold exactly what they output, and a
model can be trained from those tables alone:

- :class:`SignalFeaturizer` runs every registered signal (or a pinned list)
  and returns one float column per ``"<signal>.<value>"``, NaN where the
  signal reported ``None``.
- :class:`WordingHasher` hashes the word unigrams and bigrams of the body
  and the title into ``N_FEATURES`` columns of raw counts. Its tokeniser is
  :func:`token_spans`, so an explanation can find every n-gram again with its
  offsets (:func:`wording_spans`).

The two transformers are defined in :mod:`newsvet.model.estimators` (they
need scikit-learn; scoring uses only the functions here, which do not).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, compress, islice, pairwise
from operator import itemgetter
from typing import Any

import mmh3
import numpy as np

from ..ingest.document import Document
from ..signals.base import Signal, body_text

try:  # hand-written C for the token split and hashes, where built and used (newsvet._compiled)
    from .._speedups import gram_columns as _c_gram_columns
    from .._speedups import hash_columns as _c_hash_columns
    from .._speedups import token_marks as _c_token_marks
except ImportError:
    _c_gram_columns = None
    _c_hash_columns = None
    _c_token_marks = None

__all__ = [
    "N_FEATURES",
    "TokenizedText",
    "analyze",
    "document_ngrams",
    "hash_ngrams",
    "ngram_spans",
    "signal_row",
    "token_spans",
    "tokenize_document",
    "wording_spans",
]

#: columns of the hashed word n-gram space (2**18)
N_FEATURES = 2**18
NGRAM_RANGE = (1, 2)
TITLE_PREFIX = "title:"

# scikit-learn's default token pattern
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
# what may precede a sentence-initial word (within 3 characters)
_INITIAL = re.compile(r"(?:^|[.!?:;\"“”'‘’(\[—–-]\s*|\n\s*)$")


def token_spans(text: str) -> list[tuple[str | None, int, int]]:
    """``(token, start, end)`` for every token of ``text``, lower-cased.

    The token is ``None`` (a gap) for words that start with a capital letter
    inside a sentence (names of people, places and outlets: "Russia",
    "Chicago", "Pritzker") and for words that start with a digit (dates,
    counts). The wording model learns how things are said, not who or where
    they are about; a capitalised word that opens a sentence or a quote is
    kept ("The", "However").
    """
    out: list[tuple[str | None, int, int]] = []
    for m in _TOKEN.finditer(text):
        t = m.group(0)
        c = t[0]
        if c.isdigit():
            out.append((None, m.start(), m.end()))
            continue
        if c.isupper() and not _INITIAL.search(text, max(0, m.start() - 3), m.start()):
            out.append((None, m.start(), m.end()))
            continue
        out.append((t.lower(), m.start(), m.end()))
    return out


# The same tokens as _TOKEN (maximal runs of two or more word characters), as
# one C-level split: pieces alternate separator, token, separator, ...
_TOKEN_RUN = re.compile(r"(\w\w+)")
# the same on ASCII text (where \w is [A-Za-z0-9_] either way), faster
_TOKEN_RUN_ASCII = re.compile(r"(\w\w+)", re.ASCII)
# _INITIAL on the (at most 3) characters before a token (word characters
# there, the end of a previous token, can neither be punctuation nor white
# space) is r"[.!?:;\"“”'‘’(\[—–\n-]\s*$": the last character before the token
# that is not white space is one of these, or a line break is among the white
# space after it (``str.rstrip`` strips what ``\s`` matches: both test
# Py_UNICODE_ISSPACE)
_INITIAL_CHARS = frozenset(".!?:;\"“”'‘’([—–\n-")
_NOT_A_TO_Z = re.compile(r"[^a-z]")
_START = re.Match.start
#: a gap between tokens (NUL is no word character, so no token equals it)
_GAP = "\0"


class TokenizedText:
    """One text cut into the wording model's tokens, done once.

    ``kept`` holds what :func:`token_spans` gives as tokens (``None`` for
    gaps), ``grams`` what :func:`analyze` gives (put together when first
    asked for: the model needs only their columns, :meth:`columns`); offsets
    are worked out only when asked for (:meth:`first_span`).
    """

    __slots__ = (
        "_bigram_at", "_ends", "_grams", "_kept", "_pairs", "marked", "n_unigrams", "pieces",
        "text",
    )  # fmt: skip

    def __init__(self, text: str) -> None:
        self.text = text
        if _c_token_marks is not None:
            # the same cut in C (newsvet._speedups)
            pieces, marked, kept, pairs = _c_token_marks(text)
        else:
            pieces, marked, kept, pairs = _marks_reference(text)
        self.pieces = pieces
        self.marked = marked
        self._kept = kept
        self._pairs = pairs
        self.n_unigrams = len(marked) if kept is None else len(marked) - kept.count(0)
        self._grams: list[str] | None = None
        self._ends: list[int] = [0]
        #: token index of each bigram (on demand)
        self._bigram_at: list[int] | None = None

    @property
    def grams(self) -> list[str]:
        """The unigrams (the tokens but the gaps), then the bigrams (the
        neighbours without a gap between them, joined by a space)."""
        grams = self._grams
        if grams is None:
            marked, kept, pairs = self.marked, self._kept, self._pairs
            # filtered at C level with masks
            if pairs is None or kept is None:
                grams = marked.copy()
                grams.extend(map(" ".join, pairwise(marked)))
            else:
                grams = list(compress(marked, kept))
                grams.extend(map(" ".join, compress(pairwise(marked), pairs)))
            self._grams = grams
        return grams

    def columns(self, n_features: int = N_FEATURES) -> np.ndarray:
        """``hash_ngrams(self.grams, n_features)``: the hashed column of each
        n-gram, in C (newsvet._speedups) without putting the bigrams together."""
        if _c_gram_columns is not None and 0 < n_features <= 2**31:
            cols = _c_gram_columns(self.marked, self._kept, self._pairs, n_features)
            return np.frombuffer(cols, dtype=np.int64)
        return hash_ngrams(self.grams, n_features)

    @property
    def kept(self) -> list[str | None]:
        """The tokens as :func:`token_spans` gives them (``None`` for gaps)."""
        return [None if t == _GAP else t for t in self.marked]

    def _token_span(self, k: int) -> tuple[int, int]:
        # running piece lengths, worked out only as far as asked (evidence
        # mostly quotes the start of an article), at least doubling each time
        ends = self._ends
        need = 2 * k + 3
        if len(ends) < need:
            pieces = self.pieces
            stop = max(need, 2 * len(ends), 64)
            more = accumulate(map(len, pieces[len(ends) - 1 : stop - 1]), initial=ends[-1])
            ends.extend(islice(more, 1, None))
        return ends[2 * k + 1], ends[2 * k + 2]

    def first_span(self, gram: str) -> tuple[int, int] | None:
        """Offsets of the first occurrence of a unigram or bigram of :attr:`grams`."""
        try:
            if " " not in gram:
                return self._token_span(self.marked.index(gram))
            k = self.grams.index(gram, self.n_unigrams) - self.n_unigrams
        except ValueError:
            return None
        # the k-th bigram joins the tokens at the k-th pair of neighbours
        # without a gap
        if self._pairs is not None:
            at = self._bigram_at
            if at is None:
                at = self._bigram_at = list(compress(range(len(self.marked) - 1), self._pairs))
            k = at[k]
        return self._token_span(k)[0], self._token_span(k + 1)[1]


def _marks_reference(
    text: str,
) -> tuple[list[str], list[str], bytearray | None, bytearray | None]:
    """:class:`TokenizedText`'s cut of ``text`` (``newsvet._speedups.token_marks``
    is tested against it): the pieces (text between tokens and the tokens,
    alternately), the tokens lower-cased with gaps as ``_GAP``, and masks of
    the tokens kept and the neighbours that make a bigram (None for both when
    there is no gap)."""
    pieces = (_TOKEN_RUN_ASCII if text.isascii() else _TOKEN_RUN).split(text)
    toks = pieces[1::2]
    if not toks:
        marked: list[str] = []
    elif "Σ" in text:  # final sigma lower-cases by context: token by token
        marked = [t.lower() for t in toks]
    else:  # otherwise lower-casing is per character and tokens hold no spaces
        marked = " ".join(toks).lower().split(" ")
    # gaps (numbers, capitalised words inside a sentence) become _GAP; only
    # tokens that do not start with a-z need a look
    first = "".join(map(itemgetter(0), toks))
    pairs: bytearray | None = None  # 1 where token i and i + 1 make a bigram
    kept = pairs  # 1 where token i is no gap
    if not first.isascii() or not first.islower() or not first.isalpha():
        n = len(marked)
        initial = _INITIAL_CHARS
        for i in map(_START, _NOT_A_TO_Z.finditer(first)):
            c = first[i]
            if c.isdigit():
                gap = True
            elif c.isupper():
                # a gap unless a sentence or quote opens before it
                sep = pieces[2 * i][-3:]
                rest = sep.rstrip()
                gap = sep != "" and not (
                    (rest != "" and rest[-1] in initial) or "\n" in sep[len(rest) :]
                )
            else:
                gap = False
            if gap:
                marked[i] = _GAP
                if pairs is None or kept is None:
                    kept = bytearray(b"\1") * n
                    pairs = kept.copy()  # one more than the pairs: no bounds checks
                kept[i] = 0
                pairs[i] = 0
                if i:
                    pairs[i - 1] = 0
    return pieces, marked, kept, pairs


def tokenize_document(doc: Document) -> tuple[TokenizedText, TokenizedText]:
    """The body and the title cut into wording tokens."""
    return TokenizedText(body_text(doc)), TokenizedText(doc.title)


def ngram_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Every kept word unigram and bigram of ``text`` with its ``(start, end)``.

    A bigram joins two adjacent kept tokens (never across a gap).
    """
    toks = token_spans(text)
    for t, s, e in toks:
        if t is not None:
            yield t, s, e
    for (a, s, _), (b, _, e) in pairwise(toks):
        if a is not None and b is not None:
            yield f"{a} {b}", s, e


def analyze(text: str) -> list[str]:
    """Unigrams then bigrams of one text, as :func:`ngram_spans` finds them."""
    grams = list(ngram_spans(text))
    return [g for g, _, _ in grams]


def document_ngrams(doc: Document) -> list[str]:
    """The wording model's tokens of a Document: body n-grams and ``title:`` n-grams."""
    body, title = tokenize_document(doc)
    return body.grams + [TITLE_PREFIX + g for g in title.grams]


def wording_spans(doc: Document) -> Iterator[tuple[str, str, int, int]]:
    """``(ngram, field, start, end)`` for every n-gram :func:`document_ngrams` counts."""
    for g, s, e in ngram_spans(doc.body):
        yield g, "body", s, e
    for g, s, e in ngram_spans(doc.title):
        yield TITLE_PREFIX + g, "title", s, e


def _column(gram: str, n_features: int) -> int:
    # FeatureHasher's index (sklearn/feature_extraction/_hashing_fast.pyx):
    # signed 32-bit murmurhash3 of the UTF-8 bytes, seed 0, abs() mod n_features
    h = mmh3.hash(gram.encode("utf-8"), 0, signed=True)
    if h == -2147483648:
        return (2147483647 - (n_features - 1)) % n_features
    return abs(h) % n_features


def hash_ngrams(
    ngrams: Sequence[str], n_features: int = N_FEATURES, *, ascii: bool = False
) -> np.ndarray:
    """Column index of each n-gram in the hashed space (as :class:`WordingHasher` counts it).

    ``ascii``: the caller knows that every n-gram is ASCII (hashed a little
    faster; the columns are the same).
    """
    if _c_hash_columns is not None and type(ngrams) is list and 0 < n_features <= 2**31:
        # the same hash and columns in C (newsvet._speedups), one call
        return np.frombuffer(_c_hash_columns(ngrams, n_features), dtype=np.int64)
    return _hash_ngrams_reference(ngrams, n_features, ascii=ascii)


def _hash_ngrams_reference(
    ngrams: Sequence[str], n_features: int = N_FEATURES, *, ascii: bool = False
) -> np.ndarray:
    """:func:`hash_ngrams` with mmh3 (``newsvet._speedups.hash_columns`` is
    tested against it)."""
    # mmh3.hash: MurmurHash3_x86_32 of the UTF-8 bytes, seed 0, signed (what
    # scikit-learn's murmurhash3_32 and FeatureHasher compute; checked in
    # tests/model/test_fast_model.py); then _column's abs() mod n_features,
    # vectorised. The bytes are passed, not the str: hashing a str would leave
    # a cached UTF-8 copy on every non-ASCII n-gram (CPython keeps it); an
    # ASCII str is its own UTF-8, read in place, so those are passed as they are.
    strings: Iterable[str | bytes] = ngrams if ascii else map(str.encode, ngrams)
    h = np.fromiter(map(mmh3.hash, strings), dtype=np.int64, count=len(ngrams))
    return np.where(
        h == -2147483648, (2147483647 - (n_features - 1)) % n_features, np.abs(h) % n_features
    ).astype(np.int64)


@lru_cache(maxsize=64)
def _split_features(feature_names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((f.partition(".")[0], f.partition(".")[2]) for f in feature_names)


def signal_row(signals: Mapping[str, Signal], feature_names: Sequence[str]) -> np.ndarray:
    """One feature row from computed signals (NaN for None or absent)."""
    nan = math.nan
    values = []
    for name, value in _split_features(tuple(feature_names)):
        s = signals.get(name)
        v = s.values.get(value) if s is not None else None
        values.append(float(v) if v is not None and math.isfinite(v) else nan)
    row = np.array(values, dtype=float)
    return row


def iter_batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for x in items:
        batch.append(x)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def __getattr__(name: str) -> Any:
    # the scikit-learn transformers live in .estimators, so that scoring
    # (which needs none of scikit-learn) does not import it
    if name in ("SignalFeaturizer", "WordingHasher"):
        from . import estimators

        return getattr(estimators, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
