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
from itertools import chain, pairwise, repeat
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


_ALNUM = re.compile(r"[a-z0-9]+")


def _anchors(entry: str) -> frozenset[str] | None:
    """Words of which a title must hold one (as the part of a word before
    any apostrophe) for ``entry`` in :func:`_phrase_regex` to match it, or
    None when the entry gives none.

    Holds for "plain" titles (:func:`_plain`), which the regex matches as it
    would match them lower-cased. The entry's longest space-separated part of
    letters and digits shows as a whole word in a match (spaces, the
    look-behind or the look-ahead around it); failing one, every word the
    last part of a hyphened part ("jaw-dropping") can end: "dropping",
    "jawdropping" (the hyphens may match spaces, hyphens or nothing)."""
    chunks = entry.split(" ")
    pure = [c for c in chunks if _ALNUM.fullmatch(c)]
    if pure:
        return frozenset([max(pure, key=len)])
    hyphened = [c for c in chunks if all(_ALNUM.fullmatch(p) for p in c.split("-"))]
    if not hyphened:
        return None
    pieces = hyphened[0].split("-")
    return frozenset("".join(pieces[i:]) for i in range(len(pieces)))


class _Lexicon:
    """A phrase list's :func:`_phrase_regex`, and for a plain title the same
    regex over only the entries whose anchor words the title holds (the
    others match nowhere in it, so the matches are the same)."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.entries = tuple(sorted(entries, key=len, reverse=True))  # the regex's order
        self.full = _phrase_regex(entries)
        self.by_anchor: dict[str, list[int]] | None = {}
        for i, e in enumerate(self.entries):
            words = _anchors(e)
            if words is None:
                self.by_anchor = None  # every title runs the full regex
                break
            for w in words:
                self.by_anchor.setdefault(w, []).append(i)
        self._subsets: dict[frozenset[int], re.Pattern[str]] = {}

    def pattern(self, heads: set[str] | None) -> re.Pattern[str] | None:
        """The regex to run on a title (None: nothing can match), given the
        word heads of a plain title (the words up to any apostrophe,
        lower-cased), or None for any title."""
        if heads is None or self.by_anchor is None:
            return self.full
        idx: set[int] = set()
        for w in heads.intersection(self.by_anchor):
            idx.update(self.by_anchor[w])
        if not idx:
            return None
        key = frozenset(idx)
        pat = self._subsets.get(key)
        if pat is None:
            pat = _phrase_regex(tuple(self.entries[i] for i in sorted(idx)))
            if len(self._subsets) >= 1024:
                self._subsets.clear()
            self._subsets[key] = pat
        return pat


_PHRASE_LIST = _Lexicon(load_lexicon("clickbait-phrases-v1"))
_HYPERBOLIC_LIST = _Lexicon(load_lexicon("clickbait-hyperbolic-v1"))
_PHRASES = _PHRASE_LIST.full
_HYPERBOLIC = _HYPERBOLIC_LIST.full
# a character that keeps a title from being "plain": not ASCII nor
# punctuation that is no word character and folds to no letter
_NOT_PLAIN = re.compile("[^\x00-\x7f’‘“”—–…«»•·\xa0]")
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
# _FORWARD's first alternative alone (anchored at the start): the others
# need "this" or "here" (case aside)
_FORWARD_START = re.compile(_FORWARD.pattern.split(r")\b|", 1)[0] + r")\b", re.IGNORECASE)


def _plain(title: str) -> bool:
    """Whether the title's letters are all ASCII (then IGNORECASE matching
    is matching on the lower-cased title: no character folds across)."""
    return title.isascii() or _NOT_PLAIN.search(title) is None


@dataclass(frozen=True, slots=True)
class TitleFeatures:
    """The hand features of one title and the spans behind them."""

    values: dict[str, float]
    spans: tuple[tuple[int, int, str], ...]  # (start, end, reason)


def _lowered(words: list[str]) -> list[str]:
    """Each word lower-cased with ’ ‘ ` read as ', in one pass over the words
    joined by spaces (lower-casing is per word: a space stops the only
    context rule, final sigma, as the ends of a word do)."""
    if not words:
        return []
    return " ".join(words).lower().translate(_APOS).split(" ")


def analyze_title(title: str) -> TitleFeatures:
    """Chakraborty-style hand features of a headline, with evidence spans."""
    return _analyze(title, _WORD.findall(title))[0]


def _analyze(title: str, words: list[str]) -> tuple[TitleFeatures, list[str]]:
    """:func:`analyze_title` given the title's words; also returns the words
    lower-cased (:func:`_lowered`)."""
    lower = _lowered(words)
    n = len(words)
    spans: list[tuple[int, int, str]] = []
    # a plain title runs each regex over the entries it may match only
    heads: set[str] | None = None
    plain = _plain(title)
    if plain:
        heads = {w.partition("'")[0] for w in lower}
    phrases = 0
    pat = _PHRASE_LIST.pattern(heads)
    if pat is not None:
        for m in pat.finditer(title):
            phrases += 1
            spans.append((m.start(), m.end(), f'clickbait phrase "{m.group(0).lower()}"'))
    hyper = 0
    pat = _HYPERBOLIC_LIST.pattern(heads)
    if pat is not None:
        for m in pat.finditer(title):
            hyper += 1
            spans.append((m.start(), m.end(), f'hyperbolic word "{m.group(0).lower()}"'))
    low = title.lower()
    if plain and "this" not in low and "here" not in low:
        fwd = _FORWARD_START.match(title)
    else:
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
        "second_person": float(sum(map(_SECOND.__contains__, lower))),
        "question": 1.0 if "?" in title else 0.0,
        "exclamation": 1.0 if "!" in title else 0.0,
        "stopword_share": sum(map(_STOP.__contains__, lower)) / n if n else 0.0,
        "caps_words": float(caps),
    }
    spans.sort()
    return TitleFeatures(values, tuple(spans)), lower


def title_ngrams(title: str) -> set[str]:
    """The model's n-gram keys: ``w:`` word 1-2-grams (numbers as ``0``) and
    ``c:`` character 3-5-grams of each word padded with spaces."""
    toks = _tokens(_lowered(_WORD.findall(title)))
    keys = {f"w:{t}" for t in toks}
    keys.update(f"w:{a} {b}" for a, b in pairwise(toks))
    for t in toks:
        p = f" {t} "
        for k in (3, 4, 5):
            keys.update("c:" + p[i : i + k] for i in range(len(p) - k + 1))
    return keys


def _tokens(lower: list[str]) -> list[str]:
    """The n-gram tokens: lower-cased words, a number (digits only: the
    words hold no "," or ".") as ``0``."""
    return ["0" if w.isdecimal() else w for w in lower]


def _char_grams(token: str) -> set[str]:
    """The character 3-5-grams of one token padded with spaces."""
    p = f" {token} "
    return {p[i : i + k] for k in (3, 4, 5) for i in range(len(p) - k + 1)}


#: how many tokens a model remembers the character-gram weights of
_TOKEN_CACHE = 20000


@dataclass(frozen=True)
class _Model:
    intercept: float
    ngrams: dict[str, float]
    hand_mean: tuple[float, ...]
    hand_scale: tuple[float, ...]
    hand_coef: tuple[float, ...]

    def __post_init__(self) -> None:
        # the word-gram weights without their "w:" prefix, and per token seen
        # the weights of its character grams the model has (headline words
        # repeat from one title to the next)
        words = {k[2:]: v for k, v in self.ngrams.items() if k.startswith("w:")}
        object.__setattr__(self, "_word_weights", words)
        object.__setattr__(self, "_token_weights", {})

    def _char_weights(self, token: str) -> dict[str, float]:
        """``{gram: weight}`` of the token's character grams the model has."""
        cache: dict[str, dict[str, float]] = self._token_weights  # type: ignore[attr-defined]
        found = cache.get(token)
        if found is None:
            ng = self.ngrams
            found = {g: ng["c:" + g] for g in _char_grams(token) if "c:" + g in ng}
            if len(cache) >= _TOKEN_CACHE:
                cache.clear()
            cache[token] = found
        return found

    def logit(self, title: str, hand: dict[str, float]) -> float:
        return self._logit(_tokens(_lowered(_WORD.findall(title))), hand)

    def _logit(self, toks: list[str], hand: dict[str, float]) -> float:
        # fsum: the n-grams are a set, whose order changes with the hash seed;
        # a plain sum would change in the last bits from one process to the next.
        # fsum is exact (correctly rounded), so the weights may come in any
        # order and the word grams the model lacks may add 0.0
        words = set(toks)
        words.update(map(" ".join, pairwise(toks)))
        chars: dict[str, float] = {}  # each distinct character gram once
        for found in map(self._char_weights, toks):
            chars.update(found)
        ww: dict[str, float] = self._word_weights  # type: ignore[attr-defined]
        z = self.intercept + math.fsum(chain(map(ww.get, words, repeat(0.0)), chars.values()))
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
    feats, lower = _analyze(title, _WORD.findall(title))
    z = (model or _model())._logit(_tokens(lower), feats.values)
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
    words = _WORD.findall(title)
    if not words:
        return Measurement(score=None, values={}, notes=("no title",))
    feats, lower = _analyze(title, words)
    z = _model()._logit(_tokens(lower), feats.values)
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
