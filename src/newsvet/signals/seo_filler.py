"""seo_filler: SEO scaffolding, link farms, recycled headlines and filler.

Content farms pad rewritten wire copy with page furniture meant for search
engines rather than readers. This signal measures, with evidence a person can
check:

- **boilerplate share**: how much of the page is not article
  (boilerplate characters / (article + boilerplate characters));
- **recommendation boxes** ("You Might Also Like", "Related Articles") and how
  far their items drift from the article: an item drifts when (almost) none of
  its content words occur in the title or body;
- **headline repetition**: how many lines of the page repeat the title (or a
  near copy of it), and a **title that does not match the body** (few of its
  content words in the body; headline figures the body never mentions);
- **SEO scaffolds** ("What You Will Learn", "Key Takeaways", "Table of
  Contents") and **site chrome** ("Loading...", weather widgets, tag lists);
- **generic closers** in the last paragraphs ("only time will tell", "as the
  situation unfolds") and **filler phrases** per 100 words.

Ingest normally moves page parts into ``Document.boilerplate``; the same parts
are also recognised when they are still inside the body paragraphs (as with
plain text), by their headings and the short list lines that follow them.

Words are compared as lower-cased 5-character prefixes of content words (a
cheap stemmer: "soldiers"/"soldier", "korea"/"korean"), with a small stopword
list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

from ..ingest.document import PARAGRAPH_SEP, Document
from ..segment import sentence_spans
from .base import (
    Evidence,
    Measurement,
    body_text,
    evidence,
    field_text,
    lower_keeping_offsets,
    register,
)
from .lexicon import lexicon_set, load_lexicon, normalise

try:  # hand-written C for the a-z runs, where built and used (newsvet._compiled)
    from .._speedups import az_runs as _c_az_runs
except ImportError:
    _c_az_runs = None

__all__ = ["seo_filler"]

_VALUES = (
    "boilerplate_share",
    "recommendation_blocks",
    "recommendation_drift",
    "title_repeats",
    "title_body_overlap",
    "title_figures_unmatched",
    "scaffold_blocks",
    "chrome_blocks",
    "generic_closers",
    "filler_per_100_words",
)

# --------------------------------------------------------------- lexicons
_norm = normalise


_SCAFFOLD_HEADS = lexicon_set("seo-scaffolds-v1")
_REC_HEADS = lexicon_set("recommendation-headings-v1")
_CHROME_LINES = lexicon_set("chrome-v1")
_HEADS = _SCAFFOLD_HEADS | _REC_HEADS

# ------------------------------------------------------------ line shapes
_BULLET = re.compile(r"^\s*(?:[•·*▪●◦►✓✔➤→-]|\d{1,2}[.)])\s*")
_WEATHER = re.compile(r"^-?\d{1,3}\s*°\s*[CF]?\b[^\n]{0,40}$")
# "Home / News", "World > Asia" ("Name / Agency" is a photo credit, not a trail)
_BREADCRUMB = re.compile(
    r"^(?:[Hh]ome|HOME)(?:[ \xa0]*[/>»›|][ \xa0]*[^\W\d][\w \xa0]{0,24}){1,5}$"
    r"|^[^\W\d][\w \xa0]{0,24}(?:[ \xa0]*[>»›][ \xa0]*[^\W\d][\w \xa0]{0,24}){1,5}$"
)
_PIPE_LIST = re.compile(r"^[^|\n]{1,40}(?:\|[^|\n]{1,40}){2,}$")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# a line that is only a date, time or reading time (neutral page furniture)
_META_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last updated)\b[^\n]{{0,60}}"
    rf"|\d{{1,2}}\s+{_MONTH}\.?,?\s+\d{{4}}[^\n]{{0,20}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}[^\n]{{0,20}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}[^\n]{{0,20}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}[^\n]{{0,20}}"
    rf"|\d{{1,3}}\s+min(?:ute)?s?\s+read)$",
    re.IGNORECASE,
)
_COMMENTS_HEAD = re.compile(
    r"^(?:\d+\s+comments?|comments?(?:\s+\d+)?|\d+\s+(?:responses?|replies|thoughts?)\b.{0,80}"
    r"|leave a (?:reply|comment)|join the (?:discussion|conversation)|reader comments)$"
)
_CAPTION_KEYS = (
    "getty images",
    "shutterstock",
    "ap photo",
    "reuters/",
    "/afp",
    "afp via",
    "photo:",
    "photo credit",
    "image:",
    "image credit",
    "image source",
    "picture:",
    "credit:",
    "file photo",
    "this photo taken",
    "this photo shows",
    "this picture taken",
    "this image shows",
)
_SENTENCE_END = frozenset(".!?\"”'’)")
_CAPTION_GATE = ("photo", "image", "getty", "shutterstock", "credit", "/", "picture")
# every caption key holds one of these: a text with none holds no caption
_CAPTION_KEY_PARTS = ("photo", "image", "shutterstock", "afp", "reuters/", "picture", "credit")
_SOURCE_LINE = re.compile(
    r"^\[?\s*(?:source|sources|via|courtesy(?: of)?)\s*:\s*[^\n\]]{1,80}\]?$", re.IGNORECASE
)
_INLINE_REC = re.compile(
    r"^(?:read more|related|also read|read also|see also|don't miss|recommended|more)\s*[:|]\s*\S",
    re.IGNORECASE,
)

# ------------------------------------------------------------------ words
# ASCII letters only: a cheap tokeniser for the English word lists; other
# scripts simply do not take part in the overlap measures.
_WORD = re.compile(r"[a-z]+")
_STOP_WORDS = """a an the and or but nor so yet for of to in on at by from with without into onto
    over under about above below after before during since until than then as if
    while because though although whether is are was were be been being am do does
    did done doing have has had having it its this that these those there here
    he him his she her hers they them their theirs we us our ours you your yours i me
    my mine who whom whose which what when where why how all any both each few more
    most other some such no not only own same too very can could will would shall
    should may might must just also now new says said say per via up down out off
    again further once one two three won don isn aren wasn weren didn doesn
    haven hasn hadn couldn wouldn shouldn amid among against between through across
    around along like get gets got make makes made every four five six seven eight
    nine ten first second last year years day days week time"""
_STOP = frozenset(_STOP_WORDS.split())
_FIGURE = re.compile(r"\d[\d,.]*\d|\d")


# a bytes.translate table keeping a-z and blanking every other byte
_ONLY_AZ = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def _az_words(low: str) -> set[str]:
    """``set(_WORD.findall(low))`` (the maximal runs of a-z), in C
    (newsvet._speedups) where built and used, else :func:`_az_words_reference`."""
    if _c_az_runs is not None:
        return _c_az_runs(low)
    return _az_words_reference(low)


def _az_words_reference(low: str) -> set[str]:
    """``set(_WORD.findall(low))`` from C-level passes: non-ASCII characters
    become "?", then every byte that is not a-z a space."""
    return set(low.encode("ascii", "replace").translate(_ONLY_AZ).decode("ascii").split())


# every a-z word shorter than 3 letters (its own 5-letter prefix)
_AZ = [chr(c) for c in range(97, 123)]
_SHORT_AZ = frozenset(_AZ + [a + b for a in _AZ for b in _AZ])
_PREFIX5 = itemgetter(slice(0, 5))


def _stems(words: set[str]) -> set[str]:
    """``{w[:5] for w in words if len(w) >= 3 and w not in _STOP}`` for a-z
    words, by C-level set operations: the prefixes shorter than 3 letters are
    the short words themselves."""
    stems = set(map(_PREFIX5, words.difference(_STOP)))
    stems.difference_update(_SHORT_AZ)
    return stems


_AZ_RUN = re.compile(r"[a-z]*")


def _has_stem(stem: str, words: set[str], low: str) -> bool:
    """Whether ``stem`` (from :func:`_stems`) is in ``_stems(words)``, where
    ``words`` are the a-z words of ``low``: found as a word, else as the
    start of an a-z run of ``low`` that is no stopword."""
    if stem in words and stem not in _STOP:
        return True
    if len(stem) < 5:
        return False  # only the word itself has a stem this short
    pos = low.find(stem)
    while pos >= 0:
        if pos == 0 or not ("a" <= low[pos - 1] <= "z"):
            end = _AZ_RUN.match(low, pos).end()  # type: ignore[union-attr]
            if low[pos:end] not in _STOP:
                return True
            pos = low.find(stem, end)
        else:
            pos = low.find(stem, pos + 1)
    return False


def _word_stems(low: str) -> set[str]:
    """Content-word stems (5-letter prefixes) of a lower-cased text."""
    return _stems(_az_words(low))


class _Phrases:
    """A phrase list matched quickly: a phrase is searched for only when all of
    its words occur in the text (a set test), then with its own small regex
    on the lower-cased text. Longer phrases win over overlapping shorter ones."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.items: list[tuple[frozenset[str], re.Pattern[str]]] = []
        for e in entries:
            words = frozenset(_WORD.findall(e))
            if not words:
                continue
            body = re.escape(e).replace(r"\ ", r"\s+").replace("'", "['’]")
            self.items.append((words, re.compile(body + r"(?![\w-])")))
        # each phrase filed under its longest word, so a text's words pick out
        # the few phrases they may hold (the order of the phrases does not
        # matter: the spans are sorted)
        self.by_word: dict[str, list[tuple[frozenset[str], re.Pattern[str]]]] = {}
        for need, pat in self.items:
            self.by_word.setdefault(max(sorted(need), key=len), []).append((need, pat))

    def candidates(self, words: set[str]) -> list[tuple[frozenset[str], re.Pattern[str]]]:
        """The phrases all of whose words are in ``words``."""
        by_word = self.by_word
        return [
            item for w in words.intersection(by_word) for item in by_word[w] if item[0] <= words
        ]

    def spans(self, low: str, words: set[str]) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        for _, pat in self.candidates(words):
            for m in pat.finditer(low):
                s = m.start()
                if s == 0 or not (low[s - 1].isalnum() or low[s - 1] in "_-"):
                    found.append((s, m.end()))
        found.sort(key=lambda se: (se[0], -se[1]))
        out: list[tuple[int, int]] = []
        for s, e in found:
            if not out or s >= out[-1][1]:
                out.append((s, e))
        return out


