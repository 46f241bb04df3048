"""numeric: generated kernels against their mpmath twins, direct quadrature and ODE integration."""
import subprocess
import sys
import warnings

import mpmath as mp
import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

import numeric
import numeric.mp as nmp
from helpers import k_quadrature, rates_of


def decades(lo, hi):
    """Log-uniform floats over [10^lo, 10^hi]."""
    return st.floats(lo, hi).map(lambda e: 10.0**e)


wall = st.fixed_dictionaries({
    "alpha": decades(-4, 0), "a": decades(-10.5, -9.5), "lam": decades(-9, -6),
    "kappa": decades(-9.5, -7), "J": decades(-22, -19), "S": st.floats(0.5, 5.0),
    "J_sd": decades(-23, -19),
    "T_perp": st.tuples(st.sampled_from([-1.0, 1.0]), decades(-12, -1)).map(lambda p: p[0] * p[1]),
    "S_par": st.floats(0.0, 1e-9),
})
electrons = st.fixed_dictionaries({
    "j": st.tuples(st.sampled_from([-1.0, 1.0]), decades(6, 13)).map(lambda p: p[0] * p[1]),
    "j0": decades(14, 18), "T": decades(0, 3.5),
    "mu": decades(-20, -18.5), "eps0": decades(-20, -18.5), "J_sd": decades(-23, -19),
    "S": st.floats(0.5, 5.0),
})


signed = st.tuples(st.sampled_from([-1.0, 1.0]), decades(-20, -10)).map(lambda p: p[0] * p[1])


def tame(p):
    """|ξ0* Φ0| ≤ 10: beyond it cos θ is ill-conditioned in float64 (and the theory, small
    amplitudes, long left behind)."""
    return numeric.psi_star(**p) <= 10


def close(value, reference, rel=1e-12):
    """Relative agreement; a reference below float64's normal range must come out ~0."""
    reference = mp.mpf(reference)
    if abs(reference) < mp.mpf("1e-290"):
        return abs(value) < 1e-280
    return abs(mp.mpf(value) - reference) <= rel * abs(reference)


@pytest.fixture(autouse=True)
def fifty_digits():
    with mp.workdps(50):
        yield


@given(wall)
def test_tau_dw_and_xi0_star_match_mpmath(p):
    keys = ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")
    assert close(numeric.tau_dw(**{k: p[k] for k in keys}), nmp.tau_dw(**{k: p[k] for k in keys}))
    assert close(numeric.xi0_star(**p), nmp.xi0_star(**p))


@given(wall)
def test_v_star_from_torque_matches_mpmath(p):
    args = {k: p[k] for k in ("T_perp", "alpha", "lam", "J_sd")}
    assert close(numeric.v_star_from_torque(**args), nmp.v_star_from_torque(**args))


@given(electrons, decades(-4, 0), decades(-9, -6))
def test_torque_and_master_formula_match_mpmath(e, alpha, lam):
    assert close(numeric.torque_perp(**e), nmp.torque_perp(**e))
    assert close(numeric.v_star(**e, alpha=alpha, lam=lam), nmp.v_star(**e, alpha=alpha, lam=lam))


@given(wall, st.floats(-3, 3).map(lambda e: 10.0**e))
def test_relaxation_matches_mpmath(p, t_over_tau):
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    t = t_over_tau * tau
    for got, ref in zip(numeric.relaxation(t, **p), nmp.relaxation(t, **p)):
        assert close(got, ref, 1e-11)


@given(wall, st.floats(-3, 3).map(lambda e: 10.0**e), st.floats(-20, 20))
def test_nz_profile_matches_mpmath(p, t_over_tau, x_over_lam):
    assume(tame(p))
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    x, t = x_over_lam * p["lam"], t_over_tau * tau
    assert close(numeric.nz_profile(x, t, **p), nmp.nz_profile(x, t, **p), 1e-10)


