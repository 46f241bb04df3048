"""Findings beyond the letter as verdict records: what the package's simulations and models show.

Each record qualifies one of the letter's equations (``eq``) in the section ``beyond`` and
says on what it rests (``basis``): ``simulated`` (the spin chain of :mod:`numeric.llg`;
``runs`` names the runs), ``model`` (a property of one of the package's models — not of the
letter, not of nature) or ``derived``.  Its ``scope`` says which model or ansatz, at which
parameters, with which tolerance.  Numbers come from :data:`RESULTS`, written by
``python -m opza.studies.beyond`` (``opza derive`` runs no simulation; slow tests re-run the
base runs and re-derive the frozen records).  Statuses come from the judges here or from
:func:`~derivation.audit.verdicts.judge`, never typed:

* :func:`judge_value` — ``agrees`` when |value - reference| ≤ tol·|reference| (or ≤ tol when
  the reference is 0), else ``differs`` (the ratio in the note);
* :func:`judge_lattice` — ``agrees-in-limit`` (a/λ → 0) when a deviation shrinks between two
  lattices as (a/λ)² (within a factor 2) and extrapolates to within ``tol``; otherwise
  :func:`judge_value` on the finer lattice;
* :func:`judge_outcome` — what a run ends in against what the letter's equations give.

A simulated finding is judged again under every choice the letter does not fix (where the
drive is centred, the lattice, the chain's and the run's length, the solver's tolerances;
:func:`robustness`); where its status changes with a choice, the note says so, and the
finding is a property of that choice.
"""
from __future__ import annotations

import json
import math
import pathlib
from functools import cache

import sympy as sp

from .letter import printed
from .notes import MARK, expression, show
from .verdicts import Verdict

__all__ = ["RESULTS", "results", "judge_value", "judge_lattice", "judge_sequence",
           "judge_outcome", "records",
           "robustness", "freeze", "thaw", "SIMULATED"]

RESULTS = pathlib.Path(__file__).resolve().parent / "data" / "beyond.json"

SIMULATED = ("the spin chain of numeric.llg (Eq. (1) on a lattice of spacing a; the LLG equation "
             "of the letter's Berry phase and Rayleigh function) driven by the letter's co-moving "
             "s-d field of T⊥ (and S∥), switched on at t = 0 on the relaxed wall")
_STEPS = ("constant-torque", "uniform-accumulation", "drop-sz")


@cache
def results() -> dict:
    """The committed results of ``python -m opza.studies.beyond``."""
    return json.loads(RESULTS.read_text(encoding="utf-8"))


def _g(x: float, digits: int = 4) -> str:
    return f"{x:.{digits}g}"


def judge_value(value: float, reference: float, tol: float) -> tuple[str, str]:
    """agrees when |value - reference| ≤ tol·|reference| (tol when reference = 0), else differs."""
    scale = abs(reference) if reference != 0 else 1.0
    if abs(value - reference) <= tol * scale:
        return "agrees", f"within {tol:g}"
    if reference == 0:
        return "differs", f"{_g(value)} where the letter gives 0"
    return "differs", f"ratio {_g(value / reference)}"


def judge_lattice(coarse: tuple[float, float], fine: tuple[float, float], reference: float,
                  tol: float) -> tuple[str, str]:
    """(a/λ, value) on two lattices against ``reference``: agrees-in-limit a/λ → 0 when the
    deviation falls as (a/λ)² (within a factor 2) and its extrapolation is within tol."""
    (h1, v1), (h2, v2) = coarse, fine
    d1, d2 = v1 - reference, v2 - reference
    expected = (h2 / h1) ** 2
    scale = abs(reference) if reference != 0 else 1.0
    if d1 != 0 and 0.5 * expected <= d2 / d1 <= 2 * expected:
        extrapolated = (d2 - expected * d1) / (1 - expected)
        if abs(extrapolated) <= tol * scale:
            return "agrees-in-limit", (
                f"a/λ → 0: off by {_g(d1 / scale, 2)} at a/λ = {_g(h1, 3)} and {_g(d2 / scale, 2)} "
                f"at {_g(h2, 3)}, as (a/λ)², extrapolating to {_g(extrapolated / scale, 1)}")
    status, note = judge_value(v2, reference, tol)
    return status, f"{note} at a/λ = {_g(h2, 3)}"


