"""Generate the numeric kernels of ``numeric/`` from the derived expressions.

    python -m derivation.export.codegen          # rewrite numeric/_kernels.py, _kernels_mp.py, _kernels_numba.py
    python -m derivation.export.codegen --check  # exit 1 if the committed files are stale

Each kernel is a derived SymPy expression (nothing typed here), with the CODATA
constants put in, rewritten into a numerically stable but equal form, passed
through one ``cse`` and printed by SymPy's NumPy and mpmath printers, and by its
Python (math) printer into the point functions of the numba loops, one fused
parallel loop per kernel with the argument checks inside.  The stable rewrites,
each an identity checked by the tests:

* ``cosh``: every cosh(y) → (1 + u²)/(2u) with u = e^{-|y|} ≤ 1, so sech and
  sech² never overflow and vanish smoothly for |y| → ∞;
* ``expm1``: e^{-s} → 1 + expm1(-s) (s = t/τ_DW), so 1 - e^{-s} keeps its digits
  at small s;
* ``remainder``: e^{-s} → 1 - s + φ(s), φ(s) = e^{-s} - 1 + s ≥ 0, for X(t),
  whose two terms otherwise cancel at small s and small α; φ is a generated
  helper (its Taylor series below s = 1/20, s + expm1(-s) above, with the
  expm1(-s) that ξ0(t) and V(t) use, computed once).

The mpmath twins print the derived expressions as they are (no rewrite): at 50
digits they are the reference the tests hold the NumPy kernels to.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
from dataclasses import dataclass
from functools import cache

import sympy as sp
from sympy.codegen.cfunctions import expm1
from sympy.physics import units as u
from sympy.printing.numpy import NumPyPrinter
from sympy.printing.pycode import MpmathPrinter, PythonCodePrinter

from ... import symbols as sy

__all__ = ["Kernel", "kernels", "stable", "numpy_module", "mpmath_module", "numba_module", "write", "main",
           "pint_unit", "ARGUMENT_NAMES", "PATHS"]

ROOT = pathlib.Path(__file__).resolve().parents[3]
PATHS = {"numpy": ROOT / "numeric" / "_kernels.py", "mpmath": ROOT / "numeric" / "_kernels_mp.py",
         "numba": ROOT / "numeric" / "_kernels_numba.py"}

# the Python argument names of the public API, one per symbol of the table
ARGUMENT_NAMES: dict[sp.Basic, str] = {
    sy.alpha: "alpha", sy.a: "a", sy.kappa: "kappa", sy.J: "J", sy.S: "S", sy.J_sd: "J_sd",
    sy.S_par: "S_par", sy.T_perp: "T_perp", sy.lam: "lam", sy.j: "j", sy.j0: "j0", sy.T: "T",
    sy.mu: "mu", sy.eps0: "eps0", sy.n_e: "n", sy.m_eff: "m_eff", sy.t: "t", sy.x: "x",
    sy.S_z: "S_z",
}
# constants substituted by value; the NumPy module names them
CONSTANT_NAMES = {sy.hbar: "HBAR", sy.k_B: "K_B", sy.e: "E_CHARGE"}

_u = sp.Symbol("u", positive=True)     # e^{-|y|}
_s = sp.Symbol("s", positive=True)     # t/τ_DW
_phi = sp.Function("_exp_remainder")   # φ(s) = e^{-s} - 1 + s
_m = sp.Symbol("m", real=True)         # expm1(-s), which the kernels compute anyway
_phi_m = sp.Function("_exp_remainder_m")  # φ(s) printed as _exp_remainder(s, expm1(-s))
# intermediate results a kernel computes first (printed under these names)
_K, _TAU, _XI_STAR, _V_STAR, _V_Z = sp.symbols("K tau_DW xi0_star V_star V_z", real=True)
_ROOT = sp.Symbol("root_a_lam", positive=True)  # √(aλ)
PART_NAMES = {_K: "_stiffness", _TAU: "_tau", _XI_STAR: "_xi0_star", _V_STAR: "_v_star", _V_Z: "_v_z",
              _ROOT: "_root_a_lam",
              sp.Symbol("xi_t"): "_xi", sp.Symbol("X_t"): "_X"}
# the same in the docstrings' LaTeX (the letter's names)
_PART_LATEX = {_K: "K", _TAU: r"\tau_{DW}", _XI_STAR: r"\xi_{0}^{*}", _V_STAR: r"V^{*}", _V_Z: "V_{z}",
               _ROOT: r"\sqrt{a\lambda}", sp.Symbol("xi_t"): r"\xi_{0}(t)", sp.Symbol("X_t"): "X(t)"}


@dataclass(frozen=True)
class Kernel:
    name: str
    eq: str
    entry: object          # the printed entry (letter.entry: matched by its left-hand side symbol);
                           # None: a definition of the letter next to Eq. ``eq``, or ``letter`` says
    args: tuple            # symbols, in the order of the bare kernel's arguments
    outputs: tuple         # (label, SymPy expression, symbol of the table or SI unit)
    rewrites: tuple        # names of the stable rewrites applied
    summary: str
    parts: tuple = ()      # (symbol, expression, rewrites): computed first, in order
    defaults: tuple = ()   # (symbol, value): keyword defaults of the public function
    public: bool = True    # False: a helper of the checked layer only
    letter: str = ""       # what the letter has of it, where it prints neither the result nor a definition


# the base units of sympy.physics.units as pint spells them
_PINT = {u.joule: "J", u.kilogram: "kg", u.coulomb: "C", u.volt: "V", u.ampere: "A",
         u.kelvin: "K", u.meter: "m", u.second: "s"}


# pragma: no mutate start (units and kernel definitions: mutation tests cover the stable rewrites only)
def pint_unit(unit: sp.Expr) -> str:
    """A ``sympy.physics.units`` product as a string pint parses: ``A/m^2``, ``dimensionless``."""
    unit = sp.sympify(unit)
    if unit == 1:
        return "dimensionless"
    powers = unit.as_powers_dict()
    unknown = set(powers) - set(_PINT)
    if unknown:
        raise ValueError(f"no pint spelling for {sorted(map(str, unknown))}")

    def spell(factors):
        return "*".join(_PINT[b] + (f"^{e}" if e != 1 else "") for b, e in factors)
    ordered = sorted(powers.items(), key=lambda be: list(_PINT).index(be[0]))
    up = [(b, e) for b, e in ordered if e > 0]
    down = [(b, -e) for b, e in ordered if e < 0]
    text = spell(up) or "1"
    if down:
        text += "/" + (spell(down) if len(down) == 1 else f"({spell(down)})")
    return text


def _si(symbol) -> str:
    """pint spelling of the SI unit of a symbol of the table."""
    return pint_unit(sy.entry(symbol).unit)


def _output_unit(unit) -> str:
    """pint spelling of an output's unit: from its symbol in the table, or the unit given."""
    return _si(unit) if unit in sy.TABLE else pint_unit(unit)


