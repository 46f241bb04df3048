"""A disk cache of the derived records, so that ``opza latex 21`` need not derive again.

The records are what every output is made from (text, JSON, LaTeX, the report,
README's table): plain JSON, one dict per result.  They are stored in the user's
cache directory (``$OPZA_CACHE_DIR``, else ``$XDG_CACHE_HOME/opza``, else
``~/.cache/opza``) under a key that hashes every source file of ``derivation/``
together with the SymPy and Python versions: any edit, or another SymPy, gives a
new key.  A file is only ever parsed as JSON and checked field by field — a corrupt,
stale or foreign entry is ignored and rebuilt, never executed (no pickle).
"""
from __future__ import annotations

import hashlib
import json
import os
import pathlib
import sys
import tempfile

__all__ = ["cache_dir", "source_key", "load", "store", "valid", "FIELDS", "OPTIONAL", "SREPR"]

# every record has these fields; each a string, or a list of strings for "steps"
FIELDS = ("eq", "quantity", "section", "status", "basis", "derived", "derived_text",
          "derived_latex", "equation_latex", "equation_lines", "paper_latex", "printed_text", "note",
          "note_marked", "steps")
# and may have these: where the letter implies what it does not print ("implied by (14)"), a
# string; a finding beyond the letter's scope, a string, and the runs it rests on
OPTIONAL = ("source", "scope", "runs")
_LISTS = ("steps", "runs")
# and this one, a dict of strings: the expressions in SymPy's srepr (derivation.export.restore)
SREPR = ("derived", "printed", "lhs")
_FORMAT = 4  # 3: srepr; 4: printed_text


def cache_dir() -> pathlib.Path:
    if os.environ.get("OPZA_CACHE_DIR"):
        return pathlib.Path(os.environ["OPZA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache"
    return pathlib.Path(base) / "opza"


def source_key(root: pathlib.Path | None = None, sympy_version: str | None = None) -> str:
    """sha256 of the derivation's sources and data files (``root``: this package), the SymPy
    and Python versions and the record format."""
    from importlib.metadata import version
    root = pathlib.Path(__file__).resolve().parents[1] if root is None else pathlib.Path(root)
    digest = hashlib.sha256()
    digest.update(f"format {_FORMAT}; sympy {sympy_version or version('sympy')}; python "
                  f"{sys.version_info[:2]}".encode())
    # the data files too: the `beyond` records read their numbers from audit/data/beyond.json
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".json", ".toml")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _path(key: str) -> pathlib.Path:
    return cache_dir() / f"records-{key[:32]}.json"


def valid(records, empty: bool = False) -> bool:
    """``records`` is a list of records (non-empty unless ``empty``), each with every field
    of :data:`FIELDS` and ``srepr`` and perhaps some of :data:`OPTIONAL`, each a string
    (``steps`` and ``runs`` a list of strings, ``srepr`` a dict of the strings :data:`SREPR`)."""
    if not isinstance(records, list) or not (records or empty):
        return False
    for r in records:
        if not isinstance(r, dict) or not set(FIELDS) | {"srepr"} <= set(r) \
                <= set(FIELDS + OPTIONAL) | {"srepr"}:
            return False
        for field, value in r.items():
            if field == "srepr":
                if not (isinstance(value, dict) and set(value) == set(SREPR)
                        and all(isinstance(s, str) for s in value.values())):
                    return False
            elif field in _LISTS:
                if not (isinstance(value, list) and all(isinstance(s, str) for s in value)):
                    return False
            elif not isinstance(value, str):
                return False
    return True


def load(key: str) -> list[dict] | None:
    """The cached records for ``key``, or None (missing, unreadable, corrupt, another key)."""
    try:
        data = json.loads(_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key or not valid(data.get("records")):
        return None
    return data["records"]


def store(key: str, records: list[dict]) -> pathlib.Path | None:
    """Write the records atomically; None (and no error) when the directory is not writable."""
    path = _path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                         suffix=".tmp", delete=False) as f:
            json.dump({"key": key, "records": records}, f, ensure_ascii=False)
        os.replace(f.name, path)
    except OSError:
        return None
    return path
