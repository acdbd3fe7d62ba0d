"""JSON output: one ``Assessment.to_dict()`` per document."""

from __future__ import annotations

import json
from typing import Any


def to_json(assessment: Any, *, indent: int | None = 2) -> str:
    """Serialise an Assessment (or anything with ``to_dict()``) to JSON."""
    return json.dumps(assessment.to_dict(), indent=indent, ensure_ascii=False, default=str)
