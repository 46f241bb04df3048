"""Findings beyond the letter: the records, their judges, the stationarity criterion and limit.

The slow tests re-run the base runs of the committed results (derivation/audit/data/beyond.json,
written by ``python -m opza.studies.beyond``) and re-derive the frozen records; each simulated
number must come back within the tolerance its record states.
"""
import math

import numpy as np
import pytest
import sympy as sp

from derivation.audit import beyond
from derivation.audit.verdicts import BASES, STATUSES


def test_every_beyond_record_has_a_basis_a_scope_and_a_judged_status():
    records = beyond.records()
    assert len(records) >= 15
    for v in records:
        assert v.section == "beyond"
        assert v.status in STATUSES and v.basis in BASES and v.basis != "identity"
        assert v.scope, (v.eq, v.quantity)
        if v.basis == "simulated":
            assert v.runs, (v.eq, v.quantity)


def test_the_judges_say_what_the_numbers_show():
    assert beyond.judge_value(1.0005, 1.0, 1e-3)[0] == "agrees"
    assert beyond.judge_value(1.01, 1.0, 1e-3) == ("differs", "ratio 1.01")
    assert beyond.judge_value(0.02, 0.0, 1e-3)[0] == "differs"
    # a deviation falling as (a/λ)² and extrapolating to 0: a limit, not an agreement
    h1, h2 = 1 / 16, 1 / 24
    status, _ = beyond.judge_lattice((h1, 1 - 0.12 * h1**2), (h2, 1 - 0.12 * h2**2), 1.0, 1e-4)
    assert status == "agrees-in-limit"
    # a deviation that does not fall: judged on the finer lattice
    assert beyond.judge_lattice((h1, 0.9), (h2, 0.9), 1.0, 1e-4)[0] == "differs"
    steps = [(0.1, 0.97), (0.03, 0.991), (0.01, 0.997)]
    assert beyond.judge_sequence(steps, 1.0, 0.01, "ε → 0")[0] == "agrees-in-limit"
    assert beyond.judge_sequence(steps[::-1], 1.0, 0.001, "ε → 0")[0] == "differs"
    assert beyond.judge_outcome("turned", "stationary")[0] == "differs"


def test_frozen_records_thaw_to_what_was_frozen():
    for d in beyond.results()["frozen"]:
        v = beyond.thaw(d)
        assert beyond.freeze(v) == d


def test_a_finding_that_changes_with_a_choice_says_so():
    """S∥ leaves V* alone with the drive at the ansatz's X; at the zero of n_x it does not —
    the record names that choice."""
    record = next(v for v in beyond.records() if v.quantity == "V* with S∥ (spin chain)")
    assert record.status in ("agrees", "agrees-in-limit")
    assert "centre: zero of n_x: differs" in record.note


# ------------------------------------------------------------------------------------------
# the stationarity criterion (numeric.llg.stationary)

def test_an_exponential_approach_is_stationary_only_when_its_tail_is_small():
    from numeric.llg.stationary import _settled
    t = np.linspace(0, 80, 1601)
    slow = 1.0 + 0.5 * np.exp(-t / 8.0)
    for end, done in ((10, False), (40, False), (80, True)):  # what is left: 0.5 e^{-end/8}
        assert _settled(t[t <= end], slow[t <= end], 2.0, 1e-3)[0] == done, end
    ringing = 1.0 + 0.01 * np.sin(2 * np.pi * t / 1.5)
    assert not _settled(t, ringing, 2.0, 1e-3)[0]                   # never shrinks
    flat = np.ones_like(t) + 1e-12 * np.sin(t)
    assert _settled(t, flat, 2.0, 1e-3)[0]                          # noise far below tol


def test_the_moving_window_shifts_the_wall_by_whole_sites():
    import numeric.llg as llg
    from numeric.llg.stationary import _shifted
    c = llg.chain(alpha=0.1, a=2.5e-10, lam=4e-9, kappa=2e-9, J=1.6e-21, S=1.0, J_sd=1.6e-21,
                  T_perp=0.0, n_sites=400)
    n = llg.relaxed_wall(c)
    for k in (7, -11):
        moved = _shifted(n, k)
        assert llg.ansatz_position(moved, c.x, c.lam) == pytest.approx(
            llg.ansatz_position(n, c.x, c.lam) + k * c.a, abs=1e-9 * c.lam)
        assert np.allclose(np.linalg.norm(moved, axis=0), 1.0)


