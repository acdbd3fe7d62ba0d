"""newsvet._speedups (hand-written C) against the Python references it replaces.

Each C function must give exactly what its reference gives: on every code
point (alone and inside words), on random texts built from the characters
that matter to each rule, and, with ../shared, on real articles and pages.
The references are what runs where the C module is not built or not used
(NEWSVET_PURE_PYTHON=1); tests/test_compiled.py compares whole results too.
"""

from __future__ import annotations

import csv
import gzip
import random
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsvet import _compiled, segment
from newsvet.model import features
from newsvet.signals import readability, seo_filler
from newsvet.signals import unattributed_figures as uf

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"

if _compiled.pure_python_requested():
    pytest.skip("NEWSVET_PURE_PYTHON is set: the C module is not used", allow_module_level=True)
sp = pytest.importorskip("newsvet._speedups", reason="newsvet._speedups is not built")

# characters each rule treats specially, and some it must treat as any other
SPECIAL = list("aZz09_'’.-– \n\t\r,;!?…\"”)]Σİ") + [
    "é", "ß", "ǅ", "Ⅻ", "½", "٣", "𝟘", "\U0001f600", "\ud800", "\u200b", "\u00a0", "\u2028", "\0",
]  # fmt: skip


def _texts() -> st.SearchStrategy[str]:
    return st.lists(
        st.one_of(st.sampled_from(SPECIAL), st.text(max_size=3),
                  st.sampled_from(["said", "says", "reportedly", "Dr", "U.S", "well-known"])),
        max_size=30,
    ).map("".join)  # fmt: skip


def _real_texts() -> list[str]:
    """Some bodies and titles of ../shared's corpora and the seeds ([] without ../shared)."""
    if not (SHARED / "README.md").is_file():
        return []
    out = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    csv.field_size_limit(sys.maxsize)
    rec = SHARED / "corpora" / "recovery" / "recovery_train.csv"
    if rec.is_file():
        with open(rec, encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i % 5 == 0:
                    out += [row.get("body_text") or "", row.get("title") or ""]
                if len(out) >= 400:
                    break
    html_dir = SHARED / "extraction" / "article_extraction_benchmark" / "html"
    for p in sorted(html_dir.glob("*.html.gz"))[::4]:
        out.append(gzip.decompress(p.read_bytes()).decode("utf-8", "replace"))
    return out


REAL = _real_texts()


# ------------------------------------------------------------------ words
def _c_words(text: str) -> segment.Words:
    tokens, starts, ends, lowered = sp.word_table(text)
    if lowered is None:
        assert "Σ" in text or "İ" in text
        lowered = segment._lowered(text, tokens)
    return segment.Words(tokens, starts, ends, lowered)


def _check_words(text: str) -> None:
    got, want = _c_words(text), segment._words_reference(text)
    assert got == want, text
    # ASCII words lower-cased in C: the same objects' values, and str types
    assert all(type(t) is str for t in got.tokens + (got.lowered or ()))


def _code_point_texts(step: int = 2048):
    """Every code point, in texts of ``step`` of them: alone, after a letter,
    between ' and a letter, and before - and a letter (so each is read as a
    word character, a separator and a joiner's neighbour)."""
    for lo in range(0, 0x110000, step):
        chars = [chr(cp) for cp in range(lo, min(lo + step, 0x110000))]
        yield "".join(chars)
        yield " ".join(chars)
        yield " ".join("a" + c for c in chars)
        yield " ".join("a'" + c + "b" for c in chars)
        yield " ".join(c + "-x" for c in chars)


def test_word_table_every_code_point() -> None:
    for text in _code_point_texts():
        _check_words(text)


@settings(max_examples=3000, deadline=None)
@given(_texts())
def test_word_table_random(text: str) -> None:
    _check_words(text)
    _check_words(text.lower())
    _check_words(text.encode("ascii", "replace").decode())


def test_word_table_real_texts() -> None:
    if not REAL:
        pytest.skip("needs ../shared")
    for text in REAL:
        _check_words(text)


def test_word_table_is_what_segment_uses() -> None:
    text = "Dr. Smith's well-known U.S. remarks -- 3.5 and 12,000 ’quoted’"
    segment.words.cache_clear()
    assert segment.words(text) == segment._words_reference(text)
    assert segment._c_word_table is sp.word_table
    with pytest.raises(TypeError):
        sp.word_table(b"bytes")


# ------------------------------------------------------------------ type table
def _check_table(tokens: tuple[str, ...]) -> None:
    first, counts, order, prev = sp.type_table(tokens)
    want = readability._type_table_reference(tokens)
    assert list(first.items()) == list(want.first.items())
    for got, ref in ((counts, want.counts), (order, want.order), (prev, want.prev)):
        arr = np.frombuffer(got, dtype=np.int64)
        assert arr.dtype == ref.dtype and np.array_equal(arr, ref), tokens


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "the", "said", "A", "é", ""]), max_size=80))
def test_type_table_random(tokens: list[str]) -> None:
    _check_table(tuple(tokens))


