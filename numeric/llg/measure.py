"""What is measured on the chain: the zero of n_x, the ansatz's X, their rates, and ξ0.

See "Measured coordinates" in :mod:`numeric.llg`.
"""
from __future__ import annotations

import numpy as np

from .chain import _tanh_sech, zero_mode

__all__ = ["wall_position", "wall_velocity", "ansatz_position", "ansatz_velocity",
           "zero_mode_amplitude", "zero_mode_position", "wall_tilt", "wall_width",
           "turn_average"]

def _crossing(nx: np.ndarray) -> np.ndarray:
    """Index i of the sign change of n_x between sites i and i+1 with the most negative
    n_x,i·n_x,i+1 (the steepest crossing; -1 if n_x does not change sign), over the last
    axis: one per state of a stack (..., N)."""
    product = nx[..., :-1] * nx[..., 1:]
    i = np.argmin(product, axis=-1)
    lowest = np.take_along_axis(product, i[..., None], axis=-1)[..., 0]
    return np.where(lowest < 0.0, i, -1)


def _interpolate(nx, xs, i, n: int):
    """x where the interpolant of (n_x, x) through the sites around i vanishes.

    Cubic inverse (Lagrange) interpolation through i-1 … i+2 when n_x is strictly
    monotonic there, linear through i, i+1 otherwise.  Works for complex n_x (complex
    step): the stencil is chosen from the real parts.  ``nx`` (..., N), ``i`` (...).
    """
    k0 = np.clip(i - 1, 0, n - 4)
    stencil = k0[..., None] + np.arange(4)
    y = np.take_along_axis(nx, stencil, axis=-1)
    dy = np.diff(y.real, axis=-1)
    cubic = np.all(dy > 0, axis=-1) | np.all(dy < 0, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):  # the branch not taken may divide by 0
        total = 0.0
        for k in range(4):
            weight = 1.0
            for m in range(4):
                if m != k:
                    weight = weight * (-y[..., m]) / (y[..., k] - y[..., m])
            total = total + xs[stencil[..., k]] * weight
        left = np.take_along_axis(nx, i[..., None], axis=-1)[..., 0]
        right = np.take_along_axis(nx, i[..., None] + 1, axis=-1)[..., 0]
        linear = xs[i] + (xs[i + 1] - xs[i]) * left / (left - right)
    return np.where(cubic, total, linear)


def _value(v):
    """A float for one state, the array for a stack."""
    return float(v) if np.ndim(v) == 0 else v


def wall_position(n: np.ndarray, x: np.ndarray):
    """X [m]: where n_x crosses zero; ``n`` of shape (3, N) (a float) or a stack (..., 3, N)
    (an array), ``x`` the site positions.

    NaN when n_x does not change sign (no wall on the chain).
    """
    i = _crossing(n[..., 0, :].real)
    X = np.real(_interpolate(n[..., 0, :], x, np.maximum(i, 0), n.shape[-1]))
    return _value(np.where(i < 0, np.nan, X))


def wall_velocity(n: np.ndarray, ndot: np.ndarray, x: np.ndarray):
    """dX/dt along the flow ṅ, by a complex step: Im X(n + ih ṅ)/h (exact to rounding).

    ``n``, ``ndot`` of shape (3, N) or stacks (..., 3, N), as :func:`wall_position`."""
    i = _crossing(n[..., 0, :])
    h = 1e-30 / np.maximum(np.max(np.abs(ndot[..., 0, :]), axis=-1), 1e-300)
    probe = n[..., 0, :] + 1j * h[..., None] * ndot[..., 0, :]
    V = np.imag(_interpolate(probe, x, np.maximum(i, 0), n.shape[-1])) / h
    return _value(np.where(i < 0, np.nan, V))


def zero_mode_amplitude(n: np.ndarray, X, x: np.ndarray, a: float, lam: float):
    """ξ0: the out-of-plane tilt projected on Φ0(x - X) (Eq. 6), Σ Φ0 δθ / Σ Φ0².

    ``n`` (3, N) with X a float, or a stack (..., 3, N) with X of shape (...)."""
    norm = np.sqrt(np.sum(n * n, axis=-2))
    dtheta = -np.arcsin(np.clip(n[..., 2, :] / norm, -1.0, 1.0))  # θ - π/2
    phi0 = zero_mode(x, np.asarray(X)[..., None], a, lam)
    return _value(np.sum(phi0 * dtheta, axis=-1) / np.sum(phi0 * phi0, axis=-1))


