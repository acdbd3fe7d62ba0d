"""Which of newsvet's modules run compiled, and the switch back to their source.

The heaviest per-word modules (sentence segmentation, plain-text parsing
and six signals) are compiled with `mypyc <https://mypyc.readthedocs.io>`_
when the package is built on CPython with a C compiler (``setup.py``); the
compiled modules give the same results as their Python source
(tests/test_compiled.py compares them), only faster. One module,
``newsvet._speedups``, is hand-written C for a few per-character scans;
each of its functions has a Python reference in the package, used where the
module is not built or not used. Without a
compiler, or with ``NEWSVET_PURE_PYTHON=1`` set at build time, the package
is pure Python.

At run time ``NEWSVET_PURE_PYTHON=1`` makes newsvet import the Python source
of these modules even where the compiled ones exist, and not import the C
module (for debugging: the source gives ordinary tracebacks and can be
edited without a rebuild).

The build records a digest of each compiled module's source
(``_compiled_sources.json`` beside them). A compiled module whose source has
changed since (an edited checkout that was not rebuilt) would run the old
code: :func:`stale` names them, ``import newsvet`` warns, and the Python
source (for the C module: the Python references) is used instead.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

#: the modules setup.py compiles (the list setup.py reads)
MODULES: tuple[str, ...] = (
    "newsvet.segment",
    "newsvet.ingest.text",
    "newsvet.signals.ai_markers",
    "newsvet.signals.hedging",
    "newsvet.signals.readability",
    "newsvet.signals.seo_filler",
    "newsvet.signals.sourcing",
    "newsvet.signals.unattributed_figures",
)

#: hand-written C modules (setup.py builds them too; source: the ``.c`` file
#: beside them); where one is not imported, its Python references run
NATIVE: tuple[str, ...] = ("newsvet._speedups",)

#: every module that can run compiled
ALL: tuple[str, ...] = MODULES + NATIVE

#: the record of the compiled modules' sources, written by the build
RECORD = "_compiled_sources.json"

_PACKAGE_DIR = Path(__file__).resolve().parent


def pure_python_requested() -> bool:
    """Whether ``NEWSVET_PURE_PYTHON`` asks for the Python source."""
    return os.environ.get("NEWSVET_PURE_PYTHON", "").strip() not in ("", "0")


def _relative(module: str) -> Path:
    return Path(*module.split(".")[1:])


def _source(module: str) -> Path:
    return _PACKAGE_DIR / _relative(module).with_suffix(".c" if module in NATIVE else ".py")


def _compiled_file(module: str) -> Path | None:
    rel = _relative(module)
    folder = _PACKAGE_DIR / rel.parent
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        f = folder / (rel.name + suffix)
        if f.is_file():
            return f
    return None


def digest(path: Path) -> str:
    """sha256 of a source file (what the build records)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record() -> dict[str, str]:
    try:
        data = json.loads((_PACKAGE_DIR / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def compiled_modules() -> list[str]:
    """The modules of :data:`ALL` with a compiled file in the package."""
    return [m for m in ALL if _compiled_file(m) is not None]


def stale() -> list[str]:
    """Compiled modules whose source differs from the one they were built from
    (or whose build left no record): they would run old code."""
    record = _record()
    out = []
    for m in compiled_modules():
        src = _source(m)
        try:
            same = src.is_file() and record.get(m) == digest(src)
        except OSError:
            same = False
        if not same:
            out.append(m)
    return out


def status() -> dict[str, str]:
    """Each module of :data:`ALL` -> "compiled" or "python" (what an import
    in this process gives or gave; "python" for a C module that is not
    imported: its Python references run)."""
    out = {}
    for m in ALL:
        mod = sys.modules.get(m)
        origin = getattr(mod, "__file__", None) if mod is not None else None
        if origin is None:
            try:
                spec = importlib.util.find_spec(m)
            except ImportError:  # a C module kept out (see _SourceFinder)
                spec = None
            origin = spec.origin if spec is not None else None
        out[m] = "python" if origin is None or origin.endswith(".py") else "compiled"
    return out


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the listed modules' ``.py`` files before the compiled ones; a
    listed C module (:data:`NATIVE`) is not imported at all (ImportError:
    its users then run the Python references)."""

    def __init__(self, modules: Sequence[str]) -> None:
        self.modules = frozenset(modules)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.modules:
            return None
        if fullname in NATIVE:
            raise ImportError(f"{fullname} is not used here", name=fullname)
        name = fullname.rpartition(".")[2] + ".py"
        for entry in path or ():
            f = Path(entry) / name
            if f.is_file():
                return importlib.util.spec_from_file_location(fullname, f)
        return None


def use_source(modules: Sequence[str]) -> None:
    """Import ``modules`` from their Python source from now on (call before
    they are imported)."""
    if modules and not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder(modules))


def choose() -> None:
    """At ``import newsvet``: the Python source when asked for, or in place of
    compiled modules built from another version of it (with a warning; all
    of the mypyc modules when one of them is stale)."""
    if pure_python_requested():
        use_source(ALL)
        return
    old = stale()
    if old:
        warnings.warn(
            f"newsvet: compiled {', '.join(old)} {'was' if len(old) == 1 else 'were'} built"
            " from other sources than the ones beside them; using the Python source"
            " (rebuild with `pip install -e .` to compile again)",
            RuntimeWarning,
            stacklevel=3,
        )
        # the mypyc modules are one shared library whose modules import each
        # other directly, not through the import system: a stale one means
        # the source of all of them
        use_source(
            [*(MODULES if set(old) & set(MODULES) else ()), *(m for m in old if m in NATIVE)]
        )
