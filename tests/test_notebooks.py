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
        plot = [c for c in nb.cells if c.cell_type == "code" and "draw(" in c.source]
        assert plot and any("image/png" in o.get("data", {}) for o in plot[0].outputs), "the plot cell shows an image"
        assert not any("<Figure size" in o.get("data", {}).get("text/plain", "") and "image/png" not in o.get("data", {})
                       for o in plot[0].outputs)
        # a derivation that was never .check()ed shows its verdicts: it is checked when displayed
        unchecked = [c for c in nb.cells if c.cell_type == "code" and "not checked yet" in c.source]
        shown = [o["data"]["text/html"] for o in unchecked[0].outputs if "text/html" in o.get("data", {})]
        assert shown and 'class="verdict v-proved"' in shown[0] and 'class="verdict v-unchecked"' not in shown[0]
    if path.name == "check_student.ipynb":
        printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
        assert "wrong" in printed and "likely slip" in printed, "the wrong steps and their slips were shown"


def test_there_is_a_notebook():
    assert any(p.name == "tour.ipynb" for p in NOTEBOOKS)