def test_definitions_match_mpmath():
    assert close(numeric.j0(n=8.5e28, a=2.5e-10, m_eff=9.1e-31), nmp.j0(n=8.5e28, a=2.5e-10, m_eff=9.1e-31))
    assert close(numeric.eps0(a=2.5e-10, m_eff=9.1e-31), nmp.eps0(a=2.5e-10, m_eff=9.1e-31))


# --- against direct computation -------------------------------------------------------------

def test_v_star_against_direct_k_quadrature_at_small_broadening():
    import sympy as sp
    from derivation.electrons import torque as tq
    from derivation.estimate import CODATA
    from derivation.symbols import (E_field, J_sd, S, T, a, delta_k, eta, hbar, k, m_eff, mu, n_e, tau_el)
    values = {a: 3e-10, m_eff: 9.109e-31, T: 300, J_sd: 2e-21, S: 1.5, n_e: 5e28,
              E_field: 1e3, tau_el: 1e-14, **CODATA}
    values[delta_k] = sp.pi / (2 * values[a])
    eps0_v = float(numeric.eps0(a=3e-10, m_eff=9.109e-31))
    values[mu] = eps0_v + 0.7 * 1.380649e-23 * 300
    with mp.workdps(30):
        integrand = tq.torque_integrand(eta).subs(values)
        kT = 1.380649e-23 * 300
        f = sp.lambdify(k, integrand.subs(eta, 1e-6 * kT).doit(), "mpmath")
        width = float((1e-6 * kT) * values[m_eff] / (2 * float(CODATA[hbar]) ** 2 * float(values[delta_k])))
        T_quad = k_quadrature(f, width, float(sp.pi / values[a]))
    j_v = float(5e28 * 1.602176634e-19**2 * 1e-14 * 1e3 / 9.109e-31)
    j0_v = numeric.j0(n=5e28, a=3e-10, m_eff=9.109e-31)
    direct = -1e-8 * 2e-21 * float(T_quad) / (2 * 0.05 * numeric.HBAR)
    v = numeric.v_star(j=j_v, j0=j0_v, T=300, mu=float(values[mu]), eps0=eps0_v, alpha=0.05,
                       lam=1e-8, J_sd=2e-21, S=1.5)
    # finite η: Sokhotski–Plemelj's error is O(η/k_BT) = 1e-6 (measured: 0.23 η/k_BT, falling
    # a decade per decade of η), the 30-digit quadrature's far below it
    assert v == pytest.approx(direct, rel=1e-6)


def _rates(p, equations):
    """(ξ̇0, Ẋ) at ξ0 of ``equations`` with the numbers of ``p`` (SI, CODATA's ħ)."""
    from derivation import symbols as sy
    from derivation.estimate import CODATA
    values = {getattr(sy, k): v for k, v in p.items()}
    return rates_of(equations, {**values, sy.hbar: CODATA[sy.hbar]})


def _printed_equations(p):
    """The letter's (12a)-(12b) as printed (S∥ as given)."""
    from derivation.audit.letter import printed
    return _rates(p, (printed("12a").expr, printed("12b").expr))


@settings(max_examples=10)
@given(wall)
def test_relaxation_matches_ode_integration(p):
    from scipy.integrate import solve_ivp
    keys = ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")
    tau = numeric.tau_dw(**{k: p[k] for k in keys})
    rates = _printed_equations(p)

    def rhs(s, y):  # s = t/τ; (12a)-(12b) as printed, solved for (ξ̇0, Ẋ) at each step
        return rates(y[0]) * tau

    times = np.array([0.01, 0.5, 3.0])
    scale = np.array([abs(numeric.xi0_star(**p)), abs(numeric.v_star_from_torque(
        **{k: p[k] for k in ("T_perp", "alpha", "lam", "J_sd")})) * tau]) + 1e-300
    sol = solve_ivp(rhs, (0, 3.0), [0.0, 0.0], t_eval=times, method="DOP853", rtol=1e-12,
                    atol=1e-15 * scale)
    xi, V, X = numeric.relaxation(times * tau, **p)
    assert np.allclose(sol.y[0], xi, rtol=1e-8, atol=1e-9 * scale[0])
    assert np.allclose(sol.y[1], X, rtol=1e-7, atol=1e-9 * scale[1])


