"""T⊥ beyond the Born approximation (19), and with the gauge shift δk as a parameter.

Exact treatment (stated once, used everywhere here): at each k the 2×2
density matrix ρ_k of c̄ obeys the letter's own kinetic equation with the s-d
coupling kept to all orders,

    iħ ∂t ρ_k = [h_k, ρ_k] − iη (ρ_k − F_k),        h_k = diag(ε_k↑, ε_k↓) + V,     (K)

where V = −(J_sd S/2) Û†(n0·σ)Û (:func:`derivation.electrons.torque.sd_matrix`), F_k =
diag(f_k↑, f_k↓) the Boltzmann distributions of Eq. (4), and η = ħ/τ_el the
rate at which the electrons relax to them.  Its first order in V is exactly
the equation :func:`derivation.electrons.torque.green_lesser` solves for Eq. (19)
(checked by :func:`born_limit_difference`); (K) is solved here in closed form
(a Bloch equation), to all orders in J_sd.

The steady state gives ⟨s̄_y⟩_k = ½ Tr(σ_y ρ_k) as a Lorentzian in the band
splitting Δε_k = ε_k↑ − ε_k↓ of width √(η² + (J_sd S)²) and weight ∝ η:
the letter's δ(Δε) (η → 0 *after* J_sd → 0) becomes, at finite J_sd,

    ∫ dΔε  η J_sd S / (η² + (J_sd S)² + Δε²) = π J_sd S · η/√(η² + (J_sd S)²),

so the exact T⊥ vanishes as η → 0 at fixed J_sd (the spin follows the
avoided crossing adiabatically) and equals the Born T⊥ only for
J_sd S ≪ η = ħ/τ_el ≪ k_BT.  The k-integral with the Fermi functions is done by
quadrature in :mod:`numeric.beyond_born`.

δk: :func:`torque_with_delta_k` is the derived T⊥ in the letter's variables
(j, j0, ε0) with δk kept: it enters only through the k = 0 band energy
ε_b = ħ²δk²/2m* (:func:`derivation.electrons.torque.delta_k_dependence`).
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from .gauge import band, pauli
from ..audit.letter import DEFINITIONS, e_dn, e_up, f_dn, f_up
from ..symbols import J_sd, a, delta_k, eta, hbar, k, tau_el

__all__ = ["kinetic_equation", "steady_state", "spin_y", "born_limit_difference",
           "torque_integrand_exact", "torque_with_delta_k", "kappa_a"]

# κ = k a, the dimensionless wave number over the zone (-π, π)
kappa_a = sp.Symbol("kappa_a", real=True)


def kinetic_equation(rho: sp.Matrix) -> sp.Matrix:
    """[h, ρ] − iη(ρ − F) for the 2×2 problem (K), h = diag(ε↑, ε↓) + V; zero in the steady state."""
    from .torque import sd_matrix
    h = sp.diag(e_up, e_dn) + sd_matrix()
    F = sp.diag(f_up, f_dn)
    return h * rho - rho * h - sp.I * eta * (rho - F)


@cache
def steady_state() -> sp.Matrix:
    """The exact steady state ρ of (K), all orders in J_sd (4 linear equations, solved by SymPy)."""
    r = sp.Matrix(2, 2, sp.symbols("rho_11 rho_12 rho_21 rho_22"))
    (solution,) = sp.linsolve(list(kinetic_equation(r)), list(r))
    return sp.Matrix(2, 2, list(solution)).applyfunc(sp.factor)


@cache
def spin_y() -> sp.Expr:
    """⟨s̄_y⟩_k = ½ Tr(σ_y ρ) in the exact steady state, as a function of ε↑, ε↓, f↑, f↓."""
    return sp.factor(sp.simplify((pauli()[1] * steady_state()).trace() / 2))


@cache
def born_limit_difference() -> sp.Expr:
    """O(J_sd) part of the exact ⟨s̄_y⟩ minus the Born one of :func:`derivation.electrons.torque.green_lesser`.

    Simplifies to 0: (K) is the all-orders completion of the letter's Eq. (19) with broadening η.
    """
    from .torque import green_lesser, spin_from_green
    g = sp.Symbol("g_series")
    exact = spin_y().subs(J_sd, g * J_sd)
    first = sp.series(exact, g, 0, 2).removeO().subs(g, 1)
    born = spin_from_green(green_lesser(eta))["y"]
    return sp.simplify(first - born)


@cache
def torque_integrand_exact() -> sp.Expr:
    """dT⊥/dκ (κ = ka ∈ (−π, π)): the exact ⟨s̄_y⟩_k at O(E), in the letter's variables.

    T⊥ = π·(a/2π)∫dk ⟨s̄_y⟩_k = ½∫dκ ⟨s̄_y⟩ (per-site weights of :mod:`derivation.electrons.torque`);
    f_kσ − f0(ε_kσ) is the O(E) part of Eq. (4) (the O(E⁰) part is odd in k and
    integrates to zero); then j, j0, ε0, δk = π/2a and η = ħ/τ_el put in.
    Arguments left: κ, j, j0, T, µ, ε0, J_sd, S, η.
    """
    from .boltzmann import distribution, f0, fermi
    from ..symbols import T, k_B, mu
    from .torque import _weights, in_currents
    up, dn = band()
    # the O(E) part of Eq. (4), f_kσ − f0(ε_kσ) = τ_el (eE/ħ) ∂_k f0(ε_kσ), with f0 in its
    # tanh form (bounded derivative, no overflow); the identity with Fermi–Dirac is checked
    energy = sp.Symbol("varepsilon", real=True)
    f0_tanh = (1 - sp.tanh((energy - mu) / (2 * k_B * T))) / 2
    if sp.simplify((f0_tanh - fermi(energy)).rewrite(sp.exp)) != 0:
        raise ArithmeticError("tanh form of the Fermi function is wrong")
    tanh_form = sp.Lambda(energy, f0_tanh)
    current = {f_up: (distribution(0) - f0(up)).replace(f0, tanh_form).doit(),
               f_dn: (distribution(1) - f0(dn)).replace(f0, tanh_form).doit()}
    s_y = spin_y().subs(current).subs({e_up: up, e_dn: dn})
    # T⊥ = π (a/2π) ∫dk ⟨s̄_y⟩_k, and dk = dκ/a
    integrand = _weights()["T_perp"] * a / (2 * sp.pi) * s_y / a
    integrand = in_currents(integrand.subs(k, kappa_a / a).subs(delta_k, DEFINITIONS[delta_k]))
    integrand = sp.factor_terms(sp.expand(integrand.subs(tau_el, hbar / eta)))
    if integrand.has(a):
        raise ArithmeticError(f"the lattice constant did not drop out: {integrand}")
    return integrand


@cache
def torque_with_delta_k() -> sp.Expr:
    """T⊥ (η → 0, Born, as derived) in j, j0, ε0, µ, T with δk kept as an argument.

    Same substitutions as :func:`derivation.electrons.torque.torque_in_currents` except δk;
    at δk = π/2a it is that expression (checked in the tests).
    """
    from .torque import in_currents, torque
    return sp.simplify(in_currents(torque()))
