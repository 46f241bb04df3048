"""Figures of the letter's Fig. 2 and of the relaxation, every number from :mod:`numeric`.

:func:`make_figures` writes four PNGs:

* ``fig2a_profiles.png`` — ϕ(x, t) = ϕ0(x - X(t)) and θ(x, t) = π/2 + ξ0(t)Φ0(x - X(t))
  during the relaxation (the letter's Fig. 2(a)); θ = arccos of ``numeric.nz_profile``;
* ``fig2b_linear_in_j.png`` — ξ0* and V* against j (Fig. 2(b)), no threshold;
* ``relaxation.png`` — ξ0(t), V(t) of the exact solution of (12a)-(12b) for α = 10⁻² and
  α = 0.3: V(0⁺) = V*α²/(1 + α²) ≠ 0, where the printed Eq. (14) has V(0) = 0; and the same
  with the ⟨s_z⟩ term Eq. (10) drops (S_z of the letter's electron model, :func:`s_z`);
* ``vstar_mu_T.png`` — V* of Eq. (21) as derived against µ around ε0, for several T.

The data behind each figure come from a function returning a dict of arrays
(:func:`profiles`, :func:`linear_in_j`, :func:`relaxation`, :func:`vstar_mu_T`), so that
tests and notebooks see exactly what is plotted.  No formula of the letter is typed
here; the static profile ϕ0(x) is ``numeric.wall_angle``, generated from the model.
"""
from __future__ import annotations

import contextlib
import pathlib

import numpy as np

import numeric

__all__ = ["PARAMETERS", "UNITS", "parameters", "s_z", "wall", "tau_dw", "profiles", "linear_in_j", "relaxation", "vstar_mu_T",
           "plot_fig2a", "plot_fig2b", "plot_relaxation", "plot_vstar_mu_T", "make_figures"]

_M_E = 9.1093837015e-31  # kg, electron mass (CODATA 2018)

PARAMETERS: dict[str, float] = {
    # -- the letter's values (text below Eq. 21)
    # (and µ = ε0, half filling: the sech² of Eq. 21 at its maximum)
    "lam": 1e-8,        # m, wall width λ
    "alpha": 1e-2,      # Gilbert damping
    "j": 1e11,          # A/m², current density
    "j0": 1e16,         # A/m², current scale; numeric.j0 gives it for n ≈ 1.27e29 m⁻³
    # -- our choices: the letter gives none of these
    "a": 3e-10,         # m, lattice constant of a transition metal
    "kappa": 5e-9,      # m, hard-axis length √(J/K⊥) < λ: the hard axis is the stronger one
    "J": 1.4e-20,       # J, exchange, J S² ≈ k_B·1000 K (a Curie temperature)
    "S": 1.0,           # spin length; S = 1 makes the derived (20)-(21) equal to the printed ones
    "T": 300.0,         # K, room temperature
    "J_sd": numeric.K_B * 300.0,  # J, J_sd = k_B·300 K, the unit of the letter's estimate
    "S_par": 0.0,       # m, S∥ dropped (J_sd S∥ ≪ a³JS/κ², as in the ≃ of Eqs. 15-16)
    "m_eff": _M_E,      # kg, effective mass = electron mass, fixes ε0 = numeric.eps0(a, m*)
    "alpha_large": 0.3,  # Gilbert damping of the second relaxation panel: V(0⁺) visible
}


# the SI unit of each parameter: that of the kernels' argument of the same name
UNITS: dict[str, str] = {
    name: next(units[arg] for units in numeric.kernels.UNITS.values() if arg in units)
    for name, arg in ((name, name.removesuffix("_large")) for name in PARAMETERS)}


def _eps0(p: dict) -> float:
    return numeric.eps0(a=p["a"], m_eff=p["m_eff"])


