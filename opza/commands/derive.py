"""``opza derive``, ``opza latex``, ``opza report``: the derivation's records as text, JSON,
LaTeX snippets and a LaTeX/PDF report (:mod:`derivation.export`).

Every check of the command line (equation labels, ``--out``) runs before any derivation; the
options are the library's own (:mod:`derivation.export.options`, ``python -m derivation``).
"""
from __future__ import annotations

import pathlib
import sys

from derivation.export import options

from ..errors import UserError, output_dir, staged

__all__ = ["add_commands"]


def _derive(args) -> int:
    try:
        return options.derive(args)
    except options.UnknownLabels as err:
        raise UserError(str(err)) from None


def _labels(labels: list[str] | None) -> list[str] | None:
    try:
        return options.check_labels(labels)
    except options.UnknownLabels as err:
        raise UserError(str(err)) from None


_LATEX_HELP = ("Each snippet is one equation 'lhs &= rhs' for an align environment (join several "
               "with \\\\); it needs \\usepackage{amsmath} (align, \\operatorname, matrix).")


def _latex(args) -> int:
    from derivation.export.notation import PACKAGES
    from derivation.export.output import records
    from derivation.chain import DERIVED_LABELS
    only = _labels(args.eq or None)
    underived = [eq for eq in only or () if eq not in DERIVED_LABELS]
    if underived:
        raise UserError(f"Eq. ({underived[0]}) has no derived form: the derivation takes it as "
                        f"given (the model) and checks only its dimensions (opza derive --only "
                        f"{underived[0]}); derived: {', '.join(DERIVED_LABELS)}")
    packages = " ".join(r"\usepackage{%s}" % p for p in PACKAGES)
    print(f"% opza latex: derived equations in the letter's notation; needs {packages}; "
          r"paste into \begin{align} ... \end{align}")
    for r in records(only, use_cache=not args.no_cache, jobs=args.jobs or options.default_jobs()):
        if r["section"] == "audit":
            continue
        print(f"% ({r['eq']}) {r['quantity']}: {r['status']}")
        print(r["equation_latex"])
        if args.paper:
            printed = f"not printed, {r['source']}" if r.get("source") else "printed"
            print(f"% {printed}:\n% {r['paper_latex']}")
        print()
    return 0


def _report(args) -> int:
    import shutil
    from derivation.export import report
    from derivation.export.output import records
    out = output_dir(args.out)
    rendered = records(use_cache=not args.no_cache, progress=not args.quiet,
                       jobs=args.jobs or options.default_jobs())
    pdflatex = None if args.no_pdf else shutil.which("pdflatex")
    failed = None
    with staged(out) as work:  # the files appear in out when all are written
        written = [report.write(work, rendered)]
        if pdflatex is not None:
            try:
                written.append(report.compile_pdf(written[0], pdflatex))
            except RuntimeError as err:  # the .tex is kept, with pdflatex's log beside it
                failed = str(err).replace(str(work), str(out))
    for path in written:
        print(f"wrote {out / path.name}")
    if failed:
        print(f"opza report: error: {failed}", file=sys.stderr)
        return 1
    if not args.no_pdf and pdflatex is None:
        print("pdflatex not found: LaTeX source only (Debian: apt-get install texlive-latex-base)",
              file=sys.stderr)
    return 0


def add_commands(sub) -> None:
    """Add ``derive``, ``latex`` and ``report`` to the ``opza`` subparsers."""
    derive = sub.add_parser("derive", help="run the derivation chain and print the verdicts",
                            description="Run the whole derivation and print every result with "
                                        "its verdict against the letter.")
    options.add_options(derive)
    derive.set_defaults(run=_derive)
    latex = sub.add_parser("latex", help="LaTeX of the derived equations in the letter's notation",
                           description="Print the derived equations as LaTeX in the letter's "
                                       "notation, ready to paste. " + _LATEX_HELP)
    latex.add_argument("eq", nargs="*", metavar="EQ",
                       help="equation labels, e.g. 21, (21), 12 for 12a and 12b (default: all)")
    latex.add_argument("--paper", action="store_true", help="print the letter's form beside each")
    latex.add_argument("--no-cache", action="store_true",
                       help="derive again instead of reading the disk cache")
    options.add_jobs(latex)
    latex.set_defaults(run=_latex)
    report = sub.add_parser("report", help="a LaTeX/PDF report of the whole derivation",
                            description="Write opza_report.tex into DIR (created if its parent "
                                        "exists) and compile it with pdflatex when it is on PATH.")
    report.add_argument("--out", type=pathlib.Path, required=True, metavar="DIR")
    report.add_argument("--no-pdf", action="store_true", help="write the .tex only")
    report.add_argument("--quiet", action="store_true", help="no progress display on stderr")
    report.add_argument("--no-cache", action="store_true",
                        help="derive again instead of reading the disk cache")
    options.add_jobs(report)
    report.set_defaults(run=_report)
