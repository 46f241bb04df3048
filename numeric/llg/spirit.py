"""The chain of :mod:`numeric.llg` in Spirit (PyPI ``spirit``), side by side.

Spirit (spirit-code/spirit, v2.2) is an atomistic spin-dynamics code: a Heisenberg
Hamiltonian in meV, fields in T, time in ps, moments µ_s in µ_B, and the micromagnetic
Landau–Lifshitz–Gilbert equation for the moment direction m,

    ṁ = -γ/(1 + α²) [m × B_eff + α m × (m × B_eff)] + Zhang–Li,   B_eff = -∂E/∂m / (µ_s µ_B),

integrated with a fixed step (here its 4th-order Runge–Kutta, spins renormalised after each
stage).  Its Zhang–Li torque (``llg_stt_use_gradient 1``) is, with j_e the unit "current
direction" and a_j its magnitude in meV,

    ṁ += -(γ a_j/µ_B)/(1 + α²) [(1 + αβ)(j_e·∇)m_⊥ + (α - β) m × (j_e·∇)m],

(j_e·∇)m by central differences (n_{i+1} - n_{i-1})/2a, one-sided at open ends
(``Vectormath::jacobian``), i.e. u = γa_j/µ_B j_e [Å/ps]; only a_j > 0 acts.
:func:`spirit_parameters` is the one place where this package's chain is mapped onto that
model; :func:`run_spirit` runs it; :func:`side_by_side` compares the two.
Spirit is imported on use (the ``validate`` extra).
"""
from __future__ import annotations

import contextlib
import math
import os
import pathlib
import tempfile
from dataclasses import dataclass

import numpy as np

from .._kernels import E_CHARGE, HBAR
from .chain import G_FACTOR, MU_B

__all__ = ["SPIRIT_CONSTANTS", "spirit_parameters", "spirit_config", "run_spirit",
           "have_spirit", "SpiritRun", "side_by_side"]

# Spirit's own constants (core/include/utility/Constants.hpp, v2.2.0; the tests compare them
# with spirit.constants): µ_B [meV/T], γ [rad/(ps T)]
SPIRIT_CONSTANTS = {"mu_B": 0.057883817555, "gamma": 0.1760859644}
MEV = 1e-3 * E_CHARGE    # J per meV (exact)
PS = 1e-12               # s per ps
ANGSTROM = 1e-10         # m per Å


def have_spirit() -> bool:
    try:
        import spirit  # noqa: F401
    except ImportError:
        return False
    return True


def spirit_parameters(*, alpha, a, lam, kappa, J, S, n_sites, B=(0.0, 0.0, 0.0), u=0.0,
                      beta=0.0, g=G_FACTOR) -> dict:
    """This package's chain (SI, :func:`numeric.llg.chain`'s arguments) as Spirit's inputs.

    The mapping, term by term (E_i the energy of site i, in meV in Spirit):

    * **direction**: Spirit's m_i = -n_i.  S n_i is a spin (the letter's Berry phase gives
      ħS ṅ = n × h - αħS n × ṅ, precession n × h); its moment is -gµ_B S n_i, which is what
      the micromagnetic LLG, ṁ = -γ m × B_eff + α m × ṁ, moves.  Substituting m = -n,
      B_eff = -h/(µ_s µ_B) turns one equation into the other (the damping and Zhang–Li
      terms included, β keeping its sign) when γ/(µ_s µ_B) = 1/(ħS).
    * **exchange**: J_ij = JS² per bond (Spirit: E = -Σ_⟨ij⟩ J_ij m_i·m_j, one nearest-
      neighbour shell on a simple-cubic lattice of N×1×1 cells, open ends).
    * **anisotropies**: two entries (E = -Σ K (K̂·m)²): K = JS²(a/λ)²/2 along x (easy),
      K = -JS²(a/κ)²/2 along z (hard).  Even in m, so unchanged by m = -n.
    * **µ_s = γħS/µ_B** (Spirit's γ and µ_B, ħ = CODATA): makes γ/(µ_s µ_B) = 1/(ħS), so
      that Spirit's time is this package's (µ_s = 2.0023 S; not gS, which would rescale
      time by g/2.0023).
    * **field**: E = -µ_s µ_B B'·m = +µ_s µ_B B'·n must equal gµ_B S B·n (the moment
      -gµ_B S n in the field B), so B' = gµ_B S B/(µ_s µ_B), B' ∥ B (not reversed).
    * **Zhang–Li**: u = γa_j/µ_B, so a_j = |u| µ_B/γ (u in Å/ps = 100 m/s), j_e = sign(u) e_x;
      β and α as they are.  This package discretises ∂x n with the same stencil.
    * **time**: Spirit's ps; the lattice constant in Å.

    Returns a dict of Spirit's keywords (numbers in its units) plus ``"orientation"`` (-1:
    m = -n) and ``"time_unit"`` (s per Spirit time unit).
    """
    mu_B, gamma = SPIRIT_CONSTANTS["mu_B"], SPIRIT_CONSTANTS["gamma"]
    B = np.asarray(B, dtype=float)
    if B.shape != (3,):
        raise ValueError(f"spirit_parameters: B must have 3 components [T], got {B!r}")
    if not (n_sites >= 2 and int(n_sites) == n_sites):
        raise ValueError(f"spirit_parameters: n_sites must be an integer >= 2, got {n_sites!r}")
    bond = J * S**2 / MEV                                   # JS² [meV]
    mu_s = gamma / PS * HBAR * S / (mu_B * MEV)             # γħS/µ_B [µ_B]
    field = g * MU_B * S * B / (mu_s * mu_B * MEV)          # B' [T]
    magnitude = float(np.linalg.norm(field))
    a_j = abs(u) / (ANGSTROM / PS) * mu_B / gamma           # |u| µ_B/γ [meV]
    return {
        "lattice_constant": a / ANGSTROM, "n_basis_cells": (int(n_sites), 1, 1),
        "mu_s": mu_s, "jij": bond,
        "anisotropy": ((0.5 * bond * (a / lam) ** 2, (1.0, 0.0, 0.0)),
                       (-0.5 * bond * (a / kappa) ** 2, (0.0, 0.0, 1.0))),
        "external_field_magnitude": magnitude,
        "external_field_normal": tuple(field / magnitude) if magnitude > 0 else (0.0, 0.0, 1.0),
        "llg_damping": float(alpha), "llg_beta": float(beta),
        "llg_stt_magnitude": a_j,
        "llg_stt_polarisation_normal": (math.copysign(1.0, u), 0.0, 0.0),
        "orientation": -1.0, "time_unit": PS,
    }


