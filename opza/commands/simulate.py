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

# defaults of `opza simulate` (SI): a wall 12 sites wide, κ = λ/2
_CHAIN = dict(T_perp=3e-4, alpha=0.1, a=2.5e-10, lam=3e-9, kappa=1.5e-9, J=1.6e-21, S=1.0,
              J_sd=1.6e-21, S_par=0.0)


def _bar(stream):
    start = time.perf_counter()

    def show(fraction: float) -> None:
        filled = int(30 * fraction)
        stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {100 * fraction:3.0f} % "
                     f"{time.perf_counter() - start:.0f} s")
        if fraction >= 1.0:
            stream.write("\n")
        stream.flush()
    return show


def _sim_imports():
    try:
        import scipy  # noqa: F401
    except ImportError:
        raise UserError("opza simulate needs SciPy: pip install 'opza[sim]'") from None


def _simulate(args) -> int:
    _sim_imports()
    import numpy as np

    import numeric
    from numeric import llg
    p = {k: getattr(args, k) for k in _CHAIN}
    if args.t_max <= 0:
        raise UserError(f"--t-max must be > 0, got {args.t_max!r}")
    if args.points < 2:
        raise UserError(f"--points must be >= 2, got {args.points!r}")
    try:
        tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
        t = np.linspace(0.0, args.t_max, args.points) * tau
        n_sites = args.n_sites or llg.default_sites(**p, t_max=t[-1])
        c = llg.chain(**p, n_sites=n_sites)
        traj = llg.simulate(t, c, progress=None if args.quiet else _bar(sys.stderr),
                            integrator=args.integrator)
        xi_cc, V_cc, X_cc = numeric.relaxation(t, **p)
    except (ValueError, RuntimeError) as err:
        raise UserError(str(err)) from None
    print(f"# N = {c.n_sites} sites, tau_DW = {tau:.6g} s, "
          f"{llg.dynamics.integrator_name(args.integrator)}: {traj.nfev} right-hand sides")
    print(f"# {'t/tau_DW':>8} {'xi0':>13} {'xi0 (CC)':>13} {'V [m/s]':>13} {'V (CC)':>13} "
          f"{'X [m]':>13} {'X (CC)':>13}")
    for k in range(len(t)):
        print(f"{t[k] / tau:10.4g} {traj.xi0[k]:13.6e} {xi_cc[k]:13.6e} {traj.V[k]:13.6e} "
              f"{V_cc[k]:13.6e} {traj.X[k]:13.6e} {X_cc[k]:13.6e}")
    if args.out is not None:
        _write_trajectory(args.out, traj, p, tau, (xi_cc, V_cc, X_cc))
        print(f"wrote {args.out}")
    return 0


def _write_trajectory(path: pathlib.Path, traj, p: dict, tau: float, cc) -> None:
    try:
        import xarray as xr
    except ImportError:
        raise UserError("--out needs xarray: pip install 'opza[sim]'") from None
    from numeric.llg.sweep import write
    ds = xr.Dataset(
        {"n": (("t", "component", "x"), traj.n, {"units": "1", "long_name": "unit spin n(x, t)"}),
         "X": ("t", traj.X, {"units": "m", "long_name": "wall position (zero of n_x)"}),
         "V": ("t", traj.V, {"units": "m/s", "long_name": "dX/dt"}),
         "xi0": ("t", traj.xi0, {"units": "1", "long_name": "OPZ coordinate (projection on Phi0)"}),
         "xi0_cc": ("t", cc[0], {"units": "1", "long_name": "numeric.relaxation xi0"}),
         "V_cc": ("t", cc[1], {"units": "m/s", "long_name": "numeric.relaxation V"}),
         "X_cc": ("t", cc[2], {"units": "m", "long_name": "numeric.relaxation X"}),
         "energy": ("t", traj.energy, {"units": "J/m^2", "long_name": "Eq. (1) on the lattice"})},
        coords={"t": ("t", traj.t, {"units": "s"}), "x": ("x", traj.chain.x, {"units": "m"}),
                "component": ("component", ["x", "y", "z"])},
        attrs={**{f"{k}_SI": v for k, v in p.items()}, "tau_dw_s": tau,
               "title": "LLG spin chain (numeric.llg) and the collective coordinates"})
    try:
        write(ds, path)
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}") from None


