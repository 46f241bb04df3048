"""Where the letter's theory holds: the numbers and figures of README's section of that name.

    python -m opza.studies.holds                 # print every number the README quotes
    python -m opza.studies.holds --figures DIR   # also write nonlinear.png and beyond_born.png

"The letter's numbers": λ = 10 nm, α = 0.01, j = 10¹¹ A/m², j0 = 10¹⁶ A/m² (text below
Eq. 21), T = 300 K, µ = ε0 and S = 1 (the assumptions of :mod:`derivation.estimate`), one S
in the wall and in the torque; the wall parameters the letter does not give are permalloy's a, κ
and exchange stiffness A, J = 2aA/S² (:mod:`derivation.audit.validity`), and J_sd = k_BT unless a
ratio J_sd S/k_BT is scanned.
"""
from __future__ import annotations

import argparse
import math
import pathlib
import sys

__all__ = ["letter_wall", "nonlinear_numbers", "beyond_born_numbers", "born_factor_spread",
           "materials_born_factors", "delta_k_numbers", "nonlinear_figure", "beyond_born_figure",
           "main", "COUPLINGS", "WIDTHS"]

T_ROOM = 300.0


def letter_wall() -> dict:
    """Wall parameters: the letter's λ and α, S = 1 (the estimate's), permalloy's a, κ and exchange
    stiffness A (so J = 2aA/S²), J_sd = k_BT, S∥ = 0.

    One spin length in the wall and in the torque: the torques of this module take ``S`` from here.
    """
    import numeric
    from derivation.audit.letter import ESTIMATE
    from derivation.audit.validity import materials, model_parameters
    from derivation.estimate import ASSUMPTIONS
    from derivation.symbols import S
    p = model_parameters(materials()["permalloy"])
    spin = float(ASSUMPTIONS[S])
    stiffness_j = p["J"] * p["S"] ** 2  # J S² = 2aA: permalloy's exchange stiffness, kept
    return {"alpha": float(ESTIMATE["alpha"]), "a": p["a"], "lam": float(ESTIMATE["lam"]),
            "kappa": p["kappa"], "J": stiffness_j / spin ** 2, "S": spin,
            "J_sd": numeric.K_B * T_ROOM, "S_par": 0.0}


def nonlinear_numbers() -> dict:
    """The ansatz-limit torque, the letter's T⊥ against it, and V, tilt there (linear vs exact)."""
    import numeric
    from derivation.audit.letter import ESTIMATE
    wall = letter_wall()
    limit = numeric.ansatz_limit_torque(**wall)
    T_letter = numeric.torque_perp(j=float(ESTIMATE["j"]), j0=float(ESTIMATE["j0"]), T=T_ROOM,
                                   mu=1e-19, eps0=1e-19, J_sd=wall["J_sd"], S=wall["S"])
    scale = float(numeric.tilt(1.0, a=wall["a"], lam=wall["lam"]))  # Φ0(0): the tilt is |ξ0|Φ0(0)
    out = {"T_limit": limit, "T_letter": T_letter, "T_letter/T_limit": T_letter / limit}
    for label, T_perp in (("at_limit", limit), ("at_letter", T_letter)):
        xi, V = numeric.stationary_state(T_perp=T_perp, **wall)
        xi_lin = numeric.xi0_star(T_perp=T_perp, **wall)
        V_lin = numeric.v_star_from_torque(T_perp=T_perp, alpha=wall["alpha"], lam=wall["lam"],
                                           J_sd=wall["J_sd"])
        out[label] = {"tilt": abs(xi) * scale, "tilt_linear": abs(xi_lin) * scale,
                      "V": V, "V_linear": V_lin, "V/V_linear": V / V_lin}
    return out


COUPLINGS = (0.01, 0.1, 1.0, 10.0)  # J_sd S/k_BT of README's beyond-Born table
WIDTHS = (0.01, 0.1, 1.0)            # η/k_BT = ħ/(τ_el k_BT)


def beyond_born_numbers(couplings=COUPLINGS, widths=WIDTHS, relaxation="distributions") -> dict:
    """T⊥(beyond Born)/T⊥(Eq. 20) at half filling, for J_sd S/k_BT and η/k_BT = ħ/(τ_el k_BT).

    ``relaxation`` picks the model of :mod:`derivation.electrons.beyond_born` (``MODELS``).
    Only the product J_sd S enters; S = 1 and J_sd = (J_sd S/k_BT)·k_BT.
    """
    import numeric
    kT = numeric.K_B * T_ROOM
    e = dict(j=1e11, j0=1e16, T=T_ROOM, mu=1e-19, eps0=1e-19, S=1.0)
    return {(r, w): numeric.torque_perp_beyond_born(**e, J_sd=r * kT, tau_el=numeric.HBAR / (w * kT),
                                                    relaxation=relaxation)
            / numeric.torque_perp(**e, J_sd=r * kT) for r in couplings for w in widths}


