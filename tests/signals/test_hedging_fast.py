"""The hedging signal's fast paths against the plain implementation they
replaced (kept below as the reference: a loop over every sentence and every
trigger word, one split per sentence, Cue objects throughout).

Texts are written for these tests from lexicon-like words, reporting verbs,
names and awkward white space; nothing is copied from ../shared.
"""

from __future__ import annotations

import bisect
import math
import re
import sys
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.ingest.document import Document
from newsvet.segment import quote_spans, sentence_spans
from newsvet.signals import hedging as H
from newsvet.signals.base import Evidence, Measurement, body_text, evidence
from newsvet.signals.unattributed_figures import _scan, find_attributions

# ------------------------------------------------------------ the reference


def _ref_count_words(text: str, s: int, e: int) -> int:
    parts = text[s:e].split()
    if len(parts) >= 8:
        return len(parts)
    return sum(1 for w in parts if w[0].isalpha())


def _ref_scan_cues(text: str, s: int, e: int) -> list[tuple[int, int, str, str]]:
    table = H._cue_table()
    low, hits, starts = _scan(text)[:3]
    lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
    out = []
    consumed = -1
    for st_, en, w in hits[lo:hi]:
        if st_ < consumed:
            continue
        entry = table.get(w)
        if entry is None:
            continue
        pat, alone, kinds = entry
        m = pat.match(low, en, e) if pat is not None else None
        if m is not None:
            end = m.end()
            key = " ".join(low[st_:end].split())
        elif alone:
            end, key = en, w
        else:
            continue
        if key in ("may", "might"):
            if key == "may" and text[st_] == "M" and st_ != s:
                continue
            prev = H._PREV_WORD.search(low, max(s, st_ - 12), st_)
            if prev and prev.group(1) in H._MIGHT_NOUN:
                continue
        out.append((st_, end, key, kinds[key]))
        consumed = end
    return out


def _ref_find_hedges(text, *, sentences=None, attributions=None, quotes=None, model=None):
    if sentences is None:
        sentences = sentence_spans(text)
    if attributions is None:
        attributions = find_attributions(text, sentences)
    if quotes is None:
        quotes = quote_spans(text)
    if model is None:
        model = H.load_weights()
    qstarts = [a for a, _ in quotes]
    out = []
    for (s, e), frames in zip(sentences, attributions):
        cues = []
        taken = []
        for f in frames:
            if f.kind != "vague" or any(a <= f.start < b for a, b in taken):
                continue
            key = H.AGENTLESS_PASSIVE if f.start == f.verb_start and f.end == f.verb_end \
                and not text[f.start:f.end].lower().startswith("according") else H.VAGUE_SOURCE
            voice, src = H._voice(f.verb_start, f.verb_end, frames, quotes, qstarts)
            cues.append(H.Cue(f.start, f.end, text[f.start : f.end], key, "weasel", voice, src))
            taken.append((f.start, f.end))
        for cs, ce, key, kind in _ref_scan_cues(text, s, e):
            if any(a <= cs < b for a, b in taken):
                continue
            voice, src = H._voice(cs, ce, frames, quotes, qstarts)
            cues.append(H.Cue(cs, ce, text[cs:ce], key, kind, voice, src))
        cues.sort(key=lambda c: c.start)
        keys = {c.key for c in cues if c.voice == "own"}
        out.append(H.SentenceHedging(s, e, tuple(cues), model.sentence_score(keys),
                                     model.is_uncertain(keys)))
    return out


