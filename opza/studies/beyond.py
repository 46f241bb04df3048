"""Findings beyond the letter, computed: the runs and model numbers behind the `beyond` records.

    python -m opza.studies.beyond [--only [FINDING ...]] [--sets SET ...] [--out FILE]

writes :data:`RESULTS` (``derivation/audit/data/beyond.json``), which
:mod:`derivation.audit.beyond` turns into verdict records: ``opza derive`` reads it and runs no
simulation.  Every simulated finding is computed at its base choice and again with each
choice the letter does not fix varied on its own (:data:`CHOICES`): where the co-moving drive
is centred, the lattice a/λ, the chain's length, the run's length (the stationarity window
and tolerance), and the solver's tolerances; the limit also with the sign of T⊥.  The drive
is given as the linear tilt ``ψ* = |ξ0*|Φ0(0)`` of Eq. (15) (:func:`torque_for_tilt`), so that
a lattice variant (a smaller a at the same λ, κ) is the same physics on a finer chain.

Findings (each a function of a parameter set and a choice):

``small_tilt``
    the chain at ψ* = 0.01 run to a stationary state (numeric.llg.stationary): V/V* and
    ξ0/ξ0* of (15); and over [0, 10τ_DW] the largest distance of ξ0(t) and of the ansatz's
    X(t) from (14), V(0⁺) of the ansatz's X and of the zero of n_x against (14) corrected,
    the energy beyond JS²ξ0²/(2κ²) (Eq. 9);
``tilt_curve``
    stationary V/V* and tilt ψ against ψ* up to the limit, beside the rigid profile
    (numeric.rigid_profile, Δ = λ and Walker's width) and the letter's ansatz with exact
    x-integrals (numeric.stationary_state);
``s_par``
    V/V* with the longitudinal accumulation S∥ switched on with T⊥;
``limit``
    the bracket of ψ* beyond which no stationary state is reached
    (numeric.llg.stationary_limit), and what the first run beyond it does.
"""
from __future__ import annotations

import argparse
import json
import math
import pathlib
import platform
import sys
import time


__all__ = ["RESULTS", "SETS", "CHOICES", "FINDINGS", "torque_for_tilt", "parameter_sets",
           "small_tilt", "tilt_curve", "s_par", "limit", "main"]

RESULTS = pathlib.Path(__file__).resolve().parents[2] / "derivation" / "audit" / "data" / "beyond.json"

# the choices the letter does not fix, each varied alone from the base
CHOICES = {
    "base": {},
    "centre: zero of n_x": {"centre": "n_x"},
    "lattice: a × 2/3": {"lattice": 1.5},
    "chain: ±40λ": {"margin": 40.0},
    "run: window ×2, tol ÷10": {"window": 2.0, "tol": 0.1},  # factors on the finding's own
    "solver: rtol 1e-11": {"rtol": 1e-11, "atol": 1e-13},
}
SMALL_TILT = 0.01
TILTS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.58)
S_PAR_FRACTIONS = (-0.2, 0.1, 0.5)   # J_sd S∥ in units of a³JS/κ²
ANSATZ_FRACTIONS = (0.3, 0.5, 1.0, 1.5)  # drives in units of the ansatz's limit (tilt π/2)


def parameter_sets() -> dict[str, dict]:
    """README's parameter sets: its LLG study, two corners of its dask map, the letter's numbers
    (:func:`opza.studies.holds.letter_wall`: the letter's λ, α, S = 1, permalloy's a, κ and
    exchange stiffness, J_sd = k_BT at 300 K)."""
    from .holds import letter_wall
    study = dict(alpha=0.1, a=2.5e-10, lam=4e-9, kappa=2e-9, J=1.6e-21, S=1.0, J_sd=1.6e-21,
                 S_par=0.0)
    sweep = dict(a=2.5e-10, lam=3e-9, J=1.6e-21, S=1.0, J_sd=1.6e-21, S_par=0.0)
    return {"study": study,
            "map: κ = λ/4, α = 0.05": {**sweep, "kappa": sweep["lam"] / 4, "alpha": 0.05},
            "map: κ = λ, α = 0.2": {**sweep, "kappa": sweep["lam"], "alpha": 0.2},
            "letter": letter_wall()}


