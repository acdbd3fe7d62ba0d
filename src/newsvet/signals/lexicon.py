"""Load the package's versioned word lists (``data/<name>-v<N>.txt``) and weights (``.json``)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["lexicon_set", "load_data_json", "load_lexicon", "normalise", "phrase_pattern"]

_NONWORD = re.compile(r"[^\w']+|_")


def normalise(text: str) -> str:
    """Lower-case, apostrophes unified, punctuation and bullets -> one space
    (how lexicon headings and page lines are compared)."""
    return _NONWORD.sub(" ", text.lower().replace("’", "'")).strip(" '")


@cache
def load_lexicon(name: str) -> tuple[str, ...]:
    """Entries of ``data/<name>.txt`` (``name`` includes the version, e.g.
    ``"hedges-v1"``), lower-cased, in file order, without comments/blanks."""
    path = resources.files("newsvet.signals").joinpath("data", f"{name}.txt")
    out: list[str] = []
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line and line not in seen:
            seen.add(line)
            out.append(line)
    return tuple(out)


def lexicon_set(name: str) -> frozenset[str]:
    """The entries of a lexicon passed through :func:`normalise`, as a set."""
    return frozenset(normalise(e) for e in load_lexicon(name))


def load_data_json(filename: str) -> dict[str, Any]:
    """The parsed content of ``data/<filename>`` (a signal's shipped weights)."""
    path = resources.files("newsvet.signals").joinpath("data", filename)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def phrase_pattern(name: str) -> re.Pattern[str]:
    """One case-insensitive regex matching any entry of a lexicon as whole
    words; longer entries win. Entries may contain regex-free text only."""
    entries = sorted(load_lexicon(name), key=len, reverse=True)
    alts = "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in entries)
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)
