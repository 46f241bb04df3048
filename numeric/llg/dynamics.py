"""Integration of the chain from the relaxed wall, one chain or a batch, and the trajectory's
measured coordinates.

The compiled Tsit5 of :mod:`numeric.llg.runge_kutta` by default; SciPy's ``solve_ivp``
(DOP853) as the reference path.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._checks import check_array
from .chain import _CLIP, _MAX_SITES, ATOL, G_FACTOR, METHOD, MU_B, RTOL, Chain, _checked, chain
from .measure import (ansatz_position, ansatz_velocity, wall_position, wall_tilt,
                      wall_velocity, wall_width, zero_mode_amplitude)
from .._kernels import HBAR
from .relax import relaxed_wall
from .chain import wall_energy
from .rhs import _have_numba, compiled, rhs
from .runge_kutta import DEFAULT, _per_problem, integrate, integrate_batch

__all__ = ["Trajectory", "simulate", "simulate_batch", "default_sites", "wall_dynamics",
           "INTEGRATORS", "integrator_name"]

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
    coordinate (:func:`ansatz_position`), and its rate; ``tilt`` ψ [rad] and ``width`` Δ [m]
    of the wall (:func:`wall_tilt`, :func:`wall_width`, Walker's coordinates);
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
    tilt: np.ndarray = None
    width: np.ndarray = None


INTEGRATORS = ("auto", "tsit5", "dop853", "solve_ivp")


def _integrator(name: str, integrator: str, backend: str) -> str:
    """The integrator to use: "auto" is the compiled Tsit5 when numba is installed."""
    if integrator not in INTEGRATORS:
        raise ValueError(f"{name}: integrator must be one of {', '.join(map(repr, INTEGRATORS))}, "
                         f"got {integrator!r}")
    if integrator == "auto":
        return DEFAULT if backend != "numpy" and _have_numba() else "solve_ivp"
    if integrator != "solve_ivp" and (backend == "numpy" or not _have_numba()):
        raise ValueError(f"{name}: integrator={integrator!r} is compiled by numba "
                         f"(pip install 'opza[sim]'); use integrator='solve_ivp' with "
                         f"backend={backend!r}")
    return integrator


def integrator_name(integrator: str = "auto", backend: str = "auto") -> str:
    """What ``simulate(..., integrator=integrator)`` integrates with, in words (for headers)."""
    method = _integrator("integrator_name", integrator, backend)
    return {"tsit5": "compiled Tsit5", "dop853": "compiled DOP853",
            "solve_ivp": f"solve_ivp {METHOD}"}[method]


def _solve_ivp(c: Chain, start: np.ndarray, tau: np.ndarray, backend: str, rtol: float,
               atol: float, progress):
    """The reference path: scipy's solve_ivp, DOP853, the right-hand side called from Python."""
    from scipy.integrate import solve_ivp
    f = rhs(c, backend)
    span = float(tau[-1])
    if progress is not None:
        f = _reporting(f, span, progress)
    with _one_blas_thread():
        sol = solve_ivp(f, (0.0, span), start, method=METHOD, t_eval=tau, rtol=rtol, atol=atol)
    if sol.status != 0:  # in practice: the wall reached an end and the field became NaN
        raise ValueError(f"simulate: the integration failed ({sol.message}); the wall may "
                         f"have left the chain of n_sites={c.n_sites}")
    # DOP853: 12 right-hand sides per step (rejected ones included)
    return sol.y.T, int(sol.nfev), int(sol.nfev) // 12


