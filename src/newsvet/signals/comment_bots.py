"""comment_bots: bot-written or templated reader-comment sections.

Content farms fill their comment sections with generated comments so pages
look alive. Seed 003's sixteen comments were posted exactly 6 d 8 h 55 min
apart, most in one over-formal register, some addressing the previous
commenter by first name, one reading only "Interesting developments.". This
signal measures, with evidence a person can check against each comment:

- **timing regularity**: the gaps between consecutive timestamps (sorted).
  Human sections are bursty (coefficient of variation of the gaps above 1);
  generated ones are spaced evenly, often to the minute. ``gap_cv`` is that
  coefficient, ``identical_gap_share`` the share of gaps equal (to the minute)
  to the most common positive gap. ``timing_regularity`` (0..1) is the larger
  of ``1 - gap_cv`` and the identical-gap share in excess of what the gaps
  around the modal one predict by chance, scaled down below five gaps and
  halved when timestamps carry dates only.
- **near duplicates and templates**: comments whose word 3-gram sets (of the
  first 200 words) have a Jaccard similarity of at least 0.5 with another
  comment (candidate pairs come from an inverted index with capped posting
  lists and a pair budget, so work stays about linear in the number of
  comments), exact repeats, and openings or closings (first or last four
  words) shared by three or more comments of different authors.
- **generic one-liners** ("Great article!", "Interesting developments."):
  eight words or fewer, made of function words and the ``generic-comments-v1``
  vocabulary, with at most one other word and none from the article.
- **one shared register**: the share of comments written in a formal,
  LLM-like register (``formal-register-v1`` and ``llm-register-v1`` markers per
  100 words, long words, long sentences, no casual markers) when at least two
  authors write that way, and ``style_uniformity``, how little word and
  sentence length vary across comments.
- **name-addressed reply chains**: a comment addressing the author of the
  comment just before it by first name ("Totally agree, Gary."). Humans do
  this too in threads, so it weighs in the score only together with regular
  timing.
- **link/promo spam**: a logistic regression on word uni- and bigrams trained
  on the UCI YouTube Spam Collection (Psy and Katy Perry videos; only its
  300 largest weights ship, in ``comment-spam-v1.json``; per-comment F1 0.91
  on the held-out LMFAO video, ``benchmarks/comment_spam_eval.py``), plus the
  ``spam-markers-v1`` phrases, URLs, phone numbers and money claims as
  reasons. A bare link with neutral text is not spam (readers cite sources).
- **placeholder avatars**: "Image placeholder" alt text, default gravatars
  (mystery man, blank), or one avatar URL shared by every author.

The score is ``None`` below three comments; otherwise a noisy-OR of the parts,
higher meaning more bot-like; reply chains and placeholder avatars count only
together with regular timing (or duplicates / one register for avatars).
Register, generic and spam shares are English-only (``None`` for other
``lang``). Work is bounded: at most ``_MAX_TEXT`` characters of each comment
are read, text features use an even sample of at most 2,000 comments, pair
counting has a budget, and evidence is capped at 20 spans per feature
(10,000 comments: about 0.3-1.2 s CPU; seed 003's 16 comments: about 3.5 ms).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import combinations, pairwise

from ..ingest.document import Document
from ..segment import sentence_spans
from .base import Evidence, Measurement, body_text, evidence, register
from .lexicon import load_data_json, load_lexicon

__all__ = ["SpamVerdict", "comment_bots", "detect_spam", "tokenize_spam"]

_VALUES = (
    "comments",
    "timing_regularity",
    "gap_cv",
    "identical_gap_share",
    "near_duplicate_share",
    "generic_share",
    "shared_register",
    "style_uniformity",
    "reply_chain_share",
    "spam_share",
    "placeholder_avatar_share",
)

# ------------------------------------------------------------------ limits
_MAX_TEXT = 5000  # characters of a comment that are analysed
_MAX_EVIDENCE = 20  # evidence spans per feature
_SNIPPET = 240  # longest quoted span
_MIN_COMMENTS = 3  # below this the score is None
_MAX_TEXT_COMMENTS = 2000  # comments read for register, generic and spam shares
_SHINGLE_WORDS = 200  # words of a comment compared for near-duplicates
_POSTING_CAP = 24  # shingles shared by more comments are skipped
_PAIR_BUDGET = 200_000  # candidate pair increments before pair counting stops
_NEAR_DUP = 0.5  # Jaccard threshold
_TEMPLATE_WORDS = 4  # words in a shared opening/closing
_TEMPLATE_MIN_WORDS = 8  # a comment must be longer than its template part
_TEMPLATE_GROUP = 3  # comments sharing an opening/closing
_GENERIC_MAX_WORDS = 8
_SPAM_THRESHOLD = 0.5
_URL_ONLY_FLOOR = 0.05  # see detect_spam

# ------------------------------------------------------------------- words
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP = frozenset(
    """a an the and or but nor so yet for of to in on at by from with without into onto
    over under about about above below after before during since until than then as if
    while because though although whether is are was were be been being am do does did
    done doing have has had having it its it's this that these those there here he him
    his she her hers they them their theirs we us our ours you your yours i me my mine
    who whom whose which what when where why how all any both each few more most other
    some such no not only own same too very can could will would shall should may might
    must just also now again once one im i'm you're that's it's what's there's let's
    let's isn't aren't wasn't weren't don't doesn't didn't can't won't s t oh well
    everyone everybody guys all""".split()
)


# --------------------------------------------------------------- lexicons
def _phrase_index(*names: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """first word -> the entries (as word tuples) starting with it, longest first.

    Matching on the comment's word list costs one dict lookup per word, far
    less than scanning the text with a large alternation."""
    index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name in names:
        for entry in load_lexicon(name):
            words = tuple(m.group(0) for m in _WORD.finditer(entry.replace("’", "'")))
            if words and words not in index[words[0]]:
                index[words[0]].append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


_GENERIC_WORDS = frozenset(
    w.replace("’", "'") for entry in load_lexicon("generic-comments-v1") for w in entry.split()
)
_REGISTER = _phrase_index("formal-register-v1", "llm-register-v1")
_SPAM_PHRASES = _phrase_index("spam-markers-v1")

# casual markers: emoji, repeated !/?, chat words
_CASUAL_CHARS = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]|[!?]{2,}")
_CASUAL_WORDS = frozenset(
    """lol lmao rofl omg wtf yo wow haha hahaha gonna wanna gotta ya u ur dude bro tbh imo
    imho smh idk btw yeah yep nope ok okay cool man hey hi guys kinda sorta stuff""".split()
)

# --------------------------------------------------------------- spam
_TAG = re.compile(r"<[^<>]{0,300}>")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']{1,500}"
    r"|\b[a-z0-9-]{1,63}\.(?:com|net|org|info|biz|ly|tk|co|me|tv|io|xyz|site|online)\b"
    r"(?:/[^\s<>\"']{0,300})?",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\d,.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}(?![\d,])"
)
_MONEY = re.compile(
    r"\b(?:earn|earning|make|making|paid|get)\s+(?:up\s+to\s+|over\s+)?[$£€]\s?\d"
    r"|[$£€]\s?\d[\d,]{0,9}(?:\.\d\d)?\s*(?:/|per|a|an|every)\s*(?:day|week|hour|month)\b",
    re.IGNORECASE,
)
_PHONE_HINT = re.compile(r"\d{3}[ .)-]{0,2}\d{3}[ .-]?\d{4}")
# sentence ends inside a text, for counting only (evidence uses segment.sentence_spans);
# a match starts only where a run of punctuation starts and keeps the whole run
# (the same matches as r"[.!?…]+[\"'”’)\]]*\s+|\n+", linear on a long run)
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*\s+|\n+")
_URL_HINT = re.compile(
    r"www\.|\.(?:com|net|org|info|biz|ly|tk|co|me|tv|io|xyz|site|online)\b", re.IGNORECASE
)

# --------------------------------------------------------------- avatars
_PLACEHOLDER_AVATAR = re.compile(
    r"placeholder|mystery[-_ ]?(?:man|person)|[?&](?:d|default)=(?:mm|mp|blank|mystery)\b"
    r"|default[-_]?(?:avatar|user|profile)|avatar[-_]?default|no[-_]?(?:avatar|photo|image)"
    r"|blank[-_]?(?:avatar|profile)|anonymous[-_]?(?:user|avatar)|/avatar/0{32}",
    re.IGNORECASE,
)

# --------------------------------------------------------------- replies
_FIRST_NAME = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
# a capitalised name used as a form of address: "Totally agree, Gary." /
# "Indeed, Maxine, ..." / "@Gary" / "Thanks Gary!"
_ADDRESS = re.compile(
    r"(?:^|[,;:.!?]\s*|@|\b(?:[Dd]ear|[Hh]i|[Hh]ey|[Tt]hanks|[Yy]es|[Nn]o|[Ww]ell)\s+)"
    r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=\s*(?:[,.!?:;]|$))"
)


# ====================================================================== spam
@dataclass(frozen=True, slots=True)
class SpamVerdict:
    """Whether a comment reads as link/promo spam, and why."""

    is_spam: bool
    probability: float
    #: ``(start, end, label)`` of URLs, phone numbers, money claims and
    #: spam-marker phrases, as offsets into the text given
    markers: tuple[tuple[int, int, str], ...]


def tokenize_spam(text: str) -> list[str]:
    """Tokens the spam model reads: ``__url__`` when the text holds a URL,
    ``__phone__`` / ``__money__`` for phone numbers and money claims, then the
    comment's lower-cased words (digits as ``__num__``) and word bigrams.
    HTML tags are dropped first."""
    flags, words = _spam_parts(_parse(0, text))
    return flags + words + [f"{a} {b}" for a, b in pairwise(words)]


def _pattern_markers(text: str) -> list[tuple[int, int, str]]:
    """URLs, phone numbers and money claims (cheap pre-checks first)."""
    found: list[tuple[int, int, str]] = []
    if "://" in text or _URL_HINT.search(text):
        found.extend((m.start(), m.end(), "a URL") for m in _URL.finditer(text))
    if _PHONE_HINT.search(text):
        found.extend((m.start(), m.end(), "a phone number") for m in _PHONE.finditer(text))
    if "$" in text or "£" in text or "€" in text:
        found.extend((m.start(), m.end(), "a money claim") for m in _MONEY.finditer(text))
    return found


_FLAGS = (("__url__", "a URL"), ("__phone__", "a phone number"), ("__money__", "a money claim"))


def _spam_flags(markers: list[tuple[int, int, str]]) -> list[str]:
    labels = {label for _, _, label in markers}
    return [flag for flag, label in _FLAGS if label in labels]


def _spam_parts(c: _Comment) -> tuple[list[str], list[str]]:
    """The flags and the words of a comment (HTML tags and URLs taken out)."""
    text = c.text
    if "<" in text:
        text = _TAG.sub(" ", text)
    flags = _spam_flags(_pattern_markers(text))
    if "__url__" in flags:
        text = _URL.sub(" ", text)
    if text is not c.text:
        c = _parse(0, text)
    return flags, ["__num__" if t.isdigit() else t for t in c.tokens]


@lru_cache(maxsize=1)
def _spam_model() -> tuple[float, dict[str, float], frozenset[str]]:
    """(intercept, token -> weight, first words of weighted bigrams)."""
    raw = load_data_json("comment-spam-v1.json")
    weights = {str(k): float(v) for k, v in raw["weights"].items()}
    heads = frozenset(k.split(" ", 1)[0] for k in weights if " " in k)
    return float(raw["intercept"]), weights, heads


def detect_spam(text: str) -> SpamVerdict:
    """Rate one comment as link/promo spam.

    Spam when the model's probability is at least 0.5 and, for a comment with
    a URL, the rest of the text is not plainly neutral (probability without
    the URL weight at least 0.05: news readers link their sources, YouTube
    spammers seldom post a bare link), or when a promotional phrase ("check
    out my", "work from home") comes with a URL, phone number or money claim.
    """
    return _detect_spam(_parse(0, text))


def _detect_spam(c: _Comment) -> SpamVerdict:
    text = c.text
    intercept, weights, bigram_heads = _spam_model()
    markers = _pattern_markers(text)
    flags, words = _spam_parts(c)
    z = intercept + sum(weights.get(f, 0.0) for f in flags)
    z += math.fsum(weights[t] for t in set(words) if t in weights)  # set order varies
    grams = {f"{a} {b}" for a, b in pairwise(words) if a in bigram_heads}
    z += math.fsum(weights[g] for g in grams if g in weights)
    p = _sigmoid(z)
    url_only = "__url__" in flags and _sigmoid(z - weights.get("__url__", 0.0)) < _URL_ONLY_FLOOR
    model_says = p >= _SPAM_THRESHOLD and not url_only
    contact = {label for _, _, label in markers}
    for i, j in _find_phrases(c.tokens, _SPAM_PHRASES):
        s, e = c.words[i][0], c.words[j - 1][1]
        markers.append((s, e, f'"{text[s:e]}"'))
    markers.sort()
    labels = {label for _, _, label in markers}
    is_spam = model_says or (bool(contact) and len(labels) > len(contact))
    return SpamVerdict(is_spam, p, tuple(markers))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# ================================================================ per comment
@dataclass(slots=True)
class _Comment:
    index: int
    text: str  # the analysed prefix of the comment text
    tokens: list[str]  # lower-cased words, ’ as '
    _words: list[tuple[int, int]] | None = None

    @property
    def words(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each word, aligned with ``tokens``."""
        if self._words is None:
            self._words = [(m.start(), m.end()) for m in _WORD.finditer(self.text)]
        return self._words

    @property
    def field(self) -> str:
        return f"comments[{self.index}]"

    def word_start(self, i: int) -> int:
        """Offset of word ``i`` (reads only up to it when spans are not cached)."""
        if self._words is None:
            for k, m in enumerate(_WORD.finditer(self.text)):
                if k == i:
                    return m.start()
        return self.words[i][0]

    def lead(self) -> tuple[int, int]:
        """The first sentence, clipped to a readable length at a word end."""
        # a prefix is enough: its spans are offsets into the whole text too
        spans = sentence_spans(self.text[: 3 * _SNIPPET])
        if not spans:
            return 0, 0
        s, e = spans[0]
        return s, _clip(self.text, s, e)


def _clip(text: str, s: int, e: int) -> int:
    if e - s <= _SNIPPET:
        return e
    cut = text.rfind(" ", s, s + _SNIPPET)
    return cut if cut > s else s + _SNIPPET


def _parse(index: int, raw: str) -> _Comment:
    text = raw[:_MAX_TEXT] if isinstance(raw, str) else ""
    found = _WORD.findall(text)
    # one lower() for all words; words hold no spaces, so the split keeps the count
    tokens = " ".join(found).lower().replace("’", "'").split(" ") if found else []
    return _Comment(index, text, tokens)


def _find_phrases(
    tokens: list[str], index: dict[str, tuple[tuple[str, ...], ...]]
) -> list[tuple[int, int]]:
    """Non-overlapping ``(first, end)`` word ranges of lexicon entries."""
    found: list[tuple[int, int]] = []
    after = 0  # end of the last match: matches do not overlap
    for i in [i for i, t in enumerate(tokens) if t in index]:
        if i < after:
            continue
        for entry in index[tokens[i]]:
            k = len(entry)
            if k == 1 or tuple(tokens[i : i + k]) == entry:
                found.append((i, i + k))
                after = i + k
                break
    return found


def _sentence_at(c: _Comment, pos: int) -> tuple[int, int]:
    """The sentence holding offset ``pos``, clipped; sentence boundaries are
    decided locally, so segmenting a prefix that reaches past ``pos`` is
    enough."""
    for s, e in sentence_spans(c.text[: pos + 3 * _SNIPPET]):
        if s <= pos < e:
            return s, _clip(c.text, s, e)
    return c.lead()


# ================================================================= timing
def _epoch_seconds(dt: datetime) -> int:
    """Seconds since 0001-01-01 UTC, without overflow at datetime.min/max."""
    secs = dt.toordinal() * 86400 + dt.hour * 3600 + dt.minute * 60 + dt.second
    try:
        off = dt.utcoffset()
    except Exception:  # noqa: BLE001 - a broken tzinfo counts as naive
        off = None
    if off is not None:
        secs -= int(off.total_seconds())
    return secs


def _fmt_minutes(minutes: int) -> str:
    d, rest = divmod(minutes, 1440)
    h, m = divmod(rest, 60)
    parts = [f"{d} d" if d else "", f"{h} h" if h else "", f"{m} min" if m else ""]
    return " ".join(p for p in parts if p) or "0 min"


def _fmt_stamp(dt: datetime) -> str:
    return dt.isoformat(sep=" ", timespec="minutes")


def _excess_identical(keys: list[int], modal: int, n_modal: int, *, date_only: bool) -> float:
    """Share of gaps in the modal bin beyond what chance predicts.

    Two estimates of the chance share, the larger wins: the mean count of the
    bins around the modal one (within a quarter of the modal gap, at least
    five bins), and a prior for bursty sections, where short gaps coincide
    often: a log-gap density of 0.4 times the bin's width on a log scale
    (0.44 for a 1-minute gap, 0.007 for an hour, 0.0001 for six days). With
    date-only timestamps a bin is a day.
    """
    n_gaps = len(keys)
    if n_modal < 2:
        return 0.0
    res = 1440 if date_only else 1
    bins = [k // res for k in keys]
    mb = max(1, modal // res)
    w = max(5, mb // 4)
    lo = max(0, mb - w)
    near = sum(1 for b in bins if b != mb and lo <= b <= mb + w)
    local = near / (mb + w - lo)
    prior = n_gaps * 0.4 * math.log((mb + 0.5) / (mb - 0.5))
    chance = min(1.0, max(local, prior) / n_gaps)
    share = n_modal / n_gaps
    return max(0.0, (share - chance) / (1.0 - chance)) if chance < 1.0 else 0.0


@dataclass(slots=True)
class _Timing:
    regularity: float | None = None
    gap_cv: float | None = None
    identical_share: float | None = None
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None


def _timing(doc: Document, parsed: list[_Comment]) -> _Timing:
    stamped: list[tuple[int, int, datetime]] = []
    for c, cm in zip(parsed, doc.comments):
        if isinstance(cm.posted_at, datetime):
            stamped.append((_epoch_seconds(cm.posted_at), c.index, cm.posted_at))
    if len(stamped) < 3:
        return _Timing()
    stamped.sort(key=lambda t: (t[0], t[1]))
    gaps = [b[0] - a[0] for a, b in pairwise(stamped)]
    n_gaps = len(gaps)
    mean = sum(gaps) / n_gaps
    if mean <= 0:
        return _Timing(identical_share=0.0, note="all comments carry the same timestamp")
    var = sum((g - mean) ** 2 for g in gaps) / n_gaps
    cv = math.sqrt(var) / mean
    keys = [(g + 30) // 60 for g in gaps]
    counts = Counter(k for k in keys if k > 0)
    modal, n_modal = (0, 0)
    if counts:
        modal, n_modal = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    identical = n_modal / n_gaps if n_modal >= 2 else 0.0
    date_only = all(t[2].hour == t[2].minute == t[2].second == 0 for t in stamped)
    excess = _excess_identical(keys, modal, n_modal, date_only=date_only)
    reliability = min(1.0, n_gaps / 5.0) * (0.5 if date_only else 1.0)
    regularity = reliability * max(excess, max(0.0, 1.0 - cv))
    result = _Timing(
        regularity, cv, identical, note="timestamps carry dates only" if date_only else None
    )
    if regularity < 0.5:
        return result
    spans: list[Evidence] = []
    if n_modal >= 2 and excess >= max(0.0, 1.0 - cv) * 0.5:
        # longest run of consecutive modal gaps
        best_len, best_end, run = 0, -1, 0
        for j, k in enumerate(keys):
            run = run + 1 if k == modal else 0
            if run > best_len:
                best_len, best_end = run, j
        involved: set[int] = set()
        for j, k in enumerate(keys):
            if k == modal:
                involved.update((j, j + 1))
        first = stamped[best_end - best_len + 1]
        last = stamped[best_end + 1]
        gap_text = _fmt_minutes(modal)
        head = parsed[first[1]]
        s, e = head.lead()
        if e > s:
            spans.append(
                evidence(
                    doc,
                    head.field,
                    s,
                    e,
                    f"{len(involved)} of {len(stamped)} comments were posted exactly {gap_text} "
                    f"apart ({n_modal} of {n_gaps} gaps identical to the minute, {best_len} in a "
                    f"row, {_fmt_stamp(first[2])} to {_fmt_stamp(last[2])}); human comment "
                    "sections are bursty, not regular",
                )
            )
        for j, k in enumerate(keys):
            if k != modal or len(spans) >= _MAX_EVIDENCE:
                continue
            prev, cur = stamped[j], stamped[j + 1]
            c = parsed[cur[1]]
            s, e = c.lead()
            if e > s:
                spans.append(
                    evidence(
                        doc,
                        c.field,
                        s,
                        e,
                        f"posted {_fmt_stamp(cur[2])}, exactly {gap_text} after the previous "
                        f"comment (comments[{prev[1]}], {_fmt_stamp(prev[2])})",
                    )
                )
    else:
        head = parsed[stamped[0][1]]
        s, e = head.lead()
        if e > s:
            spans.append(
                evidence(
                    doc,
                    head.field,
                    s,
                    e,
                    f"the gaps between the {len(stamped)} comments hardly vary (coefficient of "
                    f"variation {cv:.2f}, mean gap {_fmt_minutes(int(mean // 60))}); human comment "
                    "sections are bursty (above 1)",
                )
            )
    result.evidence = tuple(spans)
    return result


# ========================================================= near duplicates
def _shingles(tokens: list[str]) -> dict[tuple[str, ...], None]:
    """The distinct word 3-grams of the first ``_SHINGLE_WORDS`` words, in
    text order (a dict, so iteration does not depend on string hashing)."""
    head = tokens[:_SHINGLE_WORDS]
    return dict.fromkeys(zip(head, head[1:], head[2:]))


def _author_key(doc: Document, i: int) -> str:
    a = doc.comments[i].author
    return a.strip().lower() if isinstance(a, str) and a.strip() else f"#anon{i}"


def _duplicates(doc: Document, parsed: list[_Comment]) -> tuple[float, list[Evidence]]:
    n = len(parsed)
    flagged: dict[int, tuple[str, str]] = {}
    # exact repeats (same words, four or more)
    exact: dict[str, list[int]] = defaultdict(list)
    for c in parsed:
        if len(c.tokens) >= 4:
            exact[" ".join(c.tokens)].append(c.index)
    reps: list[int] = []
    for members in exact.values():
        reps.append(members[0])
        if len(members) > 1:
            for i in members:
                others = [m for m in members if m != i][:3]
                flagged.setdefault(
                    i,
                    (
                        "exact",
                        f"repeats comments{others} word for word"
                        + (f" ({len(members)} copies)" if len(members) > 2 else ""),
                    ),
                )
    # near duplicates among distinct texts, via an inverted index; every
    # order below is the comments' order, so the pair budget cuts the same
    # pairs in every process
    sketches = {i: _shingles(parsed[i].tokens) for i in sorted(reps)}
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, grams in sketches.items():
        for g in grams:
            postings[g].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    budget = _PAIR_BUDGET
    for members in postings.values():
        m = len(members)
        if m < 2 or m > _POSTING_CAP:
            continue
        budget -= m * (m - 1) // 2
        if budget < 0:
            break
        shared.update(combinations(members, 2))
    near: list[tuple[int, int, float]] = []
    t = _NEAR_DUP
    for (a, b), k in shared.items():
        size = len(sketches[a]) + len(sketches[b])
        if k * (1 + t) >= t * size:  # Jaccard k / (size - k) >= t
            near.append((a, b, k / (size - k)))
    for a, b, jac in sorted(near):
        for i, j in ((a, b), (b, a)):
            flagged.setdefault(
                i,
                ("near", f"nearly the same words as comments[{j}] (word 3-gram Jaccard {jac:.2f})"),
            )
    # shared openings / closings across different authors
    for where in ("opening", "closing"):
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for c in parsed:
            if len(c.tokens) >= _TEMPLATE_MIN_WORDS:
                key = tuple(
                    c.tokens[:_TEMPLATE_WORDS]
                    if where == "opening"
                    else c.tokens[-_TEMPLATE_WORDS:]
                )
                groups[key].append(c.index)
        for key, members in groups.items():
            if len(members) < _TEMPLATE_GROUP:
                continue
            if len({_author_key(doc, i) for i in members}) < 2:
                continue
            reason = (
                f'shares its {where} "{" ".join(key)}" with {len(members) - 1} '
                "other comments (a template)"
            )
            for i in members:
                flagged.setdefault(i, (where, reason))
    spans: list[Evidence] = []
    for i in sorted(flagged)[:_MAX_EVIDENCE]:
        c = parsed[i]
        kind, reason = flagged[i]
        if kind == "closing" and c.words:
            s = c.words[-_TEMPLATE_WORDS][0]
            e = c.words[-1][1]
        elif kind == "opening" and c.words:
            s, e = c.words[0][0], c.words[_TEMPLATE_WORDS - 1][1]
        else:
            s, e = c.lead()
        if e > s:
            spans.append(evidence(doc, c.field, s, e, reason))
    return len(flagged) / n if n else 0.0, spans


# ================================================================= generic
def _article_words(doc: Document) -> frozenset[str]:
    text = f"{doc.title}\n{body_text(doc)}"[:200_000].lower().replace("’", "'")
    return frozenset(_WORD.findall(text)) - _STOP


def _generic(doc: Document, parsed: list[_Comment]) -> tuple[float, list[Evidence]]:
    article: frozenset[str] | None = None
    hits: list[_Comment] = []
    for c in parsed:
        if not c.tokens or len(c.tokens) > _GENERIC_MAX_WORDS:
            continue
        generic = [t for t in c.tokens if t in _GENERIC_WORDS]
        other = [t for t in c.tokens if t not in _GENERIC_WORDS and t not in _STOP]
        if not generic or len(other) > 1:
            continue
        if other and article is None:
            article = _article_words(doc)
        if not other or other[0] not in (article or ()):
            hits.append(c)
    spans: list[Evidence] = []
    for c in hits[:_MAX_EVIDENCE]:
        s, e = c.words[0][0], c.words[-1][1]
        e = min(len(c.text), e + 1) if c.text[e : e + 1] in (".", "!", "?") else e
        spans.append(
            evidence(
                doc,
                c.field,
                s,
                e,
                f"a generic one-liner ({len(c.tokens)} words, nothing about the article)",
            )
        )
    return len(hits) / len(parsed), spans


# ================================================================ register
@dataclass(slots=True)
class _Style:
    index: int
    words: int
    word_len: float
    sent_len: float
    formal: float
    markers: list[tuple[int, int]]  # word ranges of register markers


def _style(c: _Comment) -> _Style:
    n_w = len(c.tokens)
    letters = sum(len(t) for t in c.tokens)
    word_len = letters / n_w if n_w else 0.0
    sent_len = n_w / max(1, len(_SENTENCE_END.findall(c.text.rstrip())) + 1)
    markers = _find_phrases(c.tokens, _REGISTER)
    casual = sum(1 for t in c.tokens if t in _CASUAL_WORDS)
    if casual < 2:
        casual += len(_CASUAL_CHARS.findall(c.text))
    density = 100.0 * len(markers) / max(n_w, 1)
    score = (
        0.5 * min(1.0, density / 5.0)
        + 0.25 * min(1.0, max(0.0, (word_len - 4.2) / 1.3))
        + 0.25 * min(1.0, max(0.0, (sent_len - 8.0) / 14.0))
        - 0.2 * min(2, casual)
    )
    return _Style(c.index, n_w, word_len, sent_len, max(0.0, min(1.0, score)), markers)


def _cv(xs: list[float]) -> float:
    mean = sum(xs) / len(xs)
    if mean <= 0:
        return 0.0
    return math.sqrt(sum((x - mean) ** 2 for x in xs) / len(xs)) / mean


def _register(doc: Document, parsed: list[_Comment]) -> tuple[float, float | None, list[Evidence]]:
    styles = [_style(c) for c in parsed]
    by_index = {c.index: c for c in parsed}
    high = [s for s in styles if s.words >= 8 and s.markers and s.formal >= 0.5]
    authors = {_author_key(doc, s.index) for s in high}
    share = len(high) / len(styles) if len(authors) >= 2 else 0.0
    wordy = [s for s in styles if s.words >= 5]
    uniformity: float | None = None
    if len(wordy) >= 3:
        cv_wl = _cv([s.word_len for s in wordy])
        cv_sl = _cv([s.sent_len for s in wordy])
        uniformity = 1.0 - 0.5 * (min(1.0, cv_wl / 0.25) + min(1.0, cv_sl / 0.9))
    spans: list[Evidence] = []
    if share > 0:
        for st in high[:_MAX_EVIDENCE]:
            c = by_index[st.index]
            first, _ = st.markers[0]
            s, e = _sentence_at(c, c.word_start(first))
            words: list[str] = []
            for i, j in st.markers:
                w = " ".join(c.tokens[i:j])
                if w not in words:
                    words.append(w)
            if e > s:
                spans.append(
                    evidence(
                        doc,
                        c.field,
                        s,
                        e,
                        f"formal, LLM-like register shared by {len(high)} of {len(styles)} "
                        f"comments from {len(authors)} authors: "
                        + ", ".join(f'"{w}"' for w in words[:6]),
                    )
                )
    return share, uniformity, spans


# ================================================================= replies
def _first_name(author: str | None) -> str | None:
    if not isinstance(author, str):
        return None
    parts = author.strip().split()
    if not parts or not _FIRST_NAME.match(parts[0]):
        return None
    return parts[0]


def _replies(doc: Document, parsed: list[_Comment]) -> tuple[float, list[Evidence]]:
    n = len(parsed)
    if n < 2:
        return 0.0, []
    found: list[tuple[_Comment, int, int, str]] = []
    for c in parsed[1:]:
        prev = doc.comments[c.index - 1]
        name = _first_name(prev.author)
        own = doc.comments[c.index].author
        if name is None or (isinstance(own, str) and own.strip() == (prev.author or "").strip()):
            continue
        if name not in c.text:
            continue
        for m in _ADDRESS.finditer(c.text):
            if m.group(1) == name:
                start = m.start(1)
                break
        else:
            continue
        found.append((c, start, start + len(name), name))
    spans: list[Evidence] = []
    for c, ns, ne, name in found[:_MAX_EVIDENCE]:
        s, e = _sentence_at(c, ns)
        if not (s <= ns and ne <= e):
            s, e = ns, ne
        spans.append(
            evidence(
                doc,
                c.field,
                s,
                e,
                f'addresses "{name}", the author of the comment just before it '
                f"(comments[{c.index - 1}])",
            )
        )
    return len(found) / (n - 1), spans


# ==================================================================== spam
def _spam(doc: Document, parsed: list[_Comment]) -> tuple[float, list[Evidence]]:
    hits = 0
    spans: list[Evidence] = []
    for c in parsed:
        verdict = _detect_spam(c)
        if not verdict.is_spam:
            continue
        hits += 1
        if len(spans) >= _MAX_EVIDENCE:
            continue
        labels: list[str] = []
        for _, _, label in verdict.markers:
            if label not in labels:
                labels.append(label)
        if verdict.markers:
            ms, me, _ = verdict.markers[0]
            s, e = _sentence_at(c, ms)
            if not (s <= ms and me <= e):
                s, e = ms, min(me, ms + _SNIPPET)
        else:
            s, e = c.lead()
        if e > s:
            why = f" ({', '.join(labels[:4])})" if labels else ""
            spans.append(
                evidence(
                    doc,
                    c.field,
                    s,
                    e,
                    f"reads as link/promo spam, probability {verdict.probability:.2f}{why}",
                )
            )
    return hits / len(parsed), spans


# ================================================================= avatars
def _avatars(doc: Document) -> tuple[float | None, list[Evidence]]:
    with_avatar = [
        (i, c.avatar.strip())
        for i, c in enumerate(doc.comments)
        if isinstance(c.avatar, str) and c.avatar.strip()
    ]
    if not with_avatar:
        return None, []
    distinct = {a for _, a in with_avatar}
    authors = {_author_key(doc, i) for i, _ in with_avatar}
    same_for_all = len(with_avatar) >= 3 and len(distinct) == 1 and len(authors) >= 2
    flagged = [(i, a) for i, a in with_avatar if same_for_all or _PLACEHOLDER_AVATAR.search(a)]
    spans: list[Evidence] = []
    if flagged:
        i, a = flagged[0]
        text = doc.comments[i].text
        s, e = 0, _clip(text, 0, len(text[:_MAX_TEXT]))
        line = text.find("\n", 0, e)
        e = line if line > 0 else e
        if e > s:
            why = "the same avatar for every author" if same_for_all else "a placeholder avatar"
            spans.append(
                evidence(
                    doc,
                    f"comments[{i}]",
                    s,
                    e,
                    f'{len(flagged)} of {len(doc.comments)} comments show {why} ("{a[:80]}")',
                )
            )
    return len(flagged) / len(with_avatar), spans


# ================================================================== signal
@register("comment_bots", version="1", values=_VALUES)
def comment_bots(doc: Document, *, lang: str = "en") -> Measurement:
    """Bot or template comment sections: regular timing, duplicates, one register, spam."""
    n = len(doc.comments)
    values: dict[str, float | None] = {k: None for k in _VALUES}
    values["comments"] = float(n)
    if n == 0:
        return Measurement(score=None, values=values, low_confidence=True, notes=("no comments",))
    parsed = [_parse(i, c.text) for i, c in enumerate(doc.comments)]
    english = (lang or "en").lower().startswith("en")
    notes: list[str] = []
    spans: list[Evidence] = []

    timing = _timing(doc, parsed)
    values["timing_regularity"] = timing.regularity
    values["gap_cv"] = timing.gap_cv
    values["identical_gap_share"] = timing.identical_share
    spans.extend(timing.evidence)
    if timing.note:
        notes.append(timing.note)

    dup_share, dup_spans = _duplicates(doc, parsed)
    values["near_duplicate_share"] = dup_share
    spans.extend(dup_spans)

    reply_share, reply_spans = _replies(doc, parsed)
    values["reply_chain_share"] = reply_share if n >= 2 else None

    avatar_share, avatar_spans = _avatars(doc)
    values["placeholder_avatar_share"] = avatar_share

    generic_share = register_share = spam_share = 0.0
    uniformity: float | None = None
    if english:
        sample = parsed
        if n > _MAX_TEXT_COMMENTS:  # text features on an even sample
            step = n / _MAX_TEXT_COMMENTS
            sample = [parsed[int(k * step)] for k in range(_MAX_TEXT_COMMENTS)]
            notes.append(f"register, generic and spam shares from {len(sample)} of {n} comments")
        generic_share, generic_spans = _generic(doc, sample)
        register_share, uniformity, register_spans = _register(doc, sample)
        spam_share, spam_spans = _spam(doc, sample)
        values.update(
            generic_share=generic_share,
            shared_register=register_share,
            style_uniformity=uniformity,
            spam_share=spam_share,
        )
        spans.extend(register_spans)
        spans.extend(generic_spans)
        spans.extend(spam_spans)
    else:
        notes.append(f"text lexicons are English-only; not applied to lang={lang!r}")
    spans.extend(reply_spans)
    spans.extend(avatar_spans)

    if n < _MIN_COMMENTS:
        notes.append(f"{n} comments: too few to rate the section")
        return Measurement(
            score=None, values=values, evidence=spans, low_confidence=True, notes=tuple(notes)
        )

    t = timing.regularity or 0.0
    parts = (
        0.9 * t,
        0.8 * dup_share,
        0.8 * spam_share,
        0.6 * register_share * (0.6 + 0.4 * (uniformity or 0.0)),
        0.5 * generic_share,
        0.7 * reply_share * t,
        0.3 * (avatar_share or 0.0) * max(t, dup_share, register_share),
    )
    score = 1.0 - math.prod(1.0 - min(1.0, max(0.0, p)) for p in parts)
    low = n < 5 or timing.regularity is None
    if timing.regularity is None and not timing.note:
        notes.append("fewer than three comments carry a timestamp")
    return Measurement(
        score=score, values=values, evidence=spans, low_confidence=low, notes=tuple(notes)
    )
