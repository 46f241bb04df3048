"""A standalone LaTeX report of the whole derivation, compiled to PDF when pdflatex is present.

Each result: the derived equation (SymPy's LaTeX in the letter's notation), the
printed one, the verdict and its note, the named approximation steps; then the
dimensional audit and the numeric estimate.  Only packages of Debian's
``texlive-latex-base`` are used (amsmath, amssymb, geometry, graphicx,
longtable, hyperref); <, > and | are set in math mode (OT1 has no text glyphs for
them), combining accents (c̄, s̄, ξ̇) over their letter, long equations broken by terms.
"""
from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
import unicodedata

from ..audit.approximations import STEPS
from ..audit.validity import materials, model_parameters, validity_table
from .output import heading, records as all_records
from .records import as_latex
from ..audit.units import CONVENTION

__all__ = ["document", "write", "compile_pdf", "TEX_NAME"]

TEX_NAME = "opza_report.tex"

# Unicode in the notes → LaTeX; Greek letters are found by their Unicode names
_SYMBOLS = {
    "÷": r"\div", "→": r"\to", "≪": r"\ll", "≫": r"\gg", "≃": r"\simeq", "≠": r"\neq", "≤": r"\leq",
    "≥": r"\geq", "±": r"\pm", "∓": r"\mp", "⟨": r"\langle", "⟩": r"\rangle", "∂": r"\partial",
    "∫": r"\int", "∞": r"\infty", "⊥": r"\perp", "∥": r"\parallel", "·": r"\cdot",
    "×": r"\times", "ħ": r"\hbar", "√": r"\surd", "⁻": r"^{-}", "¹": r"^{1}", "²": r"^{2}",
    "³": r"^{3}", "⁰": r"^{0}", "⁺": r"^{+}", "∑": r"\sum", "ℝ": r"\mathbb{R}", "∈": r"\in",
    "ϕ": r"\phi", "ε": r"\varepsilon", "θ": r"\theta", "∝": r"\propto", "∼": r"\sim",
    "†": r"\dagger", "<": "<", ">": ">", "|": "|", "…": r"\ldots", "σ": r"\sigma", "µ": r"\mu",
    "Â": r"\hat{A}", "Û": r"\hat{U}", "ᵀ": r"^{T}", "Ẋ": r"\dot{X}", "⁴": r"^{4}",
    "↑": r"\uparrow", "↓": r"\downarrow", "≈": r"\approx", "≡": r"\equiv",
}
_SUBSCRIPT = dict(zip("₀₁₂₃₄₅₆₇₈₉ₓ", "0123456789x"))
# combining marks over the previous letter: c̄, s̄ keep their bars, ξ̇ its dot
_ACCENTS = {"\u0304": r"\bar", "\u0305": r"\overline", "\u0307": r"\dot", "\u0308": r"\ddot"}
_TEXT = {"–": "--", "—": "--", "’": "'", "“": "``", "”": "''", "é": r"\'e", "ö": r'\"o'}


def _unicode(ch: str) -> str:
    if ch in _TEXT:
        return _TEXT[ch]
    if ch in _SUBSCRIPT:
        return f"\\ensuremath{{_{{{_SUBSCRIPT[ch]}}}}}"
    if ch in _SYMBOLS:
        return f"\\ensuremath{{{_SYMBOLS[ch]}}}"
    name = unicodedata.name(ch, "")
    if name.startswith(("GREEK SMALL LETTER ", "GREEK CAPITAL LETTER ")):
        letter = {"LAMDA": "LAMBDA"}.get(name.split()[-1], name.split()[-1])
        if letter in ("OMICRON",):
            return ch.translate(str.maketrans("οΟ", "oO"))
        command = letter.lower() if "SMALL" in name else letter.capitalize()
        return f"\\ensuremath{{\\{command}}}"
    return f"\\texttt{{U+{ord(ch):04X}}}"