SETS = ("study", "map: κ = λ/4, α = 0.05", "map: κ = λ, α = 0.2", "letter")


def torque_for_tilt(psi: float, p: dict) -> float:
    """T⊥ > 0 whose linear terminal tilt |ξ0*|Φ0(0) of Eq. (15) is ``psi``."""
    import numeric
    unit = abs(numeric.xi0_star(T_perp=1.0, **{k: v for k, v in p.items() if k != "T_perp"}))
    return psi / (unit * math.sqrt(p["a"] / (2 * p["lam"])))


# each finding's own stationarity window [τ_DW] and tolerance (the run choice scales them):
# V/V* at small tilt is judged to 2e-4, so its runs go on to a remaining change of 1e-5
_RUN = {"small_tilt": (2.0, 1e-5), "tilt_curve": (2.0, 1e-4), "s_par": (2.0, 1e-5),
        "limit": (2.0, 1e-3)}


def _apply(p: dict, choice: dict, finding: str) -> tuple[dict, dict]:
    """(wall parameters, run options) of a choice: ``lattice`` divides a at fixed λ, κ;
    ``window``, ``tol`` multiply the finding's own (:data:`_RUN`)."""
    p, opts = dict(p), dict(choice)
    factor = opts.pop("lattice", 1.0)
    p["a"] = p["a"] / factor
    window, tol = _RUN[finding]
    opts["window"] = window * opts.get("window", 1.0)
    opts["tol"] = tol * opts.get("tol", 1.0)
    return p, opts


def _v_star(T: float, p: dict) -> float:
    import numeric
    return numeric.v_star_from_torque(T_perp=T, alpha=p["alpha"], lam=p["lam"], J_sd=p["J_sd"])


def _run_summary(r, T_unit: float, v_star: float, keep_history: bool = False) -> dict:
    out = {"tilt_linear": abs(r.T_perp) / T_unit, "outcome": r.outcome, "t_end": r.t_end,
           "V/V*": r.V / v_star, "psi": r.tilt, "change_V": r.drift_V, "change_psi": r.drift_tilt,
           "n_sites": r.n_sites, "V_turn/V*": r.V_at_turn / v_star, "t_turn": r.t_turn}
    if keep_history:
        h = r.history
        step = max(1, len(h["t"]) // 120)
        out["history"] = {"t": [round(float(v), 4) for v in h["t"][::step]],
                          "V/V*": [float(v) / v_star for v in h["V"][::step]],
                          "psi": [float(v) for v in h["tilt"][::step]]}
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in out.items()}


def small_tilt(p: dict, choice: dict) -> dict:
    """The chain at ψ* = 0.01: stationary V/V*, ξ0/ξ0*, and the transient against (14)."""
    import numeric
    from numeric.llg import stationary
    from numeric.llg.comparison import compare
    q, opts = _apply(p, choice, "small_tilt")
    T = torque_for_tilt(SMALL_TILT, q)
    r = stationary.run(T_perp=T, **q, **opts)
    v_star = _v_star(T, q)
    xi_star = numeric.xi0_star(T_perp=T, **q)
    extra = {k: opts[k] for k in ("centre", "rtol", "atol") if k in opts}
    margin = opts.get("margin", 20.0)
    c = compare(T_perp=T, **q, t_max=10.0, points=201, margin=margin, **extra)
    alpha = q["alpha"]
    _, V_model = numeric.rigid_profile_stationary(T_perp=T, **q, width="walker")
    return {"run": _run_summary(r, torque_for_tilt(1.0, q), v_star), "model V/V*": V_model / v_star,
            "V/V*": r.V / v_star, "xi0/xi0*": r.xi0 / xi_star,
            "err_xi0": c["err_xi0"], "err_X_zm": c["err_X_zm"], "err_V_zm": c["err_V_zm"],
            "err_X": c["err_X"], "err_V": c["err_V"],
            "V0_ansatz/V0(14)": c["v0_zm_ratio"], "V0_nx/V0(14)": c["v0_ratio"],
            "V0(14)/V*": alpha**2 / (1 + alpha**2), "e_wall": c["e_wall"],
            "e_domains": c["e_domains"], "tau_fit/tau": c["tau_ratio"], "a/lam": q["a"] / q["lam"]}


