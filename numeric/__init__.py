"""The letter's results as fast NumPy functions, generated from the derivation.

Every formula lives in the generated ``numeric._kernels`` (bare kernels, no
checks, for hot loops); the public functions here are built by one factory
(``numeric._api``) from the generated tables: they check their arguments
(``ValueError`` naming the argument and the value), accept pint Quantities
(converted to the argument's SI unit) and dask arrays (evaluated lazily, chunk
by chunk), broadcast, evaluate without floating-point warnings, and return a
float for scalar input, an array otherwise.  A result that float64 cannot hold
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

from . import _kernels
from ._api import make, numpy_backend
from ._kernels import E_CHARGE, HBAR, K_B
from .beyond_born import torque_perp_beyond_born, torque_perp_delta_k  # noqa: E402
from .nonlinear import ansatz_limit_torque, nonlinear_relaxation, stationary_state  # noqa: E402
from .rigid_profile import critical_torque, rigid_profile_branch, rigid_profile_stationary  # noqa: E402

__all__ = ["tau_dw", "xi0_star", "v_star_from_torque", "torque_perp", "v_star", "relaxation",
           "nz_profile", "wall_angle", "s_z", "j0", "eps0", "kernels", "HBAR", "K_B", "E_CHARGE",
           # beyond the letter (numeric.nonlinear, numeric.beyond_born; need scipy)
           "nonlinear_relaxation", "stationary_state", "ansatz_limit_torque",
           "torque_perp_beyond_born", "torque_perp_delta_k",
           # the rigid-profile (Walker-type) model (numeric.rigid_profile; needs scipy)
           "critical_torque", "rigid_profile_branch", "rigid_profile_stationary"]

kernels = _kernels  # the bare generated kernels: positional, unchecked

_CHECKED = """

Checked: arguments are real numbers, arrays (broadcast together), pint
Quantities (converted to the SI unit above) or dask arrays (a lazy result);
keyword-only except the coordinates x, t.  A value outside its domain, and a
result float64 cannot hold, raise ValueError naming the argument or the point.
"""

for _name in _kernels.PUBLIC:
    globals()[_name] = make(_name, numpy_backend, __name__,
                            inspect.cleandoc(getattr(_kernels, _name).__doc__) + _CHECKED)
del _name
