"""Plain text in, a :class:`Document` out.

Text copied from a web page carries the page with it: a headline printed two
or three times, a subtitle, a byline and a date, site chrome ("CLOSE",
"Loading...", a weather widget, breadcrumbs, tags), SEO scaffolds ("What You
Will Learn"), link lists ("You Might Also Like"), photo captions, re-post
markers ("[Source: ...]") and a comment section. :func:`parse_text` sorts the
lines into the title, the article paragraphs, the comments and boilerplate
blocks. Each line is looked at a bounded number of times with anchored
regular expressions, so the work is linear in the input.

How it proceeds:

1. Split into non-blank lines, remembering which blank-line separated chunk
   each belongs to. Bullets and odd whitespace are stripped for values.
2. Find the comment section: an "N Comments" header after some article prose,
   followed by comments (optional avatar line, author line, date line, text),
   ending at "Write a comment" / "Leave a Reply" or a new block heading.
3. Read the header: leading chrome, dates and bylines; the headline; then up
   to a few lines holding repeats of the headline, bylines, dates, a staff
   byline ("Newsroom") and, between them, a subtitle (dek).
4. Everything else: block headings open a block that takes the short lines
   after them; captions, source markers and chrome lines become blocks; what
   is left is the article, one paragraph per line (hard-wrapped chunks are
   joined).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from ..errors import EmptyDocumentError
from .detect import check_text_size, detect_language, parse_date, strip_invisible
from .document import Block, Comment, Document, Metadata

try:  # hand-written C for the word tests of lines, where built and used
    from .._speedups import mentions as _c_mentions
except ImportError:
    _c_mentions = None

__all__ = [
    "classify_heading",
    "domain_of",
    "is_caption",
    "is_chrome_line",
    "is_source_marker",
    "parse_text",
]

#: lines of the page top searched for chrome, dates and bylines before the headline
HEADER_LEAD_LINES = 12
#: lines after the headline searched for repeats, bylines, dates and a subtitle
HEADER_TAIL_LINES = 8
#: non-marker lines allowed between the headline and the last header marker
MAX_DEK_LINES = 2
#: longest subtitle (dek)
MAX_DEK_CHARS = 400
#: longest headline
MAX_TITLE_CHARS = 250
MAX_TITLE_WORDS = 35
#: longest line taken as an item of a scaffold or link list
MAX_ITEM_CHARS = 160
MAX_ITEM_WORDS = 28
#: a comment header counts only after a line of article prose this long (words)
MIN_PROSE_WORDS = 15
#: lines after a comment header searched for the first comment's date
COMMENT_LOOKAHEAD = 8
#: longest line taken for site chrome such as "CLOSE" or "© 2024 Site"
MAX_CHROME_CHARS = 100
#: longest commenter name
MAX_NAME_CHARS = 60
MAX_NAME_WORDS = 6

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_BULLET_GLYPHS = "•●▪◦‣∙○■□►▸◆·"
_BULLET_START = _BULLET_GLYPHS + "-*–"
_BULLET_RE = re.compile(r"^(?:[•●▪◦‣∙○■□►▸◆·]\s*|[-*–]\s+)")
_WS_RE = re.compile(r"\s+")
_TERMINAL = (".", "!", "?", "…", ".”", '."', "!”", "?”", ".’", ".)")

# ----------------------------------------------------------------- line kinds

_CHROME_RE = re.compile(
    r"(?:close|x|×|✕|✖|menu|main menu|search|search for:?|subscribe|subscribe now|sign in|sign up|"
    r"log ?in|log out|register|my account|share|share this|share this (?:article|story|post)|"
    r"share (?:on|via) \w+|tweet|e-?mail|print|print this (?:article|page)|comments?|"
    r"skip to (?:main )?content|skip to navigation|advertisement|advertising|advert|ad|ads|"
    r"sponsored|sponsored content|paid content|promoted|loading|loading\s*(?:\.{2,3}|…)|"
    r"please wait\s*(?:\.{2,3}|…)?|back to top|top|next|previous|prev|next (?:article|post|story)|"
    r"previous (?:article|post|story)|home|homepage|follow us|follow us on \w+|newsletter|"
    r"sign up for our newsletter|cookie settings|cookies?|accept(?: all)?(?: cookies)?|"
    r"facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|instagram|youtube|tiktok|"
    r"copy link|link copied|listen|listen to (?:this )?article|\d{1,3} min(?:ute)?s? read|"
    r"reading time:?\s*\d{1,3} min(?:ute)?s?|breaking|breaking news|live|watch|video|photos?|"
    r"gallery|open in app|get the app|download the app|continue reading|show more|show less|"
    r"see more|view all|view comments|more|read full article|hide|expand|collapse|toggle|"
    r"(?:[\w&]{1,20}(?: [\w&]{1,20}){0,2}: )?(?:latest|recent|top|trending|popular|most read|"
    r"most popular|editor'?s picks?|featured) ?(?:articles|news|stories|posts)?|"
    r"all rights reserved\.?|©.{0,80}|\(c\) ?\d{4}.{0,60}|copyright ©?.{0,80}|"
    r"privacy policy|terms(?: of (?:use|service))?|contact us|about us|"
    r"\d[\d.,]{0,8}\s?[km]?\s(?:shares?|views?|likes?|reads?|reactions?)|"
    r"(?:image|photo|video)\s*\d{1,3}\s*(?:/|of)\s*\d{1,3}|\d{1,3}\s*/\s*\d{1,3})",
    re.IGNORECASE,
)
_WEATHER_RE = re.compile(r"-?\d{1,3}\s?°\s?[cf]?\b[^.!?\d]{0,40}", re.IGNORECASE)
_BREADCRUMB_RE = re.compile(r"[^/›»>|.!?]{1,40}(?:\s*[/›»>]\s*[^/›»>|.!?]{1,40}){1,6}")
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*[/›»>]\s*")
_PIPE_LIST_RE = re.compile(r"[^|.!?]{1,40}(?:\s*\|\s*[^|.!?]{1,40}){2,20}")
_STAFF_RE = re.compile(
    r"(?:by\s+)?(?:the\s+)?(?:newsroom|news ?room staff|staff|staff writer|staff reporter|"
    r"editorial(?: team| staff| desk| board)?|news desk|newsdesk|web desk|digital desk|"
    r"online desk|desk|admin|administrator|editor|editors|team|[\w.&'-]{1,30} (?:staff|news desk|"
    r"newsroom|desk|editorial team|team|editors))",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"(?:by|written by|words by|posted by|story by|reporting by|author|authors|byline)\s*[:\-]?\s+(.{2,160})",
    re.IGNORECASE,
)
_NAME_DATE_SEP_RE = re.compile(r"\s+on\s+|\s*[|•·]\s*|\s+[—–-]\s+|,\s*|\s+(?:says|wrote)\s*:?\s*")
_NAME_WORD_RE = re.compile(
    r"[A-ZÀ-ÞŁŚŻŹĆŃ][\w'’.-]{0,30}|[A-Z]\.|(?:and|&|de|da|del|der|van|von|bin|al|la|le|du|el|y|,)"
)
_NOT_NAMES = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "the",
        "a",
        "an",
        "this",
        "that",
        "staff",
        "newsroom",
        "admin",
    ]
)
_CAPTION_START_RE = re.compile(
    r"(?:\(?(?:photo|photos|photograph|picture|image|images|credit|credits|photo credit|"
    r"image credit|image source|file photo|pictured)\s*(?::|by\b|/|–|—)|\[(?:photo|image|caption)\b)",
    re.IGNORECASE,
)
_CAPTION_CREDIT_RE = re.compile(
    r"(?:via\s+(?:getty images|reuters|ap|afp|shutterstock|istock|alamy|wikimedia(?: commons)?|"
    r"unsplash|pexels|zuma|abaca|bloomberg|sipa|epa)"
    r"|getty images|shutterstock|istockphoto|istock|alamy stock photo|\bap photo\b[^)]{0,60}|"
    r"/\s?(?:afp|reuters|ap|epa|getty|anadolu|xinhua|yonhap|tass|ria novosti|sputnik|kcna)"
    r"(?:\s+via\s+[\w ]{2,30})?"
    r"|\((?:photo|image|credit)[^)]{0,80}\)|(?:photo|image|credit)\s*:\s*[^.]{2,80})"
    r"\s*\)?\s*\.?\s*$",
    re.IGNORECASE,
)
_SOURCE_RE = re.compile(
    r"(?:\[\s*(?:source|sources|via|from|originally published (?:by|at|on|in))\s*:?\s*[^\]]{1,120}\]"
    r"|\(\s*(?:source|sources|via)\s*:\s*[^)]{1,120}\)"
    r"|(?:source|sources|via|originally published (?:by|at|on|in)|this (?:article|story|post) "
    r"(?:was )?(?:originally |first )?(?:published|appeared|posted) (?:on|in|at|by)|"
    r"republished (?:from|with permission from)|content (?:originally )?from)\s*:?\s*[^.!?]{1,120}\.?)",
    re.IGNORECASE,
)
_SCAFFOLD_HEADING_RE = re.compile(
    r"(?:what (?:you will|you'll|you’ll|we will|we'll) (?:learn|discover|find out|cover)|"
    r"what you need to know|key takeaways?|key points|key facts|key highlights|main points|"
    r"in this (?:article|post|guide|story)|table of contents|contents|article contents|"
    r"highlights|at a glance|tl;?dr|quick facts|quick summary|summary|article summary|in brief|"
    r"jump to|faqs?|frequently asked questions|people also ask|why it matters|the bottom line|"
    r"overview|takeaways?)\s*:?",
    re.IGNORECASE,
)
_RECOMMENDATION_HEADING_RE = re.compile(
    r"(?:you (?:might|may) also (?:like|enjoy)|you might be interested in|"
    r"article recommendations?|recommended(?: (?:for you|articles|stories|reading|posts))?|"
    r"related(?: (?:articles?|stories|posts|news|content|coverage|reading|topics))?|"
    r"more (?:stories|articles|news|from [\w .'’&-]{1,40}|on this (?:story|topic)|like this)|"
    r"read (?:more|next|also)|also read|see also|don'?t miss|must read|"
    r"you may have missed|more to explore|from around the web|around the web|"
    r"promoted (?:stories|links)|sponsored (?:stories|links)|other (?:news|stories))\s*:?",
    re.IGNORECASE,
)
_WEAK_LINK_RE = re.compile(
    r"(?:details|read more|more|continue reading|learn more|see more|view more|full story|"
    r"read full (?:story|article)|click here|watch|view)\s*(?:»|›|>|→)?",
    re.IGNORECASE,
)
_INLINE_RELATED_RE = re.compile(
    r"(?:related|read more|read also|also read|see also|recommended|don'?t miss|must read|read next)"
    r"\s*[:|–—-]\s*(\S.{0,200})",
    re.IGNORECASE,
)
_CHROME_HEADING_RE = re.compile(
    r"(?:tags?|tagged|tagged with|topics?|categories|category|filed under|keywords|share this|"
    r"share this article|follow us|trending(?: now)?|trending topics|most read|most popular|"
    r"popular(?: now)?|latest|latest (?:news|articles|stories|posts)|"
    r"(?:[\w&]{1,20}(?: [\w&]{1,20}){0,2}: )?latest (?:news|articles|stories|posts)|"
    r"editor'?s picks?|newsletter)\s*:?",
    re.IGNORECASE,
)
_COMMENT_HEADER_RE = re.compile(
    r"(?:(?:\d{1,6}|one|no|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:comments?|responses?|replies|thoughts? on .{1,200}|reactions?|(?:reader )?comments? on .{1,200}|"
    r"responses? to .{1,200})"
    r"|comments?\s*\(\d{1,6}\)|(?:reader |user )?comments?|discussion|join the discussion|"
    r"conversation|join the conversation|what (?:readers|people) are saying)\s*:?",
    re.IGNORECASE,
)
_COMMENT_END_RE = re.compile(
    r"(?:write|leave|post|add|submit|make|drop) (?:a |your |new )?(?:comment|reply|response)|"
    r"leave a reply|cancel reply|post comment|post a comment|submit comment|add comment|"
    r"comment form|load more comments|view more comments|show more comments|"
    r"comments are closed\.?|you must be logged in to post a comment\.?",
    re.IGNORECASE,
)
_COMMENT_FORM_RE = re.compile(
    r"(?:name|name \*|email|email \*|e-mail|website|url|comment|comment \*|your comment|"
    r"your name|your email|submit|send|post|save my name.{0,200}|notify me.{0,200}|"
    r"your email address will not be published\.?.{0,200}|required fields are marked.{0,40}|"
    r"\*|cancel|you must be logged in.{0,100}|logged in as.{0,100}|"
    r"this site uses akismet.{0,200})",
    re.IGNORECASE,
)
_FURNITURE_WORD = (
    r"(?:reply|reply ?↓|replies|like|likes|\d{1,5} likes?|report|report comment|flag|share|edit|"
    r"delete|permalink|quote|upvote|downvote|\d{1,5} repl(?:y|ies)|\d{1,5} points?)"
)
_COMMENT_FURNITURE_RE = re.compile(
    rf"(?:{_FURNITURE_WORD}(?:\s*[·•|]?\s*{_FURNITURE_WORD}){{0,5}}|log ?in to reply|"
    r"show (?:more )?replies|hide replies|view replies|load more replies|"
    r"sort by:?.{0,30}|newest|oldest|best|top comments|awaiting moderation\.?|"
    r"your comment is awaiting moderation\.?)",
    re.IGNORECASE,
)
_AVATAR_RE = re.compile(
    r"(?:image placeholder|placeholder|avatar|user avatar|default avatar|profile (?:image|picture|photo|pic)|"
    r"\[?image\]?|\[?img\]?|gravatar|user icon|user image|photo of .{1,60}|avatar (?:of|for) .{1,60}|"
    r".{1,60}(?:'s|’s) avatar|.{1,60} avatar)",
    re.IGNORECASE,
)
_SAYS_RE = re.compile(r"(.{1,60}?)\s+(?:says|said|wrote|writes)\s*:", re.IGNORECASE)
_NON_WORD_RE = re.compile(r"[\W_]+")
# cheap tests that rule most lines out before the full patterns run
_DIGIT_RE = re.compile(r"\d")
_RELATIVE_WORDS = ("ago", "yesterday", "today", "just now")
_SOURCE_WORDS = ("source", "via", "publish", "appeared", "posted", "from")
_COMMENT_WORDS = ("comment", "respons", "repl", "thought", "reaction", "discussion",
                  "conversation", "saying")  # fmt: skip
_CAPTION_WORDS = ("getty", "shutterstock", "istock", "alamy", "photo", "image", "credit",
                  "pictured", "/", "via ", "[")  # fmt: skip
_BYLINE_START_RE = re.compile(r"(?:by|written|words|posted|story|reporting|author)", re.IGNORECASE)
_INITIAL_END_RE = re.compile(r"(?:^|\s)(?:[A-Z]|Jr|Sr|Dr|St)\.$")
_CAPS_LABEL_RE = re.compile(r"[A-Z0-9][A-Z0-9&'’ ./-]{1,40}")
# the release label a press release opens with: the publisher's format, not
# site chrome
_RELEASE_LABEL_RE = re.compile(
    r"(?:for immediate release|immediate release|(?:news|press|media) release"
    r"|for release (?:on|at|from) [^\n]{1,60}|embargoed(?: (?:until|till|to|for))?(?: [^\n]{1,60})?"
    r"|under embargo(?: until [^\n]{1,60})?|not for (?:publication|release) before [^\n]{1,60})"
    r"[ \t.:!]*",
    re.IGNORECASE,
)


def _norm(value: str) -> str:
    """Key for comparing headlines: case- and punctuation-insensitive."""
    return _NON_WORD_RE.sub(" ", value).strip().lower()


def _same_headline(value: str, key: str | None) -> bool:
    """Whether ``value`` is the headline whose _norm key is ``key``."""
    return key is not None and abs(len(value) - len(key)) <= 10 and _norm(value) == key


def _mentions(value: str, words: tuple[str, ...]) -> bool:
    """Whether ``value`` contains one of ``words`` (lower case), ignoring case: a cheap
    test that rules most lines out before a full pattern runs."""
    if _c_mentions is not None:
        # in C (newsvet._speedups): the line is lower-cased once for all words
        return _c_mentions(value, words)
    return _mentions_reference(value, words)


def _mentions_reference(value: str, words: tuple[str, ...]) -> bool:
    """:func:`_mentions` in Python (``newsvet._speedups.mentions`` is tested against it)."""
    return any(map(value.lower().__contains__, words))


def _dateish(value: str) -> bool:
    """Whether ``value`` could hold a date: a digit or a relative word ("2 days ago")."""
    return _DIGIT_RE.search(value) is not None or _mentions(value, _RELATIVE_WORDS)


def is_chrome_line(value: str) -> bool:
    """Site chrome: UI words, weather widgets, breadcrumbs, pipe-separated nav/tag lists."""
    if not value:
        return False
    if len(value) <= MAX_CHROME_CHARS and (
        _CHROME_RE.fullmatch(value) or _WEATHER_RE.fullmatch(value)
    ):
        return True
    if (
        len(value) <= 200
        and ("/" in value or "›" in value or "»" in value or ">" in value)
        and _BREADCRUMB_RE.fullmatch(value)
        and _short_parts(_BREADCRUMB_SPLIT_RE.split(value))
    ):
        return True
    if len(value) <= 300 and value.count("|") >= 2 and _PIPE_LIST_RE.fullmatch(value):
        return _short_parts(value.split("|"))
    return False


def _short_parts(parts: list[str]) -> bool:
    parts = [p.strip() for p in parts]
    return all(p and len(p.split()) <= 4 for p in parts)


def _is_caps_label(value: str) -> bool:
    return (
        len(value) <= 40
        and len(value.split()) <= 4
        and sum(ch.isalpha() for ch in value) >= 2
        and value.upper() == value
        and _CAPS_LABEL_RE.fullmatch(value) is not None
    )


def is_caption(value: str) -> bool:
    """A photo caption or credit line ("... via Getty Images", "Photo: ...")."""
    if len(value) > 600:
        return False
    if _CAPTION_START_RE.match(value):
        return _mentions(value, _CAPTION_WORDS)
    tail = value[-120:]
    # every credit the pattern finds holds one of the words: in printable
    # ASCII (a space the only white space, case folding as str.lower does)
    # the tail holding none rules the search out; otherwise the whole line
    scope = tail if tail.isascii() and tail.isprintable() else value
    return _mentions(scope, _CAPTION_WORDS) and _CAPTION_CREDIT_RE.search(tail) is not None


def is_source_marker(value: str) -> bool:
    """A re-post marker: "[Source: Outlet]", "Source: Outlet", "Originally published by ..."."""
    return (
        len(value) <= 160
        and _mentions(value, _SOURCE_WORDS)
        and _SOURCE_RE.fullmatch(value) is not None
    )


def classify_heading(value: str) -> tuple[str, bool] | None:
    """(block kind, strong) when ``value`` is a heading that introduces a block.

    Strong headings always open a new block; weak ones ("Details", "Read more")
    only continue a link list or stand alone as chrome.
    """
    if len(value) > 80:
        return None
    if _SCAFFOLD_HEADING_RE.fullmatch(value):
        return "scaffold", True
    if _RECOMMENDATION_HEADING_RE.fullmatch(value):
        return "recommendations", True
    if _CHROME_HEADING_RE.fullmatch(value):
        return "chrome", True
    if _WEAK_LINK_RE.fullmatch(value):
        return "recommendations", False
    return None


def _is_comment_header(value: str) -> bool:
    return (
        len(value) <= 240
        and _mentions(value, _COMMENT_WORDS)
        and _COMMENT_HEADER_RE.fullmatch(value) is not None
    )


def _is_comment_end(value: str) -> bool:
    return len(value) <= 80 and _COMMENT_END_RE.fullmatch(value) is not None


def _is_staff_byline(value: str) -> bool:
    return len(value) <= 50 and _STAFF_RE.fullmatch(value) is not None


def _is_person_name(value: str) -> bool:
    """A byline name: one to six capitalised words (connectors such as "and" allowed)."""
    if not value or len(value) > 100 or any(ch.isdigit() for ch in value):
        return False
    words = value.replace(",", " , ").split()
    if not 1 <= len([w for w in words if w != ","]) <= 8:
        return False
    if words[0].lower() in _NOT_NAMES:
        return False
    return all(_NAME_WORD_RE.fullmatch(w) for w in words)


def _split_name_date(value: str, *, now: datetime | None) -> tuple[str, datetime | None]:
    """Split "NAME | March 3, 2024" / "NAME on 3 Mar 2024" / "NAME, 2 days ago" at the first
    separator whose remainder is a date; (value, None) when there is none."""
    for m in _NAME_DATE_SEP_RE.finditer(value):
        tail = value[m.end() :]
        if tail and _dateish(tail):
            d = parse_date(tail, now=now)
            if d is not None:
                return value[: m.start()].strip(" ,;:"), d
    return value.strip(" ,;:"), None


def _parse_byline(value: str, *, now: datetime | None) -> tuple[str, datetime | None] | None:
    """(author, date or None) for "By NAME", "By NAME | March 3, 2024", "by NAME on 3 Mar 2024"."""
    if len(value) > 200 or _BYLINE_START_RE.match(value) is None:
        return None
    m = _BYLINE_RE.fullmatch(value)
    if not m:
        return None
    name, date = _split_name_date(m.group(1).strip(), now=now)
    if not _is_person_name(name):
        return None
    return name, date


def _is_headline(value: str) -> bool:
    words = value.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS or len(value) > MAX_TITLE_CHARS:
        return False
    if value.endswith((":", ";", ",")):
        return False
    if value.endswith(".") and not value.endswith(("...", "…")):
        return False
    return not (value.endswith(("!", "?")) and len(words) > 20)


def _ends_sentence(value: str) -> bool:
    return value.endswith(_TERMINAL)


# ----------------------------------------------------------------------- lines


@dataclass(slots=True)
class _Line:
    chunk: int
    #: the line as written, without surrounding whitespace or a bullet glyph
    text: str
    #: bullets removed and whitespace collapsed: for matching and values
    value: str
    bullet: bool
    words: int


def _split_lines(text: str) -> list[_Line]:
    """The non-blank lines of ``text``, each with its blank-line separated chunk."""
    lines: list[_Line] = []
    chunk = 0
    blank = False
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped and (stripped[0] in _ZERO_WIDTH or stripped[-1] in _ZERO_WIDTH):
            stripped = stripped.strip(_ZERO_WIDTH).strip()
        if not stripped:
            if lines and not blank:
                chunk += 1
            blank = True
            continue
        blank = False
        bullet = False
        body = stripped
        if stripped[0] in _BULLET_START:
            m = _BULLET_RE.match(stripped)
            if m is not None and m.end() < len(stripped):
                bullet = True
                body = stripped[m.end() :].strip()
        parts = body.split()
        value = " ".join(parts)
        # a bullet glyph is not part of the text; a "-" or "*" list marker is kept as written
        written = body if bullet and stripped[0] in _BULLET_GLYPHS else stripped
        lines.append(_Line(chunk, written, value, bullet, len(parts)))
    return lines


# ---------------------------------------------------------------------- result


@dataclass(slots=True)
class _Pending:
    """A block still growing line by line (chrome runs, comment furniture)."""

    kind: str
    lines: list[str]
    heading: str | None = None
    #: index of the last line added, to merge only lines that are close together
    last_at: int | None = None

    def block(self) -> Block:
        return Block(self.kind, "\n".join(self.lines), self.heading)


@dataclass(slots=True)
class _Result:
    title: str = ""
    author: str | None = None
    published: datetime | None = None
    dek: list[str] = field(default_factory=list)
    #: in page order: ("para", str), ("maybe_chrome", str), ("block", Block), ("pending", _Pending)
    units: list[tuple[str, object]] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    comment_block: Block | None = None

    def add_line(self, kind: str, value: str, *, at: int | None = None) -> None:
        """Add a chrome or comment-furniture line, merged into a run of the same kind
        just before it (at most one line apart when ``at`` is known)."""
        if self.units and self.units[-1][0] == "pending":
            last = self.units[-1][1]
            assert isinstance(last, _Pending)
            near = at is None or last.last_at is None or at - last.last_at <= 2
            if last.kind == kind and last.heading is None and near:
                last.lines.append(value)
                last.last_at = at
                return
        self.units.append(("pending", _Pending(kind, [value], None, at)))

    def add_chrome(self, value: str, *, at: int | None = None) -> None:
        self.add_line("chrome", value, at=at)

    def split(self) -> tuple[list[str], list[Block]]:
        """(paragraphs, blocks) from the units; a caps label is chrome in the header and the
        tail, a subheading inside the article."""
        last_para = max((k for k, (kind, _) in enumerate(self.units) if kind == "para"), default=-1)
        paragraphs: list[str] = []
        blocks: list[Block] = []
        for k, (kind, item) in enumerate(self.units):
            if kind == "para":
                paragraphs.append(str(item))
            elif kind == "maybe_chrome":
                if k > last_para or not paragraphs:
                    blocks.append(Block("chrome", str(item)))
                else:
                    paragraphs.append(str(item))
            elif isinstance(item, _Pending):
                blocks.append(item.block())
            else:
                assert isinstance(item, Block)
                blocks.append(item)
        return paragraphs, blocks


# -------------------------------------------------------------------- comments


@dataclass(slots=True)
class _Anchor:
    first: int  # index of the comment's first line (avatar, author or date)
    date_at: int
    author: str | None
    posted_at: datetime
    avatar: str | None


def _comment_date(line: _Line, now: datetime | None) -> tuple[str | None, datetime] | None:
    """(inline author or None, timestamp) when ``line`` is a comment's date line."""
    v = line.value
    if len(v) > 120 or not _dateish(v):
        return None
    d = parse_date(v, now=now)
    if d is not None:
        return None, d
    name, d = _split_name_date(v, now=now)
    if d is not None and _is_commenter(name):
        return name, d
    return None


