"""Numeric claims and where they come from.

Every figure in the body (counts such as "12,000 troops" or "three generals",
percentages, money, "dozens of"/"thousands of"/"hundreds more", spelled
compounds such as "Eighty-three", multipliers such as "tripled", "fivefold",
"twice as many") is linked to an attribution in its own sentence, or else in
the previous sentence of the same paragraph when the figure's sentence goes on
from it: a pronoun with a reporting verb ("He added ...", "They show ...") or a
definite reference to a document ("The report forecasts ...", "According to
the same statement") takes the previous sentence's named frame or named
subject ("Police Scotland released its data."):

- **attributed**: a named person or body with a reporting verb ("Austin said",
  "the ministry announced"), "according to <name>", or a direct quote;
- **vague**: a source that names nobody ("reports suggest", "officials said",
  "South Korean media suggest", "Ukrainian intelligence estimates",
  "according to some", "it is estimated", "Neighbours said"). A head noun from
  ``vague-sources-v2`` or ``attribution-nouns-v1`` makes a source vague however
  it is placed ("South Korean", "U.S.", "Western") unless a proper name in the
  phrase names it ("the Office for National Statistics", "Eurostat data",
  "Pentagon officials"; never "sources", "insiders" or "unnamed ..."); a
  person's name, an institution (``institutions-v2``: "the ministry", "the
  central bank", "the airport operator") or a country acting on its own
  ("South Korea reported") makes it named. The subject is found across a
  relative clause or an apposition ("The agency, which monitors prices,
  said", "Maria Lopez, a nurse, said"); a figure inside the source phrase
  ("The airline, which flies to 40 countries, said") is not attributed by it.
  A frame stops at a contrast clause
  (", but the real toll is ...") unless its subject goes on reporting
  (", but added that", ", but they would");
- **unattributed**: none of these.

Fractions and shares are figures ("a third of", "two-thirds of", "half its",
"by a quarter", "Eighty per cent", "nine out of ten", "half a million").

Not figures: years, dates, times, durations and ages, ordinals ("first",
"5th"), numbers inside names ("COVID-19", "G7", "F-16", "Boeing 737", "the
2024 Olympics"), list numbers ("No. 5"), phone numbers ("Call 999"), house
numbers ("42 Carlton Road"), finished scores ("won 112-104", "a 2-0 win"),
advertised ticket prices ("Tickets cost £15"), the
fixed size of a body ("the 450-seat parliament"), event names ("the 400m
final"), and page furniture (lines of fewer than four words, "12°").

Hedged quantifiers ("up to", "as many as", "around", "more than", ...) and
imprecise counts ("dozens of", "thousands of") are recorded.

Figures of the same thing that disagree within one article are flagged: figures
are grouped by head noun (lemmatised, with a small synonym map: troops,
soldiers, forces and personnel are one group; "40 troops killed" goes with the
casualties) and by the nationality before it ("North Korean" vs "Russian");
figures with no nationality join the article's most frequent one for that noun.
A group is a conflict when two of its values differ by a factor of 2 to 20
(further apart they are usually different quantities: a daily and a cumulative
count, a unit and a whole army) and not every figure in it is attributed to a
named source (differing figures from named sources are reporting, not
confusion). Totals ("an army of 1.2 million troops"), percentages, money and
units of measure are not grouped.

The score is None when the body has no figures (no figures is not evidence of
anything; ``figures`` is still reported as 0). Otherwise it grows with the share
of vague (weight 1) and unattributed (weight 0.5) figures, damped for articles
with few figures, combined with a term for conflicts.

The attribution finder (:func:`find_attributions`) is also used by the hedging
signal to tell the author's own hedges from reported ones. Both signals read
the text through one cached :class:`_Scan` per text: the hedging signal's
scan for trigger words (a trie regex over the lower-cased text) and the
attribution frames of each sentence, worked out once. The figures signal
needs the frames of the sentences with figures only, and finds their
reporting verbs (and spelled numbers) on a copy of the text with every
character but a-z as a space, where a literal space starts every word; the
tests in ``test_unattributed_figures_fast.py`` check these shortcuts against
the plain scans and patterns they stand for.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

from ..errors import DataError
from ..ingest.document import Document
from ..segment import quote_spans, sentence_spans
from .base import (
    Evidence,
    Measurement,
    body_text,
    fast_frozen_init,
    lower_keeping_offsets,
    register,
)
from .lexicon import load_lexicon

try:  # hand-written C for the run look-ups, where built and used (newsvet._compiled)
    from .._speedups import az_run_hits as _c_az_run_hits
    from .._speedups import number_starts as _c_number_starts
except ImportError:
    _c_az_run_hits = None
    _c_number_starts = None

__all__ = [
    "Attribution",
    "Figure",
    "find_attributions",
    "find_figures",
    "unattributed_figures",
]

# --------------------------------------------------------------------------
# Attribution frames
# --------------------------------------------------------------------------

# Words that may stand between the reporting verb and its subject.
_SKIP = frozenset(
    """has have had is are was were be been being will would could may might
    also further reportedly previously again recently already repeatedly not
    publicly later earlier then first initially separately officially
    privately currently now still has't hasn't haven't did does do just
    reported allegedly apparently""".split()
)
# Words at which a subject chunk stops (the clause starts after them).
_BOUNDARY_WORDS = frozenset(
    """that which who whom whose and but while as because if when where
    although though after before since so whereas than or nor yet whether
    despite amid""".split()
)
_COMMON = frozenset(
    """the a an this that these those some many several other others current
    senior top local recent new unnamed anonymous multiple such both all any
    each every most few more his her its their our my your in on at for with
    from by of to as but and or if it they there meanwhile however also
    additionally moreover furthermore still yet last next earlier later
    previous former one does do did can could would should may might will has
    have had is are was were during after before despite amid following
    according while when although since under over into about through
    among yes no not""".split()
)
_DETERMINERS = frozenset(
    """the a an these those this that such its their his her our my your recent new
    latest of in on with by for to from""".split()
)
_VERB_NEXT = re.compile(
    r"\s+(?:that|the|a|an|some|about|around|up\s+to|as|more|over|nearly|approximately|"
    r"roughly|at|there|it|he|she|they|its|their|this|these|those|no|not|on|in|to|how|"
    r"whether|why|what|[$€£\d]|"
    r"[A-Z])"
)
_TO_PASSIVE = frozenset(
    "believed thought said reported estimated rumoured rumored understood alleged".split()
)
_TO_NEXT = re.compile(r"\s+to\s")
_THAT_NEXT = re.compile(r"\s+that\s")
_INFERENCE_VERBS = frozenset(
    """suggest suggests suggested indicate indicates indicated show shows showed
    believe believes believed think thinks thought""".split()
)
_COUNTRY_HEADS = frozenset({"u.s.", "us", "usa", "u.k.", "uk", "eu", "un", "u.n.", "nato"})
_PRONOUN_VAGUE = frozenset({"they", "someone", "somebody", "everyone"})
_NOUN_LIKE = frozenset(
    """report reports claim claims note notes estimate estimates fear fears
    hope hopes thought state states worry worries question questions remarks
    forecast forecasts put puts place places show shows find finds found
    cite cites""".split()
)
_DATA_VERBS = frozenset(
    "put puts place places show shows showed find finds found".split()
)
_SPAN = re.Match.span  # (start, end) of a match, as a C-level function
_WORD = re.compile(r"[^\W_][\w’'.\-]*")
_WORD_REVERSED = re.compile(r"[\w’'.\-]*[^\W_]")
_PAREN = re.compile(r"\([^()\n]{0,200}\)")
_CLAUSE_PUNCT = frozenset(",;:—–“”\"()[]")


_PASSIVE_SET = frozenset(
    """believed thought estimated reported said alleged rumoured rumored claimed
    suggested feared understood assessed calculated projected""".split()
)
_ING_SET = frozenset(
    """saying stating noting adding warning claiming citing arguing insisting
    explaining indicating suggesting highlighting emphasising emphasizing
    stressing describing estimating reporting announcing confirming alleging
    predicting""".split()
)
# the auxiliary before a passive participle ("is believed", "were reportedly said")
_AUX_BEFORE = re.compile(r"(?<![a-z])(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?$")
_TO_AFTER = re.compile(r"\s+to(?![a-z]|['-][a-z])")
_NOT_WORD_BEFORE = r"(?<![a-z])(?<![a-z]['-])"
_NOT_WORD_AFTER = r"(?![a-z]|['-][a-z])"

Hit = tuple[int, int, str]


def _trie(words: list[str]) -> str:
    """A regex alternation of ``words`` as a trie (fast for hundreds of words)."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        end = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return build(tree)


@lru_cache(maxsize=1)
def _trigger_pattern() -> re.Pattern[str]:
    """Every word at which an attribution, a hedge cue or a spelled figure can
    start: the specification of the scans that find them
    (:func:`_trigger_hits`, :meth:`_Scan.letter_hits`), which the tests hold
    them to."""
    return re.compile(_NOT_WORD_BEFORE + "(" + _trie(_trigger_words()) + ")" + _NOT_WORD_AFTER)


@lru_cache(maxsize=1)
def _trigger_words() -> list[str]:
    single, multi = _verb_forms()
    words: set[str] = set(single) | set(multi) | _PASSIVE_SET | _ING_SET | {"according"}
    words |= set(_SPELLED) | _IMPRECISE_FIRST
    for name in ("hedges-v1", "weasels-v1"):
        words |= {e.replace("’", "'").split()[0] for e in load_lexicon(name)}
    return sorted(w for w in words if " " not in w)


def _count_words(text: str, s: int, e: int) -> int:
    """Words that start with a letter in ``text[s:e]`` (numbers and bullets aside)."""
    parts = text[s:e].split()
    if len(parts) >= 8:
        return len(parts)  # only short lines can be furniture; no need to look closer
    return sum(1 for w in parts if w[0].isalpha())


def _lowered(text: str) -> str:
    """``text`` lower-cased with ’ as ', keeping every offset."""
    return lower_keeping_offsets(text).replace("’", "'")


def _number_starts_reference(text: str) -> tuple[int, ...]:
    """Where the matches of ``_NUMBER_START`` start (``newsvet._speedups.number_starts``
    is tested against this)."""
    pat = _NUMBER_START
    if pat is _NUMBER_START_ANY and text.isascii():
        # in ASCII text \d is [0-9] and only $ of the currency signs occurs
        pat = _NUMBER_START_ASCII
    return tuple(map(_START, pat.finditer(text)))


