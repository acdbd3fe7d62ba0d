"""Training on synthetic data, exact additivity, calibration, explanations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from model_synth import make_docs
from sklearn.metrics import roc_auc_score

from newsvet.ingest.document import Document
from newsvet.model import Explanation
from newsvet.model.explain import Contribution
from newsvet.model.features import WordingHasher
from newsvet.model.stack import (
    ReliabilityStack,
    _fit_calibrator,
    expected_calibration_error,
    grouped_folds,
    publisher_weights,
)
from newsvet.signals import REGISTRY


def test_small_train_learns_the_synthetic_signal(synthetic) -> None:
    docs, y, _ = make_docs(48, seed=7)  # unseen documents
    preds = synthetic["model"].predict_many(docs)
    p = np.array([x.reliability for x in preds])
    assert roc_auc_score(y, p) > 0.9
    assert ((p >= 0.5) == (y == 1)).mean() > 0.8
    assert all(0.0 <= x <= 1.0 for x in p)


def test_explanation_is_exactly_additive(synthetic) -> None:
    stack: ReliabilityStack = synthetic["stack"]
    dense, counts = synthetic["dense"], synthetic["counts"]
    logit = stack.decision_function(dense, counts)
    wording, learnt, prior = stack.feature_terms(dense, counts)
    assert np.abs(stack.base + wording + learnt.sum(1) + prior.sum(1) - logit).max() < 1e-9
    for doc in synthetic["docs"][:10]:
        sigs = {"readability": REGISTRY["readability"](doc)}
        pred = synthetic["model"].predict(doc, sigs)
        e = pred.explanation
        assert e.base + math.fsum(c.value for c in e.contributions) == pytest.approx(
            e.logit, abs=1e-9
        )
        assert e.check()
        # the explanation's logit is the model's logit for this document
        row = stack.decision_function(
            np.array(
                [[sigs["readability"].values[n.split(".")[1]] for n in synthetic["names"]]],
                dtype=float,
            ),
            WordingHasher().transform([doc]),
        )[0]
        assert pred.logit == pytest.approx(row, abs=1e-9)


def test_wording_evidence_points_at_the_words(synthetic) -> None:
    shrill = Document.from_text(
        "Wake up people. They are lying to you again and the media is silent!\n\n"
        "Share this before it gets deleted by the censors tonight!",
        title="You Will Not Believe This",
    )
    pred = synthetic["model"].predict(shrill)
    w = next(c for c in pred.explanation.contributions if c.feature == "wording")
    assert w.value < 0 and w.direction == "unreliable"
    assert w.evidence and "typical of unreliable" in w.reason
    for ev in w.evidence:
        assert shrill.field_text(ev.field)[ev.start : ev.end] == ev.text
    assert pred.reliability < 0.5


def test_prior_is_not_learnt_and_is_labelled(synthetic) -> None:
    stack: ReliabilityStack = synthetic["stack"]
    j = list(synthetic["names"]).index("readability.exclaim_per_sentence")
    assert stack.stacker.coef[1 + j] == 0.0  # left out of the learnt stacker
    shrill = Document.from_text("Stop! Look! Run! They lie! Again!")
    pred = synthetic["model"].predict(shrill)
    c = [
        c for c in pred.explanation.contributions if c.feature == "readability.exclaim_per_sentence"
    ]
    assert c and c[0].value == pytest.approx(-2.0) and not c[0].learnt
    assert "expert prior" in c[0].reason


def test_top_reasons_grouped_and_directions(synthetic) -> None:
    shrill = Document.from_text("Stop! Look! They are lying to you again and the media is silent!")
    e: Explanation = synthetic["model"].predict(shrill).explanation
    down = e.top_reasons(5, direction="unreliable")
    assert down and all(c.value < 0 for c in down)
    assert [abs(c.value) for c in down] == sorted((abs(c.value) for c in down), reverse=True)
    assert all(c.value > 0 for c in e.top_reasons(5, direction="reliable"))
    grouped = {c.feature: c.value for c in e.grouped()}
    assert grouped == pytest.approx(e.by_signal())
    assert sum(grouped.values()) + e.base == pytest.approx(e.logit, abs=1e-9)
    per = e.top_reasons(50, direction=None, grouped=False)
    assert {c.feature for c in per} <= {c.feature for c in e.contributions}
    with pytest.raises(ValueError):
        e.top_reasons(3, direction="sideways")
    d = e.to_dict()
    assert d["logit"] == e.logit and len(d["contributions"]) == len(e.contributions)


def test_top_reasons_equal_ranking_every_group() -> None:
    # top_reasons puts together only the groups it returns; the reference
    # ranks all of grouped(), as it did before
    def reference(e: Explanation, k: int, direction: str | None, min_value: float) -> tuple:
        cs = [c for c in e.grouped() if (
            c.value < 0 if direction == "unreliable" else c.value > 0 if direction == "reliable"
            else c.value != 0) and abs(c.value) >= min_value]
        return tuple(sorted(cs, key=lambda c: (-abs(c.value), c.feature))[: max(0, k)])

    texts = [
        "Stop! Look! They are lying to you again and the media is silent!",
        (
            "The council voted 5 to 2 on Tuesday, according to minutes published on its "
            "website. Reports suggest that up to 12,000 residents could potentially be affected."
        ),
        "Short.",
    ]
    from newsvet import api

    for text in texts:
        e: Explanation = api.score_text(text, title="Council and the harbour wall").explanation
        assert len(e.grouped()) >= 5  # the bundled model: most signals
        for direction in ("unreliable", "reliable", None):
            for k in (0, 1, 3, 100):
                for min_value in (0.0, 0.02, 0.5):
                    got = e.top_reasons(k, direction, min_value=min_value)
                    assert got == reference(e, k, direction, min_value)


def test_state_round_trip_gives_identical_scores(synthetic) -> None:
    stack: ReliabilityStack = synthetic["stack"]
    again = ReliabilityStack.from_state(stack.to_state())
    a = stack.predict_proba(synthetic["dense"], synthetic["counts"])
    b = again.predict_proba(synthetic["dense"], synthetic["counts"])
    assert np.array_equal(a, b)


@pytest.mark.parametrize("kind", ["platt", "isotonic"])
def test_calibration_is_monotone(kind: str) -> None:
    rng = np.random.default_rng(0)
    s = rng.normal(size=400)
    y = (rng.random(400) < 1 / (1 + np.exp(-2 * s))).astype(int)
    cal = _fit_calibrator(kind, s, y)
    grid = np.linspace(-6, 6, 200)
    p = cal(grid)
    assert np.all(np.diff(p) >= -1e-12)
    assert 0.0 <= p.min() and p.max() <= 1.0
    assert p[-1] > p[0]


def test_publisher_weights_balance_classes_and_shrink_big_outlets() -> None:
    g = np.array(["big"] * 8 + ["a", "b", "c", "d"])
    y = np.array([1] * 8 + [1, 0, 0, 0])
    w = publisher_weights(g, y)
    assert w[y == 1].sum() == pytest.approx(w[y == 0].sum())
    assert w[0] < w[8]  # an article of the big outlet weighs less


def test_grouped_folds_keep_publishers_together() -> None:
    g = np.repeat(np.arange(10), 5).astype(str)
    y = (np.repeat(np.arange(10), 5) < 6).astype(int)
    for tr, te in grouped_folds(y, g, n_splits=5, seed=0):
        assert not set(g[tr]) & set(g[te])


def test_ece_of_a_perfect_calibration_is_small() -> None:
    rng = np.random.default_rng(1)
    p = rng.random(20000)
    y = (rng.random(20000) < p).astype(int)
    assert expected_calibration_error(p, y) < 0.02
    assert expected_calibration_error(np.full(1000, 0.9), np.zeros(1000, int)) == pytest.approx(0.9)


def test_contribution_direction() -> None:
    c = Contribution("x.y", "x", 1.0, -0.5, "x")
    assert c.direction == "unreliable"
    assert c.to_dict()["direction"] == "unreliable"


def test_lazy_explanations_equal_the_eager_ones() -> None:
    # predict_many(lazy=True), what batch audits use: the reasons a row asks
    # for before any contribution is read, then everything, are the eager ones
    import copy
    import pickle

    from newsvet import api
    from newsvet.ingest import parse_text

    texts = [
        "Stop! Look! They are lying to you again and the media is silent!",
        (
            "The council voted 5 to 2 on Tuesday, according to minutes published on its "
            "website. Reports suggest that up to 12,000 residents could potentially be affected."
            "\n\nExperts believe the work might not finish, and some say costs may have doubled. "
            "It remains crucial to monitor the developments closely."
        ),
        "Short.",
    ]
    docs = [parse_text(t, title="Council and the harbour wall") for t in texts]
    model = api._default_model()
    sigs = [api.extract_signals(d) for d in docs]
    eager = model.predict_many(docs, sigs)
    args = [(k, d, m) for k in (0, 1, 3, 100) for d in ("unreliable", "reliable", None)
            for m in (0.0, 0.02, 0.5)]
    for i in range(len(docs)):
        e = eager[i].explanation
        lazy = model.predict_many(docs, sigs, lazy=True)[i]
        assert (lazy.reliability, lazy.logit) == (eager[i].reliability, eager[i].logit)
        le = lazy.explanation
        assert type(e) is Explanation and isinstance(le, Explanation) and type(le) is not Explanation
        for k, d, m in args:  # before the contributions are read
            assert le.top_reasons(k, d, min_value=m) == e.top_reasons(k, d, min_value=m)
        with pytest.raises(ValueError):
            le.top_reasons(3, direction="sideways")
        assert le.base == e.base and le.logit == e.logit
        assert le.contributions == e.contributions  # put together now
        assert le == e and e == le and hash(le) == hash(e)
        assert le.top_reasons(50, None, grouped=False) == e.top_reasons(50, None, grouped=False)
        assert le.grouped() == e.grouped() and le.to_dict() == e.to_dict() and le.check()
        for again in (pickle.loads(pickle.dumps(le)), copy.copy(le), copy.deepcopy(le)):
            assert type(again) is Explanation and again == e
    # read whole first, then the reasons
    le = model.predict_many(docs[1:2], sigs[1:2], lazy=True)[0].explanation
    assert le.contributions == eager[1].explanation.contributions
    assert le.top_reasons(3) == eager[1].explanation.top_reasons(3)