def _is_commenter(value: str) -> bool:
    if not value or len(value) > MAX_NAME_CHARS or len(value.split()) > MAX_NAME_WORDS:
        return False
    if value.endswith((":", ",")) or (_ends_sentence(value) and not _INITIAL_END_RE.search(value)):
        return False
    if _AVATAR_RE.fullmatch(value) or _COMMENT_FURNITURE_RE.fullmatch(value):
        return False
    return not _is_comment_end(value)


def _find_anchors(lines: list[_Line], start: int, end: int, now: datetime | None) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    floor = start
    for k in range(start, end):
        found = _comment_date(lines[k], now)
        if found is None:
            continue
        inline_author, posted = found
        first = k
        author = inline_author
        avatar = None
        if author is None and k - 1 >= floor:
            prev = lines[k - 1].value
            says = _SAYS_RE.fullmatch(prev)
            if says and _is_commenter(says.group(1)):
                author, first = says.group(1).strip(), k - 1
            elif _is_commenter(prev) and parse_date(prev, now=now) is None:
                author, first = prev, k - 1
            elif _AVATAR_RE.fullmatch(prev):
                avatar, first = prev, k - 1
        if avatar is None and first - 1 >= floor and _AVATAR_RE.fullmatch(lines[first - 1].value):
            avatar, first = lines[first - 1].value, first - 1
        anchors.append(_Anchor(first, k, author, posted, avatar))
        floor = k + 1
    return anchors


