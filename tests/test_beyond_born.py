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


# ---- the second relaxation model (E): towards f0(h_k), the field as a force (issue 19) ----

def test_equilibrium_model_steady_state_solves_its_equation():
    import sympy as sp
    from derivation.electrons import beyond_born as bb
    residual = bb.kinetic_equation_equilibrium(bb.steady_state_equilibrium()).applyfunc(sp.cancel)
    assert residual == sp.zeros(2, 2)


def test_equilibrium_of_full_h_is_the_field_free_steady_state():
    """[h_k, f0(h_k)] = 0 and Tr f0(h_k) = f₊ + f₋: the E = 0 state of (E), with ⟨s̄_y⟩ = 0."""
    import sympy as sp
    from derivation.audit.letter import e_dn, e_up
    from derivation.electrons import beyond_born as bb
    from derivation.electrons.torque import sd_matrix
    from derivation.electrons.gauge import pauli
    h = sp.diag(e_up, e_dn) + sd_matrix()
    rho0 = bb.equilibrium_density(root=True)
    assert (h * rho0 - rho0 * h).applyfunc(lambda z: sp.simplify(z)) == sp.zeros(2, 2)
    assert sp.simplify(rho0.trace() - bb.f_plus - bb.f_minus) == 0
    assert sp.simplify((pauli()[1] * rho0).trace()) == 0


def test_equilibrium_model_populations_are_eq4_for_the_eigenbands():
    """The driven state carries the current: ⟨±|ρ1|±⟩ = τ_el(eE/ħ) f0'(E±) ∂_kE±."""
    from derivation.electrons.beyond_born import eigenband_populations
    assert eigenband_populations() == {"+": 0, "-": 0}


def test_equilibrium_model_born_limit_is_eq20():
    """O(J_sd), leading order in 1/η: the δ(Δε) term is Eq. (20) as derived (η = ħ/τ_el)."""
    from derivation.electrons.beyond_born import born_limit_equilibrium
    assert born_limit_equilibrium() == 0


def test_distributions_model_is_the_equilibrium_model_with_h0():
    """(K) = [h, ρ] − iη(ρ − f0(h0)) + i eE ∂_k f0(h0): target and drive built from h0 = diag(ε↑, ε↓)."""
    import sympy as sp
    from derivation.audit.letter import f_dn, f_up
    from derivation.electrons import beyond_born as bb
    from derivation.electrons.boltzmann import distribution, f0
    from derivation.electrons.gauge import band
    from derivation.symbols import E_field, e, eta, hbar, k, tau_el
    rho = sp.Matrix(2, 2, sp.symbols("q11 q12 q21 q22"))
    up, dn = band()
    F = {f_up: distribution(0).doit(), f_dn: distribution(1).doit()}
    model_k = bb.kinetic_equation(rho).subs(F).subs(tau_el, hbar / eta)
    h0_target = sp.diag(f0(up), f0(dn))
    from derivation.electrons.torque import sd_matrix
    from derivation.audit.letter import e_dn, e_up
    h = (sp.diag(e_up, e_dn) + sd_matrix()).subs({e_up: up, e_dn: dn})
    rewritten = (h * rho - rho * h - sp.I * eta * (rho - h0_target)
                 + sp.I * e * E_field * h0_target.diff(k))
    difference = (model_k.subs({bb.e_up: up, bb.e_dn: dn}) - rewritten).applyfunc(
        lambda z: sp.simplify(z.doit()))
    assert difference == sp.zeros(2, 2)


def _mp_torque(relaxation, *, dps=15, **parameters):
    """:func:`_mp_torque_at` at ``dps`` digits, mpmath's global precision restored afterwards."""
    import mpmath as mp
    with mp.workdps(dps):
        return _mp_torque_at(relaxation, **parameters)


