"""The rigid-profile (Walker-type) collective coordinates: stationary states and the critical torque.

Beyond the letter.  The wall plane tilted by ψ about the wire axis, width Δ, driven by the
letter's co-moving s-d field (:mod:`derivation.wall.rigid_profile` derives the equations by
projecting the letter's LLG equation on the profile).  Its stationary states ψ̇ = 0 form a
branch T⊥(ψ), V(ψ) that rises from T⊥ = 0 at ψ = 0 to a largest T⊥, the critical torque,
and falls to 0 at ψ = π/2: beyond the critical torque the model has no stationary state
(its wall plane turns on to ψ = π, where the drive exerts no force).

``width``: "walker" (the default: Δ from the width equation, Walker's λ/√(1 + (λ/κ)² sin²ψ)
at S∥ = 0, solved numerically with S∥) or "rigid" (Δ = λ, the letter's profile width:
closed forms, T⊥_c = 4αφ^{-5/2}a²JS/(κ²J_sd)).

The integrals over u = (x - X)/Δ of the generated ``rigid_shapes`` are done by the trapezoidal
rule on |u| ≤ 40/min(r, 1) with step 0.02·min(r, 1): the integrands are analytic in a strip
and decay like e^{-min(r, 1)|u|}, so the rule is exact to rounding (checked against mpmath in
the tests).  SciPy is imported inside the functions (``pip install opza[nonlinear]``).
"""
from __future__ import annotations

import math

import numpy as np

from . import _rigid_kernels as _k
from ._checks import check_array

__all__ = ["rigid_profile_branch", "rigid_profile_stationary", "critical_torque", "WIDTHS"]

WIDTHS = ("walker", "rigid")
_WALL = (("alpha", "positive"), ("a", "positive"), ("lam", "positive"), ("kappa", "positive"),
         ("J", "positive"), ("S", "positive"), ("J_sd", "real"), ("S_par", "real"))


def _wall(name: str, values: dict) -> tuple:
    checked = tuple(float(check_array(name, arg, values[arg], domain)) for arg, domain in _WALL)
    if checked[6] == 0:
        raise ValueError(f"{name}: J_sd must be nonzero, got {values['J_sd']!r}")
    if values.get("width", "walker") not in WIDTHS:
        raise ValueError(f"{name}: width must be one of {WIDTHS}, got {values['width']!r}")
    return checked


def _integrals(r: float) -> np.ndarray:
    """The values of ``_rigid_kernels.INTEGRALS`` at r = Δ/λ (trapezoidal rule, see above)."""
    scale = min(r, 1.0)
    half = 40.0 / scale
    u = np.linspace(-half, half, 2 * int(math.ceil(half / (0.02 * scale))) + 1)
    shapes = _k.rigid_shapes(u, r)
    return np.trapezoid(shapes, u, axis=-1)


def _width(psi: float, wall: tuple, width: str) -> float:
    alpha, a, lam, kappa, J, S, J_sd, S_par = wall
    if width == "rigid":
        return lam
    if S_par == 0:
        return float(_k.rigid_width(psi, lam, kappa))
    from scipy.optimize import brentq  # the width equation with the S∥ force
    residual = lambda D: _k.rigid_width_residual(psi, D, _integrals(D / lam), *wall)  # noqa: E731
    guess = float(_k.rigid_width(psi, lam, kappa))
    lo, hi = guess / 2, guess * 2
    while residual(lo) * residual(hi) > 0 and hi < 100 * lam:
        lo, hi = lo / 2, hi * 2
    return brentq(residual, lo, hi, xtol=1e-14 * lam)


def _branch(psi: float, wall: tuple, width: str) -> tuple[float, float]:
    if width == "rigid":
        T, V = _k.rigid_branch_at_lambda(psi, *wall)
        return float(T), float(V)
    D = _width(psi, wall, width)
    T, V = _k.rigid_branch(psi, D, _integrals(D / wall[2]), *wall)
    return float(T), float(V)


def rigid_profile_branch(psi, *, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, width="walker"):
    """(T⊥, V [m/s]) of the stationary state with tilt ``psi`` [rad] (scalar, |ψ| < π/2)."""
    wall = _wall("rigid_profile_branch", locals())
    psi = float(check_array("rigid_profile_branch", "psi", psi, "real"))
    if not abs(psi) < math.pi / 2:
        raise ValueError(f"rigid_profile_branch: psi must be in (-pi/2, pi/2), got {psi!r}")
    return _branch(psi, wall, width)


def _peak(wall: tuple, width: str) -> tuple[float, float]:
    """(ψ_c, T⊥_c) where |T⊥(ψ)| is largest on (0, π/2) (bounded Brent on a bracketing grid)."""
    from scipy.optimize import minimize_scalar
    grid = np.linspace(0.02, math.pi / 2 - 0.02, 79)
    values = [abs(_branch(p, wall, width)[0]) for p in grid]
    k = int(np.argmax(values))
    if k in (0, len(grid) - 1):
        raise ArithmeticError("the stationary branch has no interior maximum")
    best = minimize_scalar(lambda p: -abs(_branch(p, wall, width)[0]), method="bounded",
                           bounds=(grid[k - 1], grid[k + 1]), options={"xatol": 1e-12})
    return float(best.x), float(-best.fun)


def critical_torque(*, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, width="walker"):
    """|T⊥| beyond which the rigid profile has no stationary state (the branch's maximum)."""
    wall = _wall("critical_torque", locals())
    if width == "rigid" and wall[7] == 0:
        T_c, _ = _k.critical_torque_at_lambda(alpha, a, kappa, J, S, J_sd)
        return abs(float(T_c))
    return _peak(wall, width)[1]


def rigid_profile_stationary(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0,
                             width="walker"):
    """(ψ*, V*) of the rigid profile's stationary state on the branch from rest (|ψ| < ψ_c).

    ``ValueError`` when |T⊥| exceeds :func:`critical_torque` (no stationary state).
    """
    from scipy.optimize import brentq
    wall = _wall("rigid_profile_stationary", locals())
    T = float(check_array("rigid_profile_stationary", "T_perp", T_perp, "real"))
    if T == 0:
        return 0.0, 0.0
    psi_c, T_c = _peak(wall, width)
    if abs(T) > T_c:
        raise ValueError(f"rigid_profile_stationary: |T_perp| = {abs(T):.6g} exceeds the critical "
                         f"torque {T_c:.6g} ({width} width): no stationary state")
    sign = math.copysign(1.0, T * _branch(psi_c, wall, width)[0])
    psi = brentq(lambda p: abs(_branch(sign * p, wall, width)[0]) - abs(T), 0.0, psi_c,
                 xtol=1e-14)
    return sign * psi, _branch(sign * psi, wall, width)[1]
