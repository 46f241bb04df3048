"""Every approximation of the derivation, as a named step.

Each derived result lists the keys of the steps it used (``Verdict.steps``),
and the output prints them.  Where the exact form is computable, the function
that applies a step takes a flag to switch it off.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Step", "STEPS", "describe"]


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    where: str
    what: str
    exact_form: str  # how to get the result without the step, or why not


STEPS: dict[str, Step] = {s.key: s for s in [
    Step("uniform-energy", "subtract the uniform state's energy", "Eq. (1)",
         "-λ⁻² n_x² integrates to -∞ over the wire; we add the X- and ξ0-independent "
         "constant +λ⁻² (the energy of the uniform state) so that H_DW is finite.",
         "not an approximation: a constant that does not enter the equations of motion"),
    Step("no-spin-waves", "drop the spin-wave continuum", "Eq. (5)→(7-8)",
         "only the two zero modes (X for ϕ, ξ0 for θ) are kept; the gapped continuum "
         "ε_q = JS²(q²+λ⁻²[+κ⁻²])/2 is dropped.",
         "not computable in this package: it would need the full mode expansion (5)"),
    Step("small-amplitude", "expand to second order in ξ0, ξ̇0, Ẋ", "Eqs. (9)-(11)",
         "L and W are kept to second order in the small amplitudes (ξ0, ξ̇0, Ẋ), which "
         "makes the equations of motion linear; the next terms are O(ξ0³Ẋ) and O(ξ0⁴) "
         "in L and O(ξ0²Ẋ²) in W.",
         "lagrangian(order=None) and rayleigh(order=None) return the exact x-integrals; "
         "nonlinear.system() builds the exact equations from them (numeric.nonlinear_relaxation, "
         "numeric.stationary_state)"),
    Step("drop-sz", "drop the ⟨s_z⟩ coupling", "Eq. (10)",
         "n ≃ n0 - e_z δθ - n0 δθ²/2 gives a term -(J_sd S/a³) ξ0 S_z, S_z ≡ ∫dx Φ0 ⟨s_z⟩, "
         "linear in ξ0, which the letter's Eq. (10) does not have.",
         "s_d_lagrangian(keep_sz=True) and equations_of_motion(keep_sz=True) keep it"),
    Step("drop-dSpar-dX", "drop ∂S∥/∂X (and ∂S_z/∂X)", "Eq. (12a)",
         "∂L/∂X contains -(J_sd S/a³)(ξ0²/2) ∂S∥/∂X; the letter drops it "
         "(small s-d coupling; it is also O(ξ0²)). With ⟨s_z⟩ kept, -(J_sd S/a³)ξ0 ∂S_z/∂X "
         "goes too: S_z = ⟨s_z⟩∫dx Φ0(x - X) does not depend on X for a uniform ⟨s_z⟩.",
         "equations_of_motion(keep_dSpar=True) keeps it"),
    Step("constant-torque", "T⊥, S∥ constant in time", "Eqs. (14)-(16)",
         "the electrons' spin accumulation is switched on as a step at t = 0 "
         "(τ_el ≪ τ_DW), so T⊥ and S∥ are constants in the equations of motion.",
         "relaxation with a ramp T⊥(1 - exp(-t/τ_el)) is integrated numerically in the notebooks"),
    Step("uniform-accumulation", "momentum-conserving processes only", "Eqs. (18)-(19)",
         "G< is diagonal in k, so ⟨s̄⟩ is uniform: T⊥ = π⟨s̄_y⟩ and S∥ = a⟨s̄_x⟩.",
         "not computable here: needs the x-dependent gauge field in the Green function"),
    Step("gauge-uniform", "Â_z replaced by a uniform -δk σ_z", "Eq. (2)→ε_kσ",
         "the q = 0 (momentum-conserving) part of Â_z = -∂xϕ0 σ_z/2 is taken as -δk σ_z "
         "with the letter's δk = π/(2a); the letter does not derive this value "
         "(the q = 0 part of Â_z over a wire of length L is -πσ_z/(2L)).",
         "torque.torque() keeps δk symbolic: T⊥ depends on it only through ε(k=0) = ħ²δk²/2m* "
         "(numeric.torque_perp_delta_k)"),
    Step("drop-A2", "drop Â_z² in Eq. (2)", "Eq. (2)",
         "the exact gauge-transformed kinetic term is |(∂x + iÂ_z) c̄|²; the letter's "
         "Eq. (2) drops c̄† Â_z² c̄ (|Â_z| ≪ k_F, a/λ ≪ 1) but its band ε_kσ keeps δk².",
         "off by default; band(drop_A2=True) shows its effect (ε(k=0) = 0)"),
    Step("boltzmann-linear", "relaxation-time Boltzmann, linear in E", "Eq. (4)",
         "f_kσ = f0 + eEτ_el v_kσ ∂f0/∂ε, the stationary solution of the linearised "
         "Boltzmann equation (t ≫ τ_el).",
         "boltzmann.transient() gives f1(t) ∝ 1 - exp(-t/τ_el), solved by dsolve"),
    Step("born", "Born approximation in J_sd", "Eq. (19)",
         "G<_{k↑,k↓} to first order in the s-d coupling (a single spin flip).",
         "beyond_born.steady_state() solves the 2×2 problem to all orders in J_sd with broadening "
         "η = ħ/τ_el (numeric.torque_perp_beyond_born); it reduces to Born only for "
         "J_sd S ≪ ħ/τ_el ≪ k_BT"),
    Step("sokhotski-plemelj", "i0 → Sokhotski–Plemelj", "Eqs. (18)-(20)",
         "1/(Δε - iη) → P(1/Δε) + iπδ(Δε) as η → 0.",
         "finite η: torque.torque_integrand(η) and torque.s_parallel_integrand(η), integrated "
         "by quadrature in the tests"),
    Step("relaxation-model", "a relaxation-time kinetic equation for ρ_k (the package's model)",
         "beyond Eq. (19)",
         "T⊥ beyond Born needs a kinetic equation for the 2×2 density matrix, which the letter does "
         "not have: one rate η = ħ/τ_el (τ_el of Eq. 4) for populations and coherence, k-local, no "
         "spin-flip or vertex corrections, at fixed µ and T, linear in E with the letter's Drude j "
         "(derivation.electrons.beyond_born.SHARED_ASSUMPTIONS).",
         "not computable here: it needs a microscopic collision integral"),
    Step("relaxation-target", "what the coherence relaxes towards", "beyond Eq. (19)",
         "either the distributions F_k of Eq. (4), with the field only in F_k, or the equilibrium "
         "f0(h_k) of the full h_k, with the field as a force on ρ_k "
         "(derivation.electrons.beyond_born.MODELS); their spread is the model uncertainty of the "
         "Born factor T⊥/T⊥(20).",
         "both are computed: numeric.torque_perp_beyond_born(relaxation='distributions' or "
         "'equilibrium'); validity.born_factors and holds.born_factor_spread print the spread"),
    Step("linear-nz", "n_z linear in ξ0, terminal", "Eq. (17)",
         "cos θ = -sin(ξ0Φ0) ≃ -ξ0Φ0, at ξ0 = ξ0*.",
         "numeric.nz_profile evaluates -sin(ξ0(t)Φ0(x-X(t))) exactly"),
]}


def describe(keys) -> list[str]:
    """One line per step key, for printing beside a result."""
    return [f"[{k}] {STEPS[k].name} ({STEPS[k].where})" for k in keys]
