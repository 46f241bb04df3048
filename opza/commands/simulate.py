"""``opza simulate`` and ``opza sweep``: the full spin chain against the collective coordinates.

``simulate`` runs one LLG simulation (:mod:`numeric.llg`) and prints ξ0, V, X beside
:func:`numeric.relaxation`; ``sweep`` runs the error map over (T⊥, α, κ/λ) on a dask
cluster (:mod:`numeric.llg.sweep`) and writes it as NetCDF.  Both draw a progress bar on
stderr; user errors are one line with status 2 (:class:`opza.errors.UserError`).
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import time

from ..errors import UserError

__all__ = ["add_commands"]

# the chain's parameters with their SI units; defaults: :func:`_letter` (simulate), sweep's DEFAULTS
_UNITS = {"T_perp": "1", "alpha": "1", "a": "m", "lam": "m", "kappa": "m", "J": "J", "S": "1",
          "J_sd": "J", "S_par": "m"}
_WORDS = {"T_perp": "torque T⊥ (dimensionless)", "alpha": "Gilbert damping α", "a": "lattice constant",
          "lam": "wall width λ (easy axis)", "kappa": "hard-axis length κ", "J": "exchange J",
          "S": "spin length S", "J_sd": "s-d exchange J_sd", "S_par": "S∥"}

_SYMBOLS = {"T_perp": "T⊥", "alpha": "α", "a": "a", "lam": "λ", "kappa": "κ", "J": "J", "S": "S",
            "J_sd": "J_sd", "S_par": "S∥"}


def _unit(name: str) -> str:
    return "" if _UNITS[name] == "1" else f" {_UNITS[name]}"


def _bar(stream):
    start = time.perf_counter()

    def show(fraction: float) -> None:
        filled = int(30 * fraction)
        elapsed = time.perf_counter() - start
        left = f", {elapsed * (1 - fraction) / fraction:.0f} s left" if 0.02 < fraction < 1 else ""
        stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {100 * fraction:3.0f} % "
                     f"{elapsed:.0f} s{left}   ")
        if fraction >= 1.0:
            stream.write("\n")
        stream.flush()
    return show


def _sim_imports():
    try:
        import scipy  # noqa: F401
    except ImportError:
        raise UserError("opza simulate needs SciPy: pip install 'opza[sim]'") from None


def _letter() -> tuple[dict, dict, str]:
    """The letter's numbers: the wall of :func:`opza.studies.holds.letter_wall` (λ = 10 nm,
    α = 0.01, S = 1, J_sd = k_BT; a, κ, J permalloy's, which the letter does not give) and the
    drive of its estimate (j = 1e11 A/m², j0 = 1e16 A/m², 300 K, µ = ε0): (wall, drive, words)."""
    from derivation.audit.letter import ESTIMATE
    from opza.studies.holds import T_ROOM, letter_wall
    drive = {"j": float(ESTIMATE["j"]), "j0": float(ESTIMATE["j0"]), "T": T_ROOM,
             "eps0": 1e-19}  # µ = ε0: T⊥ does not depend on ε0 then
    return letter_wall(), drive, ("the letter's numbers (λ = 10 nm, α = 0.01, j = 1e11 A/m², "
                                  "j0 = 1e16 A/m², 300 K, µ = ε0, S = 1, J_sd = k_BT; a, κ, J "
                                  "permalloy's: the letter gives none)")


def _material(name: str) -> tuple[dict, dict, str]:
    """A material of materials.toml as the chain's parameters, by the one conversion of
    :func:`derivation.audit.validity.model_parameters` (Ms, A, K → S, J, a, λ, κ)."""
    from derivation.audit.validity import ValidityError, find, materials, model_parameters
    try:
        m = find(name, materials())
    except ValidityError as err:
        raise UserError(str(err)) from None
    p = model_parameters(m)
    wall = {k: p[k] for k in ("alpha", "a", "lam", "kappa", "J", "S", "J_sd")} | {"S_par": 0.0}
    drive = {"j": 1e11, "j0": p["j0"], "T": 300.0, "eps0": p["eps0"]}
    return wall, drive, (f"{m.name} (derivation.audit.validity.model_parameters: a = n^(-1/3), "
                         "S = Ms a³/2µ_B, J = 2aA/S², λ = √(A/K_easy), κ = √(A/K⊥); "
                         "j = 1e11 A/m², 300 K, µ = ε0)")


def _parameters(args) -> tuple[dict, str]:
    """The chain's parameters (SI) from --material or the letter, each flag given overriding."""
    import numeric

    from .values import si_value
    wall, drive, words = _material(args.material) if args.material else _letter()
    for name, unit in (("j", "A/m^2"), ("T", "K")):
        if getattr(args, name) is not None:
            drive[name] = si_value(name, getattr(args, name), unit, si=args.si)
    p = dict(wall)
    p["T_perp"] = numeric.torque_perp(j=drive["j"], j0=drive["j0"], T=drive["T"], mu=drive["eps0"],
                                      eps0=drive["eps0"], J_sd=p["J_sd"], S=p["S"])
    for name, unit in _UNITS.items():
        if getattr(args, name) is not None:
            p[name] = si_value(name, getattr(args, name), unit, si=args.si)
    return p, words


