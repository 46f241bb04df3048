"""Solutions of Eqs. (12a)-(12b): relaxation (14), terminal values (15), τ_DW (16), n_z (17).

T⊥ and S∥ are constants switched on at t = 0 (step ``constant-torque``).  The
linear system is solved exactly by SymPy's ``linodesolve`` (the solver ``dsolve`` uses for it)
from rest, ξ0(0) = X(0) = 0.
It is first order in both coordinates: Ẋ follows algebraically from ξ0 and
ξ̇0, so V(0⁺) need not vanish.

``keep_sz=True`` keeps the term -(J_sd S/a³) ξ0 S_z that Eq. (10) drops (step
``drop-sz``), S_z = ∫dx Φ0⟨s_z⟩ switched on with T⊥; the letter's results are S_z = 0.
"""
from __future__ import annotations

from functools import cache

import sympy as sp
from sympy.solvers.ode.systems import linodesolve

from .equations_of_motion import equations_of_motion
from ..memo import stage
from ..model import Phi0, ansatz
from ..symbols import J, J_sd, S, S_par, S_z, X, a, kappa, t, x, xi0

__all__ = ["stiffness", "K", "rates", "relaxation", "terminal", "relaxation_time", "switch_on",
           "nz"]

# the OPZ restoring stiffness a³JS/κ² + J_sd S∥ of (12b); positive for a stable wall
K = sp.Symbol("K_theta", positive=True)


def stiffness() -> sp.Expr:
    """a³JS/κ² + J_sd S∥, the coefficient of ξ0 in (12b)."""
    return a**3 * J * S / kappa**2 + J_sd * S_par


def _with_K(expr: sp.Expr) -> sp.Expr:
    return sp.expand(expr).subs(J_sd * S_par, K - a**3 * J * S / kappa**2)


@stage
def rates(keep_sz: bool = False) -> dict[sp.Expr, sp.Expr]:
    """(12a)-(12b) solved for ξ̇0 and Ẋ (= V), linear in ξ0."""
    eqs = [_with_K(e.lhs - e.rhs) for e in equations_of_motion(keep_sz)]
    solved = sp.solve(eqs, [xi0.diff(t), X.diff(t)], dict=True)[0]
    return {k: sp.factor(v) for k, v in solved.items()}


_TERMINAL = ("xi0*", "V*", "tau", "V(0+)", "dX")


@stage
def _in_K(keep_sz: bool = False) -> dict[str, sp.Expr]:
    """The solution with the stiffness kept as the positive symbol K (cheap to simplify).

    Solved once, with the ⟨s_z⟩ term: the letter's equations are those at S_z = 0
    (checked), so its solution is that one at S_z = 0.
    """
    if not keep_sz:
        letter, kept = equations_of_motion(), equations_of_motion(keep_sz=True)
        if any(sp.expand((e.lhs - e.rhs) - (f.lhs - f.rhs).subs(S_z, 0)) != 0
               for e, f in zip(letter, kept)):
            raise ArithmeticError("(12a)-(12b) are not the ⟨s_z⟩ equations at S_z = 0")
        return {name: (sp.factor(value.subs(S_z, 0)) if name in _TERMINAL else value.subs(S_z, 0))
                for name, value in _in_K(True).items()}
    # (12a)-(12b) are first order in both coordinates, solved for (ξ̇0, Ẋ) by rates():
    # f' = A f + b with A, b constant, solved by SymPy's linear-system solver (dsolve's own
    # back end for it, without dsolve's re-derivation of that form and its general simplifier:
    # 0.5 s → 0.15 s; the same functions of t, checked against the ODEs below)
    funcs = [xi0, X]
    rhs = sp.Matrix([rates(keep_sz)[f.diff(t)] for f in funcs])
    A, b = rhs.jacobian(funcs), rhs.subs({f: 0 for f in funcs})
    if A.has(t, *funcs) or not (A * sp.Matrix(funcs) + b - rhs).applyfunc(sp.cancel).is_zero_matrix:
        raise ArithmeticError(f"(12a)-(12b) are not linear with constant coefficients: {rhs}")
    general = [g.replace(lambda e: isinstance(e, sp.Integral), lambda e: sp.factor_terms(e).doit())
               for g in linodesolve(A, t, b=b)]
    constants = sorted(sp.Tuple(*general).free_symbols - rhs.free_symbols - {t}, key=str)
    from_rest = sp.solve([g.subs(t, 0) for g in general], constants, dict=True)  # ξ0(0) = X(0) = 0
    if len(from_rest) != 1 or set(from_rest[0]) != set(constants):
        raise ArithmeticError(f"no unique solution from rest: {from_rest}")
    out = {}
    for name, f, g in zip(("xi0", "X"), funcs, general):
        # a constant plus exponentials (and V*t in X): each coefficient factored
        out[name] = sp.Add(*[sp.factor(c) * dep for dep, c in _by_t(g.subs(from_rest[0])).items()])
        if sp.cancel(out[name].diff(t) - rhs[funcs.index(f)].subs(
                {xi0: out["xi0"], X: out.get("X", X)})) != 0 or sp.cancel(out[name].subs(t, 0)) != 0:
            raise ArithmeticError(f"{f} = {out[name]} does not solve (12a)-(12b) from rest")
    out["V"] = out["X"].diff(t)
    # limits of sums of decaying exponentials (else sp.limit): the terminal values, factored
    out["xi0*"] = _at_infinity(out["xi0"])
    out["V*"] = _at_infinity(out["V"])
    out["tau"] = sp.factor(-1 / sp.diff(rates(keep_sz)[xi0.diff(t)], xi0))
    out["V(0+)"] = _at_zero(out["V"])
    # X(t) → V* t + ΔX: the displacement the wall keeps from the transient
    out["dX"] = _at_infinity(out["X"] - out["V*"] * t)
    return out


