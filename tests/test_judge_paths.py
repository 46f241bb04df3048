"""The cheap paths of verdicts.judge, each on its own: the random point (``_sample``), the
rational it suggests (``_rational``) and the proof by expand/cancel (``_proven_zero``).

judge's result does not depend on them (a failed cheap path falls back to ``simplify``),
so the judge tests alone cannot tell a broken cheap path from a working one: only the
time would.  These tests hold each to what its docstring promises.
"""
import numpy as np
import pytest
import sympy as sp

from derivation.audit.verdicts import _close, _proven_zero, _rational, _sample, _simplest, judge
from derivation.symbols import X, t, xi0

a, b = sp.symbols("a b", positive=True)
n = sp.Symbol("n", nonnegative=True)
x = sp.Symbol("x", real=True)
z = sp.Symbol("z")  # no assumptions
f, g = sp.Function("f"), sp.Function("g")


# --- _sample: a random point, reproducible --------------------------------------------------

def test_a_sample_draws_each_symbol_in_its_domain_between_one_half_and_two():
    for seed in range(1, 9):
        for symbol, signed in ((a, False), (n, False), (x, True), (z, True)):
            value = _sample(symbol, seed)
            assert value.imag == 0 and 0.5 <= abs(value.real) <= 2.0, (symbol, seed, value)
            if not signed:
                assert value.real > 0, (symbol, seed)
    # symbols that may be negative get both signs; the whole range is drawn
    assert {np.sign(_sample(x, seed).real) for seed in range(1, 30)} == {-1.0, 1.0}
    draws = [_sample(a, seed).real for seed in range(1, 40)]
    assert min(draws) < 0.8 and max(draws) > 1.7


def test_a_sample_is_reproducible_and_each_seed_is_another_point():
    expr = a * x + f(b) + X
    assert _sample(expr, 5) == _sample(expr, 5)
    assert _sample(expr, 5, dynamic_seed=5) == _sample(expr, 5)
    assert len({_sample(expr, seed) for seed in range(1, 6)}) == 5
    assert _sample(a - b, 1) != 0  # one value per symbol


def test_only_the_coordinates_move_with_the_dynamic_seed():
    for coordinate in (X, xi0, X.diff(t)):
        assert _sample(coordinate, 1, dynamic_seed=3) != _sample(coordinate, 1), coordinate
    # other functions and the symbols keep their values
    still = a + f(t) + f(t).diff(t) * b + x
    assert _sample(still + X, 1, dynamic_seed=3) != _sample(still + X, 1)
    for seed in range(1, 6):
        for dynamic in range(6, 12):  # the sign of x too
            assert _sample(still, seed, dynamic_seed=dynamic) == _sample(still, seed), (seed, dynamic)


def test_unknown_functions_are_quadratics_with_their_derivatives():
    for seed in range(1, 6):
        # c0 + c1·u + c2·u²/4 with c2 in [1/2, 2]: the second derivative is c2/2
        assert 0.25 <= _sample(f(x).diff(x, 2), seed).real <= 1.0
        assert _sample(f(x).diff(x, 3), seed) == 0
        # one function, one quadratic: f(x) - f(y) at the same point x = y vanishes
        assert abs(_sample(sp.Subs(f(z), z, x) - f(x), seed)) < 1e-25
        for expr in (f(x), f(x).diff(x), g(x, a), g(x, a).diff(a), X.diff(t, 2) * xi0):
            value = _sample(expr, seed)
            assert value is not None and abs(value) < 1e3, (expr, seed)
    # the slope at 0 is ±[1/2, 2], both signs occur
    slopes = [_sample(sp.Subs(f(z).diff(z), z, 0), seed).real for seed in range(1, 40)]
    assert all(0.5 <= abs(s) <= 2.0 for s in slopes) and min(slopes) < 0 < max(slopes)
    curvatures = [_sample(f(x).diff(x, 2), seed).real for seed in range(1, 40)]
    assert min(curvatures) < 0.3 and max(curvatures) > 0.9
    # every function gets its quadratic, whatever came before it
    assert _sample(f(x) + f(a) + g(x, x), 1) is not None


