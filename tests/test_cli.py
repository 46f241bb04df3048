"""The command line: deterministic output, user errors exit 2 in one line."""
import json
import os
import subprocess
import sys

import pytest


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "derivation", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=300)


@pytest.fixture(scope="module")
def json_run():
    return run("--json", env={"PYTHONHASHSEED": "1"})


def test_json_lists_one_record_per_result(json_run):
    assert json_run.returncode == 0, json_run.stderr
    records = json.loads(json_run.stdout)
    labels = {r["eq"] for r in records}
    for eq in ("9", "10", "11", "12a", "12b", "14", "15", "16", "17", "2", "4", "18a", "18b",
               "19", "20", "21", "estimate"):
        assert eq in labels


def test_output_is_byte_identical_between_runs(json_run):
    again = run("--json", env={"PYTHONHASHSEED": "2"})
    assert again.stdout == json_run.stdout


def test_progress_goes_to_stderr(json_run):
    assert "[1/" in json_run.stderr and "derived in" in json_run.stderr


def test_unknown_equation_exits_2_with_the_choices():
    result = run("--only", "99")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "12a" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command_exits_2():
    result = subprocess.run([sys.executable, "-m", "derivation", "frobnicate"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