class _Scan:
    """What the two signals read from one text, each part worked out once
    when first asked for: the lowered text, its trigger words (hedging wants
    them all), number starts, number words, and the attribution frames of
    each sentence (the figures signal wants only the sentences with figures)."""

    __slots__ = (
        "done", "extra", "fracs", "full", "letters", "low", "masked", "number_words", "numbers",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = _lowered(text)
        self.full: tuple[str, tuple[Hit, ...], tuple[int, ...], tuple[int, ...]] | None = None
        self.numbers: tuple[int, ...] | None = None
        self.number_words: tuple[tuple[Hit, ...], tuple[int, ...]] | None = None
        self.fracs: tuple[tuple[int, int, float], ...] | None = None
        self.extra: tuple[tuple[int, int, float, str], ...] | None = None
        self.masked: str | None = None
        self.done: dict[tuple[int, int], tuple[Attribution, ...]] = {}
        self.letters: bytes | None = None

    def frames(self, s: int, e: int) -> tuple[Attribution, ...]:
        """The attribution frames of the sentence [s, e), each sentence worked
        out once (the figures signal asks only for the sentences with figures,
        the hedging signal for all of them)."""
        key = (s, e)
        got = self.done.get(key)
        if got is not None:
            return got
        hits: Sequence[Hit]
        if self.full is None:
            hits = self.verb_hits(s, e)
            lo, hi = 0, len(hits)
        else:
            hits, lo, hi = self.sentence_hits(s, e)
        cands = _frame_candidates(self.low, hits, lo, hi, s, e) if lo != hi else None
        if not cands:
            self.done[key] = ()
            return ()
        text = self.text
        masked = self.masked
        if masked is None:
            masked = self.masked = _PAREN.sub(lambda m: " " * len(m.group(0)), text)
        frames: list[Attribution] = []
        for cand in cands:
            fr = _frame(text, masked, s, e, cand, frames)
            if fr is not None:
                frames.append(fr)
        got = self.done[key] = tuple(frames)
        return got

    def whole(self) -> tuple[str, tuple[Hit, ...], tuple[int, ...], tuple[int, ...]]:
        if self.full is None:
            hits = _trigger_hits(self.low, self.letter_bytes())
            self.full = (self.low, hits, tuple([h[0] for h in hits]), self.number_starts())
        return self.full

    def letter_bytes(self) -> bytes:
        """The lowered text with every character but a-z as a space, one byte
        per character (so offsets carry over)."""
        letters = self.letters
        if letters is None:
            letters = self.letters = self.low.encode("ascii", "replace").translate(_LETTERS)
        return letters

    def number_starts(self) -> tuple[int, ...]:
        if self.numbers is None:
            text = self.text
            if _c_number_starts is not None:
                # the same starts in C (newsvet._speedups)
                self.numbers = _c_number_starts(text)
            else:
                self.numbers = _number_starts_reference(text)
        return self.numbers

    def sentence_hits(self, s: int, e: int) -> tuple[tuple[Hit, ...], int, int]:
        """The trigger words starting in [s, e): all of them, and the range
        [lo, hi) of those in the sentence."""
        _low, hits, starts, _numbers = self.whole()
        return hits, bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)

    def verb_hits(self, s: int, e: int) -> list[Hit]:
        """The trigger words starting in [s, e) that can start an attribution
        frame, without the whole-text scan (see :func:`_verb_scan`)."""
        return self.letter_hits(_verb_scan(), s, e)

    def letter_hits(
        self, scan: tuple[re.Pattern[bytes], re.Pattern[bytes], dict[bytes, str]], s: int, e: int
    ) -> list[Hit]:
        """The hits starting in [s, e) of the words of ``scan`` (see
        :func:`_letter_scan`)."""
        at_space, at_start, words = scan
        # a hit starting before e ends before stop (the words are shorter)
        stop = e + _LONGEST_SCANNED
        # a literal space starts every word of the letter bytes
        letters = self.letter_bytes()
        low = self.low
        out: list[Hit] = []
        if s == 0:
            m = at_start.match(letters, 0, stop)
            if m is not None and not _joined_to_a_word(low, 0, m.end()):
                out.append((0, m.end(), words[m.group(1)]))
        for m in at_space.finditer(letters, max(s - 1, 0), stop):
            st, en = m.span(1)
            if st >= e:
                break
            if not _joined_to_a_word(low, st, en):
                out.append((st, en, words[m.group(1)]))
        return out

    def fractions(self) -> tuple[tuple[int, int, float], ...]:
        """(start, end, share in %) of the fractions of the text ("a third of",
        "two-thirds of", "half its", "by a quarter."), in text order."""
        if self.fracs is None:
            low = self.low
            out: list[tuple[int, int, float]] = []
            # the matches of _FRACTION, found from its fraction words (str.find
            # is much faster than a regex scan of the whole text)
            starts: list[int] = []
            for word in _FRACTION_WORDS:
                i = low.find(word)
                while i >= 0:
                    starts.append(i)
                    i = low.find(word, i + len(word))
            if len(starts) > 1:
                starts.sort()
            for st in starts:
                w = _FRACTION_CORE.match(low, st)
                if w is not None:
                    en = w.end()
                    if w.group(0) == "half":
                        m = _FRACTION.match(low, st)
                    else:
                        num = _FRACTION_NUM_BEFORE.search(low, max(0, st - 6), st)
                        m = _FRACTION.match(low, num.start(1)) if num else None
                    if m is None or m.end() != en:
                        continue
                    share = _fraction_share(m)
                    out.append((m.start(), en, share))
            self.fracs = tuple(out)
        return self.fracs

    def extras(self) -> tuple[tuple[int, int, float, str], ...]:
        """(start, end, value, candidate kind) of the spelled compounds
        ("Eighty-three", kind "sp") and multipliers ("tripled", "fivefold",
        "twice as many", kind "mult") of the text, in text order: the matches
        of :data:`_EXTRA` that :func:`_extra_value` keeps, found from their
        key strings (most texts have none)."""
        if self.extra is None:
            low = self.low
            found: dict[int, re.Match[str]] = {}
            for key in _EXTRA_KEYS:  # str.find is much faster than a regex scan
                i = low.find(key)
                while i >= 0:
                    # a match holding this key starts at the start of its word,
                    # at most 8 letters before it
                    k = i
                    lo = max(0, i - 8)
                    while k > lo and "a" <= low[k - 1] <= "z":
                        k -= 1
                    m = _EXTRA.match(low, k)
                    if m is not None and m.end() > i:
                        found.setdefault(k, m)
                    i = low.find(key, i + len(key))
            out: list[tuple[int, int, float, str]] = []
            last = -1
            for st in sorted(found):
                m = found[st]
                if st < last:
                    continue
                got = _extra_value(low, m)
                if got is not None:
                    out.append((st, m.end(), got[0], got[1]))
                    last = m.end()
            self.extra = tuple(out)
        return self.extra

    def spelled(self) -> tuple[tuple[Hit, ...], tuple[int, ...]]:
        """The trigger words that can start a spelled figure, and their starts."""
        if self.number_words is None:
            if self.full is not None:
                hits = tuple(h for h in self.full[1] if h[2] in _NUMBER_WORDS)
            else:
                hits = tuple(self.letter_hits(_number_scan(), 0, len(self.low)))
            self.number_words = hits, tuple([h[0] for h in hits])
        return self.number_words


_START = re.Match.start
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}
_FOLD = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "twenty": 20, "hundred": 100}
_TIMES_VERB = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4,
               "double": 2, "triple": 3, "treble": 3}
# spelled compounds ("eighty-three") and multipliers ("tripled", "fivefold",
# "twice as many", "was double the"); no "doubled down/up/as"
_EXTRA = re.compile(
    r"(?<![a-z'-])(?:(?P<tens>" + "|".join(_TENS) + r")-(?P<ones>" + "|".join(_ONES) + r")"
    r"|(?P<verb>doubled|tripled|trebled|quadrupled)(?!\s{1,5}(?:down|up|as)(?![a-z]))"
    r"|(?P<adj>double|triple|treble)(?=\s{1,5}the\s)"
    r"|(?P<fold>" + "|".join(_FOLD) + r")fold"
    r"|(?P<twice>twice)\s{1,5}as\s{1,5}(?:many|much))"
    r"(?![a-z]|['-][a-z])"
)
# a string that every match of _EXTRA holds
_EXTRA_KEYS = ("ty-", "doubl", "tripl", "trebl", "drupl", "fold", "twice")
# "was double the average", not "to double the number" (a plan)
_ADJ_AFTER = frozenset({"is", "was", "are", "were", "be", "been", "nearly", "almost", "roughly",
                        "about", "around", "than", "more"})


def _extra_value(low: str, m: re.Match[str]) -> tuple[float, str] | None:
    """The value and candidate kind of a match of :data:`_EXTRA`, or None."""
    if m.group("tens"):
        return float(_TENS[m.group("tens")] + _ONES[m.group("ones")]), "sp"
    if m.group("fold"):
        return float(_FOLD[m.group("fold")]), "mult"
    if m.group("twice"):
        return 2.0, "mult"
    word = m.group("verb") or m.group("adj")
    if m.group("adj"):
        before = low[max(0, m.start() - 12) : m.start()].split()
        if not before or before[-1] not in _ADJ_AFTER:
            return None
    return float(_TIMES_VERB[word]), "mult"


_LONGEST_SCANNED = 24  # longer than every word that _letter_scan looks for
_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def _joined_to_a_word(low: str, st: int, en: int) -> bool:
    """The parts of the trigger pattern's look-arounds that look at ' and -:
    whether the letters ``low[st:en]`` follow a letter and ' or - ("x-said"),
    or come before ' or - and a letter ("said-so")."""
    return (st >= 2 and low[st - 1] in "'-" and "a" <= low[st - 2] <= "z") or (
        en + 1 < len(low) and low[en] in "'-" and "a" <= low[en + 1] <= "z"
    )


def _trigger_hits(low: str, letters: bytes) -> tuple[Hit, ...]:
    """The matches of :func:`_trigger_pattern` in the lowered text ``low``
    (``letters``: :meth:`_Scan.letter_bytes` of it), without the regular
    expression.

    A trigger word of letters only matches exactly a whole run of a-z (its
    look-arounds refuse a letter on either side), so its hits are the runs
    of ``letters`` that are trigger words, less those the ' and - parts of
    the look-arounds refuse ("x-said", "said-so"). The few trigger words
    with ' or - ("couldn't", "well-known") are found with ``str.find`` and
    the same look-arounds; no hit of theirs and no hit of a run can overlap
    (the runs inside them are refused by those look-arounds), so the two
    lists merge by start into the pattern's matches, in its order.
    ``tests/signals/test_fast_paths.py`` checks this against the pattern.
    """
    runs, joined = _trigger_lookup()
    out: list[Hit]
    n = len(low)
    if _c_az_run_hits is not None:
        # the runs part in C (newsvet._speedups), the same hits
        out = _c_az_run_hits(low, _trigger_run_words())
    else:
        out = _run_hits(low, letters, runs)
    extra: list[Hit] = []
    for word in joined:
        st = low.find(word)
        while st >= 0:
            en = st + len(word)
            # (a run of letters is whole; a find may be inside a longer word)
            if not (
                (st >= 1 and "a" <= low[st - 1] <= "z")
                or (en < n and "a" <= low[en] <= "z")
                or _joined_to_a_word(low, st, en)
            ):
                extra.append((st, en, word))
            st = low.find(word, st + 1)
    if extra:
        out = sorted(out + extra)
    return tuple(out)


def _run_hits(low: str, letters: bytes, runs: dict[bytes, str]) -> list[Hit]:
    """The hits of the trigger words of letters only: the runs of ``letters``
    that are keys of ``runs``, less those joined to a word by ' or -
    (``newsvet._speedups.az_run_hits`` is tested against this)."""
    pieces = letters.split(b" ")
    found = list(compress(range(len(pieces)), map(runs.__contains__, pieces)))
    out: list[Hit] = []
    if found:
        # piece k starts after the k pieces and k spaces before it
        starts = list(accumulate(map(len, pieces[: found[-1]]), initial=0))
        for k in found:
            st = starts[k] + k
            word = runs[pieces[k]]
            en = st + len(word)
            if not _joined_to_a_word(low, st, en):
                out.append((st, en, word))
    return out


@lru_cache(maxsize=1)
def _trigger_run_words() -> dict[str, str]:
    """The trigger words of letters only, each mapped to itself."""
    return {w: w for w in _trigger_lookup()[0].values()}


