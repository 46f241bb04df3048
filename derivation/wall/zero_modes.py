"""Zero modes and spin waves of the wall, Eqs. (5)-(6), by applying the operators.

The θ and ϕ fluctuation operators of Eq. (5),

    H_ϕ = (JS²/2)(-∂x² - 2λ⁻² sin²ϕ0 + λ⁻²),   H_θ = H_ϕ + (JS²/2) κ⁻²,

are applied to Φ0 and to the continuum trial states (tanh(x/λ) - iqλ) e^{iqx};
the ratio H f / f must come out independent of x, and is the eigenvalue.
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from ..model import Phi0, integrate_line, phi0
from ..symbols import J, S, a, kappa, lam, q, x

__all__ = ["fluctuation_operator", "eigenvalue", "zero_mode_energies",
           "spin_wave_dispersions", "zero_mode_norm"]


def fluctuation_operator(mode: str):
    """H_θ or H_ϕ of Eq. (5) as a callable f(x) -> H f."""
    if mode not in ("theta", "phi"):
        raise ValueError(f"mode must be 'theta' or 'phi', got {mode!r}")
    gap = kappa**-2 if mode == "theta" else 0

    def apply(f: sp.Expr) -> sp.Expr:
        return J * S**2 / 2 * (-f.diff(x, 2) + (-2 * sp.sin(phi0()) ** 2 / lam**2
                                                  + lam**-2 + gap) * f)
    return apply


def eigenvalue(mode: str, f: sp.Expr) -> sp.Expr:
    """H f / f, simplified; raises ValueError when f is not an eigenfunction."""
    ratio = sp.expand_trig(fluctuation_operator(mode)(f) / f)
    # x enters through e^{x/λ} (tanh rewritten in it) and the plane wave e^{iqx}: with both as
    # symbols H f/f is a rational function, which together + cancel reduce (as simplify does,
    # once factored, at a quarter of its cost); when x is left, simplify
    e_x, wave = sp.Dummy("E", positive=True), sp.Dummy("P")
    rational = ratio.rewrite(sp.tanh, sp.exp).subs({sp.exp(x / lam): e_x, sp.exp(sp.I * q * x): wave})
    cheap = sp.factor(sp.cancel(sp.together(rational)))
    ratio = cheap if not cheap.has(x, e_x, wave) else sp.simplify(ratio.rewrite(sp.exp))
    if ratio.has(x):
        raise ValueError(f"{f} is not an eigenfunction of H_{mode}: H f/f = {ratio}")
    return ratio


@cache
def zero_mode_energies() -> dict[str, sp.Expr]:
    """ε_θ0 and ε_ϕ0 from H Φ0 = ε Φ0 (text below Eq. 6)."""
    return {mode: eigenvalue(mode, Phi0()) for mode in ("theta", "phi")}


@cache
def spin_wave_dispersions() -> dict[str, sp.Expr]:
    """ε_θq, ε_ϕq from the reflectionless continuum states (text below Eq. 6)."""
    trial = (sp.tanh(x / lam) - sp.I * q * lam) * sp.exp(sp.I * q * x)
    return {mode: sp.factor(eigenvalue(mode, trial)) for mode in ("theta", "phi")}


@cache
def zero_mode_norm() -> sp.Expr:
    """a⁻¹ ∫dx Φ0² (normalisation below Eq. 6)."""
    return sp.simplify(integrate_line(Phi0() ** 2) / a)


@cache
def verdicts() -> list:
    """Eqs. (5)-(6): zero-mode and spin-wave energies, the zero mode and its norm."""
    import sympy as sp

    from . import zero_modes
    from ..model import Phi0
    from ..audit.verdicts import compare
    out = []
    # (5)-(6) zero modes, spin waves, normalisation
    energies, waves = zero_modes.zero_mode_energies(), zero_modes.spin_wave_dispersions()
    out += [
        compare("5", "eps_theta0", energies["theta"],
                 note="H_θ Φ0 / Φ0, x-independent; an energy per area (J/m²)"),
        compare("5", "eps_phi0", energies["phi"], note="H_ϕ Φ0 = 0: Φ0 is the ϕ zero mode"),
        compare("5", "eps_thetaq", waves["theta"],
                 note="on the continuum states (tanh(x/λ) - iqλ) exp(iqx)"),
        compare("5", "eps_phiq", waves["phi"],
                 note="the letter's first operator equation has u_q on the right; v_q is meant"),
        compare("6", "Phi0", sp.simplify(Phi0()), basis="identity",
                 note="√(aλ/2) ∂xϕ0 of the wall profile: the letter's definition evaluated "
                      "on ϕ0; that it is the θ zero mode is the (5) ε_θ0 record"),
        compare("6", "norm", zero_modes.zero_mode_norm(), note="∫dx by E = exp(x/λ)"),
    ]
    return out
