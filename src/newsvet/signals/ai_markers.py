"""ai_markers: the register and template structure of LLM-rewritten news.

Content farms run wire copy through a language model. The rewrite keeps the
facts but leaves a recognisable register and shape, measured on the body:

- ``stock_openers``: scene-setting formulas that open a sentence ("In a
  surprising turn of events", "In a move that", "In an era of"), from
  ``ai-openers-v1``;
- ``stock_closers``: generic outlooks and morals ("As the situation unfolds",
  "it remains crucial to", "only time will tell", "serves as a reminder"),
  from ``ai-closers-v1``;
- ``slop_per_100_words``: LLM-register words and phrases ("pivotal",
  "underscores", "landscape", "tapestry", "delve", "shed light on"), from
  ``ai-slop-v1`` (part curated from slop-guard, MIT);
- ``ing_tails_per_sentence``: participial tails that append a comment to a
  clause (", highlighting the ...", ", underscoring ...", ", sparking ...");
  attribution tails (", saying ...", ", according to") do not count;
- ``transitions_per_sentence``: sentences opening with an essay connective
  ("Moreover,", "Furthermore,", "Additionally,", "Overall,");
- ``list_scaffold_share``: share of lines that are bullet or numbered items,
  or open with "Firstly"/"Secondly"/"Lastly";
- ``sentence_cv``: coefficient of variation of sentence lengths in words (low
  = uniform rhythm);
- ``gap_burstiness``: mean burstiness ``(sd - mean) / (sd + mean)`` of the
  gaps between repeats of the same content word (human prose repeats a topic
  word in bursts; rewrites spread it evenly or use synonyms);
- ``mattr_cv``: coefficient of variation of the type/token ratio over
  50-word windows (how evenly the vocabulary is spread);
- ``quote_share``: share of body characters inside quotation marks (rewrites
  paraphrase the quotes of the original);
- ``said_per_sentence``: plain attribution ("said", "says", "told") per
  sentence (rewrites drop it), and ``stated_per_sentence``: the elaborate
  reporting verbs rewrites put in its place ("stated", "expressed",
  "emphasized", "revealed", "noted");
- ``words``: body length in words (not a model input);
- ``probability``: a small logistic model over the features above (weights in
  ``data/ai-markers-weights-v1.json``, fitted by
  ``benchmarks/ai_markers_eval.py --write-weights`` on the human vs GPT-3.5
  news rewrites of Mindner et al. 2023); it is the signal's ``score``.

The score is ``None`` for bodies under 80 words (values are still reported).
Evidence: stock openers/closers and slop phrases as body spans, and a note
when the sentence rhythm is uniform.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat
from operator import itemgetter, sub
from typing import Any

import numpy as np

from ..ingest.document import Document
from ..segment import quote_spans, sentence_spans
from ..segment import words as text_words
from .base import Evidence, Measurement, body_text, evidence, register
from .lexicon import load_data_json, load_lexicon
from .readability import _type_table, _Types

__all__ = ["MODEL_FEATURES", "ai_markers", "measure_text"]

WEIGHTS = "ai-markers-weights-v1.json"
#: below this many words the score is None (the values are still reported)
MIN_WORDS = 80
#: sentence-length CV below this is reported as "uniform rhythm"
UNIFORM_CV = 0.3
_WINDOW = 50
_MAX_EVIDENCE = 20
_OFFSETS = np.arange(_WINDOW)

MODEL_FEATURES = (
    "stock_openers",
    "stock_closers",
    "slop_per_100_words",
    "ing_tails_per_sentence",
    "transitions_per_sentence",
    "list_scaffold_share",
    "sentence_cv",
    "gap_burstiness",
    "mattr_cv",
    "quote_share",
    "said_per_sentence",
    "stated_per_sentence",
)
_VALUES = ("probability", "words", *MODEL_FEATURES)

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_WORD_SPLIT = re.compile(r"(\w+(?:['’.-]\w+)*)")


def _phrase_index(
    *lexicons: tuple[str, tuple[str, ...]],
) -> dict[str, list[tuple[tuple[str, ...], bool, str]]]:
    """first word -> [(words, needs a comma after, kind)], longest first.

    Phrases are matched on the word tokens of the text (one pass, dictionary
    look-ups), which is much faster than one big regex alternation."""
    index: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
    for kind, entries in lexicons:
        for e in entries:
            comma = e.endswith(",")
            words = tuple(w.group(0) for w in _WORD.finditer(e.replace("’", "'")))
            if words:
                index.setdefault(words[0], []).append((words, comma, kind))
    for alts in index.values():
        alts.sort(key=lambda a: -len(a[0]))
    return index


def _pair_index(
    index: dict[str, list[tuple[tuple[str, ...], bool, str]]],
) -> dict[tuple[str, str | None], list[tuple[tuple[str, ...], bool, str]]]:
    """(first word, second word or None for one-word entries) -> the entries
    of ``index`` with those words, in the same (longest first) order: a common
    first word ("in", "the") then costs one look-up, not one per entry."""
    pairs: dict[tuple[str, str | None], list[tuple[tuple[str, ...], bool, str]]] = {}
    for first, alts in index.items():
        for a in alts:
            pairs.setdefault((first, a[0][1] if len(a[0]) > 1 else None), []).append(a)
    return pairs


_PHRASES = _phrase_index(
    ("opener", load_lexicon("ai-openers-v1")),
    ("closer", load_lexicon("ai-closers-v1")),
    ("slop", load_lexicon("ai-slop-v1")),
)
_PAIRS = _pair_index(_PHRASES)
_SINGLE_ALTS = {k[0]: v for k, v in _PAIRS.items() if k[1] is None}
_REASON = {"opener": "stock opener", "closer": "stock closer", "slop": "LLM-register phrase"}
_ING_TAIL = re.compile(r",\s+([a-z]+ing)\b")
_ING_EXCLUDE = frozenset(
    [
        "according",
        "including",
        "during",
        "following",
        "saying",
        "adding",
        "noting",
        "telling",
        "citing",
        "nothing",
        "something",
        "anything",
        "everything",
        "morning",
        "evening",
        "being",
        "king",
        "thing",
        "bring",
        "sing",
        "ring",
        "wing",
        "spring",
        "string",
        "swing",
        "building",
        "ceiling",
        "darling",
        "sibling",
        "bing",
        "ping",
    ]
)
_TRANSITION = re.compile(
    r"(?:moreover|furthermore|additionally|in addition|overall|ultimately|notably|"
    r"consequently|subsequently|nevertheless|nonetheless|in conclusion|in summary|"
    r"importantly|interestingly|as a result|on the other hand)\b\s*,?",
    re.IGNORECASE,
)
_LIST_LINE = re.compile(
    r"^[ \t]*(?:[•·*▪●◦►✓✔➤→-][ \t]+|\d{1,2}[.)][ \t]+|(?:firstly|secondly|thirdly|lastly|finally),)",
    re.IGNORECASE | re.MULTILINE,
)
_SAID = frozenset(["said", "says", "say", "told", "tells"])
_STATED = frozenset(
    [
        "stated",
        "expressed",
        "emphasized",
        "emphasised",
        "revealed",
        "noted",
        "highlighted",
        "asserted",
        "acknowledged",
        "conveyed",
        "remarked",
        "underlined",
        "articulated",
        "affirmed",
    ]
)
_STOP = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "most",
        "my",
        "no",
        "not",
        "of",
        "on",
        "one",
        "or",
        "our",
        "out",
        "over",
        "said",
        "says",
        "she",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "up",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "you",
        "year",
        "years",
    ]
)


@dataclass(frozen=True, slots=True)
class _Found:
    values: dict[str, float | None]
    spans: list[tuple[int, int, str]]
    notes: list[str]


def _cv(xs: list[float]) -> float | None:
    if len(xs) < 2:
        return None
    m = sum(xs) / len(xs)
    if m <= 0:
        return None
    # sum((x - m) ** 2 for x in xs): the same operations in the same order, in C
    var = sum(map(pow, map(sub, xs, repeat(m)), repeat(2))) / len(xs)
    return math.sqrt(var) / m


def _gap_burstiness(tokens: Sequence[str], table: _Types) -> float | None:
    """Mean of ``(sd - m) / (sd + m)`` over the gaps between the occurrences
    of each content word seen at least three times, words in first-occurrence
    order.

    Element by element the arithmetic of the plain loop (per word
    ``m = (last - first) / k``, ``var = sum([(g - m) ** 2 for g in gaps]) / k``,
    then the mean of the ratios with ``sum``): numpy does the steps IEEE makes
    exact (integer gaps, ``-``, ``/``, ``sqrt``, a left-to-right cumulative
    sum), Python's ``pow`` the squares, so the result is the same to the bit.
    """
    counts = table.counts  # by the position of a word's first occurrence
    keep = [
        p
        for p in np.flatnonzero(counts >= 3).tolist()
        if len(t := tokens[p]) > 2 and t not in _STOP and not t[0].isdigit()
    ]
    if not keep:
        return None
    kept = np.array(keep, dtype=np.int64)
    k = counts[kept] - 1  # gaps per word
    s = (np.cumsum(counts) - counts)[kept]  # where each word's group starts in ``order``
    order = table.order
    m = (order[s + k] - order[s]) / k
    # every gap of every word, word after word
    ends = np.cumsum(k)
    firsts = ends - k
    total = int(ends[-1])
    at = np.repeat(s - firsts, k) + np.arange(total)
    diffs = (order[at + 1] - order[at]) - np.repeat(m, k)
    squares = np.fromiter(map(pow, diffs.tolist(), repeat(2)), dtype=np.float64, count=total)
    width = int(k.max())
    if len(keep) * width <= 4 * total + 1024:
        # as rows of a matrix padded on the right: a running sum along a row
        # adds left to right, as ``sum`` does, and the padding adds +0.0 to a
        # sum of squares, which changes nothing
        grid = np.zeros((len(keep), width))
        grid[np.arange(width) < k[:, None]] = squares
        sums = np.cumsum(grid, axis=1)[:, -1]
    else:  # a few words repeated very often: no wide matrix
        pieces = map(squares.tolist().__getitem__, map(slice, firsts.tolist(), ends.tolist()))
        sums = np.array(list(map(sum, pieces)))
    sd = np.sqrt(sums / k)
    vals = ((sd - m) / (sd + m)).tolist()
    return sum(vals) / len(vals)


def _mattr_cv(table: _Types, n: int) -> float | None:
    """CV of the type/token ratio of 50-word windows taken every 25 words."""
    if n < 2 * _WINDOW:
        return None
    # distinct words of the window from a: the words in it whose previous
    # occurrence is before a
    firsts = np.arange(0, n - _WINDOW + 1, _WINDOW // 2)
    inside = firsts[:, None] + _OFFSETS
    distinct = (table.prev[inside] < firsts[:, None]).sum(axis=1).tolist()
    return _cv([d / _WINDOW for d in distinct])


def _words(lowered: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens of ``_WORD`` with their start and end offsets, from one C-level
    split: the pieces alternate gap, word, gap, ... and running lengths give
    the offsets."""
    pieces = _WORD_SPLIT.split(lowered)
    bounds = list(accumulate(map(len, pieces)))
    return pieces[1::2], bounds[0:-1:2], bounds[1::2]


