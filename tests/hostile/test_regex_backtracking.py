"""Regular expressions against catastrophic backtracking.

A sweep runs every compiled pattern found in newsvet's modules on strings made
of a repeated unit and a tail that makes the match fail, which is how nested or
overlapping quantifiers blow up (exponentially, so 40 repetitions is enough to
hang). It runs in a child process with a timeout, and names the pattern it was
on. Targeted tests then feed the patterns found slow a worst case of tens of
thousands of characters.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime

import pytest

from newsvet.ingest import Comment, Document
from newsvet.ingest.detect import _HTML_START_RE, looks_like_html
from newsvet.segment import sentence_spans
from newsvet.signals import REGISTRY

_SWEEP = r'''
import importlib, pkgutil, re, sys, time
import newsvet
UNITS = ["<!---->", "<!-- -->", "a ", "a", " ", "\t", "1", "1,", "1.", "1 ", "a.", "a-", "A ", "Aa ",
         "A", "'a", "\n", "\n ", "\n\n", "-", ". ", ".", "!", "by ", "were ", "<a>", "<", "a/", "a|",
         "ab", "Ab'", "e\u0301", "\u2019", "\u00a0", "a@", "a:", "$1", "(a", "[a", "http://a"]
TAILS = ["", "\x00"]
mods = []
for m in pkgutil.walk_packages(newsvet.__path__, "newsvet."):
    try:
        mods.append(importlib.import_module(m.name))
    except Exception:
        pass
seen = set()
slow = []
for mod in mods:
    for key, value in sorted(vars(mod).items()):
        if not isinstance(value, re.Pattern) or id(value) in seen:
            continue
        seen.add(id(value))
        print(mod.__name__, key, flush=True)
        t = time.process_time()
        for unit in UNITS:
            for tail in TAILS:
                s = unit * 40 + tail
                if isinstance(value.pattern, bytes):
                    s = s.encode("utf-8")
                value.match(s); value.fullmatch(s); value.search(s)
        dt = time.process_time() - t
        if dt > 1.0:
            slow.append(f"{mod.__name__}.{key}: {dt:.2f}s")
print("SLOW" if slow else "OK", len(seen), *slow, sep="\n")
'''


def test_no_pattern_backtracks_exponentially() -> None:
    try:
        p = subprocess.run(
            [sys.executable, "-c", _SWEEP], check=False, capture_output=True, text=True, timeout=120
        )
    except subprocess.TimeoutExpired as err:
        out = (err.stdout or b"").decode() if isinstance(err.stdout, bytes) else (err.stdout or "")
        last = out.strip().splitlines()[-1:] or ["?"]
        pytest.fail(f"regex sweep hung; last pattern started: {last[0]}")
    assert p.returncode == 0, p.stderr[-1000:]
    lines = p.stdout.strip().splitlines()
    result = lines[lines.index("OK") if "OK" in lines else lines.index("SLOW") :]
    assert result[0] == "OK", "\n".join(result)
    assert int(result[1]) > 100  # the sweep found the patterns


def test_html_start_comment_run_is_linear() -> None:
    # before the atomic group: 24 empty comments and a failing tail took ~5 s, 30 took minutes
    s = "<!---->" * 24 + "x"
    t = time.process_time()
    assert _HTML_START_RE.match(s) is None
    assert not looks_like_html("<!-- a -->" * 5000 + " plain text")
    assert time.process_time() - t < 0.5
    # the leading comments are still skipped
    assert looks_like_html("<!-- a -->\n<!-- b -->\n<html><body><p>x</p>")
    assert looks_like_html("<?xml version='1.0'?><!---->" * 1 + "<html>")


def test_markup_sniffing_on_long_inputs() -> None:
    t = time.process_time()
    for s in ("<" * 50_000, "<p" * 30_000, "</a " * 20_000, " " * 100_000 + "<html>", "<!--" * 20_000):
        looks_like_html(s)
    assert time.process_time() - t < 1.0


def test_sentence_spans_punctuation_run() -> None:
    # 4,000 of each: ~1 s CPU in all measured with the quadratic pattern; linear: milliseconds
    t = time.process_time()
    for ch in ".!?…":
        sentence_spans(ch * 4_000 + "x")
    assert time.process_time() - t < 0.2


def test_comment_bots_punctuation_run() -> None:
    doc = Document.from_text(
        "The council met on Tuesday.",
        comments=tuple(Comment(f"r{i}", datetime(2024, 1, 1, 10, i), "." * 4_000) for i in range(3)),
    )
    t = time.process_time()
    REGISTRY["comment_bots"].func(doc, lang="en")
    assert time.process_time() - t < 0.3


@pytest.mark.parametrize(
    "body",
    [
        "About 12" + " " * 50_000 + "troops were moved.",  # _TIME_AFTER only sees 24 characters
        "a" + "\t" * 50_000 + "b.",
        "Tom says " * 5_000,
        "1 were " * 5_000,
        "LONDON " * 5_000,
        '"a' * 20_000,
        "A" * 50_000,
        "up to " * 8_000,
    ],
    ids=["spaces", "tabs", "says", "were", "dateline", "quotes", "caps", "up-to"],
)
def test_signals_on_long_repetitive_lines(body: str) -> None:
    doc = Document.from_text(body, title=body[:200], comments=(Comment("a", None, body),))
    for name, spec in REGISTRY.items():
        t = time.process_time()
        spec.func(doc, lang="en")
        assert time.process_time() - t < 3.0, name
