"""The chain checked against exact solutions and against Spirit: the tables of README.

    python -m opza.studies.validation [--no-spirit]

Every number is computed here, in one run: the exact values from :mod:`numeric.llg.walker`
(generated from :mod:`derivation.wall.walker`), this package's from :func:`numeric.llg.simulate`
(DOP853, rtol 1e-9), Spirit's from :func:`numeric.llg.spirit.run_spirit` (its RK4, fixed step)
on the same lattice, from the same start, with the parameters mapped by
:func:`numeric.llg.spirit.spirit_parameters`.  Steady values are read at the end of a run
started from Walker's profile (so the lattice's own steady wall is reached in a few hundred
ħ/JS); the mean velocity above breakdown over whole turns of the tilt, from the wall at rest.
"""
from __future__ import annotations

import argparse
import math
import time

import numpy as np

from numeric import llg
from numeric.llg import measure, spirit as sp, walker as wk

__all__ = ["BASE", "steady_cases", "breakdown", "above_breakdown", "lattice_error",
           "agreement", "markdown", "main"]

A = 2.5e-10
BASE = dict(alpha=0.5, a=A, lam=16 * A, kappa=8 * A, J=1.6e-21, S=1.0)  # λ = 16a, κ = λ/2
WALL = ("alpha", "a", "kappa", "J", "S")
SPAN = 1500.0      # ħ/JS, the steady runs
SPIRIT_DT = 0.05   # ħ/JS, Spirit's step
TURNS = 6.0        # 1D-model periods of the runs above breakdown (the first fifth is dropped)


def _B_W(p):
    return wk.walker_field(**{k: p[k] for k in WALL})


def _steady_chain(p, drive, exact, n_sites, with_spirit):
    c = llg.chain(**p, n_sites=n_sites, **drive)
    start = wk.profile(c.x, 0.0, exact["tilt"], exact["width"])
    dt = SPIRIT_DT * c.time_unit
    steps = int(round(SPAN / SPIRIT_DT))
    t = np.array([0.0, (steps - 10) * dt, steps * dt, (steps + 10) * dt])
    ours = llg.simulate(t, c, n_start=start, coordinates="walker")
    row = {"ours": (ours.V[2], ours.tilt[2], ours.width[2])}
    if with_spirit:
        run = sp.run_spirit(t, start, dt=dt, **p, **drive)
        X = [llg.wall_position(n, c.x) for n in run.n]
        row["spirit"] = ((X[3] - X[1]) / (20 * dt), llg.wall_tilt(run.n[2], c.x, c.lam),
                         llg.wall_width(run.n[2], c.a))
    return row


def steady_cases(p=BASE, with_spirit=True) -> list[tuple[str, dict, dict]]:
    """(case, exact steady wall, {"ours": (V, ψ, Δ), "spirit": …}) for fields below B_W and drifts."""
    B_W = _B_W(p)
    cases = [(f"B = {f:g} B_W", dict(B=(f * B_W, 0.0, 0.0))) for f in (0.3, 0.6, 0.9)]
    for u_frac, beta_ratio in ((0.5, 0.5), (-0.5, 2.0), (0.5, 0.0)):
        beta = beta_ratio * p["alpha"]
        u = u_frac * wk.drift_threshold(beta=beta, **{k: p[k] for k in (*WALL, "lam")})[0]
        label = f"β = {beta_ratio:g}α" if beta_ratio else "β = 0"
        cases.append((f"u = {u_frac:+g} u_W, {label}", dict(u=u, beta=beta)))
    out = []
    for name, drive in cases:
        exact = wk.steady_wall(**p, B=drive.get("B", (0.0,))[0], u=drive.get("u", 0.0),
                               beta=drive.get("beta", 0.0))
        out.append((name, exact, _steady_chain(p, drive, exact, 600, with_spirit)))
    return out


def breakdown(p=BASE, with_spirit=True) -> dict:
    """From Walker's profile at ψ = π/4: the tilt at the end at 0.99 and 1.01 B_W (both codes)."""
    B_W = _B_W(p)
    width = p["lam"] / math.sqrt(1 + (p["lam"] / p["kappa"]) ** 2 / 2)
    out = {"B_W": B_W}
    for fraction, span in ((0.99, 1500.0), (1.01, 4000.0)):
        drive = dict(B=(fraction * B_W, 0.0, 0.0))
        c = llg.chain(**p, n_sites=1700, **drive)
        start = wk.profile(c.x, 0.0, math.pi / 4, width)
        dt = 0.1 * c.time_unit
        t = np.linspace(0.0, span, 41) * c.time_unit
        t = np.rint(t / dt) * dt
        tilt = {"ours": llg.simulate(t, c, n_start=start, coordinates="walker").tilt}
        if with_spirit:
            run = sp.run_spirit(t, start, dt=dt, **p, **drive)
            tilt["spirit"] = np.unwrap(llg.wall_tilt(run.n, c.x, c.lam))
        out[fraction] = {k: (v[-1], bool(np.all(np.diff(v) < 0))) for k, v in tilt.items()}
    return out