def _compiled_run(c: Chain, start: np.ndarray, tau: np.ndarray, method: str, rtol: float,
                  atol: float, progress):
    """The compiled integrator (numeric.llg.runge_kutta); with ``progress``, in about 50
    pieces that end on sample times, the step size carried over."""
    kernel, consts = compiled(c)
    pieces = [np.arange(tau.size)] if progress is None else \
        [p for p in np.array_split(np.arange(tau.size), min(50, tau.size)) if p.size]
    states = np.empty((tau.size, start.size))
    nfev = steps = 0
    t0, y0, h = 0.0, start, None
    try:
        for piece in pieces:
            sol = integrate(kernel, consts, y0, tau[piece], method=method, rtol=rtol, atol=atol,
                            t0=t0, first_step=h)
            states[piece] = sol.y
            nfev, steps = nfev + sol.nfev, steps + sol.steps
            t0, y0, h = tau[piece[-1]], sol.y[-1], sol.h_next
            if progress is not None:
                progress(min(t0 / tau[-1], 1.0))
    except RuntimeError as err:
        raise ValueError(f"simulate: the integration failed ({err}); the wall may have left "
                         f"the chain of n_sites={c.n_sites}") from None
    return states, nfev, steps


def _start(name: str, c: Chain, n_start) -> np.ndarray:
    """The initial state (3, N): the relaxed wall, or ``n_start`` checked against the chain
    (the compiled kernel trusts the sizes it is given)."""
    if n_start is None:
        return relaxed_wall(c)
    start = np.asarray(n_start, dtype=float)
    if start.shape != (3, c.n_sites) or not np.all(np.isfinite(start)):
        raise ValueError(f"{name}: n_start must be finite of shape (3, {c.n_sites}), got "
                         f"shape {start.shape}")
    return start


def simulate(t, c: Chain, n_start: np.ndarray | None = None, backend: str = "auto",
             rtol: float = RTOL, atol: float = ATOL, progress=None,
             integrator: str = "auto", coordinates: str = "all") -> Trajectory:
    """Integrate the LLG equation of ``c`` from ``n_start`` (the relaxed wall) to max(t).

    ``t`` [s]: sorted, non-negative sample times.  ``integrator``: "tsit5" or "dop853"
    (compiled, :mod:`numeric.llg.runge_kutta`), "solve_ivp" (SciPy's DOP853 calling the
    right-hand side of ``backend`` from Python: the reference path), "auto" (Tsit5 when
    numba is installed).  ``rtol``, ``atol`` as in solve_ivp.  ``progress``: called with
    the fraction of the time span done (throttled), e.g. for a progress bar.
    ``coordinates="walker"`` measures only X, V, ψ and Δ at each sample (ξ0, X_zm, V_zm,
    energy left NaN), for long, densely sampled runs.
    """
    if coordinates not in ("all", "walker"):
        raise ValueError(f"simulate: coordinates must be 'all' or 'walker', got {coordinates!r}")
    t = np.asarray(t, dtype=float)
    if t.ndim != 1 or (t.size and (t[0] < 0 or np.any(np.diff(t) < 0))):
        raise ValueError(f"simulate: t must be a sorted 1-d array of times >= 0, got {t!r}")
    method = _integrator("simulate", integrator, backend)
    tau = t / c.time_unit
    start = _start("simulate", c, n_start)
    if tau.size and tau[-1] > 0:
        run = _solve_ivp if method == "solve_ivp" else _compiled_run
        states, nfev, steps = run(c, start.ravel(), tau, backend if method == "solve_ivp"
                                  else method, rtol, atol, progress)
        states = states.reshape(len(t), 3, c.n_sites)
    else:
        states = np.repeat(start[None], len(t), axis=0)
        steps, nfev = 0, 0
    if progress is not None:
        progress(1.0)
    return _trajectory(t, c, states, steps, nfev, coordinates)


def _compiled_centres(c: Chain, states: np.ndarray, X: np.ndarray):
    """The ansatz's X of each state by the kernel's Newton iteration (None without numba)."""
    if not _have_numba():
        return None
    from ._numba import ansatz_centre
    return np.array([ansatz_centre(n[0], n[1], c.x, c.e_x, c.lam, _CLIP, start)
                     for n, start in zip(states, X)])