def _ansatz_profile(X, x, lam):
    """tanh u and sech u, u = (x - X)/λ, for X of shape (...): (..., N); zero beyond 40λ
    (sech < 1e-17), where :func:`ansatz_position` leaves the sites out."""
    centre = X[..., None]
    near = np.abs(x - np.real(centre)) <= 40 * lam
    u = np.where(near, (x - centre) / lam, 0.0)
    return np.tanh(u) * near, near / np.cosh(u)


def _ansatz_condition(n, th, se, lam):
    """G(X) and ∂G/∂X of :func:`ansatz_position` on the profile (th, se) at X; ``n`` (..., 3, N)."""
    nx, ny = n[..., 0, :], n[..., 1, :]
    G = np.sum(se * (se * nx + th * ny), axis=-1)
    dG = -np.sum(-2.0 * se * se * th * nx + se * (se * se - th * th) * ny, axis=-1) / lam
    return G, dG


def ansatz_position(n: np.ndarray, x: np.ndarray, lam: float, start=None, max_iter: int = 30):
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
    ``n`` (3, N) gives a number, a stack (..., 3, N) an array (all states iterate together).
    """
    shape = n.shape[:-2]
    X0 = wall_position(n.real, x) if start is None else start
    dtype = np.result_type(n, np.asarray(X0), float)
    X = np.array(np.broadcast_to(X0, shape), dtype=dtype).reshape(-1)
    states = n.reshape((-1,) + n.shape[-2:])
    out = np.full(X.shape, np.nan, dtype=dtype)
    active = np.flatnonzero(np.isfinite(np.real(X)))  # the states still iterating
    for _ in range(max_iter):
        if not active.size:
            break
        G, dG = _ansatz_condition(states[active], *_ansatz_profile(X[active], x, lam), lam)
        step = G / dG
        failed = ~np.isfinite(step) | (np.abs(np.real(step)) > 10 * lam)
        X[active] -= step
        done = ~failed & (np.abs(step) <= 1e-13 * lam)
        out[active[done]] = X[active[done]]
        active = active[~(done | failed)]
    out = out.reshape(shape)
    return out[()] if out.ndim == 0 else out


def ansatz_velocity(n: np.ndarray, ndot: np.ndarray, x: np.ndarray, lam: float, X=None):
    """dX/dt of :func:`ansatz_position` along the flow ṅ, exact: G is linear in n, so at
    the root dX/dt = -Σ_i ∂G/∂n_i·ṅ_i / ∂G/∂X = -G(X; ṅ) / ∂_X G(X; n) (what a complex step
    through the Newton iteration gives, to rounding).  Stacks as :func:`ansatz_position`;
    ``X``: the ansatz's X of ``n`` if already known."""
    X = np.asarray(ansatz_position(n, x, lam) if X is None else X, dtype=float)
    ok = np.isfinite(X)
    V = np.full(X.shape, np.nan)
    if ok.any():
        profile = _ansatz_profile(np.where(ok, X, 0.0), x, lam)
        G_rate, _ = _ansatz_condition(ndot, *profile, lam)
        _, dG = _ansatz_condition(n, *profile, lam)
        V = np.where(ok, -G_rate / dG, np.nan)
    return _value(V)


def zero_mode_position(n: np.ndarray, X, x: np.ndarray, a: float, lam: float):
    """X_zm [m]: the in-plane deviation from n0(x - X) projected on Φ0, one linear step.

    A translation by dX is δϕ = -dX ∂xϕ0 = -dX sqrt(2/(aλ)) Φ0 (Eq. 6), so
    X_zm = X - sqrt(aλ/2) Σ Φ0 δϕ / Σ Φ0²: the first step of an iteration whose fixed point is
    :func:`ansatz_position` (to first order in δϕ; a diagnostic kept for comparison).
    ``n`` (3, N) with X a float, or a stack (..., 3, N) with X of shape (...).
    """
    th, sech = _tanh_sech(x, np.asarray(X)[..., None], lam)
    n0x, n0y = -th, sech  # n0(x - X), wall_profile
    dphi = np.arctan2(n0x * n[..., 1, :] - n0y * n[..., 0, :], n0x * n[..., 0, :] + n0y * n[..., 1, :])
    phi0 = np.sqrt(a / (2 * lam)) * sech  # Φ0(x - X) = sqrt(a/2λ) n0_y, zero_mode
    return _value(X - np.sqrt(a * lam / 2) * np.sum(phi0 * dphi, axis=-1)
                  / np.sum(phi0 * phi0, axis=-1))


