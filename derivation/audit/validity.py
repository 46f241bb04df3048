"""Where the letter's theory holds: material parameter sets and each approximation's small parameter.

For a material of ``derivation/audit/data/materials.toml`` (or a TOML file in the same format,
each value with a unit that pint reads), :func:`validity_table` gives the letter's results ξ0*,
max|ξ0Φ0|, τ_el, τ_DW, V*, max n_z and the small parameter of each approximation, marked

* ``holds`` below 0.1, ``marginal`` below 1, ``fails`` from 1 on.

Model parameters from the material (each conversion is the letter's own definition):
a = n_atom^(−1/3) (the model's cubic cell per site), S = Ms a³/(2µ_B), J = 2aA/S² (Eq. 1:
JS²/2a = A), λ = √(A/K_easy), κ = √(A/K_⊥) with K_⊥ = µ0Ms²/2 (thin-strip shape
anisotropy), m* = m_e and one conduction electron per site (j0, ε0 below Eq. 20), µ = ε0
(the letter's half filling, where T⊥ is largest).  ``opza validity`` prints the table
(:mod:`opza.validity`), ``opza report`` has it for every bundled material.
"""
from __future__ import annotations

import math
import pathlib
from dataclasses import dataclass

from ..parameters import convert, read_toml

__all__ = ["DATA", "Material", "ValidityError", "load", "materials", "model_parameters",
           "validity_table", "classify", "LETTER_LAMBDA"]

DATA = pathlib.Path(__file__).resolve().parent / "data" / "materials.toml"
LETTER_LAMBDA = 1e-8  # m, the letter's λ (text below Eq. 21), used when K_easy is not given
_UNITS = {"atom_density": "1/m**3", "Ms": "A/m", "A": "J/m", "K_easy": "J/m**3",
          "alpha": "dimensionless", "J_sd": "J", "tau_el": "s"}
_REQUIRED = ("atom_density", "Ms", "A", "alpha", "J_sd", "tau_el")


class ValidityError(ValueError):
    """A bad material name or parameter file: one line, exit status 2."""


@dataclass(frozen=True)
class Material:
    key: str
    name: str
    values: dict          # SI floats
    sources: dict         # key -> source text


def load(path: pathlib.Path | str = DATA) -> dict[str, Material]:
    """Every parameter set of a TOML file, values converted to SI with pint (sources kept), read
    as every parameter file is (:mod:`derivation.parameters`)."""
    import pint
    path = pathlib.Path(path)
    try:
        raw = read_toml(path)
    except ValueError as err:
        raise ValidityError(f"parameter file: {err}") from None
    out = {}
    for key, table in raw.items():
        if not isinstance(table, dict):
            raise ValidityError(f"{path}: [{key}] must be a table of parameters")
        missing = [name for name in _REQUIRED if name not in table]
        if missing:
            raise ValidityError(f"{path}: [{key}] lacks {', '.join(missing)}")
        values, sources = {}, {}
        for name, entry in table.items():
            if name == "name":
                continue
            if name not in _UNITS:
                raise ValidityError(f"{path}: [{key}] has unknown parameter {name!r}; "
                                    f"known: {', '.join(_UNITS)}")
            if not isinstance(entry, dict) or not {"value", "unit", "source"} <= set(entry):
                raise ValidityError(f"{path}: [{key}].{name} needs value, unit and source")
            try:
                si = convert(entry["value"], entry["unit"] or "dimensionless", _UNITS[name])
            except (pint.errors.PintError, ValueError, TypeError) as err:
                raise ValidityError(f"{path}: [{key}].{name}: {err}") from None
            if not math.isfinite(si) or si < 0 or (si == 0 and name != "K_easy"):
                raise ValidityError(f"{path}: [{key}].{name} must be positive, got {entry['value']!r}")
            values[name], sources[name] = float(si), str(entry["source"])
        out[key] = Material(key, str(table.get("name", key)), values, sources)
    return out


def materials() -> dict[str, Material]:
    """The bundled parameter sets (permalloy, Fe, Co, CoFeB)."""
    return load(DATA)


