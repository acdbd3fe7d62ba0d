"""HTML in, a :class:`Document` out.

The page is parsed once with lxml. trafilatura extracts the main text from
(its own copy of) that tree; metadata comes from trafilatura's cheap metadata
readers (meta tags, JSON-LD, title) plus a small byline/date lookup, not its
full ``extract_metadata``, whose author search copies the whole tree. What
trafilatura throws away is kept: navigation, asides, footers, related-story
lists, widgets and captions become boilerplate blocks, and reader comments are
read from WordPress, generic ``.comment``, schema.org microdata and JSON-LD
markup. The extracted lines then pass through the same line classifier as
plain text, so an SEO scaffold or a "[Source: ...]" marker inside the main
text is recognised too.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from ..errors import EmptyDocumentError, IngestError, UnsupportedContentError
from .detect import (
    check_not_binary,
    check_text_size,
    decode_bytes,
    detect_language,
    parse_date,
    strip_invisible,
)
from .document import Block, Comment, Document, Link, Metadata
from .text import _Line, _read_body, _Result, classify_heading, domain_of

__all__ = ["parse_html"]

LOGGER = logging.getLogger(__name__)


def _demote(record: logging.LogRecord) -> bool:
    """Pass trafilatura's and htmldate's log records on to ours at DEBUG level.

    They warn about every page they give up on ("discarding data: None") and
    log errors for markup they reject; for newsvet these are expected outcomes,
    reported as Document warnings or IngestErrors, not lines on stderr.
    """
    if record.levelno < logging.CRITICAL:
        if LOGGER.isEnabledFor(logging.DEBUG):
            LOGGER.debug("%s: %s", record.name, record.getMessage())
        return False
    return True


for _name in (
    "trafilatura.core",
    "trafilatura.utils",
    "trafilatura.metadata",
    "trafilatura.external",
    "trafilatura.xml",
    "trafilatura.settings",
    "htmldate.core",
    "htmldate.utils",
    "htmldate.meta",
    "htmldate.validators",
    "htmldate.extractors",
):
    logging.getLogger(_name).addFilter(_demote)

# fmt: off
#: elements whose content is never visible text
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object",
              "canvas", "select", "button")
#: elements that start a new line on the rendered page
_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol",
    "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "title", "tr", "ul",
))
#: inline elements that pages put side by side as separate words
_SPACED_INLINE = frozenset(("a", "span", "time", "cite", "small", "strong", "b"))
#: class/id tokens (whole, or one "-"/"_" part of a name) that mark boilerplate, by kind
_TOKENS_BY_KIND = {
    "recommendations": (
        "related", "relatedposts", "related-posts", "related-articles", "related-stories",
        "recommended", "recommendations", "recommendation", "recirc", "recirculation",
        "read-more", "readmore", "more-stories", "morestories", "more-news", "also-like",
        "you-may-like", "you-might-like", "trending", "popular", "most-read", "mostread",
        "most-popular", "outbrain", "taboola", "mgid", "revcontent", "zergnet", "newsfeed",
        "jp-relatedposts", "yarpp", "crp_related",
    ),
    "scaffold": (
        "toc", "table-of-contents", "tableofcontents", "key-takeaways", "takeaways", "keypoints",
        "key-points", "summary-box", "article-summary", "ez-toc-container",
    ),
    "caption": (
        "caption", "wp-caption-text", "figcaption", "photo-credit", "image-credit", "credit",
        "credits", "media-caption", "img-caption",
    ),
    "comments": (
        "comments", "comment-list", "commentlist", "comments-area", "comment-section",
        "comments-section", "disqus_thread", "respond", "comment-respond", "comment-form",
    ),
    "chrome": (
        "nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "footer",
        "site-footer", "header", "site-header", "masthead", "sidebar", "side-bar", "widget",
        "widgets", "share", "sharing", "social", "social-share", "newsletter", "subscribe",
        "subscription", "signup", "promo", "advert", "advertisement", "ads", "ad", "ad-slot",
        "adslot", "ad-container", "sponsor", "sponsored", "cookie", "cookies", "consent", "gdpr",
        "tags", "tag-list", "post-tags", "entry-tags", "categories", "byline", "author-box",
        "author-bio", "skip-link", "topbar", "top-bar", "banner", "weather", "ticker",
        "breaking-news", "pagination",
    ),
}
# fmt: on
_KIND_TOKENS = {token: kind for kind, tokens in _TOKENS_BY_KIND.items() for token in tokens}
_TAG_KINDS = {"nav": "chrome", "footer": "chrome", "header": "chrome", "aside": "chrome",
              "figcaption": "caption", "form": "chrome", "menu": "chrome"}  # fmt: skip
# one of the tokens as a whole class/id or as a "-"/"_" separated part of one
_KIND_HINT_RE = re.compile(
    r"(?:^|(?<=[\s_-]))("
    + "|".join(sorted((re.escape(t) for t in _KIND_TOKENS), key=len, reverse=True))
    + r")(?=$|[\s_-])",
    re.IGNORECASE,
)
# containers that can be boilerplate (inline elements such as <a> and <span> are not looked at)
_CANDIDATE_TAGS = frozenset(
    ("nav", "aside", "footer", "header", "figcaption", "form", "menu", "div", "section", "ul",
     "ol", "figure", "p", "table", "article")
)  # fmt: skip
_CHROME_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary"))
_COUNTED_BLOCKS = ("p", "div", "li", "td", "section", "article", "h1", "h2", "h3", "h4",
                   "blockquote", "pre", "dd")  # fmt: skip
# a sum of counts, not the count of a union: libxml2 merges unions in quadratic time
_COUNT_BLOCKS_XPATH = etree.XPath(" + ".join(f"count(//{tag})" for tag in _COUNTED_BLOCKS))
_TEXT_WITH_XPATH = etree.XPath("descendant::text()[contains(., $s)]")
#: longest block text kept (characters)
MAX_BLOCK_CHARS = 5000
#: characters of a body paragraph used to recognise a container holding the article
SNIPPET_CHARS = 40
#: characters of a snippet searched for in a single text node
SHORT_SNIPPET_CHARS = 24
#: pages with more block elements than this skip trafilatura's slow fallback extractors
MAX_FULL_EXTRACTION_BLOCKS = 4000
#: pages with more block elements than this are not given to trafilatura at all (its
#: running time grows faster than the page); their paragraphs are read directly
MAX_EXTRACTION_BLOCKS = 30_000
#: JSON-LD scripts larger than this are not read
MAX_JSONLD_CHARS = 500_000
#: largest page (characters, or bytes before decoding) parsed at all: the file
#: limit of :data:`newsvet.ingest.load.DEFAULT_MAX_BYTES`, for strings too. The
#: page's visible text must also stay within :data:`~newsvet.ingest.detect.MAX_TEXT_CHARS`.
MAX_HTML_CHARS = 20_000_000
#: libxml2's limits without XML_PARSE_HUGE (kept on purpose: they bound the parse):
#: elements nest at most this deep, and one text, attribute or comment holds at most
#: about 10 MB. At either limit the parser stops, and the rest of the page is lost.
MAX_NESTING_DEPTH = 255
#: start of the warning (or error) when the HTML parser stopped at one of its limits
PARTIAL_PAGE_WARNING = "the HTML parser stopped early"
_WS_RE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

_COMMENT_CLASS_TOKENS = frozenset(
    ("comment", "comment-item", "single-comment", "comment-entry", "commentItem", "c-comment",
     "js-comment", "comment-wrapper")
)  # fmt: skip
_SAYS_SUFFIX_RE = re.compile(r"\s+(?:says|said|wrote)\s*:?$", re.IGNORECASE)
_COMMENT_BUTTON_RE = re.compile(r"reply|like|report|share", re.IGNORECASE)
_COMMENT_ID_RE = re.compile(r"(?:comment|li-comment|div-comment)-\d{1,12}")
_COMMENT_SECTION_RE = re.compile(
    r"(?:comments|comment-list|commentlist|comments-area|comment-section|comments-section|"
    r"disqus_thread|comments-container|comment-thread|user-comments|reader-comments)"
)
_AUTHOR_CLASSES = ("fn", "comment-author", "author", "author-name", "username", "user-name",
                   "comment-author-name", "name", "commenter", "nickname")  # fmt: skip
_TEXT_CLASSES = ("comment-content", "comment-text", "comment-body", "comment_text", "text",
                 "content", "comment-message", "message")  # fmt: skip
_DATE_CLASSES = ("comment-metadata", "comment-meta", "commentmetadata", "comment-date", "date",
                 "time", "timestamp", "published")  # fmt: skip


# ------------------------------------------------------------------------ tree


def _load_tree(text: str) -> tuple[HtmlElement | None, str | None]:
    """The parsed page, and why the parser stopped early (None when it read it all)."""
    from trafilatura import utils as tutils

    try:
        tree = tutils.load_html(text)
    except Exception as err:  # noqa: BLE001 - trafilatura/lxml on hostile input
        LOGGER.debug("load_html failed: %s", err)
        tree = None
    stopped = _parser_stopped(getattr(tutils, "HTML_PARSER", None))
    if tree is None:
        import lxml.html

        try:
            tree = lxml.html.document_fromstring(text)
        except (etree.ParserError, ValueError, TypeError) as err:
            LOGGER.debug("lxml could not parse the page: %s", err)
            return None, stopped
        stopped = stopped or _parser_stopped(getattr(lxml.html, "html_parser", None))
    return tree, stopped


def _parser_stopped(parser: Any) -> str | None:
    """Why libxml2 gave up on the last page ``parser`` read (this thread), or None.

    libxml2 stops at its resource limits (nesting depth, size of one text node or
    attribute) with a fatal error and returns the tree read so far; lxml's HTML
    parser does not raise, so the error log is the only trace.
    """
    try:
        log = parser.error_log
    except AttributeError:
        return None
    for entry in log:
        if entry.type_name != "ERR_RESOURCE_LIMIT" and "xcessive depth" not in entry.message:
            continue
        if "depth" in entry.message.lower():
            return f"elements nest more than {MAX_NESTING_DEPTH} levels deep"
        return "one text, attribute or comment is larger than 10 MB"
    return None


def _classes(el: HtmlElement) -> list[str]:
    value = el.get("class")
    return value.split() if value else []


def _squash(text: str) -> str:
    """All whitespace runs to one space, ends stripped: for one-line values."""
    return " ".join(text.split())


def _norm_text(text: str) -> str:
    """Collapse whitespace inside lines, drop empty lines."""
    text = _WS_RE.sub(" ", text)
    return "\n".join(ln for ln in (part.strip() for part in text.split("\n")) if ln)


@dataclass(slots=True)
class _Scan:
    """What one pass over the page found (see :func:`_scan`)."""

    #: elements that may be boilerplate, with their kind, in page order
    candidates: list[tuple[HtmlElement, str]]
    #: elements whose class, id or itemtype mention comments (or Disqus), in page order
    commentish: list[HtmlElement]
    #: elements whose class names a byline or author ("byline", "author", "post-author")
    bylines: list[HtmlElement]


def _scan(root: HtmlElement) -> _Scan:
    """One pass over the page (after trafilatura has taken its copy and invisible
    elements are gone).

    It puts line breaks around block elements (and a space before links and
    labels) into the tree's text, so that ``text_content()`` reads like the
    rendered page and every later text is just ``_visible_text``; and it
    collects the boilerplate candidates and the comment-related elements.
    """
    candidates: list[tuple[HtmlElement, str]] = []
    commentish: list[HtmlElement] = []
    bylines: list[HtmlElement] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in _BLOCK_TAGS:
            el.text = "\n" + el.text if el.text else "\n"
            el.tail = "\n" + el.tail if el.tail else "\n"
        elif tag in _SPACED_INLINE:
            el.text = " " + el.text if el.text else " "
        names = el.get("class")
        ident = el.get("id")
        if ident:
            names = f"{names} {ident}" if names else ident
        itemtype = el.get("itemtype")
        if names:
            low = names.lower()
            if (
                "omment" in low
                or "isqus" in low
                or ident == "respond"
                or itemtype
                and "omment" in itemtype
            ):
                commentish.append(el)
            elif ("author" in low or "byline" in low) and _BYLINE_CLASS_RE.search(low):
                bylines.append(el)
            if tag in _CANDIDATE_TAGS:
                m = _KIND_HINT_RE.search(names)
                if m is not None:
                    candidates.append((el, _KIND_TOKENS[m.group(1).lower()]))
                    continue
        elif itemtype and "omment" in itemtype:
            commentish.append(el)
        role = el.get("role")
        if role in _CHROME_ROLES and tag in _CANDIDATE_TAGS:
            candidates.append((el, "chrome"))
        elif tag in _TAG_KINDS:
            candidates.append((el, _TAG_KINDS[tag]))
    return _Scan(candidates, commentish, bylines)


def _visible_text(root: HtmlElement) -> str:
    """The text a reader sees in ``root``, one line per block element (after :func:`_scan`)."""
    return _norm_text(root.text_content())


# -------------------------------------------------------------------- metadata

_DATE_META_XPATH = etree.XPath(
    "//meta[@property='article:published_time' or @name='article:published_time' or "
    "@itemprop='datePublished' or @name='pubdate' or @name='publishdate' or @name='date' or "
    "@name='DC.date.issued' or @name='dc.date' or @property='og:published_time' or "
    "@name='parsely-pub-date' or @name='sailthru.date']/@content"
)
_TIME_XPATH = etree.XPath("//time[@datetime]")
_AUTHOR_XPATH = etree.XPath("descendant::*[@rel='author' or @itemprop='author']")
_BYLINE_CLASS_RE = re.compile(
    r"(?:^|\s)(?:byline|author|author-name|[\w-]*-author|[\w-]*-byline)(?:\s|$)"
)
_BASE_XPATH = etree.XPath("//base/@href")
_BY_PREFIX_RE = re.compile(r"^\s*(?:by|written by|posted by|author:?)\s+", re.IGNORECASE)


def _jsonld_objects(tree: HtmlElement) -> list[Any]:
    objs: list[Any] = []
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        raw = script.text
        if not raw or len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            objs.append(json.loads(raw))
        except (ValueError, RecursionError):
            continue
    return objs


def _walk_json(obj: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict inside ``obj`` (bounded depth)."""
    if depth > 20:
        return
    if isinstance(obj, dict):
        yield obj
        for value in obj.values():
            if isinstance(value, (dict, list)):
                yield from _walk_json(value, depth + 1)
    elif isinstance(obj, list):
        for value in obj[:500]:
            yield from _walk_json(value, depth + 1)


