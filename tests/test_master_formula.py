"""Eqs. (20)-(21) as kernels against direct k-quadrature of (18a) with (19) at finite broadening.

Independent of the closed form: the k-integrand of T⊥ (Eq. 18a) with G< of (19) at a
broadening η ≪ k_BT, the band of (2) and the distribution of (4), integrated by mpmath
over the zone; V* = -λJ_sdT⊥/(2αħ) then compared with ``numeric.v_star`` (Eq. 21).
The finite-η error is O(η/k_BT); it is measured against V* at half filling (sech² = 1),
the scale of V* for these parameters.
"""
from functools import cache

import mpmath as mp
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

import numeric

A, M_EFF, N_E, TAU_EL = 3e-10, 9.109e-31, 5e28, 1e-14
BROADENING = 1e-6  # η / k_BT


@cache
def _integrand():
    """The T⊥ k-integrand as an mpmath function of (k, T, µ, J_sd, S, E, η)."""
    from derivation.electrons import torque as tq
    from derivation.estimate import CODATA
    from derivation.symbols import E_field, J_sd, S, T, a, delta_k, eta, k, m_eff, mu, n_e, tau_el
    fixed = {a: A, m_eff: M_EFF, n_e: N_E, tau_el: TAU_EL, delta_k: sp.pi / (2 * A), **CODATA}
    expr = tq.torque_integrand(eta).subs(fixed).doit()
    return sp.lambdify((k, T, mu, J_sd, S, E_field, eta), expr, "mpmath")


def _torque_by_quadrature(T, mu, J_sd, S, E, eta):
    f = _integrand()
    hbar = numeric.HBAR
    # the Lorentzian of width η in Δε = 2ħ²δk k/m* is centred at k = 0
    width = eta * M_EFF / (2 * hbar**2 * (mp.pi / (2 * A)))
    edge = mp.pi / A
    with mp.workdps(20):
        return mp.quad(lambda k: f(k, T, mu, J_sd, S, E, eta),
                       [-edge, -100 * width, -width, 0, width, 100 * width, edge])


@settings(max_examples=4)
@given(T=st.floats(30.0, 1000.0), offset=st.floats(-3.0, 3.0), j=st.floats(1e9, 1e12),
       sign=st.sampled_from([-1.0, 1.0]), J_sd=st.floats(1e-22, 1e-20),
       S=st.floats(0.5, 2.5), alpha=st.floats(1e-3, 0.5), lam=st.floats(1e-9, 1e-7))
def test_v_star_against_direct_k_quadrature_at_finite_broadening(T, offset, j, sign, J_sd, S,
                                                                 alpha, lam):
    kT = numeric.K_B * T
    eps0 = numeric.eps0(a=A, m_eff=M_EFF)
    mu = eps0 + offset * kT
    j0 = numeric.j0(n=N_E, a=A, m_eff=M_EFF)
    E = sign * j * M_EFF / (N_E * numeric.E_CHARGE**2 * TAU_EL)  # j = ne²τE/m* (Drude)
    torque = float(_torque_by_quadrature(T, mu, J_sd, S, E, BROADENING * kT))
    # V* from the quadrature torque through the derived kernel below Eq. (15)
    direct = numeric.v_star_from_torque(T_perp=torque, alpha=alpha, lam=lam, J_sd=J_sd)
    common = dict(j=sign * j, j0=j0, T=T, eps0=eps0, alpha=alpha, lam=lam, J_sd=J_sd, S=S)
    kernel = numeric.v_star(mu=mu, **common)
    scale = abs(numeric.v_star(mu=eps0, **common))
    assert abs(kernel - direct) <= 20 * BROADENING * scale


def test_the_scale_is_the_half_filling_maximum():
    common = dict(j=1e11, j0=1e16, T=300.0, eps0=1e-19, alpha=1e-2, lam=1e-8, J_sd=4e-21)
    peak = abs(numeric.v_star(mu=1e-19, **common))
    for offset in (-2.0, 0.5, 3.0):
        assert abs(numeric.v_star(mu=1e-19 + offset * numeric.K_B * 300, **common)) < peak
    assert peak == pytest.approx(abs(numeric.v_star_from_torque(
        T_perp=numeric.torque_perp(mu=1e-19, **{k: common[k] for k in ("j", "j0", "T", "eps0",
                                                                        "J_sd")}),
        alpha=1e-2, lam=1e-8, J_sd=4e-21)), rel=1e-12)
