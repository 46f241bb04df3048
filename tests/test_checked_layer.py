"""The checked layer of numeric and numeric.mp: one factory, extremes, units, dask, imports."""
import inspect
import math
import subprocess
import sys
import warnings

import mpmath as mp
import numpy as np
import pytest

import numeric
import numeric.mp as nmp

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
    assert numeric.v_star(**with_units) == pytest.approx(numeric.v_star(**si), rel=1e-12)
    with mp.workdps(30):
        assert float(nmp.v_star(**with_units)) == pytest.approx(numeric.v_star(**si), rel=1e-12)
    with pytest.raises(ValueError, match=r"v_star: lam must be in m .*second"):
        numeric.v_star(**{**si, "lam": ureg("3 s")})


def test_numeric_import_loads_no_optional_library():
    code = ("import sys, numeric, numeric.mp; print(sorted(m for m in ('sympy', 'numba', 'scipy', "
            "'pint', 'dask', 'derivation') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
