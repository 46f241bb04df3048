"""The letter in the field's language: the non-adiabatic β its mechanism amounts to.

    python -m opza.studies.beta

In the standard 1D model a wall below its threshold moves at βu/α (derived in
:mod:`derivation.wall.walker`), u = gµ_B P j/(2eM_s) the spin-drift velocity
(:mod:`derivation.audit.literature`).  The letter's wall moves at V* (Eq. 21).  The β for
which βu/α = V* needs the model's own P, and the model's P is zero
(:mod:`derivation.electrons.polarisation`: the two bands of Eq. (2) carry equal O(E)
currents, and no spin along the local moment): its u vanishes and β_eff = αV*/u is not
defined.  What the letter predicts, in the field's terms, is the product βu = α|V*|, a
non-adiabatic drive with no adiabatic one.  This module tabulates, per material of
:mod:`derivation.audit.validity` (its model parameters, µ = ε0) and against (j, T):

* V* and α|V*| — the βu the letter's mechanism supplies;
* u(P = 1) — the largest spin drift any polarisation could give at that j, and
  β_min = α|V*|/u(P = 1), the smallest β_eff any P ≤ 1 would imply;
* for permalloy, β_eff with the measured P (a value from the literature, not the model's),
  beside the measured β (``data/beta_permalloy.toml``, with sources), and the J_sd at which
  the letter's β_eff would equal the measured one (β_eff ∝ J_sd²).

Both α|V*| and u are linear in j, so β_eff does not depend on j (the table shows two j).
"""
from __future__ import annotations

import argparse
import math
import pathlib
import sys
import tomllib

__all__ = ["DATA", "measured", "spin_drift", "rows", "markdown", "main", "TEMPERATURES",
           "CURRENTS"]

DATA = pathlib.Path(__file__).resolve().parents[2] / "derivation" / "audit" / "data" / "beta_permalloy.toml"
TEMPERATURES = (77.0, 300.0)
CURRENTS = (1e11, 1e12)


def measured(path: pathlib.Path = DATA) -> dict:
    """The measured β and P of permalloy, with their sources (``data/beta_permalloy.toml``)."""
    return tomllib.loads(path.read_text())


def spin_drift():
    """u(P, j, M_s, g) [m/s] = gµ_B P j/(2eM_s), lambdified from the published form
    (:func:`derivation.audit.literature.formulas`, M_s = gµ_B S/a³ put back as M_s)."""
    import sympy as sp
    from derivation.audit import literature
    from derivation.estimate import CODATA
    from derivation.symbols import P_pol, S, a, e, g_factor, j as j_sym, mu_B
    from numeric.llg.chain import MU_B
    Ms = sp.Symbol("M_s", positive=True)
    expr = sp.simplify(literature.formulas()["spin_drift"].subs(S, Ms * a**3 / (g_factor * mu_B)))
    expr = expr.subs({e: CODATA[e], mu_B: MU_B})
    if expr.free_symbols - {P_pol, j_sym, Ms, g_factor}:
        raise ArithmeticError(f"u depends on more than P, j, M_s, g: {expr}")
    return sp.lambdify((P_pol, j_sym, Ms, g_factor), expr, "math")


def rows(*, temperatures=TEMPERATURES, currents=CURRENTS) -> list[dict]:
    """One dict per (material, T, j): the quantities of the module docstring."""
    import numeric
    from derivation.audit.validity import materials, model_parameters
    u_of = spin_drift()
    data = measured()
    P_py = data["polarisation"][0]["value"]
    beta_1d = [b["value"] for b in data["beta"] if "1D" in b["texture"]]
    out = []
    for key, material in materials().items():
        p = model_parameters(material)
        Ms = material.values["Ms"]
        for T in temperatures:
            for j in currents:
                V = float(numeric.v_star(j=j, j0=p["j0"], T=T, mu=p["eps0"], eps0=p["eps0"],
                                         alpha=p["alpha"], lam=p["lam"], J_sd=p["J_sd"], S=p["S"]))
                w = p["alpha"] * abs(V)                 # the βu the letter supplies
                u_max = u_of(1.0, j, Ms, 2.0)
                row = {"material": material.name, "key": key, "T": T, "j": j, "V_star": V,
                       "beta_u": w, "u_P1": u_max, "beta_min": w / u_max,
                       "alpha": p["alpha"], "J_sd": p["J_sd"], "lam": p["lam"],
                       "lam_from_letter": bool(p["lam_from_letter"])}
                if key == "permalloy":
                    beta_P = w / u_of(P_py, j, Ms, 2.0)
                    row.update(P=P_py, beta_P=beta_P,
                               J_sd_match=[p["J_sd"] * math.sqrt(b / beta_P) for b in beta_1d])
                out.append(row)
    return out


def _fmt(v: float) -> str:
    return f"{v:.3g}"


def markdown() -> str:
    """The README tables: β_eff per material and (T, j), and the measured β of permalloy."""
    from derivation.electrons import polarisation
    eV = 1.602176634e-19
    data = measured()
    matched = ", ".join(f"{b['value']:g}" for b in data["beta"] if "1D" in b["texture"])
    lines = [
        f"The letter's band model: P = {polarisation.band_polarisation()} (j↑ − j↓ vanishes for any "
        f"µ, T: the bands are mirror images, `mirror_identity()` = {polarisation.mirror_identity()}), "
        f"and no spin along the local moment is carried (`local_spin_current()` = "
        f"{polarisation.local_spin_current()}): u = 0, so β_eff = αV*/u is not defined. "
        "The columns give what is defined: the letter's βu = α|V*|, and β_eff for an assumed P.",
        "",
        "| material | T [K] | j [A/m²] | V* [m/s] | α\\|V*\\| = βu [m/s] | u(P=1) [m/s] | "
        f"β_min = α\\|V*\\|/u(P=1) | β_eff at measured P | J_sd [meV] for β_eff = {matched} |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows():
        beta_P = _fmt(r["beta_P"]) + f" (P = {r['P']:g})" if "beta_P" in r else "—"
        match = ", ".join(f"{v / eV * 1e3:.2g}" for v in r["J_sd_match"]) if "J_sd_match" in r else "—"
        lines.append(f"| {r['material']} | {r['T']:g} | {r['j']:.0e} | {_fmt(r['V_star'])} | "
                     f"{_fmt(r['beta_u'])} | {_fmt(r['u_P1'])} | {_fmt(r['beta_min'])} | "
                     f"{beta_P} | {match} |")
    lines += ["", "Measured in permalloy (`derivation/audit/data/beta_permalloy.toml`):", "",
              "| β | texture | method | T | source | read from |", "|---|---|---|---|---|---|"]
    for b in data["beta"]:
        lines.append(f"| {b['value']:g} ± {b['uncertainty']:g} | {b['texture']} | {b['method']} | "
                     f"{b['temperature']} | {b['source']} | {b['checked']} |")
    for pol in data["polarisation"]:
        lines.append(f"| P = {pol['value']:g} ± {pol['uncertainty']:g} | (current polarisation) | "
                     f"{pol['method']} | {pol['temperature']} | {pol['source']} | {pol['checked']} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    print(text())
    return 0


def text() -> str:
    """The README section ``beta`` (``python -m opza.readme beta`` puts it there)."""
    return markdown() + "\n\n*Generated by `python -m opza.studies.beta`.*\n"


if __name__ == "__main__":
    sys.exit(main())
