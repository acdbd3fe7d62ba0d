"""Hedges and weasel words in the author's own voice.

A *cue* is a hedge ("may", "reportedly", "could potentially", "apparently")
or a weasel ("some say", "experts believe", "it is believed", "many people",
a vague source with a reporting verb such as "reports suggest" or "officials
said"). Each cue is placed in one of three voices:

- ``quoted``: inside quotation marks (:func:`newsvet.segment.quote_spans`);
- ``attributed``: inside reported speech of a *named* source ("Austin said the
  troops could ...", "according to the ministry, ... may ..."), or the named
  source's own reporting verb ("Austin suggested");
- ``own``: everything else, the author's hedging.

Which cues make a sentence uncertain, and how much each weighs, was learnt on
the CoNLL-2010 Wikipedia weasel sentences (``benchmarks/hedging_eval.py``
writes ``data/hedging-weights-v1.json``: a logistic model over the presence of
each own-voice cue). A sentence is uncertain when it has an own-voice
epistemic hedge from the file's ``always`` list ("could", "might",
"reportedly", "may have", ...), or when the weights of its distinct own-voice
cues plus the bias pass the stored cut. Bare "may" is not in ``always``: on
the Wikipedia data it is mostly generic or deontic ("may be used"; 59 of 273
sentences uncertain), so it counts only through its (small) weight, while
"may have", "may well", "may soon" are epistemic and always count.
Approximators before figures ("around 12,000") are not cues: on that data
only 20 of 110 sentences with one are uncertain; the unattributed_figures
signal records them as hedged figures. Quoted and attributed cues
never make a sentence uncertain; they are counted in
``attributed_hedges_share``.

Values (over body sentences of at least three words):

- ``sentences``, ``uncertain_sentences``, ``uncertain_share`` (own voice);
- ``cues_per_100_words``: own-voice cues with a positive weight per 100 words;
- ``attributed_hedges_share``: quoted or attributed cues among all weighted cues
  (None when there are none);
- ``weasel_share``: sentences with an own-voice weasel cue;
- ``title_hedged``: 1 when the title is uncertain in its own voice, else 0
  (None without a title).

Score: ``1 - exp(-(uncertain_share + weasel_share) / 0.5)``, monotone in both
shares; None when the body has no sentences.
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from typing import Literal

from ..ingest.document import Document
from ..segment import quote_spans, sentence_spans
from .base import Evidence, Measurement, body_text, evidence, fast_frozen_init, register
from .lexicon import load_data_json, load_lexicon
from .unattributed_figures import (
    Attribution,
    _scan,
    find_attributions,
)

try:  # hand-written C for the word counts, where built and used (newsvet._compiled)
    from .._speedups import split_counts as _c_split_counts
except ImportError:
    _c_split_counts = None

__all__ = ["Cue", "HedgeModel", "SentenceHedging", "find_hedges", "hedging", "load_weights"]

WEIGHTS_FILE = "hedging-weights-v1.json"
VAGUE_SOURCE = "_vague_source"
AGENTLESS_PASSIVE = "_agentless_passive"

# "military might", "its might": a noun, not a modal
_MIGHT_NOUN = frozenset("military economic naval its their his her of full great".split())
_PREV_WORD = re.compile(r"([a-z]+)\s+$")
_NOT_WORD_AFTER = r"(?![a-z]|['-][a-z])"
_FIRST = operator.itemgetter(0)
_SENT_START = operator.itemgetter(1)


# the characters ``\s`` matches (str.isspace; tests/signals/test_hedging_fast.py
# checks the list against the whole of Unicode)
_SPACES = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_OTHER_SPACES = _SPACES - {" "}


def _neg_score(r: tuple) -> float:
    return -r[4]


_UNCERTAIN = operator.itemgetter(5)
_N_POS = operator.itemgetter(7)
_N_OWN = operator.itemgetter(8)
_WEASEL = operator.itemgetter(9)


_Entry = tuple[re.Pattern[str] | None, bool, dict[str, str]]


@lru_cache(maxsize=1)
def _cue_table() -> dict[str, _Entry]:
    """First word -> (pattern of the possible rests, longest first, or None;
    whether the word alone is an entry; entry -> kind)."""
    kinds: dict[str, str] = {}
    for entry in load_lexicon("weasels-v1"):
        kinds[entry.replace("’", "'")] = "weasel"
    for entry in load_lexicon("hedges-v1"):
        kinds.setdefault(entry.replace("’", "'"), "hedge")
    rests: dict[str, list[list[str]]] = {}
    for entry in kinds:
        first, *rest = entry.split()
        rests.setdefault(first, []).append(rest)
    table: dict[str, _Entry] = {}
    for first, options in rests.items():
        multi = sorted((r for r in options if r), key=len, reverse=True)
        pat = None
        if multi:
            alts = "|".join(r"\s+".join(map(re.escape, r)) for r in multi)
            pat = re.compile(r"\s+(?:" + alts + ")" + _NOT_WORD_AFTER)
        table[first] = (pat, [] in options, kinds)
    return table


@lru_cache(maxsize=1)
def _gates() -> dict[str, frozenset[str] | Literal[True]]:
    """First word -> True when the word alone is an entry; else the two
    characters that may follow it when one of its rests does (a space and
    the first letter of a rest, or a space and another space character)."""
    gates: dict[str, frozenset[str] | Literal[True]] = {}
    for first, (pat, alone, kinds) in _cue_table().items():
        if alone or pat is None:
            gates[first] = True
            continue
        letters = {entry.split()[1][0] for entry in kinds if entry.split()[0] == first
                   and len(entry.split()) > 1}
        gates[first] = frozenset(" " + c for c in letters | _SPACES)
    return gates


@dataclass(frozen=True, slots=True)
class HedgeModel:
    """Weights of the sentence decision (see module docstring)."""

    weights: dict[str, float]
    bias: float
    cut: float
    #: epistemic hedges that make a sentence uncertain whatever the weights
    always: frozenset[str] = frozenset()

    def sentence_score(self, keys: set[str]) -> float:
        return self.bias + math.fsum(self.weights.get(k, 0.0) for k in keys)  # set order varies

    def is_uncertain(self, keys: set[str]) -> bool:
        if not keys:
            return False
        return bool(keys & self.always) or self.sentence_score(keys) > self.cut

    def counts(self, key: str) -> bool:
        """Whether a cue can make a sentence uncertain (for evidence)."""
        return key in self.always or self.weights.get(key, 0.0) > 0.0


@lru_cache(maxsize=4)
def load_weights(name: str = WEIGHTS_FILE) -> HedgeModel:
    """The shipped sentence model (``data/hedging-weights-v1.json``)."""
    raw = load_data_json(name)
    return HedgeModel(
        {str(k): float(v) for k, v in raw["weights"].items()},
        float(raw["bias"]),
        float(raw["cut"]),
        frozenset(raw.get("always", ())),
    )


@fast_frozen_init
@dataclass(frozen=True, slots=True)
class Cue:
    """One hedge or weasel cue; ``key`` is its lexicon entry or one of
    ``_vague_source`` or ``_agentless_passive``."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # "hedge" | "weasel"
    voice: str  # "own" | "quoted" | "attributed"
    source: str | None = None


