"""benchmarks/bench_llg.py's race against Spirit: the same field-driven wall, the same accuracy.

    NUMBA_NUM_THREADS=1 OMP_NUM_THREADS=1 python benchmarks/llg_spirit.py [--sizes N ...] [--rounds R]

A head-to-head wall below Walker breakdown (B = B_W/2 along the easy axis; the chain of
README's Spirit tables: λ = 16a, κ = λ/2, α = 0.5) from the relaxed wall at rest, simulated
over SPAN ħ/JS by this package (``llg.simulate``, compiled Tsit5, whole call) and by Spirit
(:func:`numeric.llg.spirit.run_spirit`, its steps alone: the set-up of its State is not
counted, which favours Spirit), on one thread each (Spirit 2.2 from PyPI is built without
OpenMP; this package's chain kernel is serial; the variables above are set anyway).

Accuracy: the final wall position X and tilt ψ against a converged run of this package on
the same lattice (DOP853, rtol 1e-12), error = max(|ΔX|/|X|, |Δψ|/|ψ|).  For each target
error and each N, each code gets its cheapest setting that reaches it: this package the
loosest rtol of RTOLS (atol = rtol/100), Spirit the largest step of its RK4 or Heun solver
(its other two, Depondt and SIB, err by 1e-3 or more at dt = 0.05 ħ/JS on this wall at N =
256: second order, with a far larger constant; left out) — the
loosest setting that reaches the target and whose next tighter one does too.  Then both run at
their settings, ``--rounds`` rounds in turn; the ratio of CPU times per round, median.

Prints Markdown (the table and a note); not a test, not imported by the package.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import sys
import time

os.environ.setdefault("NUMBA_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from numeric import llg  # noqa: E402
from numeric.llg import spirit as sp, walker as wk  # noqa: E402

A = 2.5e-10
CHAIN = dict(alpha=0.5, a=A, lam=16 * A, kappa=8 * A, J=1.6e-21, S=1.0)
FIELD = 0.5          # B / B_W
SPAN = 200.0         # ħ/JS
TARGETS = (1e-6, 1e-9)
RTOLS = (1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11)
# Spirit's steps [ħ/JS], each a whole fraction of SPAN (RK4 at 0.8 errs by 3e-2)
STEPS = {"RK4": (0.625, 0.5, 0.4, 0.25, 0.2, 0.1, 0.05),
         "Heun": (0.5, 0.4, 0.25, 0.2, 0.1, 0.05, 0.025)}


class Race:
    """One N: the chain, its start, the reference, and both codes' runs."""

    def __init__(self, N: int):
        B_W = wk.walker_field(**{k: CHAIN[k] for k in ("alpha", "a", "kappa", "J", "S")})
        self.drive = dict(B=(FIELD * B_W, 0.0, 0.0))
        self.c = llg.chain(**CHAIN, n_sites=N, **self.drive)
        self.start = llg.relaxed_wall(self.c)
        self.t = np.array([0.0, SPAN]) * self.c.time_unit
        self.X, self.tilt, _ = self.ours(1e-12, "dop853")
        X, tilt, _ = self.ours(1e-12, "tsit5")
        self.floor = self.error(X, tilt)  # how converged the reference is

    def error(self, X, tilt) -> float:
        return max(abs(X - self.X) / abs(self.X), abs(tilt - self.tilt) / abs(self.tilt))

    def ours(self, rtol: float, integrator: str = "tsit5"):
        start = time.process_time()
        run = llg.simulate(self.t, self.c, n_start=self.start, rtol=rtol, atol=rtol / 100,
                           integrator=integrator, coordinates="walker")
        return run.X[-1], run.tilt[-1], time.process_time() - start

    def spirit(self, solver: str, dt: float):
        step = dt * self.c.time_unit
        run = sp.run_spirit(self.t, self.start, dt=step, solver=solver, **CHAIN, **self.drive)
        n = run.n[-1]
        return llg.wall_position(n, self.c.x), llg.wall_tilt(n, self.c.x), run.cpu


