"""Mathematics inside the prose of a note, kept as mathematics until it is rendered.

A note is a string in which every expression stands as ``show(expr)``: a marker that
carries the expression's one-line text form and its LaTeX, both in the letter's
notation (:mod:`derivation.export.notation`).  Renderers pick one:
:func:`as_text` for ``opza derive`` and JSON, :func:`as_latex` for the report.
"""
from __future__ import annotations

import re

import sympy as sp

__all__ = ["show", "as_text", "as_latex", "text_form"]

_OPEN, _SEP, _CLOSE = "⟪", "‖", "⟫"
_MARKED = re.compile(f"{_OPEN}(.*?){_SEP}(.*?){_CLOSE}", re.S)


def text_form(expr) -> str:
    """One line of readable Unicode mathematics (:func:`derivation.export.notation.text_form`)."""
    from .export.notation import text_form as unicode_text
    return unicode_text(expr)


def show(expr) -> str:
    """``expr`` as a marked piece of mathematics, to be put into a note."""
    from .export.notation import display_latex
    return f"{_OPEN}{text_form(expr)}{_SEP}{display_latex(sp.sympify(expr))}{_CLOSE}"


def as_text(note: str) -> str:
    """The note with each expression in its text form."""
    return _MARKED.sub(lambda m: m.group(1), note)


def as_latex(note: str, escape) -> str:
    """The note as LaTeX: prose through ``escape``, each expression in math mode."""
    out, last = [], 0
    for m in _MARKED.finditer(note):
        out.append(escape(note[last:m.start()]))
        out.append(f"${m.group(2)}$")
        last = m.end()
    out.append(escape(note[last:]))
    return "".join(out)
