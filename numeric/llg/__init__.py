"""The letter's spin chain simulated in full: Landau–Lifshitz–Gilbert dynamics of N classical spins.

An independent ground truth for the collective coordinates (X, ξ0) of Eqs. (7)-(8):
nothing here uses the reduction, only the Hamiltonian (1), the s-d coupling (3), the
Berry phase and the Rayleigh function (11) of the letter, on a lattice.  Besides the
letter's s-d drive, the field's standard drives (a uniform field, the Zhang–Li torque), on
which the chain is checked against Walker's exact solution (:mod:`numeric.llg.walker`) and
against Spirit (:mod:`numeric.llg.spirit`).

Model
-----
Sites x_i = (i - (N-1)/2) a, i = 0 … N-1 (an open chain, free ends), spins S n_i with
|n_i| = 1.  Energy per unit wall area [J/m²], a plane of 1/a² spins per site::

    H = a⁻² Σ_i [ -J S² n_i·n_{i+1}                      exchange (bond i, i+1; none past the ends)
                  - (J S²/2)(a/λ)² n_{i,x}²                 easy axis x
                  + (J S²/2)(a/κ)² n_{i,z}²                 hard axis z
                  - J_sd S n_i·⟨s⟩_i                        s-d coupling (Eq. 3)
                  + gµ_B S n_i·B ].                         applied field B [T]

The last term is the Zeeman energy of the moment -gµ_B S n_i of the spin S n_i (an
electron's g > 0; g = 2 unless given): the domain whose spins point against B grows.

Its continuum limit (Σ_i → ∫dx/a, n_{i+1} = n + a∂xn + …) is Eq. (1) plus Eq. (3),
(JS²/2a)[(∂xn)² - λ⁻² n_x² + κ⁻² n_z²] - (J_sd S/a³) n·⟨s⟩ per unit length, up to
constants, a total derivative and O((a/λ)²) corrections: :mod:`derivation.wall.spin_chain`
derives it and the tests compare it with :func:`derivation.model.energy_density`.

The Lagrangian of one site, ħS(cos θ - 1)ϕ̇ - H_i, with Rayleigh function (α/2)ħS ṅ_i²
(the per-site forms of L_DW and of Eq. 11), gives the Landau–Lifshitz–Gilbert equation

    ħS ṅ_i = n_i × h_i - αħS n_i × ṅ_i,   h_i = -∂H_i/∂n_i,

solved for ṅ_i (the Landau–Lifshitz form integrated here)::

    ṅ_i = [n_i × h_i - α n_i × (n_i × h_i)] / (ħS(1 + α²)) + (Zhang–Li, below),
    h_i = JS²(n_{i-1} + n_{i+1})                 exchange
          + JS²(a/λ)² n_{i,x} e_x                easy axis
          - JS²(a/κ)² n_{i,z} e_z                hard axis
          + J_sd S ⟨s⟩_i                         s-d field
          - gµ_B S B                             applied field.

The precession is n × h, the opposite sense to the micromagnetic ṁ = -γ m × B_eff: S n is
a spin (the letter's Berry-phase sign, derived in :mod:`derivation.wall.spin_chain`), and
m = -n its moment's direction (:func:`numeric.llg.spirit.spirit_parameters` maps one onto
the other).

Zhang–Li spin-transfer torque, drift velocity u [m/s] along x, non-adiabatic β: in the
Gilbert form, ∂t → ∂t + u∂x in the Berry term and ∂t → ∂t + (β/α)u∂x in the damping,

    ħS(ṅ + u∂x n) = n × h - αħS n × (ṅ + (β/α)u∂x n),

(on the lattice u∂x n → uD_i⊥, its part ⟂ n_i, D_i below), which adds to ṅ_i (both terms
⟂ n_i, as in Spirit)::

    [(1 + αβ) u n_i × (n_i × D_i) + (α - β) u n_i × D_i] / (1 + α²),
    D_i = (n_{i+1} - n_{i-1})/(2a) (∂x n; (n_1 - n_0)/a and (n_{N-1} - n_{N-2})/a at the ends).

u > 0 pushes the wall towards +x (below the threshold the steady wall moves at βu/α:
:mod:`numeric.llg.walker`).  In the field's convention u points along the electron flow
(against the current density j), |u| = gµ_B P|j|/(2eM_s), M_s = gµ_B S/a³.

The s-d field moves with the wall, as the letter assumes (text below Eq. 13b):

    ⟨s⟩_i = s̄_x n0(x_i - X_c) + s̄_y e_z × n0(x_i - X_c),   n0 = (cos ϕ0, sin ϕ0, 0),
    ϕ0(x) = 2 arctan e^{x/λ},

centred at X_c: by default the ansatz's X (:func:`ansatz_position`, the letter's collective
coordinate: the X of the ansatz (7)-(8) nearest to the chain), or with ``centre="n_x"`` the
zero of n_x.  The letter does not say how ⟨s⟩ follows a wall that is not exactly the
ansatz; both are available so that a finding can be checked against the choice.

with uniform s̄ fixed by the per-site convention of the dimensional audit
(:data:`derivation.audit.units.CONVENTION`): T⊥ = ∫dx ∂xϕ0 s̄_y = π s̄_y (Eq. 13a),
S∥ = ∫dx Φ0² s̄_x = a s̄_x (Eq. 13b).  T⊥ and S∥ are switched on at t = 0 on the relaxed
wall at rest (the step ``constant-torque``); so are B and u.

Measured coordinates
--------------------
X
    where n_x crosses zero (the sign change with the most negative n_x,i n_x,i+1, the
    steepest), by cubic inverse interpolation through the four sites around it;
V
    dX/dt, the exact derivative of that interpolant along the flow (complex step);
ξ0
    the projection of the out-of-plane tilt δθ_i = θ_i - π/2 = -arcsin n_{i,z} onto
    Φ0(x - X) = sqrt(a/2λ) sech((x - X)/λ) (Eq. 6), with the ansatz's normalisation
    a⁻¹∫dx Φ0² = 1 on the lattice: ξ0 = Σ_i Φ0 δθ_i / Σ_i Φ0²;
X_zm, V_zm
    the ansatz's X (:func:`ansatz_position`): where the chain's deviation from n0(x - X)
    has no component along the translation mode Φ0 e_z × n0 — the coordinate the letter's
    X stands for (η0 of Eq. 5 replaced by X) — and its rate (complex step);
ψ, Δ
    Walker's coordinates (:func:`wall_tilt`, :func:`wall_width`): the tilt of the wall's plane
    of rotation, atan2(Σ w n_z, Σ w n_y) with w = sech²((x - X)/λ), and (a/2)Σ_i(1 - n_{i,x}²).

Map to the letter's symbols (SI, as in :mod:`numeric`): ``a`` a, ``lam`` λ, ``kappa`` κ,
``J`` J, ``S`` S, ``alpha`` α, ``J_sd`` J_sd, ``T_perp`` T⊥ (dimensionless), ``S_par`` S∥ [m];
the standard drives ``B`` [T] (3 components), ``g``, ``u`` [m/s], ``beta`` β.
Time unit inside: ħ/(JS).  Integrator: an explicit embedded Runge–Kutta pair (so the spin
waves are resolved, not damped by the method), ``rtol`` = 1e-9, ``atol`` = 1e-11 on the
unit vectors (:data:`RTOL`, :data:`ATOL`), in SciPy's sense: Tsitouras 5(4) compiled with
its whole step loop (:mod:`numeric.llg.runge_kutta`) by default, SciPy's
:func:`~scipy.integrate.solve_ivp` with DOP853 as the reference path
(``integrator="solve_ivp"``).  :func:`simulate_batch` integrates many chains in one
compiled loop.

The right-hand side is a fused loop compiled by numba when numba is installed, vectorised
NumPy otherwise (``backend=``, with solve_ivp); both compute the same numbers.  SciPy and
numba are imported on first use: ``import numeric.llg`` costs only NumPy.
"""
from __future__ import annotations

from .chain import (ATOL, CENTRES, G_FACTOR, METHOD, MU_B, RTOL, Chain, accumulation, chain,
                    sd_energy, site_positions, wall_energy, wall_profile, zeeman_energy, zero_mode)
from .measure import (ansatz_position, ansatz_velocity, wall_position, wall_tilt, wall_velocity,
                      wall_width, zero_mode_amplitude, zero_mode_position)
from .relax import relaxed_wall
from .rhs import rhs
from .stationary import Limit, stationary_limit
from .dynamics import INTEGRATORS, Trajectory, default_sites, simulate, simulate_batch, wall_dynamics

__all__ = ["wall_dynamics", "stationary_limit", "Limit", "Chain", "Trajectory", "chain", "simulate", "simulate_batch",
           "INTEGRATORS", "relaxed_wall",
           "rhs", "accumulation", "sd_energy", "wall_position", "zero_mode_position",
           "ansatz_position", "ansatz_velocity", "CENTRES", "wall_tilt", "wall_width",
           "zeeman_energy", "MU_B", "G_FACTOR",
           "wall_profile", "zero_mode", "wall_velocity", "zero_mode_amplitude", "wall_energy",
           "site_positions", "default_sites", "RTOL", "ATOL", "METHOD"]
