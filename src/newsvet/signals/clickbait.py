"""clickbait: how much the headline is written to bait a click.

Headline features after Chakraborty et al. (2016, "Stop Clickbait"), computed
on ``Document.title``, and a small logistic model over them plus word 1-2-grams
and character 3-5-grams of the lower-cased title, trained on their 12,799
clickbait and 12,800 ordinary headlines (MIT) by
``benchmarks/clickbait_eval.py --write-weights``. Only the weights ship
(``data/clickbait-weights-v1.json``: n-gram -> weight, plus the scaling and
weights of the hand features); the model is a dot product here, no pickled
code.

Values (``None`` when there is no title):

- ``probability``: the model's probability that the title is clickbait (also
  the signal's ``score``);
- ``words``: length in words;
- ``hyperbolic_words``: words from ``clickbait-hyperbolic-v1`` ("stunning",
  "jaw-dropping");
- ``bait_phrases``: phrases from ``clickbait-phrases-v1`` ("you won't
  believe", "what happens when");
- ``forward_reference``: 1 when the title points ahead at content it withholds
  ("this is why", "here's what", "these ..." at the start), else 0;
- ``starts_with_number``: 1 for listicle openings ("17 Things ..."), else 0;
- ``second_person``: occurrences of "you", "your", "you're" ...;
- ``question``, ``exclamation``: 1 when the title contains ``?`` / ``!``;
- ``stopword_share``: share of function words (bait headlines read like
  speech, news headlines drop function words);
- ``caps_words``: words of three or more letters in capitals ("SHOCKING"),
  not counted when the whole title is in capitals.

Evidence: the title spans of bait phrases, hyperbolic words and forward
references.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from ..ingest.document import Document
from .base import Evidence, Measurement, evidence, register
from .lexicon import load_data_json, load_lexicon

__all__ = ["HAND_FEATURES", "TitleFeatures", "analyze_title", "clickbait", "title_ngrams"]

WEIGHTS = "clickbait-weights-v1.json"

HAND_FEATURES = (
    "words",
    "hyperbolic_words",
    "bait_phrases",
    "forward_reference",
    "starts_with_number",
    "second_person",
    "question",
    "exclamation",
    "stopword_share",
    "caps_words",
)
_VALUES = ("probability", *HAND_FEATURES)
_MAX_EVIDENCE = 6

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"\d[\d,.]*")
_LEAD_NUMBER = re.compile(r"^\W{0,3}\d")
_SECOND = frozenset(
    [
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "you're",
        "youre",
        "you'll",
        "you've",
        "you'd",
        "ya",
    ]
)
_STOP = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "it's",
        "that's",
        "what's",
        "here's",
        "there's",
        "who's",
        "i'm",
        "i've",
        "i'll",
        "you're",
        "you've",
        "you'll",
        "we're",
        "they're",
        "isn't",
        "aren't",
        "don't",
        "doesn't",
        "didn't",
        "won't",
        "can't",
    ]
)


def _phrase_regex(entries: tuple[str, ...]) -> re.Pattern[str]:
    alts = []
    for e in sorted(entries, key=len, reverse=True):
        alt = re.escape(e).replace(r"\ ", r"\s+").replace("'", "['’]?").replace(r"\-", r"[-\s]?")
        alts.append(alt)
    return re.compile(rf"(?<![\w'’-])(?:{'|'.join(alts)})(?![\w-])", re.IGNORECASE)


_PHRASES = _phrase_regex(load_lexicon("clickbait-phrases-v1"))
_HYPERBOLIC = _phrase_regex(load_lexicon("clickbait-hyperbolic-v1"))
# forward references: a demonstrative or "here's" that points at withheld
# content ("This Is Why ...", "Here's What Happened", "These 7 Photos ...",
# "... and this is the result", "Why You Should ...")
_FORWARD = re.compile(
    r"^\W{0,3}(?:th(?:is|ese)\s+(?:is\s+|are\s+)?(?:why|what|how|the|\d+|\w+\s+(?:is|are|will|shows?))"
    r"|here['’]?s\s+(?:why|what|how|the)|here\s+(?:is|are)\s+(?:why|what|how|the)"
    r"|why\s+(?:you|this|these|everyone|people)|what\s+happen(?:s|ed)\s+next)\b"
    r"|(?<!\w)(?:this|here['’]?s)\s+(?:is\s+)?(?:why|what\s+happen(?:s|ed)|how)\b"
    r"|(?<!\w)(?:and|but)\s+(?:this|here['’]?s)\s+(?:is\s+)?(?:the\s+)?(?:result|reason|why|what)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TitleFeatures:
    """The hand features of one title and the spans behind them."""

    values: dict[str, float]
    spans: tuple[tuple[int, int, str], ...]  # (start, end, reason)


def analyze_title(title: str) -> TitleFeatures:
    """Chakraborty-style hand features of a headline, with evidence spans."""
    words = [m.group(0) for m in _WORD.finditer(title)]
    lower = [w.lower().translate(_APOS) for w in words]
    n = len(words)
    spans: list[tuple[int, int, str]] = []
    phrases = 0
    for m in _PHRASES.finditer(title):
        phrases += 1
        spans.append((m.start(), m.end(), f'clickbait phrase "{m.group(0).lower()}"'))
    hyper = 0
    for m in _HYPERBOLIC.finditer(title):
        hyper += 1
        spans.append((m.start(), m.end(), f'hyperbolic word "{m.group(0).lower()}"'))
    fwd = _FORWARD.search(title)
    if fwd:
        spans.append(
            (fwd.start(), fwd.end(), f'forward reference "{fwd.group(0).strip().lower()}"')
        )
    all_caps = n > 0 and all(not w.isalpha() or w.isupper() for w in words)
    caps = 0 if all_caps else sum(1 for w in words if len(w) >= 3 and w.isalpha() and w.isupper())
    values = {
        "words": float(n),
        "hyperbolic_words": float(hyper),
        "bait_phrases": float(phrases),
        "forward_reference": 1.0 if fwd else 0.0,
        "starts_with_number": 1.0 if _LEAD_NUMBER.match(title) else 0.0,
        "second_person": float(sum(1 for w in lower if w in _SECOND)),
        "question": 1.0 if "?" in title else 0.0,
        "exclamation": 1.0 if "!" in title else 0.0,
        "stopword_share": sum(1 for w in lower if w in _STOP) / n if n else 0.0,
        "caps_words": float(caps),
    }
    spans.sort()
    return TitleFeatures(values, tuple(spans))


def title_ngrams(title: str) -> set[str]:
    """The model's n-gram keys: ``w:`` word 1-2-grams (numbers as ``0``) and
    ``c:`` character 3-5-grams of each word padded with spaces."""
    toks = [
        "0" if _NUMBER.fullmatch(w) else w
        for w in (m.group(0).lower().translate(_APOS) for m in _WORD.finditer(title))
    ]
    keys = {f"w:{t}" for t in toks}
    keys.update(f"w:{a} {b}" for a, b in pairwise(toks))
    for t in toks:
        p = f" {t} "
        for k in (3, 4, 5):
            keys.update("c:" + p[i : i + k] for i in range(len(p) - k + 1))
    return keys


@dataclass(frozen=True)
class _Model:
    intercept: float
    ngrams: dict[str, float]
    hand_mean: tuple[float, ...]
    hand_scale: tuple[float, ...]
    hand_coef: tuple[float, ...]

    def logit(self, title: str, hand: dict[str, float]) -> float:
        # fsum: the n-grams are a set, whose order changes with the hash seed;
        # a plain sum would change in the last bits from one process to the next
        z = self.intercept + math.fsum(self.ngrams.get(k, 0.0) for k in title_ngrams(title))
        for name, m, s, c in zip(HAND_FEATURES, self.hand_mean, self.hand_scale, self.hand_coef):
            z += c * (hand[name] - m) / s
        return z


def model_from_dict(d: dict[str, Any]) -> _Model:
    """Build the dot-product model from the weights JSON's content."""
    hand = d["hand"]
    if tuple(hand["names"]) != HAND_FEATURES:
        raise ValueError("clickbait weights were trained on other hand features")
    return _Model(
        float(d["intercept"]),
        {str(k): float(v) for k, v in d["ngrams"].items()},
        tuple(map(float, hand["mean"])),
        tuple(float(s) or 1.0 for s in hand["scale"]),
        tuple(map(float, hand["coef"])),
    )