@lru_cache(maxsize=1)
def _trigger_lookup() -> tuple[dict[bytes, str], tuple[str, ...]]:
    """The trigger words of letters only (as bytes -> word) and the others."""
    words = _trigger_words()
    runs = {w.encode(): w for w in words if re.fullmatch("[a-z]+", w)}
    joined = tuple(w for w in words if w.encode() not in runs)
    if not all(re.fullmatch(r"[a-z]+(?:['-][a-z]+)+", w) for w in joined):  # pragma: no cover
        raise DataError("a trigger word the whole-text scan cannot find")
    return runs, joined


@lru_cache(maxsize=1)
def _verb_scan() -> tuple[re.Pattern[bytes], re.Pattern[bytes], dict[bytes, str]]:
    """The trigger words that can start an attribution frame: a reporting
    verb, a passive participle, an -ing form, "according"."""
    single, multi = _verb_forms()
    return _letter_scan(set(single) | set(multi) | _PASSIVE_SET | _ING_SET | {"according"})


@lru_cache(maxsize=1)
def _number_scan() -> tuple[re.Pattern[bytes], re.Pattern[bytes], dict[bytes, str]]:
    """The trigger words that can start a spelled figure."""
    return _letter_scan(set(_NUMBER_WORDS))


def _letter_scan(
    chosen: set[str],
) -> tuple[re.Pattern[bytes], re.Pattern[bytes], dict[bytes, str]]:
    """Patterns for some of the trigger words in the lowered text with every
    character but a-z made a space (after a space, at the start).

    They find the same of these words as the trigger pattern finds in the
    lowered text: each is letters only, so a hit of it is a whole run of
    letters (the ' and - parts of the lookarounds are checked at the hits);
    no trigger word has a place inside it where a hit can start, so the other
    trigger words never hide one; and no trigger word is one of these
    followed by ' or - and more, so where one of them is a hit the trigger
    pattern's longest match is that word.
    """
    words = sorted(chosen)
    others = _trigger_words()
    if not set(words) <= set(others) or not all(re.fullmatch("[a-z]+", v) for v in words) or any(
        t[:i] in chosen for t in others for i in range(1, len(t)) if not t[i].isalpha()
    ) or any(
        not ("a" <= t[i - 1] <= "z") and not (i >= 2 and t[i - 1] in "'-" and "a" <= t[i - 2] <= "z")
        for t in others for i in range(1, len(t))
    ):  # pragma: no cover - a lexicon change that breaks the argument above
        raise DataError("the lexicons no longer allow scanning words on letters alone")
    if max(map(len, words)) >= _LONGEST_SCANNED:  # pragma: no cover - see letter_hits
        raise DataError("a word too long for the letter scan")
    trie = _trie(words).encode()
    return (
        re.compile(rb" (" + trie + rb")(?![a-z])"),
        re.compile(rb"(" + trie + rb")(?![a-z])"),
        {v.encode(): v for v in words},
    )


@lru_cache(maxsize=16)
def _state(text: str) -> _Scan:
    return _Scan(text)


def _scan(text: str) -> tuple[str, tuple[Hit, ...], tuple[int, ...], tuple[int, ...]]:
    """The lowered text, its trigger words (start, end, word), their starts,
    and where numbers start."""
    return _state(text).whole()


def _hits_in(text: str, s: int, e: int) -> tuple[str, tuple[Hit, ...], int, int]:
    st = _state(text)
    hits, lo, hi = st.sentence_hits(s, e)
    return st.low, hits, lo, hi


@lru_cache(maxsize=1)
def _verb_forms() -> tuple[frozenset[str], dict[str, re.Pattern[str]]]:
    """Single-word reporting verbs, and first word -> pattern of the rest of
    multi-word ones (" out" of "point out")."""
    single: set[str] = set()
    rests: dict[str, list[str]] = {}
    for v in load_lexicon("reporting-verbs-v2"):
        parts = v.split()
        if len(parts) == 1:
            single.add(v)
        else:
            rests.setdefault(parts[0], []).append(r"\s+".join(map(re.escape, parts[1:])))
    multi = {
        k: re.compile(r"\s+(?:" + "|".join(sorted(v, key=len, reverse=True)) + ")"
                      + _NOT_WORD_AFTER)
        for k, v in rests.items()
    }
    return frozenset(single), multi


def _frame_candidates(
    low: str, hits: Sequence[Hit], lo: int, hi: int, s: int, e: int
) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, verb) of reporting-verb candidates among hits [lo, hi)."""
    lo_pos = s
    single, multi = _verb_forms()
    out: list[tuple[str, int, int, str]] = []
    consumed = -1
    for st, en, w in hits[lo:hi]:
        if st < consumed:
            continue
        if w == "according":
            m = _TO_AFTER.match(low, en, e)
            if m:
                out.append(("acc", st, m.end(), w))
                consumed = m.end()
            continue
        if w in _PASSIVE_SET:
            m = _AUX_BEFORE.search(low, max(lo_pos, st - 24), st)
            if m:
                out.append(("pas", m.start(), en, w))
                continue
        if w in _ING_SET:
            out.append(("ing", st, en, w))
        elif w in single:
            out.append(("verb", st, en, w))
        elif w in multi:
            m = multi[w].match(low, en, e)
            if m:
                out.append(("verb", st, m.end(), " ".join(low[st : m.end()].split())))
                consumed = m.end()
    return out


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    vague = frozenset(load_lexicon("vague-sources-v2")) | frozenset(
        load_lexicon("attribution-nouns-v1")
    )
    return (
        vague,
        frozenset(load_lexicon("attribution-nouns-v1")),
        frozenset(load_lexicon("institutions-v2")),
        frozenset(load_lexicon("demonyms-v1")),
    )


@fast_frozen_init
@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution frame found in a text.

    ``kind`` is ``"named"`` or ``"vague"``. ``start``/``end`` span the source
    and its verb as written ("Reports from South Korean media suggest");
    ``verb_start``/``verb_end`` the verb alone; ``cover_start``/``cover_end``
    the part of the sentence whose content the frame attributes.
    """

    kind: str
    start: int
    end: int
    verb_start: int
    verb_end: int
    cover_start: int
    cover_end: int
    source: str