@given(wall, signed)
def test_xi0_star_is_the_printed_form_and_where_the_relaxation_ends(p, S_z):
    # S_z = 0: the exact ξ0* the letter prints in (15) (its verdict: agrees); any S_z: the
    # long-time value of numeric.relaxation (checked against ODE integration above)
    from derivation import symbols as sy
    from derivation.estimate import CODATA
    from derivation.audit.letter import entry
    values = {getattr(sy, k): v for k, v in p.items()}
    printed = float(entry("15", sy.xi0_star).expr.subs(values).subs(CODATA))
    assert close(numeric.xi0_star(**p), printed, 1e-12)
    p = {**p, "S_z": S_z}
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    late = numeric.relaxation(60 * tau, **p)[0]
    assert abs(late - numeric.xi0_star(**p)) <= 1e-12 * abs(numeric.xi0_star(**p))


@settings(max_examples=10)
@given(wall, signed)
def test_relaxation_with_sz_matches_ode_integration(p, S_z):
    # the ⟨s_z⟩ term that (10) drops, kept: the kernel (dsolve, written with ξ0*, V*, V_z,
    # τ_DW, generated) against solve_ivp of the derived equations with the term
    from scipy.integrate import solve_ivp
    p = {**p, "S_z": S_z}
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    from derivation.wall.equations_of_motion import equations_of_motion
    rates = _rates(p, equations_of_motion(keep_sz=True))  # as derived, with the ⟨s_z⟩ term

    def rhs(s, y):
        return rates(y[0]) * tau

    times = np.array([0.01, 0.5, 3.0])
    xi, V, X = numeric.relaxation(times * tau, **p)
    _, V_end, X_end = numeric.relaxation(30 * tau, **p)
    # scales: ξ0*, and X over 3τ (both T⊥ and S_z drive them; either may dominate)
    scale = np.array([abs(numeric.xi0_star(**p)), max(abs(X_end) / 10, abs(V_end) * tau)]) + 1e-300
    sol = solve_ivp(rhs, (0, 3.0), [0.0, 0.0], t_eval=times, method="DOP853", rtol=1e-12,
                    atol=1e-15 * scale)
    assert np.allclose(sol.y[0], xi, rtol=1e-8, atol=1e-9 * scale[0])
    assert np.allclose(sol.y[1], X, rtol=1e-7, atol=1e-8 * scale[1])
    V_ode = np.array([rates(y)[1] for y in sol.y[0]])
    assert np.allclose(V_ode, V, rtol=1e-7, atol=1e-8 * scale[1] / tau)
    # and the mpmath twin at 50 digits
    for got, ref in zip(numeric.relaxation(times * tau, **p), nmp.relaxation(times[1] * tau, **p)):
        assert close(got[1], ref, 1e-10) or abs(got[1] - float(ref)) <= 1e-12 * scale[1] / tau


def _printed_zero_mode(p):
    import sympy as sp
    from derivation import symbols as sy
    from derivation.audit.letter import printed
    expr = printed("6", "Phi0").expr.subs({sy.a: p["a"], sy.lam: p["lam"]})
    return sp.lambdify(sy.x, expr, "mpmath")


@given(wall, st.floats(-5, 5), st.floats(0.01, 5))
def test_nz_profile_is_cos_theta_of_the_ansatz(p, x_over_lam, t_over_tau):
    assume(tame(p))
    keys = ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")
    tau = numeric.tau_dw(**{k: p[k] for k in keys})
    t = t_over_tau * tau
    xi, _, X = numeric.relaxation(t, **p)
    x = X + x_over_lam * p["lam"]  # near the wall, wherever it has moved
    Phi0 = _printed_zero_mode(p)(x - X)  # Eq. (6) as printed
    theta = mp.pi / 2 + xi * Phi0  # Eq. (8), cos θ in 50 digits
    assert close(numeric.nz_profile(x, t, **p), mp.cos(theta), 1e-9)