def born_factor_spread(couplings=COUPLINGS, widths=WIDTHS) -> dict:
    """The Born factor T⊥/T⊥(20) in both relaxation models and their spread, the model uncertainty.

    {(J_sd S/k_BT, η/k_BT): {"distributions": r_K, "equilibrium": r_E, "narrow_limit":
    η/√(η² + (J_sd S)²), "spread": max/min − 1}} at half filling (the table of
    :func:`beyond_born_numbers`).  The narrow-limit formula is the limit of both models for
    η, J_sd S ≪ k_BT; it is listed at every point and is not the factor where that fails.
    """
    from derivation.electrons.beyond_born import MODELS
    by_model = {m: beyond_born_numbers(couplings, widths, m) for m in MODELS}
    out = {}
    for r in couplings:
        for w in widths:
            values = {m: by_model[m][(r, w)] for m in MODELS}
            out[(r, w)] = {**values, "narrow_limit": w / math.hypot(w, r),
                           "spread": max(values.values()) / min(values.values()) - 1}
    return out


def materials_born_factors(*, j: float = 1e11, T: float = T_ROOM) -> dict:
    """Per bundled material: :func:`derivation.audit.validity.born_factors` (both models, spread,
    narrow limit where it applies, the finite-η-only factor) at current j and temperature T."""
    from derivation.audit.validity import born_factors, materials, model_parameters
    return {key: born_factors(model_parameters(m), j=j, T=T) for key, m in materials().items()}


def delta_k_numbers() -> dict:
    """T⊥ at a wall's own gauge field δk = 1/(2λ) (the peak of |Â_z|) over T⊥ at δk = π/2a."""
    import numeric
    wall = letter_wall()
    a, lam = wall["a"], wall["lam"]
    eps0 = numeric.eps0(a=a, m_eff=9.1093837015e-31)
    e = dict(j=1e11, j0=1e16, T=T_ROOM, mu=eps0, eps0=eps0, J_sd=wall["J_sd"], S=wall["S"])
    wall_field = numeric.torque_perp_delta_k(**e, delta_k=1 / (2 * lam), a=a)
    letter = numeric.torque_perp_delta_k(**e, delta_k=math.pi / (2 * a), a=a)
    return {"a": a, "lam": lam, "eps0": eps0, "eps0/kT": eps0 / (numeric.K_B * T_ROOM),
            "T_wall": wall_field, "T_letter": letter, "ratio": wall_field / letter}


