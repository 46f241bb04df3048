"""The derivation's numbers: the letter's results as fast checked functions, and what goes beyond.

Three kinds of code live here, each marked: the kernels **generated** from the derivation
(``numeric._kernels``, ``_kernels_mp``, ``_kernels_numba``, ``_beyond_kernels``: every
formula, nothing typed) and their checked layer (``_api``, ``_checks``, ``mp``,
``compiled``); the solvers **beyond the letter** built on generated kernels
(``numeric.nonlinear``: the collective coordinates at finite ξ0; ``numeric.beyond_born``: T⊥
beyond Born); and the hand-written **simulation** of the letter's spin chain, its comparison
with the collective coordinates and its sweeps (``numeric.llg``, imported on its own).

Every formula of the letter's results lives in the generated ``numeric._kernels`` (bare
kernels, no checks, for hot loops); the public functions here are built by one factory
(``numeric._api``) from the generated tables: they check their arguments
(``ValueError`` naming the argument and the value), accept pint Quantities
(converted to the argument's SI unit) and dask arrays (evaluated lazily, chunk
by chunk), broadcast, evaluate without floating-point warnings, and return a
float for scalar input, an array otherwise; when any argument is a Quantity the
result is a Quantity in the result's SI unit (quantities in, quantities out).  A
velocity at or above c is returned with an :class:`UnphysicalWarning`.  A result that float64 cannot hold
is an error, never inf or nan.  ``numeric.mp`` has mpmath twins and
``numeric.compiled`` numba kernels with the same names and signatures.
Importing this package does not import SymPy, numba, SciPy, pint or dask.

Conventions (SI): energies J, mu, eps0, J_sd in joules; T in kelvin; j, j0 in
A/m²; lengths in metres; S dimensionless; S_par in metres; T_perp
dimensionless (the per-site convention the dimensional audit fixes).  The
derived T⊥ carries the spin length S, which the letter's Eq. (19) omits:
``S=1`` reproduces the printed Eq. (20)-(21).  ``kernels.UNITS``,
``kernels.RESULT_UNITS``, ``kernels.DEFAULTS`` and ``kernels.EQUATIONS`` give
each function's units, defaults and equation.
"""
from __future__ import annotations

import inspect

from . import _kernels, beyond_born, nonlinear, rigid_profile
from ._api import UnphysicalWarning, faster_than_light, make, numpy_backend
from ._kernels import E_CHARGE, HBAR, K_B

# the generated kernels' public functions, the constants, and the functions beyond the letter
# (numeric.nonlinear, numeric.beyond_born, numeric.rigid_profile; they need scipy): every list
# made elsewhere
__all__ = [*_kernels.PUBLIC, "kernels", "HBAR", "K_B", "E_CHARGE", "UnphysicalWarning",
           "faster_than_light", *nonlinear.__all__,
           *beyond_born.__all__, *rigid_profile.__all__]

kernels = _kernels  # the bare generated kernels: positional, unchecked

_CHECKED = """

Checked: arguments are real numbers, arrays (broadcast together), pint
Quantities (converted to the SI unit above; the result is then a Quantity)
or dask arrays (a lazy result);
keyword-only except the coordinates x, t.  A value outside its domain, and a
result float64 cannot hold, raise ValueError naming the argument or the point.
"""

for _name in _kernels.PUBLIC:
    globals()[_name] = make(_name, numpy_backend, __name__,
                            inspect.cleandoc(getattr(_kernels, _name).__doc__) + _CHECKED)
for _module in (nonlinear, beyond_born, rigid_profile):
    for _name in _module.__all__:
        globals()[_name] = getattr(_module, _name)
del _name, _module
