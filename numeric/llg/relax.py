"""The static in-plane wall of the lattice, from which every simulation starts."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .chain import _CLIP, Chain, site_positions

__all__ = ["relaxed_wall"]

def relaxed_wall(c: Chain) -> np.ndarray:
    """The static in-plane wall of the lattice (no s-d field), shape (3, N).

    It depends on N, a and λ only (not on the drive, α or κ), so it is kept for the last
    32 of them: a sweep over T⊥, α, κ relaxes once.  Returns a new array each time.

    Minimises Σ[-cos(ϕ_{i+1} - ϕ_i) - (a/λ)²cos²ϕ_i/2] over the in-plane angles, starting
    from the continuum profile ϕ0 = 2 arctan e^{x/λ} (scipy's trust-region Newton-CG with
    the analytic gradient and Hessian-vector product).  The angles are kept symmetric,
    ϕ_{N-1-i} = π - ϕ_i: that removes the translation (zero) mode from the Hessian and
    keeps the wall centred on x = 0.
    """
    return _relaxed(c.n_sites, c.a, c.lam).copy()


@lru_cache(maxsize=32)
def _relaxed(N: int, a: float, lam: float) -> np.ndarray:
    from scipy.optimize import minimize, root
    eps = (a / lam) ** 2  # Chain.eps_lam
    u0 = site_positions(N, a) / lam  # Chain.u0
    half = N // 2  # sites half … N-1 are free; the others are their mirror images

    def full(psi):
        left = np.pi - psi[::-1] if N % 2 == 0 else np.pi - psi[:0:-1]
        return np.concatenate([left, psi])

    def fold(g):  # gradient in ϕ → gradient in the free angles ψ
        right = g[-psi_len:].copy()
        mirror = g[:N - psi_len][::-1]
        right[len(right) - len(mirror):] -= mirror
        return right

    def energy(psi):
        phi = full(psi)
        return -np.sum(np.cos(np.diff(phi))) - 0.5 * eps * np.sum(np.cos(phi) ** 2)

    def gradient_phi(phi):
        s = np.sin(np.diff(phi))  # sin(ϕ_{i+1} - ϕ_i)
        g = 0.5 * eps * np.sin(2 * phi)
        g[:-1] -= s
        g[1:] += s
        return g

    def hessp_phi(phi, v):
        cb = np.cos(np.diff(phi))
        dv = np.diff(v)
        out = eps * np.cos(2 * phi) * v
        out[:-1] -= cb * dv
        out[1:] += cb * dv
        return out

    psi_len = N - half

    def jac(psi):
        return fold(gradient_phi(full(psi)))

    def hessp(psi, v):
        phi = full(psi)
        dv = np.concatenate([-(v[::-1] if N % 2 == 0 else v[:0:-1]), v])
        return fold(hessp_phi(phi, dv))

    def newton(psi):
        """Newton's method with the exact Hessian, which is tridiagonal in ψ (nearest
        neighbours; the mirror couples only the two middle sites): read off by three
        Hessian-vector products, solved banded.  None when it does not converge."""
        from scipy.linalg import solve_banded
        probes = np.zeros((3, psi_len))
        for r in range(3):
            probes[r, r::3] = 1.0
        e0 = energy(psi)
        for _ in range(30):
            g = jac(psi)
            if np.max(np.abs(g)) <= 1e-13:
                return psi
            columns = [hessp(psi, v) for v in probes]
            bands = np.zeros((3, psi_len))  # upper, diagonal, lower (solve_banded's layout)
            k = np.arange(psi_len)
            bands[1] = [columns[j % 3][j] for j in k]
            bands[0, 1:] = [columns[j % 3][j - 1] for j in k[1:]]  # H[j-1, j]
            bands[2, :-1] = [columns[j % 3][j + 1] for j in k[:-1]]  # H[j+1, j]
            step = solve_banded((1, 1), bands, g)
            psi = psi - step
            e1 = energy(psi)
            if not np.all(np.isfinite(psi)) or e1 > e0 + 1e-12 * abs(e0):
                return None
            e0 = e1
        return None

    start = 2 * np.arctan(np.exp(np.clip(u0[half:], -_CLIP, _CLIP)))
    psi = newton(start)
    if psi is None:  # far from the minimum: scipy's trust region
        psi = minimize(energy, start, jac=jac, hessp=hessp, method="trust-ncg",
                       options={"gtol": 1e-13, "maxiter": 500}).x
    if np.max(np.abs(jac(psi))) > 1e-13:
        # the energy is flat to rounding near the minimum: polish by Newton–Krylov on ∇E = 0
        with np.errstate(invalid="ignore", divide="ignore"):  # its step test at a zero step
            psi = root(jac, psi, method="krylov", options={"fatol": 1e-14, "maxiter": 50}).x
    phi = full(psi)
    residual = np.max(np.abs(gradient_phi(phi)))
    if residual > 1e-12:
        raise RuntimeError(f"relaxed_wall: no convergence, |grad| = {residual:.3g}")
    wall = np.stack([np.cos(phi), np.sin(phi), np.zeros_like(phi)])
    wall.flags.writeable = False  # the cached copy
    return wall
