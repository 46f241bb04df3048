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
             "parameters (a plain number is in the SI unit shown and refused when outside "
             "its plausible range unless --si is given; a unit may be given, e.g. --T '300 K', "
             "--J-sd '2 meV'; an array as START:STOP:N or a,b,c; --material NAME takes the "
             "material's values):"]
    letter = _letter_defaults()
    for name, unit, domain, default in _parameters(kernel):
        rule = {"positive": "> 0", "nonnegative": ">= 0", "real": "real"}[domain]
        if default is None:
            text = "required"
        else:
            text = f"default {default:g}{_unit_text(unit)}"
            if name in letter:
                text += " (the letter's)"
        flag = name.replace("_", "-")
        lines.append(f"  --{flag:<7} {'[' + unit + ']':<16} {rule:<5} {text}")
    units = numeric.kernels.RESULT_UNITS[kernel]
    lines.append("")
    lines.append("prints: " + ", ".join(f"{label} [{unit}]" for label, unit in
                                        zip(_result_labels(kernel), units)))
    return "\n".join(lines)


def _result_labels(kernel: str) -> tuple[str, ...]:
    import numeric
    names = numeric.kernels.RESULTS[kernel]
    return (kernel,) if len(names) == 1 else names


def _split_pairs(kernel: str, tokens: list[str]) -> tuple[dict[str, str], dict, bool]:
    """``--name value`` and ``--name=value`` pairs; the options ``--params FILE``,
    ``--material NAME`` and ``--si``; and whether help was asked."""
    pairs: dict[str, str] = {}
    options: dict = {"params": None, "material": None, "si": False}
    tokens = list(tokens)
    while tokens:
        flag = tokens.pop(0)
        if flag in ("-h", "--help"):
            return pairs, options, True
        if not flag.startswith("--") or len(flag) == 2:
            raise UserError(f"expected --name value, got {flag!r}; "
                            f"see: opza eval {kernel} --help")
        name, eq, value = flag[2:].partition("=")
        name = name.replace("-", "_")  # --J-sd (the command line's style) is the argument J_sd
        if name == "si" and not eq:
            options["si"] = True
            continue
        if not eq:
            if not tokens:
                raise UserError(f"--{name} needs a value")
            value = tokens.pop(0)
        if name in ("params", "material"):
            options[name] = value
        else:
            pairs[name] = value
    return pairs, options, False


def _material(name: str) -> tuple[str, dict[str, float]]:
    """The kernels' arguments from a material of materials.toml: the one conversion of
    :func:`derivation.audit.validity.model_parameters` (Ms, A, K → a, S, J, λ, κ; n, m*,
    j0, ε0; α, J_sd as given), and µ = ε0 as in ``opza validity``."""
    from derivation.audit.validity import ValidityError, find, materials, model_parameters
    try:
        material = find(name, materials())
    except ValidityError as err:
        raise UserError(f"--material: {err}") from None
    p = model_parameters(material)
    keys = ("a", "S", "J", "lam", "kappa", "alpha", "J_sd", "j0", "eps0", "n", "m_eff")
    return material.name, {k: float(p[k]) for k in keys} | {"mu": float(p["eps0"])}


