"""``python -m opza``: the ``opza`` command."""
from .cli import run

run()
