"""README keeps its promises: two set-up commands, CI runs the test command, a current table."""
import pathlib
import re

from derivation.export.output import markdown_table

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_quick_start_has_exactly_two_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", quick, re.S)
    assert [b.strip() for b in blocks] == [
        "python -m venv .venv && . .venv/bin/activate && pip install -e . && opza derive",
        "pip install -e '.[test]' && pytest"]


def test_ci_runs_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "pytest" in lines
    assert "python -m pip install -q -e '.[test]'" in lines


def test_verdict_table_is_current():
    table = README.split("<!-- verdicts:start -->\n", 1)[1].split("<!-- verdicts:end -->", 1)[0]
    assert table == markdown_table(), "README's verdict table is stale: paste markdown_table()"


def test_no_merge_conflict_markers_are_left():
    for path in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "pyproject.toml"]:
        text = path.read_text()
        assert not any(line.startswith(("<<<<<<< ", ">>>>>>> ")) for line in text.splitlines()), path
