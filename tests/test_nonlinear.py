"""Nonlinear collective coordinates: exact integrals, linear limit, stationary states, no threshold."""
import math

import mpmath as mp
import numpy as np
import pytest

import numeric
from numeric import _beyond_kernels as kernels

WALL = dict(alpha=0.02, a=2.5e-10, lam=1e-8, kappa=5e-9, J=2e-21, S=1.0, J_sd=1e-21, S_par=0.0)
LINEAR_KEYS = ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")


def tau_dw(p):
    return numeric.tau_dw(**{k: p[k] for k in LINEAR_KEYS})


def tilt_scale(p):
    """Φ0(0): the tilt of the wall centre per unit ξ0 (numeric.tilt, checked in test_solutions)."""
    return float(numeric.tilt(1.0, a=p["a"], lam=p["lam"]))


@pytest.fixture(scope="module")
def system_by_mpmath():
    """The derived M(ξ0), F(ξ0) with every ∫dp done by mpmath quadrature (not the generated rule)."""
    import sympy as sp
    from derivation.wall import nonlinear as nl
    from derivation import symbols as sy
    from derivation.estimate import CODATA
    from derivation.wall.lagrangian import _xi
    M, F = nl.system()
    entries = [M[0, 0], M[0, 1], M[1, 0], M[1, 1], F[0], F[1]]
    integrals = sorted({i for e in entries for i in e.atoms(sp.Integral)}, key=sp.default_sort_key)
    shapes = {i: sp.lambdify((nl.p, _xi, sy.a, sy.lam), i.function, "mpmath") for i in integrals}
    names = {i: sp.Symbol(f"I{n}") for n, i in enumerate(integrals)}
    outer = [sp.lambdify([*names.values(), _xi, sy.T_perp, sy.hbar, *(getattr(sy, k) for k in WALL)],
                         e.xreplace(names), "mpmath") for e in entries]

    def evaluate(xi, T_perp, p):
        values = [mp.quad(lambda q: shapes[i](q, xi, p["a"], p["lam"]), [0, mp.pi / 2, mp.pi])
                  for i in integrals]
        args = [*values, xi, T_perp, mp.mpf(CODATA[sy.hbar].evalf(30)), *(p[k] for k in WALL)]
        return [f(*args) for f in outer]
    return evaluate


@pytest.mark.parametrize("c", [0.9, 6.0])
def test_generated_quadrature_matches_mpmath(system_by_mpmath, c):
    p = WALL
    xi = -c / tilt_scale(p)
    generated = kernels.nonlinear_system(xi, 3e-4, *(p[k] for k in ("alpha", "a", "lam", "kappa", "J",
                                                                        "S", "J_sd", "S_par")))
    with mp.workdps(20):
        reference = system_by_mpmath(xi, 3e-4, p)
    scale = max(abs(float(r)) for r in reference[:4])
    for g, r in zip(generated[:4], reference[:4]):
        assert abs(g - float(r)) <= 1e-12 * scale
    for g, r in zip(generated[4:], reference[4:]):
        assert abs(g - float(r)) <= 1e-12 * abs(float(r))


@pytest.mark.parametrize("c", [0.3, 1.2, 2.2])
def test_torque_and_berry_coefficients_are_bessel_and_struve(c):
    # F1 = -J_sd T⊥ J0(c) and M11 = ħ√(2a/λ)(1 - (π/2) H1(c)): mpmath's special functions
    p = WALL
    xi = c / tilt_scale(p)
    m11, _, _, _, f1, _ = kernels.nonlinear_system(xi, 1e-3, *(p[k] for k in (
        "alpha", "a", "lam", "kappa", "J", "S", "J_sd", "S_par")))
    assert f1 == pytest.approx(-p["J_sd"] * 1e-3 * float(mp.besselj(0, c)), rel=1e-12)
    berry = numeric.HBAR * math.sqrt(2 * p["a"] / p["lam"]) * (1 - math.pi / 2 * float(mp.struveh(1, c)))
    assert m11 == pytest.approx(berry, rel=1e-12)


def test_series_system_to_first_order_is_the_letters_12a_12b():
    import sympy as sp
    from derivation.wall import nonlinear as nl
    from derivation import symbols as sy
    from derivation.wall.lagrangian import _xi
    from derivation.audit.letter import printed
    M, F = nl.series_system(1)
    d_xi, d_X = sp.symbols("d_xi d_X")
    eqs = [(e.lhs - e.rhs).subs({sy.xi0.diff(sy.t): d_xi, sy.X.diff(sy.t): d_X}).subs(sy.xi0, _xi)
           for e in (printed("12a").expr, printed("12b").expr)]
    A, b = sp.linear_eq_to_matrix(eqs, [d_xi, d_X])
    # M carries the O(ξ0²) Rayleigh term a ξ0²/(3λ²) beyond the letter in M12: drop it
    M_first = M.applyfunc(lambda e: sp.expand(e).subs(_xi, 0) if e.has(_xi) and not e.has(sy.J) else e)
    assert sp.simplify(M_first - A) == sp.zeros(2, 2)
    assert sp.simplify(F - b) == sp.zeros(2, 1)


