"""The compiled step loop of :mod:`numeric.llg.runge_kutta` (numba).

:func:`run` integrates y' = f(y) from (t0, y0) over the sample times ``t_eval`` with Tsit5
or DOP853, its whole step loop compiled: stages, error norm, step-size control, dense
output (the stages are the generated :mod:`numeric.llg._rk_steps`).  The right-hand side
``f(y, out, consts)`` arrives as a first-class function (a typed function pointer,
:data:`RHS`), so the loop is compiled once, cached on disk, and serves every kernel of
that signature.  Step-size control and norms are SciPy's (``solve_ivp``):
scale = atol + rtol·max(|y_n|, |y_{n+1}|), the RMS norm (DOP853: Hairer's combination of
its 5th- and 3rd-order estimates), factor 0.9·err^(-1/(q+1)) within [0.2, 10] (q the
order of the error estimate), no growth right after a rejection, Hairer's initial step,
failure when the step falls below 10 ulp of t.

The loop over a batch is :mod:`numeric.llg._rk_batch` (compiled on its first use: compiling
it costs as much again as this loop).

``stats`` receives (right-hand-side calls, accepted steps, rejected steps, status);
status 0 is success, -1 a step below 10 ulp of t (in practice: f returned NaN).
"""
import numba
import numpy as np
from numba import types

from ._rk_steps import (dop853_dense, dop853_error, dop853_stages, tsit5_dense, tsit5_error,
                        tsit5_stages)

__all__ = ["RHS", "TSIT5", "DOP853", "run"]

TSIT5, DOP853 = 0, 1
SAFETY, MIN_FACTOR, MAX_FACTOR = 0.9, 0.2, 10.0

_vec = types.float64[::1]
_ints = types.int64[::1]
RHS = types.FunctionType(types.void(_vec, _vec, _vec))
_JIT = dict(cache=True, nogil=True, fastmath={"nsz", "arcp", "contract", "reassoc"},
            error_model="numpy")


@numba.njit(**_JIT)
def _rms(v, y, rtol, atol):
    # ‖v / (atol + rtol |y|)‖_RMS
    total = 0.0
    for i in range(v.size):
        q = v[i] / (atol + rtol * abs(y[i]))
        total += q * q
    return np.sqrt(total / v.size)


@numba.njit(**_JIT)
def _initial_step(f, consts, y0, f0, span, error_order, rtol, atol, work, f1):
    # Hairer's initial step (SciPy's select_initial_step); one call of f
    d0 = _rms(y0, y0, rtol, atol)
    d1 = _rms(f0, y0, rtol, atol)
    h0 = 1e-6 if d0 < 1e-5 or d1 < 1e-5 else 0.01 * d0 / d1
    h0 = min(h0, span)
    for i in range(y0.size):
        work[i] = y0[i] + h0 * f0[i]
    f(work, f1, consts)
    for i in range(y0.size):
        work[i] = f1[i] - f0[i]
    d2 = _rms(work, y0, rtol, atol) / h0
    if d1 <= 1e-15 and d2 <= 1e-15:
        h1 = max(1e-6, h0 * 1e-3)
    else:
        h1 = (0.01 / max(d1, d2)) ** (1.0 / (error_order + 1))
    return min(100 * h0, h1, span)


@numba.njit(**_JIT)
def _dop853_evaluate(y, F, x, out):
    # SciPy's Dop853DenseOutput: F6 … F0 summed, times x and 1 - x alternately, plus y
    for i in range(y.size):
        v = 0.0
        for m in range(7):
            v += F[6 - m, i]
            v *= x if m % 2 == 0 else 1.0 - x
        out[i] = v + y[i]


@numba.njit(types.float64(types.int64, RHS, _vec, types.float64, _vec, _vec, types.float64,
                          types.float64, types.float64, _vec, _ints), **_JIT)
def run(method, f, consts, t0, y0, t_eval, rtol, atol, h_start, out, stats):
    """Integrate from (t0, y0) to t_eval[-1]; ``out`` (len(t_eval)·n,) receives the samples.

    ``method`` :data:`TSIT5` or :data:`DOP853`; ``h_start`` > 0 the first step to try
    (else Hairer's choice).  Returns the step the controller proposes next.
    """
    n, nt = y0.size, t_eval.size
    stages, error_order = (6, 4) if method == TSIT5 else (12, 7)
    exponent = -1.0 / (error_order + 1)
    K = np.empty((16 if method == DOP853 else 7, n))  # rows 0 and `stages` unused: k_first, k_last
    F = np.empty((7 if method == DOP853 else 0, n))
    y, y_new, work = y0.copy(), np.empty(n), np.empty(n)
    k_first, k_last = np.empty(n), np.empty(n)
    partial = np.empty((2, n))  # the error estimates' sums over all but the last stage
    stats[:] = 0
    k = 0
    while k < nt and t_eval[k] <= t0:  # samples at t0: the state itself (θ = 0)
        out[k * n:(k + 1) * n] = y0
        k += 1
    if k == nt:
        return h_start
    t_bound = t_eval[nt - 1]
    f(y, k_first, consts)
    nfev = 1
    h_abs = h_start
    if h_abs <= 0.0:
        h_abs = _initial_step(f, consts, y, k_first, t_bound - t0, error_order, rtol, atol, work,
                              K[1])
        nfev += 1
    t = t0
    while t < t_bound:
        min_step = 10.0 * abs(np.nextafter(t, np.inf) - t)
        h_abs = max(h_abs, min_step)
        rejected = False
        while True:
            if h_abs < min_step:
                stats[0], stats[3] = nfev, -1
                return h_abs
            t_new = min(t + h_abs, t_bound)
            h = t_new - t
            if method == TSIT5:
                tsit5_stages(f, consts, y, k_first, K, k_last, h, work, y_new, partial)
                err = tsit5_error(y, y_new, k_last, partial, h, rtol, atol)
            else:
                dop853_stages(f, consts, y, k_first, K, k_last, h, work, y_new, partial)
                err = dop853_error(y, y_new, k_last, partial, h, rtol, atol)
            nfev += stages
            # SciPy's controller; a NaN error (f failed) is a rejection by MIN_FACTOR
            if err < 1.0:
                factor = MAX_FACTOR if err == 0.0 else min(MAX_FACTOR, SAFETY * err ** exponent)
                h_abs = h * (min(1.0, factor) if rejected else factor)
                break
            h_abs = h * (MIN_FACTOR if err != err else max(MIN_FACTOR, SAFETY * err ** exponent))
            rejected = True
            stats[2] += 1
        if k < nt and t_eval[k] <= t_new:  # dense output at the samples in (t, t_new]
            if method == DOP853:
                dop853_dense(f, consts, y, y_new, k_first, K, k_last, h, work, F)
                nfev += 3
            while k < nt and t_eval[k] <= t_new:
                theta = (t_eval[k] - t) / h
                if method == TSIT5:
                    tsit5_dense(y, k_first, K, k_last, h, theta, out[k * n:(k + 1) * n])
                else:
                    _dop853_evaluate(y, F, theta, out[k * n:(k + 1) * n])
                k += 1
        t = t_new
        y, y_new = y_new, y
        k_first, k_last = k_last, k_first  # FSAL: f(y_new) is the next step's k_0
        stats[1] += 1
    stats[0] = nfev
    return h_abs
