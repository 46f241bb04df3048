"""Eqs. (5)-(6): the eigenvalues found by applying the operators, checked by finite differences."""
import mpmath as mp
import sympy as sp
from hypothesis import given, strategies as st

from derivation.wall import zero_modes
from derivation.model import Phi0, phi0
from derivation.symbols import J, S, a, kappa, lam, q, x


@given(st.floats(0.5, 10), st.floats(0.5, 10), st.floats(-5, 5))
def test_theta_zero_mode_eigenvalue_by_finite_differences(lam_v, kappa_v, x_v):
    vals = {lam: lam_v, kappa: kappa_v, a: 1.0, J: 1.0, S: 1.0}
    f = sp.lambdify(x, Phi0().subs(vals), "mpmath")
    sin2 = sp.lambdify(x, (sp.sin(phi0()) ** 2).subs(vals), "mpmath")
    H = 0.5 * (-mp.diff(f, x_v, 2) + (-2 * sin2(x_v) / lam_v**2 + 1 / lam_v**2 + 1 / kappa_v**2) * f(x_v))
    eps = float(zero_modes.zero_mode_energies()["theta"].subs(vals))
    assert mp.almosteq(H, eps * f(x_v), 1e-8, 1e-10)


def test_phi_zero_mode_has_zero_energy():
    assert zero_modes.zero_mode_energies()["phi"] == 0


def test_dispersions_have_the_gaps():
    disp = zero_modes.spin_wave_dispersions()
    assert sp.simplify(disp["theta"].subs(q, 0) - J * S**2 * (lam**-2 + kappa**-2) / 2) == 0
    assert sp.simplify(disp["phi"] - disp["theta"] + J * S**2 / (2 * kappa**2)) == 0


def test_non_eigenfunction_is_rejected():
    import pytest
    with pytest.raises(ValueError, match="not an eigenfunction"):
        zero_modes.eigenvalue("theta", sp.exp(-x**2))
