"""Materials and `opza validity`: every value has a unit and a source; user errors exit 2."""
import math
import tomllib

import pytest

from derivation.audit import validity


def test_every_material_value_loads_with_units_and_has_a_source():
    """Each bundled value: a unit pint reads, a source, and whether it was checked against it;
    each material: its geometry stated, the strip's cross-section given (the anisotropies follow)."""
    import pint
    raw = tomllib.loads(validity.DATA.read_text())
    ureg = pint.UnitRegistry()
    loaded = validity.materials()
    assert {"permalloy", "Fe", "Co", "CoFeB"} <= set(loaded)
    for key, table in raw.items():
        assert len(table.get("geometry", "")) > 40, f"{key} does not state its geometry"
        assert loaded[key].geometry == table["geometry"]
        assert {"width", "thickness"} <= set(table), f"{key}: the strip's cross-section is missing"
        assert "K_easy" not in table, f"{key}: K_easy given instead of following from the geometry"
        for name, entry in table.items():
            if name in ("name", "geometry", "aliases"):
                continue
            assert entry["source"].strip(), f"{key}.{name} has no source"
            assert isinstance(entry.get("verified"), bool), f"{key}.{name}: verified or not?"
            if not entry["verified"]:  # an unchecked number says so, or is a stated choice
                assert any(w in entry["source"] for w in ("NOT VERIFIED", "not checked", "chosen",
                                                          "assumption")), f"{key}.{name}"
            # pint reads the unit and the loaded SI value is the same quantity
            quantity = ureg.Quantity(entry["value"], entry["unit"] or "dimensionless")
            expected = quantity.to(validity._UNITS[name]).magnitude
            assert loaded[key].values[name] == pytest.approx(expected, rel=1e-15)
            assert loaded[key].sources[name] == entry["source"]


@pytest.mark.parametrize("key", ["permalloy", "Fe", "Co", "CoFeB"])
def test_model_parameters_follow_the_letters_definitions(key):
    material = validity.materials()[key]
    p = validity.model_parameters(material)
    v = material.values
    # J S²/(2a) is the exchange stiffness A (Eq. 1), a³ = volume per atom, S = Ms a³/(2µ_B)
    assert p["J"] * p["S"] ** 2 / (2 * p["a"]) == pytest.approx(v["A"], rel=1e-12)
    assert p["a"] ** 3 * v["atom_density"] == pytest.approx(1.0, rel=1e-12)
    assert 2 * 9.2740100783e-24 * p["S"] == pytest.approx(v["Ms"] * p["a"] ** 3, rel=1e-12)
    # the letter's geometry: K_easy (x) and K_perp (z) from the strip, λ² K_easy = A = κ² K_perp
    n_x, n_y, n_z = p["demag_factors"]
    k_d = 4e-7 * math.pi * v["Ms"] ** 2 / 2
    assert p["K_easy"] == pytest.approx(k_d * (n_y - n_x) + v.get("K_crystal", 0.0), rel=1e-8)
    assert p["K_perp"] == pytest.approx(k_d * (n_z - n_y), rel=1e-8)
    assert p["lam"] ** 2 * p["K_easy"] == pytest.approx(v["A"], rel=1e-12)
    assert p["kappa"] ** 2 * p["K_perp"] == pytest.approx(v["A"], rel=1e-12)
    assert p["lam"] > p["kappa"] > 0  # easy along the wire, hard normal to the film
    # τ_el reproduces the resistivity through the letter's j = ne²τE/m* with the model's n, m*
    e = 1.602176634e-19
    assert 1 / (p["n"] * e ** 2 * p["tau_el"] / p["m_eff"]) == pytest.approx(v["resistivity"], rel=1e-12)