def judge_sequence(points: list[tuple[float, float]], reference: float, tol: float,
                   limit_text: str) -> tuple[str, str]:
    """(parameter, value) as the parameter goes to 0: agrees-in-limit when |value - reference|
    shrinks at every step and ends within tol of the reference; else judge the last point."""
    deviations = [abs(v - reference) for _, v in points]
    if all(b < a for a, b in zip(deviations, deviations[1:])) and deviations[-1] <= tol:
        steps = ", ".join(f"{_g(d, 2)} at {_g(h, 2)}" for (h, _), d in zip(points, deviations))
        return "agrees-in-limit", f"{limit_text}: off by {steps}"
    return judge_value(points[-1][1], reference, tol)


def judge_outcome(observed: str, predicted: str, who: str = "the chain") -> tuple[str, str]:
    """agrees when a run (or a model, ``who``) ends as the letter's equations say it must,
    else differs."""
    if observed == predicted:
        return "agrees", f"{observed}, as the letter's equations give"
    return "differs", f"{who}: {observed}; the letter's equations: {predicted}"


# ------------------------------------------------------------------------------------------
# frozen verdicts: derived records whose derivation is slow, stored by the study

def freeze(v: Verdict) -> dict:
    """A verdict as JSON: expressions by ``srepr``, the note's mathematics kept as expressions."""
    parts, last = [], 0
    for m in MARK.finditer(v.note):
        parts += [v.note[last:m.start()], {"expr": sp.srepr(expression(int(m.group(1))))}]
        last = m.end()
    parts.append(v.note[last:])
    extra = {k: sp.srepr(val) for k, val in v.extra.items() if k == "limit" and val}
    return {"eq": v.eq, "quantity": v.quantity, "status": v.status,
            "derived": sp.srepr(v.derived), "printed": sp.srepr(v.printed),
            "paper_latex": v.paper_latex, "note": parts, "steps": list(v.steps),
            "section": v.section, "basis": v.basis, "scope": v.scope, "runs": list(v.runs),
            "extra": extra}


def thaw(d: dict, **changes) -> Verdict:
    """The verdict :func:`freeze` stored (``changes`` replaces fields, e.g. section, scope)."""
    note = "".join(p if isinstance(p, str) else show(sp.sympify(p["expr"])) for p in d["note"])
    extra = {k: sp.sympify(v) for k, v in d.get("extra", {}).items()}
    fields = dict(eq=d["eq"], quantity=d["quantity"], status=d["status"],
                  derived=sp.sympify(d["derived"]), printed=sp.sympify(d["printed"]),
                  paper_latex=d["paper_latex"], note=note, steps=tuple(d["steps"]),
                  section=d["section"], extra=extra, basis=d["basis"], scope=d["scope"],
                  runs=tuple(d["runs"]))
    fields.update(changes)
    return Verdict(**fields)


# ------------------------------------------------------------------------------------------
# the simulated findings

def _finding(name: str, set_name: str = "study") -> dict:
    return results()["findings"][name][set_name]


def _params(p: dict) -> str:
    return (f"λ = {p['lam'] / p['a']:.3g}a, κ = λ/{p['lam'] / p['kappa']:.3g}, α = {p['alpha']:g}, "
            f"J_sd = {p['J_sd'] / p['J']:.3g} J, S = {p['S']:.3g}")


def robustness(name: str, key, judge, set_name: str = "study") -> list[tuple[str, object, str]]:
    """[(choice, key(finding), status)] for every choice computed for ``name``, ``set_name``."""
    return [(choice, key(value), judge(key(value))[0])
            for choice, value in _finding(name, set_name).items()
            if choice not in ("parameters",)]


def _changes(rows, base: str) -> str:
    changed = [f"{choice}: {status}" for choice, _, status in rows if status != base]
    if changed:
        return "; it changes with the choice (" + "; ".join(changed) + "): a property of that choice"
    return f"; the same under each of the {len(rows) - 1} other choices varied"


def _scope(set_name: str = "study", extra: str = "") -> str:
    p = _finding("small_tilt", set_name)["parameters"] if set_name == "study" else \
        results()["findings"]["limit"][set_name]["parameters"]
    return f"{SIMULATED}; {_params(p)}{'; ' + extra if extra else ''}"