@lru_cache(maxsize=4096)  # pure, and called for every word near a figure or verb
def _norm(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    return w


def _classify(words: list[str], first_at_sentence_start: bool) -> str | None:
    """Named, vague or None for the words of a source phrase."""
    if not words:
        return None
    vague, _nouns, institutions, demonyms = _lexicons()
    head_raw = words[-1]
    head = _norm(head_raw)
    if head in _PRONOUN_VAGUE:
        return "vague"
    if head in _FIRST_HAND and _norm(words[0]) == "our":
        return "named"  # "our reporter counted": first-hand, stated as such
    if not _ANON_WORDS.isdisjoint(words) or (
        first_at_sentence_start and words[0].lower() in _ANON_WORDS
    ):
        # "sources close to the club", "Sources say", "unnamed Pentagon
        # officials" (not the names "Insider", "Insider's Bill Bostock")
        return "vague"
    if head in vague:
        # a proper name in the phrase names the source ("the Office for National
        # Statistics", "the latest Eurostat data", "Northfield Council's budget
        # report", "Pentagon officials"), unless the head is anonymous by itself
        # ("Kremlin sources") or the phrase says so ("unnamed Pentagon officials")
        if head in _ANONYMOUS or not _has_name(words, first_at_sentence_start, vague, demonyms):
            return "vague"
        return "named"
    if head in institutions:
        return "named"
    if head in demonyms:
        if head in _COUNTRY_HEADS:
            return "named"  # "the U.S. said"
    elif head_raw[0].isupper() and head not in _COMMON:
        return "named"
    for i, w in enumerate(words[:-1]):
        n = _norm(w)
        if w[0].isupper() and n not in demonyms and n not in _COMMON and n not in vague:
            if i == 0 and first_at_sentence_start and not words[1][0].isupper():
                continue  # "This revelation ...", "Details released ..."
            return "named"
    if any(_norm(w) in vague for w in words):
        return "vague"
    return None


_FIRST_HAND = frozenset({
    "reporter", "reporters", "correspondent", "correspondents", "journalist", "journalists",
})
# vague heads that stay vague next to a name ("Kremlin sources", "people close to Ferrari")
_ANONYMOUS = frozenset({
    "source", "sources", "insider", "insiders", "people", "person", "someone", "somebody",
    "everyone", "others", "some", "many", "several", "most", "few", "rumour", "rumours",
    "rumor", "rumors", "speculation", "leaks",
})
# words that make any source phrase vague ("sources close to the club")
_ANON_WORDS = frozenset({
    "source", "sources", "insider", "insiders", "anonymous", "unnamed", "unidentified",
})


def _has_name(
    words: list[str], first_at_sentence_start: bool, vague: frozenset[str],
    demonyms: frozenset[str],
) -> bool:
    """Whether a source phrase holds a proper name: a capitalised word that is
    not a demonym, a common or vague word, nor a place after "in" ("officials
    in Kyiv"). A capitalised first word of the sentence counts only when it is
    an acronym or has an inner capital ("ONS figures", "YouGov data") or the
    next word is capitalised too."""
    if len(words) == 1 and words[0][1:].islower() or "".join(words).islower():
        return False  # no capital letter, or a single capitalised word
    after_in = False
    for i, w in enumerate(words):
        n = _norm(w)
        if w[0].isupper() and not after_in and n not in demonyms and n not in _COMMON \
                and n not in vague:
            if i == 0 and first_at_sentence_start and w[1:].islower() and (
                len(words) == 1 or not words[1][0].isupper()
            ):
                continue  # "Details released ...", "Campaign figures show ..."
            return True
        if n == "in":
            after_in = True
        elif n not in ("the", "a", "an") and not w[0].isupper():
            after_in = False
    return False


def _is_acronym(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is written in capitals ("WHO", "AND"): a name,
    not the clause word it spells."""
    return b - a > 1 and text[a:b].isupper()


def _words_before(masked: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], str]:
    """Word spans of the subject chunk ending at ``hi`` (exclusive), walking back
    to a clause boundary; returns (spans, what stopped the walk)."""
    lo = max(lo, hi - 120)  # a subject is at most 8 words
    # the words of _WORD.finditer(masked, lo, hi), read from the last one back
    # (the walk seldom needs more than a few): each is a run of [\w’'.-] from
    # its first [^\W_] on, which read backwards is up to its last one
    words = _WORD_REVERSED.finditer(masked[lo:hi][::-1])
    cur_end = hi
    out: list[tuple[int, int]] = []
    stop = "start"
    for m in words:
        a = hi - m.end()
        b = hi - m.start()
        # auxiliaries and adverbs between subject and verb ("has also reported")
        if not _CLAUSE_PUNCT.isdisjoint(masked[b:cur_end]):
            return [], "punct"
        if masked[a:b].lower() not in _SKIP:
            break
        cur_end = a
    else:
        return out, stop
    while True:
        if not _CLAUSE_PUNCT.isdisjoint(masked[b:cur_end]):
            stop = "punct"
            break
        w = masked[a:b].lower()
        if w in _BOUNDARY_WORDS and not _is_acronym(masked, a, b):
            stop = w
            break
        out.append((a, b))
        cur_end = a
        if len(out) >= 8:
            stop = "limit"
            break
        nm = next(words, None)
        if nm is None:
            break
        a = hi - nm.end()
        b = hi - nm.start()
    out.reverse()
    return out, stop


_RELATIVE = frozenset({"which", "who", "whom", "whose"})
# a clause as the object of "found"/"show": "found the risk was ..."
_CLAUSE_NEXT = re.compile(
    r"\s+(?:the|a|an|its|their|his|her)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:is|are|was|were|had|has|have|would|could|will)(?![a-z])"
)
# verbs that are often nouns but report when a named subject precedes them
# and a plain noun follows ("The Bank of England forecast growth of 0.8%")
_OBJECT_VERBS = frozenset({"forecast", "forecasts", "estimates"})
_NEXT_WORD = re.compile(r"\s+([a-z]+)(?![\w'’-])")


def _has_object(masked: str, ve: int, e: int, words: list[str]) -> bool:
    """Whether the word after the verb at ``ve`` is a plain noun and the
    subject ``words`` ends in a name or an institution, so the verb is not
    the head of a noun phrase ("the Bank forecast shows")."""
    last = words[-1]
    if not (last[0].isupper() or _norm(last) in _lexicons()[2]) or last.endswith(("'s", "’s")):
        return False
    m = _NEXT_WORD.match(masked, ve, e)
    if m is None:
        return False
    w = m.group(1)
    single = _verb_forms()[0]
    return not (w in _COMMON or w in _SKIP or w in single or w in _BOUNDARY_WORDS
                or w.endswith("ed"))


def _antecedent(
    masked: str, s: int, comma: int, inner: list[tuple[int, int]], why: str
) -> list[tuple[int, int]]:
    """The subject before ", <relative clause or apposition>," that ends at
    ``comma``, or [] (``inner``/``why``: the walk back from ``comma``, whose
    relative word, if any, opens the clause)."""
    opening = comma
    while True:  # the comma that opens the clause (not one inside "90,000")
        opening = masked.rfind(",", s, opening)
        if opening <= s:
            return []
        if not (masked[opening - 1].isdigit() and masked[opening + 1 : opening + 2].isdigit()):
            break
    middle = masked[opening + 1 : comma]
    words = middle.split()
    if not words or len(words) > 12 or not _CLAUSE_PUNCT.isdisjoint(middle.replace(",", "")):
        return []
    lows = [w.lower() for w in words[:3]]
    relative = lows[0] in _RELATIVE or (
        len(lows) == 3 and lows[1] == "of" and lows[2] in _RELATIVE  # "many of whom"
    )
    if not relative and (why in _RELATIVE or len(words) > 6):
        return []
    chunk, why2 = _words_before(masked, s, opening)
    if why2 not in ("start", "punct") or not chunk or len(chunk) > 6:
        return []
    return chunk


def _leading_subject(masked: str, s: int, e: int) -> list[tuple[int, int]]:
    """The run of source-like words at the start of a sentence (for "...,
    saying that" frames with no earlier frame)."""
    vague, _nouns, institutions, demonyms = _lexicons()
    out: list[tuple[int, int]] = []
    for m in _WORD.finditer(masked, s, e):
        w = m.group(0)
        n = _norm(w)
        if not out and n in _COMMON and n not in ("the", "a", "an", "some", "many", "several"):
            return []  # "Despite ...", "During ...": the subject is not at the start
        if out and not _CLAUSE_PUNCT.isdisjoint(masked[out[-1][1] : m.start()]):
            break
        if (
            w[0].isupper()
            or n in demonyms
            or n in vague
            or n in institutions
            or n in ("the", "a", "an", "some", "many", "several")
        ):
            out.append((m.start(), m.end()))
            if len(out) >= 8:
                break
        else:
            break
    return out


def find_attributions(
    text: str, sentences: list[tuple[int, int]] | None = None
) -> list[list[Attribution]]:
    """Attribution frames of each sentence of ``text`` (one list per sentence,
    in the order of ``sentences``, default :func:`newsvet.segment.sentence_spans`)."""
    if sentences is None:
        sentences = sentence_spans(text)
    return [list(f) for f in _attributions_cached(text, tuple(sentences))]


@lru_cache(maxsize=16)
def _attributions_cached(
    text: str, sentences: tuple[tuple[int, int], ...]
) -> tuple[tuple[Attribution, ...], ...]:
    st = _state(text)
    if len(sentences) > 1:
        st.whole()  # one scan of the text rather than one per sentence
    frames = st.frames
    return tuple([frames(s, e) for s, e in sentences])


def _frame(
    text: str, masked: str, s: int, e: int, cand: tuple[str, int, int, str],
    earlier: list[Attribution],
) -> Attribution | None:
    kind_group, vs, ve, verb = cand
    if masked[vs] == " " and text[vs] != " ":  # inside a parenthesis
        return None
    if kind_group == "acc":
        chunk = _chunk_after(masked, ve, e)
        words = [text[a:b] for a, b in chunk]
        kind = _classify(words, False)
        if kind is None:
            return None
        end = chunk[-1][1] if chunk else ve
        return Attribution(kind, vs, end, vs, ve, s, _cover_end(masked, end, e), text[vs:end])
    if kind_group == "pas":
        after = masked[ve:e]
        by = re.match(r"\s+by\s+", after)
        if by:
            chunk = _chunk_after(masked, ve + by.end(), e)
            kind = _classify([text[a:b] for a, b in chunk], False) or "vague"
            end = chunk[-1][1] if chunk else ve
            return Attribution(kind, vs, end, vs, ve, s, _cover_end(masked, end, e),
                               text[vs:end])
        # agentless passive: "is believed to", "have been estimated to"
        return Attribution("vague", vs, ve, vs, ve, s, _cover_end(masked, ve, e), text[vs:ve])
    if kind_group == "ing":
        prev = [f for f in earlier if f.verb_end <= vs]
        if prev:
            kind = prev[-1].kind
            src_s, src = prev[-1].start, prev[-1].source
        else:
            lead = _leading_subject(masked, s, vs)
            kind = _classify([text[a:b] for a, b in lead], True) if lead else None
            if kind is None:
                return None
            src_s, src = lead[0][0], text[lead[0][0] : lead[-1][1]]
        return Attribution(kind, min(src_s, vs), ve, vs, ve, ve, _cover_end(masked, ve, e), src)
    # finite reporting verb
    chunk, stop = _words_before(masked, s, vs)
    if stop in ("which", "who") and not chunk:
        # "reports from X, which suggested": the antecedent of the relative
        k = masked.rfind(stop, s, vs)
        hi = k
        while hi > s and masked[hi - 1].isspace():
            hi -= 1
        if hi > s and masked[hi - 1] == ",":
            hi -= 1
        chunk, _ = _words_before(masked, s, hi)
    inverted = False
    if not chunk and stop == "punct":
        following = _chunk_after(masked, ve, e)
        if following and len(following) <= 6 and (
            _rest_is_short(masked, following[-1][1], e)
            or masked[following[-1][1] : e].lstrip().startswith(",")
        ) and (masked.rfind(",", s, vs) <= s or _classify(
            [text[a:b] for a, b in following], False
        ) is not None):
            chunk, inverted = following, True  # ", said Kirby." / ", said Kirby, the envoy."
        else:
            # "Ukraine's envoy, Sergiy Kyslytsya, said": a name between two commas
            comma = masked.rfind(",", s, vs)
            if comma > s:
                chunk, why = _words_before(masked, s, comma)
                if why != "punct" or len(chunk) > 6 or _classify(
                    [text[a:b] for a, b in chunk], False
                ) is None:
                    # "The agency, which monitors prices, said", "Maria Lopez,
                    # a nurse, said": the subject before a relative clause or
                    # an apposition that names nobody
                    chunk = _antecedent(masked, s, comma, chunk, why)
    if not chunk:
        return None
    words = [text[a:b] for a, b in chunk]
    head = _norm(words[-1])
    if head in _DETERMINERS or words[-1].lower().endswith(("'s", "’s")):
        return None  # "the alleged attack", "North Korea's reported deployment"
    if verb in _DATA_VERBS and not _THAT_NEXT.match(masked, ve, e) and not _CLAUSE_NEXT.match(
        masked, ve, e
    ) and all(_norm(w) not in _lexicons()[1] for w in words):
        # "Police found 28 bodies"; but "Figures from the ONS show", "X found
        # that", "X found the risk was ..."
        return None
    if verb in _NOUN_LIKE and not inverted and not _VERB_NEXT.match(masked, ve, e) and not (
        verb in _OBJECT_VERBS and _has_object(masked, ve, e, words)
    ):
        return None  # "U.S. estimates place ...": a noun followed by its verb
    if verb in _TO_PASSIVE and not inverted and _TO_NEXT.match(masked, ve, e):
        # "North Korea believed to be supplying": a reduced agentless passive
        return Attribution("vague", vs, ve + 3, vs, ve, s, _cover_end(masked, ve, e),
                           text[vs : ve + 3])
    if verb in _NOUN_LIKE and (
        head in _DETERMINERS
        or (words[-1][0].islower() and head not in _lexicons()[0] and head not in _lexicons()[2])
    ):
        return None
    if head == "it" and verb in _INFERENCE_VERBS:
        return None  # "It suggests that ...": the author's inference, not a source
    kind = _classify(words, chunk[0][0] == s)
    if kind is None:
        return None
    if inverted:
        return Attribution(kind, vs, chunk[-1][1], vs, ve, s, vs, text[vs : chunk[-1][1]])
    src_s = chunk[0][0]
    if _rest_is_short(masked, ve, e):
        cover = (s, src_s)  # "..., the ministry said."
    else:
        cover = (ve, _cover_end(masked, ve, e))
    return Attribution(kind, src_s, ve, vs, ve, cover[0], cover[1], text[src_s:ve])


# a contrast that opens a clause the frame does not report: "The ministry
# confirmed 12 deaths, but the real toll is closer to 200." (not when the same
# subject reports again: "..., but added that ..."; not "while"/"whereas",
# which mostly go on with the same report: "12 died, while 40 were injured")
_CONTRAST = re.compile(
    r"[,;]\s*(?:but|although|though|yet|however)(?:\s*,)?\s+([a-z]+)"
)


# a clause that starts with a pronoun mostly goes on with the reported speech
_CONTRAST_GOES_ON = frozenset({
    "he", "she", "they", "it", "we", "i", "you",
})


def _cover_end(masked: str, pos: int, e: int) -> int:
    """Where a frame's cover ends: ``e``, or the first contrast clause after ``pos``."""
    m = _CONTRAST.search(masked, pos, e)
    while m is not None:
        nxt = m.group(1)
        if nxt in _SKIP or nxt in _CONTRAST_GOES_ON or nxt in _verb_forms()[0] or nxt in _ING_SET:
            # "..., but added that", "..., though noting", "..., but they will"
            m = _CONTRAST.search(masked, m.end(1), e)
            continue
        return m.start()
    return e


def _chunk_after(masked: str, lo: int, e: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    lows: list[str] = []  # the words of out, lower-cased
    prev = lo
    for m in _WORD.finditer(masked, lo, e):
        a, b = m.span()
        if not _CLAUSE_PUNCT.isdisjoint(masked[prev:a]):
            break
        w = masked[a:b].lower()
        if w in _BOUNDARY_WORDS and not _is_acronym(masked, a, b) or w in _SKIP and out:
            break
        out.append((a, b))
        lows.append(w)
        prev = b
        if len(out) >= 10:
            break
    while out and _norm(masked[out[-1][0] : out[-1][1]]) in (
        "on", "in", "at", "last", "this", "today", "yesterday", "the", "a",
    ):
        out.pop()
        lows.pop()
    # drop a trailing time phrase ("on Tuesday")
    for i in range(1, len(out)):
        if lows[i] in ("on", "in", "last", "this", "during"):
            out = out[:i]
            break
    # strip a trailing full stop kept by the word pattern ("Kirby.")
    if out:
        a, b = out[-1]
        while b > a + 1 and masked[b - 1] == ".":
            b -= 1
        if not (b - a <= 4 and "." in masked[a:b]):  # keep "U.S."
            out[-1] = (a, b)
    return out


_TRAIL = re.compile(
    r"""[\s,]*(?:(?:on|in|at|last|this|during|late|early)\s+[\w.,\s]{0,30}?)?[\s.!?"'”’)\]]*$""",
    re.IGNORECASE,
)


def _rest_is_short(masked: str, pos: int, e: int) -> bool:
    """True when only punctuation or a short time phrase follows ``pos``."""
    return _TRAIL.match(masked, pos, e) is not None


# --------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------

# Capitalised month names only: "troops may 5" is not a date.
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|mn|m|k)\b)"
_SPELLED = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "thousand": 1000,
    "a thousand": 1000, "a dozen": 12, "dozen": 12,
}
_IMPRECISE = {
    "dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0,
    "tens of thousands": 20000.0, "hundreds of thousands": 200000.0,
    "millions": 2e6, "tens of millions": 2e7, "hundreds of millions": 2e8, "billions": 2e9,
}
# where a figure can start: r"[$€£¥]?\d+", written to start with one character
# class (the regex engine then skips to candidates in C); a digit inside a run
# never starts a figure (the one before it is alphanumeric), so one match per run
_NUMBER_START = re.compile(r"[$€£¥\d](?:(?<=[$€£¥])\d)?(?<=\d)\d*")
_NUMBER_START_ANY = _NUMBER_START
_NUMBER_START_ASCII = re.compile(r"[$0-9](?:(?<=\$)[0-9])?(?<=[0-9])[0-9]*")
_FIGURE = re.compile(
    r"(?P<money>[$€£¥]\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?)"
    rf"(?P<scale>{_SCALE})?"
    r"(?P<plus>\+)?"
    r"(?P<pct>\s?(?:%|percent\b|per\s+cent\b))?",
    re.IGNORECASE,
)
_IMPRECISE_FIRST = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "billions",
                              "tens"})
