"""The kernel table: every kernel of ``numeric/`` from its derived expression, one builder each.

A :class:`Kernel` names the function and the letter's equation and printed entry, its
arguments (symbols of the table, in the bare kernel's order), its outputs (label, derived
expression, unit), the stable rewrites applied to them (:mod:`.rewrites`) and the parts it
computes first.  Nothing here is typed: every expression comes from a stage of the
derivation.  :func:`kernels` is the table in the order of :data:`BUILDERS`; a new kernel is
one function decorated with :func:`builder` that returns its :class:`Kernel`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp
from sympy.physics import units as u

from ... import symbols as sy
from ...audit.letter import DEFINITIONS, entry
from ...driven import master_formula, s_z as s_z_of_model
from ...electrons.boltzmann import with_fermi
from ...electrons.torque import torque_in_currents
from ...estimate import CODATA
from ...model import Phi0, phi0
from ...wall import solutions as sol
from .rewrites import stable

__all__ = ["Kernel", "kernels", "builder", "BUILDERS", "ARGUMENT_NAMES", "CONSTANT_NAMES",
           "PART_NAMES", "PART_LATEX", "K", "domain", "constants"]

# the Python argument names of the public API, one per symbol of the table
ARGUMENT_NAMES: dict[sp.Basic, str] = {
    sy.alpha: "alpha", sy.a: "a", sy.kappa: "kappa", sy.J: "J", sy.S: "S", sy.J_sd: "J_sd",
    sy.S_par: "S_par", sy.T_perp: "T_perp", sy.lam: "lam", sy.j: "j", sy.j0: "j0", sy.T: "T",
    sy.mu: "mu", sy.eps0: "eps0", sy.n_e: "n", sy.m_eff: "m_eff", sy.t: "t", sy.x: "x",
    sy.S_z: "S_z",
}
# constants substituted by value; the NumPy module names them
CONSTANT_NAMES = {sy.hbar: "HBAR", sy.k_B: "K_B", sy.e: "E_CHARGE"}

# intermediate results a kernel computes first (printed under these names)
K, TAU, XI_STAR, V_STAR, V_Z = sp.symbols("K tau_DW xi0_star V_star V_z", real=True)
ROOT_A_LAM = sp.Symbol("root_a_lam", positive=True)  # √(aλ)
XI_T, X_T = sp.Symbol("xi_t"), sp.Symbol("X_t")      # ξ0(t), X(t) inside n_z
PART_NAMES = {K: "_stiffness", TAU: "_tau", XI_STAR: "_xi0_star", V_STAR: "_v_star", V_Z: "_v_z",
              ROOT_A_LAM: "_root_a_lam", XI_T: "_xi", X_T: "_X"}
# the same in the docstrings' LaTeX (the letter's names)
PART_LATEX = {K: "K", TAU: r"\tau_{DW}", XI_STAR: r"\xi_{0}^{*}", V_STAR: r"V^{*}", V_Z: "V_{z}",
              ROOT_A_LAM: r"\sqrt{a\lambda}", XI_T: r"\xi_{0}(t)", X_T: "X(t)"}


@dataclass(frozen=True)
class Kernel:
    name: str
    eq: str
    entry: object          # the printed entry (letter.entry: matched by its left-hand side symbol);
                           # None: a definition of the letter next to Eq. ``eq``, or ``letter`` says
    args: tuple            # symbols, in the order of the bare kernel's arguments
    outputs: tuple         # (label, SymPy expression, symbol of the table or SI unit)
    rewrites: tuple        # names of the stable rewrites applied
    summary: str
    parts: tuple = ()      # (symbol, expression, rewrites): computed first, in order
    defaults: tuple = ()   # (symbol, value): keyword defaults of the public function
    public: bool = True    # False: a helper of the checked layer only
    letter: str = ""       # what the letter has of it, where it prints neither the result nor a definition


def domain(symbol) -> str:
    """An argument's domain, from the symbol table's assumptions (t: from rest at t = 0)."""
    if symbol == sy.t:
        return "nonnegative"
    return "positive" if symbol.is_positive else "real"


def constants() -> dict:
    """The constants' exact SI values (CODATA), put into the kernels by value."""
    return CODATA