def tilt_curve(p: dict, choice: dict) -> dict:
    """Stationary V/V*, ψ of the chain at each linear tilt of :data:`TILTS`, and the models'."""
    import numeric
    from numeric.llg import stationary
    q, opts = _apply(p, choice, "tilt_curve")
    rows = []
    for psi in TILTS:
        T = torque_for_tilt(psi, q)
        r = stationary.run(T_perp=T, **q, **opts)
        v_star = _v_star(T, q)
        row = {"tilt_linear": psi, "chain": _run_summary(r, torque_for_tilt(1.0, q), v_star)}
        for width in ("walker", "rigid"):
            try:
                tilt, V = numeric.rigid_profile_stationary(T_perp=T, **q, width=width)
                row[f"rigid profile ({width})"] = {"V/V*": V / v_star, "psi": tilt}
            except ValueError as err:
                row[f"rigid profile ({width})"] = {"none": str(err)}
        xi, V = numeric.stationary_state(T_perp=T, **q)
        row["letter's ansatz"] = {"V/V*": V / v_star,
                                  "psi": abs(xi) * math.sqrt(q["a"] / (2 * q["lam"]))}
        rows.append(row)
    return {"rows": rows}


def s_par(p: dict, choice: dict) -> dict:
    """V/V* of (15) with J_sd S∥ = f a³JS/κ² switched on with T⊥ at ψ* = 0.01."""
    from numeric.llg import stationary
    q, opts = _apply(p, choice, "s_par")
    K = q["a"] ** 3 * q["J"] * q["S"] / q["kappa"] ** 2
    rows = []
    for f in S_PAR_FRACTIONS:
        w = {**q, "S_par": f * K / q["J_sd"]}
        T = torque_for_tilt(SMALL_TILT, w)
        easy = f * K / (q["a"] ** 3 * q["J"] * q["S"] / q["lam"] ** 2)  # J_sd S∥ / (a³JS/λ²)
        try:
            r = stationary.run(T_perp=T, **w, **opts)
        except ValueError as err:  # an antiparallel S∥ beyond the easy axis reverses the domains
            rows.append({"fraction": f, "easy": easy, "V/V*": None, "outcome": "failed",
                         "error": str(err)})
            continue
        rows.append({"fraction": f, "easy": easy, "V/V*": r.V / _v_star(T, w),
                     "outcome": r.outcome})
    return {"rows": rows}


def limit(p: dict, choice: dict, sign: float = 1.0) -> dict:
    """The bracket in ψ* of the largest stationary drive, and the first run beyond it."""
    import numeric
    from numeric.llg import stationary
    q, opts = _apply(p, choice, "limit")
    unit = torque_for_tilt(1.0, q)
    start = numeric.critical_torque(**q, width="walker")
    lim = stationary.stationary_limit(**q, start=start, sign=sign, rel_width=0.01,
                                      t_max=300.0 if q["alpha"] >= 0.05 else 150.0, **opts)
    beyond = min((r for r in lim.runs if r.outcome == "turned"), key=lambda r: abs(r.T_perp),
                 default=None)
    below = max((r for r in lim.runs if r.outcome == "stationary"), key=lambda r: abs(r.T_perp),
                default=None)
    out = {"lower": lim.lower and lim.lower / unit, "upper": lim.upper and lim.upper / unit,
           "runs": [_run_summary(r, unit, _v_star(r.T_perp, q)) for r in lim.runs],
           "rigid profile (walker)": numeric.critical_torque(**q, width="walker") / unit,
           "rigid profile (rigid)": numeric.critical_torque(**q, width="rigid") / unit,
           "letter's ansatz limit": numeric.ansatz_limit_torque(**q) / unit}
    # through and beyond the letter's ansatz's own limit (its tilt reaching π/2)
    t_max = 300.0 if q["alpha"] >= 0.05 else 150.0
    T_ansatz = numeric.ansatz_limit_torque(**q)
    through = []
    # not with the drive at the zero of n_x: far beyond the limit that run slows to a crawl
    # (0.1τ_DW in 7 minutes at κ = λ, α = 0.2), the wall turned and no longer a wall
    for f in ANSATZ_FRACTIONS if opts.get("centre", "ansatz") == "ansatz" else ():
        T = math.copysign(f * T_ansatz, sign)
        try:
            r = stationary.run(T_perp=T, **q, t_max=t_max, **opts)
        except (ValueError, RuntimeError) as err:  # the wall is lost, or the integration fails
            through.append({"fraction": f, "tilt_linear": f * T_ansatz / unit,
                            "outcome": "failed", "error": str(err)})
            continue
        through.append({"fraction": f, **_run_summary(r, unit, _v_star(T, q))})
    out["at the ansatz's limit"] = through
    if beyond is not None:
        out["beyond"] = _run_summary(beyond, unit, _v_star(beyond.T_perp, q), keep_history=True)
    if below is not None:
        out["below"] = _run_summary(below, unit, _v_star(below.T_perp, q), keep_history=True)
    return out