def _simulate(args) -> int:
    _sim_imports()
    import numpy as np

    import numeric
    from numeric import llg

    from ..errors import staged_file
    if args.t_max <= 0:
        raise UserError(f"--t-max must be > 0, got {args.t_max!r}")
    if args.points < 2:
        raise UserError(f"--points must be >= 2, got {args.points!r}")
    if args.out is not None and not args.out.parent.is_dir():
        raise UserError(f"no directory {str(args.out.parent)!r} for --out")
    try:
        p, words = _parameters(args)
        tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
        t = np.linspace(0.0, args.t_max, args.points) * tau
        n_sites = args.n_sites or llg.default_sites(**p, t_max=t[-1])
        c = llg.chain(**p, n_sites=n_sites)
        print(f"# {words}", flush=True)
        print("# " + ", ".join(f"{_SYMBOLS[k]} = {p[k]:.4g}{_unit(k)}" for k in _UNITS),
              flush=True)
        print(f"# N = {c.n_sites} sites, τ_DW = {tau:.6g} s (Eq. 16), "
              f"{llg.dynamics.integrator_name(args.integrator)}", flush=True)
        traj = llg.simulate(t, c, progress=None if args.quiet else _bar(sys.stderr),
                            integrator=args.integrator)
        xi_cc, V_cc, X_cc = numeric.relaxation(t, **p)
    except (ValueError, RuntimeError) as err:
        raise UserError(str(err)) from None
    print(f"# {traj.nfev} right-hand sides; CC: the collective coordinates, Eq. (14) exact "
          "(numeric.relaxation)")
    print(f"# {'t/τ_DW':>8} {'ξ0':>13} {'ξ0 (CC)':>13} {'V [m/s]':>13} {'V (CC)':>13} "
          f"{'X [m]':>13} {'X (CC)':>13}")
    for k in range(len(t)):
        print(f"{t[k] / tau:10.4g} {traj.xi0[k]:13.6e} {xi_cc[k]:13.6e} {traj.V[k]:13.6e} "
              f"{V_cc[k]:13.6e} {traj.X[k]:13.6e} {X_cc[k]:13.6e}")
    for line in _comparison(t, tau, traj, p, (xi_cc, V_cc, X_cc)):
        print(line)
    if args.out is not None:
        with staged_file(args.out) as partial:  # no half-written file after Ctrl-C
            _write_trajectory(partial, traj, p, tau, (xi_cc, V_cc, X_cc))
        print(f"wrote {args.out}")
    return 0


