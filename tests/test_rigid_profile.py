"""The rigid-profile (Walker-type) collective coordinates: derived equations and their kernels."""
import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

import numeric
from derivation import symbols as sy
from derivation.wall import rigid_profile as rp

A = 2.5e-10
WALL = dict(alpha=0.1, a=A, lam=16 * A, kappa=8 * A, J=1.6e-21, S=1.0, J_sd=1.6e-21)


def test_projection_on_the_letters_ansatz_is_12a_12b():
    """(P) at first order with ψ = -ξ0√(a/2λ): (12a) and (12b), each up to a constant factor."""
    check = rp.linear_limit()
    assert check["X"] == 0 and check["psi"] == 0
    assert not check["X factor"].has(sy.X, sy.xi0) and not check["psi factor"].has(sy.X, sy.xi0)


def test_the_berry_coupling_is_exact_and_the_drive_falls_as_the_wall_tilts():
    """At Δ = λ: G_Xψ = 2ħS/a³ for every ψ; the X force of the co-moving drive is
    J_sd T⊥ (1 + cos ψ)/2, J_sd T⊥ (the letter's -∂F0/∂X) at ψ = 0 and 0 at ψ = π."""
    G = rp.projection()["G"]
    assert sp.simplify(G["X", "psi"] - 2 * sy.hbar * sy.S / sy.a**3) == 0
    force = rp.equations(True)["X"].subs({rp._Xdot: 0, rp._psidot: 0})
    assert sp.simplify(force.subs(rp._psi, 0) + sy.J_sd * sy.T_perp) == 0
    assert sp.simplify(force.subs(rp._psi, sp.pi)) == 0


def test_walker_width_minimises_the_wall_energy():
    """Δ(ψ) of the width equation is where ∂H_DW/∂Δ = 0 and ∂²H_DW/∂Δ² > 0."""
    H = rp.hamiltonian()["H_DW"]
    width = rp.walker_width()
    assert sp.simplify(H.diff(rp.Delta).subs(rp.Delta, width)) == 0
    point = {sy.J: 1, sy.S: 1, sy.a: 1, sy.lam: 3, sy.kappa: 2, rp._psi: sp.Rational(7, 10)}
    assert H.diff(rp.Delta, 2).subs(rp.Delta, width).subs(point).evalf() > 0


def test_critical_angle_is_the_golden_ratio_and_the_branch_peaks_there():
    """cos ψ_c = 1/φ, and the closed-form branch T⊥(ψ) at Δ = λ is largest there."""
    crit = rp.critical_torque()
    assert sp.simplify(crit["cos_psi"] - 1 / rp.GOLDEN) == 0
    psi = np.linspace(0.01, math.pi / 2 - 0.01, 2001)
    T, _ = numeric._rigid_kernels.rigid_branch_at_lambda(psi, **WALL, S_par=0.0)
    T_c = numeric.critical_torque(**WALL, width="rigid")
    assert np.max(T) <= T_c * (1 + 1e-12)
    assert abs(np.cos(psi[np.argmax(T)]) - 2 / (1 + math.sqrt(5))) < 2e-3


@pytest.mark.parametrize("index", range(5))
def test_quadrature_of_each_integral_against_mpmath(index):
    """numeric.rigid_profile's trapezoidal rule against mpmath.quad, for r = Δ/λ in (0.3, 1.5)."""
    from numeric import rigid_profile
    shape = sp.sympify(numeric._rigid_kernels.INTEGRALS[index])
    f = sp.lambdify((rp.u, rp.r), shape, "mpmath")
    for r in (0.3, 0.7, 1.0, 1.5):
        with mpmath.workdps(30):
            exact = mpmath.quad(lambda u: f(u, r), [-mpmath.inf, 0, mpmath.inf])
        got = rigid_profile._integrals(r)[index]
        scale = float(mpmath.quad(lambda u: abs(f(u, r)), [-mpmath.inf, 0, mpmath.inf]))
        assert abs(got - float(exact)) <= 1e-13 * scale


@given(tilt=st.floats(0.02, 0.55), lam_over_kappa=st.floats(0.5, 4.0),
       s_par=st.floats(-0.1, 0.5))
@settings(max_examples=4, deadline=None)
def test_stationary_state_solves_the_derived_equations(tilt, lam_over_kappa, s_par):
    """(ψ*, V*) of numeric.rigid_profile_stationary put into the derived (P) and width
    equation (integrals by mpmath): every residual vanishes to its terms' scale."""
    wall = {**WALL, "kappa": WALL["lam"] / lam_over_kappa}
    K = wall["a"] ** 3 * wall["J"] * wall["S"] / wall["kappa"] ** 2
    wall["S_par"] = s_par * K / wall["J_sd"]
    unit = abs(numeric.xi0_star(T_perp=1.0, **wall)) * math.sqrt(wall["a"] / (2 * wall["lam"]))
    T = tilt / unit
    psi, V = numeric.rigid_profile_stationary(T_perp=T, **wall)
    from numeric import rigid_profile
    D = rigid_profile._width(psi, tuple(float(wall[k]) for k in
                                         ("alpha", "a", "lam", "kappa", "J", "S", "J_sd", "S_par")),
                             "walker")
    values = {sy.alpha: wall["alpha"], sy.a: wall["a"], sy.lam: wall["lam"],
              sy.kappa: wall["kappa"], sy.J: wall["J"], sy.S: wall["S"], sy.J_sd: wall["J_sd"],
              sy.S_par: wall["S_par"], sy.hbar: numeric.HBAR, sy.T_perp: T, rp._psi: psi,
              rp.Delta: D, rp.r: D / wall["lam"], rp._Xdot: V, rp._psidot: 0}
    for name, residual in rp.equations(False).items():
        def integral(shape):
            f = sp.lambdify(rp.u, shape.subs(rp.r, D / wall["lam"]), "mpmath")
            return sp.Float(mpmath.quad(f, [-mpmath.inf, 0, mpmath.inf]))
        value = residual.replace(lambda e: isinstance(e, sp.Integral),
                                 lambda e: integral(e.function))
        terms = [abs(complex(t.subs(values))) for t in sp.Add.make_args(sp.expand(value))]
        assert abs(complex(value.subs(values))) <= 1e-9 * max(terms), name


def test_no_stationary_state_beyond_the_critical_torque():
    T_c = numeric.critical_torque(**WALL)
    numeric.rigid_profile_stationary(T_perp=0.999 * T_c, **WALL)
    with pytest.raises(ValueError, match="exceeds the critical torque"):
        numeric.rigid_profile_stationary(T_perp=1.001 * T_c, **WALL)


def test_small_tilt_is_the_letters_v_star():
    """T⊥ → 0: V of the rigid profile → V* of (15), the deviation O(T⊥²)."""
    errors = []
    for T in (1e-6, 1e-5):
        _, V = numeric.rigid_profile_stationary(T_perp=T, **WALL)
        v_star = numeric.v_star_from_torque(T_perp=T, alpha=WALL["alpha"], lam=WALL["lam"],
                                            J_sd=WALL["J_sd"])
        errors.append(abs(V / v_star - 1))
    assert errors[1] / errors[0] == pytest.approx(100, rel=0.01)


@pytest.mark.parametrize("kwargs,name", [
    (dict(width="thick"), "width"), (dict(J_sd=0.0), "J_sd"), (dict(alpha=-1.0), "alpha")])
def test_bad_arguments_raise_value_error_naming_them(kwargs, name):
    with pytest.raises(ValueError, match=name):
        numeric.critical_torque(**{**WALL, **kwargs})
