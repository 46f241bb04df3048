"""A verdict as its JSON record: the one place where a result is rendered.

The derivation hands over :class:`~derivation.audit.verdicts.Verdict` objects, whose notes
keep their mathematics as expressions (``⟪n⟫``, :mod:`derivation.audit.notes`).  Here each is
shown in the letter's notation (:mod:`derivation.export.notation`): a note's markers become
``⟪text‖latex⟫`` (:func:`marked`), which :func:`as_text` and :func:`as_latex` read for
``opza derive`` and JSON, and for the report.
"""
from __future__ import annotations

import re

import sympy as sp

from ..audit.letter import PRINTED
from ..audit.notes import MARK, expression
from ..audit.verdicts import Verdict, _close, _sample
from .notation import _LINE as LINE
from .notation import broken_latex, display_latex, equation_latex, leading_order, text_form, width
from .restore import srepr

__all__ = ["record", "marked", "as_text", "as_latex", "whole", "lhs", "Shown"]

_OPEN, _SEP, _CLOSE = "⟪", "‖", "⟫"
_RENDERED = re.compile(f"{_OPEN}(.*?){_SEP}(.*?){_CLOSE}", re.S)


def _shown(match: re.Match) -> str:
    expr = expression(int(match.group(1)))
    return f"{_OPEN}{text_form(expr)}{_SEP}{display_latex(sp.sympify(expr))}{_CLOSE}"


def marked(note: str) -> str:
    """The note with each expression shown as ``⟪text‖latex⟫``, both in the letter's notation."""
    return MARK.sub(_shown, note)


def as_text(note: str) -> str:
    """The note with each expression in its one-line text form."""
    return _RENDERED.sub(lambda m: m.group(1), marked(note))


def as_latex(note: str, escape) -> str:
    """The note as LaTeX: prose through ``escape``, each expression in math mode: displayed
    when it holds a fraction (not squeezed into the line), inline otherwise."""
    note = marked(note)
    out, last = [], 0
    for m in _RENDERED.finditer(note):
        out.append(escape(note[last:m.start()]))
        latex = m.group(2)  # a fraction displayed, as in a paper; the rest inline
        out.append(f"\\[{latex}\\]" if r"\frac" in latex else f"${latex}$")
        last = m.end()
    out.append(escape(note[last:]))
    return "".join(out)


class Shown(Verdict):
    """A verdict whose ``note`` reads as text: each expression in the letter's notation, no
    markers (``⟪n⟫``); rendered on first reading, so that a caller who never reads a note
    does not pay for it.  What :func:`derivation.results` returns."""

    @property
    def note(self) -> str:
        shown = self.__dict__.get("_shown")
        if shown is None:
            shown = as_text(self.__dict__["_note"])
            object.__setattr__(self, "_shown", shown)
        return shown

    @note.setter
    def note(self, value: str) -> None:  # the dataclass's __init__ stores the marked note
        object.__setattr__(self, "_note", value)
        self.__dict__.pop("_shown", None)

    @classmethod
    def of(cls, v: Verdict) -> "Shown":
        from dataclasses import fields
        return cls(**{f.name: getattr(v, f.name) for f in fields(v)})


