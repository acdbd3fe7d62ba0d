"""Which model family? Publisher-grouped comparison on ReCOVery + BuzzFeed-Webis together.

Reads ``labelled/`` only. All articles of the corpora with role "train" or
"external" are pooled (ReCOVery: reliable vs unreliable publisher;
BuzzFeed-Webis: mainstream vs hyperpartisan portal) and split into 5
StratifiedGroupKFold folds by publisher (seed 0). In each training fold the
wording model is fitted exactly as for the shipped model (hashed n-grams,
TF-IDF, logistic regression, its out-of-fold logit from inner grouped CV), and
on top of it:

- ``lr_stack``: the design shipped until 2026-11-22, a regularised logistic stacker over the
  wording logit and the signal features, with hand-set priors and calibration;
- ``gam``: gradient-boosted trees without feature interactions
  (``HistGradientBoostingClassifier(interaction_cst="no_interactions")``), an
  additive model whose per-feature terms are exact explanations;
- ``gb``: gradient-boosted trees with interactions over the same inputs
  (exactly additive explanations would come from path attribution);
- ``gb_sig`` / ``gam_sig``: the same on the signal features only.

Features that carry hand-set priors are left out of the tree models (the
corpora cannot teach them). Printed: pooled out-of-fold ROC AUC, macro-F1 at
0.5, Brier, ECE, and ROC AUC within each corpus. The tree models' probabilities
are uncalibrated. Takes about 5-15 minutes on 2 cores.

Usage (from the repository root)::

    python benchmarks/model_family.py [--labelled labelled] [--corpora recovery] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from dataclasses import replace

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score

from newsvet.model.labelled import load_labelled
from newsvet.model.stack import (
    FitConfig,
    _fit_rest,
    _fit_wording,
    expected_calibration_error,
    grouped_folds,
    publisher_weights,
)
from newsvet.model.train import default_config


def _trees(interactions: bool) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=300,
        learning_rate=0.05,
        max_leaf_nodes=15 if interactions else 8,
        min_samples_leaf=40,
        l2_regularization=1.0,
        interaction_cst=None if interactions else "no_interactions",
        random_state=0,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labelled", default="labelled")
    ap.add_argument(
        "--corpora",
        default=None,
        help="comma-separated corpus names to pool (default: every train/external corpus)",
    )
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--any-signals",
        action="store_true",
        help="accept tables built with other signal versions than the installed ones",
    )
    args = ap.parse_args()
    warnings.simplefilter("ignore")

    data = load_labelled(args.labelled, check_signals=not args.any_signals)
    wanted = (
        args.corpora.split(",")
        if args.corpora
        else sorted(set(data.corpus[np.isin(data.roles(), ["train", "external"])]))
    )
    d = data.subset(np.flatnonzero(np.isin(data.corpus, wanted)))
    # the logistic stacker as the model shipped until 2026-11-22 used it: the
    # current priors, Platt or isotonic chosen by inner ECE, no directions
    cfg = replace(
        default_config(), stacker="logistic", calibrators=FitConfig().calibrators, monotone=()
    )
    y, g = d.y, d.publisher
    outer = grouped_folds(y, g, n_splits=5, seed=0)
    prior_feats = {p.feature for p in cfg.priors}
    keep = (
        np.array([f not in prior_feats for f in d.feature_names])
        & ~np.all(np.isnan(d.dense), axis=0)
        & (np.nanstd(d.dense, axis=0) > 0)
    )
    names = ("lr_stack", "gam", "gb", "gb_sig", "gam_sig")
    probs = {k: np.zeros(len(y)) for k in names}
    t0 = time.process_time()
    for tr, te in outer:
        w = publisher_weights(g[tr], y[tr], power=cfg.publisher_power)
        inner = grouped_folds(y[tr], g[tr], n_splits=cfg.inner_folds, seed=1)
        wf = _fit_wording(d.counts[tr], y[tr], w, inner, cfg)
        m = _fit_rest(wf, d.dense[tr], y[tr], w, g[tr], inner, cfg, d.feature_names, 0)
        probs["lr_stack"][te] = m.predict_proba(d.dense[te], d.counts[te])
        x_tr = np.column_stack([wf.z_oof, d.dense[tr][:, keep]])
        x_te = np.column_stack([wf.lexical.logit(d.counts[te]), d.dense[te][:, keep]])
        for name, inter, cols in (
            ("gam", False, slice(None)),
            ("gb", True, slice(None)),
            ("gb_sig", True, slice(1, None)),
            ("gam_sig", False, slice(1, None)),
        ):
            tree = _trees(inter).fit(x_tr[:, cols], y[tr], sample_weight=w)
            probs[name][te] = tree.predict_proba(x_te[:, cols])[:, 1]

    out = {
        "setup": {
            "articles": len(y),
            "publishers": len(set(g)),
            "corpora": sorted(set(d.corpus)),
            "folds": len(outer),
            "data_hash": data.data_hash,
            "cpu_seconds": round(time.process_time() - t0, 1),
        },
        "results": {},
    }
    for k, p in probs.items():
        row = {
            "roc_auc": float(roc_auc_score(y, p)),
            "macro_f1": float(f1_score(y, p >= 0.5, average="macro")),
            "brier": float(brier_score_loss(y, p)),
            "ece": expected_calibration_error(p, y, bins=10),
        }
        for c in sorted(set(d.corpus)):
            mask = d.corpus == c
            row[f"roc_auc_{c}"] = float(roc_auc_score(y[mask], p[mask]))
        out["results"][k] = row
    if args.json:
        print(json.dumps(out, indent=1))
        return
    print(json.dumps(out["setup"]))
    for k, r in out["results"].items():
        print(f"{k:9s} " + " ".join(f"{m}={v:.3f}" for m, v in r.items()))


if __name__ == "__main__":
    main()
