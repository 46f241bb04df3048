"""``python -m derivation.export.codegen [--check]``: write (or check) every generated module of numeric/."""
import sys

from . import main

sys.exit(main())
