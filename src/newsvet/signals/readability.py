"""Readability and surface style of the article body.

A style *descriptor*, not a verdict: the values feed the model, which learns
how they relate to reliability, so the signal's own ``score`` is ``None``.

Values (all from the body; ``None`` when the body has no words):

- ``flesch_reading_ease``, ``flesch_kincaid_grade``: textstat's formulas
  (syllables from the CMU dictionary, see :mod:`newsvet._cmudict`), with the
  language passed explicitly; ``None`` for languages textstat has no formula
  for. For English textstat 0.7's numbers are reproduced to the bit in one
  pass per text (:func:`_flesch_en`); other languages call textstat.
- ``chars_per_word``: mean letters per word.
- ``words_log``: ``ln(1 + number of words)``.
- ``mattr``: moving-average type/token ratio over a window of 50 words
  (lexical diversity that does not fall with text length).
- ``sentence_words_mean``, ``sentence_words_std``, ``sentence_words_cv``:
  sentence length in words, its spread and coefficient of variation.
- ``exclaim_per_sentence``, ``question_per_sentence``: ``!`` and ``?`` per
  sentence.
- ``quote_share``: share of body characters inside quotation marks.
- ``caps_word_share``: share of words of three or more letters written in
  capitals (``SHOCKING``; acronyms count too, the model weighs it).
- ``paragraph_words_mean``, ``paragraph_words_cv``: paragraph length in words
  and its coefficient of variation; ``one_sentence_paragraph_share``: share of
  paragraphs that are a single sentence.

Evidence: sentences ending in ``!`` and runs of three or more capitalised
words, a few of each.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat
from operator import sub
from typing import Any, cast

import numpy as np

from .._cmudict import syllable_table
from ..ingest.document import Document
from ..segment import quote_spans, sentence_spans
from ..segment import words as body_words
from .base import Evidence, Measurement, body_text, evidence, register

try:  # hand-written C for textstat's counts and the type table, where built and used
    from .._speedups import textstat_counts as _c_textstat_counts
    from .._speedups import type_table as _c_type_table
except ImportError:
    _c_textstat_counts = None
    _c_type_table = None

__all__ = ["VALUES", "readability"]

VALUES = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "chars_per_word",
    "words_log",
    "mattr",
    "sentence_words_mean",
    "sentence_words_std",
    "sentence_words_cv",
    "exclaim_per_sentence",
    "question_per_sentence",
    "quote_share",
    "caps_word_share",
    "paragraph_words_mean",
    "paragraph_words_cv",
    "one_sentence_paragraph_share",
)

MATTR_WINDOW = 50
#: below this many words the measurements are flagged low-confidence
MIN_WORDS = 80
_MAX_EVIDENCE = 4

# words: segment.words (r"[^\W_]+(?:['’.-][^\W_]+)*", found once per text and
# shared with ai_markers)
# r"\b[A-Z][A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’-]+){2,}\b", starting with its character
# class (the word boundary becomes a look back) so the engine skips in C
_CAPS_RUN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’-]+){2,}\b")
# textstat language tags with a Flesch formula (en uses the CMU dictionary)
_TEXTSTAT_LANG = {
    "en": "en_US",
    "de": "de",
    "es": "es",
    "fr": "fr",
    "it": "it",
    "nl": "nl",
    "ru": "ru",
}


def _mean_std(xs: list[int]) -> tuple[float, float]:
    n = len(xs)
    m = sum(xs) / n
    # sum((x - m) ** 2 for x in xs): the same operations in the same order, in C
    var = sum(map(pow, map(sub, xs, repeat(m)), repeat(2))) / n
    return m, math.sqrt(var)


@dataclass(frozen=True, slots=True)
class _Types:
    """Where each distinct token of a token sequence occurs (all integers).

    A type is named by the position of its first occurrence: ``first`` maps
    each type to it (in first-occurrence order, a ``Counter``'s order) and
    ``counts[p]`` is how often the type first seen at ``p`` occurs (0 where no
    type starts). ``order`` lists the positions grouped by type, the groups
    in first-occurrence order and each in text order; ``prev`` is every
    token's previous occurrence (-1 for the first).
    """

    first: dict[str, int]
    counts: Any  # np.ndarray, int64
    order: Any  # np.ndarray, int64
    prev: Any  # np.ndarray, int64


@lru_cache(maxsize=4)
def _type_table(tokens: tuple[str, ...]) -> _Types:
    """:class:`_Types` of ``tokens``, memoised: readability's MATTR and
    ai_markers' rhythm features read the same lower-cased words of a body."""
    if _c_type_table is not None:
        # one pass in C (newsvet._speedups): a dict and a counting sort
        first, counts, order, prev = _c_type_table(tokens)
        return _Types(
            first,
            np.frombuffer(counts, dtype=np.int64),
            np.frombuffer(order, dtype=np.int64),
            np.frombuffer(prev, dtype=np.int64),
        )
    return _type_table_reference(tokens)


def _type_table_reference(tokens: tuple[str, ...]) -> _Types:
    """:func:`_type_table` with numpy (``newsvet._speedups.type_table`` is
    tested against it)."""
    n = len(tokens)
    first: dict[str, int] = {}
    # each token's type, from one C-level pass: setdefault keeps the first position
    ids = np.fromiter(map(first.setdefault, tokens, range(n)), dtype=np.int64, count=n)
    order = np.argsort(ids, kind="stable")
    prev = np.full(n, -1, dtype=np.int64)
    same = ids[order[1:]] == ids[order[:-1]]
    prev[order[1:][same]] = order[:-1][same]
    return _Types(first, np.bincount(ids, minlength=n), order, prev)


def _mattr(tokens: Sequence[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type/token ratio, vectorised.

    A token adds one distinct type to every window that contains it but not
    its previous occurrence, so the sum over windows of distinct types is a
    sum over tokens of a count of window starts (integers: exact).
    """
    n = len(tokens)
    if n <= window:
        return len(set(tokens)) / n
    prev = _type_table(tuple(tokens)).prev
    last_start = n - window
    i = np.arange(n, dtype=np.int64)
    lo = np.maximum(np.maximum(i - window + 1, prev + 1), 0)
    hi = np.minimum(i, last_start)
    total = int(np.where(hi >= lo, hi - lo + 1, 0).sum())
    return total / (last_start + 1) / window


# textstat 0.7's English pipeline (list_words -> remove_punctuation, the
# syllable count from cmudict with a pyphen fallback, count_sentences),
# reproduced to the last bit so the values do not change, but done once per
# text with cached syllables per word; ``tests/signals/test_fast_paths.py``
# checks it against textstat itself.
_TS_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_TS_PUNCT = re.compile(r"[^\w\s\']")
_TS_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_TS_SENTENCE_SPLIT = re.compile(f"({_TS_SENTENCE.pattern})")


_TWO = 2
# _TS_PUNCT as a str.translate table for ASCII text (C speed, several times
# faster than the regex), with the punctuation outside ASCII that news text
# is full of (curly quotes, dashes, ellipsis) turned to NUL first
_TS_ASCII_PUNCT = {c: "\0" for c in range(128) if _TS_PUNCT.match(chr(c))}
_TS_COMMON_PUNCT = "’“”‘—–…"  # all matched by _TS_PUNCT


def _ts_marked(text: str) -> str:
    """``text`` with textstat's punctuation (``_TS_APOSTROPHE``, ``_TS_PUNCT``)
    turned to NUL in place."""
    plain = text
    if not plain.isascii():
        for c in _TS_COMMON_PUNCT:
            if c in plain:
                plain = plain.replace(c, "\0")
        if not plain.isascii():
            return _TS_PUNCT.sub("\0", _TS_APOSTROPHE.sub("\0", text))
    # the translation leaves letters and "'" alone, so the apostrophe's look
    # ahead sees what it saw in the text (a NUL where punctuation was matches
    # no more than the punctuation did)
    marked = plain.translate(_TS_ASCII_PUNCT)
    return _TS_APOSTROPHE.sub("\0", marked) if "'" in marked else marked


_PYPHEN_SYLLABLES: dict[str, int] = {}
#: syllables of the words met so far: a dictionary far smaller than the CMU
#: one, whose look-ups then stay in the CPU caches
_SYLLABLES_SEEN: dict[str, int] = {}


def _syllables(word: str) -> int:
    """textstat's syllable count of a lower-cased word (CMU dictionary, else
    pyphen), remembered in ``_SYLLABLES_SEEN``."""
    n = syllable_table().get(word)
    if n is None:
        n = _pyphen_syllables(word)
    if len(_SYLLABLES_SEEN) > 100_000:
        _SYLLABLES_SEEN.clear()
    _SYLLABLES_SEEN[word] = n
    return n


def _pyphen_syllables(word: str) -> int:
    """``len(Pyphen(lang="en_US").positions(word)) + 1``, as textstat counts a
    word missing from the CMU dictionary (cached per word)."""
    n = _PYPHEN_SYLLABLES.get(word)
    if n is None:
        n = _hyphenation_points(word) + 1
        if len(_PYPHEN_SYLLABLES) > 200_000:
            _PYPHEN_SYLLABLES.clear()
        _PYPHEN_SYLLABLES[word] = n
    return n


@lru_cache(maxsize=1)
def _hyphenator() -> tuple[Any, dict[str, Any]]:
    """The pyphen dictionary textstat uses for English and its patterns as a trie:
    ``{char: (subtrie, raises of the pattern ending here or None)}``."""
    # textstat's get_pyphen("en_US") is Pyphen(lang="en_US"); built here
    # directly, so English never imports textstat (and with it NLTK)
    from pyphen import Pyphen

    dic = Pyphen(lang="en_US")
    trie: dict[str, Any] = {}
    for key, (offset, values) in dic.hd.patterns.items():
        # the pattern as (position from the start of the match, value) pairs
        # of its non-zero values: raising a reference to max(value, reference)
        # one by one is what pyphen's slice assignment does
        raises = tuple((offset + k, v) for k, v in enumerate(values) if v)
        node = trie
        for k, ch in enumerate(key):
            sub, pat = node.get(ch, (None, None))
            if sub is None:
                sub = {}
            if k == len(key) - 1:
                pat = raises
            node[ch] = (sub, pat)
            node = sub
    return dic, trie


def _hyphenation_points(word: str) -> int:
    """How many hyphenation points pyphen's ``Pyphen.positions`` gives.

    pyphen's own algorithm (Liang's patterns over ``.word.``, every pattern
    that occurs raising the references it covers), with the patterns walked
    as a trie from each start instead of looking up every substring, which
    makes unseen words (names, numbers) several times cheaper.
    """
    dic, trie = _hyphenator()
    maxlen = dic.hd.maxlen
    pointed = f".{word.lower()}."
    size = len(pointed)
    references = [0] * (size + 1)
    for i in range(size - 1):
        node = trie
        for j in range(i, min(i + maxlen, size)):
            step = node.get(pointed[j])
            if step is None:
                break
            node, raises = step
            if raises:
                for k, v in raises:
                    k += i
                    if k <= size and references[k] < v:
                        references[k] = v
    right = len(word) - dic.right
    return sum(
        1 for i, r in enumerate(references) if r % 2 and dic.left <= i - 1 <= right
    )


def _flesch_counts_reference(text: str, marked: str) -> tuple[int, int, int]:
    """Words, syllables and sentences as textstat counts them (``marked``:
    :func:`_ts_marked` of ``text``); ``newsvet._speedups.textstat_counts`` is
    tested against this."""
    cleaned = marked.replace("\0", "")
    # lower-casing neither makes nor removes white space: one split counts
    lowered = cleaned.lower().split()
    n_words = len(lowered)
    seen = _SYLLABLES_SEEN
    found = list(map(seen.get, lowered))
    # words not met before are few: visit only them (the CMU dictionary, then
    # pyphen for words missing from it, names and numbers)
    i = -1
    try:
        while True:
            i = found.index(None, i + 1)
            found[i] = _syllables(lowered[i])
    except ValueError:
        pass
    syllables = sum(cast("list[int]", found))
    if not text:
        n_sent = 0
    else:
        # textstat's sentences: the matches of _TS_SENTENCE, less those of at
        # most two words (in the text, or once punctuation is removed), from
        # one split and C-level maps over the pieces. Punctuation becomes a
        # NUL in place, never touching white space, so removing it only drops
        # or shortens words: a piece has no more words without punctuation
        # than with it, and "at most two once punctuation is removed" decides
        pieces = _TS_SENTENCE_SPLIT.split(text)
        bounds = list(accumulate(map(len, pieces)))
        in_marked = map(
            len,
            map(
                str.split,
                map(
                    str.replace,
                    map(marked.__getitem__, map(slice, bounds[0:-1:2], bounds[1::2])),
                    repeat("\0"),
                    repeat(""),
                ),
                repeat(None),
                repeat(2),  # "at most two" needs no more than three pieces
            ),
        )
        ignore = sum(map(_TWO.__ge__, in_marked))
        n_sent = max(1, (len(pieces) - 1) // 2 - ignore)
    return n_words, syllables, n_sent


def _flesch_en(text: str) -> tuple[float, float]:
    """textstat's ``flesch_reading_ease`` and ``flesch_kincaid_grade`` for en_US."""
    # punctuation becomes NUL instead of vanishing, so offsets carry over
    # (a NUL in the text is punctuation too)
    marked = _ts_marked(text)
    if _c_textstat_counts is not None and marked.isascii():
        # the same counts in C (newsvet._speedups), in one pass over each text
        n_words, syllables, missing, matches, short = _c_textstat_counts(
            marked, text, _SYLLABLES_SEEN
        )
        syllables += sum(map(_syllables, missing))
        n_sent = max(1, matches - short) if text else 0
    else:
        n_words, syllables, n_sent = _flesch_counts_reference(text, marked)
    try:
        sentence_length = n_words / n_sent
    except ZeroDivisionError:
        sentence_length = 0.0
    try:
        per_word = (syllables if text else 0) / n_words
    except ZeroDivisionError:
        per_word = 0.0
    if sentence_length == 0 or per_word == 0:
        return 0.0, 0.0
    fre = 206.835 - 1.015 * sentence_length - 84.6 * per_word
    fkg = (0.39 * sentence_length) + (11.8 * per_word) - 15.59
    return fre, fkg


def _caps_run_possible(words: Sequence[str], upper: list[bool]) -> bool:
    """False when ``_CAPS_RUN`` cannot match the text of ``words``
    (``upper``: which are ``str.isupper``), from the words alone.

    The second word of a run is followed and preceded by blanks, so it is a
    whole word, in capitals; the word before it ends in the first word's last
    letter, a capital. Most bodies have no such pair and skip the regex pass.
    """
    return any(words[i - 1][-1].isupper() for i in compress(range(len(words)), upper) if i)


def _textstat(text: str, lang: str) -> tuple[float | None, float | None]:
    tag = _TEXTSTAT_LANG.get((lang or "en").split("_")[0].split("-")[0].lower())
    if tag is None:
        return None, None
    if tag == "en_US":
        fre_en, fkg_en = _flesch_en(text)
        return float(fre_en), float(fkg_en)
    from textstat.backend import metrics

    try:
        fre = metrics.flesch_reading_ease(text, tag)
        fkg = metrics.flesch_kincaid_grade(text, tag)
    except Exception:  # noqa: BLE001 - a missing hyphenation dictionary etc.: not measurable
        return None, None
    return float(fre), float(fkg)


@register(
    "readability",
    version="1",
    values=VALUES,
    description="Readability and surface style of the body (a descriptor; no score)",
)
def readability(doc: Document, *, lang: str = "en") -> Measurement:
    """Readability formulas, lexical diversity, sentence/paragraph shape, emphasis."""
    body = body_text(doc)
    # one C-level split: pieces alternate text between words and words, and
    # their running lengths give every word's offsets
    found = body_words(body)  # shared with ai_markers
    words = found.tokens
    if not words:
        return Measurement(score=None, values={}, notes=("empty body",))
    n_words = len(words)
    starts = found.starts

    fre, fkg = _textstat(body, lang)
    letters = len("".join(words))
    if found.lowered is not None and ("’" not in body or "'" not in body):
        # segment.words lower-cased them the same way, but for reading ’ as ':
        # with one of the two absent that changes no word's identity, which
        # is all MATTR looks at (and ai_markers then shares the type table)
        tokens_l: Sequence[str] = found.lowered
    elif len(low := body.lower()) == len(body) and "Σ" not in body:
        # lower-casing is then per character, so each word lowers on its own
        # (words hold no spaces)
        tokens_l = " ".join(words).lower().split(" ")
    else:
        tokens_l = [low[a:b] for a, b in zip(starts, found.ends)]

    # sentence and paragraph lengths from word offsets (sentences never cross
    # paragraph breaks: a line break always ends a sentence)
    sents = sentence_spans(body)
    cuts = list(map(bisect_left, repeat(starts), chain.from_iterable(sents)))
    sent_lens = list(filter(None, map(sub, cuts[1::2], cuts[0::2]))) or [n_words]
    s_mean, s_std = _mean_std(sent_lens)
    n_sent = len(sent_lens)
    sent_starts = [s for s, _ in sents]

    quoted = sum(e - s for s, e in quote_spans(body))
    upper = list(map(str.isupper, words))
    caps = sum(1 for w in compress(words, upper) if len(w) >= 3 and w.isalpha())

    para_lens: list[int] = []
    one_sentence = 0
    for ps, pe in doc.paragraph_spans():
        k = bisect_left(starts, pe) - bisect_left(starts, ps)
        if k == 0:
            continue
        para_lens.append(k)
        if bisect_left(sent_starts, pe) - bisect_left(sent_starts, ps) <= 1:
            one_sentence += 1
    p_mean, p_std = _mean_std(para_lens) if para_lens else (float(n_words), 0.0)

    values: dict[str, float | None] = {
        "flesch_reading_ease": fre,
        "flesch_kincaid_grade": fkg,
        "chars_per_word": letters / n_words,
        "words_log": math.log1p(n_words),
        "mattr": _mattr(tokens_l),
        "sentence_words_mean": s_mean,
        "sentence_words_std": s_std,
        "sentence_words_cv": s_std / s_mean if s_mean else None,
        "exclaim_per_sentence": body.count("!") / n_sent,
        "question_per_sentence": body.count("?") / n_sent,
        "quote_share": quoted / len(body),
        "caps_word_share": caps / n_words,
        "paragraph_words_mean": p_mean,
        "paragraph_words_cv": p_std / p_mean if p_mean else None,
        "one_sentence_paragraph_share": one_sentence / len(para_lens) if para_lens else None,
    }

    ev: list[Evidence] = []
    for s, e in sents if "!" in body else ():
        if len(ev) >= _MAX_EVIDENCE:
            break
        if body[s:e].rstrip("\"'”’)]").endswith("!"):
            ev.append(evidence(doc, "body", s, e, "exclamation"))
    n_exclaim = len(ev)
    for m in _CAPS_RUN.finditer(body) if _caps_run_possible(words, upper) else ():
        if len(ev) - n_exclaim >= _MAX_EVIDENCE:
            break
        ev.append(evidence(doc, "body", m.start(), m.end(), "words in capitals"))

    notes: tuple[str, ...] = ()
    if fre is None:
        notes = (f"no readability formula for language {lang!r}",)
    return Measurement(
        score=None,
        values=values,
        evidence=ev,
        low_confidence=n_words < MIN_WORDS,
        notes=notes,
    )
