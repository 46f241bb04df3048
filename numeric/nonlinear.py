"""The collective coordinates without the small-amplitude step: relaxation, stationary states.

The equations M(ξ0)·(ξ̇0, Ẋ) = F(ξ0) are :func:`derivation.wall.nonlinear.system`, exact in
ξ0 (generated in ``numeric._beyond_kernels`` with Gauss–Legendre quadrature for the
x-integrals).  SciPy is imported inside the functions (``pip install opza[nonlinear]``).

Properties of this model — of the letter's ansatz (7)-(8), not of the wall it describes —
that the functions below make checkable (derivation in :mod:`derivation.wall.nonlinear`):

* the model has **no Walker-type threshold**: for every T⊥ the flow ξ̇0 = N(ξ0)/det M from
  rest ends at a stationary state with |c| = |ξ0Φ0(0)| below the first zero c₁ ≈ 1.9 of the
  torque's coefficient, because det M < 0 everywhere and N changes sign before c₁ — its
  tilted spins cannot turn the wall's plane, which the spin chain does beyond a critical
  torque (:func:`numeric.llg.stationary_limit`; the rigid profile predicts it,
  :func:`numeric.critical_torque`);
* the ansatz (8) stops making sense at |c| = π/2 (the wall-centre spin reaches the pole);
  :func:`ansatz_limit_torque` is the |T⊥| at which the stationary tilt gets there.
"""
from __future__ import annotations

import math

import numpy as np

from . import _beyond_kernels as _k
from ._api import numpy_backend
from ._checks import check_array

__all__ = ["nonlinear_rates", "nonlinear_relaxation", "stationary_state", "ansatz_limit_torque",
           "tilt"]

# solve_ivp settings of nonlinear_relaxation (time in units of the linear τ_DW)
SOLVER = {"method": "LSODA", "rtol": 1e-10, "atol_relative": 1e-13}

_WALL = (("alpha", "positive"), ("a", "positive"), ("lam", "positive"), ("kappa", "positive"),
         ("J", "positive"), ("S", "positive"), ("J_sd", "real"), ("S_par", "real"))


def _wall(name: str, values: dict) -> tuple:
    checked = tuple(float(check_array(name, arg, values[arg], domain)) for arg, domain in _WALL)
    alpha, a, lam, kappa, J, S, J_sd, S_par = checked
    if a**3 * J * S / kappa**2 + J_sd * S_par <= 0:
        raise ValueError(f"{name}: a**3*J*S/kappa**2 + J_sd*S_par must be > 0, got "
                         f"J_sd={J_sd!r}, S_par={S_par!r} (unstable wall)")
    return checked


def _torque(name: str, value) -> float:
    return float(check_array(name, "T_perp", value, "real"))


def tilt(xi0, *, a, lam):
    """c = ξ0 Φ0(0) = ξ0 √(a/2λ): the largest |ξ0Φ0|, at the wall centre (generated from
    :func:`derivation.wall.nonlinear.tilt`); for the terminal state of the letter's linear
    theory, :func:`numeric.psi_star` gives |c| from the wall's parameters."""
    return _k.tilt(np.asarray(xi0), a, lam)


def _system(xi: float, T_perp: float, wall: tuple):
    c = _k.tilt(xi, wall[1], wall[2])
    if not abs(c) <= _k.TILT_RANGE:
        raise ValueError(f"tilt |xi0*Phi0(0)| = {abs(c):.3g} beyond the quadrature's range "
                         f"{_k.TILT_RANGE} (and far beyond the ansatz's pi/2)")
    return _k.nonlinear_system(xi, T_perp, *wall)


def _rates(xi: float, T_perp: float, wall: tuple) -> tuple[float, float]:
    m11, m12, m21, m22, f1, f2 = _system(xi, T_perp, wall)
    det = m11 * m22 - m12 * m21  # < 0 for every ξ0 (derivation.wall.nonlinear.no_threshold)
    return (f1 * m22 - m12 * f2) / det, (m11 * f2 - m21 * f1) / det


def nonlinear_rates(xi0, *, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0):
    """(ξ̇0 [1/s], Ẋ [m/s]) at ξ0 from the exact equations; scalar ξ0."""
    wall = _wall("nonlinear_rates", locals())
    return _rates(float(check_array("nonlinear_rates", "xi0", xi0, "real")),
                  _torque("nonlinear_rates", T_perp), wall)


def _linear_scales(wall: tuple, T_perp: float) -> tuple[float, float, float]:
    """τ_DW, |ξ0*|, |V*| of the letter's linear theory (Eqs. 15-16, exact forms)."""
    alpha, a, lam, kappa, J, S, J_sd, S_par = wall
    # numeric's checked kernels, by the backend that numeric.tau_dw etc. call
    tau = numpy_backend("tau_dw", dict(alpha=alpha, a=a, kappa=kappa, J=J, S=S, J_sd=J_sd,
                                       S_par=S_par))
    xi = numpy_backend("xi0_star", dict(T_perp=T_perp, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J,
                                        S=S, J_sd=J_sd, S_par=S_par, S_z=0.0))
    v = numpy_backend("v_star_from_torque", dict(T_perp=T_perp, alpha=alpha, lam=lam, J_sd=J_sd))
    return tau, abs(xi), abs(v)


