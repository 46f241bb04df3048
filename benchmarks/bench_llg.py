"""Benchmark: the LLG spin chain (numeric.llg) — right-hand side, integrators, sweeps.

    python benchmarks/bench_llg.py [--sizes 256 1024 4096] [--rounds 5]

Everything is measured side by side in one run, as ratios (a 2-core machine shared with
other jobs: absolute times move between runs; the load average is printed):

1. the right-hand side per N: numba and NumPy against a memory floor (7N doubles streamed
   at the bandwidth of ``y.copy()``, 6N doubles, at the same N), and the compiled
   integration (Tsit5) over one τ_DW: steps, spin-steps per CPU second, the right-hand
   side's share (right-hand-side calls × the CPU time of one call from compiled code,
   averaged over the run's states / the run's CPU time), and how much faster than
   solve_ivp (CPU time);
2. against commit a74620e (``git archive`` into a temporary directory, run in a worker
   process beside a worker of this tree, asked in turns, ``--rounds`` rounds): a run at
   N = 1024 over 5 τ_DW (101 samples, rtol 1e-9): simulate from the relaxed wall, the
   integration alone, relaxed_wall itself; ratios per round of wall-clock and of CPU time
   (which leaves out the time other jobs hold the core), their median and range;
3. Tsit5 against DOP853 (both compiled): error against a converged run (DOP853 at rtol
   1e-13) and time, for rtol 1e-7 … 1e-11, rounds interleaved;
4. sweep throughput (runs per second) of ``error_map`` over a 12-point grid with ``opza
   sweep``'s other defaults, for runs of 5 τ_DW and of 0.5 τ_DW: dask with 1 and 2 local
   worker processes, one point per task and four per task (``--batch 4``), and
   ``compare_batch`` in this process alone;
5. against Spirit (benchmarks/llg_spirit.py, in its own process on one thread): a field-driven
   wall over the same physical time, each code at its cheapest setting reaching the same
   error against a converged run, N = 256 … 4096 (``--spirit-sizes``).

Not a test: the numbers go into README (``python -m opza.readme llg-bench`` puts what it prints
there).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import pathlib
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import timeit

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numeric  # noqa: E402
from numeric import llg  # noqa: E402

A = 2.5e-10
BASE = dict(alpha=0.1, a=A, lam=12 * A, kappa=6 * A, J=1.6e-21, S=1.0, J_sd=1.6e-21, S_par=0.0)
BASELINE = "a74620e"


def best(fn, repeat: int, number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


class Worker:
    """benchmarks/llg_worker.py in its own process, with ``tree`` first on its path."""

    def __init__(self, tree: pathlib.Path):
        env = {**os.environ, "PYTHONPATH": str(tree)}
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "llg_worker.py")], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, env=env, cwd=tree)

    def ask(self, op: str, **kwargs) -> dict:
        self.process.stdin.write(json.dumps({"op": op, **kwargs}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if "failed" in answer:
            raise RuntimeError(f"worker {op}: {answer['failed']}")
        return answer

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def baseline_tree(where: pathlib.Path) -> pathlib.Path:
    """numeric/ of commit a74620e, exported (git archive) under ``where``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", BASELINE, "numeric"],
                             capture_output=True, check=True).stdout
    path = where / "archive.tar"
    path.write_bytes(archive)
    with tarfile.open(path) as tar:
        tar.extractall(where, filter="data")
    return where


def spread(ratios) -> str:
    return f"{statistics.median(ratios):.1f}× ({min(ratios):.1f}–{max(ratios):.1f})"


# --- 1. the right-hand side and the compiled integration per N ---------------------------