def s_z(j=None) -> float:
    """S_z = ∫dx Φ0⟨s_z⟩ [m] of the letter's electron model at half filling (``numeric.s_z``):
    the coupling of the term Eq. (10) drops."""
    p = PARAMETERS
    eps0 = _eps0(p)
    return numeric.s_z(j=p["j"] if j is None else j, j0=p["j0"], T=p["T"], mu=eps0, eps0=eps0,
                       a=p["a"], lam=p["lam"])


def wall(alpha: float | None = None, j=None, keep_sz: bool = False) -> dict:
    """Keyword arguments of ``numeric.relaxation``, ``xi0_star`` and ``nz_profile``.

    T⊥ is ``numeric.torque_perp`` at half filling (µ = ε0) for the current ``j``
    (default ``PARAMETERS["j"]``; an array gives an array of T⊥).  ``keep_sz``: with the
    ⟨s_z⟩ term Eq. (10) drops, S_z from :func:`s_z` at the same current (else S_z = 0, the letter).
    """
    p = PARAMETERS
    eps0 = _eps0(p)
    torque = numeric.torque_perp(j=p["j"] if j is None else j, j0=p["j0"], T=p["T"], mu=eps0,
                                 eps0=eps0, J_sd=p["J_sd"], S=p["S"])
    return {"T_perp": torque, "alpha": p["alpha"] if alpha is None else alpha,
            **{k: p[k] for k in ("a", "lam", "kappa", "J", "S", "J_sd", "S_par")},
            "S_z": s_z(j) if keep_sz else 0.0}


