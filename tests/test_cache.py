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