def escape(text: str) -> str:
    """Plain text (notes, names) as LaTeX: specials escaped, Unicode mapped."""
    specials = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                "^": r"\textasciicircum{}", "*": r"\ensuremath{\ast}\allowbreak{}"}
    out = []
    for n, ch in enumerate(text):
        if ch in _ACCENTS:
            continue  # applied to the letter before it
        if n + 1 < len(text) and text[n + 1] in _ACCENTS:
            base = _unicode(ch)[len("\\ensuremath{"):-1] if ord(ch) > 127 else ch
            out.append(f"\\ensuremath{{{_ACCENTS[text[n + 1]]}{{{base}}}}}")
        elif ch in "<>|":  # OT1 has no text glyphs for them (they print as ¡, ¿, —)
            out.append(f"\\ensuremath{{{ch}}}")
        elif ch in specials:
            out.append(specials[ch])
        elif ord(ch) > 127:
            out.append(_unicode(ch))
        elif ch in ",(":
            out.append(ch + r"\allowbreak{}")
        else:
            out.append(ch)
    return "".join(out)


# code names in labels and prose → physics notation (the report shows no identifier, caret or
# underscore): Greek words, subscripted names, ^ powers, sqrt(), max|…|, ⟨s_z⟩
_GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta", "kappa", "lambda", "mu",
          "pi", "sigma", "tau", "phi", "xi", "psi", "omega", "Phi", "Delta", "Gamma")
_SUB = {"perp": r"\perp", "par": r"\parallel", "thetaq": r"\theta q", "theta0": r"\theta 0",
        "phi0": r"\phi 0", "phiq": r"\phi q", "0": "0", "k": "k", "x": "x", "y": "y", "z": "z",
        "B": "B", "q": "q", "i": "i", "j": "j"}
_BASE = {"eps": r"\varepsilon", "epsilon": r"\varepsilon", "tau": r"\tau", "delta": r"\delta",
         "mu": r"\mu", "hbar": r"\hbar"}
_CODE = re.compile(
    r"(?P<code>\b(?:numeric|derivation|opza)\.[A-Za-z_][\w.]*)"
    r"|(?P<max>max\|(?P<inner>[^|]+)\|)"
    r"|(?P<sqrt>sqrt\((?P<arg>[^()]*(?:\([^()]*\)[^()]*)*)\))"
    r"|(?P<kbt>\bk_BT\b)"
    r"|(?P<avg><(?P<avgname>[A-Za-z]+_[A-Za-z]+)>)"
    r"|(?P<bar>\bs_bar_(?P<barsub>[xyz])\b)"
    r"|(?P<sub>(?<![A-Za-z0-9])(?P<base>[A-Za-z]+|[α-ωΑ-Ωϕϑϵ∂])_(?P<index>[A-Za-z0-9α-ωϕϑϵ]+)(?![A-Za-z0-9]))"
    r"|(?P<zero>\b(?P<zbase>xi|Phi|mu|phi|n)0(?P<star>\*)?(?![A-Za-z0-9]))"
    r"|(?P<lesser>\bG<(?:_\{(?P<lsub>[^}]*)\})?)"
    r"|(?P<dn>\bdn0/dx\b)"
    r"|(?P<ms>\bMs\b)"
    r"|(?P<greek>\b(?:" + "|".join(_GREEK) + r"|hbar)\b)"
    r"|(?P<power>\^(?P<exp>\{[^}]*\}|\(?-?[A-Za-z0-9.]+\)?))")


def _symbol(base: str) -> str:
    if base in _BASE:
        return _BASE[base].replace("\\\\", "\\")
    return f"\\{base}" if base in _GREEK else base


