"""The compiled loop over a batch of problems: :func:`numeric.llg._runge_kutta.run` for each.

Apart from :mod:`numeric.llg._runge_kutta` because compiling it costs as much again as the
step loop itself (numba, cached on disk); imported by
:func:`numeric.llg.runge_kutta.integrate_batch` on first use.
"""
import numba
from numba import types

from ._runge_kutta import _JIT, RHS, _ints, _vec, run

__all__ = ["batch"]


@numba.njit(types.void(types.int64, RHS, _vec, _ints, _vec, _ints, _vec, _ints, types.float64,
                       types.float64, _vec, _ints, types.int64[:, ::1]), **_JIT)
def batch(method, f, consts, c_at, y0, y_at, t_eval, t_at, rtol, atol, out, o_at, stats):
    """:func:`run` for each point b of a batch, from t = 0, each with its own steps.

    Point b's constants, start, sample times and samples are the slices [x_at[b], x_at[b+1])
    of the flat ``consts``, ``y0``, ``t_eval``, ``out``; ``stats`` has a row per point.
    """
    for b in range(c_at.size - 1):
        run(method, f, consts[c_at[b]:c_at[b + 1]], 0.0, y0[y_at[b]:y_at[b + 1]],
            t_eval[t_at[b]:t_at[b + 1]], rtol, atol, 0.0, out[o_at[b]:o_at[b + 1]], stats[b])