def _other_sets(name: str, key, digits: int = 4) -> str:
    """``key`` of the base run of ``name`` at every parameter set but the study's."""
    sets = results()["findings"][name]
    shown = [f"{s}: {_g(key(v['base']), digits)}" for s, v in sets.items()
             if s != "study" and "base" in v]
    return "; at the other parameter sets: " + ", ".join(shown) if shown else ""


def _v0_record() -> Verdict:
    f = _finding("small_tilt")
    base = f["base"]
    v0 = base["V0_ansatz/V0(14)"] * base["V0(14)/V*"]  # V(0⁺)/V* of the ansatz's X
    status, how = judge_value(v0, 0.0, 1e-6)
    rows = robustness("small_tilt", lambda v: v["V0_ansatz/V0(14)"],
                      lambda x: judge_value(x, 1.0, 3e-3))
    return Verdict(
        "14", "V(0⁺) (spin chain)", status, sp.Float(v0, 5), sp.Integer(0),
        printed("14", "V(t)").latex,
        f"{how}: the chain's wall (the ansatz's X) jumps at switch-on to V(0⁺) = "
        f"{_g(base['V0_ansatz/V0(14)'], 5)} V*α²/(1+α²), the derived V(t) of (14), not the printed "
        f"V(0⁺) = 0; the zero of n_x jumps to {_g(base['V0_nx/V0(14)'], 4)} of it (2/π = "
        f"{_g(2 / math.pi, 4)}: the uniform s-d field turns all spins at once, a property of "
        f"measuring X as the zero of n_x)" + _changes(rows, "agrees"),
        _STEPS, "beyond", basis="simulated",
        scope=_scope(extra="ψ* = 0.01; V(0⁺) at the first sample after switch-on"),
        runs=tuple(f"small_tilt/study/{c}" for c, _, _ in rows))


def _transient_record() -> Verdict:
    f = _finding("small_tilt")
    base, fine = f["base"], f["lattice: a × 2/3"]
    worst = lambda v: max(v["err_xi0"], v["err_X_zm"])  # noqa: E731
    status, how = judge_lattice((base["a/lam"], worst(base)), (fine["a/lam"], worst(fine)),
                                0.0, 2e-4)
    rows = robustness("small_tilt", worst, lambda x: judge_value(x, 0.0, 2e-3))
    return Verdict(
        "14", "xi0(t), X(t) (spin chain)", status, sp.Float(worst(base), 3), sp.Integer(0),
        printed("14", "xi0(t)").latex,
        f"{how}: over 10τ_DW from switch-on the chain's ξ0(t) stays within "
        f"{_g(base['err_xi0'], 2)} of |ξ0*| of (14) and its ansatz's X(t) within "
        f"{_g(base['err_X_zm'], 2)} of X(10τ_DW) (λ = {1 / base['a/lam']:.3g}a, ψ* = 0.01); the "
        f"zero of n_x is off by {_g(base['err_V'], 2)} of |V*| in V (its spin-wave transient)"
        + _changes(rows, "agrees"),
        _STEPS, "beyond", basis="simulated",
        scope=_scope(extra="ψ* = 0.01; errors against the quantities' own scales; tol 2e-4"),
        runs=tuple(f"small_tilt/study/{c}" for c, _, _ in rows))


def _v_star_record() -> Verdict:
    f = _finding("small_tilt")
    base, fine = f["base"], f["lattice: a × 2/3"]
    model = base.get("model V/V*", 1.0)  # the rigid profile's V/V* at ψ* = 0.01: 1 - O(ψ*²)
    status, how = judge_lattice((base["a/lam"], base["V/V*"]), (fine["a/lam"], fine["V/V*"]),
                                model, 2e-4)
    rows = robustness("small_tilt", lambda v: v["V/V*"], lambda x: judge_value(x, 1.0, 2e-3))
    return Verdict(
        "15", "V* (spin chain)", status, sp.Float(base["V/V*"], 6), sp.Integer(1),
        printed("15", "V*").latex,
        f"{how}: the chain's stationary V/V* = {_g(base['V/V*'], 6)} and ξ0/ξ0* = "
        f"{_g(base['xi0/xi0*'], 6)} at ψ* = 0.01, against 1 - O(ψ*²) = {_g(model, 6)} of the "
        f"rigid profile; so V → V* as a/λ → 0 and T⊥ → 0" + _changes(rows, "agrees")
        + _other_sets("small_tilt", lambda v: v["V/V*"], 6),
        _STEPS, "beyond", basis="simulated",
        scope=_scope(extra="ψ* = 0.01; stationary by the criterion of numeric.llg.stationary; "
                           "tol 2e-4 of V*"),
        runs=tuple(f"small_tilt/study/{c}" for c, _, _ in rows))