def tau_dw(alpha: float | None = None) -> float:
    """τ_DW [s] of :func:`wall` (``numeric.tau_dw``)."""
    w = wall(alpha)
    return numeric.tau_dw(**{k: w[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd", "S_par")})


def relaxation(alpha: float | None = None, t_max: float = 5.0, n: int = 801) -> dict:
    """ξ0(t), V(t), X(t) from rest at t = 0 for t/τ_DW ∈ [0, t_max], and ξ0*, V*."""
    w, tau = wall(alpha), tau_dw(alpha)
    t = np.linspace(0.0, t_max, n) * tau
    xi0, V, X = numeric.relaxation(t, **w)
    with_sz = wall(alpha, keep_sz=True)
    xi0_sz, V_sz, X_sz = numeric.relaxation(t, **with_sz)
    return {"t": t, "tau_dw": tau, "xi0": xi0, "V": V, "X": X, "alpha": w["alpha"],
            "xi0_star": numeric.xi0_star(**w), "S_z": with_sz["S_z"],
            "xi0_sz": xi0_sz, "V_sz": V_sz, "X_sz": X_sz, "xi0_star_sz": numeric.xi0_star(**with_sz),
            "v_star": numeric.v_star_from_torque(T_perp=w["T_perp"], alpha=w["alpha"],
                                                 lam=w["lam"], J_sd=w["J_sd"])}


def profiles(times: tuple[float, ...] = (0.0, 0.5, 1.0, 2.0, 3.0), n: int = 601) -> dict:
    """ϕ(x, t) and θ(x, t) of the ansatz (7)-(8) at t/τ_DW in ``times``, x ∈ [-8λ, 5λ]."""
    w, tau = wall(), tau_dw()
    lam = w["lam"]
    x = np.linspace(-8.0, 5.0, n) * lam
    t = np.asarray(times) * tau
    _, _, X = numeric.relaxation(t, **w)
    phi = numeric.wall_angle(x[None, :] - X[:, None], lam=lam)  # ϕ0(x - X), the static wall
    theta = np.arccos(numeric.nz_profile(x[None, :], t[:, None], **w))
    return {"x": x, "t": t, "tau_dw": tau, "X": X, "phi": phi, "theta": theta}


def linear_in_j(j_max: float = 2e11, n: int = 41) -> dict:
    """ξ0* and V* against the current density j ∈ [-j_max, j_max] (Fig. 2(b))."""
    p = PARAMETERS
    eps0 = _eps0(p)
    j = np.linspace(-j_max, j_max, n)
    w = wall(j=j)
    v = numeric.v_star(j=j, j0=p["j0"], T=p["T"], mu=eps0, eps0=eps0, alpha=p["alpha"],
                       lam=p["lam"], J_sd=p["J_sd"], S=p["S"])
    return {"j": j, "T_perp": w["T_perp"], "xi0_star": numeric.xi0_star(**w), "v_star": v}


def vstar_mu_T(temperatures: tuple[float, ...] = (77.0, 150.0, 300.0, 600.0),
               window: float = 0.25, n: int = 401) -> dict:
    """V* of Eq. (21) as derived against µ - ε0 ∈ [-window, window] eV, J_sd fixed."""
    p = PARAMETERS
    eps0 = _eps0(p)
    mu = eps0 + np.linspace(-window, window, n) * numeric.E_CHARGE
    curves = {T: numeric.v_star(j=p["j"], j0=p["j0"], T=T, mu=mu, eps0=eps0, alpha=p["alpha"],
                                lam=p["lam"], J_sd=p["J_sd"], S=p["S"]) for T in temperatures}
    return {"mu": mu, "eps0": eps0, "v_star": curves}


def _figure(rows: int, cols: int, size: tuple[float, float]):
    # a bare Figure, no pyplot: no global state; savefig picks Agg for .png
    from matplotlib.figure import Figure
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.subplots(rows, cols, squeeze=False)


def plot_fig2a(data: dict | None = None):
    """The letter's Fig. 2(a): ϕ(x, t) and θ(x, t) - π/2 during the relaxation."""
    d = profiles() if data is None else data
    fig, ((ax_phi, ax_theta),) = _figure(1, 2, (10, 4))
    lam = PARAMETERS["lam"]
    for k, t in enumerate(d["t"]):
        shift_nm = round(d["X"][k] * 1e9, 1) + 0.0  # no "-0.0"
        label = rf"$t = {t / d['tau_dw']:g}\,\tau_{{DW}}$, $X = {shift_nm:.1f}$ nm"
        ax_phi.plot(d["x"] / lam, d["phi"][k] / np.pi, color=f"C{k}", label=label)
        ax_theta.plot(d["x"] / lam, (d["theta"][k] - np.pi / 2) * 1e3, color=f"C{k}", label=label)
    ax_phi.set(xlabel=r"$x/\lambda$", ylabel=r"$\phi(x,t)/\pi$",
               title=r"in-plane angle $\phi = \phi_0[x - X(t)]$")
    ax_theta.set(xlabel=r"$x/\lambda$", ylabel=r"$\theta(x,t) - \pi/2$  [mrad]",
                 title=r"out-of-plane angle $\theta - \pi/2 = \xi_0(t)\,\Phi_0[x - X(t)]$")
    ax_phi.legend(fontsize=8)
    ax_theta.legend(fontsize=8)
    fig.suptitle("Fig. 2(a): the wall while it relaxes")
    fig.supxlabel(rf"$\lambda = {lam * 1e9:g}$ nm, $\alpha = {PARAMETERS['alpha']:g}$, "
                  r"$j = 10^{11}$ A/m², "
                  rf"$\tau_{{DW}} = {d['tau_dw'] * 1e12:.0f}$ ps; profiles of Eq. (6) with "
                  r"$X(t)$, $\xi_0(t)$ of Eq. (14)", fontsize=9)
    return fig


def plot_fig2b(data: dict | None = None):
    """The letter's Fig. 2(b): ξ0* and V* linear in j."""
    d = linear_in_j() if data is None else data
    fig, ((ax_xi, ax_v),) = _figure(1, 2, (10, 4))
    j = d["j"] / 1e11
    ax_xi.plot(j, d["xi0_star"], "o-", ms=3, color="C0")
    ax_v.plot(j, d["v_star"], "o-", ms=3, color="C3")
    ax_xi.set(xlabel=r"$j$  [$10^{11}$ A/m²]", ylabel=r"$\xi_0^*$  (dimensionless)",
              title=r"terminal out-of-plane zero mode $\xi_0^*$ (Eq. 15)")
    ax_v.set(xlabel=r"$j$  [$10^{11}$ A/m²]", ylabel=r"$V^*$  [m/s]",
             title=r"terminal velocity $V^* = \dot X(\infty)$ (Eq. 21 as derived)")
    for ax in (ax_xi, ax_v):
        ax.axhline(0, color="0.7", lw=0.8)
        ax.axvline(0, color="0.7", lw=0.8)
    fig.suptitle("Fig. 2(b): linear in $j$, no threshold")
    fig.supxlabel(rf"$\lambda = {PARAMETERS['lam'] * 1e9:g}$ nm, "
                  rf"$\alpha = {PARAMETERS['alpha']:g}$, $\mu = \varepsilon_0$, "
                  rf"$T = {PARAMETERS['T']:g}$ K, $J_{{sd}} = k_B\cdot 300$ K", fontsize=9)
    return fig


def plot_relaxation(data: tuple[dict, ...] | None = None):
    """ξ0(t) and V(t) against t/τ_DW for α = 10⁻² and α = 0.3, with the jump V(0⁺)."""
    runs = data or (relaxation(), relaxation(PARAMETERS["alpha_large"]))
    fig, axes = _figure(2, len(runs), (5.5 * len(runs), 7.5))
    for col, d in enumerate(runs):
        s = d["t"] / d["tau_dw"]
        ax_xi, ax_v = axes[0, col], axes[1, col]
        ax_xi.plot(s, d["xi0"], color="C0", label=r"$\xi_0(t)$, exact solution of (12a)-(12b)")
        ax_xi.axhline(d["xi0_star"], color="C0", ls="--",
                      label=rf"$\xi_0^* = {d['xi0_star']:.3g}$")
        ax_v.plot(s, d["V"], color="C3", label=r"$V(t) = \dot X$, exact solution of (12a)-(12b)")
        # the printed (14) has V ∝ ξ0: V*(1 - e^{-t/τ_DW}) = V* ξ0(t)/ξ0*
        ax_v.plot(s, d["v_star"] * d["xi0"] / d["xi0_star"], color="0.3", ls=":",
                  label=r"Eq. (14) as printed: $V^*(1 - e^{-t/\tau_{DW}})$")
        ax_v.axhline(d["v_star"], color="C3", ls="--", label=rf"$V^* = {d['v_star']:.3g}$ m/s")
        if "V_sz" in d:  # the ⟨s_z⟩ term (10) drops, S_z of the electron model: V(0⁺) shifts
            ax_xi.plot(s, d["xi0_sz"], color="C2", ls="-.",
                       label=r"with the $\langle s_z\rangle$ term (10) drops")
            ax_v.plot(s, d["V_sz"], color="C2", ls="-.",
                      label=rf"with the $\langle s_z\rangle$ term: $V(0^+) = {d['V_sz'][0]:.3g}$ m/s")
        v0 = d["V"][0]
        ax_v.plot([0], [v0], "o", color="C3")
        # the arrow leaves the label at its left end: it never crosses the text
        ax_v.annotate(rf"$V(0^+) = V^*\alpha^2/(1+\alpha^2) = {v0:.3g}$ m/s $\neq 0$",
                      xy=(0, v0), xytext=(1.3, v0 + 0.45 * (d["v_star"] - v0)), fontsize=9,
                      ha="left", va="center",
                      arrowprops={"arrowstyle": "->", "color": "C3", "relpos": (0.0, 0.5),
                                  "shrinkA": 2, "shrinkB": 3})
        for ax in (ax_xi, ax_v):
            ax.axvline(1.0, color="k", lw=0.8, ls="-.", label=r"$t = \tau_{DW}$")
            ax.legend(fontsize=8, loc="center right" if ax is ax_xi else "upper right")
        ax_xi.set(ylabel=r"$\xi_0(t)$  (dimensionless)",
                  title=rf"$\alpha = {d['alpha']:g}$, $\tau_{{DW}} = {d['tau_dw'] * 1e12:.3g}$ ps")
        ax_v.set(xlabel=r"$t/\tau_{DW}$", ylabel=r"$V(t)$  [m/s]")
    fig.suptitle(r"Relaxation after $T_\perp$ is switched on, Eq. (14)")
    fig.supxlabel(r"$\xi_0(0^+) = 0$ but $V$ jumps to $V^*\alpha^2/(1+\alpha^2)$; with the "
                  r"$\langle s_z\rangle$ term Eq. (10) drops ($S_z$ of the letter's electron "
                  r"model) $V(0^+)$ and $\xi_0^*$ shift, $V^*$ does not. "
                  rf"$\lambda = {PARAMETERS['lam'] * 1e9:g}$ nm, $j = 10^{{11}}$ A/m²",
                  fontsize=9)
    return fig


def plot_vstar_mu_T(data: dict | None = None):
    """V* against µ - ε0 for several temperatures, J_sd fixed (Eq. 21 as derived)."""
    d = vstar_mu_T() if data is None else data
    fig, ((ax,),) = _figure(1, 1, (7.5, 4.8))
    shift = (d["mu"] - d["eps0"]) / numeric.E_CHARGE * 1e3
    for k, (T, v) in enumerate(d["v_star"].items()):
        ax.plot(shift, v, color=f"C{k}", label=f"$T = {T:g}$ K")
    ax.axvline(0, color="0.6", lw=0.8, ls="--", label=r"$\mu = \varepsilon_0$ (half filling)")
    ax.set(xlabel=r"$\mu - \varepsilon_0$  [meV]", ylabel=r"$V^*$  [m/s]")
    ax.legend(fontsize=9, loc="lower right")
    fig.suptitle(r"$V^*$ against the chemical potential, Eq. (21)", fontsize=11)
    fig.supxlabel(r"$V^* \propto \mathrm{sech}^2[(\varepsilon_0 - \mu)/2k_BT]/T$; "
                  rf"$j = 10^{{11}}$ A/m², $J_{{sd}} = k_B\cdot 300$ K fixed, "
                  rf"$\lambda = {PARAMETERS['lam'] * 1e9:g}$ nm, "
                  rf"$\alpha = {PARAMETERS['alpha']:g}$", fontsize=9)
    return fig


_FIGURES = {"fig2a_profiles.png": plot_fig2a, "fig2b_linear_in_j.png": plot_fig2b,
            "relaxation.png": plot_relaxation, "vstar_mu_T.png": plot_vstar_mu_T}


def make_figures(out_dir: pathlib.Path, overrides: dict | None = None) -> list[pathlib.Path]:
    """Write the four PNGs into ``out_dir`` (created if needed); return their paths.

    ``overrides`` replaces entries of :data:`PARAMETERS` (SI floats) for these figures only.
    """
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with parameters(overrides or {}):
        for name, plot in _FIGURES.items():
            path = out_dir / name
            plot().savefig(path, dpi=120)
            paths.append(path)
    return paths


@contextlib.contextmanager
def parameters(overrides: dict):
    """:data:`PARAMETERS` with ``overrides`` in place, restored on exit."""
    unknown = sorted(set(overrides) - set(PARAMETERS))
    if unknown:
        raise ValueError(f"figures have no parameter {unknown[0]!r}")
    saved = dict(PARAMETERS)
    PARAMETERS.update({k: float(v) for k, v in overrides.items()})
    try:
        yield PARAMETERS
    finally:
        PARAMETERS.clear()
        PARAMETERS.update(saved)
