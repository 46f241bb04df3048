"""The ``opza`` command line: derive, latex, report, eval, figures.

User errors (an unknown equation, a bad value, a missing argument) exit with
status 2 and a one-line message that lists the valid choices; no traceback.
"""
from __future__ import annotations

import argparse
import pathlib
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


def _report(args) -> int:
    import shutil
    from . import report
    _progress(args.quiet)
    tex = report.write(args.out)
    print(f"wrote {tex}")
    if args.no_pdf:
        return 0
    if shutil.which("pdflatex") is None:
        print("pdflatex not found: LaTeX source only (Debian: apt-get install texlive-latex-base)",
              file=sys.stderr)
        return 0
    print(f"wrote {report.compile_pdf(tex)}")
    return 0


# the letter's own numbers, the defaults of `opza eval` (text below Eq. 21)
def _letter_defaults() -> dict[str, float]:
    from .letter import ESTIMATE
    return {"lam": float(ESTIMATE["lam"]), "alpha": float(ESTIMATE["alpha"]),
            "j": float(ESTIMATE["j"]), "j0": float(ESTIMATE["j0"])}


def _kernel_parameters(name: str) -> list[str]:
    import numeric
    return [arg for arg, _ in numeric.kernels.DOMAINS[name]]


def _eval_kernels() -> list[str]:
    import numeric
    return [n for n in numeric.__all__ if n in numeric.kernels.DOMAINS]  # generated kernels only


def _eval(args) -> int:
    import inspect

    import numeric
    kernels = _eval_kernels()
    if args.kernel not in kernels:
        raise UserError(f"unknown kernel {args.kernel!r}; choose from {', '.join(kernels)}")
    func = getattr(numeric, args.kernel)
    signature = inspect.signature(func)
    names = list(signature.parameters)
    given: dict[str, float] = {}
    pairs = list(args.pairs)
    while pairs:
        flag = pairs.pop(0)
        if not flag.startswith("--") or not pairs:
            raise UserError(f"expected --name value pairs, got {flag!r}; parameters of "
                            f"{args.kernel}: {', '.join(names)}")
        name, text = flag[2:], pairs.pop(0)
        if name not in names:
            raise UserError(f"{args.kernel} has no parameter {name!r}; choose from {', '.join(names)}")
        try:
            given[name] = float(text)
        except ValueError:
            raise UserError(f"bad value for --{name}: {text!r} is not a number") from None
    defaults = {k: v for k, v in _letter_defaults().items() if k in names}
    values = {**defaults, **given}
    missing = [n for n, p in signature.parameters.items()
               if n not in values and p.default is inspect.Parameter.empty]
    if missing:
        raise UserError(f"{args.kernel} needs --{', --'.join(missing)}")
    positional = [values.pop(n) for n, p in signature.parameters.items()
                  if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and n in values]
    try:
        result = func(*positional, **values)
    except ValueError as err:
        raise UserError(str(err)) from None
    labels = {"relaxation": ("xi0", "V [m/s]", "X [m]")}.get(args.kernel, (args.kernel,))
    results = result if isinstance(result, tuple) else (result,)
    for label, value in zip(labels, results):
        print(f"{label} = {value:.10g}")
    return 0


def _figures(args) -> int:
    from .figures import make_figures
    for path in make_figures(args.out):
        print(f"wrote {path}")
    return 0


def _eval_help() -> str:
    lines = ["kernels and their parameters (SI units; defaults: the letter's "
             + ", ".join(f"{k}={v:g}" for k, v in _letter_defaults().items()) + "):"]
    for name in _eval_kernels():
        lines.append(f"  {name}: " + " ".join(f"--{p}" for p in _kernel_parameters(name)))
    lines.append("example: opza eval torque_perp --T 300 --mu 1e-19 --eps0 1e-19 --J_sd 4e-21")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="opza", description=(
        "Derive the out-of-plane zero-mode theory of current-driven domain-wall motion with "
        "SymPy and check each result against the letter."))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                metavar="{derive,latex,report,eval,figures}")
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
    report = sub.add_parser("report", help="a LaTeX/PDF report of the whole derivation",
                            description="Write opza_report.tex into DIR and compile it with "
                                        "pdflatex when it is on PATH.")
    report.add_argument("--out", type=pathlib.Path, required=True, metavar="DIR")
    report.add_argument("--no-pdf", action="store_true", help="write the .tex only")
    report.add_argument("--quiet", action="store_true", help="no progress display on stderr")
    report.set_defaults(run=_report)
    evaluate = sub.add_parser("eval", help="evaluate a numeric kernel",
                              description="Evaluate a generated kernel of numeric/.",
                              epilog=_eval_help(),
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    evaluate.add_argument("kernel", metavar="KERNEL", help="one of: " + ", ".join(_eval_kernels()))
    evaluate.add_argument("pairs", nargs=argparse.REMAINDER, metavar="--name value",
                          help="parameters, e.g. --T 300")
    evaluate.set_defaults(run=_eval)
    figures = sub.add_parser("figures", help="PNG figures of the letter's Fig. 2 and more",
                             description="Write the figures (matplotlib) into DIR.")
    figures.add_argument("--out", type=pathlib.Path, required=True, metavar="DIR")
    figures.set_defaults(run=_figures)
    from .validity import add_command as add_validity  # opza validity (derivation/validity.py)
    add_validity(sub)
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
