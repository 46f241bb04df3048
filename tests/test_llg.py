"""The full spin chain (numeric.llg) against the collective coordinates, and its own laws."""
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import numeric
import numeric.llg as llg

# a wall 10 sites wide, κ = λ/2, α = 0.1: a few hundred sites, about a second of integration
A = 2.5e-10
BASE = dict(alpha=0.1, a=A, lam=10 * A, kappa=5 * A, J=1.6e-21, S=1.0, J_sd=1.6e-21)
KEYS = ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")


def tilt_torque(psi, p=BASE):
    """T⊥ whose terminal tilt of the wall centre, ξ0*Φ0(0) by Eq. (15), is ``psi`` [rad]."""
    phi0_centre = math.sqrt(p["a"] / (2 * p["lam"]))
    unit = numeric.xi0_star(T_perp=1.0, **{k: v for k, v in p.items() if k != "T_perp"})
    return psi / (unit * phi0_centre)


def tau(p):
    return numeric.tau_dw(**{k: p[k] for k in KEYS if k in p})


@pytest.fixture(scope="module")
def small_run():
    p = {**BASE, "T_perp": abs(tilt_torque(0.01))}  # T⊥ > 0
    t = np.linspace(0, 6, 61) * tau(p)  # V_CC(6τ) is within 0.3 % of V*
    c = llg.chain(**p, n_sites=llg.default_sites(**p, t_max=t[-1]))
    return p, llg.simulate(t, c)


@pytest.fixture(scope="module")
def small_torque(small_run):
    p, traj = small_run
    return p, traj.t, traj.xi0, traj.V, traj.X, traj.n


def test_wall_dynamics_is_the_simulation_sampled(small_run):
    p, traj = small_run
    xi, V, X, n = llg.wall_dynamics(traj.t[[10, 2, 5]], **p, n_sites=traj.chain.n_sites,
                                    full=True)
    assert n.shape == (3, 3, traj.chain.n_sites)
    for got, ref in ((xi, traj.xi0), (V, traj.V), (X, traj.X)):
        assert np.allclose(got, ref[[10, 2, 5]], rtol=1e-6, atol=1e-9 * np.max(np.abs(ref)))
    assert isinstance(llg.wall_dynamics(traj.t[3], **p, n_sites=64)[0], float)


def test_zero_mode_position_follows_the_relaxation_from_the_start(small_run):
    """The in-plane zero mode (the coordinate X stands for) obeys (12a)-(12b) even in the
    transient: the chain's extra transient is in the spin waves that move the zero of n_x."""
    p, traj = small_run
    xi_cc, V_cc, X_cc = numeric.relaxation(traj.t, **p)
    v_star = abs(numeric.v_star_from_torque(**{k: p[k] for k in ("T_perp", "alpha", "lam", "J_sd")}))
    assert np.max(np.abs(traj.V_zm - V_cc)) <= 0.02 * v_star
    assert np.max(np.abs(traj.X_zm - X_cc)) <= 0.02 * abs(X_cc[-1])


def test_zero_mode_follows_the_relaxation_at_small_torque(small_torque):
    p, t, xi, V, X, n = small_torque
    xi_cc = numeric.relaxation(t, **p)[0]
    scale = abs(numeric.xi0_star(**p))
    window = (t >= 0.5 * tau(p)) & (t <= 5 * tau(p))
    assert np.max(np.abs(xi - xi_cc)[window]) <= 0.02 * scale


def test_terminal_velocity_is_v_star_and_has_its_sign(small_torque):
    p, t, xi, V, X, n = small_torque
    v_star = numeric.v_star_from_torque(**{k: p[k] for k in ("T_perp", "alpha", "lam", "J_sd")})
    assert p["T_perp"] > 0 and v_star < 0  # T⊥ > 0 moves the wall towards -x in both
    assert abs(V[-1] - v_star) <= 0.02 * abs(v_star)
    assert np.all(np.sign(X[1:]) == np.sign(v_star))


