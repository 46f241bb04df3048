"""codegen's stable rewrites (derivation/export/codegen/rewrites.py) on small expressions: each
an identity, each keeping float64's digits where the plain form loses them.  Fast: the tests
mutation testing runs on that module (CONTRIBUTING)."""
import math

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

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