@cache
def kernels() -> tuple[Kernel, ...]:
    """The kernels of the public API, each from its derived expression."""
    from ...wall import solutions as sol
    from ...audit.letter import DEFINITIONS, entry
    from ...electrons.boltzmann import with_fermi
    from ...driven import master_formula, s_z as s_z_of_model
    from ...electrons.torque import torque_in_currents
    from ...model import Phi0, phi0
    ends = sol.terminal()
    coll = (sy.alpha, sy.a, sy.lam, sy.kappa, sy.J, sy.S, sy.J_sd, sy.S_par)
    # with the ⟨s_z⟩ term Eq. (10) drops: S_z = 0 (the default) is the letter
    wall = coll + (sy.S_z,)
    # relaxation in steps, as derived: stiffness K → τ_DW, ξ0*, V*, V_z (in K) → Eq. (14)'s shape
    in_K = sol._in_K(keep_sz=True)
    # ξ0* over one denominator, and √(aλ) once for ξ0* and V_z (one division and one
    # square root a point less: the relaxation loop is scalar, bound by them)
    root = sp.sqrt(sy.a) * sp.sqrt(sy.lam)
    steps = ((_K, sol.stiffness(), ()), (_TAU, in_K["tau"].subs(sol.K, _K), ()),
             (_ROOT, root, ()),
             (_XI_STAR, sp.together(sp.expand(in_K["xi0*"].subs(sol.K, _K))).subs(root, _ROOT), ()),
             (_V_STAR, in_K["V*"].subs(sol.K, _K), ()),
             (_V_Z, sol.sz_velocity(in_K=True).subs(sol.K, _K).subs(sp.sqrt(sy.lam),
                                                                   _ROOT / sp.sqrt(sy.a)), ()))
    if any(expr.has(sy.lam) for name, expr, _ in steps if name in (_XI_STAR, _V_Z)):
        raise ArithmeticError("√(aλ) not shared by ξ0* and V_z")
    part = {name: expr for name, expr, _ in steps}
    shape = {name: expr.subs({sy.xi0_star: _XI_STAR, sy.V_star: _V_STAR, sy.V_z: _V_Z,
                              sy.tau_dw: _TAU})
             for name, expr in sol.relaxation_in_letter_symbols(keep_sz=True).items()}
    # X(t)'s ⟨s_z⟩ part V_z τ_DW(1 - e^{-t/τ}) on its own, in expm1 (no cancellation against V*t):
    # the letter's X plus that part (shape["X"] - x_z kept V_z(τ - τe^{-t/τ}) beside the expanded
    # -V_zτ + V_zτe^{-t/τ}, a zero the stable rewrite cancelled but the docstring showed)
    letter_x = sol.relaxation_in_letter_symbols()["X"].subs({sy.V_star: _V_STAR, sy.tau_dw: _TAU})
    x_z = sp.expand(shape["X"] - letter_x)
    shape["X"] = letter_x + stable(x_z, ("expm1",))  # its expm1 shared with the rest
    # V(t)'s ⟨s_z⟩ part V_z e^{-t/τ} likewise on its own: V_z(1 + expm1), not spread over V*'s terms
    v_z = sp.expand(shape["V"] - sol.relaxation_in_letter_symbols()["V"].subs(
        {sy.V_star: _V_STAR, sy.tau_dw: _TAU}))
    shape["V"] = stable(shape["V"] - v_z, ("expm1",)) + stable(v_z, ("expm1",))
    # S_z = ∫dx Φ0⟨s_z⟩ of the letter's electron model (⟨s_z⟩ uniform, from the zone edges)
    s_z = with_fermi(s_z_of_model())
    no_sz = ((sy.S_par, 0.0), (sy.S_z, 0.0))
    xi_part, X_part = sp.Symbol("xi_t"), sp.Symbol("X_t")
    zero_mode = sp.simplify(Phi0())  # the sech form: stable under the cosh rewrite
    nz = sp.cos(sp.pi / 2 + xi_part * zero_mode.subs(sy.x, sy.x - X_part))
    return (
        Kernel("tau_dw", "16", entry("16", sy.tau_dw), (sy.alpha, sy.a, sy.kappa, sy.J, sy.S, sy.J_sd, sy.S_par),
               (("tau_dw", part[_TAU], sy.tau_dw),), (),
               "Gilbert relaxation time τ_DW, exact form of Eq. (16).", steps[:1],
               defaults=((sy.J_sd, 0.0), (sy.S_par, 0.0))),
        Kernel("xi0_star", "15", entry("15", sy.xi0_star), (sy.T_perp,) + wall,
               (("xi0_star", part[_XI_STAR], sy.xi0_star),), (),
               "Terminal OPZ coordinate ξ0*, exact form of Eq. (15); S_z ≠ 0 adds the ⟨s_z⟩ "
               "term that Eq. (10) drops.", (steps[0], steps[2]), defaults=no_sz),
        Kernel("v_star_from_torque", "15", entry("15", sy.V_star), (sy.T_perp, sy.alpha, sy.lam, sy.J_sd),
               (("v_star", ends["V"], sy.V_star),), (),
               "Terminal velocity V* = -λJ_sdT⊥/(2αħ) (below Eq. 15)."),
        Kernel("torque_perp", "20", entry("20", sy.T_perp), (sy.j, sy.j0, sy.T, sy.mu, sy.eps0, sy.J_sd, sy.S),
               (("torque_perp", torque_in_currents(), sy.T_perp),), ("cosh",),
               "Non-adiabatic torque T⊥ (dimensionless, per-site convention), Eq. (20) as derived.",
               defaults=((sy.S, 1.0),)),
        Kernel("v_star", "21", entry("21", sy.V_star), (sy.j, sy.j0, sy.T, sy.mu, sy.eps0, sy.alpha, sy.lam,
                                      sy.J_sd, sy.S),
               (("v_star", master_formula(), sy.V_star),), ("cosh",),
               "Terminal velocity from the current, the master formula Eq. (21) as derived.",
               defaults=((sy.S, 1.0),)),
        Kernel("relaxation", "14", entry("14", sy.V), (sy.t, sy.T_perp) + wall,
               (("xi0", shape["xi0"], sy.xi0), ("V", shape["V"], sy.V), ("X", shape["X"], sy.X)),
               ("expm1", "remainder"),
               "ξ0(t), V(t), X(t) from rest at t = 0: the exact solution of Eqs. (12a)-(12b); "
               "S_z ≠ 0 keeps the ⟨s_z⟩ term Eq. (10) drops (V_z: its part of V(0⁺)).",
               steps, defaults=no_sz),
        Kernel("nz_profile", "17", entry("17", sy.n_z), (sy.x, sy.t, sy.T_perp) + wall,
               (("nz", nz, sp.S.One),), ("cosh",),
               "cos θ(x, t) on the ansatz (8) with ξ0(t), X(t) of the relaxation; "
               "Eq. (17) is its linear, terminal limit.",
               steps + ((xi_part, shape["xi0"], ("expm1",)), (X_part, shape["X"], ("remainder",))),
               defaults=no_sz),
        Kernel("wall_angle", "2", None, (sy.x, sy.lam),
               (("phi0", phi0(), sp.S.One),), (),
               "The static wall's in-plane angle ϕ0(x) = 2 arctan e^{x/λ} (text above Eq. 2); "
               "the ansatz (8) puts the wall at x - X(t)."),
        Kernel("stiffness", "12b", entry("12b"), (sy.a, sy.kappa, sy.J, sy.S, sy.J_sd, sy.S_par),
               (("stiffness", sol.stiffness(), u.joule * u.meter),), (),
               "The OPZ stiffness a³JS/κ² + J_sd S∥ of Eq. (12b); the wall relaxes only if > 0.",
               public=False),
        Kernel("s_z", "10", None, (sy.j, sy.j0, sy.T, sy.mu, sy.eps0, sy.a, sy.lam),
               (("s_z", s_z, sy.S_z),), (),
               "S_z = ∫dx Φ0⟨s_z⟩ in the letter's electron model at O(j): the coupling of the "
               "term Eq. (10) drops (⟨s_z⟩ per site, nonzero only from the band's cut at ±π/a).",
               letter="not printed: the term -(J_sd S/a³)ξ0 S_z that Eq. (10) drops; its verdict: "
                      "opza derive --only 10."),
        Kernel("j0", "20", None, (sy.n_e, sy.a, sy.m_eff),
               (("j0", DEFINITIONS[sy.j0], sy.j0),), (),
               "The letter's current scale j0 = 4neħ/(πam*) (below Eq. 20), its definition."),
        Kernel("eps0", "20", None, (sy.a, sy.m_eff),
               (("eps0", DEFINITIONS[sy.eps0], sy.eps0),), (),
               "The letter's ε0 = ħ²π²/(8m*a²), the band energy at half filling, its definition."),
    )


