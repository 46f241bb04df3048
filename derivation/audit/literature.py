"""The field's published formulas for the standard drives, typed once, with their sources.

Beyond the letter.  :mod:`derivation.wall.walker` derives Walker's steady wall, the
Zhang–Li drift and the 1D model from the chain's own equation; this module holds the
forms the literature prints, in micromagnetic notation, and :func:`comparisons` shows that
the derived results are these forms (each difference simplifies to zero, or is the named
limit).  Nothing else in the package types them.

Micromagnetic quantities of the letter's model (each the model's own definition): the
moment -gµ_B S n per site of volume a³, so M_s = gµ_B S/a³ and m = -n; γ = gµ_B/ħ;
A = JS²/(2a), K = A/λ², K⊥ = A/κ² (Eq. 1 per unit volume); B = µ0H.

Sources (the equations as commonly quoted; the printed equation numbers were not
checked here, the papers not being at hand):

* Walker's steady wall: N. L. Schryer and L. R. Walker, J. Appl. Phys. 45, 5406 (1974):
  v = γBΔ(ψ)/α, sin 2ψ = B/B_W, Δ(ψ) = sqrt(A/(K + K⊥ sin²ψ)), B_W = αK⊥/M_s.
* The 1D model above breakdown (Δ held fixed): A. Mougin, M. Cormier, J. P. Adam,
  P. J. Metaxas and J. Ferré, EPL 78, 57007 (2007):
  v̄ = (γΔ/α)[B - sqrt(B² - B_W²)/(1 + α²)].
* Zhang–Li torque: S. Zhang and Z. Li, Phys. Rev. Lett. 93, 127204 (2004);
  A. Thiaville, Y. Nakatani, J. Miltat and Y. Suzuki, Europhys. Lett. 69, 990 (2005):
  ṁ = -γ m × B_eff + α m × ṁ - (u·∇)m + β m × (u·∇)m, u = gµ_B P j/(2eM_s);
  the steady wall moves at v = βu/α; in the 1D model (Δ fixed) a steady wall exists for
  |u| ≤ u_W = α γΔK⊥/(M_s|α - β|) (Thiaville et al. 2005; Mougin et al. 2007).
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from ..symbols import (B_x, Delta, J, P_pol, S, a, alpha, beta, e, g_factor, hbar, j,
                       kappa, lam, mu_B, u_drift)

__all__ = ["micromagnetic", "FORMULAS", "formulas"]


def micromagnetic() -> dict[str, sp.Expr]:
    """M_s [A/m], γ [1/(s T)], A [J/m], K, K⊥ [J/m³] of the letter's model."""
    A = J * S**2 / (2 * a)
    return {"M_s": g_factor * mu_B * S / a**3, "gamma": g_factor * mu_B / hbar, "A": A,
            "K": A / lam**2, "K_perp": A / kappa**2}


# name -> (source, formula builder over the micromagnetic quantities); B_x ≥ 0, magnitudes
FORMULAS = {
    "walker_field": "Schryer & Walker, J. Appl. Phys. 45, 5406 (1974): B_W = αK⊥/M_s",
    "walker_width": "Schryer & Walker (1974): Δ(ψ) = sqrt(A/(K + K⊥ sin²ψ))",
    "walker_velocity": "Schryer & Walker (1974): v = γBΔ(ψ)/α, sin 2ψ = B/B_W",
    "mean_velocity": "Mougin et al., EPL 78, 57007 (2007): v̄ = (γΔ/α)[B - √(B² - B_W²)/(1 + α²)]",
    "drift_velocity": "Thiaville et al., EPL 69, 990 (2005): v = βu/α below the threshold",
    "drift_threshold_1d": ("Thiaville et al. (2005), Mougin et al. (2007): "
                           "u_W = αγΔK⊥/(M_s|α - β|), Δ fixed"),
    "spin_drift": "Thiaville et al. (2005), Zhang & Li (2004): u = gµ_B P j/(2eM_s)",
}


@cache
def formulas() -> dict[str, sp.Expr]:
    """The published forms of :data:`FORMULAS` in the model's symbols (magnitudes, B_x ≥ 0)."""
    m = micromagnetic()
    psi = sp.Symbol("psi_0", real=True)
    width = sp.sqrt(m["A"] / (m["K"] + m["K_perp"] * sp.sin(psi) ** 2))
    B_W = alpha * m["K_perp"] / m["M_s"]
    return {
        "walker_field": B_W,
        "walker_width": width,
        "walker_velocity": m["gamma"] * B_x * width / alpha,
        "walker_tilt": B_x / B_W,   # sin 2ψ
        "mean_velocity": m["gamma"] * lam / alpha * (B_x - sp.sqrt(B_x**2 - B_W**2) / (1 + alpha**2)),
        "drift_velocity": beta * u_drift / alpha,
        "drift_threshold_1d": alpha * m["gamma"] * lam * m["K_perp"] / (m["M_s"] * sp.Abs(alpha - beta)),
        "spin_drift": g_factor * mu_B * P_pol * j / (2 * e * m["M_s"]),
        "psi": psi, "Delta": Delta,
    }
