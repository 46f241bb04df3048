"""The field's exact solutions for the letter's wall: Walker's steady wall and the Zhang–Li drift.

Beyond the letter: these are what :mod:`numeric.llg` is checked on under the standard drives,
a field B along the easy axis and the Zhang–Li spin-transfer torque.  Everything is derived
here from the continuum form of the chain's equation of motion; the published forms these
results are compared with are typed once, in :mod:`derivation.audit.literature`.

Model (per unit volume, the letter's Eq. (1) with a field, spins S n of density 1/a³)::

    e = A(∂x n)² - K n_x² + K⊥ n_z² + (gµ_B S/a³) B_x n_x,
    A = JS²/(2a), K = A/λ², K⊥ = A/κ²,

the Zeeman term being that of the moment -gµ_B S n of a spin S n (an electron's g > 0).
Equation of motion: the Landau–Lifshitz–Gilbert equation of the letter's Lagrangian and
Rayleigh function (:func:`derivation.wall.spin_chain.llg_from_lagrangian`), with the Zhang–Li
torque entering as it is defined: the time derivative of the Berry term becomes ∂t + u∂x
(adiabatic torque) and that of the Gilbert term ∂t + (β/α)u∂x (non-adiabatic torque)::

    s(ṅ + u∂x n) = n × h - αs n × (ṅ + (β/α)u ∂x n),   s = ħS/a³,   h = -δE/δn.

Note the sign of the precession, n × h: S n is a spin (the letter's Berry phase), not a
magnetisation; the magnetisation is m = -n and obeys the usual micromagnetic LLG
ṁ = -γ m × B_eff + α m × ṁ - u∂x m + β m × u∂x m with γ = gµ_B/ħ (see
:func:`numeric.llg.spirit.spirit_parameters`).

What is derived
---------------
* :func:`steady_wall`: the rigid wall n = (cos Θ, sin Θ cos ψ, sin Θ sin ψ), Θ = 2 arctan
  e^{(x - Vt)/Δ}, tilted by the constant ψ out of the easy plane, put into the equation:
  the residual vanishes identically iff Δ = Δ(ψ), V and sin 2ψ take the values returned
  (Walker's solution with the torque added).  ``walker_residual()`` is that substitution,
  the check.
* :func:`collective_equations`: the same profile with Δ held at λ and (X, ψ) free, the
  equation projected on ∂n/∂X and ∂n/∂ψ (the 1D model of the field): Ẋ and ψ̇ as
  functions of ψ.  :func:`mean_velocity` integrates it over one turn of ψ above breakdown.
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from ..symbols import (B_x, Delta, E_, J, S, V, a, alpha, beta, g_factor, hbar, kappa,
                       lam, mu_B, psi, t, u_drift, x)

__all__ = ["stiffness", "spin_density", "zeeman_density", "effective_field", "residual",
           "force", "profile", "steady_wall", "walker_residual", "collective_equations",
           "mean_velocity", "walker_field", "one_d_thresholds", "kernels", "against_literature"]

_E = E_  # here e^{(x - X)/Δ}: every profile function is rational in it


def stiffness() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(A, K, K⊥) = (JS²/2a, A/λ², A/κ²) [J/m, J/m³, J/m³]: Eq. (1) per unit volume."""
    A = J * S**2 / (2 * a)
    return A, A / lam**2, A / kappa**2


def spin_density() -> sp.Expr:
    """s = ħS/a³: the angular momentum per volume of the Berry term of L_DW."""
    return hbar * S / a**3


def zeeman_density(n: sp.Matrix) -> sp.Expr:
    """(gµ_B S/a³) B_x n_x: the energy of the moment -gµ_B S n per site, per volume."""
    return g_factor * mu_B * S / a**3 * B_x * n[0]


def _partial(var):
    return lambda f: f.diff(var)


def effective_field(n: sp.Matrix, d_x=_partial(x)) -> sp.Matrix:
    """h = -δE/δn of the energy density e (module docstring), for a field n(x, t).

    ``d_x``: the derivative along x (default ∂/∂x; on the profile, written in
    E = e^{(x - X)/Δ}, the chain rule of :func:`_derivatives`).
    """
    A, K, K_perp = stiffness()
    m = sp.Matrix(sp.symbols("m_x m_y m_z", real=True))
    local = -K * m[0] ** 2 + K_perp * m[2] ** 2 + zeeman_density(m)
    # δ/δn of A(∂n)² is -2A∂²n; of the local terms, the gradient
    h = 2 * A * d_x(d_x(n)) - sp.Matrix([local.diff(c) for c in m])
    return h.subs(dict(zip(m, n)))