def _constants() -> dict:
    from ...estimate import CODATA
    return CODATA


# pragma: no mutate end
def stable(expr: sp.Expr, rewrites: tuple) -> sp.Expr:
    """``expr`` rewritten as the named stable forms (each an identity)."""
    out = expr
    if "cosh" in rewrites:
        for c in sorted(out.atoms(sp.cosh), key=sp.default_sort_key):
            y = c.args[0]
            u = sp.exp(-sp.Abs(y))
            out = sp.factor(sp.cancel(out.subs(c, (1 + _u**2) / (2 * _u)))).subs(_u, u)
    decays = [d for d in out.atoms(sp.exp) if d.args[0].has(sy.t) and not d.args[0].has(sp.Abs)]
    if decays:
        (decay,) = set(decays)  # one relaxation rate: s = t/τ_DW
        s = -decay.args[0]
        if "remainder" in rewrites and any(part.has(sy.t) and not part.has(sp.exp)
                                           for part in sp.Add.make_args(sp.expand(out))):
            out = sp.simplify(sp.expand(out.subs(decay, 1 - _s + _phi(_s)).subs(_s, s)))
        elif "expm1" in rewrites:
            out = sp.factor(out.subs(decay, 1 + expm1(-_s))).subs(_s, s)
    return out


_REMAINDER_BELOW = sp.Rational(1, 20)  # φ(s) from its series below this s


