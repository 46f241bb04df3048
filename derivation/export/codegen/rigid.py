"""Generate ``numeric/_rigid_kernels.py``: the rigid-profile (Walker-type) collective coordinates.

Written and checked by ``python -m derivation.export.codegen``.  From :mod:`derivation.wall.rigid_profile`:

* ``rigid_shapes(u, r)`` — the integrands of every ∫du the stationary branch and the width
  equation hold, stacked (r = Δ/λ); ``numeric.rigid_profile`` sums them with the
  trapezoidal rule, which converges exponentially for these analytic integrands;
* ``rigid_branch(psi, Delta, I, …)`` — T⊥ and V on the stationary branch at tilt ψ and width
  Δ, with ``I`` the integrals of ``rigid_shapes``;
* ``rigid_width(psi, lam, kappa)`` — Walker's width, from the width equation at S∥ = 0;
* ``rigid_width_residual(psi, Delta, I, …)`` — the width equation with S∥ (root in Δ);
* ``rigid_branch_at_lambda(psi, …)`` and ``critical_torque_at_lambda(…)`` — Δ = λ, closed forms.
"""
from __future__ import annotations

import pathlib

import sympy as sp
from ... import symbols as sy
from .kernels import ARGUMENT_NAMES, constants
from .modules import BANNER
from .printers import NumPy

__all__ = ["PATH", "module"]

PATH = pathlib.Path(__file__).resolve().parents[3] / "numeric" / "_rigid_kernels.py"
_PARAMS = (sy.alpha, sy.a, sy.lam, sy.kappa, sy.J, sy.S, sy.J_sd, sy.S_par)


class _Printer(NumPy):
    def __init__(self, names: dict):
        super().__init__({"fully_qualified_modules": True, "allow_unknown_functions": False})
        self._names = names

    def _print_Symbol(self, expr):
        return self._names.get(expr, super()._print_Symbol(expr))


def _names() -> dict:
    """The local names: u, r, Δ, ψ (the API's arguments and constants print as theirs)."""
    from ...wall import rigid_profile as rp
    return {rp.u: "u", rp.r: "r", sy.Delta: "Delta", rp._psi: "psi"}


def _body(exprs: list[sp.Expr], names: dict, integrals: dict | None = None) -> list[str]:
    printer = _Printer(names)
    if integrals:
        exprs = [e.xreplace(integrals) for e in exprs]
    temps, reduced = sp.cse(exprs, symbols=sp.numbered_symbols("_x"), optimizations=None)
    lines = [f"    {printer.doprint(s)} = {printer.doprint(v)}" for s, v in temps]
    lines.append(f"    return {', '.join(printer.doprint(e) for e in reduced)}")
    return lines


def module() -> str:
    """The text of ``numeric/_rigid_kernels.py``."""
    from ...wall import rigid_profile as rp
    names = _names()
    branch = rp.stationary(False)
    width_eq = rp.equations(False)["Delta"]
    exprs = [branch["T_perp"], branch["V"], width_eq]
    integrals = sorted({i for e in exprs for i in e.atoms(sp.Integral)}, key=sp.default_sort_key)
    I = sp.IndexedBase("I")
    by_index = {integral: I[n] for n, integral in enumerate(integrals)}
    names[I] = "I"
    at_lambda = rp.stationary(True)
    critical = rp.critical_torque()
    T_c = critical["T_perp"]
    # the closed form written as SymPy found it, with cos ψ_c = 1/φ (φ the golden ratio)
    lines = [
        BANNER,
        f"# source: derivation/wall/rigid_profile.py (derivation/export/codegen/rigid.py), "
        f"SymPy {sp.__version__}",
        '"""Bare kernels of the rigid-profile (Walker-type) collective coordinates.',
        "",
        "No input checks (see numeric.rigid_profile); SI units; positional arguments.",
        '"""',
        "import numpy",
        "",
        "__all__ = ['rigid_shapes', 'rigid_branch', 'rigid_width', 'rigid_width_residual',",
        "           'rigid_branch_at_lambda', 'critical_torque_at_lambda', 'INTEGRALS']",
        "",
        f"HBAR = {float(constants()[sy.hbar])!r}  # {sy.entry(sy.hbar).meaning}, exact SI",
        "# the integrals ∫du over the line that the branch and the width equation hold",
        "INTEGRALS = (",
        *[f"    {str(integral.function)!r}," for integral in integrals],
        ")",
        "",
        "",
        "def rigid_shapes(u, r):",
        '    """The integrands of INTEGRALS at u (array) and r = Δ/λ, stacked along axis 0."""',
        *_body([sp.Matrix([i.function for i in integrals])], names)[:-1],
    ]
    printer = _Printer(names)
    temps, (stacked,) = sp.cse([sp.Matrix([i.function for i in integrals])],
                                symbols=sp.numbered_symbols("_x"), optimizations=None)
    lines = [line for line in lines if not line.startswith("    _x")]
    lines += [f"    {printer.doprint(s)} = {printer.doprint(v)}" for s, v in temps]
    lines.append("    return numpy.stack(numpy.broadcast_arrays("
                 + ", ".join(printer.doprint(e) for e in stacked) + "))")
    args = ", ".join(ARGUMENT_NAMES[s] for s in _PARAMS)
    lines += [
        "", "",
        f"def rigid_branch(psi, Delta, I, {args}):",
        '    """(T⊥, V [m/s]) on the stationary branch at tilt psi and width Delta [m];',
        '    I: the values of INTEGRALS at r = Delta/lam."""',
        *_body([branch["T_perp"], branch["V"]], names, by_index),
        "", "",
        "def rigid_width(psi, lam, kappa):",
        '    """Walker\'s width Δ(ψ) [m]: the width equation at S∥ = 0."""',
        *_body([rp.walker_width()], names),
        "", "",
        f"def rigid_width_residual(psi, Delta, I, {args}):",
        '    """The width equation (letter\'s normalisation a³/S) at tilt psi and width Delta."""',
        *_body([width_eq], names, by_index),
        "", "",
        f"def rigid_branch_at_lambda(psi, {args}):",
        '    """(T⊥, V [m/s]) on the stationary branch at Δ = λ, closed forms."""',
        *_body([at_lambda["T_perp"], at_lambda["V"]], names),
        "", "",
        "def critical_torque_at_lambda(alpha, a, kappa, J, S, J_sd):",
        '    """The largest T⊥ of the branch at Δ = λ and S∥ = 0, and cos ψ there (1/φ)."""',
        *_body([T_c, critical["cos_psi"]], names),
    ]
    return "\n".join(lines) + "\n"

