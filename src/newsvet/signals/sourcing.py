"""sourcing: what a reader can verify about where an article comes from.

NewsGuard-style checks that need the text alone:

- **byline**: ``metadata.author`` or a "By NAME" line near the headline (or a
  "Reporting by NAME" line at the end, or, for a press release, a person named
  in its contact block: "Media contact: Jane Doe, Press Officer"). A generic
  staff byline ("Newsroom", "Staff", "Admin", "Web Desk") or a press office
  names no author and counts as none.
- **date**: ``metadata.published`` or a date near the headline.
- **dateline**: a wire-style opening such as "WASHINGTON (Reuters) -".
- **links to sources**: hyperlinks in the body (HTML input only; ``None`` for
  plain text, where links cannot be seen), counted as external when the page's
  own domain is known; links to corrections / about / contact pages.
- **named sources**: quotes whose sentence names a speaker with a reporting
  verb, and "according to <Named Org>".
- **re-post markers**: "[Source: X]", "Originally published by", "This article
  first appeared on", a lone "via X" line, "(With inputs from X)".
- **labels**: "Sponsored", "Paid content", "Advertorial" (sponsored) and
  "Opinion", "Commentary", "Op-Ed" (opinion), on a line of their own by the
  article: the title, the top or the last paragraph of the body, a short
  block of the page, or the page from just before the headline to where the
  article text starts. Lines of the page's navigation, widgets, related-story
  lists and comment furniture (the boilerplate blocks of those kinds) are not
  labels of the article: a menu's "Opinion" or "Sponsored Content" item, an
  ad unit's "| SPONSORED" and an "ADVERTORIAL" over another story label other
  pages (version 3; version 2 counted them).

The score is higher when less can be verified: no named author, no date, a
re-post of another outlet's story, no named sources, no links (HTML only), a
sponsored label. An opinion label is reported but not scored: it is
disclosure, not a defect.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import chain
from operator import itemgetter
from urllib.parse import urlsplit

from ..ingest.document import Document
from ..segment import quote_spans, sentence_spans
from .base import (
    Evidence,
    Measurement,
    body_text,
    evidence,
    field_text,
    lower_keeping_offsets,
    register,
)
from .lexicon import lexicon_set, normalise

__all__ = ["sourcing"]

_VALUES = (
    "has_byline",
    "has_date",
    "has_dateline",
    "source_links",
    "policy_links",
    "named_sources",
    "repost_markers",
    "sponsored",
    "opinion",
)

_norm = normalise
_END = itemgetter(1)


_STAFF = lexicon_set("staff-bylines-v1")
# a byline whose last word is one of these names a desk, not a person
_STAFF_TAIL_WORDS = """staff desk team newsroom editors admin administrator reporter reporters
    correspondent correspondents writer writers bureau contributors wire wires
    agencies service"""
_STAFF_TAIL = frozenset(_STAFF_TAIL_WORDS.split())

# ------------------------------------------------------------------ byline
_NAME = (
    r"[A-Z][\w'’.\-]*(?:[ \t]+(?:[A-Z][\w'’.\-]*|de|van|von|der|da|di|del|la|le|bin|al|and|&)){0,5}"
)
_BYLINE = re.compile(
    rf"^[ \t•·*|>\-–—]*(?i:by|written by|posted by|words by|author|authors)[ \t]*:?[ \t]+"
    rf"(?:(?i:the)[ \t]+)?(?P<name>{_NAME})(?=[ \t]*(?:$|[,|•·/(\-–—]))",
    re.MULTILINE,
)
_TAIL_BYLINE = re.compile(
    rf"(?:^|[;(\n][ \t]*)(?i:reporting|writing|written|reported|additional reporting)[ \t]+"
    rf"(?i:by)[ \t]+(?P<name>{_NAME})",
    re.MULTILINE,
)
# a press release's contact block: "Media contact: Jane Doe, Press Officer" on
# one line or the heading alone with the name on the next line. The person
# who answers for the text, as a byline does for an article; a press office
# or a bare e-mail address names nobody.
_CONTACT_HEAD = (
    r"(?i:(?:media|press|news)[ \t]+(?:contacts?|enquiries|inquiries|relations|office)"
    r"|contacts?(?:[ \t]+for[ \t]+(?:the[ \t]+)?(?:media|press))?"
    r"|for[ \t]+(?:more|further)[ \t]+information"
    r"|for[ \t]+(?:media|press)[ \t]+(?:enquiries|inquiries)"
    r"|for[ \t]+interviews?)"
)
_CONTACT = re.compile(
    # an optional list number ("4. Media contact: ..."), the heading, the rest
    # of a sentence up to "contact" ("For more information, please contact"),
    # then the name on the same line or the next
    rf"(?:^|\n)[ \t]*(?:\d{{1,2}}[.)][ \t]+)?{_CONTACT_HEAD}(?:[^\n:]{{0,80}}?(?i:\bcontact))?"
    rf"[ \t]*:?(?:[ \t]*\n+)?[ \t]*(?P<name>{_NAME})"
    rf"(?=[ \t]*(?:$|\n|[,(\-–—]|[ \t]+(?:at|on|in|via)[ \t]))"
)
_CONTACT_NOT_PERSON = frozenset("office offices department unit team desk communications relations media press".split())
# its second alternative alone: past the first position, a match of "^" at a
# line start is also one of "\n" a character earlier (and the engine skips
# to the characters of [;(\n] in C)
_TAIL_BYLINE_AFTER = re.compile(_TAIL_BYLINE.pattern.replace("(?:^|", "(?:", 1))

# -------------------------------------------------------------------- date
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# matched on lower-cased text; every form starts with a digit or a month
_DATE = re.compile(
    rf"(?<!\w)(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH.lower()}\.?,?\s+(?:19|20)\d\d"
    rf"|{_MONTH.lower()}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|(?:19|20)\d\d-[01]\d-[0-3]\d"
    rf"|[0-3]?\d[/.][01]?\d[/.](?:19|20)\d\d"
    rf"|\d{{1,2}}\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago)(?!\w)"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# whether _DATE matches, found faster: its forms that start with a digit,
# written to start with \d (the engine skips to digits in C) and the
# look-behind read after it, or else a day and year ("5, 2024": how the
# month-first form ends) before _DATE itself is run
_DATE_DIGIT_FIRST = re.compile(
    rf"\d(?<!\w\d)(?:\d?(?:st|nd|rd|th)?\s+{_MONTH.lower()}\.?,?\s+(?:19|20)\d\d"
    r"|(?<=1)9\d\d-[01]\d-[0-3]\d|(?<=2)0\d\d-[01]\d-[0-3]\d"
    r"|(?<=[0-3])\d[/.][01]?\d[/.](?:19|20)\d\d|[/.][01]?\d[/.](?:19|20)\d\d"
    r"|\d?\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago)(?!\w)"
)
_DAY_YEAR = re.compile(r"\s\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d(?!\w)")


def _has_date(low: str) -> bool:
    """``_DATE.search(low) is not None``."""
    return bool(_DATE_DIGIT_FIRST.search(low) or (_DAY_YEAR.search(low) and _DATE.search(low)))


# ---------------------------------------------------------------- dateline
_DATELINE = re.compile(  # used with .match() at a paragraph start
    r"(?:[A-Z][A-Z'’.\-]{2,}(?:[ ][A-Z][A-Z'’.\-]+){0,3}"  # WASHINGTON / NEW YORK
    r"(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2})?"  # , Ukraine / , Calif.
    r"(?:,?[ ]" + _MONTH + r"\.?[ ]\d{1,2})?"  # , Nov 5
    r"[ ]*(?:\([A-Z][\w&.]*(?:[ ][A-Z][\w&.]*){0,3}\)[ ]*)?"  # (Reuters)
    r"|[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}[ ]\([A-Z][\w&.]*(?:[ ][A-Z][\w&.]*){0,3}\)[ ]*"
    r"|\([A-Z][\w&.]*(?:[ ][A-Z][\w&.]*){0,3}\)[ ]*"
    r")[-–—]{1,2}[ ]"
)

_DATELINE_DATE = re.compile(_MONTH + r"\.?[ ]\d")

# ----------------------------------------------------------------- sources
_REPORT_VERB = re.compile(
    r"\b(?:said|says|say|stated|states|told|tells|added|adds|noted|notes|warned|warns"
    r"|wrote|writes|explained|explains|asked|argued|argues|insisted|insists|claimed"
    r"|declared|announced|described|dismissed|called|mentioned|remarked|commented"
    r"|replied|responded|acknowledged|confirmed|denied|urged|emphasi[sz]ed|stressed"
    r"|posted|tweeted|highlighted|concluded|recalled|admitted|according to)\b"
)


def _by_first_letter(alternatives: list[str]) -> str:
    """An alternation of regexes that each start with a plain letter, grouped
    by that letter ("s(?:aid|ays)|..."): the same set of matches, tried with
    one letter test per group."""
    groups: dict[str, list[str]] = {}
    for w in alternatives:
        if not w[:1].isalpha():
            raise ValueError(f"not a word: {w!r}")
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items())


# _REPORT_VERB's words after a non-word character (so the engine skips to
# those in C); whether it matches is _REPORT_VERB.match or this search
_REPORT_VERB_AFTER = re.compile(
    r"\W(?:"
    + _by_first_letter(_REPORT_VERB.pattern.removeprefix(r"\b(?:").removesuffix(r")\b").split("|"))
    + r")\b"
)
# capitalised runs: "\b[A-Z][a-z'’\-]+(?:[ ][A-Z][a-z'’\-]+)+|\b[A-Z]{2,6}\b|\b[A-Z][a-z'’\-]{2,}\b"
# with the capital first (the engine skips to capitals in C) and \b read by a
# look-behind at the character before it
_CAP_RUN = re.compile(
    r"[A-Z](?<!\w[A-Z])(?:[a-z'’\-]+(?:[ ][A-Z][a-z'’\-]+)+|[A-Z]{1,5}\b|[a-z'’\-]{2,}\b)"
)
_CAP_STOP_WORDS = """The A An In On At For And But Or If As This That These Those It Its He She They
    We I You His Her Their Our Mr Mrs Ms Dr However While When After Before Despite
    Meanwhile Also According Some Many Most Such There Here What Who Why How Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December"""
_CAP_STOP = frozenset(_CAP_STOP_WORDS.split())
_ACCORDING = re.compile(
    r"\baccording to[ \t]+(?:the[ \t]+)?(?P<who>[A-Z][\w'’&.\-]*"
    r"(?:[ \t]+(?:of|for|and|on|the|[A-Z][\w'’&.\-]*)){0,6})"
)

# -------------------------------------------------------------- re-posts
# re-post markers, matched on the lower-cased text (case-insensitive matching
# is slow); each pattern runs only when one of its key words occurs
_REPOST = (
    (
        ("[",),
        re.compile(r"\[\s*(?:source|sources|via|courtesy(?: of)?|credit)\s*:\s*[^\]\n]{1,80}\]"),
    ),
    (
        ("originally",),
        re.compile(
            r"originally[ \t]+(?:published|appeared|posted)[ \t]+(?:by|on|in|at)\b[^\n]{0,80}"
        ),
    ),
    (
        ("appeared", "published", "posted"),
        re.compile(
            r"this[ \t]+(?:article|story|post|piece|report)[ \t]+(?:was[ \t]+)?"
            r"(?:originally[ \t]+|first[ \t]+)?(?:appeared|published|posted)[ \t]+(?:on|in|at|by)\b"
            r"[^\n]{0,80}"
        ),
    ),
    (
        ("republished", "reprinted", "reposted"),
        re.compile(
            r"re(?:published|printed|posted)[ \t]+(?:from|with[ \t]+permission|courtesy)\b[^\n]{0,80}"
        ),
    ),
    (("appeared",), re.compile(r"appeared[ \t]+first[ \t]+on\b[^\n]{0,80}")),
    (("original",), re.compile(r"read[ \t]+(?:the[ \t]+)?original[ \t]+(?:article|story)\b")),
    (("inputs",), re.compile(r"\(\s*with[ \t]+inputs?[ \t]+from[ \t]+[^)\n]{1,60}\)")),
    (("wire agency",), re.compile(r"published[ \t]+from[ \t]+a[ \t]+wire[ \t]+agency[ \t]+feed\b")),
)
# a line that is only "Source: X" (checked to start its line)
_SOURCE_TAIL = r"[ \t]*:[ \t]*(?!getty|shutterstock|file|ap photo)[^\s][^\n]{0,80}"
_SOURCE_LINE = re.compile(r"(?:sources?|courtesy(?: of)?)" + _SOURCE_TAIL)
# its two alternatives, each with a literal prefix the engine finds in C (a
# match holds no line break, so one found inside the other's match on the
# same line would not start its line either)
_SOURCE_LINES = (
    ("source", re.compile(r"sources?" + _SOURCE_TAIL)),
    ("courtesy", re.compile(r"courtesy(?: of)?" + _SOURCE_TAIL)),
)
# a line that is only "via X" / "(via X)" (on the original text: X is a name)
_VIA_LINE = re.compile(
    r"^[ \t]*\(?[Vv]ia[ \t]+[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3}\)?[ \t]*$", re.MULTILINE
)
# the same from "via" on (found from its first letter), and what may come
# before it on its line
_VIA_TAIL = re.compile(r"[Vv]ia[ \t]+[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3}\)?[ \t]*$", re.MULTILINE)
_VIA_HEAD = re.compile(r"[ \t]*\(?")
_PHOTO_CREDIT = re.compile(r"getty|shutterstock|\bphoto|\bimages?\b", re.IGNORECASE)

# ------------------------------------------------------------------ labels
# labels: matched (anchored) against one short line at a time
_SPONSORED_LINE = re.compile(
    r"[•·*|\[(\s]*(?:sponsored(?:\s+(?:content|post|story|article))?|paid\s+(?:content|post|"
    r"partnership)|advertorial|partner\s+content|promoted(?:\s+content)?|"
    r"brand(?:ed)?\s+content|advertisement\s+feature)[\s\])]*(?:[:|\-–—].*)?$",
    re.IGNORECASE,
)
_OPINION_LINE = re.compile(
    r"[•·*|\[(\s]*(?:opinion|commentary|op-ed|oped|editorial|column|perspective|viewpoint|"
    r"guest\s+column|guest\s+opinion)[\s\])]*(?:[:|\-–—].*)?$",
    re.IGNORECASE,
)
# label sentences, matched on lower-cased text when their key words occur
_SPONSORED_TEXT = re.compile(
    r"this[ \t]+(?:article|post|content|story)[ \t]+(?:is|was)[ \t]+"
    r"(?:sponsored|paid[ \t]+for|brought[ \t]+to[ \t]+you)\b"
)
_OPINION_TEXT = re.compile(
    r"the[ \t]+views[ \t]+expressed[ \t]+(?:in[ \t]+this[ \t]+(?:article|piece|column)[ \t]+)?"
    r"are[ \t]+(?:those[ \t]+of[ \t]+the[ \t]+author|the[ \t]+author'?s?)"
)
_URL_SPONSORED = re.compile(
    r"/(?:sponsored|partner-content|paid-post|advertorial)s?/", re.IGNORECASE
)
_URL_OPINION = re.compile(
    r"/(?:opinion|opinions|commentary|op-ed|oped|editorials?|columns?|columnists?|commentisfree)/",
    re.IGNORECASE,
)
_POLICY = re.compile(
    r"correction|about|contact|ethic|editorial[-_ ]?(?:policy|standards|guidelines)|masthead"
    r"|fact[-_ ]?check(?:ing)?[-_ ]policy|our[-_ ]team|who[-_ ]we[-_ ]are",
    re.IGNORECASE,
)
_SHARE = re.compile(r"sharer|/intent/|/share\?|mailto:|whatsapp:|javascript:", re.IGNORECASE)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().removeprefix("www.")


def _same_site(a: str, b: str) -> bool:
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _generic(name: str) -> bool:
    key = _norm(name)
    if not key or key in _STAFF:
        return True
    return key.split()[-1] in _STAFF_TAIL


def _regions(doc: Document) -> list[tuple[str, int, int]]:
    """Where a byline, date or label may sit: near the headline.

    Returns ``(field, start, end)`` windows: the title, the first paragraphs of
    the body, and the page around the headline (HTML pages put bylines outside
    the article text)."""
    out: list[tuple[str, int, int]] = [("title", 0, len(doc.title))]
    spans = doc.paragraph_spans()
    if spans:
        k = min(len(spans), 6) - 1
        out.append(("body", 0, min(spans[k][1], 2000)))
    page = doc.page
    if page and page != body_text(doc):
        pos = page.find(doc.title[:60]) if doc.title.strip() else -1
        if pos >= 0:
            out.append(("page", max(0, pos - 400), min(len(page), pos + len(doc.title) + 1500)))
        else:
            out.append(("page", 0, min(len(page), 2500)))
    return out


#: boilerplate kinds that hold other pages' links and labels, not this article's
_NOT_THIS_ARTICLE = frozenset({"chrome", "recommendations", "comments"})


def _furniture_lines(doc: Document) -> set[str]:
    """The stripped lines of the page's navigation, widgets, related-story
    lists and comment furniture (boilerplate blocks of those kinds)."""
    return {
        line.strip()
        for b in doc.boilerplate
        if b.kind in _NOT_THIS_ARTICLE
        for line in b.text.split("\n")
    }


def _page_label_window(doc: Document, s: int, e: int) -> tuple[str, int, int]:
    """The part of the page's window (see :func:`_regions`) where a label of
    the article may sit: it ends where the article text starts in the page,
    when that is found after the headline (what follows the article's first
    words is the article, or the page after it)."""
    page = doc.page
    title = doc.title[:60]
    pos = page.find(title, s, e) if title.strip() else -1
    if pos >= 0 and doc.paragraphs:
        first = doc.paragraphs[0].strip()[:60]
        start = page.find(first, pos + len(title), e) if first else -1
        if start >= 0:
            e = start
    return ("page", s, e)


def _reposts(text: str, low: str | None = None) -> list[tuple[int, int]]:
    """Spans of re-post markers in ``text`` (photo credits left out)."""
    if low is None:
        low = lower_keeping_offsets(text)
    # the key words of _REPOST, each looked up once
    has = {k: k in low for k in ("[", "original", "appeared", "published", "posted", "inputs")}
    has["originally"] = has["original"] and "originally" in low
    has["republished"] = has["published"] and "republished" in low
    has["reposted"] = has["posted"] and "reposted" in low
    has["reprinted"] = "reprinted" in low
    has["wire agency"] = has["published"] and "wire agency" in low
    out = [
        (m.start(), m.end())
        for keys, pat in _REPOST
        if any(has[k] for k in keys)
        for m in pat.finditer(low)
    ]
    for key, pat in _SOURCE_LINES:
        if key not in low:
            continue
        for m in pat.finditer(low):
            line_start = low.rfind("\n", 0, m.start()) + 1
            line_end = low.find("\n", m.end())
            if low[line_start : m.start()].strip() == "" and (
                line_end < 0 or low[m.end() : line_end].strip() == ""
            ):
                out.append((m.start(), m.end()))
    if "via " in low:
        # _VIA_LINE's matches: a tail whose line holds only blanks and "(" before it
        for m in _VIA_TAIL.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            if _VIA_HEAD.fullmatch(text, start, m.start()) is None:
                continue
            line = text[start : m.end()]
            if not _PHOTO_CREDIT.search(line):
                out.append((start + len(line) - len(line.lstrip()), m.end()))
    out.sort()
    keep: list[tuple[int, int]] = []
    for s, e in out:
        if not keep or s >= keep[-1][1]:
            keep.append((s, e))
    return keep


def _short_lines(text: str, s: int, e: int, limit: int = 100) -> list[tuple[int, int, str]]:
    """Stripped non-blank lines of ``text[s:e]`` no longer than ``limit``, with offsets."""
    out = []
    pos = s
    for raw in text[s:e].split("\n"):
        if len(raw) <= limit + 8:
            t = raw.strip()
            if t and len(t) <= limit:
                st = pos + len(raw) - len(raw.lstrip())
                out.append((st, st + len(t), t))
        pos += len(raw) + 1
    return out


def _line_matches(pat: re.Pattern[str], text: str, s: int, e: int) -> Iterator[re.Match[str]]:
    """``pat.finditer(text, s, e)`` for a MULTILINE pattern that starts with
    "^" and whose matches hold no line break: its match at each line start."""
    ls = s if s == 0 or text[s - 1] == "\n" else text.find("\n", s, e) + 1
    if ls == 0 and s > 0:
        return  # no line starts in the window
    while ls < e:
        m = pat.match(text, ls, e)
        if m:
            yield m
        nl = text.find("\n", ls, e)
        if nl < 0:
            return
        ls = nl + 1


def _sentence_at(pos: int, sents: list[tuple[int, int]]) -> tuple[int, int]:
    for s, e in sents:
        if s <= pos < e:
            return s, e
    return pos, pos


_ABBREV_WORDS = (
    "mr mrs ms dr prof sen rep gov gen col lt st jr sr no vs inc ltd co corp jan feb mar apr "
    "jun jul aug sep sept oct nov dec"
)
_ABBREV = frozenset(_ABBREV_WORDS.split())
_FIRST_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")


def _label_subject(doc: Document) -> tuple[str, int, int] | None:
    """A span to hang 'missing' evidence on: the title, else the opening
    sentence of the body (up to 300 characters)."""
    if doc.title.strip():
        return "title", 0, len(doc.title)
    if not doc.paragraphs:
        return None
    first = doc.paragraphs[0][:300]
    end = len(first)
    for m in _FIRST_SENTENCE_END.finditer(first):
        word = first[: m.start() + 1].rsplit(None, 1)[-1]
        if "." in word[:-1] or word[:-1].lower() in _ABBREV:
            continue  # "U.S.", "Mr.", "Jan."
        end = m.end()
        break
    return "body", 0, end


def _named_in(sentence: str, start_offset: int) -> bool:
    """A capitalised name in the sentence other than its first word."""
    for m in _CAP_RUN.finditer(sentence):
        words = [w for w in m.group(0).split() if w not in _CAP_STOP]
        if not words:
            continue
        if m.start() == start_offset and len(m.group(0).split()) == 1:
            continue  # a lone sentence-initial capital ("Officials said")
        return True
    return False


@register(
    "sourcing",
    version="3",
    values=_VALUES,
    description="What a reader can verify about provenance: byline, date, dateline, "
    "links, named sources, re-post markers, sponsored/opinion labels.",
)
def sourcing(doc: Document, *, lang: str = "en") -> Measurement:
    """What a reader can verify about the article's provenance."""
    ev: list[Evidence] = []
    notes: list[str] = []
    body = body_text(doc)
    low_body = lower_keeping_offsets(body)
    md = doc.metadata
    regions = _regions(doc)
    subject = _label_subject(doc)

    # ---- byline
    has_byline = 0.0
    generic_seen: tuple[str, int, int, str] | None = None
    if md.author and md.author.strip():
        if _generic(md.author):
            notes.append(f"generic author in metadata: {md.author.strip()!r}")
        else:
            has_byline = 1.0
    if not has_byline:
        for fname, s, e in regions:
            text = field_text(doc, fname)
            for m in _line_matches(_BYLINE, text, s, e):
                name = m.group("name").strip()
                line_end = text.find("\n", m.start())
                line_len = (len(text) if line_end < 0 else line_end) - m.start()
                if name.split()[0] in _CAP_STOP or line_len > 100:
                    continue  # "By October 2024, ...", "By Christmas, the council had ..."
                if _generic(name):
                    if generic_seen is None:
                        generic_seen = (fname, m.start(), m.end(), name)
                else:
                    has_byline = 1.0
                    break
            if has_byline:
                break
            if generic_seen is None and fname != "title":
                # a lone staff line ("Newsroom") under the headline
                for ls, le, line in _short_lines(text, s, e, limit=30):
                    if _norm(line) in _STAFF:
                        generic_seen = (fname, ls, le, line)
                        break
    if not has_byline and doc.paragraphs:
        tail_start = doc.paragraph_spans()[max(0, len(doc.paragraphs) - 2)][0]
        first = _TAIL_BYLINE.match(body, tail_start)
        after = _TAIL_BYLINE_AFTER.finditer(body, first.end() if first else tail_start + 1)
        for m in chain((first,) if first else (), after):
            if not _generic(m.group("name")):
                has_byline = 1.0
                break
    if not has_byline and doc.paragraphs:
        # a press release names the person who answers for it at the end
        spans = doc.paragraph_spans()
        tail_start = spans[max(0, len(spans) - 6)][0]
        for m in _CONTACT.finditer(body, tail_start):
            name = m.group("name").strip()
            words = name.split()
            if (
                len(words) >= 2
                and not _generic(name)
                and words[0] not in _CAP_STOP
                and words[-1].lower() not in _CONTACT_NOT_PERSON
            ):
                has_byline = 1.0
                notes.append(f"byline from the press contact: {name!r}")
                break
    if not has_byline:
        if generic_seen is not None:
            f, s, e, name = generic_seen
            ev.append(
                evidence(
                    doc, f, s, e, f'generic staff byline "{name}": the article names no author'
                )
            )
        elif subject is not None:
            ev.append(evidence(doc, *subject, "no byline: the article names no author"))

    # ---- dateline
    has_dateline = 0.0
    dated_dateline = False  # "SEOUL, Nov 5 (Reuters) -"
    for s, e in doc.paragraph_spans()[:5]:
        dl = _DATELINE.match(body, s, min(e, s + 120))
        if dl:
            has_dateline = 1.0
            dated_dateline = _DATELINE_DATE.search(dl.group(0)) is not None
            break

    # ---- date
    has_date = 1.0 if md.published is not None or dated_dateline else 0.0
    if not has_date:
        for fname, s, e in regions:
            low = lower_keeping_offsets(field_text(doc, fname)[s:e])
            # every date form holds a year or "ago": a cheap test first
            # (_DATE's leading look-behind makes it try every position)
            if ("ago" in low or _YEAR.search(low)) and _has_date(low):
                has_date = 1.0
                break
    if not has_date and subject is not None:
        ev.append(evidence(doc, *subject, "no publication date"))

    # ---- links
    source_links: float | None = None
    policy_links: float | None = None
    if md.source_type in ("html", "url"):
        own = md.domain.lower().removeprefix("www.") if md.domain else _host(md.url)
        n_src = 0
        n_pol = 0
        for link in doc.links:
            href = link.href.strip()
            if not href or href.startswith("#") or _SHARE.search(href):
                continue
            if _POLICY.search(href) or _POLICY.search(link.text):
                n_pol += 1
                continue
            host = _host(href) if "//" in href else None
            if host is None:
                continue  # relative link: same site
            if own is None or not _same_site(host, own):
                n_src += 1
        source_links = float(n_src)
        policy_links = float(n_pol)
        if n_src == 0 and subject is not None:
            ev.append(evidence(doc, *subject, "no links to primary sources"))

    # ---- named sources
    quotes = quote_spans(body)
    # _ACCORDING reads "according to" in lower case only
    has_according = "according to" in body
    sents = sentence_spans(body) if quotes or has_according else []
    credited: set[tuple[int, int]] = set()
    if quotes:
        # the sentences holding (part of) a quote, in order; spans are sorted
        # and do not overlap, so their ends are sorted too
        n_sents = len(sents)
        quoted: set[int] = set()
        for qs, qe in quotes:
            i = bisect_right(sents, qs, key=_END)
            while i < n_sents and sents[i][0] < qe:
                quoted.add(i)
                i += 1
        for i in sorted(quoted):
            s, e = sents[i]
            inside = []
            for q in quotes[bisect_right(quotes, s, key=_END) :]:
                if q[0] >= e:
                    break
                inside.append(q)
            # the sentence without its quotes must name a speaker and a verb
            rest = body[s:e]
            for qs, qe in reversed(inside):
                a, b = max(qs, s) - s, min(qe, e) - s
                rest = rest[:a] + " " * (b - a) + rest[b:]
            if (_REPORT_VERB.match(rest) or _REPORT_VERB_AFTER.search(rest)) and _named_in(
                rest, len(rest) - len(rest.lstrip())
            ):
                credited.add((s, e))
    if has_according:
        # _ACCORDING's matches start at "according to": found by str.find
        pos = body.find("according to")
        while pos >= 0:
            ma = _ACCORDING.match(body, pos)
            if ma is None:
                pos = body.find("according to", pos + 1)
                continue
            if ma.group("who").split()[0] not in _CAP_STOP:
                credited.add(_sentence_at(ma.start(), sents))
            pos = body.find("according to", ma.end())
    named = len(credited)

    # ---- re-post markers
    repost: list[tuple[str, int, int]] = []
    for i, block in enumerate(doc.boilerplate):
        found = [
            (f"boilerplate[{i}]", s, e)
            for s, e in _reposts(block.text)
            if not (block.kind == "caption" and _PHOTO_CREDIT.search(block.text[s:e]))
        ]
        if not found and block.kind == "source" and block.text.strip():
            t = block.text
            found = [(f"boilerplate[{i}]", len(t) - len(t.lstrip()), len(t.rstrip()))]
        repost.extend(found)
    repost[:0] = [("body", s, e) for s, e in _reposts(body, low_body)]
    if not repost and doc.page and doc.page != body:
        repost = [("page", s, e) for s, e in _reposts(doc.page)]
    for f, s, e in repost[:5]:
        text = field_text(doc, f)[s:e].strip()
        ev.append(evidence(doc, f, s, e, f're-post of another outlet\'s story: "{text[:80]}"'))

    # ---- labels
    sponsored = 0.0
    opinion = 0.0
    label_areas = [_page_label_window(doc, s, e) if f == "page" else (f, s, e) for f, s, e in regions]
    for bi, block in enumerate(doc.boilerplate):
        if len(block.text) <= 300 and block.kind not in _NOT_THIS_ARTICLE:
            label_areas.append((f"boilerplate[{bi}]", 0, len(block.text)))
    if doc.paragraphs:
        label_areas.append(("body", doc.paragraph_spans()[-1][0], len(body)))
    furniture: set[str] | None = None  # lines of navigation etc., when first needed
    for fname, s, e in label_areas:
        text = field_text(doc, fname)
        for ls, le, line in _short_lines(text, s, e):
            is_sponsored = not sponsored and _SPONSORED_LINE.match(line) is not None
            is_opinion = not opinion and _OPINION_LINE.match(line) is not None
            if (is_sponsored or is_opinion) and fname == "page":
                if furniture is None:
                    furniture = _furniture_lines(doc)
                if line in furniture:
                    continue
            if is_sponsored:
                sponsored = 1.0
                ev.append(evidence(doc, fname, ls, le, "labelled as sponsored content"))
            if is_opinion:
                opinion = 1.0
                ev.append(evidence(doc, fname, ls, le, "labelled as opinion"))
        low = lower_keeping_offsets(text[s:e])
        for flag, keys, pat, reason in (
            (
                sponsored,
                ("sponsored", "paid for", "brought to you"),
                _SPONSORED_TEXT,
                "labelled as sponsored content",
            ),
            (opinion, ("views expressed",), _OPINION_TEXT, "labelled as opinion"),
        ):
            if flag or not any(k in low for k in keys):
                continue
            hit = pat.search(low)
            if hit:
                ev.append(evidence(doc, fname, s + hit.start(), s + hit.end(), reason))
                if pat is _SPONSORED_TEXT:
                    sponsored = 1.0
                else:
                    opinion = 1.0
    if md.url:
        if not sponsored and _URL_SPONSORED.search(md.url):
            sponsored = 1.0
            notes.append("URL path marks the page as sponsored")
        if not opinion and _URL_OPINION.search(md.url):
            opinion = 1.0
            notes.append("URL path marks the page as opinion")

    # ---- score
    # the word count up to 81 (all the score needs: none, or at least 80)
    words = len(body.split(None, 80))
    score: float | None
    if words == 0:
        score = None
        notes.append("no article text")
    else:
        score = 0.0
        score += 0.3 * (1.0 - has_byline)
        score += 0.2 * (1.0 - has_date)
        score += 0.3 if repost else 0.0
        score += 0.15 if (source_links == 0) else 0.0
        score += 0.15 if (named == 0 and words >= 80) else 0.0
        score += 0.25 * sponsored
        score = min(1.0, score)
    values: dict[str, float | None] = {
        "has_byline": has_byline,
        "has_date": has_date,
        "has_dateline": has_dateline,
        "source_links": source_links,
        "policy_links": policy_links,
        "named_sources": float(named),
        "repost_markers": float(len(repost)),
        "sponsored": sponsored,
        "opinion": opinion,
    }
    return Measurement(
        score=score,
        values=values,
        evidence=ev,
        low_confidence=words < 80,
        notes=notes,
    )
