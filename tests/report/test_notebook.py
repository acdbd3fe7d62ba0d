"""notebooks/audit_explore.ipynb runs top to bottom (its own demo audit) without errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "audit_explore.ipynb"


def _outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            data = out.get("data", {})
            parts.append(data.get("text/html", "") if isinstance(data.get("text/html"), str) else "")
    return "\n".join(parts)


def test_notebook_runs(tmp_path: Path, monkeypatch) -> None:
    # a kernel spec for this very interpreter, so the notebook sees the installed newsvet
    spec = tmp_path / "jupyter" / "kernels" / "newsvet-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "newsvet test", "language": "python",
    }))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.delenv("NEWSVET_RESULTS", raising=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="newsvet-test",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    text = _outputs(nb)
    assert "Per-domain comparison" in text and "Signal co-occurrence" in text
    assert "farm0.example" in text and "wire1.example" in text
    assert "26 scored, 1 errors" in text  # 24 generated + 2 examples; the broken line is a row
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
