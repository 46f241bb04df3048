"""The lattice model behind Eq. (1), derived: its continuum limit and its equation of motion.

:mod:`numeric.llg` simulates N classical spins S n_i on a chain of spacing a.  Two things
it relies on are derived here, so that the simulation answers to the same Lagrangian as
the collective coordinates:

* :func:`continuum_limit`: the site energy (bond 1 - n_i·n_{i+1}, easy axis, hard axis,
  times JS²/a² per unit area, Σ_i → ∫dx/a) expanded in a with n_{i+1} = n(x + a) is the
  density of Eq. (1) with the step ``uniform-energy``, :func:`derivation.model.energy_density`,
  plus a total derivative at O(a) and O(a²) corrections (the discretisation error);
* :func:`llg_from_lagrangian`: the Euler–Lagrange–Rayleigh equations of one site,
  L = ħS(cos θ - 1)ϕ̇ - H, W = (α/2)ħS ṅ² (the per-site forms of L_DW above Eq. 9 and of
  Eq. 11), are the Landau–Lifshitz–Gilbert equation
  ṅ = [n × h - α n × (n × h)]/(ħS(1 + α²)), h = -∂H/∂n, that numeric.llg integrates.
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from ..model import ansatz, energy_density, unit_vector
from ..symbols import J, S, a, alpha, hbar, kappa, lam, t, x

__all__ = ["site_energy", "continuum_limit", "continuum_check", "next_order_check",
           "llg_from_lagrangian",
           "landau_lifshitz", "llg_check"]

_COMPONENTS = [sp.Function(f"n_{c}", real=True) for c in "xyz"]


def site_energy(n_i: sp.Matrix, n_next: sp.Matrix) -> sp.Expr:
    """JS²/a² [1 - n_i·n_{i+1} + (a/λ)²(1 - n_x²)/2 + (a/κ)² n_z²/2], per unit area.

    The site energy of numeric.llg (measured from the uniform state; s-d term apart).
    """
    return J * S**2 / a**2 * (1 - n_i.dot(n_next) + (a / lam) ** 2 * (1 - n_i[0] ** 2) / 2
                              + (a / kappa) ** 2 * n_i[2] ** 2 / 2)


@cache
def continuum_limit(order: int = 4) -> dict[int, sp.Expr]:
    """The energy density per unit length of the lattice, as a series in a.

    Σ_i e_i = ∫dx e(x)/a with n_{i+1} = n(x + a), for a field n(x) = (n_x, n_y, n_z)(x)
    (components left general; the ansatz is put in by :func:`continuum_check`); expanded
    by ``series``.  Returns {k: c_k} with e/a = Σ_k c_k a^k, k = -3, …, order - 4.
    """
    n = sp.Matrix([f(x) for f in _COMPONENTS])
    n_next = sp.Matrix([f(x + a) for f in _COMPONENTS])
    bracket = site_energy(n, n_next) * a**2 / (J * S**2)
    series = sp.series(bracket, a, 0, order).removeO().doit()
    return {k - 3: sp.expand(J * S**2 * series.coeff(a, k)) for k in range(order)}


def _on_ansatz(expr: sp.Expr) -> sp.Expr:
    phi, theta = ansatz(abstract=True)
    n = unit_vector(theta, phi)
    return expr.subs({f(x): n[i] for i, f in enumerate(_COMPONENTS)}).doit()


def _vanishes(expr: sp.Expr) -> sp.Expr:
    """Simplify after freezing the profile functions and their derivatives to symbols."""
    # xreplace works top-down: a frozen derivative is not entered to freeze its function
    atoms = sorted(expr.atoms(sp.Subs, sp.Derivative, sp.core.function.AppliedUndef), key=str)
    frozen = {at: sp.Symbol(f"f{i}", real=True) for i, at in enumerate(atoms)}
    return sp.simplify(sp.trigsimp(sp.expand(expr.xreplace(frozen))))


@cache
def continuum_check() -> dict[str, sp.Expr]:
    """The continuum limit against Eq. (1) on the ansatz (7)-(8); every entry is zero.

    "a^-3", "a^-2": the terms 1 - |n|² and -n·∂xn, zero for a unit vector;
    "a^-1 - model": the leading term minus :func:`derivation.model.energy_density`
    (which carries the step ``uniform-energy``).
    """
    terms = continuum_limit(4)
    return {"a^-3": _vanishes(_on_ansatz(terms[-3])),
            "a^-2": _vanishes(_on_ansatz(terms[-2])),
            "a^-1 - model": _vanishes(_on_ansatz(terms[-1]) / a - energy_density())}


@cache
def next_order_check() -> sp.Expr:
    """The O(a⁰) term minus dF/dx, F = (JS²/4)(∂xn)², on the ansatz: zero.

    The next term is a total derivative and integrates to zero over the wall, so the first
    correction to the wall's energy is O(a) against the O(a⁻¹) leading term: the
    discretisation error is O((a/λ)²).
    """
    n = unit_vector(*reversed(ansatz(abstract=True)))
    total_derivative = (J * S**2 / 4 * sum(c.diff(x) ** 2 for c in n)).diff(x)
    return _vanishes(_on_ansatz(continuum_limit(4)[0]) - total_derivative)


def landau_lifshitz(n: sp.Matrix, h: sp.Matrix) -> sp.Matrix:
    """ṅ = [n × h - α n × (n × h)]/(ħS(1 + α²)): the form numeric.llg integrates."""
    p = n.cross(h)
    return (p - alpha * n.cross(p)) / (hbar * S * (1 + alpha**2))


@cache
def llg_from_lagrangian() -> dict[str, sp.Expr]:
    """(θ̇, ϕ̇) of one site from L = ħS(cos θ - 1)ϕ̇ - H, W = (α/2)ħS ṅ².

    H enters the equations only through h = -∂H/∂n at the site, so H = -h·n with h a
    constant vector gives the general equations.  d/dt ∂L/∂q̇ - ∂L/∂q = -∂W/∂q̇,
    q = θ, ϕ: linear in (θ̇, ϕ̇), solved by ``linsolve``.
    """
    theta, phi = sp.Function("theta", real=True)(t), sp.Function("phi", real=True)(t)
    h = sp.Matrix(sp.symbols("h_x h_y h_z", real=True))
    n = unit_vector(theta, phi)
    L = hbar * S * (sp.cos(theta) - 1) * phi.diff(t) + h.dot(n)
    W = alpha / 2 * hbar * S * sum(c.diff(t) ** 2 for c in n)
    rates = sp.symbols("theta_dot phi_dot", real=True)
    frozen = {theta.diff(t): rates[0], phi.diff(t): rates[1]}
    eqs = [(sp.diff(L.diff(q.diff(t)), t) - L.diff(q) + W.diff(q.diff(t))).subs(frozen)
           for q in (theta, phi)]
    (theta_dot, phi_dot), = sp.linsolve([sp.trigsimp(e) for e in eqs], rates)
    return {"theta_dot": theta_dot, "phi_dot": phi_dot, "theta": theta, "phi": phi, "h": h}


@cache
def llg_check() -> sp.Matrix:
    """ṅ from the Euler–Lagrange–Rayleigh equations minus the Landau–Lifshitz form: zero."""
    sol = llg_from_lagrangian()
    theta, phi, h = sol["theta"], sol["phi"], sol["h"]
    n = unit_vector(theta, phi)
    ndot = n.diff(theta) * sol["theta_dot"] + n.diff(phi) * sol["phi_dot"]
    return (ndot - landau_lifshitz(n, h)).applyfunc(lambda e: sp.simplify(sp.trigsimp(sp.factor(e))))
