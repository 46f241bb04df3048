"""Parameter values with units, from the command line and from TOML files, as SI floats.

The one reader of parameter files and the one unit registry of the package: ``opza eval``
and ``opza figures`` (:func:`load_toml`, :func:`to_si`) and the material data of
:mod:`derivation.audit.validity` (:func:`read_toml`, :func:`convert`) go through them.

A value is a number (read in the argument's SI unit, as the kernels take it) or a
string with a unit that pint understands: ``"2 meV"``, ``"300 K"``, ``"1e11 A/m^2"``,
``"10 nm"``.  A unit of the wrong dimension is an error naming the argument.  pint is
the optional extra ``opza[units]``; it is imported only when a unit is given.

A parameter file is TOML with one key per argument, e.g.::

    T = "300 K"
    J_sd = "2 meV"
    mu = 1.6e-19        # J
"""
from __future__ import annotations

import pathlib
import re
import tomllib
from functools import cache

__all__ = ["MissingExtra", "to_si", "plausible", "PLAUSIBLE", "convert", "read_toml", "load_toml",
           "unit_registry"]

_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


class MissingExtra(ImportError):
    """An optional dependency is missing; the message names the extra to install."""

    def __init__(self, module: str, extra: str):
        super().__init__(f"{module} is not installed: pip install 'opza[{extra}]'")
        self.module, self.extra = module, extra


@cache
def unit_registry():
    """The pint UnitRegistry (one per process)."""
    try:
        import pint
    except ImportError:
        raise MissingExtra("pint", "units") from None
    return pint.UnitRegistry()


def _to_si(name: str, value, unit: str) -> float:
    """``value`` in the SI unit ``unit`` as a float; ValueError naming ``name`` otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number or a quantity with a unit, got {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a number or a quantity with a unit, got {value!r}")
    try:
        return float(value)
    except ValueError:
        pass
    match = _NUMBER.match(value)
    if match is None or not match.group(2):
        raise ValueError(f"{name}: {value!r} is neither a number nor a quantity like '2 meV'")
    ureg = unit_registry()
    import pint
    try:
        # number and unit apart, so that offset units ("27 degC") convert too
        quantity = ureg.Quantity(float(match.group(1)), match.group(2))
        return float(quantity.to(unit).magnitude)
    except pint.DimensionalityError:
        raise ValueError(f"{name}: {value!r} has the wrong dimension, expected a value in "
                         f"{unit}") from None
    except (pint.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError,
            TypeError, ValueError, AssertionError) as err:
        raise ValueError(f"{name}: unknown unit in {value!r} ({err})") from None


# The largest magnitude a bare number (no unit) may have, per SI unit, with the unit a user who
# typed more most likely meant: a bare number is read in SI, so 0.1 for an energy is 0.1 J, 6e17
# eV.  A bare number above the bound is refused with a hint unless ``si=True`` (``--si``) says
# that SI is meant.  Bounds: what an argument of the letter's model can be (energies of the
# electrons and the exchange, a wire, temperatures of a solid, current densities to j0 = 1e16).
PLAUSIBLE: dict[str, tuple[float, str, str]] = {
    # unit: (largest |bare value|, the bound in words, the unit most likely meant)
    "J": (1.602176634e-18, "10 eV", "eV"),
    "m": (1.0, "1 m", "nm"),
    "K": (1e4, "10^4 K", "K"),
    "s": (1.0, "1 s", "ns"),
    "A/m^2": (1e18, "10^18 A/m^2", "A/m^2"),
    "kg": (1e-27, "1000 electron masses", "m_e"),
    "1/m^3": (1e32, "10^32 m^-3", "1/m^3"),
}


def plausible(name: str, value: float, unit: str, *, si: bool = False) -> float:
    """``value`` (a bare number, read in ``unit``) unless it is outside the plausible range
    of :data:`PLAUSIBLE`; then ValueError with a hint (``"0.1 J? give a unit: '0.1 eV'"``).
    ``si=True`` takes every bare number as SI.  Arrays are checked element by element."""
    bound = PLAUSIBLE.get(unit)
    if si or bound is None:
        return value
    limit, words, meant = bound
    import math
    values = [value] if isinstance(value, (int, float)) else list(getattr(value, "flat", value))
    for v in values:
        if math.isfinite(v) and abs(v) > limit:
            shown = f"{v:g}"
            hint = f"give a unit: '{shown} {meant}'" if meant != unit else "give a unit"
            raise ValueError(f"{name} = {shown} is above {words}: {shown} {unit}? {hint} "
                             f"(or --si if {unit} is meant)")
    return value


def to_si(name: str, value, unit: str, *, si: bool = True) -> float:
    """:func:`_to_si`, and with ``si=False`` a bare number outside :data:`PLAUSIBLE` refused
    (:func:`plausible`); a value with a unit is never refused for its size."""
    number = _to_si(name, value, unit)
    if not si and _bare(value):
        plausible(name, number, unit)
    return number


def _bare(value) -> bool:
    if isinstance(value, (int, float)):
        return True
    try:
        float(value)
        return True
    except (TypeError, ValueError):
        return False


def convert(value: float, unit: str, target: str) -> float:
    """``value`` in ``unit`` as a float in ``target``; pint's own error (a ValueError or a pint
    error: the caller names the value) when the unit is unknown or of another dimension."""
    return float(unit_registry().Quantity(float(value), unit).to(target).magnitude)


def read_toml(path: pathlib.Path) -> dict[str, object]:
    """A TOML file as a dict; ValueError naming the file when it is missing, a directory, or
    not TOML."""
    path = pathlib.Path(path)
    try:
        return tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise ValueError(f"no such file {str(path)!r}") from None
    except IsADirectoryError:
        raise ValueError(f"{str(path)!r} is a directory, not a TOML file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ValueError(f"{str(path)!r} is not valid TOML ({err})") from None


def load_toml(path: pathlib.Path) -> dict[str, object]:
    """The top-level keys of a TOML parameter file (``--params``); ValueError naming the file."""
    try:
        data = read_toml(path)
    except ValueError as err:
        raise ValueError(f"--params: {err}") from None
    nested = [key for key, value in data.items() if isinstance(value, dict)]
    if nested:
        raise ValueError(f"--params: {str(path)!r} has tables {nested}; put each parameter "
                         "at the top level (name = value)")
    return data