def _ref_shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit // 2].rsplit(" ", 1)[0]
    tail = text[-(limit // 2) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _ref_describe(cues) -> str:
    hedges = [c for c in cues if c.kind == "hedge"]
    weasels = [c for c in cues if c.kind == "weasel"]
    parts = []
    for label, group in (("hedge", hedges), ("weasel", weasels)):
        group = [c for c in group
                 if not any(o is not c and o.start <= c.start and c.end <= o.end for o in cues)]
        if not group:
            continue
        names = ", ".join(f'"{_ref_shorten(c.text)}"' for c in group[:3])
        plural = "s" if len(group) > 1 else ""
        parts.append(f"{label}{plural} {names}")
    return " and ".join(parts) + " in the author's own voice"


def _ref_hedging(doc: Document, max_evidence: int = 20) -> Measurement:
    model = H.load_weights()
    body = body_text(doc)
    words = len(body.split())
    all_sents = sentence_spans(body)
    all_frames = find_attributions(body, all_sents)
    keep = [i for i, (s, e) in enumerate(all_sents) if _ref_count_words(body, s, e) >= 3]
    sents = [all_sents[i] for i in keep]
    title_hedged = None
    ev: list[Evidence] = []
    if doc.title.strip():
        t = _ref_find_hedges(doc.title, sentences=[(0, len(doc.title))], model=model)[0]
        title_hedged = 1.0 if t.uncertain else 0.0
        if t.uncertain:
            own = [c for c in t.cues if c.voice == "own" and model.counts(c.key)]
            ev.append(evidence(doc, "title", 0, len(doc.title), _ref_describe(own)))
    if not sents:
        return Measurement(None, {"sentences": 0.0, "title_hedged": title_hedged}, ev,
                           low_confidence=True)
    results = _ref_find_hedges(
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
        ev.append(evidence(doc, "body", r.start, r.end, _ref_describe(own)))
    return Measurement(score, values, ev, low_confidence=n < 5)


# ------------------------------------------------------------ the texts

_PIECES = [
    # cue words, alone and as the start of longer entries
    "may", "May", "may have", "might", "military might", "could", "could not", "couldn't",
    "reportedly", "allegedly", "likely", "most likely", "some", "some say", "many", "many people",
    "to some extent", "to a certain extent", "a number of", "a lot of", "in part", "in some",
    "it is believed", "it is said", "it is possible that", "is thought to", "are considered",
    "has been described as", "well-known", "well known", "best-known", "one of the most",
    "according to some", "there are reports", "kind of", "more or less", "seen as",
    # attributions and names
    "according to the ministry,", "officials said", "reports suggest", "experts believe",
    "Defence Minister Jane Doe said", "Austin suggested", "the ministry said", "was reported",
    "it was claimed", "sources say", "analysts",
    # filler
    "the convoy", "troops", "the port", "12,000", "on Tuesday", "the council", "prices",
    "a", "to", "in", "is", "it", "by", "are", "has", "have", "one", "more", "there",
    # the rests of longer entries, to follow a first word across odd white space
    "some extent", "a certain extent", "number of", "lot of", "part", "general", "is said",
    "been described as", "thought to", "considered", "known", "as one of", "of the most",
    "or less", "likely", "as", "of",
]
_SEPS = [" ", " ", " ", " ", "  ", "\t", "\xa0", " \n", "\n", "\n\n", ". ", ", ", "-", "'",
         '"', "\u201c", "\u201d", "’", "; ", "! ", "? ", "\n\n\n", " (", ") ", "x", "9"]
_TEXT = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPS)), min_size=0, max_size=40
).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_TEXT, title=_TEXT)
def test_hedging_matches_the_reference(body: str, title: str) -> None:
    doc = Document.from_text(body, title=title)
    assert H.hedging(doc) == _ref_hedging(doc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, cuts=st.lists(st.integers(0, 400), max_size=12))
def test_find_hedges_matches_the_reference_on_any_sentences(text: str, cuts: list[int]) -> None:
    # sentence bounds anywhere, inside words too (a rest may then end at the
    # sentence end without ending in the text), overlapping or empty
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    sentences = list(pairwise(bounds)) + [(b, a) for a, b in pairwise(bounds[:3])]
    assert H.find_hedges(text, sentences=sentences) == _ref_find_hedges(text, sentences=sentences)
    assert H.find_hedges(text) == _ref_find_hedges(text)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, cuts=st.lists(st.integers(0, 400), max_size=12))
def test_kept_sentences_match_the_reference(text: str, cuts: list[int]) -> None:
    for sentences in (sentence_spans(text),
                      list(pairwise(sorted(cuts)))):
        frames = [[] for _ in sentences]
        kept, _frames, words = H._kept_sentences(text, sentences, frames)
        assert kept == [(s, e) for s, e in sentences if _ref_count_words(text, s, e) >= 3]
        assert words == len(text.split())


def test_spaces_are_what_backslash_s_matches() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert H._SPACES == frozenset(re.findall(r"\s", every))
    assert H._SPACES == frozenset(c for c in every if c.isspace())


def test_rests_start_with_the_gated_letters() -> None:
    # every multi-word entry is found by the gate of its first word
    for first, gate in H._gates().items():
        pat, alone, kinds = H._cue_table()[first]
        if gate is True:
            assert alone or pat is None
            continue
        for entry in kinds:
            words = entry.split()
            if words[0] == first and len(words) > 1:
                text = " ".join(words) + "."
                assert pat.match(text, len(first)) is not None
                assert text[len(first) : len(first) + 2] in gate


def test_nested_cues_are_described_once() -> None:
    # "it is said" holds the agentless passive "is said": only the outer cue is named
    text = "It is said that the convoy was stopped at the border by the army."
    (sent,) = H.find_hedges(text)
    assert sent == _ref_find_hedges(text)[0]
    assert [c.text for c in sent.cues] == ["It is said", "is said"]
    doc = Document.from_text(text + " " + text, title=text)
    sig = H.hedging(doc)
    assert sig == _ref_hedging(doc)
    assert sig.evidence[0].reason == 'weasel "It is said" in the author\'s own voice'


def test_every_entry_after_any_white_space() -> None:
    # each longer entry with odd white space after its first word, at the
    # start, in the middle and at the end of a sentence
    seps = [" ", "  ", "\t", "\xa0", " \u2009", "\u3000", "\x1c", " \t "]
    for first, (pat, _alone, kinds) in H._cue_table().items():
        for entry in kinds:
            words = entry.split()
            if words[0] != first or len(words) < 2:
                continue
            rest = " ".join(words[1:])
            for sep in seps:
                for text in (f"{first}{sep}{rest} the convoy left the port.",
                             f"The convoy, {first}{sep}{rest}, left the port.",
                             f"The convoy left {first}{sep}{rest}"):
                    assert H.find_hedges(text) == _ref_find_hedges(text), text