def test_readme_sections_are_the_ones_the_records_generate():
    """README's two sections say what the records and the committed results say, no more."""
    import pathlib
    from opza import readme
    text = (pathlib.Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in ("beyond-chain", "beyond-models"):
        shown = text.split(f"<!-- {name}:start -->\n", 1)[1].split(f"<!-- {name}:end -->", 1)[0]
        assert shown == readme.SECTIONS[name](None), f"{name}: python -m opza.readme {name}"


# ------------------------------------------------------------------------------------------
# the committed results, reproduced (slow: simulations)

def _study():
    from opza.studies import beyond as study
    return study, study.parameter_sets()["study"]


@pytest.mark.slow
def test_small_tilt_runs_reproduce_within_their_tolerance():
    study, p = _study()
    committed = beyond.results()["findings"]["small_tilt"]["study"]
    for choice in ("base", "centre: zero of n_x"):
        again = study.small_tilt(p, study.CHOICES[choice])
        old = committed[choice]
        assert again["V/V*"] == pytest.approx(old["V/V*"], abs=2e-4)  # the record's tolerance
        assert again["V0_ansatz/V0(14)"] == pytest.approx(old["V0_ansatz/V0(14)"], abs=3e-3)
        assert again["e_wall"] == pytest.approx(old["e_wall"], abs=0.02)
        for err in ("err_xi0", "err_X_zm"):  # the transient record's tolerance
            assert again[err] == pytest.approx(old[err], abs=2e-4)


@pytest.mark.slow
def test_tilt_curve_runs_reproduce_within_their_tolerance():
    study, p = _study()
    committed = beyond.results()["findings"]["tilt_curve"]["study"]["base"]["rows"]
    again = study.tilt_curve(p, study.CHOICES["base"])["rows"]
    for new, old in zip(again, committed):
        assert new["chain"]["outcome"] == old["chain"]["outcome"], old["tilt_linear"]
        assert new["chain"]["V/V*"] == pytest.approx(old["chain"]["V/V*"], abs=2e-3)


@pytest.mark.slow
def test_s_par_runs_reproduce_and_flip_with_the_drive_centre():
    study, p = _study()
    committed = beyond.results()["findings"]["s_par"]["study"]
    for choice in ("base", "centre: zero of n_x"):
        again = study.s_par(p, study.CHOICES[choice])
        for new, old in zip(again["rows"], committed[choice]["rows"]):
            assert new["V/V*"] == pytest.approx(old["V/V*"], abs=2e-3)


@pytest.mark.slow
def test_stationary_limit_is_bracketed_by_a_stationary_and_a_turned_run():
    """numeric.llg.stationary_limit at README's study set: a stationary run just below the
    bracket and a turned one just above, and the bracket where the committed one is."""
    import numeric.llg as llg
    from numeric.llg.stationary import run
    study, p = _study()
    committed = beyond.results()["findings"]["limit"]["study"]["base"]
    unit = study.torque_for_tilt(1.0, p)
    below = run(T_perp=0.97 * committed["lower"] * unit, **p, t_max=300.0)
    above = run(T_perp=1.03 * committed["upper"] * unit, **p, t_max=300.0)
    assert below.outcome == "stationary" and above.outcome == "turned"
    assert abs(above.V) < 1e-3 * abs(study._v_star(above.T_perp, p))  # stopped, reversed
    assert abs(abs(above.tilt) - math.pi) < 1e-2
    limit = llg.stationary_limit(**p, rel_width=0.02, t_max=300.0)
    assert limit.torque is not None and limit.width <= 0.02
    lower, upper = limit.lower / unit, limit.upper / unit
    assert lower <= committed["upper"] and upper >= committed["lower"]


@pytest.mark.slow
def test_frozen_records_are_what_the_derivation_gives_now():
    """The stored derived records (slow to derive) equal a fresh derivation's."""
    from opza.studies.beyond import frozen
    fresh, stored = frozen(), beyond.results()["frozen"]
    assert len(fresh) == len(stored)
    for new, old in zip(fresh, stored):
        assert (new["eq"], new["quantity"], new["status"]) == (old["eq"], old["quantity"], old["status"])
        assert sp.simplify(sp.sympify(new["derived"]) - sp.sympify(old["derived"])) == 0
