"""``opza eval KERNEL [--params FILE.toml] [--NAME VALUE ...]``: one generated kernel of
:mod:`numeric` from the command line, values in SI or with units (pint), the letter's
defaults where it gives them; ``opza eval KERNEL --help`` lists the parameters."""
from __future__ import annotations

import argparse
import pathlib
import sys

from ..errors import UserError

__all__ = ["add_commands"]


def _letter_defaults() -> dict[str, float]:
    """The letter's own numbers (text below Eq. 21): the defaults of ``opza eval``.

    Generated beside the kernels (``numeric.kernels.LETTER``, from the letter's estimate), so
    that ``opza eval`` imports neither SymPy nor the derivation; listed in the order ``opza
    eval`` has always shown them."""
    import numeric
    letter = numeric.kernels.LETTER
    shown = ("lam", "alpha", "j", "j0")
    return {name: letter[name] for name in sorted(letter, key=lambda n: (
        shown.index(n) if n in shown else len(shown)))}


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
    from derivation.parameters import load_toml, to_si

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
    from opza.figures import PARAMETERS
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


def add_commands(sub) -> None:
    """Add ``eval`` to the ``opza`` subparsers."""
    evaluate = sub.add_parser("eval", help="evaluate a numeric kernel",
                              description="Evaluate a generated kernel of numeric/. "
                                          "opza eval KERNEL --help lists its parameters.",
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    evaluate.lazy_epilog = _eval_help
    evaluate.add_argument("kernel", metavar="KERNEL", help="a kernel listed below")
    evaluate.add_argument("pairs", nargs=argparse.REMAINDER, metavar="--name value",
                          help="parameters, e.g. --T 300 or --T '300 K'; --params FILE.toml")
    evaluate.set_defaults(run=_eval)