def residual(n: sp.Matrix, d_x=_partial(x), d_t=_partial(t)) -> sp.Matrix:
    """s(ṅ + u∂n) - n × h + αs n × (ṅ + (β/α)u∂n): zero on a solution (module docstring)."""
    s = spin_density()
    ndot, grad = d_t(n), d_x(n)
    return (s * (ndot + u_drift * grad) - n.cross(effective_field(n, d_x))
            + alpha * s * n.cross(ndot + beta / alpha * u_drift * grad))


def force(n: sp.Matrix, d_x=_partial(x), d_t=_partial(t)) -> sp.Matrix:
    """h - αs(ṅ + (β/α)u∂n) + s n × (ṅ + u∂n): n × the residual's equation (force balance)."""
    s = spin_density()
    ndot, grad = d_t(n), d_x(n)
    return (effective_field(n, d_x) - alpha * s * (ndot + beta / alpha * u_drift * grad)
            + s * n.cross(ndot + u_drift * grad))


_C, _S = sp.symbols("c_psi s_psi", real=True)  # cos ψ, sin ψ: the profile is polynomial in them
_TRIG = [_C**2 + _S**2 - 1]


def profile(cos_psi: sp.Expr = _C, sin_psi: sp.Expr = _S, E: sp.Expr = _E) -> sp.Matrix:
    """n = (cos Θ, sin Θ cos ψ, sin Θ sin ψ), Θ = 2 arctan E, E = e^{(x - X)/Δ}.

    cos Θ = -tanh, sin Θ = sech of (x - X)/Δ: the letter's head-to-head n0 = (-tanh, sech, 0)
    for ψ = 0 and Δ = λ, its plane of rotation turned about x by ψ (towards +z for ψ > 0).
    """
    cos_t, sin_t = (1 - E**2) / (1 + E**2), 2 * E / (1 + E**2)
    return sp.Matrix([cos_t, sin_t * cos_psi, sin_t * sin_psi])


def _derivatives(width: sp.Expr, velocity: sp.Expr, tilt_rate: sp.Expr = 0):
    """∂x and ∂t on functions of E = e^{(x - X)/Δ} and (cos ψ, sin ψ):
    ∂x = (E/Δ)∂_E, ∂t = -(Ẋ/Δ)E∂_E + ψ̇(-sin ψ ∂_cos + cos ψ ∂_sin)."""
    def d_x(f):
        return _E / width * f.diff(_E)

    def d_t(f):
        return -velocity / width * _E * f.diff(_E) + tilt_rate * (-_S * f.diff(_C) + _C * f.diff(_S))
    return d_x, d_t


def _frame():
    """Unit tangents of the profile: e_Θ = ∂n/∂Θ and e_ψ = n × e_Θ = (0, -sin ψ, cos ψ)."""
    cos_t, sin_t = (1 - _E**2) / (1 + _E**2), 2 * _E / (1 + _E**2)
    return sp.Matrix([-sin_t, cos_t * _C, cos_t * _S]), sp.Matrix([0, -_S, _C])


def _conditions(expr: sp.Expr, rules=_TRIG, gens=(_C, _S)) -> set[sp.Expr]:
    """What makes a rational function of E vanish for every E: the coefficients of its
    numerator, reduced by ``rules`` (cos²ψ + sin²ψ = 1), each stripped of monomial factors."""
    numerator = sp.numer(sp.together(expr))
    out = set()
    for coeff in sp.Poly(sp.expand(numerator), _E).coeffs():
        rest = sp.reduced(sp.expand(coeff), rules, *gens)[1]
        if rest != 0:
            out.add(sp.Mul(*[f for f, _ in sp.factor_list(rest)[1] if not (f.is_Symbol or f.is_Pow)]))
    return out


@cache
def _steady_equations() -> dict[str, set]:
    """The residual on the rigid travelling wall X = Vt, ψ const: its conditions (each zero)."""
    R = residual(profile(), *_derivatives(Delta, V))
    # the residual is ⟂ n: two components, each rational in E
    e_theta, e_psi = _frame()
    return {"theta": _conditions(R.dot(e_theta)), "psi": _conditions(R.dot(e_psi))}