def _code_math(m: re.Match) -> str:
    """One code name as LaTeX math."""
    if m["code"]:
        return r"\texttt{" + escape(m["code"]) + "}"
    if m["max"]:
        return r"\max|" + physics_math(m["inner"]) + "|"
    if m["sqrt"]:
        return r"\sqrt{" + physics_math(m["arg"]) + "}"
    if m["kbt"]:
        return "k_BT"
    if m["avg"]:
        return r"\langle " + physics_math(m["avgname"]) + r"\rangle"
    if m["bar"]:
        return rf"\bar{{s}}_{m['barsub']}"
    if m["sub"]:
        index, base = m["index"], m["base"]
        if not index.isascii():  # ε_θ0: Greek in the index, no roman type
            index = _math_text(index)
        else:
            index = _SUB.get(index, index if len(index) == 1 else rf"\mathrm{{{index}}}")
        base = _symbol(base) if base.isascii() else _math_text(base)
        return f"{base}_{{{index}}}"
    if m["zero"]:
        return f"\\{m['zbase']}_0" + ("^*" if m["star"] else "") if m["zbase"] != "n" else "n_0"
    if m["lesser"]:
        return "G^<" + (f"_{{{_math_text(m['lsub'])}}}" if m["lsub"] else "")
    if m["dn"]:
        return r"dn_0/dx"
    if m["ms"]:
        return "M_s"
    if m["greek"]:
        return f"\\{m['greek']}"
    exponent = m["exp"].strip("{}")
    if exponent.startswith("(") and exponent.endswith(")"):
        exponent = exponent[1:-1]
    return "^{" + physics_math(exponent) + "}"


def physics_math(text: str) -> str:
    """``text`` (a label or formula in code names) as the body of a math formula."""
    out, last = [], 0
    for m in _CODE.finditer(text):
        out.append(_math_text(text[last:m.start()]))
        out.append(_code_math(m))
        last = m.end()
    out.append(_math_text(text[last:]))
    return "".join(out)


def _math_text(text: str) -> str:
    """Plain characters inside math: letters as they are, Unicode mapped, * as a product."""
    mapped = []
    for ch in text:
        if ch == "*":
            mapped.append(r"\,")
        elif ch == " ":
            mapped.append(r"\,")
        elif ord(ch) > 127:
            latex = _unicode(ch)
            mapped.append((latex[len("\\ensuremath{"):-1] if latex.startswith("\\ensuremath")
                           else latex) + " ")  # \lambda J, not \lambdaJ
        elif ch in "&%$#_{}~\\":
            mapped.append("\\" + ch if ch not in "~\\" else "")
        else:
            mapped.append(ch)
    return "".join(mapped)


def physics(text: str) -> str:
    """Plain text with code names (``tau_el``, ``T_perp``, ``xi0*``, ``G<``, ``kappa^2``,
    ``sqrt(2A/mu0 Ms^2)``, ``max|xi0 Phi0|``) as LaTeX: each code name in math, in the letter's
    notation; the prose around it through :func:`escape`."""
    out, last = [], 0
    for m in _CODE.finditer(text):
        out.append(_scripts(text[last:m.start()]))
        if m["code"]:  # a reference to the code that computes it: set as code
            out.append(r"\texttt{" + escape(m["code"]).replace(".", r".\allowbreak{}") + "}")
        else:
            out.append(f"\\ensuremath{{{_code_math(m)}}}")
        last = m.end()
    out.append(_scripts(text[last:]))
    return "".join(out)


_SCRIPT = re.compile(r"_(?P<index>[A-Za-z0-9α-ωϕϑϵ]+)")


def _scripts(text: str) -> str:
    """Prose through :func:`escape`, a subscript left after a letter's accent or a bracket
    (s̄_x, Â_z, ⟨s̄_y⟩_k) set as a subscript, not as an underscore."""
    out, last = [], 0
    for m in _SCRIPT.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(f"\\ensuremath{{_{{{_math_text(m['index']).strip()}}}}}")
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _math(latex: str, tag: str = "") -> str:
    """A display, numbered with the letter's equation number; broken lines (``\\\\``, from
    :func:`derivation.export.notation.broken_latex`) in ``multline*``; \\fiteq (preamble) shrinks a
    too-wide one-line equation to the line, never below 8 pt."""
    tagged = f"\\tag{{{tag}}}" if tag else ""
    if "\\\\" in latex and r"\begin{matrix}" not in latex:
        return f"\\begin{{multline*}}\n{latex}{tagged}\n\\end{{multline*}}"
    return f"\\begin{{equation*}}\\fiteq{{{latex}}}{tagged}\\end{{equation*}}"