BUILDERS: list = []  # one function per kernel, in the order of the generated modules


def builder(build):
    """Register ``build`` (no arguments, returns a :class:`Kernel`) as the next kernel."""
    BUILDERS.append(build)
    return build


@cache
def kernels() -> tuple[Kernel, ...]:
    """The kernels of the public API, each from its derived expression."""
    return tuple(build() for build in BUILDERS)


# -- shared by the kernels of the collective coordinates -------------------------------------

_COLL = (sy.alpha, sy.a, sy.lam, sy.kappa, sy.J, sy.S, sy.J_sd, sy.S_par)
# with the ⟨s_z⟩ term Eq. (10) drops: S_z = 0 (the default) is the letter
_WALL = _COLL + (sy.S_z,)
_NO_SZ = ((sy.S_par, 0.0), (sy.S_z, 0.0))


@cache
def _steps() -> tuple:
    """The relaxation in steps, as derived: stiffness K → τ_DW, ξ0*, V*, V_z (in K)."""
    in_K = sol._in_K(keep_sz=True)
    # ξ0* over one denominator, and √(aλ) once for ξ0* and V_z (one division and one
    # square root a point less: the relaxation loop is scalar, bound by them)
    root = sp.sqrt(sy.a) * sp.sqrt(sy.lam)
    steps = ((K, sol.stiffness(), ()), (TAU, in_K["tau"].subs(sol.K, K), ()),
             (ROOT_A_LAM, root, ()),
             (XI_STAR, sp.together(sp.expand(in_K["xi0*"].subs(sol.K, K))).subs(root, ROOT_A_LAM), ()),
             (V_STAR, in_K["V*"].subs(sol.K, K), ()),
             (V_Z, sol.sz_velocity(in_K=True).subs(sol.K, K).subs(sp.sqrt(sy.lam),
                                                                 ROOT_A_LAM / sp.sqrt(sy.a)), ()))
    if any(expr.has(sy.lam) for name, expr, _ in steps if name in (XI_STAR, V_Z)):
        raise ArithmeticError("√(aλ) not shared by ξ0* and V_z")
    return steps


def _part(symbol) -> sp.Expr:
    return next(expr for name, expr, _ in _steps() if name == symbol)


@cache
def _shape() -> dict:
    """ξ0(t), V(t), X(t) in the parts' symbols: Eq. (14)'s shape, with the ⟨s_z⟩ term."""
    shape = {name: expr.subs({sy.xi0_star: XI_STAR, sy.V_star: V_STAR, sy.V_z: V_Z,
                              sy.tau_dw: TAU})
             for name, expr in sol.relaxation_in_letter_symbols(keep_sz=True).items()}
    # X(t)'s ⟨s_z⟩ part V_z τ_DW(1 - e^{-t/τ}) on its own, in expm1 (no cancellation against V*t):
    # the letter's X plus that part (shape["X"] - x_z kept V_z(τ - τe^{-t/τ}) beside the expanded
    # -V_zτ + V_zτe^{-t/τ}, a zero the stable rewrite cancelled but the docstring showed)
    letter_x = sol.relaxation_in_letter_symbols()["X"].subs({sy.V_star: V_STAR, sy.tau_dw: TAU})
    x_z = sp.expand(shape["X"] - letter_x)
    shape["X"] = letter_x + stable(x_z, ("expm1",))  # its expm1 shared with the rest
    # V(t)'s ⟨s_z⟩ part V_z e^{-t/τ} likewise on its own: V_z(1 + expm1), not spread over V*'s terms
    v_z = sp.expand(shape["V"] - sol.relaxation_in_letter_symbols()["V"].subs(
        {sy.V_star: V_STAR, sy.tau_dw: TAU}))
    shape["V"] = stable(shape["V"] - v_z, ("expm1",)) + stable(v_z, ("expm1",))
    return shape


