"""The ``opza`` command: derive, latex, report, eval, figures, simulate, sweep, validity.

Each command lives in :mod:`opza.commands` (``add_commands`` registers it on the parser); a
user's mistake ends in one line on stderr and exit status 2, never a traceback
(:mod:`opza.errors`), and every such check runs before any derivation.  The parser imports
neither SymPy nor NumPy: each command imports what it needs when it runs.
"""
from __future__ import annotations

import argparse
import sys

from derivation.export import options

from .commands import derive, evaluate, figures, simulate, validity
from .errors import EXTRAS, MissingExtra, UserError

__all__ = ["main", "run", "build_parser", "dashed"]


class _Parser(argparse.ArgumentParser):
    # a function that gives the epilog, called only when the help is shown (opza eval's
    # lists every kernel's parameters: it imports numeric, which other commands do not need)
    lazy_epilog = None

    def error(self, message: str):  # one line, status 2
        self.exit(2, f"{self.prog}: error: {message}\n")

    def format_help(self) -> str:
        if self.lazy_epilog is not None:
            self.epilog = self.lazy_epilog()
        return super().format_help()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("opza")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="opza", description=(
        "Derive the out-of-plane zero-mode theory of current-driven domain-wall motion with "
        "SymPy and check each result against the letter."))
    parser.add_argument("--version", action="version", version=f"opza {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                metavar="{derive,latex,report,eval,figures,simulate,sweep,validity}")
    for command in (derive, evaluate, figures, simulate, validity):
        command.add_commands(sub)
    return parser


# commands that only derive and print: nothing to clean up at exit (no temporary files, no
# worker processes), so run() skips the interpreter's teardown after them
_PLAIN = ("derive", "latex")


def main(argv: list[str] | None = None) -> int:
    """The ``opza`` command on ``argv``: its exit status (2 for a user's mistake, 130 when
    interrupted), without leaving the process."""
    code, _ = _main(argv)
    return code


def run(argv: list[str] | None = None) -> None:
    """The ``opza`` and ``python -m opza`` entry point: :func:`main`, then exit.

    The process is set up for a derivation (:func:`derivation.export.options.prepare`); after
    ``derive`` and ``latex`` it ends at once, its output flushed, without the interpreter's
    teardown (:func:`derivation.export.options.finish`): they leave nothing to clean up.
    Ctrl-C ends any command with one line on stderr and status 130
    (:func:`derivation.export.options.interrupted`); what a command writes appears only
    when it is complete (:func:`opza.errors.staged`), so an interrupted one leaves nothing.
    """
    options.prepare()
    code, command = _main(argv)
    if command in _PLAIN or code == options.INTERRUPTED:
        options.finish(code)
    sys.exit(code)


def dashed(argv: list[str]) -> list[str]:
    """The command line with every flag in one style, words joined by dashes: ``--J_sd`` and
    ``--n_sites`` (the Python arguments' spelling, accepted for this release) are ``--J-sd``
    and ``--n-sites``; values, and everything after ``--``, are left as they are."""
    out = []
    for n, token in enumerate(argv):
        if token == "--":
            return out + argv[n:]
        if token.startswith("--") and "_" in token.partition("=")[0]:
            name, eq, value = token.partition("=")
            token = name.replace("_", "-") + eq + value
        out.append(token)
    return out


def _main(argv: list[str] | None) -> tuple[int, str]:
    command = "opza"
    try:
        parser = build_parser()
        args = parser.parse_args(dashed(sys.argv[1:] if argv is None else list(argv)))
        command = f"opza {args.command}"
        return _command(args), args.command
    except KeyboardInterrupt:
        return options.interrupted(command), ""


def _command(args) -> int:
    try:
        return args.run(args)
    except (UserError, MissingExtra) as err:
        print(f"opza {args.command}: error: {err}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as err:
        if err.name in EXTRAS:
            print(f"opza {args.command}: error: {MissingExtra(err.name, EXTRAS[err.name])}",
                  file=sys.stderr)
            return 2
        raise
