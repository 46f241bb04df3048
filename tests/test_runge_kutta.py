"""The compiled Runge–Kutta pairs (numeric.llg.runge_kutta): their tableaus against the order
conditions, their step control against SciPy's, and the chain integrated both ways."""
import functools
import math
import pathlib

import numpy as np
import pytest

import numeric
import numeric.llg as llg
from numeric.llg import tableaus
from test_compiled import require_module

numba = require_module("numba")
EPS = np.finfo(float).eps
from numeric.llg import runge_kutta as rk  # noqa: E402


# --- the tableaus: Butcher's order conditions, from rooted trees --------------------------

@functools.cache
def trees(order: int) -> tuple:
    """Rooted trees with ``order`` vertices, each a sorted tuple of its subtrees."""
    if order == 1:
        return ((),)
    found = set()

    def forests(total, smallest):  # multisets of trees with ``total`` vertices, sorted
        if total == 0:
            yield ()
            return
        for size in range(1, total + 1):
            for tree in trees(size):
                if (size, tree) < smallest:
                    continue
                for rest in forests(total - size, (size, tree)):
                    yield ((size, tree),) + rest
    for forest in forests(order - 1, (0, ())):
        found.add(tuple(sorted(tree for _, tree in forest)))
    return tuple(sorted(found))


def size(tree) -> int:
    return 1 + sum(size(sub) for sub in tree)


def density(tree) -> int:
    """γ(t) = |t| Π γ(subtrees)."""
    return size(tree) * math.prod(density(sub) for sub in tree)


def stage_weights(tree, A):
    """Φ_i(t): the vector whose b-weighted sum is the elementary weight of t."""
    out = np.ones(A.shape[0])
    for sub in tree:
        out = out * (A @ stage_weights(sub, A))
    return out


def test_tree_counts_are_the_known_sequence():
    assert [len(trees(n)) for n in range(1, 9)] == [1, 1, 2, 4, 9, 20, 48, 115]


def order_defects(b, A, order):
    """|b·Φ(t) - 1/γ(t)| for every tree up to ``order``, in units of the sum's own scale
    Σ|b_j Φ_j(t)| (the coefficients are large and cancel)."""
    out = []
    for n in range(1, order + 1):
        for t in trees(n):
            phi = stage_weights(t, A)
            out.append(abs(b @ phi - 1.0 / density(t)) / (np.abs(b) @ np.abs(phi)))
    return out


def test_tsit5_has_order_five_and_its_estimate_order_four():
    t = tableaus.tsit5()
    assert max(order_defects(t.b, t.A, 5)) < 32 * EPS
    assert max(order_defects(t.b_hat, t.A, 4)) < 32 * EPS
    assert max(order_defects(t.b_hat, t.A, 5)) > 1e-6  # and no more
    assert np.allclose(t.A.sum(axis=1), t.c, rtol=0, atol=1e-15)  # row sums are the nodes


def test_tsit5_interpolant_is_continuous_of_order_four_and_ends_on_b():
    t = tableaus.tsit5()
    weights = lambda theta: t.P @ theta ** np.arange(5)  # noqa: E731
    scale = np.abs(t.P).sum(axis=1)  # the polynomials' coefficients cancel at θ = 1
    assert np.all(np.abs(weights(1.0) - t.b) <= 64 * EPS * scale)
    assert np.allclose(weights(0.0), 0.0, rtol=0, atol=0)
    for theta in (0.1, 0.37, 0.5, 0.83):
        # Σ_j b_j(θ) Φ_j(t) = θ^|t| / γ(t) for every tree up to order 4
        defects = [abs(weights(theta) @ stage_weights(tr, t.A) - theta ** size(tr) / density(tr))
                   for n in range(1, 5) for tr in trees(n)]
        assert max(defects) < 64 * EPS * scale.max()


def test_dop853_has_order_eight_and_is_scipys():
    d = tableaus.dop853()
    A = d.A[:d.stages, :d.stages]
    # rounding only: |A| reaches 10², nested up to seven deep in the trees of order 8
    assert max(order_defects(d.B, A, 8)) < 1e-12
    from scipy.integrate._ivp.rk import DOP853
    assert np.array_equal(d.B, DOP853.B) and np.array_equal(d.E5, DOP853.E5)


