"""The ``opza`` command line: derive, latex, report, eval, figures.

A user's mistake (an unknown equation, a bad value or unit, an ``--out`` that
cannot be written, a missing optional dependency) ends in one line on stderr and
exit status 2, never a traceback; every such check runs before any derivation.
"""
from __future__ import annotations

import argparse
import importlib
import os
import pathlib
import sys

from ..parameters import MissingExtra

__all__ = ["main", "build_parser", "UserError"]

# optional dependencies and the extra that installs each
EXTRAS = {"matplotlib": "figures", "pint": "units", "scipy": "sim", "dask": "dask",
          "numba": "fast", "xarray": "sim"}


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


class UserError(Exception):
    """A mistake in the command line, reported in one line with status 2."""


def _require(module: str) -> None:
    """MissingExtra naming the extra when ``module`` cannot be imported."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtra(module, EXTRAS[module]) from None


def _output_dir(path: pathlib.Path) -> pathlib.Path:
    """``path`` as a directory that can be written, created if needed; UserError otherwise."""
    if path.exists() and not path.is_dir():
        raise UserError(f"--out {str(path)!r} is an existing file, not a directory")
    if not path.exists() and not path.parent.is_dir():
        raise UserError(f"--out {str(path)!r}: the parent directory {str(path.parent)!r} "
                        "does not exist")
    try:
        path.mkdir(exist_ok=True)
        probe = path / f".opza-write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as err:
        raise UserError(f"--out {str(path)!r} cannot be created or written "
                        f"({err.strerror})") from None
    return path


def _check_labels(labels: list[str] | None) -> list[str] | None:
    from ..chain import LABELS
    if labels is None:
        return None
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        raise UserError(f"unknown equation {', '.join(unknown)}; choose from {', '.join(LABELS)}")
    return labels


def _jobs(text: str) -> int:
    """--jobs: 1 or 2 processes for a derivation that is not in the disk cache."""
    if text not in ("1", "2"):
        raise argparse.ArgumentTypeError(f"--jobs must be 1 or 2, not {text!r}")
    return int(text)


def _default_jobs() -> int:
    # a second process only where a second core is free for it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 if (cores or 1) >= 2 else 1


def _add_jobs(parser) -> None:
    parser.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                        help="derive in N = 1 or 2 processes when the records are not cached "
                             "(default: 2 when two cores are available)")


def _derive(args) -> int:
    from . import output
    only = _check_labels(args.only)
    options = dict(use_cache=not args.no_cache, progress=not args.quiet,
                   jobs=args.jobs or _default_jobs())
    sys.stdout.write(output.json_text(only, **options) if args.json
                     else output.text(only, **options))
    return 0


_LATEX_HELP = ("Each snippet is one equation 'lhs &= rhs' for an align environment (join several "
               "with \\\\); it needs \\usepackage{amsmath} (align, \\operatorname, matrix).")


def _latex(args) -> int:
    from .notation import PACKAGES
    from .output import records
    only = _check_labels(args.eq or None)
    packages = " ".join(r"\usepackage{%s}" % p for p in PACKAGES)
    print(f"% opza latex: derived equations in the letter's notation; needs {packages}; "
          r"paste into \begin{align} ... \end{align}")
    for r in records(only, use_cache=not args.no_cache, jobs=args.jobs or _default_jobs()):
        if r["section"] == "audit":
            continue
        print(f"% ({r['eq']}) {r['quantity']}: {r['status']}")
        print(r["equation_latex"])
        if args.paper:
            print(f"% printed:\n% {r['paper_latex']}")
        print()
    return 0


def _report(args) -> int:
    import shutil
    from . import report
    out = _output_dir(args.out)
    from .output import records
    tex = report.write(out, records(use_cache=not args.no_cache, progress=not args.quiet,
                                    jobs=args.jobs or _default_jobs()))
    print(f"wrote {tex}")
    if args.no_pdf:
        return 0
    if shutil.which("pdflatex") is None:
        print("pdflatex not found: LaTeX source only (Debian: apt-get install texlive-latex-base)",
              file=sys.stderr)
        return 0
    print(f"wrote {report.compile_pdf(tex)}")
    return 0


# -- opza eval --------------------------------------------------------------------------------

def _letter_defaults() -> dict[str, float]:
    """The letter's own numbers (text below Eq. 21): the defaults of ``opza eval``."""
    from ..audit.letter import ESTIMATE
    return {"lam": float(ESTIMATE["lam"]), "alpha": float(ESTIMATE["alpha"]),
            "j": float(ESTIMATE["j"]), "j0": float(ESTIMATE["j0"])}


