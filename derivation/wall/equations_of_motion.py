"""Euler–Lagrange–Rayleigh equations for q = (X, ξ0), Eqs. (12a)-(12b) and (13a).

    d/dt (∂L/∂q̇_i) - ∂L/∂q_i = -∂W/∂q̇_i

with L = L_DW + L_sd and W of :mod:`derivation.wall.lagrangian`, then the
definition T⊥ ≡ -∂F0/∂X (13a).  An independent route through
``sympy.physics.mechanics.LagrangesMethod`` (Rayleigh forces supplied as
generalised forces) must give the same equations: :func:`mechanics_route`.
"""
from __future__ import annotations

from functools import cache

import sympy as sp
from sympy.physics import mechanics as me

from .lagrangian import F0_of_X, S_par_of_X, S_z_of_X, lagrangian, rayleigh
from ..memo import stage
from ..model import dphi0, n0, phi0, spin_accumulation
from ..symbols import S, S_par, S_z, T_perp, X, a, dSpar_dX, dSz_dX, t, x, xi0

__all__ = ["coordinates", "euler_lagrange_rayleigh", "equations_of_motion",
           "mechanics_route", "torque_from_F0", "dn0_dx", "letter_normalised"]


def coordinates() -> list[sp.Expr]:
    """q1 = X, q2 = ξ0."""
    return [X, xi0]


def euler_lagrange_rayleigh(L: sp.Expr, W: sp.Expr, q: list[sp.Expr]) -> list[sp.Expr]:
    """[d/dt ∂L/∂q̇ - ∂L/∂q + ∂W/∂q̇ for q in q], each = 0."""
    return [sp.expand(sp.diff(L, qi.diff(t)).diff(t) - sp.diff(L, qi)
                      + sp.diff(W, qi.diff(t))) for qi in q]


def _apply_definitions(expr: sp.Expr, keep_dSpar: bool) -> sp.Expr:
    # (13a): ∂F0/∂X = -T⊥;  step drop-dSpar-dX: ∂S∥/∂X = ∂S_z/∂X = 0
    expr = expr.subs(sp.Derivative(F0_of_X, X), -T_perp)
    expr = expr.subs({sp.Derivative(S_par_of_X, X): dSpar_dX if keep_dSpar else 0,
                      sp.Derivative(S_z_of_X, X): dSz_dX if keep_dSpar else 0})
    return expr.subs({S_par_of_X: S_par, S_z_of_X: S_z})


def letter_normalised(expr: sp.Expr) -> sp.Expr:
    """Multiply by a³/S, the normalisation in which the letter prints (12a-b)."""
    return sp.expand(expr * a**3 / S)


@stage
def equations_of_motion(keep_sz: bool = False, keep_dSpar: bool = False) -> tuple[sp.Eq, sp.Eq]:
    """(12a), (12b) as Eq(lhs, rhs) in the letter's normalisation.

    The left side collects the terms without α, the right side the Rayleigh
    terms, as printed.  Steps: small-amplitude, drop-sz (unless ``keep_sz``),
    drop-dSpar-dX (unless ``keep_dSpar``).
    """
    from ..symbols import alpha
    L = lagrangian(2, keep_sz)
    residuals = euler_lagrange_rayleigh(L, rayleigh(2), coordinates())
    out = []
    for r in residuals:
        r = letter_normalised(_apply_definitions(r, keep_dSpar))
        damping = sp.Add(*[term for term in sp.Add.make_args(r) if term.has(alpha)])
        out.append(sp.Eq(r - damping, -damping))
    return tuple(out)


@stage
def mechanics_route(keep_sz: bool = False) -> list[sp.Expr]:
    """The same equations by ``LagrangesMethod``, Rayleigh forces as generalised forces.

    Two points move along N.x and N.y with velocities Ẋ and ξ̇0; the forces
    -∂W/∂Ẋ N.x and -∂W/∂ξ̇0 N.y on them are the generalised Rayleigh forces.
    Returns the residuals (each = 0) in the letter's normalisation.
    """
    frame = me.ReferenceFrame("N")
    origin = me.Point("O")
    origin.set_vel(frame, 0)
    p_X, p_xi = origin.locatenew("P_X", X * frame.x), origin.locatenew("P_xi", xi0 * frame.y)
    p_X.set_vel(frame, X.diff(t) * frame.x)
    p_xi.set_vel(frame, xi0.diff(t) * frame.y)
    W = rayleigh(2)
    forces = [(p_X, -sp.diff(W, X.diff(t)) * frame.x),
              (p_xi, -sp.diff(W, xi0.diff(t)) * frame.y)]
    method = me.LagrangesMethod(lagrangian(2, keep_sz), coordinates(), forcelist=forces,
                                frame=frame)
    eoms = method.form_lagranges_equations()
    return [letter_normalised(_apply_definitions(e, False)) for e in eoms]


def _ez_cross_n0(arg: sp.Expr) -> sp.Matrix:
    return dphi0(arg) * sp.Matrix([0, 0, 1]).cross(n0(arg))


@cache
def dn0_dx() -> dict[str, sp.Expr]:
    """The relation the letter uses for (13a): ∂n0[x - X] = -∂xϕ0 e_z × n0[x - X].

    Returns ∂_x n0(x - X) and ∂_X n0(x - X) each plus ∂xϕ0 e_z × n0, reduced to
    rational functions of the exponentials (``expand_trig``, ``cancel``): the one that
    vanishes is the derivative for which the printed sign holds.
    """
    arg = x - X
    return {d: (n0(arg).diff(v) + _ez_cross_n0(arg)).applyfunc(
                lambda z: sp.cancel(sp.expand_trig(z)))
            for d, v in (("d/dx", x), ("d/dX", X))}


