"""Readable text and JSON of the derivation chain (deterministic: no times, no hashes).

Every output is made from the records (:func:`records`): the JSON form of each
verdict (:func:`derivation.export.records.record`), derived and rendered once
(:func:`rendered`, in one process or two) and kept in the disk cache
(:mod:`derivation.export.cache`).
"""
from __future__ import annotations

import json
import sys
from functools import cache

from .. import chain
from ..audit.approximations import STEPS
from ..audit.units import CONVENTION
from . import cache as disk, parallel
from .notation import quantity_text
from .records import record

__all__ = ["records", "rendered", "public", "text", "json_text", "markdown_table", "SECTIONS", "heading"]

SECTIONS = {
    "derivation": "Collective coordinates: Eqs. (1), (5)-(17)",
    "torque": "Microscopic spin torque: Eqs. (2), (4), (18)-(21)",
    "audit": "Dimensional audit of Eqs. (1)-(21)",
    "estimate": "The letter's numeric estimate",
    "beyond": "Beyond the letter: what the package's models and simulations show",
}


def heading(section: str) -> str:
    """The title of a section of records (its own name where :data:`SECTIONS` has none)."""
    return SECTIONS.get(section, section)


@cache
def _rendered() -> tuple[dict, ...]:
    # rendering a record (the letter's notation, LaTeX) costs seconds: once per process
    return tuple(record(v) for v in chain.results())


_PARALLEL: tuple[dict, ...] | None = None  # the records of a two-process derivation


def _can_fork() -> bool:
    import multiprocessing
    return "fork" in multiprocessing.get_all_start_methods()


def rendered(jobs: int = 1, progress: bool = False) -> list[dict]:
    """Every verdict's JSON record (fresh copies of the once-rendered records).

    ``jobs=2`` derives and renders in two processes (fork) when this process has not
    rendered yet, the share :data:`derivation.chain.SECOND` first in the second
    (:mod:`derivation.export.parallel`); the records are the same as with ``jobs=1``
    (checked by a test).  With ``progress``, one line per stage on stderr.
    """
    global _PARALLEL
    if _PARALLEL is None and jobs > 1 and _rendered.cache_info().currsize == 0 and _can_fork():
        _PARALLEL = parallel.rendered(chain.STAGES, chain.SECOND, chain.HANDED, progress)
    if _PARALLEL is not None:
        out = _PARALLEL
    else:
        chain.run_stages(progress)
        if progress and _rendered.cache_info().currsize == 0:
            print("rendering the records (the letter's notation, LaTeX)", file=sys.stderr,
                  flush=True)
        out = _rendered()
    return [{**r, "steps": list(r["steps"]), "srepr": dict(r["srepr"])} for r in out]


def records(only: list[str] | None = None, *, use_cache: bool = True,
            progress: bool = False, jobs: int = 1) -> list[dict]:
    """The records of every result (or of the labels in ``only``), from the disk cache when
    it holds the current derivation's, else derived now (and stored); ``jobs=2`` derives
    in two processes (:mod:`derivation.export.parallel`)."""
    key = disk.source_key()
    cached = disk.load(key) if use_cache else None
    if cached is None:
        cached = rendered(jobs, progress)
        if use_cache:
            disk.store(key, cached)
    elif progress:
        print(f"records from the cache {disk.cache_dir()} (--no-cache derives again)",
              file=sys.stderr, flush=True)
    return [r for r in cached if only is None or r["eq"] in only]


def public(record: dict) -> dict:
    """The record as printed: without ``srepr``, the exact expressions kept for the cache
    (:mod:`derivation.export.restore`)."""
    return {k: v for k, v in record.items() if k != "srepr"}


def json_text(only: list[str] | None = None, **kwargs) -> str:
    """The JSON list of records, one per result (:func:`public`)."""
    return json.dumps([public(r) for r in records(only, **kwargs)], indent=1,
                      ensure_ascii=False) + "\n"


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
            lines += ["", f"== {heading(section)} =="]
        lines.append(f"({r['eq']}) {quantity_text(r['quantity'])}: {r['status']} [{r['basis']}]")
        if r["section"] != "audit":
            lines.append(f"    derived: {r['derived_text']}")
            printed = f"printed ({r['source']}, not printed)" if r.get("source") else "printed"
            lines.append(f"    {printed}: {r.get('printed_text') or r['paper_latex']}")
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
    """The verdict table of README (``python -m opza.readme`` puts it there; a test keeps
    README's copy current)."""
    rows = ["| Eq. | quantity | verdict | basis | finding |", "|---|---|---|---|---|"]
    audit, n_audit = [], 0
    for r in records(**kwargs):
        if r["section"] == "audit":
            n_audit += 1
            if r["status"] != "agrees":
                audit.append(f"({r['eq']}) {quantity_text(r['quantity'].removeprefix('dimensions: '))}: "
                             f"{r['note']}")
            continue
        finding = r["note"].split("; ")[0]
        if r.get("source"):  # the letter implies the compared form but does not print it
            finding = f"{r['source']}, not printed: {finding}"
        finding = finding if len(finding) <= 150 else finding[:147] + "..."
        rows.append(f"| ({r['eq']}) | {quantity_text(r['quantity'])} | {r['status']} | {r['basis']} | "
                    f"{finding.replace('|', '/')} |")
    rows.append(f"| audit | {n_audit} equations | {len(audit)} inhomogeneous | derived | "
                + "; ".join(audit) + " |")
    return "\n".join(rows) + "\n"
