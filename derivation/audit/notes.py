"""Mathematics inside the prose of a note, kept as SymPy expressions until the note is rendered.

A verdict's note is a string written while the chain derives.  Every expression in it stands
as ``show(expr)``: a marker ``⟪n⟫`` naming the expression, which this module keeps for the
process (:func:`expression`).  Showing the expression — one line of text and LaTeX in the
letter's notation — is the export layer's work, once per record
(:func:`derivation.export.records.marked`); here nothing is rendered.  :func:`plain` reads a
note with SymPy's own ``str`` of each expression.
"""
from __future__ import annotations

import re

import sympy as sp

__all__ = ["show", "expression", "plain", "MARK"]

MARK = re.compile(r"⟪(\d+)⟫")  # a marker of show(); a rendered one, ⟪text‖latex⟫, has no digits alone

_EXPRESSIONS: list = []       # every expression shown in this process, by its marker's number
_NUMBERS: dict[str, int] = {}  # srepr of an expression -> its number: equal expressions, one marker


def show(expr) -> str:
    """``expr`` as a marker in a note (the same marker for equal expressions)."""
    key = sp.srepr(expr)
    number = _NUMBERS.get(key)
    if number is None:
        number = _NUMBERS[key] = len(_EXPRESSIONS)
        _EXPRESSIONS.append(expr)
    return f"⟪{number}⟫"


def expression(number: int):
    """The expression behind the marker ``⟪number⟫``."""
    return _EXPRESSIONS[number]


def plain(note: str) -> str:
    """The note with each expression as SymPy prints it (``sympy.sstr``)."""
    return MARK.sub(lambda m: sp.sstr(expression(int(m.group(1)))), note)
