"""numeric.compiled: the numba loops against the NumPy kernels, and the checked layer they share.

numba is in the test extra; under CI=true a missing numba fails here, elsewhere it skips.
Each kernel is compiled for few argument patterns (all arrays, one sweep, one outer product;
lists of at least 2 points, since a single point is a scalar pattern) and cached (cache=True):
the first run costs about a second per kernel, later runs almost none.
"""
import importlib
import inspect
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, strategies as st

import numeric
from test_numeric import decades, electrons, wall


def require_module(name: str):
    """The module ``name``; fails under CI=true, skips (with the reason) elsewhere."""
    try:
        return importlib.import_module(name)
    except ImportError:
        message = f"{name} is not installed (pip install -e '.[test]')"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: the test extra must provide it)")
        pytest.skip(message)


@pytest.fixture(scope="module")
def nc():
    require_module("numba")
    return importlib.import_module("numeric.compiled")


def columns(points: list[dict]) -> dict:
    """A list of parameter dicts as one array per parameter."""
    return {k: np.array([p[k] for p in points]) for k in points[0]}


def assert_close(got, ref, rel=1e-13):
    """|got - ref| ≤ rel·|ref| point by point, below 1e-300 (subnormal range) within 1e-300."""
    for g, r in zip(got if isinstance(got, tuple) else (got,), ref if isinstance(ref, tuple) else (ref,)):
        g, r = np.asarray(g), np.asarray(r)
        assert g.shape == r.shape
        assert np.all(np.abs(g - r) <= np.maximum(rel * np.abs(r), 1e-300)), np.max(np.abs(g / r - 1))


def test_compiled_has_the_public_functions_and_signatures_of_numeric(nc):
    assert nc.__all__ == [n for n in numeric.__all__ if n in numeric.kernels.PUBLIC]
    for name in nc.__all__:
        assert inspect.signature(getattr(nc, name)) == inspect.signature(getattr(numeric, name))
        assert getattr(nc, name).__doc__.startswith(getattr(numeric, name).__doc__.split("\n")[0])


@given(st.lists(wall, min_size=2, max_size=12))
def test_collective_coordinate_kernels_match_numpy(nc, points):
    p = columns(points)
    keys = ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")
    assert_close(nc.tau_dw(**{k: p[k] for k in keys}), numeric.tau_dw(**{k: p[k] for k in keys}))
    assert_close(nc.xi0_star(**p), numeric.xi0_star(**p))
    short = {k: p[k] for k in ("T_perp", "alpha", "lam", "J_sd")}
    assert_close(nc.v_star_from_torque(**short), numeric.v_star_from_torque(**short))


@given(st.lists(st.tuples(wall, st.floats(-3, 3).map(lambda e: 10.0**e), st.floats(-20, 20)),
                min_size=2, max_size=12))
def test_relaxation_and_profile_match_numpy_for_t_over_tau_from_1e_3_to_1e3(nc, draws):
    p = columns([d[0] for d in draws])
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    t = np.array([d[1] for d in draws]) * tau
    assert_close(nc.relaxation(t, **p), numeric.relaxation(t, **p))
    xi, _, X = numeric.relaxation(t, **p)
    x = X + np.array([d[2] for d in draws]) * p["lam"]
    # n_z = -sin y, y = ξ0(t)Φ0(x - X(t)), |y| ≤ |ξ0| √(a/2λ): an ulp of X moves x - X by
    # ulp(X)/λ of a width, so y by |y|·ε·|X|/λ; the scale of the error is |n_z| + |y|(1 + |X|/λ)
    got, ref = nc.nz_profile(x, t, **p), numeric.nz_profile(x, t, **p)
    y = np.abs(numeric.tilt(xi, a=p["a"], lam=p["lam"]))
    scale = np.abs(ref) + y * (1 + np.abs(X) / p["lam"])
    assert np.all(np.abs(got - ref) <= np.maximum(1e-13 * scale, 1e-300))


@given(st.lists(st.tuples(wall, st.floats(-3, 3).map(lambda e: 10.0**e),
                          st.tuples(st.sampled_from([-1.0, 1.0]), st.floats(-20, -10))),
                min_size=2, max_size=12))
def test_relaxation_with_the_sz_term_matches_numpy(nc, draws):
    # S_z ≠ 0: two sources whose parts may cancel, so the scale is the sum of their sizes
    p = columns([d[0] for d in draws])
    p["S_z"] = np.array([sign * 10.0**e for _, _, (sign, e) in draws])
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    t = np.array([d[1] for d in draws]) * tau
    got, ref = nc.relaxation(t, **p), numeric.relaxation(t, **p)
    parts = (numeric.relaxation(t, **{**p, "S_z": 0.0}), numeric.relaxation(t, **{**p, "T_perp": 0.0}))
    for g, r, one, two in zip(got, ref, *parts):
        assert np.all(np.abs(g - r) <= np.maximum(1e-13 * (np.abs(one) + np.abs(two)), 1e-300))
    assert_close(nc.xi0_star(**p), numeric.xi0_star(**p), rel=1e-12)