def above_breakdown(with_spirit=True, ratios=((16, 0.5), (8, 2.0), (8, 4.0))) -> list[dict]:
    """V̄ at B = 2B_W over whole turns, for (λ/a, κ/λ); the 1D model's (Δ = λ held) beside it.

    From the wall at rest over :data:`TURNS` periods of the 1D model, the first fifth (the
    switch-on transient) left out by :func:`numeric.llg.measure.turn_average`.
    """
    out = []
    for lam_sites, kappa_ratio in ratios:
        p = {**BASE, "lam": lam_sites * A, "kappa": kappa_ratio * lam_sites * A}
        B = 2.0 * _B_W(p)
        rate = abs(wk.collective_rates(0.0, **p, B=B)[1]) * math.sqrt(1 - 1 / 4)
        one_d = wk.mean_velocity(B=B, **p)
        span = TURNS * math.pi / rate
        # the wall ±20λ from the ends, travelling up to twice the 1D model's mean velocity
        sites = 2 * int((2 * abs(one_d) * span + 20 * p["lam"]) / A) + 100
        c = llg.chain(**p, B=(B, 0.0, 0.0), n_sites=sites)
        dt = 0.1 * c.time_unit
        t = np.rint(np.linspace(0.0, span, 2401) / dt) * dt
        ours = llg.simulate(t, c, coordinates="walker")
        halves = ((0.2, 0.6), (0.6, 1.0))  # V̄ over each: equal if the motion is stationary
        row = {"lam/a": lam_sites, "kappa/lam": kappa_ratio, "one_d": one_d,
               "ours": [measure.turn_average(t, ours.X, ours.tilt, w)[0] for w in halves]}
        if with_spirit:
            run = sp.run_spirit(t, llg.relaxed_wall(c), dt=dt, **p, B=(B, 0.0, 0.0))
            X = np.array([llg.wall_position(n, c.x) for n in run.n])
            tilt = np.unwrap(llg.wall_tilt(run.n, c.x, c.lam))
            row["spirit"] = [measure.turn_average(t, X, tilt, w)[0] for w in halves]
        out.append(row)
    return out


def lattice_error(ratios=(8, 16, 32)) -> list[tuple[int, float]]:
    """|V/V_Walker - 1| at B = B_W/2 for λ = 8a, 16a, 32a (κ = λ/2): the lattice error."""
    out = []
    for r in ratios:
        p = {**BASE, "lam": r * A, "kappa": r * A / 2}
        B = 0.5 * _B_W(p)
        exact = wk.steady_wall(**p, B=B)
        c = llg.chain(**p, B=(B, 0.0, 0.0), n_sites=40 * r + 200)
        start = wk.profile(c.x, 0.0, exact["tilt"], exact["width"])
        t = np.array([0.0, SPAN * (r / 16) ** 2]) * c.time_unit
        traj = llg.simulate(t, c, n_start=start, coordinates="walker")
        out.append((r, abs(traj.V[-1] / exact["velocity"] - 1)))
    return out


def agreement(p=BASE) -> list[tuple[str, float, float, float]]:
    """max |ours - Spirit| / max |ours| of X, ψ and V over 600 ħ/JS from the relaxed wall."""
    B_W = _B_W(p)
    u_W = wk.drift_threshold(beta=0.25, **p)[0]
    cases = {"field 0.5 B_W": dict(B=(0.5 * B_W, 0.0, 0.0)),
             "field 2 B_W": dict(B=(2.0 * B_W, 0.0, 0.0)),
             "drift -0.5 u_W, β = α/2": dict(u=-0.5 * u_W, beta=0.25)}
    out = [(name, *sp.side_by_side({**p, **drive}, n_sites=400, dt_units=SPIRIT_DT,
                                   checkpoints=6, every=2000)["rel"])
           for name, drive in cases.items()]
    # the same with Spirit's step halved: what is left is not Spirit's integration error
    name, drive = next(iter(cases.items()))
    out.append((f"{name}, Spirit's step halved",
                *sp.side_by_side({**p, **drive}, n_sites=400, dt_units=SPIRIT_DT / 2,
                                 checkpoints=6, every=4000)["rel"]))
    return out


