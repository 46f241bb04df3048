"""The derivation on a command line: ``python -m derivation`` and the options ``opza`` shares.

``python -m derivation [--json] [--only EQ ...] [--no-cache] [--jobs 1|2] [--quiet]`` prints
the chain with its verdicts (text, or the JSON records), as ``opza derive`` does; the options
(:func:`add_options`, :func:`add_jobs`), the check of equation labels (:func:`check_labels`,
before any derivation) and the printing (:func:`derive`) are the ones ``opza derive``,
``latex`` and ``report`` use (:mod:`opza.commands.derive`).

A derivation is SymPy allocating millions of small objects that live as long as its caches:
:func:`prepare` sets the process up for it, and :func:`finish` ends the process once the
output is flushed, without the interpreter's teardown.
"""
from __future__ import annotations

import argparse
import gc
import os
import re
import sys

__all__ = ["UnknownLabels", "check_labels", "normal_labels", "jobs", "default_jobs", "add_jobs", "add_options",
           "derive", "prepare", "finish", "interrupted", "INTERRUPTED", "main"]

INTERRUPTED = 130  # the exit status of a command ended by Ctrl-C (128 + SIGINT), as shells use


class UnknownLabels(ValueError):
    """Equation labels the derivation does not have; the message lists the choices."""


def check_labels(labels: list[str] | None) -> list[str] | None:
    """``labels`` as labels of :data:`derivation.chain.LABELS`, else UnknownLabels.

    Written as a reader would: ``(21)``, ``Eq. 21`` and ``21`` are 21; ``12`` is 12a and 12b,
    the equations the letter numbers 12 (:func:`normal_labels`)."""
    from ..chain import LABELS
    if labels is None:
        return None
    out, unknown = [], []
    for label in labels:
        found = normal_labels(label, LABELS)
        if not found:
            unknown.append(label)
        out += [eq for eq in found if eq not in out]
    if unknown:
        raise UnknownLabels(f"unknown equation {', '.join(unknown)}; choose from {', '.join(LABELS)}")
    return out


def normal_labels(label: str, known) -> list[str]:
    """The labels of ``known`` that ``label`` names: itself, without parentheses or a leading
    "Eq."; a number the letter splits (12 → 12a, 12b); [] when none."""
    bare = re.sub(r"^(eqs?\.?|equation)\s*", "", label.strip(), flags=re.I).strip()
    bare = bare.removeprefix("(").removesuffix(")").strip().lower()
    if bare in known:
        return [bare]
    return [eq for eq in known if re.fullmatch(re.escape(bare) + "[a-z]", eq)] if bare.isdigit() else []


def jobs(text: str) -> int:
    """--jobs: 1 or 2 processes for a derivation that is not in the disk cache."""
    if text not in ("1", "2"):
        raise argparse.ArgumentTypeError(f"--jobs must be 1 or 2, not {text!r}")
    return int(text)


def default_jobs() -> int:
    """2 where a second core is free for a second process, else 1."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 if (cores or 1) >= 2 else 1


def add_jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=jobs, default=None, metavar="N",
                        help="derive in N = 1 or 2 processes when the records are not cached "
                             "(default: 2 when two cores are available)")


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options of printing the chain: --json, --only, --quiet, --no-cache, --jobs."""
    parser.add_argument("--json", action="store_true", help="print the JSON list of records")
    parser.add_argument("--only", nargs="+", metavar="EQ",
                        help="only these equation labels (e.g. 12 for 12a and 12b, (15), estimate)")
    parser.add_argument("--quiet", action="store_true", help="no progress display on stderr")
    parser.add_argument("--no-cache", action="store_true",
                        help="derive again instead of reading the disk cache")
    add_jobs(parser)


def derive(args: argparse.Namespace) -> int:
    """Print the chain (text or JSON) as the parsed options of :func:`add_options` say."""
    from . import output
    only = check_labels(args.only)
    options = dict(use_cache=not args.no_cache, progress=not args.quiet,
                   jobs=args.jobs or default_jobs())
    sys.stdout.write(output.json_text(only, **options) if args.json
                     else output.text(only, **options))
    return 0


def prepare() -> None:
    """Set the process up for a derivation, before SymPy is imported."""
    if "sympy" not in sys.modules:
        # SymPy's cache of results is an LRU of 1000 entries unless told otherwise: the
        # derivation re-derives what falls out of it (unbounded: 7 % less time, +10 MB)
        os.environ.setdefault("SYMPY_CACHE_SIZE", "None")
    # the young generation's collection every 700 allocations finds little among objects that
    # live as long as SymPy's caches (every 50000: 3 % less time)
    gc.set_threshold(50000, 20, 20)


def finish(code: int):
    """End the process with ``code`` once stdout and stderr are flushed: freeing SymPy's caches
    object by object at interpreter teardown takes 0.2 s of a 3 s cold derivation, and a
    command that only derived and printed leaves nothing to clean up."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def interrupted(prog: str) -> int:
    """Ctrl-C: one line on stderr, :data:`INTERRUPTED` to exit with; a second Ctrl-C while the
    process ends is ignored (no traceback from the clean-up)."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stdout.flush()
    print(f"{prog}: interrupted", file=sys.stderr, flush=True)
    return INTERRUPTED


def main(argv: list[str] | None = None) -> int:
    """``python -m derivation``: parse, print; an unknown label is one line and status 2,
    Ctrl-C one line and status 130."""
    parser = argparse.ArgumentParser(
        prog="python -m derivation", description="Run the whole derivation and print every "
        "result with its verdict against the letter (the same as opza derive).")
    add_options(parser)
    try:
        args = parser.parse_args(argv)
        return derive(args)
    except UnknownLabels as err:
        print(f"{parser.prog}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return interrupted(parser.prog)
