"""The field's standard collective coordinates: a rigid wall of width Δ tilted by ψ (Walker-type).

Beyond the letter.  The letter's ansatz (7)-(8) tilts the spins out of the wall plane by
ξ0Φ0(x - X).  The model micromagnetics uses (Slonczewski's; Walker's exact field-driven
wall has this form) tilts the whole wall plane about the easy axis x:

    n = (cos p, sin p cos ψ, sin p sin ψ),   p = 2 arctan e^u,   u = (x - X)/Δ,      (R)

so ψ = 0 is the letter's static wall n0 (Δ = λ), and a small ψ is the letter's OPZA:
n_z = ψ sech u, the letter's n_z = -sin(ξ0Φ0) ≃ -ξ0 √(a/2λ) sech u at Δ = λ, i.e.
ψ ≃ -ξ0Φ0(0) (checked: :func:`linear_limit`).

Equations of motion.  No new physics enters: the letter's LLG equation,
(ħS/a³) ṅ = n × h - α(ħS/a³) n × ṅ with h = -δH/δn (the Euler–Lagrange–Rayleigh equation of
the letter's L_DW and W for one spin, :func:`derivation.wall.spin_chain.llg_check`), is
projected on the tangent vectors ∂_q n of (R) (Thiele's method): n × (LLG), dotted with ∂_q n
and integrated over x, gives for each coordinate q

    (ħS/a³) ∫dx ∂_q n·(n × ṅ) - α(ħS/a³) ∫dx ∂_q n·ṅ - ∂H/∂q = 0,   ṅ = Σ_j ∂_j n q̇_j.  (P)

H = H_DW (Eq. 1, with the step ``uniform-energy``) + H_sd, where H_sd = -(J_sd S/a³)∫dx n·⟨s⟩
with the letter's co-moving accumulation ⟨s⟩ = s̄_x n0(x - X) + s̄_y e_z × n0(x - X) (width λ)
held fixed while n is varied (as in Eqs. 10, 13a), then uniform s̄: T⊥ = π s̄_y, S∥ = a s̄_x
(steps ``uniform-accumulation``, ``drop-sz``, ``constant-torque``).  Applied to the letter's
ansatz at first order, (P) is (12a)-(12b) (:func:`linear_limit`), so (P) is the letter's own
Euler–Lagrange–Rayleigh equation on another ansatz.

Results:

* :func:`equations` — the residuals of (P) for q = (X, ψ) and the width equation for Δ, exact in
  ψ; the s-d integrals over the two widths Δ and λ are left as integrals in u (they have no
  closed form for Δ ≠ λ) and are done in closed form at Δ = λ;
* :func:`walker_width` — Δ from the width equation at S∥ = 0: Walker's λ/√(1 + (λ/κ)² sin²ψ);
* :func:`stationary` — the stationary branch ψ̇ = 0: T⊥(ψ) and V(ψ);
* :func:`critical_torque` — at Δ = λ and S∥ = 0 the largest T⊥ with a stationary state,
  4α φ^{-5/2} a²JS/(κ²J_sd) (φ the golden ratio), at cos ψ_c = 1/φ; beyond it the wall plane
  turns on to ψ = π, where the co-moving drive exerts no force (Walker-type breakdown of this
  model).  With Walker's width the same maximum is found numerically
  (:func:`numeric.critical_torque`).
"""
from __future__ import annotations

from functools import cache

import sympy as sp

from ..symbols import (Delta, J, J_sd, S, S_par, T_perp, X, a, alpha, hbar, kappa, lam, psi, t,
                       xi0)

__all__ = ["u", "psi", "Delta", "profile", "projection", "hamiltonian", "equations",
           "rigid_equations", "walker_width", "stationary", "critical_torque", "linear_limit",
           "GOLDEN"]

u = sp.Symbol("u", real=True)                  # (x - X)/Δ
r = sp.Symbol("r", positive=True)              # Δ/λ
GOLDEN = (1 + sp.sqrt(5)) / 2

_sbar_x, _sbar_y = sp.symbols("sbar_x sbar_y", real=True)
_Xdot, _psidot, _psi = sp.symbols("Xdot psidot psi_", real=True)


def profile() -> sp.Matrix:
    """n of (R) as a function of u: (-tanh u, sech u cos ψ, sech u sin ψ) (cos p = -tanh u)."""
    return sp.Matrix([-sp.tanh(u), sp.cos(_psi) / sp.cosh(u), sp.sin(_psi) / sp.cosh(u)])