def _g(v, digits=6):
    return "—" if v is None or not np.isfinite(v) else f"{v:.{digits}g}"


def markdown(with_spirit=True) -> str:
    p = BASE
    B_W = _B_W(p)
    lines = [f"Chain: a = {A:g} m, λ = {p['lam'] / A:g}a, κ = λ/{p['lam'] / p['kappa']:g}, "
             f"α = {p['alpha']:g}, J = {p['J']:g} J (JS² = {p['J'] * p['S'] ** 2 / sp.MEV:.4g} meV), "
             f"S = {p['S']:g}, g = 2; B_W = {B_W:.5g} T, ħ/JS = "
             f"{llg.chain(**p, n_sites=16).time_unit:.4g} s. This package: DOP853, rtol 1e-9; "
             f"Spirit {_spirit_version()}: RK4, dt = {SPIRIT_DT:g} ħ/JS (0.1 for the long runs), "
             "the same lattice and start. Steady values after "
             f"{SPAN:g} ħ/JS from Walker's profile.", "",
             "| case | quantity | exact | this package | Spirit |", "|---|---|---|---|---|"]
    for name, exact, row in steady_cases(p, with_spirit):
        spirit = row.get("spirit", (None, None, None))
        for k, (label, scale) in enumerate((("V [m/s]", 1.0), ("ψ [rad]", 1.0), ("Δ [nm]", 1e9))):
            value = (exact["velocity"], exact["tilt"], exact["width"])[k] * scale
            lines.append(f"| {name if k == 0 else ''} | {label} | {_g(value)} | "
                         f"{_g(row['ours'][k] * scale)} | "
                         f"{_g(spirit[k] * scale if spirit[k] is not None else None)} |")
    br = breakdown(p, with_spirit)
    for fraction, what in ((0.99, "falls back (steady)"), (1.01, "passes π/2 (precession)")):
        r = br[fraction]
        cell = lambda key: (f"ψ → {_g(r[key][0], 4)}" if key in r else "—")  # noqa: E731
        lines.append(f"| {fraction:g} B_W, from ψ = π/4 | ψ at the end | {what}: "
                     f"{'steady ψ = ' + _g(wk.steady_wall(**p, B=0.99 * B_W)['tilt'], 4) if fraction < 1 else 'no steady wall'} | "
                     f"{cell('ours')} | {cell('spirit')} |")
    pair = lambda v: "—" if v is None else f"{_g(v[0], 4)}; {_g(v[1], 4)}"  # noqa: E731
    for r in above_breakdown(with_spirit):
        lines.append(f"| 2 B_W, λ = {r['lam/a']:g}a, κ = {r['kappa/lam']:g}λ | V̄ [m/s], turns in "
                     f"the 2nd–3rd; 4th–5th fifths of {TURNS:g} 1D periods | {_g(r['one_d'], 4)} "
                     f"(1D model, Δ = λ) | {pair(r['ours'])} | {pair(r.get('spirit'))} |")
    lines += ["", "| λ/a | \\|V/V_Walker − 1\\| at B_W/2 (this package) | × (λ/a)² |", "|---|---|---|"]
    for r, err in lattice_error():
        lines.append(f"| {r} | {err:.3e} | {err * r**2:.3f} |")
    if with_spirit:
        lines += ["", "| Spirit vs this package, 600 ħ/JS from rest, N = 400 | max \\|ΔX\\|/max\\|X\\| | "
                  "max \\|Δψ\\|/max\\|ψ\\| | max \\|ΔV\\|/max\\|V\\| |", "|---|---|---|---|"]
        for name, dX, dpsi, dV in agreement(p):
            lines.append(f"| {name} | {dX:.1e} | {dpsi:.1e} | {dV:.1e} |")
    return "\n".join(lines)


def _spirit_version() -> str:
    try:
        from spirit import version
        return version.version_full
    except ImportError:
        return "(not installed)"


def text(with_spirit: bool = True) -> str:
    """The README section ``checks`` (``python -m opza.readme checks`` puts it there)."""
    with_spirit = with_spirit and sp.have_spirit()
    start = time.perf_counter()
    body = markdown(with_spirit)
    return body + (f"\n\n*Generated by `python -m opza.studies.validation` in "
                   f"{time.perf_counter() - start:.0f} s on a 2-core machine shared with other "
                   "jobs.*\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-spirit", action="store_true", help="this package and the exact values only")
    args = parser.parse_args(argv)
    print(text(not args.no_spirit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