def test_type_table_real_texts() -> None:
    texts = REAL or [
        " ".join(random.Random(i).choice(SPECIAL) for _ in range(300)) for i in range(30)
    ]
    for text in texts:
        lowered = segment._words_reference(text).lowered
        if lowered is not None:
            _check_table(lowered)
    assert readability._c_type_table is sp.type_table
    with pytest.raises(TypeError):
        sp.type_table(["a list"])


# ------------------------------------------------------------------ a-z runs
_RUN_WORDS = uf._trigger_run_words()
_SAMPLE = sorted(_RUN_WORDS)[::9] + ["couldn't", "well-known", "best-known"]


def _letters(low: str) -> bytes:
    return low.encode("ascii", "replace").translate(uf._LETTERS)


def _check_runs(low: str) -> None:
    assert sp.az_runs(low) == seo_filler._az_words_reference(low), low
    runs, _joined = uf._trigger_lookup()
    assert sp.az_run_hits(low, _RUN_WORDS) == uf._run_hits(low, _letters(low), runs), low


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_SAMPLE), st.sampled_from(SPECIAL)), max_size=20),
    st.sampled_from(["", " "]),
)
def test_az_runs_random(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    _check_runs(text)
    _check_runs(text.lower())


@pytest.mark.parametrize(
    "low",
    ["said", "said-so", "so-said", "said'", "'said", "said-", "-said", "a-said", "said-a",
     "said's", "x'said", "said--a", "a--said", "said -a", "1-said", "said-1", "said-é",
     "é-said", "saidsaid", "said said", "says-said-says", "said-\U0001f600", "q-said-q"],
)  # fmt: skip
def test_az_run_edges(low: str) -> None:
    """The look-arounds at both ends of the text and of a word."""
    for text in (low, low + " ", " " + low, low.upper(), "”" + low):
        _check_runs(text)


def test_az_runs_every_code_point() -> None:
    for text in _code_point_texts():
        _check_runs(text)
        _check_runs(text.replace(" ", "said"))


def test_az_runs_real_texts() -> None:
    if not REAL:
        pytest.skip("needs ../shared")
    for text in REAL:
        _check_runs(text.lower())
    assert seo_filler._c_az_runs is sp.az_runs
    assert uf._c_az_run_hits is sp.az_run_hits
    with pytest.raises(TypeError):
        sp.az_run_hits("text", ["not a dict"])


# ------------------------------------------------------------------ textstat counts
def _check_counts(text: str) -> None:
    marked = readability._ts_marked(text)
    if not marked.isascii():  # the C counts take ASCII marked texts only
        with pytest.raises(ValueError):
            sp.textstat_counts(marked, text, {})
        return
    seen = readability._SYLLABLES_SEEN
    n_words, syllables, missing, matches, short = sp.textstat_counts(marked, text, seen)
    syllables += sum(map(readability._syllables, missing))
    got = (n_words, syllables, max(1, matches - short) if text else 0)
    assert got == readability._flesch_counts_reference(text, marked), text


_TS_CHARS = list("aZ09_'’.!?…- \n\t,;\0\x1c\x1f") + [
    "é", "said", "The", "U.S.", "Dr.", "“", "”", "ǅ", "\u00a0", "\u2028", "isn't", "it's",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TS_CHARS), max_size=40).map("".join))
def test_textstat_counts_random(text: str) -> None:
    _check_counts(text)


