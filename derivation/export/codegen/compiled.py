"""The generated numba module, ``numeric/_kernels_numba.py``: one fused parallel loop per kernel.

Each kernel's point function is printed from the same expressions, stable rewrites and
``cse`` as the NumPy kernel (:func:`.modules.body`, Python's math printer), and two loops
call it (flat and 2-D), checking every array argument's domain, the wall's stability where
it matters, and the finiteness of every result in the same pass.  e^x and e^x - 1 are
generated branch-free (:func:`_exp_lines`) so that LLVM vectorises the loops; the helpers the
loops use are a real module, ``numeric/_numba_support.py``, which the generated one imports.
"""
from __future__ import annotations

import struct

import sympy as sp

from .kernels import ARGUMENT_NAMES, K, domain, kernels
from .modules import BANNER, body as kernel_body
from .printers import math_printer
from .rewrites import REMAINDER_BELOW, remainder_helper

__all__ = ["numba_module"]

_HEADER = '''"""Numba kernels of the derived expressions: one fused parallel loop per kernel (see numeric.compiled).

``_point_<name>(args)`` evaluates one point: the same expressions, stable rewrites
and CSE as the NumPy kernels of ``numeric._kernels``.  The loop ``<name>(out...,
args...)`` takes each argument as a float64 scalar or a 1-D float64 array of the
outputs' length (numba compiles one version per combination, so a scalar costs no
memory traffic); ``<name>_2d`` is the same loop over 2-D outputs, for arguments
that broadcast partly (an outer product), passed as zero-stride views, not copies.
Each loop writes every output and checks, at the same point and in the same pass,
each array argument's domain (a scalar is checked once, before the loop), the
wall's stability where it matters, and the finiteness of every result, as float
arithmetic without a branch (a branch per point costs 20-70 %): the sum of the
array arguments and the results is not finite when one of them is not.  A loop
returns the number of points that failed (0: none); the checked layer then raises
the ValueError of ``numeric`` (or refines the point).

The loops vectorise (LLVM's loop vectoriser, packed arithmetic): the point
functions are inlined into them, the failures are counted in an integer (a float
sum is a strict reduction, which LLVM does not vectorise without fastmath), and
e^x is ``_exp``, generated below from the Taylor series of e^r, branch-free and
without a libm call (libm's exp is a scalar call in every lane; numba has no
vectorised exp without Intel's SVML, which the PyPI llvmlite does not support);
within 2 ulp of e^x, subnormal results rounded once, 0 and inf where exp gives them.
The helpers the loops call (``_at``, ``_at2``, ``_value``, ``_low``, ``_pow2``) are the module
``numeric._numba_support``.

No fastmath: IEEE semantics, subnormals kept.  ``error_model='numpy'``: x/0 is inf
or nan as in NumPy, then caught by the checks, never an exception inside a
parallel loop.  ``cache=True``: compiled once per machine, then loaded from
numeric/__pycache__.
"""
import math

import numba

from ._kernels import E_CHARGE, HBAR, K_B
from ._numba_support import _at, _at2, _low, _pow2, _value
'''


def _exp_lines(printer) -> list[str]:
    """The lines of ``_exp(x)`` and ``_expm1(x)``, e^x and e^x - 1 in float64 without a libm
    call (so that LLVM vectorises).

    x = k ln2 + r with k = x/ln2 rounded to the nearest integer (adding and subtracting
    1.5·2^52) and r = (x - k ln2_hi) - k ln2_lo, ln2_hi holding 32 bits so that k ln2_hi is
    exact (Cody-Waite); |r| ≤ ln2/2, where the Taylor polynomial of e^r is cut where the first
    omitted term is below 2^-54; 2^k = 2^h 2^(k-h), h = k/2 rounded, each a normal number
    built from its exponent bits (``_pow2``), so p·2^h is exact and the last product rounds
    once, into the subnormal range too.  x is clamped to [-760, 720] first (k stays within
    ±1100, h and k - h within the normal exponents): e^x rounds to 0 below -745.2 and
    overflows above 709.8, so the clamp changes no result; a nan stays a nan.
    """
    ln2 = sp.log(2)
    bits = struct.unpack("<Q", struct.pack("<d", float(ln2)))[0] & ~((1 << 21) - 1)
    ln2_hi = struct.unpack("<d", struct.pack("<Q", bits))[0]   # 32 significant bits
    ln2_lo = float(ln2 - sp.Float(ln2_hi, 30))
    half = ln2 / 2
    degree = next(n for n in range(5, 30)
                  if half ** (n + 1) / sp.factorial(n + 1) < sp.Rational(1, 2**54))
    r = sp.Symbol("r", real=True)
    taylor = sp.horner(sp.series(sp.exp(r), r, 0, degree + 1).removeO())
    shifter = 6755399441055744.0  # 1.5·2^52: adding and subtracting it rounds to an integer
    reduction = ["    x = -760.0 if x < -760.0 else x  # e^x is 0 (or, past 720, inf) beyond; nan stays",
                 "    x = 720.0 if x > 720.0 else x",
                 f"    k = (x*{float(1 / ln2)!r} + {shifter!r}) - {shifter!r}",
                 f"    r = (x - k*{ln2_hi!r}) - k*{ln2_lo!r}",
                 f"    h = (0.5*k + {shifter!r}) - {shifter!r}"]
    # e^x - 1 = 2^k p(r) + (2^k - 1), p(r) = e^r - 1 by the same Taylor polynomial without its
    # 1: p(r) itself for k = 0 (|x| ≤ ln2/2, no cancellation: x → 0 keeps its digits), else
    # two terms that do not cancel (2^k - 1 exact; |result| ≥ 0.29 against terms ≤ 2^k); from
    # k = 1000 on, (1 + p)2^h 2^(k-h) as _exp (2^k alone is inf at k = 1024; the -1 is below
    # the last bit); -1 below -760
    minus_one = sp.horner(sp.expand(sp.series(sp.exp(r), r, 0, degree + 1).removeO() - 1))
    return ["", "@numba.njit(cache=True, error_model='numpy', inline='always')", "def _exp(x):",
            f'    """e^x branch-free (vectorisable): k = x/ln2 rounded, |r| ≤ ln2/2, Taylor degree {degree}."""',
            *reduction,
            f"    return ({printer.doprint(taylor)})*_pow2(h)*_pow2(k - h)",
            "", "", "@numba.njit(cache=True, error_model='numpy', inline='always')", "def _expm1(x):",
            '    """e^x - 1 branch-free (vectorisable), the reduction of _exp: 2^k p(r) + (2^k - 1)."""',
            *reduction,
            f"    p = {printer.doprint(minus_one)}",
            "    two_k = _pow2(h)*_pow2(k - h)",
            "    e = two_k*p + (two_k - 1.0) if k < 1000.0 else ((p + 1.0)*_pow2(h))*_pow2(k - h)",
            "    return p if k == 0.0 else e"]