@given(st.lists(st.tuples(electrons, decades(-4, 0), decades(-9, -6),
                          st.sampled_from([-1.0, 1.0]), st.floats(0, 5).map(lambda e: 10.0**e)),
                min_size=2, max_size=12))
def test_torque_and_master_formula_match_numpy_up_to_y_1e5(nc, draws):
    points = []
    for e, alpha, lam, sign, y in draws:  # |ε0 - µ|/k_BT = y, up to 1e5
        points.append({**e, "alpha": alpha, "lam": lam,
                       "mu": e["eps0"] + sign * y * numeric.K_B * e["T"]})
    p = columns(points)
    electron_args = {k: p[k] for k in ("j", "j0", "T", "mu", "eps0", "J_sd", "S")}
    assert_close(nc.torque_perp(**electron_args), numeric.torque_perp(**electron_args))
    assert_close(nc.v_star(**p), numeric.v_star(**p))


@given(electrons, decades(-4, 0), decades(-9, -6), st.lists(decades(0, 3.5), min_size=2, max_size=12))
def test_a_temperature_sweep_with_scalar_arguments_matches_numpy(nc, e, alpha, lam, temperatures):
    p = {**e, "alpha": alpha, "lam": lam, "T": np.array(temperatures)}
    assert_close(nc.v_star(**p), numeric.v_star(**p))


def test_definitions_and_subnormal_results_are_kept(nc):
    n, a, m = 8.5e28, 2.5e-10, 9.1e-31  # scalars in, floats out
    assert isinstance(nc.j0(n=n, a=a, m_eff=m), float) and isinstance(nc.eps0(a=a, m_eff=m), float)
    assert_close(nc.j0(n=n, a=a, m_eff=m), numeric.j0(n=n, a=a, m_eff=m))
    assert_close(nc.eps0(a=a, m_eff=m), numeric.eps0(a=a, m_eff=m))
    # τ_DW in the subnormal range (a huge exchange J): no flush to zero, the same bits as NumPy
    p = dict(alpha=np.array([0.01, 0.02]), a=np.array([2e-10, 2e-10]), kappa=np.array([5e-9, 5e-9]),
             J=np.array([1e280, 3e279]), S=np.array([1.0, 1.0]), J_sd=np.array([0.0, 0.0]),
             S_par=np.array([0.0, 0.0]))
    got = nc.tau_dw(**p)
    assert np.all((got > 0) & (got < 2.2250738585072014e-308))
    assert np.array_equal(got, numeric.tau_dw(**p))


def test_the_loops_exp_is_within_2_ulp_with_exps_zeros_infinities_and_subnormals(nc):
    # _exp replaces libm's exp in the loops (so that they vectorise): to 2 ulp of NumPy's exp
    # and of e^x at 40 digits, subnormal results to their last bit, 0, inf and nan where exp
    # gives them
    import mpmath
    from numeric import _kernels_numba
    rng = np.random.default_rng(12)
    edges = [0.0, -0.0, 5e-324, -5e-324, 1e-300, -1e-17, 1e-17, 0.5 * np.log(2), -0.5 * np.log(2),
             709.78, 709.79, 720.0, 721.0, -708.4, -708.39, -745.13, -745.14, -760.0, -761.0,
             -1e5, 1e5, -1e308, 1e308, -np.inf, np.inf, np.nan]
    x = np.concatenate([rng.uniform(-800, 800, 4000), rng.uniform(-1, 1, 2000),
                        rng.uniform(-746, -708, 2000), edges])
    got = np.array([_kernels_numba._exp(v) for v in x])
    with np.errstate(over="ignore"):
        ref = np.exp(x)
    normal = np.isfinite(ref) & (ref >= np.finfo(float).tiny)
    assert np.all(np.abs(got[normal] - ref[normal]) <= 2 * np.spacing(ref[normal]))
    assert np.all(np.abs(got[~normal & np.isfinite(ref)] - ref[~normal & np.isfinite(ref)]) <= 5e-324)
    assert np.array_equal(got[~np.isfinite(ref)], ref[~np.isfinite(ref)], equal_nan=True)
    with mpmath.workdps(40):
        for v, g in zip(x[normal][::20], got[normal][::20]):
            exact = mpmath.exp(mpmath.mpf(float(v)))
            assert abs(mpmath.mpf(float(g)) - exact) <= 2 * 2.0**-53 * exact


