"""Where the letter's theory holds: material parameter sets and each approximation's small parameter.

``opza validity [--material NAME | --params FILE.toml] [--j A/m²] [--T K]`` prints, for a
material of ``derivation/audit/data/materials.toml`` (or a TOML file in the same format, each
value with a unit that pint reads), the letter's results ξ0*, max|ξ0Φ0|, τ_el, τ_DW, V*,
max n_z and the small parameter of each approximation, marked

* ``holds`` below 0.1, ``marginal`` below 1, ``fails`` from 1 on.

Model parameters from the material (each conversion is the letter's own definition or named):
a = n_atom^(−1/3) (the model's cubic cell per site), S = Ms a³/(2µ_B) (one spin length, used in the
wall and in the torque alike), J = 2aA/S² (Eq. 1: JS²/2a = A); the anisotropies of the letter's
geometry (wire along x, easy axis x, hard axis z normal to the film) from the strip's shape,
K_easy = (µ0Ms²/2)(N_y − N_x) + K_crystal and K_⊥ = (µ0Ms²/2)(N_z − N_y)
(:mod:`derivation.audit.demagnetisation`), λ = √(A/K_easy), κ = √(A/K_⊥); τ_el = m*/(n e² ρ)
(Drude with the model's n = 1/a³ and m* = m_e); m* = m_e and one conduction electron per site
(j0, ε0 below Eq. 20), µ = ε0 (the letter's half filling, where T⊥ is largest).  ``opza validity`` prints the table
(:mod:`opza.commands.validity`), ``opza report`` has it for every bundled material.

Beyond the letter: T⊥ beyond Born in both relaxation models of
:mod:`derivation.electrons.beyond_born` (their ratio to Eq. 20 is the Born factor, printed with its
model spread and applied to T⊥ and V*).  A result past the ansatz's limit (tilt ≥ π/2) is printed
as "not applicable", never as a number.
"""
from __future__ import annotations

import math
import pathlib
from dataclasses import dataclass

from ..parameters import convert, read_toml

__all__ = ["DATA", "Material", "ValidityError", "load", "materials", "find", "model_parameters",
           "validity_table", "classify", "LETTER_LAMBDA", "born_factors", "RELAXATIONS",
           "NOT_APPLICABLE"]

DATA = pathlib.Path(__file__).resolve().parent / "data" / "materials.toml"
LETTER_LAMBDA = 1e-8  # m, the letter's λ (text below Eq. 21), used when K_easy is not given
_UNITS = {"atom_density": "1/m**3", "Ms": "A/m", "A": "J/m", "K_easy": "J/m**3",
          "alpha": "dimensionless", "J_sd": "J", "tau_el": "s",
          "width": "m", "thickness": "m", "K_crystal": "J/m**3", "K_neglected": "J/m**3",
          "resistivity": "ohm*m", "tau_measured": "s"}
_REQUIRED = ("atom_density", "Ms", "A", "alpha", "J_sd")
_ONE_OF = (("tau_el", "resistivity"),)  # at least one of each group
_TEXT = ("name", "geometry", "aliases")  # plain-text keys of a parameter set
_MAY_BE_ZERO = ("K_easy", "K_crystal", "K_neglected")
NOT_APPLICABLE = "not applicable"


class ValidityError(ValueError):
    """A bad material name or parameter file: one line, exit status 2."""


@dataclass(frozen=True)
class Material:
    key: str
    name: str
    values: dict          # SI floats
    sources: dict         # key -> source text
    geometry: str = ""    # how the film and the wire are made (the anisotropies follow from it)
    verified: dict | None = None  # key -> whether the value was checked against its source
    aliases: tuple[str, ...] = ()  # other names it is known by (iron for Fe, Py for permalloy)


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
        missing += [" or ".join(group) for group in _ONE_OF if not any(g in table for g in group)]
        if missing:
            raise ValidityError(f"{path}: [{key}] lacks {', '.join(missing)}")
        if ("width" in table) != ("thickness" in table):
            raise ValidityError(f"{path}: [{key}] needs both width and thickness, or neither")
        values, sources, verified = {}, {}, {}
        for name, entry in table.items():
            if name in _TEXT:
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
            if not math.isfinite(si) or si < 0 or (si == 0 and name not in _MAY_BE_ZERO):
                raise ValidityError(f"{path}: [{key}].{name} must be positive, got {entry['value']!r}")
            values[name], sources[name] = float(si), str(entry["source"])
            if "verified" in entry:
                verified[name] = bool(entry["verified"])
        aliases = table.get("aliases", [])
        if not (isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)):
            raise ValidityError(f"{path}: [{key}].aliases must be a list of names")
        out[key] = Material(key, str(table.get("name", key)), values, sources,
                            str(table.get("geometry", "")), verified, tuple(aliases))
    return out