def _energy_record() -> Verdict:
    """The wall's energy beyond (9)'s JS²ξ0²/(2κ²): the same at every parameter set with the
    same αλ/κ, falling with it; judged as αλ/κ → 0 over the sets computed."""
    f = _finding("small_tilt")
    base = f["base"]
    ratio = lambda v: 1.0 + v["e_wall"]  # noqa: E731
    sets = results()["findings"]["small_tilt"]
    by_set = []
    for name, v in sets.items():
        p = v["parameters"]
        by_set.append((p["alpha"] * p["lam"] / p["kappa"], ratio(v["base"]), name))
    groups: dict = {}
    for x, r, _ in by_set:  # one point per distinct αλ/κ: the largest deviation there
        key = round(x, 6)
        groups[key] = max(groups.get(key, r), r, key=lambda y: abs(y - 1))
    points = sorted(groups.items(), reverse=True)
    status, how = judge_sequence(points, 1.0, 0.02, "αλ/κ → 0")
    rows = robustness("small_tilt", ratio, lambda x: judge_value(x, 1.0, 0.02))
    shown = ", ".join(f"{name} {_g(r, 4)} at αλ/κ = {_g(x, 3)} ({_g((r - 1) / x**2, 3)}(αλ/κ)²)"
                      for x, r, name in by_set)
    return Verdict(
        "9", "JS²ξ0²/(2κ²) (spin chain)", status, sp.Float(ratio(base), 4), sp.Integer(1),
        printed("9", "L_DW").latex,
        f"{how}: at ψ* = 0.01 the chain's wall region (±10λ) holds more than the energy "
        f"JS²ξ0²/(2κ²) that (9) gives the tilt — {shown}; the domains (canted by the uniform "
        f"s̄_y e_z × n0) hold "
        f"{_g(base['e_domains'], 2)} of it per length λ at the study set; the three sets of "
        f"README's study and map share αλ/κ = 0.2"
        + _changes(rows, "differs" if abs(ratio(base) - 1) > 0.02 else "agrees"),
        _STEPS, "beyond", basis="simulated",
        scope=_scope(extra="ψ* = 0.01; energy of Eq. (1) on the lattice at 10τ_DW, relative to "
                           "JS²ξ0²/(2κ²) at the chain's ξ0; every parameter set's base run; "
                           "tol 2 %"),
        runs=tuple(f"small_tilt/study/{c}" for c, _, _ in rows)
        + tuple(f"small_tilt/{name}/base" for _, _, name in by_set if name != "study"))


def _s_par_ratio(set_name: str, choice: str) -> float:
    """The largest departure from 1 of V(S∥)/V(S∥ = 0): the stationary V with S∥ over the
    same chain's V without it (the small-tilt run of the same set and choice), so that what
    the lattice does to V* is not counted as an effect of S∥."""
    v0 = results()["findings"]["small_tilt"][set_name][choice]["V/V*"]
    rows = [r["V/V*"] / v0 for r in _finding("s_par", set_name)[choice]["rows"]
            if r["V/V*"] is not None]
    return max(rows, key=lambda x: abs(x - 1))