@fast_frozen_init
@dataclass(frozen=True, slots=True)
class SentenceHedging:
    start: int
    end: int
    cues: tuple[Cue, ...]
    score: float
    uncertain: bool

    @property
    def own_keys(self) -> set[str]:
        return {c.key for c in self.cues if c.voice == "own"}


def _voice(
    pos: int, end: int, frames: list[Attribution], quotes: list[tuple[int, int]],
    qstarts: list[int],
) -> tuple[str, str | None]:
    i = bisect.bisect_right(qstarts, pos) - 1
    if i >= 0 and quotes[i][0] <= pos < quotes[i][1]:
        return "quoted", None
    covering = []
    for f in frames:
        if f.kind == "named" and f.verb_start <= pos < f.verb_end:
            return "attributed", f.source
        if f.cover_start <= pos < f.cover_end and not (f.start <= pos < f.end):
            covering.append(f)
    if covering:
        best = max(covering, key=lambda f: (f.verb_start <= pos, f.verb_start))
        if best.kind == "named":
            return "attributed", best.source
    return "own", None


_CueRow = tuple[int, int, str, str, str, str, "str | None"]  # Cue's fields, in order
_Sentence = tuple[int, int, int, tuple[_CueRow, ...], float, bool, bool, int, int, bool]
_MODEL_KEYS: list[tuple[HedgeModel, frozenset[str]] | None] = [None]


