"""evaluate(): grouped folds, leave-one-corpus-out, AI-rewrite set, false positives."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from model_synth import make_docs

from newsvet.errors import DataError
from newsvet.model.corpora import Article, read_corpus, sha256_file
from newsvet.model.evaluation import evaluate, render_evaluation
from newsvet.model.features import SignalFeaturizer, WordingHasher
from newsvet.model.labelled import LabelledData, _blank_unknown_fields


@pytest.fixture(scope="module")
def two_corpora(synthetic) -> LabelledData:
    docs_a, y_a, g_a = make_docs(72, seed=1)
    docs_b, y_b, g_b = make_docs(72, seed=2)
    docs_c, y_c, _ = make_docs(24, seed=3)
    docs = docs_a + docs_b + docs_c
    feat = SignalFeaturizer(signals=("readability",))
    dense = feat.transform(docs)
    counts = WordingHasher().transform(docs).astype(np.float64)
    ids = [f"a{i}" for i in range(72)] + [f"b{i}" for i in range(72)]
    ids += [f"human-{i}" if y else f"ai-{i}-rephrase_base" for i, y in enumerate(y_c)]
    corpus = ["ca"] * 72 + ["cb"] * 72 + ["rewrites"] * 24
    publisher = [f"A{g}" for g in g_a] + [f"B{g}" for g in g_b] + ["politics"] * 24
    manifest = {
        "corpora": [
            {"name": "ca", "role": "train"},
            {"name": "cb", "role": "train"},
            {"name": "rewrites", "role": "ai_rewrite"},
        ]
    }
    return LabelledData(
        ids=np.array(ids, dtype=object),
        corpus=np.array(corpus, dtype=object),
        publisher=np.array(publisher, dtype=object),
        y=np.concatenate([y_a, y_b, y_c]).astype(int),
        dense=dense,
        counts=counts.tocsr(),
        feature_names=tuple(feat.get_feature_names_out()),
        info={"data_hash": "test"},
        manifest=manifest,
    )


@pytest.fixture(scope="module")
def figures(two_corpora, synthetic) -> dict:
    return evaluate(data=two_corpora, folds=3, seed=0, config=synthetic["config"])


def test_grouped_folds_cover_only_training_corpora(figures) -> None:
    assert figures["setup"]["corpora"] == ["ca", "cb"]
    assert figures["setup"]["n_articles"] == 144
    # the synthetic classes are easy: a broken pipeline would sit near 0.5
    assert figures["model"]["pooled"]["roc_auc"] > 0.9
    assert set(figures["per_corpus"]) == {"ca", "cb"}


def test_leave_one_corpus_out_runs_both_ways_with_baselines(figures) -> None:
    rows = figures["leave_one_corpus_out"]
    assert {(r["train"], r["test"]) for r in rows} == {("ca", "cb"), ("cb", "ca")}
    for r in rows:
        assert r["model"]["n"] == 72
        for k in ("model", "signals_only", "tfidf_lr", "tfidf_lr_balanced"):
            assert 0.0 <= r[k]["roc_auc"] <= 1.0


def test_ai_rewrite_section(figures) -> None:
    ai = figures["ai_rewrite"]
    m = ai["model"]
    assert m["human"]["n"] + m["rewrite"]["n"] == 24
    assert set(m["by_variant"]) == {"human", "rephrase_base"}
    assert m["by_variant"]["human"]["n"] == m["human"]["n"]
    # the synthetic "rewrites" are the shrill documents: rated lower
    assert m["roc_auc"] > 0.8
    assert m["human"]["mean_reliability"] > m["rewrite"]["mean_reliability"]


def test_false_positives_list_the_lowest_reliable_articles(figures, two_corpora) -> None:
    fp = figures["false_positives"]
    assert fp["all"]["n"] == int(two_corpora.y[:144].sum())
    worst = [w["reliability"] for w in fp["worst"]]
    assert worst == sorted(worst)
    ids = set(two_corpora.ids[:144][two_corpora.y[:144] == 1])
    assert all(w["id"] in ids for w in fp["worst"])


def test_render_has_every_section(figures) -> None:
    md = render_evaluation(figures)
    for heading in (
        "Leave one corpus out",
        "AI-rewrite set",
        "False positives on the reliable class",
        "Reliability diagram",
        "TF-IDF + LR baseline",
    ):
        assert heading in md
    assert "| ca -> cb |" in md and "| cb -> ca |" in md


def test_jsonl_corpus_reads_labels_per_file(tmp_path: Path) -> None:
    folder = tmp_path / "pairs"
    folder.mkdir()
    (folder / "human.jsonl").write_text(
        json.dumps({"t": "Budget passes", "x": "The council passed the budget.", "c": "politics"})
        + "\n\n",
        encoding="utf-8",
    )
    (folder / "ai.jsonl").write_text(
        json.dumps(
            {
                "t": "Budget",
                "x": "In a landmark move, the budget passed.",
                "c": "politics",
                "s": "rephrase_base",
            }
        )
        + "\n"
        + json.dumps({"t": "Empty", "x": "  ", "c": "crime", "s": "x"})
        + "\n",
        encoding="utf-8",
    )
    spec = {
        "name": "pairs",
        "format": "jsonl",
        "files": {"human.jsonl": 1, "ai.jsonl": 0},
        "columns": {"title": "t", "body": "x", "group": "c", "variant": "s"},
    }
    arts = list(read_corpus(folder, spec))
    assert [(a.id, a.label, a.publisher) for a in arts] == [
        ("human-0", 1, "politics"),
        ("ai-0-rephrase_base", 0, "politics"),
    ]
    before = sha256_file(folder)
    (folder / "ai.jsonl").write_text("{}\n", encoding="utf-8")
    assert sha256_file(folder) != before
    (folder / "ai.jsonl").write_text("not json\n", encoding="utf-8")
    with pytest.raises(DataError, match="not JSON"):
        list(read_corpus(folder, spec))


def test_unknown_fields_blank_only_their_corpus_and_feature() -> None:
    names = ("sourcing.has_byline", "sourcing.has_date", "readability.words_log")
    dense = np.ones((3, 3))
    arts = [Article(str(i), c, "p", 1, "t", "b") for i, c in enumerate(("x", "y", "x"))]
    _blank_unknown_fields(dense, arts, {"x": frozenset({"author"}), "y": frozenset()}, names)
    assert np.isnan(dense[[0, 2], 0]).all()
    assert not np.isnan(dense[1]).any() and not np.isnan(dense[:, 1:]).any()


def test_train_corpora_override(two_corpora, synthetic) -> None:
    f = evaluate(
        data=two_corpora,
        folds=3,
        seed=0,
        config=synthetic["config"],
        train_corpora=["ca"],
        cross_corpus=False,
    )
    assert f["setup"]["corpora"] == ["ca"] and f["setup"]["n_articles"] == 72
    assert f["external"]["corpora"] == ["cb"]
    with pytest.raises(DataError, match="unknown corpora"):
        evaluate(data=two_corpora, config=synthetic["config"], train_corpora=["nope"])


def test_evaluation_columns_are_read_written_and_joined(tmp_path: Path) -> None:
    from newsvet.model.labelled import _write_evaluation_labels, read_evaluation_labels

    path = tmp_path / "c.csv"
    path.write_text(
        "xml,portal,orientation,veracity,text\n"
        "1.xml,p1,mainstream,mostly true,The council passed the budget on Tuesday.\n"
        "2.xml,p2,right,mostly false,They do not want you to know this.\n",
        encoding="utf-8",
    )
    spec = {
        "name": "c",
        "columns": {"id": "xml", "body": "text", "group": "portal", "label": "orientation"},
        "label_mapping": {"mainstream": 1, "right": 0},
        "evaluation_columns": {"veracity": "veracity"},
    }
    arts = list(read_corpus(path, spec))
    assert [a.extra for a in arts] == [(("veracity", "mostly true"),), (("veracity", "mostly false"),)]
    _write_evaluation_labels(tmp_path / "evaluation_labels.csv", arts)
    assert read_evaluation_labels(tmp_path, "veracity") == {
        ("c", "1.xml"): "mostly true",
        ("c", "2.xml"): "mostly false",
    }
    assert read_evaluation_labels(tmp_path, "other") == {}
    assert read_evaluation_labels(tmp_path / "nowhere", "veracity") == {}
    with pytest.raises(DataError, match="missing columns"):
        list(read_corpus(path, {**spec, "evaluation_columns": {"veracity": "nope"}}))


def test_veracity_figures_per_class_and_auc(two_corpora) -> None:
    from newsvet.model.evaluation import _veracity

    d = two_corpora.subset(np.arange(8))
    labels = {("ca", f"a{i}"): v for i, v in enumerate(
        ["mostly true", "mostly true", "mostly false", "mixture of true and false",
         "mostly true", "mostly false", "no factual content", "mostly true"]
    )}  # fmt: skip
    p = np.array([0.9, 0.8, 0.1, 0.85, 0.3, 0.2, 0.5, 0.7])
    out = _veracity(d, labels, {"model": p, "tfidf_lr_balanced": 1 - p})
    m = out["model"]
    assert out["n"] == 8
    assert list(m["by_class"]) == [
        "mostly true", "mixture of true and false", "mostly false", "no factual content"
    ]  # fmt: skip
    assert m["by_class"]["mostly true"]["n"] == 4
    assert m["by_class"]["mostly true"]["mean_reliability"] == pytest.approx(0.675)
    assert m["by_class"]["mostly true"]["share_unreliable"] == pytest.approx(0.25)
    # true (0.9, 0.8, 0.3, 0.7) against false (0.1, 0.2): every pair ordered
    assert m["roc_auc"]["true_vs_false"] == pytest.approx(1.0)
    # ... and against the mixture at 0.85: 0.9 beats it, 0.8, 0.3, 0.7 do not
    assert m["roc_auc"]["true_vs_false_or_mixed"] == pytest.approx(9 / 12)
    assert out["tfidf_lr_balanced"]["roc_auc"]["true_vs_false"] == pytest.approx(0.0)
    assert _veracity(d, {}, {"model": p}) is None
