"""Evaluate (and train) the hedging signal's sentence decision.

Data: CoNLL-2010 shared task, Wikipedia weasel sentences
(``<data-root>/signals/hedging/wiki_weasel_train.csv``, label 1 = uncertain).
The sentences are tokenised (``-LRB-``, ````` ``, `` 's``); they are
detokenised before the cues are found, with the same code the signal runs
(:func:`newsvet.signals.hedging.find_hedges`, own voice only).

Printed:

1. the shipped model on all sentences (in-sample for the model, so optimistic);
2. the rule baseline "any own-voice cue from the lexicons";
3. 5-fold cross-validated precision/recall/F1 of two ways to choose the cues
   on the training folds only: (a) keep the cues whose training precision
   passes a cut tuned on the training folds, (b) a logistic model over cue
   presence with its decision threshold tuned on the training folds.

``--write-weights PATH`` fits (b) on all sentences and writes the JSON the
signal ships (``src/newsvet/signals/data/hedging-weights-v1.json``).

``--time-seeds`` instead times the hedging and unattributed_figures signals on
the seeds (CPU time, caches cleared on every run).

Usage (from the repository root)::

    python benchmarks/hedging_eval.py [--data-root ../shared] [--write-weights PATH]
    python benchmarks/hedging_eval.py --time-seeds
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from newsvet.signals.hedging import HedgeModel, find_hedges

ROOT = Path(__file__).resolve().parents[1]
_DETOK = [
    (re.compile(r"-LRB-\s*"), "("),
    (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"-LSB-\s*"), "["),
    (re.compile(r"\s*-RSB-"), "]"),
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
    (re.compile(r"`\s*"), "'"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"\s+([,.;:!?%])"), r"\1"),
]
# every cue counts once per sentence; this model makes each present key score 1
_ANY = HedgeModel({}, 1.0, 0.5)
# Epistemic hedges of news writing that always make a sentence uncertain in the
# author's voice. Chosen for news by hand, then checked on the Wikipedia data:
# adding them costs no cross-validated F1, while bare "may" (59 of 273
# sentences uncertain there) and "around 12,000" (20 of 110) would.
ALWAYS = frozenset(
    """might could reportedly allegedly apparently likely possibly potentially
    perhaps probably presumably supposedly purportedly seemingly unconfirmed
    unverified suggests""".split()
) | frozenset({
    "may have", "may well", "may soon", "may already", "may eventually", "may yet",
    "might be", "might have", "could have", "could potentially", "could possibly",
    "could soon", "could eventually", "most likely", "more likely",
})


def detokenise(text: str) -> str:
    text = " ".join(text.split())
    for pat, rep in _DETOK:
        text = pat.sub(rep, text)
    return text


def load(data_root: Path) -> tuple[list[str], np.ndarray]:
    path = data_root / "signals" / "hedging" / "wiki_weasel_train.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [detokenise(r["text"]) for r in rows], np.array([int(r["label"]) for r in rows])


def own_keys(texts: list[str]) -> list[set[str]]:
    out = []
    for t in texts:
        keys: set[str] = set()
        for sent in find_hedges(t, model=_ANY):
            keys |= sent.own_keys
        out.append(keys)
    return out


def prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int(((pred == 1) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def matrix(keys: list[set[str]], vocab: list[str]) -> np.ndarray:
    index = {k: i for i, k in enumerate(vocab)}
    x = np.zeros((len(keys), len(vocab)), dtype=np.float64)
    for row, ks in enumerate(keys):
        for k in ks:
            if k in index:
                x[row, index[k]] = 1.0
    return x


def fit_precision(keys: list[set[str]], y: np.ndarray) -> set[str]:
    """Cues whose training precision passes a cut chosen for training F1."""
    stats: dict[str, list[int]] = {}
    for ks, lab in zip(keys, y):
        for k in ks:
            stats.setdefault(k, [0, 0])[lab] += 1
    best: tuple[float, set[str]] = (-1.0, set())
    for cut in np.arange(0.30, 0.85, 0.025):
        chosen = {k for k, (n0, n1) in stats.items() if n0 + n1 >= 3 and n1 / (n0 + n1) >= cut}
        pred = np.array([1 if ks & chosen else 0 for ks in keys])
        f = prf(y, pred)[2]
        if f > best[0]:
            best = (f, chosen)
    return best[1]


def fit_logistic(
    keys: list[set[str]], y: np.ndarray, *, c: float = 1.0, always: frozenset[str] = ALWAYS
) -> HedgeModel:
    counts: dict[str, int] = {}
    for ks in keys:
        for k in ks:
            counts[k] = counts.get(k, 0) + 1
    vocab = sorted(k for k, n in counts.items() if n >= 2)
    x = matrix(keys, vocab)
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y)
    weights = {k: float(w) for k, w in zip(vocab, clf.coef_[0])}
    bias = float(clf.intercept_[0])
    scores = x @ clf.coef_[0] + bias
    has = x.sum(axis=1) > 0
    forced = np.array([bool(ks & always) for ks in keys])
    best = (-1.0, 0.0)
    for cut in np.quantile(scores[has], np.linspace(0.0, 1.0, 101)):
        pred = (((scores > cut - 1e-9) & has) | forced).astype(int)
        f = prf(y, pred)[2]
        if f > best[0]:
            best = (f, float(cut) - 1e-9)
    return HedgeModel(weights, bias, best[1], always)


def cross_validate(keys: list[set[str]], y: np.ndarray, folds: int, c: float) -> dict[str, tuple]:
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    pred_prec = np.zeros_like(y)
    pred_lr = np.zeros_like(y)
    f_prec, f_lr = [], []
    for train, test in skf.split(np.zeros(len(y)), y):
        ktr = [keys[i] for i in train]
        chosen = fit_precision(ktr, y[train])
        p1 = np.array([1 if keys[i] & chosen else 0 for i in test])
        model = fit_logistic(ktr, y[train], c=c)
        p2 = np.array([1 if model.is_uncertain(keys[i]) else 0 for i in test])
        pred_prec[test], pred_lr[test] = p1, p2
        f_prec.append(prf(y[test], p1)[2])
        f_lr.append(prf(y[test], p2)[2])
    return {
        "precision-chosen cues": (*prf(y, pred_prec), float(np.mean(f_prec)),
                                  float(np.std(f_prec))),
        "logistic over cues": (*prf(y, pred_lr), float(np.mean(f_lr)), float(np.std(f_lr))),
    }


def time_seeds(seeds: Path) -> int:
    """CPU time per seed of each signal and of both, caches cleared each run."""
    import timeit

    from newsvet import segment
    from newsvet.ingest.document import Document
    from newsvet.signals import REGISTRY
    from newsvet.signals import unattributed_figures as uf

    def clear() -> None:
        segment._sentence_spans_cached.cache_clear()
        uf._state.cache_clear()  # the scans behind _scan and _number_words
        uf._attributions_cached.cache_clear()

    for path in sorted(seeds.glob("*.txt")):
        first, _, rest = path.read_text(encoding="utf-8").partition("\n")
        doc = Document.from_text(rest, title=first.strip())
        row = []
        for names in (("hedging",), ("unattributed_figures",), ("hedging", "unattributed_figures")):
            specs = [REGISTRY[n] for n in names]

            def run(specs: list = specs, doc: Document = doc) -> None:  # type: ignore[type-arg]
                clear()
                for spec in specs:
                    spec(doc)

            best = min(timeit.repeat(run, number=50, repeat=5, timer=time.process_time)) / 50
            row.append(best * 1000)
        print(f"{path.name[:3]} {doc.word_count:5d} words: hedging {row[0]:.2f} ms, "
              f"unattributed_figures {row[1]:.2f} ms, both {row[2]:.2f} ms "
              "(CPU, cold caches, sentence split included)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-root", type=Path, default=ROOT.parent / "shared",
                    help="the shared data folder (default ../shared)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--write-weights", type=Path, default=None,
                    help="fit on all data and write the weights JSON here")
    ap.add_argument("--time-seeds", action="store_true",
                    help="only time the hedging and unattributed_figures signals on the seeds")
    args = ap.parse_args(argv)
    if args.time_seeds:
        return time_seeds(args.data_root / "seeds")

    t0 = time.perf_counter()
    texts, y = load(args.data_root)
    keys = own_keys(texts)
    took = time.perf_counter() - t0
    print(f"{len(y)} sentences, {int(y.sum())} uncertain; cues found in {took:.1f} s")

    try:
        from newsvet.signals.hedging import load_weights

        shipped = load_weights()
        pred = np.array([1 if shipped.is_uncertain(k) else 0 for k in keys])
        p, r, f = prf(y, pred)
        print(f"shipped model (in-sample):         P={p:.3f} R={r:.3f} F1={f:.3f}")
    except FileNotFoundError:
        print("shipped model: none yet")
    pred = np.array([1 if k else 0 for k in keys])
    p, r, f = prf(y, pred)
    print(f"any own-voice cue (no tuning):     P={p:.3f} R={r:.3f} F1={f:.3f}")
    pred = np.array([1 if k & ALWAYS else 0 for k in keys])
    p, r, f = prf(y, pred)
    print(f"epistemic hedges only (ALWAYS):    P={p:.3f} R={r:.3f} F1={f:.3f}")

    for name, (p, r, f, mean, sd) in cross_validate(keys, y, args.folds, args.C).items():
        print(f"{args.folds}-fold CV, {name + ':':24} P={p:.3f} R={r:.3f} F1={f:.3f} "
              f"(fold F1 {mean:.3f} ± {sd:.3f})")

    if args.write_weights:
        model = fit_logistic(keys, y, c=args.C)
        kept = {k: round(w, 4) for k, w in sorted(model.weights.items()) if abs(w) >= 1e-4}
        out = {
            "about": "newsvet hedging sentence model: uncertain when bias + sum of the "
                     "weights of the distinct own-voice cues > cut. Trained by "
                     "benchmarks/hedging_eval.py on CoNLL-2010 Wikipedia weasel sentences.",
            "C": args.C,
            "bias": round(model.bias, 4),
            "cut": round(model.cut, 4),
            "always": sorted(model.always),
            "weights": kept,
        }
        args.write_weights.write_text(json.dumps(out, indent=1, sort_keys=False) + "\n",
                                      encoding="utf-8")
        print(f"wrote {args.write_weights} ({len(kept)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
