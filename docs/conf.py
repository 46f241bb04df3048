"""Sphinx configuration of opza's API reference.

Nothing here lists modules, results or notebooks by hand, so that the site follows the code:

* ``api.rst`` runs autosummary ``:recursive:`` over the packages ``derivation``,
  ``numeric`` and ``opza``; the stubs go to ``_autosummary/`` (regenerated each build, not committed);
* ``verdicts.md`` includes ``_generated/verdict_table.md``, written at build time from
  ``derivation.export.output.markdown_table()``; ``symbols.md`` likewise the symbol table of
  ``derivation.symbols`` (LaTeX, SI unit, assumptions);
* ``notebooks.md`` globs ``_notebooks/``, a copy of ``../notebooks/*.ipynb`` made at build
  time; myst-nb executes each notebook (``nb_execution_mode = "force"``) and a cell that
  raises fails the build.

Build: ``sphinx-build -W -b html docs docs/_build/html`` (README).
"""
from __future__ import annotations

import filecmp
import importlib
import inspect
import importlib.util
import pathlib
import pkgutil
import re
import shutil
import sys

import sphinx.ext.autosummary as _autosummary

DOCS = pathlib.Path(__file__).resolve().parent
ROOT = DOCS.parent
if (ROOT / "derivation").is_dir():  # a source checkout: document this tree, not an install
    sys.path.insert(0, str(ROOT))


def _public_submodules(*packages: str) -> dict[str, list[str]]:
    """{package: [public submodule names]} from the files on disk, no import of the modules."""
    found: dict[str, list[str]] = {}
    stack = list(packages)
    while stack:
        package = stack.pop()
        path = ROOT.joinpath(*package.split("."))
        if not path.is_dir():  # documenting an installed copy: ask the import system
            path = pathlib.Path(importlib.import_module(package).__path__[0])
        names = found.setdefault(package, [])
        for info in pkgutil.iter_modules([str(path)]):
            if not info.name.startswith("_"):
                names.append(info.name)
                if info.ispkg:
                    stack.append(f"{package}.{info.name}")
    return found


project = "opza"
author = "opza developers"
copyright = "2026, opza developers"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "myst_nb",  # also registers myst_parser for .md sources
    # MathJax served with the site (_static/mathjax), not from a CDN: the pages read offline
    "sphinx-mathjax-offline",
]

# _generated/ holds include files, read through the pages that include them
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
html_theme = "alabaster"

# API: one page per module, found by walking the packages (new modules appear by themselves)
autosummary_generate = True
autosummary_generate_overwrite = True
autosummary_ignore_module_all = False  # the tables list a module's __all__, as autodoc does
# ... but a package's __all__ names functions, not its modules: the template recurses into
# every public module found on disk (_templates/autosummary/module.rst)
# the summary column stops at the first sentence; "Eq. (16)" or "Fig. 2" does not end one
_autosummary.WELL_KNOWN_ABBREVIATIONS += ("Eq.", "Eqs.", "Fig.")
autosummary_context = {"submodules": _public_submodules("derivation", "numeric", "opza")}