def _write_trajectory(path: pathlib.Path, traj, p: dict, tau: float, cc) -> None:
    """The run as NetCDF: ``units`` that pint parses, the description in ``long_name``."""
    try:
        import xarray as xr
    except ImportError:
        raise UserError("--out needs xarray: pip install 'opza[sim]'") from None
    from numeric.llg.sweep import write
    ds = xr.Dataset(
        {"n": (("t", "component", "x"), traj.n, {"units": "1", "long_name": "unit spin n(x, t)"}),
         "X": ("t", traj.X, {"units": "m", "long_name": "wall position X (zero of n_x)"}),
         "V": ("t", traj.V, {"units": "m/s", "long_name": "wall velocity V = dX/dt"}),
         "xi0": ("t", traj.xi0, {"units": "1",
                                 "long_name": "out-of-plane zero mode ξ0 (projection on Φ0)"}),
         "xi0_cc": ("t", cc[0], {"units": "1", "long_name": "ξ0 of the collective coordinates, "
                                                           "Eq. (14)"}),
         "V_cc": ("t", cc[1], {"units": "m/s", "long_name": "V of the collective coordinates, "
                                                          "Eq. (14)"}),
         "X_cc": ("t", cc[2], {"units": "m", "long_name": "X of the collective coordinates, "
                                                         "Eq. (14)"}),
         "energy": ("t", traj.energy, {"units": "J/m^2",
                                       "long_name": "energy of Eq. (1) on the lattice, per area"})},
        coords={"t": ("t", traj.t, {"units": "s", "long_name": "time"}),
                "x": ("x", traj.chain.x, {"units": "m", "long_name": "position along the wire"}),
                "component": ("component", ["x", "y", "z"])},
        attrs={**{f"{k}_SI": v for k, v in p.items()}, "tau_dw_s": tau,
               "title": "LLG spin chain against the collective coordinates"})
    try:
        write(ds, path)
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}") from None


def _comparison(t, tau: float, traj, p: dict, cc) -> list[str]:
    """The chain against (15)-(16): ξ0(t) = ξ_fit(1 − e^{−t/τ_fit}) fitted over the run, the
    velocity at the end, and the largest deviations from the exact (14), each in its own scale."""
    import warnings

    import numpy as np
    from scipy.optimize import OptimizeWarning, curve_fit

    import numeric
    xi_star = numeric.xi0_star(**p)
    v_star = numeric.v_star_from_torque(T_perp=p["T_perp"], alpha=p["alpha"], lam=p["lam"],
                                         J_sd=p["J_sd"])
    s = t / tau
    lines = ["# against the collective coordinates: "
             f"max|ξ0 − ξ0(CC)|/|ξ0*| = {np.max(np.abs(traj.xi0 - cc[0])) / abs(xi_star):.2%}, "
             f"max|V − V(CC)|/|V*| = {np.max(np.abs(traj.V - cc[1])) / abs(v_star):.2%} "
             f"(the ansatz's X: {np.max(np.abs(traj.V_zm - cc[1])) / abs(v_star):.2%}) "
             f"over t ≤ {s[-1]:g} τ_DW"]
    fit = "too few samples to fit"
    if len(t) >= 4:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OptimizeWarning)
            try:
                (amp, rate), _ = curve_fit(lambda u, A, r: A * (1 - np.exp(-u * r)), s,
                                           traj.xi0 / xi_star, p0=(1.0, 1.0), maxfev=5000)
                fit = f"ξ0_fit/ξ0* (15) = {amp:.4g}, τ_fit/τ_DW (16) = {1 / rate:.4g}"
            except RuntimeError:
                fit = "ξ0(t) does not relax as 1 − e^(−t/τ): no fit"
    lines.append(f"# fitted ξ0(t) = ξ0_fit(1 − e^(−t/τ_fit)): {fit}; at the end "
                 f"V/V* (15) = {traj.V[-1] / v_star:.4g} (the ansatz's X: "
                 f"{traj.V_zm[-1] / v_star:.4g}), 1 − e^(−t/τ_DW) = {1 - np.exp(-s[-1]):.4g}")
    return lines


