"""Sentence-level precision/recall of the unattributed_figures signal.

Data: ``labelled/unattributed_figures_sentences.csv`` (written and labelled by
the newsvet team, see ``labelled/unattributed_figures_GUIDELINES.md``). Columns
``id, sentence, label, category, context, note``; label 1 = the sentence has a
figure presented as fact with no source or only a vague one.

Decision rule. For each row the body is ``context + " " + sentence`` (one
paragraph, so the signal's previous-sentence rule can apply) or the sentence
alone, read with ``Document.from_text``. The registered signal
(``REGISTRY["unattributed_figures"]``, default options) is run on it, and the
sentence is predicted positive when at least one evidence span in ``body``
overlaps the sentence's own span and is a weak-figure flag: its reason starts
with ``figure "`` (the signal writes ``figure "..." has no source`` for an
unattributed figure and ``figure "..." attributed only to vague "..."`` for a
vaguely attributed one). Conflict evidence (``... given as N here but M
elsewhere``) is about disagreement, not sourcing, and is not counted; evidence
inside the context sentence is not counted either. The score and values are
not used: the flags are what a reader sees.

Printed: precision, recall, F1, accuracy and the confusion counts; per category
the number of rows, how many were flagged, and recall (positive categories) or
false-positive rate (negative categories). ``--errors`` lists every false
positive and false negative with the signal's reasons; ``--json`` prints the
same figures as JSON. Deterministic: no randomness, no network.

Usage (from the repository root)::

    python benchmarks/unattributed_figures_eval.py [--file PATH] [--errors] [--json] [--limit N]

``--file`` (alias ``--csv``) reads another CSV with the same columns, e.g. the
held-out set ``labelled/unattributed_figures_sentences_heldout.csv`` (written
after the error analysis of the main set, before the fixes for it) or the second
held-out set ``labelled/unattributed_figures_sentences_heldout2.csv`` (written
before the second round of fixes, weighted towards its error classes).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from newsvet.ingest.document import Document
from newsvet.signals import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT / "labelled" / "unattributed_figures_sentences.csv"
FLAG_PREFIX = 'figure "'
COLUMNS = ("id", "sentence", "label", "category", "context", "note")


def load(path: Path = DEFAULT_CSV) -> list[dict[str, str]]:
    """The rows of the labelled CSV, in file order."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def predict(sentence: str, context: str = "") -> tuple[bool, list[str]]:
    """Whether the signal flags a weak figure in ``sentence`` (read after
    ``context``), and the reasons of the flags that overlap it."""
    body = f"{context} {sentence}" if context else sentence
    doc = Document.from_text(body)
    text = doc.field_text("body")
    start = text.rfind(sentence)
    if start < 0:  # pragma: no cover - from_text keeps single-line text as is
        start = len(text) - len(sentence)
    end = start + len(sentence)
    m = REGISTRY["unattributed_figures"](doc)
    reasons = [
        e.reason
        for e in m.evidence
        if e.field == "body" and e.reason.startswith(FLAG_PREFIX) and e.start < end and e.end > start
    ]
    return bool(reasons), reasons


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def evaluate(rows: list[dict[str, str]]) -> dict[str, Any]:
    """Confusion counts, precision/recall/F1 and per-category figures."""
    tp = fp = tn = fn = 0
    cats: dict[str, dict[str, int]] = {}
    errors: list[dict[str, Any]] = []
    for r in rows:
        y = int(r["label"])
        pred, reasons = predict(r["sentence"], r.get("context") or "")
        c = cats.setdefault(r["category"], {"label": y, "n": 0, "flagged": 0})
        c["n"] += 1
        c["flagged"] += int(pred)
        if y and pred:
            tp += 1
        elif y:
            fn += 1
        elif pred:
            fp += 1
        else:
            tn += 1
        if bool(y) != pred:
            errors.append({
                "id": r["id"], "kind": "FN" if y else "FP", "category": r["category"],
                "sentence": r["sentence"], "context": r.get("context") or "",
                "reasons": reasons,
            })
    p = _ratio(tp, tp + fp)
    rec = _ratio(tp, tp + fn)
    f1 = 2 * p * rec / (p + rec) if p is not None and rec is not None and p + rec else None
    per_cat = {
        k: {
            "label": v["label"], "n": v["n"], "flagged": v["flagged"],
            ("recall" if v["label"] else "false_positive_rate"): v["flagged"] / v["n"],
        }
        for k, v in sorted(cats.items(), key=lambda kv: (-kv[1]["label"], kv[0]))
    }
    return {
        "rows": len(rows), "positives": tp + fn, "negatives": tn + fp,
        "tp": tp, "fp": fp, "tn": tn, "fn": fn,
        "precision": p, "recall": rec, "f1": f1,
        "accuracy": _ratio(tp + tn, len(rows)),
        "categories": per_cat, "errors": errors,
    }


def _fmt(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", "--file", dest="csv", type=Path, default=DEFAULT_CSV,
                    help="labelled CSV (default: %(default)s); e.g. "
                         "labelled/unattributed_figures_sentences_heldout.csv or "
                         "labelled/unattributed_figures_sentences_heldout2.csv")
    ap.add_argument("--errors", action="store_true", help="list false positives and negatives")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--limit", type=int, default=None, help="only the first N rows")
    args = ap.parse_args(argv)
    rows = load(args.csv)[: args.limit]
    res = evaluate(rows)
    if args.json:
        if not args.errors:
            res = {k: v for k, v in res.items() if k != "errors"}
        print(json.dumps(res, indent=2, ensure_ascii=False))
        return 0
    print(f"{res['rows']} sentences ({res['positives']} positive, {res['negatives']} negative)")
    print(f"precision {_fmt(res['precision'])}  recall {_fmt(res['recall'])}  "
          f"F1 {_fmt(res['f1'])}  accuracy {_fmt(res['accuracy'])}")
    print(f"TP {res['tp']}  FP {res['fp']}  TN {res['tn']}  FN {res['fn']}")
    print("\ncategory              label    n  flagged  recall/FPR")
    for k, v in res["categories"].items():
        rate = v.get("recall", v.get("false_positive_rate"))
        name = "recall" if v["label"] else "FPR"
        print(f"{k:<21} {v['label']:>5} {v['n']:>4} {v['flagged']:>8}  {name} {rate:.2f}")
    if args.errors:
        print("\nerrors:")
        for e in res["errors"]:
            ctx = f"  [context: {e['context']}]" if e["context"] else ""
            print(f"{e['kind']} {e['id']} ({e['category']}): {e['sentence']}{ctx}")
            for reason in e["reasons"]:
                print(f"      -> {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
