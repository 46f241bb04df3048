"""Eqs. (9)-(11): every x-integral against mpmath quadrature of the exact density."""
import mpmath as mp
import sympy as sp
from hypothesis import given, settings, strategies as st

from derivation.wall import lagrangian as lag
from derivation.model import berry_density, concrete, energy_density, rayleigh_density
from derivation.symbols import J, S, X, a, alpha, hbar, kappa, lam, x
from helpers import freeze, line_quad

params = st.fixed_dictionaries({
    a: st.floats(0.5, 2.0), lam: st.floats(1.0, 30.0), kappa: st.floats(0.5, 20.0),
})
small = st.floats(1e-3, 0.08)
rates = st.floats(-1.0, 1.0)


def _exact(density, values, xi, xidot, Xdot):
    d = freeze(concrete(density).subs(x, x + X), xi, xidot, Xdot)
    return line_quad(d, {**values, J: 1.0, S: 1.0, hbar: 1.0, alpha: 0.1})


def _derived(expr, values, xi, xidot, Xdot):
    return float(freeze(expr, xi, xidot, Xdot).subs({**values, J: 1.0, S: 1.0, hbar: 1.0,
                                                      alpha: 0.1}))


@given(params, small, rates)
def test_kinetic_lagrangian_matches_quadrature(values, xi, Xdot):
    exact = _exact(berry_density(), values, xi, 0, Xdot)
    second = _derived(lag.kinetic_lagrangian(2), values, xi, 0, Xdot)
    fourth = _derived(lag.kinetic_lagrangian(4), values, xi, 0, Xdot)
    scale = abs(Xdot) / values[a] ** 3 + 1e-30
    # the letter's order errs by O(ξ0³), the next order by O(ξ0⁵)
    noise = 1e-20 * abs(exact)  # quadrature at 30 digits
    assert abs(exact - second) <= 2 * xi**3 * scale + noise
    assert abs(exact - fourth) <= 2 * xi**5 * scale + 1e-10 * scale + noise


@settings(max_examples=10)  # 30-digit quadratures: ~1 s an example
@given(params, small)
def test_wall_energy_matches_quadrature(values, xi):
    exact = _exact(energy_density(), values, xi, 0, 0)
    fourth = _derived(lag.wall_energy(4), values, xi, 0, 0)
    second = _derived(lag.wall_energy(2), values, xi, 0, 0)
    scale = 1 / (values[a] * values[lam]) + 1 / values[kappa] ** 2
    assert abs(exact - fourth) <= 1e-9 * scale + 10 * xi**6 * scale * values[a] ** 2
    assert abs(exact - second) <= 10 * xi**4 * scale * values[a] ** 2 + 1e-9 * scale


@settings(max_examples=10)
@given(params, small, rates, rates)
def test_rayleigh_matches_quadrature(values, xi, xidot, Xdot):
    exact = _exact(rayleigh_density(), values, xi, xidot, Xdot)
    fourth = _derived(lag.rayleigh(4), values, xi, xidot, Xdot)
    second = _derived(lag.rayleigh(2), values, xi, xidot, Xdot)
    scale = (xidot**2 + Xdot**2 + 1e-12) / values[a] ** 3
    assert abs(exact - fourth) <= 1e-9 * scale + 10 * xi**4 * scale
    # the letter's W misses -αħS ξ0²Ẋ²/(6a²λ²): O(ξ0²)
    assert abs(exact - second) <= 1e-9 * scale + xi**2 * scale


def test_zero_mode_normalisation_matches_quadrature():
    from derivation.model import Phi0
    values = {a: 0.7, lam: 3.3}
    assert mp.almosteq(line_quad(Phi0() ** 2 / a, values), 1, 1e-12)


def test_exchange_and_easy_axis_cancel_at_second_order():
    terms = lag.energy_terms()
    assert terms["exchange+easy-axis"] == 0
    assert sp.simplify(terms["hard-axis"] - J * S**2 * lag.xi0**2 / (2 * kappa**2)) == 0


def test_exact_forms_are_the_x_integrals_of_the_densities():
    """order=None (the exact form of the step small-amplitude) is ∫dx of the model's densities:
    each unevaluated integral it builds, done by quadrature, against the densities' quadrature,
    at one point of finite amplitude (six 30-digit quadratures; the expansions' tests above
    range over the parameters)."""
    values, xi, xidot, Xdot = {a: 1.3, lam: 7.0, kappa: 3.0}, 0.4, -0.3, 0.7
    vals = {**values, J: 1.0, S: 1.0, hbar: 1.0, alpha: 0.1}

    def by_quadrature(form):
        frozen = freeze(form, xi, xidot, Xdot)
        return float(frozen.replace(lambda e: isinstance(e, sp.Integral),
                                    lambda e: sp.Float(line_quad(e.function, vals), 30)).subs(vals))
    lagrangian = (_exact(berry_density(), values, xi, xidot, Xdot)
                  - _exact(energy_density(), values, xi, xidot, Xdot))
    rayleigh = _exact(rayleigh_density(), values, xi, xidot, Xdot)
    # both are 30-digit quadratures of one integrand, if the forms are right: 1e-15 of the
    # quantity's scale (the wall energy's 1/(aλ), the Rayleigh function's rates) is generous
    energy_scale = 1 / (values[a] * values[lam]) + 1 / values[kappa] ** 2
    rate_scale = (xidot**2 + Xdot**2 + 1e-12) / values[a] ** 3
    assert abs(by_quadrature(lag.wall_lagrangian(None)) - lagrangian) <= 1e-15 * energy_scale
    assert abs(by_quadrature(lag.rayleigh(None)) - rayleigh) <= 1e-15 * rate_scale


def test_s_d_lagrangian_names_the_dropped_sz_term():
    kept, dropped = lag.s_d_lagrangian(2, keep_sz=True), lag.s_d_lagrangian(2)
    from derivation.symbols import J_sd, xi0
    extra = sp.simplify(kept - dropped)
    assert sp.simplify(extra + J_sd * S * lag.S_z_of_X * xi0 / a**3) == 0
