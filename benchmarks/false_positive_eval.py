"""False positives of the shipped model on legitimate formats.

Scores every text of ``labelled/legit_formats`` (wire copy, opinion columns,
short briefs, press releases; all from legitimate outlets by construction,
see its README.md) with the shipped model through the public API
(:func:`newsvet.api.score_file`) and prints, per type:

- n, mean reliability;
- the share rated "unreliable" (reliability < ``newsvet.api.MIXED_AT``) and the
  share below 0.5;
- the features that push the type towards "unreliable" most on average
  (mean log-odds contribution over the type's items);
- the worst items, each with its reliability and its top reasons
  (signal, contribution, first quoted evidence) and strongest feature terms.

Every item is from the reliable class, so every "unreliable" is a false
positive. Deterministic (files are read in sorted order; the model has no
randomness at prediction time).

Usage (from the repository root)::

    python benchmarks/false_positive_eval.py [--dir labelled/legit_formats]
        [--limit N] [--worst 5] [--reasons 3] [--model PATH [--trust-model]] [--json]

``--limit N`` scores only the first N items of each type (for smoke tests);
``--json`` prints the figures as JSON instead of the text report.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsvet.api import MIXED_AT, Assessment, score_file

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "labelled" / "legit_formats"
#: the types, in report order (sub-directories of the set)
TYPES = ("wire", "opinion", "brief", "press_release")
#: the second cut reported besides the "unreliable" rating band
HALF = 0.5
EVIDENCE_CHARS = 90


def _items(root: Path, kind: str, limit: int | None) -> list[Path]:
    files = sorted((root / kind).glob("*.txt"))
    return files[:limit] if limit is not None else files


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 3] + "..."


def _reasons(a: Assessment, k: int) -> list[dict[str, Any]]:
    out = []
    for c in a.top_reasons(k, direction="unreliable"):
        ev = c.evidence[0] if c.evidence else None
        out.append(
            {
                "signal": c.signal or c.feature,
                "feature": c.feature,
                "contribution": round(float(c.value), 4),
                "evidence": _quote(ev.text) if ev is not None else None,
                "evidence_reason": ev.reason if ev is not None else None,
            }
        )
    return out


def _terms(a: Assessment, k: int) -> list[dict[str, Any]]:
    """The k most negative per-feature terms (feature value and contribution)."""
    neg = sorted((c for c in a.explanation.contributions if c.value < 0), key=lambda c: c.value)
    return [
        {
            "feature": c.feature,
            "value": None if c.feature_value is None else round(float(c.feature_value), 4),
            "contribution": round(float(c.value), 4),
        }
        for c in neg[:k]
    ]


def evaluate(
    root: Path = DEFAULT_DIR,
    *,
    limit: int | None = None,
    worst: int = 5,
    reasons: int = 3,
    model: Any = None,
) -> dict[str, Any]:
    """Score the set; the per-type figures as a JSON-ready dict."""
    report: dict[str, Any] = {"set": str(root), "unreliable_below": MIXED_AT, "types": {}}
    every: list[float] = []
    model_info = None
    for kind in TYPES:
        rows = []
        sums: dict[str, float] = defaultdict(float)
        for path in _items(root, kind, limit):
            a = score_file(path, model=model)
            model_info = a.model.to_dict()
            for c in a.explanation.contributions:
                sums[c.feature] += float(c.value)
            rows.append(
                {
                    "item": f"{kind}/{path.name}",
                    "title": a.document.title,
                    "words": a.document.word_count,
                    "reliability": round(a.reliability, 4),
                    "rating": a.rating,
                    "low_confidence": a.low_confidence,
                    "reasons": _reasons(a, reasons),
                    "terms": _terms(a, reasons),
                }
            )
        n = len(rows)
        rel = [r["reliability"] for r in rows]
        every.extend(rel)
        drivers = sorted(((f, s / n) for f, s in sums.items() if s < 0), key=lambda t: t[1]) if n else []
        report["types"][kind] = {
            "n": n,
            "mean_reliability": round(sum(rel) / n, 4) if n else None,
            "min_reliability": round(min(rel), 4) if n else None,
            "share_unreliable": round(sum(r < MIXED_AT for r in rel) / n, 4) if n else None,
            "share_below_half": round(sum(r < HALF for r in rel) / n, 4) if n else None,
            "drivers": [{"feature": f, "mean_contribution": round(v, 4)} for f, v in drivers[:5]],
            "worst": sorted(rows, key=lambda r: (r["reliability"], r["item"]))[:worst],
        }
    n = len(every)
    report["all"] = {
        "n": n,
        "mean_reliability": round(sum(every) / n, 4) if n else None,
        "share_unreliable": round(sum(r < MIXED_AT for r in every) / n, 4) if n else None,
        "share_below_half": round(sum(r < HALF for r in every) / n, 4) if n else None,
    }
    report["model"] = model_info
    return report


def render(report: dict[str, Any]) -> str:
    """The text report."""
    lines = []
    m = report.get("model") or {}
    lines.append(f"model {m.get('name')} {m.get('version')} sha256 {str(m.get('sha256'))[:12]}")
    lines.append(f"{'type':<14}{'n':>4}{'mean':>8}{'min':>8}{'unrel<0.4':>11}{'<0.5':>7}")
    for kind, t in report["types"].items():
        if not t["n"]:
            lines.append(f"{kind:<14}{0:>4}")
            continue
        lines.append(
            f"{kind:<14}{t['n']:>4}{t['mean_reliability']:>8.3f}{t['min_reliability']:>8.3f}"
            f"{t['share_unreliable']:>11.2f}{t['share_below_half']:>7.2f}"
        )
    a = report["all"]
    if a["n"]:
        lines.append(
            f"{'all':<14}{a['n']:>4}{a['mean_reliability']:>8.3f}{'':>8}"
            f"{a['share_unreliable']:>11.2f}{a['share_below_half']:>7.2f}"
        )
    for kind, t in report["types"].items():
        if not t["n"]:
            continue
        lines.append("")
        lines.append(f"== {kind}: features pushing towards unreliable (mean log-odds)")
        lines.append("   " + ", ".join(f"{d['feature']} {d['mean_contribution']:+.2f}" for d in t["drivers"]))
        lines.append(f"== {kind}: worst {len(t['worst'])}")
        for r in t["worst"]:
            lines.append(f"  {r['reliability']:.3f} {r['rating']:<10} {r['item']}  {r['title'][:60]}")
            for rs in r["reasons"]:
                ev = f' "{rs["evidence"]}"' if rs["evidence"] else ""
                lines.append(f"      {rs['contribution']:+.2f} {rs['signal']}{ev}")
            terms = ", ".join(
                f"{tm['feature']}={tm['value']} ({tm['contribution']:+.2f})" for tm in r["terms"]
            )
            lines.append(f"      terms: {terms}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--limit", type=int, default=None, help="items per type")
    ap.add_argument("--worst", type=int, default=5)
    ap.add_argument("--reasons", type=int, default=3)
    ap.add_argument("--model", default=None, help="a model file (default: the shipped model)")
    ap.add_argument(
        "--trust-model",
        action="store_true",
        help="load a --model file that is not in the shipped manifest (joblib files can run code)",
    )
    ap.add_argument("--json", action="store_true", help="print JSON instead of the text report")
    args = ap.parse_args(argv)
    model: Any = args.model
    if args.model and args.trust_model:
        from newsvet.model import load_model

        model = load_model(args.model, trust=True)
    report = evaluate(args.dir, limit=args.limit, worst=args.worst, reasons=args.reasons, model=model)
    if args.json:
        json.dump(report, sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
    else:
        print(render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
