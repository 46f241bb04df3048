"""The letter's numeric estimate, "V* ≃ -100 (J_sd/k_BT)² m/s", from the derived Eq. (21).

The letter gives j0 ≃ 10¹⁶ A/m², λ = 10⁻⁸ m, α = 10⁻², j ≃ 10¹¹ A/m².  Writing
J_sd = r k_BT, the derived V* is r² times a prefactor that still depends on T,
µ and S; the letter states none of them.  Assumptions made here, each named:
half filling µ = ε0 (the sech² is 1, its maximum), S = 1 (Eq. 19 as printed
has no S), and room temperature T = 300 K.  ħ and k_B are the CODATA (exact SI)
values of ``sympy.physics.units``.
"""
from __future__ import annotations

from functools import cache

import sympy as sp
from sympy.physics import units as u

from .audit.letter import ESTIMATE
from .symbols import J_sd, S, T, alpha, e, eps0, hbar, j, j0, k_B, lam, mu
from .driven import master_formula

__all__ = ["CODATA", "ASSUMPTIONS", "prefactor", "estimate"]

def _si_value(quantity, unit) -> sp.Expr:
    """The exact SI value: the defining decimal as a Rational (π kept symbolic)."""
    value = sp.simplify(u.convert_to(quantity, unit) / unit)
    if value.free_symbols or value.atoms(u.Quantity):
        raise ValueError(f"{quantity} is not a number of {unit}: {value}")
    return value.replace(lambda z: z.is_Float, lambda z: sp.Rational(str(z)))


CODATA = {hbar: _si_value(u.hbar, u.joule * u.second),
          k_B: _si_value(u.boltzmann_constant, u.joule / u.kelvin),
          e: _si_value(u.elementary_charge, u.coulomb)}
ASSUMPTIONS = {mu: eps0, S: sp.Integer(1), T: sp.Integer(300)}


@cache
def prefactor() -> sp.Expr:
    """V* / (J_sd/k_BT)² from Eq. (21) as derived, with the letter's numbers; a function of T."""
    ratio = sp.Symbol("r", positive=True)  # J_sd/(k_B T)
    v = master_formula().subs(J_sd, ratio * k_B * T) / ratio**2
    values = {lam: ESTIMATE["lam"], alpha: ESTIMATE["alpha"], j: ESTIMATE["j"],
              j0: ESTIMATE["j0"], mu: eps0, S: ASSUMPTIONS[S], **CODATA}
    return sp.N(sp.simplify(v.subs(values)), 30)


@cache
def estimate() -> dict[str, sp.Expr]:
    """Prefactor per kelvin, at 300 K, its ratio to the printed -100, and the T that gives -100."""
    pref = prefactor()
    per_kelvin = sp.simplify(pref / T)
    at_room = pref.subs(T, ASSUMPTIONS[T])
    needed_T = sp.solve(sp.Eq(pref, ESTIMATE["prefactor"]), T)
    return {"per_kelvin": per_kelvin, "at_300K": at_room,
            "ratio_to_printed": at_room / ESTIMATE["prefactor"],
            "T_for_printed": needed_T[0] if len(needed_T) == 1 else sp.nan}


@cache
def verdicts() -> list:
    """The letter's estimate against the derived (21) at its numbers."""
    from .audit.letter import printed
    from .symbols import T, k_B
    from .audit.verdicts import Verdict, judge
    values = estimate()
    p = printed("estimate", "V*")
    per_kelvin = sp.N(values["per_kelvin"], 6)
    at_room = sp.N(values["at_300K"], 6)
    ratio = sp.N(values["ratio_to_printed"], 4)
    status, _ = judge(values["at_300K"], p.expr.subs(J_sd, k_B * T))
    return [Verdict("estimate", "V*", status, at_room * (J_sd / (k_B * T))**2, p.expr, p.latex,
                    (f"derived/printed = {ratio} at T = 300 K: V* = {per_kelvin}·(T/K)·"
                     "(J_sd/k_BT)² m/s with µ = ε0 (half filling, sech² = 1), S = 1, CODATA ħ, k_B, "
                     f"and the letter's j/j0 = 1e-5, λ = 1e-8 m, α = 1e-2; the printed -100 needs "
                     f"T ≈ {sp.N(values['T_for_printed'], 4)} K (or S·T ≈ that). The order of "
                     "magnitude holds"),
                    ("constant-torque", "gauge-uniform", "boltzmann-linear", "born",
                     "uniform-accumulation", "sokhotski-plemelj"), "estimate",
                    {"per_kelvin": float(per_kelvin), "at_300K": float(at_room),
                     "T_for_printed": float(values["T_for_printed"]),
                     "unit": "m/s"})]  # the number is V* in m/s: shown after the expression