def _remainder_helper() -> tuple[str, sp.Expr]:
    """φ(s) = e^{-s} - 1 + s: Taylor series below s = 1/20, s + expm1(-s) above.

    Above the threshold an error of an ulp in expm1(-s) (libm's, or the loops' ``_expm1``)
    becomes a relative error ≲ 2ε/s ≤ 40ε ≈ 9e-15 of φ; below it the series is cut where
    the first omitted term, relative to s²/2, is below 1e-17.
    """
    threshold = _REMAINDER_BELOW
    order = next(n for n in range(3, 30)
                 if 2 * threshold ** (n - 2) / sp.factorial(n) < sp.Rational(1, 10**17))
    series = sp.series(sp.exp(-_s) - 1 + _s, _s, 0, order).removeO()
    # m = expm1(-s) comes from the caller, which needs it for ξ0(t) and V(t) too
    piecewise = sp.Piecewise((sp.horner(series), _s < threshold), (_s + _m, True))
    return "_exp_remainder", piecewise


def _share_expm1(expr: sp.Expr) -> sp.Expr:
    """φ(s) → φ(s, expm1(-s)): the one cse pass then computes expm1(-s) once per point."""
    return expr.replace(_phi, lambda arg: _phi_m(arg, expm1(-arg)))


# pragma: no mutate start (printing: covered by the drift test, too slow per mutant)
def _name(expr) -> str | None:
    by_name = {str(s): n for table in (CONSTANT_NAMES, ARGUMENT_NAMES, PART_NAMES)
               for s, n in table.items()}
    return by_name.get(str(expr))


class _Names:
    """Printer mixin: the API's argument and constant names, and the helper φ(s, m)."""

    def _print_Symbol(self, expr):
        return _name(expr) or super()._print_Symbol(expr)

    def _print_Function(self, expr):
        if expr.func == _phi_m:  # the helper φ(s, m) of the generated module
            return f"_exp_remainder({self._print(expr.args[0])}, {self._print(expr.args[1])})"
        return super()._print_Function(expr)


class _NumPy(_Names, NumPyPrinter):
    """Array code: NumPy, names as in the public API."""


class _Math(_Names, PythonCodePrinter):
    """Scalar code for numba: the math module, names as in the NumPy kernels; e^x and e^x - 1
    as the generated ``_exp`` and ``_expm1`` (a libm call is scalar and keeps LLVM from
    vectorising the loop)."""

    def _print_exp(self, expr):
        return f"_exp({self._print(expr.args[0])})"

    def _print_expm1(self, expr):
        return f"_expm1({self._print(expr.args[0])})"


class _Mp(_Names, MpmathPrinter):
    """The mpmath twins (unrewritten expressions: φ never appears)."""


def _check_free(kernel: Kernel, expr: sp.Expr, allowed: set) -> None:
    missing = {str(s) for s in expr.free_symbols} - {str(s) for s in allowed} - {str(_s), str(_m)}
    if missing:
        raise ValueError(f"kernel {kernel.name}: {sorted(missing)} are not arguments")


def _domain(symbol) -> str:
    if symbol == sy.t:
        return "nonnegative"
    return "positive" if symbol.is_positive else "real"


def _docstring(kernel: Kernel) -> str:
    from ..latex import to_latex
    lines = [kernel.summary, "", "Parameters (SI), in this order:"]
    for s in kernel.args:
        lines.append(f"    {ARGUMENT_NAMES[s]} [{_si(s)}]: {sy.entry(s).meaning}")
    from ...symbols import LATEX_NAMES
    if kernel.parts:  # in steps, as the kernel computes them: one readable line each
        names = {**LATEX_NAMES, **_PART_LATEX}
        lines.append("Returns, in steps (each line uses the arguments and the lines above it):")
        lines += [f"    {names[symbol]} = {to_latex(part, names)}" for symbol, part, _ in kernel.parts]
        lines += [f"    {label} [{_output_unit(unit)}] = {to_latex(expr, names)}"
                  for label, expr, unit in kernel.outputs]
    else:
        lines.append("Returns:")
        lines += [f"    {label} [{_output_unit(unit)}] = {to_latex(expr)}"
                  for label, expr, unit in kernel.outputs]
    if kernel.letter:
        lines += ["", f"Letter: {kernel.letter}"]
    elif kernel.entry is None:
        lines += ["", f"Letter: a definition next to Eq. ({kernel.eq}), used as printed (no verdict)."]
    else:
        lines += ["", f"Letter: Eq. ({kernel.eq}), printed as ``{kernel.entry.latex}``; its verdict: "
                      f"opza derive --only {kernel.eq}."]
    if kernel.rewrites:
        lines.append(f"Stable rewrites: {', '.join(kernel.rewrites)} (derivation.export.codegen).")
    return "\n".join(lines)


