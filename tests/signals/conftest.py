"""Synthetic comment sections for the comment_bots tests (test helpers only;
nothing in src/ imports this). All comment texts here were written for these
tests."""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsvet.ingest.document import Comment, Document

ARTICLE = (
    "The city council voted on Tuesday to close the harbour bridge for repairs. "
    "Engineers found corrosion in the steel cables during an inspection in March. "
    "The closure will last eight months and ferry services will be expanded."
)

HUMAN_TEXTS = (
    "they said the same thing in 2019 and nothing happened lol",
    "Anyone know if the ferry will run on Sundays too?",
    "My commute is going to be a nightmare. Great.",
    "Honestly about time, that bridge has been creaking for years",
    "eight months?? they'll take two years, watch",
    "I walked across it last week and didn't notice anything weird tbh",
    "Who pays for this though. Not the contractors I bet",
    "Ferries are fine if they actually add more boats. Last time they didn't.",
    "my dad worked on that bridge in the 80s, he always said the cables were bad",
    "Can we get a bike lane on the ferry at least",
    "Good. Better closed than collapsed.",
    "this council can't even fix potholes, now a whole bridge",
    "Does anyone have the inspection report? Would like to read it myself",
    "so the traffic on Elm St is going to double. fantastic",
    "Corrosion in March and they waited till now to vote? weird",
    "Remember when they promised the tunnel. Still waiting.",
    "ok but what happens to the market on the bridge on weekends",
    "Repairs are overdue, stop complaining people",
    "lived here 30 years, this happens every decade",
    "Hope they keep the night bus going at least",
    "the ferry terminal parking is already full by 8am",
    "Not sure why the article doesn't say how much it costs",
    "yikes. glad they caught it",
    "Is the pedestrian path closed too or just cars?",
)

HUMAN_AUTHORS = (
    "mike_r",
    "Sandra K",
    "harbourgirl",
    "Tom Becker",
    "jj",
    None,
    "Priya",
    "oldtimer62",
    "L. Moreno",
    "cyclist4life",
    "Dave",
    "anon",
    "Rosa",
    "Kevin O'Brien",
    "bea",
    "Marcus",
)

BOT_TEXTS = (
    (
        "It is incumbent upon us, as discerning citizens, to recognise the gravity of this "
        "infrastructural juncture. Moreover, the closure underscores the precarious state of "
        "municipal investment."
    ),
    (
        "One must, however, weigh the ramifications of such a protracted closure, lest the "
        "discourse devolve into mere sensationalism. The decision merits sober reflection."
    ),
    (
        "Indeed, Hannah, the council's deliberation constitutes a pivotal moment for the "
        "region. Furthermore, it underscores the paradigm of preventive maintenance."
    ),
    (
        "While one might lament the inconvenience, the tableau of expanded ferry services "
        "bespeaks a prudent and multifaceted response. Consequently, vigilance is warranted."
    ),
    "Interesting developments.",
    (
        "Totally agree, Victor. Nevertheless, the salient question remains whether the "
        "repairs will be executed with meticulous scrutiny and thenceforth sustained."
    ),
    (
        "The inquiry merits deep reflection: does this closure portend a broader reckoning "
        "with our ageing infrastructure? One cannot ignore the implications."
    ),
    (
        "Indeed, Ingrid, such measures reflect a profound commitment to public safety. It is "
        "imperative that the council navigate this landscape with transparency."
    ),
)

# ordered so that "Indeed, Hannah", "Totally agree, Victor" and "Indeed, Ingrid"
# each address the author of the comment just before them
BOT_AUTHORS = (
    "Oliver Grant",
    "Hannah Pierce",
    "Nadia Ellis",
    "Ruth Baker",
    "Victor Lang",
    "Samuel Ortiz",
    "Ingrid Holm",
    "Clara Voss",
)


def _doc(comments: list[Comment]) -> Document:
    return Document.from_text(
        ARTICLE, title="Harbour bridge to close for repairs", comments=tuple(comments)
    )


def human_section(seed: int, n: int = 16) -> Document:
    """Casual texts, varied authors and avatars, bursty lognormal gaps."""
    rng = random.Random(seed)
    t = datetime(2024, 5, 3, 8, 0) + timedelta(minutes=rng.randint(0, 600))
    texts = list(HUMAN_TEXTS)
    rng.shuffle(texts)
    comments = []
    for i in range(n):
        comments.append(
            Comment(
                author=rng.choice(HUMAN_AUTHORS),
                posted_at=t,
                text=texts[i % len(texts)],
                avatar=rng.choice([None, f"https://cdn.example.net/u/{rng.randint(1, 10**6)}.jpg"]),
            )
        )
        t += timedelta(seconds=int(60 * rng.lognormvariate(3.0, 1.6)))
    return _doc(comments)


