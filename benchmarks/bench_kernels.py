"""Benchmark: generated kernels against hand-written NumPy, numexpr and the memory floor.

    python benchmarks/bench_kernels.py [--sizes 1e6 1e7] [--repeat 5]

Every argument is an array of N points (the general broadcasting case).  For
each kernel it prints the best-of-`repeat` times and three ratios:

* generated / hand-written NumPy (the goal is ≤ 1.10),
* generated / numexpr evaluating the same expression (multi-threaded),
* generated / memory floor: one pass that reads the k inputs and writes one
  output, at the bandwidth of ``arr.copy()`` measured on the same machine,
  floor = t_copy · (k + 1) / 2.

It also times ``import numeric`` against ``import numpy`` in fresh processes.
Not a test: the numbers go into README.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
import timeit

import numpy as np

import numeric
from numeric import HBAR, K_B, kernels as gen

try:
    import numexpr as ne
except ImportError:  # pragma: no cover
    ne = None


def hand_tau_dw(alpha, a, kappa, J, S, J_sd, S_par):
    return a * HBAR * (1 + alpha * alpha) / (alpha * (J * S * a**3 / kappa**2 + J_sd * S_par))


def hand_xi0_star(T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par):
    return -np.sqrt(0.5 * a * lam) * J_sd * T_perp / (alpha * (J * S * a**3 / kappa**2 + J_sd * S_par))


def hand_torque_perp(j, j0, T, mu, eps0, J_sd, S):
    kT = K_B * T
    u = np.exp(-np.abs(eps0 - mu) / kT)  # sech² without overflow
    return J_sd * S * j * u / (kT * j0 * (1 + u) ** 2)


def hand_v_star(j, j0, T, mu, eps0, alpha, lam, J_sd, S):
    return -lam * J_sd / (2 * alpha * HBAR) * hand_torque_perp(j, j0, T, mu, eps0, J_sd, S)


def hand_relaxation(t, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par):
    K = J * S * a**3 / kappa**2 + J_sd * S_par
    a2 = alpha * alpha
    tau = a * HBAR * (1 + a2) / (alpha * K)
    s = t / tau
    em = np.expm1(-s)
    phi = np.where(s < 1e-3, s * s * (0.5 - s * (1 / 6 - s * (1 / 24 - s * (1 / 120 - s / 720)))), s + em)
    xi_star = -np.sqrt(0.5 * a * lam) * J_sd * T_perp / (alpha * K)
    v_star = -lam * J_sd * T_perp / (2 * alpha * HBAR)
    return (-xi_star * em, v_star * (a2 - em) / (1 + a2),
            v_star * (t * a2 + tau * phi) / (1 + a2))


def hand_nz_profile(x, t, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par):
    xi, _, X = hand_relaxation(t, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par)
    u = np.exp(-np.abs(x - X) / lam)
    return -np.sin(xi * np.sqrt(0.5 * a / lam) * 2 * u / (1 + u * u))


_K = "(J*S*a**3/kappa**2 + J_sd*S_par)"
_TAU = f"(a*HBAR*(1 + alpha*alpha)/(alpha*{_K}))"
_S = f"(t/{_TAU})"
_XI = f"(sqrt(0.5*a*lam)*J_sd*T_perp/(alpha*{_K})*expm1(-{_S}))"
_VS = "(-lam*J_sd*T_perp/(2*alpha*HBAR))"
_PHI = f"where({_S} < 0.001, {_S}**2*(0.5 - {_S}*(1/6 - {_S}*(1/24 - {_S}*(1/120 - {_S}/720)))), {_S} + expm1(-{_S}))"
_X = f"({_VS}*(t*alpha*alpha + {_TAU}*{_PHI})/(1 + alpha*alpha))"
NUMEXPR = {
    "relaxation": [_XI, f"{_VS}*(alpha*alpha - expm1(-{_S}))/(1 + alpha*alpha)", _X],
    "nz_profile": [f"-sin({_XI}*sqrt(0.5*a/lam)*2*exp(-abs(x - {_X})/lam)"
                   f"/(1 + exp(-2*abs(x - {_X})/lam)))"],
    "tau_dw": "a*HBAR*(1 + alpha*alpha)/(alpha*(J*S*a**3/kappa**2 + J_sd*S_par))",
    "xi0_star": "-sqrt(0.5*a*lam)*J_sd*T_perp/(alpha*(J*S*a**3/kappa**2 + J_sd*S_par))",
    "torque_perp": "J_sd*S*j*exp(-abs(eps0 - mu)/(K_B*T))/(K_B*T*j0*(1 + exp(-abs(eps0 - mu)/(K_B*T)))**2)",
    "v_star": "-lam*J_sd/(2*alpha*HBAR)*J_sd*S*j*exp(-abs(eps0 - mu)/(K_B*T))"
              "/(K_B*T*j0*(1 + exp(-abs(eps0 - mu)/(K_B*T)))**2)",
}


def draw(name: str, n: int, rng) -> dict:
    """Physical ranges, one array per argument."""
    lo_hi = {"alpha": (1e-3, 0.5), "a": (2e-10, 4e-10), "kappa": (2e-9, 2e-8), "J": (1e-21, 1e-20),
             "S": (0.5, 2.5), "J_sd": (1e-22, 1e-21), "S_par": (0.0, 1e-10), "T_perp": (-1e-3, 1e-3),
             "lam": (5e-9, 5e-8), "j": (-1e12, 1e12), "j0": (1e15, 1e17), "T": (10.0, 600.0),
             "mu": (5e-20, 2e-19), "eps0": (5e-20, 2e-19), "t": (0.0, 1e-9), "x": (-1e-7, 1e-7)}
    args = [arg for arg, _ in gen.DOMAINS[name]]
    return {arg: rng.uniform(*lo_hi[arg], n) for arg in args}


def best(fn, repeat: int) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def import_time(module: str, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1e6, 1e7])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    hands = {"tau_dw": hand_tau_dw, "xi0_star": hand_xi0_star, "torque_perp": hand_torque_perp,
             "v_star": hand_v_star, "relaxation": hand_relaxation, "nz_profile": hand_nz_profile}
    print("| kernel | N | generated [ms] | checked [ms] | hand NumPy [ms] | gen/hand | "
          "gen/numexpr | gen/floor |")
    print("|---|---|---|---|---|---|---|---|")
    for n in map(int, args.sizes):
        copy_source = rng.uniform(0, 1, n)
        t_copy = best(lambda: copy_source.copy(), args.repeat)
        for name, hand in hands.items():
            values = draw(name, n, rng)
            positional = list(values.values())
            kernel = getattr(gen, name)
            public = getattr(numeric, name)
            t_gen = best(lambda: kernel(*positional), args.repeat)
            t_hand = best(lambda: hand(*positional), args.repeat)
            lead = [k for k in ("x", "t") if k in values]
            t_checked = best(lambda: public(*(values[k] for k in lead),
                                            **{k: v for k, v in values.items() if k not in lead}),
                             args.repeat)
            floor = t_copy * (len(values) + 1) / 2
            if ne is not None and name in NUMEXPR:
                env = {**values, "HBAR": HBAR, "K_B": K_B}
                exprs = NUMEXPR[name] if isinstance(NUMEXPR[name], list) else [NUMEXPR[name]]
                t_ne = best(lambda: [ne.evaluate(e, local_dict=env) for e in exprs], args.repeat)
                ratio_ne = f"{t_gen / t_ne:.2f}"
            else:
                ratio_ne = "n/a"
            print(f"| {name} | {n:.0e} | {1e3 * t_gen:.1f} | {1e3 * t_checked:.1f} | "
                  f"{1e3 * t_hand:.1f} | {t_gen / t_hand:.2f} | {ratio_ne} | {t_gen / floor:.2f} |")
    t_np, t_numeric = import_time("numpy"), import_time("numeric")
    print(f"\nimport numpy: {1e3 * t_np:.0f} ms, import numeric: {1e3 * t_numeric:.0f} ms "
          f"(ratio {t_numeric / t_np:.2f}; interpreter start-up included)")
    if ne is not None:
        print(f"numexpr {ne.__version__} with {ne.get_num_threads()} threads")
    return 0


if __name__ == "__main__":
    sys.exit(main())