def test_initial_velocity_is_two_over_pi_of_the_reduction(small_torque):
    """The transient, measured: at t = 0⁺ the s-d field turns every spin in the plane at
    the same rate ϕ̇, so the zero of n_x moves at -λϕ̇, while the projection on the zero
    mode that (12a)-(12b) keep gives -(π/2)λϕ̇: V_chain(0⁺)/V_CC(0⁺) = 2/π."""
    p, t, xi, V, X, n = small_torque
    V_cc = numeric.relaxation(t[:1], **p)[1]
    assert V[0] / V_cc[0] == pytest.approx(2 / math.pi, rel=0.02)


def test_spins_stay_unit_vectors(small_torque):
    n = small_torque[-1]
    assert np.max(np.abs(np.sqrt(np.sum(n * n, axis=-2)) - 1)) <= 1e-8


def test_wall_at_rest_stays_at_rest():
    p = {**BASE, "T_perp": 0.0}
    t = np.linspace(0, 2, 5) * tau(p)
    xi, V, X = llg.wall_dynamics(t, **p, n_sites=160)
    assert np.max(np.abs(X)) <= 1e-9 * p["lam"]
    # the fast spin waves carry the integrator's error (atol 1e-11) at frequency ~4JS/ħ
    assert np.max(np.abs(V)) <= 1e-7 * p["lam"] / tau(p)
    assert np.max(np.abs(xi)) <= 1e-9


def test_energy_does_not_increase_without_torque():
    p = {**BASE, "T_perp": 0.0}
    c = llg.chain(**p, n_sites=160)
    n = llg.relaxed_wall(c)
    rng = np.random.default_rng(3)
    theta = np.pi / 2 - 0.4 / np.cosh(c.x / c.lam) + 0.02 * rng.standard_normal(c.n_sites)
    start = np.stack([np.sin(theta) * n[0], np.sin(theta) * n[1], np.cos(theta)])
    t = np.linspace(0, 3, 61) * tau(p)
    E = llg.simulate(t, c, n_start=start).energy
    assert np.max(np.diff(E)) <= 1e-6 * (E[0] - E[-1])
    assert E[-1] < E[0]


@pytest.mark.parametrize("centre", llg.CENTRES)
def test_right_hand_side_is_the_lagrangian_equation_with_the_energy_gradient(centre):
    """ṅ of the kernels = (θ̇, ϕ̇) derived from L, W (derivation.wall.spin_chain) with the field
    h_i = -a²∂H/∂n_i taken by complex-step differentiation of the lattice energy, ⟨s⟩ held
    where the drive is centred (the ansatz's X or the zero of n_x)."""
    import sympy as sp
    from derivation.wall import spin_chain
    from derivation.symbols import S, alpha, hbar
    sol = spin_chain.llg_from_lagrangian()
    th, ph = sp.symbols("th ph")
    rates = [sp.lambdify((th, ph, *sol["h"], alpha, S, hbar),
                         sol[k].subs({sol["theta"]: th, sol["phi"]: ph}), "numpy")
             for k in ("theta_dot", "phi_dot")]
    p = {**BASE, "T_perp": tilt_torque(0.2), "S_par": 2e-10}
    c = llg.chain(**p, n_sites=24, centre=centre)
    rng = np.random.default_rng(5)
    n = llg.relaxed_wall(c) + 0.1 * rng.standard_normal((3, c.n_sites))
    n /= np.linalg.norm(n, axis=0)
    X = llg.wall_position(n, c.x)
    if centre == "ansatz":
        X = llg.ansatz_position(n, c.x, c.lam)

    def energy(m):  # H with ⟨s⟩ held at X, J/m²; complex-safe
        bonds = np.zeros(c.n_sites, dtype=m.dtype)
        bonds[:-1] = 1.0 - np.sum(m[:, :-1] * m[:, 1:], axis=0)
        site = bonds - 0.5 * c.eps_lam * m[0] ** 2 + 0.5 * c.eps_kap * m[2] ** 2
        return (c.J * c.S**2 * np.sum(site) - c.J_sd * c.S * np.sum(m * llg.accumulation(c, X))) / c.a**2

    h = np.empty_like(n)
    for comp in range(3):
        for i in range(c.n_sites):
            probe = n.astype(complex)
            probe[comp, i] += 1e-30j
            h[comp, i] = -c.a**2 * energy(probe).imag / 1e-30
    theta, phi = np.arccos(n[2]), np.arctan2(n[1], n[0])
    dth, dph = (r(theta, phi, *h, c.alpha, c.S, numeric.HBAR) for r in rates)
    ndot = np.stack([np.cos(theta) * np.cos(phi) * dth - np.sin(theta) * np.sin(phi) * dph,
                     np.cos(theta) * np.sin(phi) * dth + np.sin(theta) * np.cos(phi) * dph,
                     -np.sin(theta) * dth]) * c.time_unit
    for backend in ("numba", "numpy"):
        got = llg.rhs(c, backend)(0.0, n.ravel()).reshape(3, -1)
        assert np.max(np.abs(got - ndot)) <= 1e-12 * np.max(np.abs(ndot)), backend