def _by_t(expr: sp.Expr) -> dict[sp.Expr, sp.Expr]:
    """``expr`` as {t-dependent factor: its coefficient}, exponentials as exp(factored exponent)
    (the form linodesolve gives them); coefficients that cancel to 0 left out."""
    groups: dict[sp.Expr, sp.Expr] = {}
    for term in sp.Add.make_args(sp.expand_mul(expr, deep=False)):
        coeff, dep = term.as_independent(t, as_Add=False)
        dep = sp.powsimp(dep).replace(sp.exp, lambda arg: sp.exp(sp.factor(arg)))
        groups[dep] = groups.get(dep, sp.S.Zero) + coeff
    return {dep: c for dep, c in groups.items() if sp.cancel(c) != 0}


def _decays(term: sp.Expr) -> bool:
    """``term`` is c·e^{-rt} with c free of t and r shown positive (→ 0 as t → ∞)."""
    coeff, factor = term.as_independent(t, as_Add=False)
    if not isinstance(factor, sp.exp):
        return False
    rate = sp.cancel(-factor.exp / t)
    return not rate.has(t) and bool(rate.is_positive)


def _at_infinity(expr: sp.Expr) -> sp.Expr:
    """lim_{t→∞} ``expr``, factored: its t-free part when every other term is c·e^{-rt}, r > 0
    (else ``sp.limit``)."""
    groups = _by_t(expr)
    if all(dep == 1 or _decays(dep) for dep in groups):
        return sp.factor(sp.expand(groups.get(sp.S.One, sp.S.Zero)))
    return sp.factor(sp.limit(expr, t, sp.oo))


def _at_zero(expr: sp.Expr) -> sp.Expr:
    """lim_{t→0⁺} ``expr``, factored: its value at 0 when every term is continuous there,
    c·tⁿ or c·e^{rt} (else ``sp.limit``)."""
    def continuous(dep):
        return dep.is_polynomial(t) or (isinstance(dep, sp.exp) and dep.exp.is_polynomial(t))
    if all(continuous(dep) for dep in _by_t(expr)):
        return sp.factor(sp.expand(expr.subs(t, 0)))
    return sp.factor(sp.limit(expr, t, 0, "+"))


def relaxation_time(keep_sz: bool = False) -> sp.Expr:
    """τ_DW = -1/(∂ξ̇0/∂ξ0), Eq. (16)."""
    return _in_K(keep_sz)["tau"].subs(K, stiffness())


def relaxation(keep_sz: bool = False) -> dict[str, sp.Expr]:
    """ξ0(t), X(t), V(t) from rest, by ``linodesolve`` of (12a)-(12b) (Eq. 14 and beyond)."""
    return {name: _in_K(keep_sz)[name].subs(K, stiffness()) for name in ("xi0", "X", "V")}


