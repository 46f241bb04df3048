"""The full spin chain against the collective coordinates: errors, fitted τ_DW and V*, spin waves.

:func:`compare` runs :mod:`numeric.llg` from the relaxed wall and measures, over
t ∈ [0, t_max·τ_DW], how far X(t), V(t), ξ0(t) are from :func:`numeric.relaxation`, each
against its own scale:

* ξ0: max |ξ0 - ξ0_CC| / |ξ0*|, over [0, t_max]τ and over [0.5, t_max]τ;
* V:  max |V - V_CC| / |V*|;
* X:  max |X - X_CC| / |X_CC(t_max τ)|;
* the same for the zero-mode position X_zm and its rate V_zm (:func:`numeric.llg.zero_mode_position`):
  the coordinate the letter's X stands for, free of the spin waves that move the zero of n_x;

the same against ``numeric.nonlinear_relaxation`` when the package has it (``*_nl``);
fits ξ0(t) = ξ0_fit(1 - e^{-t/τ_fit}) over the whole window and
V(t) = V_fit(1 - B e^{-t/τ_V}) after the first τ_DW (scipy's ``curve_fit``), and splits
the energy (Eq. 1 on the lattice) the wall holds beyond the collective coordinates'
JS²ξ0²/(2κ²) (the O(ξ0²) energy of Eq. 9) at t_max into the part within 10λ of the wall
and the part in the domains (per length λ of domain: it grows with the domains, which
the uniform s̄_y e_z × n0 cants).  Nothing is tuned: the
model is the letter's.  SciPy is imported on use.
"""
from __future__ import annotations

import contextlib
import warnings

import numpy as np

import numeric

from .. import llg

__all__ = ["compare", "compare_batch", "QUANTITIES", "UNITS", "DESCRIPTIONS"]

QUANTITIES = ("err_xi0", "err_xi0_late", "err_V", "err_X", "err_V_zm", "err_X_zm",
              "tau_ratio", "xi0_ratio",
              "v_ratio", "v0_ratio", "v0_zm_ratio", "e_wall", "e_domains", "tilt", "n_sites", "nfev")
# units that pint parses (NetCDF ``units``), and what each ratio is of (``long_name``)
UNITS = {q: "1" for q in QUANTITIES} | {"tilt": "rad"}
DESCRIPTIONS = {
    "err_xi0": "max |ξ0 − ξ0(CC)| over the window, in |ξ0*|",
    "err_xi0_late": "max |ξ0 − ξ0(CC)| over the window's last part, in |ξ0*|",
    "err_V": "max |V − V(CC)| over the window, in |V*|",
    "err_X": "max |X − X(CC)| over the window, in |X(CC)(t_max)|",
    "err_V_zm": "max |V − V(CC)| of the zero-mode position, in |V*|",
    "err_X_zm": "max |X − X(CC)| of the zero-mode position, in |X(CC)(t_max)|",
    "tau_ratio": "fitted τ over τ_DW of Eq. (16)", "xi0_ratio": "fitted ξ0 over ξ0* of Eq. (15)",
    "v_ratio": "terminal V over V* (below Eq. 15)",
    "v0_ratio": "V(0⁺) of the chain over the collective coordinates'",
    "v0_zm_ratio": "V(0⁺) of the ansatz's X over the collective coordinates'",
    "e_wall": "wall energy in JS²ξ0²/(2κ²)",
    "e_domains": "domains' energy per length λ, in JS²ξ0²/(2κ²)",
    "tilt": "out-of-plane tilt ξ0*Φ0(0) of Eq. (15)", "n_sites": "chain length (sites)",
    "nfev": "right-hand-side evaluations",
}


@contextlib.contextmanager
def _quiet_fit():
    """curve_fit without its OptimizeWarning: the fits' covariance is not used."""
    from scipy.optimize import OptimizeWarning
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OptimizeWarning)
        yield