def _tables() -> list[str]:
    """The tables the checked layers of numeric/ are built from (one source for all of them)."""
    def table(comment: str, name: str, rows: dict) -> list[str]:
        return [f"# {comment}", f"{name} = {{"] + [f"    {k!r}: {v!r}," for k, v in rows.items()] + ["}", ""]
    every = kernels()
    public = [k for k in every if k.public]
    coordinates = (sy.x, sy.t)
    return [
        f"PUBLIC = {tuple(k.name for k in public)!r}",
        "",
        *table("the letter's equation (or the definition next to it) each kernel implements",
               "EQUATIONS", {k.name: k.eq for k in every}),
        *table("SI unit of each argument, as pint spells it, from derivation/symbols.py", "UNITS",
               {k.name: {ARGUMENT_NAMES[a]: _si(a) for a in k.args} for k in every}),
        *table("names of the results, in the order returned", "RESULTS",
               {k.name: tuple(label for label, _, _ in k.outputs) for k in every}),
        *table("SI unit of each result, as pint spells it", "RESULT_UNITS",
               {k.name: tuple(_output_unit(unit) for _, _, unit in k.outputs) for k in every}),
        *table("keyword defaults of the public functions (numeric, numeric.mp, numeric.compiled)",
               "DEFAULTS", {k.name: {ARGUMENT_NAMES[s]: float(v) for s, v in k.defaults}
                            for k in every}),
        *table("leading coordinates, passed positionally or by keyword; the rest keyword-only",
               "POSITIONAL", {k.name: tuple(ARGUMENT_NAMES[a] for a in k.args if a in coordinates)
                              for k in every}),
        "# kernels whose wall must be stable: the stiffness a³JS/κ² + J_sd S∥ of Eq. (12b) > 0",
        f"NEEDS_STABLE_WALL = {tuple(k.name for k in every if any(p[0] == _K for p in k.parts))!r}",
        "",
    ]


# pragma: no mutate end
def _fewer_calls(expr: sp.Expr) -> sp.Expr:
    """√a√λ → √(aλ): positive symbols are swapped for plain ones so SymPy keeps the root whole."""
    plain = {s: sp.Symbol(s.name, real=True) for s in expr.free_symbols if s.is_positive}
    return sp.powsimp(expr.subs(plain), force=True, combine="base")


def _shared_exponentials(exprs: list) -> tuple[list, list]:
    """e^{kz} (k = 2, 3, …) beside e^{z}: compute u = e^{z} once and use u^k (one exp per point)."""
    args = sorted({e.args[0] for x in exprs for e in x.atoms(sp.exp)}, key=sp.count_ops)
    definitions, mapping = [], {}
    for base in args:
        multiples = {e for x in exprs for e in x.atoms(sp.exp)
                     if (r := sp.simplify(e.args[0] / base)).is_Integer and r > 1}
        if multiples and not any(base in m.args for m in mapping):
            u = sp.Symbol(f"_u{len(definitions)}", real=True)
            definitions.append((u, sp.exp(base)))
            mapping[sp.exp(base)] = u
            for m in multiples:
                mapping[m] = u ** sp.simplify(m.args[0] / base)
    return definitions, [x.xreplace(mapping) for x in exprs]


# pragma: no mutate start (assembly and printing: covered by the drift test, too slow per mutant)
def _assembled(kernel: Kernel, expr: sp.Expr, rewrite: bool) -> sp.Expr:
    """The output as one expression: parts put in, last first (each stabilised if asked)."""
    if rewrite:
        expr = stable(expr, kernel.rewrites)
    for symbol, part, rewrites in reversed(kernel.parts):
        expr = expr.subs(symbol, stable(part, rewrites) if rewrite else part)
    return expr


def _body(kernel: Kernel, printer, rewrite: bool) -> list[str]:
    constants = _constants()
    allowed = set(kernel.args) | (set(CONSTANT_NAMES) if rewrite else set())
    lines = []
    for symbol, part, rewrites in kernel.parts:
        e = _share_expm1(_fewer_calls(stable(part, rewrites))) if rewrite else part.subs(constants)
        _check_free(kernel, e, allowed)
        lines.append(f"    {printer.doprint(symbol)} = {printer.doprint(e)}")
        allowed.add(symbol)
    exprs = []
    for _, expr, _ in kernel.outputs:
        e = _share_expm1(_fewer_calls(stable(expr, kernel.rewrites))) if rewrite \
            else expr.subs(constants)
        _check_free(kernel, e, allowed)
        exprs.append(e)
    if rewrite:
        definitions, exprs = _shared_exponentials(exprs)
        lines += [f"    {printer.doprint(u)} = {printer.doprint(v)}" for u, v in definitions]
    temps, reduced = sp.cse(exprs, symbols=sp.numbered_symbols("_x"), optimizations=None)
    lines += [f"    {printer.doprint(sym)} = {printer.doprint(val)}" for sym, val in temps]
    printed = ", ".join(printer.doprint(r) for r in reduced)
    lines.append(f"    return {printed}")
    return lines