def rhs_table(sizes, repeat: int) -> list[str]:
    from scipy.integrate import solve_ivp

    from numeric.llg.rhs import compiled
    from numeric.llg.runge_kutta import integrate
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from llg_worker import _rhs_call_time
    tau = numeric.tau_dw(alpha=BASE["alpha"], a=A, kappa=BASE["kappa"], J=BASE["J"], S=BASE["S"])
    rows = []
    for N in sizes:
        c = llg.chain(T_perp=3e-4, **BASE, n_sites=N)
        y = llg.relaxed_wall(c).ravel()
        generic = y + 1e-3 * np.sin(np.arange(y.size))  # a generic state, not a fixed point
        f_numba, f_numpy = llg.rhs(c, "numba"), llg.rhs(c, "numpy")
        f_numba(0.0, generic)
        number = max(1, 200_000 // N)
        t_numba = best(lambda: f_numba(0.0, generic), repeat, number)
        t_numpy = best(lambda: f_numpy(0.0, generic), repeat, max(1, number // 20))
        floor = best(lambda: generic.copy(), 3 * repeat, number) * 7 / 6
        kernel, consts = compiled(c)
        span = np.linspace(0.0, tau / c.time_unit, 11)
        integrate(kernel, consts, y, span)  # compiled, or loaded from numba's cache
        times, scipy_times = [], []
        for _ in range(3):  # interleaved with solve_ivp; CPU time (see the footnote)
            start = time.process_time()
            sol = integrate(kernel, consts, y, span)
            times.append(time.process_time() - start)
            start = time.process_time()
            with llg.dynamics._one_blas_thread():
                solve_ivp(f_numba, (0.0, span[-1]), y, method="DOP853", t_eval=span,
                          rtol=llg.RTOL, atol=llg.ATOL)
            scipy_times.append(time.process_time() - start)
        call = _rhs_call_time(kernel, consts, sol.y)
        run = min(times)
        rows.append(f"| {N} | {1e6 * t_numba:.1f} | {1e6 * t_numpy:.1f} | {1e6 * floor:.2f} | "
                    f"{t_numba / floor:.2f} | {1e6 * call:.1f} | {sol.steps} | "
                    f"{N * sol.steps / run:.3g} | {sol.nfev * call / run:.0%} | "
                    f"{min(scipy_times) / run:.1f} |")
    return ["| N | RHS numba [µs] | RHS NumPy [µs] | floor [µs] | numba/floor | RHS in loop [µs] | "
            "Tsit5 steps in τ_DW | spin-steps/s | RHS share | solve_ivp / Tsit5 (CPU) |",
            "|---|---|---|---|---|---|---|---|---|---|"] + rows


# --- 2. side by side with a74620e -------------------------------------------------------

def against_baseline(rounds: int, N: int = 1024, t_max: float = 5.0, points: int = 101) -> list[str]:
    with tempfile.TemporaryDirectory() as where:
        old = Worker(baseline_tree(pathlib.Path(where)))
        same = Worker(ROOT)      # this tree, the drive centred at the zero of n_x as in a74620e
        default = Worker(ROOT)   # this tree's default: the drive at the ansatz's X
        try:
            old.ask("setup", N=N, t_max=t_max, points=points)
            same.ask("setup", N=N, t_max=t_max, points=points, centre="n_x")
            default.ask("setup", N=N, t_max=t_max, points=points, centre="ansatz")
            ratios = {k: {"seconds": [], "cpu": []}
                      for k in ("sim", "scratch", "int", "sim_default", "int_default")}
            runs = {k: [] for k in ("old", "same", "default")}
            for k in range(rounds):
                order = (old, same, default) if k % 2 == 0 else (default, same, old)
                sim = {w: w.ask("simulate") for w in order}
                relax = {w: w.ask("relax") for w in order if w is not default}
                integ = {w: w.ask("integrate_solve_ivp" if w is old else "integrate_compiled")
                         for w in order}
                for clock in ("seconds", "cpu"):
                    ratios["sim"][clock].append(sim[old][clock] / sim[same][clock])
                    ratios["scratch"][clock].append((sim[old][clock] + relax[old][clock])
                                                    / (sim[same][clock] + relax[same][clock]))
                    ratios["sim_default"][clock].append(sim[old][clock] / sim[default][clock])
                    ratios["int"][clock].append(integ[old][clock] / integ[same][clock])
                    ratios["int_default"][clock].append(integ[old][clock] / integ[default][clock])
                for name, w in (("old", old), ("same", same), ("default", default)):
                    runs[name].append(integ[w])
        finally:
            for w in (old, same, default):
                w.close()
    # the right-hand side's share of the CPU time, in the round with the least
    fastest = {name: min(r, key=lambda a: a["cpu"]) for name, r in runs.items()}
    old_share = fastest["old"]["rhs_cpu"] / fastest["old"]["cpu"]

    def share(name):
        calls = min(a["rhs_call_cpu"] for a in runs[name])
        return fastest[name]["nfev"] * calls / fastest[name]["cpu"]

    def row(text, key):
        return f"| {text} | {spread(ratios[key]['seconds'])} | {spread(ratios[key]['cpu'])} |"
    return [
        f"| N = {N}, {t_max:g} τ_DW, {points} samples, rtol {llg.RTOL:g}: {BASELINE} / this tree "
        "| wall clock | CPU time |",
        "|---|---|---|",
        row(f"`simulate(t, c, n_start)`, the drive at the zero of n_x (the model of {BASELINE})",
            "sim"),
        row("the same with `relaxed_wall` (the same code in both; here its cache emptied)",
            "scratch"),
        row(f"the integration alone ({BASELINE}: solve_ivp DOP853; here: compiled Tsit5)", "int"),
        row("`simulate`, this tree's default drive centre (the ansatz's X)", "sim_default"),
        row("the integration alone, this tree's default drive centre", "int_default"),
        "",
        f"Right-hand side's share of the integration's CPU time: {old_share:.0%} in {BASELINE} "
        f"(a timer around each call from solve_ivp), {share('same'):.0%} here with the drive "
        f"at the zero of n_x, {share('default'):.0%} with the default centre, whose kernel also "
        f"solves for the ansatz's X (right-hand-side calls × one call's CPU time in a compiled "
        f"loop over the run's samples). Right-hand-side calls: {fastest['old']['nfev']} "
        f"({BASELINE}), {fastest['same']['nfev']} (Tsit5). Ratios per round, median (range) "
        f"of {rounds} rounds, the workers asked in alternating order.",
    ]


# --- 3. Tsit5 against DOP853 ------------------------------------------------------------

def precision_table(rounds: int, N: int = 1024, t_max: float = 5.0, points: int = 101):
    rtols = (1e-7, 1e-8, 1e-9, 1e-10, 1e-11)
    w = Worker(ROOT)
    try:
        w.ask("setup", N=N, t_max=t_max, points=points)
        w.ask("integrate_compiled", method="dop853", rtol=1e-13, atol=1e-15, reference=True)
        check = w.ask("integrate_compiled", method="tsit5", rtol=1e-13, atol=1e-15)
        results = {(m, r): [] for m in ("tsit5", "dop853") for r in rtols}
        for _ in range(rounds):
            for r in rtols:
                for m in ("tsit5", "dop853"):
                    results[m, r].append(w.ask("integrate_compiled", method=m, rtol=r))
    finally:
        w.close()
    lines = ["| rtol | Tsit5 error | Tsit5 calls (rejected steps) | DOP853 error | DOP853 calls "
             "(rejected steps) | CPU time DOP853 / Tsit5 |", "|---|---|---|---|---|---|"]
    summary = {}
    for r in rtols:
        t5, d8 = results["tsit5", r], results["dop853", r]
        ratio = statistics.median(b["cpu"] / a["cpu"] for a, b in zip(t5, d8))
        summary[r] = (t5[0]["deviation"], d8[0]["deviation"], min(a["cpu"] for a in t5),
                      min(b["cpu"] for b in d8))
        lines.append(f"| {r:g} | {t5[0]['deviation']:.1e} | {t5[0]['nfev']} ({t5[0]['rejected']}) | "
                     f"{d8[0]['deviation']:.1e} | {d8[0]['nfev']} ({d8[0]['rejected']}) | {ratio:.2f} |")
    # at equal accuracy: Tsit5 at the project's rtol against the loosest DOP853 as accurate
    e_t5, _, s_t5, _ = summary[llg.RTOL]
    match = [r for r in rtols if summary[r][1] <= e_t5]
    if match:
        r = max(match)
        equal = (f"DOP853 is as accurate as Tsit5 at rtol {llg.RTOL:g} ({e_t5:.1e}) from rtol "
                 f"{r:g} on ({summary[r][1]:.1e}) and then takes {summary[r][3] / s_t5:.2f}× "
                 f"Tsit5's CPU time (least of the rounds)")
    else:
        equal = f"no DOP853 run down to rtol {min(rtols):g} is as accurate as Tsit5 at {llg.RTOL:g}"
    lines += ["", f"N = {N}, {t_max:g} τ_DW, {points} samples, atol = rtol/100; error: the "
              f"largest |Δn_i| over the samples against DOP853 at rtol 1e-13 (Tsit5 at 1e-13 "
              f"differs from it by {check['deviation']:.0e}); time ratios per round, median of "
              f"{rounds}. At equal accuracy: {equal}."]
    return lines


# --- 4. sweep throughput ----------------------------------------------------------------

SWEEP_GRID = dict(T_perp=(1e-4, 3e-4, 1e-3), alpha=(0.1, 0.2), kappa_over_lam=(0.5, 1.0))


def sweep_table(rounds: int) -> list[str]:
    from dask.distributed import Client, LocalCluster

    from numeric.llg import sweep
    from numeric.llg.comparison import compare_batch
    grid = SWEEP_GRID
    n_points = int(np.prod([len(v) for v in grid.values()]))
    fixed = sweep.DEFAULTS
    params = [{**fixed, "T_perp": T, "alpha": al, "kappa": k * fixed["lam"]}
              for T in grid["T_perp"] for al in grid["alpha"] for k in grid["kappa_over_lam"]]
    windows = {"5 τ_DW, 101 samples": (5.0, 101), "0.5 τ_DW, 11 samples": (0.5, 11)}
    clusters = {n: LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                dashboard_address=None, silence_logs=logging.ERROR) for n in (1, 2)}
    configs = [("dask, 1 worker, 1 point per task", 1, 1),
               ("dask, 2 workers, 1 point per task", 2, 1),
               ("dask, 1 worker, 4 points per task (`--batch 4`)", 1, 4),
               ("dask, 2 workers, 4 points per task (`--batch 4`)", 2, 4),
               ("`compare_batch` of all points in this process (no dask)", 0, n_points)]
    rates = {(name, w): [] for name, *_ in configs for w in windows}
    cpu = {(name, w): [] for name, *_ in configs for w in windows}
    clients = {}
    try:
        for n, cluster in clusters.items():  # workers import numeric.llg and load numba's cache
            clients[n] = Client(cluster)
            clients[n].run(lambda: __import__("numeric.llg.comparison"))
            sweep.error_map(grid["T_perp"][:1], grid["alpha"][:1], grid["kappa_over_lam"][:2],
                            scheduler=cluster.scheduler_address, progress=False, batch=2,
                            t_max=0.5, points=11)
        compare_batch(params[:2], t_max=0.5, points=11)

        def cpu_now(workers):  # this process (client and scheduler) and the workers' processes
            spent = time.process_time()
            if workers:
                spent += sum(clients[workers].run(time.process_time).values())
            return spent
        for _ in range(rounds):
            for window, (t_max, points) in windows.items():
                for name, workers, batch in configs:
                    cpu_start, start = cpu_now(workers), time.perf_counter()
                    if workers:
                        sweep.error_map(*grid.values(), t_max=t_max, points=points, batch=batch,
                                        scheduler=clusters[workers].scheduler_address,
                                        progress=False)
                    else:
                        compare_batch(params, t_max=t_max, points=points, strict=False)
                    rates[name, window].append(n_points / (time.perf_counter() - start))
                    cpu[name, window].append((cpu_now(workers) - cpu_start) / n_points)
    finally:
        for client in clients.values():
            client.close()
        for cluster in clusters.values():
            cluster.close()
    lines = ["| sweep of 12 points | " + " | ".join(f"{w}: runs/s (vs first row), CPU ms/run"
                                                    for w in windows) + " |",
             "|---|" + "---|" * len(windows)]
    for name, *_ in configs:
        cells = []
        for w in windows:
            r, one = statistics.median(rates[name, w]), statistics.median(rates[configs[0][0], w])
            cells.append(f"{r:.3g} ({r / one:.2f}), {1e3 * statistics.median(cpu[name, w]):.0f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", f"T⊥ ∈ {grid['T_perp']}, α ∈ {grid['alpha']}, κ/λ ∈ {grid['kappa_over_lam']} "
              f"with `opza sweep`'s other defaults (λ = 12a, the drive at the ansatz's X): one "
              f"`compare` per point (simulation, collective coordinates, fits). Runs per second "
              f"of wall-clock time; CPU ms per run summed over the worker processes and this "
              f"one (client and scheduler); medians of {rounds} rounds, the configurations "
              f"interleaved; local clusters (worker processes, one thread each) started and "
              f"warmed beforehand."]
    return lines


# --- 5. against Spirit --------------------------------------------------------------------

def spirit_table(sizes, rounds: int) -> list[str]:
    """benchmarks/llg_spirit.py's table, run in a process of its own on one thread."""
    env = {**os.environ, "NUMBA_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "llg_spirit.py"),
                          "--sizes", *map(str, sizes), "--rounds", str(rounds)],
                         capture_output=True, text=True, env=env, check=True)
    return out.stdout.rstrip("\n").splitlines()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 1024, 4096])
    parser.add_argument("--repeat", type=int, default=7, help="repeats of the RHS timings")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the side-by-side runs")
    parser.add_argument("--spirit-sizes", type=int, nargs="+",
                        default=[256, 512, 1024, 2048, 4096])
    parser.add_argument("--skip", nargs="*", default=[], choices=["rhs", "baseline", "precision",
                                                                  "sweep", "spirit"])
    args = parser.parse_args()
    load = [os.getloadavg()[0]]
    sections = []
    for name, make in (("rhs", lambda: rhs_table(args.sizes, args.repeat)),
                       ("baseline", lambda: against_baseline(args.rounds)),
                       ("precision", lambda: precision_table(max(3, args.rounds // 2))),
                       ("sweep", lambda: sweep_table(max(3, args.rounds // 2))),
                       ("spirit", lambda: spirit_table(args.spirit_sizes, args.rounds))):
        if name not in args.skip:
            sections.append(make())
            print("\n".join(sections[-1]) + "\n", flush=True)  # as it comes
    load.append(os.getloadavg()[0])
    import numba
    command = "python benchmarks/bench_llg.py" + (" --skip " + " ".join(args.skip)
                                                  if args.skip else "")
    chain = ("" if set(args.skip) >= {"rhs", "baseline", "precision", "sweep"} else
             f", rtol={llg.RTOL:g} atol={llg.ATOL:g}, λ = 12a, κ = λ/2, α = 0.1, T⊥ = 3e-4"
             + ("" if "spirit" in args.skip else " (the race against Spirit: its note)"))
    footer = (f"*`{command}`: numba {numba.__version__}, NumPy {np.__version__}{chain}; a "
              f"2-core machine shared with other jobs, load average {load[0]:.1f} at the "
              f"start and {load[1]:.1f} at the end. CPU time is this process's (it leaves out "
              f"the time other jobs hold the core; caches are still shared).*")
    print(footer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