def spirit_config(params: dict, dt: float) -> str:
    """Spirit's input file for :func:`spirit_parameters`' ``params``, time step ``dt`` [ps]."""
    (K_easy, e_easy), (K_hard, e_hard) = params["anisotropy"]
    vec = lambda v: " ".join(f"{c:.17g}" for c in v)  # noqa: E731
    lines = [
        "log_to_console 0", "log_to_file 0", "log_console_level 0", "log_file_level 0",
        "log_input_save_initial 0", "log_input_save_final 0",
        "bravais_vectors", "1 0 0", "0 1 0", "0 0 1",
        f"lattice_constant {params['lattice_constant']:.17g}",
        f"n_basis_cells {vec(params['n_basis_cells'])}",
        f"mu_s {params['mu_s']:.17g}",
        "hamiltonian heisenberg_neighbours",
        "boundary_conditions 0 0 0",
        f"external_field_magnitude {params['external_field_magnitude']:.17g}",
        f"external_field_normal {vec(params['external_field_normal'])}",
        # two anisotropy axes (the six columns Spirit's reader expects, K4 = 0)
        "n_anisotropy 2", "i K Kx Ky Kz K4",
        f"0 {K_easy:.17g} {vec(e_easy)} 0", f"0 {K_hard:.17g} {vec(e_hard)} 0",
        "n_shells_exchange 1", f"jij {params['jij']:.17g}",
        "n_shells_dmi 0", "ddi_method none",
        "llg_output_any 0", "llg_temperature 0",
        # never "converged" (a wall at rest would end the run, and a further step would make
        # Spirit exit the process), and no iteration limit short of the run
        "llg_force_convergence -1", f"llg_n_iterations {_MAX_ITERATIONS}",
        f"llg_damping {params['llg_damping']:.17g}", f"llg_dt {dt:.17g}",
        f"llg_beta {params['llg_beta']:.17g}", "llg_stt_use_gradient 1",
        f"llg_stt_magnitude {params['llg_stt_magnitude']:.17g}",
        f"llg_stt_polarisation_normal {vec(params['llg_stt_polarisation_normal'])}",
    ]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def _quiet_stdout():
    """Spirit prints its banner on fd 1 even in quiet mode: sent to /dev/null meanwhile."""
    import sys
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)


@dataclass(frozen=True)
class SpiritRun:
    """Spirit's trajectory in this package's terms: n(t) (= -m), t [s], its step dt [s];
    ``cpu`` [s]: this process's CPU time in Spirit's steps alone (not its set-up)."""

    t: np.ndarray
    n: np.ndarray
    dt: float
    steps: int
    cpu: float = 0.0


_SOLVERS = ("RK4", "Heun", "Depondt", "SIB")
_MAX_ITERATIONS = 2_000_000_000


