"""Fast checks of what mutation testing targets and the other fast tests leave open.

codegen's stable rewrites on small expressions (each an identity, each keeping float64's
digits where the plain form loses them), the factory of numeric's checked layer called at
test time (numeric builds its functions at import), and verdicts.compare_integrands.
"""
import math
import re

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

import numeric
from numeric import _api, _checks, _kernels

y = sp.Symbol("y", real=True)
tau = sp.Symbol("tau", positive=True)


@pytest.fixture(scope="module")
def cg():
    from derivation.export.codegen import rewrites
    return rewrites


@pytest.fixture(scope="module")
def time():
    from derivation import symbols
    return symbols.t


@pytest.fixture(autouse=True)
def fifty_digits():
    with mp.workdps(50):
        yield


def _float(expr, **values):
    """``expr`` in float64, φ(s, m) by the generated helper."""
    from derivation.export.codegen import rewrites
    _, helper = rewrites.remainder_helper()
    phi = sp.lambdify(sorted(helper.free_symbols, key=str)[::-1], helper, "math")  # (s, m)
    free = sorted(expr.free_symbols, key=str)
    f = sp.lambdify(free, expr, [{"expm1": np.expm1, "_exp_remainder_m": phi}, "numpy"])
    return float(f(*(values[str(s)] for s in free)))


# --- codegen: the stable rewrites -----------------------------------------------------------

def test_cosh_rewrite_gives_sech_squared_without_overflow(cg):
    sech2 = 3 / sp.cosh(y) ** 2
    new = cg.stable(sech2, ("cosh",))
    assert not new.atoms(sp.cosh)
    for value in (-800.0, -3.0, 0.0, 0.5, 2.0, 800.0):
        exact = 3 * mp.sech(value) ** 2
        got = _float(new, y=value)
        assert abs(got - exact) <= 1e-14 * exact or (exact < 1e-300 and got == 0.0), (value, got)
    assert cg.stable(sech2, ()) == sech2  # nothing asked, nothing rewritten


def test_every_cosh_is_rewritten(cg):
    z = sp.Symbol("z", real=True)
    new = cg.stable(1 / (sp.cosh(y) * sp.cosh(z)), ("cosh",))
    assert not new.atoms(sp.cosh)
    assert _float(new, y=3.0, z=-2.0) == pytest.approx(float(mp.sech(3) * mp.sech(-2)), rel=1e-14)


def test_expm1_rewrite_keeps_the_digits_of_one_minus_a_decay(cg, time):
    new = cg.stable(1 - sp.exp(-time / tau), ("expm1",))
    assert not new.atoms(sp.exp)
    for s in (1e-15, 1e-8, 0.3, 5.0, 50.0):
        exact = -mp.expm1(-mp.mpf(s))
        assert abs(_float(new, t=s, tau=1.0) - exact) <= 1e-15 * exact, s
    assert cg.stable(1 - sp.exp(-time / tau), ()) == 1 - sp.exp(-time / tau)


def test_remainder_rewrite_keeps_the_digits_of_a_position_that_cancels(cg, time):
    # X(t) ∝ t - τ(1 - e^{-t/τ}): its two terms cancel at small t/τ
    X = time - tau * (1 - sp.exp(-time / tau))
    new = cg.share_expm1(cg.stable(X, ("expm1", "remainder")))
    assert not new.atoms(sp.exp)
    for s in (1e-9, 1e-4, 2e-3, 0.7, 30.0):
        exact = mp.mpf(s) - (1 - mp.exp(-mp.mpf(s)))
        # φ's documented accuracy: 2ε/s above s = 1/1000, 1e-17 below
        assert abs(_float(new, t=s, tau=1.0) - exact) <= 5e-13 * exact, s
    # without the remainder rewrite, expm1 alone: equal, but not what the kernel needs
    plain = cg.stable(X, ("expm1",))
    assert _float(plain, t=0.7, tau=1.0) == pytest.approx(float(mp.mpf(0.7) - 1 + mp.exp(-0.7)), rel=1e-14)