def measure_text(text: str) -> _Found:
    """The hand features of a body text (no model), with evidence spans."""
    shared = text_words(text)
    tokens: Sequence[str]
    starts: Sequence[int]
    ends: Sequence[int]
    if shared.lowered is not None and "_" not in text:
        # the same words as _WORD finds in the lowered text: without "_", \w
        # and [^\W_] agree, and lower-casing keeps every offset
        tokens, starts, ends = shared.lowered, shared.starts, shared.ends
    else:
        lowered = text.lower().replace("’", "'")
        if len(lowered) != len(text):  # a few characters change length when lower-cased
            lowered = "".join(
                c if len(c.lower()) != 1 else c.lower() for c in text
            ).replace("’", "'")
        tokens, starts, ends = _words(lowered)
    n_words = len(tokens)
    table = _type_table(tuple(tokens))
    sents = sentence_spans(text)
    spans: list[tuple[int, int, str]] = []

    sent_starts = set(map(itemgetter(0), sents))
    found = {"opener": 0, "closer": 0, "slop": 0}
    next_free = 0
    last = n_words - 1
    hits = compress(range(n_words), map(_PHRASES.__contains__, tokens))
    for i in hits:
        if i < next_free:
            continue
        first = tokens[i]
        # the entries starting with this word and the next, then the one-word
        # ones (most first words, "in", "the", "a", lead nowhere)
        pair = _PAIRS.get((first, tokens[i + 1])) if i < last else None
        single = _SINGLE_ALTS.get(first)
        if pair is None:
            if single is None:
                continue
            alts = single
        else:
            alts = pair + single if single is not None else pair
        hit = None
        for words, comma, kind in alts:
            k = len(words)
            if tuple(tokens[i : i + k]) != words:
                continue
            end = ends[i + k - 1]
            if comma and text[end : end + 1] != ",":
                continue
            if kind == "opener":
                # an opener opens a sentence (allowing a quote mark or dash before it)
                j = starts[i]
                at_start = j in sent_starts
                while not at_start and j > 0 and text[j - 1] in " \t\"'“‘—–-":
                    j -= 1
                    at_start = j in sent_starts or j == 0
                if not at_start:
                    continue
            hit = (k, end, kind)
            break
        if hit is None:
            continue
        k, end, kind = hit
        found[kind] += 1
        phrase = " ".join(tokens[i : i + k])
        spans.append((starts[i], end, f'{_REASON[kind]} "{phrase}"'))
        next_free = i + k
    openers, closers, slop = found["opener"], found["closer"], found["slop"]
    tails = 0
    for m in _ING_TAIL.finditer(text):
        if m.group(1) not in _ING_EXCLUDE:
            tails += 1
            spans.append((m.start(1), m.end(1), f'participial tail ", {m.group(1)} ..."'))
    transitions = sum(map(bool, map(_TRANSITION.match, repeat(text), map(itemgetter(0), sents))))
    n_lines = sum(map(bool, map(str.strip, text.splitlines())))
    # _LIST_LINE's matches: at most one per line, and none spans a line break
    list_lines = sum(map(bool, map(_LIST_LINE.match, text.split("\n"))))

    # words per sentence: the words that start inside it
    cuts = list(map(bisect_left, repeat(starts), chain.from_iterable(sents)))
    sent_lens = list(map(float, filter(None, map(sub, cuts[1::2], cuts[0::2]))))
    n_sent = max(1, len(sent_lens))
    sentence_cv = _cv(sent_lens) if len(sent_lens) >= 4 else None
    quoted = sum(e - s for s, e in quote_spans(text))
    notes: list[str] = []
    if sentence_cv is not None and sentence_cv < UNIFORM_CV:
        notes.append(
            f"uniform sentence rhythm: {len(sent_lens)} sentences, lengths vary by only "
            f"{sentence_cv:.0%} of their mean"
        )
    first_at, counts = table.first, table.counts
    said = sum(int(counts[first_at[w]]) for w in _SAID if w in first_at)
    stated = sum(int(counts[first_at[w]]) for w in _STATED if w in first_at)
    values: dict[str, float | None] = {
        "words": float(n_words),
        "stock_openers": float(openers),
        "stock_closers": float(closers),
        "slop_per_100_words": 100.0 * slop / n_words if n_words else None,
        "ing_tails_per_sentence": tails / n_sent if n_words else None,
        "transitions_per_sentence": transitions / n_sent if n_words else None,
        "list_scaffold_share": list_lines / n_lines if n_lines else None,
        "sentence_cv": sentence_cv,
        "gap_burstiness": _gap_burstiness(tokens, table),
        "mattr_cv": _mattr_cv(table, n_words),
        "quote_share": quoted / len(text) if text else None,
        "said_per_sentence": said / n_sent if n_words else None,
        "stated_per_sentence": stated / n_sent if n_words else None,
    }
    return _Found(values, spans, notes)