def _eval_kernels() -> list[str]:
    import numeric
    return [n for n in numeric.__all__ if callable(getattr(numeric, n))
            and n in numeric.kernels.DOMAINS]


def _parameters(kernel: str) -> list[tuple[str, str, str, object]]:
    """(name, SI unit, domain, default or None) of each argument of ``kernel``."""
    import inspect

    import numeric
    signature = inspect.signature(getattr(numeric, kernel))
    letter = _letter_defaults()
    rows = []
    for name, domain in numeric.kernels.DOMAINS[kernel]:
        default = signature.parameters[name].default
        if name in letter:
            default = letter[name]
        elif default is inspect.Parameter.empty:
            default = None
        rows.append((name, numeric.kernels.UNITS[kernel][name], domain, default))
    return rows


def _unit_text(unit: str) -> str:
    return "" if unit == "dimensionless" else f" {unit}"


def _kernel_help(kernel: str) -> str:
    import numeric
    summary = (getattr(numeric, kernel).__doc__ or "").strip().splitlines()[0]
    lines = [f"usage: opza eval {kernel} [--params FILE.toml] [--NAME VALUE ...]", "",
             f"{kernel}: {summary}", "",
             "parameters (a plain number is in the SI unit shown; a unit may be given, "
             "e.g. --T '300 K', --J_sd '2 meV'):"]
    letter = _letter_defaults()
    for name, unit, domain, default in _parameters(kernel):
        rule = {"positive": "> 0", "nonnegative": ">= 0", "real": "real"}[domain]
        if default is None:
            text = "required"
        else:
            text = f"default {default:g}{_unit_text(unit)}"
            if name in letter:
                text += " (the letter's)"
        lines.append(f"  --{name:<7} {'[' + unit + ']':<16} {rule:<5} {text}")
    units = numeric.kernels.RESULT_UNITS[kernel]
    lines.append("")
    lines.append("prints: " + ", ".join(f"{label} [{unit}]" for label, unit in
                                        zip(_result_labels(kernel), units)))
    return "\n".join(lines)


def _result_labels(kernel: str) -> tuple[str, ...]:
    import numeric
    names = numeric.kernels.RESULTS[kernel]
    return (kernel,) if len(names) == 1 else names


def _split_pairs(kernel: str, tokens: list[str]) -> tuple[dict[str, str], str | None, bool]:
    """``--name value`` and ``--name=value`` pairs, the ``--params`` file, and whether help was asked."""
    pairs: dict[str, str] = {}
    params = None
    tokens = list(tokens)
    while tokens:
        flag = tokens.pop(0)
        if flag in ("-h", "--help"):
            return pairs, params, True
        if not flag.startswith("--") or len(flag) == 2:
            raise UserError(f"expected --name value, got {flag!r}; "
                            f"see: opza eval {kernel} --help")
        name, eq, value = flag[2:].partition("=")
        if not eq:
            if not tokens:
                raise UserError(f"--{name} needs a value")
            value = tokens.pop(0)
        if name == "params":
            params = value
        else:
            pairs[name] = value
    return pairs, params, False


