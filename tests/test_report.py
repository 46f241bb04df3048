"""The LaTeX report: complete, deterministic, and compiled by a real pdflatex."""
import pathlib

from conftest import require_tool

from derivation.export import report
from derivation.chain import results


def test_report_has_every_result_and_the_audit():
    text = report.document()
    for v in results():
        if v.section != "audit":
            assert f"Eq.~({v.eq})" in text
    assert "Dimensional audit" in text and "Approximations" in text


def test_report_maps_every_character_to_latex():
    assert "U+" not in report.document()  # no unmapped Unicode left


def test_report_compiles_with_pdflatex(tmp_path: pathlib.Path):
    pdflatex = require_tool("pdflatex")  # under CI=true a missing pdflatex fails
    pdf = report.compile_pdf(report.write(tmp_path), pdflatex)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000


def test_report_text_has_no_wrong_glyphs_and_no_code(tmp_path: pathlib.Path):
    import subprocess
    pdflatex, pdftotext = require_tool("pdflatex"), require_tool("pdftotext")
    pdf = report.compile_pdf(report.write(tmp_path), pdflatex)
    subprocess.run([pdftotext, pdf.name, "out.txt"], cwd=tmp_path, check=True, timeout=60)
    text = (tmp_path / "out.txt").read_text(encoding="utf-8", errors="replace")
    for wrong in ("¡", "¿", "—", "**", "Derivative(", "conjugate("):
        assert wrong not in text, wrong
    # physics notation, not code names: no caret, no underscore, no identifier of the code
    # (references to the code, numeric.…, are set as code and left out)
    import re
    prose = re.sub(r"\b(?:numeric|derivation|opza)\.[^\s)]*", "", text)
    for wrong in ("ˆ", "^", "_", "maxj", "\\textbar"):
        assert wrong not in prose, wrong
    names = re.compile(r"\b(?:xi0|Phi0|kappa|lambda|alpha|hbar|sqrt|tau el|tau DW|T perp|S par|"
                       r"eps thetaq|eps k|J sd|K easy|K perp|operatorname|re \(|im \()")
    found = sorted({m.group(0) for m in names.finditer(prose)})
    assert not found, found


def test_report_source_has_no_underscore_or_caret_in_text():
    # pdftotext drops OT1's underscore rule, so the source is read: \_ and \textasciicircum
    # only inside \texttt (references to the code)
    import re
    source = re.sub(r"\\texttt\{(?:[^{}]|\{\})*\}", "", report.document())
    for wrong in ("\\_", "textasciicircum"):
        at = source.find(wrong)
        assert at < 0, source[max(0, at - 80):at + 40]


def test_report_sets_code_names_in_physics_notation():
    cases = {"tau_el / tau_DW": r"\tau_{\mathrm{el}}", "kappa^2/(a^3 J S)": r"\kappa",
             "max|xi0 Phi0|": r"\max|\xi_0\,\Phi_0|", "G<": "G^<", "eps_thetaq":
             r"\varepsilon_{\theta q}", "sqrt(2A/mu0 Ms^2)": r"\sqrt{2A/\mu_0\,M_s^{2}}"}
    for code, latex in cases.items():
        shown = report.physics(code)
        assert latex in shown and "\\_" not in shown and "textasciicircum" not in shown, shown