def _tangents() -> dict[str, sp.Matrix]:
    """∂_X n = -(1/Δ)∂_u n, ∂_ψ n, ∂_Δ n = -(u/Δ)∂_u n."""
    n = profile()
    du = n.diff(u)
    return {"X": -du / Delta, "psi": n.diff(_psi), "Delta": -u * du / Delta}


def _drive() -> sp.Matrix:
    """⟨s⟩ = s̄_x n0(v) + s̄_y e_z × n0(v) at v = (x - X)/λ = r u, n0 = (-tanh v, sech v, 0)."""
    v = r * u
    n0 = sp.Matrix([-sp.tanh(v), 1 / sp.cosh(v), 0])
    return _sbar_x * n0 + _sbar_y * sp.Matrix([-n0[1], n0[0], 0])


def _integral(density: sp.Expr) -> sp.Expr:
    """∫dx of a density of u: Δ∫du over the line, unevaluated (see :func:`_evaluate`)."""
    return Delta * sp.Integral(sp.expand(density), (u, -sp.oo, sp.oo))


# sech u, tanh u and sech(ru), tanh(ru) as symbols: the integrands are polynomials in them
_s, _c, _sr, _cr = sp.symbols("sech_u tanh_u sech_ru tanh_ru", real=True)


def _algebraic(f: sp.Expr, at_lambda: bool) -> sp.Expr:
    """f(u) as a polynomial in sech, tanh of u and of ru (r = Δ/λ; at Δ = λ the same), and u,
    reduced modulo sech² + tanh² = 1 to degree ≤ 1 in each tanh: a unique form, in which no
    term can diverge alone when the whole integrand decays."""
    if at_lambda:
        f = f.subs(r, 1)
    for v in (u, r * u):
        f = f.subs(sp.sinh(v), sp.tanh(v) * sp.cosh(v))
    f = f.subs({sp.tanh(u): _c, sp.tanh(r * u): _cr}).subs({sp.cosh(u): 1 / _s,
                                                           sp.cosh(r * u): 1 / _sr})
    gens = (_c, _cr, _s, _sr, u)
    f = sp.expand(f)
    shift = max([0] + [sp.degree(sp.denom(term), _s) for term in sp.Add.make_args(f)])
    numerator = sp.expand(f * _s**shift)
    relations = [_c**2 + _s**2 - 1] + ([] if at_lambda else [_cr**2 + _sr**2 - 1])
    _, remainder = sp.reduced(numerator, relations, *gens, order="lex")
    return sp.expand(remainder / _s**shift)


def _shape(monomial: sp.Expr) -> sp.Expr:
    return monomial.subs({_s: 1 / sp.cosh(u), _c: sp.tanh(u), _sr: 1 / sp.cosh(r * u),
                          _cr: sp.tanh(r * u)})


def _wallis(monomial: sp.Expr) -> sp.Expr:
    """∫du sechᵏu tanhᵐu = ∫₀^π sin^{k-1}p (-cos p)^m dp (p = 2 arctan e^u), m even here."""
    p = sp.Symbol("p", positive=True)
    powers = monomial.as_powers_dict()
    k, m = powers.get(_s, 0), powers.get(_c, 0)
    if k < 1:
        raise ArithmeticError(f"∫du of {_shape(monomial)} diverges")
    return sp.integrate(sp.sin(p) ** (k - 1) * (-sp.cos(p)) ** m, (p, 0, sp.pi))


def _evaluate(expr: sp.Expr, at_lambda: bool) -> sp.Expr:
    """Each ∫du in its reduced form (:func:`_algebraic`), term by term: terms odd in u dropped;
    one integral per shape with its constant in front; at Δ = λ the shapes without an
    explicit u (from ∂_Δ n) in closed form (:func:`_wallis`)."""
    def one(integral: sp.Integral) -> sp.Expr:
        total = sp.S.Zero
        reduced = _algebraic(integral.function, at_lambda)
        terms = sp.Poly(reduced, _c, _cr, _s, _sr, u).terms() if reduced != 0 else []
        for (dc, dcr, ds, dsr, du), constant in terms:
            if (dc + dcr + du) % 2:  # odd in u: vanishes
                continue
            monomial = _c**dc * _cr**dcr * _s**ds * _sr**dsr * u**du
            if at_lambda and du == 0:
                total += constant * _wallis(monomial)
            else:
                total += constant * sp.Integral(_shape(monomial), (u, -sp.oo, sp.oo))
        return total
    out = expr.replace(lambda e: isinstance(e, sp.Integral), one)
    return sp.expand(out.subs(r, 1) if at_lambda else out)


