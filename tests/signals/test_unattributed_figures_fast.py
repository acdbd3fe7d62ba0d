"""The fast paths of the unattributed_figures signal equal the simple code they
replace (fixture texts written for these tests; the references are the first
versions of the patterns and functions, kept here)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsvet.segment import sentence_spans
from newsvet.signals import unattributed_figures as uf

# ------------------------------------------------------------------ references

_LABEL_BEFORE = re.compile(
    r"(?:\bno\.|\bnos\.|\bnumber|\bpage|\bp\.|\bpp\.|\bchapter|\barticle|\bsection|"
    r"\bresolution|\bflight|\broute|\broom|\bvol\.|\bvolume|\bepisode|\bseason|\bpart|"
    r"\bphase|\bstage|\blevel|\bgrade|\bversion|\bmodel|\bplatform|#|\baged?|\bcirca|"
    r"\bterm|\bchannel|\bhighway|\binterstate|\bbuilding|\bgate|\bstreet|\bavenue|"
    r"\bparagraph|\bclause|\bitem|\bsize|\bages?|\bwave|\bcall|\bdial|\bturned|\bturning|"
    r"\bjunction)\s*$",
    re.IGNORECASE,
)


def _words_before_reference(masked: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], str]:
    lo = max(lo, hi - 120)
    spans = [m.span() for m in uf._WORD.finditer(masked, lo, hi)]
    j = len(spans) - 1
    cur_end = hi
    while j >= 0:
        a, b = spans[j]
        if not uf._CLAUSE_PUNCT.isdisjoint(masked[b:cur_end]):
            return [], "punct"
        if masked[a:b].lower() not in uf._SKIP:
            break
        cur_end = a
        j -= 1
    out: list[tuple[int, int]] = []
    stop = "start"
    while j >= 0:
        a, b = spans[j]
        if not uf._CLAUSE_PUNCT.isdisjoint(masked[b:cur_end]):
            stop = "punct"
            break
        w = masked[a:b].lower()
        if w in uf._BOUNDARY_WORDS and not (b - a > 1 and masked[a:b].isupper()):  # "WHO"
            stop = w
            break
        out.append((a, b))
        cur_end = a
        j -= 1
        if len(out) >= 8:
            stop = "limit"
            break
    out.reverse()
    return out, stop


def _trigger_hits(text: str) -> list[tuple[int, int, str]]:
    """Every trigger word of ``text`` as the whole-text scan finds it."""
    low = uf._lowered(text)
    return [(m.start(), m.end(), m.group(1)) for m in uf._trigger_pattern().finditer(low)]


# ------------------------------------------------------------------ strategies

_PIECES = [
    # trigger words, number words, hedges and labels, in several cases
    "said", "Said", "SAID", "reported", "reportedly", "according", "to", "citing", "says",
    "believed", "is", "was", "by", "best-known", "couldn't", "well-known", "two", "Ten", "tens",
    "often", "seventeen", "seven", "dozens", "of", "thousands", "hundred", "a", "up", "as",
    "many", "an", "estimated", "some", "more", "than", "over", "No.", "aged", "age", "flight",
    "page", "#", "May", "June", "Sept", "October", "years", "a.m.", "pm", "days", "°", "12",
    "1,500", "2024", "$", "€", "%", "troops", "officials", "The", "ministry", "Reuters",
    # fractions and shares
    "half", "Half", "third", "thirds", "quarter", "quarters", "fifth", "behalf", "first", "one",
    "three", "two-thirds", "per cent", "out", "in", "ten", "million", "its", "the",
    # joints
    " ", " ", " ", "  ", "\n", "\n\n", ",", ".", ";", ":", "-", "–", "'", "’", "(", ")", "\"",
    "“", "”", "_", "/", "x", "é", "İ", "ſ", "\u00a0", "\t", "٣",
]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join) | st.text(max_size=80)
_SHORT = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)


# ----------------------------------------------------------------------- tests


@settings(max_examples=400, deadline=None)
@given(_SHORT)
def test_patterns_read_backwards_equal_the_originals(window: str) -> None:
    rev = window[::-1]
    assert bool(uf._LABEL_BEFORE_REVERSED.match(rev)) == bool(_LABEL_BEFORE.search(window))
    assert bool(uf._DATE_OR_LABEL_BEFORE_REVERSED.match(rev)) == bool(
        uf._DATE_BEFORE.search(window) or _LABEL_BEFORE.search(window)
    )
    m = uf._HEDGE_BEFORE.search(window)
    r = uf._HEDGE_BEFORE_REVERSED.match(rev)
    assert (m is None) == (r is None)
    if m is not None and r is not None:
        assert len(window) - r.end() == m.start()


@settings(max_examples=400, deadline=None)
@given(_SHORT)
def test_time_and_month_prefilters_never_skip_a_match(after: str) -> None:
    two = after.lstrip()[:2]
    if uf._TIME_AFTER.match(after):
        assert two and (not two.isascii() or two[0] in "-:/." or two.lower() in uf._TIME_STARTS)
    if uf._MONTH_AFTER.match(after):
        assert two[:1] in set("JFMASOND")


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_letter_scans_equal_the_trigger_scan(text: str) -> None:
    hits = _trigger_hits(text)
    scan = uf._Scan(text)
    numbers = [h for h in hits if h[2] in uf._NUMBER_WORDS]
    assert list(scan.spelled()[0]) == numbers
    single, multi = uf._verb_forms()
    verbs = set(single) | set(multi) | uf._PASSIVE_SET | uf._ING_SET | {"according"}
    for s, e in [(0, len(text)), *sentence_spans(text)]:
        want = [h for h in hits if s <= h[0] < e and h[2] in verbs]
        assert uf._Scan(text).verb_hits(s, e) == want


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.data())
def test_words_before_equals_the_reference(text: str, data: st.DataObject) -> None:
    hi = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, hi))
    assert uf._words_before(text, lo, hi) == _words_before_reference(text, lo, hi)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_lazy_frames_equal_the_full_pass(text: str) -> None:
    sentences = sentence_spans(text)
    uf._state.cache_clear()
    uf._attributions_cached.cache_clear()
    lazy = uf.find_figures(text, sentences=sentences)  # frames of some sentences only
    full = uf.find_attributions(text, sentences)  # all of them, after the whole-text scan
    uf._state.cache_clear()
    uf._attributions_cached.cache_clear()
    assert uf.find_figures(text, sentences=sentences, attributions=full) == lazy
    assert uf.find_attributions(text, sentences) == full  # per-sentence scan first this time


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_only_sentences_without_candidates_are_skipped(text: str) -> None:
    sentences = sentence_spans(text)
    scan = uf._Scan(text)
    with_cands = [i for i, (s, e) in enumerate(sentences) if uf._candidates(scan, s, e)]
    assert set(with_cands) <= set(uf._sentences_with_candidates(text, sentences))


def test_a_figure_after_a_sentence_in_a_long_run_of_letters() -> None:
    text = "Officials said 40 troops moved." + "x" * 300 + " Officials said 12 ships left."
    assert [f.attribution for f in uf.find_figures(text)] == ["vague", "vague"]


def _fractions_reference(text: str) -> list[tuple[int, int, float]]:
    """Every fraction of ``text`` as the plain pattern scan finds it."""
    low = uf._lowered(text)
    return [(m.start(), m.end(), uf._fraction_share(m)) for m in uf._FRACTION.finditer(low)]


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_fraction_scan_equals_the_plain_pattern(text: str) -> None:
    assert list(uf._Scan(text).fractions()) == _fractions_reference(text)


def test_fraction_scan_examples() -> None:
    text = ("By a third, half of them and two-thirds of the rest; behalf of one quarter of it"
            " and three-quarters of the others.")
    assert [text[a:b] for a, b, _ in uf._Scan(text).fractions()] == [
        "a third", "half", "two-thirds", "one quarter", "three-quarters",
    ]
    assert list(uf._Scan(text).fractions()) == _fractions_reference(text)