def _sweep(args) -> int:
    try:
        import dask.distributed  # noqa: F401
        import xarray  # noqa: F401
    except ImportError:
        raise UserError("opza sweep needs dask[distributed] and xarray: "
                        "pip install 'opza[sim]'") from None
    from numeric.llg import sweep

    from ..errors import staged_file
    from .values import si_array, si_value
    if args.out.exists() and not args.overwrite:
        raise UserError(f"{args.out} exists; pass --overwrite to replace it")
    if not args.out.parent.is_dir():
        raise UserError(f"no directory {args.out.parent} for --out")
    if args.batch < 1:
        raise UserError(f"--batch must be >= 1, got {args.batch!r}")
    fixed = {k: (sweep.DEFAULTS[k] if getattr(args, k) is None
                 else si_value(k, getattr(args, k), _UNITS[k], si=args.si))
             for k in ("a", "lam", "J", "S", "J_sd", "S_par")}
    grid = {}
    for name in ("T_perp", "alpha", "kappa_over_lam"):
        text = getattr(args, name)
        values = sweep.GRID[name] if text is None else si_array(name, text, "1", si=args.si)
        grid[name] = tuple(float(v) for v in (values if hasattr(values, "__len__") else [values]))
    try:
        ds = sweep.error_map(grid["T_perp"], grid["alpha"], grid["kappa_over_lam"], fixed=fixed,
                             t_max=args.t_max, points=args.points, scheduler=args.scheduler,
                             n_workers=args.workers, batch=args.batch, progress=not args.quiet)
    except (OSError, TimeoutError) as err:
        raise UserError(f"cannot use the dask scheduler {args.scheduler!r}: {err}") from None
    except (ValueError, RuntimeError) as err:
        raise UserError(str(err)) from None
    try:
        with staged_file(args.out) as partial:  # no half-written map after Ctrl-C
            engine = sweep.write(ds, partial)
    except OSError as err:
        raise UserError(f"cannot write {args.out}: {err.strerror or err}") from None
    worst = {q: float(ds[q].max()) for q in ("err_xi0", "err_V", "err_X")}
    print(f"wrote {args.out} ({engine}): {ds.sizes['T_perp']}×{ds.sizes['alpha']}×"
          f"{ds.sizes['kappa_over_lam']} points; largest errors "
          + ", ".join(f"{k} = {v:.3g}" for k, v in worst.items()))
    if ds.attrs["failures"] != "none":
        print(f"failed points: {ds.attrs['failures']}", file=sys.stderr)
    return 0