@given(X0=st.floats(-3.0, 3.0), psi=st.floats(-1.4, 1.4), width=st.floats(0.6, 1.3))
@settings(max_examples=25, deadline=None)
def test_ansatz_position_is_the_centre_of_any_symmetric_wall(X0, psi, width):
    """A wall symmetric about X0 — tilted out of plane by ψ and narrowed or widened, as a
    Walker profile — has its ansatz's X at X0 (the zero mode sees no translation), for the
    NumPy measure and the numba kernel's centre alike, with G(X) = 0 there."""
    lam = BASE["lam"]
    c = llg.chain(**BASE, T_perp=0.0, n_sites=500)  # ends ≥ 20λ from the wall
    u = (c.x - X0 * lam) / (width * lam)
    n = np.stack([-np.tanh(u), np.cos(psi) / np.cosh(u), np.sin(psi) / np.cosh(u)])
    X = llg.ansatz_position(n, c.x, lam)
    assert abs(X - X0 * lam) <= 1e-12 * lam
    from numeric.llg._numba import ansatz_centre
    start = llg.wall_position(n, c.x)
    assert abs(ansatz_centre(n[0], n[1], c.x, c.e_x, lam, 170.0, start) - X) <= 1e-12 * lam


def test_ansatz_position_solves_its_condition_and_moves_with_the_flow():
    """On a perturbed wall: Σ sech u (e_z × n0(u))·n = 0 at the ansatz's X, and its rate by
    the complex step equals a central difference along the flow ṅ."""
    c = llg.chain(**BASE, T_perp=tilt_torque(0.3), n_sites=64)
    rng = np.random.default_rng(3)
    n = llg.relaxed_wall(c) + 0.05 * rng.standard_normal((3, c.n_sites))
    n /= np.linalg.norm(n, axis=0)
    X = llg.ansatz_position(n, c.x, c.lam)
    n0 = llg.wall_profile(c.x, X, c.lam)
    translation = np.stack([-n0[1], n0[0], np.zeros_like(n0[0])])  # e_z × n0
    weight = n0[1]  # sech u, the shape of Φ0
    assert abs(np.sum(weight * np.sum(translation * n, axis=0))) <= 1e-13 * np.sum(weight**2)
    ndot = llg.rhs(c, "numpy")(0.0, n.ravel()).reshape(3, -1)
    h = 1e-6
    central = (llg.ansatz_position(n + h * ndot, c.x, c.lam)
               - llg.ansatz_position(n - h * ndot, c.x, c.lam)) / (2 * h)
    rate = llg.ansatz_velocity(n, ndot, c.x, c.lam)
    assert abs(rate - central) <= 1e-7 * abs(rate)


def test_an_unknown_drive_centre_is_refused():
    with pytest.raises(ValueError, match="centre"):
        llg.chain(**BASE, T_perp=0.0, n_sites=32, centre="middle")


