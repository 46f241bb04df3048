"""Integration of the chain from the relaxed wall (solve_ivp), and the trajectory's measured coordinates."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._checks import check_array
from .chain import _MAX_SITES, ATOL, METHOD, RTOL, Chain, _checked, chain
from .measure import (ansatz_position, ansatz_velocity, wall_position, wall_velocity,
                      zero_mode_amplitude)
from .relax import relaxed_wall
from .rhs import rhs
from .chain import wall_energy

__all__ = ["Trajectory", "simulate", "default_sites", "wall_dynamics"]

def _reporting(f, span: float, progress):
    """f that calls ``progress(fraction of the span)`` every 2 % of the way."""
    marks = {"next": 0.0}

    def reporting(s, y):
        if s >= marks["next"] * span:
            progress(min(s / span, 1.0))
            marks["next"] = min(s / span, 1.0) + 0.02
        return f(s, y)
    return reporting


def _one_blas_thread():
    """BLAS on one thread while integrating (threadpoolctl, if installed).

    The solver's dot products and stage sums act on vectors of 3N ≲ 10⁵ numbers: threaded
    OpenBLAS only adds synchronisation (measured 7 ms instead of 20 µs per norm at N = 4096
    on a busy 2-core machine).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        import contextlib
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


@dataclass(frozen=True)
class Trajectory:
    """A simulation sampled at ``t`` [s]: the chain, n(x, t), X [m], V [m/s], ξ0, energies.

    ``n`` has shape (len(t), 3, N); ``energy`` is :func:`wall_energy` [J/m²]; ``X``, ``V``
    the zero of n_x and its rate; ``X_zm``, ``V_zm`` the ansatz's X, the letter's collective
    coordinate (:func:`ansatz_position`), and its rate;
    ``steps``, ``nfev`` the solver's accepted steps and right-hand-side calls.
    """

    t: np.ndarray
    chain: Chain
    n: np.ndarray
    X: np.ndarray
    V: np.ndarray
    xi0: np.ndarray
    X_zm: np.ndarray
    V_zm: np.ndarray
    energy: np.ndarray
    steps: int
    nfev: int


def simulate(t, c: Chain, n_start: np.ndarray | None = None, backend: str = "auto",
             rtol: float = RTOL, atol: float = ATOL, progress=None) -> Trajectory:
    """Integrate the LLG equation of ``c`` from ``n_start`` (the relaxed wall) to max(t).

    ``t`` [s]: sorted, non-negative sample times.  ``progress``: called with the fraction
    of the time span done (throttled), e.g. for a progress bar.
    """
    from scipy.integrate import solve_ivp
    t = np.asarray(t, dtype=float)
    if t.ndim != 1 or (t.size and (t[0] < 0 or np.any(np.diff(t) < 0))):
        raise ValueError(f"simulate: t must be a sorted 1-d array of times >= 0, got {t!r}")
    tau = t / c.time_unit
    start = relaxed_wall(c) if n_start is None else np.asarray(n_start, dtype=float)
    f = rhs(c, backend)
    span = float(tau[-1]) if tau.size else 0.0
    if progress is not None and span > 0:
        f = _reporting(f, span, progress)
    if span > 0:
        with _one_blas_thread():
            sol = solve_ivp(f, (0.0, span), start.ravel(), method=METHOD, t_eval=tau,
                            rtol=rtol, atol=atol)
        if sol.status != 0:  # in practice: the wall reached an end and the field became NaN
            raise ValueError(f"simulate: the integration failed ({sol.message}); the wall may "
                             f"have left the chain of n_sites={c.n_sites}")
        states = sol.y.T.reshape(len(t), 3, c.n_sites)
        nfev = int(sol.nfev)
        steps = nfev // 12  # DOP853: 12 right-hand sides per step (rejected ones included)
    else:
        states = np.repeat(start[None], len(t), axis=0)
        steps, nfev = 0, 0
    if progress is not None:
        progress(1.0)
    g = rhs(c, "numpy")
    X = np.array([wall_position(n, c.x) for n in states])
    if not np.all(np.isfinite(X)):
        raise ValueError("simulate: the wall left the chain (n_x no longer changes sign); "
                         f"use more sites than n_sites={c.n_sites}")
    rates = [g(0.0, n.ravel()).reshape(3, -1) for n in states]
    V = np.array([wall_velocity(n, ndot, c.x) for n, ndot in zip(states, rates)]) / c.time_unit

    X_zm = np.array([ansatz_position(n, c.x, c.lam) for n in states])
    V_zm = np.array([ansatz_velocity(n, ndot, c.x, c.lam)
                     for n, ndot in zip(states, rates)]) / c.time_unit
    xi0 = np.array([zero_mode_amplitude(n, x_, c.x, c.a, c.lam) for n, x_ in zip(states, X)])
    energy = np.array([wall_energy(n, c) for n in states])
    return Trajectory(t=t, chain=c, n=states, X=X, V=V, xi0=xi0, X_zm=X_zm, V_zm=V_zm,
                      energy=energy, steps=steps, nfev=nfev)


def default_sites(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, t_max=0.0,
                  margin=20.0) -> int:
    """An even N that holds the wall ±``margin``·λ beyond where the collective coordinates put it."""
    import numeric
    X_cc = abs(float(numeric.relaxation(t_max, T_perp=T_perp, alpha=alpha, a=a, lam=lam,
                                        kappa=kappa, J=J, S=S, J_sd=J_sd, S_par=S_par)[2]))
    half = (X_cc + margin * lam) / a
    if half > _MAX_SITES / 2:
        raise ValueError(f"default_sites: the wall would travel {X_cc:.3g} m = {X_cc / a:.3g} sites "
                         f"by t_max={t_max!r}; pass n_sites (at most {_MAX_SITES}) or a shorter t")
    return int(2 * math.ceil(half + 2))


def wall_dynamics(t, *, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, n_sites=None,
                  full=False, centre="ansatz"):
    """(ξ0, V, X)(t) of the full spin chain, from the relaxed wall at rest at t = 0.

    The same arguments (SI) and outputs as :func:`numeric.relaxation`: ξ0 [1], V [m/s],
    X [m] at the times ``t`` [s] (any shape, non-negative); floats for scalar ``t``.
    ``n_sites``: chain length (default :func:`default_sites`: ±20λ beyond the wall).
    ``full=True`` returns (ξ0, V, X, n) with n(x_i, t) of shape t.shape + (3, N), the
    site positions being :func:`site_positions`.  X is the zero of n_x and ξ0 the tilt
    projected on Φ0 around it (:mod:`numeric.llg`, "Measured coordinates").
    ``centre``: where the co-moving s-d field is centred, "ansatz" (the letter's X, the
    default) or "n_x" (the zero of n_x); see :func:`chain`.
    """
    values = dict(T_perp=T_perp, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S, J_sd=J_sd,
                  S_par=S_par)
    p = _checked("wall_dynamics", values)
    times = check_array("wall_dynamics", "t", t, "nonnegative")
    flat = times.ravel()
    grid, inverse = np.unique(flat, return_inverse=True)
    if n_sites is None:
        n_sites = default_sites(**p, t_max=float(grid[-1]) if grid.size else 0.0)
    c = chain(**p, n_sites=n_sites, centre=centre)
    traj = simulate(grid, c)
    out = [traj.xi0[inverse].reshape(times.shape), traj.V[inverse].reshape(times.shape),
           traj.X[inverse].reshape(times.shape)]
    if times.ndim == 0:
        out = [float(v) for v in out]
    if full:
        out.append(traj.n[inverse].reshape(times.shape + (3, c.n_sites)))
    return tuple(out)