def _s_par_record() -> Verdict:
    f = _finding("s_par")
    base, fine = _s_par_ratio("study", "base"), _s_par_ratio("study", "lattice: a × 2/3")
    a_lam = lambda c: results()["findings"]["small_tilt"]["study"][c]["a/lam"]  # noqa: E731
    status, how = judge_lattice((a_lam("base"), base), (a_lam("lattice: a × 2/3"), fine), 1.0,
                                2e-3)
    rows = [(c, _s_par_ratio("study", c), judge_value(_s_par_ratio("study", c), 1.0, 2e-3)[0])
            for c in f if c != "parameters"]
    fractions = ", ".join(f"{r['fraction']:g}" for r in f["base"]["rows"])
    nx = f.get("centre: zero of n_x")
    others = []
    for s_name, v in results()["findings"]["s_par"].items():
        if s_name == "study":
            continue
        shown = [_g(r["V/V*"], 4) if r["V/V*"] is not None else
                 f"the run fails (there J_sd S∥ = {_g(r['easy'], 2)} a³JS/λ², antiparallel to "
                 f"the domains beyond their easy axis)" for r in v["base"]["rows"]]
        others.append(f"{s_name}: V/V* = " + ", ".join(shown))
    return Verdict(
        "15", "V* with S∥ (spin chain)", status, sp.Float(base, 5), sp.Integer(1),
        printed("15", "V*").latex,
        f"{how}: with J_sd S∥ = ({fractions}) a³JS/κ² switched on with T⊥ (ψ* = 0.01) the "
        f"stationary V is the chain's V without S∥ to {_g(abs(base - 1), 2)} (V/V* = "
        + ", ".join(_g(r["V/V*"], 4) for r in f["base"]["rows"])
        + "), independent of S∥ as (15) says"
        + ("; with the drive centred on the zero of n_x instead, V/V* = "
           + ", ".join(_g(r["V/V*"], 4) for r in nx["rows"]) if nx else "")
        + _changes(rows, "agrees")
        + ("; at the other parameter sets (the drive at the ansatz's X): " + "; ".join(others)
           if others else ""),
        _STEPS, "beyond", basis="simulated",
        scope=_scope(extra="ψ* = 0.01; stationary; V(S∥)/V(0) on the same chain; tol 2e-3"),
        runs=tuple(f"s_par/study/{c}" for c, _, _ in rows))


def _tilt_curve_record() -> Verdict:
    rows_base = _finding("tilt_curve")["base"]["rows"]
    top = max(rows_base, key=lambda r: r["tilt_linear"] if r["chain"]["outcome"] == "stationary"
              else -1)
    chain = top["chain"]["V/V*"]
    status, how = judge_value(chain, 1.0, 2e-3)

    def worst(rows, model):
        return max(abs(r["chain"]["V/V*"] - r[model]["V/V*"]) for r in rows
                   if r["chain"]["outcome"] == "stationary" and "V/V*" in r[model])
    walker = worst(rows_base, "rigid profile (walker)")
    rigid = worst(rows_base, "rigid profile (rigid)")
    ansatz = worst(rows_base, "letter's ansatz")
    return Verdict(
        "15", "V*(T⊥) at finite tilt (spin chain)", status, sp.Float(chain, 4), sp.Integer(1),
        printed("15", "V*").latex,
        f"{how}: at ψ* = {top['tilt_linear']:g} the chain's stationary V is {_g(chain, 4)} V*; "
        f"the rigid profile with Walker's width follows the chain to {_g(walker, 2)} of V* for "
        f"every ψ* up to {top['tilt_linear']:g}, with Δ = λ to {_g(rigid, 2)}, the letter's "
        f"ansatz with exact x-integrals (whose V rises above V*) to {_g(ansatz, 2)}",
        _STEPS, "beyond", basis="simulated",
        scope=_scope(extra="ψ* = " + ", ".join(f"{r['tilt_linear']:g}" for r in rows_base)
                     + "; stationary runs; tol 2e-3"),
        runs=tuple(f"tilt_curve/study/base/{r['tilt_linear']:g}" for r in rows_base))


_ANSATZ_LIMIT = "letter's ansatz limit"
_THROUGH = {"turned": "turned and stopped", "failed": "the run fails (its integration stops within about 1τ_DW: what the chain does there is not determined)"}


def _through(runs: list[dict]) -> str:
    """The runs at multiples of the ansatz's limit, grouped by outcome."""
    groups: dict = {}
    for r in runs:
        groups.setdefault(_THROUGH.get(r["outcome"], r["outcome"]), []).append(f"{r['fraction']:g}")
    return "".join(f"; at {', '.join(fs)} times that drive the chain's run: {outcome}"
                   for outcome, fs in groups.items())


def _limit_sets() -> list[str]:
    return [s for s in results()["findings"].get("limit", {})]