def test_generated_stages_are_up_to_date():
    from numeric.llg import _rk_codegen
    committed = pathlib.Path(_rk_codegen.PATH).read_text()
    assert committed == _rk_codegen.source(), "run `python -m numeric.llg._rk_codegen`"


# --- the step loop: against exact solutions and against SciPy ----------------------------

@numba.njit(cache=True)
def _kepler(y, out, consts):
    # y = (q1, q2, p1, p2): the planar Kepler problem, eccentricity from the start
    r3 = (y[0] ** 2 + y[1] ** 2) ** 1.5
    out[0], out[1] = y[2], y[3]
    out[2], out[3] = -y[0] / r3, -y[1] / r3


@numba.njit(cache=True)
def _nan_after(y, out, consts):
    # y' = 1 until y reaches consts[0], NaN after: the integration must stop there
    for i in range(y.size):
        out[i] = 1.0 if y[i] < consts[0] else np.nan


def kepler_start(e=0.5):
    return np.array([1 - e, 0.0, 0.0, math.sqrt((1 + e) / (1 - e))])


@pytest.mark.parametrize("method", rk.METHODS)
def test_a_kepler_orbit_closes_within_the_tolerance(method):
    """After one period (2π) the orbit returns to its start; the error falls with rtol."""
    errors = []
    for rtol in (1e-6, 1e-9):
        sol = rk.integrate(_kepler, [0.0], kepler_start(), [0.0, math.pi, 2 * math.pi],
                           method=method, rtol=rtol, atol=1e-3 * rtol)
        assert np.array_equal(sol.y[0], kepler_start())
        assert sol.y[1, 0] == pytest.approx(-1.5, abs=100 * rtol)  # aphelion at half the period
        errors.append(np.max(np.abs(sol.y[-1] - kepler_start())))
    assert errors[1] < 100 * 1e-9 and errors[1] < errors[0] / 10


def test_compiled_dop853_takes_scipys_steps():
    """The same tableau, norm, controller and initial step: SciPy's step count and values."""
    from scipy.integrate import solve_ivp
    t = np.linspace(0.0, 4 * math.pi, 9)
    ref = solve_ivp(lambda s, y: np.array([y[2], y[3], -y[0] / np.hypot(y[0], y[1]) ** 3,
                                           -y[1] / np.hypot(y[0], y[1]) ** 3]),
                    (0.0, t[-1]), kepler_start(), method="DOP853", t_eval=t, rtol=1e-8,
                    atol=1e-10)
    sol = rk.integrate(_kepler, [0.0], kepler_start(), t, method="dop853", rtol=1e-8,
                       atol=1e-10)
    # 12 per step tried, 3 per interpolant, 2 to start; SciPy also builds the first step's
    # interpolant for the sample at t = 0, which is the start itself here
    assert sol.nfev + 3 == ref.nfev and (sol.nfev - 2 - 3 * 8) % 12 == 0
    assert np.max(np.abs(sol.y - ref.y.T)) < 1e-11


def test_a_kernel_returning_nan_stops_the_integration():
    with pytest.raises(RuntimeError, match="step size"):
        rk.integrate(_nan_after, [1.0], [0.0], [0.0, 2.0])
    fine, failed = rk.integrate_batch(_nan_after, [[5.0], [1.0]], [[0.0], [0.0]], [0.0, 2.0],
                                      strict=False)
    assert failed is None and fine.y[-1, 0] == pytest.approx(2.0, rel=1e-12)


@pytest.mark.parametrize("kwargs, name", [
    (dict(method="rk45"), "method"), (dict(rtol=1e-17), "rtol"), (dict(atol=-1.0), "atol"),
    (dict(t=[0.0, 2.0, 1.0]), "t"), (dict(t=[]), "t"), (dict(y0=[np.nan]), "y0"),
])
def test_bad_arguments_raise_value_error_naming_them(kwargs, name):
    args = dict(kernel=_nan_after, consts=[5.0], y0=[0.0], t=[0.0, 1.0]) | kwargs
    with pytest.raises(ValueError, match=name):
        rk.integrate(args.pop("kernel"), args.pop("consts"), args.pop("y0"), args.pop("t"), **args)


# --- the chain: compiled against solve_ivp -----------------------------------------------

A = 2.5e-10
BASE = dict(alpha=0.1, a=A, lam=10 * A, kappa=5 * A, J=1.6e-21, S=1.0, J_sd=1.6e-21)
KEYS = ("alpha", "a", "kappa", "J", "S", "J_sd")