def test_a_sample_keeps_thirty_digits_through_a_cancellation():
    # (a + 1)² - a² - 2a - 1 vanishes identically: at 15 digits it would leave ~1e-15
    for seed in range(1, 6):
        assert abs(_sample((a + 1) ** 2 - a**2 - 2 * a - 1, seed)) < 1e-25
        assert abs(_sample((f(x) + 1) ** 2 - f(x) ** 2 - 2 * f(x) - 1, seed)) < 1e-25
        # what stays symbolic at the point (π) is evaluated to thirty digits too
        assert abs(_sample((a + sp.pi) ** 2 - a**2 - 2 * a * sp.pi - sp.pi**2, seed)) < 1e-25


def test_a_sample_that_is_no_finite_number_is_none():
    for expr in (sp.oo * a, sp.zoo * a, sp.nan * a, a / (x - x), sp.Integral(f(x), x) < a):
        assert _sample(expr, 1) is None, expr


# --- _rational: a small fraction near the value ---------------------------------------------

def test_a_value_near_a_small_fraction_is_that_fraction():
    assert _rational(0.75) == sp.Rational(3, 4)
    assert _rational(complex(-2 / 3, 0)) == sp.Rational(-2, 3)
    assert _rational(1.0) == 1
    assert _rational(1 / 3 + 1e-13) == sp.Rational(1, 3)  # within 1e-12
    assert _rational(0.75 + 1e-10) is None  # not within 1e-12 of a small fraction
    assert _rational(float(np.pi)) is None and _rational(None) is None


def test_a_rational_has_a_denominator_up_to_1000_and_a_numerator_up_to_a_million():
    assert _rational(1 / 1000) == sp.Rational(1, 1000)
    assert _rational(-7 / 1000) == sp.Rational(-7, 1000)
    assert _rational(1 / 1001) is None
    assert _rational(1e6) == 10**6 and _rational(-1e6) == -(10**6)
    assert _rational(1e6 + 1) is None and _rational(61.0) == 61
    assert _rational(0.0) is None  # zero is no ratio to prove


def test_a_rational_value_may_carry_imaginary_rounding_relative_to_its_size():
    assert _rational(complex(0.5, 1e-13)) == sp.Rational(1, 2)
    assert _rational(complex(1.0, 1e-12)) == 1  # within 1e-12, inclusive
    assert _rational(complex(1e6, 1e-7)) == 10**6  # 1e-13 relative
    assert _rational(complex(0.5, 1.5e-12)) is None  # 1e-12 absolute below |value| = 1
    assert _rational(complex(0.5, 1e-6)) is None


# --- _proven_zero: expand and cancel, through exp for trigonometry --------------------------

@pytest.mark.parametrize("identity", [
    a / (a + b) + b / (a + b) - 1,                               # cancel alone
    sp.sin(3 * x) - 3 * sp.sin(x) + 4 * sp.sin(x) ** 3,          # sin only
    sp.cos(2 * x) - 2 * sp.cos(x) ** 2 + 1,                      # cos only
    sp.tan(2 * x) - 2 * sp.tan(x) / (1 - sp.tan(x) ** 2),        # tan only
    sp.cosh(2 * x) - 2 * sp.cosh(x) ** 2 + 1,                    # cosh only
    sp.sinh(3 * x) - 3 * sp.sinh(x) - 4 * sp.sinh(x) ** 3,       # sinh only
    sp.tanh(2 * x) - 2 * sp.tanh(x) / (1 + sp.tanh(x) ** 2),     # tanh only
    sp.tanh(x) - sp.sinh(x) / sp.cosh(x),
])
def test_identities_are_proven_without_simplify(identity):
    assert sp.expand(identity) != 0
    assert _proven_zero(identity) is True


@pytest.mark.parametrize("other", [
    a / (a + b) - 1, sp.sin(2 * x) - sp.sin(x) * sp.cos(x), sp.cosh(x) - sp.exp(x) / 2,
    sp.gamma(a + 1) - a * sp.gamma(a),  # zero, but not by expand and cancel
])
def test_what_expand_and_cancel_cannot_show_is_not_proven(other):
    assert _proven_zero(other) is False


# --- the fall-backs of judge ----------------------------------------------------------------