@cache
def torque_from_F0() -> dict[str, sp.Expr]:
    """-∂F0/∂X as an x-integrand, beside the letter's (13a) integrand.

    F0(X) = ∫dx n0(x - X)·⟨s(x)⟩ (Eq. 10), so -∂F0/∂X = ∫dx [-∂_X n0(x - X)]·⟨s(x)⟩.
    The letter's integrand is ∂xϕ0(x - X) ⟨s̄_y(x)⟩ with
    ⟨s̄_y⟩ = -⟨s_x⟩ sin ϕ0 + ⟨s_y⟩ cos ϕ0 (text below 13b).
    """
    s = spin_accumulation()
    arg = x - X
    s_bar_y = -s[0] * sp.sin(phi0(arg)) + s[1] * sp.cos(phi0(arg))
    return {"derived": -n0(arg).diff(X).dot(s), "letter": dphi0(arg) * s_bar_y}


@cache
def verdicts() -> list:
    """Eqs. (12a)-(13b): the equations of motion, T⊥ and S∥ as integrals over ⟨s⟩."""
    import sympy as sp

    from . import equations_of_motion as eom
    from ..electrons import gauge
    from . import lagrangian as lag
    from ..audit.notes import show
    from ..audit.letter import local_spin_functions, printed
    from ..model import concrete, phi0, spin_accumulation
    from ..symbols import X, x
    from ..audit.verdicts import Verdict, compare, compare_integrands, cross_check, judge
    out = []
    # (12a)-(12b) equations of motion, cross-checked by LagrangesMethod
    eqs, mech = eom.equations_of_motion(), eom.mechanics_route()
    cross = [sp.simplify(m - (e.lhs - e.rhs)) == 0 for m, e in zip(mech, eqs)]
    cross_check(all(cross), "(12a)-(12b): LagrangesMethod and Euler-Lagrange-Rayleigh differ")
    kept = eom.equations_of_motion(keep_sz=True, keep_dSpar=True)
    for label, e, same, full in zip(("12a", "12b"), eqs, cross, kept):
        extra_terms = sp.simplify((full.lhs - full.rhs) - (e.lhs - e.rhs))
        out.append(compare(label, "EOM X" if label == "12a" else "EOM xi0", e, mode="equation",
                            note=("LagrangesMethod gives the same equation (a check of the "
                                  "Euler-Lagrange-Rayleigh algebra only: both routes share L and W); "
                                  f"keeping ⟨s_z⟩ and ∂S∥/∂X adds {show(extra_terms)} to the left"),
                            steps=("small-amplitude", "drop-sz", "drop-dSpar-dX"),
                            mechanics_agrees=same))
    # (13a)-(13b) the torque and the spin accumulation as integrals over ⟨s⟩
    s_bar = gauge.spin_frame().T * spin_accumulation()
    frame = {f: v.subs({gauge.phi: phi0(x - X)}) for f, v in
             zip(local_spin_functions(), s_bar[:2])}
    torque_integrands = eom.torque_from_F0()
    out.append(compare_integrands(
        "13a", "T_perp", torque_integrands["derived"],
        printed("13a", "T_perp").expr.function.subs(frame),
        "-∂F0/∂X = ∫dx [-∂_X n0(x - X)]·⟨s⟩; ⟨s̄⟩ from the derived c̄ frame"))
    # -s_x sin ϕ0 + s_y cos ϕ0 on ϕ0 = 2 atan e^{(x-X)/λ}: rational in the exponentials once
    # expand_trig'ed; cancel, exponentials merged (simplify's form, at an eighth of its cost)
    s_bar_y = sp.powsimp(sp.cancel(sp.expand(sp.expand_trig(s_bar[1].subs(gauge.phi, phi0(x - X))))))
    s_bar_y = s_bar_y.replace(sp.exp, lambda arg: sp.exp(sp.expand(arg)))
    out.append(compare("13a", "s_bar_y", s_bar_y,
                        note="row y of Rᵀ, s = R s̄, for the aligning Û (Eq. 2)"))
    signs = eom.dn0_dx()
    sign = 1 if signs["d/dx"] != sp.zeros(3, 1) and signs["d/dX"] == sp.zeros(3, 1) else -1
    relation = sp.Eq(sp.Symbol(r"\partial_x \mathbf{n}_0[x - X]"),
                     sign * sp.Symbol(r"\partial_x\phi_0\, \mathbf{e}_z \times \mathbf{n}_0[x - X]"))
    out.append(Verdict("13a", "dn0/dx", judge(sp.Integer(sign), printed("13a", "dn0/dx").expr)[0],
                       relation, printed("13a", "dn0/dx").expr, printed("13a", "dn0/dx").latex,
                       "derived/printed = -1: ∂_x n0(x - X) = +∂xϕ0 e_z × n0; the printed sign holds "
                       "for ∂_X n0(x - X) = -∂_x n0, which is what (13a) uses, so (13a) is unaffected"
                       if signs["d/dX"] == sp.zeros(3, 1) else "", ()))
    out.append(compare_integrands(
        "13b", "S_par", concrete(lag.functionals()[lag.S_par_of_X]).subs(x, x - X),
        printed("13b", "S_par").expr.function.subs(frame),
        "the ξ0² coefficient of n·⟨s⟩; n0·⟨s⟩ = ⟨s̄_x⟩ in the derived frame"))
    return out
