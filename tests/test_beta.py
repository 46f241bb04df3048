"""The letter in the field's language: the model's current polarisation, and β_eff."""
import math

import pytest


def test_the_letters_bands_carry_no_polarised_current():
    """ε_k↓ = ε_{-k}↑: the O(E) currents of the two bands are equal for any f0 (P = 0), and no
    spin along the local moment flows at order J_sd⁰."""
    from derivation.electrons import polarisation
    assert polarisation.mirror_identity() == 0
    assert polarisation.band_polarisation() == 0
    assert polarisation.local_spin_current() == 0


def test_the_bands_carry_the_current_itself():
    """P = 0 is not 0/0: the total O(E) current of the bands is not zero (Fermi function, a
    filled half zone, numerically by quadrature)."""
    import mpmath
    import sympy as sp
    from derivation.electrons import boltzmann, polarisation
    from derivation.symbols import E_field, T, a, delta_k, e, hbar, k, k_B, m_eff, mu, tau_el
    values = {a: 1, hbar: 1, m_eff: 1, e: 1, E_field: 1, tau_el: 1, k_B: 1, T: 0.2,
              delta_k: sp.pi / 2, mu: sp.pi**2 / 8}
    total = sum(boltzmann.with_fermi(polarisation.band_current_density(s)) for s in (0, 1))
    f = sp.lambdify(k, total.subs(values), "mpmath")
    assert abs(mpmath.quad(f, [-mpmath.pi, 0, mpmath.pi])) > 0.1


def test_beta_eff_does_not_depend_on_j_and_grows_like_j_sd_squared():
    """α|V*| and u are both linear in j; V* ∝ J_sd² at fixed µ = ε0 (Eq. 21)."""
    from opza.studies import beta
    rows = beta.rows(temperatures=(300.0,), currents=(1e10, 1e12))
    by_material = {}
    for r in rows:
        by_material.setdefault(r["key"], []).append(r)
    for key, (low, high) in by_material.items():
        assert high["beta_min"] == pytest.approx(low["beta_min"], rel=1e-12), key
        assert high["beta_u"] == pytest.approx(100 * low["beta_u"], rel=1e-12), key
    permalloy = by_material["permalloy"][0]
    # the J_sd at which β_eff meets a measured β: β_eff(J_sd') = β_eff (J_sd'/J_sd)²
    data = beta.measured()
    one_d = [b["value"] for b in data["beta"] if "1D" in b["texture"]]
    for J, target in zip(permalloy["J_sd_match"], one_d):
        assert permalloy["beta_P"] * (J / permalloy["J_sd"]) ** 2 == pytest.approx(target, rel=1e-12)


def test_spin_drift_is_the_published_formula_in_si():
    """u = gµ_B P j/(2eM_s) in SI: j = 1 A/m², P = 1, g = 2, M_s = µ_B/(1 nm³) give 1e-27/e m/s."""
    from opza.studies.beta import spin_drift
    from numeric.llg.chain import MU_B
    u = spin_drift()
    assert u(1.0, 1.0, MU_B / 1e-27, 2.0) == pytest.approx(1e-27 / 1.602176634e-19, rel=1e-12)


def test_every_measured_value_has_its_source_and_where_it_was_read():
    from opza.studies import beta
    data = beta.measured()
    assert data["beta"] and data["polarisation"]
    for entry in data["beta"] + data["polarisation"]:
        assert entry["source"] and entry["checked"] and math.isfinite(entry["value"])
        assert entry["uncertainty"] > 0