def test_textstat_counts_every_ascii_character() -> None:
    # (a marked text is ASCII only when the text's other characters are
    # punctuation that _ts_marked turns to NUL)
    chars = [chr(c) for c in range(128)] + list(readability._TS_COMMON_PUNCT)
    for ch in chars:
        for text in (ch, "a" + ch + "b c. d", "A. " + ch + " b", ch * 3 + " x y z! " + ch):
            _check_counts(text)
    _check_counts(" ".join(chars))
    _check_counts("".join(chars))
    # where a sentence starts hangs on \b, and so on what is a word character
    for text in (
        "a b c. _ b c. d e f.",
        "x. _ b.",
        "__ a. b",
        "a._ b",
        "1 2. _",
        "’ a b. ’c d",
        "é b. c",
    ):
        _check_counts(text)


def test_textstat_counts_real_texts() -> None:
    if not REAL:
        pytest.skip("needs ../shared")
    for text in REAL:
        _check_counts(text)
    assert readability._c_textstat_counts is sp.textstat_counts
    with pytest.raises(ValueError):
        sp.textstat_counts("ab", "abc", {})


# ------------------------------------------------------------------ sentences
def _check_sentences(text: str) -> None:
    got = sp.sentence_spans(text, segment._ABBREV, segment._dot_continues)
    assert got == segment._sentence_spans_reference(text), text


_SENT_PARTS = list("aZ. .!?…\"'”’)]\n \t\u00a0\u2028\u3000x1_") + [
    "Dr", "U.S", "u.s", "etc", "The", "the", "No", "İ", "é", "Mr", "approx", "ΣΑ", "5", "Some",
    "abcdefghijklmn", "e.g",
]  # fmt: skip


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(_SENT_PARTS), max_size=30).map("".join))
def test_sentence_spans_random(text: str) -> None:
    _check_sentences(text)


def test_sentence_spans_every_code_point() -> None:
    # each character after a full stop (white space or not), after ! as a
    # closer would be, in a word before a full stop, and as a whole text
    step = 4096
    for lo in range(0, 0x110000, step):
        chars = [chr(cp) for cp in range(lo, min(lo + step, 0x110000))]
        _check_sentences(" ".join("ab." + c + "b" for c in chars))
        _check_sentences(" ".join("ab!" + c + " b" for c in chars))
        _check_sentences("".join(chars))
        if lo < 0x3000 or lo % (16 * step) == 0:  # (outside ASCII the reference is asked: slow)
            _check_sentences(" ".join("Q" + c + ". x" for c in chars))


@pytest.mark.parametrize(
    "text",
    ["Dr. Smith came. He left.", "U.S. officials said so. The U.S. Some experts agree.",
     "No. 5 won. a. b. c.", "It is 5 p.m. Then etc. and more.", "Wait... what?! Yes.",
     "He said “go.” Then left.", "(Really.) Yes.", "End.\n\nNext para\nline", "  lead. trail.  ",
     "x.", ".", "", "...", "Mr.\nSmith", "approx. 5 km. Done", "ΑΒΓ. Δ. ε. ζ", "İ. x", "ab.cd. Ef.",
     "Sen. Doe said. Gov. Roe agreed.", "a" * 30 + ". b"],
)  # fmt: skip
def test_sentence_spans_cases(text: str) -> None:
    _check_sentences(text)


def test_sentence_spans_real_texts() -> None:
    if not REAL:
        pytest.skip("needs ../shared")
    for text in REAL:
        _check_sentences(text)
    assert segment._c_sentence_spans is sp.sentence_spans


# ------------------------------------------------------------------ wording tokens
def _check_token_marks(text: str, *, spans: bool = True) -> None:
    pieces, marked, kept, pairs = sp.token_marks(text)
    assert pieces == features._TOKEN_RUN.split(text), text
    if text.isascii():
        assert pieces == features._TOKEN_RUN_ASCII.split(text)
    want = features._marks_reference(text)
    assert (pieces, marked, kept, pairs) == want, text
    assert all(type(t) is str for t in marked)
    # the tokens lower-cased one by one but the gaps
    toks = pieces[1::2]
    assert [m for m in marked if m != features._GAP] == [
        t.lower() for t, m in zip(toks, marked) if m != features._GAP
    ]
    if spans:  # the tokens and gaps of the straightforward tokenizer
        got = features.TokenizedText(text).kept
        assert got == [t for t, _s, _e in features.token_spans(text)]


