"""Input and result checks shared by the checked layers of ``numeric`` (no SymPy).

Each public function validates its keyword arguments against the domains the
generator wrote from the symbol table (positive, nonnegative, real) and raises
``ValueError`` naming the argument and the offending value.  A result float64
cannot hold (an intermediate overflowed, or the value itself does) is not
returned as inf or nan: the points concerned are evaluated again by the mpmath
twins, whose exponent range is unbounded, and rounded to float64; only a result
that does not fit float64 at all is an error.
"""
from __future__ import annotations

import numpy as np

__all__ = ["as_float_array", "check_array", "check_scalar", "outcome", "refine",
           "RULES"]

# domain → (test on a float64 array, text of the error)
RULES = {
    "positive": (lambda v: v > 0, "must be > 0"),
    "nonnegative": (lambda v: v >= 0, "must be >= 0"),
    "real": (lambda v: np.ones(np.shape(v), dtype=bool), ""),
}


def _not_real(kernel: str, name: str, value) -> ValueError:
    what = "a real number" if np.ndim(value) == 0 else "an array of real numbers"
    return ValueError(f"{kernel}: {name} must be {what}, got {value!r}")


def as_float_array(kernel: str, name: str, value) -> np.ndarray:
    """``value`` as a float64 array (no copy if it is one), or ValueError if it is not real."""
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value
    if value is None or isinstance(value, (bool, np.bool_, str, bytes)):
        raise _not_real(kernel, name, value)
    try:
        raw = np.asarray(value)
        if raw.dtype.kind in "iuf":
            return raw.astype(np.float64, copy=False)
        if raw.dtype.kind == "O":  # e.g. mpf or Fraction elements; None is not a number
            return np.array([float(x) for x in raw.flat], dtype=np.float64).reshape(raw.shape)
    except (TypeError, ValueError):
        pass
    raise _not_real(kernel, name, value)


def check_array(kernel: str, name: str, value, domain: str) -> np.ndarray:
    """``value`` as a float64 array, or ValueError naming ``name`` and the bad value."""
    arr = as_float_array(kernel, name, value)
    finite = np.isfinite(arr)
    if not finite.all():
        bad = arr[~finite].flat[0] if arr.ndim else arr
        raise ValueError(f"{kernel}: {name} must be finite, got {float(bad)!r}")
    if domain == "real":  # finite is all a real argument needs
        return arr
    rule, text = RULES[domain]
    ok = rule(arr)
    if not np.all(ok):
        bad = arr[~ok].flat[0] if arr.ndim else arr
        raise ValueError(f"{kernel}: {name} {text}, got {float(bad)!r}")
    return arr


def check_scalar(kernel: str, name: str, value, domain: str):
    """The mpmath twin of :func:`check_array`, for scalars."""
    import mpmath
    if value is None or isinstance(value, (bool, np.bool_, str, bytes)):
        raise _not_real(kernel, name, value)
    try:
        v = mpmath.mpf(value)
    except (TypeError, ValueError):
        raise _not_real(kernel, name, value) from None
    if not mpmath.isfinite(v):
        raise ValueError(f"{kernel}: {name} must be finite, got {value!r}")
    rule, text = RULES[domain]
    if domain != "real" and not rule(v):
        raise ValueError(f"{kernel}: {name} {text}, got {value!r}")
    return v


def refine(kernel: str, args: list, mask: np.ndarray, index: int = 0) -> np.ndarray:
    """Output ``index`` of the mpmath twin of ``kernel`` at the points of ``mask``, as float64.

    The fallback for the rare points where float64 intermediates overflow or
    underflow although the result itself is representable (e.g. k_BT → 0 in
    sech²); it costs a few hundred microseconds per point.
    """
    import mpmath

    from . import _kernels_mp
    twin = getattr(_kernels_mp, kernel, None)
    if twin is None:  # no mpmath twin: the point stays non-finite and is reported
        return np.full(int(mask.sum()), np.nan)
    shape = mask.shape
    full = [np.broadcast_to(a, shape) for a in args]
    out = np.empty(int(mask.sum()), dtype=np.float64)
    with mpmath.workdps(40):
        for n, point in enumerate(zip(*(f[mask] for f in full))):
            value = twin(*(mpmath.mpf(float(v)) for v in point))
            out[n] = float(value[index] if isinstance(value, tuple) else value)
    return out


def outcome(kernel: str, result, args: list, names: tuple) -> object:
    """Float for scalar input, arrays otherwise; non-finite points refined, or ValueError.

    ``args`` are the checked float64 arguments (in the kernel's order, named by
    ``names``); the result is broadcast to their common shape.
    """
    parts = result if isinstance(result, tuple) else (result,)
    shape = np.broadcast_shapes(*(np.shape(a) for a in args))
    out = []
    for index, part in enumerate(parts):
        part = np.asarray(part, dtype=np.float64)
        if part.shape != shape:
            part = np.broadcast_to(part, shape).copy()
        bad = ~np.isfinite(part)
        if bad.any():
            part = np.array(part, copy=True)
            part[bad] = refine(kernel, args, bad, index)
            still = ~np.isfinite(part)
            if still.any():
                point = [np.broadcast_to(a, shape)[still].flat[0] for a in args]
                values = ", ".join(f"{n}={float(v)!r}" for n, v in zip(names, point))
                raise ValueError(f"{kernel}: the result overflows float64 at {values} "
                                 "(numeric.mp evaluates it in arbitrary precision)")
        out.append(float(part) if part.ndim == 0 else part)
    return tuple(out) if isinstance(result, tuple) else out[0]

