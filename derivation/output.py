"""Readable text and JSON of the derivation chain (deterministic: no times, no hashes)."""
from __future__ import annotations

import json

from .approximations import STEPS
from .chain import results
from .units import CONVENTION

__all__ = ["text", "json_text", "markdown_table", "SECTIONS"]

SECTIONS = {
    "derivation": "Collective coordinates: Eqs. (1), (5)-(17)",
    "torque": "Microscopic spin torque: Eqs. (2), (4), (18)-(21)",
    "audit": "Dimensional audit of Eqs. (1)-(21)",
    "estimate": "The letter's numeric estimate",
}


def json_text(only: list[str] | None = None) -> str:
    """The JSON list of records, one per result."""
    records = [v.record() for v in results() if only is None or v.eq in only]
    return json.dumps(records, indent=1, ensure_ascii=False) + "\n"


def text(only: list[str] | None = None) -> str:
    """The chain as readable text, step by step, with the approximations used."""
    lines = ["opza: the out-of-plane zero-mode derivation, checked against the letter",
             f"convention: {CONVENTION}", ""]
    used: list[str] = []
    section = None
    for v in results():
        if only is not None and v.eq not in only:
            continue
        if v.section != section:
            section = v.section
            lines += ["", f"== {SECTIONS[section]} =="]
        lines.append(f"({v.eq}) {v.quantity}: {v.status}")
        if v.section != "audit":
            lines.append(f"    derived: {_one_line(v.derived)}")
            lines.append(f"    printed: {v.paper_latex}")
        if v.note:
            lines.append(f"    note: {v.note}")
        if v.steps:
            lines.append(f"    steps: {', '.join(v.steps)}")
        used += [s for s in v.steps if s not in used]
    if used:
        lines += ["", "== Approximations (named steps) =="]
        for key in used:
            step = STEPS[key]
            lines.append(f"[{key}] {step.name} ({step.where}): {step.what}")
            lines.append(f"    without it: {step.exact_form}")
    counts = {}
    for v in results():
        if only is None or v.eq in only:
            counts[v.status] = counts.get(v.status, 0) + 1
    lines += ["", "summary: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))]
    return "\n".join(lines) + "\n"


def _one_line(expr) -> str:
    from .verdicts import compact
    return compact(expr).replace("\n", " ")


def markdown_table() -> str:
    """The verdict table of README (a test keeps README's copy current)."""
    rows = ["| Eq. | quantity | verdict | finding |", "|---|---|---|---|"]
    audit = []
    for v in results():
        if v.section == "audit":
            if v.status != "agrees":
                audit.append(f"({v.eq}) {v.quantity.removeprefix('dimensions: ')}: {v.note}")
            continue
        finding = v.note.split("; ")[0]
        finding = finding if len(finding) <= 150 else finding[:147] + "..."
        rows.append(f"| ({v.eq}) | {v.quantity} | {v.status} | {finding.replace('|', '/')} |")
    n_audit = sum(1 for v in results() if v.section == "audit")
    rows.append(f"| audit | {n_audit} equations | {len(audit)} inhomogeneous | "
                + "; ".join(audit) + " |")
    return "\n".join(rows) + "\n"
