from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip when it is absent."""
    if not (SHARED / "README.md").is_file():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    d = shared_dir / "seeds"
    if not d.is_dir():
        pytest.skip("../shared/seeds is not present")
    return d


@pytest.fixture
def run_notebook(tmp_path: Path, monkeypatch):
    """Run a notebook top to bottom in a kernel of this interpreter; returns
    ``(notebook, text)``, the text being every stream, HTML and SVG output.

    ``cwd`` is the kernel's working directory; ``env`` sets (or, with None,
    removes) environment variables first.
    """
    import json
    import sys

    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    # a kernel spec for this very interpreter, so the notebook sees the installed newsvet
    spec = tmp_path / "jupyter" / "kernels" / "newsvet-test"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "newsvet test", "language": "python",
    }))  # fmt: skip
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))

    def run(path: Path, *, cwd: Path, timeout: int, env: dict[str, str | None]):
        for name, value in env.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        nb = nbformat.read(path, as_version=4)
        client = nbclient.NotebookClient(
            nb, timeout=timeout, kernel_name="newsvet-test",
            resources={"metadata": {"path": str(cwd)}},
        )  # fmt: skip
        client.execute()
        parts = []
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                parts.append(out.get("text", ""))
                data = out.get("data", {})
                for kind in ("text/html", "image/svg+xml"):
                    if isinstance(data.get(kind), str):
                        parts.append(data[kind])
        return nb, "\n".join(parts)

    return run
