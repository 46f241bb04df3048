"""The letter's spin chain simulated in full: Landau–Lifshitz–Gilbert dynamics of N classical spins.

An independent ground truth for the collective coordinates (X, ξ0) of Eqs. (7)-(8):
nothing here uses the reduction, only the Hamiltonian (1), the s-d coupling (3), the
Berry phase and the Rayleigh function (11) of the letter, on a lattice.

Model
-----
Sites x_i = (i - (N-1)/2) a, i = 0 … N-1 (an open chain, free ends), spins S n_i with
|n_i| = 1.  Energy per unit wall area [J/m²], a plane of 1/a² spins per site:

    H = a⁻² Σ_i [ -J S² n_i·n_{i+1} - (J S²/2)(a/λ)² n_{i,x}² + (J S²/2)(a/κ)² n_{i,z}²
                  - J_sd S n_i·⟨s⟩_i ].

Its continuum limit (Σ_i → ∫dx/a, n_{i+1} = n + a∂xn + …) is Eq. (1) plus Eq. (3),
(JS²/2a)[(∂xn)² - λ⁻² n_x² + κ⁻² n_z²] - (J_sd S/a³) n·⟨s⟩ per unit length, up to
constants, a total derivative and O((a/λ)²) corrections: :mod:`derivation.wall.spin_chain`
derives it and the tests compare it with :func:`derivation.wall.model.energy_density`.

The Lagrangian of one site, ħS(cos θ - 1)ϕ̇ - H_i, with Rayleigh function (α/2)ħS ṅ_i²
(the per-site forms of L_DW and of Eq. 11), gives the Landau–Lifshitz–Gilbert equation

    ħS ṅ_i = n_i × h_i - αħS n_i × ṅ_i,   h_i = -∂H_i/∂n_i,

solved for ṅ_i (the Landau–Lifshitz form integrated here):

    ṅ_i = [n_i × h_i - α n_i × (n_i × h_i)] / (ħS(1 + α²)),
    h_i = JS²(n_{i-1} + n_{i+1}) + JS²(a/λ)² n_{i,x} e_x - JS²(a/κ)² n_{i,z} e_z + J_sd S ⟨s⟩_i.

The s-d field moves with the wall, as the letter assumes (text below Eq. 13b):

    ⟨s⟩_i = s̄_x n0(x_i - X) + s̄_y e_z × n0(x_i - X),   n0 = (cos ϕ0, sin ϕ0, 0),
    ϕ0(x) = 2 arctan e^{x/λ},

with uniform s̄ fixed by the per-site convention of the dimensional audit
(:data:`derivation.audit.units.CONVENTION`): T⊥ = ∫dx ∂xϕ0 s̄_y = π s̄_y (Eq. 13a),
S∥ = ∫dx Φ0² s̄_x = a s̄_x (Eq. 13b).  T⊥ and S∥ are switched on at t = 0 on the relaxed
wall at rest (the step ``constant-torque``).

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
X_zm
    the in-plane tilt projected on Φ0 (:func:`zero_mode_position`), the zero-mode
    coordinate the letter's X stands for: a diagnostic beside X.

Map to the letter's symbols (SI, as in :mod:`numeric`): ``a`` a, ``lam`` λ, ``kappa`` κ,
``J`` J, ``S`` S, ``alpha`` α, ``J_sd`` J_sd, ``T_perp`` T⊥ (dimensionless), ``S_par`` S∥ [m].
Time unit inside: ħ/(JS).  Integrator: :func:`scipy.integrate.solve_ivp`, DOP853 (explicit,
so the spin waves are resolved, not damped by the method), ``rtol`` = 1e-9,
``atol`` = 1e-11 on the unit vectors (:data:`RTOL`, :data:`ATOL`).

The right-hand side is a fused loop compiled by numba when numba is installed, vectorised
NumPy otherwise (``backend=``); both compute the same numbers.  SciPy and numba are
imported on first use: ``import numeric.llg`` costs only NumPy.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ._checks import check_array
from ._kernels import HBAR

__all__ = ["wall_dynamics", "Chain", "Trajectory", "chain", "simulate", "relaxed_wall",
           "rhs", "accumulation", "sd_energy", "wall_position", "zero_mode_position",
           "wall_profile", "zero_mode", "wall_velocity", "zero_mode_amplitude", "wall_energy",
           "site_positions", "default_sites", "RTOL", "ATOL", "METHOD"]

RTOL = 1e-9
ATOL = 1e-11
METHOD = "DOP853"
_MAX_SITES = 1_000_000  # a default chain longer than this is a mistake, not a simulation
_CLIP = 170.0  # |u| beyond which e^u is clipped: sech < 1e-73 there, and (e^{2u})² is finite


@dataclass(frozen=True)
class Chain:
    """The chain in the units of the integration: time ħ/(JS), field JS².

    eps_lam = (a/λ)², eps_kap = (a/κ)², b_x = J_sd s̄_x/(JS), b_y = J_sd s̄_y/(JS);
    s_x = s̄_x = S∥/a and s_y = s̄_y = T⊥/π, the per-site accumulation.
    """

    n_sites: int
    a: float
    lam: float
    kappa: float
    alpha: float
    eps_lam: float
    eps_kap: float
    b_x: float
    b_y: float
    time_unit: float
    J: float
    S: float
    J_sd: float
    s_x: float
    s_y: float
    x: np.ndarray = field(repr=False)         # site positions [m]
    e_x: np.ndarray = field(repr=False)       # e^{x_i/λ}, clipped

    @property
    def u0(self) -> np.ndarray:
        return self.x / self.lam


def site_positions(n_sites: int, a: float) -> np.ndarray:
    """x_i = (i - (N-1)/2) a [m]: the chain centred on x = 0 (a bond centre for even N)."""
    return (np.arange(n_sites) - (n_sites - 1) / 2) * a


def _checked(name: str, values: dict) -> dict:
    domains = {"T_perp": "real", "alpha": "positive", "a": "positive", "lam": "positive",
               "kappa": "positive", "J": "positive", "S": "positive", "J_sd": "real",
               "S_par": "real"}
    out = {}
    for arg, value in values.items():
        if np.ndim(value) != 0:
            raise ValueError(f"{name}: {arg} must be a scalar, got {value!r}")
        out[arg] = float(check_array(name, arg, value, domains[arg]))
    if out["lam"] < 2 * out["a"]:
        raise ValueError(f"{name}: lam must be >= 2*a (a wall several sites wide), got "
                         f"lam={out['lam']!r}, a={out['a']!r}")
    stiffness = out["a"] ** 3 * out["J"] * out["S"] / out["kappa"] ** 2 + out["J_sd"] * out["S_par"]
    if stiffness <= 0:
        raise ValueError(f"{name}: a**3*J*S/kappa**2 + J_sd*S_par must be > 0, got "
                         f"J_sd={values['J_sd']!r}, S_par={values['S_par']!r} (unstable wall)")
    return out


def chain(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, n_sites) -> Chain:
    """The dimensionless chain of the model (see the module docstring), checked."""
    p = _checked("chain", dict(T_perp=T_perp, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J,
                               S=S, J_sd=J_sd, S_par=S_par))
    if isinstance(n_sites, bool) or not isinstance(n_sites, (int, np.integer)) or n_sites < 16:
        raise ValueError(f"chain: n_sites must be an integer >= 16, got {n_sites!r}")
    n_sites = int(n_sites)
    x = site_positions(n_sites, p["a"])
    s_y = p["T_perp"] / math.pi       # T⊥ = π s̄_y  (Eq. 13a, per site)
    s_x = p["S_par"] / p["a"]          # S∥ = a s̄_x  (Eq. 13b, per site)
    JS = p["J"] * p["S"]
    return Chain(n_sites=n_sites, a=p["a"], lam=p["lam"], kappa=p["kappa"], alpha=p["alpha"],
                 eps_lam=(p["a"] / p["lam"]) ** 2, eps_kap=(p["a"] / p["kappa"]) ** 2,
                 b_x=p["J_sd"] * s_x / JS, b_y=p["J_sd"] * s_y / JS, time_unit=HBAR / JS,
                 J=p["J"], S=p["S"], J_sd=p["J_sd"], s_x=s_x, s_y=s_y, x=x,
                 e_x=np.exp(np.clip(x / p["lam"], -_CLIP, _CLIP)))


# ------------------------------------------------------------------------------------------
# wall position: cubic inverse interpolation of the zero of n_x

def _crossing(nx: np.ndarray) -> int:
    """Index i of the sign change of n_x between sites i and i+1 with the most negative
    n_x,i·n_x,i+1 (the steepest crossing; -1 if n_x does not change sign)."""
    product = nx[:-1] * nx[1:]
    i = int(np.argmin(product))
    return i if product[i] < 0.0 else -1


def _interpolate(nx, xs, i: int, n: int):
    """x where the interpolant of (n_x, x) through the sites around i vanishes.

    Cubic inverse (Lagrange) interpolation through i-1 … i+2 when n_x is strictly
    monotonic there, linear through i, i+1 otherwise.  Works for complex n_x (complex
    step): the stencil is chosen from the real parts.
    """
    k0 = min(max(i - 1, 0), n - 4)
    y = nx[k0:k0 + 4]
    dy = np.diff(y.real)
    if np.all(dy > 0) or np.all(dy < 0):
        total = 0.0
        for k in range(4):
            weight = 1.0
            for m in range(4):
                if m != k:
                    weight = weight * (-y[m]) / (y[k] - y[m])
            total = total + xs[k0 + k] * weight
        return total
    return xs[i] + (xs[i + 1] - xs[i]) * nx[i] / (nx[i] - nx[i + 1])


def wall_position(n: np.ndarray, x: np.ndarray) -> float:
    """X [m]: where n_x crosses zero; ``n`` of shape (3, N), ``x`` the site positions.

    NaN when n_x does not change sign (no wall on the chain).
    """
    i = _crossing(n[0].real)
    if i < 0:
        return float("nan")
    return float(np.real(_interpolate(n[0], x, i, n.shape[1])))


def wall_velocity(n: np.ndarray, ndot: np.ndarray, x: np.ndarray) -> float:
    """dX/dt along the flow ṅ, by a complex step: Im X(n + ih ṅ)/h (exact to rounding)."""
    i = _crossing(n[0])
    if i < 0:
        return float("nan")
    h = 1e-30 / max(np.max(np.abs(ndot[0])), 1e-300)
    probe = n[0] + 1j * h * ndot[0]
    return float(np.imag(_interpolate(probe, x, i, n.shape[1])) / h)


def wall_profile(x, X: float, lam: float):
    """n0(x - X) = (cos ϕ0, sin ϕ0, 0) = (-tanh u, sech u, 0), u = (x - X)/λ, ϕ0 = 2 arctan e^u.

    The stationary Néel wall (text below Eq. 1); the tests compare it with
    :func:`derivation.wall.model.n0`.
    """
    u = np.clip((np.asarray(x, dtype=float) - X) / lam, -_CLIP, _CLIP)
    return np.stack([-np.tanh(u), 1.0 / np.cosh(u), np.zeros_like(u)])


def zero_mode(x, X: float, a: float, lam: float):
    """Φ0(x - X) = sqrt(aλ/2) ∂xϕ0 = sqrt(a/2λ) sech((x - X)/λ), Eq. (6), dimensionless.

    The tests compare it with :func:`derivation.wall.model.Phi0`.
    """
    return np.sqrt(a / (2 * lam)) * wall_profile(x, X, lam)[1]


def zero_mode_amplitude(n: np.ndarray, X: float, x: np.ndarray, a: float, lam: float) -> float:
    """ξ0: the out-of-plane tilt projected on Φ0(x - X) (Eq. 6), Σ Φ0 δθ / Σ Φ0²."""
    norm = np.sqrt(np.sum(n * n, axis=0))
    dtheta = -np.arcsin(np.clip(n[2] / norm, -1.0, 1.0))  # θ - π/2
    phi0 = zero_mode(x, X, a, lam)
    return float(np.sum(phi0 * dtheta) / np.sum(phi0 * phi0))


def zero_mode_position(n: np.ndarray, X: float, x: np.ndarray, a: float, lam: float) -> float:
    """X_zm [m]: the wall position that the in-plane zero mode carries (a diagnostic).

    The in-plane deviation δϕ_i from the profile at the zero of n_x, n0(x_i - X), projected
    on Φ0: a translation by dX is δϕ = -dX ∂xϕ0 = -dX sqrt(2/(aλ)) Φ0 (Eq. 6), so
    X_zm = X - sqrt(aλ/2) Σ Φ0 δϕ / Σ Φ0².  This is the coordinate the letter's X stands
    for (η0 of Eq. 5 replaced by X); the zero of n_x also moves with the spin waves.
    """
    n0x, n0y, _ = wall_profile(x, X, lam)
    dphi = np.arctan2(n0x * n[1] - n0y * n[0], n0x * n[0] + n0y * n[1])
    phi0 = zero_mode(x, X, a, lam)
    return float(X - np.sqrt(a * lam / 2) * np.sum(phi0 * dphi) / np.sum(phi0 * phi0))


def accumulation(c: Chain, X: float) -> np.ndarray:
    """⟨s⟩_i = s̄_x n0(x_i - X) + s̄_y e_z × n0(x_i - X), shape (3, N), per site (dimensionless)."""
    n0 = wall_profile(c.x, X, c.lam)  # not the kernels' e^u route: the tests compare the two
    y_bar = np.stack([-n0[1], n0[0], np.zeros_like(n0[0])])  # e_z × n0
    return c.s_x * n0 + c.s_y * y_bar


def sd_energy(n: np.ndarray, c: Chain, X: float) -> float:
    """-a⁻² Σ_i J_sd S n_i·⟨s⟩_i [J/m²], ⟨s⟩ held at the wall position X (Eq. 3 on the lattice)."""
    return float(-c.J_sd * c.S * np.sum(n * accumulation(c, X)) / c.a**2)


def wall_energy(n: np.ndarray, c: Chain, per_site: bool = False):
    """H of Eq. (1) on the lattice, without the s-d term, per unit area [J/m²].

    Measured from the uniform state: each site carries 1 - n_i·n_{i+1} (one bond),
    (a/λ)²(1 - n_x²)/2 and (a/κ)² n_z²/2, times JS²/a²; a relaxed domain costs nothing.
    ``per_site=True`` returns the site energies instead of their sum.
    """
    bonds = np.zeros(n.shape[1])
    bonds[:-1] = 1.0 - np.sum(n[:, :-1] * n[:, 1:], axis=0)
    site = bonds + 0.5 * c.eps_lam * (1.0 - n[0] ** 2) + 0.5 * c.eps_kap * n[2] ** 2
    site = site * c.J * c.S**2 / c.a**2
    return site if per_site else float(np.sum(site))


# ------------------------------------------------------------------------------------------
# right-hand side: NumPy and numba, the same arithmetic

def _field_profile(c: Chain, X: float):
    """tanh((x_i - X)/λ) and sech((x_i - X)/λ) from e^{x_i/λ}·e^{-X/λ}: one exp per call."""
    scale = X / c.lam
    if abs(scale) > 0.5 * _CLIP:  # far outside the clipping margin: plain per-site exp
        u = (c.x - X) / c.lam
        return np.tanh(u), 1.0 / np.cosh(np.clip(u, -_CLIP, _CLIP))
    E = c.e_x * math.exp(-scale)  # |u| ≤ 1.5·_CLIP: E² is finite
    den = 1.0 / (1.0 + E * E)
    return (E * E - 1.0) * den, 2.0 * E * den


def _rhs_numpy(y: np.ndarray, c: Chain) -> np.ndarray:
    n = y.reshape(3, c.n_sites)
    X = wall_position(n, c.x)
    th, sech = _field_profile(c, X)
    h = np.empty_like(n)
    h[:, 1:-1] = n[:, :-2] + n[:, 2:]   # exchange, free ends
    h[:, 0] = n[:, 1]
    h[:, -1] = n[:, -2]
    # ⟨s⟩ = s̄_x n0 + s̄_y e_z × n0, n0 = (-tanh, sech, 0), e_z × n0 = (-sech, -tanh, 0)
    h[0] += c.eps_lam * n[0] - c.b_x * th - c.b_y * sech
    h[1] += c.b_x * sech - c.b_y * th
    h[2] -= c.eps_kap * n[2]
    p = np.cross(n, h, axis=0)
    q = np.cross(n, p, axis=0)
    return ((p - c.alpha * q) / (1.0 + c.alpha**2)).ravel()


def _numba_kernel():
    """The fused right-hand side of :mod:`numeric._llg_numba` (compiled once, cached on disk)."""
    from ._llg_numba import kernel
    return kernel


def _have_numba() -> bool:
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def rhs(c: Chain, backend: str = "auto"):
    """f(τ, y) = dy/dτ of the chain, τ = t JS/ħ, y = (n_x, n_y, n_z) stacked (3N,).

    ``backend``: "numba" (fused loop), "numpy" (vectorised) or "auto" (numba if installed).
    """
    if backend not in ("auto", "numba", "numpy"):
        raise ValueError(f"rhs: backend must be 'auto', 'numba' or 'numpy', got {backend!r}")
    if backend == "auto":
        backend = "numba" if _have_numba() else "numpy"
    if backend == "numpy":
        return lambda tau, y: _rhs_numpy(y, c)
    kernel = _numba_kernel()
    consts = np.concatenate([[c.lam, c.eps_lam, c.eps_kap, c.b_x, c.b_y, c.alpha, _CLIP],
                             c.x, c.e_x])

    def f(tau, y):
        out = np.empty_like(y)
        kernel(y, out, consts)
        return out
    return f


# ------------------------------------------------------------------------------------------
# the relaxed wall and the integration

def relaxed_wall(c: Chain) -> np.ndarray:
    """The static in-plane wall of the lattice (no s-d field), shape (3, N).

    Minimises Σ[-cos(ϕ_{i+1} - ϕ_i) - (a/λ)²cos²ϕ_i/2] over the in-plane angles, starting
    from the continuum profile ϕ0 = 2 arctan e^{x/λ} (scipy's trust-region Newton-CG with
    the analytic gradient and Hessian-vector product).  The angles are kept symmetric,
    ϕ_{N-1-i} = π - ϕ_i: that removes the translation (zero) mode from the Hessian and
    keeps the wall centred on x = 0.
    """
    from scipy.optimize import minimize, root
    eps, N = c.eps_lam, c.n_sites
    half = N // 2  # sites half … N-1 are free; the others are their mirror images

    def full(psi):
        left = np.pi - psi[::-1] if N % 2 == 0 else np.pi - psi[:0:-1]
        return np.concatenate([left, psi])

    def fold(g):  # gradient in ϕ → gradient in the free angles ψ
        right = g[-psi_len:].copy()
        mirror = g[:N - psi_len][::-1]
        right[len(right) - len(mirror):] -= mirror
        return right

    def energy(psi):
        phi = full(psi)
        return -np.sum(np.cos(np.diff(phi))) - 0.5 * eps * np.sum(np.cos(phi) ** 2)

    def gradient_phi(phi):
        s = np.sin(np.diff(phi))  # sin(ϕ_{i+1} - ϕ_i)
        g = 0.5 * eps * np.sin(2 * phi)
        g[:-1] -= s
        g[1:] += s
        return g

    def hessp_phi(phi, v):
        cb = np.cos(np.diff(phi))
        dv = np.diff(v)
        out = eps * np.cos(2 * phi) * v
        out[:-1] -= cb * dv
        out[1:] += cb * dv
        return out

    psi_len = N - half

    def jac(psi):
        return fold(gradient_phi(full(psi)))

    def hessp(psi, v):
        phi = full(psi)
        dv = np.concatenate([-(v[::-1] if N % 2 == 0 else v[:0:-1]), v])
        return fold(hessp_phi(phi, dv))

    start = 2 * np.arctan(np.exp(np.clip(c.u0[half:], -_CLIP, _CLIP)))
    result = minimize(energy, start, jac=jac, hessp=hessp, method="trust-ncg",
                      options={"gtol": 1e-13, "maxiter": 500})
    psi = result.x
    if np.max(np.abs(jac(psi))) > 1e-13:
        # the energy is flat to rounding near the minimum: polish by Newton–Krylov on ∇E = 0
        with np.errstate(invalid="ignore", divide="ignore"):  # its step test at a zero step
            psi = root(jac, psi, method="krylov", options={"fatol": 1e-14, "maxiter": 50}).x
    phi = full(psi)
    residual = np.max(np.abs(gradient_phi(phi)))
    if residual > 1e-12:
        raise RuntimeError(f"relaxed_wall: no convergence, |grad| = {residual:.3g}")
    return np.stack([np.cos(phi), np.sin(phi), np.zeros_like(phi)])


def _reporting(f, span: float, progress):
    """f that calls ``progress(fraction of the span)`` every 2 % of the way."""
    marks = {"next": 0.0}

    def reporting(s, y):
        if s >= marks["next"] * span:
            progress(min(s / span, 1.0))
            marks["next"] = min(s / span, 1.0) + 0.02
        return f(s, y)
    return reporting


def _one_blas_thread():
    """BLAS on one thread while integrating (threadpoolctl, if installed).

    The solver's dot products and stage sums act on vectors of 3N ≲ 10⁵ numbers: threaded
    OpenBLAS only adds synchronisation (measured 7 ms instead of 20 µs per norm at N = 4096
    on a busy 2-core machine).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        import contextlib
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


