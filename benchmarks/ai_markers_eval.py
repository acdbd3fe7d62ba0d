"""Evaluate (and train) the ai_markers signal's small logistic model.

Data: human news and GPT-3.5 rewrites of it (Mindner et al. 2023; research
use), ``<data-root>/corpora/human_vs_ai_news/{human,ai}.jsonl``: 60 human
articles and 240 rewrites in 4 prompt styles, categories crime /
entertainment / politics.

The model is a logistic regression over the signal's hand features
(:data:`newsvet.signals.ai_markers.MODEL_FEATURES`, standardised, missing
values at the training mean; no n-grams of this small corpus), with balanced
class weights. Folds are split by category: each category in turn is held out,
the model (scaling included) is fitted on the other two, and the held-out
articles are scored exactly as the signal scores them. Printed: ROC AUC per
held-out category and pooled over the three held-out predictions, per prompt
style, the single-feature AUCs, the shipped weights on all articles
(in-sample), and the signal's score on the five seeds and the example
articles (read with :func:`newsvet.ingest.parse_text`).

``--write-weights PATH`` fits on all articles and writes the JSON the signal
ships (``src/newsvet/signals/data/ai-markers-weights-v1.json``).

Usage (from the repository root)::

    python benchmarks/ai_markers_eval.py [--data-root ../shared] [--write-weights PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from newsvet.ingest import parse_text
from newsvet.signals.ai_markers import MODEL_FEATURES, WEIGHTS, measure_text, model_from_dict

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "newsvet" / "signals" / "data" / WEIGHTS


def load(data_root: Path) -> list[dict[str, object]]:
    d = data_root / "corpora" / "human_vs_ai_news"
    rows: list[dict[str, object]] = []
    for name, y in (("human.jsonl", 0), ("ai.jsonl", 1)):
        for line in (d / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                rows.append(
                    {
                        "text": r["text"],
                        "y": y,
                        "category": r["category"],
                        "style": r["source"] if y else "human",
                    }
                )
    return rows


def matrix(values: list[dict[str, float | None]]) -> np.ndarray:
    return np.array([[np.nan if v[k] is None else v[k] for k in MODEL_FEATURES] for v in values])


def fit(x: np.ndarray, y: np.ndarray, *, c: float) -> dict[str, object]:
    mean = np.nanmean(x, axis=0)
    scale = np.nanstd(x, axis=0)
    scale[~(scale > 0)] = 1.0
    z = np.where(np.isnan(x), 0.0, (x - mean) / scale)
    z = np.clip(z, -6, 6)
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    clf.fit(z, y)
    return {
        "model": "logistic regression over standardised hand features (balanced classes)",
        "data": "Mindner et al. 2023 human vs GPT-3.5 news rewrites (research use); "
        "no text of it is stored here",
        "C": c,
        "features": list(MODEL_FEATURES),
        "intercept": round(float(clf.intercept_[0]), 6),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in clf.coef_[0]],
    }


def predict(weights: dict[str, object], values: list[dict[str, float | None]]) -> np.ndarray:
    model = model_from_dict(weights)
    return np.array([model.probability(v) for v in values])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-root", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--C", type=float, default=0.1)
    ap.add_argument("--write-weights", type=Path)
    args = ap.parse_args(argv)

    rows = load(args.data_root)
    values = [measure_text(str(r["text"])).values for r in rows]
    y = np.array([r["y"] for r in rows])
    cats = np.array([r["category"] for r in rows])
    styles = np.array([r["style"] for r in rows])
    x = matrix(values)
    print(f"{len(rows)} articles ({int(y.sum())} AI rewrites), categories {sorted(set(cats))}")

    p = np.zeros(len(rows))
    for cat in sorted(set(cats)):
        tr, te = cats != cat, cats == cat
        w = fit(x[tr], y[tr], c=args.C)
        p[te] = predict(w, [values[i] for i in np.flatnonzero(te)])
        print(f"held-out {cat:<14} ROC AUC {roc_auc_score(y[te], p[te]):.3f}  (n={int(te.sum())})")
    print(f"pooled held-out-category ROC AUC {roc_auc_score(y, p):.3f}")
    for s in sorted(set(styles) - {"human"}):
        m = (styles == s) | (styles == "human")
        print(f"  human vs {s:<17} ROC AUC {roc_auc_score(y[m], p[m]):.3f}")

    print("single-feature ROC AUC (all articles; < 0.5 means lower in AI rewrites):")
    for j, k in enumerate(MODEL_FEATURES):
        ok = ~np.isnan(x[:, j])
        print(f"  {k:<26} {roc_auc_score(y[ok], x[ok, j]):.3f}")

    if args.write_weights:
        w = fit(x, y, c=args.C)
        args.write_weights.write_text(json.dumps(w, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.write_weights}")

    if not SHIPPED.is_file():
        print(f"no shipped weights at {SHIPPED}")
        return 0
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    print(
        f"shipped weights, all articles (in-sample) ROC AUC "
        f"{roc_auc_score(y, predict(shipped, values)):.3f}"
    )

    from newsvet.signals import REGISTRY

    if "ai_markers" in REGISTRY:
        spec = REGISTRY["ai_markers"]
        for path in sorted((args.data_root / "seeds").glob("*.txt")) + sorted(
            (ROOT / "examples").glob("*.txt")
        ):
            doc = parse_text(path.read_text(encoding="utf-8"))
            sig = spec(doc)
            score = "None" if sig.score is None else f"{sig.score:.3f}"
            print(
                f"  {path.parent.name}/{path.name[:24]:<24} ai_markers {score}  "
                f"({len(sig.evidence)} spans)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
