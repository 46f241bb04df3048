"""The checked layer: one factory builds the public functions of numeric, numeric.mp and
numeric.compiled from the generated tables (``DOMAINS``, ``DEFAULTS``, ``POSITIONAL``,
``UNITS``) of ``numeric._kernels``.

A public function binds its arguments to the generated signature (coordinates
``x``, ``t`` positional or keyword, the rest keyword-only, the letter's defaults),
converts pint Quantities to the argument's SI unit, hands dask arrays to
:func:`lazy` (one task per chunk, checks included), and otherwise calls its
backend, which checks the values and evaluates the kernel; when any argument was a
Quantity the result is one too, in the result's SI unit (:func:`with_units`).  No optional
library is imported here: pint and dask are looked up in ``sys.modules`` only,
since a Quantity or a dask array cannot exist before its library is imported.
"""
from __future__ import annotations

import inspect
import sys
import warnings
from typing import Callable

import numpy as np

from . import _kernels
from ._checks import check_array, check_scalar, outcome, refine

__all__ = ["signature", "make", "numpy_backend", "mp_backend", "lazy", "to_si", "with_units",
           "UnphysicalWarning", "faster_than_light", "C_LIGHT"]

Backend = Callable[[str, dict], object]


def signature(name: str) -> inspect.Signature:
    """The public signature of kernel ``name``, with defaults and annotations."""
    positional, defaults = _kernels.POSITIONAL[name], _kernels.DEFAULTS[name]
    params = []
    for arg, _ in _kernels.DOMAINS[name]:
        kind = (inspect.Parameter.POSITIONAL_OR_KEYWORD if arg in positional
                else inspect.Parameter.KEYWORD_ONLY)
        params.append(inspect.Parameter(arg, kind, default=defaults.get(arg, inspect.Parameter.empty),
                                        annotation="ArrayLike"))
    n_out = len(_kernels.RESULTS[name])
    returns = "float | numpy.ndarray" if n_out == 1 else \
        f"tuple[{', '.join(['float | numpy.ndarray'] * n_out)}]"
    return inspect.Signature(params, return_annotation=returns)


def to_si(kernel: str, name: str, value):
    """A pint Quantity as its magnitude in the argument's SI unit; anything else as it is."""
    pint = sys.modules.get("pint")
    if pint is None or not isinstance(value, pint.Quantity):
        return value
    unit = _kernels.UNITS[kernel][name]
    try:
        return value.m_as(unit)
    except pint.DimensionalityError:
        raise ValueError(f"{kernel}: {name} must be in {unit} or a unit of the same dimension, "
                         f"got {value!r} [{value.dimensionality}]") from None


C_LIGHT = 299792458.0  # m/s, exact


class UnphysicalWarning(UserWarning):
    """A result no physical system can have (a velocity at or above c): the inputs are outside
    the model's range, most often an energy meant in eV given as a bare number (J)."""


def faster_than_light(value) -> bool:
    """Whether any element of the velocity ``value`` (m/s, or a Quantity) has |V| ≥ c."""
    magnitude = value.m_as("m/s") if hasattr(value, "m_as") else value
    with np.errstate(invalid="ignore"):
        return bool(np.any(np.abs(np.asarray(magnitude, dtype=float)) >= C_LIGHT))


def _flag_velocities(name: str, result) -> None:
    """UnphysicalWarning for a velocity result at or above c."""
    units = _kernels.RESULT_UNITS[name]
    if "m/s" not in units:
        return
    results = result if len(units) > 1 else (result,)
    for label, unit, value in zip(_kernels.RESULTS[name], units, results):
        if unit == "m/s" and faster_than_light(value):
            warnings.warn(f"{name}: |{label}| ≥ c = {C_LIGHT:g} m/s, not a physical velocity "
                          "(bare numbers are SI: an energy 0.1 is 0.1 J, not 0.1 eV)",
                          UnphysicalWarning, stacklevel=3)


def with_units(name: str, result, arguments):
    """``result`` as Quantities in the results' SI units when an argument was a Quantity
    (quantities in, quantities out; bare numbers in, bare numbers out)."""
    pint = sys.modules.get("pint")
    if pint is None:
        return result
    quantity = next((v for v in arguments if isinstance(v, pint.Quantity)), None)
    if quantity is None:
        return result
    registry = quantity._REGISTRY
    units = _kernels.RESULT_UNITS[name]
    if len(units) == 1:
        return registry.Quantity(result, units[0])
    return tuple(registry.Quantity(r, u) for r, u in zip(result, units))


def _is_dask(value) -> bool:
    array = sys.modules.get("dask.array")
    return array is not None and isinstance(value, array.Array)


