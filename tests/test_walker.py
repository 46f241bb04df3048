"""The chain under the standard drives against the field's exact solutions (Walker, Zhang–Li).

The derivation (derivation.wall.walker) is checked by substitution and against the published
forms (derivation.audit.literature); the chain (numeric.llg) against the derived solution,
within its lattice error (a/λ)².
"""
import math

import numpy as np
import pytest

import numeric.llg as llg
from numeric.llg import measure
from numeric.llg import walker as wk

A = 2.5e-10
# λ = 16a, κ = λ/2, α = 0.5: the tilt relaxes within a few hundred ħ/JS
P16 = dict(alpha=0.5, a=A, lam=16 * A, kappa=8 * A, J=1.6e-21, S=1.0)
WALL = ("alpha", "a", "kappa", "J", "S")


def time_unit(p):
    return llg.chain(**p, n_sites=16).time_unit


def steady_run(p, span, n_sites=600, **drive):
    """The chain from Walker's steady profile for ``drive`` over ``span`` ħ/JS: (trajectory, exact)."""
    exact = wk.steady_wall(**p, B=drive.get("B", (0.0,))[0], u=drive.get("u", 0.0),
                           beta=drive.get("beta", 0.0))
    c = llg.chain(**p, n_sites=n_sites, **drive)
    start = wk.profile(c.x, 0.0, exact["tilt"], exact["width"])
    t = np.linspace(0.0, span, 11) * c.time_unit
    return llg.simulate(t, c, n_start=start, coordinates="walker"), exact


# --- the derivation ---------------------------------------------------------------------------

def test_walker_profile_solves_the_continuum_equation():
    from derivation.wall import walker
    assert walker.walker_residual() == set()


@pytest.mark.slow
def test_derived_results_are_the_published_formulas():
    from derivation.wall import walker
    differences = walker.against_literature()
    assert all(v == 0 for v in differences.values()), differences


@pytest.mark.slow
def test_exact_drift_threshold_is_the_1d_one_for_a_soft_hard_axis():
    """u_W of the exact wall (Δ follows ψ) differs from the 1D model's (Δ = λ) and tends to it
    as λ/κ → 0; the field's B_W is the same in both (sin 2ψ = B/B_W holds no Δ)."""
    import sympy as sp
    from derivation.symbols import kappa
    from derivation.wall import walker
    exact, one_d = walker.steady_wall()["u_W"], walker.one_d_thresholds()["u_W"]
    assert sp.limit(exact / one_d, kappa, sp.oo) == 1
    assert sp.simplify(exact / one_d - 1) != 0
    assert sp.simplify(walker.steady_wall()["B_W"] - walker.one_d_thresholds()["B_W"]) == 0


# --- the right-hand side --------------------------------------------------------------------

def test_right_hand_side_with_field_and_drift_solves_the_gilbert_form():
    """ṅ of both backends solves ħS(ṅ + uD⊥) = n × h - αħS n × (ṅ + (β/α)uD), with h the
    complex-step gradient of the lattice energy + Zeeman energy, D = ∂x n by central
    differences (one-sided at the ends) and D⊥ = D - (n·D)n its part ⟂ n (on the lattice
    n·D ≠ 0): the torques as numeric.llg states them."""
    p = {**P16, "T_perp": 2e-4, "J_sd": 1.6e-21, "S_par": 1e-10}
    drive = dict(B=(0.3, -0.1, 0.05), u=40.0, beta=0.3, g=2.1)
    c = llg.chain(**p, **drive, n_sites=40, centre="n_x")
    rng = np.random.default_rng(7)
    n = llg.relaxed_wall(c) + 0.1 * rng.standard_normal((3, c.n_sites))
    n /= np.linalg.norm(n, axis=0)
    X = llg.wall_position(n, c.x)

    def energy(m):  # J/m², ⟨s⟩ held at X; complex-safe
        bonds = np.zeros(c.n_sites, dtype=m.dtype)
        bonds[:-1] = 1.0 - np.sum(m[:, :-1] * m[:, 1:], axis=0)
        site = bonds - 0.5 * c.eps_lam * m[0] ** 2 + 0.5 * c.eps_kap * m[2] ** 2
        sd = c.J_sd * c.S * np.sum(m * llg.accumulation(c, X))
        zeeman = c.g * llg.MU_B * c.S * np.sum(np.asarray(c.B)[:, None] * m)
        return (c.J * c.S**2 * np.sum(site) - sd + zeeman) / c.a**2

    h = np.empty_like(n)
    for comp in range(3):
        for i in range(c.n_sites):
            probe = n.astype(complex)
            probe[comp, i] += 1e-30j
            h[comp, i] = -c.a**2 * energy(probe).imag / 1e-30
    D = np.gradient(n, c.a, axis=1, edge_order=1)
    D_perp = D - np.sum(n * D, axis=0) * n
    hbar_S = llg.chain(**p, n_sites=16).time_unit * c.J * c.S**2  # ħS
    for backend in ("numba", "numpy"):
        ndot = llg.rhs(c, backend)(0.0, n.ravel()).reshape(3, -1) / c.time_unit
        lhs = hbar_S * (ndot + c.u * D_perp)
        right = (np.cross(n, h, axis=0)
                 - c.alpha * hbar_S * np.cross(n, ndot + c.beta / c.alpha * c.u * D, axis=0))
        assert np.max(np.abs(lhs - right)) <= 1e-11 * np.max(np.abs(right)), backend