@cache
def steady_wall() -> dict[str, sp.Expr]:
    """Walker's steady wall under B_x and the Zhang–Li torque, derived.

    Returns Δ(ψ) [m], V [m/s] and sin 2ψ as functions of the tilt ψ (``"tilt"``): the only
    values for which the rigid travelling profile solves the equation exactly
    (:func:`walker_residual` checks it).  ``"B_W"`` [T]: the largest |B_x| with a solution
    at u = 0 (|sin 2ψ| ≤ 1, reached at ψ = π/4); ``"u_W"`` [m/s]: the largest |u| with one
    at B_x = 0, reached at the tilt ``"tilt_u_W"`` (not π/4: the drift's tilt depends on Δ(ψ)).

    Notes
    -----
    Along e_ψ: Δ² = A/(K + K⊥ sin²ψ) and αV = βu - gµ_B B_x Δ/ħ;
    along e_Θ: (V - u) s/Δ = -K⊥ sin 2ψ.
    """
    eqs = _steady_equations()
    tilt = sp.Symbol("psi_0", real=True)
    s2 = sp.Symbol("s_2", nonnegative=True)  # sin²ψ
    sin2 = sp.Symbol("sin_2psi", real=True)
    # the conditions hold ψ only as sin ψ cos ψ and sin²ψ: solved for (Δ, V, sin 2ψ) at given sin²ψ
    conditions = []
    for c in eqs["theta"] | eqs["psi"]:
        c = sp.expand(c).subs(_C * _S, sin2 / 2).subs(_S**2, s2)
        if c.has(_C, _S):
            raise ArithmeticError(f"ψ not in sin 2ψ, sin²ψ only: {c}")
        conditions.append(c)
    sol = {k: v.subs(s2, sp.sin(tilt) ** 2) for k, v in _eliminate(conditions, [V, sin2, Delta]).items()}
    width, velocity, sin_2psi = sol[Delta], sp.simplify(sol[V]), sp.simplify(sol[sin2])
    # field breakdown: sin 2ψ = B_x/B_W holds no Δ, so |sin 2ψ| = 1 at ψ = π/4
    field_W = sp.solve(sp.Eq(sin_2psi.subs(tilt, sp.pi / 4).subs(u_drift, 0), 1), B_x)
    # drift breakdown: sin 2ψ ∝ u/Δ(ψ), so u_W is the largest sin 2ψ·Δ(ψ) over ψ divided by
    # its coefficient: at sin²ψ = s*, where d/ds [4s(1 - s)Δ²] = 0
    per_drift = sp.simplify(sin_2psi.subs(B_x, 0) / u_drift)    # sin 2ψ / u at B_x = 0
    reach = sp.simplify((4 * s2 * (1 - s2)) / (per_drift.subs(sp.sin(tilt) ** 2, s2)) ** 2)
    critical = [r for r in sp.solve(sp.diff(reach, s2), s2)
                if r.subs({lam: 1, kappa: 1}).is_positive and (r - 1).subs({lam: 1, kappa: 1}).is_negative]
    if len(field_W) != 1 or len(critical) != 1:
        raise ArithmeticError(f"breakdown not unique: {field_W}, {critical}")
    return {"Delta": width, "V": velocity, "sin_2psi": sin_2psi, "tilt": tilt,
            "B_W": sp.Abs(sp.simplify(field_W[0])),
            "u_W": sp.simplify(sp.sqrt(reach.subs(s2, critical[0]))),
            "tilt_u_W": sp.asin(sp.sqrt(critical[0]))}


def _eliminate(conditions: list, unknowns: list) -> dict:
    """Solve polynomial conditions one unknown at a time (faster than a Gröbner basis here).

    For each unknown in turn, the condition that holds it with the fewest other unknowns
    left (then the lowest degree in it) is solved for it; a unique root is required (the
    positive one for a positive unknown) and substituted everywhere; at the end every
    condition must vanish.
    """
    conditions = [sp.expand(c) for c in conditions]
    found = {}
    for n_done, unknown in enumerate(unknowns):
        left = unknowns[n_done + 1:]
        usable = sorted((c for c in conditions if c.has(unknown)),
                        key=lambda c: (sum(c.has(o) for o in left), sp.degree(c, unknown),
                                       sp.count_ops(c)))
        if not usable:
            raise ArithmeticError(f"no condition holds {unknown}")
        roots = sp.solve(usable[0], unknown)
        if unknown.is_positive:
            roots = [r for r in roots if r.is_positive is not False and (-r).is_positive is not True]
        if len(roots) != 1:
            raise ArithmeticError(f"{unknown}: no unique root of {usable[0]}: {roots}")
        found = {k: sp.simplify(v.subs(unknown, roots[0])) for k, v in found.items()}
        found[unknown] = roots[0]
        conditions = [c for c in (sp.factor(sp.together(c.subs(unknown, roots[0]))) for c in conditions)
                      if c != 0]
        conditions = [sp.numer(c) for c in conditions]
    if conditions:
        raise ArithmeticError(f"conditions left over: {conditions}")
    return found


