"""segment's faster passes give exactly what the code they replaced gives.

The reference implementations below are segment.py as of HEAD ebdb0a0 (the
word pass with a [^\\W_] category class, the sentence loop slicing and
stripping every segment); texts are written for these tests or drawn by
hypothesis.
"""

from __future__ import annotations

import re
import sys
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from newsvet import segment

# --- references (HEAD ebdb0a0) -------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_WORD_BEFORE_DOT = re.compile(r"([\w.]+)\.$")
_FIRST_WORD = re.compile(r"\w+")


def _ref_trim(text: str, s: int, e: int) -> tuple[int, int]:
    seg = text[s:e]
    stripped = seg.strip()
    if not stripped:
        return e, e
    s += len(seg) - len(seg.lstrip())
    return s, s + len(stripped)


def _ref_sentences(text: str) -> list[tuple[int, int]]:
    if not text:
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for m in segment._BOUNDARY_FAST.finditer(text):
        ms, end = m.span()
        first = text[ms]
        if first == ".":
            w = _WORD_BEFORE_DOT.search(text[max(start, ms - 12) : ms + 1])
            word = w.group(1).lower() if w else ""
            if word in segment._ABBREV or (len(word) == 1 and word.isalpha()):
                nxt = text[end : end + 3].lstrip()
                nxt_word = _FIRST_WORD.match(text[end : end + 20].lstrip())
                starter = bool(nxt_word) and nxt_word.group(0).lower() in segment._STARTERS and nxt[:1].isupper()
                if word != "etc" and not starter:
                    continue
        s, e = _ref_trim(text, start, end if first != "\n" else ms)
        if e > s:
            spans.append((s, e))
        start = end
    s, e = _ref_trim(text, start, len(text))
    if e > s:
        spans.append((s, e))
    return spans


def _ref_words(text: str) -> tuple:
    pieces = _WORD_SPLIT.split(text)
    bounds = list(accumulate(map(len, pieces)))
    tokens = tuple(pieces[1::2])
    lowered = None
    if tokens and "Σ" not in text and len(text.lower()) == len(text):
        lowered = tuple(" ".join(tokens).lower().replace("’", "'").split(" "))
    elif not tokens:
        lowered = ()
    return tokens, tuple(bounds[0:-1:2]), tuple(bounds[1::2]), lowered


def _ref_word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


# --- texts ----------------------------------------------------------------

TEXTS = [
    "",
    " ",
    "\n\n  \n",
    "Dr. Smith met Mr. Jones at 5 p.m. The U.S. said no. Some experts agree. It is etc. Fine.",
    "  He said: “It’s over.”  She left!  \n\nNew para... Then? \"Yes.\" (Aside.) [Note.]",
    "ΟΔΟΣ ΣΑΣ. İstanbul, Zürich — naïve café… ‘long quoted phrase’ here.",
    "snake_case words_ and __init__, F-16s, COVID-19, 2024-11-05, No. 5, $1,500.50.",
    "Emoji 😀 and 𝐛𝐨𝐥𝐝 math letters 𝟏𝟐 and ᛗ runes. Done.",
    "a." * 50 + " end",
    ". . . ! ? … \n" * 10,
]
_punct = st.sampled_from(
    [".", "..", "...", "!", "?", "…", "\"", "'", "“", "”", "‘", "’", "«", "»", ")", "]", "(", "-", "_",
     " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", ",", ";", ":"]
)
_word = st.sampled_from(
    ["Dr", "dr", "U.S", "u.s", "e.g", "etc", "No", "no", "St", "a", "A", "I", "The", "the", "Some", "said",
     "it’s", "don't", "well-known", "3.5", "12,000", "İ", "Σ", "ΟΔΟΣ", "é", "K", "ſt", "𝐛", "😀", "x_y"]
)
_quoteish = st.lists(st.one_of(_punct, _word, st.text(max_size=3)), max_size=80).map("".join)
_texts = st.one_of(st.text(max_size=120), _quoteish)


def _check(text: str) -> None:
    w = segment.words.__wrapped__(text)
    assert (w.tokens, w.starts, w.ends, w.lowered) == _ref_words(text)
    assert all(type(f) is tuple for f in (w.tokens, w.starts, w.ends))
    assert segment.word_spans(text) == _ref_word_spans(text)
    assert segment._sentence_spans_cached.__wrapped__(text) == tuple(_ref_sentences(text))
    assert segment.sentence_spans(text) == _ref_sentences(text)


def test_written_texts() -> None:
    for text in TEXTS:
        _check(text)
        _check(text * 3)
    assert segment.words("Dr. Smith’s").lowered == ("dr", "smith's")


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_arbitrary_text(text: str) -> None:
    _check(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_texts, min_size=1, max_size=6).map("".join))
def test_punctuation_and_quote_heavy_text(text: str) -> None:
    _check(text)


def test_fast_word_class_is_alnum_everywhere() -> None:
    """the spelt-out class is [^\\W_] on every code point below U+10000, and
    str.lower lengthens only "İ" (what the word pass relies on)"""
    fast = re.compile(f"[{segment._ALNUM}]")
    exact = re.compile(r"[^\W_]")
    bmp = "".join(map(chr, range(0x10000)))
    assert fast.findall(bmp) == exact.findall(bmp)
    longer = [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1]
    assert longer == ["İ"]


def test_wide_texts_take_the_exact_pattern() -> None:
    """a text with a character above U+FFFF never reaches the fast pattern"""
    for text in ["😀", "a 😀 b", "x" * 100 + "\U00010000", "é\U0010ffff"]:
        assert sys.getsizeof(text) > segment._UCS2_BASE + 2 * (len(text) + 1)
    for text in ["", "a", "é", "’ab", "\uffff" * 50]:
        assert sys.getsizeof(text) <= segment._UCS2_BASE + 2 * (len(text) + 1)
    _check("not alnum 😀 emoji, alnum 𝐛𝐨𝐥𝐝 letters")
