"""The kernels' units as pint spells them: ``A/m^2``, ``J*s``, ``dimensionless``.

Every unit comes from the symbol table (:mod:`derivation.symbols`, ``sympy.physics.units``);
the generated tables (``numeric._kernels.UNITS``, ``RESULT_UNITS``) and docstrings carry
these spellings, which the checked layer hands to pint.
"""
from __future__ import annotations

import sympy as sp
from sympy.physics import units as u

from ... import symbols as sy

__all__ = ["pint_unit", "si", "output_unit"]

# the base units of sympy.physics.units as pint spells them
_PINT = {u.joule: "J", u.kilogram: "kg", u.coulomb: "C", u.volt: "V", u.ampere: "A",
         u.kelvin: "K", u.meter: "m", u.second: "s"}


def pint_unit(unit: sp.Expr) -> str:
    """A ``sympy.physics.units`` product as a string pint parses: ``A/m^2``, ``dimensionless``."""
    unit = sp.sympify(unit)
    if unit == 1:
        return "dimensionless"
    powers = unit.as_powers_dict()
    unknown = set(powers) - set(_PINT)
    if unknown:
        raise ValueError(f"no pint spelling for {sorted(map(str, unknown))}")

    def spell(factors):
        return "*".join(_PINT[b] + (f"^{e}" if e != 1 else "") for b, e in factors)
    ordered = sorted(powers.items(), key=lambda be: list(_PINT).index(be[0]))
    up = [(b, e) for b, e in ordered if e > 0]
    down = [(b, -e) for b, e in ordered if e < 0]
    text = spell(up) or "1"
    if down:
        text += "/" + (spell(down) if len(down) == 1 else f"({spell(down)})")
    return text


def si(symbol) -> str:
    """pint spelling of the SI unit of a symbol of the table."""
    return pint_unit(sy.entry(symbol).unit)


def output_unit(unit) -> str:
    """pint spelling of an output's unit: from its symbol in the table, or the unit given."""
    return si(unit) if unit in sy.TABLE else pint_unit(unit)