def test_demagnetising_factors_sum_to_one_and_the_cube_has_a_third():
    from derivation.audit.demagnetisation import prism_factors, wire_factors
    assert sum(prism_factors(3.0, 2.0, 0.7)) == pytest.approx(1.0, abs=1e-12)
    assert prism_factors(1.0, 1.0, 1.0) == pytest.approx((1 / 3,) * 3, abs=1e-12)
    assert sum(wire_factors(240e-9, 10e-9)) == pytest.approx(1.0, abs=1e-12)
    # a thin, wide strip: N_z → 1; a square wire: N_y = N_z = 1/2
    assert wire_factors(1.0, 1e-4)[2] > 0.999
    assert wire_factors(1.0, 1.0)[1:] == pytest.approx((0.5, 0.5), abs=1e-12)


def _aharoni(a, b, c, module):
    """Aharoni's Eq. (1), N along the edge 2c, typed again here for SymPy or mpmath."""
    sqrt, log, atan, pi = module.sqrt, module.log, module.atan, module.pi
    r, rab, rbc, rac = sqrt(a**2 + b**2 + c**2), sqrt(a**2 + b**2), sqrt(b**2 + c**2), sqrt(a**2 + c**2)
    return ((b**2 - c**2) / (2 * b * c) * log((r - a) / (r + a))
            + (a**2 - c**2) / (2 * a * c) * log((r - b) / (r + b))
            + b / (2 * c) * log((rab + a) / (rab - a)) + a / (2 * c) * log((rab + b) / (rab - b))
            + c / (2 * a) * log((rbc - b) / (rbc + b)) + c / (2 * b) * log((rac - a) / (rac + a))
            + 2 * atan(a * b / (c * r)) + (a**3 + b**3 - 2 * c**3) / (3 * a * b * c)
            + (a**2 + b**2 - 2 * c**2) / (3 * a * b * c) * r + c / (a * b) * (rac + rbc)
            - (rab**3 + rbc**3 + rac**3) / (3 * a * b * c)) / pi


STRIPS = ((240.0, 10.0), (100.0, 5.0), (3.0, 2.0))


def test_long_wire_factors_are_the_long_prism_limit():
    """wire_factors against Aharoni's prism 10²⁰ times longer than wide, in 60-digit arithmetic
    (the finite-length correction is ~width/length); and a 10³ times longer prism in floats."""
    import mpmath as mp
    from derivation.audit.demagnetisation import prism_factors, wire_factors
    with mp.workdps(60):
        for width, thickness in STRIPS:
            _, n_y, n_z = wire_factors(width, thickness)
            a, b, c = mp.mpf(10) ** 20 * width, mp.mpf(width) / 2, mp.mpf(thickness) / 2
            assert float(_aharoni(a, b, c, mp)) == pytest.approx(n_z, rel=1e-12)
            assert float(_aharoni(a, c, b, mp)) == pytest.approx(n_y, rel=1e-12)
            assert prism_factors(1e3 * width, width, thickness)[2] == pytest.approx(n_z, abs=3e-3)


@pytest.mark.slow
def test_long_wire_closed_form_is_sympys_limit_of_aharonis_prism():
    """The closed form in wire_factors is SymPy's limit of Aharoni's Eq. (1), length → ∞ (~25 s)."""
    import sympy as sp
    from derivation.audit.demagnetisation import wire_factors
    a, b, c, x = sp.symbols("a b c x", positive=True)
    limit = sp.limit(_aharoni(a, b, c, sp).subs(a, 1 / x), x, 0)
    for width, thickness in STRIPS:
        _, n_y, n_z = wire_factors(width, thickness)
        assert float(limit.subs({b: width / 2, c: thickness / 2})) == pytest.approx(n_z, rel=1e-12)
        assert float(limit.subs({b: thickness / 2, c: width / 2})) == pytest.approx(n_y, rel=1e-12)


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


SMALL = ("tilt amplitude", "J_sd S / k_B T", "hbar / (tau_el k_B T)", "J_sd S tau_el / hbar",
         "hbar / (tau_el eps0)", "a / lambda", "tau_el / tau_DW", "S_par kappa^2", "S_z term",
         "width / exchange length")


