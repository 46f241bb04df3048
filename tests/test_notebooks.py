"""notebooks/: stored without outputs, and each runs top to bottom in a fresh python3 kernel.

A kernel that cannot start (no ipykernel, no "python3" kernelspec, a kernelspec that points
at an interpreter without this package) is a failure under CI=true and a skip elsewhere,
as tests/conftest.py does for missing tools.
"""
import os
import pathlib

import nbformat
import pytest

NOTEBOOK_DIR = pathlib.Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
KERNEL = "python3"


def _unavailable(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: .ci/run must install ipykernel with the package)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def kernel_problem() -> str | None:
    """Why the "python3" kernel cannot run the notebooks, or None: started once per session."""
    try:
        from jupyter_client.kernelspec import NoSuchKernel
        from jupyter_client.manager import start_new_kernel
    except ImportError as err:
        return f"jupyter_client is not installed: {err}"
    try:
        km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120, cwd=str(NOTEBOOK_DIR))
    except NoSuchKernel:
        return f'no "{KERNEL}" Jupyter kernelspec (is ipykernel installed?)'
    except Exception as err:  # noqa: BLE001 - whatever stops the start, there is no kernel
        return f'the "{KERNEL}" Jupyter kernel did not start: {type(err).__name__}: {err}'
    try:
        reply = kc.execute_interactive("import derivation, numeric", timeout=120)
        command = " ".join(km.kernel_spec.argv[:3])
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    if reply["content"]["status"] != "ok":
        return (f'the "{KERNEL}" kernel ({command}) cannot import the package: '
                f'{reply["content"].get("ename")}: {reply["content"].get("evalue")}')
    return None


def test_there_are_four_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_derivation_walkthrough.ipynb",
                                           "02_fig2_and_hierarchy.ipynb",
                                           "03_estimate_and_parameter_study.ipynb",
                                           "04_validity.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == KERNEL
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a code cell has outputs"
            assert cell.execution_count is None, f"{path.name}: a code cell has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_a_fresh_kernel(path, kernel_problem):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if kernel_problem is not None:
        _unavailable(kernel_problem)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name=KERNEL,
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    try:
        client.execute()
    except CellExecutionError as err:
        pytest.fail(f"{path.name} raised in a cell:\n{err}")
    errors = [o for cell in nb.cells if cell.cell_type == "code"
              for o in cell.outputs if o.output_type == "error"]
    assert errors == []
    images = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs
              if "image/png" in o.get("data", {})]
    if not path.stem.startswith("01"):  # 02-04 draw: their figures show (and so in the docs)
        assert images, f"{path.name} shows no figure"