@cache
def walker_residual() -> set:
    """The residual on the derived steady wall: the empty set of conditions (it vanishes).

    The check of :func:`steady_wall` by substitution: the profile with Δ(ψ), V and the B_x
    that sin 2ψ = its value requires (u and β free) put into :func:`residual`; every
    coefficient of its numerator reduces to zero by cos²ψ + sin²ψ = 1 and
    r² = κ² + λ² sin²ψ, r = κλ/Δ(ψ).
    """
    sol = steady_wall()
    tilt = sol["tilt"]
    r = sp.Symbol("r", positive=True)
    plain = {sp.sin(tilt): _S, sp.cos(tilt): _C, sp.sqrt(kappa**2 + lam**2 * sp.sin(tilt) ** 2): r}
    field = sp.solve(sp.Eq(sol["sin_2psi"].subs(plain), 2 * _S * _C), B_x)
    if len(field) != 1:
        raise ArithmeticError(f"B_x not unique: {field}")
    width = sol["Delta"].subs(plain)
    velocity = sol["V"].subs(plain).subs(B_x, field[0])
    R = residual(profile(), *_derivatives(width, velocity)).subs(B_x, field[0])
    rules = [_C**2 + _S**2 - 1, r**2 - kappa**2 - lam**2 * _S**2]
    return set().union(*(_conditions(c, rules, (_C, _S, r)) for c in R))


def _line_integral(density: sp.Expr, width: sp.Expr) -> sp.Expr:
    """∫dx of a rational function of E = e^{(x - X)/Δ}: Δ∫dE/E over (0, ∞), term by term.

    Each term is (coefficient)·E^m/(1 + E²)^k; its integral is a number, done once.
    """
    integrand = sp.cancel(sp.together(density / _E))
    numerator, denominator = sp.fraction(integrand)
    base = sp.Poly(denominator, _E)
    k = sp.degree(denominator, _E) // 2
    if sp.expand(denominator - base.LC() * (1 + _E**2) ** k) != 0:
        raise ArithmeticError(f"denominator is not (1 + E²)^k: {denominator}")
    total = 0
    for (m,), coeff in sp.Poly(sp.expand(numerator), _E).terms():
        total += coeff * _moment(m, k)
    return width * total / base.LC()


@cache
def _moment(m: int, k: int) -> sp.Expr:
    return sp.integrate(_E**m / (1 + _E**2) ** k, (_E, 0, sp.oo))


@cache
def collective_equations() -> dict[str, sp.Expr]:
    """Ẋ and ψ̇ of the profile with Δ = λ, X(t), ψ(t) free (the 1D model), derived.

    The equation in force form (:func:`force`) projected on ∂n/∂X and ∂n/∂ψ and integrated
    over x: two equations linear in (Ẋ, ψ̇), solved.  Exact for a rigid wall of fixed width;
    the chain's wall breathes (Δ follows ψ), which this model leaves out.
    """
    rates = sp.symbols("X_dot psi_dot", real=True)
    n = profile()
    d_x, d_t = _derivatives(lam, *rates)
    f = force(n, d_x, d_t)
    tangents = (-d_x(n), -_S * n.diff(_C) + _C * n.diff(_S))  # ∂n/∂X = -∂n/∂x, ∂n/∂ψ
    equations = [sp.reduced(sp.expand(_line_integral(tangent.dot(f), lam)), _TRIG, _C, _S)[1]
                 for tangent in tangents]
    (X_dot, psi_dot), = sp.linsolve(equations, rates)
    plain = {_S * _C: sp.sin(2 * psi) / 2, _S**2: sp.sin(psi) ** 2}
    return {"X_dot": sp.simplify(sp.expand(X_dot).subs(plain)),
            "psi_dot": sp.simplify(sp.expand(psi_dot).subs(plain))}


