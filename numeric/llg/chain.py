"""The chain's model: parameters in the units of the integration, the wall profile, energies.

The Hamiltonian and the s-d field are stated in :mod:`numeric.llg`.  Time unit ħ/(JS),
field unit JS²; ``Chain`` holds the dimensionless constants of one simulation.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .._checks import check_array
from .._kernels import HBAR

__all__ = ["Chain", "chain", "site_positions", "wall_profile", "zero_mode", "accumulation",
           "sd_energy", "wall_energy", "RTOL", "ATOL", "METHOD", "CENTRES"]

RTOL = 1e-9
ATOL = 1e-11
METHOD = "DOP853"
_MAX_SITES = 1_000_000  # a default chain longer than this is a mistake, not a simulation
_CLIP = 170.0  # |u| beyond which e^u is clipped: sech < 1e-73 there, and (e^{2u})² is finite
# where the co-moving s-d field is centred: the ansatz's X (the letter's collective coordinate,
# the default) or the zero of n_x (measure.ansatz_position, measure.wall_position)
CENTRES = ("ansatz", "n_x")


@dataclass(frozen=True)
class Chain:
    """The chain in the units of the integration: time ħ/(JS), field JS².

    eps_lam = (a/λ)², eps_kap = (a/κ)², b_x = J_sd s̄_x/(JS), b_y = J_sd s̄_y/(JS);
    s_x = s̄_x = S∥/a and s_y = s̄_y = T⊥/π, the per-site accumulation; ``centre`` where
    ⟨s⟩ is centred (:data:`CENTRES`).
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
    centre: str
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


def chain(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, n_sites,
          centre: str = "ansatz") -> Chain:
    """The dimensionless chain of the model (see :mod:`numeric.llg`), checked.

    ``centre``: where the co-moving s-d field ⟨s⟩_i is centred, "ansatz" (the letter's X,
    :func:`numeric.llg.ansatz_position`) or "n_x" (the zero of n_x).
    """
    p = _checked("chain", dict(T_perp=T_perp, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J,
                               S=S, J_sd=J_sd, S_par=S_par))
    if isinstance(n_sites, bool) or not isinstance(n_sites, (int, np.integer)) or n_sites < 16:
        raise ValueError(f"chain: n_sites must be an integer >= 16, got {n_sites!r}")
    n_sites = int(n_sites)
    if centre not in CENTRES:
        raise ValueError(f"chain: centre must be one of {', '.join(map(repr, CENTRES))}, got {centre!r}")
    x = site_positions(n_sites, p["a"])
    s_y = p["T_perp"] / math.pi       # T⊥ = π s̄_y  (Eq. 13a, per site)
    s_x = p["S_par"] / p["a"]          # S∥ = a s̄_x  (Eq. 13b, per site)
    JS = p["J"] * p["S"]
    return Chain(n_sites=n_sites, a=p["a"], lam=p["lam"], kappa=p["kappa"], alpha=p["alpha"],
                 eps_lam=(p["a"] / p["lam"]) ** 2, eps_kap=(p["a"] / p["kappa"]) ** 2,
                 b_x=p["J_sd"] * s_x / JS, b_y=p["J_sd"] * s_y / JS, time_unit=HBAR / JS,
                 J=p["J"], S=p["S"], J_sd=p["J_sd"], s_x=s_x, s_y=s_y, centre=centre, x=x,
                 e_x=np.exp(np.clip(x / p["lam"], -_CLIP, _CLIP)))


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
