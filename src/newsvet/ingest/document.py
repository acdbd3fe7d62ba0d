"""The Document: what every ingest path produces and every signal reads.

A Document is immutable. Its text lives in named *fields*; evidence spans from
signals index those fields, so ``doc.field_text(ev.field)[ev.start:ev.end] ==
ev.text`` always holds.

Fields:

- ``"title"``: the headline.
- ``"body"``: the article paragraphs joined by ``"\\n\\n"``.
- ``"comments[i]"``: the text of comment *i*.
- ``"boilerplate[i]"``: the text of boilerplate block *i*.
- ``"page"``: the whole page text as ingested (for plain text: the input
  itself; for HTML: the page's visible text), so signals can point at things
  that are neither body nor a block, such as a headline repeated three times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterator

__all__ = ["Comment", "Block", "Link", "Metadata", "Document", "PARAGRAPH_SEP"]

PARAGRAPH_SEP = "\n\n"

_FIELD_RE = re.compile(r"^(title|body|page|comments|boilerplate)(?:\[(\d+)\])?$")


@dataclass(frozen=True, slots=True)
class Comment:
    """One reader comment."""

    author: str | None
    posted_at: datetime | None
    text: str
    #: the avatar as the page shows it (an image URL, alt text such as
    #: "Image placeholder", or None when the page has none)
    avatar: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A block of page text that is not the article.

    ``kind`` is one of ``"recommendations"`` (related / "You Might Also Like"
    link lists), ``"scaffold"`` (SEO scaffolds such as "What You Will Learn"),
    ``"chrome"`` (navigation, widgets, "Loading...", weather, tags, share
    buttons), ``"caption"`` (photo captions and credits), ``"source"``
    (re-post markers such as "[Source: ...]"), ``"comments"`` (comment
    section furniture), ``"label"`` (a publisher's format label such as a
    press release's "FOR IMMEDIATE RELEASE" or "EMBARGOED UNTIL ..."), or
    ``"other"``.
    """

    kind: str
    text: str
    #: the heading that introduced the block, if any ("You Might Also Like")
    heading: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink found in the article body (HTML input only)."""

    href: str
    text: str


@dataclass(frozen=True, slots=True)
class Metadata:
    url: str | None = None
    domain: str | None = None
    author: str | None = None
    published: datetime | None = None
    site_name: str | None = None
    #: ISO 639-1 code, or None when it could not be told
    language: str | None = None
    language_confidence: float | None = None
    #: "text", "html" or "url": how the document came in
    source_type: str = "text"
    #: the encoding the bytes were decoded with, when they came as bytes
    encoding: str | None = None
    description: str | None = None


# The body and the paragraph offsets of the last paragraphs asked for: a
# Document's signals ask for them dozens of times, and a tuple of str is
# immutable, so the same tuple object always gives the same body (the memo
# holds the tuple, so its id cannot be reused while it is here).
_LAST_BODY: list[tuple[tuple[str, ...], str] | None] = [None]
_LAST_SPANS: list[tuple[tuple[str, ...], tuple[tuple[int, int], ...]] | None] = [None]
_LAST_WORDS: list[tuple[tuple[str, ...], int] | None] = [None]


@dataclass(frozen=True, slots=True)
class Document:
    title: str = ""
    paragraphs: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()
    boilerplate: tuple[Block, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    links: tuple[Link, ...] = ()
    page: str = ""
    #: problems met while ingesting ("encoding guessed as cp1252", ...)
    warnings: tuple[str, ...] = ()

    # ------------------------------------------------------------------ text
    @property
    def body(self) -> str:
        paras = self.paragraphs
        last = _LAST_BODY[0]
        if last is not None and last[0] is paras:
            return last[1]
        body = PARAGRAPH_SEP.join(paras)
        _LAST_BODY[0] = (paras, body)
        return body

    def field_text(self, name: str) -> str:
        """Return the text of field ``name`` (see the module docstring).

        Raises KeyError for an unknown field or an index out of range.
        """
        m = _FIELD_RE.match(name)
        if not m:
            raise KeyError(name)
        kind, index = m.group(1), m.group(2)
        if kind in ("title", "body", "page"):
            if index is not None:
                raise KeyError(name)
            if kind == "title":
                return self.title
            if kind == "page":
                return self.page
            return self.body
        if index is None:
            raise KeyError(name)
        i = int(index)
        items = self.comments if kind == "comments" else self.boilerplate
        if i >= len(items):
            raise KeyError(name)
        return items[i].text

    def fields(self) -> Iterator[tuple[str, str]]:
        """Yield ``(name, text)`` for every field that exists."""
        yield "title", self.title
        yield "body", self.body
        for i, c in enumerate(self.comments):
            yield f"comments[{i}]", c.text
        for i, b in enumerate(self.boilerplate):
            yield f"boilerplate[{i}]", b.text
        yield "page", self.page

    def paragraph_spans(self) -> list[tuple[int, int]]:
        """Offsets of each paragraph inside ``field_text("body")``."""
        paras = self.paragraphs
        last = _LAST_SPANS[0]
        if last is not None and last[0] is paras:
            return list(last[1])
        spans: list[tuple[int, int]] = []
        pos = 0
        for p in paras:
            spans.append((pos, pos + len(p)))
            pos += len(p) + len(PARAGRAPH_SEP)
        _LAST_SPANS[0] = (paras, tuple(spans))
        return spans

    @property
    def word_count(self) -> int:
        # the last count is remembered, like the body (the same paragraphs
        # object always has the same words)
        paras = self.paragraphs
        last = _LAST_WORDS[0]
        if last is not None and last[0] is paras:
            return last[1]
        n = len(self.body.split())
        _LAST_WORDS[0] = (paras, n)
        return n

    @classmethod
    def from_text(cls, body: str, *, title: str = "", **kwargs: object) -> "Document":
        """Build a Document from a body text without any parsing.

        Paragraphs are split on blank lines. Useful in tests and for callers
        that already hold clean article text.
        """
        paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
        return cls(title=title, paragraphs=paragraphs, page=body, **kwargs)  # type: ignore[arg-type]