def terminal(keep_sz: bool = False) -> dict[str, sp.Expr]:
    """ξ0* and V* = lim_{t→∞} of the relaxation (Eq. 15 and the line below it)."""
    return {"xi0": sp.factor(_in_K(keep_sz)["xi0*"].subs(K, stiffness())),
            "V": _in_K(keep_sz)["V*"].subs(K, stiffness())}


def switch_on(keep_sz: bool = False) -> dict[str, sp.Expr]:
    """V(0⁺), the velocity just after the switch-on, and ΔX = lim (X - V*t), the displacement
    the transient leaves."""
    return {name: sp.factor(_in_K(keep_sz)[key].subs(K, stiffness()))
            for name, key in (("V0", "V(0+)"), ("dX", "dX"))}


def nz(exact: bool = True) -> sp.Expr:
    """n_z = cos θ on the ansatz (8); ``exact=False`` gives -ξ0 Φ0(x - X) (step ``linear-nz``)."""
    _, theta = ansatz()
    if exact:
        return sp.cos(theta)
    return -xi0 * Phi0(x - X)


def _shape(part: sp.Expr, value: sp.Expr, symbol: sp.Symbol, length: bool) -> sp.Expr:
    """``part`` = ``symbol`` × a function of s = t/τ_DW (and α) alone, with ``value`` the
    amplitude ``symbol`` stands for; ``length``: ``part`` is a length, measured in ``value``·τ_DW."""
    from ..symbols import alpha, tau_dw
    s = sp.Symbol("s", positive=True)  # t/τ_DW
    decay = sp.Symbol("D", positive=True)  # e^{-t/τ}: collect the shape in it
    tau = _in_K()["tau"]
    # part is a constant plus c·e^{-t/τ} (plus c·t): in s and D = e^{-s} a rational function,
    # which cancel reduces (apart's result depends only on that function; simplify cost 4×)
    shape = (part / value).subs(t, tau * s)
    if length:  # X/V* has the dimension of time: measure it in τ_DW
        shape = shape / tau * tau_dw
    shape = sp.cancel(shape.subs(sp.exp(-s), decay).subs(sp.exp(s), 1 / decay))
    if shape.has(*[sy for sy in shape.free_symbols if sy not in (s, alpha, tau_dw, decay)]):
        raise ArithmeticError(f"{symbol}: the shape depends on more than t/τ and α: {shape}")
    shape = sp.apart(shape, decay)
    return symbol * shape.subs({decay: sp.exp(-s)}).subs(s, t / tau_dw)


@cache
def relaxation_in_letter_symbols(keep_sz: bool = False) -> dict[str, sp.Expr]:
    """ξ0(t), V(t), X(t) written with the symbols ξ0*, V*, τ_DW, as Eq. (14) is.

    ``keep_sz``: with the ⟨s_z⟩ term, which enters ξ0* and adds a part V_z e^{-t/τ_DW} to
    V(t) (and its integral to X(t)); V_z is the ⟨s_z⟩ part of V(0⁺) (:func:`sz_velocity`).
    """
    from ..symbols import V_star, V_z, xi0_star
    sol = _in_K(keep_sz)
    out = {"xi0": _shape(sol["xi0"], sol["xi0*"], xi0_star, False)}
    for name in ("V", "X"):
        if keep_sz:  # linear system, superposed: the T⊥ part is the letter's (S_z = 0), computed once
            part = sol[name] - sol[name].subs(S_z, 0)
            out[name] = (relaxation_in_letter_symbols()[name]
                         + _shape(part, sz_velocity(in_K=True), V_z, name == "X"))
        else:
            out[name] = _shape(sol[name], sol["V*"], V_star, name == "X")
    return out


def sz_velocity(in_K: bool = False) -> sp.Expr:
    """V_z: the ⟨s_z⟩ term's part of V(0⁺) (S_z switched on with T⊥ at t = 0)."""
    v0 = _in_K(True)["V(0+)"]
    value = sp.factor(v0 - v0.subs(S_z, 0))
    return value if in_K else value.subs(K, stiffness())


@cache
def displacement() -> sp.Expr:
    """ΔX = lim_{t→∞}(X - V*t), written with V*, τ_DW and α as Eq. (14) is: the displacement
    the wall keeps from the transient, in which V(0⁺) ≠ 0."""
    from ..symbols import V_star
    return _at_infinity(relaxation_in_letter_symbols()["X"] - V_star * t)