def test_nonlinear_relaxation_tends_to_linear_with_a_quadratic_error():
    p = WALL
    limit = numeric.ansatz_limit_torque(**p)
    times = np.array([0.3, 1.0, 4.0]) * tau_dw(p)
    errors = []
    for fraction in (1e-2, 1e-3):
        T_perp = fraction * limit
        xi, V, X = numeric.nonlinear_relaxation(times, T_perp=T_perp, **p)
        xl, Vl, Xl = numeric.relaxation(times, T_perp=T_perp, **p)
        errors.append(max(np.max(np.abs(xi - xl)) / np.max(np.abs(xl)),
                          np.max(np.abs(V - Vl)) / np.max(np.abs(Vl))))
    # the next order is c² ∝ T⊥²: a decade in T⊥ is two decades in the error
    assert 60 < errors[0] / errors[1] < 140
    assert errors[1] < 1e-5


def test_stationary_states_solve_the_exact_equations(system_by_mpmath):
    p = WALL
    limit = numeric.ansatz_limit_torque(**p)
    for T_perp in (0.3 * limit, 3 * limit):
        xi, V = numeric.stationary_state(T_perp=T_perp, **p)
        with mp.workdps(20):
            m11, m12, m21, m22, f1, f2 = system_by_mpmath(xi, T_perp, p)
        # M·(ξ̇0 = 0, V) = F, each row against the size of its terms
        assert abs(m12 * V - f1) <= 1e-9 * abs(f1)
        assert abs(m22 * V - f2) <= 1e-9 * abs(f2)


def test_ansatz_limit_torque_puts_the_centre_spin_at_the_pole():
    p = WALL
    limit = numeric.ansatz_limit_torque(**p)
    xi, _ = numeric.stationary_state(T_perp=limit, **p)
    assert abs(xi) * tilt_scale(p) == pytest.approx(math.pi / 2, rel=1e-9)
    linear = abs(numeric.xi0_star(T_perp=limit, **p)) * tilt_scale(p)
    assert linear > math.pi / 2  # the linear theory overshoots the pole there


@pytest.mark.parametrize("factor", [0.5, 3.0, 300.0])
def test_no_threshold_integration_from_rest_converges(factor):
    """Below and far above the ansatz limit, direct integration ends at the stationary state."""
    p = WALL
    T_perp = factor * numeric.ansatz_limit_torque(**p)
    xi_star, V_star = numeric.stationary_state(T_perp=T_perp, **p)
    xi, V, _ = numeric.nonlinear_relaxation(np.array([40.0, 60.0]) * tau_dw(p), T_perp=T_perp, **p)
    assert abs(xi[-1] - xi_star) <= 1e-8 * abs(xi_star)
    assert abs(V[-1] - V_star) <= 1e-8 * abs(V_star)
    assert abs(xi[-1]) * tilt_scale(p) < 2.0  # below the first zero c₁ of the torque coefficient


def test_det_is_negative_by_structure():
    """M22 = −M11 and the Rayleigh entries are positive integrals: det M = −M11² − M12 M21 < 0."""
    from derivation.wall.nonlinear import no_threshold
    pieces = no_threshold()
    assert pieces["antisymmetric"] and pieces["rayleigh_nonnegative"]


@pytest.mark.parametrize("ratio", [0.3, 2.0, 10.0])
def test_flow_has_no_threshold_pieces(ratio):
    """det M < 0 and the restoring force points back for every tilt up to c₁ (the proof's pieces)."""
    p = {**WALL, "kappa": WALL["lam"] / ratio, "S_par": 2e-10}
    args = [p[k] for k in ("alpha", "a", "lam", "kappa", "J", "S", "J_sd", "S_par")]
    for c in np.linspace(0.02, 1.9, 60):
        xi = c / tilt_scale(p)
        m11, m12, m21, m22, f1, f2 = kernels.nonlinear_system(xi, 0.0, *args)
        assert m11 * m22 - m12 * m21 < 0
        assert (f1 * m22 - m12 * f2) / (m11 * m22 - m12 * m21) < 0  # ξ̇0 < 0 for ξ0 > 0 at T⊥ = 0


@pytest.mark.slow
def test_verdicts_on_15_to_17_are_limits_of_the_nonlinear_state():
    from derivation.export.records import as_text
    from derivation.wall.nonlinear import verdicts
    results = {(v.eq, v.quantity): v for v in verdicts()}
    for key in (("15", "xi0*"), ("15", "V*"), ("16", "tau_DW"), ("17", "n_z")):
        assert results[key].status == "agrees-in-limit", results[key].note
        # the leading correction is second order in the torque
        assert "T⊥²" in as_text(results[key].note)