def test_remainder_is_used_only_where_a_term_grows_with_t(cg, time):
    # 1 - e^{-s} has no term linear in t: the remainder is not needed, expm1 is used
    new = cg.stable(1 - sp.exp(-time / tau), ("expm1", "remainder"))
    assert new.atoms(sp.Function) and not any(f.func == cg._phi for f in new.atoms(sp.Function))
    assert _float(new, t=1e-12, tau=1.0) == pytest.approx(1e-12, rel=1e-11)


def test_a_cosh_of_t_is_not_taken_for_the_relaxation_decay(cg, time):
    # e^{-|t|/τ} from the cosh rewrite is not a relaxation e^{-t/τ}: no expm1 comes in
    new = cg.stable(1 / sp.cosh(time / tau), ("cosh", "expm1"))
    from sympy.codegen.cfunctions import expm1
    assert not new.atoms(sp.cosh) and not new.atoms(expm1)
    assert _float(new, t=900.0, tau=1.0) == pytest.approx(float(mp.sech(900)), rel=1e-13)


def test_remainder_helper_is_phi_to_float_precision_on_both_sides_of_its_threshold(cg):
    name, helper = cg.remainder_helper()
    assert name == "_exp_remainder"
    s_, m_ = sorted(helper.free_symbols, key=str)[::-1]  # (s, m)
    f = sp.lambdify((s_, m_), helper, "math")
    for s in np.concatenate([np.geomspace(1e-12, 0.5, 60), [9.99e-4, 1e-3, 1.001e-3, 3.0, 40.0]]):
        exact = mp.exp(-mp.mpf(s)) - 1 + mp.mpf(s)
        got = f(float(s), math.expm1(-float(s)))
        assert abs(got - exact) <= 5e-13 * exact, s


def test_remainder_helper_needs_expm1_only_from_its_threshold_on(cg):
    _, helper = cg.remainder_helper()
    s_, m_ = sorted(helper.free_symbols, key=str)[::-1]
    f = sp.lambdify((s_, m_), helper, "math")
    below = float(cg.REMAINDER_BELOW)
    assert below == 1 / 20
    assert math.isfinite(f(0.9998 * below, math.nan))  # the series: m unused
    assert math.isnan(f(below, math.nan)) and math.isnan(f(1.0002 * below, math.nan))


def test_remainder_series_is_the_shortest_accurate_to_1e_17_at_the_threshold(cg):
    _, helper = cg.remainder_helper()
    series = helper.args[0][0]
    s_ = sorted(series.free_symbols, key=str)[0]
    poly = sp.Poly(sp.expand(series), s_)
    with mp.workdps(40):  # φ(1/20) cancels two digits: the reference at 40 of them
        s0 = mp.mpf(1) / 20
        exact = mp.exp(-s0) - 1 + s0

        def error(p):
            return abs(mp.mpf(sp.N(p.as_expr().subs(s_, sp.Rational(1, 20)), 40)) - exact) / exact
        assert error(poly) < 1e-17
        shorter = sp.Poly(sum(c * s_**m for (m,), c in poly.terms() if m < poly.degree()), s_)
        assert error(shorter) > 1e-17


def test_shared_expm1_computes_phi_from_the_same_expm1(cg, time):
    phi = cg._phi(time / tau)
    new = cg.share_expm1(3 * phi)
    (call,) = [f for f in new.atoms(sp.Function) if f.func == cg.PHI_M]
    from sympy.codegen.cfunctions import expm1
    assert call.args == (time / tau, expm1(-time / tau))
    s = 0.25
    assert _float(new, t=s, tau=1.0) == pytest.approx(3 * float(mp.exp(-s) - 1 + s), rel=1e-14)


def test_fewer_calls_keeps_a_product_of_roots_whole(cg):
    a, lam = sp.symbols("a lam", positive=True)
    expr = y * sp.sqrt(a) * sp.sqrt(lam)
    new = cg.fewer_calls(expr)
    roots = [p for p in new.atoms(sp.Pow) if p.exp == sp.Rational(1, 2) or p.exp == -sp.Rational(1, 2)]
    assert len(roots) <= 1 < len([p for p in expr.atoms(sp.Pow) if abs(p.exp) == sp.Rational(1, 2)])
    assert _float(new, y=2.0, a=3e-10, lam=7e-9) == pytest.approx(
        2.0 * math.sqrt(3e-10 * 7e-9), rel=1e-14)