@cache
def tilt() -> sp.Expr:
    """ψ* = |ξ0*|Φ0(0): the terminal tilt of the wall centre, where |ξ0Φ0| is largest (Eqs. 6, 15)."""
    return sp.Abs(terminal()["xi0"]) * Phi0(0)


__all__ += ["relaxation_in_letter_symbols", "sz_velocity", "displacement", "tilt"]


@cache
def verdicts() -> list:
    """Eqs. (14)-(17): the relaxation, terminal values, τ_DW and n_z."""
    import sympy as sp

    from . import solutions as sol
    from ..audit.notes import show
    from ..symbols import S_par, T_perp, alpha, t, xi0
    from ..audit.verdicts import bookkeeping, compare, cross_check
    eps = bookkeeping()
    out = []
    # (14)-(17) solutions
    letter_form = sol.relaxation_in_letter_symbols()
    ends, tau = sol.terminal(), sol.relaxation_time()
    out.append(compare("14", "xi0(t)", letter_form["xi0"],
                        note="SymPy's linodesolve (dsolve's solver for a linear system) of "
                             "(12a)-(12b) from rest, ξ0(0) = X(0) = 0, checked against the "
                             "equations, written with the derived ξ0* (15) and τ_DW (16)",
                        steps=("constant-torque",)))
    v0 = sp.simplify(sp.limit(letter_form["V"], t, 0, "+"))
    out.append(compare("14", "V(t)", letter_form["V"], small={alpha: eps * alpha},
                        limit_text="α → 0 (error O(α²))",
                        note=(f"V(0⁺) = {show(v0)} ≠ 0: (12a)-(12b) are first order in X and ξ0, "
                              "so Ẋ jumps when T⊥ is switched on; "
                              f"X(t) = {show(letter_form['X'])}"),
                        steps=("constant-torque",)))
    out.append(compare("14", "dX", sol.displacement(), small={alpha: eps * alpha},
                        limit_text="α → 0 (error O(α²))",
                        note="X(t) → V*t + ΔX: the wall keeps less of a lag than (14) implies, "
                             "since V jumps to V*α²/(1+α²) at switch-on",
                        steps=("constant-torque",)))
    out.append(compare("15", "xi0*", ends["xi0"], steps=("constant-torque",)))
    out.append(compare("15", "psi*", sol.tilt(),
                        note="the largest |ξ0Φ0|: the amplitude the expansion (9)-(11) takes small",
                        steps=("constant-torque",)))
    out.append(compare("15", "xi0* (approx.)", ends["xi0"], small={S_par: eps * S_par},
                        limit_text="J_sd S∥ ≪ a³JS/κ²"))
    cross_check(sp.simplify(sol.terminal(keep_sz=True)["V"] - ends["V"]) == 0,
                 "(15): V* depends on the ⟨s_z⟩ term")
    out.append(compare("15", "V*", ends["V"], note="independent of S∥ and of the ⟨s_z⟩ term "
                                                    "(shown with keep_sz)"))
    out.append(compare("16", "tau_DW", tau, note="τ_DW = -1/(∂ξ̇0/∂ξ0) from (12a)-(12b)"))
    out.append(compare("16", "tau_DW (approx.)", tau, small={alpha: eps * alpha,
                                                              S_par: eps * S_par},
                        limit_text="α ≪ 1 and J_sd S∥ ≪ a³JS/κ²"))
    # cos(π/2 + ξ0*Φ0) is -sin(ξ0*Φ0) as built: only its argument needs simplifying (the
    # same result as simplify of the whole, rewritten in exp, at a third of the cost)
    nz_terminal = sol.nz(exact=True).subs(xi0, ends["xi0"])
    nz_terminal = (nz_terminal.replace(sp.sin, lambda arg: sp.sin(sp.simplify(arg.rewrite(sp.exp))))
                   if isinstance(nz_terminal, sp.sin) or isinstance(-nz_terminal, sp.sin)
                   else sp.simplify(nz_terminal.rewrite(sp.exp)))
    out.append(compare("17", "n_z", nz_terminal,
                        compare_with=nz_terminal, small={T_perp: eps * T_perp, S_par: eps * S_par},
                        limit_text="t ≫ τ_DW, small T⊥ (sin(ξ0Φ0) ≃ ξ0Φ0) and J_sd S∥ ≪ a³JS/κ²",
                        note=f"exact: n_z = cos θ = {show(sol.nz(exact=True))}",
                        steps=("linear-nz",)))
    return out
