"""``python -m derivation.export.codegen [--check]``: write (or check) every generated module of numeric/."""
import argparse
import sys

from . import stale, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m derivation.export.codegen",
                                     description="Generate numeric/ kernels from the derivation.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files are stale")
    args = parser.parse_args(argv)
    if args.check:
        old = stale()
        if old:
            print("stale: " + ", ".join(map(str, old)) + "; run python -m derivation.export.codegen",
                  file=sys.stderr)
            return 1
        return 0
    for path in write():
        print(f"wrote {path}")
    return 0


sys.exit(main())
