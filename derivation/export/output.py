"""Readable text and JSON of the derivation chain (deterministic: no times, no hashes).

Every output is made from the records (:func:`records`): the JSON form of each
verdict, derived once and kept in the disk cache (:mod:`derivation.export.cache`).
"""
from __future__ import annotations

import json
import sys

from ..audit.approximations import STEPS
from ..audit.units import CONVENTION

__all__ = ["records", "text", "json_text", "markdown_table", "SECTIONS"]

SECTIONS = {
    "derivation": "Collective coordinates: Eqs. (1), (5)-(17)",
    "torque": "Microscopic spin torque: Eqs. (2), (4), (18)-(21)",
    "audit": "Dimensional audit of Eqs. (1)-(21)",
    "estimate": "The letter's numeric estimate",
}


def records(only: list[str] | None = None, *, use_cache: bool = True,
            progress: bool = False, jobs: int = 1) -> list[dict]:
    """The records of every result (or of the labels in ``only``), from the disk cache when
    it holds the current derivation's, else derived now (and stored); ``jobs=2`` derives
    in two processes (:mod:`derivation.parallel`)."""
    from . import cache
    key = cache.source_key()
    cached = cache.load(key) if use_cache else None
    if cached is None:
        from ..chain import rendered_records
        cached = rendered_records(jobs, progress)
        if use_cache:
            cache.store(key, cached)
    elif progress:
        print(f"records from the cache {cache.cache_dir()} (--no-cache derives again)",
              file=sys.stderr, flush=True)
    return [r for r in cached if only is None or r["eq"] in only]


def json_text(only: list[str] | None = None, **kwargs) -> str:
    """The JSON list of records, one per result."""
    return json.dumps(records(only, **kwargs), indent=1, ensure_ascii=False) + "\n"


def text(only: list[str] | None = None, **kwargs) -> str:
    """The chain as readable text, step by step, with the approximations used."""
    lines = ["opza: the out-of-plane zero-mode derivation, checked against the letter",
             f"convention: {CONVENTION}", ""]
    used: list[str] = []
    section = None
    counts: dict[str, int] = {}
    for r in records(only, **kwargs):
        if r["section"] != section:
            section = r["section"]
            lines += ["", f"== {SECTIONS[section]} =="]
        lines.append(f"({r['eq']}) {r['quantity']}: {r['status']} [{r['basis']}]")
        if r["section"] != "audit":
            lines.append(f"    derived: {r['derived_text']}")
            lines.append(f"    printed: {r['paper_latex']}")
        if r["note"]:
            lines.append(f"    note: {r['note']}")
        if r["steps"]:
            lines.append(f"    steps: {', '.join(r['steps'])}")
        used += [s for s in r["steps"] if s not in used]
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    if used:
        lines += ["", "== Approximations (named steps) =="]
        for key in used:
            step = STEPS[key]
            lines.append(f"[{key}] {step.name} ({step.where}): {step.what}")
            lines.append(f"    without it: {step.exact_form}")
    lines += ["", "summary: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))]
    return "\n".join(lines) + "\n"


def markdown_table(**kwargs) -> str:
    """The verdict table of README (a test keeps README's copy current)."""
    rows = ["| Eq. | quantity | verdict | basis | finding |", "|---|---|---|---|---|"]
    audit, n_audit = [], 0
    for r in records(**kwargs):
        if r["section"] == "audit":
            n_audit += 1
            if r["status"] != "agrees":
                audit.append(f"({r['eq']}) {r['quantity'].removeprefix('dimensions: ')}: "
                             f"{r['note']}")
            continue
        finding = r["note"].split("; ")[0]
        finding = finding if len(finding) <= 150 else finding[:147] + "..."
        rows.append(f"| ({r['eq']}) | {r['quantity']} | {r['status']} | {r['basis']} | "
                    f"{finding.replace('|', '/')} |")
    rows.append(f"| audit | {n_audit} equations | {len(audit)} inhomogeneous | derived | "
                + "; ".join(audit) + " |")
    return "\n".join(rows) + "\n"


def write_readme_table(readme) -> bool:
    """Put :func:`markdown_table` between README's verdict markers; True if it changed."""
    import pathlib
    path = pathlib.Path(readme)
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- verdicts:start -->\n", "<!-- verdicts:end -->"
    head, rest = text.split(start, 1)
    new = head + start + markdown_table() + end + rest.split(end, 1)[1]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # python -m derivation.export.output README.md
    changed = write_readme_table(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print("README's verdict table " + ("rewritten" if changed else "is current"))
