"""opza's derivation: the letter's equations derived with SymPy and checked against the print.

Two entry points for Python users (each runs the chain once per process, cached)::

    import derivation
    derivation.equation("21")          # sympy.Eq(V^*, <the derived master formula>)
    derivation.equation("15", "xi0*")  # where an equation number holds several results
    derivation.results()               # every verdict record: derived, printed, status, note

The stages themselves are modules named after the physics (``lagrangian``,
``equations_of_motion``, ``solutions``, ``torque``, ...).
"""
from __future__ import annotations

__all__ = ["equation", "results"]


def results():
    """Every result of the chain as :class:`~derivation.audit.verdicts.Verdict` records, in order;
    each ``note`` is text, its expressions in the letter's notation."""
    from .chain import results as _results
    from .export.records import Shown
    return tuple(Shown.of(v) for v in _results())


def equation(eq: str, quantity: str | None = None):
    """The derived form of the letter's equation ``eq`` as a ``sympy.Eq`` (left side: the
    printed left-hand side's symbol).  ``quantity`` picks one result where ``eq`` has several;
    ``KeyError`` lists the choices."""
    import sympy as sp

    from .audit.letter import PRINTED
    hits = [v for v in results() if v.eq == eq and v.section != "audit"
            and (quantity is None or v.quantity == quantity)]
    if len(hits) != 1:
        choices = [v.quantity for v in results() if v.eq == eq and v.section != "audit"]
        if not choices:
            labels = sorted({v.eq for v in results() if v.section != "audit"})
            raise KeyError(f"no derived equation {eq!r}; choose from {', '.join(labels)}")
        raise KeyError(f"equation {eq!r} has {len(choices)} results: pass quantity= one of "
                       f"{', '.join(map(repr, choices))}")
    v = hits[0]
    if isinstance(v.derived, sp.Eq):
        return v.derived
    lhs = next((p.lhs for p in PRINTED if p.eq == v.eq and p.quantity == v.quantity), None)
    if lhs is None:
        raise KeyError(f"({eq}) {v.quantity} has no left-hand side symbol")
    return sp.Eq(lhs, v.derived, evaluate=False)