def test_validity_prints_every_small_parameter_with_a_mark(capsys):
    status, out, err = opza(capsys, "--material", "permalloy", "--j", "1e11", "--T", "300")
    assert status == 0, err
    for fragment in ("xi0* (Eq. 15)", "tau_DW", "V* (Eq. 15)", "max n_z", "geometry:", "K_easy",
                     "K_perp", "Born factor", "relaxation to f0(h_k)", "spread") + SMALL:
        assert fragment in out
    params = validity.model_parameters(validity.materials()["permalloy"])
    rows = validity.validity_table(params, j=1e11, T=300.0)
    small = [(name, mark) for name, _, mark, _ in rows if mark in {"holds", "marginal", "fails"}]
    assert len(small) == len(SMALL) and all(any(f in n for f in SMALL) for n, _ in small)
    numbers = [tok for line in out.splitlines() for tok in line.split()]
    assert not {"nan", "inf", "-inf"} & set(numbers)


def test_validity_small_parameters_are_the_numeric_values(capsys):
    import numeric
    params = validity.model_parameters(validity.materials()["Co"])
    rows = {name: value for name, value, *_ in validity.validity_table(params, j=2e11, T=100.0)}
    T_perp = numeric.torque_perp(j=2e11, j0=params["j0"], T=100.0, mu=params["eps0"],
                                 eps0=params["eps0"], J_sd=params["J_sd"], S=params["S"])
    assert rows["T_perp (Eq. 20, mu = eps0)"] == pytest.approx(T_perp, rel=1e-14)
    assert rows["J_sd S / k_B T [born; beyond-Born narrow limit]"] == pytest.approx(
        params["J_sd"] * params["S"] / (numeric.K_B * 100.0), rel=1e-14)


@pytest.mark.parametrize("args,fragment", [
    (["--material", "unobtainium"], "unknown material"),
    (["--params", "/nonexistent/file.toml"], "parameter file: no such file"),
    (["--T", "-4"], "--T must be"),
    (["--j", "abc"], "--j: 'abc' is neither"),
])
def test_user_errors_exit_2_in_one_line(capsys, args, fragment):
    status, _, err = opza(capsys, *args)
    assert status == 2
    assert fragment in err and "Traceback" not in err
    assert err.strip().count("\n") == 0


def test_a_params_file_with_a_wrong_unit_is_a_user_error(capsys, tmp_path):
    text = validity.DATA.read_text().split("[Fe]")[0].replace('value = 1.3e-11, unit = "J/m"',
                                                                'value = 1.3e-11, unit = "kg"')
    assert 'unit = "kg"' in text
    path = tmp_path / "bad.toml"
    path.write_text(text)
    status, _, err = opza(capsys, "--params", str(path))
    assert status == 2 and "Cannot convert" in err and "\n" not in err.strip()


def test_validity_has_help(capsys):
    status, out, _ = opza(capsys, "--help")
    assert status == 0 and "usage" in out and "--material" in out


