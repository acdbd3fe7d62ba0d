"""Publisher-grouped cross-validation of the model, its ablations and a baseline.

Every fitted step (wording TF-IDF weights and regression, the choice of ``C``
and ``alpha``, imputer, scaler, stacker, calibrator) is fitted inside each
training fold, with nested grouped CV for the out-of-fold wording logit, so a
test publisher is never seen in training. The TF-IDF + logistic regression
baseline runs on the identical folds. Macro-F1 is measured at the 0.5
probability threshold.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    brier_score_loss,
    f1_score,
    log_loss,
    roc_auc_score,
)

from .labelled import LabelledData, load_labelled
from .stack import (
    FitConfig,
    _fit_rest,
    _fit_wording,
    expected_calibration_error,
    fit_stack,
    grouped_folds,
    publisher_weights,
)

__all__ = ["classification_metrics", "evaluate", "reliability_bins", "render_evaluation"]

logger = logging.getLogger("newsvet.model.evaluate")

#: published reference figures (../shared/README.md)
PUBLISHED = {
    "ReCOVery SAFE baseline (random 80/20 split)": "F1 0.833 reliable / 0.672 unreliable",
    "TF-IDF + LR, random folds": "macro-F1 0.91",
    "TF-IDF + LR, publisher-grouped folds": "macro-F1 about 0.73-0.80",
    "Potthast et al. 2018 (style, hyperpartisan vs mainstream)": "F1 0.78",
}


def classification_metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """AUC, macro-F1 at 0.5, Brier, ECE (10 bins), log-loss, accuracy."""
    y = np.asarray(y, int)
    p = np.clip(np.asarray(p, float), 1e-6, 1 - 1e-6)
    out = {
        "n": len(y),
        "roc_auc": float(roc_auc_score(y, p)) if len(set(y)) > 1 else float("nan"),
        "macro_f1": float(f1_score(y, p >= 0.5, average="macro", zero_division=0)),
        "f1_reliable": float(f1_score(y, p >= 0.5, pos_label=1, zero_division=0)),
        "f1_unreliable": float(f1_score(y, p >= 0.5, pos_label=0, zero_division=0)),
        "accuracy": float(accuracy_score(y, p >= 0.5)),
        "brier": float(brier_score_loss(y, p)),
        "ece": expected_calibration_error(p, y, bins=10),
        "log_loss": float(log_loss(y, p, labels=[0, 1])),
    }
    return out


def reliability_bins(y: np.ndarray, p: np.ndarray, *, bins: int = 10) -> list[dict[str, Any]]:
    """The reliability diagram as data: per bin, count, mean prediction, observed rate."""
    b = np.minimum((np.asarray(p) * bins).astype(int), bins - 1)
    out = []
    for i in range(bins):
        m = b == i
        out.append(
            {
                "bin": f"{i / bins:.1f}-{(i + 1) / bins:.1f}",
                "n": int(m.sum()),
                "mean_predicted": float(p[m].mean()) if m.any() else None,
                "observed_reliable": float(np.asarray(y)[m].mean()) if m.any() else None,
            }
        )
    return out


def _summary(
    y: np.ndarray, p: np.ndarray, folds: list[tuple[np.ndarray, np.ndarray]]
) -> dict[str, Any]:
    per = [classification_metrics(y[te], p[te]) for _, te in folds]
    keys = ("roc_auc", "macro_f1", "brier", "ece")
    return {
        "pooled": classification_metrics(y, p),
        "folds": per,
        "fold_mean": {k: float(np.nanmean([f[k] for f in per])) for k in keys},
        "fold_std": {k: float(np.nanstd([f[k] for f in per])) for k in keys},
    }


def _baseline(counts_tr: Any, y_tr: np.ndarray, counts_te: Any, *, balanced: bool) -> np.ndarray:
    tf = TfidfTransformer().fit(counts_tr)
    lr = LogisticRegression(max_iter=2000, class_weight="balanced" if balanced else None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lr.fit(tf.transform(counts_tr), y_tr)
    return lr.predict_proba(tf.transform(counts_te))[:, 1]


def evaluate(
    labelled_dir: str | Path = "labelled",
    *,
    folds: int = 5,
    seed: int = 0,
    config: FitConfig | None = None,
    data: LabelledData | None = None,
    external: bool = True,
) -> dict[str, Any]:
    """Grouped CV figures of the model, ablations and baselines (a JSON-able dict)."""
    from .train import default_config

    t0 = time.perf_counter()
    config = config or default_config()
    data = data if data is not None else load_labelled(labelled_dir)
    tr_idx = np.flatnonzero(data.train_mask)
    d = data.subset(tr_idx)
    y, g = d.y, d.publisher
    outer = grouped_folds(y, g, n_splits=folds, seed=seed)

    variants = {
        "model": config,
        "wording_only": replace(config, fixed_alpha=0.0, priors=()),
        "signals_only": replace(config, use_wording=False),
    }
    probs = {k: np.zeros(len(y)) for k in variants}
    logits = {k: np.zeros(len(y)) for k in variants}
    base_plain = np.zeros(len(y))
    base_bal = np.zeros(len(y))
    chosen = []
    for k, (tr, te) in enumerate(outer):
        w = publisher_weights(g[tr], y[tr], power=config.publisher_power)
        inner = grouped_folds(y[tr], g[tr], n_splits=config.inner_folds, seed=seed + 1)
        wording = _fit_wording(d.counts[tr], y[tr], w, inner, config)
        for name, cfg in variants.items():
            m = _fit_rest(wording, d.dense[tr], y[tr], w, g[tr], inner, cfg, d.feature_names, seed)
            logits[name][te] = m.decision_function(d.dense[te], d.counts[te])
            probs[name][te] = m.calibrator(logits[name][te])
            if name == "model":
                chosen.append(
                    {
                        "fold": k,
                        "test_publishers": sorted(set(g[te])),
                        **{key: m.chosen[key] for key in ("lexical_C", "alpha", "calibrator")},
                    }
                )
        base_plain[te] = _baseline(d.counts[tr], y[tr], d.counts[te], balanced=False)
        base_bal[te] = _baseline(d.counts[tr], y[tr], d.counts[te], balanced=True)
        logger.info("fold %d done (%.0f s)", k, time.perf_counter() - t0)

    out: dict[str, Any] = {
        "setup": {
            "folds": len(outer),
            "seed": seed,
            "split": "StratifiedGroupKFold by publisher (shuffle, random_state=seed)",
            "threshold": "macro-F1, F1 and accuracy at reliability >= 0.5",
            "n_articles": len(y),
            "n_publishers": len(set(g)),
            "reliable_share": float(y.mean()),
            "corpora": sorted(set(d.corpus)),
            "data_hash": data.data_hash,
            "features": list(d.feature_names),
        },
        "model": _summary(y, probs["model"], outer),
        "ablations": {
            "wording_only": _summary(y, probs["wording_only"], outer),
            "signals_only": _summary(y, probs["signals_only"], outer),
        },
        "baselines": {
            "tfidf_lr": _summary(y, base_plain, outer),
            "tfidf_lr_balanced": _summary(y, base_bal, outer),
        },
        "reliability_diagram": reliability_bins(y, probs["model"]),
        "chosen": chosen,
        "published": PUBLISHED,
    }
    if len(set(d.corpus)) > 1:
        out["per_corpus"] = {
            c: classification_metrics(y[d.corpus == c], probs["model"][d.corpus == c])
            for c in sorted(set(d.corpus))
        }

    ext_idx = np.flatnonzero(~data.train_mask)
    if external and len(ext_idx):
        e = data.subset(ext_idx)
        full = fit_stack(
            d.dense, d.counts, y, g, feature_names=d.feature_names, seed=seed, config=config
        )
        sig = fit_stack(
            d.dense,
            d.counts,
            y,
            g,
            feature_names=d.feature_names,
            seed=seed,
            config=variants["signals_only"],
        )
        out["external"] = {
            "what": "trained on every training-role article, tested on the external corpora",
            "corpora": sorted(set(e.corpus)),
            "model": classification_metrics(e.y, full.predict_proba(e.dense, e.counts)),
            "signals_only": classification_metrics(e.y, sig.predict_proba(e.dense, e.counts)),
            "tfidf_lr": classification_metrics(
                e.y, _baseline(d.counts, y, e.counts, balanced=False)
            ),
            "tfidf_lr_balanced": classification_metrics(
                e.y, _baseline(d.counts, y, e.counts, balanced=True)
            ),
        }
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


# ------------------------------------------------------------------ rendering
def _row(name: str, s: Mapping[str, Any]) -> str:
    p, m, sd = s["pooled"], s["fold_mean"], s["fold_std"]
    return (
        f"| {name} | {p['roc_auc']:.3f} | {p['macro_f1']:.3f} | {p['brier']:.3f} | "
        f"{p['ece']:.3f} | {m['roc_auc']:.3f} ± {sd['roc_auc']:.3f} | "
        f"{m['macro_f1']:.3f} ± {sd['macro_f1']:.3f} |"
    )


def render_evaluation(figures: Mapping[str, Any]) -> str:
    """The figures of :func:`evaluate` as a markdown report."""
    st = figures["setup"]
    lines = [
        (
            f"Publisher-grouped {st['folds']}-fold cross-validation (seed {st['seed']}): "
            f"{st['n_articles']} articles, {st['n_publishers']} publishers "
            f"({', '.join(st['corpora'])}), {100 * st['reliable_share']:.0f}% reliable. "
            f"{st['threshold']}."
        ),
        "",
        "| | ROC AUC | macro-F1 | Brier | ECE | AUC per fold | macro-F1 per fold |",
        "|---|---|---|---|---|---|---|",
        _row("newsvet model", figures["model"]),
        _row("  wording only", figures["ablations"]["wording_only"]),
        _row("  signals only", figures["ablations"]["signals_only"]),
        _row("TF-IDF + LR baseline", figures["baselines"]["tfidf_lr"]),
        _row("TF-IDF + LR (balanced)", figures["baselines"]["tfidf_lr_balanced"]),
        "",
        "Pooled = all out-of-fold predictions together; per fold = mean ± std over folds.",
    ]
    pm = figures["model"]["pooled"]
    lines += [
        "",
        (
            f"Model F1 reliable {pm['f1_reliable']:.3f}, unreliable {pm['f1_unreliable']:.3f}, "
            f"accuracy {pm['accuracy']:.3f}, log-loss {pm['log_loss']:.3f}."
        ),
    ]
    if "per_corpus" in figures:
        lines += ["", "| corpus | n | ROC AUC | macro-F1 |", "|---|---|---|---|"]
        for c, m in figures["per_corpus"].items():
            lines.append(f"| {c} | {m['n']} | {m['roc_auc']:.3f} | {m['macro_f1']:.3f} |")
    if "external" in figures:
        ex = figures["external"]
        lines += [
            "",
            f"External check ({', '.join(ex['corpora'])}; {ex['what']}):",
            "",
            "| | n | ROC AUC | macro-F1 | Brier |",
            "|---|---|---|---|---|",
        ]
        for k in ("model", "signals_only", "tfidf_lr", "tfidf_lr_balanced"):
            m = ex[k]
            lines.append(
                f"| {k} | {m['n']} | {m['roc_auc']:.3f} | {m['macro_f1']:.3f} | {m['brier']:.3f} |"
            )
    lines += [
        "",
        "Reliability diagram (model, pooled out-of-fold):",
        "",
        "| predicted | n | mean predicted | observed reliable |",
        "|---|---|---|---|",
    ]
    for b in figures["reliability_diagram"]:
        mp = "" if b["mean_predicted"] is None else f"{b['mean_predicted']:.3f}"
        ob = "" if b["observed_reliable"] is None else f"{b['observed_reliable']:.3f}"
        lines.append(f"| {b['bin']} | {b['n']} | {mp} | {ob} |")
    lines += ["", "Chosen inside each training fold (inner grouped CV):", ""]
    for c in figures["chosen"]:
        lines.append(
            f"- fold {c['fold']}: lexical C={c['lexical_C']:g}, alpha={c['alpha']:g}, "
            f"calibrator={c['calibrator']}"
        )
    lines += ["", "Published reference figures (../shared/README.md):", ""]
    lines += [f"- {k}: {v}" for k, v in figures["published"].items()]
    return "\n".join(lines)
