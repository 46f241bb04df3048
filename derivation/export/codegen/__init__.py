"""Generate the numeric kernels of ``numeric/`` from the derived expressions.

    python -m derivation.export.codegen          # rewrite every generated module of numeric/
    python -m derivation.export.codegen --check  # exit 1 if a committed one is stale

Each kernel is a derived SymPy expression (nothing typed here), with the CODATA
constants put in, rewritten into a numerically stable but equal form, passed through one
``cse`` and printed by SymPy's NumPy and mpmath printers, and by its Python (math) printer
into the point functions of the numba loops, one fused parallel loop per kernel with the
argument checks inside.  The package, one job a module:

* :mod:`.kernels` — the kernel table, one builder per kernel (:func:`~.kernels.builder`);
* :mod:`.units` — the units as pint spells them;
* :mod:`.rewrites` — the stable rewrites, each an identity (cosh, expm1, remainder);
* :mod:`.printers` — the NumPy, math (numba) and mpmath printers, with the API's names;
* :mod:`.docstrings` — each kernel's docstring, in the letter's LaTeX;
* :mod:`.modules` — ``numeric/_kernels.py`` (with the checked layer's tables) and
  ``numeric/_kernels_mp.py``; :mod:`.compiled` — ``numeric/_kernels_numba.py``, whose
  helpers are the real module ``numeric/_numba_support.py``; :mod:`.beyond` —
  ``numeric/_beyond_kernels.py`` (nonlinear collective coordinates, T⊥ beyond Born);
  :mod:`.walker` — ``numeric/llg/_walker_kernels.py`` (Walker's wall, the Zhang–Li drift);
  :mod:`.rigid` — ``numeric/_rigid_kernels.py`` (the rigid-profile collective coordinates);
* ``__main__`` — the command line; :func:`generated`, :func:`write`, :func:`stale` here.
"""
from __future__ import annotations

import pathlib

__all__ = ["NUMERIC", "generated", "write", "stale"]

NUMERIC = pathlib.Path(__file__).resolve().parents[3] / "numeric"


def generated() -> dict[pathlib.Path, object]:
    """Every generated module of numeric/: its path and the function that gives its text."""
    from . import beyond, compiled, modules, rigid, walker
    return {NUMERIC / "_kernels.py": modules.numpy_module,
            NUMERIC / "_kernels_mp.py": modules.mpmath_module,
            NUMERIC / "_kernels_numba.py": compiled.numba_module,
            beyond.PATH: beyond.module, walker.PATH: walker.module, rigid.PATH: rigid.module}


def write() -> list[pathlib.Path]:
    """Write every generated module; their paths."""
    written = []
    for path, text in generated().items():
        path.write_text(text())
        written.append(path)
    return written


def stale() -> list[pathlib.Path]:
    """The generated modules whose committed text is not what the derivation gives now."""
    return [path for path, text in generated().items()
            if not path.exists() or path.read_text() != text()]
