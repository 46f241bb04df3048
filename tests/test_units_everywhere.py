"""Units that cannot mislead: quantities in and out, units in every command, implausible bare
numbers refused with a hint, |V| ≥ c flagged, materials by any name, arrays on the command line,
NetCDF units that pint parses.  In-process and without simulations: fast."""
import types

import numpy as np
import pint  # the units extra, in the test extra: no skip
import pytest

ureg = pint.UnitRegistry()


def opza(capsys, *args):
    """`opza ARGS` in this process: (exit status, stdout, stderr)."""
    from opza.cli import main
    try:
        status = main(list(args))
    except SystemExit as exit_:  # argparse's own errors
        status = exit_.code
    out = capsys.readouterr()
    return status, out.out, out.err


def _one_line_error(status, err):
    assert status == 2 and "Traceback" not in err, err
    assert err.strip().count("\n") == 0, err


def test_an_energy_without_its_unit_is_refused_with_a_hint(capsys):
    status, out, err = opza(capsys, "eval", "v_star", "--mu", "0.1", "--eps0", "0.1",
                            "--J_sd", "0.02585", "--T", "300")
    _one_line_error(status, err)
    assert out == "" and "0.1 J? give a unit: '0.1 eV'" in err and "--si" in err
    # --si: the bare numbers are meant in SI; the unphysical result is flagged
    status, out, err = opza(capsys, "eval", "v_star", "--mu", "0.1", "--eps0", "0.1",
                            "--J_sd", "0.02585", "--T", "300", "--si")
    assert status == 0 and "|V| ≥ c: not physical" in out and "speed of light" in err
    status, out, _ = opza(capsys, "eval", "v_star", "--mu", "0.1 eV", "--eps0", "0.1 eV",
                          "--J-sd", "25.85 meV", "--T", "300")
    v = float(out.split("=")[1].split()[0])
    assert status == 0 and 1 < abs(v) < 1e3 and "not physical" not in out


def test_quantities_in_quantities_out_bare_in_bare_out():
    import numeric
    import numeric.mp
    kw = dict(j=1e11, j0=1e16, alpha=0.01, lam=1e-8, T=300.0)
    eV = 1.602176634e-19
    bare = numeric.v_star(mu=0.1 * eV, eps0=0.1 * eV, J_sd=0.02585 * eV, **kw)
    assert isinstance(bare, float)
    for module in (numeric, numeric.mp):
        q = module.v_star(mu=0.1 * ureg.eV, eps0=100 * ureg.meV, J_sd=25.85 * ureg.meV, **kw)
        assert isinstance(q, ureg.Quantity) and q.check("[length]/[time]")
        assert float(q.m_as("m/s")) == pytest.approx(bare, rel=1e-12)
    xi, V, X = numeric.relaxation(np.array([0.0, 1.0]) * ureg.ns, T_perp=1e-3, alpha=0.1,
                                  a=2.5e-10, lam=3e-9, kappa=1.5e-9, J=1.6e-21, S=1.0,
                                  J_sd=1.6e-21)
    assert xi.dimensionless and V.check("[length]/[time]") and X.check("[length]")


def test_a_velocity_at_or_above_c_warns_in_the_api():
    import numeric
    with pytest.warns(numeric.UnphysicalWarning, match="not a physical velocity"):
        numeric.v_star(mu=0.1, eps0=0.1, J_sd=0.02585, T=300.0, j=1e11, j0=1e16, alpha=0.01,
                       lam=1e-8)


@pytest.mark.parametrize("args", [
    ["validity", "--material", "Fe", "--T", "27 degC", "--j", "1e7 A/cm^2"],
    ["eval", "tau_dw", "--alpha", "0.1", "--a", "2.5 angstrom", "--kappa", "1.5 nm",
     "--J", "10 meV", "--S", "1"],
])
def test_units_are_read_by_every_command(capsys, args):
    status, out, err = opza(capsys, *args)
    assert status == 0, err