def test_standard_drives_at_their_defaults_leave_the_sd_drive_unchanged():
    """The s-d drive's trajectory as computed before the standard drives existed (commit
    1d69e8e, the same run), reproduced to the solver's tolerance."""
    import numeric
    p = dict(alpha=0.1, a=A, lam=10 * A, kappa=5 * A, J=1.6e-21, S=1.0, J_sd=1.6e-21,
             T_perp=3e-4, S_par=2e-10)
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    t = np.array([0.0, 0.5, 2.0]) * tau
    reference = {  # (X [m], V [m/s], ξ0) at t, from 1d69e8e
        "ansatz": ([1.550963648536927e-25, -4.839230666063007e-12, -5.1420529479683643e-11],
                   [-0.3578778837755099, -23.862222735130043, -49.09724391369965],
                   [0.0, -0.0031416445027662603, -0.006904347448186053]),
        "n_x": ([1.550963648536927e-25, -3.207676236374457e-12, -3.326478538387123e-11],
                [-0.3578778837755099, -14.675957237660386, -31.816101913165774],
                [0.0, -0.0018608390981934432, -0.00448490702958692]),
    }
    for centre, (X, V, xi0) in reference.items():
        traj = llg.simulate(t, llg.chain(**p, n_sites=200, centre=centre))
        for got, ref in ((traj.X, X), (traj.V, V), (traj.xi0, xi0)):
            assert np.allclose(got, ref, rtol=1e-8, atol=1e-8 * np.max(np.abs(ref))), centre


@pytest.mark.parametrize("kwargs,name", [
    (dict(B=(1.0, 0.0)), "B"), (dict(B=(float("nan"), 0.0, 0.0)), "B"), (dict(u=float("inf")), "u"),
    (dict(beta="x"), "beta"), (dict(g=-2.0), "g"), (dict(u=[1.0, 2.0]), "u"),
])
def test_bad_standard_drives_raise_value_error_naming_them(kwargs, name):
    with pytest.raises(ValueError, match=name):
        llg.wall_dynamics([0.0, 1e-12], **P16, **kwargs)


def test_bad_arguments_of_the_exact_solutions_raise_value_error_naming_them():
    with pytest.raises(ValueError, match="kappa"):
        wk.walker_field(alpha=0.5, a=A, kappa=-1.0, J=1.6e-21, S=1.0)
    with pytest.raises(ValueError, match="B"):
        wk.mean_velocity(B=0.0, **P16)
    with pytest.raises(ValueError, match="breakdown"):
        wk.steady_wall(**P16, B=1.5 * wk.walker_field(**{k: P16[k] for k in WALL}))


# --- the chain against the exact solutions ---------------------------------------------------

@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9])
def test_walker_velocity_tilt_and_width_within_the_lattice_error(fraction):
    """V(B), ψ(B), Δ(ψ) of the chain at λ = 16a within (a/λ)² of Walker's exact solution;
    B > 0 moves the wall towards -x."""
    B = fraction * wk.walker_field(**{k: P16[k] for k in WALL})
    traj, exact = steady_run(P16, 1500, B=(B, 0.0, 0.0))
    lattice = (P16["a"] / P16["lam"]) ** 2
    assert exact["velocity"] < 0 and traj.X[-1] < 0
    assert abs(traj.V[-1] / exact["velocity"] - 1) <= lattice
    assert abs(traj.tilt[-1] / exact["tilt"] - 1) <= lattice
    assert abs(traj.width[-1] / exact["width"] - 1) <= lattice