def _ends_comments(value: str) -> bool:
    """A comment section ends at its form ("Leave a Reply") or at a new block heading."""
    heading = classify_heading(value)
    return _is_comment_end(value) or (heading is not None and heading[1])


def _find_comment_section(
    lines: list[_Line], now: datetime | None
) -> tuple[int, int, list[_Anchor]] | None:
    """(header index, end index, anchors) of the comment section, or None.

    A header counts when a comment's date line follows within a few lines, or
    when the comment form follows at once. Each line is tested for being an
    end at most once, so the search stays linear.
    """
    seen_prose = False
    n = len(lines)
    end_from = -1  # ends are known for lines before this index ...
    next_end = n  # ... and this is the first end at or after the current header
    for h, line in enumerate(lines):
        if not seen_prose:
            seen_prose = line.words >= MIN_PROSE_WORDS
            continue
        if not _is_comment_header(line.value):
            continue
        if next_end <= h:
            end_from = max(end_from, h + 1)
            next_end = n
        j = max(end_from, h + 1)
        while next_end == n and j < n:
            if _ends_comments(lines[j].value):
                next_end = j
            j += 1
        end_from = j
        end = next_end
        window = range(h + 1, min(end, h + 1 + COMMENT_LOOKAHEAD))
        if any(_comment_date(lines[k], now) is not None for k in window):
            return h, end, _find_anchors(lines, h + 1, end, now)
        if end < n and end - h <= 2:
            # a header followed by the comment form only: no comments yet
            return h, end, []
    return None


