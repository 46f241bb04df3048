"""Generate ``numeric/_beyond_kernels.py``: the nonlinear collective coordinates and T⊥ beyond Born.

Written by ``python -m derivation.export.codegen`` (which also checks it with ``--check``).

* ``nonlinear_system`` — M(ξ0) and F(ξ0) of :func:`derivation.wall.nonlinear.system`,
  M·(ξ̇0, Ẋ) = F.  Each exact x-integral ∫₀^π dp f(p, c) is evaluated by
  Gauss–Legendre quadrature on ``QUADRATURE_NODES`` nodes (NumPy's ``leggauss``):
  the integrands are entire in c sin p, so the rule is exact to double precision
  for |c| ≤ ``TILT_RANGE`` (checked against mpmath in the tests).
* ``torque_integrand_exact`` — dT⊥/dκ of :func:`derivation.electrons.beyond_born.torque_integrand_exact`.
* ``torque_integrand_equilibrium`` — dT⊥/dκ of the second relaxation model,
  :func:`derivation.electrons.beyond_born.torque_integrand_equilibrium`.
* ``torque_perp_delta_k`` — T⊥ with δk an argument, :func:`derivation.electrons.beyond_born.torque_with_delta_k`.
* ``tilt`` — c = ξ0Φ0(0), :func:`derivation.wall.nonlinear.tilt`.

The generated module's ``__all__`` lists every kernel written below: a new one is a
``_signature`` and a body in :func:`module`.
"""
from __future__ import annotations

import pathlib

import sympy as sp

from ... import symbols as sy
from .kernels import ARGUMENT_NAMES, CONSTANT_NAMES, constants
from .modules import BANNER
from .printers import NumPy
from .rewrites import stable

__all__ = ["PATH", "QUADRATURE_NODES", "TILT_RANGE", "module"]

PATH = pathlib.Path(__file__).resolve().parents[3] / "numeric" / "_beyond_kernels.py"
QUADRATURE_NODES = 80
TILT_RANGE = 20.0

_XI = sp.Symbol("xi0", real=True)  # ξ0 as a plain argument
_NAMES = {**ARGUMENT_NAMES, _XI: "xi0", sy.eta: "eta", sy.delta_k: "delta_k"}


class _Printer(NumPy):
    def _print_Symbol(self, expr):
        from ...electrons.beyond_born import kappa_a
        from ...wall.nonlinear import p
        if expr == p:
            return "_P"
        if expr == kappa_a:
            return "kappa_a"
        by_name = {str(s): n for s, n in {**CONSTANT_NAMES, **_NAMES}.items()}
        return by_name.get(str(expr)) or super()._print_Symbol(expr)


def _printer() -> _Printer:
    return _Printer({"fully_qualified_modules": True, "allow_unknown_functions": True})


def _quadrature_body(exprs: list[sp.Expr], args: tuple) -> list[str]:
    """Lines computing ``exprs`` with each ∫dp replaced by a Gauss–Legendre sum."""
    from ...wall.lagrangian import _xi
    from ...wall.nonlinear import p
    printer = _printer()
    exprs = [e.subs(_xi, _XI) for e in exprs]
    integrals = sorted({i for e in exprs for i in e.atoms(sp.Integral)}, key=sp.default_sort_key)
    names = {integral: sp.Symbol(f"_I{n}") for n, integral in enumerate(integrals)}
    for integral in integrals:
        (var, lo, hi), = integral.limits
        if var != p or (lo, hi) != (0, sp.pi):
            raise ValueError(f"unexpected integral {integral}")
    # one cse over the integrands: c sin p and its sines and cosines are computed once
    temps, shapes = sp.cse([i.function for i in integrals], symbols=sp.numbered_symbols("_q"),
                           optimizations=None)
    lines = [f"    {printer.doprint(s)} = {printer.doprint(v)}" for s, v in temps]
    lines += [f"    {names[i]} = numpy.dot(_W, {printer.doprint(shape)})"
              for i, shape in zip(integrals, shapes)]
    reduced = [e.xreplace(names) for e in exprs]
    allowed = {str(a) for a in args} | {str(n) for n in names.values()} | {str(sy.hbar), str(sy.k_B)}
    missing = {str(s) for e in reduced for s in e.free_symbols} - allowed
    if missing:
        raise ValueError(f"nonlinear_system: {sorted(missing)} are not arguments")
    temps, reduced = sp.cse(reduced, symbols=sp.numbered_symbols("_x"), optimizations=None)
    lines += [f"    {printer.doprint(s)} = {printer.doprint(v)}" for s, v in temps]
    lines.append(f"    return {', '.join(printer.doprint(r) for r in reduced)}")
    return lines


def _plain_body(exprs: list[sp.Expr], rewrites: tuple = ()) -> list[str]:
    printer = _printer()
    exprs = [stable(e, rewrites) for e in exprs]
    temps, reduced = sp.cse(exprs, symbols=sp.numbered_symbols("_x"), optimizations=None)
    lines = [f"    {printer.doprint(s)} = {printer.doprint(v)}" for s, v in temps]
    lines.append(f"    return {', '.join(printer.doprint(r) for r in reduced)}")
    return lines


def _signature(name: str, args: tuple, doc: str) -> list[str]:
    return ["", "", f"def {name}({', '.join(_NAMES.get(a, str(a)) for a in args)}):",
            '    """' + doc.replace("\\", "\\\\").replace("\n", "\n    ") + '\n    """']


