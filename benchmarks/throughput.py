"""Batch throughput and memory of ``newsvet audit`` (a benchmark, not a test).

    python benchmarks/throughput.py text     [--n 600] [--source generated|recovery]
    python benchmarks/throughput.py html     [--data-root ../shared]
    python benchmarks/throughput.py memory   [--items 20000] [--workers 2]
    python benchmarks/throughput.py all

- ``text``: plain-text articles of about 650 words, scored chunk by chunk in
  this one process (= one worker): articles per second per worker process,
  after a warm-up; also the split between parsing, signals and the model.
  ``--source generated`` (default) writes them from a template in this file;
  ``--source recovery`` reads ReCOVery bodies from ../shared at run time
  (nothing is copied into the repository).
- ``html``: the 181 pages of ../shared/extraction/article_extraction_benchmark:
  the time newsvet takes to score them (one process) against the time
  ``trafilatura.extract`` alone takes to extract the same pages.
- ``memory``: a ``newsvet audit`` of ``--items`` generated articles in a
  subprocess, sampling the resident memory of its whole process tree
  (main process + workers) from /proc: peak of the main process, of the
  largest worker, and of the sum.

Results are printed as JSON lines; docs/performance.md records them.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PLACES = ["Marlow Falls", "Eastbridge", "Port Avery", "Kelton", "Rivermouth", "Ashby Vale", "Norcot"]
_THINGS = ["the harbour wall", "a new bus depot", "the library budget", "a flood barrier",
           "the school roof", "the market square", "the water plant", "the ring road"]
_SENTENCES = [
    "The council voted {n} to {m} on Tuesday to approve {thing}, according to minutes published on its website.",
    "\"We expect the work on {thing} to finish by March,\" said Dana Whitfield, head of planning at {place} council.",
    "The project will cost {money} million pounds, the annual budget report shows, up from {m} million last year.",
    "Two members, Ahmed Sultani and Carol Benn, voted against the plan, citing the cost to residents.",
    "A spokesperson for the regional authority confirmed that funding had been agreed in January.",
    "Residents can comment on the plans until the end of the month, the council said in a statement.",
    "Reports suggest that up to {big} residents could potentially be affected by delays to {thing}.",
    "Experts believe the work might not finish before next year, and some say costs may have doubled.",
    "It is believed that officials are weighing several options, although nothing has apparently been decided.",
    "Sources indicate that as many as {n}00 workers were moved to other sites in {place} last month.",
    "Local businesses on the high street said the closures had cut the number of visitors by about a third.",
    "The contractor, Hallam Civil Engineering, said in a filing that it had completed {n}0 percent of the work.",
    "In a surprising turn of events, the plan for {thing} returned to the agenda after a petition.",
    "It remains crucial to monitor the developments closely as the situation continues to unfold.",
]


def generated_article(i: int, *, words: int = 650) -> tuple[str, str]:
    """(title, body) of a generated article of about ``words`` words (text written for newsvet)."""
    rng = random.Random(i)
    fill = dict(place=rng.choice(_PLACES), thing=rng.choice(_THINGS), n=rng.randint(2, 9),
                m=rng.randint(1, 9), money=rng.randint(2, 95), big=f"{rng.randint(2, 90)},000")
    title = f"{fill['place']} council and {fill['thing']}: what happens next"
    paras, count = [], 0
    while count < words:
        para = " ".join(rng.choice(_SENTENCES).format(**fill) for _ in range(rng.randint(3, 5)))
        paras.append(para)
        count += len(para.split())
    return title, "\n\n".join(paras)


def recovery_articles(data_root: Path, n: int) -> list[tuple[str, str]]:
    path = data_root / "corpora" / "recovery" / "recovery_train.csv"
    csv.field_size_limit(sys.maxsize)
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            body = row.get("body_text") or row.get("body") or row.get("text") or ""
            if 450 <= len(body.split()) <= 900:
                out.append((row.get("title") or "", body))
            if len(out) >= n:
                break
    return out


def _kb(path: str, field: str) -> int:
    """A ``field: N kB`` line of a /proc file, in kB (0 when the process is gone)."""
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kb(pid: int) -> int:
    return _kb(f"/proc/{pid}/status", "VmRSS:")


def _pss_kb(pid: int) -> int:
    """Proportional set size: private pages plus a 1/n share of pages shared
    by n processes (libraries, the interpreter, mapped files); summed over the
    processes of a run it is the run's physical memory, which a sum of RSS
    overstates."""
    return _kb(f"/proc/{pid}/smaps_rollup", "Pss:")


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


# ------------------------------------------------------------------ benches
def bench_text(args: argparse.Namespace) -> dict:
    from newsvet import api
    from newsvet.batch import BatchOptions, score_chunk
    from newsvet.inputs import Item

    if args.source == "recovery":
        arts = recovery_articles(Path(args.data_root), args.n)
    else:
        arts = [generated_article(i) for i in range(args.n)]
    items = [Item(f"a{i}", "text", body, title=title or None) for i, (title, body) in enumerate(arts)]
    words = sum(len(b.split()) for _t, b in arts) / len(arts)
    api._default_model()
    score_chunk(items[:32], BatchOptions())  # warm-up: lazy lexicons, caches
    t0, c0 = time.perf_counter(), time.process_time()
    for k in range(0, len(items), args.chunk):
        rows = score_chunk(items[k:k + args.chunk], BatchOptions())
        assert all(r["error"] is None for r in rows), [r["error"] for r in rows if r["error"]][:3]
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    stages = _stages(arts[: min(200, len(arts))])
    # wall-clock figures as before; the CPU time of this process as well (on
    # a shared machine other processes slow the wall clock, not the CPU time)
    return {"bench": "text", "source": args.source, "articles": len(items), "mean_words": round(words),
            "seconds": round(dt, 2), "articles_per_s_per_worker": round(len(items) / dt, 1),
            "ms_per_article": round(1000 * dt / len(items), 2),
            "cpu_seconds": round(cpu, 2), "cpu_articles_per_s": round(len(items) / cpu, 1),
            "stages_ms": stages}


def _stages(arts: list[tuple[str, str]]) -> dict:
    """ms per article of each stage of ``score_chunk``: parsing, signals, the
    model (scores and explanations, one call for all), the results row."""
    from newsvet import api, ingest
    from newsvet.batch import BatchOptions, _Predicted, to_row
    from newsvet.inputs import Item

    m = api._default_model()
    items = [Item(f"a{i}", "text", b, title=t or None) for i, (t, b) in enumerate(arts)]
    t0 = time.perf_counter()
    docs = [ingest.parse_text(b, title=t or None) for t, b in arts]
    t1 = time.perf_counter()
    sigs = [api.extract_signals(d) for d in docs]
    t2 = time.perf_counter()
    preds = m.predict_many(docs, sigs, lazy=True)  # as score_chunk
    t3 = time.perf_counter()
    options = BatchOptions()
    for it, d, s, p in zip(items, docs, sigs, preds):
        to_row(api._assess(d, s, _Predicted(m, p)), item=it, options=options)
    t4 = time.perf_counter()
    n = len(arts)
    return {"parse": round(1000 * (t1 - t0) / n, 2), "signals": round(1000 * (t2 - t1) / n, 2),
            "model": round(1000 * (t3 - t2) / n, 2), "row": round(1000 * (t4 - t3) / n, 2)}


def bench_html(args: argparse.Namespace) -> dict:
    import trafilatura

    from newsvet import api
    from newsvet.batch import BatchOptions, score_chunk
    from newsvet.inputs import Item

    html_dir = Path(args.data_root) / "extraction" / "article_extraction_benchmark" / "html"
    pages = [(p.name, gzip.decompress(p.read_bytes())) for p in sorted(html_dir.glob("*.html.gz"))]
    api._default_model()
    score_chunk([Item("w", "bytes", pages[0][1])], BatchOptions())  # warm-up
    trafilatura.extract(pages[0][1].decode("utf-8", "replace"))

    t0 = time.perf_counter()
    for _name, data in pages:
        trafilatura.extract(data.decode("utf-8", "replace"))
    t_traf = time.perf_counter() - t0

    items = [Item(name, "bytes", data) for name, data in pages]
    t0 = time.perf_counter()
    errors = 0
    for k in range(0, len(items), args.chunk):
        errors += sum(1 for r in score_chunk(items[k:k + args.chunk], BatchOptions()) if r["error"])
    t_nv = time.perf_counter() - t0
    return {"bench": "html", "pages": len(pages), "errors": errors,
            "trafilatura_extract_s": round(t_traf, 2), "newsvet_score_s": round(t_nv, 2),
            "ratio": round(t_nv / t_traf, 2),
            "newsvet_ms_per_page": round(1000 * t_nv / len(pages), 1),
            "trafilatura_ms_per_page": round(1000 * t_traf / len(pages), 1)}


def bench_memory(args: argparse.Namespace) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="newsvet-bench-"))
    feed = tmp / "feed.jsonl"
    with open(feed, "w", encoding="utf-8") as fh:
        for i in range(args.items):
            title, body = generated_article(i)
            fh.write(json.dumps({"id": f"b{i}", "title": title, "text": body,
                                 "url": f"https://site{i % 97}.example.com/{i}"}) + "\n")
    cmd = [sys.executable, "-m", "newsvet.cli", "audit", str(feed), "--out", str(tmp / "out"),
           "--workers", str(args.workers), "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=dict(os.environ, CI="1"))
    peak = {"main": 0, "worker": 0, "total": 0, "total_pss": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            pids = _tree(proc.pid)
            rss = {p: _rss_kb(p) for p in pids}
            peak["main"] = max(peak["main"], rss.get(proc.pid, 0))
            others = [v for p, v in rss.items() if p != proc.pid]
            peak["worker"] = max([peak["worker"], *others])
            peak["total"] = max(peak["total"], sum(rss.values()))
            peak["total_pss"] = max(peak["total_pss"], sum(_pss_kb(p) for p in pids))
            stop.wait(0.25)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    code = proc.wait()
    stop.set()
    th.join()
    dt = time.perf_counter() - t0
    rows = sum(1 for _ in open(tmp / "out" / "results.jsonl", encoding="utf-8"))
    return {"bench": "memory", "items": args.items, "workers": args.workers, "exit": code,
            "rows": rows, "seconds": round(dt, 1), "items_per_s": round(rows / dt, 1),
            "input_mb": round(feed.stat().st_size / 1e6, 1),
            "peak_rss_mb": {k: round(v / 1024) for k, v in peak.items() if k != "total_pss"},
            "peak_pss_mb_total": round(peak["total_pss"] / 1024), "out": str(tmp / "out")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["text", "html", "memory", "all"])
    ap.add_argument("--n", type=int, default=600, help="text: articles")
    ap.add_argument("--source", choices=["generated", "recovery"], default="generated")
    ap.add_argument("--data-root", default=str(ROOT.parent / "shared"))
    ap.add_argument("--chunk", type=int, default=32)
    ap.add_argument("--items", type=int, default=20_000, help="memory: items of the audit run")
    ap.add_argument("--workers", type=int, default=2, help="memory: worker processes")
    args = ap.parse_args()
    todo = ["text", "html", "memory"] if args.what == "all" else [args.what]
    for what in todo:
        res = {"text": bench_text, "html": bench_html, "memory": bench_memory}[what](args)
        # how the modules ran: compiled (setup.py: mypyc, and the C module
        # newsvet._speedups) or Python source
        from newsvet import _compiled

        res["compiled_modules"] = sum(s == "compiled" for s in _compiled.status().values())
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