def _has_type(obj: dict[str, Any], name: str) -> bool:
    t = obj.get("@type")
    if isinstance(t, str):
        return t == name
    return isinstance(t, list) and name in t


def _json_name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _json_name(value.get("name"))
    if isinstance(value, list) and value:
        names = [n for n in (_json_name(v) for v in value[:10]) if n]
        return ", ".join(names) or None
    return None


def _head_metadata(tree: HtmlElement, url: str | None) -> dict[str, Any]:
    """Title, URL, site name, description and a declared author, from trafilatura's readers."""
    from trafilatura.metadata import (
        examine_meta,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as err:  # noqa: BLE001 - trafilatura's JSON-LD reader on odd data
        LOGGER.debug("JSON-LD metadata failed: %s", err)
    title = meta.title or extract_title(tree) or ""
    page_url = meta.url or extract_url(tree, None)
    site = meta.sitename or extract_sitename(tree)
    return {
        "title": _squash(title),
        "author": meta.author or None,
        "url": url or page_url,
        "site_name": site.lstrip("@") if site else None,
        "description": meta.description or None,
    }


def _outside(el: HtmlElement, excluded: set[HtmlElement]) -> bool:
    return not excluded or not any(a in excluded for a in el.iterancestors())


def _dom_byline(
    body: HtmlElement, classed: list[HtmlElement], excluded: set[HtmlElement]
) -> str | None:
    """A byline from rel=author / itemprop=author, then .byline / .author, outside the comments."""
    for el in itertools.chain(_AUTHOR_XPATH(body), classed):
        if el in excluded or not _outside(el, excluded):
            continue
        text = _squash(el.text_content())
        text = _BY_PREFIX_RE.sub("", text)
        if 2 < len(text) <= 80 and not any(ch.isdigit() for ch in text):
            return text
    return None


def _published(
    tree: HtmlElement, jsonld: list[Any], now: datetime | None, excluded: set[HtmlElement]
) -> datetime | None:
    """The publication date: JSON-LD, meta tags, the first <time> outside the comments, htmldate.

    Changes ``tree``: the comment elements in ``excluded`` are removed before htmldate runs.
    """
    for obj in jsonld:
        for d in _walk_json(obj):
            value = d.get("datePublished")
            if isinstance(value, str) and not _has_type(d, "Comment"):
                dt = parse_date(value, now=now)
                if dt is not None:
                    return dt
    for value in _DATE_META_XPATH(tree):
        dt = parse_date(str(value), now=now)
        if dt is not None:
            return dt
    for el in _TIME_XPATH(tree):
        if el in excluded or not _outside(el, excluded):
            continue
        dt = parse_date(str(el.get("datetime")), now=now)
        if dt is not None:
            return dt
    # htmldate last: it must not see the comments, which are dropped from our tree for it
    for el in excluded:
        if el.getparent() is not None:
            el.drop_tree()
    try:
        from htmldate import find_date

        found = find_date(tree, extensive_search=False, original_date=True)
    except Exception as err:  # noqa: BLE001 - htmldate on hostile input
        LOGGER.debug("htmldate failed: %s", err)
        return None
    return parse_date(found, now=now) if found else None


# ------------------------------------------------------------------------ body


def _extract(tree: HtmlElement, *, fast: bool) -> Any:
    """trafilatura's main-text extraction on (its own copy of) ``tree``; None on failure.

    ``fast`` skips trafilatura's fallback extractors (readability, jusText), whose
    running time grows with the square of the number of blocks on huge pages.

    No page URL is passed: with one, trafilatura resolves every link of the
    page against the site root (``safe_base_url``), which costs 2-3 % of the
    HTML parse and gets path-relative links wrong ("next.html" on /a/b/ ->
    /next.html); :func:`_links` resolves the main text's links against the
    page URL with ``urljoin``, as a browser does.
    """
    from trafilatura import bare_extraction

    try:
        return bare_extraction(
            tree,
            url=None,
            fast=fast,
            with_metadata=False,
            include_comments=False,
            include_links=True,
            include_tables=True,
            include_images=False,
        )
    except Exception as err:  # noqa: BLE001 - third-party heuristics on hostile pages
        LOGGER.warning("trafilatura failed on the page: %s", err)
        return None


def _element_lines(el: Any) -> list[str]:
    """Text of one extracted element, split at line breaks (<lb/>)."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "lb" or node.tag in ("row", "item") and node is not el:
                parts.append("\n")
            elif node.tag == "cell":
                parts.append(" ")
            if node.text:
                parts.append(node.text)
        elif node.tail and node is not el:
            parts.append(node.tail)
    lines = (_WS_RE.sub(" ", ln).strip() for ln in "".join(parts).split("\n"))
    return [ln for ln in lines if ln]


def _body_lines(postbody: Any) -> list[tuple[str, int]]:
    """(line, chunk) pairs from trafilatura's output tree; list items share a chunk."""
    out: list[tuple[str, int]] = []
    chunk = 0
    for child in postbody:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "list":
            for item in child.iter("item"):
                for ln in _element_lines(item):
                    out.append((ln, chunk))
        else:
            for ln in _element_lines(child):
                out.append((ln, chunk))
                if child.tag != "list":
                    chunk += 1
        chunk += 1
    return out


def _links(postbody: Any, base: str | None) -> list[Link]:
    links: list[Link] = []
    seen: set[tuple[str, str]] = set()
    for ref in postbody.iter("ref"):
        href = (ref.get("target") or "").strip()
        if not href or href.startswith(("#", "javascript:", "data:")):
            continue
        if base:
            try:
                href = urljoin(base, href)
            except ValueError:
                continue
        text = _squash("".join(ref.itertext()))
        key = (href, text)
        if key not in seen:
            seen.add(key)
            links.append(Link(href, text))
    return links


def _fallback_lines(tree: HtmlElement) -> list[tuple[str, int]]:
    """Paragraph-like elements outside navigation, when trafilatura found nothing."""
    out: list[tuple[str, int]] = []
    body = tree.find(".//body")
    root = body if body is not None else tree
    for i, el in enumerate(root.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td")):
        if any(a.tag in ("nav", "footer", "header", "aside") for a in el.iterancestors()):
            continue
        text = _squash(el.text_content())
        if text:
            out.append((text, i))
    return out


# ------------------------------------------------------------------ boilerplate


def _kind_of(el: HtmlElement) -> str | None:
    """Boilerplate kind of ``el`` from its class, id, role and tag; None if it is not boilerplate."""
    names = el.get("class")
    ident = el.get("id")
    if ident:
        names = f"{names} {ident}" if names else ident
    if names:
        m = _KIND_HINT_RE.search(names)
        if m is not None:
            return _KIND_TOKENS[m.group(1).lower()]
    if el.get("role") in _CHROME_ROLES:
        return "chrome"
    return _TAG_KINDS.get(el.tag)


def _article_holders(body: HtmlElement, snippets: list[str]) -> set[HtmlElement] | None:
    """The elements that hold the article's first or last paragraph (and their ancestors).

    Found through the text node that contains each snippet; None when a snippet
    is not in one text node (it spans inline markup), so callers fall back to
    comparing texts.
    """
    holders: set[HtmlElement] = set()
    for snippet in snippets:
        found = _TEXT_WITH_XPATH(body, s=snippet[:SHORT_SNIPPET_CHARS])
        if not found:
            return None
        for text_node in found[:3]:
            parent = text_node.getparent()
            if parent is None:
                return None
            if text_node.is_tail:
                parent = parent.getparent()
            while parent is not None and parent not in holders:
                holders.add(parent)
                parent = parent.getparent()
    return holders


def _boilerplate(
    body: HtmlElement,
    candidates: list[tuple[HtmlElement, str]],
    snippets: list[str],
    comment_nodes: set[HtmlElement],
) -> list[Block]:
    """Blocks for the outermost boilerplate elements that do not hold the article."""
    blocks: list[Block] = []
    accepted: set[HtmlElement] = set()
    holders = _article_holders(body, snippets) if snippets else set()
    for el, kind in candidates:
        if accepted and any(a in accepted for a in el.iterancestors()):
            continue
        if holders is not None:
            if el in holders:
                continue  # it holds the article: look inside it instead
        elif any(s in _squash(el.text_content()) for s in snippets):
            continue
        accepted.add(el)
        if kind == "comments" or el in comment_nodes:
            blocks.append(Block("comments", ""))  # filled in by the caller
        else:
            block = _make_block(el, kind)
            if block is not None:
                blocks.append(block)
    return blocks


def _make_block(el: HtmlElement, kind: str) -> Block | None:
    text = _visible_text(el)
    if not text:
        return None
    heading = None
    for h in el.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        heading = _squash(h.text_content()) or None
        break
    if heading is not None:
        by_heading = classify_heading(heading)
        if by_heading is not None and by_heading[1] and kind in ("chrome", "other"):
            kind = by_heading[0]
        if text.startswith(heading):
            text = text[len(heading) :].lstrip("\n") or heading
    return Block(kind, text[:MAX_BLOCK_CHARS], heading)


# --------------------------------------------------------------------- comments


def _is_comment_container(el: HtmlElement) -> bool:
    for token in _classes(el):
        if token in _COMMENT_CLASS_TOKENS:
            return True
    ident = el.get("id")
    if ident and _COMMENT_ID_RE.fullmatch(ident):
        return True
    itemtype = el.get("itemtype")
    return bool(itemtype and itemtype.rstrip("/").endswith("schema.org/Comment"))


def _comment_containers(commentish: list[HtmlElement]) -> list[HtmlElement]:
    """The elements holding one comment each, in page order.

    ``commentish``: the page's elements whose class, id or itemtype mention comments.
    """
    found = [el for el in commentish if _is_comment_container(el)]
    if found:
        return _drop_wrappers(found)
    # <article> entries inside a comments section
    for el in commentish:
        ident = (el.get("id") or "").lower()
        if _COMMENT_SECTION_RE.fullmatch(ident) or any(
            _COMMENT_SECTION_RE.fullmatch(c.lower()) for c in _classes(el)
        ):
            articles = list(el.iter("article"))
            if articles:
                return articles
    return []


def _is_list_like(el: HtmlElement) -> bool:
    if el.tag in ("ol", "ul"):
        return True
    return any(
        c in ("children", "replies", "comment-replies", "child-comments") for c in _classes(el)
    )


def _drop_wrappers(found: list[HtmlElement]) -> list[HtmlElement]:
    """Keep one element per comment.

    A container whose comment lives in a nested container that is not a
    threaded reply (WordPress: ``li.comment > article.comment-body``) is a
    wrapper: the nested one is kept. Replies sit behind a list
    (``ol.children``) and are comments of their own.
    """
    found_set = set(found)
    wrappers: set[HtmlElement] = set()
    own_meta: dict[HtmlElement, bool] = {}
    for el in found:
        parent = el.getparent()
        behind_list = False
        while parent is not None and parent not in found_set:
            behind_list = behind_list or _is_list_like(parent)
            parent = parent.getparent()
        if parent is None or behind_list or parent in wrappers:
            continue
        if parent not in own_meta:
            own_meta[parent] = _has_own_meta(parent, found_set)
        if not own_meta[parent]:
            wrappers.add(parent)
    return [el for el in found if el not in wrappers]


def _has_own_meta(el: HtmlElement, containers: set[HtmlElement]) -> bool:
    """``el`` shows an author or a time outside the comment containers nested in it."""
    for node in _own_iter(el, containers):
        if node.tag == "time" or node.get("itemprop") in ("author", "dateCreated"):
            return True
        if any(
            c in ("comment-author", "fn", "comment-date", "comment-metadata")
            for c in _classes(node)
        ):
            return True
    return False


def _own_iter(el: HtmlElement, containers: set[HtmlElement]) -> Iterator[HtmlElement]:
    """Descendants of ``el`` that do not belong to a nested comment."""
    stack = list(reversed(el))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node in containers:
            continue
        yield node
        stack.extend(reversed(node))


def _read_dom_comment(
    el: HtmlElement, containers: set[HtmlElement], now: datetime | None
) -> Comment | None:
    author = posted = posted_text = avatar = None
    text_el = None
    for node in _own_iter(el, containers):
        classes = _classes(node)
        prop = node.get("itemprop")
        if author is None and (
            prop in ("author", "creator") or any(c in _AUTHOR_CLASSES for c in classes)
        ):
            name_el = node.find(".//*[@itemprop='name']")
            fn = node.find(".//*[@class='fn']")
            source = name_el if name_el is not None else fn if fn is not None else node
            value = source.get("content") or source.text_content()
            value = _squash(value)
            value = _SAYS_SUFFIX_RE.sub("", value)
            if value and len(value) <= 100:
                author = value
        if posted is None and (node.tag == "time" or prop in ("dateCreated", "datePublished")):
            raw = node.get("datetime") or node.get("content") or node.text_content()
            posted = parse_date(_squash(raw), now=now)
        if posted_text is None and any(c in _DATE_CLASSES for c in classes):
            posted_text = parse_date(_squash(node.text_content()), now=now)
        if (
            avatar is None
            and node.tag == "img"
            and (text_el is None or text_el not in node.iterancestors())
        ):
            # the comment's first picture outside its text: the avatar
            avatar = (
                node.get("src") or node.get("data-src") or node.get("alt") or ""
            ).strip() or None
        if text_el is None and (
            prop in ("text", "commentText") or any(c in _TEXT_CLASSES[:3] for c in classes)
        ):
            text_el = node
    if text_el is None:
        for node in _own_iter(el, containers):
            if any(c in _TEXT_CLASSES for c in _classes(node)):
                text_el = node
                break
    posted = posted or posted_text
    if author is None:
        author = _plain_author(el, containers, text_el)
    if text_el is not None:
        text = _visible_text(text_el)
    else:
        text = _own_text(el, containers, author)
    if not text and author is None and posted is None:
        return None
    return Comment(author, posted, text, avatar)


def _plain_author(
    el: HtmlElement, containers: set[HtmlElement], text_el: HtmlElement | None
) -> str | None:
    """A name in plain markup: the first short <cite>, <strong>, <b> or <h3>-<h6> outside the text."""
    for node in _own_iter(el, containers):
        if node.tag not in ("cite", "strong", "b", "h3", "h4", "h5", "h6"):
            continue
        if text_el is not None and (node is text_el or text_el in node.iterancestors()):
            continue
        value = _squash(node.text_content())
        value = _SAYS_SUFFIX_RE.sub("", value)
        if value and len(value) <= 60 and parse_date(value) is None:
            return value
    return None


def _own_text(el: HtmlElement, containers: set[HtmlElement], author: str | None) -> str:
    """A comment's paragraphs when the markup names no text element."""
    paras = [_squash(p.text_content()) for p in _own_iter(el, containers) if p.tag == "p"]
    paras = [p for p in paras if p]
    if paras:
        return "\n".join(paras)
    lines = [ln for ln in _visible_text(el).split("\n") if ln != author]
    return "\n".join(ln for ln in lines if not _COMMENT_BUTTON_RE.fullmatch(ln))


def _jsonld_comments(jsonld: list[Any], now: datetime | None) -> list[Comment]:
    comments: list[Comment] = []
    for obj in jsonld:
        for d in _walk_json(obj):
            if not _has_type(d, "Comment"):
                continue
            text = d.get("text") or d.get("description") or ""
            if not isinstance(text, str):
                continue
            date = d.get("dateCreated") or d.get("datePublished")
            posted = parse_date(date, now=now) if isinstance(date, str) else None
            author = _json_name(d.get("author"))
            image = d.get("author", {}).get("image") if isinstance(d.get("author"), dict) else None
            avatar = _json_name(image) if not isinstance(image, dict) else image.get("url")
            comments.append(Comment(author, posted, _norm_text(text), avatar))
    return comments


# ------------------------------------------------------------------------- api


def parse_html(
    html: str | bytes, *, url: str | None = None, now: datetime | None = None
) -> Document:
    """Turn an HTML page into a Document.

    Bytes are decoded first (BOM, declared charset, then detection); binary
    input raises UnsupportedContentError, and so does a page larger than
    :data:`MAX_HTML_CHARS` or with more than :data:`~newsvet.ingest.detect.MAX_TEXT_CHARS`
    characters of visible text, or one the parser could not read at all
    (nesting deeper than :data:`MAX_NESTING_DEPTH`); a page without readable
    text raises EmptyDocumentError. When the parser stopped part way, the
    Document warns, starting with :data:`PARTIAL_PAGE_WARNING`. ``now`` anchors relative comment dates ("2 days ago").
    """
    warnings: list[str] = []
    encoding = None
    if isinstance(html, (bytes, bytearray)):
        data = bytes(html)
        if len(data) > MAX_HTML_CHARS:
            raise UnsupportedContentError(
                f"the page is too large ({len(data):,} bytes; the limit is {MAX_HTML_CHARS:,})"
            )
        check_not_binary(data, what="the page")
        decoded = decode_bytes(data)
        text, encoding = decoded.text, decoded.encoding
        warnings.extend(decoded.warnings)
    elif isinstance(html, str):
        text = html
    else:
        raise TypeError(f"parse_html expects str or bytes, not {type(html).__name__}")
    if len(text) > MAX_HTML_CHARS:
        raise UnsupportedContentError(
            f"the page is too large ({len(text):,} characters; the limit is {MAX_HTML_CHARS:,})"
        )
    if not text.strip():
        raise EmptyDocumentError("the page is empty")
    text = text.replace("\x00", "").lstrip("\ufeff")
    text, note = strip_invisible(text)
    if note:
        warnings.append(note)
    tree, stopped = _load_tree(text)
    if stopped is not None:
        warnings.append(f"{PARTIAL_PAGE_WARNING} ({stopped}): the rest of the page was not read")
    try:
        if tree is None:
            raise EmptyDocumentError("the page holds no readable text")
        return _build(tree, url=url, encoding=encoding, warnings=warnings, now=now)
    except EmptyDocumentError:
        if stopped is not None:
            # say why, rather than that the page is empty
            raise UnsupportedContentError(
                f"{PARTIAL_PAGE_WARNING} ({stopped}) and read no text; the page cannot be read"
            ) from None
        raise
    except (IngestError, TypeError):
        raise
    except (ValueError, RecursionError, etree.LxmlError) as err:
        raise IngestError(
            f"could not read the page: {type(err).__name__}: {err}".splitlines()[0]
        ) from err


def _build(
    tree: HtmlElement,
    *,
    url: str | None,
    encoding: str | None,
    warnings: list[str],
    now: datetime | None,
) -> Document:
    jsonld = _jsonld_objects(tree)
    meta = _head_metadata(tree, url)
    # a <template> is never shown, but trafilatura reads its text as the article's
    etree.strip_elements(tree, "template", with_tail=False)
    base = url or meta["url"]
    base_href = _BASE_XPATH(tree)
    if base_href:
        base = urljoin(base or "", str(base_href[0]))
    blocks_on_page = int(_COUNT_BLOCKS_XPATH(tree))
    if blocks_on_page > MAX_EXTRACTION_BLOCKS:
        warnings.append(f"very large page ({blocks_on_page:,} blocks): main text not extracted")
        extracted = None
    else:
        fast = blocks_on_page > MAX_FULL_EXTRACTION_BLOCKS
        if fast:
            warnings.append(
                f"very large page ({blocks_on_page:,} blocks): main text extracted without fallbacks"
            )
        extracted = _extract(tree, fast=fast)

    # from here on our own tree is ours to change: trafilatura worked on a copy
    etree.strip_elements(tree, *_INVISIBLE, with_tail=False)
    body = tree.find(".//body")
    if body is None:
        body = tree
    scan = _scan(body)
    page = _visible_text(body)
    check_text_size(page, what="the page's text")

    if extracted is not None and extracted.body is not None:
        lines = _body_lines(extracted.body)
        links = _links(extracted.body, base)
    else:
        lines, links = [], []
    if not lines:
        lines = _fallback_lines(tree) or [(ln, i) for i, ln in enumerate(page.split("\n")) if ln]
        if lines:
            warnings.append("main text extraction failed; used the page's paragraphs")

    res = _Result(title=meta["title"])
    body_lines = [_Line(chunk, ln, ln, False, len(ln.split())) for ln, chunk in lines]
    _read_body(body_lines, 0, len(body_lines), res, now, unwrap=False)
    paragraphs, inline_blocks = res.split()

    containers = _comment_containers(scan.commentish)
    container_set = set(containers)
    comments = [
        c for c in (_read_dom_comment(el, container_set, now) for el in containers) if c is not None
    ]
    if not comments:
        comments = _jsonld_comments(jsonld, now)
    section = _comment_section(scan.commentish)
    excluded = container_set | ({section} if section is not None else set())

    snippets = [
        _squash(p)[:SNIPPET_CHARS] for p in (paragraphs[:1] + paragraphs[-1:]) if len(p) >= 20
    ]
    blocks = _boilerplate(body, scan.candidates, snippets, container_set)
    blocks = _fill_comment_blocks(blocks, section, comments)
    seen = {(b.kind, b.text) for b in inline_blocks} | {b.text for b in inline_blocks}
    blocks = inline_blocks + [
        b for b in blocks if (b.kind, b.text) not in seen and b.text not in seen
    ]

    if not paragraphs and not comments and not page:
        raise EmptyDocumentError("the page holds no readable text")
    if not paragraphs:
        warnings.append("no article text found")
    guess = detect_language("\n\n".join(paragraphs) or page)
    warnings.extend(guess.warnings)
    author = meta["author"] or _dom_byline(body, scan.bylines, excluded) or res.author
    published = _published(tree, jsonld, now, excluded) or res.published
    metadata = Metadata(
        url=meta["url"],
        domain=domain_of(meta["url"]),
        author=author,
        published=published,
        site_name=meta["site_name"],
        language=guess.language,
        language_confidence=guess.confidence,
        source_type="html",
        encoding=encoding,
        description=meta["description"],
    )
    return Document(
        title=meta["title"],
        paragraphs=tuple(paragraphs),
        comments=tuple(comments),
        boilerplate=tuple(blocks),
        metadata=metadata,
        links=tuple(links),
        page=page,
        warnings=tuple(warnings),
    )


def _fill_comment_blocks(
    blocks: list[Block], section: HtmlElement | None, comments: list[Comment]
) -> list[Block]:
    """Replace comment-section placeholders by one block of the section's furniture."""
    if not any(b.kind == "comments" and not b.text for b in blocks):
        return blocks
    out = [b for b in blocks if not (b.kind == "comments" and not b.text)]
    if section is None:
        return out
    comment_lines = {ln for c in comments for ln in c.text.split("\n")}
    comment_lines.update(c.author for c in comments if c.author)
    furniture = [ln for ln in _visible_text(section).split("\n") if ln and ln not in comment_lines]
    if furniture:
        heading = None
        for h in section.iter("h1", "h2", "h3", "h4", "h5", "h6"):
            heading = _squash(h.text_content()) or None
            break
        if heading is not None and len(furniture) > 1 and furniture[0] == heading:
            furniture = furniture[1:]
        out.append(Block("comments", "\n".join(furniture)[:MAX_BLOCK_CHARS], heading))
    return out


def _comment_section(commentish: list[HtmlElement]) -> HtmlElement | None:
    """The outermost comments section (``#comments``, ``.comments-area``, Disqus), if any."""
    for el in commentish:
        if _kind_of(el) == "comments":
            return el
    return None