def find(name: str, table: dict[str, Material]) -> Material:
    """The material of ``table`` called ``name``: its key, an alias or the first word of its
    name, in any case ("iron", "Fe", "FE", "Py"); ValidityError listing the choices."""
    wanted = name.strip().casefold()
    for material in table.values():
        names = (material.key, *material.aliases, material.name.split(" ", 1)[0].strip(","))
        if wanted in {n.casefold() for n in names}:
            return material
    choices = ", ".join(f"{m.key} ({', '.join(m.aliases)})" if m.aliases else m.key
                        for m in table.values())
    raise ValidityError(f"unknown material {name!r}; choose from {choices}")


def materials() -> dict[str, Material]:
    """The bundled parameter sets (permalloy, Fe, Co, CoFeB)."""
    return load(DATA)


def model_parameters(material: Material) -> dict:
    """The letter's model parameters from a material (SI floats); see the module docstring.

    ``how`` says, for each derived quantity, how it was obtained (geometry or given value).
    """
    import numeric
    from .demagnetisation import MU_0, shape_anisotropies, wire_factors
    mu_B, m_e, e = 9.2740100783e-24, 9.1093837015e-31, 1.602176634e-19
    v = material.values
    a = v["atom_density"] ** (-1 / 3)
    S = v["Ms"] * a**3 / (2 * mu_B)
    J = 2 * a * v["A"] / S**2
    n = 1 / a**3
    how = {}
    factors = None
    if "width" in v:
        factors = wire_factors(v["width"], v["thickness"])
        K_shape, K_perp = shape_anisotropies(v["Ms"], factors)
        how["K_perp"] = (f"shape: (µ0Ms²/2)(N_z − N_y), N_y = {factors[1]:.4g}, N_z = {factors[2]:.4g} "
                         f"(long strip {v['width'] * 1e9:g} nm × {v['thickness'] * 1e9:g} nm)")
    else:
        K_shape, K_perp = None, MU_0 * v["Ms"] ** 2 / 2
        how["K_perp"] = "thin-film shape anisotropy µ0Ms²/2 (no strip geometry given)"
    if v.get("K_easy", 0) > 0:
        K_easy = v["K_easy"]
        how["K_easy"] = "given (K_easy)"
    elif K_shape is not None:
        K_easy = K_shape + v.get("K_crystal", 0.0)
        how["K_easy"] = (f"shape (µ0Ms²/2)(N_y − N_x) = {K_shape:.4g} J/m³ (N_x = 0, infinite wire)"
                         + (f" + crystalline {v['K_crystal']:.4g} J/m³ along the wire"
                            if v.get("K_crystal", 0) > 0 else ""))
    else:
        K_easy = None
        how["K_easy"] = f"not given: λ = the letter's {LETTER_LAMBDA:g} m"
    lam = math.sqrt(v["A"] / K_easy) if K_easy else LETTER_LAMBDA
    kappa = math.sqrt(v["A"] / K_perp)
    if "tau_el" in v:
        tau_el = v["tau_el"]
        how["tau_el"] = "given (tau_el)"
    else:
        tau_el = m_e / (n * e**2 * v["resistivity"])
        how["tau_el"] = (f"Drude m*/(n e² ρ), n = 1/a³ = {n:.4g} m⁻³, m* = m_e, "
                         f"ρ = {v['resistivity']:.4g} Ω m")
    return {"a": a, "S": S, "J": J, "lam": lam, "kappa": kappa, "alpha": v["alpha"],
            "J_sd": v["J_sd"], "tau_el": tau_el, "m_eff": m_e, "n": n,
            "j0": numeric.j0(n=n, a=a, m_eff=m_e), "eps0": numeric.eps0(a=a, m_eff=m_e),
            "lam_from_letter": float(K_easy is None), "K_easy": K_easy, "K_perp": K_perp,
            "K_neglected": v.get("K_neglected", 0.0), "tau_measured": v.get("tau_measured"),
            "width": v.get("width"), "exchange_length": math.sqrt(2 * v["A"] / (MU_0 * v["Ms"] ** 2)),
            "demag_factors": factors, "how": how}


