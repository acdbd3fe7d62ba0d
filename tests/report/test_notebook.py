"""notebooks/audit_explore.ipynb runs top to bottom (its own demo audit) without errors."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "audit_explore.ipynb"


def test_notebook_runs(run_notebook) -> None:
    nb, text = run_notebook(
        NOTEBOOK, cwd=NOTEBOOK.parent, timeout=180, env={"NEWSVET_RESULTS": None}
    )
    assert "Per-domain comparison" in text and "Signal co-occurrence" in text
    assert "farm0.example" in text and "wire1.example" in text
    assert "26 scored, 1 errors" in text  # 24 generated + 2 examples; the broken line is a row
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
