"""T⊥ beyond the Born approximation, and with the gauge shift δk as an argument.

T⊥ beyond Born is the steady state of a kinetic equation for the 2×2 density matrix, a model of
this package (the letter has none; :data:`derivation.electrons.beyond_born.MODELS` names what
in it is the package's).  Two relaxation models, each solved in closed form to all orders in
J_sd, η = ħ/τ_el:

* ``relaxation="distributions"`` (K): iħρ̇ = [h_k, ρ] − iη(ρ − F_k), towards the distributions
  F_k of Eq. (4) (kernel ``torque_integrand_exact``);
* ``relaxation="equilibrium"`` (E): iħρ̇ = [h_k, ρ] − iη(ρ − f0(h_k)) + i eE∂_kρ, towards the
  equilibrium of the full h_k with the field as a force (kernel ``torque_integrand_equilibrium``).

Their O(E) k-integrands are generated (``numeric._beyond_kernels``) and integrated here with
``scipy.integrate.quad``.  SciPy is imported inside the function.

T⊥ depends on ħ/τ_el, which the letter's η → 0 hides: in both models it is the Born (20)
only for J_sd S ≪ ħ/τ_el ≪ k_BT, and tends to T⊥(20)·η/√(η² + (J_sd S)²) when η and J_sd S are
both ≪ k_BT; the two models differ when either is not.
"""
from __future__ import annotations

import math

import numpy as np

from . import _beyond_kernels as _k
from ._checks import check_array, outcome

__all__ = ["torque_perp_beyond_born", "torque_perp_delta_k", "RELAXATIONS"]

_ELECTRONS = (("j", "real"), ("j0", "positive"), ("T", "positive"), ("mu", "real"),
              ("eps0", "positive"), ("J_sd", "real"), ("S", "positive"))


RELAXATIONS = {"distributions": "torque_integrand_exact",
               "equilibrium": "torque_integrand_equilibrium"}


def torque_perp_beyond_born(*, j, j0, T, mu, eps0, J_sd, S=1.0, tau_el, relaxation="distributions"):
    """T⊥ [1] from the steady state of a relaxation model, all orders in J_sd (scalars).

    Parameters as :func:`numeric.torque_perp`, plus ``tau_el`` [s], the Boltzmann
    relaxation time, which sets η = ħ/τ_el (the letter takes η → 0 after Born), and
    ``relaxation``: ``"distributions"`` (towards Eq. 4's F_k, the default) or
    ``"equilibrium"`` (towards f0(h_k), field as a force); see the module docstring.
    ``quad`` over κ = ka ∈ (−π, π), breakpoints at the Lorentzian's width
    √(η² + (J_sd S)²) and the thermal width k_BT in Δε = (8ε0/π)κ; epsrel 1e-10.
    """
    from scipy.integrate import quad
    name = "torque_perp_beyond_born"
    if relaxation not in RELAXATIONS:
        raise ValueError(f"{name}: relaxation must be one of {', '.join(map(repr, RELAXATIONS))}, "
                         f"got {relaxation!r}")
    integrand = getattr(_k, RELAXATIONS[relaxation])
    values = {arg: float(check_array(name, arg, v, domain))
              for (arg, domain), v in zip(_ELECTRONS, (j, j0, T, mu, eps0, J_sd, S))}
    tau = float(check_array(name, "tau_el", tau_el, "positive"))
    eta = _k.HBAR / tau
    args = tuple(values.values()) + (eta,)
    slope = 8 * values["eps0"] / math.pi  # |dΔε/dκ|
    widths = [math.hypot(eta, values["J_sd"] * values["S"]) / slope, _k.K_B * values["T"] / slope]
    points = sorted({s * f * w for w in widths for f in (1, 10, 100) for s in (-1, 1)
                     if f * w < math.pi} | {0.0})
    if values["J_sd"] == 0.0:  # h_k diagonal: no coherence, T⊥ = 0 in both models
        total = 0.0
    else:
        with np.errstate(all="ignore"):
            total, _ = quad(lambda kap: integrand(kap, *args), -math.pi, math.pi,
                            points=points, limit=500, epsabs=0.0, epsrel=1e-10)
    return outcome(name, total, [np.float64(v) for v in args], tuple(values) + ("eta",))


def torque_perp_delta_k(*, j, j0, T, mu, eps0, J_sd, S=1.0, delta_k, a):
    """T⊥ [1] (Born, as derived) with the gauge shift δk [1/m] and lattice constant a [m].

    δk enters only through the k = 0 band energy ε_b = ħ²δk²/2m* = ε0 (2aδk/π)²;
    at δk = π/2a this is :func:`numeric.torque_perp`.
    """
    name = "torque_perp_delta_k"
    arguments = _ELECTRONS + (("delta_k", "positive"), ("a", "positive"))
    checked = [check_array(name, arg, v, domain)
               for (arg, domain), v in zip(arguments, (j, j0, T, mu, eps0, J_sd, S, delta_k, a))]
    with np.errstate(all="ignore"):
        result = _k.torque_perp_delta_k(*checked)
    return outcome(name, result, checked, tuple(arg for arg, _ in arguments))