def classify(value: float) -> str:
    """holds (< 0.1), marginal (< 1), fails (≥ 1)."""
    value = abs(value)
    return "holds" if value < 0.1 else "marginal" if value < 1 else "fails"


def _s_z_per_site(j: float, j0: float, T: float, eps0: float) -> float:
    """⟨s_z⟩ of :func:`derivation.electrons.torque.s_z_accumulation` at µ = ε0 (generated kernel)."""
    from numeric import _beyond_kernels
    return float(_beyond_kernels.s_z_per_site(j, j0, T, eps0, eps0))


RELAXATIONS = ("distributions", "equilibrium")  # the two models of derivation.electrons.beyond_born


def born_factors(params: dict, *, j: float, T: float, tau_el: float | None = None) -> dict:
    """T⊥ beyond Born in both relaxation models, and its ratio to Eq. (20) (the Born factor).

    Returns T⊥(20), per model (``"distributions"``: towards Eq. 4's F_k; ``"equilibrium"``:
    towards f0(h_k)) T⊥ and the factor T⊥/T⊥(20), the narrow-limit factor η/√(η² + (J_sd S)²)
    (None, "not applicable", unless η/k_BT and J_sd S/k_BT are both below ``NARROW``; the formula's
    value is ``narrow_limit_formula``), the factor at J_sd → 0 and the same η (``finite_eta_only``:
    what η ≫ k_BT alone does), the spread max/min − 1 of the two models' factors (the model
    uncertainty), and η/k_BT, J_sd S/k_BT.  ``tau_el`` defaults to the material's.
    """
    import numeric
    tau = params["tau_el"] if tau_el is None else tau_el
    electrons = dict(j=j, j0=params["j0"], T=T, mu=params["eps0"], eps0=params["eps0"],
                     J_sd=params["J_sd"], S=params["S"])
    born = numeric.torque_perp(**electrons)
    out = {"T_perp_20": born, "tau_el": tau}
    for model in RELAXATIONS:
        value = numeric.torque_perp_beyond_born(**electrons, tau_el=tau, relaxation=model)
        out[model] = {"T_perp": value, "factor": value / born}
    eta, coupling, kT = numeric.HBAR / tau, params["J_sd"] * params["S"], numeric.K_B * T
    factors = [out[m]["factor"] for m in RELAXATIONS]
    # J_sd → 0 at the same η: what finite η alone (the Sokhotski–Plemelj step) does to the factor
    weak = {**electrons, "J_sd": params["J_sd"] * _WEAK}
    weak_born = numeric.torque_perp(**weak)
    out["finite_eta_only"] = {m: numeric.torque_perp_beyond_born(**weak, tau_el=tau, relaxation=m)
                              / weak_born for m in RELAXATIONS}
    narrow = eta / kT < NARROW and coupling / kT < NARROW
    out.update(narrow_limit=eta / math.hypot(eta, coupling) if narrow else None,
               narrow_limit_formula=eta / math.hypot(eta, coupling),
               spread=max(factors) / min(factors) - 1, eta_over_kT=eta / kT,
               coupling_over_kT=coupling / kT)
    return out


_WEAK = 1e-6   # J_sd scaled by this: the O(J_sd) (Born) limit at finite η
NARROW = 0.1   # η/k_BT and J_sd S/k_BT below this ("holds"): the narrow-limit factor applies