def test_profiles_and_the_per_site_convention_are_the_derivations():
    """n0, Φ0 of numeric.llg against derivation.wall.model; T⊥ = π s̄_y, S∥ = a s̄_x from (13a)-(13b)
    for a uniform s̄ by the derivation's own line integral."""
    import sympy as sp
    from derivation.wall import model
    from derivation.wall.lagrangian import integrate_line
    from derivation.symbols import X, a, lam, x
    p = {a: 2.5e-10, lam: 3e-9}
    xs = np.linspace(-12, 12, 97) * p[lam] + 0.3e-9
    n0 = [sp.lambdify(x, c.subs({**p, X: 0.3e-9}), "numpy")(xs) for c in model.n0(x - X)[:2]]
    assert np.allclose(llg.wall_profile(xs, 0.3e-9, p[lam])[:2], n0, rtol=0, atol=1e-14)
    phi0 = sp.lambdify(x, model.Phi0(x - X).subs({**p, X: 0.3e-9}), "numpy")(xs)
    assert np.allclose(llg.zero_mode(xs, 0.3e-9, p[a], p[lam]), phi0, rtol=1e-13, atol=0)
    assert sp.simplify(integrate_line(model.dphi0(x)) - sp.pi) == 0           # T⊥ / s̄_y
    assert sp.simplify(integrate_line(model.Phi0(x) ** 2) - a) == 0           # S∥ / s̄_x


def test_continuum_limit_of_the_lattice_energy_is_eq1():
    from derivation.wall import spin_chain
    assert all(v == 0 for v in spin_chain.continuum_check().values())


@pytest.mark.slow
def test_first_lattice_correction_is_a_total_derivative():
    from derivation.wall import spin_chain
    assert spin_chain.next_order_check() == 0


def test_llg_is_the_euler_lagrange_rayleigh_equation_of_the_letter():
    from derivation.wall import spin_chain
    assert spin_chain.llg_check().is_zero_matrix


@pytest.mark.parametrize("kwargs,name", [
    (dict(alpha=0.0), "alpha"), (dict(lam=A), "lam"), (dict(kappa=float("nan")), "kappa"),
    (dict(n_sites=8), "n_sites"), (dict(n_sites=100.5), "n_sites"), (dict(J=-1.0), "J"),
    (dict(J_sd=-1e-19, S_par=1e-9), "J_sd"),
])
def test_bad_arguments_raise_value_error_naming_them(kwargs, name):
    p = {**BASE, "T_perp": 1e-4, **kwargs}
    with pytest.raises(ValueError, match=name):
        llg.wall_dynamics([0.0, 1e-12], **p)


def test_a_wall_sent_too_far_for_a_default_chain_raises():
    with pytest.raises(ValueError, match="n_sites"):
        llg.wall_dynamics([0.0, 1e-3], **BASE, T_perp=1e-2)


def test_negative_time_raises():
    with pytest.raises(ValueError, match="t"):
        llg.wall_dynamics(-1e-12, **BASE, T_perp=1e-4)


def test_importing_numeric_llg_loads_no_scipy_sympy_or_dask():
    code = ("import sys, numeric, numeric.llg; "
            "print(*[m in sys.modules for m in ('scipy', 'sympy', 'dask', 'numba')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"] * 4


# --- the error map on dask, and the command line ---------------------------------------------

def test_tiny_sweep_runs_on_a_local_dask_cluster(tmp_path):
    from numeric.llg import sweep
    ds = sweep.error_map([1e-4], [0.2], [0.5, 1.0], fixed=dict(lam=8 * A), t_max=0.5,
                         points=6, n_workers=2, processes=False, progress=False)
    assert dict(ds.sizes) == {"T_perp": 1, "alpha": 1, "kappa_over_lam": 2}
    # the same sweep, unchanged, on a running cluster given by its scheduler's address
    from dask.distributed import LocalCluster
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        again = sweep.error_map([1e-4], [0.2], [0.5, 1.0], fixed=dict(lam=8 * A), t_max=0.5,
                                points=6, scheduler=cluster.scheduler_address, progress=False)
    assert np.array_equal(again.err_xi0.values, ds.err_xi0.values)
    assert ds.attrs["failures"] == "none" and ds["T_perp"].attrs["units"] == "1"
    assert np.all(ds.err_xi0.values < 0.02) and np.all(ds.v0_ratio.values > 0)
    path = tmp_path / "map.nc"
    sweep.write(ds, path)
    import xarray as xr
    with xr.open_dataset(path, engine="h5netcdf") as back:
        assert np.allclose(back.err_xi0.values, ds.err_xi0.values, rtol=1e-15, atol=0)
        assert back.err_V.attrs["units"] == ds.err_V.attrs["units"]


