"""The fast paths of sourcing, seo_filler and clickbait against simple
reference implementations (the code they replaced, kept here).

Texts are assembled from short pieces written for these tests (cue words,
dates, quotes, case folds such as "İ", "K" and "ſ", blanks) so that the
rare branches are reached often."""

from __future__ import annotations

import math
import re
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsvet.signals import clickbait, seo_filler, sourcing
from newsvet.signals.base import lower_keeping_offsets

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _texts(pieces: list[str], max_size: int = 14) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(st.sampled_from(pieces), max_size=max_size).map("".join),
        st.text(max_size=60),
    )


# ------------------------------------------------------------- clickbait
TITLE_PIECES = [
    " ",
    "  ",
    "\t",
    "-",
    "'",
    "’",
    "‘",
    "“",
    "”",
    "—",
    "!",
    "?",
    ":",
    ",",
    "(",
    ")",
    "You",
    "you",
    "YOU",
    "Won't",
    "won’t",
    "Believe",
    "believe",
    "What",
    "what",
    "Happens",
    "happens",
    "When",
    "This",
    "this",
    "Is",
    "Why",
    "why",
    "Here's",
    "here’s",
    "Heres",
    "These",
    "these",
    "7",
    "17",
    "2024",
    "Jaw-Dropping",
    "jaw dropping",
    "jawdropping",
    "Stunning",
    "STUNNING",
    "amazing",
    "Amazing's",
    "Mind",
    "Blowing",
    "mind-blowing",
    "one-of-a-kind",
    "Of",
    "All",
    "Time",
    "time",
    "next",
    "Next",
    "and",
    "but",
    "the",
    "İ",
    "K",
    "ſ",
    "ı",
    "Ça",
    "é",
    "Σ",
    "council",
    "bridge",
    "Reasons",
    "reasons",
    "This Is Why ",
    "here's what ",
    "Why You ",
    "what happens next",
    "and this is the result",
    "These 9 ",
    "You Won’t Believe ",
    "Of All Time",
    "tHIS iS hOW",
]


def _reference_features(title: str) -> dict[str, float]:
    words = [m.group(0) for m in clickbait._WORD.finditer(title)]
    lower = [w.lower().translate(clickbait._APOS) for w in words]
    n = len(words)
    phrases = [m.span() for m in clickbait._PHRASES.finditer(title)]
    hyper = [m.span() for m in clickbait._HYPERBOLIC.finditer(title)]
    fwd = clickbait._FORWARD.search(title)
    all_caps = n > 0 and all(not w.isalpha() or w.isupper() for w in words)
    caps = 0 if all_caps else sum(1 for w in words if len(w) >= 3 and w.isalpha() and w.isupper())
    return {
        "words": float(n),
        "hyperbolic_words": float(len(hyper)),
        "bait_phrases": float(len(phrases)),
        "forward_reference": 1.0 if fwd else 0.0,
        "starts_with_number": 1.0 if clickbait._LEAD_NUMBER.match(title) else 0.0,
        "second_person": float(sum(1 for w in lower if w in clickbait._SECOND)),
        "question": 1.0 if "?" in title else 0.0,
        "exclamation": 1.0 if "!" in title else 0.0,
        "stopword_share": sum(1 for w in lower if w in clickbait._STOP) / n if n else 0.0,
        "caps_words": float(caps),
        "_spans": sorted(phrases + hyper + ([fwd.span()] if fwd else [])),  # type: ignore[dict-item]
    }


def _reference_ngrams(title: str) -> set[str]:
    number = re.compile(r"\d[\d,.]*")
    toks = [
        "0" if number.fullmatch(w) else w
        for w in (
            m.group(0).lower().translate(clickbait._APOS) for m in clickbait._WORD.finditer(title)
        )
    ]
    keys = {f"w:{t}" for t in toks}
    keys.update(f"w:{a} {b}" for a, b in pairwise(toks))
    for t in toks:
        p = f" {t} "
        for k in (3, 4, 5):
            keys.update("c:" + p[i : i + k] for i in range(len(p) - k + 1))
    return keys


@SETTINGS
@given(_texts(TITLE_PIECES))
def test_clickbait_features_match_the_full_regexes(title: str) -> None:
    ref = _reference_features(title)
    feats = clickbait.analyze_title(title)
    assert [(s, e) for s, e, _ in feats.spans] == ref.pop("_spans")
    assert feats.values == ref