@dataclass(frozen=True)
class Trajectory:
    """A simulation sampled at ``t`` [s]: the chain, n(x, t), X [m], V [m/s], ξ0, energies.

    ``n`` has shape (len(t), 3, N); ``energy`` is :func:`wall_energy` [J/m²]; ``X_zm``,
    ``V_zm`` the zero-mode position (:func:`zero_mode_position`) and its rate;
    ``steps``, ``nfev`` the solver's accepted steps and right-hand-side calls.
    """

    t: np.ndarray
    chain: Chain
    n: np.ndarray
    X: np.ndarray
    V: np.ndarray
    xi0: np.ndarray
    X_zm: np.ndarray
    V_zm: np.ndarray
    energy: np.ndarray
    steps: int
    nfev: int


def simulate(t, c: Chain, n_start: np.ndarray | None = None, backend: str = "auto",
             rtol: float = RTOL, atol: float = ATOL, progress=None) -> Trajectory:
    """Integrate the LLG equation of ``c`` from ``n_start`` (the relaxed wall) to max(t).

    ``t`` [s]: sorted, non-negative sample times.  ``progress``: called with the fraction
    of the time span done (throttled), e.g. for a progress bar.
    """
    from scipy.integrate import solve_ivp
    t = np.asarray(t, dtype=float)
    if t.ndim != 1 or (t.size and (t[0] < 0 or np.any(np.diff(t) < 0))):
        raise ValueError(f"simulate: t must be a sorted 1-d array of times >= 0, got {t!r}")
    tau = t / c.time_unit
    start = relaxed_wall(c) if n_start is None else np.asarray(n_start, dtype=float)
    f = rhs(c, backend)
    span = float(tau[-1]) if tau.size else 0.0
    if progress is not None and span > 0:
        f = _reporting(f, span, progress)
    if span > 0:
        with _one_blas_thread():
            sol = solve_ivp(f, (0.0, span), start.ravel(), method=METHOD, t_eval=tau,
                            rtol=rtol, atol=atol)
        if sol.status != 0:  # in practice: the wall reached an end and the field became NaN
            raise ValueError(f"simulate: the integration failed ({sol.message}); the wall may "
                             f"have left the chain of n_sites={c.n_sites}")
        states = sol.y.T.reshape(len(t), 3, c.n_sites)
        nfev = int(sol.nfev)
        steps = nfev // 12  # DOP853: 12 right-hand sides per step (rejected ones included)
    else:
        states = np.repeat(start[None], len(t), axis=0)
        steps, nfev = 0, 0
    if progress is not None:
        progress(1.0)
    g = rhs(c, "numpy")
    X = np.array([wall_position(n, c.x) for n in states])
    if not np.all(np.isfinite(X)):
        raise ValueError("simulate: the wall left the chain (n_x no longer changes sign); "
                         f"use more sites than n_sites={c.n_sites}")
    rates = [g(0.0, n.ravel()).reshape(3, -1) for n in states]
    V = np.array([wall_velocity(n, ndot, c.x) for n, ndot in zip(states, rates)]) / c.time_unit

    def X_zm_of(m):
        return zero_mode_position(m, wall_position(m, c.x), c.x, c.a, c.lam)
    X_zm = np.array([X_zm_of(n) for n in states])
    # its rate along the flow, by a central difference (step 1e-4 of the time unit)
    V_zm = np.array([(X_zm_of(n + 1e-4 * ndot) - X_zm_of(n - 1e-4 * ndot)) / 2e-4
                     for n, ndot in zip(states, rates)]) / c.time_unit
    xi0 = np.array([zero_mode_amplitude(n, x_, c.x, c.a, c.lam) for n, x_ in zip(states, X)])
    energy = np.array([wall_energy(n, c) for n in states])
    return Trajectory(t=t, chain=c, n=states, X=X, V=V, xi0=xi0, X_zm=X_zm, V_zm=V_zm,
                      energy=energy, steps=steps, nfev=nfev)


