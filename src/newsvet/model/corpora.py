"""Labelled corpora: reading, repairing and cleaning articles for training.

Labels in these corpora belong to *publishers*, so a model can score well by
recognising an outlet instead of learning how unreliable articles are
written. :func:`clean_article` removes what names an outlet or is its page
furniture: datelines and wire credits (``WASHINGTON (AP) —``, ``(Reuters) -``,
``(Natural News)``), bylines, photo credits, share/follow/subscribe lines,
"The post ... appeared first on ...", disclaimers, the publishers' names and
domains, URLs and e-mail addresses. :func:`repeated_lines` finds the lines an
outlet repeats across its articles (newsletter pitches, polls, donation
appeals) so they can be dropped too.

Nothing here is used at prediction time: a scored article is read as it is.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError

__all__ = [
    "PUBLISHER_NAMES",
    "Article",
    "clean_article",
    "read_corpus",
    "repair_mojibake",
    "repeated_lines",
    "sha256_file",
]

logger = logging.getLogger("newsvet.model.corpora")


@dataclass(frozen=True, slots=True)
class Article:
    """One labelled article as read from a corpus (text stays in memory only)."""

    id: str
    corpus: str
    publisher: str
    label: int  # 1 = reliable source, 0 = unreliable source
    title: str
    body: str
    author: str | None = None
    published: str | None = None
    #: labels kept for evaluation only, never trained on: ``(name, value)``
    #: from the manifest's ``evaluation_columns`` (e.g. BuzzFeed-Webis's veracity)
    extra: tuple[tuple[str, str], ...] = ()


# --------------------------------------------------------------------- mojibake
# UTF-8 read as cp1252/latin-1: a lead byte (Â..ô) followed by continuation
# characters (U+0080..U+00BF or their cp1252 renderings such as ’ “ € ™).
_CP1252_CONT = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_CONT}]{{1,3}}")


def _to_bytes(s: str) -> bytes:
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            out += ch.encode("latin-1")  # U+0080..U+009F: C1 controls map to themselves
    return bytes(out)


def _fix(m: re.Match[str]) -> str:
    s = m.group(0)
    # try the longest prefix that decodes (a lead byte takes 1-3 continuations)
    for k in range(len(s), 1, -1):
        try:
            return _to_bytes(s[:k]).decode("utf-8") + s[k:]
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return s


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252/latin-1 (``â€™`` -> ``’``).

    Only sequences that decode as valid UTF-8 are changed, so correct text
    with accents (``café``, ``Zürich``) is left alone.
    """
    if not any("\u00c2" <= ch <= "\u00f4" for ch in text):
        return text
    return _MOJIBAKE.sub(_fix, text)


# ----------------------------------------------------------------------- names
#: outlet names and aliases removed from training text (every publisher in the
#: corpora, the wire agencies, and re-post sources that name an outlet)
PUBLISHER_NAMES: tuple[str, ...] = (
    # ReCOVery publishers
    "Politico",
    "Slate",
    "Business Insider",
    "Insider",
    "CBS News",
    "CBSN",
    "CBS",
    "Chicago Sun-Times",
    "Sun-Times",
    "CST",
    "CNBC",
    "The Detroit News",
    "Detroit News",
    "FiveThirtyEight",
    "538",
    "Los Angeles Daily News",
    "Daily News",
    "Mercury News",
    "The New Yorker",
    "New Yorker",
    "National Public Radio",
    "NPR",
    "The New York Times",
    "New York Times",
    "NYT",
    "The Verge",
    "Verge",
    "USA TODAY",
    "USA Today",
    "Washington Monthly",
    "Yahoo! News",
    "Yahoo News",
    "Yahoo",
    "RealFarmacy",
    "Real Farmacy",
    "Activist Post",
    "American Thinker",
    "Big League Politics",
    "Bipartisan Report",
    "Clash Daily",
    "Collective Evolution",
    "CE",
    "Curious Mind Magazine",
    "DC Gazette",
    "DC Dirty Laundry",
    "Drudge Report",
    "Drudge",
    "En Volve",
    "En-Volve",
    "FrontPage Magazine",
    "FrontPage Mag",
    "FrontPage",
    "Front Page Magazine",
    "Geller Report",
    "Pamela Geller",
    "Geller",
    "Global Research",
    "Health Impact News",
    "Vaccine Impact",
    "Health Nut News",
    "Heartland Institute",
    "Heartland",
    "News Punch",
    "NewsPunch",
    "Pravda Report",
    "Pravda.Ru",
    "Pravda",
    "Press TV",
    "PressTV",
    "Sputnik News",
    "Sputnik",
    "The Mind Unleashed",
    "Mind Unleashed",
    "TMU",
    "The Duran",
    "Duran",
    "True Pundit",
    "Waking Times",
    "WorldHealth.Net",
    "WorldHealth",
    "A4M",
    # BuzzFeed-Webis portals
    "ABC News",
    "ABC",
    "CNN",
    "Addicting Info",
    "AddictingInfo",
    "Occupy Democrats",
    "The Other 98%",
    "Other98",
    "Eagle Rising",
    "Freedom Daily",
    "Right Wing News",
    # wire agencies and syndication sources named in datelines
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "UPI",
    "Bloomberg",
    "Natural News",
    "NaturalNews",
    "Gateway Pundit",
    "Zerohedge",
    "ZeroHedge",
    "Tribune Content Agency",
    "Common Dreams",
    "Sovereign Man",
    "The Daily Bell",
    "PJMedia",
    "PJ Media",
)

