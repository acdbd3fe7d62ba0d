"""Synthetic documents for the model tests (texts written for these tests only)."""

from __future__ import annotations

import random

import numpy as np

from newsvet.ingest.document import Document

_SOBER = (
    "the council said on tuesday that the budget would be published next week",
    "officials confirmed the figures in a statement and answered questions",
    "the report was reviewed by two independent auditors before release",
    "a spokesperson declined to comment further on the ongoing review",
    "the minister told reporters the plan had been approved by parliament",
)
_SHRILL = (
    "you will not believe what they are hiding from you right now",
    "shocking truth the elites do not want you to know about this",
    "wake up people this is the biggest cover up in history",
    "they are lying to you again and the media is silent",
    "share this before it gets deleted by the censors tonight",
)


def make_docs(n: int, seed: int = 0) -> tuple[list[Document], np.ndarray, np.ndarray]:
    """n documents from 12 publishers; reliable ones are sober, unreliable shrill."""
    rng = random.Random(seed)
    docs, ys, groups = [], [], []
    for i in range(n):
        pub = i % 12
        y = 1 if pub < 7 else 0
        pool = _SOBER if y else _SHRILL
        other = _SHRILL if y else _SOBER
        sents = [rng.choice(pool) for _ in range(rng.randint(4, 8))]
        if rng.random() < 0.3:
            sents.append(rng.choice(other))
        paras = []
        while sents:
            k = rng.randint(1, 3)
            paras.append(
                ". ".join(s[0].upper() + s[1:] for s in sents[:k]) + ("!" if not y else ".")
            )
            sents = sents[k:]
        title = "Council publishes budget" if y else "You Will Not Believe This"
        docs.append(Document(title=title, paragraphs=tuple(paras), page="\n\n".join(paras)))
        ys.append(y)
        groups.append(f"pub{pub}")
    return docs, np.array(ys), np.array(groups)