def _opza(*args):
    return subprocess.run([sys.executable, "-m", "derivation", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("args", [
    ("simulate", "--alpha", "-1"),
    ("simulate", "--kappa", "x"),
    ("simulate", "--n-sites", "4", "--quiet"),
    ("sweep", "--out", "/nonexistent-dir/map.nc"),
    ("sweep", "--out", "m.nc", "--alpha", "0.1,zero"),
])
def test_cli_user_errors_exit_2_in_one_line(args, capsys):
    from derivation.export.cli import main
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse's own errors
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("opza")


def test_cli_error_in_a_fresh_process_has_no_traceback():
    result = _opza("simulate", "--lam", "1e-10", "--quiet")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "lam" in result.stderr and "Traceback" not in result.stderr


def test_cli_simulate_prints_the_chain_beside_the_relaxation(capsys, tmp_path):
    from derivation.export.cli import main
    out = tmp_path / "run.nc"
    assert main(["simulate", "--lam", str(8 * A), "--kappa", str(4 * A), "--alpha", "0.2",
                 "--t-max", "0.5", "--points", "3", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    rows = [line.split() for line in captured.out.splitlines() if not line.startswith(("#", "wrote"))]
    assert len(rows) == 3 and all(len(r) == 7 for r in rows)
    assert "100 %" in captured.err and out.exists()


# --- convergence (slow: CI runs them separately) --------------------------------------------

@pytest.mark.slow
def test_discretisation_error_falls_like_a_over_lam_squared():
    """V(0⁺)/V_CC(0⁺) → 2/π and the terminal velocity → V* as (a/λ)² → 0, at fixed λ, κ."""
    from numeric.llg.comparison import compare, torque_for_tilt
    errors = []
    for ratio in (6, 12):
        p = {**BASE, "lam": 4e-9, "kappa": 2e-9, "a": 4e-9 / ratio}
        r = compare(T_perp=torque_for_tilt(0.01, p), **p)
        errors.append(abs(r["v0_ratio"] - 2 / math.pi) / (2 / math.pi))
    assert errors[1] < errors[0] / 3  # (12/6)² = 4, up to the O(ψ²) floor


@pytest.mark.slow
def test_chain_ends_do_not_matter():
    from numeric.llg.comparison import compare, torque_for_tilt
    p = {**BASE, "T_perp": 0.0}
    T = torque_for_tilt(0.1, p)
    p.pop("T_perp")
    n = llg.default_sites(**p, T_perp=T, t_max=5 * tau(p))
    short, long_ = (compare(T_perp=T, **p, n_sites=m, full=True) for m in (n, 2 * n))
    assert np.max(np.abs(short["X"] - long_["X"])) <= 1e-6 * abs(long_["X_cc"][-1])
    assert np.max(np.abs(short["xi0"] - long_["xi0"])) <= 1e-6 * abs(long_["xi0_cc"][-1])


def test_comparison_also_uses_nonlinear_relaxation_when_the_package_has_it(monkeypatch):
    from numeric.llg.comparison import compare
    p = {**BASE, "lam": 8 * A, "kappa": 4 * A, "alpha": 0.2, "T_perp": tilt_torque(0.01)}
    monkeypatch.setattr(numeric, "nonlinear_relaxation", numeric.relaxation, raising=False)
    r = compare(**p, t_max=0.5, points=6)
    assert r["err_xi0_nl"] == r["err_xi0"] and r["err_X_nl"] == r["err_X"]