def test_eq17_is_the_linear_terminal_limit_of_nz_profile():
    import sympy as sp
    from derivation.audit.letter import printed
    from derivation import symbols as sy
    p = dict(alpha=0.02, a=2.5e-10, lam=2e-8, kappa=4e-9, J=2e-21, S=1.0, J_sd=1e-21, S_par=0.0)
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    t = 200 * tau
    f17 = sp.lambdify((sy.x, sy.X, sy.T_perp), printed("17", "n_z").expr.subs(
        {sy.alpha: p["alpha"], sy.a: p["a"], sy.lam: p["lam"], sy.kappa: p["kappa"], sy.J: p["J"],
         sy.S: p["S"], sy.J_sd: p["J_sd"]}), "numpy")
    ratios = []
    for T_perp in (1e-5, 1e-6, 1e-7):
        X = numeric.relaxation(t, T_perp=T_perp, **p)[2]
        x = X + 0.3 * p["lam"]
        ratios.append(numeric.nz_profile(x, t, T_perp=T_perp, **p) / f17(x, X, T_perp) - 1)
    # the error is O(ξ0²): two decades per decade of T⊥
    assert abs(ratios[2]) < 1e-7 and abs(ratios[2]) < 0.02 * abs(ratios[1]) < 0.02**2 * abs(ratios[0])


# --- properties ---------------------------------------------------------------------------

@given(electrons, st.floats(-5, 5))
def test_torque_is_odd_and_linear_in_j(e, factor):
    base = numeric.torque_perp(**e)
    assert numeric.torque_perp(**{**e, "j": -e["j"]}) == pytest.approx(-base, rel=1e-14, abs=0)
    assert numeric.torque_perp(**{**e, "j": factor * e["j"]}) == pytest.approx(factor * base, rel=1e-13, abs=1e-300)


@given(electrons, st.floats(0, 50))
def test_sech2_is_symmetric_about_half_filling(e, y):
    shift = y * 1.380649e-23 * e["T"]
    up = numeric.torque_perp(**{**e, "mu": e["eps0"] + shift})
    down = numeric.torque_perp(**{**e, "mu": e["eps0"] - shift})
    assert up == pytest.approx(down, rel=1e-12, abs=1e-300)


@given(wall)
def test_velocity_reaches_v_star(p):
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    V = numeric.relaxation(1000 * tau, **p)[1]
    Vs = numeric.v_star_from_torque(**{k: p[k] for k in ("T_perp", "alpha", "lam", "J_sd")})
    assert V == pytest.approx(Vs, rel=1e-14, abs=1e-300)


def test_extreme_arguments_give_no_warning_and_the_right_limits():
    e = dict(j=1e11, j0=1e16, T=1.0, eps0=1e-19, J_sd=1e-21)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for y in (1e2, 1e3, 1e4, 1e5):  # |ε0 - µ|/k_BT up to 1e5
            mu = e["eps0"] - y * 1.380649e-23 * e["T"]
            value = numeric.torque_perp(**e, mu=mu)
            assert value >= 0 and close(value, nmp.torque_perp(**e, mu=mu))
        p = dict(T_perp=1e-3, alpha=0.01, a=2e-10, lam=1e-8, kappa=5e-9, J=1e-21, S=1.0, J_sd=1e-21)
        tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd")})
        t = np.array([0.0, 1e-12, 1.0, 1e3]) * tau
        xi, V, X = numeric.relaxation(t, **p)
        assert xi[0] == 0 and X[0] == 0 and np.all(np.isfinite(X))
        far = numeric.nz_profile(np.array([-1e3, 1e3]) * p["lam"], t[-1], **p)
        assert np.all(np.abs(far) < 1e-300)