def _read_comments(
    lines: list[_Line], h: int, end: int, anchors: list[_Anchor], res: _Result
) -> int:
    """Fill res.comments and res.comment_block; return the index after the section."""
    furniture: list[str] = []
    for k in range(h + 1, anchors[0].first if anchors else end):
        furniture.append(lines[k].value)
    for i, a in enumerate(anchors):
        if a.avatar is not None:
            furniture.append(a.avatar)
        stop = anchors[i + 1].first if i + 1 < len(anchors) else end
        text_lines: list[str] = []
        for k in range(a.date_at + 1, stop):
            v = lines[k].value
            if _COMMENT_FURNITURE_RE.fullmatch(v):
                furniture.append(v)
            else:
                text_lines.append(lines[k].text)
        res.comments.append(Comment(a.author, a.posted_at, "\n".join(text_lines), a.avatar))
    k = end
    # the comment form after the end marker
    if k < len(lines) and _is_comment_end(lines[k].value):
        furniture.append(lines[k].value)
        k += 1
        while k < len(lines) and (
            _COMMENT_FORM_RE.fullmatch(lines[k].value) or _is_comment_end(lines[k].value)
        ):
            furniture.append(lines[k].value)
            k += 1
    header = lines[h].value
    if furniture:
        res.comment_block = Block("comments", "\n".join(furniture), header)
    else:
        res.comment_block = Block("comments", header)
    return k