def test_shared_exponentials_compute_one_exp_per_rate(cg):
    z = sp.Symbol("z", real=True)
    exprs = [sp.exp(2 * z) + sp.exp(z), sp.exp(4 * z) * y, sp.exp(y)]
    definitions, new = cg.shared_exponentials(exprs)
    assert len(definitions) == 1  # e^{2z} is not a second base beside e^{z}
    (u, value), = definitions
    assert value == sp.exp(z)
    assert not new[0].atoms(sp.exp) and not new[1].atoms(sp.exp)
    assert new[2] == sp.exp(y)  # an exponential alone is left as it is
    for old, out in zip(exprs, new):
        back = out.subs(u, value)
        point = {z: sp.Rational(3, 7), y: sp.Rational(-5, 3)}
        assert abs(sp.N((back - old).subs(point), 30)) < 1e-25


def test_shared_exponentials_name_each_base_apart(cg):
    z, w = sp.symbols("z w", real=True)
    definitions, new = cg.shared_exponentials([sp.exp(2 * z) + sp.exp(z), sp.exp(3 * w) - sp.exp(w)])
    assert len({u for u, _ in definitions}) == 2 == len(definitions)
    assert {v for _, v in definitions} == {sp.exp(z), sp.exp(w)}
    back = [e.subs({u: v for u, v in definitions}) for e in new]
    assert sp.simplify(back[0] - sp.exp(2 * z) - sp.exp(z)) == 0
    assert sp.simplify(back[1] - sp.exp(3 * w) + sp.exp(w)) == 0


# --- the checked layer's factory, called at test time ---------------------------------------

def test_signatures_follow_the_generated_tables():
    for name in _kernels.PUBLIC:
        sig = _api.signature(name)
        assert [p.name for p in sig.parameters.values()] == [a for a, _ in _kernels.DOMAINS[name]]
        for p in sig.parameters.values():
            coordinate = p.name in _kernels.POSITIONAL[name]
            assert p.kind == (p.POSITIONAL_OR_KEYWORD if coordinate else p.KEYWORD_ONLY)
            assert p.default == _kernels.DEFAULTS[name].get(p.name, p.empty)
            assert p.annotation == "ArrayLike"
        n_out = len(_kernels.RESULTS[name])
        returns = sig.return_annotation
        assert returns.count("float | numpy.ndarray") == n_out
        assert returns.startswith("tuple[") == (n_out > 1)


def test_a_made_function_binds_like_its_signature_and_calls_the_kernel():
    doc = "\n    The relaxation.\n\n    More.\n"
    f = _api.make("relaxation", _api.numpy_backend, "somewhere", doc)
    assert (f.__name__, f.__qualname__, f.__module__) == ("relaxation", "relaxation", "somewhere")
    assert f.__doc__ == "The relaxation.\n\nMore."
    assert str(f.__signature__) == str(_api.signature("relaxation"))
    wall = dict(T_perp=1e-3, alpha=0.01, a=2e-10, lam=1e-8, kappa=5e-9, J=1e-21, S=1.0, J_sd=1e-21)
    got = f(2e-12, **wall)
    bare = _kernels.relaxation(2e-12, *(wall[k] for k in ("T_perp", "alpha", "a", "lam", "kappa", "J",
                                                          "S", "J_sd")), 0.0, 0.0)  # S_par, S_z defaults
    assert got == tuple(float(b) for b in bare)
    assert f(t=2e-12, **wall, S_par=0.0) == got
    with pytest.raises(TypeError, match=r"^relaxation\(\): "):
        f(2e-12, 1e-3, **{k: v for k, v in wall.items() if k != "T_perp"})  # T_perp keyword-only
    with pytest.raises(TypeError, match=r"^relaxation\(\): .*alpha"):
        f(2e-12, **{k: v for k, v in wall.items() if k != "alpha"})


