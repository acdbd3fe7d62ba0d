"""Signal outputs must not depend on the interpreter's hash seed.

Weights summed over a set of n-grams used to be added in set order, which
changes with PYTHONHASHSEED: the same title scored 0.8097098519699981 in one
process and 0.8097098519699979 in the next. Each run below is a fresh
interpreter with its own seed.
"""

from __future__ import annotations

import os
import subprocess
import sys

_SCRIPT = r"""
from newsvet.ingest.document import Comment, Document
from newsvet.signals.base import REGISTRY

titles = [
    "You Won't Believe What This Council Did With Your Money",
    "Harbour wall repairs approved after three-year delay",
    "17 Reasons Why Experts Say The Ring Road Will Never Open",
    "Ministry confirms new timetable for regional rail services",
]
body = (
    "Reports suggest up to 12,000 residents could be affected, and it is believed costs "
    "may have doubled. Officials reportedly weighed several options, sources say.\n\n"
    "The council voted 7 to 2 on Tuesday to approve the plan, according to its minutes."
)
comments = tuple(
    Comment(author=f"user{i}", posted_at=None, text=t)
    for i, t in enumerate([
        "Great article, check out my channel for more videos like this!!!",
        "Subscribe to my page, free gift cards every day http://example.invalid",
        "I live near the harbour and the wall has been crumbling for years.",
    ])
)
for t in titles:
    doc = Document.from_text(body, title=t, comments=comments)
    for name in ("clickbait", "hedging", "comment_bots"):
        s = REGISTRY[name](doc)
        print(name, repr(s.score), sorted((k, repr(v)) for k, v in s.values.items()))
"""


def _run(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def test_scores_do_not_depend_on_the_hash_seed():
    outputs = {_run(seed) for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1
    assert "clickbait" in next(iter(outputs))
