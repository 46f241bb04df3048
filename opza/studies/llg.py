"""The full spin chain against the collective coordinates: README's tables and figure.

    python -m opza.studies.llg [--figure docs/llg_comparison.png] [--no-sweep]

Each row is one :func:`numeric.llg.comparison.compare` (a full LLG simulation against
:func:`numeric.relaxation`); the last table is the dask error map of :mod:`numeric.llg.sweep`.
README's copy, between its ``<!-- llg:start -->`` and ``<!-- llg:end -->`` markers, is written by
``python -m opza.readme llg``.
"""
from __future__ import annotations

import numpy as np

import numeric
from numeric import llg
from numeric.llg.comparison import compare

__all__ = ["STUDY", "TILTS", "torque_for_tilt", "study_table", "s_par_table", "convergence_tables",
           "sweep_summary", "figure", "main"]


STUDY = dict(alpha=0.1, a=2.5e-10, lam=4e-9, kappa=2e-9, J=1.6e-21, S=1.0, J_sd=1.6e-21,
             S_par=0.0)
TILTS = (0.01, 0.03, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)


def torque_for_tilt(psi: float, p: dict) -> float:
    """T⊥ > 0 whose terminal tilt of the wall centre |ξ0*|Φ0(0) (Eq. 15) is ``psi``."""
    return psi / numeric.psi_star(T_perp=1.0, **{k: v for k, v in p.items() if k != "T_perp"})


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
        tilt_sim = abs(numeric.tilt(r["xi0"][-1], a=p["a"], lam=p["lam"]))
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
                     f"{_fmt(r['tau_ratio'], 6)} | {_fmt(r['xi0_ratio'], 6)} | "
                     f"{_fmt(r['v_ratio'], 6)} | {r['v0_ratio']:.5f} |")
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


def text(*, sweep: bool = True, figure_path=None) -> str:
    """README's section: the parameters, the tables (with the dask error map unless ``sweep`` is
    False) and the time it took; the figure to ``figure_path`` when given."""
    import time
    start = time.perf_counter()
    p = STUDY
    tau = numeric.tau_dw(**{k: p[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})
    v_unit = numeric.v_star_from_torque(T_perp=1.0, alpha=p["alpha"], lam=p["lam"], J_sd=p["J_sd"])
    header = (f"Parameters: a = {p['a']:g} m, λ = {p['lam'] / p['a']:g}a, κ = λ/"
              f"{p['lam'] / p['kappa']:g}, α = {p['alpha']:g}, J = J_sd = {p['J']:g} J, S = 1, "
              f"S∥ = 0; τ_DW = {tau:.4g} s (Eq. 16), V* = {v_unit:.4g}·T⊥ m/s; "
              f"{llg.dynamics.integrator_name()}, rtol {llg.RTOL:g}, atol {llg.ATOL:g}; chain "
              f"±20λ beyond the wall.")
    table, runs = study_table(p)
    parts = [header, "", table, "", convergence_tables(p), "", s_par_table(p)]
    if sweep:
        from numeric.llg import sweep as dask_sweep
        ds = dask_sweep.error_map(T_perp=(1e-4, 1e-3), alpha=(0.05, 0.2),
                                  kappa_over_lam=(0.25, 1.0), progress=True)
        parts += ["", sweep_summary(ds)]
    if figure_path is not None:
        figure(runs, p, figure_path)
    parts += ["", f"*Generated by `python -m opza.readme llg` in "
                  f"{time.perf_counter() - start:.0f} s.*"]
    return "\n".join(parts)


def main(argv=None) -> int:
    """Print the section (README's copy: ``python -m opza.readme llg``)."""
    import argparse
    import pathlib
    parser = argparse.ArgumentParser(description="The full chain against the collective "
                                                 "coordinates: tables and figure of README.")
    parser.add_argument("--figure", type=pathlib.Path, default=None, help="PNG to write")
    parser.add_argument("--no-sweep", action="store_true", help="skip the dask error map")
    args = parser.parse_args(argv)
    print(text(sweep=not args.no_sweep, figure_path=args.figure))
    if args.figure is not None:
        print(f"wrote {args.figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
