"""The parts of the ``opza`` command, one module each: ``derive`` (derive, latex, report),
``evaluate`` (eval), ``figures``, ``simulate`` (simulate, sweep), ``validity``; each has
``add_commands(subparsers)``."""
