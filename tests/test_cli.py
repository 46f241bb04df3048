"""The command line: deterministic output, user errors exit 2 in one line."""
import json
import os
import subprocess
import sys

import pytest


def run(*args, env=None, package="derivation"):
    return subprocess.run([sys.executable, "-m", package, *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=300)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    """A record cache of this module's own: the first run derives, later ones read it."""
    return str(tmp_path_factory.mktemp("records"))


# what a plain `pip install -e .` lacks: every extra's modules (README's main command needs none)
EXTRAS_ONLY = ("pint", "scipy", "matplotlib", "numba", "dask", "distributed", "xarray",
               "h5netcdf", "pytest", "hypothesis", "nbclient", "nbformat", "IPython", "spirit")


@pytest.fixture(scope="module")
def json_run(cache_dir):
    # two processes (derivation.export.parallel), compared below with one process; as after a
    # plain `pip install -e .`: no extra importable
    code = (f"import runpy, sys; sys.modules.update(dict.fromkeys({EXTRAS_ONLY!r})); "
            "runpy.run_module('derivation', run_name='__main__', alter_sys=True)")
    return subprocess.run([sys.executable, "-c", code, "--json", "--jobs", "2"],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONHASHSEED": "1", "OPZA_CACHE_DIR": cache_dir})


def test_the_main_command_runs_after_a_plain_install(json_run):
    assert json_run.returncode == 0, json_run.stderr
    assert json.loads(json_run.stdout) and "Traceback" not in json_run.stderr


def test_json_lists_one_record_per_result(json_run):
    assert json_run.returncode == 0, json_run.stderr
    records = json.loads(json_run.stdout)
    labels = {r["eq"] for r in records}
    for eq in ("9", "10", "11", "12a", "12b", "14", "15", "16", "17", "2", "4", "18a", "18b",
               "19", "20", "21", "estimate"):
        assert eq in labels


def test_output_is_byte_identical_between_runs(json_run, cache_dir):
    from derivation.export import output
    # derived afresh in this process, in one (another hash seed), and read from the disk cache
    assert output.json_text(use_cache=False, jobs=1) == json_run.stdout
    cached = run("--json", env={"PYTHONHASHSEED": "2", "OPZA_CACHE_DIR": cache_dir})
    assert "records from the cache" in cached.stderr
    assert cached.stdout == json_run.stdout


def test_progress_goes_to_stderr(json_run):
    assert "[1/" in json_run.stderr and "derived in" in json_run.stderr


def test_unknown_equation_exits_2_with_the_choices():
    result = run("--only", "99")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "12a" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command_exits_2():
    for package in ("derivation", "opza"):
        result = subprocess.run([sys.executable, "-m", package, "frobnicate"],
                                capture_output=True, text=True)
        assert result.returncode == 2 and "Traceback" not in result.stderr


def opza(*args):
    return subprocess.run([sys.executable, "-m", "opza", *args], capture_output=True,
                          text=True, timeout=300)


def test_eval_uses_the_letters_defaults_and_prints_the_value():
    result = opza("eval", "torque_perp", "--T", "300", "--mu", "1e-19", "--eps0", "1e-19",
                  "--J_sd", "4.141947e-21")
    assert result.returncode == 0, result.stderr
    name, value = result.stdout.split(" = ")
    import numeric
    expected = numeric.torque_perp(j=1e11, j0=1e16, T=300, mu=1e-19, eps0=1e-19, J_sd=4.141947e-21)
    assert name == "torque_perp" and float(value) == pytest.approx(expected, rel=1e-9)
    # the defaults it used are echoed, with their units
    assert "defaults used: j = 1e+11 A/m^2, j0 = 1e+16 A/m^2" in result.stderr


def _value(stdout: str, label: str) -> tuple[float, str]:
    line = next(line for line in stdout.splitlines() if line.startswith(f"{label} = "))
    number, _, unit = line.split(" = ", 1)[1].partition(" ")
    return float(number), unit


def test_eval_prints_the_unit_of_every_result():
    result = opza("eval", "relaxation", "--t", "1e-9", "--T_perp", "1e-6", "--a", "2.5e-10",
                  "--kappa", "1e-9", "--J", "1e-21", "--S", "1", "--J_sd", "4e-21")
    assert result.returncode == 0, result.stderr
    assert _value(result.stdout, "V")[1] == "m/s" and _value(result.stdout, "X")[1] == "m"


def test_eval_takes_units_and_equals_signs():
    import numeric
    k_B, e = numeric.K_B, numeric.E_CHARGE
    result = opza("eval", "v_star", "--T=300 K", "--mu", "0.1 eV", "--eps0=0.1 eV",
                  "--J_sd", "25 meV", "--lam", "10 nm", "--j", "1e11 A/m^2")
    assert result.returncode == 0, result.stderr
    value, unit = _value(result.stdout, "v_star")
    expected = numeric.v_star(j=1e11, j0=1e16, T=300, mu=0.1 * e, eps0=0.1 * e, alpha=1e-2,
                              lam=1e-8, J_sd=25e-3 * e)
    assert unit == "m/s" and value == pytest.approx(expected, rel=1e-9)
    assert k_B > 0


def test_eval_reads_a_toml_parameter_file(tmp_path):
    import numeric
    path = tmp_path / "p.toml"
    path.write_text('T = "300 K"\nmu = 1e-19\neps0 = "1e-19 J"\nJ_sd = "4.141947e-21 J"\n'
                    'kappa = "5 nm"\n')  # kappa is not v_star's: used by other kernels, ignored
    result = opza("eval", "v_star", "--params", str(path), "--alpha", "0.02")
    assert result.returncode == 0, result.stderr
    expected = numeric.v_star(j=1e11, j0=1e16, T=300, mu=1e-19, eps0=1e-19, alpha=0.02, lam=1e-8,
                              J_sd=4.141947e-21)
    assert _value(result.stdout, "v_star")[0] == pytest.approx(expected, rel=1e-9)


def test_eval_help_lists_the_kernels_parameters_with_units_and_defaults():
    result = opza("eval", "v_star", "--help")
    assert result.returncode == 0, result.stderr
    assert "Eq. (21)" in result.stdout
    assert "--T" in result.stdout and "[K]" in result.stdout and "required" in result.stdout
    assert "--lam" in result.stdout and "default 1e-08 m (the letter's)" in result.stdout


@pytest.mark.parametrize("args,loaded", [
    (("v_star", "--T", "300", "--mu", "1e-19", "--eps0", "1e-19", "--J_sd", "4e-21"), ()),
    (("v_star", "--help"), ()),
    (("--help",), ()),
    (("relaxation", "--t", "1e-9", "--T_perp", "1e-6", "--a", "2.5e-10", "--kappa", "1e-9",
      "--J", "1e-21", "--S", "1", "--J_sd", "4e-21"), ()),
    (("v_star", "--T", "300 K", "--mu", "1e-19", "--eps0", "1e-19", "--J_sd", "25 meV"),
     ("pint",)),  # pint only where a unit is given
])
def test_eval_imports_no_sympy(args, loaded):
    # the kernels' metadata, the letter's defaults included, is generated beside them
    # (numeric.kernels): opza eval needs numeric and NumPy only
    code = ("import sys\nfrom opza.cli import main\ntry:\n    main(sys.argv[1:])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sympy', 'mpmath', 'pint', 'scipy', 'numba', 'dask', "
            "'matplotlib') if m in sys.modules), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, "eval", *args], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0 and "error" not in out.stderr, out.stderr
    assert out.stdout.strip()  # it answered
    modules = eval(out.stderr.strip().splitlines()[-1])
    assert "sympy" not in modules and "mpmath" not in modules
    # nothing else, except pint where a unit is given (with what pint imports: SciPy, dask)
    assert set(loaded) <= set(modules) and (loaded or not modules)


def test_version():
    result = opza("--version")
    assert result.returncode == 0 and result.stdout.startswith("opza ")


@pytest.mark.parametrize("args,fragment", [
    (["eval", "nope"], "choose from"),
    (["eval", "torque_perp", "--T", "abc"], "--T: 'abc' is neither"),
    (["eval", "torque_perp", "--T", "300"], "needs --mu"),
    (["eval", "torque_perp", "--bogus", "1"], "no parameter 'bogus'"),
    (["eval", "tau_dw", "--alpha", "-1", "--a", "1e-10", "--kappa", "1e-9", "--J", "1e-21",
      "--S", "1"], "alpha must be > 0"),
    (["eval", "torque_perp", "--T=-5", "--mu", "0", "--eps0", "1e-19", "--J_sd", "1e-21"],
     "T must be > 0, got -5"),
    (["eval", "torque_perp", "--T", "300 m", "--mu", "0", "--eps0", "1e-19", "--J_sd", "1e-21"],
     "--T: '300 m' has the wrong dimension"),
    (["eval", "torque_perp", "--T", "300 furlongs/K", "--mu", "0", "--eps0", "1e-19",
      "--J_sd", "1e-21"], "--T"),
    (["eval", "torque_perp", "--params", "/nonexistent/p.toml"], "no such file"),
    (["eval", "v_star", "--T", "1e-308", "--mu", "1e-19", "--eps0", "1e-19", "--J_sd", "1e-21"],
     "v_star: the result overflows float64"),
    (["latex", "99"], "unknown equation"),
    (["derive", "--jobs", "3"], "--jobs must be 1 or 2"),
    (["report"], "--out"),
])
def test_user_errors_exit_2_in_one_line(args, fragment):
    result = opza(*args)
    assert result.returncode == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_latex_prints_the_letters_notation(json_run, cache_dir):
    # reads the records json_run derived (no second derivation)
    result = run("latex", "12a", "--paper", env={"OPZA_CACHE_DIR": cache_dir}, package="opza")
    assert result.returncode == 0
    assert r"J_{sd} T_{\perp}" in result.stdout and r"\dot{\xi}_{0}" in result.stdout
    assert "% printed:" in result.stdout and "&= " in result.stdout
    assert r"\usepackage{amsmath}" in result.stdout.splitlines()[0]
    assert "amsmath" in opza("latex", "--help").stdout


def test_every_command_has_help():
    for command in ("derive", "latex", "report", "eval", "figures"):
        result = opza(command, "--help")
        assert result.returncode == 0 and "usage" in result.stdout


@pytest.mark.parametrize("command", ["report", "figures"])
def test_an_out_that_cannot_be_written_is_refused_before_any_work(command, tmp_path):
    a_file = tmp_path / "a_file"
    a_file.write_text("")
    for out, fragment in ((a_file, "is an existing file"),
                          (tmp_path / "missing" / "deeper", "parent directory"),
                          ("/proc/opza-cannot-write", "cannot be created or written")):
        result = opza(command, "--out", str(out))
        assert result.returncode == 2, (out, result.stderr)
        assert fragment in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.strip().count("\n") == 0
        assert "[1/" not in result.stderr  # no derivation started


def test_a_missing_optional_dependency_names_the_extra(tmp_path):
    code = ("import sys; sys.modules['matplotlib'] = None; from opza.cli import main; "
            f"sys.exit(main(['figures', '--out', {str(tmp_path / 'f')!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert "pip install 'opza[figures]'" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_overflowing_values_give_a_finite_result_or_an_error_never_a_warning():
    # T = 1e-300 K: intermediate terms overflow, the result (≈ -8.6e302 m/s) does not
    result = opza("eval", "v_star", "--T", "1e-300", "--mu", "1e-19", "--eps0", "1e-19",
                  "--J_sd", "1e-21")
    assert result.returncode == 0 and "Warning" not in result.stderr, result.stderr
    assert 1e302 < -_value(result.stdout, "v_star")[0] < 1e303
    # sech² of a huge argument underflows to 0: the correct result, printed without a sign
    result = opza("eval", "v_star", "--T", "300", "--mu", "1e300", "--eps0", "1e-19",
                  "--J_sd", "1e-21", "--si")
    assert result.returncode == 0, result.stderr
    assert _value(result.stdout, "v_star")[0] == 0.0 and "-0 " not in result.stdout
    assert "Warning" not in result.stderr


def test_latex_reads_equation_numbers_as_a_reader_writes_them(json_run, cache_dir):
    env = {"OPZA_CACHE_DIR": cache_dir}
    both = run("latex", "12", env=env, package="opza")
    assert both.returncode == 0, both.stderr
    assert "% (12a) " in both.stdout and "% (12b) " in both.stdout
    paren = run("latex", "(21)", env=env, package="opza")
    assert paren.returncode == 0 and "% (21) " in paren.stdout
    assert paren.stdout == run("latex", "21", env=env, package="opza").stdout


def test_latex_of_an_equation_without_a_derived_form_says_so():
    result = opza("latex", "3")  # the s-d coupling: the model, only its dimensions are checked
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Eq. (3) has no derived form" in result.stderr
    assert result.stderr.strip().count("\n") == 0 and result.stdout == ""


def _interrupt(args: list[str], tmp_path, wait_for: str = "[1/"):
    """Run ``python -m opza ARGS``, send SIGINT once ``wait_for`` shows on stderr (the command
    is at work), and return (status, stdout, stderr)."""
    import signal
    import threading
    env = {**os.environ, "OPZA_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "opza", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    seen, lines = threading.Event(), []

    def read():
        for line in proc.stderr:
            lines.append(line)
            if wait_for in line:
                seen.set()
        seen.set()
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert seen.wait(240), "the command never started its work"
    proc.send_signal(signal.SIGINT)
    out = proc.stdout.read()
    proc.wait(timeout=60)
    reader.join(timeout=10)
    return proc.returncode, out, "".join(lines)


@pytest.mark.parametrize("command", ["derive", "report"])
def test_ctrl_c_ends_with_one_line_status_130_and_no_partial_output(command, tmp_path):
    out = tmp_path / "out"
    args = ["derive", "--no-cache"] if command == "derive" else \
        ["report", "--out", str(out), "--no-cache"]
    status, stdout, stderr = _interrupt(args, tmp_path)
    assert status == 130, stderr
    progress = [line for line in stderr.splitlines() if line.startswith("[")]
    rest = [line for line in stderr.splitlines() if line not in progress]
    assert rest == [f"opza {command}: interrupted"]
    assert stdout == ""
    assert not out.exists()  # no empty directory, no half-written report
    assert not list(tmp_path.glob(".opza-partial-*"))


def test_progress_names_each_stage_as_it_starts_in_order(json_run):
    stages = [line for line in json_run.stderr.splitlines() if line.startswith("[")]
    from derivation.chain import STAGES
    assert [int(line[1:line.index("/")]) for line in stages] == list(range(1, len(STAGES) + 1))
    names = {name for name, _ in STAGES}
    assert {line.split("] ", 1)[1].removesuffix(" (second process)") for line in stages} == names


def test_printed_and_derived_in_one_notation_with_named_units(json_run):
    records = json.loads(json_run.stdout)
    for r in records:
        if r["section"] != "audit" and r["paper_latex"]:
            assert r["printed_text"] and "\\" not in r["printed_text"], (r["eq"], r["printed_text"])
        if r["section"] == "audit":
            assert "kg" not in r["note"], r["note"]  # J/m², not kg/s²
    assert any("[J/m²]" in r["note"] for r in records)
    estimate = next(r for r in records if r["eq"] == "estimate")
    assert estimate["derived_text"].endswith(" m/s") and r"\mathrm{m/s}" in estimate["equation_latex"]
    torque = next(r for r in records if (r["eq"], r["quantity"]) == ("18a", "T_perp"))
    assert r"\operatorname{Re}" in torque["equation_latex"]
    assert r"\operatorname{re}" not in "".join(r["equation_latex"] for r in records)