def _label(r: dict) -> str:
    return "eq:" + "".join(c if c.isalnum() else "-" for c in f"{r['eq']}-{r['quantity']}")


def _verdict_table(records: list[dict]) -> list[str]:
    """The verdicts at a glance, each linked to its equation's section."""
    lines = [r"\section*{Verdicts}",
             r"\begin{longtable}{p{0.1\linewidth}p{0.3\linewidth}p{0.18\linewidth}p{0.12\linewidth}}",
             r"Eq. & quantity & verdict & basis \\ \hline\endhead"]
    for r in records:
        if r["section"] == "audit":
            continue
        lines.append(f"\\hyperref[{_label(r)}]{{({escape(r['eq'])})}} & "
                     f"\\hyperref[{_label(r)}]{{{physics(r['quantity'])}}} & {r['status']} & "
                     f"{r['basis']} \\\\")
    lines.append(r"\end{longtable}")
    return lines


def document(records: list[dict] | None = None) -> str:
    """The report's LaTeX source (deterministic), from the records (:func:`output.records`)."""
    records = all_records() if records is None else records
    lines = [
        r"\documentclass[10pt]{article}",
        r"\usepackage[margin=2cm]{geometry}",
        r"\usepackage{amsmath,amssymb,graphicx,longtable}",
        r"\usepackage[hidelinks]{hyperref}",
        r"\sloppy",
        r"\newsavebox\eqbox",
        r"\newcommand\fiteq[1]{\sbox\eqbox{$\displaystyle #1$}\ifdim\wd\eqbox>1.25\linewidth"
        r"\scalebox{0.8}{\usebox\eqbox}\else\ifdim\wd\eqbox>\linewidth"
        r"\resizebox{\linewidth}{!}{\usebox\eqbox}\else\usebox\eqbox\fi\fi}",
        r"\title{opza: the out-of-plane zero-mode derivation, checked against the letter}",
        r"\author{generated by \texttt{opza report}}",
        r"\date{}",
        r"\begin{document}",
        r"\maketitle",
        r"\noindent Every equation below is derived by SymPy from the ansatz of the letter and "
        r"compared with the printed form. The verdict is computed from the two expressions: "
        r"\emph{agrees}, \emph{agrees-in-limit} (the limit is named) or \emph{differs} "
        r"(the exact ratio or difference is given). The last section goes beyond the letter: "
        r"what the package's spin-chain simulations (basis \emph{simulated}) and its models "
        r"(\emph{model}) show, each finding with its scope.",
        r"\paragraph{Convention.} " + physics(CONVENTION),
        r"\tableofcontents",
    ] + _verdict_table(records)
    used: list[str] = []
    section = None
    for r in records:
        if r["section"] == "audit":
            continue
        if r["section"] != section:
            section = r["section"]
            lines.append(f"\\section{{{escape(heading(section))}}}")
        lines.append(f"\\subsection*{{Eq.~({escape(r['eq'])}): {physics(r['quantity'])}, "
                     f"\\emph{{{r['status']}}} ({r['basis']})}}\\label{{{_label(r)}}}")
        lines.append(r"\noindent Derived:")
        lines.append(_math(r["equation_lines"] or r["derived_latex"], r["eq"]))
        if r["paper_latex"]:
            lines.append(r"\noindent " + (escape(f"Not printed, {r['source']}:")
                                            if r.get("source") else "Printed:"))
            lines.append(_math(r["paper_latex"], r["eq"]))
        if r["note"]:
            lines.append(r"{\small " + as_latex(r["note_marked"], physics) + r"\par}")
        if r.get("scope"):
            lines.append(r"{\small Scope: " + physics(r["scope"]) + r"\par}")
        if r.get("runs"):
            lines.append(r"{\small Runs: " + escape(f"{len(r['runs'])} runs of the committed "
                                                      "results (python -m opza.studies.beyond)")
                         + r"\par}")
        if r["steps"]:
            lines.append(r"{\small Steps: " + escape(", ".join(r["steps"])) + r"\par}")
        used += [s for s in r["steps"] if s not in used]
    lines += [f"\\section{{{escape(heading('audit'))}}}",
              r"\begin{longtable}{p{0.07\linewidth}p{0.22\linewidth}p{0.1\linewidth}p{0.5\linewidth}}",
              r"Eq. & quantity & verdict & dimension / note \\ \hline\endhead"]
    for r in records:
        if r["section"] == "audit":
            quantity = r["quantity"].removeprefix("dimensions: ")
            lines.append(f"({escape(r['eq'])}) & {physics(quantity)} & {r['status']} & "
                         f"{physics(r['note'])} \\\\")
    lines.append(r"\end{longtable}")
    lines += _validity_lines()
    lines.append(r"\section{Approximations (named steps)}")
    lines.append(r"\begin{description}")
    for key in used:
        step = STEPS[key]
        lines.append(f"\\item[{escape(key)}] {physics(step.name)} ({physics(step.where)}): "
                     f"{physics(step.what)} \\emph{{Without it:}} {physics(step.exact_form)}")
    lines += [r"\end{description}", r"\end{document}", ""]
    return "\n".join(lines)