def add_commands(subparsers) -> None:
    """Add ``simulate`` and ``sweep`` to the ``opza`` subparsers."""
    from .values import SI_HELP, add_si, flag
    sim = subparsers.add_parser(
        "simulate", help="full LLG spin chain against the collective coordinates",
        description="Simulate the letter's spin chain (LLG, numeric.llg) from the wall at rest, "
                    "print ξ0, V, X beside the collective coordinates (numeric.relaxation) and "
                    "compare with Eqs. (15)-(16). Default: the letter's numbers (λ = 10 nm, "
                    "α = 0.01, T⊥ of Eq. (20) at j = 1e11 A/m², 300 K, µ = ε0, J_sd = k_BT, S = 1; "
                    "permalloy's a, κ, J), a run of a few minutes on 2 cores; larger α or "
                    "smaller λ run faster. Values: " + SI_HELP + ".")
    sim.add_argument("--material", metavar="NAME",
                     help="start from a material of materials.toml (permalloy, Fe, Co, CoFeB; "
                          "aliases, any case) instead of the letter's numbers")
    for name, unit in _UNITS.items():
        default = "Eq. (20) at --j, --T" if name == "T_perp" else "the letter's or --material's"
        sim.add_argument(flag(name), dest=name, default=None, metavar="VALUE",
                         help=f"{_WORDS[name]} [{unit}] (default: {default})")
    sim.add_argument("--j", default=None, metavar="VALUE",
                     help="current density for T⊥ of Eq. (20) [A/m^2] (default 1e11)")
    sim.add_argument("--T", default=None, metavar="VALUE",
                     help="temperature for T⊥ of Eq. (20) [K] (default 300)")
    add_si(sim)
    sim.add_argument("--n-sites", type=int, default=None, help="chain length (default: ±20λ "
                     "beyond where the wall goes)")
    sim.add_argument("--t-max", type=float, default=5.0, help="end time in τ_DW (default 5)")
    sim.add_argument("--points", type=int, default=11, help="samples (default 11)")
    sim.add_argument("--out", type=pathlib.Path, default=None, metavar="FILE.nc",
                     help="write n(x, t), X, V, ξ0 as NetCDF")
    sim.add_argument("--integrator", default="auto",
                     choices=("auto", "tsit5", "dop853", "solve_ivp"),
                     help="compiled Tsit5 or DOP853, or SciPy's solve_ivp (the reference); "
                          "auto: Tsit5 when numba is installed")
    sim.add_argument("--quiet", action="store_true", help="no progress bar")
    sim.set_defaults(run=_simulate)
    sw = subparsers.add_parser(
        "sweep", help="error map of the reduction over (T⊥, α, κ/λ) on dask",
        description="Run the full chain against the collective coordinates on a grid of "
                    "(T⊥, α, κ/λ) through dask (a local cluster, or --scheduler) and write the "
                    "error map as NetCDF. Values: " + SI_HELP + ".")
    # the grid's defaults are numeric.llg.sweep.GRID and DEFAULTS, listed in the epilog: made only
    # when the help is shown, so that other opza commands do not import numeric
    sw.lazy_epilog = _grid_help
    for name in ("T_perp", "alpha", "kappa_over_lam"):
        sw.add_argument(flag(name), dest=name, default=None, metavar="LIST",
                        help="values, 'a,b,c' or START:STOP:N (default: below)")
    for name in ("a", "lam", "J", "S", "J_sd", "S_par"):
        sw.add_argument(flag(name), dest=name, default=None, metavar="VALUE",
                        help=f"{_WORDS[name]} [{_UNITS[name]}] (default: below)")
    add_si(sw)
    sw.add_argument("--t-max", type=float, default=5.0, help="window in τ_DW (default 5)")
    sw.add_argument("--points", type=int, default=101, help="samples per run (default 101)")
    sw.add_argument("--scheduler", default=None, metavar="ADDRESS",
                    help="an existing dask scheduler, e.g. tcp://host:8786 (default: a local cluster)")
    sw.add_argument("--workers", type=int, default=None, help="local workers (default: cores)")
    sw.add_argument("--batch", type=int, default=1, metavar="K",
                    help="grid points per dask task, integrated in one compiled loop (default 1)")
    sw.add_argument("--out", type=pathlib.Path, required=True, metavar="FILE.nc",
                    help="the error map (xarray Dataset as NetCDF)")
    sw.add_argument("--overwrite", action="store_true", help="replace an existing --out")
    sw.add_argument("--quiet", action="store_true", help="no progress bar")
    sw.set_defaults(run=_sweep)


def _grid_help() -> str:
    from numeric.llg.sweep import DEFAULTS, GRID  # no dask at import: plain data

    from .values import flag
    return ("default grid: " + "; ".join(f"{flag(name)} " + ",".join(map(str, values))
                                         for name, values in GRID.items())
            + "; fixed: " + ", ".join(f"{flag(k)} {v:g}" for k, v in DEFAULTS.items())
            + " (SI). Flags may also be written with underscores (--J_sd).")