def frozen() -> list[dict]:
    """The derived records whose derivation is too slow for ``opza derive`` (frozen, re-derived
    by a slow test): (15)-(17) as T⊥ → 0 limits of the letter's ansatz with exact x-integrals,
    and the rigid profile's critical torque."""
    import dataclasses

    import sympy as sp

    from derivation import symbols as sy
    from derivation.audit.beyond import freeze, judge_outcome
    from derivation.audit.letter import printed
    from derivation.audit.verdicts import Verdict
    from derivation.wall import nonlinear, rigid_profile
    ansatz = ("the letter's ansatz (7)-(8) with the x-integrals exact in ξ0 "
              "(derivation.wall.nonlinear), at S∥ = 0")
    out = [freeze(dataclasses.replace(v, section="beyond", scope=ansatz,
                                      quantity=f"{v.quantity} (the letter's ansatz, exact in ξ0)"))
           for v in nonlinear.verdicts()]
    crit = rigid_profile.critical_torque()
    golden = rigid_profile.GOLDEN
    shown = 4 * sy.alpha * golden ** sp.Rational(-5, 2) * sy.a**2 * sy.J * sy.S / (sy.kappa**2 * sy.J_sd)
    if sp.simplify(sp.radsimp(crit["T_perp"] - shown)) != 0:
        raise ArithmeticError("the critical torque is not 4αφ^(-5/2)a²JS/(κ²J_sd)")
    # both sides computed: the rigid profile's branch has a finite maximum; the letter's terminal
    # state (15) has no pole in T⊥
    from derivation.wall import solutions
    # (critical_torque raises when the branch has no maximum on 0 < ψ < π/2)
    observed = ("a stationary state for every T⊥"
                if crit["T_perp"].has(sp.oo, -sp.oo, sp.zoo, sp.nan)
                else "no stationary state beyond T⊥_c")
    poles = [sp.solve(sp.denom(sp.together(v)), sy.T_perp)
             for v in solutions.terminal().values()]
    predicted = "a stationary state for every T⊥" if not any(poles) else "a limit in T⊥"
    status, how = judge_outcome(observed, predicted, who="the rigid profile")
    out.append(freeze(Verdict(
        "15", "critical torque (rigid profile)", status, crit["T_perp"], sp.oo,
        printed("15", "V*").latex,
        f"{how}: the wall plane tilted as a whole (Walker's profile, derivation.wall.rigid_profile) "
        f"driven by the letter's co-moving s-d field has stationary states only up to "
        f"T⊥_c = 4αφ^(-5/2)a²JS/(κ²J_sd) at Δ = λ, S∥ = 0, where cos ψ_c = 1/φ (φ the golden "
        f"ratio); the force of the drive on X falls as J_sd T⊥(1 + cos ψ)/2 while the hard axis "
        f"holds at most (a²JS/κ²) sin 2ψ; with Walker's width the maximum is found numerically "
        f"(numeric.critical_torque)",
        ("constant-torque", "uniform-accumulation", "drop-sz"), "beyond", basis="derived",
        scope="the rigid profile (X, ψ, Δ) with the letter's LLG projected on it (Thiele), the "
              "letter's co-moving s-d drive held fixed while n varies, Δ = λ")))
    return out