def _positive_keys(model: HedgeModel) -> frozenset[str]:
    """The keys for which ``model.counts`` is true (kept for the last model)."""
    last = _MODEL_KEYS[0]
    if last is not None and last[0] is model:
        return last[1]
    keys = frozenset(model.always | {k for k, v in model.weights.items() if v > 0.0})
    _MODEL_KEYS[0] = (model, keys)
    return keys


def _cued(
    text: str,
    sentences: list[tuple[int, int]],
    attributions: list[list[Attribution]],
    quotes: list[tuple[int, int]],
    model: HedgeModel,
) -> list[_Sentence]:
    """The sentences with at least one cue, in order, as (index, start, end,
    cues, score, uncertain, nested, counted cues, counted own-voice cues,
    whether a counted own-voice cue is a weasel); each cue as the fields of
    :class:`Cue`. Every other sentence has no cue, the bias as its score and
    is certain. ``nested``: whether a cue may lie inside another one (only
    then does :func:`_describe` look); a cue "counts" when ``model.counts``.
    """
    if not sentences:
        return []
    table = _cue_table()
    gates = _gates()
    low, hits = _scan(text)[:2]
    # The trigger words that can start a cue: most triggers are reporting
    # verbs, and most cue words ("to", "a", "in", "is") start only longer
    # entries; one of those is kept when the next two characters can begin
    # one of its rests (a necessary condition, checked exactly below).
    cand = [
        h for h in hits
        if (g := gates.get(h[2])) is not None
        and (g is True or (p := low[h[1] : h[1] + 2]) in g or p[:1] in _OTHER_SPACES)
    ]
    cstarts = [h[0] for h in cand]
    bl = bisect.bisect_left
    qstarts = [a for a, _ in quotes]
    br = bisect.bisect_right
    always = model.always
    positive = _positive_keys(model)
    weights_get = model.weights.get
    bias = model.bias
    cut = model.cut
    fsum = math.fsum
    no_cues = bias + fsum(())
    out: list[_Sentence] = []
    for k, ((s, e), frames) in enumerate(zip(sentences, attributions)):
        lo = bl(cstarts, s)
        hi = bl(cstarts, e)
        if lo == hi and not frames:
            continue  # no cue word and no attribution (a vague source is a cue)
        cues: list[_CueRow] = []
        taken: list[tuple[int, int]] = []
        nested = False
        for f in frames:
            if f.kind != "vague":
                continue  # named
            fs = f.start
            fe = f.end
            if fs >= fe:
                nested = True  # an empty span: leave it to _describe
            inside = False
            for a, b in taken:
                if a <= fs < b:
                    inside = True  # the "..., noting" that goes on from a vague source
                    break
                if fs < a < fe:
                    nested = True
            if inside:
                continue
            key = AGENTLESS_PASSIVE if fs == f.verb_start and fe == f.verb_end \
                and not text[fs:fe].lower().startswith("according") else VAGUE_SOURCE
            voice, src = _voice(f.verb_start, f.verb_end, frames, quotes, qstarts)
            cues.append((fs, fe, text[fs:fe], key, "weasel", voice, src))
            taken.append((fs, fe))
        consumed = -1
        vague = bool(cues)
        for st, en, w in cand[lo:hi]:
            if st < consumed:
                continue
            pat, alone, kinds = table[w]
            m = pat.match(low, en, e) if pat is not None else None
            if m is not None:
                end = m.end()
                key = " ".join(low[st:end].split())
            elif alone:
                end, key = en, w
            else:
                continue
            if key == "may" or key == "might":
                if key == "may" and text[st] == "M" and st != s:
                    continue  # the month
                prev = _PREV_WORD.search(low, max(s, st - 12), st)
                if prev and prev.group(1) in _MIGHT_NOUN:
                    continue  # "military might"
            consumed = end
            if taken:
                inside = False
                for a, b in taken:
                    if a <= st < b:
                        inside = True  # inside a vague source, already a cue
                        break
                    if st < a < end:
                        nested = True
                if inside:
                    continue
            if frames:
                voice, src = _voice(st, end, frames, quotes, qstarts)
            else:
                voice, src = "own", None
                if qstarts:
                    j = br(qstarts, st) - 1
                    if j >= 0 and quotes[j][0] <= st < quotes[j][1]:
                        voice = "quoted"
            cues.append((st, end, text[st:end], key, kinds[key], voice, src))
        if not cues:
            continue
        if vague:
            cues.sort(key=_FIRST)
        keys = set()
        n_pos = n_own = 0
        weasel = False
        for c in cues:
            if c[5] == "own":
                keys.add(c[3])
                if c[3] in positive:
                    n_pos += 1
                    n_own += 1
                    if c[4] == "weasel":
                        weasel = True
            elif c[3] in positive:
                n_pos += 1
        if keys:
            score = bias + fsum(map(weights_get, keys, repeat(0.0)))  # model.sentence_score
            uncertain = bool(keys & always) or score > cut
        else:
            score, uncertain = no_cues, False
        out.append((k, s, e, tuple(cues), score, uncertain, nested, n_pos, n_own, weasel))
    return out


