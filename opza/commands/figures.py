"""``opza figures --out DIR [--params FILE.toml]``: the PNGs of :mod:`opza.figures`."""
from __future__ import annotations

import pathlib

from ..errors import UserError, output_dir, require, staged

__all__ = ["add_commands"]


def _figures(args) -> int:
    require("matplotlib")
    from opza import figures
    overrides = {}
    if args.params is not None:
        from derivation.parameters import load_toml, to_si
        try:
            raw = load_toml(args.params)
            unknown = sorted(set(raw) - set(figures.PARAMETERS))
            if unknown:
                raise ValueError(f"--params: figures have no parameter {unknown[0]!r}; choose "
                                 f"from {', '.join(figures.PARAMETERS)}")
            overrides = {name: to_si(name, value, figures.UNITS[name], si=args.si)
                         for name, value in raw.items()}
        except ValueError as err:
            raise UserError(str(err)) from None
    out = output_dir(args.out)
    try:
        with staged(out) as work:  # the files appear in out when all are drawn
            paths = figures.make_figures(work, overrides)
    except ValueError as err:  # a parameter outside its domain, from numeric's checks
        raise UserError(str(err)) from None
    for path in paths:
        print(f"wrote {out / path.name}")
    return 0


def add_commands(sub) -> None:
    """Add ``figures`` to the ``opza`` subparsers."""
    figures = sub.add_parser("figures", help="PNG figures of the letter's Fig. 2 and more",
                             description="Write the figures (matplotlib, the extra "
                                         "opza[figures]) into DIR.")
    figures.add_argument("--out", type=pathlib.Path, required=True, metavar="DIR")
    figures.add_argument("--params", type=pathlib.Path, metavar="FILE.toml",
                         help="override the figures' parameters (values with units allowed; a "
                              "bare number outside its plausible range is refused unless --si)")
    figures.add_argument("--si", action="store_true",
                         help="take every bare number as SI, without the plausibility check")
    figures.set_defaults(run=_figures)