def _cheapest(ladder, run, target):
    """The first (loosest) setting of ``ladder`` whose error and its next one's are ≤ target:
    (setting, error, CPU seconds), or None.  ``run(setting)``: (error, CPU seconds)."""
    runs = {}

    def err(k):
        if k not in runs:
            runs[k] = run(ladder[k])
        return runs[k][0]
    for k in range(len(ladder)):
        if err(k) <= target and (k + 1 == len(ladder) or err(k + 1) <= target):
            return (ladder[k], *runs[k])
    return None


def _scored(r: Race, code):
    def run(setting):
        X, tilt, cpu = code(setting)
        return r.error(X, tilt), cpu
    return run


def race(N: int, rounds: int) -> dict:
    r = Race(N)
    ours = {}
    spirit = {}
    for target in TARGETS:
        ours[target] = _cheapest(RTOLS, _scored(r, r.ours), target)
        best = None
        for solver, dts in STEPS.items():
            found = _cheapest(dts, _scored(r, lambda dt: r.spirit(solver, dt)), target)
            if found is not None and (best is None or found[2] < best[3]):  # the faster solver
                best = (solver, *found)
        spirit[target] = best
    times = {target: ([], []) for target in TARGETS}
    for _ in range(rounds):
        for target in TARGETS:
            if ours[target] is None or spirit[target] is None:
                continue
            times[target][0].append(r.ours(ours[target][0])[2])
            times[target][1].append(r.spirit(*spirit[target][:2])[2])
    return {"N": N, "floor": r.floor, "X": r.X / A, "tilt": r.tilt, "ours": ours,
            "spirit": spirit, "times": times}


def table(sizes, rounds: int) -> list[str]:
    results = [race(N, rounds) for N in sizes]
    lines = ["| N | target error | this package: rtol (error) | CPU ms | Spirit: solver, dt "
             "[ħ/JS] (error) | CPU ms | Spirit / this package |", "|---|---|---|---|---|---|---|"]
    for res in results:
        for target in TARGETS:
            ours, theirs = res["ours"][target], res["spirit"][target]
            if ours is None or theirs is None:
                missing = "this package" if ours is None else "Spirit"
                lines.append(f"| {res['N']} | {target:g} | {missing}: no setting of the ladder "
                             "reaches it | | | | |")
                continue
            a, b = res["times"][target]
            ratio = [y / x for x, y in zip(a, b)]
            lines.append(
                f"| {res['N']} | {target:g} | {ours[0]:g} ({ours[1]:.0e}) | "
                f"{1e3 * statistics.median(a):.3g} | {theirs[0]}, {theirs[1]:g} ({theirs[2]:.0e}) | "
                f"{1e3 * statistics.median(b):.3g} | {statistics.median(ratio):.1f}× "
                f"({min(ratio):.1f}–{max(ratio):.1f}) |")
    from spirit import version
    first = results[0]
    lines += ["", f"A wall driven by B = B_W/2 from rest over {SPAN:g} ħ/JS (λ = 16a, κ = λ/2, "
              f"α = 0.5; it moves {abs(first['X']):.2f}a and tilts to ψ = {first['tilt']:.4f}), "
              f"N sites, open ends, one thread each (Spirit {version.version_full}, built "
              f"without OpenMP; NUMBA_NUM_THREADS=OMP_NUM_THREADS=1). Error: max(|ΔX|/|X|, "
              f"|Δψ|/|ψ|) at the end against this package's DOP853 at rtol 1e-12 on the same "
              f"lattice (its Tsit5 at 1e-12 differs by at most "
              f"{max(r['floor'] for r in results):.0e}). Each code at its cheapest setting "
              f"reaching the target (this package: the loosest rtol, atol = rtol/100, Tsit5; "
              f"Spirit: the largest step of RK4 or Heun; its Depondt and SIB err by 1e-3 or "
              f"more at dt = 0.05 ħ/JS here), whose next tighter setting reaches it too. CPU time: this "
              f"package's whole `simulate` call, Spirit's steps alone (`run_spirit`'s "
              f"`n_shot` calls, its State's set-up not counted); ratio per round, median "
              f"(range) of {rounds} rounds, the codes in turn."]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 512, 1024, 2048, 4096])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not sp.have_spirit():
        print("Spirit is not installed (pip install -e '.[validate]'): no race against it")
        return 0
    llg.simulate(np.array([0.0, 1e-15]), llg.chain(**CHAIN, n_sites=64))  # numba's cache
    print("\n".join(table(args.sizes, args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
