"""``opza validity``: where the letter's approximations hold, for real materials.

``opza validity [--material NAME | --params FILE.toml] [--j A/m²] [--T K]`` prints, for a
material of ``derivation/audit/data/materials.toml`` (or a TOML file in the same format), the
rows of :func:`derivation.audit.validity.validity_table`: the letter's results and each
approximation's small parameter, marked holds, marginal or fails.
"""
from __future__ import annotations

import argparse
import math
import pathlib
import sys

from derivation.audit.validity import (LETTER_LAMBDA, Material, ValidityError, find, load,
                                       materials, model_parameters, validity_table)

__all__ = ["add_commands", "format_table"]


def format_table(material: Material, params: dict, rows, *, j: float, T: float) -> str:
    """The table :func:`validity_table` gives, as ``opza validity`` prints it."""
    lines = [f"{material.name} at j = {j:.3g} A/m^2, T = {T:g} K",
             "model: " + ", ".join(f"{k} = {params[k]:.4g}" for k in
                                   ("a", "S", "J", "lam", "kappa", "alpha", "J_sd", "j0", "eps0"))]
    if params["lam_from_letter"]:
        lines.append(f"(no K_easy in the data: lambda = the letter's {LETTER_LAMBDA:g} m)")
    if material.geometry:
        lines.append(f"geometry: {material.geometry}")
    lines.append("assumed: mu = eps0, m* = m_e, one conduction electron per site, one spin length S "
                 "in wall and torque, shape anisotropy of the strip as local anisotropies")
    width = max(len(r[0]) for r in rows)
    for name, value, mark, note in rows:
        shown = "" if value is None else f"{value: .4g}"  # None: "not applicable" is the mark
        lines.append(f"  {name:<{width}}  {shown}  {mark}" + (f"  ({note})" if note else ""))
    return "\n".join(lines) + "\n"


def _run(args) -> int:
    from .values import si_value
    try:
        if args.params is not None:
            table = load(args.params)
            if len(table) != 1 and args.material is None:
                raise ValidityError(f"{args.params} has {len(table)} parameter sets; choose one "
                                    f"with --material ({', '.join(table)})")
        else:
            table = materials()
        chosen = [find(args.material, table)] if args.material else list(table.values())
        T = si_value("T", args.T, "K", si=args.si)
        j = si_value("j", args.j, "A/m^2", si=args.si)
        if not (math.isfinite(T) and T > 0):
            raise ValidityError(f"--T must be a positive temperature, got {args.T!r}")
        if not math.isfinite(j):
            raise ValidityError(f"--j must be a finite current density, got {args.j!r}")
        for material in chosen:
            params = model_parameters(material)
            rows = validity_table(params, j=j, T=T)
            sys.stdout.write(format_table(material, params, rows, j=j, T=T) + "\n")
    except ValueError as err:  # ValidityError, and numeric's ValueError naming an argument
        print(f"opza validity: error: {err}", file=sys.stderr)
        return 2
    return 0


def add_commands(subparsers) -> argparse.ArgumentParser:
    """Add ``validity`` to the ``opza`` subparsers."""
    from .values import add_si
    parser = subparsers.add_parser(
        "validity", help="where the letter's approximations hold, for real materials",
        description="Print ξ0*, max|ξ0Φ0|, τ_el, τ_DW, V*, max n_z and each approximation's "
                    "small parameter (holds < 0.1 ≤ marginal < 1 ≤ fails) for a material.")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--material", metavar="NAME",
                        help="a parameter set of derivation/audit/data/materials.toml, by key or "
                             "alias in any case: permalloy (Py), Fe (iron), Co (cobalt), CoFeB "
                             "(default: all)")
    source.add_argument("--params", type=pathlib.Path, metavar="FILE.toml",
                        help="a TOML file of parameter sets in the same format")
    parser.add_argument("--j", default="1e11",
                        help="current density, e.g. 1e11 or '1e7 A/cm^2' [A/m^2] (letter: 1e11)")
    parser.add_argument("--T", default="300", help="temperature, e.g. 300 or '27 degC' [K] "
                                                   "(default 300)")
    add_si(parser)
    parser.set_defaults(run=_run)
    return parser