def _limit_record() -> Verdict:
    f = _finding("limit")
    base = f["base"]
    status, how = judge_outcome(base["beyond"]["outcome"], "stationary")
    rows = robustness("limit", lambda v: (v["lower"], v["upper"]),
                      lambda b: judge_outcome("turned" if b[1] is not None else "stationary",
                                              "stationary"))
    brackets = "; ".join(f"{c}: [{_g(b[0], 4)}, {_g(b[1], 4)}]" for c, b, _ in rows)
    others = []
    for s in _limit_sets():
        if s == "study":
            continue
        b = results()["findings"]["limit"][s]["base"]
        others.append(f"{s}: [{_g(b['lower'], 4)}, {_g(b['upper'], 4)}] (rigid profile "
                      f"{_g(b['rigid profile (walker)'], 4)})")
    return Verdict(
        "14", "stationary state (spin chain)", status,
        sp.Interval(sp.Float(base["lower"], 5), sp.Float(base["upper"], 5)), sp.oo,
        printed("14", "V(t)").latex,
        f"{how}: the chain reaches a stationary state only up to a linear tilt ψ* in "
        f"[{_g(base['lower'], 4)}, {_g(base['upper'], 4)}] ((14)-(16) give one for every T⊥); the "
        f"rigid profile puts its critical torque at ψ* = {_g(base['rigid profile (walker)'], 4)} "
        f"(Walker's width; {_g(base['rigid profile (rigid)'], 4)} at Δ = λ), the letter's ansatz "
        f"has none (its tilt reaches π/2 at ψ* = {_g(base[_ANSATZ_LIMIT], 4)}"
        + _through(base.get("at the ansatz's limit", [])) + "). "
        f"Brackets by choice: {brackets}. Other parameter sets: " + "; ".join(others)
        + f"; not computed at the letter's set (α = 0.01, λ = 40a: one run near the limit is "
          f"over an hour), where the rigid profile puts it at ψ* = "
          f"{_g(_models()['letter']['critical_torque'], 4)}",
        _STEPS, "beyond", basis="simulated",
        scope=_scope(extra="the bracket by bisection to 1 %, each run to the stationarity "
                           "criterion or until its tilt passes π/2, at most 300τ_DW"),
        runs=tuple(f"limit/{s}/{c}" for s in _limit_sets()
                   for c in results()["findings"]["limit"][s] if c != "parameters"))


def _beyond_limit_record() -> Verdict:
    b = _finding("limit")["base"]["beyond"]
    status, how = judge_outcome(b["outcome"], "stationary")
    return Verdict(
        "14", "beyond the limit (spin chain)", status, sp.Float(b["V/V*"], 3), sp.Integer(1),
        printed("14", "V(t)").latex,
        f"{how}: at ψ* = {_g(b['tilt_linear'], 4)} the wall plane turns through the Bloch "
        f"configuration (|ψ| = π/2 at t = {_g(b['t_turn'], 3)}τ_DW) with V = "
        f"{_g(b['V_turn/V*'], 2)} V* (moving backwards), then stops with the opposite chirality "
        f"(ψ = {_g(b['psi'], 4)}, V = {_g(b['V/V*'], 2)} V*), where the co-moving drive exerts no "
        f"force: no precession, no time-averaged velocity — the rigid profile's turn from ψ = 0 "
        f"to π, not Walker's precession",
        _STEPS, "beyond", basis="simulated", scope=_scope(extra="the first run beyond the limit"),
        runs=("limit/study/base/beyond",))


# ------------------------------------------------------------------------------------------
# the models

def _models() -> dict:
    return results()["models"]