def models() -> dict:
    """The model numbers the `beyond` records quote (they need SciPy, which ``opza derive`` does
    not): the letter's ansatz with exact x-integrals and the rigid profile at the letter's
    numbers; T⊥ beyond Born in both relaxation models, on README's table and towards the
    limit J_sd S ≪ ħ/τ_el ≪ k_BT; per material; the wall's own gauge field."""
    import numeric
    from derivation.audit.letter import ESTIMATE
    from derivation.audit.validity import materials, model_parameters, validity_table
    from derivation.electrons.beyond_born import MODELS
    from . import holds
    wall = holds.letter_wall()
    T_letter = numeric.torque_perp(j=float(ESTIMATE["j"]), j0=float(ESTIMATE["j0"]), T=holds.T_ROOM,
                                   mu=1e-19, eps0=1e-19, J_sd=wall["J_sd"], S=wall["S"])
    unit = torque_for_tilt(1.0, wall)

    def v_star(T):
        return _v_star(T, wall)

    T_limit = numeric.ansatz_limit_torque(**wall)
    T_c = numeric.critical_torque(**wall, width="walker")
    at_letter_xi, at_letter_V = numeric.stationary_state(T_perp=T_letter, **wall)
    at_limit_xi, at_limit_V = numeric.stationary_state(T_perp=T_limit, **wall)
    letter = {"parameters": wall, "T_letter": T_letter, "tilt_letter": T_letter / unit,
              "ansatz_limit": T_limit / unit, "critical_torque": T_c / unit,
              "critical_torque_rigid": numeric.critical_torque(**wall, width="rigid") / unit,
              "ansatz V/V* at the letter's T": at_letter_V / v_star(T_letter),
              "rigid V/V* at the letter's T":
                  numeric.rigid_profile_stationary(T_perp=T_letter, **wall)[1] / v_star(T_letter),
              "ansatz V/V* at its limit": at_limit_V / v_star(T_limit),
              "ansatz tilt at its limit": float(abs(numeric.tilt(at_limit_xi, a=wall["a"],
                                                                 lam=wall["lam"])))}
    table = holds.born_factor_spread()
    born = [{"coupling": r, "width": w, **{k: v for k, v in values.items()}}
            for (r, w), values in table.items()]
    # towards the limit J_sd S ≪ ħ/τ_el ≪ k_BT: ħ/τ_el = ε k_BT, J_sd S = ε² k_BT
    towards = []
    for eps in (0.1, 0.03, 0.01):
        values = holds.born_factor_spread((eps**2,), (eps,))[(eps**2, eps)]
        towards.append({"epsilon": eps, **values})
    per_material = {}
    for key, m in materials().items():
        params = model_parameters(m)
        rows = validity_table(params, j=1e11, T=holds.T_ROOM)
        per_material[key] = {"name": m.name, "rows": [[r[0], r[1], r[2]] for r in rows]}
    return {"letter": letter, "born": born, "born_towards_limit": towards,
            "relaxation_models": {k: {"name": v.name, "equation": v.equation,
                                      "assumptions": list(v.assumptions)} for k, v in MODELS.items()},
            "materials": per_material, "delta_k": holds.delta_k_numbers(),
            "ansatz_no_threshold": _no_threshold()}


def _no_threshold() -> dict:
    """The derived pieces of the argument that the letter's ansatz, exact in ξ0, has a
    stationary state for every T⊥ (derivation.wall.nonlinear.no_threshold)."""
    from derivation.wall import nonlinear
    pieces = nonlinear.no_threshold()
    return {k: bool(pieces[k]) for k in ("antisymmetric", "rayleigh_nonnegative")}


FINDINGS = {"small_tilt": small_tilt, "tilt_curve": tilt_curve, "s_par": s_par, "limit": limit}
# which choices each finding is computed for, per parameter set: every choice at README's
# study set; the base and the choices that could flip a finding (the drive's centre, the
# sign of T⊥) elsewhere; the letter's set only its base small-tilt run (α = 0.01, λ = 40a:
# the wall moves 30λ per τ_DW and the window follows it in short chunks; one run near the
# limit, up to 150τ_DW, is over an hour on 2 cores, a bisection a night)
_SIGN = "sign: T⊥ < 0"
_CENTRE = "centre: zero of n_x"
_CHOICES_OF = {
    "study": {"small_tilt": tuple(CHOICES), "tilt_curve": ("base", _CENTRE),
              "s_par": ("base", _CENTRE, "lattice: a × 2/3"), "limit": tuple(CHOICES) + (_SIGN,)},
    "map": {"small_tilt": ("base", _CENTRE), "tilt_curve": ("base",), "s_par": ("base", _CENTRE),
            "limit": ("base", _CENTRE, _SIGN)},
    "letter": {"small_tilt": ("base",), "tilt_curve": (), "s_par": (), "limit": ()},
}