_CLOSERS = _Phrases(load_lexicon("generic-closers-v1"))
_FILLERS = _Phrases(load_lexicon("filler-phrases-v1"))


# ------------------------------------------------------------ page parts
@dataclass
class _Box:
    """A recommendation box found in a field: its heading and item spans."""

    where: str  # the Document field holding the items
    heading: str
    items: list[tuple[int, int]] = field(default_factory=list)
    #: (field, start, end) of the heading, when the document shows it
    head_span: tuple[str, int, int] | None = None


@dataclass
class _Layout:
    labels: list[str]
    boxes: list[_Box]
    #: (field, start, end, heading) of every scaffold heading
    scaffolds: list[tuple[str, int, int, str]]
    #: (field, start, end) of chrome paragraphs inside the body
    chrome: list[tuple[str, int, int]]


def _lines(text: str, base: int = 0) -> list[tuple[int, int, str]]:
    """Non-blank lines of ``text`` with offsets (shifted by ``base``), stripped."""
    out = []
    pos = base
    for raw in text.split("\n"):
        t = raw.strip()
        if t:
            s = pos + len(raw) - len(raw.lstrip())
            out.append((s, s + len(t), t))
        pos += len(raw) + 1
    return out


def _first_line(text: str) -> tuple[int, int, str] | None:
    """The first non-blank line of ``text`` with offsets, stripped."""
    pos = 0
    while pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        raw = text[pos:end]
        t = raw.strip()
        if t:
            s = pos + len(raw) - len(raw.lstrip())
            return s, s + len(t), t
        pos = end + 1
    return None


