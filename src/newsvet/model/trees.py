"""A gradient-boosted stacker whose logit splits exactly into per-feature terms.

The trees are fitted with scikit-learn's ``HistGradientBoostingClassifier``
over ``[z, signal features]`` (``z`` = the out-of-fold wording logit), then
copied into flat numpy arrays, and scored here without scikit-learn.

Explanation: every node gets the *expected* raw score of the training rows
that reach it (the count-weighted mean of its leaves). Walking a row down a
tree, each split on feature ``j`` moves the expected score from the parent's
to the child's; that move is credited to ``j`` (path attribution, Saabas
2014). Per tree the moves add up to ``leaf - root``, so

    logit = base + sum_j term_j,   base = baseline + sum over trees of root

holds exactly (up to float rounding, checked against scikit-learn's own
``decision_function`` when the stacker is fitted). Missing values (NaN) go to
the side the trees learnt for them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ModelError

if TYPE_CHECKING:  # imported where the trees are fitted: scoring needs numpy only
    from sklearn.ensemble import HistGradientBoostingClassifier

__all__ = ["TreeParams", "TreeStacker", "fit_tree_stacker"]

logger = logging.getLogger("newsvet.model")


@dataclass(frozen=True)
class TreeParams:
    max_iter: int = 300
    learning_rate: float = 0.05
    max_leaf_nodes: int = 15
    min_samples_leaf: int = 40
    l2_regularization: float = 1.0


@dataclass
class TreeStacker:
    """Flat tree arrays; column 0 of the design is ``z``, column ``1 + j`` dense feature ``j``."""

    feature: np.ndarray  # (nodes,) design column split on, -1 at leaves
    threshold: np.ndarray  # (nodes,) go left when x <= threshold
    missing_left: np.ndarray  # (nodes,) bool: NaN goes left
    left: np.ndarray  # (nodes,) child indices (into the flat arrays)
    right: np.ndarray
    expected: np.ndarray  # (nodes,) expected raw score below the node
    roots: np.ndarray  # (trees,)
    depth: int
    intercept: float  # baseline + sum of the roots' expected scores
    n_columns: int  # 1 + number of dense features
    medians: np.ndarray  # (d,) training medians, for "typical" values in reasons
    use_wording: bool = True

    #: the tree stacker has no missing-indicator columns (NaN has its own branch)
    @property
    def indicator_of(self) -> np.ndarray:
        return np.zeros(0, dtype=int)

    @property
    def wording_scale(self) -> float:
        """n-gram shares of the wording term are quoted in the wording model's own units."""
        return 1.0

    def design(self, z: np.ndarray, dense: np.ndarray) -> np.ndarray:
        return np.column_stack([np.asarray(z, float), np.asarray(dense, float)])

    def terms(self, z: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """(n, 1 + d) additive terms; logit = intercept + row sum."""
        X = self.design(z, dense)
        n, t = len(X), len(self.roots)
        out = np.zeros(n * self.n_columns)
        if n == 0 or t == 0:
            return out.reshape(n, self.n_columns)
        # every (row, tree) walk, row by row; a walk that reaches a leaf is
        # dropped (it stays there), so each level works on the walks still
        # going, in the same order: the same terms added in the same order
        node = np.tile(self.roots, n)
        row = np.repeat(np.arange(n), t)
        for _ in range(self.depth):
            f = self.feature[node]
            active = f >= 0
            if not active.all():
                node, row, f = node[active], row[active], f[active]
                if not len(node):
                    break
            x = X[row, f]
            nan = np.isnan(x)
            go_left = np.where(nan, self.missing_left[node], x <= self.threshold[node])
            child = np.where(go_left, self.left[node], self.right[node])
            delta = self.expected[child] - self.expected[node]
            out += np.bincount(row * self.n_columns + f, weights=delta, minlength=len(out))
            node = child
        return out.reshape(n, self.n_columns)

    def logit(self, z: np.ndarray, dense: np.ndarray) -> np.ndarray:
        return self.intercept + self.terms(z, dense).sum(axis=1)

    # ---- plain-data state
    def to_state(self) -> dict[str, Any]:
        return {
            "kind": "trees",
            "feature": self.feature.astype(np.int32),
            "threshold": self.threshold.astype(np.float64),
            "missing_left": self.missing_left.astype(bool),
            "left": self.left.astype(np.int32),
            "right": self.right.astype(np.int32),
            "expected": self.expected.astype(np.float64),
            "roots": self.roots.astype(np.int32),
            "depth": int(self.depth),
            "intercept": float(self.intercept),
            "n_columns": int(self.n_columns),
            "medians": np.asarray(self.medians, np.float64),
            "use_wording": bool(self.use_wording),
        }

    @classmethod
    def from_state(cls, s: dict[str, Any]) -> TreeStacker:
        return cls(
            feature=np.asarray(s["feature"], np.int64),
            threshold=np.asarray(s["threshold"], float),
            missing_left=np.asarray(s["missing_left"], bool),
            left=np.asarray(s["left"], np.int64),
            right=np.asarray(s["right"], np.int64),
            expected=np.asarray(s["expected"], float),
            roots=np.asarray(s["roots"], np.int64),
            depth=int(s["depth"]),
            intercept=float(s["intercept"]),
            n_columns=int(s["n_columns"]),
            medians=np.asarray(s["medians"], float),
            use_wording=bool(s["use_wording"]),
        )


def _usable_columns(
    dense: np.ndarray, *, use_wording: bool, exclude: np.ndarray | None
) -> np.ndarray:
    d = dense.shape[1]
    ok = np.ones(1 + d, dtype=bool)
    ok[0] = use_wording
    if d:
        seen = ~np.isnan(dense)
        varies = np.array(
            [seen[:, j].any() and np.ptp(dense[seen[:, j], j]) > 0 for j in range(d)], dtype=bool
        )
        ok[1:] &= varies
        if exclude is not None:
            ok[1:] &= ~exclude
    return np.flatnonzero(ok)


def fit_tree_stacker(
    z: np.ndarray,
    dense: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    *,
    use_wording: bool = True,
    exclude: np.ndarray | None = None,
    monotone: np.ndarray | None = None,
    params: TreeParams = TreeParams(),
    seed: int = 0,
) -> TreeStacker:
    """Fit the boosted trees and copy them into a :class:`TreeStacker`.

    ``monotone`` (one entry per design column: the wording logit, then each
    dense feature) is +1 where the logit may only rise with the value, -1
    where it may only fall, 0 where it is free (scikit-learn's
    ``monotonic_cst``). The path-attributed term of a constrained feature
    then moves the right way too: along a path, moving to the higher side of
    a split on it never lowers the expected score.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    dense = np.asarray(dense, float)
    X = np.column_stack([np.asarray(z, float), dense])
    cols = _usable_columns(dense, use_wording=use_wording, exclude=exclude)
    with np.errstate(all="ignore"):
        medians = np.array(
            [np.nanmedian(c) if np.isfinite(c).any() else 0.0 for c in dense.T], dtype=float
        )
    if len(cols) == 0:
        p = float(np.average(y, weights=w))
        base = float(np.log(p / (1 - p))) if 0 < p < 1 else 0.0
        empty = np.zeros(0)
        return TreeStacker(
            empty.astype(int), empty, empty.astype(bool), empty.astype(int), empty.astype(int),
            empty, empty.astype(int), 0, base, X.shape[1], medians, use_wording,
        )  # fmt: skip
    gb = HistGradientBoostingClassifier(
        max_iter=params.max_iter,
        learning_rate=params.learning_rate,
        max_leaf_nodes=params.max_leaf_nodes,
        min_samples_leaf=params.min_samples_leaf,
        l2_regularization=params.l2_regularization,
        monotonic_cst=None if monotone is None else np.asarray(monotone, int)[cols].tolist(),
        early_stopping=False,
        random_state=seed,
    )
    Xf = _coarsen(X[:, cols])
    with threadpool_limits(1):  # OpenMP threads crawl on a busy 2-core machine
        gb.fit(Xf, y, sample_weight=w)
        ref = gb.decision_function(Xf)
    stacker = _flatten(gb, cols, X.shape[1], medians, use_wording)
    # the copy must score exactly as scikit-learn does
    full = np.full((len(Xf), X.shape[1]), np.nan)
    full[:, cols] = Xf
    mine = stacker.logit(full[:, 0], full[:, 1:])
    err = float(np.max(np.abs(ref - mine))) if len(ref) else 0.0
    if err > 1e-8:
        raise ModelError(f"tree copy disagrees with scikit-learn by {err:g} (unsupported version?)")
    return stacker


def _coarsen(X: np.ndarray, max_bins: int = 255) -> np.ndarray:
    """Columns with more than ``max_bins`` distinct values snapped to quantile edges.

    The trees only ever split between bins of at most 255 quantiles; doing
    the quantiles here (unweighted) spares scikit-learn's weighted-percentile
    binning, which is slow on continuous columns.
    """
    out = X.copy()
    for j in range(X.shape[1]):
        col = X[:, j]
        seen = ~np.isnan(col)
        if len(np.unique(col[seen])) <= max_bins:
            continue
        edges = np.quantile(col[seen], np.linspace(0.0, 1.0, max_bins + 1))
        k = np.clip(np.searchsorted(edges, col[seen], side="right") - 1, 0, max_bins - 1)
        out[seen, j] = edges[k]
    return out


def _flatten(
    gb: HistGradientBoostingClassifier,
    cols: np.ndarray,
    n_columns: int,
    medians: np.ndarray,
    use_wording: bool,
) -> TreeStacker:
    feats, thrs, mls, lefts, rights, exps, roots = [], [], [], [], [], [], []
    offset = 0
    depth = 0
    intercept = float(np.ravel(gb._baseline_prediction)[0])
    for per_class in gb._predictors:
        nodes = per_class[0].nodes
        if np.any(nodes["is_categorical"]):  # pragma: no cover - never asked for
            raise ModelError("categorical splits are not supported")
        n = len(nodes)
        leaf = nodes["is_leaf"].astype(bool)
        expected = np.where(leaf, nodes["value"], 0.0).astype(float)
        count = nodes["count"].astype(float)
        # children always come after their parent: fill expected values bottom-up
        for i in range(n - 1, -1, -1):
            if not leaf[i]:
                lft, rgt = int(nodes["left"][i]), int(nodes["right"][i])
                total = count[lft] + count[rgt]
                expected[i] = (
                    (count[lft] * expected[lft] + count[rgt] * expected[rgt]) / total
                    if total > 0
                    else 0.5 * (expected[lft] + expected[rgt])
                )
        feats.append(np.where(leaf, -1, cols[nodes["feature_idx"]]))
        thrs.append(nodes["num_threshold"].astype(float))
        mls.append(nodes["missing_go_to_left"].astype(bool))
        lefts.append(np.where(leaf, -1, nodes["left"].astype(np.int64) + offset))
        rights.append(np.where(leaf, -1, nodes["right"].astype(np.int64) + offset))
        exps.append(expected)
        roots.append(offset)
        intercept += float(expected[0])
        depth = max(depth, int(nodes["depth"].max()))
        offset += n
    return TreeStacker(
        feature=np.concatenate(feats).astype(np.int64),
        threshold=np.concatenate(thrs),
        missing_left=np.concatenate(mls),
        left=np.concatenate(lefts),
        right=np.concatenate(rights),
        expected=np.concatenate(exps),
        roots=np.array(roots, dtype=np.int64),
        depth=depth,
        intercept=intercept,
        n_columns=n_columns,
        medians=medians,
        use_wording=use_wording,
    )