def test_a_made_function_converts_quantities_and_hands_dask_arrays_to_lazy():
    import dask.array as da
    import pint
    ureg = pint.UnitRegistry()
    e = dict(j=1e11, j0=1e16, mu=1e-19, eps0=1e-19, J_sd=1e-21)
    f = _api.make("torque_perp", _api.numpy_backend, "here", "T⊥.")
    assert f(T=ureg.Quantity(26.85, "degC"), **e) == pytest.approx(_checks.outcome(
        "torque_perp", _kernels.torque_perp(1e11, 1e16, 300.0, 1e-19, 1e-19, 1e-21, 1.0), [], ()), rel=1e-12)
    temperatures = np.geomspace(1.0, 3000.0, 50)
    lazy = f(T=da.from_array(temperatures, chunks=10), **e)
    assert isinstance(lazy, da.Array)
    assert np.array_equal(lazy.compute(scheduler="sync"), f(T=temperatures, **e))


# --- verdicts: integrands ------------------------------------------------------------------

def test_integrands_are_judged_pointwise_after_expanding_the_trigonometry():
    from derivation.export.records import as_text
    from derivation.symbols import x
    from derivation.audit.verdicts import compare_integrands
    from derivation.audit.letter import printed
    c = sp.Symbol("c", positive=True)
    v = compare_integrands("15", "V*", sp.sin(2 * x) * c, 2 * sp.sin(x) * sp.cos(x) * c, "a note")
    assert (v.eq, v.quantity, v.status) == ("15", "V*", "agrees")
    assert v.note == "a note"
    assert v.derived == sp.Integral(sp.sin(2 * x) * c, (x, -sp.oo, sp.oo))
    assert v.printed == printed("15", "V*").expr and v.paper_latex == printed("15", "V*").latex
    v = compare_integrands("15", "V*", 3 * sp.sin(2 * x), sp.sin(x) * sp.cos(x), "why")
    assert v.status == "differs" and as_text(v.note) == "derived/printed = 6; why"


