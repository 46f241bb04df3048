"""opza's derivation: the letter's equations derived with SymPy and checked against the print.

Two entry points for Python users::

    import derivation
    derivation.equation("21")          # sympy.Eq(V^*, <the derived master formula>)
    derivation.equation("15", "xi0*")  # where an equation number holds several results
    derivation.results()               # every verdict record: derived, printed, status, note

Both read the disk cache of records (:mod:`derivation.export.cache`) when it holds the
current derivation's — then nothing is derived and the stages are not even imported — and
derive otherwise, in this process, storing the records for the next time; either way once
per process.  The stages themselves are modules named after the physics (``lagrangian``,
``equations_of_motion``, ``solutions``, ``torque``, ...).
"""
from __future__ import annotations

from functools import cache

__all__ = ["equation", "results"]


def _records(use_cache: bool) -> list[dict]:
    """The records, from the disk cache (importing neither the chain nor a stage) or derived."""
    from .export import cache as disk
    if use_cache:
        cached = disk.load(disk.source_key())
        if cached is not None:
            return cached
    from .export.output import records
    return records(use_cache=use_cache)


@cache
def _restored(use_cache: bool = True) -> tuple:
    """(verdict, printed left-hand side) of every result, rebuilt from its record."""
    from .export import restore
    records = _records(use_cache)
    try:
        return tuple((restore.verdict(r), restore.lhs(r)) for r in records)
    except ValueError:  # an entry this version cannot read: derive, and store it anew
        records = _records(use_cache=False)
        if use_cache:
            from .export import cache as disk
            disk.store(disk.source_key(), records)
        return tuple((restore.verdict(r), restore.lhs(r)) for r in records)


def results(*, use_cache: bool = True) -> tuple:
    """Every result of the chain as :class:`~derivation.audit.verdicts.Verdict` records, in order.

    Each is rebuilt from its record (:func:`derivation.export.restore.verdict`), whether the
    disk cache held it or it was derived now (``use_cache=False``: derive, and neither read
    nor write the cache): ``derived`` and ``printed`` are the derivation's SymPy objects,
    exactly (symbols with their assumptions); ``note`` is the note as ``opza derive`` prints
    it; ``extra`` is empty (an ``agrees-in-limit`` verdict's limit is in its note).  The
    stages' own verdicts, with the notes' expressions as markers: ``derivation.chain.results()``.
    """
    return tuple(v for v, _ in _restored(use_cache))


def equation(eq: str, quantity: str | None = None, *, use_cache: bool = True):
    """The derived form of the letter's equation ``eq`` as a ``sympy.Eq`` (left side: the
    printed left-hand side's symbol).  ``quantity`` picks one result where ``eq`` has several;
    ``KeyError`` lists the choices.  From the disk cache as :func:`results`."""
    import sympy as sp

    restored = [(v, lhs) for v, lhs in _restored(use_cache) if v.section != "audit"]
    hits = [(v, lhs) for v, lhs in restored
            if v.eq == eq and (quantity is None or v.quantity == quantity)]
    if len(hits) != 1:
        choices = [v.quantity for v, _ in restored if v.eq == eq]
        if not choices:
            labels = sorted({v.eq for v, _ in restored})
            raise KeyError(f"no derived equation {eq!r}; choose from {', '.join(labels)}")
        raise KeyError(f"equation {eq!r} has {len(choices)} results: pass quantity= one of "
                       f"{', '.join(map(repr, choices))}")
    v, lhs = hits[0]
    if isinstance(v.derived, sp.Eq):
        return v.derived
    if lhs is None:
        raise KeyError(f"({eq}) {v.quantity} has no left-hand side symbol")
    return sp.Eq(lhs, v.derived, evaluate=False)