def _floats(text: str) -> list[float]:
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated numbers, got {text!r}") from None
    if not values:
        raise argparse.ArgumentTypeError(f"expected comma-separated numbers, got {text!r}")
    return values


def _sweep(args) -> int:
    try:
        import dask.distributed  # noqa: F401
        import xarray  # noqa: F401
    except ImportError:
        raise UserError("opza sweep needs dask[distributed] and xarray: "
                          "pip install 'opza[sim]'") from None
    from numeric.llg import sweep
    if args.out.exists() and not args.overwrite:
        raise UserError(f"{args.out} exists; pass --overwrite to replace it")
    if not args.out.parent.is_dir():
        raise UserError(f"no directory {args.out.parent} for --out")
    if args.batch < 1:
        raise UserError(f"--batch must be >= 1, got {args.batch!r}")
    fixed = {k: getattr(args, k) for k in ("a", "lam", "J", "S", "J_sd", "S_par")}
    grid = {name: sweep.GRID[name] if getattr(args, name) is None else getattr(args, name)
            for name in ("T_perp", "alpha", "kappa_over_lam")}
    try:
        ds = sweep.error_map(grid["T_perp"], grid["alpha"], grid["kappa_over_lam"], fixed=fixed,
                             t_max=args.t_max, points=args.points, scheduler=args.scheduler,
                             n_workers=args.workers, batch=args.batch, progress=not args.quiet)
    except (OSError, TimeoutError) as err:
        raise UserError(f"cannot use the dask scheduler {args.scheduler!r}: {err}") from None
    except (ValueError, RuntimeError) as err:
        raise UserError(str(err)) from None
    try:
        engine = sweep.write(ds, args.out)
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
    sim = subparsers.add_parser(
        "simulate", help="full LLG spin chain against the collective coordinates",
        description="Simulate the letter's spin chain (LLG, numeric.llg) from the wall at rest "
                    "and print xi0, V, X beside numeric.relaxation. SI units.")
    units = {"T_perp": "1", "alpha": "1", "a": "m", "lam": "m", "kappa": "m", "J": "J",
             "S": "1", "J_sd": "J", "S_par": "m"}
    for name, value in _CHAIN.items():
        sim.add_argument(f"--{name}", type=float, default=value,
                         help=f"[{units[name]}] (default {value:g})")
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
                    "(T_perp, alpha, kappa/lam) through dask (a local cluster, or --scheduler) "
                    "and write the error map as NetCDF.")
    units = {"a": "m", "lam": "m", "J": "J", "S": "1", "J_sd": "J", "S_par": "m"}
    # the grid's defaults are numeric.llg.sweep.GRID, listed in the epilog: made only when the
    # help is shown, so that other opza commands do not import numeric
    sw.lazy_epilog = _grid_help
    for name, unit in (("T_perp", "1"), ("alpha", "1"), ("kappa_over_lam", "1")):
        sw.add_argument(f"--{name.replace('_over_', '-over-')}", dest=name, type=_floats,
                        default=None, metavar="LIST",
                        help=f"comma-separated [{unit}] (default: below)")
    for name, unit in units.items():
        sw.add_argument(f"--{name}", type=float, default=_CHAIN[name],
                        help=f"[{unit}] (default {_CHAIN[name]:g})")
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
    from numeric.llg.sweep import GRID  # no dask at import: GRID is plain data
    return "default grid: " + "; ".join(f"--{name.replace('_over_', '-over-')} "
                                        + ",".join(map(str, values))
                                        for name, values in GRID.items())