def wall_tilt(n: np.ndarray, x: np.ndarray, lam: float):
    """ψ [rad]: the tilt of the wall's plane of rotation out of the easy (xy) plane.

    ψ = atan2(Σ_i w_i n_z,i, Σ_i w_i n_y,i) with the weights w_i = sech²((x_i - X)/λ) around
    the zero of n_x, X: on Walker's profile n = (cos Θ, sin Θ cos ψ, sin Θ sin ψ) every site
    has n_z/n_y = tan ψ, so this is its ψ exactly, whatever its width; as a weighted sum over
    the wall it is free of the site-to-site modulation one interpolated spin shows as the wall
    crosses the lattice (1e-4 rad at λ = 12a, κ = 3a), and the weights keep out the domains
    (which the s-d drive's uniform s̄_y cants by up to 0.1 rad).  ``n`` (3, N), or a stack
    (..., 3, N).  NaN where there is no wall.
    """
    X = np.asarray(wall_position(n, x))
    u = np.clip((x - X[..., None]) / lam, -300.0, 300.0)
    w = 1.0 / np.cosh(u) ** 2
    ny, nz = np.sum(w * n[..., 1, :], axis=-1), np.sum(w * n[..., 2, :], axis=-1)
    out = np.where(np.isfinite(X), np.arctan2(nz, ny), np.nan)
    return float(out) if np.ndim(out) == 0 else out


def wall_width(n: np.ndarray, a: float) -> float:
    """Δ [m] = (a/2) Σ_i (1 - n_x,i²): for Walker's profile 1 - n_x² = sech²((x - X)/Δ), whose
    integral is 2Δ (the lattice sum of that smooth function equals the integral to
    exponentially small error).  Meant for domains along ±x: a transverse field, or spin
    waves in the domains (a wall precessing above breakdown emits them), add to the sum."""
    return float(0.5 * a * np.sum(1.0 - n[0] ** 2))


def turn_average(t: np.ndarray, X: np.ndarray, tilt: np.ndarray,
                 window: tuple[float, float] = (0.2, 1.0)) -> tuple[float, int, float]:
    """(V̄ [m/s], turns, period [s]): the wall's mean velocity over whole turns of its tilt.

    Above breakdown ψ turns steadily; the equation of motion holds ψ only through
    sin 2ψ, cos 2ψ, so a turn is Δψ = π.  From the samples (t, X, ψ unwrapped) within
    ``window`` (fractions of the samples; by default the first fifth, the switch-on
    transient, is left out), the times where ψ crosses ψ(t_0) + kπ, t_0 the window's
    start, are found by linear interpolation, X there likewise; V̄ is the displacement
    over the first to the last crossing divided by its duration.  (nan, 0, nan) for less
    than one turn.  The interpolation error is second order in the sampling step.
    """
    t, X, tilt = (np.asarray(v, dtype=float) for v in (t, X, tilt))
    start, stop = int(window[0] * (len(t) - 1)), int(window[1] * (len(t) - 1)) + 1
    t, X, tilt = t[:stop], X[:stop], tilt[:stop]
    sign = np.sign(tilt[-1] - tilt[start])
    levels = tilt[start] + sign * np.pi * np.arange(1, int(abs(tilt[-1] - tilt[start]) // np.pi) + 1)
    if levels.size < 1:
        return float("nan"), 0, float("nan")
    marks = [t[start]]
    places = [X[start]]
    for level in levels:
        k = np.nonzero(sign * (tilt[start:] - level) >= 0)[0][0] + start
        w = (level - tilt[k - 1]) / (tilt[k] - tilt[k - 1])
        marks.append(t[k - 1] + w * (t[k] - t[k - 1]))
        places.append(X[k - 1] + w * (X[k] - X[k - 1]))
    duration = marks[-1] - marks[0]
    return float((places[-1] - places[0]) / duration), levels.size, float(duration / levels.size)
