"""Eqs. (2), (4), (18)-(21): the torque's closed form against finite-η k-quadrature."""
import mpmath as mp
import sympy as sp
from hypothesis import given, settings, strategies as st

from derivation.electrons import gauge, torque as tq
from helpers import k_quadrature
from derivation.symbols import (E_field, J_sd, S, T, a, delta_k, e, eta, hbar, k, k_B, m_eff,
                                mu, tau_el)

# units with ħ = m* = a = k_B = e = 1; E τ_el small (linear response)
electrons = st.fixed_dictionaries({
    delta_k: st.floats(0.3, 1.5), T: st.floats(0.05, 1.0), mu: st.floats(-0.5, 2.5),
    # T⊥ ∝ J_sd: a vanishing coupling has no torque to compare
    J_sd: st.one_of(st.floats(-1.0, -1e-3), st.floats(1e-3, 1.0)), S: st.floats(0.5, 2.5),
})
UNITS = {hbar: 1, m_eff: 1, a: 1, k_B: 1, e: 1, E_field: 1e-3, tau_el: 1}


def _quad_at(broadening, values, integrand_of):
    f = sp.lambdify(k, integrand_of(eta).subs(values).subs(eta, broadening).doit(), "mpmath")
    # the Lorentzian's width in k: Δε = 2ħ²kδk/m* (ħ = m* = 1) reaches η at k = η/2δk
    return k_quadrature(f, broadening / (2 * float(values[delta_k])), mp.pi)


@settings(max_examples=10)
@given(electrons)
def test_torque_limit_of_finite_broadening(values):
    values = {**values, **UNITS}
    closed = float(tq.torque().subs(values))
    # the scale of T⊥ is its value at half filling (sech² = 1): far from it the closed form is
    # exponentially small while the finite-η error, from the Lorentzian's tails, is not
    band_bottom = gauge.band()[0].subs(k, 0)
    scale = abs(float(tq.torque().subs({**values, mu: band_bottom}).subs(values)))
    assert scale > 0
    broadenings = (1e-3, 1e-4, 1e-5)
    errors = [abs(_quad_at(b, values, tq.torque_integrand) - closed) / scale for b in broadenings]
    # Sokhotski–Plemelj: the error is O(η/k_BT) (the Lorentzian's tails beyond the thermal
    # window; measured up to 0.9 η/k_BT), so within 2η/k_BT, and falls like η: a decade per
    # decade, to within a factor 2, down to 1e-9, where mp.quad's own error on a peak 1e5 times
    # narrower than the zone takes over
    assert errors[2] <= 2 * broadenings[2] / float(values[T])
    assert errors[2] <= 0.2 * errors[1] + 1e-9 and errors[1] <= 0.2 * errors[0] + 1e-9


@settings(max_examples=10)
@given(electrons)
def test_s_parallel_limit_is_the_equilibrium_principal_value(values):
    values = {**values, **UNITS}
    pv = tq.s_parallel()["equilibrium"].subs(values)
    integral = pv.atoms(sp.Integral).pop()
    f = sp.lambdify(k, integral.function, "mpmath")
    prefactor = float((pv / integral).subs(values))
    principal = prefactor * mp.quad(f, [-mp.pi, 0, mp.pi])
    finite = _quad_at(1e-5, values, tq.s_parallel_integrand)
    # the scale of a principal value that may cancel to 0 is the integral of its integrand's
    # size; η = 1e-5 errs by O(η/k_BT) of it (measured: below 1e-5 of S∥, 0.3-1.3 η/k_BT)
    scale = abs(prefactor) * mp.quad(lambda kk: abs(f(kk)), [-mp.pi, 0, mp.pi])
    assert abs(finite - principal) <= 2 * 1e-5 / float(values[T]) * scale


def test_current_part_of_s_parallel_vanishes():
    assert tq.s_parallel()["current part odd in k"] is True


def test_aligning_gauge_ties_the_frame_to_the_local_spin():
    assert gauge.aligning_sign() == -1
    assert gauge._local_spin(-1) == gauge.pauli()[0]


def test_printed_gauge_leaves_an_x_dependent_sd_term():
    # with the printed Û, Û†(n0·σ)Û depends on ϕ0(x): no momentum-conserving evaluation there
    printed_frame = gauge._local_spin(-gauge.aligning_sign())
    assert printed_frame.has(gauge.phi)
    assert not gauge._local_spin(gauge.aligning_sign()).has(gauge.phi)


