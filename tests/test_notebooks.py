"""Every notebook in notebooks/ runs from top to bottom without an error."""

from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    rich = [o for o in outputs if "text/html" in o.get("data", {})]
    assert any("<math" in o["data"]["text/html"] for o in rich), "a derivation was displayed as MathML"
    if path.name == "tour.ipynb":
        assert any("image/png" in o.get("data", {}) for o in outputs), "the plot was displayed"
    if path.name == "check_student.ipynb":
        printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
        assert "wrong" in printed and "likely slip" in printed, "the wrong steps and their slips were shown"


def test_there_is_a_notebook():
    assert any(p.name == "tour.ipynb" for p in NOTEBOOKS)
