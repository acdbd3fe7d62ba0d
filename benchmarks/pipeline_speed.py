"""Single-process pipeline speed, stage by stage (a benchmark, not a test).

Plain text: ReCOVery article bodies read at run time from
``<data-root>/corpora/recovery/recovery_train.csv`` (nothing is copied into
the repository) go through the whole pipeline in this one process:
``ingest.parse_text`` -> every signal in ``newsvet.signals.REGISTRY`` ->
``Model.predict``. Printed: CPU milliseconds per article for each stage, the
total, and articles per second per process, with the mean article length.

HTML: the 181 pages of ``<data-root>/extraction/article_extraction_benchmark``
scored the same way from their bytes (``parse_html`` -> signals -> predict),
against ``trafilatura.extract`` alone on the same bytes, page by page in
turn; printed: both CPU times and their ratio (the target is at most 2).

Timing is CPU time (``time.process_time``), so other processes on the machine
count as little as possible. Every lazy load (model, dictionaries, language
model) is warmed up first on *other* articles, and each measured article is
new to the process: per-text caches never serve a measured article from an
earlier pass, while word-level caches are as warm as in a long batch run.
``--repeat`` measures the same articles again and keeps each stage's fastest
pass (use it on a busy machine; the articles are then no longer unseen for
the word-level caches, which flatters the second pass a little).

Usage (from the repository root)::

    python benchmarks/pipeline_speed.py [--data-root ../shared] [--n 400]
        [--warmup 100] [--repeat 1] [--no-html] [--json]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

_WARMUP_HTML = (
    "<html><head><title>Council approves the harbour wall</title></head><body>"
    "<article><h1>Council approves the harbour wall</h1><p>By Dana Whitfield</p>"
    + "<p>The council voted seven to two on Tuesday to approve the harbour wall, "
    "according to minutes published on its website. Work should finish by March.</p>"
    * 6
    + "</article></body></html>"
)


def _recovery_bodies(data_root: Path) -> list[tuple[str, str]]:
    path = data_root / "corpora" / "recovery" / "recovery_train.csv"
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            (row["body_text"], row["title"])
            for row in csv.DictReader(fh)
            if row["body_text"].strip()
        ]


def _score_stages(doc: Any, model: Any, times: Counter[str]) -> None:
    from newsvet.signals import REGISTRY

    signals = {}
    for name, spec in REGISTRY.items():
        t0 = time.process_time()
        signals[name] = spec(doc)
        times[name] += time.process_time() - t0
    t0 = time.process_time()
    model.predict(doc, signals)
    times["predict"] += time.process_time() - t0


def _text_pass(articles: list[tuple[str, str]], model: Any) -> Counter[str]:
    from newsvet import ingest

    times: Counter[str] = Counter()
    for body, title in articles:
        t0 = time.process_time()
        doc = ingest.parse_text(body, title=title)
        times["parse_text"] += time.process_time() - t0
        _score_stages(doc, model, times)
    return times


def run_text(data_root: Path, n: int, warmup: int, repeat: int, model: Any) -> dict[str, Any]:
    rows = _recovery_bodies(data_root)
    # spread the sample over the file (and so over publishers); the warm-up
    # articles are others
    step = max(1, len(rows) // (n + warmup))
    sample = rows[::step]
    warm, articles = sample[:warmup], sample[warmup : warmup + n]
    _text_pass(warm, model)
    best: dict[str, float] = {}
    for _ in range(max(1, repeat)):
        times = _text_pass(articles, model)
        for k, v in times.items():
            best[k] = min(best.get(k, float("inf")), v)
    total = sum(best.values())
    words = sum(len(b.split()) for b, _ in articles) / len(articles)
    return {
        "articles": len(articles),
        "mean_words": round(words, 1),
        "ms_per_article": {k: round(1000 * v / len(articles), 3) for k, v in best.items()},
        "total_ms_per_article": round(1000 * total / len(articles), 3),
        "articles_per_s": round(len(articles) / total, 1),
        "ms_per_1000_words": round(1000 * total / len(articles) / words * 1000, 3),
    }


def run_html(data_root: Path, model: Any) -> dict[str, Any]:
    import trafilatura

    from newsvet import ingest
    from newsvet.errors import IngestError

    bench = data_root / "extraction" / "article_extraction_benchmark" / "html"
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(bench.glob("*.html.gz"))]
    trafilatura.extract(_WARMUP_HTML)
    _score_stages(ingest.parse_html(_WARMUP_HTML), model, Counter())
    theirs = ours = parse = 0.0
    failed = 0
    stages: Counter[str] = Counter()
    for page in pages:
        t0 = time.process_time()
        trafilatura.extract(page)
        t1 = time.process_time()
        theirs += t1 - t0
        try:
            doc = ingest.parse_html(page)
        except IngestError:
            failed += 1
            t2 = time.process_time()
            ours += t2 - t1
            parse += t2 - t1
            continue
        t2 = time.process_time()
        _score_stages(doc, model, stages)
        t3 = time.process_time()
        parse += t2 - t1
        ours += t3 - t1
    return {
        "pages": len(pages),
        "not_scored": failed,
        "trafilatura_extract_ms_per_page": round(1000 * theirs / len(pages), 2),
        "parse_html_ms_per_page": round(1000 * parse / len(pages), 2),
        "newsvet_score_ms_per_page": round(1000 * ours / len(pages), 2),
        "ratio_score_to_extract": round(ours / theirs, 2),
        "signals_and_model_ms_per_page": {
            k: round(1000 * v / len(pages), 3) for k, v in stages.items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=400, help="articles measured")
    parser.add_argument("--warmup", type=int, default=100, help="other articles run first")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-html", action="store_true")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    if not (args.data_root / "corpora" / "recovery" / "recovery_train.csv").is_file():
        print(f"ReCOVery not found under {args.data_root}", file=sys.stderr)
        return 2

    from newsvet.model import load_model

    model = load_model()
    result: dict[str, Any] = {
        "text": run_text(args.data_root, args.n, args.warmup, args.repeat, model)
    }
    if not args.no_html:
        result["html"] = run_html(args.data_root, model)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    t = result["text"]
    print(f"plain text: {t['articles']} ReCOVery articles, {t['mean_words']} words on average")
    for k, v in t["ms_per_article"].items():
        print(f"  {k:<24} {v:8.3f} ms")
    print(f"  {'total':<24} {t['total_ms_per_article']:8.3f} ms per article")
    print(
        f"  {t['articles_per_s']} articles/s per process; {t['ms_per_1000_words']} ms per 1000 words"
    )
    if "html" in result:
        h = result["html"]
        print(f"HTML: {h['pages']} pages ({h['not_scored']} without article text)")
        print(f"  trafilatura.extract alone  {h['trafilatura_extract_ms_per_page']:8.2f} ms/page")
        print(f"  newsvet parse_html         {h['parse_html_ms_per_page']:8.2f} ms/page")
        print(f"  newsvet score (all stages) {h['newsvet_score_ms_per_page']:8.2f} ms/page")
        print(f"  ratio score / extract      {h['ratio_score_to_extract']:8.2f}  (target <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
