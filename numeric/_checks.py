"""Input checks shared by the NumPy and mpmath front ends (no SymPy).

Each public function validates its keyword arguments against the domains the
generator wrote from the symbol table (positive, nonnegative, real) and raises
``ValueError`` naming the argument and the offending value.
"""
from __future__ import annotations

import numpy as np

__all__ = ["check_array", "check_scalar", "outcome", "is_scalar"]

_RULES = {
    "positive": (lambda v: v > 0, "must be > 0"),
    "nonnegative": (lambda v: v >= 0, "must be >= 0"),
    "real": (lambda v: True, ""),
}


def check_array(kernel: str, name: str, value, domain: str) -> np.ndarray:
    """``value`` as a float64 array, or ValueError naming ``name`` and the bad value."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{kernel}: {name} must be a real number or array, got {value!r}") from None
    finite = np.isfinite(arr)
    if not finite.all():
        bad = arr[~finite].flat[0] if arr.ndim else arr
        raise ValueError(f"{kernel}: {name} must be finite, got {float(bad)!r}")
    rule, text = _RULES[domain]
    ok = rule(arr)
    if not np.all(ok):
        bad = arr[~ok].flat[0] if arr.ndim else arr
        raise ValueError(f"{kernel}: {name} {text}, got {float(bad)!r}")
    return arr


def check_scalar(kernel: str, name: str, value, domain: str):
    """The mpmath twin of :func:`check_array`, for scalars."""
    import mpmath
    try:
        v = mpmath.mpf(value)
    except (TypeError, ValueError):
        raise ValueError(f"{kernel}: {name} must be a real number, got {value!r}") from None
    if not mpmath.isfinite(v):
        raise ValueError(f"{kernel}: {name} must be finite, got {value!r}")
    rule, text = _RULES[domain]
    if not rule(v):
        raise ValueError(f"{kernel}: {name} {text}, got {value!r}")
    return v


def outcome(kernel: str, result, scalar: bool):
    """Float for scalar input, array otherwise; ValueError if float64 overflowed."""
    parts = result if isinstance(result, tuple) else (result,)
    out = []
    for part in parts:
        part = np.asarray(part, dtype=np.float64)
        if not np.isfinite(part).all():
            raise ValueError(f"{kernel}: the result overflows float64 for these inputs "
                             "(use numeric.mp for arbitrary precision)")
        out.append(float(part) if scalar else part)
    return tuple(out) if isinstance(result, tuple) else out[0]


def is_scalar(*values) -> bool:
    return all(np.ndim(v) == 0 for v in values)