def _period_integral(A: sp.Expr, B: sp.Expr):
    """∫ dψ/(A + B sin 2ψ) over one period π = π/sqrt(A² - B²) for A > |B|.

    The antiderivative F = atan((A tan ψ + B)/w)/w, w = sqrt(A² - B²), is checked by
    differentiation; tan ψ runs over ℝ once as ψ crosses (-π/2, π/2), so F gains π/w.
    """
    w = sp.sqrt(A**2 - B**2)
    p = sp.Symbol("p", real=True)
    F = sp.atan((A * sp.tan(p) + B) / w) / w
    if sp.simplify(sp.trigsimp(F.diff(p) - 1 / (A + B * sp.sin(2 * p)))) != 0:
        raise ArithmeticError("the antiderivative of the period integral does not differentiate back")
    return sp.pi / w


@cache
def mean_velocity() -> sp.Expr:
    """V̄ = ⟨Ẋ⟩ over one turn of ψ above Walker breakdown (u = 0), from the 1D model.

    ψ̇ = A + B sin 2ψ and Ẋ = c0 + c1 ψ̇ (both read off :func:`collective_equations`):
    ⟨Ẋ⟩ = c0 + c1 π/T, T = ∫dψ/ψ̇ over a period (:func:`_period_integral`).
    Valid for ψ̇ of one sign, i.e. |A| > |B|: above breakdown.
    """
    eq = {k: v.subs(u_drift, 0) for k, v in collective_equations().items()}
    p = sp.Symbol("p", real=True)
    rate = sp.expand(sp.expand_trig(eq["psi_dot"].subs(psi, p)))
    rate = sp.expand(rate.subs(sp.sin(p) * sp.cos(p), sp.sin(2 * p) / 2))
    B_coef = rate.coeff(sp.sin(2 * p))
    A_coef = sp.simplify(rate - B_coef * sp.sin(2 * p))
    if A_coef.has(p):
        raise ArithmeticError(f"ψ̇ is not A + B sin 2ψ: {rate}")
    # Ẋ = c0 + c1 ψ̇: eliminate sin 2ψ between the two
    X_dot = sp.expand(sp.expand_trig(eq["X_dot"].subs(psi, p)))
    X_dot = sp.expand(X_dot.subs(sp.sin(p) * sp.cos(p), sp.sin(2 * p) / 2))
    c1 = sp.simplify(X_dot.coeff(sp.sin(2 * p)) / B_coef)
    c0 = sp.simplify(X_dot - c1 * rate)
    if c0.has(p) or c1.has(p):
        raise ArithmeticError("Ẋ is not linear in ψ̇")
    # the field drives ψ̇ to the sign of A: mean rate π/T = sign(A) sqrt(A² - B²)
    A_pos = sp.Symbol("A_pos", positive=True)
    mean_rate = sp.pi / _period_integral(A_pos, B_coef)
    mean_rate = sp.sign(A_coef) * mean_rate.subs(A_pos, sp.Abs(A_coef))
    return sp.simplify(c0 + c1 * mean_rate)


@cache
def walker_field() -> sp.Expr:
    """B_W [T], Walker's breakdown field of :func:`steady_wall` (the largest |B_x| at u = 0)."""
    return steady_wall()["B_W"]


@cache
def one_d_thresholds() -> dict[str, sp.Expr]:
    """The breakdown field and drift of the 1D model (Δ = λ): the largest |B_x| (u = 0) and
    |u| (B_x = 0) for which ψ̇ = 0 has a root, from :func:`collective_equations`."""
    rate = collective_equations()["psi_dot"]
    p = sp.Symbol("p", real=True)
    rate = rate.subs(psi, p)
    # ψ̇ = c0 + c1 sin 2ψ: a root iff |c0| ≤ |c1|
    c1 = sp.simplify(rate.diff(p) / (2 * sp.cos(2 * p)))
    c0 = sp.simplify(rate - c1 * sp.sin(2 * p))
    if c0.has(p) or c1.has(p):
        raise ArithmeticError(f"ψ̇ is not c0 + c1 sin 2ψ: {rate}")
    field = sp.solve(sp.Eq(c0.subs(u_drift, 0), -c1), B_x)
    drift = sp.solve(sp.Eq(c0.subs(B_x, 0), -c1), u_drift)
    return {"B_W": sp.Abs(field[0]), "u_W": sp.simplify(sp.Abs(drift[0]))}