def nonlinear_figure(path: pathlib.Path) -> pathlib.Path:
    """Stationary V and max|ξ0Φ0| against T⊥/T_limit: exact x-integrals vs the letter's linear theory."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    import numeric
    wall = letter_wall()
    limit = numeric.ansatz_limit_torque(**wall)
    scale = float(numeric.tilt(1.0, a=wall["a"], lam=wall["lam"]))  # Φ0(0): the tilt is |ξ0|Φ0(0)
    ratios = np.logspace(-2, 2, 60)
    exact = [numeric.stationary_state(T_perp=r * limit, **wall) for r in ratios]
    V = np.array([v for _, v in exact])
    tilt = np.array([abs(x) * scale for x, _ in exact])
    V_lin = np.array([numeric.v_star_from_torque(T_perp=r * limit, alpha=wall["alpha"],
                                                 lam=wall["lam"], J_sd=wall["J_sd"]) for r in ratios])
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
    left.loglog(ratios, np.abs(V), label="exact x-integrals")
    left.loglog(ratios, np.abs(V_lin), "--", label="letter (15), linear")
    left.set_xlabel(r"$T_\perp / T_\perp^{\rm limit}$")
    left.set_ylabel(r"$|\bar V|$ [m/s] (stationary)")
    right.semilogx(ratios, tilt, label="exact x-integrals")
    linear_tilt = np.array([abs(numeric.xi0_star(T_perp=r * limit, **wall)) * scale for r in ratios])
    right.semilogx(ratios, linear_tilt, "--", label="letter (15), linear")
    right.axhline(np.pi / 2, color="k", lw=0.8, label=r"$\pi/2$: the ansatz ends")
    right.set_ylim(0, 3)
    right.set_xlabel(r"$T_\perp / T_\perp^{\rm limit}$")
    right.set_ylabel(r"max$|\xi_0\Phi_0|$")
    for ax in (left, right):
        ax.axvline(1.0, color="grey", lw=0.8)
        ax.legend(fontsize=8)
    fig.suptitle("The letter's ansatz with exact x-integrals: a stationary state for every T⊥ "
                 "(a property of the ansatz; the spin chain has none beyond ψ* ≈ 0.6)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def beyond_born_figure(path: pathlib.Path) -> pathlib.Path:
    """T⊥(beyond Born)/T⊥(20) against J_sd S/k_BT for three η/k_BT, both relaxation models."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    couplings = np.logspace(-3, 1.5, 40)
    fig, ax = plt.subplots(figsize=(5, 3.6))
    for width, colour in zip((0.01, 0.1, 1.0), ("C0", "C1", "C2")):
        for relaxation, style in (("distributions", "-"), ("equilibrium", "--")):
            ratios = beyond_born_numbers(tuple(couplings), (width,), relaxation)
            label = rf"$\hbar/\tau_{{el}}k_BT = {width:g}$" if relaxation == "distributions" else None
            ax.semilogx(couplings, [ratios[(r, width)] for r in couplings], style, color=colour,
                        label=label)
    ax.axhline(1.0, color="grey", lw=0.8)
    ax.set_xlabel(r"$J_{sd}S/k_BT$")
    ax.set_ylabel(r"$T_\perp/T_\perp^{(20)}$ (Born factor)")
    ax.set_title("T⊥ beyond Born (half filling), two relaxation models:\n"
                 "towards Eq. (4)'s distributions (solid), towards f0(h_k) (dashed)", fontsize=8)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m opza.studies.holds", description=__doc__.split("\n")[0])
    parser.add_argument("--figures", type=pathlib.Path, metavar="DIR", help="write the PNGs into DIR")
    parser.add_argument("--verdicts", action="store_true",
                        help="also print the verdicts on (15)-(17) as limits (about 40 s)")
    args = parser.parse_args(argv)
    nl = nonlinear_numbers()
    print(f"ansatz-limit torque T_limit = {nl['T_limit']:.4g}; the letter's T_perp = "
          f"{nl['T_letter']:.4g} = {nl['T_letter/T_limit']:.3g} T_limit")
    for label in ("at_limit", "at_letter"):
        d = nl[label]
        print(f"{label}: tilt {d['tilt']:.4g} (linear {d['tilt_linear']:.4g}), V = {d['V']:.4g} m/s "
              f"(linear {d['V_linear']:.4g}, ratio {d['V/V_linear']:.4g})")
    print("Born factor T_perp/T_perp(Eq. 20) at half filling, two relaxation models "
          "[J_sd S/k_BT, hbar/(tau_el k_BT)]: towards Eq. (4) | towards f0(h_k) | spread | "
          "narrow-limit formula")
    for (r, w), row in born_factor_spread().items():
        print(f"  {r:g}, {w:g}: {row['distributions']:.4g} | {row['equilibrium']:.4g} | "
              f"{row['spread']:.3g} | {row['narrow_limit']:.4g}")
    print("per material (j = 1e11 A/m^2, 300 K): distributions | equilibrium | spread | "
          "eta/k_BT, J_sd S/k_BT")
    for key, f in materials_born_factors().items():
        print(f"  {key}: {f['distributions']['factor']:.4g} | {f['equilibrium']['factor']:.4g} | "
              f"{f['spread']:.3g} | {f['eta_over_kT']:.3g}, {f['coupling_over_kT']:.3g}")
    dk = delta_k_numbers()
    print(f"delta_k = 1/(2 lambda) vs pi/(2a) at mu = eps0 = {dk['eps0/kT']:.4g} k_BT "
          f"(a = {dk['a']:.4g} m, m* = m_e): T_perp ratio = {dk['ratio']:.4g}")
    if args.verdicts:
        from derivation.wall.nonlinear import verdicts
        for v in verdicts():
            print(f"({v.eq}) {v.quantity}: {v.status}; {v.note[:160]}")
    if args.figures is not None:
        args.figures.mkdir(parents=True, exist_ok=True)
        for path in (nonlinear_figure(args.figures / "nonlinear.png"),
                     beyond_born_figure(args.figures / "beyond_born.png")):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