_NUMBER_WORDS = frozenset(w for w in set(_SPELLED) | _IMPRECISE_FIRST if " " not in w)
_HEDGE_BEFORE = re.compile(
    r"(?:\bup\s+to|\bas\s+(?:many|much|high|few|little)\s+as|\bapproximately|\bapprox\.|"
    r"\baround|\babout|\broughly|\bnearly|\balmost|\bsome|\bmore\s+than|\bover|"
    r"\bat\s+least|\bat\s+most|\bfewer\s+than|\bless\s+than|\bunder|\bclose\s+to|"
    r"\ban\s+estimated|\bestimated|\bupwards\s+of|\bin\s+excess\s+of|\bperhaps|\bpossibly|"
    r"\bpotentially|\breportedly)\s+(?:of\s+)?(?:[$€£¥]\s?)?$",
    re.IGNORECASE,
)
# the last word of every hedged quantifier (a cheap test before _HEDGE_BEFORE)
_HEDGE_LAST = frozenset(
    """to as approximately approx. around about roughly nearly almost some than over least
    most under estimated of perhaps possibly potentially reportedly""".split()
)
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$")
# the same read backwards from the number (see _LABEL_BEFORE_REVERSED)
_MONTH_NAMES = (
    "Jan", "January", "Feb", "February", "Mar", "March", "Apr", "April", "May", "Jun", "June",
    "Jul", "July", "Aug", "August", "Sep", "Sept", "Sepember", "September", "Oct", "October",
    "Nov", "November", "Dec", "December",
)
_DATE_BEFORE_REVERSED = re.compile(
    r"\s*\.?(?:" + "|".join(w[::-1] for w in sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b"
)
_MONTH_AFTER = re.compile(rf"\s*(?:{_MONTHS})\b")
# words that make the number after them a label ("No. 5", "flight 370", "aged
# 45"), matched (any case) as whole words ending the text before the number,
# with only spaces after them
_LABELS = (
    "no.", "nos.", "number", "page", "p.", "pp.", "chapter", "article", "section", "resolution",
    "flight", "route", "room", "vol.", "volume", "episode", "season", "part", "phase", "stage",
    "level", "grade", "version", "model", "platform", "age", "aged", "circa", "term", "channel",
    "highway", "interstate", "building", "gate", "street", "avenue", "paragraph", "clause",
    "item", "size", "ages", "wave", "call", "dial", "turned", "turning", "junction",
)
# the same read backwards from the number: a pattern anchored at the number
# does not try every start position of the text before it, as
# r"(?:\bno\.|...|#)\s*$" would; \b is the same test read either way
_HEDGE_PHRASES = (
    "up to", "as many as", "as much as", "as high as", "as few as", "as little as",
    "approximately", "approx.", "around", "about", "roughly", "nearly", "almost", "some",
    "more than", "over", "at least", "at most", "fewer than", "less than", "under", "close to",
    "an estimated", "estimated", "upwards of", "in excess of", "perhaps", "possibly",
    "potentially", "reportedly",
)
# _HEDGE_BEFORE read backwards from the figure: a hedge is the last thing
# before it, so its leftmost match is the longest of those ending there ("an
# estimated" before "estimated"); \n? for $ before a final newline
_HEDGE_BEFORE_REVERSED = re.compile(
    r"\n?(?:\s?[$€£¥])?(?:\s+fo)?\s+(?:"
    + "|".join(
        r"\s+".join(re.escape(w[::-1]) for w in reversed(ph.split()))
        for ph in sorted(_HEDGE_PHRASES, key=len, reverse=True)
    )
    + r")\b",
    re.IGNORECASE,
)
_LABEL_BEFORE_REVERSED = re.compile(
    r"\s*(?:#|(?:"
    + "|".join(re.escape(w[::-1]) for w in sorted(_LABELS, key=len, reverse=True))
    + r")\b)",
    re.IGNORECASE,
)
_DATE_OR_LABEL_BEFORE_REVERSED = re.compile(
    _DATE_BEFORE_REVERSED.pattern + "|(?i:" + _LABEL_BEFORE_REVERSED.pattern + ")"
)
_TIME_AFTER = re.compile(
    r"^(?:\s*(?:-|–)?\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|"
    r"months?|years?|yrs?|decades?|centuries|century|a\.m\.|p\.m\.|am|pm|gmt|utc|bst|"
    r"o'clock|°|degrees?\s+(?:celsius|fahrenheit|c|f)\b)(?![\w-])"
    r"|\s*(?:-|–)\s*(?:year|month|day|week|hour|minute)|°|:\d|[-/.]\d{1,2}[-/.]\d)",
    re.IGNORECASE,
)
# how the words of _TIME_AFTER begin (any case), to skip the pattern where the
# text after spaces starts otherwise (in ASCII: outside it case folding is
# left to the pattern) and not with - : / .
_TIME_STARTS = frozenset(
    {"se", "mi", "ho", "hr", "da", "ni", "we", "mo", "ye", "yr", "de", "ce", "a.", "p.", "am",
     "pm", "gm", "ut", "bs", "o'"}
)
_YEARISH = re.compile(r"^(?:1[6-9]|20)\d\d$")
_HEAD_WORD = re.compile(r"\s*(?:[-–]\s*)?([A-Za-z][\w’'-]*)")
_UNITS = frozenset(
    """km kms kilometers kilometres kilometer kilometre miles mile metres meters
    metre meter m cm mm feet foot ft inches inch yards kg kilograms kilogram
    tonnes tons ton pounds lbs lb grams g litres liters barrels gallons acres
    hectares square sq kmh mph knots degrees percent per cent points mw gw kw
    kwh megawatts gigawatts calories bytes gb mb tb dollars euros pounds yen
    rubles roubles won yuan rupees cents usd eur gbp""".split()
)
_TIME_UNITS = frozenset(
    """second seconds minute minutes hour hours day days night nights week weeks
    month months year years decade decades century centuries""".split()
)
_NOUN_STOP = frozenset(
    """of in to and or from at on for with by who which that as were are have had was
    is will would could may might this its his her their than per each a an the""".split()
)
_FILLERS = frozenset(
    """more other additional new further extra of the its their his her our
    around about""".split()
)
_CASUALTY = re.compile(
    r"(?:\s+(?:were|was|are|is|have\s+been|had\s+been|has\s+been|being|reportedly|"
    r"allegedly|already))*\s*(?:killed|dead|died|wounded|injured|killed-in-action|casualties|"
    r"lost|deaths|captured)\b",
    re.IGNORECASE,
)
_SYNONYMS = {
    "troop": "troops", "soldier": "troops", "force": "troops", "personnel": "troops",
    "serviceman": "troops", "servicemen": "troops", "service member": "troops",
    "fighter": "troops", "combatant": "troops", "men": "troops", "recruit": "troops",
    "mercenary": "troops", "worker": "workers", "labourer": "workers", "laborer": "workers",
    "death": "casualties", "casualty": "casualties", "fatality": "casualties",
    "people": "people", "person": "people", "civilian": "civilians",
    "missile": "missiles", "rocket": "missiles", "shell": "shells", "round": "shells",
    "drone": "drones", "tank": "tanks", "vehicle": "vehicles", "officer": "officers",
    "general": "generals", "container": "containers", "refugee": "refugees",
}
_IRREGULAR = {"men": "men", "people": "people", "personnel": "personnel", "children": "child",
              "women": "woman", "servicemen": "servicemen", "police": "police",
              "series": "series", "species": "species", "news": "news"}


_NOT_PLURAL = frozenset(
    """this its his hers ours yours theirs us was has is does thus plus versus less
    unless perhaps across always besides towards afterwards sometimes nevertheless
    news series species as whereas""".split()
)


@lru_cache(maxsize=4096)  # pure, and called for every word near a figure or verb
def _is_plural(word: str) -> bool:
    w = word.lower().replace("’", "'")
    if w in _IRREGULAR:
        return True
    if w in _NOT_PLURAL or len(w) < 3 or not w.endswith("s"):
        return False
    return not w.endswith(("ss", "us", "is", "ous", "'s"))


@lru_cache(maxsize=4096)  # pure, and called for every word near a figure or verb
def _lemma(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if not _is_plural(w):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    return w[:-1]


@fast_frozen_init
@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric claim in a text.

    ``attribution`` is ``"attributed"``, ``"vague"`` or ``"unattributed"``;
    ``source`` the attribution's words (or None); ``hedge`` the hedged
    quantifier before the figure ("up to") or "imprecise" for "thousands of";
    ``group`` the key of the thing counted ("troops|north korean") or None
    when the figure is not a count of things.
    """

    start: int
    end: int
    text: str
    value: float
    kind: str  # "count" | "percent" | "money" | "measure" | "imprecise" | "multiplier"
    noun: str | None
    group: str | None
    hedge: str | None
    attribution: str
    source: str | None
    sentence: int
    #: where the figure starts with its hedged quantifier ("up to 12,000")
    hedge_start: int


def _parse_number(num: str, scale: str | None) -> float:
    v = float(num.replace(",", ""))
    if scale:
        sc = scale.strip().lower()
        v *= {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
              "bn": 1e9, "trillion": 1e12}.get(sc, 1.0)
    return v


def _head_noun(text: str, pos: int, limit: int) -> tuple[str | None, str, int]:
    """Head noun after a number, the capitalised/nationality words before it,
    and the end offset of the noun phrase."""
    demonyms = _lexicons()[3]
    qual: list[str] = []
    cur = pos
    for _ in range(5):
        m = _HEAD_WORD.match(text, cur, limit)
        if not m:
            break
        w = m.group(1)
        lw = w.lower()
        if lw in _NOUN_STOP:
            break
        n = _norm(w)
        if w[0].isupper() and not lw.endswith("s") or n in demonyms:
            qual.append(n)
            cur = m.end()
            continue
        if lw in _FILLERS:
            cur = m.end()
            continue
        if _is_plural(w):  # a plural noun
            return lw, " ".join(q for q in qual if q not in ("special", "elite")), m.end()
        if w[0].isupper():
            qual.append(n)
            cur = m.end()
            continue
        cur = m.end()  # an adjective or a singular modifier ("combat", "special")
    return None, "", cur


class _SentenceFrames:
    """The attribution frames of sentence ``i`` of a scan, worked out when
    asked for. A class, not a closure: compiled, a closure and its
    environment refer to each other, and the cycle kept each text's scan
    alive until the garbage collector's next pass."""

    __slots__ = ("scan", "sentences")

    def __init__(self, scan: _Scan, sentences: list[tuple[int, int]]) -> None:
        self.scan = scan
        self.sentences = sentences

    def __call__(self, i: int) -> tuple[Attribution, ...]:
        s, e = self.sentences[i]
        return self.scan.frames(s, e)


def find_figures(
    text: str,
    *,
    sentences: list[tuple[int, int]] | None = None,
    attributions: list[list[Attribution]] | None = None,
    quotes: list[tuple[int, int]] | None = None,
    paragraphs: list[tuple[int, int]] | None = None,
) -> list[Figure]:
    """Every numeric claim in ``text`` with its attribution (see module doc)."""
    if sentences is None:
        sentences = sentence_spans(text)
    frames: Callable[[int], Sequence[Attribution]]
    if attributions is None:
        # only the sentences with figures (and some before them) are needed
        frames = _SentenceFrames(_state(text), sentences)
    else:
        frames = attributions.__getitem__
    para_starts = [a for a, _ in paragraphs] if paragraphs else None
    qstarts: list[int] | None = None
    out: list[Figure] = []
    st = _state(text)
    for si in _sentences_with_candidates(text, sentences):
        s, e = sentences[si]
        cands = _candidates(st, s, e)
        if not cands or _count_words(text, s, e) < 4:
            continue  # no figure, or page furniture: "16 Comments", "22 January, 2025"
        prev_end = -10
        for cand in cands:
            if cand[1] < prev_end:
                continue  # inside the previous figure ("nine in ten voters")
            fig = _figure(text, cand, s, e, prev_end)
            if fig is None:
                continue
            fs, fe, value, kind, noun, qual, hedge, hs = fig
            prev_end = fe
            if qstarts is None:
                qs = quote_spans(text) if quotes is None else quotes
                qstarts = [a for a, _ in qs]
            attribution, source = _attribute(
                fs, si, sentences, frames, qs, qstarts, text, para_starts
            )
            group = None
            if kind == "count" and noun is not None and not _total_before(text, max(s, fs - 30), fs):
                lem = _lemma(noun)
                base = _SYNONYMS.get(lem, lem)
                if base == "troops" and _CASUALTY.match(text, fe, e):
                    base = "casualties"
                group = f"{base}|{qual}"
            out.append(
                Figure(fs, fe, text[fs:fe], value, kind, noun, group, hedge, attribution,
                       source, si, hs)
            )
    _merge_unqualified(out)
    return out


_OF_AFTER = re.compile(r"\s+of" + _NOT_WORD_AFTER)
# a sentence that gives the price of a ticket (advertised prices are not claims)
_PRICE_SUBJECT = re.compile(
    r"(?:season\s+|day\s+|a\s+)?(?:tickets?|entry|admission)(?:\s+(?:for|to)\s+[^.,;:!?]{1,40}?)?"
    r"\s+(?:costs?|are|is|start\s+at|start\s+from|sell\s+for|are\s+priced\s+at|will\s+cost)"
    r"(?![a-z])",
    re.IGNORECASE,
)
_MORE_AFTER = re.compile(r"\s+more" + _NOT_WORD_AFTER)
_OF_BIG_OF_AFTER = re.compile(r"\s+of\s+(thousands|millions)\s+of" + _NOT_WORD_AFTER)
_A_BEFORE = re.compile(r"(?<![a-z])a\s+$")
# fractions, in the lowered text: "a third of", "two-thirds of", "by a quarter.",
# "half of", "half its"/"half the", "half a million" (not "the first half",
# "an hour and a half", "half-time", "a third term")
_FRACTION_WORDS = ("half", "third", "quarter", "fifth")
_FRACTION_NUM = {"a": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0}
_FRACTION_DEN = {
    "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
    "fifth": 20.0, "fifths": 20.0,
}
_FRACTION = re.compile(
    r"(?<![a-z'-])(?:"
    r"(?<=by\s)(?P<num2>a|one)\s(?P<den2>third|quarter|fifth)(?![a-z-])"
    r"|(?P<num>a|one|two|three|four)[-\s](?P<den>thirds?|quarters?|fifths?)"
    r"(?=\s+of(?![a-z])|\s*[.,;!?]|\s*$)"
    r"|(?<=by\s)half(?![a-z-])"  # "down by half"
    r"|(?<!first\s)(?<!second\s)(?<!other\s)(?<!the\s)(?<!a\s)(?<!and\s)"
    r"half(?=\s+(?:of|the|its|their|his|her|our|all|a\s+(?:million|billion|dozen))(?![a-z]))"
    r")"
)
def _fraction_share(m: re.Match[str]) -> float:
    """The share in % of a _FRACTION match."""
    if m.group("den2"):
        return _FRACTION_NUM[m.group("num2")] * _FRACTION_DEN[m.group("den2")]
    if m.group("den"):
        return _FRACTION_NUM[m.group("num")] * _FRACTION_DEN[m.group("den")]
    return 50.0


_FRACTION_CORE = re.compile(r"half|thirds?|quarters?|fifths?")
_FRACTION_NUM_BEFORE = re.compile(r"(?<![a-z])(a|one|two|three|four)[-\s]$")
# after a spelled number: a percentage or a ratio ("Eighty per cent", "nine out of ten")
_SPELLED_SHARE_AFTER = re.compile(
    r"\s*(?P<pct>per\s*cent|percent)(?![a-z])"
    r"|\s+(?:out\s+)?(?:of|in)\s+(?P<den>ten|five|four|three|a\s+hundred|100|10)(?![a-z0-9])",
    re.IGNORECASE,
)
_FRACTION_SCALE_AFTER = re.compile(r"\s+a\s+(million|billion|dozen)(?![a-z])", re.IGNORECASE)
_SHARE_DEN = {"ten": 10, "five": 5, "four": 4, "three": 3, "a hundred": 100, "100": 100, "10": 10}
# numbers that name or locate rather than count (see _figure): "Boeing 737",
# "42 Carlton Road", "won 118-109", "a 2-0 win", "the 450-seat parliament",
# "the 400m final", "the 2024 Olympics"
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])([a-z]*[A-Z][A-Za-z]*)\s$")
_NOT_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "i", "the",
    "a", "in", "on", "at", "by", "of", "and", "but", "or", "so", "he", "she", "it", "we",
    "they", "some", "about", "around", "over", "nearly",
})
_AFTER_NAME_VERBS = frozenset({
    "goes", "has", "is", "was", "does", "comes", "gets", "runs", "uses", "makes", "takes",
    "includes", "features", "offers", "costs",
})
_ADDRESS_AFTER = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Drive|Way|Close|Place|"
    r"Square|Terrace|Crescent|Boulevard|Gardens|Row|Court|Hill|Grove|Parade)\b"
)
_SCORE_AFTER = re.compile(r"[-–]\d{1,3}(?![\d,.%])(?:\s+(?P<res>win|victory|defeat|draw|lead|loss)\b)?")
_RESULT_BEFORE = re.compile(
    r"\b(?:won|lost|beat|beaten|drew|defeated|trailed|led|leads|winning|losing|score|scored)"
    r"\s+(?:[\w'’.]+\s+){0,3}$",
    re.IGNORECASE,
)
_FIXED_SIZE_AFTER = re.compile(
    r"[-–](?:seat|member|strong)\s+(?:[a-z]+\s+)?(?:parliament|assembly|chamber|council|senate|"
    r"house|legislature|board|committee|congress|cabinet|squad|orchestra|choir)\b",
    re.IGNORECASE,
)
_EVENT_AFTER = re.compile(
    r"\s+(?:final|finals|race|heat|heats|hurdles|freestyle|relay|sprint|semi-final|semifinal|"
    r"backstroke|breaststroke|butterfly|medley|title|world\s+record|record|event)\b",
    re.IGNORECASE,
)