def tau(p):
    return numeric.tau_dw(**{k: p[k] for k in KEYS})


@pytest.fixture(scope="module")
def sd_runs():
    """The s-d drive at a tilt ψ* ≈ 0.1 over 3 τ_DW, the three integrators."""
    p = {**BASE, "T_perp": 1e-3}
    t = np.linspace(0, 3, 31) * tau(p)
    c = llg.chain(**p, n_sites=llg.default_sites(**p, t_max=t[-1]))
    return {name: llg.simulate(t, c, integrator=name) for name in ("solve_ivp", "tsit5", "dop853")}


@pytest.mark.parametrize("name", ["tsit5", "dop853"])
def test_compiled_integrators_agree_with_solve_ivp_on_the_sd_drive(sd_runs, name):
    ref, run = sd_runs["solve_ivp"], sd_runs[name]
    # the states: both within the global error a local tolerance of 1e-9 leaves (|n| = 1)
    assert np.max(np.abs(run.n - ref.n)) <= 20 * llg.RTOL
    for q in ("X", "xi0", "X_zm"):
        scale = np.max(np.abs(getattr(ref, q)))
        assert np.max(np.abs(getattr(run, q) - getattr(ref, q))) <= 1e-6 * scale, q


@pytest.mark.parametrize("name", ["tsit5", "dop853"])
def test_compiled_integrators_keep_unit_spins(sd_runs, name):
    n = sd_runs[name].n
    assert np.max(np.abs(np.sqrt(np.sum(n * n, axis=1)) - 1.0)) <= 10 * llg.RTOL


def test_a_batch_is_its_runs_one_by_one():
    """Chains of different length, damping and torque in one call: each equals its own run."""
    chains, times = [], []
    for T, alpha, lam in ((3e-4, 0.1, 10 * A), (-1e-3, 0.2, 8 * A), (1e-4, 0.05, 12 * A)):
        p = {**BASE, "alpha": alpha, "lam": lam, "kappa": lam / 2, "T_perp": T}
        t = np.linspace(0, 1, 6) * tau(p)
        chains.append(llg.chain(**p, n_sites=llg.default_sites(**p, t_max=t[-1])))
        times.append(t)
    assert len({c.n_sites for c in chains}) == 3
    batch = llg.simulate_batch(times, chains)
    for t, c, got in zip(times, chains, batch):
        alone = llg.simulate(t, c)
        assert np.array_equal(got.n, alone.n) and got.nfev == alone.nfev
        ref = llg.simulate(t, c, integrator="solve_ivp")
        assert np.max(np.abs(got.n - ref.n)) <= 20 * llg.RTOL
        assert np.max(np.abs(got.X - ref.X)) <= 1e-6 * np.max(np.abs(ref.X))


def test_progress_pieces_change_nothing_beyond_the_tolerance(sd_runs):
    ref = sd_runs["tsit5"]
    seen = []
    again = llg.simulate(ref.t, ref.chain, progress=seen.append)
    assert seen[-1] == 1.0 and len(seen) > 10 and seen == sorted(seen)
    assert np.max(np.abs(again.n - ref.n)) <= 20 * llg.RTOL


def test_a_wall_leaving_the_chain_is_a_value_error_naming_n_sites():
    p = {**BASE, "T_perp": 3e-2}
    c = llg.chain(**p, n_sites=40)
    with pytest.raises(ValueError, match="n_sites=40"):
        llg.simulate(np.linspace(0, 2, 3) * tau(p), c)


def test_integrator_choice_is_checked():
    c = llg.chain(**BASE, T_perp=1e-4, n_sites=32)
    with pytest.raises(ValueError, match="integrator"):
        llg.simulate([0.0, 1e-12], c, integrator="euler")
    with pytest.raises(ValueError, match="integrator"):
        llg.simulate([0.0, 1e-12], c, integrator="tsit5", backend="numpy")
    # the compiled kernel reads as many sites as the chain has: a start of another size is refused
    with pytest.raises(ValueError, match=r"n_start must be finite of shape \(3, 32\)"):
        llg.simulate([0.0, 1e-12], c, n_start=np.ones((3, 16)))
    with pytest.raises(ValueError, match="n_start"):
        llg.simulate_batch([0.0, 1e-12], [c, c], n_start=[llg.relaxed_wall(c), np.ones(96)])


