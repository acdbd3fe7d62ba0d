"""``labelled/``: the training tables, built once from the corpora.

:func:`build_labelled` reads the corpora named in the manifest (paths relative
to a data root, ``../shared`` by default), cleans every article
(:func:`newsvet.model.corpora.clean_article`), runs the registered signals and
the wording hasher on it, and writes:

- ``manifest.json``: the corpora (path, sha256 of the source file, label
  mapping, licence, grouping column) and how the tables were made;
- ``articles.csv.gz``: per article ``id, corpus, publisher, label`` and one
  column per signal feature (empty = not measurable);
- ``wording_counts.npz``: hashed word unigram/bigram counts (scipy sparse,
  one row per article, same order), columns seen in fewer than two articles
  dropped (they can never be used: training keeps columns with df >= 2);
- ``build_info.json``: versions of newsvet, the signals and the hasher, and
  the sha256 of each table.

No article text is stored. :func:`load_labelled` reads the tables back, so
training and evaluation work from ``labelled/`` alone.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from .._version import __version__
from ..errors import DataError
from ..ingest.document import Document, Metadata
from ..signals.base import REGISTRY
from .corpora import (
    Article,
    clean_article,
    read_corpus,
    repair_mojibake,
    repeated_lines,
    sha256_file,
)
from .estimators import SignalFeaturizer, WordingHasher
from .features import N_FEATURES

__all__ = [
    "DEFAULT_MANIFEST",
    "LabelledData",
    "build_labelled",
    "load_labelled",
    "training_document",
]

logger = logging.getLogger("newsvet.model.labelled")

CLEANING_VERSION = "1"

#: the corpora used by default (the manifest written to labelled/)
DEFAULT_MANIFEST: dict[str, Any] = {
    "format": "newsvet-labelled",
    "format_version": 1,
    "data_root_default": "../shared",
    "corpora": [
        {
            "name": "recovery",
            "path": "corpora/recovery/recovery_train.csv",
            "sha256": None,
            "format": "csv",
            "columns": {
                "id": "news_id",
                "title": "title",
                "body": "body_text",
                "group": "publisher",
                "label": "reliability",
                "author": "author",
                "date": "publish_date",
            },
            "role": "train",
            "label_mapping": {"1": 1, "1.0": 1, "0": 0, "0.0": 0},
            "label_meaning": "1 = publisher rated reliable, 0 = unreliable (NewsGuard + MBFC, per publisher)",
            "grouping": "publisher",
            "licence": "CC BY-NC-SA 4.0 (ReCOVery, Zhou et al., CIKM 2020)",
        },
        {
            "name": "buzzfeed_webis2016",
            "path": "corpora/buzzfeed_webis2016/buzzfeed_webis2016.csv",
            "sha256": None,
            "format": "csv",
            "columns": {
                "id": "xml",
                "title": "title",
                "body": "text",
                "group": "portal",
                "label": "orientation",
                "author": "author",
            },
            "role": "train",
            "role_note": "trained on together with ReCOVery (the issue's setup); hyperpartisan is "
            "not the same label as unreliable, so the tree stacker is held to the directions of "
            "monotone-v2.json (see docs/model.md)",
            "evaluation_columns": {"veracity": "veracity"},
            "evaluation_note": "the per-article fact-check rating is kept for evaluation only "
            "(labelled/evaluation_labels.csv), never trained on",
            "unknown_fields": ["author", "date"],
            "unknown_fields_note": "the author field is missing for half the mainstream "
            "articles (a scraping artefact) and there is no date column, so the features "
            "read from them are left unmeasured (NaN) for this corpus",
            "label_mapping": {"mainstream": 1, "left": 0, "right": 0},
            "label_meaning": "1 = mainstream portal, 0 = hyperpartisan portal (per portal)",
            "grouping": "portal",
            "licence": "BuzzFeed-Webis Fake News Corpus 2016 (Potthast et al., ACL 2018); "
            "terms as stated by the corpus authors",
        },
        {
            "name": "human_vs_ai_news",
            "path": "corpora/human_vs_ai_news",
            "sha256": None,
            "format": "jsonl",
            "files": {"human.jsonl": 1, "ai.jsonl": 0},
            "columns": {
                "title": "title_en",
                "body": "text",
                "group": "category",
                "variant": "source",
            },
            "role": "ai_rewrite",
            "role_note": "never trained on: the model's ratings of human news and of GPT-3.5 "
            "rewrites of the same stories are compared (newsvet evaluate)",
            "unknown_fields": ["author", "date"],
            "unknown_fields_note": "the corpus's author field says 'human' or 'ChatGPT' (the "
            "label itself), so authors and dates are left unmeasured",
            "label_mapping": {},
            "label_meaning": "1 = human-written news as published, 0 = a GPT-3.5 rewrite or "
            "generation of it (4 prompt styles)",
            "grouping": "category",
            "licence": "Mindner et al. 2023, no licence stated: research use",
        },
    ],
}

_ID_COLS = ("id", "corpus", "publisher", "label")

#: features read from document metadata, by the corpus field they come from;
#: a corpus that lists the field in ``unknown_fields`` gets NaN there
_FIELD_FEATURES = {
    "author": ("sourcing.has_byline",),
    "date": ("sourcing.has_date",),
}


@dataclass
class LabelledData:
    ids: np.ndarray
    corpus: np.ndarray
    publisher: np.ndarray
    y: np.ndarray
    dense: np.ndarray
    counts: sp.csr_matrix
    feature_names: tuple[str, ...]
    info: dict[str, Any]
    manifest: dict[str, Any]

    @property
    def data_hash(self) -> str:
        return str(self.info.get("data_hash", ""))

    def roles(self) -> np.ndarray:
        """Per row: the corpus's role in the manifest ("train" or "external")."""
        role = {c["name"]: c.get("role", "train") for c in self.manifest.get("corpora", [])}
        return np.array([role.get(c, "train") for c in self.corpus], dtype=object)

    @property
    def train_mask(self) -> np.ndarray:
        return self.roles() == "train"

    def subset(self, idx: np.ndarray) -> LabelledData:
        return LabelledData(
            self.ids[idx],
            self.corpus[idx],
            self.publisher[idx],
            self.y[idx],
            self.dense[idx],
            self.counts[idx],
            self.feature_names,
            self.info,
            self.manifest,
        )


