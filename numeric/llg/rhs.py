"""The right-hand side of the LLG equation of the chain: vectorised NumPy and a fused numba loop.

Both compute the same numbers (a test); numba is imported on first use.
"""
from __future__ import annotations

import math

import numpy as np

from .chain import _CLIP, Chain
from .measure import ansatz_position, wall_position

__all__ = ["rhs", "CENTRE_CODES"]

# the drive centre as the numba kernel reads it (consts[7])
CENTRE_CODES = {"n_x": 0.0, "ansatz": 1.0}

def _field_profile(c: Chain, X: float):
    """tanh((x_i - X)/λ) and sech((x_i - X)/λ) from e^{x_i/λ}·e^{-X/λ}: one exp per call."""
    scale = X / c.lam
    if abs(scale) > 0.5 * _CLIP:  # far outside the clipping margin: plain per-site exp
        u = (c.x - X) / c.lam
        return np.tanh(u), 1.0 / np.cosh(np.clip(u, -_CLIP, _CLIP))
    E = c.e_x * math.exp(-scale)  # |u| ≤ 1.5·_CLIP: E² is finite
    den = 1.0 / (1.0 + E * E)
    return (E * E - 1.0) * den, 2.0 * E * den


def _rhs_numpy(y: np.ndarray, c: Chain) -> np.ndarray:
    n = y.reshape(3, c.n_sites)
    X = wall_position(n, c.x)
    if c.centre == "ansatz":
        X = ansatz_position(n, c.x, c.lam, start=X)
    th, sech = _field_profile(c, X)
    h = np.empty_like(n)
    h[:, 1:-1] = n[:, :-2] + n[:, 2:]   # exchange, free ends
    h[:, 0] = n[:, 1]
    h[:, -1] = n[:, -2]
    # ⟨s⟩ = s̄_x n0 + s̄_y e_z × n0, n0 = (-tanh, sech, 0), e_z × n0 = (-sech, -tanh, 0)
    h[0] += c.eps_lam * n[0] - c.b_x * th - c.b_y * sech
    h[1] += c.b_x * sech - c.b_y * th
    h[2] -= c.eps_kap * n[2]
    p = np.cross(n, h, axis=0)
    q = np.cross(n, p, axis=0)
    return ((p - c.alpha * q) / (1.0 + c.alpha**2)).ravel()


def _numba_kernel():
    """The fused right-hand side of :mod:`numeric.llg._numba` (compiled once, cached on disk)."""
    from ._numba import kernel
    return kernel


def _have_numba() -> bool:
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def rhs(c: Chain, backend: str = "auto"):
    """f(τ, y) = dy/dτ of the chain, τ = t JS/ħ, y = (n_x, n_y, n_z) stacked (3N,).

    ``backend``: "numba" (fused loop), "numpy" (vectorised) or "auto" (numba if installed).
    """
    if backend not in ("auto", "numba", "numpy"):
        raise ValueError(f"rhs: backend must be 'auto', 'numba' or 'numpy', got {backend!r}")
    if backend == "auto":
        backend = "numba" if _have_numba() else "numpy"
    if backend == "numpy":
        return lambda tau, y: _rhs_numpy(y, c)
    kernel = _numba_kernel()
    consts = np.concatenate([[c.lam, c.eps_lam, c.eps_kap, c.b_x, c.b_y, c.alpha, _CLIP,
                              CENTRE_CODES[c.centre]], c.x, c.e_x])

    def f(tau, y):
        out = np.empty_like(y)
        kernel(y, out, consts)
        return out
    return f
