"""digits_nn.py opened as a notebook: its `# %%` cells run top to bottom in a Jupyter kernel."""

import jupytext
import nbformat
from nbclient import NotebookClient

from conftest import ROOT, read_json


def test_the_script_runs_as_a_notebook_in_a_kernel(tmp_path):
    notebook = jupytext.read(ROOT / "digits_nn.py")
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert len(cells) >= 8  # setup, data, split, model, train, evaluate, ... as cells
    assert 'if __name__ == "__main__":' in cells[-1].source  # the run is the last cell
    # The kernel starts in an empty folder; the project's modules come from the repository.
    path_cell = nbformat.v4.new_code_cell(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})"
    )
    notebook.cells.insert(0, path_cell)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": tmp_path}},
    )
    client.execute()  # raises if any cell fails
    printed = "".join(
        output.get("text", "")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )
    assert "Results on the test half" in printed
    # The kernel's own argv (ipykernel_launcher -f ...) was not parsed: a default run.
    run = read_json(tmp_path / "figures" / "run.json")
    assert run["config"]["out"] == "figures" and run["config"]["epochs"] == 100
    assert read_json(tmp_path / "figures" / "metrics.json")["accuracy"] > 0.9