@settings(max_examples=3000, deadline=None)
@given(_texts())
def test_token_marks_random(text: str) -> None:
    _check_token_marks(text)
    _check_token_marks(text.encode("ascii", "replace").decode())


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["The", "the", "Berlin", "12", "٣x", "Ⅻv", "ǅe", "_a", "ab", "\n",
                                 " ", "  ", ". ", ".  ", "“", "‘", "(", "[", "—", "-", ",", ";\n ",
                                 "\u2028", "\u00a0", "x."]),
                max_size=30).map("".join))  # fmt: skip
def test_token_marks_gaps(text: str) -> None:
    # what decides a gap: the token's first character, and the (at most
    # three) characters before it: opening punctuation, white space, a line break
    _check_token_marks(text)


def test_token_marks_every_code_point() -> None:
    for text in _code_point_texts():
        _check_token_marks(text, spans=False)
        # each character before a capital and a digit
        _check_token_marks(" ".join(c + "Ab " + c + " Cd " + c + "9z" for c in text[::7]), spans=False)


def test_token_marks_real_texts() -> None:
    for text in REAL + TRICKY_TEXTS:
        _check_token_marks(text)
    assert features._c_token_marks is sp.token_marks
    with pytest.raises(TypeError):
        sp.token_marks(b"bytes")


# ------------------------------------------------------------------ hashed columns
def _check_columns(grams: list[str]) -> None:
    for n_features in (features.N_FEATURES, 1, 7, 1_000_003, 2**31):
        got = np.frombuffer(sp.hash_columns(grams, n_features), dtype=np.int64)
        want = features._hash_ngrams_reference(grams, n_features)
        assert got.dtype == want.dtype and np.array_equal(got, want), (grams, n_features)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=14)))
def test_hash_columns_random(grams: list[str]) -> None:
    # every length mod 4 (the hash's tail), one- to four-byte characters
    _check_columns(grams)


def test_hash_columns_known_values() -> None:
    # MurmurHash3_x86_32 of b"hello", seed 0 (the reference implementation's
    # value; mmh3 and scikit-learn agree): 613153351
    assert np.frombuffer(sp.hash_columns(["hello"], 2**31), dtype=np.int64)[0] == 613153351
    _check_columns(["", "a", "ab", "abc", "abcd", "abcde", "naïve café", "title:the council", "𝟘𝟙"])
    # the wording model's own n-grams
    grams = features.TokenizedText(" ".join(TRICKY_TEXTS)).grams
    _check_columns(grams)
    assert features._c_hash_columns is sp.hash_columns
    with pytest.raises(TypeError):
        sp.hash_columns(["ok", b"bytes"], 7)
    with pytest.raises(ValueError):
        sp.hash_columns(["ok"], 0)


TRICKY_TEXTS = [
    "Reports suggest up to 12,000 troops may have crossed, some say.",
    "ΟΔΟΣ said: İstanbul Zürich naïve café. “Quoted words” and ‘more’ here.",
    "Ⅻ ⅓ ½ ٣ ३ 𝟘 — digits of other scripts; ﬁ ligature; ǅ titlecase.",
    "قال المسؤولون إن 12000 جندي ربما عبروا الحدود.",
]


# ------------------------------------------------------------------ lower-casing, number starts
def _check_lower(text: str) -> None:
    from newsvet.signals import base

    low = sp.lower_plain(text)
    if low is None:
        assert any(ord(c) >= 128 and (c.isupper() or c.istitle()) for c in text), text
    else:
        assert low == text.lower() and len(low) == len(text), text
        assert sys.getsizeof(low) == sys.getsizeof(text.lower())  # the same (narrowest) kind
    assert base.lower_keeping_offsets(text) == base.lower_keeping_offsets_reference(text)


def test_lower_plain_every_code_point() -> None:
    for text in _code_point_texts():
        _check_lower(text)
        for ch in text[::97]:  # alone, among ASCII capitals, after a narrow character
            _check_lower("AbZ" + ch + "Q")
            _check_lower("é" + ch)


@settings(max_examples=2000, deadline=None)
@given(_texts())
def test_lower_plain_random(text: str) -> None:
    _check_lower(text)


