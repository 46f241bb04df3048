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


def opza(*args):
    return subprocess.run([sys.executable, "-m", "derivation", *args], capture_output=True,
                          text=True, timeout=300)


def test_eval_uses_the_letters_defaults_and_prints_the_value():
    result = opza("eval", "torque_perp", "--T", "300", "--mu", "1e-19", "--eps0", "1e-19",
                  "--J_sd", "4.141947e-21")
    assert result.returncode == 0, result.stderr
    name, value = result.stdout.split(" = ")
    import numeric
    expected = numeric.torque_perp(j=1e11, j0=1e16, T=300, mu=1e-19, eps0=1e-19, J_sd=4.141947e-21)
    assert name == "torque_perp" and float(value) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("args,fragment", [
    (["eval", "nope"], "choose from"),
    (["eval", "torque_perp", "--T", "abc"], "bad value for --T"),
    (["eval", "torque_perp", "--T", "300"], "needs --mu"),
    (["eval", "torque_perp", "--bogus", "1"], "no parameter 'bogus'"),
    (["eval", "tau_dw", "--alpha", "-1", "--a", "1e-10", "--kappa", "1e-9", "--J", "1e-21",
      "--S", "1"], "alpha must be > 0"),
    (["latex", "99"], "unknown equation"),
    (["report"], "--out"),
])
def test_user_errors_exit_2_in_one_line(args, fragment):
    result = opza(*args)
    assert result.returncode == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_latex_prints_the_letters_notation():
    result = opza("latex", "12a", "--paper")
    assert result.returncode == 0
    assert r"J_{sd} T_{\perp}" in result.stdout and r"\dot{\xi}_{0}" in result.stdout
    assert "% printed:" in result.stdout


def test_every_command_has_help():
    for command in ("derive", "latex", "report", "eval", "figures"):
        result = opza(command, "--help")
        assert result.returncode == 0 and "usage" in result.stdout
