"""Publisher-grouped cross-validation of the model, its ablations and a baseline.

Every fitted step (wording TF-IDF weights and regression, the choice of ``C``
and ``alpha``, imputer, scaler, stacker, calibrator) is fitted inside each
training fold, with nested grouped CV for the out-of-fold wording logit, so a
test publisher is never seen in training. The TF-IDF + logistic regression
baseline runs on the identical folds. Macro-F1 is measured at the 0.5
probability threshold.
"""

from __future__ import annotations

import copy
import logging
import time
import warnings
from collections.abc import Mapping, Sequence
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

from ..errors import DataError
from .labelled import LabelledData, load_labelled, read_evaluation_labels
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

logger = logging.getLogger("newsvet.model.evaluation")

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
    cross_corpus: bool = True,
    train_corpora: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Grouped CV figures of the model, ablations and baselines (a JSON-able dict).

    Besides the publisher-grouped folds over every training-role article:
    ``leave_one_corpus_out`` (train on one training corpus, test on each
    other one, with the baselines on the same split), ``external`` (corpora
    with role "external") and ``ai_rewrite`` (the model trained on all
    training articles rates human news and machine rewrites of it).
    ``train_corpora`` overrides which labelled corpora are trained on (the
    others with role "train" become "external").
    """
    from .train import default_config

    t0 = time.perf_counter()
    config = config or default_config()
    data = data if data is not None else load_labelled(labelled_dir)
    if train_corpora is not None:
        data = _with_training_corpora(data, train_corpora)
    tr_idx = np.flatnonzero(data.train_mask)
    d = data.subset(tr_idx)
    y, g = d.y, d.publisher
    outer = grouped_folds(y, g, n_splits=folds, seed=seed)

    variants = {
        "model": config,
        "wording_only": replace(config, stacker="logistic", fixed_alpha=0.0, priors=()),
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
                        **{
                            key: m.chosen.get(key)
                            for key in ("lexical_C", "alpha", "calibrator", "stacker")
                        },
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
        "false_positives": _false_positives(d, probs["model"]),
        "chosen": chosen,
        "published": PUBLISHED,
    }
    veracity = read_evaluation_labels(labelled_dir, "veracity")
    if veracity:
        v = _veracity(d, veracity, {"model": probs["model"], "tfidf_lr_balanced": base_bal})
        if v is not None:
            out["veracity"] = v
    if len(set(d.corpus)) > 1:
        out["per_corpus"] = {
            c: classification_metrics(y[d.corpus == c], probs["model"][d.corpus == c])
            for c in sorted(set(d.corpus))
        }

    roles = data.roles()
    ext_idx = np.flatnonzero(roles == "external")
    ai_idx = np.flatnonzero(roles == "ai_rewrite")
    signals_cfg = variants["signals_only"]
    full = sig = None
    if (external and len(ext_idx)) or len(ai_idx):
        full = fit_stack(
            d.dense, d.counts, y, g, feature_names=d.feature_names, seed=seed, config=config
        )
        sig = fit_stack(
            d.dense, d.counts, y, g, feature_names=d.feature_names, seed=seed, config=signals_cfg
        )
    if external and len(ext_idx):
        assert full is not None and sig is not None
        e = data.subset(ext_idx)
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
    labelled_idx = np.flatnonzero(np.isin(roles, ["train", "external"]))
    if cross_corpus and len(set(data.corpus[labelled_idx])) > 1:
        # a training set of one corpus is that corpus's side of the split: reuse its fits
        reuse = (
            {str(d.corpus[0]): {"model": full, "signals_only": sig}}
            if full is not None and sig is not None and len(set(d.corpus)) == 1
            else {}
        )
        out["leave_one_corpus_out"] = _leave_one_corpus_out(
            data.subset(labelled_idx), config, signals_cfg, seed, fitted=reuse
        )
    if len(ai_idx):
        assert full is not None and sig is not None
        out["ai_rewrite"] = _ai_rewrite(data.subset(ai_idx), full, sig, d)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


#: article-level fact-check ratings (BuzzFeed-Webis), from true to false
VERACITY_ORDER = ("mostly true", "mixture of true and false", "mostly false", "no factual content")


def _veracity(
    d: LabelledData, labels: Mapping[tuple[str, str], str], probs: Mapping[str, np.ndarray]
) -> dict[str, Any] | None:
    """Out-of-fold reliability against an article-level fact-check label the
    model never trains on: per veracity class, and ROC AUC of "mostly true"
    against "mostly false" and against "mostly false" + "mixture"."""
    ver = np.array(
        [labels.get((str(c), str(i)), "") for c, i in zip(d.corpus, d.ids)], dtype=object
    )
    if not (ver != "").any():
        return None
    classes = [c for c in VERACITY_ORDER if (ver == c).any()]
    classes += sorted(set(ver[ver != ""]) - set(classes))
    true = ver == "mostly true"
    false = ver == "mostly false"
    mixed = ver == "mixture of true and false"
    out: dict[str, Any] = {
        "what": "out-of-fold reliability of articles with a fact-check rating (never trained on)",
        "n": int((ver != "").sum()),
    }
    for name, p in probs.items():
        auc = {}
        for key, neg in (("true_vs_false", false), ("true_vs_false_or_mixed", false | mixed)):
            sel = true | neg
            auc[key] = float(roc_auc_score(true[sel], p[sel])) if true.any() and neg.any() else None
        out[name] = {
            "by_class": {
                c: {
                    "n": int((ver == c).sum()),
                    "mean_reliability": float(p[ver == c].mean()),
                    "share_unreliable": float((p[ver == c] < 0.4).mean()),
                }
                for c in classes
            },
            "roc_auc": auc,
        }
    return out


def _with_training_corpora(data: LabelledData, names: Sequence[str]) -> LabelledData:
    known = {c["name"] for c in data.manifest.get("corpora", [])}
    unknown = sorted(set(names) - known)
    if unknown:
        raise DataError(f"unknown corpora {unknown}; labelled/ holds {sorted(known)}")
    manifest = copy.deepcopy(data.manifest)
    for c in manifest["corpora"]:
        if c["name"] in names:
            c["role"] = "train"
        elif c.get("role", "train") == "train":
            c["role"] = "external"
    return replace(data, manifest=manifest)


def _false_positives(d: LabelledData, p: np.ndarray, *, worst: int = 10) -> dict[str, Any]:
    """Reliable-class articles the out-of-fold model rates low, by corpus and by length."""
    rel = d.y == 1
    names = list(d.feature_names)
    words = (
        np.exp(d.dense[:, names.index("readability.words_log")])
        if "readability.words_log" in names
        else np.full(len(p), np.nan)
    )

    def _rates(mask: np.ndarray) -> dict[str, Any]:
        m = rel & mask
        return {
            "n": int(m.sum()),
            "rated_unreliable": float((p[m] < 0.4).mean()) if m.any() else None,
            "below_0_5": float((p[m] < 0.5).mean()) if m.any() else None,
        }

    order = np.argsort(np.where(rel, p, np.inf), kind="stable")[: min(worst, int(rel.sum()))]
    return {
        "what": "reliable-class articles (label 1), out-of-fold model; unreliable = p < 0.4",
        "all": _rates(np.ones(len(p), bool)),
        "by_corpus": {c: _rates(d.corpus == c) for c in sorted(set(d.corpus))},
        "by_length": {
            "short (< 200 words)": _rates(words < 200),
            "200-600 words": _rates((words >= 200) & (words < 600)),
            "600+ words": _rates(words >= 600),
        },
        "worst": [
            {
                "id": str(d.ids[i]),
                "corpus": str(d.corpus[i]),
                "publisher": str(d.publisher[i]),
                "reliability": float(p[i]),
            }
            for i in order
        ],
    }


def _leave_one_corpus_out(
    d: LabelledData,
    config: FitConfig,
    signals_cfg: FitConfig,
    seed: int,
    *,
    fitted: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Train on one corpus, test on another: model, signals only and baselines.

    Every corpus with role "train" or "external" takes a turn on each side.
    ``fitted`` holds models already trained on all of a corpus (by name).
    """
    out = []
    names = sorted(set(d.corpus))
    for a in names:
        tr = np.flatnonzero(d.corpus == a)
        models = (fitted or {}).get(a) or {
            k: fit_stack(
                d.dense[tr],
                d.counts[tr],
                d.y[tr],
                d.publisher[tr],
                feature_names=d.feature_names,
                seed=seed,
                config=cfg,
            )
            for k, cfg in (("model", config), ("signals_only", signals_cfg))
        }
        for b in names:
            if b == a:
                continue
            te = np.flatnonzero(d.corpus == b)
            row: dict[str, Any] = {"train": a, "test": b}
            for k, m in models.items():
                row[k] = classification_metrics(d.y[te], m.predict_proba(d.dense[te], d.counts[te]))
            for k, bal in (("tfidf_lr", False), ("tfidf_lr_balanced", True)):
                row[k] = classification_metrics(
                    d.y[te], _baseline(d.counts[tr], d.y[tr], d.counts[te], balanced=bal)
                )
            out.append(row)
            logger.info("leave-one-corpus-out %s -> %s done", a, b)
    return out