def test_arrays_broadcast_and_scalars_return_floats():
    e = dict(j0=1e16, T=300.0, mu=1e-19, eps0=1e-19, J_sd=1e-21)
    out = numeric.torque_perp(j=np.linspace(-1e11, 1e11, 5)[:, None], **{**e, "T": np.array([100.0, 300.0])})
    assert out.shape == (5, 2)
    assert isinstance(numeric.torque_perp(j=1e11, **e), float)


_WALL = dict(alpha=0.01, a=2e-10, kappa=5e-9, J=1e-21, S=1.0)
_ELECTRONS = dict(j=1e11, j0=1e16, T=300.0, mu=2e-19, eps0=2e-19, S=1.0, J_sd=4e-21)


@pytest.mark.parametrize("call,name", [
    # the generated functions (numeric, numeric.mp)
    (lambda: numeric.tau_dw(**{**_WALL, "alpha": 0.0}), "alpha"),
    (lambda: numeric.tau_dw(**{**_WALL, "alpha": float("nan")}), "alpha"),
    (lambda: numeric.tau_dw(**{**_WALL, "a": -1e-10}), "a"),
    (lambda: numeric.tau_dw(**{**_WALL, "kappa": float("inf")}), "kappa"),
    (lambda: numeric.tau_dw(**_WALL, J_sd=-1e-19, S_par=1e-9), "J_sd"),
    (lambda: numeric.torque_perp(**{**_ELECTRONS, "j0": 0.0}), "j0"),
    (lambda: numeric.torque_perp(**{**_ELECTRONS, "T": -1.0}), "T"),
    (lambda: numeric.relaxation(-1.0, T_perp=1e-3, lam=1e-8, J_sd=1e-21, **_WALL), "t"),
    (lambda: numeric.v_star(**{**_ELECTRONS, "j": np.array([1.0, np.nan])}, alpha=0.01,
                            lam=1e-8), "j"),
    (lambda: nmp.torque_perp(**{**_ELECTRONS, "T": 0}), "T"),
    # beyond the letter (numeric.nonlinear, numeric.beyond_born: their own checks)
    (lambda: numeric.nonlinear_relaxation(1e-12, T_perp=1e-5, lam=1e-8, J_sd=1e-21,
                                          **{**_WALL, "alpha": -0.1}), "alpha"),
    (lambda: numeric.nonlinear_relaxation(1e-12, T_perp=1e-5, lam=0.0, J_sd=1e-21, **_WALL), "lam"),
    (lambda: numeric.nonlinear_relaxation(1e-12, T_perp=1e-5, lam=1e-8, J_sd=float("nan"),
                                          **_WALL), "J_sd"),
    (lambda: numeric.nonlinear_relaxation(1e-12, T_perp=float("inf"), lam=1e-8, J_sd=1e-21,
                                          **_WALL), "T_perp"),
    (lambda: numeric.torque_perp_beyond_born(**_ELECTRONS, tau_el=0.0), "tau_el"),
    (lambda: numeric.torque_perp_beyond_born(**{**_ELECTRONS, "T": -1.0}, tau_el=1e-14), "T"),
    (lambda: numeric.torque_perp_beyond_born(**{**_ELECTRONS, "j0": float("nan")}, tau_el=1e-14),
     "j0"),
])
def test_bad_input_raises_value_error_naming_the_argument(call, name):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        call()


# --- generation ----------------------------------------------------------------------------

@pytest.mark.parametrize("modules,absent", [
    # numeric's promise (its docstring): neither the derivation nor an optional library
    ("numeric, numeric.mp", ("sympy", "derivation", "numba", "scipy", "pint", "dask")),
    # the spin chain: NumPy only, SciPy and numba on first use
    ("numeric.llg", ("sympy", "derivation", "numba", "scipy", "dask")),
    # the opza command's parser: each command imports what it needs when it runs
    ("opza.cli", ("sympy", "numpy")),
])
def test_importing_loads_nothing_it_does_not_need(modules, absent):
    code = f"import sys, {modules}; print(sorted(m for m in {absent!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_generated_kernels_are_not_stale():
    # every generated module of numeric/: the NumPy, mpmath, numba and beyond-the-letter ones
    from derivation.export import codegen
    assert not codegen.stale(), "stale: run python -m derivation.export.codegen"


