"""Sentence and quote segmentation with offsets into the original text.

Every function returns ``(start, end)`` pairs indexing the string it was
given, never a cleaned copy, so evidence built from them points at the text a
person reads.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

__all__ = ["Words", "in_spans", "quote_spans", "sentence_spans", "word_spans", "words"]

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "st", "jr", "sr", "inc", "ltd", "co", "corp", "dept", "univ", "no", "vs", "etc", "approx", "est", "fig", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m"]
)

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets)
# before whitespace, or at a line break between paragraphs/lines.
# Capitalised words that start sentences far more often than they continue a
# name, so "... aimed at the U.S. Some experts ..." still splits.
_STARTERS = frozenset(
    ["a", "an", "the", "some", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "i", "you", "in", "on", "at", "but", "and", "or", "so", "yet", "however", "meanwhile", "still", "if", "when", "while", "after", "before", "as", "there", "here", "his", "her", "their", "our", "many", "most", "several", "no", "not", "one"]
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n+")
# the same matches, written to start with one character class: the regex
# engine then skips to candidates in C (about four times faster)
# A punctuation match starts only where a run of it starts (the look-behind)
# and never gives back part of the run (possessive): no match can start
# inside a run when none started at its beginning, and no shorter run can be
# followed by a closer or a space, so the matches are the same, in linear time
# on a long run of dots (it was quadratic: findings.md).
_BOUNDARY_FAST = re.compile(
    r"[.!?…\n](?:(?<=\n)\n*|(?<=[.!?…])(?<![.!?…][.!?…])[.!?…]*+[\"'”’)\]]*(?=\s))"
)
_SPAN = re.Match.span  # (start, end) of a match, as a C-level function
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


try:  # hand-written C for the word scan, where built and used (newsvet._compiled)
    from ._speedups import quote_spans as _c_quote_spans
    from ._speedups import sentence_spans as _c_sentence_spans
    from ._speedups import word_table as _c_word_table
except ImportError:
    _c_quote_spans = None
    _c_sentence_spans = None
    _c_word_table = None

_WORD_BEFORE_DOT = re.compile(r"([\w.]+)\.$")
_FIRST_WORD = re.compile(r"\w+")


@lru_cache(maxsize=256)
def _sentence_spans_cached(text: str) -> tuple[tuple[int, int], ...]:
    if _c_sentence_spans is not None:
        # the same scan in C (newsvet._speedups), which asks _dot_continues
        # about the full stops after an abbreviation or a single letter
        return _c_sentence_spans(text, _ABBREV, _dot_continues)
    return _sentence_spans_reference(text)


def _dot_continues(text: str, ms: int, end: int, start: int) -> bool:
    """Whether the full stop at ``ms`` (its boundary match ends at ``end``;
    the sentence started at ``start``) ends no sentence: "Dr. Smith",
    "U.S. officials", "No. 5" go on when the word before the dot is an
    abbreviation or a single letter and the next word starts in lower case
    or is a number."""
    # (pos/endpos read text[max(start, ms - 12) : ms + 1] unsliced)
    w = _WORD_BEFORE_DOT.search(text, max(start, ms - 12), ms + 1)
    word = w.group(1).lower() if w else ""
    if word in _ABBREV or (len(word) == 1 and word.isalpha()):
        nxt = text[end : end + 3].lstrip()
        nxt_word = _FIRST_WORD.match(text[end : end + 20].lstrip())
        starter = nxt_word is not None and nxt_word.group(0).lower() in _STARTERS and nxt[:1].isupper()
        if word != "etc" and not starter:
            return True
    return False


def _sentence_spans_reference(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`sentence_spans` in Python (``newsvet._speedups.sentence_spans``
    is tested against it)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for ms, end in map(_SPAN, _BOUNDARY_FAST.finditer(text)):
        first = text[ms]
        if first == "." and _dot_continues(text, ms, end, start):
            continue
        # _trim(text, start, e), with the usual cases (one space after the
        # previous boundary, nothing at the end) done without slicing
        s = start
        e = end if first != "\n" else ms
        if s < e and text[s].isspace():
            s += 1
        if s < e and (text[s].isspace() or text[e - 1].isspace()):
            s, e = _trim(text, s, e)
        if e > s:
            spans.append((s, e))
        start = end
    s, e = _trim(text, start, n)
    if e > s:
        spans.append((s, e))
    return tuple(spans)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; returns ``(start, end)`` offsets.

    Line breaks always end a sentence (headings, list items and comment lines
    are their own units). Leading and trailing whitespace is excluded.
    """
    if not text:
        return []
    return list(_sentence_spans_cached(text))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without leading and trailing whitespace (``str.isspace``)."""
    seg = text[s:e]
    stripped = seg.strip()
    if not stripped:
        return e, e
    s += len(seg) - len(seg.lstrip())
    return s, s + len(stripped)


# Straight double quotes pair up in order; curly quotes pair “ with ”.
_QUOTE = re.compile(r"“[^”\n]{1,2000}”|\"[^\"\n]{1,2000}\"|«[^»\n]{1,2000}»|‘[^’\n]{8,2000}’(?!\w)")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages, quote marks included."""
    return list(_quote_spans_cached(text))


