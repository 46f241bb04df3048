"""Where the letter's theory holds: the numbers and figures of README's section of that name.

    python -m opza.studies.holds                 # print every number the README quotes
    python -m opza.studies.holds --figures DIR   # also write nonlinear.png and beyond_born.png

"The letter's numbers": λ = 10 nm, α = 0.01, j = 10¹¹ A/m², j0 = 10¹⁶ A/m² (text below
Eq. 21), T = 300 K, µ = ε0 and S = 1 (the assumptions of :mod:`derivation.estimate`); the
wall parameters the letter does not give (a, J, κ, S) are permalloy's
(:mod:`derivation.audit.validity`), and J_sd = k_BT unless a ratio J_sd S/k_BT is scanned.
"""
from __future__ import annotations

import argparse
import math
import pathlib
import sys

__all__ = ["letter_wall", "nonlinear_numbers", "beyond_born_numbers", "delta_k_numbers",
           "nonlinear_figure", "beyond_born_figure", "main"]

T_ROOM = 300.0


def letter_wall() -> dict:
    """Wall parameters: the letter's λ and α, permalloy's a, J, κ, S, J_sd = k_BT, S∥ = 0."""
    import numeric
    from derivation.audit.letter import ESTIMATE
    from derivation.audit.validity import materials, model_parameters
    p = model_parameters(materials()["permalloy"])
    return {"alpha": float(ESTIMATE["alpha"]), "a": p["a"], "lam": float(ESTIMATE["lam"]),
            "kappa": p["kappa"], "J": p["J"], "S": p["S"], "J_sd": numeric.K_B * T_ROOM,
            "S_par": 0.0}


def nonlinear_numbers() -> dict:
    """The ansatz-limit torque, the letter's T⊥ against it, and V, tilt there (linear vs exact)."""
    import numeric
    from derivation.audit.letter import ESTIMATE
    wall = letter_wall()
    limit = numeric.ansatz_limit_torque(**wall)
    T_letter = numeric.torque_perp(j=float(ESTIMATE["j"]), j0=float(ESTIMATE["j0"]), T=T_ROOM,
                                   mu=1e-19, eps0=1e-19, J_sd=wall["J_sd"], S=1.0)
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


def beyond_born_numbers(couplings=(0.01, 0.1, 1.0, 10.0), widths=(0.01, 0.1, 1.0)) -> dict:
    """T⊥(exact)/T⊥(Eq. 20) at half filling, for J_sd S/k_BT and η/k_BT = ħ/(τ_el k_BT)."""
    import numeric
    kT = numeric.K_B * T_ROOM
    e = dict(j=1e11, j0=1e16, T=T_ROOM, mu=1e-19, eps0=1e-19, S=1.0)
    return {(r, w): numeric.torque_perp_beyond_born(**e, J_sd=r * kT, tau_el=numeric.HBAR / (w * kT))
            / numeric.torque_perp(**e, J_sd=r * kT) for r in couplings for w in widths}


def delta_k_numbers() -> dict:
    """T⊥ at a wall's own gauge field δk = 1/(2λ) (the peak of |Â_z|) over T⊥ at δk = π/2a."""
    import numeric
    wall = letter_wall()
    a, lam = wall["a"], wall["lam"]
    eps0 = numeric.eps0(a=a, m_eff=9.1093837015e-31)
    e = dict(j=1e11, j0=1e16, T=T_ROOM, mu=eps0, eps0=eps0, J_sd=numeric.K_B * T_ROOM, S=1.0)
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
    fig.suptitle("Stationary states exist for every torque (no threshold); the ansatz ends at tilt π/2",
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def beyond_born_figure(path: pathlib.Path) -> pathlib.Path:
    """T⊥(exact)/T⊥(20) against J_sd S/k_BT for three η/k_BT."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    couplings = np.logspace(-3, 1.5, 40)
    fig, ax = plt.subplots(figsize=(5, 3.6))
    for width in (0.01, 0.1, 1.0):
        ratios = beyond_born_numbers(tuple(couplings), (width,))
        ax.semilogx(couplings, [ratios[(r, width)] for r in couplings],
                    label=rf"$\hbar/\tau_{{el}}k_BT = {width:g}$")
    ax.axhline(1.0, color="grey", lw=0.8)
    ax.set_xlabel(r"$J_{sd}S/k_BT$")
    ax.set_ylabel(r"$T_\perp^{\rm exact}/T_\perp^{(20)}$")
    ax.set_title("T⊥ beyond Born (half filling)", fontsize=9)
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
    print("T_perp(exact)/T_perp(Eq. 20) at half filling [J_sd S/k_BT, hbar/(tau_el k_BT)]:")
    for (r, w), ratio in beyond_born_numbers().items():
        print(f"  {r:g}, {w:g}: {ratio:.4g}")
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
