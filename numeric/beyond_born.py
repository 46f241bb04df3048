"""T⊥ beyond the Born approximation, and with the gauge shift δk as an argument.

The exact treatment is the steady state of the 2×2 kinetic equation (K) of
:mod:`derivation.electrons.beyond_born`, iħρ̇ = [h_k, ρ] − iη(ρ − F_k), η = ħ/τ_el, solved in
closed form to all orders in J_sd; its O(E) k-integrand is generated
(``numeric._beyond_kernels.torque_integrand_exact``) and integrated here with
``scipy.integrate.quad``.  SciPy is imported inside the function.

The exact T⊥ depends on ħ/τ_el, which the letter's η → 0 hides: it is the Born
(20) only for J_sd S ≪ ħ/τ_el ≪ k_BT, and ∝ ħ/(τ_el J_sd S) when J_sd S ≫ ħ/τ_el.
"""
from __future__ import annotations

import math

import numpy as np

from . import _beyond_kernels as _k
from ._checks import check_array, outcome

__all__ = ["torque_perp_beyond_born", "torque_perp_delta_k"]

_ELECTRONS = (("j", "real"), ("j0", "positive"), ("T", "positive"), ("mu", "real"),
              ("eps0", "positive"), ("J_sd", "real"), ("S", "positive"))


def torque_perp_beyond_born(*, j, j0, T, mu, eps0, J_sd, S=1.0, tau_el):
    """T⊥ [1] from the exact steady state of (K), all orders in J_sd (scalars).

    Parameters as :func:`numeric.torque_perp`, plus ``tau_el`` [s], the Boltzmann
    relaxation time, which sets η = ħ/τ_el (the letter takes η → 0 after Born).
    ``quad`` over κ = ka ∈ (−π, π), breakpoints at the Lorentzian's width
    √(η² + (J_sd S)²) and the thermal width k_BT in Δε = (8ε0/π)κ; epsrel 1e-10.
    """
    from scipy.integrate import quad
    name = "torque_perp_beyond_born"
    values = {arg: float(check_array(name, arg, v, domain))
              for (arg, domain), v in zip(_ELECTRONS, (j, j0, T, mu, eps0, J_sd, S))}
    tau = float(check_array(name, "tau_el", tau_el, "positive"))
    eta = _k.HBAR / tau
    args = tuple(values.values()) + (eta,)
    slope = 8 * values["eps0"] / math.pi  # |dΔε/dκ|
    widths = [math.hypot(eta, values["J_sd"] * values["S"]) / slope, _k.K_B * values["T"] / slope]
    points = sorted({s * f * w for w in widths for f in (1, 10, 100) for s in (-1, 1)
                     if f * w < math.pi} | {0.0})
    with np.errstate(all="ignore"):
        total, _ = quad(lambda kap: _k.torque_integrand_exact(kap, *args), -math.pi, math.pi,
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
