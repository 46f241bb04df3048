"""The current polarisation of the letter's electron model, derived from its band and Eq. (4).

Beyond the letter, for the question the field asks of it: what non-adiabatic β does the
letter's mechanism amount to?  In the standard 1D model a wall moves at βu/α, u the
spin-drift velocity u = gµ_B P j/(2eM_s) (:data:`derivation.audit.literature.FORMULAS`),
so β_eff = αV*/u needs the model's P = (j↑ - j↓)/(j↑ + j↓).

The letter's conduction electrons, to the order its transport is computed (the band of
Eq. 2 with Â_z → -δk σ_z, :func:`derivation.electrons.gauge.band`, and the Boltzmann
distribution of Eq. 4, :func:`derivation.electrons.boltzmann.steady_state`; J_sd enters
only later, in the Born step of Eq. 19), carry the current

    j_σ = -(e/2π) ∫_{-π/a}^{π/a} dk v_kσ f1_kσ,   f1_kσ = (eEτ_el/ħ) ∂_k f0(ε_kσ),

per band σ, the eigenstates of σ_z in the frame of c̄.  Derived here:

* :func:`mirror_identity` — ε_k↓ = ε_{-k}↑, so the O(E) integrand of ↓ at k is that of ↑
  at -k (for any f0, hence any µ and T); the zone is symmetric, so j↑ = j↓ and
  **P = 0** along the bands' axis (:func:`band_polarisation`);
* :func:`local_spin_current` — the local spin is along x̄ in that frame
  (Û†(n0·σ)Û = σ_x, :func:`derivation.electrons.gauge.aligning_sign`), and the bands'
  density matrix diag(f↑, f↓) has Tr(σ_x ρ) = 0 at every k: no spin along the local
  moment is carried at all at this order.

So the model's u is zero and β_eff = αV*/u is not defined: the letter's drive is, in the
field's language, a non-adiabatic torque with no adiabatic torque beside it — a wall
velocity βu ≡ αV* with u = 0.  What can be compared with experiment is that product
(:mod:`opza.studies.beta`).
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from .boltzmann import f0, steady_state
from .gauge import aligning_sign, band, pauli, velocity
from ..symbols import a, e, k

__all__ = ["band_current_density", "mirror_identity", "band_polarisation",
           "local_spin_current"]


def band_current_density(spin: int) -> sp.Expr:
    """-(e/2π) v_kσ f1_kσ: the integrand of the O(E) current of band ``spin`` (0 ↑, 1 ↓)."""
    return sp.expand((-e / (2 * sp.pi) * velocity(band()[spin]) * steady_state(spin)).doit())


@cache
def mirror_identity() -> sp.Expr:
    """(integrand of ↓ at k) - (integrand of ↑ at -k): zero for any f0."""
    return sp.simplify(band_current_density(1) - band_current_density(0).subs(k, -k))


@cache
def band_polarisation() -> sp.Expr:
    """P = (j↑ - j↓)/(j↑ + j↓) over the zone (-π/a, π/a): zero.

    By :func:`mirror_identity`, j↑ - j↓ = ∫_{-π/a}^{π/a} [I↑(k) - I↑(-k)] dk, the integral
    of an odd function over a symmetric interval (checked: the integrand plus its mirror
    image vanishes); j↑ + j↓ is the letter's j, which does not.
    """
    if mirror_identity() != 0:
        raise ArithmeticError(f"the bands are not mirror images: {mirror_identity()}")
    odd = band_current_density(0) - band_current_density(0).subs(k, -k)
    if sp.simplify(odd + odd.subs(k, -k)) != 0:
        raise ArithmeticError("j↑ - j↓ has an even part")
    return sp.Integer(0)


@cache
def local_spin_current() -> sp.Expr:
    """Σ_σ v_kσ f_kσ (σ_x)_σσ / 2: the current of the spin along the local moment x̄, per k.

    The density matrix of the bands is diag(f_k↑, f_k↓) in the σ_z basis of c̄ (Eq. 4 at
    order J_sd⁰); the local moment is along x̄ there (the aligning Û); the velocity is
    diagonal.  ½Tr(σ_x {v, ρ}/2) vanishes identically.
    """
    from .gauge import _local_spin
    sigma_x = pauli()[0]
    if _local_spin(aligning_sign()) != sigma_x:  # Û†(n0·σ)Û: the local moment along x̄
        raise ArithmeticError("the local moment is not along x̄ in the frame of the bands")
    eps = band()
    v = sp.diag(*[velocity(e_) for e_ in eps])
    rho = sp.diag(*[f0(e_) + steady_state(s) for s, e_ in enumerate(eps)])
    return sp.simplify(((sigma_x * (v * rho + rho * v) / 2).trace() / 2).doit())
