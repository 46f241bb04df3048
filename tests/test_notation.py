"""The display stage: what ``opza latex``, the report and the notes show equals what was derived,
reads as mathematics, is compact, and compiles in a bare article with amsmath."""
import contextlib
import io
import random
import re
import subprocess

import sympy as sp
from conftest import require_tool
from sympy.core.function import AppliedUndef

from derivation.export import output
from opza import cli
from derivation.chain import results
from derivation.export.notation import display, meaning
from derivation.symbols import t


def _pairs(derived, shown):
    """(derived, shown-and-undone) pairs of scalars, through Eq, Matrix and Integral."""
    if isinstance(derived, sp.Eq):
        return _pairs(derived.lhs, shown.lhs) + _pairs(derived.rhs, shown.rhs)
    back = meaning(shown)
    if isinstance(derived, sp.MatrixBase):
        return list(zip(derived, sp.Matrix(back)))
    if isinstance(derived, sp.Integral):
        assert derived.limits == back.limits
        return [(derived.function, back.function)]
    return [(derived, back)]


def _at_random_point(exprs, rng: random.Random) -> list[complex]:
    """The expressions with every undefined function replaced by a smooth one and every
    symbol by a random number, the same for all of them."""
    both = sp.Tuple(*exprs)
    y = sp.symbols("y0:3", real=True)
    lambdas = {}
    for f in sorted(both.atoms(AppliedUndef), key=sp.srepr):
        if f.func in lambdas:
            continue
        c = sp.Rational(rng.randint(2, 9), 7)
        arity = len(f.args)
        body = c + c * y[0] if f.args == (t,) else sp.sin(c * sum(y[:arity]) + c) + 2
        lambdas[f.func] = sp.Lambda(y[:arity], body)
    def smooth(e):
        return e.replace(lambda a: isinstance(a, AppliedUndef) and a.func in lambdas,
                         lambda a: lambdas[a.func](*a.args))
    concrete = [smooth(sp.sympify(e)).doit() for e in exprs]
    symbols = sorted(set().union(*(e.free_symbols for e in concrete)), key=sp.srepr)
    values = {s: sp.Rational(rng.randint(3, 19), 11) for s in symbols}
    return [complex(sp.N(e.subs(values), 30)) for e in concrete]


def test_displayed_forms_equal_derived_forms():
    rng = random.Random(2026)
    shown_symbolically = 0
    for v in results():
        if v.section == "audit":
            continue
        for derived, back in _pairs(v.derived, display(v.derived)):
            if isinstance(derived, sp.Set):  # a bracket of numbers (the chain's limit)
                assert back == derived, (v.eq, v.quantity)
                continue
            difference = derived - back
            # symbolically where feasible (ϕ0 = 2 atan e^u: sin, cos of it are rational in e^u)
            symbolic = sp.count_ops(difference) < 300 and sp.simplify(
                sp.expand_trig(difference).rewrite(sp.exp)) == 0
            for _ in range(3 if symbolic else 12):  # at random points always
                d, b = _at_random_point([derived, back], rng)
                assert abs(d - b) <= 1e-12 * max(1.0, abs(d)), (v.eq, v.quantity, d, b)
            shown_symbolically += symbolic
    assert shown_symbolically >= 25  # most of them


def test_derive_text_and_notes_are_mathematics_not_code():
    # the derived forms and the notes (the printed lines are the letter's own LaTeX)
    text = "\n".join(line for line in output.text().splitlines()
                     if line.lstrip().startswith(("derived:", "note:")))
    for code in ("**", "Derivative(", "conjugate(", "Subs(", "sqrt(", "xi_0(t)"):
        assert code not in text, code
    # a star is a name's (V*, ξ0*, m*, c̄*, ψ* the linear tilt), never a product
    assert "*" not in re.sub(r"(V|ξ0|ξ₀|m|c̄|ψ|\bS)\*", "", text)


def test_agreeing_equations_are_compact():
    def size(latex: str) -> int:
        return len(latex.replace(" ", "").replace("&", ""))
    for r in output.records():
        if r["status"] == "agrees" and r["section"] != "audit":
            ratio = size(r["equation_latex"]) / size(r["paper_latex"])
            assert ratio <= 1.5 or "longer" in r["note"], (r["eq"], r["quantity"], ratio)


def test_every_latex_snippet_compiles_in_a_bare_article_with_amsmath(tmp_path):
    pdflatex = require_tool("pdflatex")  # under CI=true a missing pdflatex fails
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert cli.main(["latex", "--paper"]) == 0
    printed = out.getvalue()
    assert r"\usepackage{amsmath}" in printed.splitlines()[0]
    snippets = [s for s in printed.split("\n\n") if "&=" in s]
    assert len(snippets) >= 30
    body = "\n".join(f"\\begin{{align}}\n{s}\n\\end{{align}}" for s in snippets)
    tex = tmp_path / "snippets.tex"
    tex.write_text("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n"
                   f"{body}\n\\end{{document}}\n", encoding="utf-8")
    run = subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", tex.name],
                         cwd=tmp_path, capture_output=True, text=True, errors="replace", timeout=120)
    errors = [line for line in run.stdout.splitlines() if line.startswith("!")]
    assert run.returncode == 0, errors or run.stdout[-800:]