def _number_words(text: str) -> tuple[tuple[Hit, ...], tuple[int, ...]]:
    """The trigger words that can start a spelled figure, and their starts."""
    return _state(text).spelled()


def _sentences_with_candidates(text: str, sentences: Sequence[tuple[int, int]]) -> Iterable[int]:
    """Indices of the sentences that may hold a figure candidate (all of them
    when the sentences are not in order and apart)."""
    st = _state(text)
    numbers = st.number_starts()
    wstarts = st.spelled()[1]
    fracs = st.fractions()
    extras = st.extras()
    if not numbers and not wstarts and not fracs and not extras:
        return ()
    prev = 0
    for a, b in sentences:
        if a < prev or b < a:
            return range(len(sentences))
        prev = b
    starts = [a for a, _ in sentences]
    found: set[int] = set()
    for pos in (*numbers, *wstarts, *(f[0] for f in fracs), *(x[0] for x in extras)):
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < sentences[i][1]:
            found.add(i)
    return sorted(found)


def _candidates(scan: _Scan, s: int, e: int) -> list[tuple[str, int, int, object]]:
    """Figure candidates of one sentence, in text order: ("num", start, end,
    match), ("sp", start, end, value) and ("imp", start, end, phrase)."""
    out: list[tuple[str, int, int, object]] = []
    text = scan.text
    low = scan.low
    numbers = scan.number_starts()
    words, wstarts = scan.spelled()
    n_lo, n_hi = bisect.bisect_left(numbers, s), bisect.bisect_left(numbers, e)
    w_lo = w_hi = 0
    if wstarts:
        w_lo, w_hi = bisect.bisect_left(wstarts, s), bisect.bisect_left(wstarts, e)
    all_fracs = scan.fractions()
    fracs: Sequence[tuple[int, int, float]] = ()
    if all_fracs:
        lo = bisect.bisect_left(all_fracs, (s,))
        fracs = all_fracs[lo : bisect.bisect_left(all_fracs, (e,), lo)]
    all_extras = scan.extras()
    extras: Sequence[tuple[int, int, float, str]] = ()
    if all_extras:
        lo = bisect.bisect_left(all_extras, (s,))
        extras = all_extras[lo : bisect.bisect_left(all_extras, (e,), lo)]
    if n_lo == n_hi and w_lo == w_hi and not fracs and not extras:
        return out
    pos = s
    for k in range(n_lo, n_hi):
        if numbers[k] < pos:
            continue  # inside the previous figure ("1,500,000")
        m = _FIGURE.match(text, numbers[k], e)
        if m is None:  # pragma: no cover - the pattern always matches a digit
            continue
        pos = m.end()
        ns = m.start("num")
        if ns > 0 and (text[ns - 1].isalnum() or text[ns - 1] in "-–/:.,_"):
            continue  # COVID-19, F-16, G7, 2024-11-05, 3,000-5,000
        out.append(("num", m.start(), m.end(), m))
    for fs_, fe_, share in fracs:
        out.append(("frac", fs_, fe_, share))
    for xs_, xe_, val, kx in extras:
        out.append((kx, xs_, xe_, val))
    if fracs or extras:
        out.sort(key=lambda c: c[1])
    if w_lo == w_hi:
        return out  # in text order
    consumed = -1
    for st, en, w in words[w_lo:w_hi]:
        if st < consumed or any(a <= st < b for a, b, _ in fracs):
            continue  # inside "tens of thousands of", "two thirds of"
        if w in _IMPRECISE_FIRST:
            m2 = None
            if w in ("tens", "hundreds"):
                m2 = _OF_BIG_OF_AFTER.match(low, en, e)
            if m2 is None and w != "tens":
                m2 = _OF_AFTER.match(low, en, e)
                if m2 is None and w != "scores":  # "Hundreds more", not "scores more"
                    m2 = _MORE_AFTER.match(low, en, e)
            if m2 is not None:
                phrase = " ".join(low[st : m2.end()].split()[:-1])
                out.append(("imp", st, m2.end(), phrase))
                consumed = m2.end()
        elif w in _SPELLED:
            if w in ("hundred", "thousand", "dozen"):
                a = _A_BEFORE.search(low, max(s, st - 4), st)
                if a:
                    out.append(("sp", a.start(), en, float(_SPELLED[w])))
            else:
                out.append(("sp", st, en, float(_SPELLED[w])))
    out.sort(key=lambda c: c[1])
    return out


