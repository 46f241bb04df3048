"""The records back as SymPy objects, without deriving: what ``derivation.results()`` and
``derivation.equation()`` return when the disk cache holds the current derivation.

A record keeps its expressions twice: ``derived`` in SymPy's ``str`` (what ``opza derive
--json`` prints) and, for this module, ``srepr`` — the derived and printed expressions and
the printed left-hand side in SymPy's ``srepr`` (:func:`srepr`: SymPy's, with the
assumptions of undefined functions, which SymPy's leaves out), exact where ``str`` is not:
the symbols' assumptions, ``lambda`` a Python keyword, names such as ``V^*`` or
``[kg m²/s²]``, ``E`` the symbol or Euler's number, a Float's precision, a Dummy's index.
That one form — calls of SymPy's classes with literal arguments — is read by
:func:`expression`, a small evaluator of Python's syntax tree that builds the objects
itself: nothing is passed to ``eval``, and a name that is not SymPy's, an attribute, an
operator, a comprehension or any other construct is refused (ValueError).  A string is read
only where srepr writes one — a symbol's or a function's name, a Float's digits — since
SymPy's classes would ``sympify`` (that is, evaluate) a string given anywhere else:
``Poly('…')`` runs its text.  Keywords are only assumptions and srepr's own two.
"""
from __future__ import annotations

import ast
from functools import cache

import sympy as sp
from sympy.core.assumptions import _assume_defined
from sympy.core.function import AppliedUndef, UndefinedFunction
from sympy.matrices import MatrixBase
from sympy.printing.repr import ReprPrinter

from ..audit.verdicts import Verdict

__all__ = ["srepr", "expression", "verdict", "lhs"]


class _Exact(ReprPrinter):
    """SymPy's srepr, with an undefined function's assumptions: ``Function('n_x', real=True)``
    and ``Function('n_x')`` are different functions, and srepr prints both as the second."""

    def _print_FunctionClass(self, expr):
        if issubclass(expr, AppliedUndef):
            kwargs = "".join(f", {k}={v!r}" for k, v in sorted(expr._kwargs.items()))
            return f"Function({expr.__name__!r}{kwargs})"
        return super()._print_FunctionClass(expr)


def srepr(expr) -> str:
    """``expr`` as the text :func:`expression` reads back into an equal object."""
    return _Exact().doprint(expr)


def _named(func) -> bool:
    """``func`` takes a string first argument as srepr writes it, never sympified: a name
    (Symbol, Dummy, Wild; ``Function`` itself, not its subclasses: ``exp('…')`` sympifies)
    or a Float's digits."""
    return func is sp.Function or func is sp.Float or (
        isinstance(func, type) and issubclass(func, sp.Symbol))


# the keywords srepr writes: assumptions, a Float's precision, a Dummy's index
_KEYWORDS = frozenset(_assume_defined) | {"precision", "dummy_index"}


@cache
def _names() -> dict:
    """SymPy's classes and constants by name: everything ``srepr`` writes."""
    names = {}
    for name in dir(sp):
        obj = getattr(sp, name)
        if isinstance(obj, type) and issubclass(obj, (sp.Basic, MatrixBase)) \
                or isinstance(obj, sp.Basic):  # pi, E, I, oo, zoo, nan, true, false, ...
            names[name] = obj
    return names


def _value(node):
    """The object ``node`` of an srepr text stands for."""
    if isinstance(node, ast.Constant) and (node.value is None or
                                           isinstance(node.value, (int, float, bool))):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _value(node.operand)  # Integer(-2): the literal -2; -oo
        if not (type(value) in (int, float) or isinstance(value, sp.Number)):
            raise ValueError(f"a sign before {ast.unparse(node.operand)!r}, not a number")
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Name):
        if node.id not in _names():
            raise ValueError(f"{node.id!r} is not a SymPy class or constant")
        return _names()[node.id]
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [_value(item) for item in node.elts]
        return tuple(items) if isinstance(node, ast.Tuple) else items
    if isinstance(node, ast.Call):
        func = _value(node.func)
        if not (isinstance(func, type) and issubclass(func, (sp.Basic, MatrixBase))
                or isinstance(func, UndefinedFunction)):  # Function('n_x', real=True)(x)
            raise ValueError(f"{ast.unparse(node.func)!r} cannot be called")
        for k in node.keywords:
            if k.arg not in _KEYWORDS:
                raise ValueError(f"keyword {k.arg!r} is not srepr's")
        keywords = {k.arg: _value(k.value) for k in node.keywords}
        if not all(v is None or type(v) in (bool, int) for v in keywords.values()):
            raise ValueError("a keyword's value is not a literal bool or int")
        args = [_value(a) for a in node.args[1:]]
        first = node.args[:1]
        if first and isinstance(first[0], ast.Constant) and isinstance(first[0].value, str):
            if not _named(func):
                raise ValueError(f"a string given to {ast.unparse(node.func)!r}: SymPy "
                                 "would evaluate it")
            args.insert(0, first[0].value)
        else:
            args[:0] = [_value(a) for a in first]
        return func(*args, **keywords)
    raise ValueError(f"{type(node).__name__} is not srepr")


def expression(text: str):
    """The SymPy object of the srepr ``text`` (None for ``"None"``); ValueError for
    anything that is not srepr of SymPy's classes and literals."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as err:
        raise ValueError(f"not srepr: {err}") from None
    try:
        return _value(tree.body)
    except (TypeError, AttributeError, sp.SympifyError) as err:
        raise ValueError(f"not srepr of a SymPy object: {err}") from None


def verdict(record: dict) -> Verdict:
    """The :class:`~derivation.audit.verdicts.Verdict` of ``record``.

    ``derived`` and ``printed`` are the derivation's own objects, rebuilt exactly; ``note``
    is the rendered note (its mathematics in the letter's notation, as ``opza derive``
    prints it, not the markers a stage writes); ``extra`` is empty (the limit of an
    ``agrees-in-limit`` verdict is shown in the record's ``derived_text``).
    """
    forms = record["srepr"]
    return Verdict(eq=record["eq"], quantity=record["quantity"], status=record["status"],
                   derived=expression(forms["derived"]), printed=expression(forms["printed"]),
                   paper_latex=record["paper_latex"], note=record["note"],
                   steps=tuple(record["steps"]), section=record["section"],
                   basis=record["basis"], scope=record.get("scope", ""),
                   runs=tuple(record.get("runs", ())))


def lhs(record: dict):
    """The printed left-hand side's symbol of ``record`` (None: the result is an equation,
    or the letter prints none)."""
    return expression(record["srepr"]["lhs"])
