"""opza.figures: the four PNGs, and the plotted data checked against properties of the theory."""
import subprocess
import sys

import numpy as np
import pytest

import numeric
from opza import figures

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NAMES = ["fig2a_profiles.png", "fig2b_linear_in_j.png", "relaxation.png", "vstar_mu_T.png"]


def test_make_figures_writes_four_valid_pngs(tmp_path):
    paths = figures.make_figures(tmp_path / "out")
    assert [p.name for p in paths] == NAMES
    for path in paths:
        data = path.read_bytes()
        assert data[:8] == PNG_SIGNATURE, path.name
        assert data[12:16] == b"IHDR" and data[-8:-4] == b"IEND", path.name
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width >= 600 and height >= 400, (path.name, width, height)


def test_make_figures_leaves_pyplot_alone(tmp_path):
    # bare Figure objects: no pyplot import, no global backend switch
    code = ("import sys, pathlib; from opza.figures import make_figures; "
            f"make_figures(pathlib.Path({str(tmp_path)!r})); "
            "assert 'matplotlib.pyplot' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("alpha", [1e-2, 0.3])
def test_relaxation_velocity_tends_to_v_star_and_jumps_at_zero(alpha):
    d = figures.relaxation(alpha, t_max=40.0)
    assert d["V"][-1] == pytest.approx(d["v_star"], rel=1e-12)
    assert d["xi0"][-1] == pytest.approx(d["xi0_star"], rel=1e-12)
    assert d["xi0"][0] == 0.0 and d["X"][0] == 0.0
    # V(0⁺) = V*α²/(1+α²): Ẋ jumps when the torque is switched on, ξ0 does not
    assert d["V"][0] == pytest.approx(d["v_star"] * alpha**2 / (1 + alpha**2), rel=1e-12)
    # V is the time derivative of the plotted X (a different route: finite differences)
    assert np.allclose(np.gradient(d["X"], d["t"], edge_order=2)[1:-1], d["V"][1:-1],
                       rtol=1e-3, atol=1e-3 * abs(d["v_star"]))


def test_relaxation_terminal_values_are_the_kernels():
    d, w, p = figures.relaxation(), figures.wall(), figures.PARAMETERS
    eps0 = numeric.eps0(a=p["a"], m_eff=p["m_eff"])
    # ξ0* of Eq. (15) is where the relaxation kernel of Eq. (14) ends up
    late, _, _ = numeric.relaxation(np.array([60.0 * d["tau_dw"]]), **w)
    assert late[0] == pytest.approx(d["xi0_star"], rel=1e-12)
    assert d["v_star"] == pytest.approx(
        numeric.v_star(j=p["j"], j0=p["j0"], T=p["T"], mu=eps0, eps0=eps0, alpha=p["alpha"],
                       lam=p["lam"], J_sd=p["J_sd"], S=p["S"]), rel=1e-12)


def test_profiles_are_the_ansatz_moving_with_the_wall():
    d = figures.profiles()
    dx = d["x"][1] - d["x"][0]
    xi0, _, _ = numeric.relaxation(d["t"], **figures.wall())
    assert np.all(d["theta"][0] == np.pi / 2)  # at rest at t = 0
    shapes = []
    for k in range(1, len(d["t"])):
        tilt = d["theta"][k] - np.pi / 2
        centre = d["x"][np.argmax(np.abs(tilt))]
        # θ - π/2 = ξ0Φ0(x - X) peaks at the wall centre X, where ϕ = π/2
        assert abs(centre - d["X"][k]) <= dx
        assert np.interp(d["X"][k], d["x"], d["phi"][k]) == pytest.approx(np.pi / 2, abs=1e-6)
        shapes.append(np.max(np.abs(tilt)) / abs(xi0[k]))
        assert d["phi"][k][0] < 0.1 and d["phi"][k][-1] > np.pi - 0.1  # the whole wall in view
    # one shape Φ0 scaled by ξ0(t): max|θ - π/2|/|ξ0| is the same at every time
    assert np.ptp(shapes) < 1e-3 * np.mean(shapes)


def test_parameters_keep_the_tilt_small():
    d = figures.profiles(times=(50.0,))
    assert np.max(np.abs(d["theta"] - np.pi / 2)) < 0.05  # |ξ0*Φ0| ≪ 1


def test_fig2b_is_linear_in_j_without_threshold():
    d = figures.linear_in_j()
    middle = len(d["j"]) // 2
    assert d["j"][middle] == 0.0 and d["v_star"][middle] == 0.0 and d["xi0_star"][middle] == 0.0
    nonzero = d["j"] != 0
    for key in ("v_star", "xi0_star", "T_perp"):
        slope = d[key][nonzero] / d["j"][nonzero]
        assert np.allclose(slope, slope[0], rtol=1e-12), key
    # V* from Eq. (21) and V* from the torque below Eq. (15) are the same number
    from_torque = numeric.v_star_from_torque(T_perp=d["T_perp"], alpha=figures.PARAMETERS["alpha"],
                                             lam=figures.PARAMETERS["lam"],
                                             J_sd=figures.PARAMETERS["J_sd"])
    assert np.allclose(d["v_star"], from_torque, rtol=1e-12, atol=0)


def test_vstar_peaks_at_half_filling_and_falls_as_one_over_T():
    d = figures.vstar_mu_T()
    peaks = {}
    for T, v in d["v_star"].items():
        assert d["mu"][np.argmin(v)] == pytest.approx(d["eps0"], abs=1e-3 * numeric.E_CHARGE)
        assert np.allclose(v, v[::-1], rtol=1e-9)  # symmetric in µ - ε0
        peaks[T] = v.min()
    products = [T * v for T, v in peaks.items()]  # J_sd fixed: V*(µ = ε0) ∝ 1/T
    assert np.allclose(products, products[0], rtol=1e-9)


@pytest.mark.parametrize("alpha", [1e-2, 0.3])
def test_relaxation_with_the_sz_term_shifts_the_jump_as_the_derivation_says(alpha):
    # the figure's curve with S_z (kernels numeric.s_z and numeric.relaxation) against the
    # symbolic ratio of the S_z part of V(0⁺) to the α² jump (driven.sz_consequences, at the
    # letter's numbers µ = ε0, J_sd = k_BT, S = 1, ε0 ≫ k_BT — the figure's parameters)
    from derivation.symbols import alpha as alpha_symbol
    from derivation.driven import sz_consequences
    p = figures.PARAMETERS
    assert p["J_sd"] == pytest.approx(numeric.K_B * p["T"]) and p["S"] == 1.0
    d = figures.relaxation(alpha, t_max=40.0)
    ratio = float(sz_consequences()["ratio to the alpha^2 jump"].subs(alpha_symbol, alpha))
    assert (d["V_sz"][0] - d["V"][0]) / d["V"][0] == pytest.approx(ratio, rel=1e-9)
    # V* unchanged; ξ0* shifted; the wall keeps moving at V*
    assert d["V_sz"][-1] == pytest.approx(d["v_star"], rel=1e-9)
    assert d["xi0_sz"][-1] == pytest.approx(d["xi0_star_sz"], rel=1e-12)
    assert d["xi0_star_sz"] != pytest.approx(d["xi0_star"], rel=1e-3)


def _text(node) -> str:
    """A string argument's literal text, each formatted value as {} (its source order kept)."""
    import ast
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp):
        return _text(node.left) + _text(node.right)
    return ""


def test_figure_titles_are_physics_not_code():
    # the source of every title, suptitle and caption line: outside $…$ no code name, caret
    # or underscore (the issue's grep of the figures' titles)
    import ast
    import pathlib
    import re
    source = (pathlib.Path(__file__).resolve().parents[1] / "opza" / "figures.py").read_text()
    texts = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                "suptitle", "supxlabel", "set_title", "set"):
            args = list(node.args) + [k.value for k in node.keywords if k.arg in (None, "title")]
            texts += [_text(arg) for arg in args]
    assert texts
    prose = re.sub(r"\$[^$]*\$", "", "".join(texts))
    for wrong in ("numeric", "_", "^", "tau", "T_perp", "sqrt"):
        assert wrong not in prose, (wrong, prose)
