"""The API reference builds with warnings as errors (README: ``sphinx-build -W``), and holds
a page per module, the symbol and verdict tables and the notebooks with their outputs.

Slow (the build runs the notebooks): ``pytest -m slow``, as .ci/run does. The build runs on
a copy of docs/ and notebooks/ in a temporary directory, documenting this checkout's
packages (PYTHONPATH). Without Sphinx, myst-nb or a "python3" Jupyter kernel the test fails
under CI=true and skips elsewhere, as tests/conftest.py does for missing tools.
"""
import html
import importlib.util
import os
import pathlib
import pkgutil
import re
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGES = ("derivation", "numeric", "opza")
GENERATED = ("_build", "_autosummary", "_generated", "_notebooks")  # made by each build

pytestmark = pytest.mark.slow


def _missing(message: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: .ci/run must install the docs extra)")
    pytest.skip(message)


def _require_docs_tools() -> None:
    for module in ("sphinx", "myst_parser", "myst_nb", "ipykernel"):
        if importlib.util.find_spec(module) is None:
            _missing(f"{module} is not installed (pip install -e '.[docs]')")
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        _missing('no "python3" Jupyter kernelspec (is ipykernel installed?)')


def _public_modules(package: str) -> list[str]:
    """Dotted names of the package's public modules, from the files on disk."""
    names = [package]
    for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> pathlib.Path:
    """The HTML site, built once from copies of docs/ and notebooks/."""
    _require_docs_tools()
    work = tmp_path_factory.mktemp("docs-build")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns(*GENERATED))
    shutil.copytree(ROOT / "notebooks", work / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    out = work / "html"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
         "-d", str(work / "doctrees"), str(work / "docs"), str(out)],
        cwd=work, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, (f"sphinx-build -W failed ({run.returncode}):\n"
                                 f"{run.stderr[-6000:]}\n{run.stdout[-3000:]}")
    return out


def test_every_public_module_has_an_api_page(site):
    for package in PACKAGES:
        for name in _public_modules(package):
            page = site / "_autosummary" / f"{name}.html"
            assert page.is_file(), f"no API page for {name}"
            assert f'id="module-{name}"' in page.read_text(), f"{page.name} documents no module"


def test_api_pages_carry_equation_numbers_and_units(site):
    # the checked functions of numeric: docstring, argument units and the kernel's math
    text = (site / "_autosummary" / "numeric.html").read_text()
    assert 'id="numeric.v_star"' in text
    assert "Eq. (21)" in text
    assert "[m/s]" in text
    assert 'class="math' in text


def test_verdict_table_page_has_every_result(site):
    from derivation.export.output import markdown_table

    rows = markdown_table().splitlines()[2:]  # below the header and its rule
    page = (site / "verdicts.html").read_text()
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
    assert len(re.findall(r"<tr", body)) == len(rows)
    first_columns = [html.unescape(c).strip() for c in cells[0::5]]
    assert first_columns == [row.split("|")[1].strip() for row in rows]


def test_symbol_page_has_every_symbol_with_its_unit(site):
    from derivation.symbols import TABLE

    body = (site / "symbols.html").read_text().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr.*?</tr>", body, re.S)
    assert len(rows) == len(TABLE)
    units = [html.unescape(re.sub(r"<[^>]+>", "", cells[2])).strip() for cells in
             (re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows)]
    assert all(units), "a symbol without its SI unit"


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")),
                         ids=lambda p: p.stem)
def test_notebook_page_shows_its_outputs(site, path):
    page = site / "_notebooks" / f"{path.stem}.html"
    assert page.is_file(), f"no page for {path.name}"
    text = page.read_text()
    assert "cell_output" in text, f"{page.name} has no cell outputs: the notebook did not run"
    assert "Traceback" not in text
    if not path.stem.startswith("01"):  # 02-04 draw: their figures are on the page
        assert "<img" in text, f"{page.name} shows no figure"


def test_mathjax_is_served_with_the_site(site):
    # offline, the math still renders: MathJax from _static/, never a CDN
    assert (site / "_static" / "mathjax" / "tex-chtml.js").is_file()
    for page in site.rglob("*.html"):
        scripts = re.findall(r'<script[^>]*src="([^"]+)"', page.read_text())
        remote = [s for s in scripts if s.startswith(("http:", "https:", "//"))]
        assert not remote, (page.name, remote)


def test_no_raw_latex_outside_math_and_commands_copyable(site):
    for page in site.rglob("*.html"):
        text = page.read_text()
        # commands in text and code keep their two hyphens (no en dash pasted into a shell)
        assert "derive –only" not in text and "derive —only" not in text, page.name
    page = site / "_autosummary" / "numeric.html"
    outside = re.sub(r'<(span|div) class="math[^"]*">.*?</\1>', "", page.read_text(), flags=re.S)
    outside = re.sub(r"<script.*?</script>", "", outside, flags=re.S)
    for raw in (r"\frac", r"\tau_", r"\xi_", r"\alpha"):
        assert raw not in outside, raw