def find_hedges(
    text: str,
    *,
    sentences: list[tuple[int, int]] | None = None,
    attributions: list[list[Attribution]] | None = None,
    quotes: list[tuple[int, int]] | None = None,
    model: HedgeModel | None = None,
) -> list[SentenceHedging]:
    """Cues of each sentence of ``text`` with their voice, and the decision."""
    if sentences is None:
        sentences = sentence_spans(text)
    if attributions is None:
        attributions = find_attributions(text, sentences)
    if quotes is None:
        quotes = quote_spans(text)
    if model is None:
        model = load_weights()
    cued = iter(_cued(text, sentences, attributions, quotes, model))
    nxt = next(cued, None)
    no_cues = model.sentence_score(set())
    out: list[SentenceHedging] = []
    for k, ((s, e), _frames) in enumerate(zip(sentences, attributions)):
        if nxt is not None and nxt[0] == k:
            cues = tuple([Cue(*c) for c in nxt[3]])
            out.append(SentenceHedging(s, e, cues, nxt[4], nxt[5]))
            nxt = next(cued, None)
        else:
            out.append(SentenceHedging(s, e, (), no_cues, False))
    return out


@lru_cache(maxsize=4096)
def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit // 2].rsplit(" ", 1)[0]
    tail = text[-(limit // 2) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _describe(cues: list[_CueRow], nested: bool = True) -> str:
    hedges: list[_CueRow] = []
    weasels: list[_CueRow] = []
    several = nested and len(cues) > 1
    for i, c in enumerate(cues):
        if several:
            # a cue inside another one is named by the other (told apart by
            # place in the list, not identity: compiled code may copy tuples)
            cs, ce = c[0], c[1]
            if any(j != i and o[0] <= cs and ce <= o[1] for j, o in enumerate(cues)):
                continue
        (hedges if c[4] == "hedge" else weasels).append(c)
    parts = []
    if hedges:
        names = ", ".join(['"' + _shorten(c[2]) + '"' for c in hedges[:3]])
        parts.append(("hedges " if len(hedges) > 1 else "hedge ") + names)
    if weasels:
        names = ", ".join(['"' + _shorten(c[2]) + '"' for c in weasels[:3]])
        parts.append(("weasels " if len(weasels) > 1 else "weasel ") + names)
    return " and ".join(parts) + " in the author's own voice"


_VALUES = (
    "sentences",
    "uncertain_sentences",
    "uncertain_share",
    "cues_per_100_words",
    "attributed_hedges_share",
    "weasel_share",
    "title_hedged",
)


@register(
    "hedging",
    version="3",
    values=_VALUES,
    description="Hedges and weasel words in the author's own voice, per sentence.",
)
def hedging(doc: Document, *, lang: str = "en", max_evidence: int = 20) -> Measurement:
    """Hedges and weasel words in the author's own voice, per sentence."""
    model = load_weights()
    body = body_text(doc)
    all_sents = sentence_spans(body)
    all_frames = find_attributions(body, all_sents)  # shared (cached) with the figures signal
    sents, frames, words = _kept_sentences(body, all_sents, all_frames)
    title_hedged: float | None = None
    ev: list[Evidence] = []
    title = doc.title
    if title.strip():
        whole = [(0, len(title))]
        if _scan(title)[1]:
            t = _cued(title, whole, find_attributions(title, whole), quote_spans(title), model)
        else:
            t = []  # no trigger word: no cue and no attribution
        uncertain_title = bool(t) and t[0][5]
        title_hedged = 1.0 if uncertain_title else 0.0
        if uncertain_title:
            positive = _positive_keys(model)
            own = [c for c in t[0][3] if c[5] == "own" and c[3] in positive]
            ev.append(evidence(doc, "title", 0, len(title), _describe(own, t[0][6])))
    if not sents:
        return Measurement(None, {"sentences": 0.0, "title_hedged": title_hedged}, ev,
                           low_confidence=True)
    results = _cued(body, sents, frames, quote_spans(body), model)
    n = len(sents)
    n_pos = sum(map(_N_POS, results))
    n_own = sum(map(_N_OWN, results))
    uncertain = list(compress(results, map(_UNCERTAIN, results)))
    weasel_sents = sum(map(_WEASEL, uncertain))
    share = len(uncertain) / n
    weasel_share = weasel_sents / n
    values = {
        "sentences": float(n),
        "uncertain_sentences": float(len(uncertain)),
        "uncertain_share": share,
        "cues_per_100_words": 100.0 * n_own / words if words else None,
        "attributed_hedges_share": (n_pos - n_own) / n_pos if n_pos else None,
        "weasel_share": weasel_share,
        "title_hedged": title_hedged,
    }
    score = 1.0 - math.exp(-(share + weasel_share) / 0.5)
    if uncertain:
        always = model.always
        weights_get = model.weights.get
        positive = _positive_keys(model)
        strongest = sorted(uncertain, key=_neg_score)[:max_evidence]
        for r in sorted(strongest, key=_SENT_START):
            own = [c for c in r[3] if c[5] == "own" and c[3] in positive]
            if len(own) > 1:
                own.sort(key=lambda c: (c[3] not in always, -weights_get(c[3], 0.0)))
            ev.append(evidence(doc, "body", r[1], r[2], _describe(own, r[6])))
    return Measurement(score, values, ev, low_confidence=n < 5)


def _kept_sentences(
    body: str, sentences: list[tuple[int, int]], frames: list[list[Attribution]]
) -> tuple[list[tuple[int, int]], list[list[Attribution]], int]:
    """The sentences of at least three words (``_count_words(body, s, e) >=
    3``), their frames, and the words of the body (``len(body.split())``),
    from one split of each sentence."""
    if not sentences:
        return [], [], len(body.split())
    starts, ends = zip(*sentences)
    lettered: list[int] | None = None
    parts: list[list[str]] = []
    if _c_split_counts is not None and type(sentences) is list:
        # the words of each sentence and those starting with a letter, counted
        # in C (newsvet._speedups) without making the words
        counts, lettered = _c_split_counts(body, sentences)
    else:
        parts = [body[s:e].split() for s, e in sentences]
        counts = list(map(len, parts))
    # the sentences hold every word of the body when only white space lies
    # between them (and before and after them): no word is cut or left out
    if all(map(str.isspace, map(body.__getitem__, map(slice, ends[:-1], starts[1:])))) \
            and (starts[0] == 0 or body[: starts[0]].isspace()) \
            and (ends[-1] == len(body) or body[ends[-1] :].isspace()):
        words = sum(counts)
    else:
        words = len(body.split())
    if min(counts) >= 8:
        return sentences, frames, words
    # _count_words: short lines count only the words that start with a letter
    if lettered is None:
        lettered = [sum(1 for w in p if w[0].isalpha()) for p in parts]
    keep = [c >= 8 or k >= 3 for c, k in zip(counts, lettered)]
    if all(keep):
        return sentences, frames, words
    return list(compress(sentences, keep)), list(compress(frames, keep)), words