def _figure(
    text: str, cand: tuple[str, int, int, object], s: int, e: int, prev_end: int
) -> tuple[int, int, float, str, str | None, str, str | None, int] | None:
    kind_c, fs, fe, payload = cand
    hedge = None
    hs = fs
    lo = max(s, fs - 20)
    j = text.rfind(" ", lo, fs - 1)
    if text[j + 1 if j >= 0 else lo : fs].strip(" $€£¥").lower() in _HEDGE_LAST:
        lo = max(s, fs - 40)
        window = text[lo:fs]
        hm = _HEDGE_BEFORE_REVERSED.match(window[::-1])
        if hm:
            # _HEDGE_BEFORE.search(window) starts where this match ends
            hedge = " ".join(window[len(window) - hm.end() :].split()).rstrip(" $€£¥")
            # where the figure starts with its hedge: the same search in the
            # text rather than in a slice of it, which differs only in \b at
            # the start
            if lo == 0 or not (text[lo - 1].isalnum() or text[lo - 1] == "_"):
                hs = fs - hm.end()
            else:
                hm2 = _HEDGE_BEFORE.search(text, lo, fs)
                if hm2:
                    hs = hm2.start()
    if kind_c == "imp":
        phrase = str(payload)
        noun, qual, ne = _head_noun(text, fe, e)
        return fs, ne if noun else fe, _IMPRECISE.get(phrase, 0.0), "imprecise", noun, qual, (
            hedge or "imprecise"
        ), hs
    if kind_c == "mult":  # "tripled", "fivefold", "twice as many"
        return fs, fe, float(payload), "multiplier", None, "", hedge, hs  # type: ignore[arg-type]
    if kind_c == "frac":
        share = float(payload)  # type: ignore[arg-type]
        ext = _FRACTION_SCALE_AFTER.match(text, fe, e)
        if ext:  # "half a million people"
            value = 0.5 * {"million": 1e6, "billion": 1e9, "dozen": 12.0}[ext.group(1).lower()]
            noun, qual, ne = _head_noun(text, ext.end(), e)
            return fs, ne if noun else ext.end(), value, "count", noun, qual, hedge, hs
        following = [w.lower() for w in _WORD.findall(text, fe, min(e, fe + 24))[:3]]
        if not _TIME_UNITS.isdisjoint(following) or "time" in following:
            return None  # "half the time", "a quarter of a century"
        return fs, fe, share, "percent", None, "", hedge, hs
    if kind_c == "sp":
        share_m = _SPELLED_SHARE_AFTER.match(text, fe, e)
        if share_m:  # "Eighty per cent", "nine out of ten"
            val = float(payload)  # type: ignore[arg-type]
            if share_m.group("den"):
                den = _SHARE_DEN[" ".join(share_m.group("den").lower().split())]
                if val > den:
                    return None
                val = 100.0 * val / den
            return fs, share_m.end(), val, "percent", None, "", hedge, hs
        prev_word = re.search(r"(\w+)\W*$", text[max(s, fs - 20) : fs])
        if prev_word and prev_word.group(1).lower() in (
            "the", "these", "those", "their", "its", "his", "her", "our", "all", "both",
            "your", "my", "every", "each", "of", "one", "only"
        ):
            return None
        noun, qual, ne = _head_noun(text, fe, e)
        if noun is None or noun in _TIME_UNITS or noun in _UNITS:
            return None
        return fs, ne, float(payload), "count", noun, qual, hedge, hs  # type: ignore[arg-type]
    m = payload
    assert isinstance(m, re.Match)
    money, num, scale, _plus, pct = m.groups()
    if num is None:
        return None
    ns = m.start(2)
    if ns <= prev_end + 3 and "(" in text[prev_end:ns]:
        return None  # "50 kilometers (30 miles)": a conversion
    after = text[fe : min(e, fe + 24)]
    if fe < len(text) and (text[fe].isalpha() and not scale) and not pct:
        return None  # 5th, 1950s, 4K
    if scale and not money and not pct and scale.strip().lower() == "m" and \
            _EVENT_AFTER.match(text, fe, e):
        return None  # "the 400m final": metres in an event name
    two = after.lstrip()[:2]
    if two and (
        (not two.isascii() or two[0] in "-:/." or two.lower() in _TIME_STARTS)
        and _TIME_AFTER.match(after)
        or two[0] in "JFMASOND" and _MONTH_AFTER.match(after)
    ):
        return None  # times, durations, ages, dates ("10 a.m.", "3 years", "19 Oct")
    pre = text[max(s, ns - 24) : ns]
    plain = not (money or pct or scale or hedge is not None)
    if plain and _DATE_OR_LABEL_BEFORE_REVERSED.match(pre[::-1]):
        return None  # "October 8", "No. 5", "aged 45"
    if plain and _YEARISH.match(num):
        nxt = _HEAD_WORD.match(text, fe, e)
        if not nxt or not _is_plural(nxt.group(1)) or nxt.group(1)[0].isupper():
            return None  # a year ("in 2024", "the 2024 Olympics")
    if plain and _not_a_count(text, s, e, ns, fe, num, pre):
        return None
    value = _parse_number(num, scale)
    if money:
        if value < 1000 and not scale and _PRICE_SUBJECT.match(text, s, e):
            return None  # an advertised price: "Tickets cost £15 for adults"
        return fs, fe, value, "money", None, "", hedge, hs
    if pct:
        return fs, fe, value, "percent", None, "", hedge, hs
    noun, qual, ne = _head_noun(text, fe, e)
    if noun is not None:
        if noun in _TIME_UNITS:
            return None
        if noun in ("dollars", "euros", "pounds", "yen", "rubles", "roubles", "yuan"):
            return fs, ne, value, "money", noun, "", hedge, hs
        if noun in _UNITS:
            return fs, ne, value, "measure", noun, "", hedge, hs
        return fs, ne, value, "count", noun, qual, hedge, hs
    nxt = _HEAD_WORD.match(text, fe, e)
    if nxt and nxt.group(1).lower() in _UNITS:
        return fs, nxt.end(), value, "measure", nxt.group(1).lower(), "", hedge, hs
    if hedge is None and value < 10 and "." not in num:
        return None  # a bare small number is rarely a claim ("1 of 3")
    if hedge is None and value < 130 and text[max(s, fs - 2) : fs].strip() == "," and \
            text[fe : fe + 1] == ",":
        return None  # an age: "The prime minister, 45, said"
    return fs, fe, value, "count", None, "", hedge, hs


def _not_a_count(text: str, s: int, e: int, ns: int, fe: int, num: str, pre: str) -> bool:
    """Whether a plain number (no money, percent, scale or hedge) names or
    locates something rather than counting: a model or product number after a
    name ("Boeing 737 landed", "Windows 11 update"; not "told Reuters 30
    people"), a house number ("42 Carlton Road"), a finished score ("won
    118-109", "a 2-0 win") or the fixed size of a body ("the 450-seat
    parliament")."""
    nxt_char = text[fe : fe + 1]
    if nxt_char in ("-", "–"):  # (the patterns below start so)
        sc = _SCORE_AFTER.match(text, fe, e)
        if sc and (sc.group("res") or _RESULT_BEFORE.search(pre)):
            return True
        return _FIXED_SIZE_AFTER.match(text, fe, e) is not None
    if nxt_char != " ":
        return False  # "Alameda County 83, San Mateo County 66": counts in a list
    if text[fe + 1 : fe + 2].isupper() and _ADDRESS_AFTER.match(text, fe, e):
        return True
    if "," in num or "." in num or len(num) > 4 or pre[-1:] != " ":
        return False
    nm = _NAME_BEFORE.search(pre)
    if nm is None or nm.group(1).lower() in _NOT_NAMES:
        return False
    w = nm.group(1)
    if w[0].isupper() and w[1:].islower() and not text[s : ns - len(w) - 1].strip():
        return False  # the first word of the sentence: "Police 40" is not a name
    nxt = _HEAD_WORD.match(text, fe, e)
    if nxt is not None:
        nw = nxt.group(1)
        if nw.lower() not in _AFTER_NAME_VERBS and _is_plural(nw):
            return False  # "told Reuters 30 people"
    return True


def _attribute(
    pos: int,
    si: int,
    sentences: list[tuple[int, int]],
    frames_at: Callable[[int], Sequence[Attribution]],
    quotes: list[tuple[int, int]],
    qstarts: list[int],
    text: str,
    para_starts: list[int] | None,
) -> tuple[str, str | None]:
    i = bisect.bisect_right(qstarts, pos) - 1
    if i >= 0 and quotes[i][0] <= pos < quotes[i][1]:
        return "attributed", "a direct quote"
    kind, source, best = _attribute_here(pos, si, sentences, frames_at, text, para_starts)
    if kind == "attributed" or si == 0:
        return kind, source
    # a definite reference back to the previous sentence's source ("The
    # report forecasts ...", "They show ...", "According to the same
    # statement, ...") takes that source
    s, e = sentences[si]
    ref = _BACK_REFERENCE.match(text, s, e)
    if ref is None:
        return kind, source
    if best is not None:
        if best.start != s:
            return kind, source  # the sentence's own source is someone else
    else:
        if frames_at(si):
            return kind, source
        verb = _VERB_AFTER_REFERENCE.match(text, ref.end(), e)
        if verb is None or verb.group(1).lower() not in _verb_forms()[0] | _BACK_VERBS:
            return kind, source  # "It cost £48 million": no report
    ps, pe = sentences[si - 1]
    if para_starts is not None and bisect.bisect_right(para_starts, ps) != bisect.bisect_right(
        para_starts, s
    ):
        return kind, source
    prev = _previous_source(text, ps, pe, frames_at(si - 1))
    if prev is None:
        return kind, source
    return ("attributed" if prev[0] == "named" else "vague"), prev[1]