_NAMES_RE = re.compile(
    r"(?<![\w@])(?:"
    + "|".join(re.escape(n) for n in sorted(PUBLISHER_NAMES, key=len, reverse=True))
    + r")(?:['’]s)?(?![\w])",
)

_URL = re.compile(r"(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S+|\S+@\S+\.\w+")
_DOMAIN = re.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|ru|ir|co\.uk|ca|news|info)\b", re.IGNORECASE
)

# --------------------------------------------------------------- line patterns
_JUNK_LINE = re.compile(
    r"""^(?:
        share\ (?:this|on)\b.* | follow\ (?:us|me|\S+\ \S+\ on)\b.* | sign\ up\b.* | subscribe\b.*
      | read\ more\b.* | read\ or\ share\ this\ story.* | related(?:\ stor(?:y|ies))?:? | source:.{0,80}
      | sources?\ for\ this\ article.* | see\ also:? | shares | order\ here!? | click\ here\b.*
      | advertisement | enlarge\ this\ image.* | toggle\ caption.* | (?:image|photo|video)(?:\ credit)?:.*
      | e-?mail:?\ ?\S*@?\S* | liked\ it\?.* | read\ later\ add\ to.* | get\ the\ latest\ from.* | you'll\ only\ get.*
      | get\ the\ best\ .{0,40}\ inbox!? | listen\ to\ .{0,80}(?:podcast|spreaker).* | [\d.]+k\ shares.*
      | facebook | twitter | reddit | email\ ?\*? | print | comments? | loading\.*
      | the\ post\ .*\ appeared\ first\ on\ .* | the\ views\ (?:and\ opinions\ )?(?:expressed\ )?in\ th.*
      | contributing:.* | \(?(?:reporting|writing|editing|additional\ reporting)\ by\ .* | ©.* | copyright\ .*
      | distributed\ by\ .* | visit\ .{0,40}\ at\ .* | article\ posted\ with\ permission.* | h/?\.?t\b.*
      | via\ \S+(?:\ \S+)? | –\ read\ more | comments\ by\ .* | editor,\ .* | this\ article\ (?:was\ )?originally\ .*
      | (?:this\ (?:article|story)\ )?(?:first\ )?appeared\ (?:first\ )?on\ .* | take\ our\ poll.* | trending:.*
      | we'd\ love\ to\ get\ your\ feedback.* | opinion\ contributor | this\ is\ an\ opinion\ column.*
      | by\ [A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){0,3}(?:[,|/].{0,60})? | [-—–]+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(r"^by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*(?:[,|/–—-]|\n|$)")
# "(Reuters) -", "(Natural News) ", "(TMU) –", "WASHINGTON (AP) —", "LONDON —",
# "Lisbon, Ohio – " at the start of the article or of a paragraph
_DATELINE = re.compile(
    r"""^(?:
        (?=[A-Z.'’ ]{4})[A-Z][A-Z.'’]+(?:\ [A-Z][A-Z.'’]+){0,3}
            (?:,\ [A-Z][A-Za-z.]+(?:\ [A-Z][A-Za-z.]+)?)?
            (?:\ \([^)\n]{1,40}\)\ +[-–—]+|\ +[–—]+)\ *
      | [A-Z][a-z]+(?:\ [A-Z][a-z]+)?,\ [A-Z][A-Za-z.]+(?:\ [A-Z][a-z]+)?\ +[–—]+\ +
      | \([A-Za-z .&-]{1,40}\)\ *[-–—:]*\ *
    )""",
    re.VERBOSE,
)


# photo captions and credits: short lines naming a picture agency or credit
_CREDIT = re.compile(
    r"Getty\s+Images|AP\s+Photo|\bPhoto(?:graph)?\s+(?:by|courtesy|credit)|\b(?:Photo|Image|Photograph)s?:"
    r"|/\s*(?:AFP|Reuters|AP|Bloomberg|EPA|TNS)\b|Shutterstock|\bCourtesy\s+of\b|\bfile\s+photo\b"
    r"|toggle\s+caption|\bhide\s+caption",
    re.IGNORECASE,
)
_CREDIT_INLINE = re.compile(r"\((?:AP|AFP|Reuters)?\s*Photo[^()\n]{0,120}\)", re.IGNORECASE)
_MAX_CAPTION_WORDS = 40


def _normalise_line(line: str) -> str:
    return re.sub(r"\d", "0", re.sub(r"\s+", " ", line.strip().lower()))


def clean_article(text: str, *, drop_lines: frozenset[str] = frozenset()) -> str:
    """Return ``text`` without what names its outlet or is page furniture.

    Paragraphs are kept on separate lines joined by blank lines. ``drop_lines``
    holds normalised lines (see :func:`repeated_lines`) to remove as well.
    This is the one cleaning step applied to every training article.
    """
    text = repair_mojibake(text).replace("\r\n", "\n").replace("\u00a0", " ")
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if drop_lines and _normalise_line(line) in drop_lines:
            continue
        if len(line) < 200 and _JUNK_LINE.match(line):
            continue
        line = _CREDIT_INLINE.sub(" ", line)
        if len(line.split()) <= _MAX_CAPTION_WORDS and _CREDIT.search(line):
            continue
        if not out:
            line = _BYLINE.sub("", line).strip()
            line = _DATELINE.sub("", line, count=1)
        line = _URL.sub(" ", line)
        line = _NAMES_RE.sub(" ", line)
        line = _DOMAIN.sub(" ", line)
        line = re.sub(r"[ \t]{2,}", " ", line).strip()
        line = re.sub(r"^[-–—:|,.]+\s*", "", line) if len(line) < 3 or line[:1] in "-–—:|" else line
        if re.search(r"\w", line):
            out.append(line)
    return "\n\n".join(out)


def repeated_lines(
    articles: Iterable[tuple[str, str]], *, min_count: int = 3, min_share: float = 0.05
) -> frozenset[str]:
    """Normalised lines that an outlet repeats across its articles.

    ``articles`` yields ``(publisher, text)``. A line is returned when at
    least ``min_count`` articles of one publisher, and at least ``min_share``
    of them, contain it, or when ``min_count`` articles of different
    publishers do (syndicated furniture such as podcast plugs).
    """
    per_pub: dict[str, Counter[str]] = defaultdict(Counter)
    n_pub: Counter[str] = Counter()
    overall: Counter[str] = Counter()
    for pub, text in articles:
        n_pub[pub] += 1
        lines = {_normalise_line(x) for x in text.split("\n") if x.strip()}
        lines = {x for x in lines if len(x) < 400}
        per_pub[pub].update(lines)
        overall.update(lines)
    out: set[str] = set()
    for pub, c in per_pub.items():
        for line, k in c.items():
            if k >= min_count and k >= min_share * n_pub[pub]:
                out.add(line)
    out.update(line for line, k in overall.items() if k >= 2 * min_count)
    return frozenset(out)


# ---------------------------------------------------------------------- reading
def sha256_file(path: Path) -> str:
    """The sha256 of a file; of a folder: of its files' names and digests, sorted."""
    if path.is_dir():
        h = hashlib.sha256()
        for f in sorted(p for p in path.iterdir() if p.is_file()):
            h.update(f"{f.name}:{sha256_file(f)}\n".encode())
        return h.hexdigest()
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_corpus(path: Path, spec: Mapping[str, object]) -> Iterator[Article]:
    """Read one corpus described by a manifest entry (see labelled/manifest.json).

    ``format`` "csv": one file, the label in a column mapped by
    ``label_mapping``. ``format`` "jsonl": a folder whose ``files`` map a file
    name to the label of every line in it.
    """
    fmt = str(spec.get("format", "csv"))
    if fmt == "jsonl":
        yield from _read_jsonl(path, spec)
        return
    if fmt != "csv":
        raise DataError(f"unsupported corpus format {fmt!r}")
    if not path.is_file():
        raise DataError(f"corpus file not found: {path}")
    cols = spec["columns"]
    assert isinstance(cols, Mapping)
    mapping = spec["label_mapping"]
    assert isinstance(mapping, Mapping)
    name = str(spec["name"])
    extra_cols = spec.get("evaluation_columns") or {}
    assert isinstance(extra_cols, Mapping)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        wanted = [*cols.values(), *extra_cols.values()]
        missing = [c for c in wanted if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"{path}: missing columns {missing}")
        for i, row in enumerate(reader):
            raw_label = (row[cols["label"]] or "").strip()
            if raw_label not in mapping:
                continue
            label = mapping[raw_label]
            if label is None:
                continue
            body = row[cols["body"]] or ""
            if not body.strip():
                continue
            yield Article(
                id=str(row.get(cols.get("id", ""), "") or f"{name}-{i}"),
                corpus=name,
                publisher=_canonical_publisher(row[cols["group"]]),
                label=int(label),  # type: ignore[call-overload]
                title=row.get(cols.get("title", ""), "") or "",
                body=body,
                author=_author(row.get(cols.get("author", ""), "") or ""),
                published=(row.get(cols.get("date", ""), "") or "").strip() or None,
                extra=tuple((k, (row.get(c) or "").strip()) for k, c in extra_cols.items()),
            )


def _read_jsonl(folder: Path, spec: Mapping[str, object]) -> Iterator[Article]:
    files = spec.get("files")
    cols = spec["columns"]
    if not isinstance(files, Mapping) or not isinstance(cols, Mapping):
        raise DataError(f"corpus {spec.get('name')!r}: a jsonl corpus needs 'files' and 'columns'")
    name = str(spec["name"])
    for fname, label in files.items():
        path = folder / str(fname)
        if not path.is_file():
            raise DataError(f"corpus file not found: {path}")
        stem = Path(str(fname)).stem
        with open(path, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    raise DataError(f"{path}:{i + 1}: not JSON ({err.msg})") from None
                body = str(row.get(cols["body"]) or "")
                if not body.strip():
                    continue
                variant = row.get(cols["variant"]) if "variant" in cols else None
                yield Article(
                    id=f"{stem}-{i}" + (f"-{variant}" if variant else ""),
                    corpus=name,
                    publisher=str(row.get(cols["group"]) or "unknown"),
                    label=int(label),
                    title=str(row.get(cols.get("title", ""), "") or ""),
                    body=body,
                    author=_author(str(row.get(cols["author"]) or ""))
                    if "author" in cols
                    else None,
                    published=None,
                )


def _author(raw: str) -> str | None:
    """An author field as the corpora store it ("['A', 'B']", "A", "[]") -> "A, B" or None."""
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        names = [n.strip().strip("'\"") for n in raw[1:-1].split(",")]
        raw = ", ".join(n for n in names if n)
    if raw.lower() in ("", "nan", "none", "null"):
        return None
    return raw


_PUBLISHER_ALIASES = {
    "politico": "Politico",
    "cnn": "CNN",
    "abc": "ABC News",
}


def _canonical_publisher(name: str) -> str:
    name = (name or "").strip()
    return _PUBLISHER_ALIASES.get(name.lower(), name)