@SETTINGS
@given(_texts(TITLE_PIECES))
def test_clickbait_logit_matches_the_ngram_sum(title: str) -> None:
    assert clickbait.title_ngrams(title) == _reference_ngrams(title)
    model = clickbait._model()
    hand = clickbait.analyze_title(title).values
    z = model.intercept + math.fsum(model.ngrams.get(k, 0.0) for k in _reference_ngrams(title))
    for name, m, s, c in zip(
        clickbait.HAND_FEATURES, model.hand_mean, model.hand_scale, model.hand_coef
    ):
        z += c * (hand[name] - m) / s
    assert model.logit(title, hand) == z


def test_clickbait_anchor_filter_keeps_a_hyphen_free_spelling() -> None:
    # "jaw-dropping" may be written without the hyphen: still found
    feats = clickbait.analyze_title("These Jawdropping Cakes")
    assert feats.values["hyperbolic_words"] == 1.0
    assert clickbait._plain("Here’s “why” — now") and not clickbait._plain("Kelvin \u212a")


# -------------------------------------------------------------- sourcing
SOURCE_PIECES = [
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    ".",
    ",",
    ":",
    ";",
    "(",
    ")",
    "[",
    "]",
    "/",
    "-",
    "_",
    '"',
    "“",
    "”",
    "’",
    "İ",
    "K",
    "ſ",
    "5",
    "12",
    "31",
    "1",
    "2",
    "0",
    "2024",
    "1999",
    "20",
    "19",
    "st",
    "th",
    "jan",
    "January",
    "may",
    "sept.",
    "dec",
    "Nov",
    "ago",
    "days",
    "hours",
    "mins",
    "said",
    "says",
    "Said",
    "according to",
    "According to",
    "the",
    "Mara Lind",
    "NASA",
    "The",
    "Officials",
    "emphasized",
    "via",
    "Via",
    "Reuters",
    "AP",
    "photo",
    "source",
    "sources",
    "Source",
    "courtesy of",
    "getty",
    "file",
    "originally",
    "published",
    "posted",
    "by",
    "By",
    "Reporting",
    "reporting",
    "writing",
    "Staff",
    "this article",
    "appeared",
    "first",
    "on",
    "republished",
    "from",
    "inputs",
    "with",
    "wire agency",
    "feed",
    "x",
    "5 days ago",
    "12 jan 2024",
    "jan 5, 2024",
    "2024-01-05",
    "5/6/2024",
    "31.12.1999",
    "Sept. 3rd, 2021",
    "By Mara Lind\n",
    "\n(Reporting by Ana Ruiz)",
    "\nvia Reuters\n",
    "Source: Harbour Times\n",
    '"We will," said Lind.',
    "(With inputs from AP)",
    "\n (via AP News)\n",
]

_CAP_RUN_OLD = re.compile(
    r"\b[A-Z][a-z'’\-]+(?:[ ][A-Z][a-z'’\-]+)+|\b[A-Z]{2,6}\b|\b[A-Z][a-z'’\-]{2,}\b"
)


def _reference_reposts(text: str) -> list[tuple[int, int]]:
    low = lower_keeping_offsets(text)
    out = [
        (m.start(), m.end())
        for keys, pat in sourcing._REPOST
        if any(k in low for k in keys)
        for m in pat.finditer(low)
    ]
    if "source" in low or "courtesy" in low:
        for m in sourcing._SOURCE_LINE.finditer(low):
            line_start = low.rfind("\n", 0, m.start()) + 1
            line_end = low.find("\n", m.end())
            if low[line_start : m.start()].strip() == "" and (
                line_end < 0 or low[m.end() : line_end].strip() == ""
            ):
                out.append((m.start(), m.end()))
    if "via " in low:
        for m in sourcing._VIA_LINE.finditer(text):
            if not sourcing._PHOTO_CREDIT.search(m.group(0)):
                out.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end()))
    out.sort()
    keep: list[tuple[int, int]] = []
    for s, e in out:
        if not keep or s >= keep[-1][1]:
            keep.append((s, e))
    return keep


