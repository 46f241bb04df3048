"""The field's exact solutions for the chain's standard drives: Walker's wall, the Zhang–Li drift.

Checked wrappers (ValueError naming the argument) of the kernels generated from
:mod:`derivation.wall.walker` into :mod:`numeric.llg._walker_kernels`: the continuum limit of
the chain of :mod:`numeric.llg` (energy Eq. (1) with a field B_x along the easy axis, the
letter's Berry phase and Gilbert damping, the Zhang–Li torque with drift u and β), SI units.

* :func:`steady_wall` — Walker's steady wall: the tilt ψ (solved from sin 2ψ = its required
  value, the root reached from the wall at rest), the width Δ(ψ) = λ/√(1 + (λ/κ)² sin²ψ)
  and V = βu/α - gµ_B B_x Δ/(αħ); ValueError beyond breakdown (no steady wall);
* :func:`walker_field` — B_W = αJSa²/(2gµ_Bκ²), the breakdown field at u = 0;
* :func:`drift_threshold` — u_W, the largest |u| with a steady wall at B_x = 0;
* :func:`mean_velocity` — V̄ above breakdown (u = 0) of the 1D model (Δ = λ held fixed:
  not exact for the chain, whose wall breathes);
* :func:`collective_rates` — (Ẋ, ψ̇) of that 1D model.

The sign convention is the package's: S n is a spin, its moment -gµ_B S n; B_x > 0 moves
the head-to-head wall of :func:`numeric.llg.relaxed_wall` towards -x (the domain with
moment along +x grows), u > 0 (with β > 0) towards +x.
"""
from __future__ import annotations

import math

import numpy as np

from .._checks import check_array
from . import _walker_kernels as _k
from .chain import G_FACTOR

__all__ = ["walker_field", "steady_wall", "drift_threshold", "mean_velocity",
           "collective_rates", "profile"]

_DOMAINS = {"alpha": "positive", "a": "positive", "lam": "positive", "kappa": "positive",
            "J": "positive", "S": "positive", "g": "positive", "B": "real", "u": "real",
            "beta": "real", "psi": "real"}


def _check(name: str, **values) -> dict:
    out = {}
    for arg, value in values.items():
        if np.ndim(value) != 0:
            raise ValueError(f"{name}: {arg} must be a scalar, got {value!r}")
        out[arg] = float(check_array(name, arg, value, _DOMAINS[arg]))
    return out


def profile(x, X: float, tilt: float, width: float) -> np.ndarray:
    """Walker's profile on the sites ``x``: n = (cos Θ, sin Θ cos ψ, sin Θ sin ψ), shape (3, N).

    cos Θ = -tanh((x - X)/Δ), sin Θ = sech((x - X)/Δ): the head-to-head wall of the
    package (n = +e_x on the left) with its plane of rotation tilted by ψ = ``tilt``.
    """
    w = np.clip((np.asarray(x, dtype=float) - X) / width, -350.0, 350.0)
    sech = 1.0 / np.cosh(w)
    return np.stack([-np.tanh(w), sech * math.cos(tilt), sech * math.sin(tilt)])


def walker_field(*, alpha, a, kappa, J, S, g=G_FACTOR) -> float:
    """B_W [T]: the largest |B_x| with a steady wall (u = 0)."""
    p = _check("walker_field", alpha=alpha, a=a, kappa=kappa, J=J, S=S, g=g)
    return float(_k.walker_field(p["alpha"], p["a"], p["kappa"], p["J"], p["S"], p["g"]))