def test_lower_plain_real_texts() -> None:
    from newsvet.signals import base

    for text in REAL + TRICKY_TEXTS:
        _check_lower(text)
    assert base._c_lower_plain is sp.lower_plain


def _check_number_starts(text: str) -> None:
    assert sp.number_starts(text) == uf._number_starts_reference(text), text
    assert sp.number_starts(text) == tuple(m.start() for m in uf._NUMBER_START.finditer(text))


def test_number_starts_every_code_point() -> None:
    for text in _code_point_texts():
        _check_number_starts(text)
        _check_number_starts(text.replace(" ", "$"))
        _check_number_starts(text.replace(" ", "5"))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(list("$€£¥12٣𝟘 a.,-") + ["12,000", "$ 5", "€9m"]), max_size=20))
def test_number_starts_random(parts: list[str]) -> None:
    _check_number_starts("".join(parts))


def test_number_starts_real_texts() -> None:
    for text in REAL + TRICKY_TEXTS:
        _check_number_starts(text)
    assert uf._c_number_starts is sp.number_starts


# ------------------------------------------------------------------ quotes
def _check_quotes(text: str) -> None:
    assert sp.quote_spans(text) == segment._quote_spans_reference(text), text[:300]


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.sampled_from(list('“”"«»‘’\n ab_1é') + ["x" * 7, "y" * 1995, "z" * 2001]),
        max_size=14,
    )
)
def test_quote_spans_random(parts: list[str]) -> None:
    # (the 2,000-character bound and the 8-character least of ‘…’ included)
    _check_quotes("".join(parts))


def test_quote_spans_every_code_point() -> None:
    step = 4096
    for lo in range(0, 0x110000, step):
        chars = [chr(cp) for cp in range(lo, min(lo + step, 0x110000))]
        # each character after a closing ’ (the look-ahead), inside quotes
        _check_quotes(" ".join("‘abcdefgh’" + c for c in chars))
        _check_quotes(" ".join("“" + c + "”" for c in chars))
        _check_quotes("".join(chars))


def test_quote_spans_real_texts() -> None:
    for text in REAL + TRICKY_TEXTS:
        _check_quotes(text)
    assert segment._c_quote_spans is sp.quote_spans


# ------------------------------------------------------------------ words per sentence
def _split_counts_reference(text: str, spans: list[tuple[int, int]]) -> tuple[list, list]:
    parts = [text[s:e].split() for s, e in spans]
    return list(map(len, parts)), [sum(1 for w in p if w[0].isalpha()) for p in parts]


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from(list("aÉ1_ \n\t\u00a0\u2028\u3000.,é") + ["word", "Ünter", "٣x"])).map(
        "".join
    ),
    st.lists(st.tuples(st.integers(-8, 60), st.integers(-8, 60)), max_size=6),
)
def test_split_counts_random(text: str, spans: list[tuple[int, int]]) -> None:
    assert sp.split_counts(text, spans) == _split_counts_reference(text, spans)


def test_split_counts_every_code_point() -> None:
    from newsvet.signals import hedging

    for text in _code_point_texts():
        spans = [(0, len(text)), (1, 50), (len(text) - 30, len(text))]
        assert sp.split_counts(text, spans) == _split_counts_reference(text, spans)
    for text in REAL + TRICKY_TEXTS:
        spans = segment.sentence_spans(text)
        assert sp.split_counts(text, spans) == _split_counts_reference(text, spans)
    assert hedging._c_split_counts is sp.split_counts
    with pytest.raises(TypeError):
        sp.split_counts("text", [(0, 1, 2)])


def test_az_run_hits_any_table() -> None:
    """The look-up filter built from the table: one-letter and long keys
    (looked up past 31 letters), keys that are no run of a-z."""
    # (each key maps to itself, as the trigger words do: the reference's
    # spans are as long as the value)
    table = {k: k for k in ("a", "x" * 40, "x" * 31, "y" * 32, "ab", "zz", "q-r", "É")}
    runs = {k.encode("utf-8"): v for k, v in table.items()}
    texts = [
        "a ab abc " + "x" * 40 + " " + "x" * 31 + " " + "x" * 32 + " zz q-r É é a-b",
        "b a. (ab) zza zz " + "x" * 39 + " " + "y" * 32 + " " + "y" * 31,
        "",
    ]
    for low in texts:
        got = sp.az_run_hits(low, table)
        assert got == uf._run_hits(low, _letters(low), runs), low
    assert [h[2] for h in sp.az_run_hits(texts[0], table)] == ["a", "ab", "x" * 40, "x" * 31, "zz"]


