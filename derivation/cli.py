"""The ``opza`` command line: derive, latex (and more as the package grows).

User errors (an unknown equation, a bad value, a missing argument) exit with
status 2 and a one-line message that lists the valid choices; no traceback.
"""
from __future__ import annotations

import argparse
import sys
import time

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, status 2
        self.exit(2, f"{self.prog}: error: {message}\n")


class UserError(Exception):
    """A mistake in the command line, reported in one line with status 2."""


def _check_labels(labels: list[str] | None) -> list[str] | None:
    from .chain import LABELS
    if labels is None:
        return None
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        raise UserError(f"unknown equation {', '.join(unknown)}; choose from {', '.join(LABELS)}")
    return labels


def _progress(quiet: bool) -> None:
    from .chain import STAGES
    total = len(STAGES)
    start = time.perf_counter()
    for n, (name, run) in enumerate(STAGES, 1):
        t0 = time.perf_counter()
        run()
        if not quiet:
            print(f"[{n}/{total}] {name} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr,
                  flush=True)
    if not quiet:
        print(f"derived in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)


def _derive(args) -> int:
    from . import output
    only = _check_labels(args.only)
    _progress(args.quiet)
    sys.stdout.write(output.json_text(only) if args.json else output.text(only))
    return 0


def _latex(args) -> int:
    from .chain import results
    from .latex import to_latex
    only = _check_labels(args.eq or None)
    _progress(True)
    for v in results():
        if v.section == "audit" or (only is not None and v.eq not in only):
            continue
        print(f"% ({v.eq}) {v.quantity}: {v.status}")
        print(to_latex(v.derived))
        if args.paper:
            print(f"% printed:\n{v.paper_latex}")
        print()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="opza", description=(
        "Derive the out-of-plane zero-mode theory of current-driven domain-wall motion with "
        "SymPy and check each result against the letter."))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                metavar="{derive,latex}")
    derive = sub.add_parser("derive", help="run the derivation chain and print the verdicts",
                            description="Run the whole derivation (about 15 s) and print every "
                                        "result with its verdict against the letter.")
    derive.add_argument("--json", action="store_true", help="print the JSON list of records")
    derive.add_argument("--only", nargs="+", metavar="EQ",
                        help="only these equation labels (e.g. 12a 15 estimate)")
    derive.add_argument("--quiet", action="store_true", help="no progress display on stderr")
    derive.set_defaults(run=_derive)
    latex = sub.add_parser("latex", help="LaTeX of the derived equations in the letter's notation",
                           description="Print the derived equations as LaTeX, ready to paste.")
    latex.add_argument("eq", nargs="*", metavar="EQ", help="equation labels (default: all)")
    latex.add_argument("--paper", action="store_true", help="print the letter's form beside each")
    latex.set_defaults(run=_latex)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UserError as err:
        print(f"opza {args.command}: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