def _module(kind: str) -> str:
    printer = _NumPy({"fully_qualified_modules": True, "allow_unknown_functions": True}) \
        if kind == "numpy" else _Mp({"fully_qualified_modules": True})
    rewrite = kind == "numpy"
    header = [
        "# *** GENERATED BY `python -m derivation.export.codegen`, DO NOT EDIT BY HAND ***",
        f"# source: the opza derivation (derivation/), SymPy {sp.__version__}",
        '"""Bare {} kernels of the derived expressions: no input checks (see numeric{}).'.format(
            "NumPy" if kind == "numpy" else "mpmath",
            "" if kind == "numpy" else ".mp"),
        "",
        "Arguments are positional in the documented order; SI units throughout.",
        '"""',
        f"import {kind}",
        "",
    ]
    body: list[str] = []
    names = [k.name for k in kernels()]
    header.append(f"__all__ = {names!r}")
    header.append("")
    header.append("# argument domains, from the symbol table's assumptions (t: from rest at t = 0)")
    header.append("DOMAINS = {")
    for kernel in kernels():
        header.append(f"    {kernel.name!r}: {tuple((ARGUMENT_NAMES[a], _domain(a)) for a in kernel.args)!r},")
    header.append("}")
    header.append("")
    if kind == "numpy":
        header += _tables()
        for sym, name in CONSTANT_NAMES.items():
            value = _constants()[sym]
            header.append(f"{name} = {float(value)!r}  # {sy.entry(sym).meaning}, exact SI: "
                          f"{sp.sstr(value)}")
        header.append("")
        helper_name, helper = _remainder_helper()
        body += ["", f"def {helper_name}(s, m):",
                 f'    """φ(s) = e^{{-s}} - 1 + s without cancellation, m = expm1(-s) (series below {float(_REMAINDER_BELOW):g})."""',
                 f"    return {printer.doprint(helper)}"]
    for kernel in kernels():
        args = ", ".join(ARGUMENT_NAMES[a] for a in kernel.args)
        body += ["", "", f"def {kernel.name}({args}):",
                 '    """' + _docstring(kernel).replace("\n", "\n    ").replace("\\", "\\\\")
                 + '\n    """']
        body += _body(kernel, printer, rewrite)
    return "\n".join(header + body).replace("\n\n\n\n", "\n\n\n") + "\n"


_NUMBA_HEADER = '''"""Numba kernels of the derived expressions: one fused parallel loop per kernel (see numeric.compiled).

``_point_<name>(args)`` evaluates one point: the same expressions, stable rewrites
and CSE as the NumPy kernels of ``numeric._kernels``.  The loop ``<name>(out...,
args...)`` takes each argument as a float64 scalar or a 1-D float64 array of the
outputs' length (numba compiles one version per combination, so a scalar costs no
memory traffic); ``<name>_2d`` is the same loop over 2-D outputs, for arguments
that broadcast partly (an outer product), passed as zero-stride views, not copies.
Each loop writes every output and checks, at the same point and in the same pass,
each array argument's domain (a scalar is checked once, before the loop), the
wall's stability where it matters, and the finiteness of every result, as float
arithmetic without a branch (a branch per point costs 20-70 %): the sum of the
array arguments and the results is not finite when one of them is not.  A loop
returns the number of points that failed (0: none); the checked layer then raises
the ValueError of ``numeric`` (or refines the point).

The loops vectorise (LLVM's loop vectoriser, packed arithmetic): the point
functions are inlined into them, the failures are counted in an integer (a float
sum is a strict reduction, which LLVM does not vectorise without fastmath), and
e^x is ``_exp``, generated below from the Taylor series of e^r, branch-free and
without a libm call (libm's exp is a scalar call in every lane; numba has no
vectorised exp without Intel's SVML, which the PyPI llvmlite does not support);
within 2 ulp of e^x, subnormal results rounded once, 0 and inf where exp gives them.

No fastmath: IEEE semantics, subnormals kept.  ``error_model='numpy'``: x/0 is inf
or nan as in NumPy, then caught by the checks, never an exception inside a
parallel loop.  ``cache=True``: compiled once per machine, then loaded from
numeric/__pycache__.
"""
import math

import numba
from llvmlite import ir
from numba import types
from numba.extending import intrinsic, overload

from ._kernels import E_CHARGE, HBAR, K_B
'''

_NUMBA_HELPERS = '''

def _at(x, i):
    """x[i] for a 1-D array, x itself for a scalar: resolved when numba compiles a loop."""
    raise NotImplementedError("_at is for numba-compiled code")


@overload(_at, inline="always")
def _at_overload(x, i):
    if isinstance(x, types.Array):
        return lambda x, i: x[i]
    return lambda x, i: x


def _at2(x, i, k):
    """x[i, k] for a 2-D array (a broadcast view), x itself for a scalar."""
    raise NotImplementedError("_at2 is for numba-compiled code")


@overload(_at2, inline="always")
def _at2_overload(x, i, k):
    if isinstance(x, types.Array):
        return lambda x, i, k: x[i, k]
    return lambda x, i, k: x


def _value(x, v):
    """The point v of argument x, for the finiteness sum; 0.0 for a scalar x (checked before)."""
    raise NotImplementedError("_value is for numba-compiled code")


def _low(x, v):
    """The point v of argument x, to compare with its domain's lower end; inf for a scalar x."""
    raise NotImplementedError("_low is for numba-compiled code")


@overload(_value, inline="always")
def _value_overload(x, v):
    if isinstance(x, types.Array):
        return lambda x, v: v
    return lambda x, v: 0.0  # the loop never re-checks a scalar


@overload(_low, inline="always")
def _low_overload(x, v):
    if isinstance(x, types.Array):
        return lambda x, v: v
    return lambda x, v: math.inf


@intrinsic
def _pow2(typingctx, k):
    """2.0**k for a float64 k holding an integer in [-1022, 1023], built from its exponent bits:
    k + 1.5·2^52 holds k in its low bits (no float-to-int conversion), k + 1023 goes to bit 52."""
    if not isinstance(k, types.Float):
        return None

    def codegen(context, builder, signature, args):
        double, i64 = ir.DoubleType(), ir.IntType(64)
        shifted = builder.bitcast(builder.fadd(args[0], ir.Constant(double, 6755399441055744.0)), i64)
        biased = builder.sub(shifted, ir.Constant(i64, 0x4338000000000000 - 1023))
        return builder.bitcast(builder.shl(biased, ir.Constant(i64, 52)), double)
    return types.float64(types.float64), codegen
'''


