"""Eqs. (14)-(17): the dsolve solution against numerical integration of (12a)-(12b)."""
import mpmath as mp
import sympy as sp
from hypothesis import assume, given, strategies as st

from derivation.wall import solutions as sol
from derivation.wall.equations_of_motion import equations_of_motion
from derivation.symbols import (J, J_sd, S, S_par, T_perp, a, alpha, hbar, kappa, lam, t,
                                xi0)
from helpers import rates_of

params = st.fixed_dictionaries({
    alpha: st.one_of(st.floats(0.01, 0.3), st.floats(0.7, 1.0)),  # α close to 1 included
    a: st.floats(0.5, 2.0), lam: st.floats(1.0, 20.0), kappa: st.floats(0.5, 5.0),
    J: st.floats(0.5, 2.0), S: st.floats(0.5, 2.0), J_sd: st.floats(-1.0, 1.0),
    T_perp: st.floats(-1.0, 1.0), S_par: st.floats(0.0, 0.5),
})


def _ode_rates(values):
    """ξ̇0, Ẋ from the derived equations by a numerical 2×2 solve at each step (mpmath)."""
    rates = rates_of(equations_of_motion(), values, "mpmath")
    return lambda tt, y: rates(y[0])


def _stable(values):
    # the OPZ mode relaxes only for a positive stiffness a³JS/κ² + J_sd S∥
    return float(sol.stiffness().subs(values)) > 1e-3


@given(params)
def test_relaxation_matches_ode_integration(values):
    from scipy.integrate import solve_ivp
    values = {**values, hbar: 1.0}
    assume(_stable(values))
    tau = float(sol.relaxation_time().subs(values))
    exact = {k: sp.lambdify(t, v.subs(values), "mpmath") for k, v in sol.relaxation().items()}
    rates = _ode_rates(values)
    times = [0.05 * tau, 0.7 * tau, 2.5 * tau]
    # the scales: terminal ξ0 and V (both ∝ T⊥, so the tolerances are relative to them)
    scale_xi, scale_V = abs(exact["xi0"](10 * tau)), abs(exact["V"](10 * tau))
    # solve_ivp integrates in float64: a T⊥J_sd whose response lies below its normal range
    # (hypothesis draws subnormal T⊥ and J_sd) cannot be resolved there
    assume(min(scale_xi, scale_V * tau) == 0 or min(scale_xi, scale_V * tau) > 1e-290)
    numeric = solve_ivp(lambda tt, y: [float(r) for r in rates(tt, y)], (0, times[-1]), [0, 0],
                        method="DOP853", t_eval=times, rtol=1e-12,
                        # 5e-324: the least positive float, for T⊥ or J_sd = 0 (scale 0)
                        atol=[max(1e-14 * float(scale_xi), 5e-324),
                              max(1e-14 * float(scale_V * tau), 5e-324)])
    assert numeric.success
    for tt, xi_num, X_num in zip(times, *numeric.y):
        V_num = rates(tt, [xi_num, X_num])[1]
        assert abs(xi_num - exact["xi0"](tt)) <= 1e-8 * scale_xi
        assert abs(V_num - exact["V"](tt)) <= 1e-8 * scale_V
        assert abs(X_num - exact["X"](tt)) <= 1e-8 * scale_V * tau


@given(params)
def test_velocity_jumps_at_switch_on(values):
    # (12a)-(12b) fix Ẋ from ξ0, ξ̇0: at t = 0⁺, V = V* α²/(1+α²), not 0 as (14) prints
    values = {**values, hbar: 1.0}
    assume(_stable(values))
    V0 = _ode_rates(values)(0, [0, 0])[1]
    V_star = float(sol.terminal()["V"].subs(values))
    al = values[alpha]
    assert mp.almosteq(V0, V_star * al**2 / (1 + al**2), 1e-10, 1e-14)


def test_terminal_values_are_the_long_time_limit():
    values = {alpha: 0.2, a: 1, lam: 5, kappa: 2, J: 1, S: 1, J_sd: 0.3, T_perp: 0.5,
              S_par: 0.1, hbar: 1}
    tau = sol.relaxation_time().subs(values)
    for name in ("xi0", "V"):
        late = sol.relaxation()[name].subs(values).subs(t, 60 * tau)
        end = float(sol.terminal()[name].subs(values))
        assert abs(float(late) - end) <= 1e-12 * abs(end)