# -- the kernels, in the order of the generated modules ---------------------------------------

@builder
def tau_dw() -> Kernel:
    return Kernel("tau_dw", "16", entry("16", sy.tau_dw),
                  (sy.alpha, sy.a, sy.kappa, sy.J, sy.S, sy.J_sd, sy.S_par),
                  (("tau_dw", _part(TAU), sy.tau_dw),), (),
                  "Gilbert relaxation time τ_DW, exact form of Eq. (16).", _steps()[:1],
                  defaults=((sy.J_sd, 0.0), (sy.S_par, 0.0)))


@builder
def xi0_star() -> Kernel:
    steps = _steps()
    return Kernel("xi0_star", "15", entry("15", sy.xi0_star), (sy.T_perp,) + _WALL,
                  (("xi0_star", _part(XI_STAR), sy.xi0_star),), (),
                  "Terminal OPZ coordinate ξ0*, exact form of Eq. (15); S_z ≠ 0 adds the ⟨s_z⟩ "
                  "term that Eq. (10) drops.", (steps[0], steps[2]), defaults=_NO_SZ)


@builder
def v_star_from_torque() -> Kernel:
    return Kernel("v_star_from_torque", "15", entry("15", sy.V_star),
                  (sy.T_perp, sy.alpha, sy.lam, sy.J_sd),
                  (("v_star", sol.terminal()["V"], sy.V_star),), (),
                  "Terminal velocity V* = -λJ_sdT⊥/(2αħ) (below Eq. 15).")


@builder
def torque_perp() -> Kernel:
    return Kernel("torque_perp", "20", entry("20", sy.T_perp),
                  (sy.j, sy.j0, sy.T, sy.mu, sy.eps0, sy.J_sd, sy.S),
                  (("torque_perp", torque_in_currents(), sy.T_perp),), ("cosh",),
                  "Non-adiabatic torque T⊥ (dimensionless, per-site convention), Eq. (20) as derived.",
                  defaults=((sy.S, 1.0),))


@builder
def v_star() -> Kernel:
    return Kernel("v_star", "21", entry("21", sy.V_star),
                  (sy.j, sy.j0, sy.T, sy.mu, sy.eps0, sy.alpha, sy.lam, sy.J_sd, sy.S),
                  (("v_star", master_formula(), sy.V_star),), ("cosh",),
                  "Terminal velocity from the current, the master formula Eq. (21) as derived.",
                  defaults=((sy.S, 1.0),))


@builder
def relaxation() -> Kernel:
    shape = _shape()
    return Kernel("relaxation", "14", entry("14", sy.V), (sy.t, sy.T_perp) + _WALL,
                  (("xi0", shape["xi0"], sy.xi0), ("V", shape["V"], sy.V), ("X", shape["X"], sy.X)),
                  ("expm1", "remainder"),
                  "ξ0(t), V(t), X(t) from rest at t = 0: the exact solution of Eqs. (12a)-(12b); "
                  "S_z ≠ 0 keeps the ⟨s_z⟩ term Eq. (10) drops (V_z: its part of V(0⁺)).",
                  _steps(), defaults=_NO_SZ)


@builder
def nz_profile() -> Kernel:
    shape = _shape()
    zero_mode = sp.simplify(Phi0())  # the sech form: stable under the cosh rewrite
    nz = sp.cos(sp.pi / 2 + XI_T * zero_mode.subs(sy.x, sy.x - X_T))
    return Kernel("nz_profile", "17", entry("17", sy.n_z), (sy.x, sy.t, sy.T_perp) + _WALL,
                  (("nz", nz, sp.S.One),), ("cosh",),
                  "cos θ(x, t) on the ansatz (8) with ξ0(t), X(t) of the relaxation; "
                  "Eq. (17) is its linear, terminal limit.",
                  _steps() + ((XI_T, shape["xi0"], ("expm1",)), (X_T, shape["X"], ("remainder",))),
                  defaults=_NO_SZ)


