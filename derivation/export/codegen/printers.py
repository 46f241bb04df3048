"""The three printers of the generated code: NumPy (arrays), Python's math (numba's point
functions), mpmath (the 50-digit twins), each naming symbols as the public API does.

Arguments print under their argument names (:data:`.kernels.ARGUMENT_NAMES`), the constants
under the NumPy module's names (``HBAR``, ``K_B``, ``E_CHARGE``), a kernel's parts under
theirs (:data:`.kernels.PART_NAMES`), and φ(s, expm1(-s)) as the generated helper
``_exp_remainder`` (:mod:`.rewrites`).
"""
from __future__ import annotations

from sympy.printing.numpy import NumPyPrinter
from sympy.printing.pycode import MpmathPrinter, PythonCodePrinter

from .kernels import ARGUMENT_NAMES, CONSTANT_NAMES, PART_NAMES
from .rewrites import PHI_M

__all__ = ["NumPy", "Math", "Mp", "name_of", "numpy_printer", "math_printer", "mpmath_printer"]


def name_of(expr) -> str | None:
    """The generated code's name of a symbol (argument, constant or part), or None."""
    by_name = {str(s): n for table in (CONSTANT_NAMES, ARGUMENT_NAMES, PART_NAMES)
               for s, n in table.items()}
    return by_name.get(str(expr))


class _Names:
    """Printer mixin: the API's argument and constant names, and the helper φ(s, m)."""

    def _print_Symbol(self, expr):
        return name_of(expr) or super()._print_Symbol(expr)

    def _print_Function(self, expr):
        if expr.func == PHI_M:  # the helper φ(s, m) of the generated module
            return f"_exp_remainder({self._print(expr.args[0])}, {self._print(expr.args[1])})"
        return super()._print_Function(expr)


class NumPy(_Names, NumPyPrinter):
    """Array code: NumPy, names as in the public API."""


class Math(_Names, PythonCodePrinter):
    """Scalar code for numba: the math module, names as in the NumPy kernels; e^x and e^x - 1
    as the generated ``_exp`` and ``_expm1`` (a libm call is scalar and keeps LLVM from
    vectorising the loop)."""

    def _print_exp(self, expr):
        return f"_exp({self._print(expr.args[0])})"

    def _print_expm1(self, expr):
        return f"_expm1({self._print(expr.args[0])})"


class Mp(_Names, MpmathPrinter):
    """The mpmath twins (unrewritten expressions: φ never appears)."""


def numpy_printer() -> NumPy:
    return NumPy({"fully_qualified_modules": True, "allow_unknown_functions": True})


def math_printer() -> Math:
    return Math({"fully_qualified_modules": True, "allow_unknown_functions": True})


def mpmath_printer() -> Mp:
    return Mp({"fully_qualified_modules": True})