def compare(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, n_sites=None,
            t_max: float = 5.0, points: int = 101, full: bool = False, centre: str = "ansatz",
            rtol: float = llg.RTOL, atol: float = llg.ATOL, margin: float = 20.0) -> dict:
    """Errors of the reduction for one set of parameters (SI), see the module docstring.

    ``t_max`` in units of τ_DW (Eq. 16).  Returns a dict of floats keyed by
    :data:`QUANTITIES`; ``full=True`` adds the samples ("t", "xi0", "V", "X" and the
    collective coordinates' "xi0_cc", "V_cc", "X_cc") and the trajectory ("trajectory").
    ``centre``, ``rtol``, ``atol``: the drive's centre and the solver's tolerances
    (:func:`numeric.llg.chain`, :func:`numeric.llg.simulate`); ``margin``: the chain's ends
    beyond the wall, in λ.  The fitted values (ξ0_fit, τ_fit, V_fit) are given only when V is
    stationary over the last 2τ_DW of the window by the criterion of
    :mod:`numeric.llg.stationary` (tolerance 1e-3), NaN otherwise: a fit to a transient is no
    terminal value.
    """
    p = dict(T_perp=T_perp, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S, J_sd=J_sd,
             S_par=S_par)
    tau, t, c = _setup(p, n_sites, t_max, points, margin, centre)
    return _errors(p, tau, t, c, llg.simulate(t, c, rtol=rtol, atol=atol), t_max, full)


def compare_batch(params, *, t_max: float = 5.0, points: int = 101, strict: bool = True) -> list:
    """:func:`compare` for many parameter sets, simulated in one compiled batch
    (:func:`numeric.llg.simulate_batch`, each chain with its own steps).

    ``params``: dicts of compare's keyword arguments (SI; ``n_sites`` optional).
    ``strict=False`` gives ``{"error": message}`` for a set that cannot be simulated
    instead of raising.
    """
    ready, out = [], []
    for q in params:
        q = {"S_par": 0.0, **q}
        try:
            ready.append((q, *_setup({k: v for k, v in q.items() if k != "n_sites"},
                                     q.get("n_sites"), t_max, points)))
            out.append(None)
        except (ValueError, RuntimeError) as err:
            if strict:
                raise
            out.append({"error": str(err)})
    trajectories = llg.simulate_batch([t for _, _, t, _ in ready], [c for *_, c in ready],
                                      strict=strict) if ready else []
    results = iter(zip(ready, trajectories))
    for k, slot in enumerate(out):
        if slot is not None:
            continue
        (q, tau, t, c), traj = next(results)
        try:
            if traj is None:
                raise ValueError(f"compare_batch: the integration failed for n_sites={c.n_sites} "
                                 "(the wall may have left the chain)")
            q.pop("n_sites", None)
            out[k] = _errors(q, tau, t, c, traj, t_max, False)
        except (ValueError, RuntimeError) as err:
            if strict:
                raise
            out[k] = {"error": str(err)}
    return out


def _setup(p: dict, n_sites, t_max: float, points: int, margin: float = 20.0,
           centre: str = "ansatz"):
    """τ_DW (Eq. 16), the sample times and the chain of the parameters ``p`` (SI)."""
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    t = np.linspace(0.0, t_max, points) * tau
    if n_sites is None:
        n_sites = llg.default_sites(**p, t_max=t[-1], margin=margin)
    return tau, t, llg.chain(**p, n_sites=n_sites, centre=centre)