def test_walker_breakdown_is_bracketed_within_two_percent():
    """From Walker's profile at its breakdown tilt π/4: at 0.99 B_W the tilt falls back towards
    its steady value, at 1.01 B_W it turns past π/2 (the wall precesses)."""
    B_W = wk.walker_field(**{k: P16[k] for k in WALL})
    width = P16["lam"] / math.sqrt(1 + (P16["lam"] / P16["kappa"]) ** 2 / 2)
    tilts = {}
    for fraction, span in ((0.99, 1500), (1.01, 4000)):
        c = llg.chain(**P16, B=(fraction * B_W, 0.0, 0.0), n_sites=1700)
        t = np.linspace(0.0, span, 41) * c.time_unit
        start = wk.profile(c.x, 0.0, math.pi / 4, width)
        tilts[fraction] = llg.simulate(t, c, n_start=start, coordinates="walker").tilt
    below, above = tilts[0.99], tilts[1.01]
    assert np.all(np.diff(below) < 0) and below[-1] > wk.steady_wall(**P16, B=0.99 * B_W)["tilt"]
    assert above[-1] > math.pi / 2


@pytest.mark.parametrize("u_fraction,beta_over_alpha", [(0.5, 0.5), (-0.5, 2.0), (0.5, 0.0)])
def test_drift_moves_the_wall_at_beta_u_over_alpha(u_fraction, beta_over_alpha):
    """Below the threshold the steady wall moves at βu/α (exactly: V of the derived solution
    at B = 0), within (a/λ)² of u; β = 0 stops it (intrinsic pinning)."""
    beta = beta_over_alpha * P16["alpha"]
    u = u_fraction * wk.drift_threshold(beta=beta, **{k: P16[k] for k in (*WALL, "lam")})[0]
    traj, exact = steady_run(P16, 1500, u=u, beta=beta)
    assert exact["velocity"] == pytest.approx(beta * u / P16["alpha"], rel=1e-12, abs=1e-12 * abs(u))
    assert abs(traj.V[-1] - beta * u / P16["alpha"]) <= (P16["a"] / P16["lam"]) ** 2 * abs(u)
    assert abs(traj.tilt[-1] / exact["tilt"] - 1) <= (P16["a"] / P16["lam"]) ** 2


# --- convergence (slow) ----------------------------------------------------------------------

@pytest.mark.slow
def test_lattice_error_falls_like_a_over_lam_squared():
    """|V/V_Walker - 1| at λ = 8a, 16a, 32a (κ = λ/2 and B = B_W/2 held): each halving of a/λ
    divides it by about 4."""
    errors = []
    for ratio in (8, 16, 32):
        p = {**P16, "lam": ratio * A, "kappa": ratio * A / 2}
        B = 0.5 * wk.walker_field(**{k: p[k] for k in WALL})
        traj, exact = steady_run(p, 1500 * (ratio / 16) ** 2, n_sites=40 * ratio + 200,
                                 B=(B, 0.0, 0.0))
        errors.append(abs(traj.V[-1] / exact["velocity"] - 1))
    assert 3.0 < errors[0] / errors[1] < 5.0 and 3.0 < errors[1] / errors[2] < 5.0, errors


@pytest.mark.slow
def test_mean_velocity_above_breakdown_approaches_the_1d_formula_as_the_wall_stops_breathing():
    """V̄ over whole turns at B = 2B_W against the 1D model's (Δ = λ held): the chain's wall
    breathes (Δ(ψ) between λ and λ/√(1 + (λ/κ)²)), so they agree only as λ/κ → 0: within 6 %
    at κ = 2λ, 2 % at κ = 4λ, closer at the larger κ."""
    misses = []
    for kappa_over_lam, bound in ((2, 0.06), (4, 0.02)):
        p = {**P16, "lam": 8 * A, "kappa": 8 * A * kappa_over_lam}
        B = 2.0 * wk.walker_field(**{k: p[k] for k in WALL})
        period = math.pi / (abs(wk.collective_rates(0.0, **p, B=B)[1]) * math.sqrt(1 - 1 / 4))
        c = llg.chain(**p, B=(B, 0.0, 0.0), n_sites=800)
        t = np.linspace(0.0, 3.0 * period, 2401)
        traj = llg.simulate(t, c, coordinates="walker")
        V, turns, _ = measure.turn_average(t, traj.X, traj.tilt)
        miss = abs(V / wk.mean_velocity(B=B, **p) - 1)
        assert turns >= 1 and miss <= bound, (kappa_over_lam, miss)
        misses.append(miss)
    assert misses[1] < misses[0]
