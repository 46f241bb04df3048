"""T⊥ beyond Born: the exact 2×2 steady state, its Born limit, the Lorentzian width; δk."""
import math

import pytest

import numeric

K_B = 1.380649e-23
ELECTRONS = dict(j=1e11, j0=1e16, T=300.0, mu=2.0e-19, eps0=2.0e-19, S=1.0)
KT = K_B * ELECTRONS["T"]


def test_steady_state_solves_the_kinetic_equation():
    import sympy as sp
    from derivation.electrons import beyond_born as bb
    residual = bb.kinetic_equation(bb.steady_state()).applyfunc(sp.cancel)
    assert residual == sp.zeros(2, 2)


def test_first_order_in_J_sd_is_the_letters_born_equation():
    from derivation.electrons.beyond_born import born_limit_difference
    assert born_limit_difference() == 0


@pytest.mark.parametrize("mu_offset", [0.0, 1.5])
def test_ratio_to_eq20_tends_to_one_as_coupling_vanishes(mu_offset):
    """J_sd S ≪ η = ħ/τ_el ≪ k_BT, the letter's order of limits: the ratio → 1.

    The corrections are −(J_sd S/η)²/2 and O(η/k_BT) (the Lorentzian's tails beyond the
    thermal window): a decade less η is a decade closer to 1.
    """
    e = {**ELECTRONS, "mu": ELECTRONS["eps0"] + mu_offset * KT}
    deviations = []
    for eta in (1e-3 * KT, 1e-4 * KT):
        J_sd = 1e-3 * eta
        exact = numeric.torque_perp_beyond_born(**e, J_sd=J_sd, tau_el=numeric.HBAR / eta)
        deviations.append(exact / numeric.torque_perp(**e, J_sd=J_sd) - 1)
    assert abs(deviations[1]) <= 1e-3 * 1.0  # η/k_BT = 1e-4
    assert 5 < deviations[0] / deviations[1] < 20


@pytest.mark.parametrize("coupling_over_eta", [0.3, 1.0, 10.0])
def test_narrow_lorentzian_weight_is_eta_over_its_width(coupling_over_eta):
    """For η, J_sd S ≪ k_BT the exact T⊥ is the Born one times η/√(η² + (J_sd S)²)."""
    eta = 1e-7 * KT  # the width √(η² + (J_sd S)²) ≤ 1e-6 k_BT: thermal corrections ≲ 1e-6
    J_sd = coupling_over_eta * eta
    exact = numeric.torque_perp_beyond_born(**ELECTRONS, J_sd=J_sd, tau_el=numeric.HBAR / eta)
    born = numeric.torque_perp(**ELECTRONS, J_sd=J_sd)
    assert exact / born == pytest.approx(eta / math.hypot(eta, J_sd), rel=3e-6)


def test_delta_k_at_the_letters_value_is_eq20():
    a = 2.5e-10
    e = {**ELECTRONS, "J_sd": 0.3 * KT}
    assert numeric.torque_perp_delta_k(**e, delta_k=math.pi / (2 * a), a=a) == pytest.approx(
        numeric.torque_perp(**e), rel=1e-13)


def test_delta_k_enters_through_the_band_energy_at_k0():
    # ε_b = ε0 (2aδk/π)²: moving µ with ε_b leaves T⊥ unchanged
    a, e = 2.5e-10, {**ELECTRONS, "J_sd": 0.3 * KT}
    for delta_k in (1 / (2e-8), 0.3 * math.pi / a):
        band = e["eps0"] * (2 * a * delta_k / math.pi) ** 2
        shifted = numeric.torque_perp_delta_k(**{**e, "mu": band}, delta_k=delta_k, a=a)
        assert shifted == pytest.approx(numeric.torque_perp(**{**e, "mu": e["eps0"]}), rel=1e-12)