def _ai_rewrite(e: LabelledData, full: Any, sig: Any, d: LabelledData) -> dict[str, Any]:
    """How the model trained on every training article rates human news vs rewrites.

    Label 1 = human news as published, 0 = machine rewrite, so ROC AUC is the
    chance that a human article is rated more reliable than a rewrite.
    """
    p = full.predict_proba(e.dense, e.counts)
    ps = sig.predict_proba(e.dense, e.counts)
    pb = _baseline(d.counts, d.y, e.counts, balanced=True)
    variant = np.array(
        [
            "human" if label == 1 or i.count("-") < 2 else i.split("-", 2)[2]
            for i, label in zip(e.ids, e.y)
        ],
        dtype=object,
    )

    def _group(mask: np.ndarray, probs: np.ndarray) -> dict[str, float]:
        return {
            "n": int(mask.sum()),
            "mean_reliability": float(probs[mask].mean()),
            "share_unreliable": float((probs[mask] < 0.4).mean()),
        }

    return {
        "what": "trained on every training-role article; 1 = human news, 0 = machine rewrite",
        "model": {
            "roc_auc": float(roc_auc_score(e.y, p)),
            "human": _group(e.y == 1, p),
            "rewrite": _group(e.y == 0, p),
            "by_variant": {v: _group(variant == v, p) for v in sorted(set(variant))},
        },
        "signals_only": {
            "roc_auc": float(roc_auc_score(e.y, ps)),
            "human": _group(e.y == 1, ps),
            "rewrite": _group(e.y == 0, ps),
        },
        "tfidf_lr_balanced": {
            "roc_auc": float(roc_auc_score(e.y, pb)),
            "human": _group(e.y == 1, pb),
            "rewrite": _group(e.y == 0, pb),
        },
    }


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
    if figures.get("leave_one_corpus_out"):
        lines += [
            "",
            "Leave one corpus out (trained on one corpus, tested on the other; ROC AUC / macro-F1):",
            "",
            "| train -> test | n | model | signals only | TF-IDF + LR | TF-IDF + LR (balanced) |",
            "|---|---|---|---|---|---|",
        ]
        for r in figures["leave_one_corpus_out"]:
            cells = [
                f"{r[k]['roc_auc']:.3f} / {r[k]['macro_f1']:.3f}"
                for k in ("model", "signals_only", "tfidf_lr", "tfidf_lr_balanced")
            ]
            lines.append(
                f"| {r['train']} -> {r['test']} | {r['model']['n']} | " + " | ".join(cells) + " |"
            )
    if "veracity" in figures:
        ve = figures["veracity"]
        lines += [
            "",
            f"Fact-check ratings ({ve['what']}; {ve['n']} articles):",
            "",
            (
                "| veracity | n | model: mean reliability | share unreliable | "
                "TF-IDF + LR (balanced): mean | share unreliable |"
            ),
            "|---|---|---|---|---|---|",
        ]
        mv, bv = ve["model"]["by_class"], ve["tfidf_lr_balanced"]["by_class"]
        for c, m in mv.items():
            b = bv[c]
            lines.append(
                f"| {c} | {m['n']} | {m['mean_reliability']:.3f} | {m['share_unreliable']:.3f} | "
                f"{b['mean_reliability']:.3f} | {b['share_unreliable']:.3f} |"
            )

        def _auc(x: float | None) -> str:
            return "n/a" if x is None else f"{x:.3f}"

        model_auc, base_auc = ve["model"]["roc_auc"], ve["tfidf_lr_balanced"]["roc_auc"]
        lines += [
            "",
            (
                "ROC AUC, mostly true vs mostly false / vs mostly false + mixture: model "
                f"{_auc(model_auc['true_vs_false'])} / {_auc(model_auc['true_vs_false_or_mixed'])}"
                f"; TF-IDF + LR (balanced) {_auc(base_auc['true_vs_false'])} / "
                f"{_auc(base_auc['true_vs_false_or_mixed'])}."
            ),
        ]
    if "ai_rewrite" in figures:
        ai = figures["ai_rewrite"]
        lines += [
            "",
            f"AI-rewrite set ({ai['what']}):",
            "",
            "| | ROC AUC human > rewrite | mean reliability human | rewrite | share unreliable human | rewrite |",
            "|---|---|---|---|---|---|",
        ]
        for k in ("model", "signals_only", "tfidf_lr_balanced"):
            m = ai[k]
            lines.append(
                f"| {k} | {m['roc_auc']:.3f} | {m['human']['mean_reliability']:.3f} | "
                f"{m['rewrite']['mean_reliability']:.3f} | {m['human']['share_unreliable']:.3f} | "
                f"{m['rewrite']['share_unreliable']:.3f} |"
            )
        lines += ["", "| variant | n | mean reliability | share unreliable |", "|---|---|---|---|"]
        for v, m in ai["model"]["by_variant"].items():
            lines.append(
                f"| {v} | {m['n']} | {m['mean_reliability']:.3f} | {m['share_unreliable']:.3f} |"
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
    if "false_positives" in figures:
        fp = figures["false_positives"]
        lines += [
            "",
            f"False positives on the reliable class ({fp['what']}):",
            "",
            "| group | reliable articles | rated unreliable | below 0.5 |",
            "|---|---|---|---|",
        ]
        groups = {"all": fp["all"], **fp["by_corpus"], **fp["by_length"]}
        for k, m in groups.items():
            if m["n"]:
                lines.append(
                    f"| {k} | {m['n']} | {m['rated_unreliable']:.3f} | {m['below_0_5']:.3f} |"
                )
        lines += ["", "Worst reliable-class articles (lowest out-of-fold reliability):", ""]
        lines += [
            f"- {w['publisher']} ({w['corpus']}, id {w['id']}): {w['reliability']:.3f}"
            for w in fp["worst"]
        ]
    lines += ["", "Chosen inside each training fold (inner grouped CV):", ""]
    for c in figures["chosen"]:
        stacker = (
            "boosted trees" if c.get("stacker") == "trees" else f"logistic, alpha={c['alpha']:g}"
        )
        lines.append(
            f"- fold {c['fold']}: lexical C={c['lexical_C']:g}, stacker {stacker}, "
            f"calibrator={c['calibrator']}"
        )
    lines += ["", "Published reference figures (../shared/README.md):", ""]
    lines += [f"- {k}: {v}" for k, v in figures["published"].items()]
    return "\n".join(lines)
