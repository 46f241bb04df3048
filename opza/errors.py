"""The ``opza`` command's user errors: one line on stderr and exit status 2, never a traceback.

A user's mistake (an unknown equation, a bad value or unit, an ``--out`` that cannot be
written, a missing optional dependency) is a :class:`UserError`, or the library's
:class:`~derivation.parameters.MissingExtra`; :func:`opza.cli.main` prints it and returns 2.
"""
from __future__ import annotations

import contextlib
import importlib
import os
import pathlib
import shutil
import tempfile

from derivation.parameters import MissingExtra

__all__ = ["UserError", "MissingExtra", "EXTRAS", "require", "output_dir", "staged", "staged_file"]

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
    """``path`` if a directory can be written there (an existing one, or a new one in an
    existing directory); UserError otherwise.  Nothing is created: :func:`staged` does that
    when the command has its output."""
    if path.exists() and not path.is_dir():
        raise UserError(f"--out {str(path)!r} is an existing file, not a directory")
    if not path.exists() and not path.parent.is_dir():
        raise UserError(f"--out {str(path)!r}: the parent directory {str(path.parent)!r} "
                        "does not exist")
    where = path if path.exists() else path.parent
    try:
        probe = where / f".opza-write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as err:
        raise UserError(f"--out {str(path)!r} cannot be created or written "
                        f"({err.strerror})") from None
    return path


@contextlib.contextmanager
def staged(path: pathlib.Path):
    """A directory to write a command's output into, whose files appear in ``path`` only when
    the block ends normally: after an error or Ctrl-C nothing is left (not even ``path``, if
    it did not exist)."""
    path = pathlib.Path(path)
    existed = path.is_dir()
    work = pathlib.Path(tempfile.mkdtemp(prefix=".opza-partial-",
                                         dir=path if existed else path.parent))
    if not existed:  # it becomes path: the permissions a new directory has (mkdtemp's are 0700)
        mask = os.umask(0)
        os.umask(mask)
        work.chmod(0o777 & ~mask)
    try:
        yield work
        if existed:
            for item in sorted(work.iterdir()):
                os.replace(item, path / item.name)
        else:
            os.replace(work, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def staged_file(path: pathlib.Path):
    """A file name to write ``path`` under, renamed to ``path`` only when the block ends
    normally (a partial file is removed after an error or Ctrl-C)."""
    path = pathlib.Path(path)
    work = path.with_name(f".{path.name}.opza-partial-{os.getpid()}")
    try:
        yield work
        os.replace(work, path)
    finally:
        work.unlink(missing_ok=True)