def _exp_helper(printer) -> list[str]:
    """The lines of ``_exp(x)`` and ``_expm1(x)``, e^x and e^x - 1 in float64 without a libm
    call (so that LLVM vectorises).

    x = k ln2 + r with k = x/ln2 rounded to the nearest integer (adding and subtracting
    1.5·2^52) and r = (x - k ln2_hi) - k ln2_lo, ln2_hi holding 32 bits so that k ln2_hi is
    exact (Cody-Waite); |r| ≤ ln2/2, where the Taylor polynomial of e^r is cut where the first
    omitted term is below 2^-54; 2^k = 2^h 2^(k-h), h = k/2 rounded, each a normal number
    built from its exponent bits (``_pow2``), so p·2^h is exact and the last product rounds
    once, into the subnormal range too.  x is clamped to [-760, 720] first (k stays within
    ±1100, h and k - h within the normal exponents): e^x rounds to 0 below -745.2 and
    overflows above 709.8, so the clamp changes no result; a nan stays a nan.
    """
    import struct
    ln2 = sp.log(2)
    bits = struct.unpack("<Q", struct.pack("<d", float(ln2)))[0] & ~((1 << 21) - 1)
    ln2_hi = struct.unpack("<d", struct.pack("<Q", bits))[0]   # 32 significant bits
    ln2_lo = float(ln2 - sp.Float(ln2_hi, 30))
    half = ln2 / 2
    degree = next(n for n in range(5, 30)
                  if half ** (n + 1) / sp.factorial(n + 1) < sp.Rational(1, 2**54))
    r = sp.Symbol("r", real=True)
    taylor = sp.horner(sp.series(sp.exp(r), r, 0, degree + 1).removeO())
    shifter = 6755399441055744.0  # 1.5·2^52: adding and subtracting it rounds to an integer
    reduction = ["    x = -760.0 if x < -760.0 else x  # e^x is 0 (or, past 720, inf) beyond; nan stays",
                 "    x = 720.0 if x > 720.0 else x",
                 f"    k = (x*{float(1 / ln2)!r} + {shifter!r}) - {shifter!r}",
                 f"    r = (x - k*{ln2_hi!r}) - k*{ln2_lo!r}",
                 f"    h = (0.5*k + {shifter!r}) - {shifter!r}"]
    # e^x - 1 = 2^k p(r) + (2^k - 1), p(r) = e^r - 1 by the same Taylor polynomial without its
    # 1: p(r) itself for k = 0 (|x| ≤ ln2/2, no cancellation: x → 0 keeps its digits), else
    # two terms that do not cancel (2^k - 1 exact; |result| ≥ 0.29 against terms ≤ 2^k); from
    # k = 1000 on, (1 + p)2^h 2^(k-h) as _exp (2^k alone is inf at k = 1024; the -1 is below
    # the last bit); -1 below -760
    minus_one = sp.horner(sp.expand(sp.series(sp.exp(r), r, 0, degree + 1).removeO() - 1))
    return ["", "@numba.njit(cache=True, error_model='numpy', inline='always')", "def _exp(x):",
            f'    """e^x branch-free (vectorisable): k = x/ln2 rounded, |r| ≤ ln2/2, Taylor degree {degree}."""',
            *reduction,
            f"    return ({printer.doprint(taylor)})*_pow2(h)*_pow2(k - h)",
            "", "", "@numba.njit(cache=True, error_model='numpy', inline='always')", "def _expm1(x):",
            f'    """e^x - 1 branch-free (vectorisable), the reduction of _exp: 2^k p(r) + (2^k - 1)."""',
            *reduction,
            f"    p = {printer.doprint(minus_one)}",
            "    two_k = _pow2(h)*_pow2(k - h)",
            "    e = two_k*p + (two_k - 1.0) if k < 1000.0 else ((p + 1.0)*_pow2(h))*_pow2(k - h)",
            "    return p if k == 0.0 else e"]