def test_what_only_simplify_shows_still_agrees():
    from derivation.export.records import as_text
    assert judge(sp.gamma(a + 1), a * sp.gamma(a)) == ("agrees", "")
    m = sp.Matrix([[sp.gamma(a + 1), b], [0, a]])
    p = sp.Matrix([[a * sp.gamma(a), b], [0, a]])
    assert judge(m, p) == ("agrees", "")
    # the opposite matrix is no agreement: the ratio is -1 element by element
    status, note = judge(-p, p)
    assert (status, as_text(note)) == ("differs", "derived/printed = -1 element by element")


# --- _close: relative, symmetric, None is never close ---------------------------------------

def test_close_is_relative_to_the_larger_value_and_none_is_never_close():
    assert _close(1e6, 1e6 + 1e-4) and _close(1e6 + 1e-4, 1e6)      # 1e-10 relative
    assert not _close(1e6, 1e6 + 1.0) and not _close(1.0, 1.5)
    assert not _close(1e-20, 1.5e-20)  # relative at any scale: no absolute floor at 1
    assert _close(1e-20, 1e-20 * (1 + 1e-12)) and _close(0.0, 0.0)
    assert not _close(None, 1) and not _close(1, None) and not _close(None, None)


# --- judge without simplify where expand and cancel suffice ----------------------------------

@pytest.fixture
def no_simplify(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("simplify called")
    monkeypatch.setattr(sp, "simplify", refuse)


def test_cheap_verdicts_need_no_simplify(no_simplify):
    from derivation.export.notation import text_form
    from derivation.export.records import as_text
    assert judge(a * (a + b), a**2 + a * b) == ("agrees", "")
    assert judge(a * sp.sin(2 * x), 2 * a * sp.sin(x) * sp.cos(x)) == ("agrees", "")
    assert (judge(3 * a, a)[0], as_text(judge(3 * a, a)[1])) == ("differs", "derived/printed = 3")
    status, note = judge(sp.Eq(2 * xi0, 4 * b), sp.Eq(xi0, 2 * b), mode="equation")
    assert (status, as_text(note)) == ("agrees", "the same equation multiplied by 2")
    # a ratio that moves with the coordinates: the difference, found at a second point
    for derived in (a + xi0, a * (1 + X**2)):
        status, note = judge(derived, a)
        assert (status, as_text(note)) == ("differs", "derived - printed = " + text_form(derived - a))
    # hyperbolic functions through exp: e^{-2a}
    assert _simplest((1 - sp.tanh(a)) / (1 + sp.tanh(a))) == sp.exp(-2 * a)


def test_a_ratio_constant_in_the_coordinates_is_named_as_a_ratio():
    from derivation.export.records import as_text
    status, note = judge(a * (sp.sin(xi0) ** 2 + sp.cos(xi0) ** 2), sp.Integer(1))
    assert (status, as_text(note)) == ("differs", "derived/printed = a")


def test_simplify_keeps_hyperbolic_forms_unless_exponentials_are_shorter():
    # a sum of hyperbolic functions stays as it is; beside an unknown function, the shorter
    # exponential form of what simplify returns
    assert _simplest(sp.cosh(a) + sp.sinh(b)) == sp.cosh(a) + sp.sinh(b)
    assert _simplest((1 - sp.tanh(a)) / (1 + sp.tanh(a)) * f(x)) == f(x) * sp.exp(-2 * a)


def test_simplify_does_not_try_exponentials_beside_trigonometric_functions(monkeypatch):
    # sin(a/cosh b) through exp: longer, and a quarter of a second for the n_z ratio
    calls = []
    simplify = sp.simplify
    monkeypatch.setattr(sp, "simplify", lambda e, *args, **kw: calls.append(e) or simplify(e, *args, **kw))
    for trig in (sp.sin, sp.cos, sp.tan):
        calls.clear()
        shown = trig(a / sp.cosh(b)) * f(x) + a
        assert _simplest(shown) == shown and len(calls) == 1, trig


def test_agreement_at_one_random_point_is_no_agreement():
    # derived/printed = 1 + (a - α) with α the value a takes at the first random point: the ratio
    # is 1 there (to float precision) and nowhere else
    alpha = sp.Float(_sample(a, 1).real, 30)
    status, _ = judge(1 + (a - alpha), sp.Integer(1))
    assert status == "differs"
    assert _close(_sample(1 + (a - alpha), 1), 1)  # the trap is set