def _trajectory(t: np.ndarray, c: Chain, states: np.ndarray, steps: int, nfev: int,
                coordinates: str = "all") -> Trajectory:
    """The measured coordinates of the samples ``states`` (len(t), 3, N), all at once."""
    X = np.atleast_1d(wall_position(states, c.x))
    if not np.all(np.isfinite(X)):
        raise ValueError("simulate: the wall left the chain (n_x no longer changes sign); "
                         f"use more sites than n_sites={c.n_sites}")
    f = rhs(c)  # compiled when numba is installed; the NumPy one computes the same numbers
    rates = np.stack([f(0.0, n.ravel()).reshape(3, -1) for n in states]) if len(t) \
        else np.zeros_like(states)
    V = np.atleast_1d(wall_velocity(states, rates, c.x)) / c.time_unit

    if coordinates == "all":
        # the ansatz's X: Newton from the compiled kernel's root when numba is installed
        # (then one step confirms it to 1e-13 λ), else from the zero of n_x
        X_zm = np.atleast_1d(ansatz_position(states, c.x, c.lam,
                                             start=_compiled_centres(c, states, X)))
        V_zm = np.atleast_1d(ansatz_velocity(states, rates, c.x, c.lam, X=X_zm)) / c.time_unit
        xi0 = np.atleast_1d(zero_mode_amplitude(states, X, c.x, c.a, c.lam))
        energy = np.atleast_1d(wall_energy(states, c))
    else:
        X_zm = V_zm = xi0 = energy = np.full(len(t), np.nan)
    tilt = np.unwrap(np.atleast_1d(wall_tilt(states, c.x, c.lam))) if len(t) else np.zeros(0)
    width = np.array([wall_width(n, c.a) for n in states])
    return Trajectory(t=t, chain=c, n=states, X=X, V=V, xi0=xi0, X_zm=X_zm, V_zm=V_zm,
                      energy=energy, steps=steps, nfev=nfev, tilt=tilt, width=width)


def simulate_batch(t, chains, n_start=None, rtol: float = RTOL, atol: float = ATOL,
                   integrator: str = "auto", strict: bool = True) -> list:
    """:func:`simulate` for many chains in one compiled loop, each with its own step size.

    ``t`` [s]: one sorted array of times >= 0 for all chains, or one per chain (e.g.
    each in units of its own τ_DW); ``n_start``: None (each chain's relaxed wall) or one
    start per chain.  The chains may differ in every parameter and in length.
    ``integrator="solve_ivp"`` runs them one after the other (the reference).
    ``strict=False`` gives None for a chain whose integration failed, instead of raising.
    Chains whose right-hand sides are different kernels are integrated in one loop per
    kernel.  Returns a list of :class:`Trajectory`, in the order of ``chains``.
    """
    chains = list(chains)
    if not chains or not all(isinstance(c, Chain) for c in chains):
        raise ValueError(f"simulate_batch: chains must be a non-empty sequence of Chain, got {chains!r}")
    method = _integrator("simulate_batch", integrator, "auto")
    times = _per_problem(t, len(chains))
    if len(times) != len(chains):
        raise ValueError(f"simulate_batch: t must be one array or one per chain, got {len(times)} "
                         f"for {len(chains)} chains")
    starts = [None] * len(chains) if n_start is None else list(n_start)
    if len(starts) != len(chains):
        raise ValueError(f"simulate_batch: n_start must be None or one per chain, got "
                         f"{len(starts)} for {len(chains)} chains")
    if method == "solve_ivp":
        out = []
        for s, c, n0 in zip(times, chains, starts):
            try:
                out.append(simulate(s, c, n0, rtol=rtol, atol=atol, integrator="solve_ivp"))
            except ValueError:
                if strict:
                    raise
                out.append(None)
        return out
    for s in times:
        if s.ndim != 1 or s.size == 0 or s[0] < 0 or np.any(np.diff(s) < 0):
            raise ValueError(f"simulate_batch: each t must be a sorted non-empty 1-d array of "
                             f"times >= 0, got {s!r}")
    starts = [_start("simulate_batch", c, n0) for c, n0 in zip(chains, starts)]
    kernels = [compiled(c) for c in chains]
    sols = [None] * len(chains)
    # one compiled loop per right-hand-side kernel (chains of different drives may differ)
    for kernel in {id(k): k for k, _ in kernels}.values():
        group = [i for i, (k, _) in enumerate(kernels) if k is kernel]
        done = integrate_batch(kernel, [kernels[i][1] for i in group],
                               [starts[i].ravel() for i in group],
                               [times[i] / chains[i].time_unit for i in group], method=method,
                               rtol=rtol, atol=atol, strict=False)
        for i, sol in zip(group, done):
            sols[i] = sol
    out = []
    for s, c, sol in zip(times, chains, sols):
        try:
            if sol is None:
                raise ValueError("simulate_batch: the integration failed (the step size "
                                 "collapsed); the wall may have left the chain of "
                                 f"n_sites={c.n_sites}")
            out.append(_trajectory(s, c, sol.y.reshape(s.size, 3, c.n_sites), sol.steps,
                                   sol.nfev))
        except ValueError:
            if strict:
                raise
            out.append(None)
    return out