def _ansatz_record() -> Verdict:
    m = _models()["letter"]
    pieces = _models()["ansatz_no_threshold"]  # derived by the study (nonlinear.no_threshold)
    observed = ("a stationary state for every T⊥" if all(pieces.values())
                else "the argument for a stationary state at every T⊥ does not close")
    status, how = judge_outcome(observed, "a stationary state for every T⊥")
    return Verdict(
        "14", "stationary state (the letter's ansatz, exact in ξ0)", status,
        sp.Float(m["ansatz_limit"], 4), sp.oo, printed("14", "V(t)").latex,
        f"{how}: with the ansatz (7)-(8) and its x-integrals exact in ξ0 the wall reaches a "
        f"stationary state for every T⊥ (det M < 0 for every ξ0, and the ξ̇0 numerator changes "
        f"sign before the Berry coupling's first zero: derivation.wall.nonlinear.no_threshold); its "
        f"tilt reaches π/2 at ψ* = {_g(m['ansatz_limit'], 4)} at the letter's numbers, where "
        f"V = {_g(m['ansatz V/V* at its limit'], 4)} V*. A property of the ansatz, whose tilted "
        f"spins cannot turn the wall's plane: the spin chain has no stationary state beyond "
        f"ψ* ≈ 0.6 ((14) stationary state (spin chain)), the rigid profile none beyond "
        f"{_g(m['critical_torque'], 4)} here",
        _STEPS, "beyond", basis="model",
        scope="the letter's ansatz (7)-(8) with the x-integrals exact in ξ0 "
              "(derivation.wall.nonlinear, numeric.stationary_state), the letter's co-moving "
              "drive; numbers at the letter's λ, α and permalloy's a, κ (S = 1, J_sd = k_BT)")


_ANSATZ_AT_LETTER = "ansatz V/V* at the letter's T"
_RIGID_AT_LETTER = "rigid V/V* at the letter's T"


def _letter_regime_record() -> Verdict:
    m = _models()["letter"]
    status, how = judge_value(m["rigid V/V* at the letter's T"], 1.0, 0.01)
    return Verdict(
        "estimate", "T⊥ of the estimate against the limits", status,
        sp.Float(m["rigid V/V* at the letter's T"], 4), sp.Integer(1), printed("estimate", "V*").latex,
        f"{how}: the letter's T⊥ = {_g(m['T_letter'], 3)} is a linear tilt ψ* = "
        f"{_g(m['tilt_letter'], 3)}, {_g(m['tilt_letter'] / m['critical_torque'], 2)} of the "
        f"rigid profile's critical torque and {_g(m['tilt_letter'] / m['ansatz_limit'], 2)} of "
        f"the ansatz's limit: the rigid profile (which tracks the spin chain) gives V = "
        f"{_g(m[_RIGID_AT_LETTER], 4)} V*, the letter's ansatz with exact "
        f"x-integrals {_g(m[_ANSATZ_AT_LETTER], 5)} V*: the estimate lies in the "
        f"linear regime",
        _STEPS, "beyond", basis="model",
        scope="the rigid profile with Walker's width (numeric.rigid_profile) and the letter's "
              "ansatz with exact x-integrals (numeric.stationary_state) at the letter's λ, α, "
              "j/j0 and permalloy's a, κ (S = 1, J_sd = k_BT, µ = ε0, 300 K); tol 1 %")


def _born_record() -> Verdict:
    models = _models()
    towards = models["born_towards_limit"]
    keys = list(models["relaxation_models"])
    worst = [(t["epsilon"], min(t[k] for k in keys)) for t in towards]
    status, how = judge_sequence(worst, 1.0, 0.01, "J_sd S ≪ ħ/τ_el ≪ k_BT (ħ/τ_el = εk_BT, "
                                 "J_sd S = ε²k_BT, ε → 0)")
    table = models["born"]
    lowest = min(min(r[k] for k in keys) for r in table)
    spread = max(r["spread"] for r in table)
    names = "; ".join(f"'{k}': {v['name']}" for k, v in models["relaxation_models"].items())
    return Verdict(
        "19", "T⊥ beyond Born (relaxation models)", status, sp.Float(worst[-1][1], 4), sp.Integer(1),
        printed("19", "G<").latex,
        f"{how}: T⊥ with the s-d coupling to all orders and the coherence relaxing at η = ħ/τ_el "
        f"is Eq. (20) times a Born factor that tends to 1 only in that limit; on README's table "
        f"(J_sd S/k_BT 0.01-10, ħ/τ_el k_BT 0.01-1) it falls to {_g(lowest, 2)}, the two "
        f"relaxation models ({names}) differing by up to {_g(spread, 2)} (the model uncertainty). "
        f"The letter has no kinetic equation for ρ_k: both are this package's models",
        ("born", "sokhotski-plemelj", "relaxation-model", "relaxation-target"), "beyond",
        basis="model",
        scope="T⊥ at half filling from the 2×2 kinetic equations of "
              "derivation.electrons.beyond_born (both models; their shared assumptions "
              "beyond_born.SHARED_ASSUMPTIONS); tol 1 %")


