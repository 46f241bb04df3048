"""LaTeX in the letter's notation: ξ_0, τ_{DW}, J_{sd}, T_⊥, S_∥, dots for time derivatives.

Built on ``sympy.physics.vector.printing.vlatex`` (time derivatives of
dynamic symbols as dots, no "(t)") with the symbol table's ``symbol_names``.
The display stage (:mod:`derivation.export.notation`) rewrites an expression into the
letter's functions before it is printed here.
"""
from __future__ import annotations

import sympy as sp
from sympy.physics.vector.printing import vlatex

from ..symbols import LATEX_NAMES

__all__ = ["to_latex"]

# spinor components, spin densities and placeholders: the letter's names
_FUNCTIONS = {"c_up": r"\bar{c}_{\uparrow}", "c_dn": r"\bar{c}_{\downarrow}",
              "s_x": r"\langle s_x\rangle", "s_y": r"\langle s_y\rangle", "s_z": r"\langle s_z\rangle",
              "sbar_x": r"\langle\bar{s}_x\rangle", "sbar_y": r"\langle\bar{s}_y\rangle"}
_SYMBOLS = {"f_up": r"f_{k\uparrow}", "f_dn": r"f_{k\downarrow}", "epsilon_up": r"\varepsilon_{k\uparrow}",
            "epsilon_dn": r"\varepsilon_{k\downarrow}", "varepsilon_b": r"\varepsilon_{b}"}


def to_latex(expr: sp.Basic, names: dict | None = None) -> str:
    """LaTeX of ``expr`` with the letter's symbol names (``names`` extends the table)."""
    if isinstance(expr, (bool, sp.logic.boolalg.BooleanAtom)) or expr is None:
        return str(expr)
    table = dict(LATEX_NAMES if names is None else names)
    expr = sp.sympify(expr)
    if isinstance(expr, sp.Basic):
        for s in expr.free_symbols:
            if getattr(s, "name", None) in _SYMBOLS and s not in table:
                table[s] = _SYMBOLS[s.name]
        spin = {f: sp.Symbol(f"⟦{f.func.__name__}⟧", real=True)
                for f in expr.atoms(sp.core.function.AppliedUndef)
                if f.func.__name__ in _FUNCTIONS and len(f.args) == 1 and not expr.has(sp.Derivative(f, f.args[0]))}
        for f, s in spin.items():
            table[s] = _FUNCTIONS[f.func.__name__]
        expr = expr.xreplace(spin) if spin else expr
    text = vlatex(expr, symbol_names=table)
    # functionals of ⟨s⟩ evaluated at X(t): the letter writes them without argument
    for name, printed in (("F_{0}", "F_{0}"), ("S_{par}", r"S_{\parallel}"), ("S_{z}", "S_{z}")):
        text = text.replace(name + r"{\left(X \right)}", printed)
    return text