def test_torque_depends_on_delta_k_only_through_band_bottom():
    # T⊥ as derived (E, τ_el, m*, δk, µ, T) has δk and m*, and δk only in the band energy at
    # k = 0, ħ²δk²/2m*: scaling δk by c and m* by c² (that energy fixed) leaves T⊥ as it is,
    # while δk alone changes it (so the velocities' δk/m* and the δ-function's m*/δk cancel)
    T_perp, c = tq.torque(), sp.Rational(7, 3)
    assert T_perp.has(delta_k) and T_perp.has(m_eff)
    assert sp.simplify(T_perp.subs({delta_k: c * delta_k, m_eff: c**2 * m_eff},
                                   simultaneous=True) - T_perp) == 0
    assert sp.simplify(T_perp.subs(delta_k, c * delta_k) - T_perp) != 0
    # the form (20)'s note prints, in ε_b, is T⊥: put ε_b = ħ²δk²/2m* back
    eps_b = sp.Symbol("varepsilon_b", positive=True)
    assert sp.simplify(tq.delta_k_dependence().subs(eps_b, hbar**2 * delta_k**2 / (2 * m_eff))
                       - T_perp) == 0


def test_torque_in_the_letters_variables_is_the_print_times_s():
    # independent of judge(): compare numbers at a random point
    from derivation.audit.letter import printed
    derived, print_ = tq.torque_in_currents(), printed("20", "T_perp").expr
    point = {s: sp.Rational(3, 7) + i / 5 for i, s in enumerate(sorted(derived.free_symbols, key=str))}
    assert abs(float((derived / print_).subs(point)) - float(point[S])) < 1e-12


def test_s_z_accumulation_comes_from_the_zone_edges():
    from derivation.electrons.boltzmann import f0
    sz = tq.s_z_accumulation()
    assert sz.has(f0)
    assert {str(arg) for fn in sz.atoms(f0) for arg in fn.args} == {"epsilon_0", "9*epsilon_0"}


@settings(max_examples=6)
@given(temp=st.floats(30.0, 2000.0), offset=st.floats(-6.0, 6.0), j=st.floats(1e9, 1e12),
       sign=st.sampled_from([-1.0, 1.0]), lam=st.floats(1e-9, 1e-7))
def test_s_z_kernel_against_k_and_x_quadrature_of_the_printed_distribution(temp, offset, j, sign,
                                                                           lam):
    # numeric.s_z (generated from s_z_accumulation × ∫dx Φ0) against S_z = ∫dx Φ0 · (a/2π)
    # ∫dk ½(f_k↑ - f_k↓) with f_kσ as Eq. (4) prints it, the printed band (2) at δk = π/2a,
    # the printed Φ0 (6), f0 Fermi–Dirac; both integrals by mpmath
    import numeric
    from derivation.estimate import CODATA
    from derivation.audit.letter import DEFINITIONS, f0_k, f0_prime_k, printed, v_k
    from derivation.electrons.boltzmann import fermi
    from derivation.symbols import lam as lam_symbol, x
    A, M_EFF, N_E, TAU_EL = 3e-10, 9.109e-31, 5e28, 1e-14
    numbers = {a: A, m_eff: M_EFF, tau_el: TAU_EL, **CODATA}
    eps0 = numeric.eps0(a=A, m_eff=M_EFF)
    j0 = numeric.j0(n=N_E, a=A, m_eff=M_EFF)
    mu_value = eps0 + offset * numeric.K_B * temp
    E = sign * j * M_EFF / (N_E * numeric.E_CHARGE**2 * TAU_EL)  # j = ne²τE/m* (Drude)
    energy = sp.Symbol("energy", real=True)
    f0 = sp.lambdify(energy, fermi(energy).subs({T: temp, mu: mu_value, **numbers}), "mpmath")
    band = printed("2", "eps_k").expr.subs(delta_k, DEFINITIONS[delta_k]).subs(numbers)
    f_k = printed("4", "f_k").expr
    with mp.workdps(30):
        spins = []
        for eps in band:
            eps_of, v_of = (sp.lambdify(k, expr, "mpmath")
                            for expr in (eps, sp.diff(eps, k) / CODATA[hbar]))
            dist = sp.lambdify((f0_k, f0_prime_k, v_k), f_k.subs({E_field: E, **numbers}), "mpmath")
            spins.append(lambda kk, eps_of=eps_of, v_of=v_of, dist=dist: dist(
                f0(eps_of(kk)), mp.diff(f0, eps_of(kk)), v_of(kk)))
        edge = mp.pi / A
        s_z = A / (2 * mp.pi) * mp.quad(lambda kk: (spins[0](kk) - spins[1](kk)) / 2,
                                        mp.linspace(-edge, edge, 9))
        zero_mode = sp.lambdify(x, printed("6", "Phi0").expr.subs({a: A, lam_symbol: lam}), "mpmath")
        S_z = s_z * mp.quad(zero_mode, [-mp.inf, 0, mp.inf])
    kernel = numeric.s_z(j=sign * j, j0=j0, T=temp, mu=mu_value, eps0=eps0, a=A, lam=lam)
    # the scale of S_z: its size with both zone-edge occupations apart by 1, (j/j0)√(aλ)
    scale = j / j0 * (A * lam) ** 0.5
    assert abs(kernel - float(S_z)) <= 1e-8 * scale
