"""The numbers behind the reliability model: fitting and additive scoring.

Structure (one logit, exact additive contributions):

1. **Wording**: sublinear TF-IDF over hashed word unigrams/bigrams and a
   logistic regression on it give a lexical logit ``z``.
2. **Stacker**: a logistic regression over ``[z, signal features]``, with the
   signal features median-imputed plus missing-indicators
   (``SimpleImputer(add_indicator=True)``) and everything standardised. It is
   trained on an *out-of-fold* ``z`` (grouped by publisher), so it learns how
   much to trust the wording on outlets it has not seen.
3. **Calibration**: a monotone 1-D map (Platt or isotonic) from the stacker's
   logit to the probability that the source is reliable, fitted on
   cross-validated logits.

The logit decomposes exactly: ``intercept + coef_z * (z - mean_z) / scale_z +
sum_j coef_j * clip((f_j - mean_j) / scale_j, -4, 4) + sum of expert priors``,
and the wording term splits further over the n-grams of the article because
``z`` is linear in the TF-IDF vector.

Choices made inside every fit by grouped inner cross-validation (so an outer
evaluation never sees its test publishers): the lexical ``C``, the shrinkage
``alpha`` of the signal features relative to the wording, and the calibrator.
Sample weights balance the classes and down-weight large publishers
(``n_publisher ** -0.5``) so one outlet cannot dominate.

Everything fitted is kept as plain numpy arrays and floats (no pickled
classes), see :meth:`ReliabilityStack.to_state`.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

# scikit-learn and scipy are imported inside the fitting functions: a loaded
# model scores with numpy alone, and a scoring process need not pay for them
# (about 90 MB and 0.7 s)
if TYPE_CHECKING:
    import scipy.sparse as sp

from .trees import TreeParams, TreeStacker, fit_tree_stacker

__all__ = [
    "FitConfig",
    "ReliabilityStack",
    "expected_calibration_error",
    "fit_stack",
    "grouped_folds",
    "publisher_weights",
]

logger = logging.getLogger("newsvet.model")

#: standardised signal features are clipped to this many standard deviations,
#: so a value far outside anything seen in training (e.g. page boilerplate,
#: which the bare-text corpora barely have) cannot dominate the logit
CLIP_SD = 4.0


@dataclass(frozen=True)
class FitConfig:
    """Hyper-parameter grids and fixed settings of one fit."""

    lexical_C: tuple[float, ...] = (10.0, 30.0)
    alphas: tuple[float, ...] = (0.0, 0.1, 0.3, 1.0)
    stacker_C: float = 1.0
    min_df: int = 2
    inner_folds: int = 5
    publisher_power: float = 0.5
    calibrators: tuple[str, ...] = ("platt", "isotonic")
    #: fix alpha (None = choose by inner CV); 0 = wording only
    fixed_alpha: float | None = None
    #: False = signals only (no wording term)
    use_wording: bool = True
    #: hand-set terms for features the corpora cannot teach (left out of learning)
    priors: tuple[Prior, ...] = ()
    #: how the inner CV picks alpha: "auc" (pooled inner out-of-fold ROC AUC) or
    #: "logloss" (weighted log-loss)
    alpha_criterion: str = "auc"
    #: "logistic" (a regularised logistic stacker) or "trees" (gradient-boosted
    #: trees with path-attributed terms, see newsvet.model.trees)
    stacker: str = "logistic"
    trees: TreeParams = field(default_factory=TreeParams)
    #: ``(feature, +1 | -1)``: directions the tree stacker must respect
    #: ("wording" = the wording logit; see monotone-v2.json)
    monotone: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Prior:
    """A hand-set term ``per_unit * clip(value - ref, -cap, cap)`` (0 when missing)."""

    feature: str
    per_unit: float
    ref: float = 0.0
    cap: float = 1.0
    why: str = ""

    def term(self, x: np.ndarray) -> np.ndarray:
        d = np.clip(np.asarray(x, float) - self.ref, -self.cap, self.cap) * self.per_unit
        return np.where(np.isnan(d), 0.0, d)


def _model_data(name: str) -> dict[str, Any]:
    """The JSON file ``newsvet/model/data/<name>.json`` shipped in the package."""
    import json
    from importlib import resources

    path = resources.files("newsvet.model").joinpath("data", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def load_priors(name: str = "priors-v2") -> tuple[Prior, ...]:
    """The expert priors shipped in ``newsvet/model/data/<name>.json``."""
    raw = _model_data(name)
    return tuple(
        Prior(
            p["feature"],
            float(p["per_unit"]),
            float(p.get("ref", 0.0)),
            float(p.get("cap", 1.0)),
            str(p.get("why", "")),
        )
        for p in raw["priors"]
    )


def load_monotone(name: str = "monotone-v2") -> tuple[tuple[str, int], ...]:
    """The directions shipped in ``newsvet/model/data/<name>.json``."""
    raw = _model_data(name)
    out = tuple((m["feature"], int(m["direction"])) for m in raw["monotone"])
    if any(d not in (-1, 1) for _, d in out):
        raise ValueError(f"{name}: every direction must be +1 or -1")
    return out


def _directions(config: FitConfig, feature_names: Sequence[str]) -> np.ndarray:
    """Per design column (wording logit, then each dense feature): +1, -1 or 0."""
    wanted = dict(config.monotone)
    return np.array(
        [wanted.get("wording", 0)] + [wanted.get(f, 0) for f in feature_names], dtype=np.int8
    )


# ----------------------------------------------------------------- utilities
def publisher_weights(groups: np.ndarray, y: np.ndarray, *, power: float = 0.5) -> np.ndarray:
    """Sample weights: ``n_publisher ** -power``, then equal total mass per class."""
    _, inv, cnt = np.unique(groups, return_inverse=True, return_counts=True)
    w = cnt[inv].astype(float) ** (-power)
    for c in (0, 1):
        m = y == c
        if m.any():
            w[m] = w[m] / w[m].sum() * len(y) / 2
    return w / w.mean()


def grouped_folds(
    y: np.ndarray, groups: np.ndarray, *, n_splits: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds that keep each publisher in one fold."""
    from sklearn.model_selection import StratifiedGroupKFold

    n_groups = len(np.unique(groups))
    k = max(2, min(n_splits, n_groups))
    cv = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "least populated class" warnings
        return [(tr, te) for tr, te in cv.split(np.zeros(len(y)), y, groups)]


