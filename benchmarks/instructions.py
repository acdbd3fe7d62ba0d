"""CPU instructions per plain-text article, counted by valgrind's callgrind.

    python benchmarks/instructions.py [--source generated|recovery] [--n 128]

Wall-clock time on a shared machine moves by several per cent between runs
minutes apart, more than most single changes gain; the number of
instructions a run executes hardly moves, so changes are compared by it
(hardware counters, ``perf stat -e instructions``, are not available in
this machine's virtual machine). The script runs itself under callgrind
with counting switched off, scores a warm-up chunk (lexicons, caches, the
model), switches counting on (``callgrind_control -i on``) for ``--n``
articles scored as ``newsvet audit`` does (``score_chunk`` in chunks of 64)
and off again, and prints instructions per article as a JSON line. The
hash seed is fixed (PYTHONHASHSEED=0): set and dict orders otherwise move
the count by a few tenths of a per cent. It needs valgrind (Debian package
``valgrind``) and takes about a minute. Articles are as in
``throughput.py text``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 72
CHUNK = 64


def _inner(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from throughput import generated_article, recovery_articles

    from newsvet import api
    from newsvet.batch import BatchOptions, score_chunk
    from newsvet.inputs import Item

    n = WARM_UP + args.n
    if args.source == "recovery":
        arts = recovery_articles(Path(args.data_root), n)
    else:
        arts = [generated_article(i) for i in range(n)]
    items = [Item(f"a{i}", "text", body, title=title or None) for i, (title, body) in enumerate(arts)]
    api._default_model()
    score_chunk(items[:WARM_UP], BatchOptions())
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on", pid], check=True, capture_output=True)
    for k in range(WARM_UP, len(items), CHUNK):
        rows = score_chunk(items[k : k + CHUNK], BatchOptions())
        assert all(r["error"] is None for r in rows), [r["error"] for r in rows if r["error"]][:3]
    subprocess.run(["callgrind_control", "-i", "off", pid], check=True, capture_output=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", choices=("generated", "recovery"), default="generated")
    ap.add_argument("--n", type=int, default=128, help="articles counted (after the warm-up)")
    ap.add_argument("--data-root", default=str(ROOT.parent / "shared"))
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner:
        _inner(args)
        return
    from newsvet import _compiled

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
            sys.executable, __file__, "--inner", "--source", args.source, "--n", str(args.n),
            "--data-root", args.data_root,
        ]
        env = dict(os.environ, PYTHONHASHSEED="0")
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        found = re.search(r"Collected : (\d+)", p.stderr)
        if p.returncode != 0 or found is None:
            sys.exit(f"callgrind run failed ({p.returncode}):\n{p.stderr[-2000:]}")
    total = int(found.group(1))
    print(json.dumps({
        "bench": "instructions", "source": args.source, "articles": args.n,
        "instructions_per_article_M": round(total / args.n / 1e6, 3),
        "compiled_modules": len(_compiled.compiled_modules()),
    }))


if __name__ == "__main__":
    main()