def run_spirit(t, n_start: np.ndarray, *, dt: float, solver: str = "RK4", **chain_args) -> SpiritRun:
    """Spirit's LLG integration of the chain ``chain_args`` from ``n_start`` (shape (3, N)).

    ``t`` [s]: sample times, each a whole number of steps ``dt`` [s] (checked to 1e-9 of a
    step).  ``solver``: one of Spirit's fixed-step LLG solvers.
    """
    import time

    from spirit import simulation, state, system
    n_start = np.asarray(n_start, dtype=float)
    params = spirit_parameters(**chain_args, n_sites=n_start.shape[1])
    t = np.asarray(t, dtype=float)
    steps = np.rint(t / dt)
    if np.any(np.abs(steps - t / dt) > 1e-9) or np.any(np.diff(steps) < 0) or steps[0] < 0:
        raise ValueError(f"run_spirit: t must be sorted whole multiples of dt={dt!r}")
    if steps.size and steps[-1] >= _MAX_ITERATIONS:
        raise ValueError(f"run_spirit: {int(steps[-1])} steps of dt={dt!r} exceed Spirit's limit")
    if solver not in _SOLVERS:
        raise ValueError(f"run_spirit: solver must be one of {_SOLVERS}, got {solver!r}")
    code = {"RK4": simulation.SOLVER_RK4, "Heun": simulation.SOLVER_HEUN,
            "Depondt": simulation.SOLVER_DEPONDT, "SIB": simulation.SOLVER_SIB}[solver]
    out = np.empty((len(t), 3, n_start.shape[1]))
    with tempfile.TemporaryDirectory() as tmp:
        cfg = pathlib.Path(tmp) / "chain.cfg"
        cfg.write_text(spirit_config(params, dt / params["time_unit"]))
        with _quiet_stdout(), state.State(str(cfg), quiet=True) as p:
            spins = system.get_spin_directions(p)           # a view of Spirit's memory
            spins[:] = params["orientation"] * n_start.T
            simulation.start(p, simulation.METHOD_LLG, code, single_shot=True)
            done, cpu = 0, 0.0
            for k, target in enumerate(steps.astype(int)):
                if target > done:
                    # a call on a finished run makes Spirit exit the process: check first
                    if not simulation.running_on_image(p):
                        raise RuntimeError(f"run_spirit: Spirit stopped after {done} steps")
                    start = time.process_time()
                    simulation.n_shot(p, int(target - done))
                    cpu += time.process_time() - start
                    done = int(target)
                out[k] = params["orientation"] * system.get_spin_directions(p).T
            simulation.stop(p)
    return SpiritRun(t=t, n=out, dt=dt, steps=int(steps[-1]) if len(steps) else 0, cpu=cpu)


def side_by_side(chain_args: dict, *, n_sites: int, dt_units: float, checkpoints: int,
                 every: int) -> dict:
    """This package and Spirit on the same chain from the relaxed wall: X, ψ, V and their
    largest differences relative to this package's largest value.

    ``chain_args``: :func:`numeric.llg.chain`'s (SI); Spirit's step is ``dt_units`` ħ/JS;
    X, ψ are compared at t = 0 and ``checkpoints`` times ``every`` steps apart, V there by
    the same central difference of X over ±10 steps in both codes.  Returns {"ours": (X, ψ,
    V), "spirit": (X, ψ, V), "rel": (ΔX, Δψ, ΔV)}.
    """
    from .. import llg
    c = llg.chain(**chain_args, n_sites=n_sites)
    dt = dt_units * c.time_unit
    centres = np.arange(1, checkpoints + 1) * every * dt
    t = np.sort(np.concatenate([[0.0], centres - 10 * dt, centres, centres + 10 * dt]))
    ours = llg.simulate(t, c, coordinates="walker")
    theirs = run_spirit(t, llg.relaxed_wall(c), dt=dt, **chain_args)
    X = {"ours": ours.X, "spirit": np.array([llg.wall_position(n, c.x) for n in theirs.n])}
    tilt = {"ours": ours.tilt, "spirit": np.unwrap(llg.wall_tilt(theirs.n, c.x, c.lam))}
    at = np.searchsorted(t, centres)
    V = {k: (x[at + 1] - x[at - 1]) / (20 * dt) for k, x in X.items()}
    rel = tuple(float(np.max(np.abs(q["ours"] - q["spirit"])) / np.max(np.abs(q["ours"])))
                for q in (X, tilt, V))
    return {"ours": (X["ours"], tilt["ours"], V["ours"]),
            "spirit": (X["spirit"], tilt["spirit"], V["spirit"]), "rel": rel}