# ------------------------------------------------------------------ words of lines (ingest.text)
_LINE_WORDS = [
    ("getty", "shutterstock", "istock", "alamy", "photo", "image", "credit", "pictured", "/",
     "via ", "["),
    ("comment", "respons", "repl", "thought", "reaction", "discussion", "conversation", "saying"),
    ("ago", "yesterday", "today", "just now"),
    ("k", "i", "ik", "ki"),
    ("",),
    (),
    ("Upper",),  # lower() never gives a capital: never found
]  # fmt: skip


def _check_mentions(text: str) -> None:
    from newsvet.ingest import text as ingest_text

    for words in _LINE_WORDS:
        want = ingest_text._mentions_reference(text, words)
        assert sp.mentions(text, words) is want, (text, words)


def test_mentions_every_code_point() -> None:
    from newsvet.ingest import text as ingest_text

    reference = ingest_text._mentions_reference
    # each character inside a word ("v?a "), and between and after i and k
    # (İ and K, the two characters outside ASCII that lower-case to ASCII
    # letters, make "ki" and "ik")
    via, ik = ("via ",), ("ik", "ki", "kk")
    for cp in range(0x110000):
        ch = chr(cp)
        assert sp.mentions(f"v{ch}a ", via) is reference(f"v{ch}a ", via), hex(cp)
        assert sp.mentions(f"i{ch}k{ch}", ik) is reference(f"i{ch}k{ch}", ik), hex(cp)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["VIA ", "vİa ", "İ", "K", "photo", "PHOTO", "/", " ", "é", "x",
                                 "Ago", "ago", "just", " now", "\t", "ΣΣ", "repl"]),
                max_size=20).map("".join))  # fmt: skip
def test_mentions_random(text: str) -> None:
    _check_mentions(text)
    _check_mentions(text * 200)  # longer than the C function's buffer on the stack


def test_mentions_real_texts_and_use() -> None:
    from newsvet.ingest import text as ingest_text

    for text in REAL + TRICKY_TEXTS:
        _check_mentions(text)
        for line in text.splitlines()[:50]:
            _check_mentions(line)
    assert ingest_text._c_mentions is sp.mentions
    with pytest.raises(TypeError):
        sp.mentions("text", ["a list"])
    with pytest.raises(TypeError):
        sp.mentions("text", ("é",))  # words are ASCII
    with pytest.raises(TypeError):
        sp.mentions(b"bytes", ("a",))


# ------------------------------------------------------------------ language walk
def _walk_tables():  # type: ignore[no-untyped-def]
    from newsvet.ingest import detect

    ident = detect._identifier()
    return ident, (
        ident.tk_nextmove,
        np.asarray(ident._rowbase, dtype=np.int64),
        np.asarray(ident.tk_output, dtype=np.int64),
        len(ident.nb_ptc),
    )


def test_walk_counts_equal_the_python_walk() -> None:
    ident, tables = _walk_tables()
    rng = random.Random(4)
    texts = [t.encode("utf-8", "surrogatepass") for t in TRICKY_TEXTS + REAL[:200]]
    texts += [t[:500].encode("utf-8", "surrogatepass") for t in REAL]
    texts += [bytes(rng.randrange(256) for _ in range(rng.randint(0, 80))) for _ in range(3000)]
    texts += [b"", b" ", b"  two  spaces ", bytes(range(256)), b"the the the " * 400]
    for text in texts:
        found, times = sp.walk_counts(text, *tables)
        want = ident._visits(text)
        # the same counts, the features in the same order (the scores sum in it)
        assert np.frombuffer(found, dtype=np.int64).tolist() == list(want.keys()), text
        assert np.frombuffer(times, dtype=np.float32).tolist() == list(want.values()), text


def test_walk_counts_is_what_detect_uses() -> None:
    from newsvet.ingest import detect

    assert detect._c_walk_counts is sp.walk_counts
    ident, _tables = _walk_tables()
    text = b"The council voted on Tuesday to approve the harbour wall."
    found, times = ident._counts(text)
    want = ident._visits(text)
    assert found.tolist() == list(want.keys()) and times.tolist() == list(want.values())


