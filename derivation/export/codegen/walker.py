"""Generate ``numeric/llg/_walker_kernels.py``: Walker's steady wall, the Zhang–Li drift, the 1D model.

Written by ``python -m derivation.export.codegen`` (which checks it with ``--check``).  The
expressions are :func:`derivation.wall.walker.kernels` (derived there, nothing typed here),
with the CODATA ħ and µ_B put in, one ``cse`` each, printed by the package's NumPy printer.
"""
from __future__ import annotations

import pathlib

import sympy as sp

from ... import symbols as sy
from .kernels import ARGUMENT_NAMES, constants
from .modules import BANNER
from .printers import NumPy

__all__ = ["PATH", "MU_B", "module"]

PATH = pathlib.Path(__file__).resolve().parents[3] / "numeric" / "llg" / "_walker_kernels.py"
MU_B = 9.2740100783e-24  # Bohr magneton [J/T], CODATA 2018 (not exact in SI)
_NAMES = {**ARGUMENT_NAMES, sy.B_x: "B_x", sy.g_factor: "g", sy.u_drift: "u", sy.beta: "beta"}
_CONSTANTS = {sy.hbar: "HBAR", sy.mu_B: "MU_B"}


class _Printer(NumPy):
    def _print_Symbol(self, expr):
        by_name = {str(s): n for s, n in {**_CONSTANTS, **_NAMES}.items()}
        return by_name.get(str(expr)) or super()._print_Symbol(expr)


def _body(name: str, args: tuple, exprs: tuple) -> list[str]:
    printer = _Printer({"fully_qualified_modules": True, "allow_unknown_functions": True})
    allowed = {str(a) for a in args} | {str(c) for c in _CONSTANTS}
    missing = {str(s) for e in exprs for s in e.free_symbols} - allowed
    if missing:
        raise ValueError(f"kernel {name}: {sorted(missing)} are not arguments")
    temps, reduced = sp.cse(list(exprs), symbols=sp.numbered_symbols("_x"), optimizations=None)
    lines = [f"    {printer.doprint(s)} = {printer.doprint(v)}" for s, v in temps]
    lines.append(f"    return {', '.join(printer.doprint(r) for r in reduced)}")
    return lines


def module() -> str:
    """The text of ``numeric/llg/_walker_kernels.py``."""
    from ...wall.walker import kernels
    table = kernels()
    lines = [
        BANNER,
        f"# source: derivation/wall/walker.py (derivation/export/codegen/walker.py), SymPy {sp.__version__}",
        '"""Bare kernels of the field\'s exact solutions for the chain: no input checks (see',
        "numeric.llg.walker).  SI units; positional arguments; psi is the tilt ψ [rad].",
        '"""',
        "import numpy",
        "",
        f"__all__ = {list(table)!r}",
        "",
        f"HBAR = {float(constants()[sy.hbar])!r}  # {sy.entry(sy.hbar).meaning}, exact SI",
        f"MU_B = {MU_B!r}  # {sy.entry(sy.mu_B).meaning} [J/T], CODATA 2018",
    ]
    for name, (args, exprs, doc) in table.items():
        names = ", ".join(_NAMES.get(a, str(a)) for a in args)
        lines += ["", "", f"def {name}({names}):", f'    """{doc}"""']
        lines += _body(name, args, exprs)
    return "\n".join(lines) + "\n"