def test_compare_batch_gives_compares_numbers_and_names_a_failed_point():
    from numeric.llg.comparison import compare, compare_batch
    p = {**BASE, "lam": 8 * A, "kappa": 4 * A, "alpha": 0.2}
    good = {**p, "T_perp": 1e-4}
    unstable = {**p, "T_perp": 1e-4, "S_par": -1e-9}  # J_sd S∥ below -a³JS/κ²: no wall
    got = compare_batch([good, unstable, {**good, "T_perp": -2e-4}], t_max=0.5, points=6,
                        strict=False)
    assert got[0] == compare(**good, t_max=0.5, points=6)
    assert "unstable wall" in got[1]["error"]
    assert got[2]["err_xi0"] == compare(**{**good, "T_perp": -2e-4}, t_max=0.5, points=6)["err_xi0"]
    with pytest.raises(ValueError, match="unstable"):
        compare_batch([good, unstable], t_max=0.5, points=6)


def test_measurements_of_a_stack_are_those_of_each_state(sd_runs):
    """simulate measures all samples at once; each equals the one-state measurement."""
    run = sd_runs["tsit5"]
    c = run.chain
    rates = np.stack([llg.rhs(c)(0.0, n.ravel()).reshape(3, -1) for n in run.n])
    for k in (0, 7, len(run.t) - 1):
        n, ndot = run.n[k], rates[k]
        X = llg.wall_position(n, c.x)
        assert isinstance(X, float) and X == run.X[k]
        assert llg.wall_velocity(n, ndot, c.x) / c.time_unit == pytest.approx(run.V[k], rel=1e-15)
        # simulate starts Newton from the kernel's root: the same X to the iteration's 1e-13 λ
        assert abs(llg.ansatz_position(n, c.x, c.lam) - run.X_zm[k]) <= 1e-13 * c.lam
        assert llg.ansatz_velocity(n, ndot, c.x, c.lam) / c.time_unit == pytest.approx(run.V_zm[k],
                                                                               rel=1e-12)
        assert llg.zero_mode_amplitude(n, X, c.x, c.a, c.lam) == run.xi0[k]
        assert llg.wall_energy(n, c) == run.energy[k]


def test_ansatz_rate_is_the_complex_step_through_newtons_iteration(sd_runs):
    run = sd_runs["tsit5"]
    c, n = run.chain, run.n[-1]
    ndot = llg.rhs(c)(0.0, n.ravel()).reshape(3, -1)
    X = llg.ansatz_position(n, c.x, c.lam)
    h = 1e-30 / np.max(np.abs(ndot[:2]))
    stepped = llg.ansatz_position(n + 1j * h * ndot, c.x, c.lam, start=complex(X))
    assert llg.ansatz_velocity(n, ndot, c.x, c.lam) == pytest.approx(stepped.imag / h, rel=1e-12)


def test_a_window_shorter_than_half_a_tau_has_no_late_error():
    from numeric.llg.comparison import compare
    p = {**BASE, "lam": 8 * A, "kappa": 4 * A, "alpha": 0.2, "T_perp": 1e-4}
    r = compare(**p, t_max=0.2, points=5)
    assert np.isnan(r["err_xi0_late"]) and np.isfinite(r["err_xi0"])


def test_a_batch_of_chains_with_different_kernels_runs_one_loop_per_kernel(monkeypatch):
    """A drive with a kernel of its own batches beside the others: each kernel its own loop."""
    from numeric.llg import dynamics
    from numeric.llg._numba import kernel as sd_kernel

    @numba.njit
    def same_physics(y, out, consts):  # another function object, the same right-hand side
        sd_kernel(y, out, consts)
    chains = [llg.chain(**BASE, T_perp=T, n_sites=200) for T in (1e-4, -3e-4, 2e-4)]
    t = np.linspace(0, 0.5, 4) * tau(BASE)
    expected = [llg.simulate(t, c) for c in chains]
    original = dynamics.compiled

    def two_kernels(c):
        kernel, consts = original(c)
        return (same_physics if c.s_y < 0 else kernel), consts
    monkeypatch.setattr(dynamics, "compiled", two_kernels)
    for got, ref in zip(llg.simulate_batch(t, chains), expected):
        assert np.array_equal(got.n, ref.n)
