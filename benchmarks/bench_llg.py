"""Benchmark: the LLG spin chain (numeric.llg), right-hand side and whole integration.

    python benchmarks/bench_llg.py [--sizes 256 1024 4096] [--repeat 7]

For each chain length N it prints, measured side by side in one run:

* the right-hand side f(τ, y) as solve_ivp calls it (allocation included), numba and
  NumPy, in µs per call and spin-evaluations per second;
* its memory floor: the arrays it must stream are y (3N) and e^{x/λ} (N), read, and ṅ (3N),
  written: 7N doubles; floor = t_copy(3N) · 7/6, t_copy the best time of ``y.copy()``
  (6N doubles moved, allocation included, like the right-hand side's) on this machine, at
  the same N; the ratio numba/floor;
* the whole integration (solve_ivp, DOP853, rtol 1e-9, atol 1e-11) of the wall driven at a
  small torque over one τ_DW: accepted steps, spin-steps per second (N × steps / wall
  time) and the share of the time spent in the right-hand side.

Not a test: the numbers go into README (``python -m opza.readme llg-bench`` puts what it prints
there).
"""
from __future__ import annotations

import argparse
import sys
import time
import timeit

import numpy as np

import numeric
from numeric import llg

A = 2.5e-10
BASE = dict(alpha=0.1, a=A, lam=12 * A, kappa=6 * A, J=1.6e-21, S=1.0, J_sd=1.6e-21, S_par=0.0)


def best(fn, repeat: int, number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 1024, 4096])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    tau = numeric.tau_dw(alpha=BASE["alpha"], a=A, kappa=BASE["kappa"], J=BASE["J"], S=BASE["S"])
    rows = []
    for N in args.sizes:
        c = llg.chain(T_perp=3e-4, **BASE, n_sites=N)
        y = llg.relaxed_wall(c).ravel()
        y = y + 1e-3 * np.sin(np.arange(y.size))  # a generic state, not a fixed point
        f_numba, f_numpy = llg.rhs(c, "numba"), llg.rhs(c, "numpy")
        f_numba(0.0, y)  # compile (or load the cache)
        number = max(1, 200_000 // N)
        t_numba = best(lambda: f_numba(0.0, y), args.repeat, number)
        t_numpy = best(lambda: f_numpy(0.0, y), args.repeat, max(1, number // 20))
        t_copy = best(lambda: y.copy(), args.repeat, number)
        floor = t_copy * 7 / 6
        # the whole integration over one τ_DW, counting right-hand-side time
        calls = {"time": 0.0}

        def timed(s, state):
            t0 = time.perf_counter()
            out = f_numba(s, state)
            calls["time"] += time.perf_counter() - t0
            return out
        from scipy.integrate import solve_ivp
        start = llg.relaxed_wall(c).ravel()
        with llg.dynamics._one_blas_thread():  # as llg.simulate integrates
            t0 = time.perf_counter()
            sol = solve_ivp(timed, (0.0, tau / c.time_unit), start, method=llg.METHOD,
                            rtol=llg.RTOL, atol=llg.ATOL)
            wall = time.perf_counter() - t0
        steps = sol.nfev // 12
        rows.append((N, 1e6 * t_numba, 1e6 * t_numpy, N / t_numba, 1e6 * floor, t_numba / floor,
                     steps, N * steps / wall, calls["time"] / wall, t_numpy / t_numba))
    lines = ["| N | RHS numba [µs] | RHS NumPy [µs] | numba spin-evals/s | floor [µs] | "
             "numba/floor | steps in τ_DW | spin-steps/s (solve_ivp) | RHS share | NumPy/numba |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r[0]} | {r[1]:.1f} | {r[2]:.1f} | {r[3]:.3g} | {r[4]:.2f} | "
                     f"{r[5]:.2f} | {r[6]} | {r[7]:.3g} | {r[8]:.0%} | {r[9]:.1f} |")
    within = [str(r[0]) for r in rows if r[5] <= 3.0]
    beyond = [f"{r[0]} ({r[5]:.1f}×)" for r in rows if r[5] > 3.0]
    lines.append(f"\nRight-hand side within 3× its memory floor at N = {', '.join(within) or 'none'}"
                 + (f"; above it at N = {', '.join(beyond)}." if beyond else "."))
    import numba
    lines.append(f"\n*`python benchmarks/bench_llg.py`: numba {numba.__version__}, NumPy "
                 f"{np.__version__}, {llg.METHOD} rtol={llg.RTOL:g} atol={llg.ATOL:g}, λ = 12a, "
                 f"κ = λ/2, α = 0.1, best of {args.repeat}, 2-core machine shared with other "
                 f"jobs.*")
    text = "\n".join(lines)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