def module() -> str:
    """The text of ``numeric/_beyond_kernels.py``."""
    from ...electrons.beyond_born import kappa_a, torque_integrand_exact, torque_with_delta_k
    from ...symbols import xi0
    from ...wall.nonlinear import system, tilt
    M, F = system()
    nonlinear_args = (_XI, sy.T_perp, sy.alpha, sy.a, sy.lam, sy.kappa, sy.J, sy.S, sy.J_sd,
                      sy.S_par)
    exact_args = (kappa_a, sy.j, sy.j0, sy.T, sy.mu, sy.eps0, sy.J_sd, sy.S, sy.eta)
    delta_args = (sy.j, sy.j0, sy.T, sy.mu, sy.eps0, sy.J_sd, sy.S, sy.delta_k, sy.a)
    lines = [
        BANNER,
        f"# source: derivation/wall/nonlinear.py, derivation/electrons/beyond_born.py "
        f"(derivation/export/codegen/beyond.py), SymPy {sp.__version__}",
        '"""Bare kernels beyond the letter: exact collective-coordinate integrals, T⊥ beyond Born.',
        "",
        "No input checks (see numeric.nonlinear, numeric.beyond_born); SI units; positional arguments.",
        '"""',
        "import numpy",
        "",
        "__all__ = ALL",  # the kernels' names, filled in below
        "",
        f"QUADRATURE_NODES = {QUADRATURE_NODES}  # Gauss–Legendre nodes on the profile angle p ∈ (0, π)",
        f"TILT_RANGE = {TILT_RANGE!r}  # |c| = |ξ0Φ0(0)| up to which the rule is exact to double precision",
        "_X, _WEIGHTS = numpy.polynomial.legendre.leggauss(QUADRATURE_NODES)",
        "_P = numpy.pi / 2 * (_X + 1)",
        "_W = numpy.pi / 2 * _WEIGHTS",
        "",
    ]
    for symbol, name in CONSTANT_NAMES.items():
        value = constants()[symbol]
        lines.append(f"{name} = {float(value)!r}  # {sy.entry(symbol).meaning}, exact SI: {sp.sstr(value)}")
    doc = ("M(ξ0), F(ξ0) of the exact collective-coordinate equations, M·(ξ̇0, Ẋ) = F\n"
           "(derivation.wall.nonlinear.system; letter's normalisation a³/S, SI units).\n\n"
           "Arguments: xi0 (scalar), T_perp, alpha, a [m], lam [m], kappa [m], J [J], S, J_sd [J],\n"
           "S_par [m].  Returns m11, m12, m21, m22, f1, f2.\n"
           "Each ∫₀^π dp is a Gauss–Legendre sum on QUADRATURE_NODES nodes.")
    lines += _signature("nonlinear_system", nonlinear_args, doc)
    lines += _quadrature_body([M[0, 0], M[0, 1], M[1, 0], M[1, 1], F[0], F[1]], nonlinear_args)
    doc = ("c = ξ0Φ0(0), the tilt at the wall centre, where |ξ0Φ0| is largest\n"
           "(derivation.wall.nonlinear.tilt).  Arguments: xi0, a [m], lam [m].")
    lines += _signature("tilt", (_XI, sy.a, sy.lam), doc)
    lines += _plain_body([tilt().subs(xi0, _XI)])
    doc = ("dT⊥/dκ at κ = ka: the exact steady state of (K) at O(E), derivation.electrons.beyond_born.\n\n"
           "Arguments: kappa_a, j [A/m²], j0 [A/m²], T [K], mu [J], eps0 [J], J_sd [J], S,\n"
           "eta [J] (= ħ/τ_el).  T⊥ = ∫_{-π}^{π} dκ of this.")
    lines += _signature("torque_integrand_exact", exact_args, doc)
    lines += _plain_body([torque_integrand_exact()])
    from ...electrons.beyond_born import torque_integrand_equilibrium
    doc = ("dT⊥/dκ at κ = ka: the second relaxation model (E), ρ relaxing towards f0(h_k) with the\n"
           "field as a force, at O(E); derivation.electrons.beyond_born.torque_integrand_equilibrium.\n\n"
           "Arguments as torque_integrand_exact.  T⊥ = ∫_{-π}^{π} dκ of this.")
    lines += _signature("torque_integrand_equilibrium", exact_args, doc)
    lines += _plain_body([torque_integrand_equilibrium()])
    doc = ("T⊥ (Born, η → 0) with the gauge shift δk [1/m] an argument, a [m] the lattice constant;\n"
           "derivation.electrons.beyond_born.torque_with_delta_k.  At δk = π/2a it is numeric.torque_perp.")
    lines += _signature("torque_perp_delta_k", delta_args, doc)
    lines += _plain_body([torque_with_delta_k()], ("cosh",))
    doc = ("⟨s_z⟩ per site at O(E) (derivation.electrons.torque.s_z_accumulation, Fermi function put in):\n"
           "the zone-edge term behind the step drop-sz.  Arguments: j, j0, T, mu, eps0.")
    lines += _signature("s_z_per_site", (sy.j, sy.j0, sy.T, sy.mu, sy.eps0), doc)
    lines += _plain_body([_s_z_with_fermi()])
    names = [line[4:line.index("(")] for line in lines if line.startswith("def ")]
    listed = ", ".join(map(repr, names + ["QUADRATURE_NODES", "TILT_RANGE"]))
    return "\n".join(lines).replace("__all__ = ALL", f"__all__ = [{listed}]") + "\n"


def _s_z_with_fermi() -> sp.Expr:
    """⟨s_z⟩ of :func:`derivation.electrons.torque.s_z_accumulation` with f0 = (1 − tanh((ε−µ)/2k_BT))/2."""
    from ...electrons.torque import s_z_accumulation
    energy = sp.Symbol("varepsilon", real=True)
    f0_tanh = sp.Lambda(energy, (1 - sp.tanh((energy - sy.mu) / (2 * sy.k_B * sy.T))) / 2)
    return s_z_accumulation().replace(sp.Function("f_0"), f0_tanh)