def _mp_torque_at(relaxation, *, j, j0, T, mu, eps0, J_sd, S, eta, a=2.5e-10):
    """T⊥ of a relaxation model solved numerically with mpmath, independently of the derivation.

    At each k: h = diag(ε↑, ε↓) − (J_sd S/2)σ_x; f0(h) by mpmath's symmetric eigensolver; ∂_k by
    mpmath.diff; the O(E) steady state from the 4×4 linear system; ⟨s̄_y⟩ = ½Tr(σ_yρ1);
    T⊥ = π(a/2π)∫dk⟨s̄_y⟩.  The letter's definitions give m*, n, E from (a, ε0, j0, j, τ_el).
    """
    import mpmath as mp
    hbar, kB, qe = mp.mpf(numeric.HBAR), mp.mpf(K_B), mp.mpf(numeric.E_CHARGE)
    a, eps0, mu, T, J_sd, S, eta = map(mp.mpf, (a, eps0, mu, T, J_sd, S, eta))
    m = hbar**2 * mp.pi**2 / (8 * eps0 * a**2)                 # ε0 = ħ²π²/(8m*a²)
    n = mp.mpf(j0) * mp.pi * a * m / (4 * qe * hbar)             # j0 = 4neħ/(πam*)
    tau = hbar / eta
    E = mp.mpf(j) * m / (n * qe**2 * tau)                        # j = ne²τE/m*
    dk = mp.pi / (2 * a)

    def fermi(x):
        return 1 / (mp.exp((x - mu) / (kB * T)) + 1)

    def bands(kk):
        return hbar**2 * (kk - dk)**2 / (2 * m), hbar**2 * (kk + dk)**2 / (2 * m)

    def f0_matrix(kk):
        up, dn = bands(kk)
        h = mp.matrix([[up, -J_sd * S / 2], [-J_sd * S / 2, dn]])
        values, vectors = mp.eigsy(h)
        return vectors * mp.diag([fermi(v) for v in values]) * vectors.T

    def f0_diagonal(kk):
        up, dn = bands(kk)
        return mp.diag([fermi(up), fermi(dn)])

    def spin_y(kk):
        up, dn = bands(kk)
        h = mp.matrix([[up, -J_sd * S / 2], [-J_sd * S / 2, dn]])
        source = f0_matrix if relaxation == "equilibrium" else f0_diagonal
        drive = mp.matrix(2, 2)
        for r in range(2):
            for c in range(2):
                drive[r, c] = mp.diff(lambda x: source(x)[r, c], kk)
        # [h, ρ1] − iηρ1 = −i eE ∂_k f0(·)  (for "distributions": −iη F1, F1 = (eE/η)∂_k f0(h0))
        rhs = -1j * qe * E * drive
        M = mp.matrix(4, 4)
        b = mp.matrix(4, 1)
        for r in range(2):
            for c in range(2):
                row = 2 * r + c
                for s in range(2):  # (hρ)_rc − (ρh)_rc − iηρ_rc
                    M[row, 2 * s + c] += h[r, s]
                    M[row, 2 * r + s] -= h[s, c]
                M[row, row] -= 1j * eta
                b[row] = rhs[r, c]
        rho = mp.lu_solve(M, b)
        # ½Tr(σ_y ρ) = ½(−iρ_21 + iρ_12)
        return mp.re((1j * rho[1] - 1j * rho[2]) / 2)

    slope = 8 * eps0 / mp.pi / a  # |dΔε/dk|
    widths = [mp.sqrt(eta**2 + (J_sd * S)**2) / slope, kB * T / slope]
    points = sorted({s * f * w for w in widths for f in (1, 10) for s in (-1, 1)} | {mp.mpf(0)})
    points = [-mp.pi / a] + [p for p in points if abs(p) < mp.pi / a] + [mp.pi / a]
    total = mp.quad(spin_y, points)
    return float(mp.pi * a / (2 * mp.pi) * total)


@pytest.mark.parametrize("relaxation", ["distributions", "equilibrium"])
def test_beyond_born_kernels_match_an_independent_mpmath_solution(relaxation):
    """Generated kernel + quad against the 2×2 problem solved numerically at each k (mpmath)."""
    eps0 = 12 * KT  # a narrow band keeps the mpmath quadrature short; every feature resolved
    e = dict(j=1e11, j0=1e16, T=300.0, mu=eps0 + 0.7 * KT, eps0=eps0, J_sd=0.5 * KT, S=0.8)
    eta = 0.3 * KT
    kernel = numeric.torque_perp_beyond_born(**e, tau_el=numeric.HBAR / eta, relaxation=relaxation)
    independent = _mp_torque(relaxation, **e, eta=eta)
    assert kernel == pytest.approx(independent, rel=1e-9)


@pytest.mark.parametrize("coupling_over_eta", [0.3, 3.0])
def test_equilibrium_model_has_the_same_narrow_limit(coupling_over_eta):
    """η, J_sd S ≪ k_BT: (E) too gives T⊥(20)·η/√(η² + (J_sd S)²) (the f0' terms cancel)."""
    eta = 1e-7 * KT
    J_sd = coupling_over_eta * eta
    exact = numeric.torque_perp_beyond_born(**ELECTRONS, J_sd=J_sd, tau_el=numeric.HBAR / eta,
                                            relaxation="equilibrium")
    born = numeric.torque_perp(**ELECTRONS, J_sd=J_sd)
    assert exact / born == pytest.approx(eta / math.hypot(eta, J_sd), rel=3e-6)


def test_unknown_relaxation_model_is_a_value_error():
    with pytest.raises(ValueError, match="relaxation"):
        numeric.torque_perp_beyond_born(**ELECTRONS, J_sd=KT, tau_el=1e-14, relaxation="bgk")


def test_every_relaxation_model_names_its_assumptions_and_has_a_kernel():
    """MODELS (what is the package's, not the letter's) and numeric's relaxation keys are one list."""
    from derivation.electrons.beyond_born import MODELS, SHARED_ASSUMPTIONS
    from numeric.beyond_born import RELAXATIONS
    assert set(MODELS) == set(RELAXATIONS)
    assert len(SHARED_ASSUMPTIONS) >= 4
    for key, model in MODELS.items():
        assert model.key == key and "iħ∂tρ_k" in model.equation
        assert len(model.assumptions) >= 2 and all(len(a) > 40 for a in model.assumptions)
