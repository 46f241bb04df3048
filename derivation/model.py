"""The model as densities in x: the wall profile, the ansatz, the four densities, ∫dx over the wall.

Eq. (1) energy, the Berry-phase term of L_DW, the s-d coupling (3) seen from the
local spin, and the Rayleigh density of Eq. (11) — all exact in ξ0, all
functions of x, X(t), ξ0(t).  :func:`integrate_line` integrates a density over the
wire (the collective coordinates' integrals are :mod:`derivation.wall.lagrangian`'s; the
electrons' weights π and a of Eqs. (13a)-(13b), :mod:`derivation.electrons.torque`'s).

The densities are built on *abstract* profile functions ϕ0(·), Φ0(·) (``PHI``,
``ZERO_MODE``), which keeps expansion in ξ0 cheap; :func:`concrete` puts in
ϕ0 = 2 arctan e^{x/λ} and Φ0 = sqrt(aλ/2) ∂xϕ0 (Eq. 6).
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from .symbols import E_, J, S, X, a, alpha, hbar, lam, t, x, xi0

__all__ = [
    "PHI", "ZERO_MODE", "concrete",
    "phi0", "dphi0", "Phi0", "ansatz", "unit_vector", "n0",
    "energy_density", "berry_density", "rayleigh_density", "sd_density",
    "spin_accumulation", "integrate_line",
]


def phi0(arg: sp.Expr = x) -> sp.Expr:
    """Néel-wall profile ϕ0 = 2 arctan e^{x/λ} (text above Eq. 2)."""
    return 2 * sp.atan(sp.exp(arg / lam))


def dphi0(arg: sp.Expr = x) -> sp.Expr:
    """∂xϕ0 evaluated at ``arg``."""
    return sp.diff(phi0(x), x).subs(x, arg)


def Phi0(arg: sp.Expr = x) -> sp.Expr:
    """Zero-mode wave function Φ0 = sqrt(aλ/2) ∂xϕ0 (Eq. 6), dimensionless."""
    return sp.sqrt(a * lam / 2) * dphi0(arg)


PHI = sp.Function("phi_0", real=True)        # ϕ0(·), abstract
ZERO_MODE = sp.Function("Phi_0", real=True)  # Φ0(·), abstract


@cache
def concrete(expr: sp.Expr) -> sp.Expr:
    """Replace the abstract ϕ0, Φ0 by the wall profile and the zero mode (Eq. 6)."""
    u = sp.Dummy("u", real=True)
    return expr.subs({PHI: sp.Lambda(u, phi0(u)), ZERO_MODE: sp.Lambda(u, Phi0(u))}).doit()


def ansatz(abstract: bool = False) -> tuple[sp.Expr, sp.Expr]:
    """(ϕ, θ) of Eqs. (7)-(8): ϕ0(x - X(t)), π/2 + ξ0(t) Φ0(x - X(t))."""
    if abstract:
        return PHI(x - X), sp.pi / 2 + xi0 * ZERO_MODE(x - X)
    return phi0(x - X), sp.pi / 2 + xi0 * Phi0(x - X)


def unit_vector(theta: sp.Expr, phi: sp.Expr) -> sp.Matrix:
    """n = (sin θ cos ϕ, sin θ sin ϕ, cos θ)."""
    return sp.Matrix([sp.sin(theta) * sp.cos(phi), sp.sin(theta) * sp.sin(phi), sp.cos(theta)])


def n0(arg: sp.Expr = x, abstract: bool = False) -> sp.Matrix:
    """Stationary wall n0 = (cos ϕ0, sin ϕ0, 0)."""
    return unit_vector(sp.pi / 2, PHI(arg) if abstract else phi0(arg))


@cache
def energy_density() -> sp.Expr:
    """Integrand of H_DW, Eq. (1), on the ansatz (abstract profiles); J/m² per unit length.

    Notes
    -----
    (JS²/2a)[(∂x n)² - λ⁻² n_x² + κ⁻² n_z²] + JS²/(2aλ²): the last term is the
    step ``uniform-energy``: it makes the integral finite and shifts H_DW by an
    X- and ξ0-independent constant.
    """
    from .symbols import kappa
    phi, theta = ansatz(abstract=True)
    n = unit_vector(theta, phi)
    gradient = sum(c.diff(x) ** 2 for c in n)
    density = J * S**2 / (2 * a) * (gradient - n[0] ** 2 / lam**2 + n[2] ** 2 / kappa**2)
    return density + J * S**2 / (2 * a * lam**2)


@cache
def berry_density() -> sp.Expr:
    """Berry-phase density (ħS/a³)(cos θ - 1) ∂tϕ, the kinetic part of L_DW (above Eq. 9)."""
    phi, theta = ansatz(abstract=True)
    return hbar * S / a**3 * (sp.cos(theta) - 1) * phi.diff(t)


@cache
def rayleigh_density() -> sp.Expr:
    """Rayleigh density (α/2)(ħS/a³) ṅ² (above Eq. 11)."""
    phi, theta = ansatz(abstract=True)
    n = unit_vector(theta, phi)
    return alpha / 2 * hbar * S / a**3 * sum(c.diff(t) ** 2 for c in n)


def spin_accumulation() -> sp.Matrix:
    """⟨s(x)⟩ = (s_x, s_y, s_z)(x): the itinerant spin per site, left unknown here."""
    return sp.Matrix([sp.Function(f"s_{c}", real=True)(x) for c in "xyz"])


@cache
def sd_density() -> sp.Expr:
    """s-d density seen by the local spin, L_sd = -H_sd: (J_sd S/a³) n·⟨s⟩ (Eq. 3)."""
    from .symbols import J_sd
    phi, theta = ansatz(abstract=True)
    n = unit_vector(theta, phi)
    return J_sd * S / a**3 * n.dot(spin_accumulation())


@cache
def integrate_line(density: sp.Expr) -> sp.Expr:
    """∫_{-∞}^{∞} dx of a wall density, by the substitution E = e^{x/λ}.

    The density must depend on x only through ϕ0(x) and its derivatives; it
    is then rational in E, and dx = λ dE/E.  Term by term (else partial fractions): each
    is a constant times one of a few shapes E^m/(E² + 1)^n, which SymPy integrates
    over E ∈ (0, ∞) once per shape.
    """
    integrand = sp.expand_trig(density.subs(x, lam * sp.log(E_)) * lam / E_)
    rational = sp.factor(integrand)  # usually rational in E already; else powers merged first
    if rational.has(sp.exp, sp.log, sp.atan) or not rational.is_rational_function(E_):
        rational = sp.factor(sp.together(sp.powsimp(integrand, force=True)))
    integrand = rational
    if integrand.has(sp.exp, sp.log, sp.atan) or not integrand.is_rational_function(E_):
        raise ValueError(f"density is not rational in e^(x/lambda): {integrand}")
    # the factor free of E first: apart then works over fewer symbols (the same fractions)
    outside, rational = integrand.as_independent(E_, as_Add=False)
    # the numerator's monomials over the common denominator, E^m/(E² + 1)^n, when each
    # converges on its own (0.28 → 0.15 s over the chain's densities); else partial fractions
    numerator, denominator = rational.as_numer_denom()
    total = _term_by_term(sp.Add.make_args(sp.expand(numerator)), denominator)
    if total is None:
        total = _term_by_term(sp.Add.make_args(sp.apart(rational, E_)), sp.S.One)
    return sp.factor(outside * total)

def _term_by_term(terms, denominator: sp.Expr) -> sp.Expr | None:
    # Σ ∫_0^∞ dE term/denominator, each a constant times a cached shape; None if one diverges
    total = sp.S.Zero
    for term in terms:
        constant, shape = (term / denominator).as_independent(E_, as_Add=False)
        value = _half_line(shape)
        if not value.is_finite:
            return None
        total += constant * value
    return total

@cache
def _half_line(shape: sp.Expr) -> sp.Expr:
    # ∫_0^∞ dE of one partial fraction E^m/(E² + 1)^n
    return sp.integrate(shape, (E_, 0, sp.oo))