# ----------------------------------------------------------------------- header


def _read_header(
    lines: list[_Line], end: int, title: str | None, res: _Result, now: datetime | None
) -> int:
    """Read chrome, dates, bylines, headline and subtitle; return the first body index."""
    i = 0
    limit = min(end, HEADER_LEAD_LINES)
    while i < limit:
        if not _header_marker(lines[i].value, res, now, leading=True, at=i):
            break
        i += 1
    if i >= end:
        return i
    if title is not None:
        res.title = title.strip()
        if _norm(lines[i].value) == _norm(res.title):
            i += 1
    elif i + 1 < end and _is_headline(lines[i].value) and not _is_comment_header(lines[i].value):
        res.title = lines[i].value
        i += 1
    else:
        return i
    # after the headline: repeats, bylines, dates, staff bylines; a dek between them
    last_marker = i - 1
    pending: list[int] = []
    title_key = _norm(res.title) if res.title else None
    j = i
    while j < min(end, i + HEADER_TAIL_LINES):
        v = lines[j].value
        if (
            title_key is not None
            and _same_headline(v, title_key)
            or _header_marker(v, res, now, leading=False, at=j)
        ):
            last_marker = j
        elif (
            len(v) <= MAX_DEK_CHARS and len(pending) < MAX_DEK_LINES and classify_heading(v) is None
        ):
            pending.append(j)
        else:
            break
        j += 1
    # non-marker lines before the last marker are the subtitle; later ones are the article
    res.dek = [lines[k].value for k in pending if k < last_marker]
    return last_marker + 1