def bot_section(
    *,
    start: datetime = datetime(2024, 6, 1, 9, 12),
    gap: timedelta = timedelta(days=2, hours=5, minutes=17),
) -> Document:
    """Fixed gap, formal register, name-addressed replies, a generic one-liner,
    placeholder avatars: the shape of seed 003, with texts written here (no
    repeated texts)."""
    comments = [
        Comment(author=a, posted_at=start + k * gap, text=t, avatar="Image placeholder")
        for k, (a, t) in enumerate(zip(BOT_AUTHORS, BOT_TEXTS))
    ]
    return _doc(comments)


TEMPLATE = (
    "As a longtime resident I think the {x} is a {y} decision for our city and I fully "
    "support the council on this."
)


def duplicate_section(n: int = 12) -> Document:
    """Template comments with a few words swapped, plus exact copies; no timestamps."""
    fills = [
        ("closure", "smart"),
        ("repair plan", "wise"),
        ("bridge closure", "sensible"),
        ("ferry plan", "good"),
        ("decision", "great"),
        ("project", "necessary"),
    ]
    comments = []
    for i in range(n):
        x, y = fills[i % len(fills)]
        comments.append(Comment(author=f"user{i}", posted_at=None, text=TEMPLATE.format(x=x, y=y)))
    return _doc(comments)


SPAM_TEXTS = (
    "Check out my channel for daily bridge videos!! please subscribe http://example.com/c/x",
    "I earn $400 a day working from home, message me on whatsapp for details",
    "click here for free gift cards www.free-stuff-example.com",
    "Subscribe to my channel and I will subscribe back, sub4sub",
)


def spam_section() -> Document:
    """Four spam comments among four ordinary ones."""
    ordinary = list(HUMAN_TEXTS[:4])
    comments = [
        Comment(author=f"a{i}", posted_at=None, text=t)
        for i, t in enumerate(ordinary + list(SPAM_TEXTS))
    ]
    return _doc(comments)


# ------------------------------------------------------------------ seed 003
_SEED_COMMENT = re.compile(
    r"^[ \t]*•[ \t]*(?P<avatar>[^\n]*)\n\s*\n[ \t]*(?P<author>[^\n]+)\n\s*\n"
    r"[ \t]*(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4}) AT (?P<time>\d{1,2}:\d{2})\n\s*\n"
    r"(?P<text>.*?)(?=\n[ \t]*•|\n\s*Write a comment|\Z)",
    re.MULTILINE | re.DOTALL,
)


def parse_seed_comments(text: str) -> list[Comment]:
    """The "• avatar / Name / Month D, YYYY AT HH:MM / text" comment blocks."""
    out = []
    for m in _SEED_COMMENT.finditer(text):
        body = "\n".join(line.strip() for line in m.group("text").strip().splitlines())
        out.append(
            Comment(
                author=m.group("author").strip(),
                posted_at=datetime.strptime(
                    f"{m.group('date')} {m.group('time')}", "%B %d, %Y %H:%M"
                ),
                text=body,
                avatar=m.group("avatar").strip() or None,
            )
        )
    return out


def seed_003_document(seeds_dir: Path) -> Document:
    path = sorted(seeds_dir.glob("003_*.txt"))
    if not path:
        pytest.skip("seed 003 not found")
    raw = path[0].read_text(encoding="utf-8")
    try:
        from newsvet.ingest import parse_text  # type: ignore[attr-defined]

        doc = parse_text(raw)
        if len(doc.comments) == 16:
            return doc
    except Exception:  # ingest is written in parallel: fall back to the regex below
        logging.getLogger(__name__).info("newsvet.ingest.parse_text unusable", exc_info=True)
    comments = parse_seed_comments(raw)
    head = raw.split("16 Comments")[0]
    title = head.strip().splitlines()[0]
    return Document.from_text(head, title=title, comments=tuple(comments))


@pytest.fixture(scope="session")
def comment_texts() -> SimpleNamespace:
    """The article and comment texts the generators use."""
    return SimpleNamespace(article=ARTICLE, human=HUMAN_TEXTS, bot=BOT_TEXTS)


@pytest.fixture()
def make_human() -> Callable[..., Document]:
    return human_section


@pytest.fixture()
def make_bot() -> Callable[..., Document]:
    return bot_section


@pytest.fixture()
def duplicates_doc() -> Document:
    return duplicate_section()


@pytest.fixture()
def spam_doc() -> Document:
    return spam_section()


@pytest.fixture()
def seed_003(seeds_dir: Path) -> Document:
    return seed_003_document(seeds_dir)