def _stationary(T_perp: float, wall: dict, params: dict, limit: float) -> dict:
    """Linear (Eqs. 15, 17), nonlinear and rigid-profile stationary states at T⊥; None where the
    state does not exist.

    The linear ansatz ends where its tilt max|ξ0Φ0| reaches π/2; the nonlinear stationary state
    where |T⊥| reaches ``numeric.ansatz_limit_torque``; and beyond the critical torque of the
    rigid profile (``numeric.critical_torque``, Walker's width), where the spin chain too was
    found to have no stationary state (within 1 % at README's parameter sets: the `beyond`
    records), no wall moves at a stationary V at all: every V is then "not applicable".
    """
    import numeric
    xi = numeric.xi0_star(T_perp=T_perp, **wall)
    tilt = numeric.psi_star(T_perp=T_perp, **wall)
    stationary = abs(T_perp) < numeric.critical_torque(**wall)
    linear_ok = tilt < math.pi / 2 and stationary
    V = numeric.v_star_from_torque(T_perp=T_perp, alpha=wall["alpha"], lam=wall["lam"],
                                   J_sd=wall["J_sd"])
    out = {"xi": xi if linear_ok else None, "tilt": tilt if linear_ok else None,
           "V": V if linear_ok else None, "tilt_nl": None, "V_nl": None, "V_rigid": None,
           "stationary": stationary}
    if abs(T_perp) < limit and stationary:
        xi_nl, V_nl = numeric.stationary_state(T_perp=T_perp, **wall)
        out.update(tilt_nl=abs(numeric.tilt(xi_nl, a=params["a"], lam=params["lam"])), V_nl=V_nl)
    if stationary:
        out["V_rigid"] = numeric.rigid_profile_stationary(T_perp=T_perp, **wall)[1]
    return out


def _result(name: str, value: float | None, unit: str, note: str = "") -> tuple:
    """A row; a value past a limit (None) is printed as "not applicable", never as a number."""
    return (name, value, unit, note) if value is not None else (name, None, NOT_APPLICABLE, note)


