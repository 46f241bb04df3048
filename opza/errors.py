"""The ``opza`` command's user errors: one line on stderr and exit status 2, never a traceback.

A user's mistake (an unknown equation, a bad value or unit, an ``--out`` that cannot be
written, a missing optional dependency) is a :class:`UserError`, or the library's
:class:`~derivation.parameters.MissingExtra`; :func:`opza.cli.main` prints it and returns 2.
"""
from __future__ import annotations

import importlib
import os
import pathlib

from derivation.parameters import MissingExtra

__all__ = ["UserError", "MissingExtra", "EXTRAS", "require", "output_dir"]

# optional dependencies and the extra that installs each
EXTRAS = {"matplotlib": "figures", "pint": "units", "scipy": "sim", "dask": "dask",
          "numba": "fast", "xarray": "sim"}


class UserError(Exception):
    """A mistake in the command line, reported in one line with status 2."""


def require(module: str) -> None:
    """MissingExtra naming the extra when ``module`` cannot be imported."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtra(module, EXTRAS[module]) from None


def output_dir(path: pathlib.Path) -> pathlib.Path:
    """``path`` as a directory that can be written, created if needed; UserError otherwise."""
    if path.exists() and not path.is_dir():
        raise UserError(f"--out {str(path)!r} is an existing file, not a directory")
    if not path.exists() and not path.parent.is_dir():
        raise UserError(f"--out {str(path)!r}: the parent directory {str(path.parent)!r} "
                        "does not exist")
    try:
        path.mkdir(exist_ok=True)
        probe = path / f".opza-write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as err:
        raise UserError(f"--out {str(path)!r} cannot be created or written "
                        f"({err.strerror})") from None
    return path
