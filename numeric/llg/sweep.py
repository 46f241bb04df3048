"""The error map of the reduction over (T⊥, α, κ/λ), computed on a dask cluster.

Each grid point is one :func:`numeric.llg.comparison.compare` (a full LLG simulation), sent as
a task to a ``dask.distributed`` cluster (or ``batch`` points per task, simulated in one
compiled loop by :func:`numeric.llg.comparison.compare_batch`): a :class:`~dask.distributed.LocalCluster` on
this machine by default, or the scheduler at ``scheduler="tcp://host:8786"``, on which the
same sweep runs unchanged (the workers need opza installed).  The result is an
:class:`xarray.Dataset` with dimensions (T_perp, alpha, kappa_over_lam), a units
attribute on every coordinate and variable, and the fixed parameters as attributes;
:func:`write` stores it as NetCDF (h5netcdf, or SciPy's NetCDF3 writer).

dask, distributed and xarray are the ``sim`` extra; they are imported on use.
"""
from __future__ import annotations

import itertools
import sys
import time

import numpy as np

__all__ = ["error_map", "write", "DEFAULTS", "GRID"]

# fixed parameters of the default sweep (SI): a wall 12 sites wide
DEFAULTS = dict(a=2.5e-10, lam=3e-9, J=1.6e-21, S=1.0, J_sd=1.6e-21, S_par=0.0)
GRID = dict(T_perp=(1e-4, 3e-4, 1e-3, 3e-3), alpha=(0.05, 0.1, 0.2),
            kappa_over_lam=(0.25, 0.5, 1.0))
_NAMES = {"T_perp": "torque T⊥ (dimensionless)", "alpha": "Gilbert damping α",
          "kappa_over_lam": "κ/λ"}  # the axes' long_name; all three are pure numbers


def _point(T_perp: float, alpha: float, kappa_over_lam: float, fixed: dict, t_max: float,
           points: int) -> dict:
    from .comparison import compare
    p = {**fixed, "kappa": kappa_over_lam * fixed["lam"]}
    try:
        return compare(T_perp=T_perp, alpha=alpha, **p, t_max=t_max, points=points)
    except (ValueError, RuntimeError) as err:  # a point that cannot be simulated: NaN, noted
        return {"error": str(err)}


def _points(grid_points: list, fixed: dict, t_max: float, points: int) -> list:
    """:func:`_point` for several grid points (T⊥, α, κ/λ), simulated in one compiled batch."""
    from .comparison import compare_batch
    params = [{**fixed, "T_perp": T, "alpha": alpha, "kappa": k * fixed["lam"]}
              for T, alpha, k in grid_points]
    return compare_batch(params, t_max=t_max, points=points, strict=False)


def _progress_line(done: int, total: int, start: float, stream) -> None:
    width = 30
    filled = int(width * done / total)
    elapsed = time.perf_counter() - start
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                 f"{elapsed:.0f} s")
    if done == total:
        stream.write("\n")
    stream.flush()


def error_map(T_perp=GRID["T_perp"], alpha=GRID["alpha"], kappa_over_lam=GRID["kappa_over_lam"],
              *, fixed: dict | None = None, t_max: float = 5.0, points: int = 101,
              scheduler: str | None = None, n_workers: int | None = None,
              processes: bool = True, batch: int = 1, progress: bool = True, stream=None):
    """Run :func:`numeric.llg.comparison.compare` on every grid point through dask.

    ``scheduler``: address of an existing dask scheduler; ``None`` starts a LocalCluster
    (``n_workers`` workers, one thread each, default one per core; ``processes=False``
    keeps them as threads of this process).  ``batch``: grid points per task, simulated
    together in one compiled loop (:func:`numeric.llg.simulate_batch`).  ``progress``
    draws a one-line bar on ``stream`` (stderr).  Returns an ``xarray.Dataset``.
    """
    import xarray as xr
    from dask.distributed import Client, LocalCluster, as_completed
    fixed = {**DEFAULTS, **(fixed or {})}
    axes = {"T_perp": np.asarray(T_perp, float), "alpha": np.asarray(alpha, float),
            "kappa_over_lam": np.asarray(kappa_over_lam, float)}
    for name, values in axes.items():
        if values.ndim != 1 or values.size == 0:
            raise ValueError(f"error_map: {name} must be a non-empty list of numbers, got {values!r}")
    if isinstance(batch, bool) or not isinstance(batch, (int, np.integer)) or batch < 1:
        raise ValueError(f"error_map: batch must be an integer >= 1, got {batch!r}")
    stream = sys.stderr if stream is None else stream
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=processes,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler, timeout="10s")
    try:
        grid = list(itertools.product(*(range(v.size) for v in axes.values())))
        futures = {}
        for at in range(0, len(grid), batch):
            indices = grid[at:at + batch]
            args = [[float(axes[name][i]) for name, i in zip(axes, index)] for index in indices]
            task = client.submit(_point, *args[0], fixed, t_max, points, pure=False) \
                if batch == 1 else client.submit(_points, args, fixed, t_max, points, pure=False)
            futures[task] = indices
        results, start, done = {}, time.perf_counter(), 0
        for future in as_completed(futures):
            value = future.result()
            for index, result in zip(futures[future], [value] if batch == 1 else value):
                results[index] = result
            done += len(futures[future])
            if progress:
                _progress_line(done, len(grid), start, stream)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    from .comparison import DESCRIPTIONS, QUANTITIES, UNITS
    shape = tuple(v.size for v in axes.values())
    data = {q: np.full(shape, np.nan) for q in QUANTITIES}
    failures = []
    for index, result in results.items():
        if "error" in result:
            failures.append(f"{dict(zip(axes, (float(axes[n][i]) for n, i in zip(axes, index))))}: "
                            f"{result['error']}")
            continue
        for q in QUANTITIES:
            data[q][index] = result[q]
    coords = {name: (name, values, {"units": "1", "long_name": _NAMES[name]})
              for name, values in axes.items()}
    variables = {q: (tuple(axes), data[q], {"units": UNITS[q], "long_name": DESCRIPTIONS[q]})
                 for q in QUANTITIES}
    attrs = {f"{k}_SI": v for k, v in fixed.items()}
    attrs.update(title="collective coordinates (numeric.relaxation) against the full LLG chain "
                       "(numeric.llg)", t_max_over_tau_dw=t_max, samples=points,
                 kappa="kappa_over_lam * lam", failures="; ".join(failures) or "none")
    return xr.Dataset(variables, coords=coords, attrs=attrs)


def write(dataset, path) -> str:
    """Store ``dataset`` as NetCDF at ``path`` (h5netcdf if installed, else SciPy's NetCDF3)."""
    try:
        import h5netcdf  # noqa: F401
        engine = "h5netcdf"
    except ImportError:
        engine = "scipy"
    dataset.to_netcdf(path, engine=engine)
    return engine