@cache
def kernels() -> dict[str, tuple]:
    """The results as kernels for :mod:`numeric.llg.walker`: {name: (arguments, expressions, doc)}.

    ψ enters as a plain symbol (``tilt``), B_x > 0 where a sign would otherwise need a case
    (``mean_velocity``: the mean velocity is odd in B_x).
    """
    sol = steady_wall()
    tilt = sp.Symbol("psi", real=True)
    on_tilt = {sol["tilt"]: tilt}
    rates = collective_equations()
    field = sp.Symbol("B_positive", positive=True)
    mean = sp.simplify(mean_velocity().subs(B_x, field)).subs(field, B_x)
    steady = (tilt, B_x, u_drift, beta, alpha, a, lam, kappa, J, S, g_factor)
    return {
        "walker_field": ((alpha, a, kappa, J, S, g_factor), (walker_field(),),
                         "B_W [T]: Walker's breakdown field (steady_wall: the largest |B_x| with a "
                         "steady wall at u = 0)."),
        "walker_width": ((tilt, lam, kappa), (sol["Delta"].subs(on_tilt),),
                         "Δ(ψ) [m] of the steady wall tilted by ψ."),
        "walker_velocity": (steady, (sol["V"].subs(on_tilt),),
                            "V [m/s] of the steady wall tilted by ψ under B_x [T] and the drift u "
                            "[m/s] with β."),
        "walker_sin2psi": (steady, (sol["sin_2psi"].subs(on_tilt),),
                           "sin 2ψ that the steady wall tilted by ψ requires under B_x, u, β "
                           "(an equation for ψ: a solution is a steady wall)."),
        "drift_threshold": ((alpha, beta, a, lam, kappa, J, S), (sol["u_W"], sol["tilt_u_W"]),
                            "u_W [m/s], the largest |u| with a steady wall at B_x = 0, and the "
                            "tilt ψ [rad] where it is reached."),
        "mean_velocity": ((B_x, alpha, a, lam, kappa, J, S, g_factor), (mean,),
                          "V̄ [m/s]: the mean velocity over a turn of ψ above breakdown, B_x > B_W "
                          "> 0 (u = 0), from the 1D model (Δ = λ held fixed)."),
        "collective_rates": (steady, (rates["X_dot"].subs(psi, tilt), rates["psi_dot"].subs(psi, tilt)),
                             "(Ẋ [m/s], ψ̇ [1/s]) of the 1D model (Δ = λ held fixed) at tilt ψ."),
    }


@cache
def against_literature() -> dict[str, sp.Expr]:
    """derived - published for each formula of :mod:`derivation.audit.literature` the derivation
    reaches: every entry is zero.

    The derived side: :func:`steady_wall` (at u = 0 for the field
    results, at B_x = 0 for the drift), :func:`mean_velocity` and
    :func:`one_d_thresholds` (the 1D model, Δ = λ).  The sign of
    the derived velocities is the package's (B_x > 0 moves the wall towards -x): their
    magnitudes are compared.
    """
    from ..audit.literature import formulas
    lit = formulas()
    sol = steady_wall()
    on_tilt = {sol["tilt"]: lit["psi"]}
    positive = sp.Symbol("B_pos", positive=True)
    field_only = {u_drift: 0}
    out = {
        "walker_field": walker_field() - lit["walker_field"],
        "walker_width": sol["Delta"].subs(on_tilt) - lit["walker_width"],
        "walker_velocity": (-sol["V"].subs(field_only).subs(on_tilt)
                            - lit["walker_velocity"]),
        "walker_tilt": sol["sin_2psi"].subs(field_only) - lit["walker_tilt"],
        "mean_velocity": (-mean_velocity().subs(B_x, positive)
                          - lit["mean_velocity"].subs(B_x, positive)),
        "drift_velocity": sol["V"].subs(B_x, 0) - lit["drift_velocity"],
        "drift_threshold_1d": one_d_thresholds()["u_W"] - lit["drift_threshold_1d"],
        "walker_field_1d": one_d_thresholds()["B_W"] - lit["walker_field"],
    }
    return {k: sp.simplify(v) for k, v in out.items()}
