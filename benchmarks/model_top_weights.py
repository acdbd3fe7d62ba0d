"""The wording model's strongest n-grams, and a check for leaked outlet names.

The wording features are hashed, so the n-grams are recovered from the
training corpora: every n-gram of the cleaned training articles is hashed and
looked up in the model. Run from the repository root:

    python benchmarks/model_top_weights.py [--data-root ../shared] [--top 40]

Prints a markdown report (top n-grams each way, and any n-gram among the
top 500 each way that contains a publisher name or alias from
``newsvet.model.corpora.PUBLISHER_NAMES``, or looks like a domain).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import numpy as np

from newsvet.model import load_model
from newsvet.model.corpora import (
    PUBLISHER_NAMES,
    clean_article,
    read_corpus,
    repair_mojibake,
    repeated_lines,
)
from newsvet.model.features import document_ngrams, hash_ngrams
from newsvet.model.labelled import DEFAULT_MANIFEST, training_document


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-root", default="../shared")
    ap.add_argument("--model", default=None)
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    model = load_model(args.model, trust=args.model is not None)
    df: Counter[str] = Counter()
    for spec in DEFAULT_MANIFEST["corpora"]:
        if spec.get("role", "train") != "train":
            continue
        rows = list(read_corpus(Path(args.data_root) / spec["path"], spec))
        drop = repeated_lines((a.publisher, repair_mojibake(a.body)) for a in rows)
        for a in rows:
            doc = training_document(clean_article(a.title), clean_article(a.body, drop_lines=drop))
            df.update(set(document_ngrams(doc)))
    grams = [g for g, c in df.items() if c >= 2]
    cols = hash_ngrams(grams, len(model.stack.lexical.idf))
    lx = model.stack.lexical
    w = model.stack.wording_scale * lx.coef[cols] * lx.idf[cols]
    order = np.argsort(w)
    names = {n.lower() for n in PUBLISHER_NAMES if len(n) > 2}
    name_re = re.compile(
        r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b"
    )
    domain_re = re.compile(r"\b(com|net|org|www|https?)\b")

    def show(idx: np.ndarray) -> str:
        return ", ".join(f"`{grams[i]}` ({w[i]:+.2f})" for i in idx)

    print(
        f"Model {model.name} v{model.version} (sha256 {model.sha256[:12]}); "
        f"{len(grams)} n-grams seen in >= 2 training articles.\n"
    )
    print(f"Top {args.top} towards unreliable: {show(order[: args.top])}\n")
    print(f"Top {args.top} towards reliable: {show(order[::-1][: args.top])}\n")
    leaks = [
        i
        for i in list(order[:500]) + list(order[::-1][:500])
        if name_re.search(grams[i]) or domain_re.search(grams[i])
    ]
    if leaks:
        print(f"Outlet names or domains among the top 500 each way: {show(np.array(leaks))}")
    else:
        print("No outlet name, alias or domain among the top 500 n-grams each way.")


if __name__ == "__main__":
    main()