def _header_marker(
    value: str, res: _Result, now: datetime | None, *, leading: bool, at: int
) -> bool:
    """Record ``value`` when it is a header line (chrome, date, byline); say whether it was."""
    if len(value) <= 80 and _RELEASE_LABEL_RE.fullmatch(value):
        res.add_line("label", value, at=at)
        return True
    if is_chrome_line(value) or (leading and _is_caps_label(value)):
        res.add_chrome(value, at=at)
        return True
    d = parse_date(value, now=now)
    if d is not None:
        if res.published is None:
            res.published = d
        return True
    by = _parse_byline(value, now=now)
    if by is not None:
        if res.author is None:
            res.author = by[0]
        if by[1] is not None and res.published is None:
            res.published = by[1]
        return True
    if _is_staff_byline(value):
        res.add_chrome(value, at=at)
        return True
    return False


# ------------------------------------------------------------------------- body


def _looks_wrapped(chunk: list[_Line]) -> bool:
    """A hard-wrapped paragraph: even lines of 40-100 characters, most not ending a sentence."""
    if len(chunk) < 2:
        return False
    inner = chunk[:-1]
    if any(not 40 <= len(ln.text) <= 100 or ln.bullet for ln in inner) or len(chunk[-1].text) > 100:
        return False
    open_ended = sum(1 for ln in inner if not _ends_sentence(ln.value))
    return open_ended * 2 > len(inner)


