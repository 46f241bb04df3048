"""mpmath twins of the ``numeric`` functions: same names, same signatures, scalars.

They evaluate the derived expressions as they are (no stability rewrite) at
the caller's ``mpmath.mp.dps``, with the exact SI constants; the tests hold the
NumPy kernels to them at 50 digits.  The checked layer is the one of
``numeric`` (``numeric._api``), so defaults, checks and pint Quantities behave
alike.
"""
from __future__ import annotations

from . import _kernels, _kernels_mp
from ._api import make, mp_backend

__all__ = list(_kernels.PUBLIC)

for _name in __all__:
    globals()[_name] = make(_name, mp_backend, __name__, getattr(_kernels_mp, _name).__doc__)
del _name