# the subject at the start of a sentence that refers back to the previous
# one's source: a pronoun, or a definite determiner and a document noun
_BACK_NOUNS = (
    "report|reports|study|studies|survey|surveys|poll|polls|data|statistics|figures?|"
    "estimates?|statements?|analysis|assessment|findings|census|research|records|"
    "calculations|projections|document|documents|note|notes|outlook|release|review|audit|"
    "paper|bulletin|update|forecasts?|numbers|results|accounts|index|letter|filing|briefing"
)
_BACK_REFERENCE = re.compile(
    r"(?:according\s+to\s+)?(?:it|they|he|she|(?:the\s+same|the|this|that|these|those|its|their)"
    r"\s+(?:[a-z]+\s+)??(?:" + _BACK_NOUNS + r"))(?![\w'’-])",
    re.IGNORECASE,
)
_VERB_AFTER_REFERENCE = re.compile(
    r"(?:\s+(?:also|now|further|again|still|previously|had|has|have|had|would|will))*\s+([a-z]+)"
)
# verbs that report only after a document subject ("The note projects ...")
_BACK_VERBS = frozenset({"projects", "records", "lists", "counts", "predicts", "puts"})


def _previous_source(
    text: str, ps: int, pe: int, frames: Sequence[Attribution]
) -> tuple[str, str] | None:
    """The source of the previous sentence [ps, pe): its last named frame, or
    else its subject when that names a person or body ("Police Scotland
    released ...", "Economists at Nordbank published ..."); None when it has
    neither (a vague subject gives ("vague", source))."""
    named = [f for f in frames if f.kind == "named"]
    if named:
        return "named", named[-1].source
    vague, _nouns, institutions, demonyms = _lexicons()
    words: list[str] = []
    good = 0  # the words up to the last one that can end a subject
    prev_end = ps
    single = _verb_forms()[0]
    for m in _WORD.finditer(text, ps, pe):
        if not _CLAUSE_PUNCT.isdisjoint(text[prev_end : m.start()]):
            break
        w = m.group(0)
        n = _norm(w)
        if n in _COMMON and n not in _SUBJECT_LINKS or n in _BOUNDARY_WORDS or n in _PRONOUNS:
            break  # "As the US ...", "What ...", "We ...": not a named subject
        if w[0].isupper() or n in institutions or n in vague or n in demonyms:
            words.append(w)
            good = len(words)
        elif n in _SUBJECT_LINKS or not (
            n in _COMMON or n in _SKIP or n in single or n.endswith("ed")
        ):
            words.append(w)  # "of", "at"; a modifier ("the national statistics agency")
        else:
            break  # the verb ("released", "spoke")
        prev_end = m.end()
        if len(words) >= 8:
            break
    del words[good:]
    kind = _classify(words, True)
    if kind is None:
        return None
    return kind, " ".join(words)


_SUBJECT_LINKS = frozenset({"the", "a", "an", "of", "at", "for", "from"})
_PRONOUNS = frozenset({"he", "she", "i", "we", "you", "it", "they", "what", "how", "why"})


def _attribute_here(
    pos: int,
    si: int,
    sentences: list[tuple[int, int]],
    frames_at: Callable[[int], Sequence[Attribution]],
    text: str,
    para_starts: list[int] | None,
) -> tuple[str, str | None, Attribution | None]:
    """The attribution of a figure at ``pos`` from its own sentence (or a
    pronoun continuing the previous one's frame), and the frame it comes from."""
    frames = frames_at(si)
    covering = [f for f in frames if f.cover_start <= pos < f.cover_end]
    if covering:
        best = max(covering, key=lambda f: (f.verb_start <= pos, f.verb_start))
        return ("attributed" if best.kind == "named" else "vague"), best.source, best
    if frames:
        # not a frame whose cover stops at a contrast before the figure, nor
        # one whose source phrase holds the figure after its start ("The
        # airline, which flies to 40 countries, said ...": the 40 is the
        # author's; but "Two members said ..." stays the members')
        before = [f for f in frames if not f.verb_end <= f.cover_end <= pos
                  and not f.start < pos < f.start + len(f.source)]
        if not before:
            return "unattributed", None, None
        named = [f for f in before if f.kind == "named"]
        best = named[0] if named else before[0]
        return ("attributed" if best.kind == "named" else "vague"), best.source, best
    if si > 0:
        s, e = sentences[si]
        ps = sentences[si - 1][0]
        same_para = True
        if para_starts is not None:
            same_para = bisect.bisect_right(para_starts, ps) == bisect.bisect_right(
                para_starts, s)
        if same_para and _CONTINUES.match(text, s, e) and frames_at(si - 1):
            prev = frames_at(si - 1)
            named = [f for f in prev if f.kind == "named"]
            best = named[-1] if named else prev[-1]
            return ("attributed" if best.kind == "named" else "vague"), best.source, None
    return "unattributed", None, None


# "a standing army of 1.2 million troops": a total, not the figure in dispute
_TOTAL_BEFORE = re.compile(
    r"\b(?:army|military|armed\s+forces|population|workforce|strength|total|force)\s+of\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
def _total_before(text: str, lo: int, hi: int) -> bool:
    """_TOTAL_BEFORE.search(text, lo, hi), skipped when the text there has no
    "of" (any case; outside ASCII the pattern decides)."""
    window = text[lo:hi]
    if window.isascii() and "of" not in window.lower():
        return False
    return _TOTAL_BEFORE.search(text, lo, hi) is not None


_CONTINUES = re.compile(
    r"(?:he|she|they|it|this|that|these|those|the\s+(?:figure|number|estimate|report|"
    r"ministry|agency|official|spokesman|spokeswoman|spokesperson)|according|also|"
    r"in\s+addition|additionally|moreover)\b",
    re.IGNORECASE,
)


def _merge_unqualified(figs: list[Figure]) -> None:
    """Give figures with no nationality the article's main one for that noun."""
    by_noun: dict[str, dict[str, int]] = {}
    for f in figs:
        if f.group is None:
            continue
        noun, qual = f.group.split("|", 1)
        if qual:
            by_noun.setdefault(noun, {}).setdefault(qual, 0)
            by_noun[noun][qual] += 1
    for i, f in enumerate(figs):
        if f.group is None:
            continue
        noun, qual = f.group.split("|", 1)
        if not qual and noun in by_noun:
            quals = by_noun[noun]
            main = max(quals, key=lambda q: quals[q])  # ties: first seen
            figs[i] = Figure(f.start, f.end, f.text, f.value, f.kind, f.noun, f"{noun}|{main}",
                             f.hedge, f.attribution, f.source, f.sentence, f.hedge_start)


def _conflicts(figs: list[Figure]) -> list[list[Figure]]:
    groups: dict[str, list[Figure]] = {}
    for f in figs:
        if f.group is not None and f.kind == "count" and f.value > 0:
            groups.setdefault(f.group, []).append(f)
    out = []
    for members in groups.values():
        if all(f.attribution == "attributed" for f in members):
            continue  # differing figures from named sources: reporting, not confusion
        vs = sorted({f.value for f in members})
        if any(_MIN_RATIO <= b / a <= _MAX_RATIO for i, a in enumerate(vs) for b in vs[i + 1 :]):
            out.append(members)
    return out


#: two figures of one group conflict when the larger is 2 to 20 times the
#: smaller; further apart they are usually different quantities (a daily and a
#: cumulative count, a unit and a whole army)
_MIN_RATIO = 2.0
_MAX_RATIO = 20.0


def _short(source: str, limit: int = 60) -> str:
    """The last ``limit`` characters of a source phrase, cut at a word."""
    source = " ".join(source.split())
    if len(source) <= limit:
        return source
    cut = source[-limit:]
    return "…" + cut[cut.find(" ") + 1 :]


def _body_evidence(body: str, start: int, end: int, reason: str) -> Evidence:
    """``evidence(doc, "body", start, end, reason)`` for ``body = body_text(doc)``."""
    n = len(body)
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    return Evidence("body", start, end, body[start:end], reason)


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"


_VALUES = (
    "figures",
    "unattributed_share",
    "vague_share",
    "attributed_share",
    "hedged_figure_share",
    "conflicting_groups",
    "figures_per_100_words",
)


@register(
    "unattributed_figures",
    version="3",
    values=_VALUES,
    description="Numeric claims with no source or only a vague one, and figures that disagree.",
)
def unattributed_figures(doc: Document, *, lang: str = "en", max_evidence: int = 30) -> Measurement:
    """Numeric claims with no source or only a vague one, and figures that disagree."""
    body = body_text(doc)
    sentences = sentence_spans(body)
    words = len(body.split())
    if not sentences:
        return Measurement(None, {k: None for k in _VALUES} | {"figures": 0.0})
    # the hedging signal reads every trigger word of the body (one scan,
    # shared through _state): done first, the scan also serves this signal's
    # number words and reporting verbs, which it would otherwise look up on
    # their own (_Scan.letter_hits), in the whole text and sentence by sentence
    _state(body).whole()
    figs = find_figures(body, sentences=sentences, paragraphs=doc.paragraph_spans())
    n = len(figs)
    if n == 0:
        return Measurement(
            None,
            {"figures": 0.0, "conflicting_groups": 0.0, "figures_per_100_words": 0.0},
            notes=("no figures in the body",),
        )
    n_un = sum(f.attribution == "unattributed" for f in figs)
    n_vague = sum(f.attribution == "vague" for f in figs)
    n_att = n - n_un - n_vague
    n_hedged = sum(f.hedge is not None for f in figs)
    conflicts = _conflicts(figs)
    weak = (0.5 * n_un + 1.0 * n_vague) / n
    base = weak * (1.0 - math.exp(-n / 3.0))
    c = 1.0 - math.exp(-0.8 * len(conflicts))
    score = 1.0 - (1.0 - base) * (1.0 - 0.8 * c)
    values = {
        "figures": float(n),
        "unattributed_share": n_un / n,
        "vague_share": n_vague / n,
        "attributed_share": n_att / n,
        "hedged_figure_share": n_hedged / n,
        "conflicting_groups": float(len(conflicts)),
        "figures_per_100_words": 100.0 * n / words if words else None,
    }
    ev: list[Evidence] = []
    for grp in conflicts:
        noun = grp[0].group.split("|", 1)[0] if grp[0].group else "figures"
        for f in grp:
            others = sorted({g.value for g in grp if g.value != f.value})
            listed = ", ".join(_fmt(v) for v in others[:-1])
            listed = f"{listed} and {_fmt(others[-1])}" if listed else _fmt(others[-1])
            ev.append(_body_evidence(
                body, f.hedge_start, f.end,
                f"{noun} given as {_fmt(f.value)} here but {listed} elsewhere",
            ))
    weak_figs = sorted(
        (f for f in figs if f.attribution != "attributed"),
        key=lambda f: (f.attribution != "vague", f.hedge is None, f.start),
    )
    for f in weak_figs[: max(0, max_evidence - len(ev))]:
        shown = body[f.hedge_start : f.end]
        if f.hedge == "imprecise":
            shown = f.text
        if f.attribution == "vague":
            reason = f'figure "{shown}" attributed only to vague "{_short(f.source or "")}"'
        else:
            reason = f'figure "{shown}" has no source'
        ev.append(_body_evidence(body, f.hedge_start, f.end, reason))
    ev.sort(key=lambda x: x.start)
    return Measurement(score, values, ev, low_confidence=n < 3)