def numba_module() -> str:
    """The text of ``numeric/_kernels_numba.py``."""
    printer = math_printer()
    names = [k.name for k in kernels()]
    lines = [BANNER, f"# source: the opza derivation (derivation/), SymPy {sp.__version__}",
             _HEADER.rstrip("\n"), "", f"__all__ = {names!r}", ""]
    lines += _exp_lines(printer)
    helper_name, helper = remainder_helper()
    lines += ["", "", "@numba.njit(cache=True, error_model='numpy', inline='always')",
              f"def {helper_name}(s, m):",
              f'    """φ(s) = e^{{-s}} - 1 + s without cancellation, m = expm1(-s) (series below {float(REMAINDER_BELOW):g})."""',
              f"    return {printer.doprint(helper)}"]
    for kernel in kernels():
        args = [ARGUMENT_NAMES[a] for a in kernel.args]
        outs = [f"out{n}" for n in range(len(kernel.outputs))]
        results = [f"r{n}" for n in range(len(kernel.outputs))]
        # inlined into the loops (numba's IR): an LLVM call left in a loop stops its vectorisation
        lines += ["", "", "@numba.njit(cache=True, error_model='numpy', inline='always')",
                  f"def _point_{kernel.name}({', '.join(args)}):",
                  f'    """One point of numeric._kernels.{kernel.name} (Eq. {kernel.eq})."""']
        lines += kernel_body(kernel, printer, True)
        local = {a: f"{a}_i" for a in args}
        # the checks as float arithmetic, no branch: the sum of the array arguments and the
        # results is inf or nan as soon as one of them is (or, harmlessly, when it overflows:
        # the point then goes to numeric's path), compared with the domains' lower ends; the
        # failures counted in an integer (a float sum would keep the loop from vectorising)
        finite = [f"_value({a}, {local[a]})" for a in args] + results
        lower = []
        for kind, relation in (("positive", "> 0.0"), ("nonnegative", ">= 0.0")):
            ends = [f"_low({ARGUMENT_NAMES[a]}, {local[ARGUMENT_NAMES[a]]})"
                    for a in kernel.args if domain(a) == kind]
            if ends:
                lower.append(f"({ends[0]} {relation})" if len(ends) == 1
                             else f"(min({', '.join(ends)}) {relation})")
        if any(part[0] == K for part in kernel.parts):
            wall = ", ".join(local[ARGUMENT_NAMES[a]] for a in next(
                k for k in kernels() if k.name == "stiffness").args)
            lower.append(f"(_point_stiffness({wall}) > 0.0)")
        point = [f"{', '.join(results)} = _point_{kernel.name}({', '.join(local[a] for a in args)})"]
        checks = ["total = (" + "\n         + ".join(finite) + ")",
                  "ok = (((total - total) == 0.0)" + "".join(f"\n      & {c}" for c in lower) + ")",
                  "bad += 0 if ok else 1"]
        # the flat loop: every argument a scalar or a 1-D array of the outputs' length
        lines += ["", "", "@numba.njit(parallel=True, cache=True, error_model='numpy')",
                  f"def {kernel.name}({', '.join(outs + args)}):",
                  f'    """Fused checked loop of Eq. ({kernel.eq}): {", ".join(outs)} at every point; '
                  'returns the number of points that failed."""',
                  "    bad = 0",
                  f"    for i in numba.prange({outs[0]}.shape[0]):"]
        body = [f"{local[a]} = _at({a}, i)" for a in args] + point + \
            [f"{o}[i] = {r}" for o, r in zip(outs, results)] + checks
        lines += ["        " + line.replace("\n", "\n        ") for line in body]
        lines += ["    return bad"]
        # the 2-D loop: arguments broadcast (zero strides, no copy) to the outputs' (rows, columns)
        lines += ["", "", "@numba.njit(parallel=True, cache=True, error_model='numpy')",
                  f"def {kernel.name}_2d({', '.join(outs + args)}):",
                  f'    """The loop of {kernel.name} over broadcast 2-D views: rows in parallel."""',
                  "    bad = 0",
                  f"    for i in numba.prange({outs[0]}.shape[0]):",
                  f"        for k in range({outs[0]}.shape[1]):"]
        body = [f"{local[a]} = _at2({a}, i, k)" for a in args] + point + \
            [f"{o}[i, k] = {r}" for o, r in zip(outs, results)] + checks
        lines += ["            " + line.replace("\n", "\n            ") for line in body]
        lines += ["    return bad"]
    return "\n".join(lines) + "\n"