def default_sites(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, t_max=0.0) -> int:
    """An even N that holds the wall ±20λ beyond where the collective coordinates put it."""
    import numeric
    X_cc = abs(float(numeric.relaxation(t_max, T_perp=T_perp, alpha=alpha, a=a, lam=lam,
                                        kappa=kappa, J=J, S=S, J_sd=J_sd, S_par=S_par)[2]))
    half = (X_cc + 20 * lam) / a
    if half > _MAX_SITES / 2:
        raise ValueError(f"default_sites: the wall would travel {X_cc:.3g} m = {X_cc / a:.3g} sites "
                         f"by t_max={t_max!r}; pass n_sites (at most {_MAX_SITES}) or a shorter t")
    return int(2 * math.ceil(half + 2))


def wall_dynamics(t, *, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, n_sites=None,
                  full=False):
    """(ξ0, V, X)(t) of the full spin chain, from the relaxed wall at rest at t = 0.

    The same arguments (SI) and outputs as :func:`numeric.relaxation`: ξ0 [1], V [m/s],
    X [m] at the times ``t`` [s] (any shape, non-negative); floats for scalar ``t``.
    ``n_sites``: chain length (default :func:`default_sites`: ±20λ beyond the wall).
    ``full=True`` returns (ξ0, V, X, n) with n(x_i, t) of shape t.shape + (3, N), the
    site positions being :func:`site_positions`.
    """
    values = dict(T_perp=T_perp, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S, J_sd=J_sd,
                  S_par=S_par)
    p = _checked("wall_dynamics", values)
    times = check_array("wall_dynamics", "t", t, "nonnegative")
    flat = times.ravel()
    grid, inverse = np.unique(flat, return_inverse=True)
    if n_sites is None:
        n_sites = default_sites(**p, t_max=float(grid[-1]) if grid.size else 0.0)
    c = chain(**p, n_sites=n_sites)
    traj = simulate(grid, c)
    out = [traj.xi0[inverse].reshape(times.shape), traj.V[inverse].reshape(times.shape),
           traj.X[inverse].reshape(times.shape)]
    if times.ndim == 0:
        out = [float(v) for v in out]
    if full:
        out.append(traj.n[inverse].reshape(times.shape + (3, c.n_sites)))
    return tuple(out)
