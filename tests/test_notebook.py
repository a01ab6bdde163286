"""examples/explore.ipynb runs top to bottom, so that it cannot rot.

It is executed with nbclient in a local ``python3`` kernel (ipykernel) in the
``examples/`` folder; this checkout is put first on the kernel's PYTHONPATH. Select it
with ``pytest -m notebook``. It loads the pipeline (rules only, as the session does).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "explore.ipynb"


def _outputs(cell, mime: str) -> str:
    return "".join(
        out.get("data", {}).get(mime, "")
        for out in cell.get("outputs", [])
        if out.get("output_type") in ("execute_result", "display_data")
    )


@pytest.mark.notebook
@pytest.mark.pipeline
def test_explore_notebook_runs_top_to_bottom(monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    monkeypatch.setenv("PYTHONPATH", path)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "commit the notebook without outputs"
    )
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    code = [c for c in nb.cells if c.cell_type == "code"]
    html = [_outputs(c, "text/html") for c in code]
    assert any('class="fzv"' in h and "fz-org" in h for h in html)  # the article view
    assert any('class="fzr"' in h and "<svg" in h for h in html)  # the report, with plots
    assert any(_outputs(c, "image/png") for c in code)  # the matplotlib figure
    assert "E101" in _outputs(code[0], "text/plain")  # the empty record of articles.jsonl
