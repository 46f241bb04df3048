"""The wall driven by the current: the results that need both the wall and the electrons.

The wall's stages (:mod:`derivation.wall`) solve the collective coordinates for given T⊥,
S∥ and S_z; the electrons' (:mod:`derivation.electrons`) give T⊥ and ⟨s_z⟩ of the letter's
electron model for a current.  Here the two meet, above both:

* :func:`master_formula` — V* of the solution with the derived T⊥, Eq. (21);
* :func:`s_z` — S_z = ∫dx Φ0⟨s_z⟩ of the electron model, the coupling of the term Eq. (10)
  drops, and :func:`sz_consequences` — what that term changes in (14)-(15), and its size
  at the letter's numbers;
* the verdicts on (10) and (21) (:func:`sd_verdict`, :func:`master_verdict`), and the two
  stages of the chain they complete (:func:`lagrangian_verdicts`, :func:`torque_verdicts`).
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from .audit.notes import show
from .audit.verdicts import compare
from .electrons import torque as tq
from .electrons.boltzmann import with_fermi
from .model import Phi0, integrate_line
from .symbols import F0, J_sd, S, S_par, S_z, T, T_perp, alpha, eps0, k_B, mu
from .wall import lagrangian as lag, solutions as sol

__all__ = ["master_formula", "s_z", "sz_consequences", "sd_verdict", "master_verdict",
           "lagrangian_verdicts", "torque_verdicts"]


@cache
def master_formula() -> sp.Expr:
    """V* of the collective-coordinate solution with the derived T⊥ (Eq. 21)."""
    # the substituted product is already simplify's form: together only collects it
    return sp.together(sol.terminal()["V"].subs(T_perp, tq.torque_in_currents()))


@cache
def s_z() -> sp.Expr:
    """S_z = ⟨s_z⟩ ∫dx Φ0 for the uniform per-site ⟨s_z⟩ of the electron model (f0 abstract)."""
    return tq.s_z_accumulation() * integrate_line(Phi0())


@cache
def sz_consequences() -> dict[str, sp.Expr]:
    """What the ⟨s_z⟩ term that (10) drops changes in the solutions (14)-(15), and its size at
    the letter's numbers relative to the α² jump V(0⁺) = V*α²/(1+α²)."""
    kept, dropped = sol.switch_on(keep_sz=True), sol.switch_on()
    shift = {"xi0* shift": sp.factor(sol.terminal(True)["xi0"] - sol.terminal()["xi0"]),
             "V(0+) shift": sp.factor(kept["V0"] - dropped["V0"]),
             "dX shift": sp.factor(kept["dX"] - dropped["dX"])}
    ratio = sp.simplify(shift["V(0+) shift"] / dropped["V0"])
    letter = {mu: eps0, J_sd: k_B * T, S: 1}
    value = with_fermi(ratio.subs({S_z: s_z(), T_perp: tq.torque_in_currents()})).subs(letter)
    # ε0 ≫ k_BT: f0(9ε0) = 0 at the zone edge (ε0 ≈ 1 eV for a = 3 Å)
    value = sp.simplify(sp.limit(value.subs(eps0, sp.Symbol("r_eps", positive=True) * k_B * T),
                                 sp.Symbol("r_eps", positive=True), sp.oo))
    at = value.subs(alpha, sp.Rational(1, 100))
    return {**shift, "ratio to the alpha^2 jump": value, "ratio at alpha = 0.01": at,
            "fraction of V* at alpha = 0.01": at * sp.Rational(1, 10000) / (1 + sp.Rational(1, 10000))}


@cache
def sd_verdict():
    """Eq. (10): L_sd against the print, with the ⟨s_z⟩ term it drops and what that term changes."""
    Lsd, Lsd_full = lag.s_d_lagrangian(2, keep_sz=False), lag.s_d_lagrangian(2, keep_sz=True)
    sz = tq.s_z_accumulation()
    effects = sz_consequences()
    return compare(
        "10", "L_sd", Lsd_full.subs({lag.F0_of_X: F0, lag.S_par_of_X: S_par, lag.S_z_of_X: S_z}),
        note=("n ≃ n0 - e_z δθ - n0 δθ²/2, as the letter writes, gives the extra term "
              f"{show(sp.simplify(Lsd_full - Lsd).subs(lag.S_z_of_X, S_z))} with "
              "S_z ≡ ∫dx Φ0⟨s_z⟩, which (10) omits (step drop-sz). In the letter's own electron "
              f"model ⟨s_z⟩ = {show(sz)} per site at O(j), from the zone edges ±π/a "
              "(zero for a periodic band). Kept, it shifts ξ0* by "
              f"{show(effects['xi0* shift'])}, leaves V* unchanged, adds "
              f"{show(effects['V(0+) shift'])} to V(0⁺) and {show(effects['dX shift'])} "
              "to the displacement ΔX = lim(X - V*t) the wall keeps: "
              f"V(t) = {show(sol.relaxation_in_letter_symbols(keep_sz=True)['V'])}, V_z that "
              "part of V(0⁺) (numeric.relaxation(..., S_z=...), numeric.s_z). At the letter's numbers "
              "(µ = ε0, J_sd = k_BT, S = 1, ε0 ≫ k_BT) the S_z part of V(0⁺) is "
              f"{show(effects['ratio to the alpha^2 jump'])} = "
              f"{sp.N(effects['ratio at alpha = 0.01'], 4)} times the α² jump of (14) at "
              f"α = 0.01, i.e. {sp.N(effects['fraction of V* at alpha = 0.01'], 3)} of V*"),
        steps=("small-amplitude", "drop-sz"))


@cache
def master_verdict():
    """Eq. (21): the master formula against the print."""
    return compare("21", "V*", master_formula(), section="torque",
                   note="V* = -λ J_sd T⊥/(2αħ) of (15) with the derived T⊥",
                   steps=("constant-torque", "gauge-uniform", "boltzmann-linear", "born",
                          "uniform-accumulation", "sokhotski-plemelj"))


@cache
def lagrangian_verdicts() -> list:
    """The chain's stage of Eqs. (9)-(11): L_DW and W of the wall, L_sd with the electrons' ⟨s_z⟩."""
    dw, w = lag.verdicts()
    return [dw, sd_verdict(), w]


@cache
def torque_verdicts() -> list:
    """The chain's stage of Eqs. (18)-(21): the electrons' G<, T⊥, S∥, then V* of Eq. (21)."""
    return [*tq.verdicts(), master_verdict()]
