"""Compiled embedded Runge–Kutta integration of y' = f(y), f a numba kernel ``f(y, out, consts)``.

The whole step loop — stages, error norm, step-size control, dense output at the requested
times — runs compiled (:mod:`numeric.llg._runge_kutta`), calling the right-hand side
through a typed function pointer: any kernel with the signature ``kernel(y, out, consts)``
(float64 arrays, ``out`` written) is integrated without changes here, whatever its
constants hold.  Two pairs (:mod:`numeric.llg.tableaus`):

``"tsit5"``
    Tsitouras 5(4), 7 stages (FSAL), its free interpolant of order 4 (the default: on the
    chain it reaches the accuracy of DOP853 at the same rtol with fewer right-hand sides
    and half the arithmetic per stage, see README "Speed");
``"dop853"``
    Dormand–Prince 8(5,3), 12 stages, the 7th-order dense output of Hairer — the tableau,
    error norm and interpolant of ``solve_ivp(method="DOP853")``.

Tolerances mean what they mean in :func:`scipy.integrate.solve_ivp`: the local error
estimate is kept below atol + rtol·max(|y_n|, |y_{n+1}|) in the RMS norm, with SciPy's
step-size controller and initial step.  The system is autonomous: f does not see t.

numba is imported on first use; :func:`integrate` and :func:`integrate_batch` need it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["METHODS", "DEFAULT", "Solution", "integrate", "integrate_batch"]

METHODS = ("tsit5", "dop853")
DEFAULT = "tsit5"
_EPS = np.finfo(float).eps


@dataclass(frozen=True)
class Solution:
    """Samples ``y`` (len(t), n) at the times ``t``; right-hand-side calls ``nfev``,
    ``steps`` accepted and ``rejected``; ``h_next`` the step the controller proposes next."""

    t: np.ndarray
    y: np.ndarray
    nfev: int
    steps: int
    rejected: int
    h_next: float


def _compiled():
    from . import _runge_kutta
    return _runge_kutta


def _method_code(name: str, method: str) -> int:
    if method not in METHODS:
        raise ValueError(f"{name}: method must be one of {', '.join(map(repr, METHODS))}, "
                         f"got {method!r}")
    rk = _compiled()
    return rk.TSIT5 if method == "tsit5" else rk.DOP853


def _tolerances(name: str, rtol, atol) -> tuple[float, float]:
    rtol, atol = float(rtol), float(atol)
    if not rtol >= 100 * _EPS:  # SciPy's floor, NaN refused too
        raise ValueError(f"{name}: rtol must be >= {100 * _EPS:.3g}, got {rtol!r}")
    if not atol >= 0.0:
        raise ValueError(f"{name}: atol must be >= 0, got {atol!r}")
    return rtol, atol


def _problem(name: str, consts, y0, t, t0: float = 0.0):
    consts = np.ascontiguousarray(consts, dtype=float)
    y0 = np.ascontiguousarray(y0, dtype=float)
    t = np.ascontiguousarray(t, dtype=float)
    if consts.ndim != 1 or y0.ndim != 1 or y0.size == 0:
        raise ValueError(f"{name}: consts and y0 must be 1-d arrays (y0 not empty), got shapes "
                         f"{consts.shape}, {y0.shape}")
    if t.ndim != 1 or t.size == 0 or not np.all(np.isfinite(t)) or t[0] < t0 \
            or np.any(np.diff(t) < 0):
        raise ValueError(f"{name}: t must be a non-empty sorted 1-d array of finite times "
                         f">= {t0!r}, got {t!r}")
    if not np.all(np.isfinite(y0)):
        raise ValueError(f"{name}: y0 must be finite")
    return consts, y0, t


def _check(name: str, status: int) -> None:
    if status != 0:
        raise RuntimeError(f"{name}: the step size fell below 10 ulp of t (the right-hand side "
                           "returned NaN or the problem is too stiff)")


def integrate(kernel, consts, y0, t, *, method: str = DEFAULT, rtol: float = 1e-9,
              atol: float = 1e-11, t0: float = 0.0, first_step: float | None = None) -> Solution:
    """y(t) of y' = kernel(y) from y(t0) = y0, sampled at the sorted times ``t`` (>= t0).

    ``kernel``: a numba function ``kernel(y, out, consts)`` writing y' into ``out``;
    ``consts``: its constants (a float64 array, passed through).  ``first_step``: the
    first step to try (default: SciPy's choice).  Raises RuntimeError when the step
    size collapses (a NaN from the kernel ends there).
    """
    code = _method_code("integrate", method)
    rtol, atol = _tolerances("integrate", rtol, atol)
    consts, y0, t = _problem("integrate", consts, y0, t, t0)
    out = np.empty(t.size * y0.size)
    stats = np.zeros(4, dtype=np.int64)
    h_next = _compiled().run(code, kernel, consts, float(t0), y0, t, rtol, atol,
                             float(first_step or 0.0), out, stats)
    _check("integrate", int(stats[3]))
    return Solution(t=t, y=out.reshape(t.size, y0.size), nfev=int(stats[0]), steps=int(stats[1]),
                    rejected=int(stats[2]), h_next=float(h_next))


def _offsets(arrays) -> np.ndarray:
    return np.concatenate([[0], np.cumsum([a.size for a in arrays])]).astype(np.int64)


def _per_problem(t, count: int) -> list:
    """One array of times for all problems (1-d) or one per problem (2-d, or ragged)."""
    try:
        shared = np.asarray(t, dtype=float)
    except (ValueError, TypeError):  # ragged: one array per problem
        return list(t)
    return [shared] * count if shared.ndim == 1 else list(shared)


def integrate_batch(kernel, consts, y0, t, *, method: str = DEFAULT, rtol: float = 1e-9,
                    atol: float = 1e-11, strict: bool = True) -> list[Solution | None]:
    """:func:`integrate` for many problems in one compiled loop, each with its own steps.

    ``consts``, ``y0``: sequences with one entry per problem (sizes may differ); ``t`` one
    1-d array for all or a sequence of them.  Problems start at t = 0.  ``strict=False``
    returns None for a problem whose step size collapsed instead of raising.
    """
    code = _method_code("integrate_batch", method)
    rtol, atol = _tolerances("integrate_batch", rtol, atol)
    consts, y0 = list(consts), list(y0)
    if len(consts) != len(y0) or not consts:
        raise ValueError(f"integrate_batch: consts and y0 must be non-empty sequences of equal "
                         f"length, got {len(consts)} and {len(y0)}")
    times = _per_problem(t, len(y0))
    if len(times) != len(y0):
        raise ValueError(f"integrate_batch: t must be one array or one per problem, got "
                         f"{len(times)} for {len(y0)} problems")
    problems = [_problem("integrate_batch", c, y, s) for c, y, s in zip(consts, y0, times)]
    cs, ys, ts = (list(part) for part in zip(*problems))
    outs = [np.empty(s.size * y.size) for y, s in zip(ys, ts)]
    stats = np.zeros((len(ys), 4), dtype=np.int64)
    out = np.empty(sum(o.size for o in outs))
    from ._rk_batch import batch
    batch(code, kernel, np.concatenate(cs), _offsets(cs), np.concatenate(ys),
                      _offsets(ys), np.concatenate(ts), _offsets(ts), rtol, atol, out,
                      _offsets(outs), stats)
    results, at = [], 0
    for y, s, row in zip(ys, ts, stats):
        block = out[at:at + s.size * y.size].reshape(s.size, y.size)
        at += s.size * y.size
        if row[3] != 0:
            if strict:
                _check("integrate_batch", int(row[3]))
            results.append(None)
            continue
        results.append(Solution(t=s, y=block, nfev=int(row[0]), steps=int(row[1]),
                                rejected=int(row[2]), h_next=float("nan")))
    return results
