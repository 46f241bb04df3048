"""T⊥ beyond the Born approximation (19), and with the gauge shift δk as a parameter.

The package's model (stated once, used everywhere here): at each k the 2×2
density matrix ρ_k of c̄ obeys a relaxation-time kinetic equation with the s-d
coupling kept to all orders,

    iħ ∂t ρ_k = [h_k, ρ_k] − iη (ρ_k − F_k),        h_k = diag(ε_k↑, ε_k↓) + V,     (K)

where V = −(J_sd S/2) Û†(n0·σ)Û (:func:`derivation.electrons.torque.sd_matrix`), F_k =
diag(f_k↑, f_k↓) the Boltzmann distributions of Eq. (4), and η = ħ/τ_el the
rate at which the electrons relax to them.  Its first order in V is exactly
the equation :func:`derivation.electrons.torque.green_lesser` solves for Eq. (19)
(checked by :func:`born_limit_difference`); (K) is solved here in closed form
(a Bloch equation), to all orders in J_sd: exact within the model.

The steady state gives ⟨s̄_y⟩_k = ½ Tr(σ_y ρ_k) as a Lorentzian in the band
splitting Δε_k = ε_k↑ − ε_k↓ of width √(η² + (J_sd S)²) and weight ∝ η:
the letter's δ(Δε) (η → 0 *after* J_sd → 0) becomes, at finite J_sd,

    ∫ dΔε  η J_sd S / (η² + (J_sd S)² + Δε²) = π J_sd S · η/√(η² + (J_sd S)²),

so the exact T⊥ vanishes as η → 0 at fixed J_sd (the spin follows the
avoided crossing adiabatically) and equals the Born T⊥ only for
J_sd S ≪ η = ħ/τ_el ≪ k_BT.  The k-integral with the Fermi functions is done by
quadrature in :mod:`numeric.beyond_born`.

(K) is this package's model, not the letter's: the letter has no kinetic equation for ρ_k
(it has Eq. 4 for the populations and the Born G< of Eq. 19 with η → 0).  A second model
(E) relaxes the coherence towards the equilibrium of the full h_k instead,

    iħ ∂t ρ_k = [h_k, ρ_k] − iη (ρ_k − f0(h_k)) + i eE ∂_k ρ_k,                        (E)

with the field as the force of the semiclassical kinetic equation (ħk̇ = −eE, the
source (eE/ħ)∂_k f0 of :mod:`derivation.electrons.boltzmann`) acting on ρ itself.  Its E = 0
steady state is f0(h_k) exactly; at O(E) (:func:`steady_state_equilibrium`) the populations of
the eigenbands of h_k are Eq. (4) for those bands, so the state carries the Drude current, and
the coherence between them is driven by ∂_k of their projectors.  (K) is (E) with h_k replaced
by h0 = diag(ε↑, ε↓) in the relaxation target and in the drive (tested).  Every assumption of
the two that is the package's is named in :data:`MODELS`.

The two differ only away from the narrow limit: for η, J_sd S ≪ k_BT both give
T⊥/T⊥(20) → η/√(η² + (J_sd S)²) (:func:`born_limit_equilibrium` shows that (E) at O(J_sd) and
leading order in 1/η is Eq. 20 as derived).

δk: :func:`torque_with_delta_k` is the derived T⊥ in the letter's variables
(j, j0, ε0) with δk kept: it enters only through the k = 0 band energy
ε_b = ħ²δk²/2m* (:func:`derivation.electrons.torque.delta_k_dependence`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from .gauge import band, pauli
from ..audit.letter import DEFINITIONS, e_dn, e_up, f_dn, f_up
from ..symbols import (E_field, J_sd, S, T, a, delta_k, e, eps0, eta, hbar, j, j0, k, k_B,
                      m_eff, mu, n_e, tau_el)

__all__ = ["kinetic_equation", "steady_state", "spin_y", "born_limit_difference",
           "torque_integrand_exact", "torque_with_delta_k", "kappa_a",
           "RelaxationModel", "MODELS", "SHARED_ASSUMPTIONS",
           "equilibrium_density", "kinetic_equation_equilibrium", "steady_state_equilibrium",
           "spin_y_equilibrium", "eigenband_populations", "born_limit_equilibrium",
           "torque_integrand_equilibrium", "fermi_difference_stable"]

# κ = k a, the dimensionless wave number over the zone (-π, π)
kappa_a = sp.Symbol("kappa_a", real=True)


def kinetic_equation(rho: sp.Matrix) -> sp.Matrix:
    """[h, ρ] − iη(ρ − F) for the 2×2 problem (K), h = diag(ε↑, ε↓) + V; zero in the steady state."""
    from .torque import sd_matrix
    h = sp.diag(e_up, e_dn) + sd_matrix()
    F = sp.diag(f_up, f_dn)
    return h * rho - rho * h - sp.I * eta * (rho - F)


@cache
def steady_state() -> sp.Matrix:
    """The exact steady state ρ of (K), all orders in J_sd (4 linear equations, solved by SymPy)."""
    r = sp.Matrix(2, 2, sp.symbols("rho_11 rho_12 rho_21 rho_22"))
    (solution,) = sp.linsolve(list(kinetic_equation(r)), list(r))
    return sp.Matrix(2, 2, list(solution)).applyfunc(sp.factor)


@cache
def spin_y() -> sp.Expr:
    """⟨s̄_y⟩_k = ½ Tr(σ_y ρ) in the exact steady state, as a function of ε↑, ε↓, f↑, f↓."""
    return sp.factor(sp.simplify((pauli()[1] * steady_state()).trace() / 2))


@cache
def born_limit_difference() -> sp.Expr:
    """O(J_sd) part of the exact ⟨s̄_y⟩ minus the Born one of :func:`derivation.electrons.torque.green_lesser`.

    Simplifies to 0: (K) is the all-orders completion of the letter's Eq. (19) with broadening η.
    """
    from .torque import green_lesser, spin_from_green
    g = sp.Symbol("g_series")
    exact = spin_y().subs(J_sd, g * J_sd)
    first = sp.series(exact, g, 0, 2).removeO().subs(g, 1)
    born = spin_from_green(green_lesser(eta))["y"]
    return sp.simplify(first - born)


@cache
def torque_integrand_exact() -> sp.Expr:
    """dT⊥/dκ (κ = ka ∈ (−π, π)): the exact ⟨s̄_y⟩_k at O(E), in the letter's variables.

    T⊥ = π·(a/2π)∫dk ⟨s̄_y⟩_k = ½∫dκ ⟨s̄_y⟩ (per-site weights of :mod:`derivation.electrons.torque`);
    f_kσ − f0(ε_kσ) is the O(E) part of Eq. (4) (the O(E⁰) part is odd in k and
    integrates to zero); then j, j0, ε0, δk = π/2a and η = ħ/τ_el put in.
    Arguments left: κ, j, j0, T, µ, ε0, J_sd, S, η.
    """
    from .boltzmann import distribution, f0, fermi
    from ..symbols import T, k_B, mu
    from .torque import _weights, in_currents
    up, dn = band()
    # the O(E) part of Eq. (4), f_kσ − f0(ε_kσ) = τ_el (eE/ħ) ∂_k f0(ε_kσ), with f0 in its
    # tanh form (bounded derivative, no overflow); the identity with Fermi–Dirac is checked
    energy = sp.Symbol("varepsilon", real=True)
    f0_tanh = (1 - sp.tanh((energy - mu) / (2 * k_B * T))) / 2
    if sp.simplify((f0_tanh - fermi(energy)).rewrite(sp.exp)) != 0:
        raise ArithmeticError("tanh form of the Fermi function is wrong")
    tanh_form = sp.Lambda(energy, f0_tanh)
    current = {f_up: (distribution(0) - f0(up)).replace(f0, tanh_form).doit(),
               f_dn: (distribution(1) - f0(dn)).replace(f0, tanh_form).doit()}
    s_y = spin_y().subs(current).subs({e_up: up, e_dn: dn})
    # T⊥ = π (a/2π) ∫dk ⟨s̄_y⟩_k, and dk = dκ/a
    integrand = _weights()["T_perp"] * a / (2 * sp.pi) * s_y / a
    integrand = in_currents(integrand.subs(k, kappa_a / a).subs(delta_k, DEFINITIONS[delta_k]))
    integrand = sp.factor_terms(sp.expand(integrand.subs(tau_el, hbar / eta)))
    if integrand.has(a):
        raise ArithmeticError(f"the lattice constant did not drop out: {integrand}")
    return integrand


@cache
def torque_with_delta_k() -> sp.Expr:
    """T⊥ (η → 0, Born, as derived) in j, j0, ε0, µ, T with δk kept as an argument.

    Same substitutions as :func:`derivation.electrons.torque.torque_in_currents` except δk;
    at δk = π/2a it is that expression (checked in the tests).
    """
    from .torque import in_currents, torque
    return sp.simplify(in_currents(torque()))



# ---------------------------------------------------------------------------------------------
# The two relaxation models and what in them is the package's (issue 19, item 5)

@dataclass(frozen=True)
class RelaxationModel:
    """A kinetic equation for ρ_k: its key (``numeric.torque_perp_beyond_born(relaxation=key)``),
    the equation, and the assumptions that are this package's, not the letter's."""

    key: str
    name: str
    equation: str
    assumptions: tuple[str, ...]


SHARED_ASSUMPTIONS: tuple[str, ...] = (
    "a kinetic equation for the 2×2 density matrix ρ_k of c̄ at each k; the letter has none "
    "(it has Eq. 4 for the populations and the Born G< of Eq. 19 for the coherence, with η → 0)",
    "one relaxation rate η = ħ/τ_el for populations and coherence alike (no separate spin-flip "
    "or dephasing time), with τ_el the Boltzmann time of Eq. (4); the letter's η in (19) is the "
    "adiabatic switching i0 → 0 and has no value",
    "a k-local relaxation-time collision term: no vertex corrections, no spin-flip or "
    "momentum-mixing scattering, the same η at every k and in both bands",
    "grand-canonical relaxation: the target is taken at the fixed µ and T of Eq. (4)",
    "E enters at first order and j is the letter's Drude j = ne²τ_el E/m* (below Eq. 21)",
)
"""Assumptions of both models that the letter does not make.  Shared with the letter (its steps,
not listed here): the s-d field of the wall at rest, −(J_sd S/2)σ_x in the aligned frame
(``uniform-accumulation``); the uniform gauge field δk = π/2a (``gauge-uniform``); the steady
state t ≫ τ_el (``constant-torque``); the free-electron band with one k per site."""

MODELS: dict[str, RelaxationModel] = {m.key: m for m in (
    RelaxationModel(
        "distributions", "relaxation towards the distributions of Eq. (4)",
        "iħ∂tρ_k = [h_k, ρ_k] − iη(ρ_k − F_k), F_k = diag(f_k↑, f_k↓) of Eq. (4)",
        ("the target F_k holds the populations of the uncoupled bands ε_kσ and no coherence: "
         "for J_sd ≠ 0 it is not the equilibrium of h_k (the E = 0 steady state is not f0(h_k))",
         "the drive enters only through F_k, as Eq. (4)'s shift τ_el(eE/ħ)∂_k f0(ε_kσ) of the "
         "uncoupled bands: the force term i eE∂_k acts on f0(h0), h0 = diag(ε↑, ε↓), not on ρ_k")),
    RelaxationModel(
        "equilibrium", "relaxation towards the equilibrium f0(h_k) of the full h_k",
        "iħ∂tρ_k = [h_k, ρ_k] − iη(ρ_k − f0(h_k)) + i eE ∂_k ρ_k",
        ("the target is f0(h_k), the Fermi function of the full 2×2 h_k (s-d coupling to all "
         "orders, its coherence ⟨s̄_x⟩ ≠ 0 included)",
         "the drive is the force term (eE/ħ)∂_kρ_k of the semiclassical kinetic equation "
         "(ħk̇ = −eE) acting on ρ_k itself; in c̄'s k-independent spin basis ∂_k needs no "
         "Berry connection; at O(E) it acts on f0(h_k), so the eigenbands' populations are "
         "Eq. (4) for those bands and the interband coherence is driven by ∂_k of their "
         "projectors")),
)}


# auxiliary symbols of model (E): f0 and f0' at the eigenvalues E± of h_k, the band
# velocities ∂_kε_kσ, and the eigenvalue splitting W = √(Δε² + (J_sd S)²) as a positive symbol
f_plus, f_minus, df_plus, df_minus = sp.symbols("f_plus f_minus df_plus df_minus", real=True)
v_up, v_dn = sp.symbols("v_up v_dn", real=True)
splitting = sp.Symbol("W_k", positive=True)


def _splitting_squared() -> sp.Expr:
    return (e_up - e_dn) ** 2 + (J_sd * S) ** 2


def _eigenvalues(W: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """E± = (ε↑ + ε↓)/2 ± W/2, the eigenvalues of h_k."""
    return (e_up + e_dn) / 2 + W / 2, (e_up + e_dn) / 2 - W / 2


def _reduce(expr: sp.Expr) -> sp.Expr:
    """``expr`` (rational in √(Δε² + (J_sd S)²)) with the root as the symbol W_k and W_k² eliminated.

    Numerator and denominator are reduced modulo W_k² − Δε² − (J_sd S)² (polynomial remainder
    in W_k): exact, and far faster than simplify on the nested roots.
    """
    relation = splitting ** 2 - _splitting_squared()
    z = sp.together(expr.subs(sp.sqrt(_splitting_squared()), splitting))
    numerator, denominator = sp.fraction(z)
    numerator = sp.rem(sp.expand(numerator), relation, splitting)
    denominator = sp.rem(sp.expand(denominator), relation, splitting)
    return sp.factor(sp.cancel(numerator / denominator))


def _hamiltonian() -> sp.Matrix:
    from .torque import sd_matrix
    return sp.diag(e_up, e_dn) + sd_matrix()


@cache
def equilibrium_density(root: bool = False) -> sp.Matrix:
    """f0(h_k) = f₊P₊ + f₋P₋, P± the spectral projectors of h_k (f± = f0(E±) as symbols).

    With ``root`` the splitting is √(Δε² + (J_sd S)²), for differentiation; else the symbol W_k.
    Checked: P±² = P±, hP± = E±P±, so [h_k, f0(h_k)] = 0 and f0(h_k) is the E = 0 steady state of (E).
    """
    h = _hamiltonian()
    W = sp.sqrt(_splitting_squared())
    E_p, E_m = _eigenvalues(W)
    P_p = (h - E_m * sp.eye(2)) / (E_p - E_m)
    P_m = (h - E_p * sp.eye(2)) / (E_m - E_p)
    for P, E in ((P_p, E_p), (P_m, E_m)):
        if (P * P - P).applyfunc(_reduce) != sp.zeros(2) or (h * P - E * P).applyfunc(_reduce) != sp.zeros(2):
            raise ArithmeticError("P± are not the spectral projectors of h_k")
    rho = f_plus * P_p + f_minus * P_m
    return rho if root else rho.applyfunc(_reduce)


@cache
def _drive() -> sp.Matrix:
    """∂_k f0(h_k) by the chain rule: through ε_kσ (velocities v_σ = ∂_kε_kσ) and through f0(E±)."""
    rho = equilibrium_density(root=True)
    E_p, E_m = _eigenvalues(sp.sqrt(_splitting_squared()))
    total = sp.zeros(2)
    for energy, velocity in ((e_up, v_up), (e_dn, v_dn)):
        partial = (rho.diff(energy) + rho.diff(f_plus) * df_plus * E_p.diff(energy)
                   + rho.diff(f_minus) * df_minus * E_m.diff(energy))
        total += partial * velocity
    return total.applyfunc(_reduce)


def kinetic_equation_equilibrium(rho1: sp.Matrix) -> sp.Matrix:
    """The O(E) part of (E): [h_k, ρ1] − iηρ1 + i eE ∂_k f0(h_k); zero in the steady state."""
    h = _hamiltonian()
    return h * rho1 - rho1 * h - sp.I * eta * rho1 + sp.I * e * E_field * _drive()


@cache
def steady_state_equilibrium() -> sp.Matrix:
    """ρ1, the O(E) steady state of (E), all orders in J_sd (4 linear equations, solved by SymPy).

    Solved with the drive as four placeholder entries (fast) and the drive put in afterwards;
    entries are left unsimplified (the observables below are reduced one by one).
    """
    h = _hamiltonian()
    r = sp.Matrix(2, 2, sp.symbols("rho1_11 rho1_12 rho1_21 rho1_22"))
    D = sp.Matrix(2, 2, sp.symbols("D_11 D_12 D_21 D_22"))
    equation = h * r - r * h - sp.I * eta * r + sp.I * e * E_field * D
    (solution,) = sp.linsolve(list(equation), list(r))
    return sp.Matrix(2, 2, list(solution)).subs(dict(zip(D, _drive())))


@cache
def spin_y_equilibrium() -> sp.Expr:
    """⟨s̄_y⟩_k = ½ Tr(σ_y ρ1) of (E) at O(E), in ε↑, ε↓, v↑, v↓, f± and W_k.

    The f0' terms cancel: ⟨s̄_y⟩ = eE J_sd S (f₋ − f₊)(v↓ − v↑)/(2W(W² + η²)), a Lorentzian in
    W of width η (as SymPy returns it; the tests check it against the equation, not this line).
    """
    s_y = (pauli()[1] * steady_state_equilibrium()).trace() / 2
    return _reduce(s_y.subs(J_sd ** 2, (splitting ** 2 - (e_up - e_dn) ** 2) / S ** 2))


@cache
def eigenband_populations() -> dict[str, sp.Expr]:
    """⟨±|ρ1|±⟩ − (eE/η) f0'(E±) ∂_kE± for the two eigenbands: both 0 (Eq. 4 for the bands of h_k).

    This is how (E) carries the current: its intraband part is the Boltzmann shift of Eq. (4)
    with τ_el = ħ/η, for the coupled bands E±(k).
    """
    rho1 = steady_state_equilibrium()
    E_p, E_m = _eigenvalues(splitting)
    h = _hamiltonian()
    out = {}
    for name, E, other, df in (("+", E_p, E_m, df_plus), ("-", E_m, E_p, df_minus)):
        P = (h - other * sp.eye(2)) / (E - other)
        population = (P * rho1).trace()  # Tr(P ρ1) = ⟨±|ρ1|±⟩
        # ∂_k E± through ε_kσ, with ∂W/∂ε↑ = −∂W/∂ε↓ = Δε/W
        slope = (v_up + v_dn) / 2 + (1 if name == "+" else -1) * (e_up - e_dn) * (v_up - v_dn) / (2 * splitting)
        difference = population - e * E_field / eta * df * slope
        out[name] = _reduce(difference.subs(J_sd ** 2, (splitting ** 2 - (e_up - e_dn) ** 2) / S ** 2))
    return out


def _on_band_equilibrium(expr: sp.Expr) -> sp.Expr:
    """ε_kσ, v_σ = ∂_kε_kσ of the derived band; W_k back to its root."""
    up, dn = band()
    W = sp.sqrt(_splitting_squared())
    return expr.subs(splitting, W).subs({v_up: up.diff(k), v_dn: dn.diff(k)}).subs(
        {e_up: up, e_dn: dn})


@cache
def born_limit_equilibrium() -> sp.Expr:
    """(E)'s T⊥ at O(J_sd) and leading order as η → 0, minus Eq. (20) as derived: simplifies to 0.

    At O(J_sd), W → |Δε| and ⟨s̄_y⟩ = N(k)/(Δε² + η²); as η → 0, 1/(Δε² + η²) → (π/η)δ(Δε)
    plus a principal part of order η⁰ (relative order η/k_BT).  The δ term, integrated as in
    Eq. (18a) with f0 abstract and then Fermi–Dirac, with η = ħ/τ_el, is compared with
    :func:`derivation.electrons.torque.torque` (Born, Sokhotski–Plemelj).
    """
    from .boltzmann import f0, with_fermi
    from .torque import _weights, torque
    g = sp.Symbol("g_series", positive=True)
    s_y = spin_y_equilibrium()
    E_p, E_m = _eigenvalues(splitting)
    s_y = s_y.subs({f_plus: f0(E_p), f_minus: f0(E_m)})
    first = sp.series(_on_band_equilibrium(s_y).subs(J_sd, g * J_sd), g, 0, 2).removeO().subs(g, 1)
    delta_eps = sp.expand(band()[0] - band()[1])
    numerator = sp.cancel(first * (delta_eps ** 2 + eta ** 2))
    if numerator.has(eta):
        raise ArithmeticError(f"O(J_sd) part of (E) is not N(k)/(Δε² + η²): {first}")
    # N at the crossing k = 0, where Δε = 0: a 0/0 of the divided difference of f0, taken from
    # both sides by the Taylor series of f0 (limit cannot expand an abstract function)
    side = sp.Symbol("k_side", positive=True)
    at_crossing = {sp.series(numerator.subs(k, s_ * side), side, 0, 1).removeO().doit()
                   for s_ in (1, -1)}
    if len(at_crossing) != 1 or any(v.has(side) for v in at_crossing):
        raise ArithmeticError(f"N(k) has no limit at the crossing: {at_crossing}")
    (N0,) = at_crossing
    integrand = _weights()["T_perp"] * a / (2 * sp.pi) * N0 * sp.pi / eta * sp.DiracDelta(delta_eps)
    leading = sp.integrate(integrand, (k, -sp.pi / a, sp.pi / a))
    leading = with_fermi(leading.subs(eta, hbar / tau_el))
    return sp.simplify((leading - torque()).rewrite(sp.exp))


def fermi_difference_stable(upper: sp.Expr, lower: sp.Expr) -> sp.Expr:
    """f0(lower) − f0(upper) for upper ≥ lower, in a form free of overflow and cancellation.

    With A, B = (upper − µ)/2k_BT, (lower − µ)/2k_BT: f0(B) − f0(A) = (tanh A − tanh B)/2 =
    −expm1(−2(A − B)) e^{A−B−|A|−|B|} / ((1 + e^{−2|A|})(1 + e^{−2|B|})); every exponent ≤ 0.
    Checked against the Fermi–Dirac difference on each sign pattern of A and B.
    """
    from sympy.codegen.cfunctions import expm1
    from .boltzmann import fermi
    A = (upper - mu) / (2 * k_B * T)
    B = (lower - mu) / (2 * k_B * T)

    def form(abs_A, abs_B, m1):
        return -m1 * sp.exp(A - B - abs_A - abs_B) / ((1 + sp.exp(-2 * abs_A)) * (1 + sp.exp(-2 * abs_B)))

    target = fermi(lower) - fermi(upper)
    for sA in (1, -1):
        for sB in (1, -1):
            candidate = form(sA * A, sB * B, sp.exp(-2 * (A - B)) - 1)
            if sp.simplify(sp.expand((candidate - target).rewrite(sp.exp))) != 0:
                raise ArithmeticError("the stable Fermi difference is wrong")
    return form(sp.Abs(A), sp.Abs(B), expm1(-2 * (A - B)))


@cache
def torque_integrand_equilibrium() -> sp.Expr:
    """dT⊥/dκ (κ = ka ∈ (−π, π)) of model (E) at O(E), in the letter's variables.

    T⊥ = ½∫dκ ⟨s̄_y⟩ as for :func:`torque_integrand_exact`; f₋ − f₊ in the stable form of
    :func:`fermi_difference_stable`; eE from the letter's j = ne²τ_el E/m*, then j0, ε0,
    δk = π/2a and τ_el = ħ/η.  Arguments left: κ, j, j0, T, µ, ε0, J_sd, S, η.
    """
    from .torque import _weights, in_currents
    # in the mean band energy and the band splitting Δε (so that Δε² is computed as such, not
    # as a difference of squares of energies ≫ Δε)
    mean, split = sp.symbols("varepsilon_mean Delta_varepsilon", real=True)
    placeholder = sp.Symbol("Delta_f")
    s_y = spin_y_equilibrium().subs(f_minus, f_plus + placeholder)
    s_y = sp.factor(s_y.subs({e_up: mean + split / 2, e_dn: mean - split / 2}))
    if s_y.has(f_plus) or s_y.has(mean):
        raise ArithmeticError(f"⟨s̄_y⟩ of (E) is not ∝ f₋ − f₊ with a splitting-only rest: {s_y}")
    E_p, E_m = mean + splitting / 2, mean - splitting / 2
    integrand = _weights()["T_perp"] * a / (2 * sp.pi) * s_y / a
    integrand = integrand.subs(placeholder, fermi_difference_stable(E_p, E_m))
    up, dn = band()
    integrand = integrand.subs(splitting, sp.sqrt(split ** 2 + (J_sd * S) ** 2)).subs(
        {v_up: up.diff(k), v_dn: dn.diff(k), mean: sp.expand((up + dn) / 2),
         split: sp.expand(up - dn)})
    integrand = in_currents(integrand.subs(k, kappa_a / a).subs(delta_k, DEFINITIONS[delta_k]))
    integrand = sp.factor_terms(integrand.subs(tau_el, hbar / eta))
    if integrand.has(a):
        integrand = sp.factor_terms(sp.powsimp(sp.expand_power_base(integrand, force=True), force=True))
    if integrand.has(a):
        raise ArithmeticError(f"the lattice constant did not drop out: {integrand}")
    return integrand