def _shadowed(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """{package: its submodules whose name the package gives to another object}: numeric.llg's
    function ``chain`` is ``numeric.llg.chain`` as much as the module is, and autosummary takes
    the name for the function; such a module gets a page of its own (:func:`_write_shadowed`)."""
    out = {}
    for package, names in found.items():
        module = importlib.import_module(package)
        out[package] = [name for name in names if getattr(module, name, None) is not None
                        and not inspect.ismodule(getattr(module, name))]
    return out


autosummary_context["shadowed"] = _shadowed(autosummary_context["submodules"])
# modules behind optional extras (numba: opza[fast], dask, pint: opza[units]) are documented
# whether or not the extra is installed: absent ones are mocked while autodoc imports
autodoc_mock_imports = [name for name in ("numba", "dask", "pint")
                        if importlib.util.find_spec(name) is None]
# autosummary imports every module it finds; the __main__ modules run the CLI on import
autosummary_mock_imports = [*autodoc_mock_imports, "derivation.__main__", "opza.__main__",
                            "derivation.export.codegen.__main__"]
# undocumented public members too (with their signatures), so a new one is never missing
autodoc_default_options = {"members": True, "undoc-members": True, "member-order": "bysource"}
autodoc_typehints = "description"
autodoc_preserve_defaults = True
napoleon_google_docstring = False
napoleon_numpy_docstring = True

# MyST: $...$ math in the notebooks' Markdown
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

# the notebooks run during the build; a cell that raises fails it
nb_execution_mode = "force"
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True


def _copy_notebooks() -> None:
    """``../notebooks/*.ipynb`` into ``_notebooks/``: copied when changed (keeps incremental
    builds incremental), stale copies of removed notebooks deleted."""
    target = DOCS / "_notebooks"
    target.mkdir(exist_ok=True)
    sources = sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in sources:
        copy = target / path.name
        if not copy.exists() or not filecmp.cmp(path, copy, shallow=False):
            shutil.copyfile(path, copy)
    for copy in target.glob("*.ipynb"):
        if copy.name not in {p.name for p in sources}:
            copy.unlink()


def _escape(cell: str) -> str:
    # findings carry sstr expressions (J*S**2, G<): keep MyST from reading them as markup
    for char in "\\`*_[]$<>{}":
        cell = cell.replace(char, "\\" + char)
    return cell


def _write_verdict_table() -> None:
    """``_generated/verdict_table.md`` from ``derivation.export.output.markdown_table()``."""
    from derivation.export.output import markdown_table

    lines = markdown_table().splitlines()
    header, rule, rows = lines[0], lines[1], lines[2:]
    # markdown_table() replaces "|" inside a cell by "/", so "|" splits cells safely
    body = ["| " + " | ".join(_escape(c.strip()) for c in row.strip("|").split("|")) + " |"
            for row in rows]
    _write("verdict_table.md", "\n".join([header, rule, *body]) + "\n")


_PARAMETER = re.compile(r"^(\w+) \[([^\]]*)\]: (.*)$")  # "alpha [dimensionless]: Gilbert damping"
_RESULT = re.compile(r"^(\w+) \[([^\]]*)\] = (.*)$")      # "tau_dw [s] = <LaTeX>"


def _rest(text: str) -> str:
    # the symbol table's plain text (|S|, ∫dx Φ0², K_perp) as reST text
    for char in "\\`*|_":
        text = text.replace(char, "\\" + char)
    return text


def _kernel_docstring(app, what, name, obj, options, lines: list[str]) -> None:
    """The generated kernels' docstrings (numeric/_kernels*.py, also appended to the checked
    functions of numeric) are plain text: from their "Parameters (SI)" line on, the
    arguments become a reST list with units, the results display math (their LaTeX comes
    from SymPy), and every other line a paragraph of its own."""
    marker = "Parameters (SI), in this order:"
    try:
        first = [line.strip() for line in lines].index(marker)
    except ValueError:
        return
    out = lines[:first] + ["**Parameters** (SI; the bare kernel takes them positionally, "
                           "in this order)", ""]
    steps = False  # inside "Returns, in steps": each "LaTeX = LaTeX" line is an equation
    for line in lines[first + 1:]:
        bare = line.strip()
        if bare == "Returns:":
            out += ["", "**Returns**", ""]
        elif bare.startswith("Returns, in steps"):
            steps = True
            out += ["", _rest(bare), ""]
        elif steps and " = " in bare and not _RESULT.match(bare):
            out += ["", ".. math::", "", f"   {bare}", ""]
        elif bare.startswith("Letter:"):
            steps = False
            out += ["", _letter(bare), ""]
        elif match := _PARAMETER.match(bare):
            arg, unit, meaning = match.groups()
            out.append(f"- ``{arg}`` [{_rest(unit)}]: {_rest(meaning)}")
        elif match := _RESULT.match(bare):
            result, unit, latex = match.groups()
            out += [f"- ``{result}`` [{_rest(unit)}] =", "", "  .. math::", "",
                    f"     {latex}", ""]
        elif bare:
            out += ["", _rest(bare), ""]
    lines[:] = out


_PROTECTED = re.compile(r"(``.+?``|`[^`]*`)")  # inline literals and roles (:math:`|x|`)
_BARE_PIPE = re.compile(r"(?<!\\)\|")


def _absolute_values(app, what, name, obj, options, lines: list[str]) -> None:
    """|x| in a docstring is an absolute value, as physicists write it, not a reST
    substitution reference: escape the bars of running text. Left alone: inline literals,
    roles, literal blocks and directive bodies (below a line ending in "::", e.g. math),
    doctests, line blocks and tables."""
    literal_indent = None  # indentation of the line that opened a literal region
    for i, line in enumerate(lines):
        bare = line.lstrip()
        indent = len(line) - len(bare)
        if literal_indent is not None:
            if not bare or indent > literal_indent:
                continue
            literal_indent = None
        if bare.endswith("::"):
            literal_indent = indent
        if bare.startswith((">>>", "| ", "+-", "+=")) or bare == "|" or "|" not in bare:
            continue
        parts = _PROTECTED.split(line)  # odd indices: protected spans
        lines[i] = "".join(part if k % 2 else _BARE_PIPE.sub(r"\\|", part)
                           for k, part in enumerate(parts))


def _write_symbol_table() -> None:
    """``_generated/symbol_table.md`` from ``derivation.symbols.TABLE``: every symbol with its
    Python name, LaTeX as the letter prints it, SI unit, assumptions and meaning."""
    import sympy as sp

    from derivation import symbols
    from derivation.export.codegen.units import pint_unit

    names = {value: name for name in symbols.__all__
             if isinstance(value := getattr(symbols, name, None), sp.Basic)
             and value in symbols.TABLE}
    rows = ["| Python | symbol | SI unit | assumptions | meaning |", "|---|---|---|---|---|"]
    for symbol, row in symbols.TABLE.items():
        try:
            unit = pint_unit(row.unit)
        except ValueError:  # a unit pint cannot spell: SymPy's own form
            unit = str(row.unit)
        rows.append(f"| `{names.get(symbol, symbol)}` | ${row.latex}$ | {_escape(unit)} | "
                    f"{', '.join(row.assumptions)} | {_escape(row.meaning)} |")
    _write("symbol_table.md", "\n".join(rows) + "\n")


def _write(name: str, text: str) -> None:
    # rewritten only when changed, so that an incremental build stays incremental
    path = DOCS / "_generated" / name
    path.parent.mkdir(exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def _write_shadowed() -> None:
    """``_autosummary/<package>.<module>.rst`` of each shadowed module (:func:`_shadowed`): the
    module's page, which autosummary would make of the package's object of that name."""
    for package, names in autosummary_context["shadowed"].items():
        for name in names:
            full = f"{package}.{name}"
            text = f"{full}\n{'=' * len(full)}\n\n.. automodule:: {full}\n"
            path = DOCS / "_autosummary" / f"{full}.rst"
            path.parent.mkdir(exist_ok=True)
            if not path.exists() or path.read_text() != text:
                path.write_text(text)


_LETTER = re.compile(r"printed as ``(?P<latex>.+?)``|(?P<command>opza [a-z]+ --only [\w.]+?)(?=\.?$)")


def _letter(line: str) -> str:
    """A kernel's "Letter: Eq. (16), printed as ``LaTeX``; its verdict: opza derive --only 16."
    as reST: the print as math, the command as code (its -- not made an en dash)."""
    out, last = [], 0
    for m in _LETTER.finditer(line):
        out.append(_rest(line[last:m.start()]))
        out.append(f"printed as :math:`{m['latex']}`" if m["latex"] else f"``{m['command']}``")
        last = m.end()
    return "".join(out) + _rest(line[last:])


def setup(app):
    app.connect("autodoc-process-docstring", _kernel_docstring)
    app.connect("autodoc-process-docstring", _absolute_values)  # after: the kernels' math
    # before Sphinx looks for sources, so that the copies and the table are read this build
    _copy_notebooks()
    _write_verdict_table()
    _write_symbol_table()
    _write_shadowed()
