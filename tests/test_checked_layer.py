"""The checked layer of numeric and numeric.mp (numeric/_api.py, numeric/_checks.py): one factory,
extremes, units, dask, imports; the factory also called at test time (numeric builds its functions
at import, before a mutant is chosen), and the checks message by message."""
import inspect
import math
import re
import warnings

import mpmath as mp
import numpy as np
import pytest

import numeric
import numeric.mp as nmp
from numeric import _api, _checks, _kernels

# a physical point for every argument of every kernel (SI)
BASE = dict(j=1e11, j0=1e16, T=300.0, mu=0.0, eps0=1e-19, alpha=0.01, lam=1e-8, J_sd=1e-21, S=1.0,
            T_perp=1e-3, a=2e-10, kappa=5e-9, J=1e-21, S_par=0.0, t=1e-12, x=1e-9, n=1e29,
            m_eff=9e-31, S_z=1e-15)


def arguments(name: str, **changes) -> dict:
    return {**{arg: BASE[arg] for arg, _ in numeric.kernels.DOMAINS[name]}, **changes}


def test_numeric_and_mp_share_the_generated_signatures():
    for name in numeric.kernels.PUBLIC:
        sig = inspect.signature(getattr(numeric, name))
        assert sig == inspect.signature(getattr(nmp, name))
        assert [p.name for p in sig.parameters.values()] == \
            [arg for arg, _ in numeric.kernels.DOMAINS[name]]
        for p in sig.parameters.values():
            positional = p.name in numeric.kernels.POSITIONAL[name]
            assert p.kind == (p.POSITIONAL_OR_KEYWORD if positional else p.KEYWORD_ONLY)
            default = numeric.kernels.DEFAULTS[name].get(p.name, p.empty)
            assert p.default == default and type(p.default) is type(default)
        assert "Eq. (" + numeric.kernels.EQUATIONS[name] + ")" in getattr(numeric, name).__doc__


def test_defaults_are_used_alike_by_numeric_and_mp():
    p = {k: v for k, v in arguments("v_star").items() if k != "S"}
    with mp.workdps(30):
        assert numeric.v_star(**p) == pytest.approx(float(nmp.v_star(**p)), rel=1e-13)
        assert numeric.v_star(**p) == numeric.v_star(**p, S=1.0)


@pytest.mark.parametrize("module", [numeric, nmp])
def test_none_is_not_a_real_number(module):
    with pytest.raises(ValueError, match=r"^v_star: T must be a real number, got None$"):
        module.v_star(**arguments("v_star", T=None))


def test_arrays_with_none_or_strings_are_rejected_by_name():
    with pytest.raises(ValueError, match="v_star: mu must be an array of real numbers"):
        numeric.v_star(**arguments("v_star", mu=[0.0, None]))
    with pytest.raises(ValueError, match="v_star: lam must be a real number"):
        numeric.v_star(**arguments("v_star", lam="1e-8"))


def _float(value):
    return tuple(float(v) for v in value) if isinstance(value, tuple) else float(value)


def _agree(got, ref, rel=1e-12):
    """Relative to the reference's own size; a reference below the normal range must be ~0."""
    for g, r in zip(np.atleast_1d(got), np.atleast_1d(ref)):
        if abs(r) < 1e-290:
            assert abs(g) < 1e-280
        else:
            assert abs(g - r) <= rel * abs(r), (g, r)


@pytest.mark.parametrize("name", [n for n in numeric.kernels.PUBLIC
                                  if {"T", "mu", "j"} & set(numeric.kernels.UNITS[n])])
@pytest.mark.parametrize("change", [dict(T=1e-300), dict(mu=1e300), dict(mu=-1e300), dict(j=1e300),
                                    dict(j=-1e300), dict(T=1e-300, mu=1e-19)])
def test_extremes_give_the_correct_float_or_an_error_without_warnings(name, change):
    p = arguments(name, **{k: v for k, v in change.items() if k in numeric.kernels.UNITS[name]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", numeric.UnphysicalWarning)  # |V| ≥ c: meant, tested apart
        try:
            got = getattr(numeric, name)(**p)
        except ValueError as exc:
            got = exc
    with mp.workdps(50):
        ref = _float(getattr(nmp, name)(**p))
    if all(math.isfinite(r) for r in np.atleast_1d(ref)):
        assert not isinstance(got, ValueError), got
        _agree(got, ref)
    else:
        assert isinstance(got, ValueError) and "overflows float64" in str(got)


def test_no_argument_at_the_ends_of_float64_gives_a_warning_or_a_nan():
    for name in numeric.kernels.PUBLIC:
        for arg, _ in numeric.kernels.DOMAINS[name]:
            for value in (5e-324, 1e-300, 1e300, 1.7e308, -1e300):
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    warnings.simplefilter("ignore", numeric.UnphysicalWarning)  # |V| ≥ c: meant
                    try:
                        out = getattr(numeric, name)(**arguments(name, **{arg: value}))
                    except ValueError as exc:
                        assert str(exc).startswith(f"{name}: "), exc
                        continue
                assert np.all(np.isfinite(out)), (name, arg, value)


def test_the_error_of_a_result_beyond_float64_names_the_point():
    with pytest.raises(ValueError, match=r"overflows float64 at .*J_sd=1e\+300"):
        numeric.v_star(**arguments("v_star", J_sd=1e300))


def test_quantities_are_converted_to_the_arguments_si_unit():
    import pint  # in the test extra: a missing pint fails here, it does not skip
    ureg = pint.UnitRegistry()
    si = arguments("v_star", J_sd=2e-3 * 1.602176634e-19, lam=10e-9, T=300.0, j=1e11)
    with_units = {**si, "J_sd": ureg("2 meV"), "lam": ureg("10 nm"), "T": ureg.Quantity(26.85, "degC"),
                  "j": ureg("1e7 A/cm^2"), "alpha": ureg("0.01 dimensionless")}
    # quantities in, a quantity out (in m/s); bare numbers in, a bare float out
    assert numeric.v_star(**with_units).m_as("m/s") == pytest.approx(numeric.v_star(**si), rel=1e-12)
    with mp.workdps(30):
        assert float(nmp.v_star(**with_units).m_as("m/s")) == pytest.approx(numeric.v_star(**si),
                                                                           rel=1e-12)
    with pytest.raises(ValueError, match=r"v_star: lam must be in m .*second"):
        numeric.v_star(**{**si, "lam": ureg("3 s")})


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
