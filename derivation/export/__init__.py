"""What leaves the derivation: text and JSON, LaTeX, the report, generated kernels.

``output`` (records as text/JSON/Markdown, with ``cache`` on disk) · ``notation`` and
``latex`` (the letter's notation) · ``report`` (PDF) · ``codegen`` (the kernels of
``numeric/``).  The ``opza`` command that prints them is the application, :mod:`opza.cli`.
"""