def _validity_lines(*, j: float = 1e11, T: float = 300.0) -> list[str]:
    """LaTeX lines of the validity tables for the bundled materials
    (:mod:`derivation.audit.validity`).  Without the optional dependencies (pint, scipy) the
    section says how to install them."""
    lines = [r"\section{Where the letter's theory holds: materials}"]
    try:
        table = materials()
        rows_by_material = {key: (m, validity_table(model_parameters(m), j=j, T=T))
                            for key, m in table.items()}
    except ImportError as err:
        return lines + [escape(f"Not computed: {err}; install opza[nonlinear,units].")]
    text = physics  # code names, | and < in math (OT1 has no text glyphs for them)
    lines.append(text(f"j = {j:g} A/m², T = {T:g} K; assumptions as opza validity prints them; "
                      "holds below 0.1, marginal below 1, fails from 1 on."))
    for material, rows in rows_by_material.values():
        lines += [r"\subsection*{" + text(material.name) + "}",
                  r"\begin{longtable}{p{0.6\linewidth}p{0.15\linewidth}p{0.15\linewidth}}"]
        for name, value, mark, _ in rows:
            shown = "" if value is None else f"{value:.4g}"
            lines.append(f"{text(name)} & {text(shown)} & {text(mark)} \\\\")
        lines.append(r"\end{longtable}")
    return lines


def write(out_dir: pathlib.Path, records: list[dict] | None = None) -> pathlib.Path:
    """Write the .tex file into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / TEX_NAME
    path.write_text(document(records), encoding="utf-8")
    return path


def compile_pdf(tex: pathlib.Path, pdflatex: str | None = None) -> pathlib.Path:
    """Run pdflatex twice (for the contents); raises RuntimeError with the log's error."""
    pdflatex = pdflatex or shutil.which("pdflatex")
    if pdflatex is None:
        raise FileNotFoundError("pdflatex is not on PATH (Debian: apt-get install texlive-latex-base)")
    for _ in range(2):
        run = subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", tex.name],
                             cwd=tex.parent, capture_output=True, text=True, errors="replace")
        if run.returncode != 0:
            errors = [line for line in run.stdout.splitlines() if line.startswith("!")]
            raise RuntimeError(f"pdflatex failed on {tex}: {'; '.join(errors) or run.stdout[-500:]}")
    return tex.with_suffix(".pdf")
