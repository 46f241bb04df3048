"""The derivation chain: the stages in the letter's order, each with the verdicts it states.

Each stage module derives its equations and states how they compare with the print (its
``verdicts()``: a list of :class:`~derivation.audit.verdicts.Verdict`, statuses from
:func:`~derivation.audit.verdicts.judge` only); the two stages whose verdicts need both the
wall and the electrons, (9)-(11) for (10)'s ⟨s_z⟩ and (18)-(21) for (21), are completed in
:mod:`derivation.driven`, above both.  :data:`STAGES` is the one sequence that drives
both the progress display (:func:`run_stages`) and the results (:func:`results`); their
records are rendered by :mod:`derivation.export.output`.  The last stage,
:mod:`derivation.audit.beyond`, reads the findings of the package's models and simulations from
their committed results file: it runs no simulation.
"""
from __future__ import annotations

from functools import cache

from . import driven, estimate as est
from .audit import beyond, units
from .electrons import boltzmann, gauge, torque as tq
from .wall import equations_of_motion as eom, lagrangian as lag, solutions as sol, zero_modes
from .audit.letter import PRINTED
from .audit.verdicts import Verdict

__all__ = ["results", "labels", "run_stages", "STAGES", "SECOND", "HANDED", "LABELS", "DERIVED_LABELS"]

# (title, the stage's verdicts) in the letter's order
STAGES = (
    ("the wall energy, Eq. (1)", lag.energy_verdicts),
    ("zero modes, Eqs. (5)-(6)", zero_modes.verdicts),
    ("Lagrangian and dissipation, Eqs. (9)-(11)", driven.lagrangian_verdicts),
    ("equations of motion, Eqs. (12)-(13)", eom.verdicts),
    ("solutions, Eqs. (14)-(17)", sol.verdicts),
    ("gauge field and band, Eq. (2)", gauge.verdicts),
    ("Boltzmann distribution, Eq. (4)", boltzmann.verdicts),
    ("torque, Eqs. (18)-(21)", driven.torque_verdicts),
    ("dimensional audit", units.verdicts),
    ("the estimate", est.verdicts),
    ("beyond the letter: the package's models and simulations", beyond.records),
)

# with --jobs 2 (derivation.export.parallel): the stages a second process takes first, counted
# from 0 (the electrons' and the audit's), and the results each process derives first and
# hands to the other: the solution of (12a)-(12b) from this one (the torque's (21) and the
# estimate need it), T⊥ and ⟨s_z⟩ of the electron model from the second (the S_z note of
# (10) needs them)
SECOND = tuple(n for n, (_, stage) in enumerate(STAGES)
               if stage in (gauge.verdicts, boltzmann.verdicts, driven.torque_verdicts, units.verdicts,
                            est.verdicts))
HANDED = {False: ((sol._in_K, (True,)), (sol._in_K, (False,))),
          True: ((tq.torque_in_currents, ()), (tq.s_z_accumulation, ()))}


def run_stages(progress: bool = False) -> None:
    """Run the stages in order (each is cached); with ``progress``, one line on stderr as each
    stage starts, naming it, and the time of the whole."""
    import sys
    import time
    start = time.perf_counter()
    for n, (name, stage) in enumerate(STAGES, 1):
        if progress:
            print(f"[{n}/{len(STAGES)}] {name}", file=sys.stderr, flush=True)
        stage()
    if progress:
        print(f"derived in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)


@cache
def results() -> tuple[Verdict, ...]:
    """Every result of the derivation, stage by stage."""
    return tuple(v for _, stage in STAGES for v in stage())


# every label a result can carry: the printed equations, plus (3) whose printed form is
# the model itself; known without running the chain
LABELS: tuple[str, ...] = tuple(sorted({p.eq for p in PRINTED} | {"3"}, key=units._eq_order))
# the labels with a derived form (every printed result is derived); (3), the s-d coupling, is
# the model the derivation starts from: only its dimensions are checked
DERIVED_LABELS: tuple[str, ...] = tuple(eq for eq in LABELS if any(p.eq == eq for p in PRINTED))


def labels() -> list[str]:
    """Equation labels that ``--only`` accepts, in order."""
    return list(LABELS)
