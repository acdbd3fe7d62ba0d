"""Real web pages against their outlets' ratings: the model on HTML it never saw.

The model is trained on bare article texts (ReCOVery, BuzzFeed-Webis). This
scores the 181 saved pages of ../shared/extraction/article_extraction_benchmark
(real HTML, with navigation, footers and link boxes, from 100+ sites; their
URLs are in ground-truth.json) and sets the reliability beside the domain's
quality rating in ../shared/signals/domains/lin2023_domain_ratings.csv (``pc1``,
0-1, Lin et al. 2023), for the pages whose domain is rated.

The ratings are per outlet and the pages are not all news (reviews, guides,
blog posts), so this is a check of direction and of false alarms on reputable
outlets, not an accuracy figure. Printed: Spearman's rho, ROC AUC of
reliability for outlets rated >= 0.7 against the rest, and the mean
reliability and share rated unreliable (< 0.4) by rating band; with
``--terms``, the model's mean term per feature on pages of outlets rated
>= 0.8 and < 0.5.

    python benchmarks/html_ratings_eval.py [--data-root ../shared] [--terms]
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from newsvet import api
from newsvet.ingest.text import domain_of
from newsvet.report.summary import load_ratings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-root", default=str(ROOT.parent / "shared"))
    ap.add_argument("--terms", action="store_true", help="mean model term per feature by rating band")
    args = ap.parse_args()
    root = Path(args.data_root)
    bench = root / "extraction" / "article_extraction_benchmark"
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    ratings = load_ratings(root / "signals" / "domains" / "lin2023_domain_ratings.csv", column="pc1")
    rel, pc1 = [], []
    terms: dict[str, dict[str, float]] = {"high": defaultdict(float), "low": defaultdict(float)}
    counts = {"high": 0, "low": 0}
    errors: list[str] = []
    for key, item in sorted(truth.items()):
        url = item.get("url")
        rating = ratings.lookup(domain_of(url))
        if rating is None:
            continue
        try:
            a = api.score_html(gzip.decompress((bench / "html" / f"{key}.html.gz").read_bytes()), url=url)
        except Exception as err:  # noqa: BLE001 - a page that cannot be scored is counted, not fatal
            errors.append(f"{key[:12]}: {err}")
            continue
        rel.append(a.reliability)
        pc1.append(float(rating))
        band = "high" if float(rating) >= 0.8 else "low" if float(rating) < 0.5 else None
        if band and args.terms:
            counts[band] += 1
            for c in a.explanation.contributions:
                terms[band][c.feature] += c.value
    if not rel:
        raise SystemExit(f"no page could be scored: {errors[:1]}")
    r, p = np.array(rel), np.array(pc1)
    rho = spearmanr(r, p)
    print(f"{len(r)} pages of rated outlets ({len(errors)} could not be scored); "
          f"Spearman rho {rho.statistic:.3f} (p {rho.pvalue:.3f}); "
          f"ROC AUC, outlets rated >= 0.7 vs below: {roc_auc_score(p >= 0.7, r):.3f}")
    for lo, hi in ((0.8, 1.01), (0.7, 0.8), (0.5, 0.7), (0.0, 0.5)):
        m = (p >= lo) & (p < hi)
        if m.any():
            print(f"  outlet rating {lo:.1f}-{min(hi, 1.0):.1f}: {int(m.sum()):3d} pages, mean reliability "
                  f"{r[m].mean():.3f}, rated unreliable {np.mean(r[m] < 0.4):.0%}")
    for e in errors[:5]:
        print(f"  not scored: {e}")
    if args.terms:
        for band, label in (("high", ">= 0.8"), ("low", "< 0.5")):
            n = max(counts[band], 1)
            print(f"mean term per feature, outlets rated {label} ({counts[band]} pages), most negative first:")
            for f, v in sorted(terms[band].items(), key=lambda kv: kv[1])[:8]:
                print(f"  {f:48s} {v / n:+.3f}")


if __name__ == "__main__":
    main()
