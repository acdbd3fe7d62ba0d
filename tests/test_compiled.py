"""The compiled modules (setup.py, mypyc) against their Python source.

Every output newsvet gives (each signal's values, scores and evidence, every
contribution of the explanation, the reliability) must be the same, bit for
bit, whether the heaviest modules run compiled or as Python source
(NEWSVET_PURE_PYTHON=1), on hand-made tricky texts, generated texts, and,
with ../shared, the seeds, corpus articles and real web pages.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import random
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from newsvet import _compiled

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"

TRICKY = [
    "",
    "   \n\n ",
    "It is said that the convoy was stopped at the border by the army.",
    "Reports suggest up to 12,000 troops may have crossed, some say. Officials said 40 died.",
    "U.S. officials don't know. Dr. Smith's well-known e.g. remarks -- 3.5 and 12,000.",
    "ΟΔΟΣ said: İstanbul Zürich naïve café. “Quoted words” and ‘more’ here.",
    "snake_case words_ and __init__ stay apart",
    "$5 and $ 6, 1,500,000 troops, F-16s, COVID-19, 2024-11-05, No. 5, 4K, 1950s",
    "WHAT YOU WILL LEARN\nYou Might Also Like\nClick here!!! SHOCKING news you won't believe.",
    "“We will act,” the minister said. According to Reuters, a third of the 300 seats changed.",
    (
        "By Jane Doe\nLONDON (Reuters) - Experts believe the plan could potentially fail, "
        "it is believed. Many people say so. Two-thirds of voters, roughly 2 million, agreed."
    ),
    "Moreover, in today's fast-paced world, it's important to note that only time will tell.",
    "Ⅻ ⅓ ½ ٣ ३ 𝟘 — digits of other scripts; ﬁ ligature; ǅ titlecase; İ dotted.",
    "a\u0000b\u200bc\ufeffd \U0001f600 \u202eevil\u202c",
    "Line one\r\nLine two\rLine three\u2028Line four\u2029Line five",
    # hostile shapes (docs/hostile-inputs.md): a lone surrogate, long runs
    # of figures and of one word, right-to-left text, no spaces at all
    "Officials said \ud800 up to 12,000 troops \udfff were seen.",
    "12,000 " * 3000 + "troops, reports suggest.",
    ("said " * 4000).strip() + ".",
    "قال المسؤولون إن 12000 جندي ربما عبروا الحدود. " * 40,
    "x" * 50_000,
]

WORDS = [
    "12", "1,500", "3.5", "$", "$4", "€9m", "F-16", "troops", "said", "says", "reportedly",
    "up to", "as many as", "some", "experts", "believe", "may", "could", "allegedly",
    "according to", "officials", "Reuters", "the", "a", "of", "in", "(", ")", "%", "million",
    "No.", "COVID-19", "“", "”", "'", '"', "—", "-", ",", ".", "!", "?", ":", ";", "\n",
    "\n\n", "Dr.", "U.S.", "Smith", "İstanbul", "café", "half", "a third of", "twice",
    "Moreover,", "Furthermore,", "delve", "tapestry", "WHAT", "YOU", "WILL", "LEARN",
    "It", "is", "believed", "that", "sources", "told", "CNN", "by", "By", "Jane", "Doe",
]


def _generated(n: int, seed: int = 20261206) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.randint(1, 160)
        body = " ".join(rng.choice(WORDS) for _ in range(k))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12))) or None
        out.append({"kind": "text", "content": body, "title": title})
    return out


def _shared_items() -> list[dict]:
    if not (SHARED / "README.md").is_file():
        return []
    items: list[dict] = []
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        items.append({"kind": "text", "content": p.read_text(encoding="utf-8"), "title": None})
    csv.field_size_limit(sys.maxsize)
    rec = SHARED / "corpora" / "recovery" / "recovery_train.csv"
    if rec.is_file():
        with open(rec, encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i % 7 == 0:  # a spread over the file
                    items.append({"kind": "text", "content": row.get("body_text") or "",
                                  "title": row.get("title") or None})  # fmt: skip
                if len(items) >= 150:
                    break
    html_dir = SHARED / "extraction" / "article_extraction_benchmark" / "html"
    for p in sorted(html_dir.glob("*.html.gz"))[::6]:
        html = gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
        items.append({"kind": "html", "content": html, "url": None})
    return items


def _probe(items: list[dict], *, pure: bool) -> dict:
    env = dict(os.environ)
    env.pop("NEWSVET_PURE_PYTHON", None)
    if pure:
        env["NEWSVET_PURE_PYTHON"] = "1"
    proc = subprocess.run(
        [sys.executable, str(HERE / "compiled_probe.py")],
        input=json.dumps(items), capture_output=True, text=True, env=env, timeout=900, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_compiled_modules_are_current() -> None:
    """A compiled module built from other sources than the ones beside it is
    noticed (and not used)."""
    assert _compiled.stale() == [], "rebuild: pip install -e ."


def test_compiled_modules_are_used() -> None:
    import newsvet.signals  # noqa: F401 - imports them all

    built = set(_compiled.compiled_modules())
    status = _compiled.status()
    if _compiled.pure_python_requested():
        assert set(status.values()) == {"python"}
    else:
        assert {m for m, s in status.items() if s == "compiled"} == built


def test_compiled_equals_source() -> None:
    if not _compiled.compiled_modules():
        pytest.skip("pure Python build: nothing compiled to compare")
    items = [{"kind": "text", "content": t, "title": None} for t in TRICKY]
    items += [{"kind": "text", "content": t, "title": t[:60] or None} for t in TRICKY]
    items += _generated(300) + _shared_items()
    compiled = _probe(items, pure=False)
    source = _probe(items, pure=True)
    assert set(compiled["status"].values()) == {"compiled"}
    assert set(source["status"].values()) == {"python"}
    assert len(compiled["results"]) == len(source["results"]) == len(items)
    for i, (c, s) in enumerate(zip(compiled["results"], source["results"])):
        assert c == s, f"item {i} differs: {json.dumps(items[i])[:300]}"


def test_pure_python_switch_imports_the_source(tmp_path: Path) -> None:
    code = (
        "import newsvet, newsvet.signals, sys; from newsvet import _compiled;"
        "print(all(sys.modules[m].__file__.endswith('.py') for m in _compiled.MODULES))"
    )
    env = dict(os.environ, NEWSVET_PURE_PYTHON="1")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"


def test_stale_compiled_module_falls_back_to_source(tmp_path: Path, monkeypatch) -> None:
    """An edited source beside its compiled module: named by stale(), warned
    of, and imported from the source."""
    pkg = tmp_path / "newsvet"
    (pkg / "signals").mkdir(parents=True)
    monkeypatch.setattr(_compiled, "_PACKAGE_DIR", pkg)
    mod = "newsvet.signals.hedging"
    src = pkg / "signals" / "hedging.py"
    src.write_text("X = 1\n")
    suffix = __import__("importlib.machinery").machinery.EXTENSION_SUFFIXES[0]
    (pkg / "signals" / ("hedging" + suffix)).write_bytes(b"")
    (pkg / _compiled.RECORD).write_text(json.dumps({mod: _compiled.digest(src)}))
    assert _compiled.stale() == []
    src.write_text("X = 2\n")
    assert _compiled.stale() == [mod]
    (pkg / _compiled.RECORD).write_text("not json")
    assert _compiled.stale() == [mod]
    used: list = []
    monkeypatch.setattr(_compiled, "use_source", used.append)
    monkeypatch.delenv("NEWSVET_PURE_PYTHON", raising=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _compiled.choose()
    # the mypyc modules are one library that imports its own modules
    # directly: one stale module means the source of all of them
    assert used == [list(_compiled.MODULES)]
    assert any("hedging" in str(w.message) for w in caught)


def test_stale_c_module_alone_falls_back_to_references(tmp_path: Path, monkeypatch) -> None:
    pkg = tmp_path / "newsvet"
    pkg.mkdir()
    monkeypatch.setattr(_compiled, "_PACKAGE_DIR", pkg)
    (mod,) = _compiled.NATIVE
    src = pkg / "_speedups.c"
    src.write_text("/* 1 */\n")
    suffix = __import__("importlib.machinery").machinery.EXTENSION_SUFFIXES[0]
    (pkg / ("_speedups" + suffix)).write_bytes(b"")
    (pkg / _compiled.RECORD).write_text(json.dumps({mod: _compiled.digest(src)}))
    assert _compiled.stale() == []
    src.write_text("/* 2 */\n")
    assert _compiled.stale() == [mod]
    used: list = []
    monkeypatch.setattr(_compiled, "use_source", used.append)
    monkeypatch.delenv("NEWSVET_PURE_PYTHON", raising=False)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        _compiled.choose()
    assert used == [[mod]]


def test_stale_checkout_runs_the_source_for_real(tmp_path: Path) -> None:
    """A copy of the built package with one source edited after the build:
    every mypyc module and the C module's users run their Python source, and
    the results are those of the compiled package."""
    if not _compiled.compiled_modules():
        pytest.skip("pure Python build: nothing compiled")
    import shutil

    import newsvet

    pkg_dir = Path(newsvet.__file__).resolve().parent
    dest = tmp_path / "src"
    shutil.copytree(pkg_dir, dest / "newsvet", ignore=shutil.ignore_patterns("__pycache__"))
    for lib in pkg_dir.parent.glob("newsvet__mypyc*"):  # the mypyc modules' shared library
        shutil.copy2(lib, dest / lib.name)
    edited = dest / "newsvet" / "signals" / "hedging.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    (dest / "newsvet" / "_speedups.c").write_text("/* edited */\n", encoding="utf-8")
    code = (
        "import json, sys, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "import newsvet, newsvet.signals\n"
        "from newsvet import _compiled, extract_signals\n"
        "from newsvet.signals import readability, seo_filler, unattributed_figures\n"
        "from newsvet import segment\n"
        "used = [segment._c_word_table, readability._c_type_table, seo_filler._c_az_runs,"
        " unattributed_figures._c_az_run_hits]\n"
        "sigs = extract_signals(sys.stdin.read())\n"
        "print(json.dumps({'file': newsvet.__file__, 'status': _compiled.status(),"
        " 'c': [u is not None for u in used],"
        " 'signals': {k: v.to_dict() for k, v in sigs.items()}}))\n"
    )
    text = TRICKY[3] + " " + TRICKY[10] + " " + TRICKY[11]
    env = dict(os.environ, PYTHONPATH=str(dest))
    env.pop("NEWSVET_PURE_PYTHON", None)
    proc = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                          text=True, env=env, check=False, cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout)
    assert got["file"].startswith(str(dest))
    assert set(got["status"].values()) == {"python"}
    assert got["c"] == [False] * 4
    from newsvet import extract_signals

    here = {k: v.to_dict() for k, v in extract_signals(text).items()}
    assert got["signals"] == json.loads(json.dumps(here))