@SETTINGS
@given(_texts(SOURCE_PIECES, 20))
def test_sourcing_regex_rewrites_find_the_same(text: str) -> None:
    assert [m.span() for m in sourcing._CAP_RUN.finditer(text)] == [
        m.span() for m in _CAP_RUN_OLD.finditer(text)
    ]
    low = lower_keeping_offsets(text)
    assert sourcing._has_date(low) == (sourcing._DATE.search(low) is not None)
    verb = sourcing._REPORT_VERB.match(text) or sourcing._REPORT_VERB_AFTER.search(text)
    assert bool(verb) == (sourcing._REPORT_VERB.search(text) is not None)
    assert sourcing._reposts(text) == _reference_reposts(text)


@SETTINGS
@given(_texts(SOURCE_PIECES, 20), st.integers(0, 80), st.integers(0, 80))
def test_sourcing_line_scans_find_the_same(text: str, a: int, b: int) -> None:
    s, e = min(a, b, len(text)), min(max(a, b), len(text))
    got = [m.span() for m in sourcing._line_matches(sourcing._BYLINE, text, s, e)]
    assert got == [m.span() for m in sourcing._BYLINE.finditer(text, s, e)]
    first = sourcing._TAIL_BYLINE.match(text, s)
    after = sourcing._TAIL_BYLINE_AFTER.finditer(text, first.end() if first else s + 1)
    names = ([first.group("name")] if first else []) + [m.group("name") for m in after]
    assert names == [m.group("name") for m in sourcing._TAIL_BYLINE.finditer(text, s)]


# ------------------------------------------------------------ seo_filler
SEO_PIECES = [
    " ",
    "\n",
    "\n\n",
    "\t",
    ".",
    ",",
    "-",
    "'",
    "’",
    "5",
    "2024",
    "1,200",
    "é",
    "İ",
    "ſ",
    "the",
    "council",
    "councils",
    "counc",
    "therefore",
    "there",
    "at",
    "it",
    "bridge",
    "only",
    "time",
    "will",
    "tell",
    "as",
    "situation",
    "unfolds",
    "in",
    "a",
    "surprising",
    "turn",
    "of",
    "events",
    "remains",
    "to",
    "be",
    "seen",
    "Harbour",
    "Bridge",
    "Repairs",
]


@SETTINGS
@given(_texts(SEO_PIECES, 30))
def test_seo_word_helpers_match_their_definitions(text: str) -> None:
    low = lower_keeping_offsets(text)
    words = set(re.findall(r"[a-z]+", low))
    stems = {w[:5] for w in words if len(w) >= 3 and w not in seo_filler._STOP}
    assert seo_filler._stems(seo_filler._az_words(low)) == stems
    assert seo_filler._count_words(text) == len(text.split())
    for probe in ("counc", "there", "bridg", "tim", "the", "situa", "surpr"):
        assert seo_filler._has_stem(probe, words, low) == (probe in stems)
    for phrases in (seo_filler._CLOSERS, seo_filler._FILLERS):
        found = []
        for need, pat in phrases.items:
            if need <= words:
                for m in pat.finditer(low):
                    s = m.start()
                    if s == 0 or not (low[s - 1].isalnum() or low[s - 1] in "_-"):
                        found.append((s, m.end()))
        found.sort(key=lambda se: (se[0], -se[1]))
        keep: list[tuple[int, int]] = []
        for s, e in found:
            if not keep or s >= keep[-1][1]:
                keep.append((s, e))
        assert phrases.spans(low, words) == keep


@SETTINGS
@given(_texts(SEO_PIECES + ["Harbour Bridge Repairs Begin In Spring", "  \n"], 30))
def test_seo_title_lines_skip_only_long_lines(page: str) -> None:
    tm = seo_filler._TitleMatcher("Harbour bridge repairs begin in spring")
    low = lower_keeping_offsets(page).replace("’", "'")
    starts: set[int] = set()
    for key in tm.keys:
        pos = low.find(key)
        while pos >= 0:
            starts.add(low.rfind("\n", 0, pos) + 1)
            pos = low.find(key, pos + len(key))
    ref = []
    for start in sorted(starts):
        end = page.find("\n", start)
        end = len(page) if end < 0 else end
        ref.extend((s, e) for s, e, t in seo_filler._lines(page[start:end], start) if tm.matches(t))
    assert seo_filler._title_lines(page, tm) == ref