def _choices(set_name: str, finding: str) -> tuple:
    return _CHOICES_OF[set_name.split(":")[0]][finding]


def _compute(name: str, sets: list[str], log, save) -> dict:
    out = {}
    all_sets = parameter_sets()
    for set_name in sets:
        p = all_sets[set_name]
        out[set_name] = {"parameters": p}
        for choice in _choices(set_name, name):
            start = time.perf_counter()
            if choice == _SIGN:
                value = limit(p, {}, sign=-1.0)
            else:
                value = FINDINGS[name](p, CHOICES[choice])
            value["seconds"] = round(time.perf_counter() - start, 1)
            out[set_name][choice] = value
            log(f"{name} / {set_name} / {choice}: {value['seconds']} s")
            save(name, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m opza.studies.beyond",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=list(FINDINGS), default=list(FINDINGS),
                        help="the simulated findings to compute (none: only the frozen records "
                             "and the model numbers, seconds)")
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument("--out", type=pathlib.Path, default=RESULTS)
    parser.add_argument("--no-frozen", action="store_true", help="keep the frozen derived records")
    args = parser.parse_args(argv)
    old = json.loads(args.out.read_text()) if args.out.exists() else {}
    findings = old.get("findings", {})
    start = time.perf_counter()

    def log(line):
        print(f"[{time.perf_counter() - start:7.0f} s] {line}", file=sys.stderr, flush=True)

    import numpy
    import scipy
    results = {"generated_by": "python -m opza.studies.beyond",
               "machine": f"{platform.machine()}, {platform.python_version()}, NumPy "
                          f"{numpy.__version__}, SciPy {scipy.__version__}",
               "choices": CHOICES, "small_tilt": SMALL_TILT, "tilts": TILTS,
               "s_par_fractions": S_PAR_FRACTIONS, "findings": findings,
               "frozen": old.get("frozen", []), "models": old.get("models", {})}

    def save(name=None, computed=None):
        if name is not None:
            findings.setdefault(name, {}).update(computed)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=float) + "\n")

    if not args.no_frozen:
        results["frozen"] = frozen()
        log("frozen derived records")
        save()
    results["models"] = models()
    log("model numbers")
    save()
    for name in args.only:
        _compute(name, args.sets, log, save)
    log(f"wrote {args.out}")
    return 0



# ------------------------------------------------------------------------------------------
# README's two sections, from the records and the results (python -m opza.readme beyond-chain,
# beyond-models): no sentence says more than a record

def _bullets(records: list[dict]) -> list[str]:
    lines = []
    for r in records:
        runs = f" Runs: {len(r['runs'])} (`{RESULTS.relative_to(RESULTS.parents[3])}`)." \
            if r.get("runs") else ""
        lines.append(f"- **({r['eq']}) {r['quantity']}** — *{r['status']}* [{r['basis']}]. "
                     f"{r['note']}. *Scope:* {r['scope']}.{runs}")
    return lines


def _cell(x, digits: int = 4) -> str:
    return "—" if x is None or (isinstance(x, float) and not math.isfinite(x)) else f"{x:.{digits}g}"


def _beyond_records(basis: tuple[str, ...]) -> list[dict]:
    from derivation.export.output import records
    return [r for r in records() if r["section"] == "beyond" and r["basis"] in basis]


