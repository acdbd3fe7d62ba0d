"""notebooks/model_walkthrough.ipynb runs top to bottom, with and without ../shared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "model_walkthrough.ipynb"
SEEDS = ROOT.parent / "shared" / "seeds"


def _run(run_notebook, data_root: Path | None) -> str:
    env = {"NEWSVET_DATA_ROOT": None if data_root is None else str(data_root)}
    nb, text = run_notebook(NOTEBOOK, cwd=ROOT, timeout=300, env=env)  # cwd: the repo root
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    return text


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


def test_notebook_runs(run_notebook) -> None:
    text = _run(run_notebook, None)
    _check_common(text)
    if SEEDS.is_dir():
        assert re.search(r"seed \S+\.txt: reliability [0-9.]+ -> unreliable", text)
    else:
        assert "skipped: no seeds at" in text


def test_notebook_skips_without_shared(run_notebook, tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared is absent: test_notebook_runs already covers the skip")
    text = _run(run_notebook, tmp_path / "no-shared-here")
    _check_common(text)
    assert "skipped: no seeds at" in text
    assert not re.search(r"seed \S+\.txt: reliability", text)
