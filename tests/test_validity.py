"""Materials and `opza validity`: every value has a unit and a source; user errors exit 2."""
import tomllib

import pytest

from derivation.audit import validity


def test_every_material_value_loads_with_units_and_has_a_source():
    import pint
    raw = tomllib.loads(validity.DATA.read_text())
    ureg = pint.UnitRegistry()
    loaded = validity.materials()
    assert {"permalloy", "Fe", "Co", "CoFeB"} <= set(loaded)
    for key, table in raw.items():
        for name, entry in table.items():
            if name == "name":
                continue
            assert entry["source"].strip(), f"{key}.{name} has no source"
            # pint reads the unit and the loaded SI value is the same quantity
            quantity = ureg.Quantity(entry["value"], entry["unit"] or "dimensionless")
            expected = quantity.to(validity._UNITS[name]).magnitude
            assert loaded[key].values[name] == pytest.approx(expected, rel=1e-15)
            assert loaded[key].sources[name] == entry["source"]


def test_model_parameters_follow_the_letters_definitions():
    fe = validity.materials()["Fe"]
    p = validity.model_parameters(fe)
    v = fe.values
    # J S²/(2a) is the exchange stiffness A (Eq. 1), λ² K = A, a³ = volume per atom
    assert p["J"] * p["S"] ** 2 / (2 * p["a"]) == pytest.approx(v["A"], rel=1e-12)
    assert p["lam"] ** 2 * v["K_easy"] == pytest.approx(v["A"], rel=1e-12)
    assert p["a"] ** 3 * v["atom_density"] == pytest.approx(1.0, rel=1e-12)


@pytest.mark.parametrize("value,mark", [(0.01, "holds"), (0.5, "marginal"), (-3.0, "fails")])
def test_classify(value, mark):
    assert validity.classify(value) == mark


def opza(capsys, *args):
    """`opza validity ARGS` in this process: (exit status, stdout, stderr)."""
    from opza.cli import main
    try:
        status = main(["validity", *args])
    except SystemExit as exit_:  # argparse's own errors
        status = exit_.code
    out = capsys.readouterr()
    return status, out.out, out.err


def test_validity_prints_every_small_parameter_with_a_mark(capsys):
    status, out, err = opza(capsys, "--material", "permalloy", "--j", "1e11", "--T", "300")
    assert status == 0, err
    for fragment in ("xi0* (Eq. 15)", "tau_DW", "V* (Eq. 15)", "max n_z", "J_sd S / k_B T",
                     "a / lambda", "tau_el / tau_DW", "S_z term", "tilt amplitude"):
        assert fragment in out
    marks = [line.split()[-1] for line in out.splitlines() if "[" in line]
    assert len(marks) == 7 and set(marks) <= {"holds", "marginal", "fails"}


def test_validity_small_parameters_are_the_numeric_values(capsys):
    import numeric
    params = validity.model_parameters(validity.materials()["Co"])
    rows = {name: value for name, value, *_ in validity.validity_table(params, j=2e11, T=100.0)}
    T_perp = numeric.torque_perp(j=2e11, j0=params["j0"], T=100.0, mu=params["eps0"],
                                 eps0=params["eps0"], J_sd=params["J_sd"], S=params["S"])
    assert rows["T_perp (Eq. 20, mu = eps0)"] == pytest.approx(T_perp, rel=1e-14)
    assert rows["J_sd S / k_B T [born]"] == pytest.approx(
        params["J_sd"] * params["S"] / (numeric.K_B * 100.0), rel=1e-14)


@pytest.mark.parametrize("args,fragment", [
    (["--material", "unobtainium"], "unknown material"),
    (["--params", "/nonexistent/file.toml"], "parameter file: no such file"),
    (["--T", "-4"], "--T must be"),
    (["--j", "abc"], "invalid float"),
])
def test_user_errors_exit_2_in_one_line(capsys, args, fragment):
    status, _, err = opza(capsys, *args)
    assert status == 2
    assert fragment in err and "Traceback" not in err
    assert err.strip().count("\n") == 0


def test_a_params_file_with_a_wrong_unit_is_a_user_error(capsys, tmp_path):
    text = validity.DATA.read_text().split("[Fe]")[0].replace('unit = "J/m", source = "muMAG',
                                                                'unit = "kg", source = "muMAG')
    path = tmp_path / "bad.toml"
    path.write_text(text)
    status, _, err = opza(capsys, "--params", str(path))
    assert status == 2 and "Cannot convert" in err and "\n" not in err.strip()


def test_validity_has_help(capsys):
    status, out, _ = opza(capsys, "--help")
    assert status == 0 and "usage" in out and "--material" in out
