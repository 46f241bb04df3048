"""The cheap paths of verdicts.judge, each on its own: the random point (``_sample``), the
rational it suggests (``_rational``) and the proof by expand/cancel (``_proven_zero``).

judge's result does not depend on them (a failed cheap path falls back to ``simplify``),
so the judge tests alone cannot tell a broken cheap path from a working one: only the
time would.  These tests hold each to what its docstring promises.
"""
import numpy as np
import pytest
import sympy as sp

from derivation.audit.verdicts import _proven_zero, _rational, _sample, judge
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
    # symbols that may be negative get both signs
    assert {np.sign(_sample(x, seed).real) for seed in range(1, 30)} == {-1.0, 1.0}


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
    still = a + f(t) + f(t).diff(t) * b
    assert _sample(still + X, 1, dynamic_seed=3) != _sample(still + X, 1)
    assert _sample(still, 1, dynamic_seed=3) == _sample(still, 1)


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


def test_a_sample_keeps_thirty_digits_through_a_cancellation():
    # (a + 1)² - a² - 2a - 1 vanishes identically: at 15 digits it would leave ~1e-15
    for seed in range(1, 6):
        assert abs(_sample((a + 1) ** 2 - a**2 - 2 * a - 1, seed)) < 1e-25
        assert abs(_sample((f(x) + 1) ** 2 - f(x) ** 2 - 2 * f(x) - 1, seed)) < 1e-25


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
    from derivation.display import as_text
    assert judge(sp.gamma(a + 1), a * sp.gamma(a)) == ("agrees", "")
    m = sp.Matrix([[sp.gamma(a + 1), b], [0, a]])
    p = sp.Matrix([[a * sp.gamma(a), b], [0, a]])
    assert judge(m, p) == ("agrees", "")
    # the opposite matrix is no agreement: the ratio is -1 element by element
    status, note = judge(-p, p)
    assert (status, as_text(note)) == ("differs", "derived/printed = -1 element by element")
