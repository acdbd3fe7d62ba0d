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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from operator import sub
from typing import Any

from ..ingest.document import Document
from ..segment import quote_spans, sentence_spans
from ..segment import words as text_words
from .base import Evidence, Measurement, body_text, evidence, register
from .lexicon import load_data_json, load_lexicon

__all__ = ["MODEL_FEATURES", "ai_markers", "measure_text"]

WEIGHTS = "ai-markers-weights-v1.json"
#: below this many words the score is None (the values are still reported)
MIN_WORDS = 80
#: sentence-length CV below this is reported as "uniform rhythm"
UNIFORM_CV = 0.3
_WINDOW = 50
_MAX_EVIDENCE = 20

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
    var = sum((x - m) ** 2 for x in xs) / len(xs)
    return math.sqrt(var) / m


def _gap_burstiness(tokens: Sequence[str], counts: Counter[str]) -> float | None:
    # only content words seen at least three times have two gaps or more;
    # ``counts`` lists words in first-occurrence order, as a loop over the
    # tokens would
    wanted: dict[str, list[int]] = {
        t: [] for t, c in counts.items()
        if c >= 3 and len(t) > 2 and t not in _STOP and not t[0].isdigit()
    }
    if not wanted:
        return None
    for i in compress(range(len(tokens)), map(wanted.__contains__, tokens)):
        wanted[tokens[i]].append(i)
    vals = []
    for pos in wanted.values():
        k = len(pos) - 1
        m = (pos[-1] - pos[0]) / k
        var = sum([(g - m) ** 2 for g in map(sub, pos[1:], pos)]) / k
        sd = math.sqrt(var)
        vals.append((sd - m) / (sd + m))
    return sum(vals) / len(vals)


def _mattr_cv(tokens: Sequence[str]) -> float | None:
    """CV of the type/token ratio of 50-word windows taken every 25 words."""
    n = len(tokens)
    if n < 2 * _WINDOW:
        return None
    return _cv(
        [
            len(set(tokens[i : i + _WINDOW])) / _WINDOW
            for i in range(0, n - _WINDOW + 1, _WINDOW // 2)
        ]
    )


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
    counts = Counter(tokens)
    sents = sentence_spans(text)
    spans: list[tuple[int, int, str]] = []

    sent_starts = {s for s, _ in sents}
    found = {"opener": 0, "closer": 0, "slop": 0}
    next_free = 0
    hits = compress(range(n_words), map(_PHRASES.__contains__, tokens))
    for i in hits:
        if i < next_free:
            continue
        hit = None
        first = tokens[i]
        alts = _PAIRS.get((first, tokens[i + 1]), []) if i + 1 < n_words else []
        for words, comma, kind in alts + _PAIRS.get((first, None), []):
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
    transitions = sum(1 for s, _ in sents if _TRANSITION.match(text, s))
    lines = [ln for ln in text.splitlines() if ln.strip()]
    # _LIST_LINE's matches: at most one per line, and none spans a line break
    list_lines = sum(map(bool, map(_LIST_LINE.match, text.split("\n"))))

    # words per sentence: the words that start inside it
    cuts = [bisect_left(starts, x) for se in sents for x in se]
    sent_lens = [float(n) for n in map(sub, cuts[1::2], cuts[0::2]) if n > 0]
    n_sent = max(1, len(sent_lens))
    sentence_cv = _cv(sent_lens) if len(sent_lens) >= 4 else None
    quoted = sum(e - s for s, e in quote_spans(text))
    notes: list[str] = []
    if sentence_cv is not None and sentence_cv < UNIFORM_CV:
        notes.append(
            f"uniform sentence rhythm: {len(sent_lens)} sentences, lengths vary by only "
            f"{sentence_cv:.0%} of their mean"
        )
    said = sum(counts[w] for w in _SAID if w in counts)
    stated = sum(counts[w] for w in _STATED if w in counts)
    values: dict[str, float | None] = {
        "words": float(n_words),
        "stock_openers": float(openers),
        "stock_closers": float(closers),
        "slop_per_100_words": 100.0 * slop / n_words if n_words else None,
        "ing_tails_per_sentence": tails / n_sent if n_words else None,
        "transitions_per_sentence": transitions / n_sent if n_words else None,
        "list_scaffold_share": list_lines / len(lines) if lines else None,
        "sentence_cv": sentence_cv,
        "gap_burstiness": _gap_burstiness(tokens, counts),
        "mattr_cv": _mattr_cv(tokens),
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