@cache
def hamiltonian() -> dict[str, sp.Expr]:
    """H_DW(ψ, Δ) (Eq. 1, step ``uniform-energy``) and the s-d forces -∂H_sd/∂q at fixed ⟨s⟩.

    Returns {"H_DW": …, "sd_X": …, "sd_psi": …, "sd_Delta": …} (the forces with T⊥, S∥ put in;
    integrals over u left unevaluated).
    """
    n = profile()
    gradient = n.diff(u).dot(n.diff(u)) / Delta**2
    density = J * S**2 / (2 * a) * (gradient + (1 - n[0] ** 2) / lam**2 + n[2] ** 2 / kappa**2)
    out = {"H_DW": sp.simplify(_evaluate(_integral(density), True))}
    drive = _drive()
    for name, tangent in _tangents().items():
        # -∂H_sd/∂q at fixed ⟨s⟩ = (J_sd S/a³)∫dx ∂_q n·⟨s⟩; s̄_y = T⊥/π, s̄_x = S∥/a
        force = J_sd * S / a**3 * _integral(tangent.dot(drive))
        out["sd_" + name] = force.subs({_sbar_y: T_perp / sp.pi, _sbar_x: S_par / a})
    return out


@cache
def projection() -> dict[str, dict[str, sp.Expr]]:
    """The coefficients of (P): gyrotropic G_qj = (ħS/a³)∫∂_q n·(n × ∂_j n) and Rayleigh
    D_qj = (ħS/a³)∫∂_q n·∂_j n, for q, j in (X, ψ, Δ), in closed form."""
    n = profile()
    tangents = _tangents()
    G, D = {}, {}
    for q, dq in tangents.items():
        for k in ("X", "psi"):  # the width is adiabatic (Δ̇ = 0): no column for Δ
            dk = tangents[k]
            G[q, k] = hbar * S / a**3 * sp.trigsimp(_evaluate(_integral(dq.dot(n.cross(dk))), True))
            D[q, k] = hbar * S / a**3 * sp.trigsimp(_evaluate(_integral(dq.dot(dk)), True))
    return {"G": G, "D": D}


@cache
def equations(at_lambda: bool = False) -> dict[str, sp.Expr]:
    """Residuals of (P) for X and ψ (rates Ẋ, ψ̇; Δ̇ = 0) and the width equation, in the
    letter's normalisation a³/S.  ``at_lambda``: Δ = λ with every integral done."""
    coeff = projection()
    H = hamiltonian()
    rates = {"X": _Xdot, "psi": _psidot}
    out = {}
    for q in ("X", "psi", "Delta"):
        motion = sum((coeff["G"][q, k] - alpha * coeff["D"][q, k]) * rates[k] for k in rates)
        energy = H["H_DW"].diff({"X": X, "psi": _psi, "Delta": Delta}[q]) if q != "X" else 0
        residual = motion - energy + H["sd_" + q]
        residual = _evaluate(sp.expand(residual * a**3 / S), at_lambda)
        residual = residual.subs(Delta, lam) if at_lambda else residual
        out[q] = sp.collect(sp.expand(sp.trigsimp(residual)), [_Xdot, _psidot])
    return out


def rigid_equations() -> tuple[sp.Eq, sp.Eq]:
    """The (X, ψ) equations at Δ = λ, exact in ψ, as Eq(residual, 0) with X(t), ψ(t)."""
    eqs = equations(True)
    thaw = {_Xdot: X.diff(t), _psidot: psi.diff(t), _psi: psi}
    return tuple(sp.Eq(eqs[q].subs(thaw), 0) for q in ("X", "psi"))


@cache
def walker_width() -> sp.Expr:
    """Δ(ψ) from the width equation at S∥ = 0: λ/√(1 + (λ/κ)² sin²ψ) (Walker's)."""
    width = equations(False)["Delta"].subs(S_par, 0)
    width = _evaluate(width, False)
    if width.has(sp.Integral):
        raise ArithmeticError(f"the T⊥ drive enters the width equation: {width}")
    solutions = [s for s in sp.solve(width, Delta) if s.is_positive is not False]
    if len(solutions) != 1:
        raise ArithmeticError(f"no single positive width: {solutions}")
    return sp.simplify(solutions[0])


