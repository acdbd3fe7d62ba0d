"""Publisher-grouped CV of the reliability model and the TF-IDF baseline.

    python benchmarks/model_eval.py [--labelled labelled] [--folds 5] [--seed 0] [--json out.json]

Same figures as ``newsvet evaluate``; prints the markdown of
``newsvet.model.render_evaluation``.
"""

from __future__ import annotations

import argparse
import json

from newsvet.model import evaluate, render_evaluation


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--labelled", default="labelled")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    figures = evaluate(args.labelled, folds=args.folds, seed=args.seed)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=2, default=str)
    print(render_evaluation(figures))


if __name__ == "__main__":
    main()
