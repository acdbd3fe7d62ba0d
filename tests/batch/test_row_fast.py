"""batch.to_row builds a row from the Assessment directly; it must equal the
row built from ``assessment.to_dict()`` as before (articles written here)."""

from __future__ import annotations

from typing import Any

from newsvet import api
from newsvet.batch import BatchOptions, _context, to_row
from newsvet.inputs import Item

TEXT = (
    "Reports suggest that up to 12,000 residents could potentially be affected. "
    "Experts believe the work might not finish, and some say costs may have doubled.\n\n"
    "It remains crucial to monitor the developments closely as the situation unfolds. "
    "Sources indicate that as many as 900 workers were moved last month.\n\n"
    "The council voted 5 to 2 on Tuesday, according to minutes published on its website."
)


def _reference_row(a: api.Assessment, item: Item, options: BatchOptions) -> dict[str, Any]:
    d = a.to_dict(evidence_per_reason=options.evidence_per_reason)
    meta = d["document"]
    reasons = [r for r in d["reasons"] if r["direction"] == "unreliable"][: options.top_reasons]
    for r in reasons:
        for e in r["evidence"]:
            before, after = _context(
                a.document.field_text(e["field"]), e["start"], e["end"], options.context_chars
            )
            e["before"], e["after"] = before, after
    return {
        "id": item.id, "source": item.source, "url": meta["url"] or item.url,
        "domain": meta["domain"], "title": meta["title"] or item.title,
        "reliability": d["reliability"], "rating": d["rating"],
        "low_confidence": d["low_confidence"], "words": meta["words"],
        "signals": {n: s["score"] for n, s in d["signals"].items()},
        "reasons": [
            {"signal": r["signal"] or r["feature"], "feature": r["feature"],
             "contribution": r["contribution"], "reason": r["reason"], "evidence": r["evidence"]}
            for r in reasons
        ],
        "warnings": d["warnings"], "model": d["model"], "error": None,
    }  # fmt: skip


def test_row_equals_the_to_dict_row() -> None:
    for k, opts in enumerate([BatchOptions(), BatchOptions(top_reasons=1, evidence_per_reason=1)]):
        for title in ("Council and the harbour wall: what happens next", None):
            a = api.score_text(TEXT * (k + 1), title=title)
            item = Item(f"x{k}", "text", TEXT, title=title)
            got = to_row(a, item=item, options=opts)
            want = _reference_row(a, item, opts)
            assert got == want
            assert list(got) == list(want)  # same key order in results.jsonl
            assert got["reasons"], "the article has reasons against it"
