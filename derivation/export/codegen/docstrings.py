"""A kernel's docstring: its arguments with units and meanings, its results in the letter's
LaTeX (in the steps the kernel computes them), and what the letter prints of it."""
from __future__ import annotations

from ... import symbols as sy
from ...symbols import LATEX_NAMES
from ..latex import to_latex
from .kernels import ARGUMENT_NAMES, PART_LATEX, Kernel
from .units import output_unit, si

__all__ = ["docstring"]


def docstring(kernel: Kernel) -> str:
    """The docstring of ``kernel`` (plain text; the API reference turns it into reST)."""
    lines = [kernel.summary, "", "Parameters (SI), in this order:"]
    for s in kernel.args:
        lines.append(f"    {ARGUMENT_NAMES[s]} [{si(s)}]: {sy.entry(s).meaning}")
    if kernel.parts:  # in steps, as the kernel computes them: one readable line each
        names = {**LATEX_NAMES, **PART_LATEX}
        lines.append("Returns, in steps (each line uses the arguments and the lines above it):")
        lines += [f"    {names[symbol]} = {to_latex(part, names)}" for symbol, part, _ in kernel.parts]
        lines += [f"    {label} [{output_unit(unit)}] = {to_latex(expr, names)}"
                  for label, expr, unit in kernel.outputs]
    else:
        lines.append("Returns:")
        lines += [f"    {label} [{output_unit(unit)}] = {to_latex(expr)}"
                  for label, expr, unit in kernel.outputs]
    if kernel.letter:
        lines += ["", f"Letter: {kernel.letter}"]
    elif kernel.entry is None:
        lines += ["", f"Letter: a definition next to Eq. ({kernel.eq}), used as printed (no verdict)."]
    elif kernel.entry.source:
        lines += ["", f"Letter: not printed, {kernel.entry.source}: ``{kernel.entry.latex}``; its "
                      f"verdict: opza derive --only {kernel.eq}."]
    else:
        lines += ["", f"Letter: Eq. ({kernel.eq}), printed as ``{kernel.entry.latex}``; its verdict: "
                      f"opza derive --only {kernel.eq}."]
    if kernel.rewrites:
        lines.append(f"Stable rewrites: {', '.join(kernel.rewrites)} (derivation.export.codegen).")
    return "\n".join(lines)