def test_nz_linear_form_is_the_small_xi0_limit():
    z = sp.Symbol("z")
    exact, linear = sol.nz(exact=True), sol.nz(exact=False)
    ratio = (exact / linear).subs(xi0, z * xi0)
    assert sp.limit(ratio, z, 0) == 1


def test_displacement_is_what_the_integrated_equations_leave_after_the_transient():
    """ΔX = lim(X - V*t): the symbolic form (in V*, τ_DW, α) and the kernel numeric.displacement
    (SI), both against X(t) - V*t of (12a)-(12b) integrated numerically to t = 40τ_DW, where
    the transient e^{-40} ≈ 4e-18 is below float64's resolution."""
    import numeric
    from scipy.integrate import solve_ivp
    from derivation.symbols import V_star, tau_dw
    for values in ({alpha: 0.2, a: 1, lam: 5, kappa: 2, J: 1, S: 1, J_sd: 0.3, T_perp: 0.5,
                    S_par: 0.1, hbar: 1},
                   {alpha: 0.7, a: 2.5e-10, lam: 1e-8, kappa: 5e-9, J: 1e-21, S: 1.0,
                    J_sd: 4e-21, T_perp: 1e-5, S_par: 0.0, hbar: numeric.HBAR}):
        tau = float(sol.relaxation_time().subs(values))
        v_star = float(sol.terminal()["V"].subs(values))
        rates = _ode_rates(values)
        end = 40 * tau
        run = solve_ivp(lambda tt, y: [float(r) for r in rates(tt, y)], (0, end), [0, 0],
                        method="DOP853", rtol=1e-12, atol=[1e-30, 1e-14 * abs(v_star) * tau])
        assert run.success
        lag = run.y[1][-1] - v_star * end
        # X(40τ) ≈ 40 V*τ carries rtol 1e-12 of itself: 4e-11 of V*τ, the size of ΔX
        scale = abs(v_star) * tau
        derived = float(sol.displacement().subs({V_star: v_star, tau_dw: tau, alpha: values[alpha]}))
        assert abs(lag - derived) <= 1e-9 * scale
        if values[hbar] != 1:  # the kernel takes SI, with CODATA's ħ
            kernel = numeric.displacement(
                T_perp=values[T_perp], alpha=values[alpha], a=values[a], lam=values[lam],
                kappa=values[kappa], J=values[J], S=values[S], J_sd=values[J_sd], S_par=values[S_par])
            assert abs(lag - kernel) <= 1e-9 * scale


@given(st.floats(1e-8, 1e-2), st.floats(0.01, 1.0), st.floats(2.0, 50.0), st.floats(0.2, 2.0))
def test_terminal_tilt_is_the_largest_out_of_plane_angle_of_the_relaxed_wall(T, al, lam_a, kap_lam):
    """ψ* (numeric.psi_star) against the relaxed wall of the ansatz itself: n_z = cos θ of
    numeric.nz_profile at the wall centre after 60τ_DW is -sin(ξ0*Φ0(0)), so arcsin|n_z| = ψ*,
    and no x on a grid around the centre tilts further."""
    import numpy as np
    import numeric
    p = dict(T_perp=T, alpha=al, a=2.5e-10, lam=lam_a * 2.5e-10, kappa=kap_lam * lam_a * 2.5e-10,
             J=1.6e-21, S=1.0, J_sd=1.6e-21)
    psi = numeric.psi_star(**p)
    assume(psi < 1.0)  # arcsin resolves the tilt (the linear theory's range)
    # the tilt of any ξ0 (numeric.tilt, c = ξ0Φ0(0)) at ξ0*: the same, to rounding
    xi = numeric.xi0_star(**p)
    assert abs(numeric.tilt(abs(xi), a=p["a"], lam=p["lam"]) - psi) <= 1e-14 * psi
    end = 60 * numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd")})
    _, _, X_end = numeric.relaxation(end, **p)
    x = X_end + np.linspace(-3, 3, 61) * p["lam"]
    nz = numeric.nz_profile(x, end, **p)
    # e^{-60} of the transient and float64's rounding of sin: far below 1e-9 of ψ*
    assert abs(np.arcsin(abs(nz[30])) - psi) <= 1e-9 * psi
    assert np.max(np.abs(nz)) <= abs(nz[30]) * (1 + 1e-12)
