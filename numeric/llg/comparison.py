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

__all__ = ["compare", "QUANTITIES", "UNITS", "STUDY", "TILTS", "torque_for_tilt", "study_table",
           "s_par_table", "convergence_tables", "sweep_summary", "figure", "main"]

QUANTITIES = ("err_xi0", "err_xi0_late", "err_V", "err_X", "err_V_zm", "err_X_zm",
              "tau_ratio", "xi0_ratio",
              "v_ratio", "v0_ratio", "v0_zm_ratio", "e_wall", "e_domains", "tilt", "n_sites", "nfev")
UNITS = {
    "err_xi0": "1 (of |xi0*|)", "err_xi0_late": "1 (of |xi0*|)", "err_V": "1 (of |V*|)",
    "err_X": "1 (of |X_CC(t_max)|)", "err_V_zm": "1 (of |V*|), zero-mode position",
    "err_X_zm": "1 (of |X_CC(t_max)|), zero-mode position", "tau_ratio": "1 (fitted / Eq. 16)",
    "xi0_ratio": "1 (fitted / Eq. 15)", "v_ratio": "1 (terminal / V* below Eq. 15)",
    "v0_ratio": "1 (V(0+) chain / collective coordinates)",
    "v0_zm_ratio": "1 (V(0+) of the ansatz's X / collective coordinates)",
    "e_wall": "1 (of JS^2 xi0^2/(2 kappa^2))",
    "e_domains": "1 (of JS^2 xi0^2/(2 kappa^2), per length lambda of domain)",
    "tilt": "rad (xi0* Phi0(0), Eq. 15)", "n_sites": "1", "nfev": "1",
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
    from scipy.optimize import curve_fit
    p = dict(T_perp=T_perp, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S, J_sd=J_sd,
             S_par=S_par)
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    t = np.linspace(0.0, t_max, points) * tau
    if n_sites is None:
        n_sites = llg.default_sites(**p, t_max=t[-1], margin=margin)
    c = llg.chain(**p, n_sites=n_sites, centre=centre)
    traj = llg.simulate(t, c, rtol=rtol, atol=atol)
    xi_cc, V_cc, X_cc = numeric.relaxation(t, **p)
    xi_star = numeric.xi0_star(**p)
    v_star = numeric.v_star_from_torque(T_perp=T_perp, alpha=alpha, lam=lam, J_sd=J_sd)
    late = t >= 0.5 * tau
    out = {
        "err_xi0": np.max(np.abs(traj.xi0 - xi_cc)) / abs(xi_star),
        "err_xi0_late": np.max(np.abs(traj.xi0 - xi_cc)[late]) / abs(xi_star),
        "err_V": np.max(np.abs(traj.V - V_cc)) / abs(v_star),
        "err_X": np.max(np.abs(traj.X - X_cc)) / abs(X_cc[-1]),
        "err_V_zm": np.max(np.abs(traj.V_zm - V_cc)) / abs(v_star),
        "err_X_zm": np.max(np.abs(traj.X_zm - X_cc)) / abs(X_cc[-1]),
        "v0_ratio": traj.V[0] / V_cc[0],
        "v0_zm_ratio": traj.V_zm[0] / V_cc[0],
        "tilt": abs(xi_star) * np.sqrt(a / (2 * lam)),
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


# ------------------------------------------------------------------------------------------
# the study in README: `python -m numeric.llg.comparison [--readme README.md] [--figure PNG]`

STUDY = dict(alpha=0.1, a=2.5e-10, lam=4e-9, kappa=2e-9, J=1.6e-21, S=1.0, J_sd=1.6e-21,
             S_par=0.0)
TILTS = (0.01, 0.03, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)


def torque_for_tilt(psi: float, p: dict) -> float:
    """T⊥ > 0 whose terminal tilt of the wall centre |ξ0*|Φ0(0) (Eq. 15) is ``psi``."""
    unit = abs(numeric.xi0_star(T_perp=1.0, **{k: v for k, v in p.items() if k != "T_perp"}))
    return psi / (unit * np.sqrt(p["a"] / (2 * p["lam"])))


def _walker_width(tilt: float, p: dict) -> float:
    # Walker's rigid profile (not the letter's): Δ/λ = 1/sqrt(1 + (λ/κ)² sin²ψ)
    return 1.0 / np.sqrt(1.0 + (p["lam"] / p["kappa"]) ** 2 * np.sin(tilt) ** 2)


def _fmt(v: float, digits: int = 3) -> str:
    return "n/a" if not np.isfinite(v) else f"{v:.{digits}g}"


def study_table(p: dict = STUDY, tilts=TILTS) -> tuple[str, dict]:
    """The error table as T⊥ grows; returns (markdown, {tilt: full comparison})."""
    runs = {psi: compare(T_perp=torque_for_tilt(psi, p), **p, full=True) for psi in tilts}
    lines = ["| ψ* | T⊥ | ξ0 err [0,5]τ | ξ0 err [0.5,5]τ | V err | X err | V_zm err | X_zm err | "
             "τ_fit/τ_DW | ξ0_fit/ξ0* | V_fit/V* | Walker Δ/λ | V(0⁺) ratio | E_sw wall | "
             "E_sw domains/λ |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    if any("err_xi0_nl" in r for r in runs.values()):  # against numeric.nonlinear_relaxation
        head, rule = lines
        cut = head.index("τ_fit")
        lines = [head[:cut] + "ξ0 err (nonlinear) | V err (nonlinear) | X err (nonlinear) | "
                 + head[cut:], rule + "---|---|---|"]
    for psi, r in runs.items():
        tilt_sim = abs(r["xi0"][-1]) * np.sqrt(p["a"] / (2 * p["lam"]))
        lines.append(
            f"| {psi:g} | {torque_for_tilt(psi, p):.3g} | {r['err_xi0']:.2%} | "
            f"{r['err_xi0_late']:.2%} | {r['err_V']:.1%} | {r['err_X']:.1%} | "
            f"{r['err_V_zm']:.2%} | {r['err_X_zm']:.2%} | "
            + (f"{r['err_xi0_nl']:.2%} | {r['err_V_nl']:.1%} | {r['err_X_nl']:.1%} | "
               if "err_xi0_nl" in r else "") +
            f"{_fmt(r['tau_ratio'])} | {_fmt(r['xi0_ratio'])} | {_fmt(r['v_ratio'])} | "
            f"{_walker_width(tilt_sim, p):.3f} | {r['v0_ratio']:.4f} | {r['e_wall']:.3f} | "
            f"{r['e_domains']:.3f} |")
    return "\n".join(lines), runs


def s_par_table(p: dict = STUDY, psi: float = 0.01, fractions=(-0.2, 0.1, 0.5)) -> str:
    """The longitudinal accumulation S∥ switched on with T⊥: J_sd S∥ as a fraction of a³JS/κ².

    Last two columns: δ = X - X_zm at 5τ_DW, the offset of the zero of n_x (where ⟨s⟩ is
    centred) from the zero mode, and 1 - 2 s̄_x δ/(λT⊥), the terminal velocity that the force
    of the s̄_x field on the displaced zero mode leaves (README derives it).
    """
    K0 = p["a"] ** 3 * p["J"] * p["S"] / p["kappa"] ** 2
    lines = ["| J_sd S∥ / (a³JS/κ²) | ξ0 err [0,5]τ | V_zm err | τ_fit/τ_DW | ξ0_fit/ξ0* | "
             "V_fit/V* | δ/λ | 1 − 2s̄_xδ/(λT⊥) |", "|---|---|---|---|---|---|---|---|"]
    for frac in fractions:
        q = {**p, "S_par": frac * K0 / p["J_sd"]}
        T = torque_for_tilt(psi, q)
        r = compare(T_perp=T, **q, full=True)
        delta = r["trajectory"].X[-1] - r["trajectory"].X_zm[-1]
        s_x = q["S_par"] / q["a"]  # S∥ = a s̄_x
        lines.append(f"| {frac:g} | {r['err_xi0']:.2%} | {r['err_V_zm']:.2%} | "
                     f"{_fmt(r['tau_ratio'], 4)} | {_fmt(r['xi0_ratio'], 4)} | "
                     f"{_fmt(r['v_ratio'], 4)} | {delta / q['lam']:.2e} | "
                     f"{1 - 2 * s_x * delta / (q['lam'] * T):.4f} |")
    return "\n".join(lines)


def convergence_tables(p: dict = STUDY, psi: float = 0.01) -> str:
    """Discretisation (a/λ at fixed λ, κ) and chain length (N) at tilt ``psi``."""
    lines = ["| λ/a | N | ξ0 err [0,5]τ | τ_fit/τ_DW | ξ0_fit/ξ0* | V_fit/V* | V(0⁺) ratio |",
             "|---|---|---|---|---|---|---|"]
    for ratio in (6, 8, 12, 16, 24):
        q = {**p, "a": p["lam"] / ratio}
        r = compare(T_perp=torque_for_tilt(psi, q), **q)
        lines.append(f"| {ratio} | {int(r['n_sites'])} | {r['err_xi0']:.3%} | "
                     f"{r['tau_ratio']:.5f} | {r['xi0_ratio']:.5f} | {r['v_ratio']:.5f} | "
                     f"{r['v0_ratio']:.5f} |")
    T = torque_for_tilt(psi, p)
    base = llg.default_sites(**p, T_perp=T, t_max=5 * numeric.tau_dw(
        **{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")}))
    sizes = (base // 2 // 2 * 2, base, 2 * base)
    results = {n: compare(T_perp=T, **p, n_sites=n, full=True) for n in sizes}
    ref = results[sizes[-1]]
    lines += ["", "| N | chain / λ | max \\|ΔX\\| / X(5τ) | max \\|Δξ0\\| / \\|ξ0*\\| | "
              "max \\|ΔV\\| / \\|V*\\| | E_sw domains/λ |", "|---|---|---|---|---|---|"]
    v_star = abs(numeric.v_star_from_torque(T_perp=T, alpha=p["alpha"], lam=p["lam"],
                                            J_sd=p["J_sd"]))
    for n, r in results.items():
        lines.append(
            f"| {n} | {n * p['a'] / p['lam']:.0f} | "
            f"{np.max(np.abs(r['X'] - ref['X'])) / abs(ref['X_cc'][-1]):.1e} | "
            f"{np.max(np.abs(r['xi0'] - ref['xi0'])) / abs(ref['xi0_cc'][-1]):.1e} | "
            f"{np.max(np.abs(r['V'] - ref['V'])) / v_star:.1e} | {r['e_domains']:.4f} |")
    return "\n".join(lines)


def sweep_summary(ds) -> str:
    """A markdown digest of the dask error map: worst ξ0, V, X errors per (α, κ/λ)."""
    lines = ["| α | κ/λ | T⊥ | ψ* | ξ0 err | V err | X err | V_zm err | X_zm err | V_fit/V* | "
             "V(0⁺) ratio |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for alpha in ds.alpha.values:
        for kl in ds.kappa_over_lam.values:
            for T in ds.T_perp.values:
                r = ds.sel(alpha=alpha, kappa_over_lam=kl, T_perp=T)
                lines.append(f"| {alpha:g} | {kl:g} | {T:g} | {float(r.tilt):.3g} | "
                             f"{float(r.err_xi0):.2%} | {float(r.err_V):.1%} | "
                             f"{float(r.err_X):.1%} | {float(r.err_V_zm):.2%} | "
                             f"{float(r.err_X_zm):.2%} | {_fmt(float(r.v_ratio))} | "
                             f"{_fmt(float(r.v0_ratio), 4)} |")
    return "\n".join(lines)


def figure(runs: dict, p: dict, path) -> None:
    """ξ0, V, X of the chain (lines) against numeric.relaxation (dashed) for some tilts."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    fig, axes = plt.subplots(1, 4, figsize=(16, 3.8))
    for psi, r in runs.items():
        if psi not in (0.01, 0.1, 0.3, 0.6):
            continue
        s = r["t"] / tau
        xs = numeric.xi0_star(T_perp=torque_for_tilt(psi, p), **p)
        vs = numeric.v_star_from_torque(T_perp=torque_for_tilt(psi, p), alpha=p["alpha"],
                                        lam=p["lam"], J_sd=p["J_sd"])
        line, = axes[0].plot(s, r["xi0"] / xs, label=f"ψ* = {psi:g}")
        axes[0].plot(s, r["xi0_cc"] / xs, "--", color=line.get_color())
        axes[1].plot(s, r["V"] / vs, color=line.get_color())
        axes[1].plot(s, r["V_cc"] / vs, "--", color=line.get_color())
        axes[2].plot(s, r["X"] / p["lam"], color=line.get_color())
        axes[2].plot(s, r["X_cc"] / p["lam"], "--", color=line.get_color())
        traj = r["trajectory"]
        c = traj.chain
        nz = traj.n[-1][2]
        axes[3].plot((c.x - traj.X[-1]) / p["lam"], nz / nz[np.argmax(np.abs(nz))],
                     color=line.get_color())
    axes[3].plot(np.linspace(-8, 8, 200), 1 / np.cosh(np.linspace(-8, 8, 200)), "k:",
                 label="sech, the shape of Φ0 (Eq. 6)")
    axes[3].set_xlim(-8, 8)
    for ax, title in zip(axes, ("ξ0 / ξ0* (Eq. 15)", "V / V*", "X / λ",
                                "n_z / its peak at 5τ_DW")):
        ax.set_title(title)
        ax.set_xlabel("t / τ_DW" if ax is not axes[3] else "(x - X)/λ")
    axes[0].legend(fontsize=8)
    axes[3].legend(fontsize=8)
    fig.suptitle("Full LLG chain (solid) against the collective coordinates, numeric.relaxation "
                 f"(dashed): λ = {p['lam'] / p['a']:g}a, κ = λ/{p['lam'] / p['kappa']:g}, "
                 f"α = {p['alpha']:g}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None) -> int:
    import argparse
    import pathlib
    import time
    parser = argparse.ArgumentParser(description="The full chain against the collective "
                                                 "coordinates: tables and figure of README.")
    parser.add_argument("--readme", type=pathlib.Path, default=None,
                        help="write the tables between <!-- llg:start --> and <!-- llg:end -->")
    parser.add_argument("--figure", type=pathlib.Path, default=None, help="PNG to write")
    parser.add_argument("--no-sweep", action="store_true", help="skip the dask error map")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    p = STUDY
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    v_unit = numeric.v_star_from_torque(T_perp=1.0, alpha=p["alpha"], lam=p["lam"], J_sd=p["J_sd"])
    header = (f"Parameters: a = {p['a']:g} m, λ = {p['lam'] / p['a']:g}a, κ = λ/"
              f"{p['lam'] / p['kappa']:g}, α = {p['alpha']:g}, J = J_sd = {p['J']:g} J, S = 1, "
              f"S∥ = 0; τ_DW = {tau:.4g} s (Eq. 16), V* = {v_unit:.4g}·T⊥ m/s; solve_ivp "
              f"{llg.METHOD}, rtol {llg.RTOL:g}, atol {llg.ATOL:g}; chain ±20λ beyond the wall.")
    table, runs = study_table(p)
    parts = [header, "", table, "", convergence_tables(p), "", s_par_table(p)]
    if not args.no_sweep:
        from . import sweep
        ds = sweep.error_map(T_perp=(1e-4, 1e-3), alpha=(0.05, 0.2), kappa_over_lam=(0.25, 1.0),
                             progress=True)
        parts += ["", sweep_summary(ds)]
    parts += ["", f"*Generated by `python -m numeric.llg.comparison` in "
                  f"{time.perf_counter() - start:.0f} s.*"]
    text = "\n".join(parts)
    print(text)
    if args.figure is not None:
        figure(runs, p, args.figure)
        print(f"wrote {args.figure}")
    if args.readme is not None:
        readme = args.readme.read_text()
        head, rest = readme.split("<!-- llg:start -->\n", 1)
        _, tail = rest.split("<!-- llg:end -->", 1)
        args.readme.write_text(f"{head}<!-- llg:start -->\n{text}\n<!-- llg:end -->{tail}")
        print(f"wrote {args.readme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