def _item_ok(line: _Line, kind: str, items: list[_Line]) -> bool:
    v = line.value
    heading = classify_heading(v)
    if heading is not None:
        return not heading[1] and kind == "recommendations"
    if _is_comment_header(v) or is_caption(v) or is_source_marker(v) or _is_comment_end(v):
        return False
    if line.bullet:
        return True
    if len(v) > MAX_ITEM_CHARS or line.words > MAX_ITEM_WORDS:
        return False
    if items and all(it.bullet for it in items):
        return False
    return not (_ends_sentence(v) and line.words >= 12)


def _read_body(
    lines: list[_Line],
    start: int,
    end: int,
    res: _Result,
    now: datetime | None,
    *,
    unwrap: bool = True,
) -> None:
    """Sort lines[start:end] into paragraphs and blocks (appended to ``res.units``).

    ``unwrap`` joins hard-wrapped chunks into one paragraph (plain text only).
    """
    i = start
    title_key = _norm(res.title) if res.title else None
    while i < end:
        line = lines[i]
        v = line.value
        # a hard-wrapped chunk is one paragraph
        if unwrap and (i == start or lines[i - 1].chunk != line.chunk):
            j = i
            while j < end and lines[j].chunk == line.chunk:
                j += 1
            if _looks_wrapped(lines[i:j]):
                res.units.append(("para", " ".join(ln.text for ln in lines[i:j])))
                i = j
                continue
        heading = classify_heading(v)
        if heading is not None:
            i = _read_block(lines, i, end, heading, res)
            continue
        if _same_headline(v, title_key):
            i += 1  # a repeated headline: it stays visible in page only
            continue
        inline = _INLINE_RELATED_RE.fullmatch(v) if len(v) <= MAX_ITEM_CHARS + 40 else None
        if inline:
            res.units.append(("block", Block("recommendations", inline.group(1).strip(),
                                             v[: inline.start(1)].rstrip(" :|–—-"))))  # fmt: skip
        elif is_source_marker(v):
            res.units.append(("block", Block("source", v)))
        elif is_caption(v):
            res.units.append(("block", _caption_block(lines, i, start, res)))
        elif is_chrome_line(v) or _is_staff_byline(v) or _is_comment_header(v):
            res.add_chrome(v, at=i)
        elif _is_comment_end(v) or (
            res.units and _last_kind(res) == "comments" and _COMMENT_FORM_RE.fullmatch(v)
        ):
            res.add_line("comments", v, at=i)
        elif _is_caps_label(v):
            res.units.append(("maybe_chrome", v))
        elif len(v) <= 60 and (date := parse_date(v, now=now)) is not None:
            if res.published is None:
                res.published = date
            res.add_chrome(v, at=i)
        else:
            res.units.append(("para", line.text))
        i += 1


