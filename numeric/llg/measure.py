"""What is measured on the chain: the wall position X (zero of n_x), its rate, ξ0 and X_zm.

See "Measured coordinates" in :mod:`numeric.llg`.
"""
from __future__ import annotations

import numpy as np

from .chain import wall_profile, zero_mode

__all__ = ["wall_position", "wall_velocity", "zero_mode_amplitude", "zero_mode_position"]

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


def zero_mode_position(n: np.ndarray, X: float, x: np.ndarray, a: float, lam: float) -> float:
    """X_zm [m]: the wall position that the in-plane zero mode carries (a diagnostic).

    The in-plane deviation δϕ_i from the profile at the zero of n_x, n0(x_i - X), projected
    on Φ0: a translation by dX is δϕ = -dX ∂xϕ0 = -dX sqrt(2/(aλ)) Φ0 (Eq. 6), so
    X_zm = X - sqrt(aλ/2) Σ Φ0 δϕ / Σ Φ0².  This is the coordinate the letter's X stands
    for (η0 of Eq. 5 replaced by X); the zero of n_x also moves with the spin waves.
    """
    n0x, n0y, _ = wall_profile(x, X, lam)
    dphi = np.arctan2(n0x * n[1] - n0y * n[0], n0x * n[0] + n0y * n[1])
    phi0 = zero_mode(x, X, a, lam)
    return float(X - np.sqrt(a * lam / 2) * np.sum(phi0 * dphi) / np.sum(phi0 * phi0))