@cache
def stationary(at_lambda: bool = True) -> dict[str, sp.Expr]:
    """The stationary branch ψ̇ = 0: T⊥(ψ) and V(ψ) (V = Ẋ), solved from the two equations.

    At Δ = λ in closed form; otherwise with the s-d integrals left as integrals of r = Δ/λ.
    """
    eqs = equations(at_lambda)
    # ψ̇ = 0: linear in (T⊥, V), the ψ equation free of T⊥ — solved as a linear system
    steady = [eqs[q].subs(_psidot, 0) for q in ("X", "psi")]
    M, rhs = sp.linear_eq_to_matrix(steady, [T_perp, _Xdot])
    if M.det() == 0:
        raise ArithmeticError(f"the stationary equations do not fix T⊥ and V: {steady}")
    T, V = M.LUsolve(rhs)
    return {"T_perp": sp.factor(sp.cancel(T)), "V": sp.factor(sp.cancel(V))}


@cache
def critical_torque() -> dict[str, sp.Expr]:
    """The largest T⊥ of the stationary branch at Δ = λ, S∥ = 0: where dT⊥/dψ = 0.

    Returns {"cos_psi": cos ψ_c, "T_perp": T⊥_c, "V": V(ψ_c)}; checked: the branch rises
    from T⊥ = 0 at ψ = 0 to T⊥_c and falls to 0 at ψ = π/2 (so T⊥_c is its maximum).
    """
    branch = stationary(True)
    torque = branch["T_perp"].subs(S_par, 0)
    c = sp.Symbol("c", positive=True)
    # in c = cos ψ on (0, π/2): sin ψ = √(1 - c²)
    in_c = sp.simplify(torque.subs(_psi, sp.acos(c)))
    roots = [s for s in sp.solve(sp.diff(in_c, c), c) if s.is_real and 0 < s < 1]
    if len(roots) != 1:
        raise ArithmeticError(f"not one turning point of T⊥(ψ) on (0, π/2): {roots}")
    c_crit = sp.nsimplify(sp.radsimp(roots[0]))
    T_c = sp.simplify(sp.radsimp(in_c.subs(c, c_crit)))
    if sp.simplify(torque.subs(_psi, 0)) != 0 or sp.simplify(torque.subs(_psi, sp.pi / 2)) != 0:
        raise ArithmeticError("the stationary branch does not start and end at T⊥ = 0")
    V = sp.simplify(sp.radsimp(branch["V"].subs(S_par, 0).subs(_psi, sp.acos(c_crit))))
    return {"cos_psi": c_crit, "T_perp": T_c, "V": V}


@cache
def linear_limit() -> dict[str, sp.Expr]:
    """(P) at first order: against (12a)-(12b) with ψ = -ξ0 √(a/2λ) (Δ = λ).

    Returns the residuals of (12a), (12b) (:func:`derivation.wall.equations_of_motion`) minus
    multiples of the linearised (P); both zero when (P) is the letter's equation on (R).
    """
    from .equations_of_motion import equations_of_motion
    eqs = equations(True)
    small = sp.Symbol("epsilon_lin", positive=True)
    scale = {_psi: -small * xi0 * sp.sqrt(a / (2 * lam)), _Xdot: small * X.diff(t),
             _psidot: -small * xi0.diff(t) * sp.sqrt(a / (2 * lam)),
             T_perp: small * T_perp, S_par: S_par}
    linear = {q: sp.expand(sp.series(eqs[q].subs(scale), small, 0, 2).removeO().coeff(small))
              for q in ("X", "psi")}
    letter = [e.lhs - e.rhs for e in equations_of_motion()]
    out = {}
    for (name, mine), theirs in zip(linear.items(), letter):
        # the same equation up to a constant factor: fixed by the coefficient of Ẋ, then the
        # difference must vanish term by term
        ratio = sp.simplify(sp.expand(theirs).coeff(X.diff(t)) / sp.expand(mine).coeff(X.diff(t)))
        out[name] = sp.expand(theirs - ratio * mine)
        out[name + " factor"] = ratio
    return out