def test_walk_counts_refuse_bad_tables() -> None:
    nextmove = np.array([1, 0] * 256, dtype=np.uint32)
    rowbase = np.array([0, 256], dtype=np.int64)
    output = np.array([-1, 7], dtype=np.int64)
    found, times = sp.walk_counts(b"abab", nextmove, rowbase, output, 8)
    assert np.frombuffer(found, dtype=np.int64).tolist() == [7]
    assert np.frombuffer(times, dtype=np.float32).tolist() == [2.0]
    with pytest.raises(ValueError):  # an output past n_features
        sp.walk_counts(b"ab", nextmove, rowbase, output, 7)
    with pytest.raises(ValueError):  # a row past the end of nextmove
        sp.walk_counts(b"ba", nextmove, np.array([0, 480], dtype=np.int64), output, 8)
    with pytest.raises(ValueError):  # a state past the end of rowbase
        sp.walk_counts(b"a", np.array([5] * 512, dtype=np.uint32), rowbase, output, 8)
    with pytest.raises(TypeError):
        sp.walk_counts(b"a", nextmove.astype(np.int64), rowbase, output, 8)
    with pytest.raises(TypeError):
        sp.walk_counts("str", nextmove, rowbase, output, 8)


# ------------------------------------------------------------------ n-gram columns
def _check_gram_columns(text: str) -> None:
    tt = features.TokenizedText(text)
    for n_features in (features.N_FEATURES, 1, 7, 2**31):
        got = np.frombuffer(
            sp.gram_columns(tt.marked, tt._kept, tt._pairs, n_features), dtype=np.int64
        )
        want = features._hash_ngrams_reference(tt.grams, n_features)
        assert np.array_equal(got, want), (text, n_features)
    assert np.array_equal(tt.columns(), features._hash_ngrams_reference(tt.grams, features.N_FEATURES))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["The", "the", "said", "Berlin", "12", "naïve", "café", "𝟘𝟙",
                                 ". ", ", ", "\n", " ", "“", "İstanbul", "ΣΟΦΙΑ", "x", "ab"]),
                max_size=40).map("".join))  # fmt: skip
def test_gram_columns_random(text: str) -> None:
    _check_gram_columns(text)


def test_gram_columns_real_texts_and_masks() -> None:
    for text in REAL + TRICKY_TEXTS + ["", "ab", "Ab cd", "ab Cd ef"]:
        _check_gram_columns(text)
    assert features._c_gram_columns is sp.gram_columns
    toks = ["ab", "cd", "éf"]
    both = np.frombuffer(sp.gram_columns(toks, None, None, 2**31), dtype=np.int64)
    want = features._hash_ngrams_reference(["ab", "cd", "éf", "ab cd", "cd éf"], 2**31)
    assert np.array_equal(both, want)
    some = np.frombuffer(sp.gram_columns(toks, b"\1\0\1", b"\0\1\1", 2**31), dtype=np.int64)
    assert np.array_equal(some, features._hash_ngrams_reference(["ab", "éf", "cd éf"], 2**31))
    # any byte but 0 keeps (as itertools.compress reads a mask)
    odd = np.frombuffer(sp.gram_columns(toks, b"\2\0\xff", b"\0\7\0", 2**31), dtype=np.int64)
    assert np.array_equal(odd, some)
    with pytest.raises(ValueError):  # a mask shorter than the tokens
        sp.gram_columns(toks, b"\1", None, 7)
    with pytest.raises(TypeError):
        sp.gram_columns(["ok", b"bytes"], None, None, 7)
    with pytest.raises(ValueError):
        sp.gram_columns(toks, None, None, 0)


def test_walk_in_python_for_tables_in_another_layout(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsvet.ingest import detect

    ident, _tables = _walk_tables()
    text = b"The council voted on Tuesday to approve the harbour wall."
    want = ident._visits(text)
    # a nextmove table that is no buffer of uint32: the C walk refuses it
    monkeypatch.setattr(ident, "tk_nextmove", ident.tk_nextmove.tolist())
    found, times = ident._counts(text)
    assert found.tolist() == list(want.keys()) and times.tolist() == list(want.values())
    assert detect.detect_language("The council voted on Tuesday. " * 3).language == "en"
