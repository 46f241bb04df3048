"""The numba support of the generated loops (numeric/_kernels_numba.py), imported by them.

``_at`` and ``_at2`` read an argument at a point, or the argument itself when it is a scalar
(resolved when numba compiles a loop: one version per pattern of scalar and array
arguments); ``_value`` and ``_low`` give a point's value for the finiteness sum and the domain
check, or a neutral value for a scalar (checked once, before the loop); ``_pow2`` builds 2^k
from its exponent bits, for the generated ``_exp`` and ``_expm1``.
"""
import math

from llvmlite import ir
from numba import types
from numba.extending import intrinsic, overload

__all__ = ["_at", "_at2", "_value", "_low", "_pow2"]


def _at(x, i):
    """x[i] for a 1-D array, x itself for a scalar: resolved when numba compiles a loop."""
    raise NotImplementedError("_at is for numba-compiled code")


@overload(_at, inline="always")
def _at_overload(x, i):
    if isinstance(x, types.Array):
        return lambda x, i: x[i]
    return lambda x, i: x


def _at2(x, i, k):
    """x[i, k] for a 2-D array (a broadcast view), x itself for a scalar."""
    raise NotImplementedError("_at2 is for numba-compiled code")


@overload(_at2, inline="always")
def _at2_overload(x, i, k):
    if isinstance(x, types.Array):
        return lambda x, i, k: x[i, k]
    return lambda x, i, k: x


def _value(x, v):
    """The point v of argument x, for the finiteness sum; 0.0 for a scalar x (checked before)."""
    raise NotImplementedError("_value is for numba-compiled code")


def _low(x, v):
    """The point v of argument x, to compare with its domain's lower end; inf for a scalar x."""
    raise NotImplementedError("_low is for numba-compiled code")


@overload(_value, inline="always")
def _value_overload(x, v):
    if isinstance(x, types.Array):
        return lambda x, v: v
    return lambda x, v: 0.0  # the loop never re-checks a scalar


@overload(_low, inline="always")
def _low_overload(x, v):
    if isinstance(x, types.Array):
        return lambda x, v: v
    return lambda x, v: math.inf


@intrinsic
def _pow2(typingctx, k):
    """2.0**k for a float64 k holding an integer in [-1022, 1023], built from its exponent bits:
    k + 1.5·2^52 holds k in its low bits (no float-to-int conversion), k + 1023 goes to bit 52."""
    if not isinstance(k, types.Float):
        return None

    def codegen(context, builder, signature, args):
        double, i64 = ir.DoubleType(), ir.IntType(64)
        shifted = builder.bitcast(builder.fadd(args[0], ir.Constant(double, 6755399441055744.0)), i64)
        biased = builder.sub(shifted, ir.Constant(i64, 0x4338000000000000 - 1023))
        return builder.bitcast(builder.shl(biased, ir.Constant(i64, 52)), double)
    return types.float64(types.float64), codegen