def test_past_the_ansatz_limit_results_are_not_applicable(capsys):
    """A tilt past π/2 (linear) or |T⊥| past ansatz_limit_torque (nonlinear): never a number."""
    import numeric
    params = validity.model_parameters(validity.materials()["permalloy"])
    wall = {k: params[k] for k in ("alpha", "a", "lam", "kappa", "J", "S", "J_sd")}
    limit = numeric.ansatz_limit_torque(**wall)
    T_perp = numeric.torque_perp(j=1.0, j0=params["j0"], T=300.0, mu=params["eps0"],
                                 eps0=params["eps0"], J_sd=params["J_sd"], S=params["S"])
    j = 3 * limit / T_perp  # T⊥(20) three times the ansatz-limit torque
    rows = {name: (value, mark) for name, value, mark, _ in validity.validity_table(params, j=j, T=300.0)}
    for name in ("xi0* (Eq. 15)", "max|xi0 Phi0| (linear)", "V* (Eq. 15)", "max n_z (Eq. 17, linear)",
                 "V* (nonlinear stationary)", "max|xi0 Phi0| (nonlinear stationary)",
                 "max n_z (exact, sin of the nonlinear tilt)"):
        assert rows[name] == (None, validity.NOT_APPLICABLE), name
    assert rows["T_perp / ansatz-limit torque"][0] == pytest.approx(3.0, rel=1e-12)
    status, out, err = opza(capsys, "--material", "permalloy", "--j", repr(float(j)))
    assert status == 0, err
    assert out.count(validity.NOT_APPLICABLE) >= 7
    assert not {"nan", "inf", "-inf"} & {tok for line in out.splitlines() for tok in line.split()}


def test_narrow_limit_factor_only_where_both_widths_are_small():
    """η/√(η² + (J_sd S)²) is the Born factor only for η, J_sd S ≪ k_BT: none of the materials."""
    import numeric
    for key, material in validity.materials().items():
        params = validity.model_parameters(material)
        factors = validity.born_factors(params, j=1e11, T=300.0)
        assert factors["narrow_limit"] is None, key
        assert factors["eta_over_kT"] > 1 and factors["coupling_over_kT"] > 1, key
        assert factors["spread"] >= 0
    # where both are small the narrow limit applies, and both models give it
    params = validity.model_parameters(validity.materials()["permalloy"])
    kT = numeric.K_B * 300.0
    narrow = {**params, "J_sd": 1e-3 * kT / params["S"], "tau_el": numeric.HBAR / (2e-3 * kT)}
    factors = validity.born_factors(narrow, j=1e11, T=300.0)
    expected = 2e-3 / math.hypot(2e-3, 1e-3)
    assert factors["narrow_limit"] == pytest.approx(expected, rel=1e-12)
    for model in validity.RELAXATIONS:
        assert factors[model]["factor"] == pytest.approx(expected, rel=2e-2)


def test_born_factor_spread_table():
    """Both models at README's (J_sd S/k_BT, η/k_BT) points; they agree where both are ≪ k_BT."""
    from opza.studies.holds import born_factor_spread
    table = born_factor_spread(couplings=(0.01, 1.0), widths=(0.01, 1.0))
    for (r, w), row in table.items():
        values = (row["distributions"], row["equilibrium"])
        assert row["spread"] == pytest.approx(max(values) / min(values) - 1, rel=1e-12)
        assert 0 < min(values) <= max(values) < 1.05
    assert table[(0.01, 0.01)]["spread"] < 0.01      # narrow: both give η/√(η² + (J_sd S)²)
    assert table[(0.01, 0.01)]["equilibrium"] == pytest.approx(0.01 / math.hypot(0.01, 0.01), rel=1e-2)
    assert table[(1.0, 1.0)]["spread"] > 0.1         # η, J_sd S ~ k_BT: the models differ


def test_one_spin_length_in_the_letters_numbers():
    """holds.letter_wall: S = 1 (the estimate's) in the wall, permalloy's stiffness J S² = 2aA kept;
    the torque of nonlinear_numbers uses the same S."""
    import numeric
    from opza.studies import holds
    wall = holds.letter_wall()
    p = validity.model_parameters(validity.materials()["permalloy"])
    assert wall["S"] == 1.0
    assert wall["J"] * wall["S"] ** 2 == pytest.approx(p["J"] * p["S"] ** 2, rel=1e-12)
    T_letter = holds.nonlinear_numbers()["T_letter"]
    assert T_letter == pytest.approx(numeric.torque_perp(j=1e11, j0=1e16, T=300.0, mu=1e-19, eps0=1e-19,
                                                         J_sd=wall["J_sd"], S=wall["S"]), rel=1e-14)