def _head_key(line: str) -> str:
    if len(line) > 70:
        return ""
    return _norm(_BULLET.sub("", line, count=1))


def _line_kind(line: str, key: str | None = None) -> str:
    """'chrome', 'meta' (date, reading time) or 'text' (``key``: the line's
    :func:`_head_key`, when known)."""
    if len(line) > 200:
        return "text"
    if key is None:
        key = _head_key(line)
    if key in _CHROME_LINES or (len(line) <= 2 and not key.isdigit()):
        return "chrome"
    if len(line) <= 100 and (
        _WEATHER.match(line) or _BREADCRUMB.match(line) or _COPYRIGHT.match(line)
    ):
        return "chrome"
    if _PIPE_LIST.match(line):
        return "chrome"
    if len(line) <= 100 and _META_LINE.match(line):
        return "meta"
    return "text"


def _words(text: str) -> int:
    return len(text.split())


# ASCII: blanks (what str.split splits on) -> " ", anything else -> "x"
_BLANK_OR_X = bytes(32 if c in b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f" else 120 for c in range(256))


def _count_words(text: str) -> int:
    """``len(text.split())``; for ASCII text by counting word starts in C."""
    if not text.isascii():
        return len(text.split())
    marks = text.encode("ascii").translate(_BLANK_OR_X)
    return marks.count(b" x") + (marks[:1] == b"x")


def _is_list_like(lines: list[tuple[int, int, str]]) -> bool:
    return bool(lines) and all(_BULLET.match(t) or _words(t) <= 15 for _, _, t in lines)


def _is_link_list(lines: list[tuple[int, int, str]]) -> bool:
    """Short lines that read as link titles, not as sentences of prose."""
    return bool(lines) and all(
        _words(t) <= 20 and not (t.endswith(".") and not t.endswith("..") and _words(t) >= 8)
        for _, _, t in lines
    )


class _TitleMatcher:
    """Tells whether a line is the title or a near copy of it."""

    def __init__(self, title: str) -> None:
        self.norm = _norm(title)
        self.tokens = set(self.norm.split())
        self.ok = len(self.norm) >= 12 and len(self.tokens) >= 3
        #: a near copy holds at least one of these (the longest title words)
        self.keys = sorted(self.tokens, key=len, reverse=True)[:3]

    def fits(self, length: int) -> bool:
        """Whether a line this long could be a copy of the title."""
        n = len(self.norm)
        return self.ok and 0.6 * n <= length <= 1.5 * n + 40

    def matches(self, line: str) -> bool:
        if not self.fits(len(line)):
            return False
        low = line.lower().replace("’", "'")
        if not any(k in low for k in self.keys):
            return False
        n = len(self.norm)
        norm = _norm(line)
        if self.norm in norm and len(norm) <= 1.5 * n + 25:
            return True
        toks = set(norm.split())
        union = len(toks | self.tokens)
        return union > 0 and len(toks & self.tokens) / union >= 0.8


def _is_caption(low: str) -> bool:
    """Whether a (lower-cased) paragraph reads as a photo caption or credit."""
    if len(low) > 700 or not any(k in low for k in _CAPTION_GATE):
        return False
    return any(k in low for k in _CAPTION_KEYS) and _words(low) <= 80


class _LineFacts:
    """The kinds (:func:`_line_kind`) and title matches of a paragraph's
    lines, each worked out when first asked (the checks are pure: the same
    answers as lists made up front)."""

    def __init__(self, lines: list[tuple[int, int, str]], key: str, tm: _TitleMatcher) -> None:
        self.lines = lines
        self.key = key  # the first line's _head_key
        self.tm = tm
        self.kinds: list[str | None] = [None] * len(lines)
        self.copies: list[bool | None] = [None] * len(lines)

    def kind(self, j: int) -> str:
        k = self.kinds[j]
        if k is None:
            k = self.kinds[j] = _line_kind(self.lines[j][2], self.key if j == 0 else None)
        return k

    def copy(self, j: int) -> bool:
        c = self.copies[j]
        if c is None:
            c = self.copies[j] = self.tm.matches(self.lines[j][2])
        return c


def _no_caption(low: str) -> bool:
    """:func:`_is_caption` of a paragraph of a text holding no caption key."""
    return False


def _layout(doc: Document, tm: _TitleMatcher, low_body: str) -> _Layout:
    """Label each body paragraph: article, title, scaffold, recommendations,
    chrome, caption, source or comments (``low_body``: the body lower-cased)."""
    if any(k in low_body for k in _CAPTION_KEY_PARTS):
        is_caption = _is_caption
    else:
        is_caption = _no_caption
    paras = doc.paragraphs
    spans = doc.paragraph_spans()
    labels = ["article"] * len(paras)
    boxes: list[_Box] = []
    scaffolds: list[tuple[str, int, int, str]] = []
    chrome: list[tuple[str, int, int]] = []
    i = 0
    n = len(paras)
    while i < n:
        p = paras[i]
        if (
            "\n" not in p
            and (len(p) > 250 or (len(p) > 80 and p[-1] in _SENTENCE_END and p.count(" ") >= 12))
            and "|" not in p
            and not tm.fits(len(p))
        ):
            # one line of prose: no heading, chrome line or title copy
            if len(p) <= 700 and is_caption(low_body[spans[i][0] : spans[i][1]]):
                labels[i] = "caption"
            i += 1
            continue
        base = spans[i][0]
        lines = _lines(p, base)
        if not lines:
            i += 1
            continue
        hs, he, first = lines[0]
        key = _head_key(first)
        if _COMMENTS_HEAD.match(key):
            for j in range(i, n):
                labels[j] = "comments"
            break
        if key in _SCAFFOLD_HEADS:
            labels[i] = "scaffold"
            scaffolds.append(("body", hs, he, first))
            j = i + 1
            while j < n and j <= i + 10:
                nxt = _lines(paras[j])
                if not _is_list_like(nxt) or _head_key(nxt[0][2]) in _HEADS:
                    break
                labels[j] = "scaffold"
                j += 1
            i = j
            continue
        if key in _REC_HEADS:
            labels[i] = "recommendations"
            box = _Box("body", first, [(s, e) for s, e, _ in lines[1:]], ("body", hs, he))
            boxes.append(box)
            j = i + 1
            while j < n and j <= i + 40:
                nxt = _lines(paras[j], spans[j][0])
                if not _is_link_list(nxt):
                    break
                k = _head_key(nxt[0][2])
                if k in _HEADS or _COMMENTS_HEAD.match(k):
                    break
                labels[j] = "recommendations"
                box.items.extend((s, e) for s, e, _ in nxt)
                j += 1
            i = j
            continue
        facts = _LineFacts(lines, key, tm)
        js = range(len(lines))
        if is_caption(low_body[spans[i][0] : spans[i][1]]):
            labels[i] = "caption"
        elif all(facts.kind(j) != "text" for j in js) and "chrome" in facts.kinds:
            labels[i] = "chrome"
            chrome.append(("body", spans[i][0], spans[i][1]))
        elif all(_INLINE_REC.match(t) for _, _, t in lines):
            labels[i] = "recommendations"
            boxes.append(_Box("body", "", [(s, e) for s, e, _ in lines]))
        elif len(lines) == 1 and _SOURCE_LINE.match(first):
            labels[i] = "source"
        elif any(facts.copy(j) for j in js) and all(
            facts.copy(j) or facts.kind(j) != "text" for j in js
        ):
            labels[i] = "title"
        i += 1
    return _Layout(labels, boxes, scaffolds, chrome)


def _title_lines(page: str, tm: _TitleMatcher, low: str | None = None) -> list[tuple[int, int]]:
    """Lines of the page that copy the title (found from its longest words;
    ``low``: the page lower-cased, when known)."""
    if not tm.ok:
        return []
    low = (lower_keeping_offsets(page) if low is None else low).replace("’", "'")
    starts: set[int] = set()
    for key in tm.keys:
        pos = low.find(key)
        while pos >= 0:
            starts.add(low.rfind("\n", 0, pos) + 1)
            pos = low.find(key, pos + len(key))
    out = []
    longest = 1.5 * len(tm.norm) + 40  # (what tm.fits allows)
    for start in sorted(starts):
        end = page.find("\n", start)
        end = len(page) if end < 0 else end
        if end - start > longest and not page[start].isspace() and not page[end - 1].isspace():
            continue  # a line too long to be a title copy (it has no blanks to strip)
        for s, e, t in _lines(page[start:end], start):
            if tm.matches(t):
                out.append((s, e))
    return out


def _sentence_at(pos: int, sents: list[tuple[int, int]]) -> tuple[int, int]:
    for s, e in sents:
        if s <= pos < e:
            return s, e
    return pos, pos


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _noisy_or(parts: list[float]) -> float:
    keep = 1.0
    for p in parts:
        keep *= 1.0 - min(1.0, max(0.0, p))
    return 1.0 - keep


# ------------------------------------------------------------ extractor
@register(
    "seo_filler",
    version="2",
    values=_VALUES,
    description="SEO scaffolds, link-farm boxes, repeated or mismatched headlines, "
    "site chrome, generic closers and filler.",
)
def seo_filler(doc: Document, *, lang: str = "en") -> Measurement:
    """SEO scaffolding and filler around and inside the article."""
    ev: list[Evidence] = []
    notes: list[str] = []
    tm = _TitleMatcher(doc.title)
    html = doc.metadata.source_type in ("html", "url")
    #: pages rendered from HTML repeat the headline in share text, players and
    #: lists, so a repeat is notable from the 4th copy there, the 3rd in text
    repeat_floor = 4 if html else 3
    body = body_text(doc)
    low_body = lower_keeping_offsets(body)
    lay = _layout(doc, tm, low_body)
    spans = doc.paragraph_spans()
    art_idx = [i for i, lab in enumerate(lay.labels) if lab == "article"]
    art_spans = [spans[i] for i in art_idx]
    art_low = PARAGRAPH_SEP.join(low_body[s:e] for s, e in art_spans)
    # the word count up to 81: all that is read of it, but for the filler rate
    art_words = len(art_low.split(None, 80))
    art_wordset = _az_words(art_low)

    # ---- blocks from ingest
    boxes = list(lay.boxes)
    scaffolds = list(lay.scaffolds)
    chrome_blocks = len(lay.chrome)
    chrome_ev: list[tuple[str, int, int]] = list(lay.chrome)
    bp_chars = 0
    for bi, block in enumerate(doc.boilerplate):
        fname = f"boilerplate[{bi}]"
        text = block.text
        bp_chars += len(text.strip())
        kind = block.kind
        if kind not in ("recommendations", "scaffold", "chrome", "other"):
            continue
        first = _first_line(text)
        head = block.heading or (first[2] if first else "")
        if kind == "other":
            hkey = _head_key(head)
            if hkey in _REC_HEADS:
                kind = "recommendations"
            elif hkey in _SCAFFOLD_HEADS:
                kind = "scaffold"
        if kind == "recommendations":
            lines = _lines(text)
            items = [(s, e) for s, e, t in lines if _head_key(t) not in _REC_HEADS]
            heads = [(fname, s, e) for s, e, t in lines if _head_key(t) in _REC_HEADS]
            ppos = doc.page.find(head) if head and not heads else -1
            if ppos >= 0:  # the heading is not in the block: show it on the page
                heads.append(("page", ppos, ppos + len(head)))
            boxes.append(_Box(fname, head, items, heads[0] if heads else None))
        elif kind == "scaffold":
            pos = text.find(head) if head else -1
            ppos = doc.page.find(head) if head and pos < 0 else -1
            if pos >= 0:
                scaffolds.append((fname, pos, pos + len(head), head))
            elif ppos >= 0:  # the heading is not in the block: show it on the page
                scaffolds.append(("page", ppos, ppos + len(head), head))
            elif first:
                scaffolds.append((fname, first[0], first[1], block.heading or first[2]))
        elif kind == "chrome":
            chrome_blocks += 1
            if first:
                chrome_ev.append((fname, first[0], first[1]))

    # ---- in-body boilerplate
    for i, lab in enumerate(lay.labels):
        if lab in ("scaffold", "recommendations", "chrome", "source", "caption"):
            bp_chars += len(doc.paragraphs[i])
    total = bp_chars + len(art_low)
    boilerplate_share = bp_chars / total if total else None

    # ---- recommendation drift
    # the article's stems, built when a box needs them
    vocab = _stems(art_wordset) | _word_stems(lower_keeping_offsets(doc.title)) if boxes else set()
    drift_max: float | None = None
    drift_items: list[tuple[str, int, int]] = []
    farm_share = 0.0
    for box in boxes:
        ftext = field_text(doc, box.where)
        seen: set[str] = set()
        n_items = 0
        drifting: list[tuple[str, int, int]] = []
        for s, e in box.items:
            item = ftext[s:e]
            key = _norm(item)
            stems = _word_stems(lower_keeping_offsets(item))
            if key in seen or len(stems) < 3:
                continue
            seen.add(key)
            n_items += 1
            if len(stems & vocab) / len(stems) < 0.25:
                drifting.append((box.where, s, e))
        if n_items >= 2:
            share = len(drifting) / n_items
            drift_max = share if drift_max is None else max(drift_max, share)
            if share >= 0.5 and len(drifting) >= 3:
                # a box mostly about other things: a link farm
                farm_share = max(farm_share, share)
                drift_items.extend(drifting)
                if box.head_span is not None and len(ev) < 10:
                    hf, hs, he = box.head_span
                    ev.append(
                        evidence(
                            doc,
                            hf,
                            hs,
                            he,
                            f'link box "{_quote(box.heading, 40)}": {len(drifting)} of '
                            f"{n_items} stories unrelated to the article",
                        )
                    )
    for f, s, e in drift_items[:5]:
        item = field_text(doc, f)[s:e]
        ev.append(
            evidence(doc, f, s, e, f'recommendation box of unrelated stories: "{_quote(item)}"')
        )

    # ---- headline repetition and match
    title_repeats: float | None = None
    if tm.ok and doc.page:
        reps = _title_lines(doc.page, tm, low_body if doc.page == body else None)
        title_repeats = float(len(reps))
        if len(reps) >= repeat_floor:
            for s, e in reps[:6]:
                ev.append(
                    evidence(doc, "page", s, e, f"headline repeated {len(reps)} times on the page")
                )
    title_overlap: float | None = None
    figures_unmatched: float | None = None
    if doc.title.strip() and art_words >= 50:
        tstems = _word_stems(lower_keeping_offsets(doc.title))
        if len(tstems) >= 3:
            title_overlap = sum(_has_stem(t, art_wordset, art_low) for t in tstems) / len(tstems)
            if title_overlap < 0.5:
                ev.append(
                    evidence(
                        doc,
                        "title",
                        0,
                        len(doc.title),
                        "headline does not match the article: only "
                        f"{round(100 * title_overlap)}% of its words occur in the body",
                    )
                )
        body_figs: set[str] | None = None  # found when a title figure needs them
        figures_unmatched = 0.0
        for m in _FIGURE.finditer(doc.title):
            fig = m.group(0).replace(",", "")
            digits = sum(c.isdigit() for c in fig)
            is_year = len(fig) == 4 and fig[:2] in ("19", "20")
            around = doc.title[max(0, m.start() - 1) : m.end() + 1]
            if fig.count(".") > 1 or any(c in around for c in "/:-"):
                continue  # a date or time ("11.18.19", "3/4/2024", "10:30")
            # a big headline figure (not a listicle count or a year) the body never gives
            if digits >= 3 and not is_year and body_figs is None:
                body_figs = {f.replace(",", "") for f in _FIGURE.findall(art_low)}
            if digits >= 3 and not is_year and fig not in body_figs:  # type: ignore[operator]
                figures_unmatched += 1
                ev.append(
                    evidence(
                        doc,
                        "title",
                        m.start(),
                        m.end(),
                        f'headline figure "{m.group(0)}" does not appear in the article',
                    )
                )

    # ---- scaffolds and chrome
    for f, s, e, head in scaffolds[:5]:
        ev.append(evidence(doc, f, s, e, f'SEO scaffold "{_quote(head, 50)}"'))
    # HTML pages all have navigation; chrome counts as evidence when it is
    # inside the article text, or when the page came as (scraped) plain text
    shown_chrome = [c for c in chrome_ev if not html or c[0] == "body"]
    for f, s, e in shown_chrome[:3]:
        ev.append(evidence(doc, f, s, e, f'site chrome: "{_quote(field_text(doc, f)[s:e], 50)}"'))

    # ---- generic closers (last three article paragraphs)
    closer_sents: list[tuple[int, int]] = []
    # (the last paragraphs' words are among the article's words)
    for base, end in art_spans[-3:] if _CLOSERS.candidates(art_wordset) else ():
        plow = low_body[base:end]
        hits = _CLOSERS.spans(plow, _az_words(plow))
        if not hits:
            continue
        sents = sentence_spans(doc.paragraphs[art_idx[art_spans.index((base, end))]])
        for hs, _ in hits:
            s, e = _sentence_at(hs, sents)
            if e > s and (base + s, base + e) not in closer_sents:
                closer_sents.append((base + s, base + e))
    for s, e in closer_sents:
        ev.append(evidence(doc, "body", s, e, "generic closing line"))

    # ---- filler phrases
    filler_per_100: float | None = None
    if art_words:
        n_fill = 0
        k = 0
        for fs, fe in _FILLERS.spans(low_body, art_wordset):
            while k < len(art_spans) and art_spans[k][1] <= fs:
                k += 1
            if k < len(art_spans) and art_spans[k][0] <= fs:
                n_fill += 1
                if n_fill <= 5:
                    ev.append(evidence(doc, "body", fs, fe, f'filler phrase "{body[fs:fe]}"'))
        filler_per_100 = 100.0 * n_fill / _count_words(art_low) if n_fill else 0.0

    # ---- score
    n_scaffold = len(scaffolds)
    n_closers = len(closer_sents)
    parts: list[float] = []
    if n_scaffold:
        parts.append(0.55 if n_scaffold == 1 else 0.7)
    if farm_share:
        parts.append(0.45 * farm_share)
    parts.append(min(0.1, 0.03 * len(boxes)))
    if title_repeats is not None and title_repeats >= repeat_floor:
        parts.append(min(0.55, 0.25 + 0.15 * (title_repeats - repeat_floor)))
    if title_overlap is not None:
        parts.append(max(0.0, 0.5 - title_overlap))
    if figures_unmatched:
        parts.append(min(0.4, 0.25 * figures_unmatched))
    # an HTML page's navigation and footers are not the article's: on HTML
    # only site chrome inside the article text counts (in the score and, from
    # version 2, in the value ``chrome_blocks``, as for pasted plain text)
    n_chrome = len(lay.chrome) if html else chrome_blocks
    parts.append(min(0.25, 0.08 * n_chrome))
    if n_closers:
        parts.append(min(0.55, 0.35 + 0.1 * (n_closers - 1)))
    if filler_per_100:
        parts.append(min(0.4, 0.12 * filler_per_100))
    if boilerplate_share is not None:
        parts.append(0.3 * max(0.0, (boilerplate_share - 0.5) / 0.5))

    measurable = art_words > 0 or bool(doc.boilerplate)
    score = _noisy_or(parts) if measurable else None
    if not measurable:
        notes.append("no article text")
    values: dict[str, float | None] = {
        "boilerplate_share": boilerplate_share,
        "recommendation_blocks": float(len(boxes)),
        "recommendation_drift": drift_max,
        "title_repeats": title_repeats,
        "title_body_overlap": title_overlap,
        "title_figures_unmatched": figures_unmatched,
        "scaffold_blocks": float(n_scaffold),
        "chrome_blocks": float(n_chrome),
        "generic_closers": float(n_closers),
        "filler_per_100_words": filler_per_100,
    }
    return Measurement(
        score=score,
        values=values,
        evidence=ev,
        low_confidence=art_words < 80,
        notes=notes,
    )
