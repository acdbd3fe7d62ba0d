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
import re
from dataclasses import dataclass
from functools import lru_cache

from ..ingest.document import Document
from ..segment import quote_spans, sentence_spans
from .base import Evidence, Measurement, body_text, evidence, fast_frozen_init, register
from .lexicon import load_data_json, load_lexicon
from .unattributed_figures import (
    Attribution,
    _count_words,
    _hits_in,
    _scan,
    find_attributions,
)

__all__ = ["Cue", "HedgeModel", "SentenceHedging", "find_hedges", "hedging", "load_weights"]

WEIGHTS_FILE = "hedging-weights-v1.json"
VAGUE_SOURCE = "_vague_source"
AGENTLESS_PASSIVE = "_agentless_passive"

# "military might", "its might": a noun, not a modal
_MIGHT_NOUN = frozenset("military economic naval its their his her of full great".split())
_PREV_WORD = re.compile(r"([a-z]+)\s+$")
_NOT_WORD_AFTER = r"(?![a-z]|['-][a-z])"
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


def _scan_cues(text: str, s: int, e: int) -> list[tuple[int, int, str, str]]:
    """(start, end, key, kind) of the lexicon cues in the sentence [s, e)."""
    table = _cue_table()
    low, hits, lo, hi = _hits_in(text, s, e)
    out: list[tuple[int, int, str, str]] = []
    consumed = -1
    for st, en, w in hits[lo:hi]:
        if st < consumed:
            continue
        entry = table.get(w)
        if entry is None:
            continue
        pat, alone, kinds = entry
        m = pat.match(low, en, e) if pat is not None else None
        if m is not None:
            end = m.end()
            key = " ".join(low[st:end].split())
        elif alone:
            end, key = en, w
        else:
            continue
        if key in ("may", "might"):
            if key == "may" and text[st] == "M" and st != s:
                continue  # the month
            prev = _PREV_WORD.search(low, max(s, st - 12), st)
            if prev and prev.group(1) in _MIGHT_NOUN:
                continue  # "military might"
        out.append((st, end, key, kinds[key]))
        consumed = end
    return out


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
    qstarts = [a for a, _ in quotes]
    out: list[SentenceHedging] = []
    starts = _scan(text)[2]
    no_cues = model.sentence_score(set())
    for (s, e), frames in zip(sentences, attributions):
        if not frames and bisect.bisect_left(starts, s) == bisect.bisect_left(starts, e):
            # no trigger word and no attribution: no cue (the common sentence)
            out.append(SentenceHedging(s, e, (), no_cues, False))
            continue
        cues: list[Cue] = []
        taken: list[tuple[int, int]] = []
        for f in frames:
            if f.kind != "vague" or any(a <= f.start < b for a, b in taken):
                continue  # named, or the "..., noting" that goes on from a vague source
            key = AGENTLESS_PASSIVE if f.start == f.verb_start and f.end == f.verb_end \
                and not text[f.start:f.end].lower().startswith("according") else VAGUE_SOURCE
            voice, src = _voice(f.verb_start, f.verb_end, frames, quotes, qstarts)
            cues.append(Cue(f.start, f.end, text[f.start : f.end], key, "weasel", voice, src))
            taken.append((f.start, f.end))
        for cs, ce, key, kind in _scan_cues(text, s, e):
            if any(a <= cs < b for a, b in taken):
                continue  # inside a vague source, already a cue
            voice, src = _voice(cs, ce, frames, quotes, qstarts)
            cues.append(Cue(cs, ce, text[cs:ce], key, kind, voice, src))
        cues.sort(key=lambda c: c.start)
        keys = {c.key for c in cues if c.voice == "own"}
        score = model.sentence_score(keys)
        out.append(SentenceHedging(s, e, tuple(cues), score, model.is_uncertain(keys)))
    return out


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit // 2].rsplit(" ", 1)[0]
    tail = text[-(limit // 2) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _describe(cues: list[Cue]) -> str:
    hedges = [c for c in cues if c.kind == "hedge"]
    weasels = [c for c in cues if c.kind == "weasel"]
    parts = []
    for label, group in (("hedge", hedges), ("weasel", weasels)):
        group = [c for c in group
                 if not any(o is not c and o.start <= c.start and c.end <= o.end for o in cues)]
        if not group:
            continue
        names = ", ".join(f'"{_shorten(c.text)}"' for c in group[:3])
        plural = "s" if len(group) > 1 else ""
        parts.append(f"{label}{plural} {names}")
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
    version="1",
    values=_VALUES,
    description="Hedges and weasel words in the author's own voice, per sentence.",
)
def hedging(doc: Document, *, lang: str = "en", max_evidence: int = 20) -> Measurement:
    """Hedges and weasel words in the author's own voice, per sentence."""
    model = load_weights()
    body = body_text(doc)
    words = len(body.split())
    all_sents = sentence_spans(body)
    all_frames = find_attributions(body, all_sents)  # shared (cached) with the figures signal
    keep = [i for i, (s, e) in enumerate(all_sents) if _count_words(body, s, e) >= 3]
    sents = [all_sents[i] for i in keep]
    title_hedged: float | None = None
    ev: list[Evidence] = []
    if doc.title.strip():
        t = find_hedges(doc.title, sentences=[(0, len(doc.title))], model=model)[0]
        title_hedged = 1.0 if t.uncertain else 0.0
        if t.uncertain:
            own = [c for c in t.cues if c.voice == "own" and model.counts(c.key)]
            ev.append(evidence(doc, "title", 0, len(doc.title), _describe(own)))
    if not sents:
        return Measurement(None, {"sentences": 0.0, "title_hedged": title_hedged}, ev,
                           low_confidence=True)
    results = find_hedges(
        body, sentences=sents, attributions=[all_frames[i] for i in keep], model=model
    )
    n = len(results)
    uncertain = [r for r in results if r.uncertain]
    positive = [c for r in results for c in r.cues if model.counts(c.key)]
    own_pos = [c for c in positive if c.voice == "own"]
    reported = [c for c in positive if c.voice != "own"]
    weasel_sents = sum(
        1 for r in results
        if r.uncertain
        and any(c.kind == "weasel" and c.voice == "own" and model.counts(c.key) for c in r.cues)
    )
    share = len(uncertain) / n
    weasel_share = weasel_sents / n
    values = {
        "sentences": float(n),
        "uncertain_sentences": float(len(uncertain)),
        "uncertain_share": share,
        "cues_per_100_words": 100.0 * len(own_pos) / words if words else None,
        "attributed_hedges_share": len(reported) / len(positive) if positive else None,
        "weasel_share": weasel_share,
        "title_hedged": title_hedged,
    }
    score = 1.0 - math.exp(-(share + weasel_share) / 0.5)
    strongest = sorted(uncertain, key=lambda r: -r.score)[:max_evidence]
    for r in sorted(strongest, key=lambda r: r.start):
        own = [c for c in r.cues if c.voice == "own" and model.counts(c.key)]
        own.sort(key=lambda c: (c.key not in model.always, -model.weights.get(c.key, 0.0)))
        ev.append(evidence(doc, "body", r.start, r.end, _describe(own)))
    return Measurement(score, values, ev, low_confidence=n < 5)