def _errors(p: dict, tau: float, t: np.ndarray, c, traj, t_max: float, full: bool) -> dict:
    """The quantities of :func:`compare` from the simulated trajectory ``traj``."""
    from scipy.optimize import curve_fit
    T_perp, alpha, a, lam, kappa, J, S, J_sd = (p[k] for k in ("T_perp", "alpha", "a", "lam",
                                                               "kappa", "J", "S", "J_sd"))
    n_sites = c.n_sites
    xi_cc, V_cc, X_cc = numeric.relaxation(t, **p)
    xi_star = numeric.xi0_star(**p)
    v_star = numeric.v_star_from_torque(T_perp=T_perp, alpha=alpha, lam=lam, J_sd=J_sd)
    late = t >= 0.5 * tau
    out = {
        "err_xi0": np.max(np.abs(traj.xi0 - xi_cc)) / abs(xi_star),
        # NaN for a window shorter than 0.5 τ_DW (nothing after it)
        "err_xi0_late": (np.max(np.abs(traj.xi0 - xi_cc)[late]) / abs(xi_star) if late.any()
                         else np.nan),
        "err_V": np.max(np.abs(traj.V - V_cc)) / abs(v_star),
        "err_X": np.max(np.abs(traj.X - X_cc)) / abs(X_cc[-1]),
        "err_V_zm": np.max(np.abs(traj.V_zm - V_cc)) / abs(v_star),
        "err_X_zm": np.max(np.abs(traj.X_zm - X_cc)) / abs(X_cc[-1]),
        "v0_ratio": traj.V[0] / V_cc[0],
        "v0_zm_ratio": traj.V_zm[0] / V_cc[0],
        "tilt": numeric.psi_star(**p),
        "n_sites": float(n_sites), "nfev": float(traj.nfev),
    }
    # numeric.nonlinear_relaxation, once it exists (called as numeric.relaxation is)
    nonlinear = getattr(numeric, "nonlinear_relaxation", None)
    if nonlinear is not None:
        xi_nl, V_nl, X_nl = nonlinear(t, **p)
        out["err_xi0_nl"] = np.max(np.abs(traj.xi0 - xi_nl)) / abs(xi_star)
        out["err_V_nl"] = np.max(np.abs(traj.V - V_nl)) / abs(v_star)
        out["err_X_nl"] = np.max(np.abs(traj.X - X_nl)) / abs(X_cc[-1])
    from .stationary import _settled
    settled = t_max >= 4.0 and _settled(t / tau, traj.V_zm, 2.0, 1e-3)[0]
    # ξ0 = ξ_fit(1 - e^{-t/τ_fit}), in units of ξ0* and τ_DW
    shape = lambda s, amp, rate: amp * (1.0 - np.exp(-s * rate))  # noqa: E731
    try:
        with _quiet_fit():
            (amp, rate), _ = curve_fit(shape, t / tau, traj.xi0 / xi_star, p0=(1.0, 1.0))
        out["xi0_ratio"], out["tau_ratio"] = (amp, 1.0 / rate) if settled else (np.nan, np.nan)
    except RuntimeError:  # no relaxation to fit (e.g. a precessing wall)
        out["xi0_ratio"], out["tau_ratio"] = np.nan, np.nan
    # V = V_fit(1 - B e^{-t/τ_V}) after the first τ_DW, in units of V* and τ_DW
    after = t >= min(1.0, 0.2 * t_max) * tau
    approach = lambda s, amp, b, rate: amp * (1.0 - b * np.exp(-s * rate))  # noqa: E731
    try:
        with _quiet_fit():
            (v_fit, _, v_rate), _ = curve_fit(approach, t[after] / tau, traj.V[after] / v_star,
                                              p0=(1.0, 0.5, 1.0), maxfev=5000)
        # a terminal velocity only if V relaxes within the window (not a precessing wall)
        out["v_ratio"] = v_fit if settled and 1.0 / t_max < v_rate < 100.0 else np.nan
    except RuntimeError:
        out["v_ratio"] = np.nan
    # energy beyond the collective coordinates at t_max: wall region and domains
    n_end, X_end = traj.n[-1], traj.X[-1]
    rest = llg.wall_energy(llg.relaxed_wall(c), c)
    sites = llg.wall_energy(n_end, c, per_site=True)
    near = np.abs(c.x - X_end) <= 10 * lam
    cc = J * S**2 * traj.xi0[-1] ** 2 / (2 * kappa**2)
    out["e_wall"] = (np.sum(sites[near]) - rest - cc) / cc
    domain_length = np.count_nonzero(~near) * a  # the domains' energy grows with their length
    out["e_domains"] = np.sum(sites[~near]) / cc * lam / domain_length
    out = {k: float(v) for k, v in out.items()}
    if full:
        out.update(t=t, xi0=traj.xi0, V=traj.V, X=traj.X, xi0_cc=xi_cc, V_cc=V_cc, X_cc=X_cc,
                   trajectory=traj)
    return out
