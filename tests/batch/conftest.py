"""Generated articles (texts written for these tests) and small input files."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

_PLACES = ["Marlow Falls", "Eastbridge", "Port Avery", "Kelton", "Rivermouth", "Ashby Vale"]
_TOPICS = ["a new bus depot", "the harbour wall repairs", "a school roof", "the library budget",
           "a flood barrier", "the market square plan"]
_WIRE = [
    "The council voted {n} to {m} on Tuesday to approve {topic}, according to minutes published on its website.",
    "\"We expect the work to finish by March,\" said Dana Whitfield, the council's head of planning, in a statement.",
    "The project will cost {money} million pounds, the council's annual budget report shows.",
    "Two members, Ahmed Sultani and Carol Benn, voted against the plan, citing the cost.",
    "A spokesperson for the regional authority confirmed that funding had been agreed in January.",
    "Residents can comment on the plans until the end of the month, the council said.",
]
_FARM = [
    "In a surprising turn of events, {place} is reportedly facing questions over {topic}.",
    "Reports suggest that up to {big} residents could potentially be affected, and some say the bill may reach as much as {money} million.",
    "Experts believe the work might not finish before next year.",
    "It is believed that officials are weighing several options, although nothing has apparently been decided.",
    "Sources indicate that as many as {n}00 workers were moved to other sites.",
    "It remains crucial to monitor the developments closely as the situation unfolds.",
]


def make_article(i: int, *, words: int = 160) -> tuple[str, str]:
    """(title, body) of a generated article; even i reads like a wire report, odd i like a content farm."""
    rng = random.Random(i)
    place, topic = rng.choice(_PLACES), rng.choice(_TOPICS)
    pool = _WIRE if i % 2 == 0 else _FARM
    fill = dict(place=place, topic=topic, n=rng.randint(3, 9), m=rng.randint(1, 3),
                big=f"{rng.randint(2, 90)},000", money=rng.randint(2, 95))
    title = (f"{place} council approves {topic}" if i % 2 == 0
             else f"Shocking Truth About {topic.title()} In {place} Nobody Is Talking About")
    paras, count = [], 0
    while count < words:
        sents = [rng.choice(pool).format(**fill) for _ in range(3)]
        para = " ".join(sents)
        paras.append(para)
        count += len(para.split())
    if i % 2:
        paras.append("What You Will Learn\n- Why the plan is delayed.\n- What it means for you.")
    return title, "\n\n".join(paras)


@pytest.fixture(scope="session")
def article():
    return make_article


def write_jsonl(path: Path, n: int, *, start: int = 0, domains: int = 4, words: int = 160) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            title, body = make_article(i, words=words)
            fh.write(json.dumps({"id": f"g{i}", "title": title, "text": body,
                                 "url": f"https://site{i % domains}.example.com/story/{i}"}) + "\n")
    return path


@pytest.fixture(scope="session")
def jsonl_writer():
    return write_jsonl
