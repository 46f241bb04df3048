"""numeric over dask arrays: lazy, chunk by chunk, the checks per chunk, the numbers of NumPy.

dask is in the test extra; under CI=true a missing dask fails here, elsewhere it skips.
"""
import numpy as np
import pytest

import numeric
from test_compiled import require_module

WALL = dict(T_perp=1e-3, alpha=0.01, a=2e-10, lam=1e-8, kappa=5e-9, J=1e-21, S=1.0, J_sd=1e-21)
ELECTRONS = dict(j=1e11, j0=1e16, mu=1e-19, eps0=1e-19, alpha=0.01, lam=1e-8, J_sd=1e-21)


@pytest.fixture(scope="module")
def da():
    require_module("dask")
    return require_module("dask.array")


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_a_dask_sweep_is_lazy_and_equals_numpy(da, scheduler):
    temperatures = np.geomspace(1.0, 3000.0, 1000)
    T = da.from_array(temperatures, chunks=128)
    v = numeric.v_star(T=T, **ELECTRONS)
    assert isinstance(v, da.Array) and v.chunks == T.chunks
    assert np.array_equal(v.compute(scheduler=scheduler), numeric.v_star(T=temperatures, **ELECTRONS))


def test_checks_run_per_chunk_at_compute_time(da):
    temperatures = np.linspace(-50.0, 600.0, 100)  # negative temperatures in the first chunk only
    v = numeric.v_star(T=da.from_array(temperatures, chunks=10), **ELECTRONS)  # builds, no error
    assert np.all(np.isfinite(v[20:].compute(scheduler="sync")))  # later chunks are fine alone
    with pytest.raises(ValueError, match="v_star: T must be > 0, got -50.0"):
        v.compute(scheduler="sync")


def test_relaxation_and_profile_broadcast_over_dask_chunks(da):
    tau = numeric.tau_dw(**{k: WALL[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd")})
    t = np.geomspace(1e-3, 1e3, 40)[:, None] * tau
    x = np.linspace(-20, 20, 30) * WALL["lam"]
    lazy = numeric.relaxation(da.from_array(t, chunks=(16, 1)), **WALL)
    assert isinstance(lazy, tuple) and len(lazy) == 3
    import dask
    for got, ref in zip(dask.compute(*lazy, scheduler="sync"), numeric.relaxation(t, **WALL)):
        assert np.array_equal(got, ref)
    nz = numeric.nz_profile(da.from_array(x, chunks=7), da.from_array(t, chunks=(16, 1)), **WALL)
    assert nz.shape == (40, 30)
    assert np.array_equal(nz.compute(scheduler="threads"), numeric.nz_profile(x, t, **WALL))


def test_compiled_kernels_take_dask_arrays_too(da):
    require_module("numba")
    import numeric.compiled as nc
    temperatures = np.geomspace(1.0, 3000.0, 500)
    v = nc.v_star(T=da.from_array(temperatures, chunks=100), **ELECTRONS)
    assert isinstance(v, da.Array)
    ref = numeric.v_star(T=temperatures, **ELECTRONS)
    assert np.all(np.abs(v.compute(scheduler="threads") - ref) <= 1e-13 * np.abs(ref))