def test_the_loops_expm1_is_within_3_ulp_keeping_small_arguments_digits(nc):
    # _expm1 replaces libm's expm1 in the relaxation loops (so that they vectorise): to 3 ulp of
    # NumPy's expm1 and of e^x - 1 at 40 digits (2p + 1 for x in (ln2/2, 3ln2/2) lands in a
    # lower binade: 2 ulp and a little), x → 0 to full relative precision (x itself below
    # 1e-17, signed zeros kept), -1, inf and nan where expm1 gives them
    import mpmath
    from numeric import _kernels_numba
    rng = np.random.default_rng(13)
    edges = [0.0, -0.0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-17, -1e-17, 0.5 * np.log(2),
             -0.5 * np.log(2), 1.0, -1.0, -37.0, 693.0, 709.78, 709.79, 720.0, 721.0, -745.14,
             -760.0, -761.0, -1e5, 1e5, -1e308, 1e308, -np.inf, np.inf, np.nan]
    x = np.concatenate([rng.uniform(-800, 800, 3000), rng.uniform(-1, 1, 3000),
                        -10.0 ** rng.uniform(-12, 2, 3000), 10.0 ** rng.uniform(-12, 2, 2000),
                        rng.uniform(690, 709.78, 500), edges])
    got = np.array([_kernels_numba._expm1(v) for v in x])
    with np.errstate(over="ignore"):
        ref = np.expm1(x)
    finite = np.isfinite(ref)
    assert np.all(np.abs(got[finite] - ref[finite]) <= 3 * np.spacing(np.abs(ref[finite])))
    assert np.array_equal(got[~finite], ref[~finite], equal_nan=True)
    assert np.array_equal(np.signbit(got[x == 0]), np.signbit(x[x == 0]))
    with mpmath.workdps(40):
        for v, g in zip(x[finite & (x != 0)][::10], got[finite & (x != 0)][::10]):
            exact = mpmath.expm1(mpmath.mpf(float(v)))
            assert abs(mpmath.mpf(float(g)) - exact) <= 3 * np.spacing(abs(float(exact)))


def test_broadcasting_shapes_and_scalars_as_numeric(nc):
    # an outer product (shapes (5, 1) and (2,), the rest scalars): the 2-D loop, zero-stride views
    e = dict(j0=1e16, mu=1e-19, eps0=1e-19, J_sd=1e-21)
    j, T = np.linspace(-1e11, 1e11, 5)[:, None], np.array([100.0, 300.0])
    got = nc.torque_perp(j=j, T=T, **e)
    assert got.shape == (5, 2)
    assert_close(got, numeric.torque_perp(j=j, T=T, **e))


@pytest.mark.parametrize("change,message", [
    (dict(T=np.array([300.0, -1.0])), "v_star: T must be > 0, got -1.0"),
    (dict(mu=np.array([0.0, np.nan])), "v_star: mu must be finite, got nan"),
    (dict(T=None), "v_star: T must be a real number, got None"),
    (dict(alpha=0.0), "v_star: alpha must be > 0, got 0.0"),
    (dict(alpha=np.array([0.01, 0.0])), "v_star: alpha must be > 0, got 0.0"),  # x/0 in the loop
    (dict(T=np.array([0.0, 300.0])), "v_star: T must be > 0, got 0.0"),
    (dict(J_sd=np.array([1e-21, 1e300])), "v_star: the result overflows float64 at"),
])
def test_errors_from_inside_the_loop_are_numerics_errors(nc, change, message):
    p = dict(j=np.array([1e11, 2e11]), j0=np.array([1e16, 1e16]), T=np.array([300.0, 300.0]),
             mu=np.array([0.0, 0.0]), eps0=np.array([1e-19, 1e-19]), alpha=np.array([0.01, 0.01]),
             lam=np.array([1e-8, 1e-8]), J_sd=np.array([1e-21, 1e-21]), S=np.array([1.0, 1.0]))
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace("+", r"\+")):
        nc.v_star(**{**p, **change})


def test_a_correct_finite_result_past_an_intermediate_overflow(nc):
    p = dict(j=np.array([1e11, 1e11]), j0=np.array([1e16, 1e16]), T=np.array([1e-300, 300.0]),
             mu=np.array([0.0, 0.0]), eps0=np.array([1e-19, 1e-19]), alpha=np.array([0.01, 0.01]),
             lam=np.array([1e-8, 1e-8]), J_sd=np.array([1e-21, 1e-21]), S=np.array([1.0, 1.0]))
    got = nc.v_star(**p)  # k_BT = 1e-323: 1/k_BT overflows, sech² underflows to 0
    assert got[0] == 0 and np.array_equal(got, numeric.v_star(**p))


def test_unstable_wall_is_an_error_in_the_loop(nc):
    p = dict(alpha=np.array([0.01, 0.01]), a=np.array([2e-10, 2e-10]), kappa=np.array([5e-9, 5e-9]),
             J=np.array([1e-21, 1e-21]), S=np.array([1.0, 1.0]), J_sd=np.array([1e-21, -1e-19]),
             S_par=np.array([0.0, 1e-9]))
    with pytest.raises(ValueError, match="unstable wall"):
        nc.tau_dw(**p)


def test_import_without_numba_names_the_extra():
    code = ("import sys; sys.modules['numba'] = None\n"
            "try:\n    import numeric.compiled\nexcept ImportError as e:\n    print(e)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'opza[fast]'" in out.stdout
