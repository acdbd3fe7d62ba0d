"""notebooks/model_walkthrough.ipynb runs top to bottom, with and without ../shared."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "model_walkthrough.ipynb"
SEEDS = ROOT.parent / "shared" / "seeds"


def _outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            data = out.get("data", {})
            for kind in ("text/html", "image/svg+xml"):
                if isinstance(data.get(kind), str):
                    parts.append(data[kind])
    return "\n".join(parts)


def _run(tmp_path: Path, monkeypatch, data_root: Path | None):
    # a kernel spec for this very interpreter, so the notebook sees the installed newsvet
    spec = tmp_path / "jupyter" / "kernels" / "newsvet-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "newsvet test", "language": "python",
    }))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    if data_root is None:
        monkeypatch.delenv("NEWSVET_DATA_ROOT", raising=False)
    else:
        monkeypatch.setenv("NEWSVET_DATA_ROOT", str(data_root))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="newsvet-test",
        resources={"metadata": {"path": str(ROOT)}},  # the working directory: the repo root
    )
    client.execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    return _outputs(nb)


def _check_common(text: str) -> None:
    assert "recovery" in text and "buzzfeed_webis2016" in text
    assert "Articles per publisher" in text and "Per-publisher errors" in text
    assert "features point opposite ways" in text
    assert "readability.flesch_reading_ease" in text.split("features point opposite ways", 1)[1]
    m = re.search(r"AUC \(3 grouped folds, buzzfeed_webis2016 \+ recovery\): ([0-9.]+)", text)
    assert m and 0.5 < float(m.group(1)) <= 1.0, m
    assert "examples/content_farm.txt: reliability" in text
    assert re.search(r"examples/content_farm\.txt: reliability [0-9.]+ -> unreliable", text)
    assert re.search(r"examples/wire_report\.txt: reliability [0-9.]+ -> reliable", text)
    assert text.count("<svg") >= 7  # 5 box plots, ROC, reliability diagram
    assert "notebook CPU time:" in text


def test_notebook_is_saved_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_notebook_runs(tmp_path: Path, monkeypatch) -> None:
    text = _run(tmp_path, monkeypatch, None)
    _check_common(text)
    if SEEDS.is_dir():
        assert re.search(r"seed \S+\.txt: reliability [0-9.]+ -> unreliable", text)
    else:
        assert "skipped: no seeds at" in text


def test_notebook_skips_without_shared(tmp_path: Path, monkeypatch) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared is absent: test_notebook_runs already covers the skip")
    text = _run(tmp_path, monkeypatch, tmp_path / "no-shared-here")
    _check_common(text)
    assert "skipped: no seeds at" in text
    assert not re.search(r"seed \S+\.txt: reliability", text)