def _caption_block(lines: list[_Line], i: int, start: int, res: _Result) -> Block:
    """A caption block for lines[i], taking in the line before it when that belongs to it.

    A short headline-like line just before (same chunk) is the caption's heading
    ("Soldiers Wave Flags" over "This photo ... via Getty Images"); the sentence
    before a bare credit line ("Photo: NAME/Agency") is the caption itself.
    """
    v = lines[i].value
    prev = res.units[-1] if res.units else None
    if (
        prev is None
        or prev[0] != "para"
        or i <= start
        or lines[i - 1].chunk != lines[i].chunk
        or lines[i - 1].text != prev[1]
    ):
        return Block("caption", v)
    before = lines[i - 1].value
    if _is_headline(before) and len(before) <= 100:
        res.units.pop()
        return Block("caption", v, before)
    first_of_chunk = i - 1 == start or lines[i - 2].chunk != lines[i - 1].chunk
    if _CAPTION_START_RE.match(v) and len(v) <= 100 and first_of_chunk and len(before) <= 300:
        res.units.pop()
        return Block("caption", f"{before}\n{v}")
    return Block("caption", v)


def _last_kind(res: _Result) -> str | None:
    item = res.units[-1][1]
    return item.kind if isinstance(item, (Block, _Pending)) else None


def _read_block(
    lines: list[_Line], i: int, end: int, heading: tuple[str, bool], res: _Result
) -> int:
    kind, strong = heading
    head = lines[i].value
    items: list[_Line] = []
    j = i + 1
    # the rest of the heading's own chunk, line by line
    while j < end and lines[j].chunk == lines[i].chunk and _item_ok(lines[j], kind, items):
        items.append(lines[j])
        j += 1
    # then whole chunks of items
    if j < end and lines[j].chunk != lines[i].chunk:
        while j < end:
            k = j
            chunk_items: list[_Line] = []
            while k < end and lines[k].chunk == lines[j].chunk:
                if not _item_ok(lines[k], kind, items + chunk_items):
                    break
                chunk_items.append(lines[k])
                k += 1
            if not chunk_items or (k < end and lines[k].chunk == lines[j].chunk):
                break
            items.extend(chunk_items)
            j = k
    if items:
        res.units.append(("block", Block(kind, "\n".join(it.value for it in items), head)))
    elif strong and kind != "recommendations":
        res.units.append(("block", Block(kind, head)))
    elif strong:
        res.units.append(("block", Block("recommendations", head)))
    else:
        res.add_chrome(head, at=i)
    return j


# -------------------------------------------------------------------------- api


def domain_of(url: str | None) -> str | None:
    """The host name of ``url`` in lower case, without "www." and port; None if none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host.removeprefix("www.")


def parse_text(
    text: str, *, title: str | None = None, url: str | None = None, now: datetime | None = None
) -> Document:
    """Turn plain text (as copied from a page) into a Document.

    ``title`` overrides headline detection (a first line equal to it is still
    taken as the headline). ``url`` fills metadata.url and domain. ``now`` is
    the time relative comment dates ("2 days ago") count back from; default:
    the current time.

    Raises EmptyDocumentError when the text holds nothing readable and
    UnsupportedContentError when it is longer than ``detect.MAX_TEXT_CHARS``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_text expects str, not {type(text).__name__}")
    check_text_size(text)  # hostile-input guard: see detect.MAX_TEXT_CHARS
    text, invisible = strip_invisible(text)  # zero-width characters cannot hide words
    lines = _split_lines(text)
    if not lines:
        raise EmptyDocumentError("the text is empty" + (f" ({invisible})" if invisible else ""))
    res = _Result()
    section = _find_comment_section(lines, now)
    body_end = section[0] if section else len(lines)
    start = _read_header(lines, body_end, title, res, now)
    _read_body(lines, start, body_end, res, now)
    if section is not None:
        h, end, anchors = section
        after = _read_comments(lines, h, end, anchors, res)
        if res.comment_block is not None:
            res.units.append(("block", res.comment_block))
        _read_body(lines, after, len(lines), res, now)
    doc = _assemble(text, res, url=url)
    if invisible:
        doc = dataclasses.replace(doc, warnings=(invisible, *doc.warnings))
    return doc


def _assemble(text: str, res: _Result, *, url: str | None) -> Document:
    paragraphs, blocks = res.split()
    warnings: list[str] = []
    body = "\n\n".join(paragraphs)
    if not paragraphs:
        warnings.append("no article text found")
    guess = detect_language(body or res.title)
    warnings.extend(guess.warnings)
    metadata = Metadata(
        url=url,
        domain=domain_of(url),
        author=res.author,
        published=res.published,
        language=guess.language,
        language_confidence=guess.confidence,
        source_type="text",
        description=" ".join(res.dek) or None,
    )
    return Document(
        title=res.title,
        paragraphs=tuple(paragraphs),
        comments=tuple(res.comments),
        boilerplate=tuple(blocks),
        metadata=metadata,
        page=text,
        warnings=tuple(warnings),
    )
