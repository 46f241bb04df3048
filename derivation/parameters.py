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

__all__ = ["MissingExtra", "to_si", "convert", "read_toml", "load_toml", "unit_registry"]

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


def to_si(name: str, value, unit: str) -> float:
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
