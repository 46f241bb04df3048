"""The disk cache of derived records: used when current, ignored when corrupt, stale or foreign."""
import json

from derivation.export import cache, output


def _fresh():
    return output.records(use_cache=False)


def test_a_stored_entry_is_read_back_unchanged(tmp_path, monkeypatch):
    monkeypatch.setenv("OPZA_CACHE_DIR", str(tmp_path))
    records = _fresh()
    cache.store("k" * 64, records)
    assert cache.load("k" * 64) == records


def test_corrupt_stale_or_foreign_entries_are_ignored_and_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("OPZA_CACHE_DIR", str(tmp_path))
    key = cache.source_key()
    path = cache._path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    good = _fresh()
    wrong_type = [dict(r, steps="born") for r in good]
    extra_field = [dict(r, code="__import__('os')") for r in good]
    for content in ("{not json", json.dumps({"key": "other", "records": good}),
                    json.dumps({"key": key, "records": wrong_type}),
                    json.dumps({"key": key, "records": extra_field}),
                    json.dumps([1, 2, 3])):
        path.write_text(content)
        assert cache.load(key) is None
        # output.records derives instead and overwrites the bad entry
        assert output.records() == good
        assert cache.load(key) == good


def test_the_key_changes_with_the_sources_and_sympy(tmp_path):
    import pathlib
    import shutil
    import derivation
    key = cache.source_key()
    assert len(key) == 64 and key == cache.source_key()
    copy = tmp_path / "derivation"
    shutil.copytree(pathlib.Path(derivation.__file__).parent, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    assert cache.source_key(copy) == key  # the same sources, the same key
    edited = copy / "wall" / "solutions.py"
    edited.write_text(edited.read_text() + "\n# edited\n")
    assert cache.source_key(copy) != key  # any edit of any module: a new key
    assert cache.source_key(sympy_version="0.0") != key  # another SymPy: a new key


def test_an_unwritable_cache_directory_is_not_an_error(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("OPZA_CACHE_DIR", str(blocker / "sub"))
    assert cache.store(cache.source_key(), _fresh()) is None
    assert output.records() == _fresh()


# --- derivation.results() and derivation.equation() from the cache ----------------------

def test_records_give_back_the_derived_verdicts_exactly():
    from derivation import chain
    from derivation.export import restore
    derived = chain.results()
    back = [restore.verdict(r) for r in _fresh()]
    assert len(back) == len(derived)
    for v, w in zip(derived, back):
        for field in ("eq", "quantity", "status", "basis", "section", "paper_latex", "steps",
                      "scope", "runs", "derived", "printed"):
            # derived and printed: the same SymPy objects, symbols' assumptions included
            assert getattr(w, field) == getattr(v, field), (v.eq, v.quantity, field)
        assert "⟪" not in w.note  # the note as opza derive prints it


def test_warm_equation_reads_the_cache_and_does_not_derive(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    import sympy as sp
    from derivation import chain
    from derivation.audit.letter import PRINTED
    from derivation.export import restore
    monkeypatch.setenv("OPZA_CACHE_DIR", str(tmp_path))
    assert cache.store(cache.source_key(), _fresh()) is not None
    env = {**os.environ, "OPZA_CACHE_DIR": str(tmp_path)}
    code = ("import sys, derivation\n"
            "from derivation.export.restore import srepr\n"
            "print(srepr(derivation.equation('21')))\n"
            "print(len(derivation.results()))\n"
            "print(sorted(m for m in sys.modules if m.startswith(('derivation.chain', "
            "'derivation.wall', 'derivation.electrons', 'derivation.driven'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=300, check=True).stdout.splitlines()
    v = next(v for v in chain.results() if v.eq == "21" and v.section != "audit")
    lhs = next(p.lhs for p in PRINTED if (p.eq, p.quantity) == (v.eq, v.quantity))
    assert out[0] == restore.srepr(sp.Eq(lhs, v.derived, evaluate=False))
    assert out[1] == str(len(chain.results()))
    assert out[2] == "[]"  # not a stage imported: nothing derived


def test_a_record_is_read_never_executed():
    import pytest
    import sympy as sp
    from derivation.export import restore
    f = sp.Function("n_x", real=True)(sp.Symbol("x", real=True))
    expr = sp.Integral(f * sp.Symbol("lambda", positive=True) ** -2 - sp.oo, (sp.Dummy("k"), 0, 1))
    assert restore.expression(restore.srepr(expr)) == expr  # assumptions of f kept
    for text in ("__import__('os').system('true')", "Symbol('x').subs", "open('f')",
                 "Symbol('x') + Integer(1)", "[Symbol(s) for s in 'ab']", "-Symbol('x')",
                 "Symbol(**{'name': 'x'})", "lambda: 0", "Symbol('x'",
                 # SymPy's classes sympify (evaluate) a string given where srepr has none
                 "Poly('x')", "exp('x')", "Integral('x', Symbol('x'))",
                 "Lambda(Symbol('x'), 'x')", "Symbol('x', real='x')",
                 "Function('f', eval=Integer(1))"):
        with pytest.raises(ValueError):
            restore.expression(text)


def test_equation_names_the_choices():
    import pytest
    import derivation
    with pytest.raises(KeyError, match="pass quantity= one of"):
        derivation.equation("15")
    with pytest.raises(KeyError, match="choose from"):
        derivation.equation("99")
    assert derivation.equation("15", "V*").lhs.name == "V^*"