def _numba_module_text() -> str:
    printer = _Math({"fully_qualified_modules": True, "allow_unknown_functions": True})
    names = [k.name for k in kernels()]
    lines = ["# *** GENERATED BY `python -m derivation.export.codegen`, DO NOT EDIT BY HAND ***",
             f"# source: the opza derivation (derivation/), SymPy {sp.__version__}",
             _NUMBA_HEADER.rstrip("\n"), "", f"__all__ = {names!r}", _NUMBA_HELPERS]
    lines += _exp_helper(printer)
    helper_name, helper = _remainder_helper()
    lines += ["", "", "@numba.njit(cache=True, error_model='numpy', inline='always')",
              f"def {helper_name}(s, m):",
              f'    """φ(s) = e^{{-s}} - 1 + s without cancellation, m = expm1(-s) (series below {float(_REMAINDER_BELOW):g})."""',
              f"    return {printer.doprint(helper)}"]
    for kernel in kernels():
        args = [ARGUMENT_NAMES[a] for a in kernel.args]
        outs = [f"out{n}" for n in range(len(kernel.outputs))]
        results = [f"r{n}" for n in range(len(kernel.outputs))]
        # inlined into the loops (numba's IR): an LLVM call left in a loop stops its vectorisation
        lines += ["", "", "@numba.njit(cache=True, error_model='numpy', inline='always')",
                  f"def _point_{kernel.name}({', '.join(args)}):",
                  f'    """One point of numeric._kernels.{kernel.name} (Eq. {kernel.eq})."""']
        lines += _body(kernel, printer, True)
        local = {a: f"{a}_i" for a in args}
        # the checks as float arithmetic, no branch: the sum of the array arguments and the
        # results is inf or nan as soon as one of them is (or, harmlessly, when it overflows:
        # the point then goes to numeric's path), compared with the domains' lower ends; the
        # failures counted in an integer (a float sum would keep the loop from vectorising)
        finite = [f"_value({a}, {local[a]})" for a in args] + results
        lower = []
        for domain, relation in (("positive", "> 0.0"), ("nonnegative", ">= 0.0")):
            ends = [f"_low({ARGUMENT_NAMES[a]}, {local[ARGUMENT_NAMES[a]]})"
                    for a in kernel.args if _domain(a) == domain]
            if ends:
                lower.append(f"({ends[0]} {relation})" if len(ends) == 1
                             else f"(min({', '.join(ends)}) {relation})")
        if any(part[0] == _K for part in kernel.parts):
            wall = ", ".join(local[ARGUMENT_NAMES[a]] for a in next(
                k for k in kernels() if k.name == "stiffness").args)
            lower.append(f"(_point_stiffness({wall}) > 0.0)")
        point = [f"{', '.join(results)} = _point_{kernel.name}({', '.join(local[a] for a in args)})"]
        checks = ["total = (" + "\n         + ".join(finite) + ")",
                  "ok = (((total - total) == 0.0)" + "".join(f"\n      & {c}" for c in lower) + ")",
                  "bad += 0 if ok else 1"]
        # the flat loop: every argument a scalar or a 1-D array of the outputs' length
        lines += ["", "", "@numba.njit(parallel=True, cache=True, error_model='numpy')",
                  f"def {kernel.name}({', '.join(outs + args)}):",
                  f'    """Fused checked loop of Eq. ({kernel.eq}): {", ".join(outs)} at every point; '
                  'returns the number of points that failed."""',
                  "    bad = 0",
                  f"    for i in numba.prange({outs[0]}.shape[0]):"]
        body = [f"{local[a]} = _at({a}, i)" for a in args] + point + \
            [f"{o}[i] = {r}" for o, r in zip(outs, results)] + checks
        lines += ["        " + line.replace("\n", "\n        ") for line in body]
        lines += ["    return bad"]
        # the 2-D loop: arguments broadcast (zero strides, no copy) to the outputs' (rows, columns)
        lines += ["", "", "@numba.njit(parallel=True, cache=True, error_model='numpy')",
                  f"def {kernel.name}_2d({', '.join(outs + args)}):",
                  f'    """The loop of {kernel.name} over broadcast 2-D views: rows in parallel."""',
                  "    bad = 0",
                  f"    for i in numba.prange({outs[0]}.shape[0]):",
                  f"        for k in range({outs[0]}.shape[1]):"]
        body = [f"{local[a]} = _at2({a}, i, k)" for a in args] + point + \
            [f"{o}[i, k] = {r}" for o, r in zip(outs, results)] + checks
        lines += ["            " + line.replace("\n", "\n            ") for line in body]
        lines += ["    return bad"]
    return "\n".join(lines) + "\n"


def numba_module() -> str:
    """The text of ``numeric/_kernels_numba.py``."""
    return _numba_module_text()


def numpy_module() -> str:
    """The text of ``numeric/_kernels.py``."""
    return _module("numpy")


def mpmath_module() -> str:
    """The text of ``numeric/_kernels_mp.py``."""
    return _module("mpmath")


def write() -> list[pathlib.Path]:
    written = []
    for kind, text in (("numpy", numpy_module()), ("mpmath", mpmath_module()),
                       ("numba", numba_module())):
        PATHS[kind].write_text(text)
        written.append(PATHS[kind])
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m derivation.export.codegen",
                                     description="Generate numeric/ kernels from the derivation.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files are stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = [str(PATHS[k]) for k, text in (("numpy", numpy_module()), ("mpmath", mpmath_module()),
                                               ("numba", numba_module()))
                 if not PATHS[k].exists() or PATHS[k].read_text() != text]
        from . import beyond  # the kernels beyond the letter (nonlinear, beyond Born)
        stale += [str(beyond.PATH)] if beyond.is_stale() else []
        if stale:
            print("stale: " + ", ".join(stale) + "; run python -m derivation.export.codegen", file=sys.stderr)
            return 1
        return 0
    from . import beyond
    for path in write() + [beyond.write()]:
        print(f"wrote {path}")
    return 0

# pragma: no mutate end