def default_sites(*, alpha, a, lam, kappa, J, S, T_perp=0.0, J_sd=0.0, S_par=0.0,
                  B=(0.0, 0.0, 0.0), u=0.0, beta=0.0, g=G_FACTOR, t_max=0.0, margin=20.0) -> int:
    """An even N that holds the wall ±``margin``·λ beyond where it can travel by ``t_max``.

    The travel: the collective coordinates' X (the s-d drive) plus a bound on the standard
    drives' speed, gµ_B|B_x|λ/(αħ) (Walker's below breakdown, above the mean beyond it)
    and |u| max(1, |β|/α) (the drift's).
    """
    import numeric
    X_cc = abs(float(numeric.relaxation(t_max, T_perp=T_perp, alpha=alpha, a=a, lam=lam,
                                        kappa=kappa, J=J, S=S, J_sd=J_sd, S_par=S_par)[2]))
    speed = g * MU_B * abs(B[0]) * lam / (alpha * HBAR) + abs(u) * max(1.0, abs(beta) / alpha)
    travel = X_cc + speed * t_max
    half = (travel + margin * lam) / a
    if half > _MAX_SITES / 2:
        raise ValueError(f"default_sites: the wall would travel {travel:.3g} m = {travel / a:.3g} "
                         f"sites by t_max={float(t_max):.4g} s; pass n_sites (at most {_MAX_SITES}) or a "
                         "shorter t")
    return int(2 * math.ceil(half + 2))


def wall_dynamics(t, *, alpha, a, lam, kappa, J, S, T_perp=0.0, J_sd=0.0, S_par=0.0,
                  B=(0.0, 0.0, 0.0), u=0.0, beta=0.0, g=G_FACTOR, n_sites=None, full=False,
                  centre="ansatz"):
    """(ξ0, V, X)(t) of the full spin chain, from the relaxed wall at rest at t = 0.

    The same arguments (SI) and outputs as :func:`numeric.relaxation`: ξ0 [1], V [m/s],
    X [m] at the times ``t`` [s] (any shape, non-negative); floats for scalar ``t``.
    The drives, each switched on at t = 0, alone or together: the letter's s-d field
    (``T_perp``, ``J_sd``, ``S_par``), a uniform field ``B`` [T] (3 components; the moment
    is -gµ_B S n, ``g`` = 2 unless given) and the Zhang–Li torque (drift ``u`` [m/s] along
    x, non-adiabatic ``beta``); :mod:`numeric.llg` states them term by term.
    ``n_sites``: chain length (default :func:`default_sites`: ±20λ beyond the wall).
    ``full=True`` returns (ξ0, V, X, n) with n(x_i, t) of shape t.shape + (3, N), the
    site positions being :func:`site_positions`.  X is the zero of n_x and ξ0 the tilt
    projected on Φ0 around it (:mod:`numeric.llg`, "Measured coordinates"); the wall's
    tilt ψ and width Δ are in :func:`simulate`'s trajectory.
    ``centre``: where the co-moving s-d field is centred, "ansatz" (the letter's X, the
    default) or "n_x" (the zero of n_x); see :func:`chain`.
    """
    values = dict(T_perp=T_perp, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S, J_sd=J_sd,
                  S_par=S_par, B=B, u=u, beta=beta, g=g)
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
