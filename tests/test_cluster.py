"""`opza sweep --scheduler ADDRESS` against a real dask scheduler and worker, started here as
separate processes on the loopback address, as on a cluster.

distributed is in the test extra; under CI=true a missing one fails here, elsewhere it skips.
"""
import json
import os
import pathlib
import subprocess
import sys
import time

import numpy as np
import pytest

from test_compiled import require_module

ROOT = pathlib.Path(__file__).resolve().parents[1]
A = 2.5e-10
GRID = dict(T_perp=(1e-4, 3e-4), alpha=(0.2,), kappa_over_lam=(0.5, 1.0))
FIXED = dict(a=A, lam=8 * A, J=1.6e-21, S=1.0, J_sd=1.6e-21, S_par=0.0)


def _wait_for(path: pathlib.Path, process, seconds: float) -> dict:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"the dask scheduler exited with status {process.returncode}")
        if path.exists() and path.stat().st_size:
            try:
                return json.loads(path.read_text())
            except json.JSONDecodeError:  # being written
                pass
        time.sleep(0.1)
    raise TimeoutError(f"no scheduler file {path} after {seconds} s")


def _stop(process) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def loopback_cluster(tmp_path_factory):
    """(scheduler address, worker pid): `dask scheduler` and one `dask worker` (no nanny, one
    thread), each its own process on 127.0.0.1; the worker imports numeric from this tree."""
    require_module("distributed")
    where = tmp_path_factory.mktemp("dask")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])}
    logs = [open(where / name, "w") for name in ("scheduler.log", "worker.log")]
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
         "--port", "0", "--no-dashboard", "--scheduler-file", str(where / "scheduler.json")],
        stdout=logs[0], stderr=subprocess.STDOUT, env=env, cwd=where)
    worker = None
    try:
        address = _wait_for(where / "scheduler.json", scheduler, 60)["address"]
        worker = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", address, "--host", "127.0.0.1",
             "--nthreads", "1", "--no-nanny", "--no-dashboard", "--local-directory", str(where),
             "--death-timeout", "60"],
            stdout=logs[1], stderr=subprocess.STDOUT, env=env, cwd=where)
        from dask.distributed import Client
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(1, timeout=60)
        yield address, worker.pid
    finally:
        for process in (worker, scheduler):
            if process is not None:
                _stop(process)
        for log in logs:
            log.close()


def _grid_args():
    args = []
    for name, values in GRID.items():
        args += [f"--{name.replace('_over_', '-over-')}", ",".join(map(str, values))]
    for name, value in FIXED.items():
        args += [f"--{name}", str(value)]
    return args + ["--t-max", "0.5", "--points", "6", "--quiet"]


@pytest.mark.parametrize("batch", [1, 4])
def test_sweep_runs_on_a_separate_scheduler_and_worker(loopback_cluster, tmp_path, capsys, batch):
    from dask.distributed import Client

    from opza.cli import main
    from numeric.llg.comparison import compare
    address, worker_pid = loopback_cluster
    with Client(address, timeout="30s") as client:  # the work goes to that worker process
        assert client.submit(os.getpid, pure=False).result() == worker_pid != os.getpid()
    out = tmp_path / "map.nc"
    assert main(["sweep", "--scheduler", address, "--out", str(out), "--batch", str(batch)]
                + _grid_args()) == 0
    assert "wrote" in capsys.readouterr().out
    import xarray as xr
    with xr.open_dataset(out, engine="h5netcdf") as ds:
        assert dict(ds.sizes) == {"T_perp": 2, "alpha": 1, "kappa_over_lam": 2}
        assert ds.attrs["failures"] == "none"
        # the same numbers as compare() here, point by point
        for i, T in enumerate(GRID["T_perp"]):
            for k, ratio in enumerate(GRID["kappa_over_lam"]):
                here = compare(T_perp=T, alpha=GRID["alpha"][0], kappa=ratio * FIXED["lam"],
                               **FIXED, t_max=0.5, points=6)
                for q in ("err_xi0", "err_X", "v0_ratio", "nfev"):
                    assert np.isclose(ds[q].values[i, 0, k], here[q], rtol=1e-12, atol=0), q


def test_a_batch_below_one_is_a_user_error(tmp_path, capsys):
    from opza.cli import main
    assert main(["sweep", "--out", str(tmp_path / "m.nc"), "--batch", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--batch" in err and "Traceback" not in err