def expected_calibration_error(p: np.ndarray, y: np.ndarray, *, bins: int = 10) -> float:
    """ECE with equal-width bins over [0, 1]."""
    b = np.minimum((p * bins).astype(int), bins - 1)
    e = 0.0
    for i in range(bins):
        m = b == i
        if m.any():
            e += m.mean() * abs(p[m].mean() - y[m].mean())
    return float(e)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


# -------------------------------------------------------------- lexical part
def _sublinear_tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """``(1 + log tf) * idf``, rows L2-normalised (TfidfTransformer's formula)."""
    import scipy.sparse as sp

    x = sp.csr_matrix(counts, dtype=np.float64, copy=True)
    np.log(x.data, out=x.data)
    x.data += 1.0
    x = x.multiply(idf[None, :]).tocsr()
    x.eliminate_zeros()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ x


@dataclass
class _Lexical:
    idf: np.ndarray  # (n_features,), 0 for columns not kept
    coef: np.ndarray  # (n_features,)
    intercept: float

    def tfidf(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        return _sublinear_tfidf(counts, self.idf)

    def logit(self, counts: sp.csr_matrix) -> np.ndarray:
        return np.asarray(self.tfidf(counts) @ self.coef).ravel() + self.intercept

    def row(
        self, cols: np.ndarray, counts: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
        """One document's TF-IDF row and lexical logit, without scipy.

        ``cols`` are the column indices of distinct n-grams (two n-grams may
        share a column), ``counts`` their counts. Returns ``(kept columns in
        increasing order, their TF-IDF values, logit, where each n-gram's
        column is among the kept ones or -1)``: the same numbers as
        :meth:`tfidf` and :meth:`logit` on a one-row count matrix, to the bit,
        from the same operations in the same order (scipy 1.17 sums a row's
        squares with ``np.add.reduceat``, and its ``diags @ x`` product lists
        a row's columns last first, which the matrix-vector product then sums
        one by one).
        """
        cols, where = np.unique(np.asarray(cols, dtype=np.int64), return_inverse=True)
        summed = np.bincount(
            where, weights=np.asarray(counts, dtype=np.float64), minlength=len(cols)
        )
        idf = self.idf[cols]
        keep = idf != 0
        position = np.where(keep, np.cumsum(keep) - 1, -1)[where]
        cols, idf = cols[keep], idf[keep]
        x = np.log(summed[keep])
        x += 1.0
        x = x * idf
        if len(x):
            norm = np.sqrt(np.add.reduceat(x * x, [0])[0])
            if norm == 0:
                norm = 1.0
            x = (1.0 / norm) * x
            # the row's products summed one by one, last column first
            z = float(np.cumsum((x * self.coef[cols])[::-1])[-1]) + self.intercept
        else:
            z = 0.0 + self.intercept
        return cols, x, z, position


def _fit_lexical(
    counts: sp.csr_matrix, y: np.ndarray, w: np.ndarray, *, C: float, min_df: int
) -> _Lexical:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    n_features = counts.shape[1]
    df = np.bincount(counts.indices, minlength=n_features)
    cols = np.flatnonzero(df >= min_df)
    sub = counts[:, cols]
    tf = TfidfTransformer(sublinear_tf=True).fit(sub)
    # liblinear's dual solver visits the rows in random order: fix it, or two
    # fits of the same data differ in the 4th decimal
    lr = LogisticRegression(C=C, solver="liblinear", dual=True, max_iter=5000, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        lr.fit(tf.transform(sub), y, sample_weight=w)
    idf = np.zeros(n_features)
    idf[cols] = tf.idf_
    coef = np.zeros(n_features)
    coef[cols] = lr.coef_.ravel()
    return _Lexical(idf, coef, float(lr.intercept_[0]))


# -------------------------------------------------------------- stacker part
@dataclass
class _Stacker:
    medians: np.ndarray  # (d,) imputation values (NaN never: empty features get 0)
    indicator_of: np.ndarray  # (m,) dense feature index of each missing-indicator
    mean: np.ndarray  # (1 + d + m,) standardisation of [z, dense, indicators]
    scale: np.ndarray
    coef: np.ndarray  # effective coefficients on standardised columns
    intercept: float
    use_wording: bool = True

    def design(self, z: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """The unstandardised design matrix ``[z, imputed dense, indicators]``."""
        miss = np.isnan(dense)
        filled = np.where(miss, self.medians[None, :], dense)
        ind = miss[:, self.indicator_of].astype(float)
        return np.hstack([z[:, None], filled, ind])

    def standardised(self, F: np.ndarray) -> np.ndarray:
        """Standardise; signal columns are clipped to +-CLIP_SD (no wild extrapolation)."""
        Z = (F - self.mean) / self.scale
        Z[:, 1:] = np.clip(Z[:, 1:], -CLIP_SD, CLIP_SD)
        return Z

    def terms(self, z: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """Per-column additive terms (n, 1 + d + m); logit = intercept + row sum."""
        return self.standardised(self.design(z, dense)) * self.coef

    def logit(self, z: np.ndarray, dense: np.ndarray) -> np.ndarray:
        return self.intercept + self.terms(z, dense).sum(axis=1)


def _fit_stacker(
    z: np.ndarray,
    dense: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    *,
    alpha: float,
    C: float,
    use_wording: bool = True,
    exclude: np.ndarray | None = None,
) -> _Stacker:
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    d = dense.shape[1]
    imp = SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        filled = imp.fit_transform(dense) if d else np.zeros((len(y), 0))
    medians = np.nan_to_num(np.asarray(imp.statistics_, dtype=float)) if d else np.zeros(0)
    indicator_of = (
        np.asarray(imp.indicator_.features_, dtype=int)
        if d and imp.indicator_ is not None
        else np.zeros(0, dtype=int)
    )
    F = np.hstack([z[:, None], filled])
    sc = StandardScaler().fit(F)
    mean, scale = sc.mean_.copy(), sc.scale_.copy()
    # columns that never vary in training (e.g. a signal that is always
    # missing in the corpora) carry no weight at all
    varying = F.std(axis=0) > 1e-12
    if not use_wording:
        varying[0] = False
    if exclude is not None and exclude.any():
        varying[1 : 1 + d] &= ~exclude
        varying[1 + d :] &= ~exclude[indicator_of]
    shrink = np.ones(F.shape[1])
    shrink[1:] = alpha
    varying &= shrink > 0
    coef = np.zeros(F.shape[1])
    intercept = 0.0
    if varying.any():
        Z = (F - mean) / scale
        Z[:, 1:] = np.clip(Z[:, 1:], -CLIP_SD, CLIP_SD)
        Xs = Z[:, varying] * shrink[varying]
        lr = LogisticRegression(C=C, max_iter=5000)
        lr.fit(Xs, y, sample_weight=w)
        coef[varying] = lr.coef_.ravel() * shrink[varying]
        intercept = float(lr.intercept_[0])
    else:
        p = float(np.average(y, weights=w))
        intercept = math.log(p / (1 - p)) if 0 < p < 1 else 0.0
    return _Stacker(medians, indicator_of, mean, scale, coef, intercept, use_wording)


# ------------------------------------------------------------------ calibration
@dataclass
class _Calibrator:
    kind: str  # "platt" | "shift" | "isotonic"
    a: float = 1.0
    b: float = 0.0
    x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    y: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __call__(self, logit: np.ndarray) -> np.ndarray:
        logit = np.asarray(logit, dtype=float)
        if self.kind in ("platt", "shift"):
            return _sigmoid(self.a * logit + self.b)
        return np.interp(logit, self.x, self.y)


def _fit_shift(s: np.ndarray, y: np.ndarray, *, steps: int = 50) -> float:
    """The intercept ``b`` maximising the likelihood of ``sigmoid(s + b)`` (Newton's method)."""
    b = 0.0
    for _ in range(steps):
        p = _sigmoid(s + b)
        h = float(np.sum(p * (1 - p)))
        if h <= 0:
            break
        step = float(np.sum(p - y)) / h
        b -= step
        if abs(step) < 1e-12:
            break
    return b


def _fit_calibrator(kind: str, s: np.ndarray, y: np.ndarray) -> _Calibrator:
    """``platt``: ``sigmoid(a s + b)``; ``shift``: ``sigmoid(s + b)``, the
    stacker's own scale kept and only the class balance its sample weights
    imposed undone; ``isotonic``: a monotone step function."""
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    if kind == "platt":
        lr = LogisticRegression(C=1e6, max_iter=1000).fit(s[:, None], y)
        return _Calibrator("platt", a=float(lr.coef_[0, 0]), b=float(lr.intercept_[0]))
    if kind == "shift":
        return _Calibrator("shift", a=1.0, b=_fit_shift(np.asarray(s, float), np.asarray(y, float)))
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.01, y_max=0.99).fit(s, y)
    return _Calibrator(
        "isotonic", x=np.asarray(iso.X_thresholds_, float), y=np.asarray(iso.y_thresholds_, float)
    )


def _choose_calibrator(
    kinds: Sequence[str], s: np.ndarray, y: np.ndarray, groups: np.ndarray, seed: int
) -> tuple[str, dict[str, float]]:
    """Pick the calibrator with the lowest cross-fitted (grouped) ECE."""
    folds = grouped_folds(y, groups, n_splits=5, seed=seed + 17)
    eces: dict[str, float] = {}
    for kind in kinds:
        p = np.zeros(len(y))
        for tr, te in folds:
            p[te] = _fit_calibrator(kind, s[tr], y[tr])(s[te])
        eces[kind] = expected_calibration_error(p, y)
    best = min(eces, key=lambda k: (eces[k], k != "platt"))
    return best, eces


# ------------------------------------------------------------------- the model
@dataclass
class ReliabilityStack:
    """A fitted reliability model (numbers only; see the module docstring)."""

    feature_names: tuple[str, ...]
    lexical: _Lexical
    stacker: _Stacker | TreeStacker
    calibrator: _Calibrator
    chosen: dict[str, Any] = field(default_factory=dict)
    priors: tuple[Prior, ...] = ()

    # ---- scoring
    def lexical_logit(self, counts: sp.csr_matrix) -> np.ndarray:
        return self.lexical.logit(counts)

    def prior_terms(self, dense: np.ndarray) -> np.ndarray:
        """(n, d) hand-set prior terms (zero for features without a prior)."""
        dense = np.asarray(dense, float)
        out = np.zeros_like(dense)
        js, ref, cap, per_unit = self._prior_arrays()
        if len(js):
            # every prior's Prior.term at once; np.add.at adds the terms of
            # priors on the same feature one after the other, as a loop would
            d = np.clip(dense[:, js] - ref, -cap, cap) * per_unit
            np.add.at(out.T, js, np.where(np.isnan(d), 0.0, d).T)
        return out

    def _prior_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        key = (self.feature_names, self.priors)
        cached = self.__dict__.get("_prior_cache")
        if cached is None or cached[0] != key:
            index = {f: i for i, f in enumerate(self.feature_names)}
            used = [(index[p.feature], p) for p in self.priors if p.feature in index]
            arrays = (
                np.array([j for j, _ in used], dtype=np.int64),
                np.array([p.ref for _, p in used], dtype=float),
                np.array([p.cap for _, p in used], dtype=float),
                np.array([p.per_unit for _, p in used], dtype=float),
            )
            cached = (key, arrays)
            self.__dict__["_prior_cache"] = cached
        return cached[1]

    def decision_function(self, dense: np.ndarray, counts: sp.csr_matrix) -> np.ndarray:
        """The uncalibrated logit (log-odds of 'reliable')."""
        dense = np.asarray(dense, float)
        return self.stacker.logit(self.lexical_logit(counts), dense) + self.prior_terms(dense).sum(
            axis=1
        )

    def predict_proba(self, dense: np.ndarray, counts: sp.csr_matrix) -> np.ndarray:
        """Calibrated probability that the source is reliable."""
        return self.calibrator(self.decision_function(dense, counts))

    def feature_terms(
        self, dense: np.ndarray, counts: sp.csr_matrix
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(wording, learnt, prior)`` terms; ``base + wording + learnt.sum + prior.sum == logit``.

        ``learnt`` and ``prior`` are (n, d); a feature's missing-indicator
        term is added to that feature's learnt term.
        """
        return self.feature_terms_z(dense, self.lexical_logit(counts))

    def feature_terms_z(
        self, dense: np.ndarray, z: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`feature_terms` from the lexical logits ``z`` (one per row)."""
        dense = np.asarray(dense, float)
        z = np.asarray(z, float)
        t = self.stacker.terms(z, dense)
        d = len(self.feature_names)
        per = t[:, 1 : 1 + d].copy()
        for k, j in enumerate(self.stacker.indicator_of):
            per[:, j] += t[:, 1 + d + k]
        return t[:, 0], per, self.prior_terms(dense)

    @property
    def base(self) -> float:
        return self.stacker.intercept

    @property
    def wording_scale(self) -> float:
        """d(logit)/d(z): how much one unit of lexical logit moves the final logit
        (the tree stacker quotes n-grams in the wording model's own units)."""
        if isinstance(self.stacker, TreeStacker):
            return self.stacker.wording_scale
        return float(self.stacker.coef[0] / self.stacker.scale[0])

    def typical(self, j: int) -> float:
        """The training median of dense feature ``j`` (its imputation value)."""
        return float(self.stacker.medians[j])

    # ---- persistence as plain data
    def to_state(self) -> dict[str, Any]:
        s, lx, c = self.stacker, self.lexical, self.calibrator
        nz = np.flatnonzero(lx.idf)
        return {
            "feature_names": list(self.feature_names),
            "lexical": {
                "n_features": len(lx.idf),
                "columns": nz.astype(np.int32),
                "idf": lx.idf[nz].astype(np.float64),
                "coef": lx.coef[nz].astype(np.float64),
                "intercept": float(lx.intercept),
            },
            "stacker": s.to_state()
            if isinstance(s, TreeStacker)
            else {
                "kind": "logistic",
                "medians": s.medians,
                "indicator_of": s.indicator_of,
                "mean": s.mean,
                "scale": s.scale,
                "coef": s.coef,
                "intercept": float(s.intercept),
                "use_wording": bool(s.use_wording),
            },
            "calibrator": {"kind": c.kind, "a": c.a, "b": c.b, "x": c.x, "y": c.y},
            "priors": [
                {
                    "feature": p.feature,
                    "per_unit": p.per_unit,
                    "ref": p.ref,
                    "cap": p.cap,
                    "why": p.why,
                }
                for p in self.priors
            ],
            "chosen": dict(self.chosen),
        }

    @classmethod
    def from_state(cls, st: dict[str, Any]) -> ReliabilityStack:
        lx = st["lexical"]
        n = int(lx["n_features"])
        idf = np.zeros(n)
        coef = np.zeros(n)
        cols = np.asarray(lx["columns"], dtype=np.int64)
        idf[cols] = lx["idf"]
        coef[cols] = lx["coef"]
        s = st["stacker"]
        c = st["calibrator"]
        return cls(
            feature_names=tuple(st["feature_names"]),
            lexical=_Lexical(idf, coef, float(lx["intercept"])),
            stacker=TreeStacker.from_state(s)
            if s.get("kind") == "trees"
            else _Stacker(
                np.asarray(s["medians"], float),
                np.asarray(s["indicator_of"], int),
                np.asarray(s["mean"], float),
                np.asarray(s["scale"], float),
                np.asarray(s["coef"], float),
                float(s["intercept"]),
                bool(s["use_wording"]),
            ),
            calibrator=_Calibrator(
                c["kind"],
                float(c["a"]),
                float(c["b"]),
                np.asarray(c["x"], float),
                np.asarray(c["y"], float),
            ),
            chosen=dict(st.get("chosen", {})),
            priors=tuple(
                Prior(
                    p["feature"],
                    float(p["per_unit"]),
                    float(p["ref"]),
                    float(p["cap"]),
                    str(p.get("why", "")),
                )
                for p in st.get("priors", [])
            ),
        )


@dataclass
class _WordingFit:
    lexical: _Lexical
    z_oof: np.ndarray
    info: dict[str, Any]


def _fit_wording(
    counts: sp.csr_matrix,
    y: np.ndarray,
    w: np.ndarray,
    inner: list[tuple[np.ndarray, np.ndarray]],
    config: FitConfig,
) -> _WordingFit:
    """Choose the lexical C by inner grouped CV; return the final fit and its out-of-fold z."""
    from sklearn.metrics import roc_auc_score

    z_oof: dict[float, np.ndarray] = {}
    auc: dict[float, float] = {}
    for C in config.lexical_C:
        z = np.zeros(len(y))
        for tr, te in inner:
            z[te] = _fit_lexical(counts[tr], y[tr], w[tr], C=C, min_df=config.min_df).logit(
                counts[te]
            )
        z_oof[C] = z
        auc[C] = float(roc_auc_score(y, z))
    C_best = max(config.lexical_C, key=lambda c: (auc[c], -c))
    lexical = _fit_lexical(counts, y, w, C=C_best, min_df=config.min_df)
    info = {"lexical_C": C_best, "lexical_C_inner_auc": {str(k): v for k, v in auc.items()}}
    return _WordingFit(lexical, z_oof[C_best], info)


def _fit_rest(
    wording: _WordingFit,
    dense: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    groups: np.ndarray,
    inner: list[tuple[np.ndarray, np.ndarray]],
    config: FitConfig,
    feature_names: Sequence[str],
    seed: int,
) -> ReliabilityStack:
    """Stacker and calibrator on top of a wording fit.

    Either stacker gives its inner cross-validated logits; the calibrator is
    chosen and fitted on them, priors included (natural class mix).
    """
    prior_features = {p.feature for p in config.priors}
    exclude = np.array([f in prior_features for f in feature_names], dtype=bool)
    priors = tuple(p for p in config.priors if p.feature in set(feature_names))
    fit = _STACKERS.get(config.stacker)
    if fit is None:
        raise ValueError(f"unknown stacker {config.stacker!r} (logistic or trees)")
    directions = _directions(config, feature_names)
    stacker, s, info = fit(wording.z_oof, dense, y, w, inner, config, exclude, directions, seed)
    model = ReliabilityStack(
        tuple(feature_names), wording.lexical, stacker, _Calibrator("platt"), {}, priors
    )
    s = s + model.prior_terms(dense).sum(axis=1)
    eces: dict[str, float]
    if len(config.calibrators) == 1:  # nothing to choose
        kind, eces = config.calibrators[0], {}
    else:
        kind, eces = _choose_calibrator(config.calibrators, s, y, groups, seed)
    model.calibrator = _fit_calibrator(kind, s, y)
    model.chosen = {
        **(wording.info if config.use_wording else {}),
        "stacker": config.stacker,
        **info,
        "calibrator": kind,
        "calibrator_inner_ece": eces,
        "n_train": len(y),
        "n_publishers": len(np.unique(groups)),
        "use_wording": config.use_wording,
    }
    logger.info("fitted stack: %s", model.chosen)
    return model


def _logistic_stacker(
    z: np.ndarray,
    dense: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    inner: list[tuple[np.ndarray, np.ndarray]],
    config: FitConfig,
    exclude: np.ndarray,
    directions: np.ndarray,
    seed: int,
) -> tuple[_Stacker, np.ndarray, dict[str, Any]]:
    """The logistic stacker, its shrinkage ``alpha`` chosen by inner grouped CV
    (``directions`` are for the tree stacker only)."""
    from sklearn.metrics import roc_auc_score

    alphas = (config.fixed_alpha,) if config.fixed_alpha is not None else config.alphas
    if not config.use_wording:
        alphas = tuple(a for a in alphas if a > 0) or (1.0,)

    def fit(idx: np.ndarray, a: float) -> _Stacker:
        return _fit_stacker(
            z[idx],
            dense[idx],
            y[idx],
            w[idx],
            alpha=a,
            C=config.stacker_C,
            use_wording=config.use_wording,
            exclude=exclude,
        )

    cv_logits: dict[float, np.ndarray] = {}
    losses: dict[float, float] = {}
    for a in alphas:
        s = np.zeros(len(y))
        for tr, te in inner:
            s[te] = fit(tr, a).logit(z[te], dense[te])
        p = np.clip(_sigmoid(s), 1e-6, 1 - 1e-6)
        if config.alpha_criterion == "auc":
            losses[a] = -float(roc_auc_score(y, s))
        else:
            losses[a] = float(-np.average(y * np.log(p) + (1 - y) * np.log(1 - p), weights=w))
        cv_logits[a] = s
    a_best = min(alphas, key=lambda a: (losses[a], a))
    info = {
        "alpha": a_best,
        "alpha_criterion": config.alpha_criterion,
        "alpha_inner_loss": {str(k): v for k, v in losses.items()},
    }
    return fit(np.arange(len(y)), a_best), cv_logits[a_best], info


def _tree_stacker(
    z: np.ndarray,
    dense: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    inner: list[tuple[np.ndarray, np.ndarray]],
    config: FitConfig,
    exclude: np.ndarray,
    directions: np.ndarray,
    seed: int,
) -> tuple[TreeStacker, np.ndarray, dict[str, Any]]:
    """The boosted-tree stacker (see newsvet.model.trees) and its inner CV logits,
    monotone in the features ``directions`` names."""
    from sklearn.metrics import roc_auc_score

    def fit(idx: np.ndarray) -> TreeStacker:
        return fit_tree_stacker(
            z[idx],
            dense[idx],
            y[idx],
            w[idx],
            use_wording=config.use_wording,
            exclude=exclude,
            monotone=directions,
            params=config.trees,
            seed=seed,
        )

    s = np.zeros(len(y))
    for tr, te in inner:
        s[te] = fit(tr).logit(z[te], dense[te])
    info = {
        "alpha": None,
        "trees": dict(vars(config.trees)),
        "monotone": int(np.count_nonzero(directions)),
        "inner_auc": float(roc_auc_score(y, s)),
    }
    return fit(np.arange(len(y))), s, info


_STACKERS: dict[str, Callable[..., tuple[_Stacker | TreeStacker, np.ndarray, dict[str, Any]]]] = {
    "logistic": _logistic_stacker,
    "trees": _tree_stacker,
}


def fit_stack(
    dense: np.ndarray,
    counts: sp.csr_matrix,
    y: np.ndarray,
    groups: np.ndarray,
    *,
    feature_names: Sequence[str],
    seed: int = 0,
    config: FitConfig = FitConfig(),
) -> ReliabilityStack:
    """Fit the whole model on one training set, choosing settings by inner grouped CV."""
    import scipy.sparse as sp

    y = np.asarray(y, dtype=int)
    groups = np.asarray(groups)
    dense = np.asarray(dense, dtype=float)
    counts = sp.csr_matrix(counts)
    if len(np.unique(y)) < 2:
        raise ValueError("training data holds one class only")
    w = publisher_weights(groups, y, power=config.publisher_power)
    inner = grouped_folds(y, groups, n_splits=config.inner_folds, seed=seed + 1)
    wording = _fit_wording(counts, y, w, inner, config)
    return _fit_rest(wording, dense, y, w, groups, inner, config, feature_names, seed)