def record(v: Verdict) -> dict:
    """The JSON record (keys: eq, quantity, section, status, basis, derived, ...).

    ``derived`` is SymPy's own text (for ``sympify``); ``derived_text``, ``derived_latex``
    ``equation_latex`` (``lhs &= …``, for ``align``) and ``equation_lines`` (the same
    broken between terms for ``multline``) are the letter's notation
    (:mod:`derivation.export.notation`); ``source`` only where the letter implies the compared
    form but does not print it, ``scope`` and ``runs`` only where the verdict has them;
    ``srepr`` the derived and printed expressions and the printed left-hand side in SymPy's
    ``srepr`` (:func:`derivation.export.restore.srepr`), exact, for :mod:`derivation.export.restore` (kept in the disk cache, not
    printed: :func:`derivation.export.output.public`)."""
    audit = v.section == "audit"
    derived = whole(v)
    equation = "" if audit else equation_latex(lhs(v), derived)
    lines = "" if audit else broken_latex(lhs(v), derived)
    if not audit and lhs(v) is None and not isinstance(derived, sp.Eq):
        equation = lines = display_latex(derived)  # a number the note names, not "= …"
    text = v.derived.name if audit else text_form(v.derived)
    if v.status == "agrees-in-limit" and v.extra.get("limit"):
        # the limit the verdict found, derived from the exact form: what the letter prints
        limit = leading_order(v.derived, v.extra["limit"])
        text += f" ≃ {text_form(limit)}"
        leading = display_latex(limit)
        equation += f" \\\\\n&\\simeq {leading}"
        short = width(f"{lines} \\simeq {leading}") <= LINE and "\\\\" not in lines
        lines += f" \\simeq {leading}" if short else f" \\\\\n\\simeq {leading}"
    unit = v.extra.get("unit")  # a numeric result's SI unit (the estimate: m/s)
    if unit and not audit:
        text += f" {unit}"
        equation += rf"\,\mathrm{{{unit}}}"
        lines += rf"\,\mathrm{{{unit}}}"
    note = marked(v.note)
    printed_entry = _printed(v)
    out = {"eq": v.eq, "quantity": v.quantity, "section": v.section,
           "status": v.status, "basis": v.basis, "derived": sp.sstr(v.derived),
           "derived_text": text,
           "derived_latex": "" if audit else display_latex(v.derived),
           "equation_latex": equation, "equation_lines": lines,
           "paper_latex": v.paper_latex,
           "printed_text": "" if audit or printed_entry is None else _printed_text(printed_entry),
           "note": as_text(note), "note_marked": note, "steps": list(v.steps)}
    source = getattr(_printed(v), "source", "")
    if source:
        out["source"] = source
    if v.scope:
        out["scope"] = v.scope
    if v.runs:
        out["runs"] = list(v.runs)
    out["srepr"] = {"derived": srepr(v.derived), "printed": srepr(v.printed),
                    "lhs": srepr(lhs(v))}
    return out


def _printed_text(p) -> str:
    """The letter's printed form in the one-line notation of ``derived_text`` (the
    right-hand side; an equation as ``lhs = rhs``), with the unit its LaTeX names."""
    shown = text_form(p.expr) if not isinstance(p.expr, sp.Eq) else \
        f"{text_form(p.expr.lhs)} = {text_form(p.expr.rhs)}"
    unit = re.search(r"\\(?:mathrm|text)\{\s*(m/s|J/m\^?2?|eV|K|s)\s*\}", p.latex or "")
    return shown + (f" {unit.group(1)}" if unit else "")


def _printed(v: Verdict):
    """The letter's entry the verdict compares with, or None."""
    exact = next((p for p in PRINTED if p.eq == v.eq and p.quantity == v.quantity), None)
    # a finding beyond the letter qualifies a printed result under its own name
    return exact or next((p for p in PRINTED if p.eq == v.eq and v.paper_latex
                          and p.latex == v.paper_latex), None)


def whole(v: Verdict) -> sp.Basic:
    """The derived right-hand side of the printed equation: where the derivation compared
    the integrand of a printed integral (H_DW, H_el), the integral of the derived one,
    with the printed prefactor unless the derived integrand already carries it."""
    p = _printed(v)
    if p is None or not isinstance(v.derived, sp.Expr) or v.derived.has(sp.Integral) \
            or not isinstance(v.printed, sp.Expr) or v.printed.has(sp.Integral):
        return v.derived
    integrals = p.expr.atoms(sp.Integral) if isinstance(p.expr, sp.Expr) else set()
    if len(integrals) != 1:
        return v.derived
    integral = integrals.pop()
    prefactor = sp.simplify(p.expr / integral)
    if prefactor.has(integral.limits[0][0]):
        return v.derived
    shown = sp.Integral(v.derived, *integral.limits)
    # the compared integrand is the printed one: the same tree, else simplify decides; a
    # ratio other than 1 at a random point shows at once that they are not equal
    same = v.printed == integral.function or (
        _close(_sample(v.printed / integral.function, 1), 1)
        and sp.simplify(v.printed - integral.function) == 0)
    return prefactor * shown if same else shown


def lhs(v: Verdict) -> sp.Basic | None:
    """The printed entry's left-hand-side symbol (None when the result is an equation, or a
    finding beyond the letter that is a number or a bracket: a ratio or a tilt, not the printed
    quantity itself — its note says what it measures)."""
    if v.section == "beyond" and not getattr(v.derived, "free_symbols", {None}):
        return None
    p = _printed(v)
    if v.section == "beyond" and p is not None and not v.quantity.startswith(p.quantity):
        return None  # it qualifies that print (the critical torque qualifies V*), it is not it
    return None if p is None else p.lhs