def steady_wall(*, alpha, a, lam, kappa, J, S, B=0.0, u=0.0, beta=0.0, g=G_FACTOR) -> dict:
    """Walker's steady wall under B_x = ``B`` [T] and the drift ``u`` [m/s] with ``beta``.

    Returns {"tilt": ψ [rad], "width": Δ [m], "velocity": V [m/s]}.  ψ solves
    sin 2ψ = s(ψ) (s the value :func:`derivation.wall.walker.steady_wall` derives; it holds
    Δ(ψ) when u ≠ 0): the first root from ψ = 0 towards the sign of s(0), the one the wall
    at rest relaxes to.  ValueError when there is none (beyond breakdown).
    """
    p = _check("steady_wall", alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S, B=B, u=u,
               beta=beta, g=g)
    args = (p["B"], p["u"], p["beta"], p["alpha"], p["a"], p["lam"], p["kappa"], p["J"],
            p["S"], p["g"])

    def excess(psi):  # s(ψ) - sin 2ψ: ψ̇ has its sign in the 1D model
        return _k.walker_sin2psi(psi, *args) - np.sin(2 * psi)

    start = float(excess(0.0))
    if start == 0.0:
        psi = 0.0
    else:
        grid = np.sign(start) * np.linspace(0.0, math.pi / 2, 4097)
        values = excess(grid)
        change = np.nonzero(np.sign(values[1:]) != np.sign(start))[0]
        if change.size == 0:
            raise ValueError(f"steady_wall: no steady wall at B={B!r}, u={u!r}, beta={beta!r} "
                             "(beyond Walker breakdown)")
        lo, hi = grid[change[0]], grid[change[0] + 1]
        for _ in range(200):  # bisection to the last bit
            mid = 0.5 * (lo + hi)
            if mid in (lo, hi):
                break
            if np.sign(excess(mid)) == np.sign(start):
                lo = mid
            else:
                hi = mid
        psi = 0.5 * (lo + hi)
    return {"tilt": psi, "width": float(_k.walker_width(psi, p["lam"], p["kappa"])),
            "velocity": float(_k.walker_velocity(psi, *args))}


def drift_threshold(*, alpha, beta, a, lam, kappa, J, S) -> tuple[float, float]:
    """(u_W [m/s], ψ [rad]): the largest |u| with a steady wall at B_x = 0 and its tilt.

    Infinite for β = α (the torque then moves the wall without tilting it).
    """
    p = _check("drift_threshold", alpha=alpha, beta=beta, a=a, lam=lam, kappa=kappa, J=J, S=S)
    if p["beta"] == p["alpha"]:
        return math.inf, 0.0
    u_W, tilt = _k.drift_threshold(p["alpha"], p["beta"], p["a"], p["lam"], p["kappa"], p["J"],
                                   p["S"])
    return float(u_W), float(tilt)


def mean_velocity(*, B, alpha, a, lam, kappa, J, S, g=G_FACTOR) -> float:
    """V̄ [m/s] above breakdown (|B| > B_W, u = 0), the 1D model's mean over a turn of ψ."""
    p = _check("mean_velocity", B=B, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S, g=g)
    B_W = _k.walker_field(p["alpha"], p["a"], p["kappa"], p["J"], p["S"], p["g"])
    if abs(p["B"]) <= B_W:
        raise ValueError(f"mean_velocity: B must exceed the Walker field {B_W:.6g} T in "
                         f"magnitude, got {B!r}")
    at_positive = _k.mean_velocity(abs(p["B"]), p["alpha"], p["a"], p["lam"], p["kappa"],
                                   p["J"], p["S"], p["g"])
    return float(math.copysign(1.0, p["B"]) * at_positive)  # odd in B


def collective_rates(psi, *, alpha, a, lam, kappa, J, S, B=0.0, u=0.0, beta=0.0,
                     g=G_FACTOR) -> tuple[float, float]:
    """(Ẋ [m/s], ψ̇ [1/s]) of the 1D model (Δ = λ) at tilt ``psi``."""
    p = _check("collective_rates", psi=psi, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S,
               B=B, u=u, beta=beta, g=g)
    X_dot, psi_dot = _k.collective_rates(p["psi"], p["B"], p["u"], p["beta"], p["alpha"],
                                         p["a"], p["lam"], p["kappa"], p["J"], p["S"], p["g"])
    return float(X_dot), float(psi_dot)
