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
from ..memo import stage
from ..symbols import E_field, T, e, hbar, k, k_B, mu, t, tau_el

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
    as in :func:`derivation.electrons.gauge.band`.
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


@cache
def verdicts() -> list:
    """Eq. (4): the distribution."""
    import sympy as sp

    from . import boltzmann
    from . import gauge
    from ..audit.notes import show
    from ..audit.letter import printed
    from ..audit.verdicts import Verdict, judge
    sec = "torque"
    band = gauge.band()
    out = []
    dist = boltzmann.distribution(0)
    from ..audit.letter import f0_k as f0_sym, f0_prime_k as f0p_sym, v_k as v_sym
    xi_ = sp.Dummy("xi")
    four = printed("4", "f_k").expr.subs({
        f0_sym: boltzmann.f0(band[0]), v_sym: gauge.velocity(band[0]),
        f0p_sym: sp.Subs(sp.Derivative(boltzmann.f0(xi_), xi_), xi_, band[0])})
    dist = dist.doit()
    out.append(Verdict("4", "f_k", judge(dist, four)[0], dist, printed("4", "f_k").expr,
                       printed("4", "f_k").latex,
                       "t → ∞ of the dsolve solution f1(t) = "
                       f"{show(boltzmann.transient(0))} (spin ↑); that limit is the printed "
                       "form by the chain rule ∂_k f0 = ħv ∂f0/∂ε",
                       ("boltzmann-linear",), sec, basis="identity"))
    return out