# the validity rows of the Born and Sokhotski–Plemelj conditions, and how a note names them
_BORN_CONDITIONS = (("J_sd S / k_B T", "J_sd S ≪ k_BT"), ("hbar / (tau_el k_B T)", "ħ/τ_el ≪ k_BT"))


def _material_records() -> list[Verdict]:
    out = []
    for key, m in _models()["materials"].items():
        rows = {name: (value, mark) for name, value, mark in m["rows"]}
        factors = {name.rsplit(" ", 1)[-1]: value for name, (value, _) in rows.items()
                   if name.startswith("Born factor T_perp/T_perp(20)")}
        factor = min(v for v in factors.values() if v is not None)
        status, how = judge_value(factor, 1.0, 0.1)
        failing = [name.split(" [")[0] for name, (_, mark) in rows.items() if mark == "fails"]
        absent = [name for name, (_, mark) in rows.items() if mark == "not applicable"]
        born = [label for row, label in _BORN_CONDITIONS
                if any(name.startswith(row) for name in failing)]
        V = rows.get("V* (Eq. 15)", (None, ""))[0]
        V_rigid = rows.get("V (rigid profile, Walker's width)", (None, ""))[0]
        spread = rows.get("Born factor spread between the models (max/min - 1)", (None, ""))[0]
        out.append(Verdict(
            "20", f"T⊥ in {m['name']}", status, sp.Float(factor, 3), sp.Integer(1),
            printed("20", "T_perp").latex,
            f"{how}: the Born factor is " + " and ".join(_g(v, 3) for v in factors.values()
                                                        if v is not None)
            + f" in the two relaxation models (spread {_g(spread, 2)}); V* of (15) = "
            + (f"{_g(V, 4)} m/s" if V is not None else "not applicable")
            + ", the rigid profile's V = "
            + (f"{_g(V_rigid, 4)} m/s" if V_rigid is not None else "not applicable")
            + f"; {len(failing)} of its small parameters fail"
            + (", " + " and ".join(born) + " among them" if born else "")
            + (f", and {len(absent)} " + ("result is" if len(absent) == 1 else "results are")
               + " not applicable (past a threshold or a limit)" if absent else "")
            + f" — opza validity --material {key} names each",
            ("born", "sokhotski-plemelj", "relaxation-model"), "beyond", basis="model",
            scope=f"the material file's {key} (derivation/audit/data/materials.toml: sources, "
                  f"geometry), µ = ε0, j = 1e11 A/m², 300 K, one spin length S; opza validity "
                  f"--material {key} prints every row; tol 10 %"))
    return out


def _delta_k_record() -> Verdict:
    d = _models()["delta_k"]
    status, how = judge_value(d["ratio"], 1.0, 0.1)
    return Verdict(
        "2", "δk of the wall's own gauge field", status, sp.Float(d["ratio"], 3), sp.Integer(1),
        printed("2", "eps_k").latex,
        f"{how}: T⊥ depends on δk only through the band energy at k = 0, ħ²δk²/2m* "
        f"(derivation.electrons.torque.delta_k_dependence); at δk = 1/(2λ), the peak of |Â_z| of "
        f"a wall of width λ, that is the band bottom, and T⊥ is {_g(d['ratio'], 3)} of T⊥ at the "
        f"letter's δk = π/2a (µ = ε0 = {_g(d['eps0/kT'], 3)} k_BT): the letter's δk is a choice",
        ("born",), "beyond", basis="model",
        scope="T⊥ of Eq. (20) as derived, with δk an argument (numeric.torque_perp_delta_k), at "
              "permalloy's a, m* = m_e, the letter's λ, 300 K; tol 10 %")


def _frozen() -> list[Verdict]:
    return [thaw(d) for d in results().get("frozen", [])]


@cache
def records() -> tuple[Verdict, ...]:
    """Every `beyond` record, in the order of the letter's equations."""
    out = [_delta_k_record(), _energy_record(), _v0_record(), _transient_record(),
           _limit_record(), _beyond_limit_record(), _ansatz_record(), _v_star_record(),
           _s_par_record(), _tilt_curve_record(), *_frozen(), _born_record(),
           *_material_records(), _letter_regime_record()]
    return tuple(out)
