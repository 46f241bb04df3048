"""One side of benchmarks/bench_llg.py's side-by-side runs: times numeric.llg in this process.

    PYTHONPATH=TREE python benchmarks/llg_worker.py

Reads one JSON request per line on stdin and answers one JSON line on stdout, so that the
benchmark can keep a worker of this tree and one of commit a74620e alive and ask them in
turns.  Works with both trees: what a74620e lacks (the compiled integrator, the drive
centre) is asked only of this one.  Not a test, not imported by the package.
"""
from __future__ import annotations

import json
import sys
import time

import numpy as np

import numeric
from numeric import llg

A = 2.5e-10
BASE = dict(alpha=0.1, a=A, lam=12 * A, kappa=6 * A, J=1.6e-21, S=1.0, J_sd=1.6e-21, S_par=0.0)
STATE: dict = {}


def _chain(N: int, centre):
    extra = {} if centre is None else {"centre": centre}
    return llg.chain(T_perp=3e-4, **BASE, n_sites=N, **extra)


def setup(N: int, t_max: float, points: int, centre=None) -> dict:
    """The chain, its relaxed wall, the sample times over t_max τ_DW; compiles what is used."""
    tau = numeric.tau_dw(alpha=BASE["alpha"], a=A, kappa=BASE["kappa"], J=BASE["J"], S=BASE["S"])
    c = _chain(N, centre)
    start = time.perf_counter()
    wall = llg.relaxed_wall(c)
    relax = time.perf_counter() - start
    t = np.linspace(0.0, t_max, points) * tau
    STATE.update(c=c, wall=wall, t=t, tau=tau)
    llg.simulate(t[:3] / 50, c, n_start=wall)  # compile, or load numba's cache
    return {"relax_s": relax, "n_sites": c.n_sites}


class Clock:
    """Wall time and this process's CPU time (the CPU time does not count the time other jobs
    on a shared machine take the core away)."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def result(self) -> dict:
        return {"seconds": self.wall, "cpu": self.cpu}


def simulate(integrator=None) -> dict:
    """One simulate(t, c) from the relaxed wall (given), measurements included."""
    extra = {} if integrator is None else {"integrator": integrator}
    with Clock() as clock:
        traj = llg.simulate(STATE["t"], STATE["c"], n_start=STATE["wall"], **extra)
    return {**clock.result(), "nfev": traj.nfev, "steps": traj.steps}


def relax() -> dict:
    """relaxed_wall(c) from scratch (this tree keeps it per (N, a, λ): the cache is emptied)."""
    cached = getattr(getattr(llg, "relax", None), "_relaxed", None)
    if cached is not None:
        cached.cache_clear()
    with Clock() as clock:
        llg.relaxed_wall(STATE["c"])
    return clock.result()


def integrate_solve_ivp() -> dict:
    """The integration alone as a74620e's simulate does it: solve_ivp, DOP853, the numba
    right-hand side called from Python; RHS time by a timer around each call."""
    from scipy.integrate import solve_ivp
    c, tau = STATE["c"], STATE["t"] / STATE["c"].time_unit
    f = llg.rhs(c, "numba")
    inside = {"s": 0.0}

    def timed(s, y):
        t0 = time.process_time()
        out = f(s, y)
        inside["s"] += time.process_time() - t0
        return out
    blas = llg.dynamics._one_blas_thread() if hasattr(llg, "dynamics") else llg._one_blas_thread()
    with blas, Clock() as clock:
        sol = solve_ivp(timed, (0.0, tau[-1]), STATE["wall"].ravel(), method="DOP853", t_eval=tau,
                        rtol=llg.RTOL, atol=llg.ATOL)
    return {**clock.result(), "nfev": int(sol.nfev), "rhs_cpu": inside["s"]}


_CALLS = {}


def _rhs_call_time(kernel, consts, states, calls: int = 2000) -> float:
    """CPU seconds per kernel call from compiled code through the integrator's function
    pointer, averaged over ``states`` (rows: the cost may depend on the state); best of 5."""
    if "loop" not in _CALLS:
        import numba
        from numba import types

        from numeric.llg._runge_kutta import RHS
        vec = types.float64[::1]

        @numba.njit(types.void(RHS, types.float64[:, ::1], vec, types.int64))
        def loop(f, states, consts, m):
            out = np.empty(states.shape[1])
            for _ in range(m):
                for k in range(states.shape[0]):
                    f(states[k], out, consts)
        _CALLS["loop"] = loop
    loop = _CALLS["loop"]
    states = np.ascontiguousarray(np.atleast_2d(states))
    rounds = max(1, calls // states.shape[0])
    loop(kernel, states, consts, 1)
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        loop(kernel, states, consts, rounds)
        best = min(best, (time.process_time() - start) / (rounds * states.shape[0]))
    return best


def integrate_compiled(method: str = "tsit5", rtol: float | None = None,
                       atol: float | None = None, reference: bool = False) -> dict:
    """The compiled integrator alone; its right-hand side's share from nfev × the CPU time of
    one call in a compiled loop (averaged over the run's samples); deviation from the
    reference run."""
    from numeric.llg.rhs import compiled
    from numeric.llg.runge_kutta import integrate
    c, tau = STATE["c"], STATE["t"] / STATE["c"].time_unit
    kernel, consts = compiled(c)
    rtol = llg.RTOL if rtol is None else rtol
    atol = rtol * 1e-2 if atol is None else atol
    with Clock() as clock:
        sol = integrate(kernel, consts, STATE["wall"].ravel(), tau, method=method, rtol=rtol,
                        atol=atol)
    out = {**clock.result(), "nfev": sol.nfev, "steps": sol.steps, "rejected": sol.rejected}
    if reference:
        STATE["reference"] = sol.y
    elif "reference" in STATE:
        out["deviation"] = float(np.max(np.abs(sol.y - STATE["reference"])))
    out["rhs_call_cpu"] = _rhs_call_time(kernel, consts, sol.y)  # over the samples
    return out


def main() -> int:
    ops = {f.__name__: f for f in (setup, simulate, relax, integrate_solve_ivp,
                                   integrate_compiled)}
    for line in sys.stdin:
        request = json.loads(line)
        op = request.pop("op")
        try:
            answer = ops[op](**request)
        except Exception as err:  # reported to the benchmark, which stops
            answer = {"failed": f"{type(err).__name__}: {err}"}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
