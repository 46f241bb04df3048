"""Eqs. (12a)-(12b), (13a): Euler–Lagrange–Rayleigh, and the independent LagrangesMethod route."""
import sympy as sp

from derivation.wall import equations_of_motion as eom
from derivation.symbols import J_sd, S_z, X, dSpar_dX, t, xi0


def test_lagranges_method_gives_the_same_equations():
    for mech, e in zip(eom.mechanics_route(), eom.equations_of_motion()):
        assert sp.simplify(mech - (e.lhs - e.rhs)) == 0


def test_lagranges_method_agrees_with_sz_kept():
    for mech, e in zip(eom.mechanics_route(keep_sz=True), eom.equations_of_motion(keep_sz=True)):
        assert sp.simplify(mech - (e.lhs - e.rhs)) == 0


def test_equations_are_linear_in_the_dynamical_variables():
    for e in eom.equations_of_motion():
        r = e.lhs - e.rhs
        for v in (xi0, xi0.diff(t), X.diff(t)):
            assert sp.diff(r, v, 2) == 0


def test_switches_bring_back_the_dropped_terms():
    a_, b_ = eom.equations_of_motion(keep_sz=True, keep_dSpar=True)
    assert (a_.lhs - a_.rhs).has(dSpar_dX)
    assert (b_.lhs - b_.rhs).coeff(S_z) == J_sd


def test_torque_is_minus_dF0_dX_in_the_letters_form():
    forms = eom.torque_from_F0()
    # same integrand for every ⟨s(x)⟩: compare at a random smooth ⟨s⟩ numerically
    from derivation.model import spin_accumulation
    s = spin_accumulation()
    probe = {s[0]: sp.sin(3 * sp.Symbol("x", real=True)), s[1]: sp.cos(sp.Symbol("x", real=True))}
    diff = (forms["derived"] - forms["letter"]).subs(probe).subs(
        {X: sp.Rational(1, 3), sp.Symbol("lambda", positive=True): 2})
    for xv in (-2, -0.3, 0.1, 1.7):
        assert abs(complex(diff.subs(sp.Symbol("x", real=True), xv).evalf())) < 1e-12