def make(name: str, backend: Backend, module: str, doc: str) -> Callable:
    """The checked public function of kernel ``name`` evaluated by ``backend``."""
    sig = signature(name)

    def public(*args, **kwargs):
        try:
            bound = sig.bind(*args, **kwargs)
        except TypeError as exc:
            raise TypeError(f"{name}(): {exc}") from None
        bound.apply_defaults()
        values = {arg: to_si(name, arg, v) for arg, v in bound.arguments.items()}
        if any(_is_dask(v) for v in values.values()):
            result = lazy(name, backend, values)
        else:
            result = backend(name, values)
            _flag_velocities(name, result)
        return with_units(name, result, bound.arguments.values())

    public.__name__ = public.__qualname__ = name
    public.__module__ = module
    public.__signature__ = sig
    public.__doc__ = inspect.cleandoc(doc)
    return public


def _unstable(name: str, J_sd, S_par) -> ValueError:
    return ValueError(f"{name}: a**3*J*S/kappa**2 + J_sd*S_par must be > 0, got "
                      f"J_sd={float(J_sd)!r}, S_par={float(S_par)!r} (unstable wall)")


def _stable_wall(name: str, checked: dict) -> None:
    """ValueError unless the stiffness a³JS/κ² + J_sd S∥ of Eq. (12b) is > 0 everywhere.

    Only its sign matters: a nan (∞ - ∞ in float64) is decided by the mpmath twin.
    """
    wall = [checked[arg] for arg, _ in _kernels.DOMAINS["stiffness"]]
    stiffness = np.asarray(_kernels.stiffness(*wall), dtype=np.float64)
    undecided = np.isnan(stiffness)
    if undecided.any():
        stiffness = np.array(stiffness, copy=True)
        stiffness[undecided] = refine("stiffness", wall, undecided)
    ok = stiffness > 0
    if not ok.all():
        at = tuple(np.argwhere(~ok)[0]) if ok.ndim else ()
        raise _unstable(name, *(np.broadcast_to(checked[k], ok.shape)[at] for k in ("J_sd", "S_par")))


def numpy_backend(name: str, values: dict):
    """Check, evaluate the NumPy kernel without floating-point warnings, check the result."""
    names = tuple(arg for arg, _ in _kernels.DOMAINS[name])
    checked = [check_array(name, arg, values[arg], domain) for arg, domain in _kernels.DOMAINS[name]]
    with np.errstate(all="ignore"):
        if name in _kernels.NEEDS_STABLE_WALL:
            _stable_wall(name, dict(zip(names, checked)))
        result = getattr(_kernels, name)(*checked)
    return outcome(name, result, checked, names)


def mp_backend(name: str, values: dict):
    """Check, evaluate the mpmath twin at the caller's ``mpmath.mp.dps``."""
    from . import _kernels_mp
    checked = {arg: check_scalar(name, arg, values[arg], domain)
               for arg, domain in _kernels.DOMAINS[name]}
    if name in _kernels.NEEDS_STABLE_WALL:
        if not _kernels_mp.stiffness(*(checked[k] for k, _ in _kernels.DOMAINS["stiffness"])) > 0:
            raise _unstable(name, checked["J_sd"], checked["S_par"])
    return getattr(_kernels_mp, name)(*checked.values())


def lazy(name: str, backend: Backend, values: dict):
    """The kernel over dask arrays: a lazy dask array (a tuple of them), one task per chunk.

    Arrays are broadcast and their chunks unified lazily; each chunk is checked
    and evaluated by ``backend`` when computed, so an error surfaces at compute
    time, naming the argument, and nothing is computed here.
    """
    import dask.array as da
    arrays = {k: v for k, v in values.items() if _is_dask(v) or np.ndim(v) > 0}
    scalars = {k: v for k, v in values.items() if k not in arrays}
    keys = list(arrays)
    blocks = da.broadcast_arrays(*(da.asarray(arrays[k]) for k in keys))
    blocks = list(da.core.unify_chunks(*(x for b in blocks for x in (b, tuple(range(b.ndim)))))[1])
    n_out = len(_kernels.RESULTS[name])

    def chunk(*parts):
        out = backend(name, {**scalars, **dict(zip(keys, parts))})
        out = out if n_out > 1 else (out,)
        return np.stack([np.broadcast_to(np.asarray(o, dtype=np.float64), parts[0].shape) for o in out])

    ndim = blocks[0].ndim
    stacked = da.map_blocks(chunk, *blocks, new_axis=0, chunks=((n_out,),) + blocks[0].chunks,
                            dtype=np.float64, meta=np.empty((0,) * (ndim + 1), dtype=np.float64),
                            name=f"opza-{name}")
    return tuple(stacked[k] for k in range(n_out)) if n_out > 1 else stacked[0]
