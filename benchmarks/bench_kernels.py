"""Benchmark: numeric (NumPy), numeric.compiled (numba) and numexpr against the hardware floors.

    python benchmarks/bench_kernels.py [--n 1e7] [--rounds 7] [--markdown]

Needs ``pip install -e '.[bench]'`` (numexpr, numba).  Everything is timed in
this one process, interleaved: each round times every method once; a time is
the best round's, a ratio the median over rounds of the ratio within a round,
so the ratios compare like with like on a busy machine.

Cases, at N points:

* ``v_star``, all 9 arguments arrays, and the sweep (T an array, the rest scalars);
* ``relaxation``, all 10 arguments arrays (S_z at its default 0), and the sweep over t.

Methods: the public checked functions of ``numeric`` and ``numeric.compiled``;
numexpr on 2 threads evaluating the same stable expression (no checks); and
two floors, each a numba ``prange`` loop on the same threads:

* memory floor: read the k array arguments, write the outputs (a sum);
* compute floor: one ``exp`` per point (read one array, write one), of x in [0, 1].

Every method returns a freshly allocated output, as the public functions do.
Goals (issue 12): compiled v_star ≤ 0.7× numexpr in both cases, ≤ 1.5× the memory
floor with all arguments arrays, ≤ 1.3× the compute floor in the sweep; the
relaxation ≤ 3× its floor (the larger of the two).  Then the first call's compile
time in a fresh process with an empty numba cache, and the same first call in a
second process that loads the cache.
"""
from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import timeit

import numba
import numexpr as ne
import numpy as np

import numeric
import numeric.compiled as compiled
from numeric import HBAR, K_B

THREADS = 2

# the stable forms of numeric._kernels, for numexpr
_VSTAR = ("-0.5*J_sd**2*S*exp(-abs(eps0 - mu)/(K_B*T))*j*lam"
          "/(K_B*T*alpha*HBAR*j0*(1 + exp(-abs(eps0 - mu)/(K_B*T)))**2)")
_K = "(J*S*a**3/kappa**2 + J_sd*S_par)"
_TAU = f"(a*HBAR*(1 + alpha**2)/({_K}*alpha))"
_S = f"(t/{_TAU})"
_VS = "(-0.5*J_sd*T_perp*lam/(alpha*HBAR))"
_PHI = (f"where({_S} < 0.001, {_S}**2*(0.5 - {_S}*(1/6. - {_S}*(1/24. - {_S}*(1/120. - {_S}/720.)))),"
        f" {_S} + expm1(-{_S}))")
NUMEXPR = {
    "v_star": [_VSTAR],
    "relaxation": [f"-(-0.5*sqrt(2.)*J_sd*T_perp*sqrt(a*lam)/({_K}*alpha))*expm1(-{_S})",
                   f"{_VS}/(1 + alpha**2)*(alpha**2 - expm1(-{_S}))",
                   f"{_VS}/(1 + alpha**2)*(alpha**2*t + {_TAU}*{_PHI})"],
}

RANGES = {"alpha": (1e-3, 0.5), "a": (2e-10, 4e-10), "kappa": (2e-9, 2e-8), "J": (1e-21, 1e-20),
          "S": (0.5, 2.5), "J_sd": (1e-22, 1e-21), "S_par": (0.0, 1e-10), "T_perp": (-1e-3, 1e-3),
          "lam": (5e-9, 5e-8), "j": (-1e12, 1e12), "j0": (1e15, 1e17), "T": (10.0, 600.0),
          "mu": (5e-20, 2e-19), "eps0": (5e-20, 2e-19), "t": (0.0, 1e-9)}


@numba.njit(parallel=True)
def _memory_floor(outs, arrays):
    for i in numba.prange(outs[0].shape[0]):
        total = 0.0
        for k in range(len(arrays)):
            total += arrays[k][i]
        for o in range(len(outs)):
            outs[o][i] = total


@numba.njit(parallel=True)
def _compute_floor(out, x):
    for i in numba.prange(out.shape[0]):
        out[i] = math.exp(-x[i])


def memory_floor(arrays: tuple, n_out: int):
    outs = tuple(np.empty(arrays[0].shape[0]) for _ in range(n_out))
    _memory_floor(outs, arrays)  # one pass: read every input once, write every output
    return outs


def compute_floor(x):
    out = np.empty_like(x)
    _compute_floor(out, x)
    return out


def draw(name: str, n: int, sweep: str | None, rng) -> dict:
    """Physical values: every argument an array of n points, or only ``sweep``.

    µ lies within ±0.05 eV of ε0 (|ε0 - µ|/k_BT ≤ 60 here), where V* is not negligible.
    """
    values = {}
    for arg, _ in numeric.kernels.DOMAINS[name]:
        if arg == "S_z":  # its default 0, the letter: numexpr's expressions have no S_z term
            continue
        lo, hi = RANGES[arg]
        values[arg] = rng.uniform(lo, hi, n) if sweep in (None, arg) else 0.5 * (lo + hi)
    if "mu" in values:
        shift = 0.05 * 1.602176634e-19
        values["mu"] = values["eps0"] + (rng.uniform(-shift, shift, n) if sweep is None else 0.5 * shift)
    return values


def call(module, name: str, values: dict):
    lead = numeric.kernels.POSITIONAL[name]
    return getattr(module, name)(*(values[k] for k in lead),
                                 **{k: v for k, v in values.items() if k not in lead})


