"""Evaluate (and train) the clickbait signal's headline model.

Data: Chakraborty et al. (2016) headlines (MIT),
``<data-root>/signals/clickbait/{clickbait,non_clickbait}_data_train.txt``,
one headline per line.

The model is a logistic regression over binary n-gram keys
(:func:`newsvet.signals.clickbait.title_ngrams`: word 1-2-grams and character
3-5-grams) and the standardised hand features
(:func:`newsvet.signals.clickbait.analyze_title`). Fitting keeps n-grams seen
in at least ``--min-df`` training titles and, after the fit, only the
``--keep`` n-gram weights of largest magnitude, so the figures below are for
the pruned dot-product model exactly as the signal runs it.

Printed:

1. 5-fold stratified cross-validated accuracy / precision / recall / F1 (each
   fold refits vocabulary, scaling and pruning on its training part);
2. the same for the hand features alone (the paper's feature set);
3. the shipped weights (``src/newsvet/signals/data/clickbait-weights-v1.json``)
   on all headlines (in-sample, so optimistic) and their size.

``--write-weights PATH`` fits on all headlines and writes the JSON.

Usage (from the repository root)::

    python benchmarks/clickbait_eval.py [--data-root ../shared] [--write-weights PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from newsvet.signals.clickbait import (
    HAND_FEATURES,
    WEIGHTS,
    analyze_title,
    model_from_dict,
    probability,
    title_ngrams,
)

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "newsvet" / "signals" / "data" / WEIGHTS


def load(data_root: Path) -> tuple[list[str], np.ndarray]:
    d = data_root / "signals" / "clickbait"
    titles: list[str] = []
    labels: list[int] = []
    for name, y in (("clickbait_data_train.txt", 1), ("non_clickbait_data_train.txt", 0)):
        for line in (d / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                titles.append(line.strip())
                labels.append(y)
    return titles, np.array(labels)


def featurize(titles: list[str]) -> tuple[list[set[str]], np.ndarray]:
    grams = [title_ngrams(t) for t in titles]
    hand = np.array([[analyze_title(t).values[k] for k in HAND_FEATURES] for t in titles])
    return grams, hand


def fit(
    grams: list[set[str]],
    hand: np.ndarray,
    y: np.ndarray,
    *,
    c: float,
    min_df: int,
    keep: int,
    use_ngrams: bool = True,
) -> dict[str, object]:
    """Fit and return the weights dict the signal loads."""
    vocab: dict[str, int] = {}
    if use_ngrams:
        df: dict[str, int] = {}
        for g in grams:
            for k in g:
                df[k] = df.get(k, 0) + 1
        vocab = {k: i for i, k in enumerate(sorted(k for k, v in df.items() if v >= min_df))}
    mean = hand.mean(axis=0)
    scale = hand.std(axis=0)
    scale[scale == 0] = 1.0
    hz = (hand - mean) / scale
    x = _matrix(grams, vocab, hz)
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    clf.fit(x, y)
    coef = clf.coef_[0]
    names = sorted(vocab, key=vocab.__getitem__)
    ng = coef[: len(names)]
    order = np.argsort(-np.abs(ng))[:keep]
    return {
        "model": "logistic regression over binary title n-grams and standardised hand features",
        "data": "Chakraborty et al. 2016 clickbait / non-clickbait headlines (MIT)",
        "C": c,
        "min_df": min_df,
        "intercept": round(float(clf.intercept_[0]), 5),
        "ngrams": {names[i]: round(float(ng[i]), 4) for i in sorted(order) if abs(ng[i]) >= 1e-4},
        "hand": {
            "names": list(HAND_FEATURES),
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 5) for v in coef[len(names) :]],
        },
    }


def _matrix(grams: list[set[str]], vocab: dict[str, int], hz: np.ndarray) -> sp.csr_matrix:
    rows, cols = [], []
    for r, g in enumerate(grams):
        for k in g:
            j = vocab.get(k)
            if j is not None:
                rows.append(r)
                cols.append(j)
    x = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(grams), len(vocab)))
    return sp.hstack([x, sp.csr_matrix(hz)]).tocsr()


def predict(weights: dict[str, object], titles: list[str]) -> np.ndarray:
    model = model_from_dict(weights)
    return np.array([probability(t, model=model) for t in titles])


def report(name: str, y: np.ndarray, p: np.ndarray) -> str:
    pred = p >= 0.5
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    acc = float(np.mean(pred == (y == 1)))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return f"{name:<44} accuracy {acc:.4f}  precision {prec:.4f}  recall {rec:.4f}  F1 {f1:.4f}"


def cross_validate(
    titles: list[str], y: np.ndarray, *, folds: int, seed: int, **kw: object
) -> np.ndarray:
    grams, hand = featurize(titles)
    p = np.zeros(len(titles))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(titles, y):
        w = fit([grams[i] for i in tr], hand[tr], y[tr], **kw)  # type: ignore[arg-type]
        p[te] = predict(w, [titles[i] for i in te])
    return p


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-root", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--keep", type=int, default=20000)
    ap.add_argument("--write-weights", type=Path)
    args = ap.parse_args(argv)

    titles, y = load(args.data_root)
    print(f"{len(titles)} headlines ({int(y.sum())} clickbait)")
    kw = {"c": args.C, "min_df": args.min_df, "keep": args.keep}
    t0 = time.perf_counter()
    p = cross_validate(titles, y, folds=args.folds, seed=args.seed, **kw)
    print(
        report(f"{args.folds}-fold CV, n-grams + hand features", y, p)
        + f"   ({time.perf_counter() - t0:.0f} s)"
    )
    p = cross_validate(titles, y, folds=args.folds, seed=args.seed, use_ngrams=False, **kw)
    print(report(f"{args.folds}-fold CV, hand features only", y, p))

    if args.write_weights:
        grams, hand = featurize(titles)
        w = fit(grams, hand, y, **kw)  # type: ignore[arg-type]
        args.write_weights.write_text(
            json.dumps(w, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.write_weights} ({len(w['ngrams'])} n-gram weights)")  # type: ignore[arg-type]

    if SHIPPED.is_file():
        shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
        print(report("shipped weights, all headlines (in-sample)", y, predict(shipped, titles)))
        print(
            f"shipped weights: {SHIPPED.stat().st_size / 1e6:.2f} MB, "
            f"{len(shipped['ngrams'])} n-gram weights"
        )
    else:
        print(f"no shipped weights at {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
