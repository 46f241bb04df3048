"""The derivation chain: the stages in the letter's order, each with the verdicts it states.

Each stage module derives its equations and states how they compare with the print (its
``verdicts()``: a list of :class:`~derivation.audit.verdicts.Verdict`, statuses from
:func:`~derivation.audit.verdicts.judge` only).  :data:`STAGES` is the one sequence that drives
both the progress display (:func:`run_stages`) and the results (:func:`results`).
"""
from __future__ import annotations

from functools import cache

from .audit import estimate as est, units
from .electrons import boltzmann, gauge, torque as tq
from .wall import equations_of_motion as eom, lagrangian as lag, solutions as sol, zero_modes
from .audit.letter import PRINTED
from .audit.verdicts import Verdict

__all__ = ["results", "records", "rendered_records", "labels", "run_stages", "STAGES", "SECOND",
           "HANDED", "LABELS"]

# (title, the stage's verdicts) in the letter's order
STAGES = (
    ("the wall energy, Eq. (1)", lag.energy_verdicts),
    ("zero modes, Eqs. (5)-(6)", zero_modes.verdicts),
    ("Lagrangian and dissipation, Eqs. (9)-(11)", lag.verdicts),
    ("equations of motion, Eqs. (12)-(13)", eom.verdicts),
    ("solutions, Eqs. (14)-(17)", sol.verdicts),
    ("gauge field and band, Eq. (2)", gauge.verdicts),
    ("Boltzmann distribution, Eq. (4)", boltzmann.verdicts),
    ("torque, Eqs. (18)-(21)", tq.verdicts),
    ("dimensional audit", units.verdicts),
    ("the estimate", est.verdicts),
)

# with --jobs 2 (derivation.parallel): the stages a second process takes first, counted
# from 0 (the electrons' and the audit's), and the results each process derives first and
# hands to the other: the solution of (12a)-(12b) from this one (the torque's (21) and the
# estimate need it), T⊥ and ⟨s_z⟩ of the electron model from the second (the S_z note of
# (10) needs them)
SECOND = tuple(n for n, (_, stage) in enumerate(STAGES)
               if stage in (gauge.verdicts, boltzmann.verdicts, tq.verdicts, units.verdicts,
                            est.verdicts))
HANDED = {False: ((sol._in_K, (True,)), (sol._in_K, (False,))),
          True: ((tq.torque_in_currents, ()), (tq.s_z_accumulation, ()))}


def run_stages(progress: bool = False) -> None:
    """Run the stages in order (each is cached); with ``progress``, one line per stage and
    its time on stderr."""
    import sys
    import time
    start = time.perf_counter()
    for n, (name, stage) in enumerate(STAGES, 1):
        t0 = time.perf_counter()
        stage()
        if progress:
            print(f"[{n}/{len(STAGES)}] {name} ({time.perf_counter() - t0:.1f} s)",
                  file=sys.stderr, flush=True)
    if progress:
        print(f"derived in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)


@cache
def results() -> tuple[Verdict, ...]:
    """Every result of the derivation, stage by stage."""
    return tuple(v for _, stage in STAGES for v in stage())


# every label a result can carry: the printed equations, plus (3) whose printed form is
# the model itself; known without running the chain
LABELS: tuple[str, ...] = tuple(sorted({p.eq for p in PRINTED} | {"3"}, key=units._eq_order))


def labels() -> list[str]:
    """Equation labels that ``--only`` accepts, in order."""
    return list(LABELS)


@cache
def _rendered() -> tuple[dict, ...]:
    # rendering a record (the letter's notation, LaTeX) costs seconds: once per process
    return tuple(v.record() for v in results())


def rendered_records(jobs: int = 1, progress: bool = False) -> list[dict]:
    """Every verdict's JSON record (fresh copies of the once-rendered records).

    ``jobs=2`` derives and renders in two processes (fork) when this process has not
    derived yet, its share :data:`SECOND` first in the second (:mod:`derivation.parallel`); the
    records are the same as with ``jobs=1`` (checked by a test).  With
    ``progress``, one line per stage on stderr.
    """
    global _PARALLEL
    if _PARALLEL is None and jobs > 1 and _rendered.cache_info().currsize == 0 and _can_fork():
        from . import parallel
        _PARALLEL = parallel.rendered(STAGES, SECOND, HANDED, progress)
    if _PARALLEL is not None:
        rendered = _PARALLEL
    else:
        import sys
        import time
        run_stages(progress)
        start = time.perf_counter()
        rendered = _rendered()
        if progress:  # the letter's notation and LaTeX of every record
            print(f"records rendered in {time.perf_counter() - start:.1f} s", file=sys.stderr,
                  flush=True)
    return [{**r, "steps": list(r["steps"])} for r in rendered]


_PARALLEL: tuple[dict, ...] | None = None  # the records of a two-process derivation


def _can_fork() -> bool:
    import multiprocessing
    return "fork" in multiprocessing.get_all_start_methods()


def records(only: list[str] | None = None) -> list[dict]:
    """JSON records, optionally only for the given equation labels."""
    return [r for r in rendered_records() if only is None or r["eq"] in only]