@dataclass(frozen=True)
class _Model:
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]

    def probability(self, values: dict[str, float | None]) -> float:
        z = self.intercept
        for name, m, s, c in zip(MODEL_FEATURES, self.mean, self.scale, self.coef):
            v = values.get(name)
            x = 0.0 if v is None else (v - m) / s  # missing -> the training mean
            z += c * max(-6.0, min(6.0, x))
        return 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))


def model_from_dict(d: dict[str, Any]) -> _Model:
    """Build the model from the weights JSON's content."""
    if tuple(d["features"]) != MODEL_FEATURES:
        raise ValueError("ai_markers weights were trained on other features")
    return _Model(
        float(d["intercept"]),
        tuple(map(float, d["mean"])),
        tuple(float(s) or 1.0 for s in d["scale"]),
        tuple(map(float, d["coef"])),
    )


@lru_cache(maxsize=1)
def _model() -> _Model:
    return model_from_dict(load_data_json(WEIGHTS))


@register(
    "ai_markers",
    version="1",
    values=_VALUES,
    description="LLM-rewrite register and template structure of the body: stock "
    "openers/closers, slop phrases, participial tails, uniform rhythm.",
)
def ai_markers(doc: Document, *, lang: str = "en") -> Measurement:
    """Probability that the body is an LLM rewrite, from register and rhythm markers."""
    body = body_text(doc)
    if not body.strip():
        return Measurement(score=None, values={}, notes=("empty body",))
    found = measure_text(body)
    n_words = found.values["words"] or 0.0
    english = lang.split("-")[0].split("_")[0].lower() == "en"
    p = _model().probability(found.values) if n_words >= MIN_WORDS and english else None
    notes = list(found.notes)
    if n_words < MIN_WORDS:
        notes.append(f"body under {MIN_WORDS} words: no score")
    elif not english:
        notes.append(f"lexicons are English; no score for {lang!r}")
    # openers and closers first, then slop phrases, then tails; shown in text order
    kept = sorted(found.spans[:_MAX_EVIDENCE])
    ev: list[Evidence] = [evidence(doc, "body", s, e, reason) for s, e, reason in kept]
    return Measurement(
        score=p,
        values={"probability": p, **found.values},
        evidence=ev,
        low_confidence=n_words < 2 * MIN_WORDS,
        notes=tuple(notes),
    )
