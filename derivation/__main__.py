"""``python -m derivation``: the same as ``opza derive`` (or any ``opza`` command)."""
import sys

from opza.cli import run

argv = sys.argv[1:]
if not argv or (argv[0].startswith("-") and argv[0] != "--version"):
    argv = ["derive", *argv]  # bare `python -m derivation [--json]` runs the derivation
run(argv)