def test_simulate_and_sweep_read_units_and_refuse_implausible_numbers(capsys, tmp_path):
    from opza.cli import build_parser, dashed
    from opza.commands import simulate
    parser = build_parser()
    args = parser.parse_args(dashed(["simulate", "--material", "IRON", "--lam", "10 nm",
                                     "--J_sd", "25 meV", "--T-perp", "1e-3"]))
    p, words = simulate._parameters(args)
    assert p["lam"] == pytest.approx(1e-8) and p["T_perp"] == 1e-3
    assert p["J_sd"] == pytest.approx(25e-3 * 1.602176634e-19) and words.startswith("iron")
    args = parser.parse_args(dashed(["simulate", "--J-sd", "0.1"]))
    with pytest.raises(Exception, match=r"0\.1 J\? give a unit: '0\.1 eV'"):
        simulate._parameters(args)
    status, _, err = opza(capsys, "sweep", "--out", str(tmp_path / "m.nc"), "--lam", "3")
    _one_line_error(status, err)
    assert "--lam = 3 is above 1 m" in err and not (tmp_path / "m.nc").exists()


def test_simulate_defaults_are_the_letters():
    from opza.cli import build_parser
    from opza.commands import simulate
    p, words = simulate._parameters(build_parser().parse_args(["simulate"]))
    assert p["lam"] == pytest.approx(1e-8) and p["alpha"] == pytest.approx(0.01)
    assert "letter" in words


@pytest.mark.parametrize("name,key", [("iron", "Fe"), ("FE", "Fe"), ("py", "permalloy"),
                                      ("Permalloy", "permalloy"), ("cobalt", "Co"),
                                      ("cofeb", "CoFeB")])
def test_material_names_in_any_case_and_by_alias(name, key):
    from derivation.audit.validity import find, materials
    assert find(name, materials()).key == key


def test_arrays_on_the_command_line(capsys):
    base = ["eval", "relaxation", "--material", "Py", "--T-perp", "1e-3"]
    status, out, err = opza(capsys, *base, "--t", "0:1e-9:3")
    assert status == 0, err
    assert out.splitlines()[0].startswith("xi0 = [0, ") and out.splitlines()[0].count(",") == 2
    status, comma, _ = opza(capsys, *base, "--t", "0,0.5 ns,1e-9")
    assert status == 0 and comma == out
    status, _, err = opza(capsys, *base, "--t", "0:1e-9:0")
    _one_line_error(status, err)


def test_both_flag_spellings_are_accepted(capsys):
    common = ["--alpha", "0.1", "--a", "2.5e-10", "--kappa", "1.5e-9", "--J", "1.6e-21", "--S", "1"]
    results = {opza(capsys, "eval", "tau_dw", *common, flag, "1e-21")[1]
               for flag in ("--J_sd", "--J-sd")}
    assert len(results) == 1


def test_netcdf_units_are_units_pint_parses(tmp_path):
    import xarray as xr
    from numeric.llg.comparison import DESCRIPTIONS, QUANTITIES, UNITS
    for q in QUANTITIES:
        ureg.Unit(UNITS[q])
        assert DESCRIPTIONS[q]
    from opza.commands.simulate import _write_trajectory
    t = np.linspace(0, 1e-9, 3)
    traj = types.SimpleNamespace(n=np.zeros((3, 3, 4)), X=t, V=t, xi0=t, energy=t, t=t,
                                 chain=types.SimpleNamespace(x=np.arange(4.0)))
    path = tmp_path / "run.nc"
    _write_trajectory(path, traj, {"lam": 1e-8}, 1e-10, (t, t, t))
    with xr.open_dataset(path) as ds:
        for name in [*ds.data_vars, "t", "x"]:
            ureg.Unit(ds[name].attrs["units"])
            assert ds[name].attrs["long_name"]
