"""What leaves the derivation: text and JSON, LaTeX, the report, generated kernels, the CLI.

``output`` (records as text/JSON/Markdown, with ``cache`` on disk) · ``notation`` and
``latex`` (the letter's notation) · ``report`` (PDF) · ``codegen`` and ``codegen_beyond``
(the kernels of ``numeric/``) · ``cli`` and ``simulate_cli`` (the ``opza`` command).
"""
