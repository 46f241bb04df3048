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

from derivation.audit.validity import (LETTER_LAMBDA, Material, ValidityError, load, materials,
                                       model_parameters, validity_table)

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
    try:
        if args.params is not None:
            table = load(args.params)
            if len(table) != 1 and args.material is None:
                raise ValidityError(f"{args.params} has {len(table)} parameter sets; choose one "
                                    f"with --material ({', '.join(table)})")
        else:
            table = materials()
        names = [args.material] if args.material else list(table)
        unknown = [n for n in names if n not in table]
        if unknown:
            raise ValidityError(f"unknown material {unknown[0]!r}; choose from {', '.join(table)}")
        if not (math.isfinite(args.T) and args.T > 0):
            raise ValidityError(f"--T must be a positive temperature in K, got {args.T!r}")
        if not math.isfinite(args.j):
            raise ValidityError(f"--j must be a finite current density in A/m^2, got {args.j!r}")
        for name in names:
            params = model_parameters(table[name])
            rows = validity_table(params, j=args.j, T=args.T)
            sys.stdout.write(format_table(table[name], params, rows, j=args.j, T=args.T) + "\n")
    except ValueError as err:  # ValidityError, and numeric's ValueError naming an argument
        print(f"opza validity: error: {err}", file=sys.stderr)
        return 2
    return 0


def add_commands(subparsers) -> argparse.ArgumentParser:
    """Add ``validity`` to the ``opza`` subparsers."""
    parser = subparsers.add_parser(
        "validity", help="where the letter's approximations hold, for real materials",
        description="Print xi0*, max|xi0 Phi0|, tau_el, tau_DW, V*, max n_z and each approximation's "
                    "small parameter (holds < 0.1 <= marginal < 1 <= fails) for a material.")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--material", metavar="NAME",
                        help="a parameter set of derivation/audit/data/materials.toml (default: all)")
    source.add_argument("--params", type=pathlib.Path, metavar="FILE.toml",
                        help="a TOML file of parameter sets in the same format")
    parser.add_argument("--j", type=float, default=1e11, help="current density [A/m^2] (letter: 1e11)")
    parser.add_argument("--T", type=float, default=300.0, help="temperature [K] (default 300)")
    parser.set_defaults(run=_run)
    return parser
