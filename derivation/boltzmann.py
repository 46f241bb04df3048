"""Boltzmann relaxation of the conduction electrons, Eq. (4).

The linearised Boltzmann equation in the relaxation-time approximation, with
the force -eE on a charge -e switched on at t = 0,

    ∂f1/∂t = -f1/τ_el + (eE/ħ) ∂f0(ε_kσ)/∂k,      f1(0) = 0,

is solved by ``dsolve`` with f0 left abstract; its t → ∞ limit is Eq. (4)
(step ``boltzmann-linear``).  :func:`fermi` is substituted for f0 where numbers
or closed forms are needed.
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from .gauge import band
from .memo import stage
from .symbols import E_field, T, e, hbar, k, k_B, mu, t, tau_el

__all__ = ["f0", "fermi", "transient", "steady_state", "distribution", "with_fermi"]

f0 = sp.Function("f_0")  # the equilibrium distribution, abstract until with_fermi
_eps = sp.Symbol("varepsilon", real=True)


def fermi(energy: sp.Expr) -> sp.Expr:
    """Fermi–Dirac f0(ε) = 1/(exp[(ε - µ)/k_BT] + 1)."""
    return 1 / (sp.exp((energy - mu) / (k_B * T)) + 1)


def with_fermi(expr: sp.Expr) -> sp.Expr:
    """Replace the abstract f0 by the Fermi–Dirac function (derivatives included)."""
    return expr.replace(f0, sp.Lambda(_eps, fermi(_eps))).doit()


@cache
def _relaxation_solution() -> sp.Expr:
    """f1(t) for a constant source g: dsolve of ∂f1/∂t = -f1/τ_el + (eE/ħ) g, f1(0) = 0."""
    source = sp.Symbol("g")
    f1 = sp.Function("f1")
    ode = sp.Eq(f1(t).diff(t), -f1(t) / tau_el + e * E_field / hbar * source)
    return sp.factor(sp.dsolve(ode, f1(t), ics={f1(0): 0}).rhs)


@stage
def transient(spin: int, sign: int | None = None) -> sp.Expr:
    """f1_kσ(t) for spin 0 (↑) or 1 (↓); t ≳ τ_el is where T⊥ builds up.

    The source ∂f0(ε_kσ)/∂k is left as an unevaluated derivative, so that
    k-integrals of it are boundary terms.  ``sign`` selects the gauge rotation
    as in :func:`derivation.gauge.band`.
    """
    source = sp.Derivative(f0(band(sign=sign)[spin]), k)
    return _relaxation_solution().subs(sp.Symbol("g"), source)


@cache
def _steady_state() -> sp.Expr:
    """lim_{t→∞} f1(t) for the constant source g: taken once, for every k and spin."""
    return sp.limit(_relaxation_solution(), t, sp.oo)


@stage
def steady_state(spin: int, sign: int | None = None) -> sp.Expr:
    """lim_{t→∞} f1_kσ(t), the O(E) part of Eq. (4), with its source ∂f0(ε_kσ)/∂k."""
    return _steady_state().subs(sp.Symbol("g"), sp.Derivative(f0(band(sign=sign)[spin]), k))


@stage
def distribution(spin: int, sign: int | None = None) -> sp.Expr:
    """f_kσ = f0 + lim_{t→∞} f1 (Eq. 4), as a function of k."""
    return f0(band(sign=sign)[spin]) + steady_state(spin, sign)