def case(name: str, sweep: str | None, n: int, rounds: int, rng) -> dict:
    values = draw(name, n, sweep, rng)
    arrays = tuple(v for v in values.values() if np.ndim(v))
    unit = rng.uniform(0.0, 1.0, n)  # exp(-x) in its fast range
    env = {**values, "HBAR": HBAR, "K_B": K_B}
    n_out = len(numeric.kernels.RESULTS[name])
    methods = {
        "NumPy": lambda: call(numeric, name, values),
        "compiled": lambda: call(compiled, name, values),
        "numexpr": lambda: [ne.evaluate(e, local_dict=env) for e in NUMEXPR[name]],
        "memory floor": lambda: memory_floor(arrays, n_out),
        "compute floor": lambda: compute_floor(unit),
    }
    # the same numbers: compiled against NumPy, numexpr against NumPy
    reference = call(numeric, name, values)
    for method in ("compiled", "numexpr"):
        got = methods[method]()
        for g, r in zip(np.atleast_2d(got), np.atleast_2d(reference)):
            scale = np.max(np.abs(r))
            assert np.max(np.abs(g - r)) <= 1e-12 * scale, (name, method)
    for fn in methods.values():
        fn()  # compile, warm up
    times = {method: [] for method in methods}
    for _ in range(rounds):
        for method, fn in methods.items():
            times[method].append(timeit.timeit(fn, number=1))
    return {method: np.array(t) for method, t in times.items()}


def ratio(times: dict, a: str, b: str) -> float:
    """Median over rounds of t_a/t_b, both timed in the same round (robust to a drifting load)."""
    return float(np.median(times[a] / times[b]))


_FIRST_CALL = textwrap.dedent("""
    import time
    t0 = time.perf_counter()
    import numeric.compiled as c
    t1 = time.perf_counter()
    c.v_star(j=1e11, j0=1e16, T=300.0, mu=1e-19, eps0=1e-19, alpha=0.01, lam=1e-8, J_sd=1e-21)
    t2 = time.perf_counter()
    c.torque_perp(j=1e11, j0=1e16, T=300.0, mu=1e-19, eps0=1e-19, J_sd=1e-21)
    t3 = time.perf_counter()
    c.v_star(j=1e11, j0=1e16, T=300.0, mu=1e-19, eps0=1e-19, alpha=0.01, lam=1e-8, J_sd=1e-21)
    t4 = time.perf_counter()
    print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
""")


def first_calls() -> list[tuple[float, ...]]:
    """(import, first v_star, first torque_perp, second v_star) of numeric.compiled in a fresh
    process: with an empty numba cache, then in a second process that loads the cache."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        runs = []
        for _ in range(2):
            out = subprocess.run([sys.executable, "-c", _FIRST_CALL], env=env, check=True,
                                 capture_output=True, text=True)
            runs.append(tuple(float(x) for x in out.stdout.split()))
        return runs


def import_time(module: str, repeat: int = 5) -> float:
    """Best wall time of ``python -c 'import module'`` (interpreter start-up included)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e7)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    n = int(args.n)
    numba.set_num_threads(THREADS)
    ne.set_num_threads(THREADS)
    rng = np.random.default_rng(0)
    cases = [("v_star", None, "all 9 arguments arrays"), ("v_star", "T", "sweep: T an array"),
             ("relaxation", None, "all 10 arguments arrays"), ("relaxation", "t", "sweep: t an array")]
    print(f"N = {n:.0e} points, {args.rounds} interleaved rounds: times the best round, ratios "
          f"the median of the ratios within a round; {THREADS} threads "
          f"(numba {numba.__version__}, numexpr {ne.__version__}, NumPy {np.__version__})\n")
    print("| kernel | case | NumPy [ms] | compiled [ms] | numexpr [ms] | memory floor [ms] | "
          "compute floor [ms] | compiled/numexpr | compiled/memory floor | compiled/compute floor |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, sweep, label in cases:
        t = case(name, sweep, n, args.rounds, rng)
        ms = {k: f"{1e3 * v.min():.0f}" for k, v in t.items()}
        print(f"| {name} | {label} | {ms['NumPy']} | {ms['compiled']} | {ms['numexpr']} | "
              f"{ms['memory floor']} | {ms['compute floor']} | {ratio(t, 'compiled', 'numexpr'):.2f} | "
              f"{ratio(t, 'compiled', 'memory floor'):.2f} | {ratio(t, 'compiled', 'compute floor'):.2f} |")
    cold, warm = first_calls()
    print(f"\nnumeric.compiled, scalar arguments, fresh process, empty numba cache: import "
          f"{1e3 * cold[0]:.0f} ms, first v_star {cold[1]:.2f} s, first torque_perp {cold[2]:.2f} s "
          f"(compiling), v_star again {1e3 * cold[3]:.2f} ms")
    print(f"next process, cache filled: import {1e3 * warm[0]:.0f} ms, first v_star "
          f"{1e3 * warm[1]:.0f} ms (numba's runtime starting), first torque_perp "
          f"{1e3 * warm[2]:.0f} ms, v_star again {1e3 * warm[3]:.2f} ms")
    t_np, t_numeric = import_time("numpy"), import_time("numeric")
    print(f"import numpy {1e3 * t_np:.0f} ms, import numeric {1e3 * t_numeric:.0f} ms "
          "(fresh processes, start-up included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