def validity_table(params: dict, *, j: float, T: float) -> list[tuple[str, float | None, str, str]]:
    """[(quantity, value, unit or verdict, note)] for the model parameters at current j, temperature T.

    One spin length S (the material's) in the wall and in the torque.  ``value`` is None, with the
    mark "not applicable", where the result is past the ansatz's limit or past the critical
    torque (no stationary state).
    """
    import numeric
    wall = {k: params[k] for k in ("alpha", "a", "lam", "kappa", "J", "S", "J_sd")}
    kT = numeric.K_B * T
    factors = born_factors(params, j=j, T=T)
    T_perp = factors["T_perp_20"]
    limit = numeric.ansatz_limit_torque(**wall)
    letter = _stationary(T_perp, wall, params, limit)
    tau = numeric.tau_dw(**{k: wall[k] for k in ("alpha", "a", "kappa", "J", "S", "J_sd")})
    eta = numeric.HBAR / params["tau_el"]
    s_z = _s_z_per_site(j, params["j0"], T, params["eps0"])
    how = params.get("how", {})
    rows = [
        ("K_easy", params["K_easy"], "J/m^3", how.get("K_easy", "")) if params.get("K_easy")
        else ("K_easy", None, "not given", how.get("K_easy", "")),
        ("K_perp", params["K_perp"], "J/m^3", how.get("K_perp", "")),
        ("tau_el", params["tau_el"], "s", how.get("tau_el", "")),
        ("T_perp (Eq. 20, mu = eps0)", T_perp, "1", "Born, eta -> 0"),
        _result("xi0* (Eq. 15)", letter["xi"], "1"),
        _result("max|xi0 Phi0| (linear)", letter["tilt"], "rad", "the tilt at the wall centre"),
        _result("max|xi0 Phi0| (nonlinear stationary)", letter["tilt_nl"], "rad", "exact x-integrals"),
        ("tau_DW (Eq. 16)", tau, "s", ""),
        _result("V* (Eq. 15)", letter["V"], "m/s"),
        _result("V* (nonlinear stationary)", letter["V_nl"], "m/s"),
        _result("V (rigid profile, Walker's width)", letter["V_rigid"], "m/s",
                "the model that tracks the spin chain (the beyond records)"),
        _result("max n_z (Eq. 17, linear)",
                letter["tilt"] if letter["tilt"] is not None and letter["tilt"] <= 1 else None, "1",
                "= max|xi0 Phi0|; not a component of a unit vector above 1"),
        _result("max n_z (exact, sin of the nonlinear tilt)",
                None if letter["tilt_nl"] is None else math.sin(letter["tilt_nl"]), "1"),
        ("T_perp / ansatz-limit torque", T_perp / limit, "", "tilt reaches pi/2 at 1"),
        ("T_perp / critical torque (rigid profile)", T_perp / numeric.critical_torque(**wall), "",
         "no stationary state from 1 on"),
    ]
    # beyond Born: the factor in both relaxation models, its spread, applied to T⊥ and V*
    targets = {"distributions": "Eq. (4)'s distributions", "equilibrium": "f0(h_k)"}
    rows.append(_result("Born factor, narrow limit eta/sqrt(eta^2 + (J_sd S)^2)", factors["narrow_limit"],
                        "1", f"only for eta/k_B T and J_sd S/k_B T < {NARROW:g}"))
    for model in RELAXATIONS:
        rows.append((f"Born factor T_perp/T_perp(20), relaxation to {targets[model]}",
                     factors[model]["factor"], "1", f"model '{model}'"))
    for model in RELAXATIONS:
        rows.append((f"Born factor at J_sd -> 0, same eta [{model}]", factors["finite_eta_only"][model],
                     "1", "finite eta alone (the Sokhotski-Plemelj step)"))
    rows.append(("Born factor spread between the models (max/min - 1)", factors["spread"], "1",
                 "the model uncertainty of the factor"))
    for model in RELAXATIONS:
        T_model = factors[model]["T_perp"]
        state = _stationary(T_model, wall, params, limit)
        label = f"[{model}]"
        rows += [("T_perp beyond Born " + label, T_model, "1", "Eq. (20) times the factor"),
                 _result("V* (Eq. 15) beyond Born " + label, state["V"], "m/s"),
                 _result("V* (nonlinear stationary) beyond Born " + label, state["V_nl"], "m/s"),
                 _result("max|xi0 Phi0| (nonlinear) beyond Born " + label, state["tilt_nl"], "rad")]
    if params.get("tau_measured"):
        measured = born_factors(params, j=j, T=T, tau_el=params["tau_measured"])
        for model in RELAXATIONS:
            rows.append((f"Born factor at the measured tau = {params['tau_measured']:.3g} s [{model}]",
                         measured[model]["factor"], "1", "instead of the Drude tau_el"))
    small = [
        ("tilt amplitude max|xi0 Phi0| [small-amplitude]",
         letter["tilt"] if letter["tilt"] is not None else numeric.psi_star(T_perp=T_perp, **wall)),
        ("J_sd S / k_B T [born; beyond-Born narrow limit]", params["J_sd"] * params["S"] / kT),
        ("hbar / (tau_el k_B T) [sokhotski-plemelj; beyond-Born narrow limit]", eta / kT),
        ("J_sd S tau_el / hbar [born, beyond-Born ratio]", params["J_sd"] * params["S"] / eta),
        ("hbar / (tau_el eps0) [boltzmann-linear: quasiparticles]", eta / params["eps0"]),
        ("a / lambda [continuum, gauge-uniform]", params["a"] / params["lam"]),
        ("tau_el / tau_DW [constant-torque]", params["tau_el"] / tau),
        ("J_sd S_par kappa^2/(a^3 J S), upper bound S_par = a/2 [15-16 approx.]",
         params["J_sd"] * (params["a"] / 2) * params["kappa"] ** 2 / (params["a"] ** 3 * params["J"] * params["S"])),
        ("S_z term / T_perp term = alpha pi <s_z>/T_perp [drop-sz]", wall["alpha"] * math.pi * s_z / T_perp),
    ]
    if params.get("width"):
        # the letter's wall is uniform over the cross-section; a strip much wider than the exchange
        # length √(2A/µ0Ms²) hosts transverse or vortex walls instead (a 2D/3D structure)
        small.append(("width / exchange length sqrt(2A/mu0 Ms^2) [1D wall: uniform cross-section]",
                      params["width"] / params["exchange_length"]))
    if params.get("K_neglected") and params.get("K_easy"):
        small.append(("K_neglected / K_easy [uniaxial easy axis: crystalline anisotropy ignored]",
                      params["K_neglected"] / params["K_easy"]))
    rows += [(name, value, classify(value), "") for name, value in small]
    return rows
