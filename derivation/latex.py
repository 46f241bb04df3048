"""LaTeX in the letter's notation: ξ_0, τ_{DW}, J_{sd}, T_⊥, S_∥, dots for time derivatives.

Built on ``sympy.physics.vector.printing.vlatex`` (time derivatives of
dynamic symbols as dots, no "(t)") with the symbol table's ``symbol_names``.
"""
from __future__ import annotations

import sympy as sp
from sympy.physics.vector.printing import vlatex

from .symbols import LATEX_NAMES

__all__ = ["to_latex"]


def to_latex(expr: sp.Basic) -> str:
    """LaTeX of ``expr`` with the letter's symbol names."""
    if isinstance(expr, (bool, sp.logic.boolalg.BooleanAtom)) or expr is None:
        return str(expr)
    text = vlatex(expr, symbol_names=LATEX_NAMES)
    # functionals of ⟨s⟩ evaluated at X(t): the letter writes them without argument
    for name, printed in (("F_{0}", "F_{0}"), ("S_{par}", r"S_{\parallel}"), ("S_{z}", "S_{z}")):
        text = text.replace(name + r"{\left(X \right)}", printed)
    return text
