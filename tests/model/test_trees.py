"""The boosted-tree stacker: exact path-attributed terms, missing values, state."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from newsvet.model.reliability import Model
from newsvet.model.stack import ReliabilityStack, fit_stack
from newsvet.model.trees import TreeParams, TreeStacker, _coarsen, fit_tree_stacker


def _data(n: int = 400, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    dense = rng.normal(size=(n, 4))
    dense[rng.random((n, 4)) < 0.25] = np.nan
    z = rng.normal(size=n)
    inter = np.nan_to_num(dense[:, 0]) * np.nan_to_num(dense[:, 1])
    y = ((z + inter + 0.5 * np.isnan(dense[:, 2]) + rng.normal(size=n)) > 0).astype(int)
    return z, dense, y


def test_terms_add_up_to_scikit_learns_decision_function() -> None:
    z, dense, y = _data()
    params = TreeParams(max_iter=60, max_leaf_nodes=8, min_samples_leaf=10)
    st = fit_tree_stacker(z, dense, y, np.ones(len(y)), params=params, seed=0)
    gb = HistGradientBoostingClassifier(
        max_iter=60, learning_rate=0.05, max_leaf_nodes=8, min_samples_leaf=10,
        l2_regularization=1.0, early_stopping=False, random_state=0,
    ).fit(_coarsen(np.column_stack([z, dense])), y)  # fmt: skip
    # new rows, with NaN in every column at some point
    z2, d2, _ = _data(200, seed=1)
    d2[::7, :] = np.nan
    z2[::11] = np.nan
    ref = gb.decision_function(np.column_stack([z2, d2]))
    t = st.terms(z2, d2)
    assert t.shape == (200, 5)
    np.testing.assert_allclose(st.intercept + t.sum(axis=1), ref, atol=1e-9)
    # the interaction is credited to the two features that carry it
    assert np.abs(t[:, 1]).mean() > np.abs(t[:, 4]).mean()


def test_a_column_never_split_on_gets_no_term() -> None:
    z, dense, y = _data()
    exclude = np.array([False, False, False, True])
    dense[:, 3] = y * 5.0  # a perfect feature, but excluded (as a prior feature is)
    st = fit_tree_stacker(
        z, dense, y, np.ones(len(y)), exclude=exclude, params=TreeParams(max_iter=30)
    )
    assert np.all(st.terms(z, dense)[:, 4] == 0.0)
    st_nw = fit_tree_stacker(
        z, dense, y, np.ones(len(y)), use_wording=False, params=TreeParams(max_iter=30)
    )
    assert np.all(st_nw.terms(z, dense)[:, 0] == 0.0)


def test_state_round_trip_is_identical() -> None:
    z, dense, y = _data()
    st = fit_tree_stacker(z, dense, y, np.ones(len(y)), params=TreeParams(max_iter=40))
    back = TreeStacker.from_state(st.to_state())
    np.testing.assert_array_equal(back.terms(z, dense), st.terms(z, dense))
    assert back.intercept == st.intercept


@pytest.fixture(scope="module")
def tree_model(synthetic) -> Model:
    config = replace(synthetic["config"], stacker="trees", trees=TreeParams(max_iter=50))
    stack = fit_stack(
        synthetic["dense"],
        synthetic["counts"],
        synthetic["y"],
        synthetic["groups"],
        feature_names=synthetic["names"],
        seed=0,
        config=config,
    )
    return Model(stack=stack, signal_versions={"readability": "1"}, data_hash="test")


def test_tree_model_explanations_are_exact_and_state_survives(tree_model, synthetic) -> None:
    docs = synthetic["docs"][:12]
    preds = tree_model.predict_many(docs)
    dense, counts = synthetic["dense"][:12], synthetic["counts"][:12]
    logits = tree_model.stack.decision_function(dense, counts)
    for p, logit in zip(preds, logits):
        e = p.explanation
        assert math.isclose(e.base + math.fsum(c.value for c in e.contributions), e.logit)
        assert math.isclose(e.logit, logit, abs_tol=1e-9)
    again = ReliabilityStack.from_state(tree_model.stack.to_state())
    np.testing.assert_array_equal(
        again.predict_proba(dense, counts), tree_model.stack.predict_proba(dense, counts)
    )
    assert tree_model.stack.chosen["stacker"] == "trees"
    # the synthetic classes are easy; a broken stacker would not separate them
    y = synthetic["y"][:12]
    probs = np.array([p.reliability for p in preds])
    assert probs[y == 1].mean() > probs[y == 0].mean() + 0.3


def test_monotone_directions_hold_against_the_data() -> None:
    """A feature the data ties to the positive class, constrained to -1, can
    only lower the logit; an unconstrained copy of it raises it."""
    rng = np.random.default_rng(3)
    n = 600
    x = rng.normal(size=n)
    z = rng.normal(size=n)
    y = ((z + 2 * x + rng.normal(size=n)) > 0).astype(int)
    dense = np.column_stack([x, x.copy()])
    params = TreeParams(max_iter=60, max_leaf_nodes=8, min_samples_leaf=10)
    mono = np.array([1, -1, 0], dtype=np.int8)  # z up, x (constrained) down, copy free
    st = fit_tree_stacker(z, dense, y, np.ones(n), monotone=mono, params=params)
    grid = np.linspace(-3, 3, 61)
    for z0 in (-1.0, 0.0, 1.0):
        # the constrained column alone moves: the logit never rises
        d = np.column_stack([grid, np.zeros_like(grid)])
        logit = st.logit(np.full(len(grid), z0), d)
        assert np.all(np.diff(logit) <= 1e-12)
        # the wording logit alone moves: never falls
        zz = st.logit(grid, np.tile([[z0, z0]], (len(grid), 1)))
        assert np.all(np.diff(zz) >= -1e-12)
    # the free copy learns the data's direction
    d = np.column_stack([np.zeros_like(grid), grid])
    free = st.logit(np.zeros(len(grid)), d)
    assert free[-1] > free[0]
    # unconstrained, the first column also rises (the constraint did the work above)
    st0 = fit_tree_stacker(z, dense, y, np.ones(n), params=params)
    d = np.column_stack([grid, np.zeros_like(grid)])
    assert st0.logit(np.zeros(len(grid)), d)[-1] > st0.logit(np.zeros(len(grid)), d)[0]


def test_shift_calibrator_keeps_the_slope_and_survives_state() -> None:
    from newsvet.model.stack import _Calibrator, _fit_calibrator, _sigmoid

    rng = np.random.default_rng(0)
    s = rng.normal(scale=2.0, size=20000)
    y = (rng.random(len(s)) < _sigmoid(s - 0.7)).astype(int)
    cal = _fit_calibrator("shift", s, y)
    assert cal.kind == "shift" and cal.a == 1.0
    assert cal.b == pytest.approx(-0.7, abs=0.06)
    np.testing.assert_allclose(cal(np.array([0.7, 3.0])), _sigmoid(np.array([0.7, 3.0]) + cal.b))
    # the saved form of a model keeps the kind (loaded calibrators score the same)
    again = _Calibrator(cal.kind, cal.a, cal.b, cal.x, cal.y)
    assert again(np.array([1.234])) == cal(np.array([1.234]))


def _dense_terms(s: TreeStacker, z: np.ndarray, dense: np.ndarray) -> np.ndarray:
    """TreeStacker.terms as first written: every walk at every level, leaves
    standing still (the reference for the version that drops them)."""
    X = s.design(z, dense)
    n, t = len(X), len(s.roots)
    out = np.zeros(n * s.n_columns)
    node = np.broadcast_to(s.roots, (n, t)).copy()
    row = np.broadcast_to(np.arange(n)[:, None], (n, t))
    for _ in range(s.depth):
        f = s.feature[node]
        active = f >= 0
        if not active.any():
            break
        fa = np.where(active, f, 0)
        x = X[row, fa]
        go_left = np.where(np.isnan(x), s.missing_left[node], x <= s.threshold[node])
        child = np.where(active, np.where(go_left, s.left[node], s.right[node]), node)
        delta = s.expected[child] - s.expected[node]
        idx = (row * s.n_columns + fa)[active]
        out += np.bincount(idx, weights=delta[active], minlength=len(out))
        node = child
    return out.reshape(n, s.n_columns)


def test_terms_equal_the_dense_walk_bit_for_bit() -> None:
    from newsvet import api

    s = api._default_model().stack.stacker
    assert isinstance(s, TreeStacker) and s.depth > 3
    rng = np.random.default_rng(0)
    for n in (1, 2, 7, 64, 129):
        dense = rng.normal(size=(n, s.n_columns - 1)) * rng.choice([0.1, 1.0, 10.0, 100.0])
        dense[rng.random(dense.shape) < 0.2] = np.nan
        z = rng.normal(size=n)
        assert s.terms(z, dense).tobytes() == _dense_terms(s, z, dense).tobytes()