def training_document(
    title: str, body: str, *, author: str | None = None, published: str | None = None
) -> Document:
    """The Document a cleaned training article becomes (one paragraph per line).

    The corpora's author and date fields become metadata, as HTML ingest
    would find them on a page.
    """
    paragraphs = tuple(p.strip() for p in body.split("\n") if p.strip())
    page = f"{title}\n\n{body}" if title else body
    return Document(
        title=title,
        paragraphs=paragraphs,
        page=page,
        metadata=Metadata(
            language="en", source_type="text", author=author, published=_parse_date(published)
        ),
    )


def _parse_date(s: str | None) -> datetime | None:
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.strip())
    except ValueError:
        return None


def _read_manifest(out_dir: Path) -> dict[str, Any]:
    p = out_dir / "manifest.json"
    if p.is_file():
        try:
            return json.loads(p.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataError(f"{p}: not valid JSON ({exc})") from exc
    return json.loads(json.dumps(DEFAULT_MANIFEST))


def _signal_versions() -> dict[str, str]:
    return {n: s.version for n, s in REGISTRY.items()}


def _sha256_bytes(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def build_labelled(
    data_root: str | Path = "../shared",
    out_dir: str | Path = "labelled",
    *,
    corpora: Sequence[str] | None = None,
    n_jobs: int = 1,
) -> dict[str, Any]:
    """Build ``labelled/`` from the corpora; returns a short summary.

    ``corpora`` restricts the build to some of the manifest's corpora (by
    name). A manifest already in ``out_dir`` is reused (its corpora list
    wins); a sha256 recorded there must match the source file.
    """
    data_root = Path(data_root)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(out_dir)
    specs = [c for c in manifest["corpora"] if corpora is None or c["name"] in corpora]
    if not specs:
        raise DataError("no corpora selected")

    t0 = time.perf_counter()
    articles: list[Article] = []
    for spec in specs:
        path = data_root / spec["path"]
        if not path.exists():
            raise DataError(f"corpus {spec['name']!r} not found at {path} (pass the data root)")
        digest = sha256_file(path)
        if spec.get("sha256") and spec["sha256"] != digest:
            raise DataError(
                f"corpus {spec['name']!r} at {path} has sha256 {digest}, the manifest says "
                f"{spec['sha256']}: the source changed; check it and update the manifest"
            )
        spec["sha256"] = digest
        rows = list(read_corpus(path, spec))
        # page furniture an outlet repeats (found per corpus, by publisher)
        drop = repeated_lines((a.publisher, repair_mojibake(a.body)) for a in rows)
        n_before = len(rows)
        for a in rows:
            body = clean_article(a.body, drop_lines=drop)
            if len(body.split()) < 20:
                continue
            articles.append(
                Article(
                    a.id,
                    a.corpus,
                    a.publisher,
                    a.label,
                    clean_article(a.title),
                    body,
                    a.author,
                    a.published,
                    a.extra,
                )
            )
        spec["rows_used"] = sum(1 for a in articles if a.corpus == spec["name"])
        spec["rows_dropped_short"] = n_before - spec["rows_used"]
        logger.info("%s: %d articles", spec["name"], spec["rows_used"])

    unknown = {
        spec["name"]: frozenset(spec.get("unknown_fields", ())) for spec in manifest["corpora"]
    }
    docs = [
        training_document(
            a.title,
            a.body,
            author=None if "author" in unknown.get(a.corpus, ()) else a.author,
            published=None if "date" in unknown.get(a.corpus, ()) else a.published,
        )
        for a in articles
    ]
    featurizer = SignalFeaturizer()
    feature_names = [str(f) for f in featurizer.get_feature_names_out()]
    if n_jobs != 1:
        from joblib import Parallel, delayed

        chunks = [docs[i : i + 200] for i in range(0, len(docs), 200)]
        parts = Parallel(n_jobs=n_jobs)(delayed(featurizer.transform)(c) for c in chunks)
        dense = np.vstack(parts) if parts else np.zeros((0, len(feature_names)))
    else:
        dense = featurizer.transform(docs)
    _blank_unknown_fields(dense, articles, unknown, feature_names)
    counts = WordingHasher().transform(docs)
    counts.data = np.minimum(counts.data, 65535)
    df = np.bincount(counts.indices, minlength=N_FEATURES)
    rare = np.flatnonzero(df < 2)
    if len(rare):
        counts.data[np.isin(counts.indices, rare)] = 0
        counts.eliminate_zeros()
    counts = sp.csr_matrix(counts, dtype=np.uint16)

    # ---- write the tables
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([*_ID_COLS, *feature_names])
    for a, row in zip(articles, dense):
        w.writerow(
            [
                a.id,
                a.corpus,
                a.publisher,
                a.label,
                *("" if math.isnan(v) else repr(float(v)) for v in row),
            ]
        )
    table = buf.getvalue().encode("utf-8")
    with gzip.GzipFile(out_dir / "articles.csv.gz", "wb", mtime=0) as fh:
        fh.write(table)
    sp.save_npz(out_dir / "wording_counts.npz", counts, compressed=True)
    _write_evaluation_labels(out_dir / EVALUATION_LABELS, articles)

    table_hash = _sha256_bytes(table)
    counts_hash = _sha256_bytes(
        counts.indptr.tobytes() + counts.indices.tobytes() + counts.data.tobytes()
    )
    manifest["cleaning"] = {
        "function": "newsvet.model.corpora.clean_article",
        "version": CLEANING_VERSION,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    info = {
        "newsvet_version": __version__,
        "signal_versions": _signal_versions(),
        "feature_names": feature_names,
        "hasher": {
            "n_features": N_FEATURES,
            "ngram_range": [1, 2],
            "tokens": "newsvet.model.features.document_ngrams (body + 'title:' n-grams; "
            "capitalised words inside sentences and numbers left out)",
            "min_df_stored": 2,
        },
        "rows": len(articles),
        "table_sha256": table_hash,
        "counts_sha256": counts_hash,
        "data_hash": _sha256_bytes((table_hash + counts_hash).encode()),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    (out_dir / "build_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    by_corpus: dict[str, dict[str, int]] = {}
    for a in articles:
        d = by_corpus.setdefault(a.corpus, {"articles": 0, "reliable": 0, "publishers": 0})
        d["articles"] += 1
        d["reliable"] += a.label
    for name, d in by_corpus.items():
        d["publishers"] = len({a.publisher for a in articles if a.corpus == name})
    return {
        "rows": len(articles),
        "features": len(feature_names),
        "corpora": by_corpus,
        "seconds": info["seconds"],
    }


#: labels kept for evaluation only (the manifest's ``evaluation_columns``)
EVALUATION_LABELS = "evaluation_labels.csv"


def _write_evaluation_labels(path: Path, articles: Sequence[Article]) -> None:
    rows = [(a.corpus, a.id, k, v) for a in articles for k, v in a.extra]
    if not rows:
        path.unlink(missing_ok=True)
        return
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["corpus", "id", "name", "value"])
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def read_evaluation_labels(labelled_dir: str | Path, name: str) -> dict[tuple[str, str], str]:
    """``(corpus, id) -> value`` of one evaluation-only label (empty when absent)."""
    path = Path(labelled_dir) / EVALUATION_LABELS
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {(r["corpus"], r["id"]): r["value"] for r in csv.DictReader(fh) if r["name"] == name}


def _blank_unknown_fields(
    dense: np.ndarray,
    articles: Sequence[Article],
    unknown: dict[str, frozenset[str]],
    feature_names: Sequence[str],
) -> None:
    """NaN where a feature reads a metadata field its corpus does not carry reliably."""
    corpus = np.array([a.corpus for a in articles], dtype=object)
    for name, fields in unknown.items():
        rows = corpus == name
        for f in fields:
            for feat in _FIELD_FEATURES.get(f, ()):
                if feat in feature_names:
                    dense[rows, list(feature_names).index(feat)] = np.nan


def load_labelled(labelled_dir: str | Path, *, check_signals: bool = True) -> LabelledData:
    """Read the tables written by :func:`build_labelled`."""
    d = Path(labelled_dir)
    need = ["manifest.json", "build_info.json", "articles.csv.gz", "wording_counts.npz"]
    missing = [n for n in need if not (d / n).is_file()]
    if missing:
        raise DataError(f"{d}: missing {', '.join(missing)} (run: newsvet labelled build)")
    info = json.loads((d / "build_info.json").read_text(encoding="utf-8"))
    manifest = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    with gzip.open(d / "articles.csv.gz", "rb") as fh:
        raw = fh.read()
    if _sha256_bytes(raw) != info.get("table_sha256"):
        raise DataError(f"{d}/articles.csv.gz does not match build_info.json (rebuild labelled/)")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    header, body = rows[0], rows[1:]
    if tuple(header[:4]) != _ID_COLS:
        raise DataError(f"{d}/articles.csv.gz: unexpected header")
    feature_names = tuple(header[4:])
    dense = np.array(
        [[float(v) if v != "" else np.nan for v in r[4:]] for r in body], dtype=float
    ).reshape(len(body), len(feature_names))
    counts = sp.load_npz(d / "wording_counts.npz").tocsr()
    if counts.shape[0] != len(body):
        raise DataError(f"{d}: tables disagree on the number of articles")
    if check_signals:
        current = _signal_versions()
        built = info.get("signal_versions", {})
        changed = sorted(n for n in built if n in current and current[n] != built[n])
        gone = sorted(n for n in built if n not in current)
        new = sorted(n for n in current if n not in built)
        if changed or gone or new:
            raise DataError(
                f"{d} was built with other signals (changed: {changed}, removed: {gone}, "
                f"new: {new}); rebuild it: newsvet labelled build"
            )
    return LabelledData(
        ids=np.array([r[0] for r in body], dtype=object),
        corpus=np.array([r[1] for r in body], dtype=object),
        publisher=np.array([r[2] for r in body], dtype=object),
        y=np.array([int(r[3]) for r in body], dtype=int),
        dense=dense,
        counts=sp.csr_matrix(counts, dtype=np.float64),
        feature_names=feature_names,
        info=info,
        manifest=manifest,
    )