def _eval(args) -> int:
    import inspect
    import warnings

    import numeric
    from derivation.parameters import load_toml

    from .values import si_array

    kernels = _eval_kernels()
    if args.kernel not in kernels:
        raise UserError(f"unknown kernel {args.kernel!r}; choose from {', '.join(kernels)}")
    pairs, options, want_help = _split_pairs(args.kernel, args.pairs)
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
    if options["params"] is not None:
        try:
            from_file = load_toml(pathlib.Path(options["params"]))
        except ValueError as err:
            raise UserError(str(err)) from None
        known = _all_parameter_names()
        strangers = sorted(set(from_file) - known)
        if strangers:
            raise UserError(f"--params {options['params']!r}: unknown parameter "
                            f"{strangers[0]!r}; parameters are {', '.join(sorted(known))}")
    source, material = (_material(options["material"]) if options["material"] is not None
                       else ("", {}))
    given = {**{k: v for k, v in from_file.items() if k in rows}, **pairs}
    values, defaulted, taken = {}, [], []
    for name, (unit, default) in rows.items():
        if name in given:
            values[name] = si_array(name, given[name], _pint_unit(unit), si=options["si"])
        elif name in material:
            values[name] = material[name]
            taken.append(name)
        elif default is not None:
            values[name] = default
            defaulted.append(name)
    missing = [n for n in names if n not in values]
    if missing:
        raise UserError(f"{args.kernel} needs --{', --'.join(missing)}; "
                        f"see: opza eval {args.kernel} --help")
    shown = {n: values[n] for n in defaulted + taken}
    func = getattr(numeric, args.kernel)
    signature = inspect.signature(func)
    positional = [values.pop(n) for n, p in signature.parameters.items()
                  if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # never a warning on the terminal
            warnings.simplefilter("ignore", numeric.UnphysicalWarning)  # flagged below
            result = func(*positional, **values)
    except (ValueError, ArithmeticError, RuntimeWarning) as err:
        raise UserError(str(err)) from None
    results = result if isinstance(result, tuple) else (result,)
    flagged = []
    for label, unit, value in zip(_result_labels(args.kernel),
                                  numeric.kernels.RESULT_UNITS[args.kernel], results):
        flag = ""
        if unit == "m/s" and numeric.faster_than_light(value):
            flag = "  (|V| ≥ c: not physical)"
            flagged.append(label)
        print(f"{label} = {_number(value)}{_unit_text(unit)}{flag}")
    for words, used in ((f"from {source} (model_parameters; µ = ε0)", taken),
                        ("defaults used", defaulted)):
        if used:
            print(f"{words}: " + ", ".join(f"{n} = {shown[n]:g}{_unit_text(rows[n][0])}"
                                           for n in used), file=sys.stderr)
    if flagged:
        print(f"warning: {', '.join(flagged)} at or above the speed of light: not a physical "
              "velocity; bare numbers are SI (an energy 0.1 is 0.1 J: give '0.1 eV')",
              file=sys.stderr)
    return 0


def _pint_unit(unit: str) -> str:
    return "1" if unit == "dimensionless" else unit


def _number(value) -> str:
    """A float as %.10g, an array as [a, b, ...] (no "-0")."""
    import numpy as np
    array = np.asarray(value, dtype=float) + 0.0
    if array.ndim == 0:
        return f"{float(array):.10g}"
    return "[" + ", ".join(f"{v:.10g}" for v in array.ravel()) + "]"


def _all_parameter_names() -> set[str]:
    """Every name a parameter file may hold: the kernels' arguments and the figures'."""
    import numeric
    from opza.figures import PARAMETERS
    return ({name for kernel in _eval_kernels() for name, _ in numeric.kernels.DOMAINS[kernel]}
            | set(PARAMETERS))


def _eval_help() -> str:
    lines = ["kernels (opza eval KERNEL --help lists a kernel's parameters, units and defaults):"]
    for name in _eval_kernels():
        lines.append(f"  {name}: " + " ".join(f"--{p.replace('_', '-')}"
                                              for p, *_ in _parameters(name)))
    lines += ["defaults: the letter's " + ", ".join(f"{k} = {v:g}"
                                                   for k, v in _letter_defaults().items()),
              "values: SI numbers, or quantities with units: --T '300 K' --J-sd '2 meV'; a bare "
              "number outside its plausible range (an energy above 10 eV, a length above 1 m) is "
              "refused unless --si; arrays as START:STOP:N or a,b,c; --material NAME "
              "(permalloy, Fe, Co, CoFeB, any case, aliases) for the material's values",
              "example: opza eval v_star --T 300 --mu '0.1 eV' --eps0 '0.1 eV' --J-sd '25.85 meV'"]
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
                          help="parameters, e.g. --T 300 or --T '300 K'; --params FILE.toml; "
                               "--material NAME; --si")
    evaluate.set_defaults(run=_eval)