def _eval(args) -> int:
    import inspect
    import warnings

    import numeric
    from ..parameters import load_toml, to_si

    kernels = _eval_kernels()
    if args.kernel not in kernels:
        raise UserError(f"unknown kernel {args.kernel!r}; choose from {', '.join(kernels)}")
    pairs, params_file, want_help = _split_pairs(args.kernel, args.pairs)
    if want_help:
        print(_kernel_help(args.kernel))
        return 0
    rows = {name: (unit, default) for name, unit, _, default in _parameters(args.kernel)}
    names = list(rows)
    for name in pairs:
        if name not in rows:
            raise UserError(f"{args.kernel} has no parameter {name!r}; choose from "
                            f"{', '.join(names)}")
    from_file = {}
    if params_file is not None:
        try:
            from_file = load_toml(pathlib.Path(params_file))
        except ValueError as err:
            raise UserError(str(err)) from None
        known = _all_parameter_names()
        strangers = sorted(set(from_file) - known)
        if strangers:
            raise UserError(f"--params {params_file!r}: unknown parameter {strangers[0]!r}; "
                            f"parameters are {', '.join(sorted(known))}")
    given = {**{k: v for k, v in from_file.items() if k in rows}, **pairs}
    values, defaulted = {}, []
    for name, (unit, default) in rows.items():
        if name in given:
            try:
                values[name] = to_si(name, given[name], unit)
            except ValueError as err:
                raise UserError(f"bad value for --{err}") from None
        elif default is not None:
            values[name] = default
            defaulted.append(name)
    missing = [n for n in names if n not in values]
    if missing:
        raise UserError(f"{args.kernel} needs --{', --'.join(missing)}; "
                        f"see: opza eval {args.kernel} --help")
    func = getattr(numeric, args.kernel)
    signature = inspect.signature(func)
    positional = [values.pop(n) for n, p in signature.parameters.items()
                  if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # never a warning on the terminal
            result = func(*positional, **values)
    except (ValueError, ArithmeticError, RuntimeWarning) as err:
        raise UserError(str(err)) from None
    results = result if isinstance(result, tuple) else (result,)
    for label, unit, value in zip(_result_labels(args.kernel),
                                  numeric.kernels.RESULT_UNITS[args.kernel], results):
        print(f"{label} = {value + 0.0:.10g}{_unit_text(unit)}")  # + 0.0: no "-0"
    if defaulted:
        print("defaults used: " + ", ".join(
            f"{n} = {rows[n][1]:g}{_unit_text(rows[n][0])}" for n in defaulted), file=sys.stderr)
    return 0


def _all_parameter_names() -> set[str]:
    """Every name a parameter file may hold: the kernels' arguments and the figures'."""
    import numeric
    from numeric.figures import PARAMETERS
    return ({name for kernel in _eval_kernels() for name, _ in numeric.kernels.DOMAINS[kernel]}
            | set(PARAMETERS))


def _eval_help() -> str:
    lines = ["kernels (opza eval KERNEL --help lists a kernel's parameters, units and defaults):"]
    for name in _eval_kernels():
        lines.append(f"  {name}: " + " ".join(f"--{p}" for p, *_ in _parameters(name)))
    lines += ["defaults: the letter's " + ", ".join(f"{k} = {v:g}"
                                                   for k, v in _letter_defaults().items()),
              "values: SI numbers, or quantities with units: --T '300 K' --J_sd '2 meV'",
              "example: opza eval v_star --T 300 --mu 1e-19 --eps0 1e-19 --J_sd '25.85 meV'"]
    return "\n".join(lines)


# -- opza figures ------------------------------------------------------------------------------

def _figures(args) -> int:
    _require("matplotlib")
    from numeric import figures
    overrides = {}
    if args.params is not None:
        from ..parameters import load_toml, to_si
        try:
            raw = load_toml(args.params)
            unknown = sorted(set(raw) - set(figures.PARAMETERS))
            if unknown:
                raise ValueError(f"--params: figures have no parameter {unknown[0]!r}; choose "
                                 f"from {', '.join(figures.PARAMETERS)}")
            overrides = {name: to_si(name, value, figures.UNITS[name])
                         for name, value in raw.items()}
        except ValueError as err:
            raise UserError(str(err)) from None
    out = _output_dir(args.out)
    try:
        paths = figures.make_figures(out, overrides)
    except ValueError as err:  # a parameter outside its domain, from numeric's checks
        raise UserError(str(err)) from None
    for path in paths:
        print(f"wrote {path}")
    return 0


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
    derive = sub.add_parser("derive", help="run the derivation chain and print the verdicts",
                            description="Run the whole derivation and print every result with "
                                        "its verdict against the letter.")
    derive.add_argument("--json", action="store_true", help="print the JSON list of records")
    derive.add_argument("--only", nargs="+", metavar="EQ",
                        help="only these equation labels (e.g. 12a 15 estimate)")
    derive.add_argument("--quiet", action="store_true", help="no progress display on stderr")
    derive.add_argument("--no-cache", action="store_true",
                        help="derive again instead of reading the disk cache")
    _add_jobs(derive)
    derive.set_defaults(run=_derive)
    latex = sub.add_parser("latex", help="LaTeX of the derived equations in the letter's notation",
                           description="Print the derived equations as LaTeX in the letter's "
                                       "notation, ready to paste. " + _LATEX_HELP)
    latex.add_argument("eq", nargs="*", metavar="EQ", help="equation labels (default: all)")
    latex.add_argument("--paper", action="store_true", help="print the letter's form beside each")
    latex.add_argument("--no-cache", action="store_true",
                       help="derive again instead of reading the disk cache")
    _add_jobs(latex)
    latex.set_defaults(run=_latex)
    report = sub.add_parser("report", help="a LaTeX/PDF report of the whole derivation",
                            description="Write opza_report.tex into DIR (created if its parent "
                                        "exists) and compile it with pdflatex when it is on PATH.")
    report.add_argument("--out", type=pathlib.Path, required=True, metavar="DIR")
    report.add_argument("--no-pdf", action="store_true", help="write the .tex only")
    report.add_argument("--quiet", action="store_true", help="no progress display on stderr")
    report.add_argument("--no-cache", action="store_true",
                        help="derive again instead of reading the disk cache")
    _add_jobs(report)
    report.set_defaults(run=_report)
    evaluate = sub.add_parser("eval", help="evaluate a numeric kernel",
                              description="Evaluate a generated kernel of numeric/. "
                                          "opza eval KERNEL --help lists its parameters.",
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    evaluate.lazy_epilog = _eval_help
    evaluate.add_argument("kernel", metavar="KERNEL", help="a kernel listed below")
    evaluate.add_argument("pairs", nargs=argparse.REMAINDER, metavar="--name value",
                          help="parameters, e.g. --T 300 or --T '300 K'; --params FILE.toml")
    evaluate.set_defaults(run=_eval)
    figures = sub.add_parser("figures", help="PNG figures of the letter's Fig. 2 and more",
                             description="Write the figures (matplotlib, the extra "
                                         "opza[figures]) into DIR.")
    figures.add_argument("--out", type=pathlib.Path, required=True, metavar="DIR")
    figures.add_argument("--params", type=pathlib.Path, metavar="FILE.toml",
                         help="override the figures' parameters (values with units allowed)")
    figures.set_defaults(run=_figures)
    from .simulate_cli import add_commands  # opza simulate, opza sweep (numeric.llg)
    add_commands(sub)
    from opza.validity import add_command as add_validity  # opza validity (until the CLI joins it in opza/)
    add_validity(sub)
    return parser


# commands that only derive and print: nothing to clean up at exit (no temporary files, no
# worker processes), so run() skips the interpreter's teardown after them
_PLAIN = ("derive", "latex")


def main(argv: list[str] | None = None) -> int:
    code, _ = _main(argv)
    return code


def run(argv: list[str] | None = None) -> None:
    """The ``opza`` and ``python -m derivation`` entry point: :func:`main`, then exit.

    After ``derive`` and ``latex`` the process ends at once (``os._exit`` once stdout and
    stderr are flushed): freeing SymPy's caches object by object at interpreter teardown
    takes 0.2 s of a 3 s cold derivation, and those commands leave nothing to clean up.
    """
    import gc
    # SymPy allocates millions of small objects that live as long as its caches: the young
    # generation's collection every 700 allocations finds little (every 50000: 3 % less time)
    gc.set_threshold(50000, 20, 20)
    code, command = _main(argv)
    if command in _PLAIN:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def _main(argv: list[str] | None) -> tuple[int, str]:
    if "sympy" not in sys.modules:
        # SymPy's cache of results is an LRU of 1000 entries unless told otherwise: the
        # derivation re-derives what falls out of it (unbounded: 7 % less time, +10 MB)
        os.environ.setdefault("SYMPY_CACHE_SIZE", "None")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args), args.command
    except (UserError, MissingExtra) as err:
        print(f"opza {args.command}: error: {err}", file=sys.stderr)
        return 2, args.command
    except ModuleNotFoundError as err:
        if err.name in EXTRAS:
            print(f"opza {args.command}: error: {MissingExtra(err.name, EXTRAS[err.name])}",
                  file=sys.stderr)
            return 2, args.command
        raise


if __name__ == "__main__":  # pragma: no cover
    run()
