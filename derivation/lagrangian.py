"""The collective-coordinate Lagrangian and dissipation, Eqs. (9)-(11), integrated over x.

The densities of :mod:`derivation.model` are shifted by x → x + X (the wire is
infinite), expanded to second order in the small amplitudes (ξ0, ξ̇0, Ẋ) —
the step ``small-amplitude`` — and integrated term by term.  Every wall
integral becomes rational in E = e^{x/λ} (ϕ0 = 2 arctan E), so SymPy
integrates it exactly over E ∈ (0, ∞).

With ``order=None`` the exact x-integrals are returned unevaluated, for
quadrature.
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from .memo import stage
from .model import (ZERO_MODE, berry_density, concrete, energy_density, n0,
                    rayleigh_density, sd_density, spin_accumulation)
from .symbols import E_, X, lam, t, x, xi0

__all__ = [
    "integrate_line", "amplitude_series", "kinetic_lagrangian", "wall_energy",
    "wall_lagrangian", "s_d_lagrangian", "rayleigh", "functionals",
    "F0_of_X", "S_par_of_X", "S_z_of_X", "energy_terms",
]

# the functionals of ⟨s⟩ that L_sd is written in (Eq. 10); functions of X(t)
F0_of_X = sp.Function("F_0", real=True)(X)
S_par_of_X = sp.Function("S_par", real=True)(X)
S_z_of_X = sp.Function("S_z", real=True)(X)

_eps = sp.Symbol("epsilon_amp", positive=True)  # bookkeeping for small amplitudes
_xi, _xidot, _Xdot = sp.symbols("xi xidot Xdot", real=True)


def _freeze(expr: sp.Expr) -> sp.Expr:
    # ξ0, ξ̇0, Ẋ -> plain symbols, so series and integrals see constants
    return expr.subs({xi0.diff(t): _xidot, X.diff(t): _Xdot}).subs({xi0: _xi})


def _thaw(expr: sp.Expr) -> sp.Expr:
    return expr.subs({_xidot: xi0.diff(t), _Xdot: X.diff(t), _xi: xi0})


@cache
def integrate_line(density: sp.Expr) -> sp.Expr:
    """∫_{-∞}^{∞} dx of a wall density, by the substitution E = e^{x/λ}.

    The density must depend on x only through ϕ0(x) and its derivatives; it
    is then rational in E, and dx = λ dE/E.  Partial fractions first: each is a
    constant times one of a few shapes E^m/(E² + 1)^n, which SymPy integrates
    over E ∈ (0, ∞) once per shape.
    """
    integrand = sp.expand_trig(density.subs(x, lam * sp.log(E_)) * lam / E_)
    integrand = sp.factor(sp.together(sp.powsimp(integrand, force=True)))
    if integrand.has(sp.exp, sp.log, sp.atan) or not integrand.is_rational_function(E_):
        raise ValueError(f"density is not rational in e^(x/lambda): {integrand}")
    total = sp.S.Zero
    for fraction in sp.Add.make_args(sp.apart(integrand, E_)):
        constant, shape = fraction.as_independent(E_, as_Add=False)
        total += constant * _half_line(shape)
    return sp.factor(total)


@cache
def _half_line(shape: sp.Expr) -> sp.Expr:
    # ∫_0^∞ dE of one partial fraction E^m/(E² + 1)^n
    return sp.integrate(shape, (E_, 0, sp.oo))


def amplitude_series(density: sp.Expr, order: int) -> sp.Expr:
    """Density to ``order`` in the small amplitudes ξ0, ξ̇0, Ẋ (step ``small-amplitude``).

    A bookkeeping ε (ξ0 → εξ0, ξ̇0 → εξ̇0, Ẋ → εẊ) is put in; each function of ε
    (cos εξ0Φ0, sin εξ0Φ0) is replaced by its own ``series`` in ε, the product expanded
    and truncated at ε^order; faster than ``series`` or ε-derivatives of the whole density.
    """
    scaled = _freeze(density).subs({_xi: _eps * _xi, _xidot: _eps * _xidot,
                                    _Xdot: _eps * _Xdot})
    taylor = {f: sp.series(f, _eps, 0, order + 1).removeO()
              for f in scaled.atoms(sp.Function) if f.has(_eps)}
    polynomial = sp.expand(scaled.xreplace(taylor))
    if not polynomial.is_polynomial(_eps):
        raise ValueError(f"density is not a series in the amplitudes: {density}")
    return sp.Add(*(term for term in sp.Add.make_args(polynomial)
                    if sp.degree(term, _eps) <= order)).subs(_eps, 1)


def _integrate_terms(density: sp.Expr, order: int | None) -> sp.Expr:
    shifted = density.subs(x, x + X)  # translation: the integrand is a function of x - X
    if order is None:
        return sp.Integral(concrete(shifted), (x, -sp.oo, sp.oo))
    expanded = amplitude_series(shifted, order)
    total = sp.S.Zero
    for coeff, monomial in _by_monomial(expanded):
        total += integrate_line(concrete(coeff)) * monomial
    return _thaw(total)


def _by_monomial(expr: sp.Expr):
    poly = sp.Poly(expr, _xi, _xidot, _Xdot)
    for powers, coeff in poly.terms():
        yield coeff, sp.Mul(*(s**p for s, p in zip((_xi, _xidot, _Xdot), powers)))


@stage
def kinetic_lagrangian(order: int | None = 2) -> sp.Expr:
    """(ħS/a³) ∫dx (cos θ - 1) ϕ̇, the Berry-phase part of Eq. (9)."""
    return _integrate_terms(berry_density(), order)


@stage
def wall_energy(order: int | None = 2) -> sp.Expr:
    """H_DW of Eq. (1) on the ansatz (with the step ``uniform-energy``)."""
    return _integrate_terms(energy_density(), order)


@cache
def energy_terms() -> dict[str, sp.Expr]:
    """The O(ξ0²) part of H_DW split into exchange + easy axis and hard axis.

    Shows explicitly that the exchange and easy-axis O(ξ0²) terms integrate to
    zero (Φ0 is the ϕ zero mode) and only the hard axis is left.
    """
    from .symbols import kappa
    series = amplitude_series(energy_density().subs(x, x + X), 2)
    quadratic = series.coeff(_xi, 2)
    soft = quadratic.subs(kappa, sp.oo)  # exchange and easy axis: no κ
    hard = sp.expand(quadratic - soft)
    return {"exchange+easy-axis": integrate_line(concrete(soft)) * xi0**2,
            "hard-axis": integrate_line(concrete(hard)) * xi0**2,
            "wall energy (xi0^0)": integrate_line(concrete(series.coeff(_xi, 0)))}


@stage
def wall_lagrangian(order: int | None = 2) -> sp.Expr:
    """L_DW = (ħS/a³)∫(cos θ - 1)ϕ̇ - H_DW, Eq. (9)."""
    if order is None:
        return kinetic_lagrangian(None) - wall_energy(None)
    return sp.expand(kinetic_lagrangian(order) - wall_energy(order))


@cache
def functionals() -> dict[sp.Expr, sp.Expr]:
    """Integrands (in the shifted variable) of the functionals F0, S∥, S_z of ⟨s⟩.

    F0 ≡ ∫dx n0(x-X)·⟨s(x)⟩, S∥ ≡ ∫dx Φ0²(x-X) n0(x-X)·⟨s(x)⟩ (Eq. 10),
    S_z ≡ ∫dx Φ0(x-X) ⟨s_z(x)⟩ (the term the letter drops).
    """
    s = spin_accumulation().subs(x, x + X)
    return {F0_of_X: n0(abstract=True).dot(s),
            S_par_of_X: ZERO_MODE(x) ** 2 * n0(abstract=True).dot(s),
            S_z_of_X: ZERO_MODE(x) * s[2]}


def _identify(coeff: sp.Expr) -> sp.Expr:
    """Write an x-integrand linear in ⟨s⟩ as (constant) × one of the functionals."""
    for name, integrand in functionals().items():
        ratio = sp.cancel(coeff / integrand)
        if not ratio.has(x):
            return ratio * name
    raise ValueError(f"no functional of <s> matches the integrand {coeff}")


@stage
def s_d_lagrangian(order: int | None = 2, keep_sz: bool = False) -> sp.Expr:
    """L_sd = (J_sd S/a³)∫dx n·⟨s⟩, Eq. (10), in terms of F0, S∥ (and S_z).

    ``keep_sz=False`` is the letter's step ``drop-sz``.
    """
    shifted = sd_density().subs(x, x + X)
    if order is None:
        return sp.Integral(concrete(shifted), (x, -sp.oo, sp.oo))
    expanded = amplitude_series(shifted, order)
    total = sp.S.Zero
    for coeff, monomial in _by_monomial(expanded):
        total += _identify(coeff) * monomial
    total = _thaw(total)
    return total if keep_sz else total.subs(S_z_of_X, 0)


@stage
def rayleigh(order: int | None = 2) -> sp.Expr:
    """W = (α/2)(ħS/a³)∫dx ṅ², Eq. (11)."""
    return sp.expand(_integrate_terms(rayleigh_density(), order)) if order is not None \
        else _integrate_terms(rayleigh_density(), None)


@stage
def lagrangian(order: int | None = 2, keep_sz: bool = False) -> sp.Expr:
    """L = L_DW + L_sd."""
    return wall_lagrangian(order) + s_d_lagrangian(order, keep_sz)


__all__.append("lagrangian")
