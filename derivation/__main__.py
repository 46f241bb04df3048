"""``python -m derivation [--json] [--only EQ ...] [--no-cache] [--jobs 1|2] [--quiet]``: the
chain with its verdicts, as ``opza derive`` prints it (:mod:`derivation.export.options`)."""
import sys

from .export import options

options.prepare()
options.finish(options.main(sys.argv[1:]))
