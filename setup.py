"""Build newsvet, compiling its heaviest modules with mypyc where possible.

Everything else about the package is in pyproject.toml. The modules listed
in ``newsvet._compiled.MODULES`` are compiled with mypyc (a build requirement)
on CPython when a C compiler works; otherwise, or with ``NEWSVET_PURE_PYTHON=1``
set, the package is built as pure Python and works the same, only slower
(docs/performance.md). The build records a digest of each compiled module's
source so that an edited but not rebuilt checkout is noticed
(``newsvet._compiled.stale``).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"


def _modules() -> list[str]:
    """MODULES of src/newsvet/_compiled.py, read without importing the package."""
    tree = ast.parse((SRC / "newsvet" / "_compiled.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "MODULES":
            return list(ast.literal_eval(node.value))
    raise RuntimeError("newsvet/_compiled.py has no MODULES")


def _source(module: str) -> Path:
    return SRC.joinpath(*module.split(".")).with_suffix(".py")


NATIVE = "newsvet._speedups"


def _native_source() -> Path:
    return SRC.joinpath(*NATIVE.split(".")).with_suffix(".c")


def _extensions() -> list:
    # the test of newsvet._compiled.pure_python_requested, written out: the
    # build cannot import the package (its dependencies are not installed yet)
    if os.environ.get("NEWSVET_PURE_PYTHON", "").strip() not in ("", "0"):
        print("newsvet: NEWSVET_PURE_PYTHON is set: building pure Python", file=sys.stderr)
        return []
    if sys.implementation.name != "cpython":
        return []
    try:
        from mypyc.build import mypycify

        # paths relative to the project, so that mypyc names the modules
        # newsvet.* (src/ is no package); third-party packages are not
        # needed to compile (absent from the build environment, they are Any)
        os.chdir(ROOT)
        exts = mypycify(
            ["--ignore-missing-imports", *(str(_source(m).relative_to(ROOT)) for m in _modules())],
            opt_level="3",
            group_name="newsvet",  # the shared library: newsvet__mypyc
        )
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure: build pure Python
        print(f"newsvet: not compiling ({exc!r}); building pure Python", file=sys.stderr)
        return []
    # newsvet._speedups: hand-written C for a few per-character scans (each
    # with a Python reference that runs where it is not built)
    exts.append(Extension(NATIVE, [str(_native_source().relative_to(ROOT))]))
    for ext in exts:
        ext.optional = True  # no working C compiler: the package stays pure Python
    return exts


class BuildExt(build_ext):
    """build_ext that records the sources of the modules it compiled."""

    def run(self) -> None:
        super().run()
        sources = {m: _source(m) for m in _modules()}
        sources[NATIVE] = _native_source()
        built = [
            m for m in sources
            if any(e.name == m for e in self.extensions) and Path(self.get_ext_fullpath(m)).is_file()
        ]
        if not built:
            return
        package_dir = Path(self.get_ext_fullpath("newsvet._compiled")).parent
        record = {m: hashlib.sha256(sources[m].read_bytes()).hexdigest() for m in built}
        (package_dir / "_compiled_sources.json").write_text(
            json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildExt})