@lru_cache(maxsize=1)
def _model() -> _Model:
    return model_from_dict(load_data_json(WEIGHTS))


def probability(title: str, *, model: _Model | None = None) -> float:
    """The model's probability that ``title`` is clickbait."""
    feats = analyze_title(title)
    z = (model or _model()).logit(title, feats.values)
    return 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))


@register(
    "clickbait",
    version="1",
    values=_VALUES,
    description="Clickbait headline: bait phrases, hyperbole, forward references, "
    "listicle numbers, second person (Chakraborty et al. 2016 features + model).",
)
def clickbait(doc: Document, *, lang: str = "en") -> Measurement:
    """Probability that the title is clickbait, with the bait spans as evidence."""
    title = doc.title or ""
    if not _WORD.search(title):
        return Measurement(score=None, values={}, notes=("no title",))
    feats = analyze_title(title)
    z = _model().logit(title, feats.values)
    p = 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))
    ev: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for s, e, reason in feats.spans:
        if (s, e) not in seen and len(ev) < _MAX_EVIDENCE:
            seen.add((s, e))
            ev.append(evidence(doc, "title", s, e, reason))
    return Measurement(
        score=p,
        values={"probability": p, **feats.values},
        evidence=ev,
        low_confidence=feats.values["words"] < 3,
        notes=()
        if lang.split("-")[0].lower() == "en"
        else (f"trained on English titles, not {lang!r}",),
    )
