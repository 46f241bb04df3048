"""Benchmark: the derivation, cold in a fresh process, against commit b31b92b, side by side.

    python benchmarks/bench_derivation.py [--repeat 3] [--baseline b31b92b]

Each run is ``python -m derivation --json`` in a new interpreter with its output
discarded: this tree with ``--no-cache`` and an empty ``OPZA_CACHE_DIR`` (nothing
read from the disk cache), in one process (``--jobs 1``) and in two (``--jobs 2``,
the default on two cores), and the baseline commit extracted by ``git archive``
into a temporary directory (it has no disk cache, one process).  The runs alternate
(baseline, this tree with one, with two, baseline, ...) so that all see the same load on
a shared machine; the script prints the best of ``--repeat`` wall-clock and CPU (user +
sys of the children) times of each and their ratios: two processes lower the wall-clock
time, not the CPU time.  The current chain does more than
the baseline's did (more verdicts, the S_z consequences): the ratio is of the
whole command, as a user would wait for it.  Not a test: the numbers go into README.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import resource
import subprocess
import sys
import tarfile
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _extract(commit: str, into: pathlib.Path) -> None:
    """The tree of ``commit`` (git archive) unpacked in ``into``."""
    archive = into / "tree.tar"
    with archive.open("wb") as f:
        subprocess.run(["git", "-C", str(ROOT), "archive", commit], stdout=f, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    archive.unlink()


def _run(tree: pathlib.Path, args: list[str], cache: pathlib.Path) -> tuple[float, float]:
    """(wall, cpu) seconds of ``python -m derivation *args`` in a fresh process on ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree), "OPZA_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "derivation", *args], cwd=tree, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--baseline", default="b31b92b", help="commit to compare with")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="opza-bench-") as tmp:
        tmp = pathlib.Path(tmp)
        _extract(args.baseline, tmp)
        cache = tmp / "cache"  # stays empty: --no-cache neither reads nor writes it
        cache.mkdir()
        runs = {"baseline": [], "one process": [], "two processes": []}
        for n in range(args.repeat):
            for name, tree, flags in (
                    ("baseline", tmp / "tree", ["--json"]),
                    ("one process", ROOT, ["--json", "--no-cache", "--jobs", "1"]),
                    ("two processes", ROOT, ["--json", "--no-cache", "--jobs", "2"])):
                wall, cpu = _run(tree, flags, cache)
                runs[name].append((wall, cpu))
                print(f"run {n + 1}/{args.repeat} {name:13s} wall {wall:6.1f} s  cpu {cpu:6.1f} s",
                      flush=True)
        if any(cache.iterdir()):
            raise RuntimeError(f"a run wrote to the cache {cache}: it was not cold")
    best = {name: (min(w for w, _ in r), min(c for _, c in r)) for name, r in runs.items()}
    print(f"\n`python -m derivation --json`, cold, best of {args.repeat} "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    print(f"  {args.baseline:13s} wall {best['baseline'][0]:6.1f} s  cpu {best['baseline'][1]:6.1f} s")
    for name in ("one process", "two processes"):
        wall, cpu = best[name]
        print(f"  {name:13s} wall {wall:6.1f} s  cpu {cpu:6.1f} s   ratio to {args.baseline}: "
              f"wall {wall / best['baseline'][0]:.3f}, cpu {cpu / best['baseline'][1]:.3f}")
    print("  (goal: wall <= 0.333)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