def model_parameters(material: Material) -> dict[str, float]:
    """The letter's model parameters from a material (SI); see the module docstring."""
    import numeric
    mu_B, mu_0, m_e = 9.2740100783e-24, 4e-7 * math.pi, 9.1093837015e-31
    v = material.values
    a = v["atom_density"] ** (-1 / 3)
    S = v["Ms"] * a**3 / (2 * mu_B)
    J = 2 * a * v["A"] / S**2
    lam = math.sqrt(v["A"] / v["K_easy"]) if v.get("K_easy", 0) > 0 else LETTER_LAMBDA
    kappa = math.sqrt(v["A"] / (mu_0 * v["Ms"] ** 2 / 2))
    n = 1 / a**3
    return {"a": a, "S": S, "J": J, "lam": lam, "kappa": kappa, "alpha": v["alpha"],
            "J_sd": v["J_sd"], "tau_el": v["tau_el"], "m_eff": m_e, "n": n,
            "j0": numeric.j0(n=n, a=a, m_eff=m_e), "eps0": numeric.eps0(a=a, m_eff=m_e),
            "lam_from_letter": float(not v.get("K_easy", 0) > 0)}


def classify(value: float) -> str:
    """holds (< 0.1), marginal (< 1), fails (≥ 1)."""
    value = abs(value)
    return "holds" if value < 0.1 else "marginal" if value < 1 else "fails"


def _s_z_per_site(j: float, j0: float, T: float, eps0: float) -> float:
    """⟨s_z⟩ of :func:`derivation.electrons.torque.s_z_accumulation` at µ = ε0 (generated kernel)."""
    from numeric import _beyond_kernels
    return float(_beyond_kernels.s_z_per_site(j, j0, T, eps0, eps0))


def validity_table(params: dict, *, j: float, T: float) -> list[tuple[str, float, str, str]]:
    """[(quantity, value, unit or verdict, note)] for the model parameters at current j, temperature T."""
    import numeric
    wall = {k: params[k] for k in ("alpha", "a", "lam", "kappa", "J", "S", "J_sd")}
    kT = numeric.K_B * T
    T_perp = numeric.torque_perp(j=j, j0=params["j0"], T=T, mu=params["eps0"], eps0=params["eps0"],
                                 J_sd=params["J_sd"], S=params["S"])
    xi = numeric.xi0_star(T_perp=T_perp, **wall)
    tilt = numeric.psi_star(T_perp=T_perp, **wall)
    tau = numeric.tau_dw(**{k: wall[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd")})
    v = numeric.v_star_from_torque(T_perp=T_perp, alpha=wall["alpha"], lam=wall["lam"],
                                   J_sd=wall["J_sd"])
    limit = numeric.ansatz_limit_torque(**wall)
    xi_nl, v_nl = numeric.stationary_state(T_perp=T_perp, **wall)
    tilt_nl = abs(numeric.tilt(xi_nl, a=params["a"], lam=params["lam"]))
    eta = numeric.HBAR / params["tau_el"]
    s_z = _s_z_per_site(j, params["j0"], T, params["eps0"])
    rows = [
        ("T_perp (Eq. 20, mu = eps0)", T_perp, "1", ""),
        ("xi0* (Eq. 15)", xi, "1", ""),
        ("max|xi0 Phi0| (linear)", tilt, "rad", "the tilt at the wall centre"),
        ("max|xi0 Phi0| (nonlinear stationary)", tilt_nl, "rad", "exact x-integrals"),
        ("tau_el", params["tau_el"], "s", ""),
        ("tau_DW (Eq. 16)", tau, "s", ""),
        ("V* (Eq. 15)", v, "m/s", ""),
        ("V* (nonlinear stationary)", v_nl, "m/s", ""),
        ("max n_z (Eq. 17, linear)", tilt, "1", "= max|xi0 Phi0|"),
        ("max n_z (exact, sin of the nonlinear tilt)", math.sin(min(tilt_nl, math.pi / 2)), "1", ""),
        ("T_perp / ansatz-limit torque", T_perp / limit, "", "tilt reaches pi/2 at 1"),
    ]
    small = [
        ("tilt amplitude max|xi0 Phi0| [small-amplitude]", tilt),
        ("J_sd S / k_B T [born]", params["J_sd"] * params["S"] / kT),
        ("J_sd S tau_el / hbar [born, beyond-Born ratio]", params["J_sd"] * params["S"] / eta),
        ("a / lambda [continuum, gauge-uniform]", params["a"] / params["lam"]),
        ("tau_el / tau_DW [constant-torque]", params["tau_el"] / tau),
        ("J_sd S_par kappa^2/(a^3 J S), upper bound S_par = a/2 [15-16 approx.]",
         params["J_sd"] * (params["a"] / 2) * params["kappa"] ** 2 / (params["a"] ** 3 * params["J"] * params["S"])),
        ("S_z term / T_perp term = alpha pi <s_z>/T_perp [drop-sz]", wall["alpha"] * math.pi * s_z / T_perp),
    ]
    rows += [(name, value, classify(value), "") for name, value in small]
    return rows