def readme_chain() -> str:
    """The simulated findings: bullets from the records, then the tables by choice."""
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    f = data["findings"]
    lines = _bullets(_beyond_records(("simulated",)))
    lines += ["", "Where no stationary state is reached, by parameter set and choice (linear tilt ψ* "
              "of Eq. (15); the chain's bracket, bisected to 1 %; the models' limits):", "",
              "| parameter set | choice | stationary at ψ* | turned at ψ* | rigid profile, Walker's "
              "width | rigid profile, Δ = λ | letter's ansatz: tilt π/2 at ψ* |",
              "|---|---|---|---|---|---|---|"]
    for set_name, by_choice in f["limit"].items():
        for choice, v in by_choice.items():
            if choice == "parameters":
                continue
            lines.append(f"| {set_name} | {choice} | {_cell(v['lower'])} | {_cell(v['upper'])} | "
                         f"{_cell(v['rigid profile (walker)'])} | {_cell(v['rigid profile (rigid)'])} "
                         f"| {_cell(v[_ANSATZ_LIMIT], 3)} |")
    lines += ["", f"At small tilt (ψ* = {data['small_tilt']}), by choice (study set unless named):",
              "", "| parameter set | choice | a/λ | V/V* | ξ0/ξ0* | ξ0(t) err | X(t) err | V(0⁺)/(14), "
              "ansatz's X | V(0⁺)/(14), zero of n_x | E wall / (JS²ξ0²/2κ²) | E domains per λ |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for set_name, by_choice in f["small_tilt"].items():
        for choice, v in by_choice.items():
            if choice == "parameters":
                continue
            lines.append(f"| {set_name} | {choice} | {_cell(v['a/lam'], 3)} | {_cell(v['V/V*'], 6)} | "
                         f"{_cell(v['xi0/xi0*'], 6)} | {_cell(v['err_xi0'], 2)} | "
                         f"{_cell(v['err_X_zm'], 2)} | {_cell(v['V0_ansatz/V0(14)'], 5)} | "
                         f"{_cell(v['V0_nx/V0(14)'], 4)} | {_cell(1 + v['e_wall'], 3)} | "
                         f"{_cell(v['e_domains'], 2)} |")
    lines += ["", "Stationary V against the linear tilt, the chain beside the models (V/V* of (15); "
              "ψ the tilt of the wall's plane):", "",
              "| parameter set | choice | ψ* | chain: V/V* | chain: ψ | rigid profile, Walker's width: "
              "V/V* | ψ | rigid profile, Δ = λ: V/V* | letter's ansatz: V/V* |",
              "|---|---|---|---|---|---|---|---|---|"]
    for set_name, by_choice in f["tilt_curve"].items():
        for choice, v in by_choice.items():
            if choice == "parameters":
                continue
            for row in v["rows"]:
                ch, w, g = row["chain"], row["rigid profile (walker)"], row["rigid profile (rigid)"]
                shown = _cell(ch["V/V*"], 5) if ch["outcome"] == "stationary" else ch["outcome"]
                lines.append(f"| {set_name} | {choice} | {row['tilt_linear']:g} | {shown} | "
                             f"{_cell(ch['psi'], 4)} | {_cell(w.get('V/V*'), 5)} | "
                             f"{_cell(w.get('psi'), 4)} | {_cell(g.get('V/V*'), 5)} | "
                             f"{_cell(row[_ANSATZ]['V/V*'], 5)} |")
    lines += ["", "Stationary V/V* with the longitudinal accumulation S∥ switched on with T⊥ "
              f"(ψ* = {data['small_tilt']}):", "",
              "| parameter set | choice | " + " | ".join(f"J_sd S∥ = {x:g} a³JS/κ²"
                                                         for x in data["s_par_fractions"]) + " |",
              "|---|---|" + "---|" * len(data["s_par_fractions"])]
    for set_name, by_choice in f["s_par"].items():
        for choice, v in by_choice.items():
            if choice == "parameters":
                continue
            lines.append(f"| {set_name} | {choice} | "
                         + " | ".join(_cell(r["V/V*"], 5) if r["outcome"] != "failed" else
                                      f"integration fails (J_sd S∥ = {r['easy']:.2g} a³JS/λ²)"
                                      for r in v["rows"]) + " |")
    lines += ["", "*Generated by `python -m opza.readme beyond-chain` from the records and "
              f"`{RESULTS.relative_to(RESULTS.parents[3])}` (written by `python -m "
              "opza.studies.beyond`).*"]
    return "\n".join(lines) + "\n"


def readme_models() -> str:
    """The model findings: bullets from the records, then the beyond-Born table."""
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    models = data["models"]
    lines = _bullets(_beyond_records(("model", "derived")))
    keys = list(models["relaxation_models"])
    lines += ["", "The Born factor T⊥/T⊥(20) at half filling in the two relaxation models ("
              + "; ".join(f"'{k}': {v['name']}" for k, v in models["relaxation_models"].items())
              + "), their spread (the model uncertainty), and the narrow-limit formula "
              "η/√(η² + (J_sd S)²), which holds only where both are ≪ k_BT:", "",
              "| J_sd S/k_BT | ħ/τ_el k_BT | " + " | ".join(keys) + " | spread | η/√(η² + (J_sd S)²) |",
              "|---|---|" + "---|" * len(keys) + "---|---|"]
    for row in models["born"]:
        lines.append(f"| {row['coupling']:g} | {row['width']:g} | "
                     + " | ".join(_cell(row[k], 4) for k in keys)
                     + f" | {_cell(row['spread'], 2)} | {_cell(row['narrow_limit'], 4)} |")
    lines += ["", "*Generated by `python -m opza.readme beyond-models` from the records and "
              f"`{RESULTS.relative_to(RESULTS.parents[3])}`; `opza validity` prints every row of a "
              "material.*"]
    return "\n".join(lines) + "\n"


_ANSATZ = "letter's ansatz"
_ANSATZ_LIMIT = "letter's ansatz limit"


def figure(path) -> pathlib.Path:
    """docs/stationary_limit.png: stationary V/V* against ψ* — the chain's runs, the rigid profile
    (Walker's width, Δ = λ), the letter's ansatz with exact x-integrals — and the limit; and the
    first run beyond the limit, V(t) and ψ(t)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    import numeric
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    f = data["findings"]
    p = f["tilt_curve"]["study"]["parameters"]
    unit = torque_for_tilt(1.0, p)
    grid = np.linspace(0.005, 0.7, 140)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    for width, style, label in (("walker", "-", "rigid profile, Walker's width"),
                                ("rigid", "--", "rigid profile, Δ = λ")):
        T_c = numeric.critical_torque(**p, width=width) / unit
        psi = grid[grid < T_c]
        V = [numeric.rigid_profile_stationary(T_perp=x * unit, **p, width=width)[1]
             / _v_star(x * unit, p) for x in psi]
        left.plot(psi, V, style, color="C0", label=label)
    V_ansatz = [numeric.stationary_state(T_perp=x * unit, **p)[1] / _v_star(x * unit, p)
                for x in grid]
    left.plot(grid, V_ansatz, ":", color="C2", label="letter's ansatz, exact in ξ0")
    rows = f["tilt_curve"]["study"]["base"]["rows"]
    left.plot([r["tilt_linear"] for r in rows], [r["chain"]["V/V*"] for r in rows], "o",
              color="C3", label="spin chain (stationary runs)")
    lim = f["limit"]["study"]["base"]
    left.axvspan(lim["lower"], lim["upper"], color="C3", alpha=0.3,
                 label="spin chain: no stationary state beyond")
    left.axhline(1.0, color="grey", lw=0.8)
    left.set_xlabel(r"linear tilt $\psi^* = |\xi_0^*|\Phi_0(0)$ (Eq. 15)")
    left.set_ylabel(r"stationary $V/V^*$")
    left.set_xlim(0, 0.7)
    left.legend(fontsize=7, loc="lower left")
    left.set_title("Stationary velocity", fontsize=9)
    beyond = lim.get("beyond")
    if beyond and beyond.get("history"):
        h = beyond["history"]
        right.plot(h["t"], h["V/V*"], color="C3", label=r"$V/V^*$")
        right.plot(h["t"], np.unwrap(h["psi"]) / np.pi, color="C1", label=r"$\psi/\pi$")
        right.axhline(0.0, color="grey", lw=0.8)
        right.set_xlabel(r"$t/\tau_{DW}$")
        right.legend(fontsize=8)
        right.set_title(f"Spin chain at ψ* = {beyond['tilt_linear']:.3g}, beyond the limit",
                        fontsize=9)
    fig.text(0.5, 0.005, f"λ = {p['lam'] / p['a']:.3g}a, κ = λ/{p['lam'] / p['kappa']:.3g}, "
             f"α = {p['alpha']:g}; drive centred at the ansatz's X", ha="center", fontsize=8)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    path = pathlib.Path(path)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


if __name__ == "__main__":
    sys.exit(main())