def test_stable_rewrites_are_identities():
    import sympy as sp
    from derivation.export.codegen.kernels import kernels
    from derivation.export.codegen.modules import assembled
    for kernel in kernels():
        for _, expr, _ in kernel.outputs:
            raw = assembled(kernel, expr, False)
            new = assembled(kernel, expr, True).replace(
                sp.Function("_exp_remainder"), sp.Lambda(sp.Symbol("s"), sp.exp(-sp.Symbol("s")) - 1 + sp.Symbol("s")))
            new = new.rewrite(sp.exp)
            free = sorted(raw.free_symbols | new.free_symbols, key=str)
            rng = np.random.default_rng(7)
            for _ in range(3):
                point = {s: sp.Float(int(rng.integers(50, 200)) / 100, 45)
                         * (1 if s.is_positive or str(s) == "t" else int(rng.choice([-1, 1])))
                         for s in free}
                a_, b_ = raw.evalf(40, subs=point), new.evalf(40, subs=point)
                assert abs(complex(a_ - b_)) <= 1e-25 * max(1.0, abs(complex(a_))), kernel.name


def test_kernel_units_parse_in_pint_with_the_symbol_tables_dimensions():
    import pint  # in the test extra: a missing pint fails here, it does not skip
    from sympy.physics import units as su
    from derivation.export.codegen.kernels import ARGUMENT_NAMES, kernels
    from derivation import symbols as sy
    ureg = pint.UnitRegistry()
    base = [su.kilogram, su.meter, su.second, su.ampere, su.kelvin]

    def sympy_dims(unit):  # exponents of kg, m, s, A, K, by sympy's own conversion
        powers = su.convert_to(unit, base).as_powers_dict()
        return {str(b): float(e) for b, e in powers.items() if b in base}

    def pint_dims(text):
        return {k: float(v) for k, v in ureg(text).to_base_units().units._units.items()}
    by_name = {v: k for k, v in ARGUMENT_NAMES.items()}
    for kernel in kernels():
        for arg, text in numeric.kernels.UNITS[kernel.name].items():
            assert pint_dims(text) == sympy_dims(sy.entry(by_name[arg]).unit), (kernel.name, arg)
        for (_, _, unit), text in zip(kernel.outputs, numeric.kernels.RESULT_UNITS[kernel.name]):
            unit = sy.entry(unit).unit if unit in sy.TABLE else unit
            assert pint_dims(text) == sympy_dims(unit), (kernel.name, text)


@given(decades(-9, -6), st.floats(-700, 700))
def test_wall_angle_solves_the_static_wall_equation(lam, x_over_lam):
    # the static Euler–Lagrange equation of Eq. (1) in-plane, λ²ϕ'' = sin ϕ cos ϕ, has the
    # first integral λϕ' = sin ϕ for a wall from ϕ = 0 to π: checked on the mpmath kernel
    # (numerical derivative; 120 digits resolve sin ϕ next to π up to |x/λ| = 40), and the
    # float kernel against it everywhere
    x = x_over_lam * lam
    phi = nmp.wall_angle(x, lam=lam)
    assert 0 <= phi <= mp.pi and close(numeric.wall_angle(x, lam=lam), phi)
    with mp.workdps(120):
        y = mp.mpf(max(-40.0, min(40.0, x_over_lam))) * lam
        phi = nmp.wall_angle(y, lam=lam)
        slope = mp.diff(lambda z: nmp.wall_angle(z, lam=lam), y)
        assert abs(lam * slope - mp.sin(phi)) <= mp.mpf("1e-30") * mp.sin(phi)