def nonlinear_relaxation(t, *, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0):
    """(ξ0, V, X)(t) from rest at t = 0 under a constant T⊥, exact in ξ0.

    ``scipy.integrate.solve_ivp`` (LSODA: stiff when T⊥ is large, rtol 1e-10, atol 1e-13 × the linear
    theory's |ξ0*| and |V*|τ_DW) in s = t/τ_DW; V = Ẋ follows algebraically from ξ0.
    Tends to :func:`numeric.relaxation` as T⊥ → 0 with a relative error O(c²),
    c = ξ0Φ0(0) (tests/test_nonlinear.py).
    """
    from scipy.integrate import solve_ivp
    wall = _wall("nonlinear_relaxation", locals())
    T_perp = _torque("nonlinear_relaxation", T_perp)
    times = check_array("nonlinear_relaxation", "t", t, "nonnegative")
    shape = times.shape
    flat = times.ravel()
    if T_perp == 0 or wall[6] == 0:
        zeros = np.zeros(shape)
        return (0.0, 0.0, 0.0) if not shape else (zeros, zeros.copy(), zeros.copy())
    tau, xi_scale, v_scale = _linear_scales(wall, T_perp)
    order = np.unique(flat / tau)

    def rhs(_s, y):
        xidot, Xdot = _rates(y[0], T_perp, wall)
        return [xidot * tau, Xdot * tau]

    end = float(order[-1]) if order.size else 0.0
    if end > 0:
        solution = solve_ivp(rhs, (0.0, end), [0.0, 0.0], method=SOLVER["method"], t_eval=order,
                             rtol=SOLVER["rtol"],
                             atol=[SOLVER["atol_relative"] * xi_scale,
                                   SOLVER["atol_relative"] * v_scale * tau * max(end, 1.0)])
        if not solution.success:
            raise ValueError(f"nonlinear_relaxation: solve_ivp failed: {solution.message}")
        xi_s, X_s = solution.y
    else:
        xi_s, X_s = np.zeros(order.size), np.zeros(order.size)
    V_s = np.array([_rates(x, T_perp, wall)[1] for x in xi_s])
    index = np.searchsorted(order, flat / tau)
    out = tuple(values[index].reshape(shape) for values in (xi_s, V_s, X_s))
    return tuple(float(o) for o in out) if not shape else out


def _numerator(xi: float, T_perp: float, wall: tuple) -> float:
    m11, m12, m21, m22, f1, f2 = _system(xi, T_perp, wall)
    return f1 * m22 - m12 * f2


def stationary_state(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0):
    """(ξ0*, V*) of the exact equations: the stationary state reached from rest.

    ξ̇0 = N(ξ0)/det M with det M < 0: from ξ0 = 0 the flow runs to the first zero of N
    in the direction of −N(0)/det M; found by bracketing on a grid of the tilt c
    (step 0.01) and ``scipy.optimize.brentq``.  Raises if N has no zero up to the
    quadrature's range (the derivation shows it has one below c₁ ≈ 1.9).
    """
    from scipy.optimize import brentq
    wall = _wall("stationary_state", locals())
    T_perp = _torque("stationary_state", T_perp)
    if T_perp == 0 or wall[6] == 0:
        return 0.0, 0.0
    scale = float(_k.tilt(1.0, wall[1], wall[2]))  # Φ0(0): ξ0 = c/Φ0(0)
    m11, m12, m21, m22, *_ = _system(0.0, T_perp, wall)
    start = _numerator(0.0, T_perp, wall)
    direction = math.copysign(1.0, start / (m11 * m22 - m12 * m21))  # the sign of ξ̇0 at rest
    for c in np.arange(0.01, _k.TILT_RANGE, 0.01):
        xi = direction * c / scale
        if math.copysign(1.0, _numerator(xi, T_perp, wall)) != math.copysign(1.0, start):
            root = brentq(_numerator, direction * (c - 0.01) / scale, xi, args=(T_perp, wall),
                          xtol=1e-15 * abs(xi), rtol=4 * np.finfo(float).eps)
            return root, _rates(root, T_perp, wall)[1]
    raise ValueError("stationary_state: no stationary state up to the quadrature's range")


def ansatz_limit_torque(*, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0):
    """|T⊥| whose stationary tilt reaches |ξ0Φ0(0)| = π/2, where the ansatz (8) ends.

    N(ξ0; T⊥) is linear in T⊥: N = N0(ξ0) + T⊥ N1(ξ0), so T⊥ = −N0/N1 at the
    tilt π/2 (on the side where the stationary state lies for T⊥ > 0).
    """
    wall = _wall("ansatz_limit_torque", locals())
    if wall[6] == 0:
        raise ValueError("ansatz_limit_torque: J_sd must be nonzero, got 0.0")
    xi = -math.copysign(math.pi / 2, wall[6]) / float(_k.tilt(1.0, wall[1], wall[2]))
    n0 = _numerator(xi, 0.0, wall)
    n1 = _numerator(xi, 1.0, wall) - n0
    return abs(n0 / n1)