@builder
def wall_angle() -> Kernel:
    return Kernel("wall_angle", "2", None, (sy.x, sy.lam),
                  (("phi0", phi0(), sp.S.One),), (),
                  "The static wall's in-plane angle ϕ0(x) = 2 arctan e^{x/λ} (text above Eq. 2); "
                  "the ansatz (8) puts the wall at x - X(t).")


@builder
def stiffness() -> Kernel:
    return Kernel("stiffness", "12b", entry("12b"), (sy.a, sy.kappa, sy.J, sy.S, sy.J_sd, sy.S_par),
                  (("stiffness", sol.stiffness(), u.joule * u.meter),), (),
                  "The OPZ stiffness a³JS/κ² + J_sd S∥ of Eq. (12b); the wall relaxes only if > 0.",
                  public=False)


@builder
def s_z() -> Kernel:
    # S_z = ∫dx Φ0⟨s_z⟩ of the letter's electron model (⟨s_z⟩ uniform, from the zone edges)
    return Kernel("s_z", "10", None, (sy.j, sy.j0, sy.T, sy.mu, sy.eps0, sy.a, sy.lam),
                  (("s_z", with_fermi(s_z_of_model()), sy.S_z),), (),
                  "S_z = ∫dx Φ0⟨s_z⟩ in the letter's electron model at O(j): the coupling of the "
                  "term Eq. (10) drops (⟨s_z⟩ per site, nonzero only from the band's cut at ±π/a).",
                  letter="not printed: the term -(J_sd S/a³)ξ0 S_z that Eq. (10) drops; its verdict: "
                         "opza derive --only 10.")


@builder
def j0() -> Kernel:
    return Kernel("j0", "20", None, (sy.n_e, sy.a, sy.m_eff),
                  (("j0", DEFINITIONS[sy.j0], sy.j0),), (),
                  "The letter's current scale j0 = 4neħ/(πam*) (below Eq. 20), its definition.")


@builder
def eps0() -> Kernel:
    return Kernel("eps0", "20", None, (sy.a, sy.m_eff),
                  (("eps0", DEFINITIONS[sy.eps0], sy.eps0),), (),
                  "The letter's ε0 = ħ²π²/(8m*a²), the band energy at half filling, its definition.")


@builder
def displacement() -> Kernel:
    return Kernel("displacement", "14", entry("14", sy.Delta_X), (sy.T_perp,) + _WALL,
                  (("displacement", sol._in_K(keep_sz=True)["dX"].subs(sol.K, K), sy.Delta_X),), (),
                  "The displacement ΔX = lim(X - V*t) the wall keeps from the transient of Eq. (14), "
                  "exact solution of Eqs. (12a)-(12b); S_z ≠ 0 adds the ⟨s_z⟩ term Eq. (10) drops.",
                  _steps()[:1], defaults=_NO_SZ)


@builder
def psi_star() -> Kernel:
    steps = _steps()
    return Kernel("psi_star", "15", entry("15", sy.psi_star), (sy.T_perp,) + _WALL,
                  (("psi_star", sp.Abs(XI_STAR) * sp.simplify(Phi0(0)), sy.psi_star),), (),
                  "The terminal tilt ψ* = |ξ0*|Φ0(0) of the wall centre, the largest |ξ0Φ0|: Eq. (15)'s "
                  "ξ0* (exact form) times Eq. (6)'s Φ0(0); S_z ≠ 0 adds the ⟨s_z⟩ term Eq. (10) drops.",
                  (steps[0], steps[2], steps[3]), defaults=_NO_SZ)