@lru_cache(maxsize=64)
def _quote_spans_cached(text: str) -> tuple[tuple[int, int], ...]:
    if _c_quote_spans is not None:
        return _c_quote_spans(text)  # the same matches, in C (newsvet._speedups)
    return _quote_spans_reference(text)


def _quote_spans_reference(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``_QUOTE``'s matches (``newsvet._speedups.quote_spans`` is
    tested against this)."""
    return tuple(m.span() for m in _QUOTE.finditer(text))


def word_spans(text: str) -> list[tuple[int, int]]:
    bounds = list(accumulate(map(len, _word_split(text))))
    return list(zip(bounds[0:-1:2], bounds[1::2]))


_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
# The same words, found faster. [^\W_] is a character category that the regex
# engine works out per character (up to four Unicode table look-ups); spelt
# out as the ranges of str.isalnum characters below U+10000 (which is what it
# matches: checked for every code point in the tests) it compiles to a bitmap,
# one look-up. Possessive quantifiers give back nothing: nothing follows a
# word in the pattern, so giving back never helps a match and the matches are
# the same. Characters above U+FFFF are all put in the class (a bitmap covers
# only U+0000-U+FFFF), so this pattern is used only on texts that hold none:
# see _word_split.
_BMP = "".join(map(chr, range(0x10000)))
_ALNUM = "".join(
    r if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in re.findall(r"[^\W_]+", _BMP)  # none of \ ] ^ -
)
del _BMP
_WORD_SPLIT_FAST = re.compile(
    f"([{_ALNUM}\U00010000-\U0010ffff]++(?:['’.-][{_ALNUM}\U00010000-\U0010ffff]++)*+)"
)
_WORD_SPLIT_EXACT = re.compile(r"([^\W_]++(?:['’.-][^\W_]++)*+)")
# size of a str of 2-byte characters less its characters and terminator: a
# str whose size is at most this plus 2 per character (and terminator) holds
# no character above U+FFFF (CPython stores a str with 1, 2 or 4 bytes per
# character, the widest it needs); an O(1) test
_UCS2_BASE = sys.getsizeof("\u0100") - 4


def _word_split(text: str) -> list[str]:
    """``_WORD_SPLIT.split(text)``: texts alternating with words."""
    if type(text) is str and sys.getsizeof(text) <= _UCS2_BASE + 2 * (len(text) + 1):
        return _WORD_SPLIT_FAST.split(text)
    return _WORD_SPLIT_EXACT.split(text)


@dataclass(frozen=True, slots=True)
class Words:
    """The words of one text (:func:`word_spans`' pattern), found once.

    ``tokens`` are the words as written, ``starts``/``ends`` their offsets,
    ``lowered`` the words lower-cased with ’ read as ' (or None when the
    text lower-cases by context or changes length, e.g. "Σ", "İ"). Several
    signals read the same words: the regex pass that finds them costs more
    than anything done with them.
    """

    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lowered: tuple[str, ...] | None


@lru_cache(maxsize=8)
def words(text: str) -> Words:
    """The :class:`Words` of ``text`` (memoised for the last few texts)."""
    lowered: tuple[str, ...] | None
    if _c_word_table is not None:
        # the same scan in C (newsvet._speedups), which lower-cases the
        # words too (but for texts with Σ or İ)
        tokens, starts, ends, lowered = _c_word_table(text)
        if lowered is None:
            lowered = _lowered(text, tokens)
        return Words(tokens, starts, ends, lowered)
    return _words_reference(text)


def _words_reference(text: str) -> Words:
    """:func:`words` in Python (``newsvet._speedups.word_table`` is tested
    against it)."""
    # one C-level split: pieces alternate text between words and words, and
    # running lengths give every word's offsets
    pieces = _word_split(text)
    bounds = tuple(accumulate(map(len, pieces)))
    tokens = tuple(pieces[1::2])
    return Words(tokens, bounds[0:-1:2], bounds[1::2], _lowered(text, tokens))


def _lowered(text: str, tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """:attr:`Words.lowered` of the words ``tokens`` of ``text``."""
    # (str.lower changes a text's length only by "İ", the one character
    # that lower-cases to two: checked for every code point in the tests)
    if tokens and "Σ" not in text and "İ" not in text:
        # lower-casing is then per character, so each word lowers on its own
        # (words hold no spaces)
        return tuple(" ".join(tokens).lower().replace("’", "'").split(" "))
    if not tokens:
        return ()
    return None


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True when offset ``pos`` falls inside one of ``spans``."""
    return any(s <= pos < e for s, e in spans)