def test_lazy_results_are_numpys_chunk_by_chunk_for_several_outputs_and_broadcasts():
    import dask
    import dask.array as da
    wall = dict(T_perp=1e-3, alpha=0.01, a=2e-10, lam=1e-8, kappa=5e-9, J=1e-21, S=1.0, J_sd=1e-21)
    tau = numeric.tau_dw(**{k: wall[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd")})
    t = np.geomspace(1e-3, 1e3, 12)[:, None] * tau
    x = np.linspace(-5, 5, 9) * wall["lam"]
    lazy = _api.lazy("relaxation", _api.numpy_backend, {"t": da.from_array(t, chunks=(5, 1)),
                                                        **wall, "S_par": 0.0, "S_z": 0.0})
    assert isinstance(lazy, tuple) and len(lazy) == 3
    for got, ref in zip(dask.compute(*lazy, scheduler="sync"), numeric.relaxation(t, **wall)):
        assert got.shape == ref.shape and np.array_equal(got, ref)
    # an array argument beside a dask one, chunked differently: broadcast, chunks unified
    nz = _api.lazy("nz_profile", _api.numpy_backend, {"x": da.from_array(x, chunks=4), "t": t,
                                                      **wall, "S_par": 0.0, "S_z": 0.0})
    assert nz.shape == (12, 9) and nz.dtype == np.float64
    assert np.array_equal(nz.compute(scheduler="sync"), numeric.nz_profile(x, t, **wall))


# --- the checks, message by message ---------------------------------------------------------

E = dict(j=1e11, j0=1e16, T=300.0, mu=0.0, eps0=1e-19, alpha=0.01, lam=1e-8, J_sd=1e-21)
WALL = dict(alpha=0.01, a=2e-10, kappa=5e-9, J=1e-21, S=1.0)


def test_return_annotations_name_one_array_per_result():
    assert _api.signature("v_star").return_annotation == "float | numpy.ndarray"
    assert _api.signature("relaxation").return_annotation == \
        "tuple[float | numpy.ndarray, float | numpy.ndarray, float | numpy.ndarray]"


def test_integers_fractions_and_mpf_are_real_numbers_of_any_shape():
    from fractions import Fraction
    ints = _checks.as_float_array("k", "x", [[1, 2], [3, 4]])
    assert ints.dtype == np.float64 and ints.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    exact = np.array([[Fraction(1, 4), mp.mpf("0.5")], [Fraction(3, 2), 2]], dtype=object)
    got = _checks.as_float_array("k", "x", exact)
    assert got.dtype == np.float64 and got.shape == (2, 2) and got.tolist() == [[0.25, 0.5], [1.5, 2.0]]
    floats = np.array([1.5, 2.5])
    assert _checks.as_float_array("k", "x", floats) is floats  # no copy


@pytest.mark.parametrize("value", [True, np.bool_(False), "1e-8", b"1"])
@pytest.mark.parametrize("module", ["numeric", "numeric.mp"])
def test_booleans_and_text_are_not_real_numbers(value, module):
    import importlib
    f = importlib.import_module(module).v_star
    message = rf"^v_star: lam must be a real number, got {re.escape(repr(value))}$"
    with pytest.raises(ValueError, match=message):
        f(**{**E, "lam": value})


def test_mp_names_the_argument_and_value_of_every_rejection():
    import numeric.mp as nmp
    with pytest.raises(ValueError, match=r"^v_star: lam must be an array of real numbers, got \[1\]$"):
        nmp.v_star(**{**E, "lam": [1]})
    with pytest.raises(ValueError, match=r"^v_star: J_sd must be finite, got inf$"):
        nmp.v_star(**{**E, "J_sd": math.inf})
    with pytest.raises(ValueError, match=r"^v_star: T must be > 0, got -1.0$"):
        nmp.v_star(**{**E, "T": -1.0})
    with pytest.raises(ValueError, match=r"^v_star: T must be > 0, got 0$"):
        nmp.v_star(**{**E, "T": 0})


def test_the_first_bad_point_of_an_array_is_named():
    with pytest.raises(ValueError, match=r"^v_star: T must be finite, got nan$"):
        numeric.v_star(**{**E, "T": [300.0, math.nan, 200.0]})
    with pytest.raises(ValueError, match=r"^v_star: T must be > 0, got -2.0$"):
        numeric.v_star(**{**E, "T": [300.0, -2.0, -3.0]})


@pytest.mark.parametrize("module", ["numeric", "numeric.mp"])
def test_a_wall_of_zero_stiffness_is_unstable(module):
    import importlib
    f = importlib.import_module(module).tau_dw
    # a³JS/κ² = 1 exactly, J_sd S∥ = -1 exactly: stiffness 0, no relaxation
    edge = dict(alpha=0.01, a=1.0, kappa=1.0, J=1.0, S=1.0, J_sd=-1.0, S_par=1.0)
    with pytest.raises(ValueError, match=r"^tau_dw: a\*\*3\*J\*S/kappa\*\*2 \+ J_sd\*S_par must be > 0, "
                                         r"got J_sd=-1.0, S_par=1.0 \(unstable wall\)$"):
        f(**edge)
    assert float(f(**{**edge, "S_par": 0.5})) > 0


def test_an_overflowing_stiffness_is_decided_in_arbitrary_precision():
    import numeric.mp as nmp
    # a³JS/κ² = 1e473 and J_sd S∥ = -1e400 (stable), -1e600 (unstable): ∞ - ∞ in float64
    huge = dict(alpha=0.01, a=1e-9, kappa=1e-100, J=1e300, S=1.0, S_par=1e200)
    stable = numeric.tau_dw(**huge, J_sd=-1e200)
    with mp.workdps(30):
        assert stable == pytest.approx(float(nmp.tau_dw(**huge, J_sd=-1e200)), rel=1e-12, abs=1e-300)
    with pytest.raises(ValueError, match=r"got J_sd=-1e\+300, S_par=1e\+200 \(unstable wall\)"):
        numeric.tau_dw(**{**huge, "J_sd": -1e300})
    # in an array: only the undecided points go to mpmath, the unstable one is named
    J_sd = np.array([-1e200, 1e-21, -1e300, -1e250])
    with pytest.raises(ValueError, match=r"got J_sd=-1e\+300, S_par=1e\+200"):
        numeric.tau_dw(**huge, J_sd=J_sd)
    out = numeric.tau_dw(**huge, J_sd=J_sd[:2])
    assert out.shape == (2,) and np.all(np.isfinite(out))


def test_a_result_is_broadcast_to_the_arguments_shape():
    out = _checks.outcome("eps0", np.float64(2.0), [np.ones(3), np.ones((2, 1))], ("a", "m_eff"))
    assert out.shape == (2, 3) and np.all(out == 2.0)
    assert _checks.outcome("eps0", np.float64(2.0), [1.0, 2.0], ("a", "m_eff")) == 2.0


def test_the_error_of_an_overflow_lists_every_argument_of_the_point():
    pattern = (r"^v_star: the result overflows float64 at j=100000000000.0, j0=1e\+16, T=300.0, mu=0.0, "
               r"eps0=1e-19, alpha=0.01, lam=1e-08, J_sd=1e\+300, S=1.0 "
               r"\(numeric.mp evaluates it in arbitrary precision\)$")
    with pytest.raises(ValueError, match=pattern):
        numeric.v_star(**{**E, "J_sd": 1e300})


def test_lazy_tasks_are_named_after_the_kernel():
    import dask.array as da
    lazy = _api.lazy("v_star", _api.numpy_backend,
                     {**E, "T": da.from_array(np.geomspace(1.0, 300.0, 8), chunks=4), "S": 1.0})
    assert any(str(k[0] if isinstance(k, tuple) else k).startswith("opza-v_star")
               for k in dict(lazy.__dask_graph__()))


def test_numpy_arrays_beside_a_dask_array_are_chunked_with_it():
    import dask.array as da
    T = np.geomspace(1.0, 300.0, 8)
    mu = np.linspace(-1e-19, 1e-19, 8)
    lazy = _api.lazy("v_star", _api.numpy_backend, {**E, "T": da.from_array(T, chunks=4), "mu": mu,
                                                    "S": 1.0})
    assert np.array_equal(lazy.compute(scheduler="sync"), numeric.v_star(**{**E, "T": T, "mu": mu}))


def test_refine_evaluates_the_mpmath_twin_at_the_masked_points_only():
    import numeric.mp as nmp
    wall = dict(T_perp=1e-3, alpha=0.01, a=2e-10, lam=1e-8, kappa=5e-9, J=1e-21, S=1.0, J_sd=1e-21,
                S_par=0.0, S_z=0.0)
    t = np.array([1e-13, 2e-12, 5e-11])
    args = [t] + [wall[k] for k, _ in _kernels.DOMAINS["relaxation"][1:]]
    mask = np.array([True, False, True])
    with mp.workdps(30):
        exact = [nmp.relaxation(float(s), **wall) for s in t[mask]]
    for index in range(3):
        got = _checks.refine("relaxation", args, mask, index)
        assert got.dtype == np.float64 and got.shape == (2,)
        for g, e in zip(got, exact):
            assert g == pytest.approx(float(e[index]), rel=1e-14, abs=1e-300)
    # the first result unless another is asked for
    assert np.array_equal(_checks.refine("relaxation", args, mask), _checks.refine("relaxation", args, mask, 0))


def test_refine_without_a_twin_leaves_the_points_undecided():
    mask = np.array([[True, False, True], [False, False, True]])
    out = _checks.refine("no_such_kernel", [np.ones((2, 3))], mask)
    assert out.shape == (3,) and np.all(np.isnan(out))


def test_a_non_finite_later_result_is_refined_by_the_same_output_of_the_twin():
    import numeric.mp as nmp
    wall = dict(T_perp=1e-3, alpha=0.01, a=2e-10, lam=1e-8, kappa=5e-9, J=1e-21, S=1.0, J_sd=1e-21,
                S_par=0.0, S_z=0.0)
    names = tuple(k for k, _ in _kernels.DOMAINS["relaxation"])
    t = np.array([1e-13, 2e-12])
    args = [t] + [wall[k] for k in names[1:]]
    bare = _kernels.relaxation(*args)
    spoilt = (bare[0], np.array([bare[1][0], np.nan]), bare[2])  # an overflow in the second result
    out = _checks.outcome("relaxation", spoilt, args, names)
    with mp.workdps(30):
        exact = float(nmp.relaxation(2e-12, **wall)[1])
    assert out[1][1] == pytest.approx(exact, rel=1e-14) and out[1][0] == bare[1][0]
    assert np.array_equal(out[0], bare[0]) and np.array_equal(out[2], bare[2])
