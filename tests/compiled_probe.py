"""Score the inputs given on stdin and print everything newsvet says of them.

Run by tests/test_compiled.py twice, with the compiled modules and with
NEWSVET_PURE_PYTHON=1 (their Python source), whose outputs must be equal.
stdin: a JSON list of {"kind": "text" | "html", "content": str, "title": str | null}.
stdout: a JSON object {"status": {module: "compiled" | "python"}, "results": [...]},
each result the full ``Assessment.to_dict`` (every signal's values and evidence,
every contribution) or the error's type and message.
"""

from __future__ import annotations

import json
import sys

import newsvet
from newsvet import _compiled


def main() -> None:
    items = json.load(sys.stdin)
    results = []
    for it in items:
        try:
            if it["kind"] == "html":
                a = newsvet.score_html(it["content"], url=it.get("url"))
            else:
                a = newsvet.score_text(it["content"], title=it.get("title"))
            results.append(a.to_dict(evidence_per_reason=10_000))
        except Exception as exc:  # noqa: BLE001 - reported, and compared
            results.append({"error": f"{type(exc).__name__}: {exc}"})
    # repr of floats: equal only when every bit is
    json.dump({"status": _compiled.status(), "results": results}, sys.stdout, default=repr)


if __name__ == "__main__":
    main()
