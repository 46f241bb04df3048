"""The house has one direction: no module imports one that imports it back, at any scale.

Every import of the three packages is read from the source (those inside functions too: they
are ties all the same) and resolved to a module of the tree.  Three graphs must have no cycle:
the modules; the units of README's Layout (each subpackage one unit, each other module its own);
and the packages, where numeric stands below derivation, and both below opza.
"""
import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGES = ("numeric", "derivation", "opza")  # bottom to top


def _modules() -> dict[str, pathlib.Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _imports(name: str) -> set[str]:
    """The modules of the tree that ``name`` imports, anywhere in its source."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1] + [node.module or ""]
                            if node.level else [node.module]).strip(".")
            # a submodule where the name is one, else the module the name is taken from
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


GRAPH = {name: _imports(name) for name in MODULES}


def _unit(name: str) -> str:
    """The unit of README's Layout a module belongs to: its subpackage, else itself."""
    parts = name.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or (len(parts) == 2 and MODULES[name].name ==
                                                      "__init__.py") else name


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as a list of nodes, or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = "done"
        stack.pop()
        return None
    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _collapsed(key) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name, targets in GRAPH.items():
        out.setdefault(key(name), set()).update(key(t) for t in targets if key(t) != key(name))
    return out


@pytest.mark.parametrize("scale,key", [
    ("modules", lambda name: name),
    ("units of the Layout", _unit),
    ("packages", lambda name: name.split(".")[0]),
])
def test_no_import_runs_back(scale, key):
    assert _cycle(_collapsed(key)) is None, f"{scale}: {' -> '.join(_cycle(_collapsed(key)))}"


def test_the_libraries_do_not_import_the_application_nor_numeric_the_derivation():
    order = {package: n for n, package in enumerate(PACKAGES)}
    upward = [(name, target) for name, targets in GRAPH.items() for target in targets
              if order[target.split(".")[0]] > order[name.split(".")[0]]]
    assert upward == []


def test_the_imports_are_read():
    # the reader finds what is there: a few ties every version of the house has
    assert "derivation.audit.verdicts" in GRAPH["derivation.chain"]
    assert "numeric._kernels" in GRAPH["numeric._api"]
    assert "derivation.export.options" in GRAPH["opza.cli"]
