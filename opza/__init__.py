"""The opza application: the ``opza`` command, its figures, and the studies whose numbers
README quotes.

The two libraries are ``derivation`` (the SymPy chain, the verdicts, the generated kernels'
source) and ``numeric`` (the kernels and the spin-chain simulation); this package uses them,
and nothing in them uses it.
"""
