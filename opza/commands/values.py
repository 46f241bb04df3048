"""Physical values on the command line: numbers, quantities with units, arrays, materials.

Every command that takes a physical value reads it here: a number is in the argument's SI unit,
a string with a unit is converted by pint (``'10 nm'``, ``'25 meV'``), and a bare number
outside the plausible range of its unit (:data:`derivation.parameters.PLAUSIBLE`: an energy
above 10 eV, a length above 1 m, ...) is refused with a hint unless ``--si`` says bare numbers
are meant in SI.  An array is ``START:STOP:N`` (N points, ends included) or a comma-separated
list, each item a number or a quantity.
"""
from __future__ import annotations

import argparse
import re

from ..errors import UserError

__all__ = ["si_value", "si_array", "add_si", "flag", "SI_HELP"]

SI_HELP = ("bare numbers are SI; a bare number outside its plausible range (an energy above "
           "10 eV, a length above 1 m, ...) is refused unless --si is given")

_RANGE = re.compile(r"^\s*([^:]+):([^:]+):\s*(\d+)\s*$")


def flag(name: str) -> str:
    """The command line's spelling of argument ``name``: ``--J-sd`` for ``J_sd``."""
    return "--" + name.replace("_", "-")


def si_value(name: str, text, unit: str, *, si: bool = False) -> float:
    """``text`` (a number or a quantity) as a float in ``unit``; UserError naming the flag."""
    from derivation.parameters import to_si
    try:
        return to_si(flag(name), text, unit, si=si)
    except ValueError as err:
        raise UserError(str(err)) from None


def si_array(name: str, text: str, unit: str, *, si: bool = False):
    """``text`` as a float or a NumPy array in ``unit``: ``START:STOP:N`` or ``a,b,c``."""
    import numpy as np
    text = str(text)
    if (match := _RANGE.match(text)) is not None:
        start, stop = (si_value(name, part.strip(), unit, si=si) for part in match.groups()[:2])
        count = int(match.group(3))
        if count < 1:
            raise UserError(f"{flag(name)} {text!r}: START:STOP:N needs N >= 1")
        return np.linspace(start, stop, count)
    if "," in text:
        items = [item.strip() for item in text.split(",")]
        if not all(items):
            raise UserError(f"{flag(name)} {text!r}: an empty item in the list")
        return np.array([si_value(name, item, unit, si=si) for item in items])
    return si_value(name, text, unit, si=si)


def add_si(parser: argparse.ArgumentParser) -> None:
    """The ``--si`` switch: bare numbers are SI whatever their size."""
    parser.add_argument("--si", action="store_true",
                        help="take every bare number as SI, without the plausibility check")
