"""What is measured on the chain: the zero of n_x, the ansatz's X, their rates, and ξ0.

See "Measured coordinates" in :mod:`numeric.llg`.
"""
from __future__ import annotations

import numpy as np

from .chain import wall_profile, zero_mode

__all__ = ["wall_position", "wall_velocity", "ansatz_position", "ansatz_velocity",
           "zero_mode_amplitude", "zero_mode_position"]

def _crossing(nx: np.ndarray) -> int:
    """Index i of the sign change of n_x between sites i and i+1 with the most negative
    n_x,i·n_x,i+1 (the steepest crossing; -1 if n_x does not change sign)."""
    product = nx[:-1] * nx[1:]
    i = int(np.argmin(product))
    return i if product[i] < 0.0 else -1


def _interpolate(nx, xs, i: int, n: int):
    """x where the interpolant of (n_x, x) through the sites around i vanishes.

    Cubic inverse (Lagrange) interpolation through i-1 … i+2 when n_x is strictly
    monotonic there, linear through i, i+1 otherwise.  Works for complex n_x (complex
    step): the stencil is chosen from the real parts.
    """
    k0 = min(max(i - 1, 0), n - 4)
    y = nx[k0:k0 + 4]
    dy = np.diff(y.real)
    if np.all(dy > 0) or np.all(dy < 0):
        total = 0.0
        for k in range(4):
            weight = 1.0
            for m in range(4):
                if m != k:
                    weight = weight * (-y[m]) / (y[k] - y[m])
            total = total + xs[k0 + k] * weight
        return total
    return xs[i] + (xs[i + 1] - xs[i]) * nx[i] / (nx[i] - nx[i + 1])


def wall_position(n: np.ndarray, x: np.ndarray) -> float:
    """X [m]: where n_x crosses zero; ``n`` of shape (3, N), ``x`` the site positions.

    NaN when n_x does not change sign (no wall on the chain).
    """
    i = _crossing(n[0].real)
    if i < 0:
        return float("nan")
    return float(np.real(_interpolate(n[0], x, i, n.shape[1])))


def wall_velocity(n: np.ndarray, ndot: np.ndarray, x: np.ndarray) -> float:
    """dX/dt along the flow ṅ, by a complex step: Im X(n + ih ṅ)/h (exact to rounding)."""
    i = _crossing(n[0])
    if i < 0:
        return float("nan")
    h = 1e-30 / max(np.max(np.abs(ndot[0])), 1e-300)
    probe = n[0] + 1j * h * ndot[0]
    return float(np.imag(_interpolate(probe, x, i, n.shape[1])) / h)


def zero_mode_amplitude(n: np.ndarray, X: float, x: np.ndarray, a: float, lam: float) -> float:
    """ξ0: the out-of-plane tilt projected on Φ0(x - X) (Eq. 6), Σ Φ0 δθ / Σ Φ0²."""
    norm = np.sqrt(np.sum(n * n, axis=0))
    dtheta = -np.arcsin(np.clip(n[2] / norm, -1.0, 1.0))  # θ - π/2
    phi0 = zero_mode(x, X, a, lam)
    return float(np.sum(phi0 * dtheta) / np.sum(phi0 * phi0))


def ansatz_position(n: np.ndarray, x: np.ndarray, lam: float, start: float | None = None,
                    max_iter: int = 30):
    """X [m] of the ansatz (7)-(8) nearest to the chain: the letter's collective coordinate.

    The letter replaces the in-plane zero mode's coordinate η0 by X (text above Eq. 7): the
    deviation of the chain from n0(x - X) has no component along the translation mode
    ∂_X n0 = -∂xϕ0 e_z × n0 ∝ Φ0 e_z × n0 (Eq. 6).  So X solves

        G(X) = Σ_i sech u_i (e_z × n0(u_i))·n_i = -Σ_i sech u_i (sech u_i n_x,i + tanh u_i n_y,i) = 0,
        u_i = (x_i - X)/λ,

    the condition that X minimises Σ_i |n_i - n0(x_i - X)|² weighted along the zero mode.
    Newton's method from ``start`` (default: the zero of n_x, :func:`wall_position`) to
    |ΔX| ≤ 1e-13 λ; sites beyond 40λ (sech < 1e-17) are left out.  Works for complex ``n``
    (a complex step gives dX/dt exactly).  NaN when there is no wall or no convergence.
    """
    X = wall_position(n.real, x) if start is None else start
    if not np.isfinite(np.real(X)):
        return float("nan")
    for _ in range(max_iter):
        near = np.abs(x - np.real(X)) <= 40 * lam
        u = (x[near] - X) / lam
        th, se = np.tanh(u), 1.0 / np.cosh(u)
        nx, ny = n[0][near], n[1][near]
        G = np.sum(se * (se * nx + th * ny))
        dG = -np.sum(-2.0 * se * se * th * nx + se * (se * se - th * th) * ny) / lam
        step = G / dG
        if not np.isfinite(step) or abs(np.real(step)) > 10 * lam:
            return float("nan")
        X = X - step
        if abs(step) <= 1e-13 * lam:
            return X
    return float("nan")


def ansatz_velocity(n: np.ndarray, ndot: np.ndarray, x: np.ndarray, lam: float) -> float:
    """dX/dt of :func:`ansatz_position` along the flow ṅ, by a complex step (exact to rounding)."""
    X = ansatz_position(n, x, lam)
    if not np.isfinite(X):
        return float("nan")
    h = 1e-30 / max(np.max(np.abs(ndot[:2])), 1e-300)
    return float(np.imag(ansatz_position(n + 1j * h * ndot, x, lam, start=complex(X))) / h)


def zero_mode_position(n: np.ndarray, X: float, x: np.ndarray, a: float, lam: float) -> float:
    """X_zm [m]: the in-plane deviation from n0(x - X) projected on Φ0, one linear step.

    A translation by dX is δϕ = -dX ∂xϕ0 = -dX sqrt(2/(aλ)) Φ0 (Eq. 6), so
    X_zm = X - sqrt(aλ/2) Σ Φ0 δϕ / Σ Φ0²: the first step of an iteration whose fixed point is
    :func:`ansatz_position` (to first order in δϕ; a diagnostic kept for comparison).
    """
    n0x, n0y, _ = wall_profile(x, X, lam)
    dphi = np.arctan2(n0x * n[1] - n0y * n[0], n0x * n[0] + n0y * n[1])
    phi0 = zero_mode(x, X, a, lam)
    return float(X - np.sqrt(a * lam / 2) * np.sum(phi0 * dphi) / np.sum(phi0 * phi0))
