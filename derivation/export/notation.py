"""The display stage: how a derived expression is *shown*, in the letter's notation.

Nothing here changes a result.  :func:`display` rewrites an expression with
rules that only change its form, and names the wall's functions where they
appear:

* rational functions of e^{u}, u = (x - X)/λ, become cosh/sinh/tanh/sech of u
  (ϕ0 = 2 atan e^{u} gives sin ϕ0 = sech u, cos ϕ0 = -tanh u);
* ϕ0, Φ0 and their x-derivatives, abstract or on the concrete profile, become the
  letter's ϕ_0, Φ_0, ∂_xϕ_0, ∂_xΦ_0 (the argument x - X(t) is implied, as in the letter);
* 1 + cosh 2y becomes 2 cosh² y, so that (20)-(21) read sech²((ε0 - µ)/2k_BT);
* k_BT, j/j0 and J_sd/k_BT are grouped where the expression depends on them only so;
* a diagonal 2×2 matrix diag(c, -c) is c σ̂_z;
* among equivalent forms (as derived, factored, expanded, terms collected) the
  shortest LaTeX is kept.

Every name introduced is a *display atom*: a symbol whose value is recorded
(:data:`MEANING`), so that :func:`meaning` undoes the display exactly; the tests
check ``meaning(display(e)) - e`` vanishes symbolically and at random points.

:func:`text_form` is the one-line Unicode printer of notes and ``opza derive``
(J S²/(2κ²), ξ̇₀, ∂ₓϕ₀, Ḡ): no ``**``, no ``*``, no ``Derivative(``.
"""
from __future__ import annotations

import re
from functools import cache

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.printing.precedence import precedence
from sympy.printing.pretty.pretty_symbology import pretty_symbol
from sympy.printing.str import StrPrinter

__all__ = ["display", "meaning", "display_latex", "equation_latex", "broken_latex", "leading_order",
           "text_form",
           "lighten", "MEANING", "PACKAGES"]

# what a pasted snippet needs: \operatorname, matrix, \tfrac, \text are amsmath's
PACKAGES = ("amsmath",)

# display atom -> (the value it stands for, its LaTeX, its text)
MEANING: dict[sp.Symbol, tuple[sp.Basic, str, str]] = {}


def _atom(value: sp.Basic, latex: str, text: str) -> sp.Symbol:
    """The display atom that shows ``value`` as ``latex``/``text`` (one per value)."""
    symbol = sp.Symbol(f"⟦{sp.srepr(value)}⟧", **_assumptions(value))
    MEANING[symbol] = (value, latex, text)
    return symbol


def _assumptions(value) -> dict:
    if getattr(value, "is_positive", None):
        return {"positive": True}
    if getattr(value, "is_real", None):
        return {"real": True}
    return {}


def meaning(expr):
    """Undo :func:`display`: every display atom replaced by its value."""
    if isinstance(expr, (list, tuple)):
        return type(expr)(meaning(e) for e in expr)
    expr = sp.sympify(expr)
    while atoms := {s: MEANING[s][0] for s in expr.free_symbols if s in MEANING}:
        expr = expr.xreplace(atoms)  # an atom's value may hold atoms (J_sd/k_BT holds k_BT)
    return expr


# -- the rules ----------------------------------------------------------------------------


def _symbols():
    from .. import symbols
    return symbols


def _wall_names(expr: sp.Basic) -> sp.Basic:
    """ϕ0, Φ0, their derivatives (abstract or concrete) as the letter's named atoms."""
    from ..model import PHI, ZERO_MODE, phi0
    s = _symbols()
    names = {PHI: (r"\phi_{0}", "ϕ₀"), ZERO_MODE: (r"\Phi_{0}", "Φ₀")}
    replace = {}
    for sub in sp.preorder_traversal(expr):
        if isinstance(sub, AppliedUndef) and sub.func in names and len(sub.args) == 1:
            latex, text = names[sub.func]
            replace[sub] = _atom(sub, latex, text)
        elif isinstance(sub, sp.Derivative) and isinstance(sub.expr, AppliedUndef) \
                and sub.expr.func in names and sub.variables == (s.x,):
            latex, text = names[sub.expr.func]
            replace[sub] = _atom(sub, rf"\partial_x{latex}", f"∂ₓ{text}")
        elif isinstance(sub, sp.Subs) and isinstance(sub.expr, sp.Derivative) \
                and isinstance(sub.expr.expr, AppliedUndef) and sub.expr.expr.func in names:
            latex, text = names[sub.expr.expr.func]
            replace[sub] = _atom(sub, rf"\partial_x{latex}", f"∂ₓ{text}")
    # a function inside a derivative not named as a whole keeps its argument
    others = [d for d in expr.atoms(sp.Derivative, sp.Subs) if d not in replace]
    replace = {k: v for k, v in replace.items()
               if not any(d.has(k) and d != k for d in others)}
    expr = expr.xreplace(replace) if replace else expr
    # the concrete profile ϕ0 = 2 atan e^{u}: derivatives evaluated first (they become sech)
    for arg in (s.x - s.X, s.x):
        value = phi0(arg)
        if expr.has(value.args[1]):
            expr = expr.replace(lambda e: isinstance(e, sp.Derivative) and e.has(value.args[1]),
                                lambda e: e.doit())
            name = _atom(value, r"\phi_{0}", "ϕ₀")
            expr = expr.xreplace({value.args[1]: name / 2})
    return expr


def _spinor_names(expr: sp.Basic) -> sp.Basic:
    """c̄_↑, ∂ₓc̄_↑ and their conjugates c̄*_↑ as atoms (Eq. 2)."""
    s = _symbols()
    replace = {}
    for sub in sp.preorder_traversal(expr):
        inner, star = (sub.args[0], True) if isinstance(sub, sp.conjugate) else (sub, False)
        deriv = isinstance(inner, sp.Derivative) and inner.variables == (s.x,)
        f = inner.expr if deriv else inner
        if isinstance(f, AppliedUndef) and f.func.__name__ in ("c_up", "c_dn") and f.args == (s.x,):
            spin = {"c_up": ("\\uparrow", "↑"), "c_dn": ("\\downarrow", "↓")}[f.func.__name__]
            latex = (r"\partial_x" if deriv else "") + r"\bar{c}" + ("^{*}" if star else "") + "_{" + spin[0] + "}"
            text = ("∂ₓ" if deriv else "") + "c̄" + ("*" if star else "") + "_" + spin[1]
            replace.setdefault(sub, _atom(sub, latex, text))
    return expr.xreplace(replace) if replace else expr


def _band_names(expr: sp.Expr) -> sp.Expr:
    """ε_k↑,↓ and v_k↑,↓ named inside a larger expression (Eq. 4), f0′ at a point."""
    s = _symbols()
    if not (expr.has(s.delta_k) and expr.has(s.k) and expr.has(s.m_eff)):
        return expr
    named, expanded = _band_atoms()
    renamed = _BAND_RENAMED

    def rename(e):
        if not isinstance(e, sp.Expr) or e.is_Atom or isinstance(e, (sp.Derivative, sp.Integral)):
            return e  # a name inside ∂_k would hide the k it depends on
        top = e is expr
        try:  # a pure function of (e, top): a subexpression met again is not renamed again
            return renamed[e, top]
        except KeyError:
            pass
        original = e
        e = e.func(*[rename(a) for a in e.args]) if not isinstance(e, sp.Subs) else \
            sp.Subs(e.expr, e.variables, tuple(rename(p) for p in e.point))
        renamed[original, top] = e = _band_rename(e, top, named, expanded)
        return e
    out = rename(expr)
    # f0′(ε): the derivative of an undefined function at a point
    replace = {}
    for sub in sp.preorder_traversal(out):
        if isinstance(sub, sp.Subs) and isinstance(sub.expr, sp.Derivative) \
                and isinstance(sub.expr.expr, AppliedUndef) and len(sub.variables) == 1:
            point = sub.point[0]
            name = sub.expr.expr.func.__name__
            replace[sub] = _atom(meaning(sub), f"{_plain_latex(sp.Symbol(name))}'({_plain_latex(point)})",
                                 f"{_NAMES.get(name, name)}′({text_form(point)})")
    return out.xreplace(replace) if replace else out


_BAND_RENAMED: dict = {}  # (subexpression, is it the whole) -> its form with band names


@cache  # the band is fixed: its four atoms are made once
def _band_atoms():
    from ..electrons.gauge import band, velocity
    named = []
    for energy, (arrow, text) in zip(band(), ((r"\uparrow", "↑"), (r"\downarrow", "↓"))):
        named.append((_atom(energy, rf"\varepsilon_{{k{arrow}}}", f"ε_k{text}"), energy, False))
        v = velocity(energy)
        named.append((_atom(v, rf"v_{{k{arrow}}}", f"v_k{text}"), v, True))
    # e - value expands to 0 exactly when e expands to the expanded value (expand is term by
    # term, and Add collects equal terms): each value expanded once, e at most once
    expanded = {value: sp.expand(value) for _, value, _ in named}
    return tuple(named), expanded


def _band_rename(e, top, named, expanded):
    """``e`` (its arguments renamed) as a band atom, or times a velocity atom, or unchanged."""
    s = _symbols()
    mine = None
    for atom, value, factor in named:
        # e - value can expand to 0 only if e has every symbol of the expanded value
        if not top and expanded[value].free_symbols <= e.free_symbols:
            mine = sp.expand(e) if mine is None else mine
            if mine == expanded[value]:
                return atom
        # e/value is free of k only when e depends on k: a k bound inside an integral
        # over k is not enough (e/value then has the free k of value; cancel keeps it)
        if factor and e.is_Mul and s.k in e.free_symbols:
            rest = sp.cancel(e / value)
            if not rest.has(s.k) and not rest.is_number:
                return rest * atom
    return e


def _moving_wall_names(expr: sp.Expr) -> list[sp.Expr]:
    """Forms with sech((x - X)/λ) named as the letter does: sin ϕ0, λ∂ₓϕ0, √(2λ/a)Φ0."""
    from ..model import PHI, phi0
    s = _symbols()
    u = (s.x - s.X) / s.lam
    if not expr.has(sp.sech(u)) and not expr.has(sp.tanh(u)):
        return []
    value = phi0(s.x - s.X)
    if not expr.has(sp.tanh(u)) and not any(MEANING.get(a, (None,))[0] == value
                                           for a in expr.free_symbols):
        return []  # no angle ϕ0 in sight: sech as the letter writes it (17)
    phi = _atom(value, r"\phi_{0}", "ϕ₀")
    dphi = _atom(sp.Derivative(PHI(s.x - s.X), s.x).subs(PHI, sp.Lambda(sp.Symbol("y"), phi0(sp.Symbol("y")))).doit(),
                 r"\partial_x\phi_{0}", "∂ₓϕ₀")
    zero = _atom(sp.sqrt(s.a * s.lam / 2) * MEANING[dphi][0], r"\Phi_{0}", "Φ₀")
    forms = [sp.expand(expr.subs({sp.sech(u): sp.sin(phi), sp.tanh(u): -sp.cos(phi)}))]
    if not expr.has(sp.tanh(u)):
        forms += [sp.expand(expr.subs(sp.sech(u), sech))
                  for sech in (s.lam * dphi, sp.sqrt(2 * s.lam / s.a) * zero)]
    return [sp.factor_terms(f) for f in forms]


def _wall_variable(expr: sp.Basic):
    """u = (x - X)/λ or x/λ when ``expr`` has exponentials of it, else None."""
    s = _symbols()
    args = [e.exp for e in expr.atoms(sp.exp) if e.exp.has(s.x)]
    if not args:
        return None
    return (s.x - s.X) / s.lam if any(a.has(s.X) for a in args) else s.x / s.lam


def _laurent_to_hyperbolic(poly: sp.Expr, E: sp.Symbol, u: sp.Expr, shift: sp.Rational):
    """Σ c_k E^{k - shift} as Σ (c_k + c_-k) cosh(ku) + (c_k - c_-k) sinh(ku)."""
    terms = {}
    for (power,), coeff in sp.Poly(sp.expand(poly), E).terms():
        terms[sp.Rational(power) - shift] = terms.get(sp.Rational(power) - shift, 0) + coeff
    out = terms.pop(sp.S.Zero, 0)
    done = set()
    for k in sorted(terms, key=abs):
        if k in done:
            continue
        plus, minus = terms.get(abs(k), 0), terms.get(-abs(k), 0)
        done |= {abs(k), -abs(k)}
        out += (plus + minus) * sp.cosh(abs(k) * u) + (plus - minus) * sp.sinh(abs(k) * u)
    return out


def _hyperbolic(expr: sp.Expr) -> sp.Expr:
    """Rational functions of e^{u} as hyperbolic functions of u (exactly equal), the largest
    such pieces of ``expr`` (inside sin, exp, … too)."""
    out = _hyperbolic_whole(expr)
    if out is expr and isinstance(expr, (sp.Add, sp.Mul, sp.Pow, sp.sin, sp.cos, sp.exp)) \
            and expr.has(sp.exp):
        return expr.func(*[_hyperbolic(a) for a in expr.args])
    return out


def _hyperbolic_whole(expr: sp.Expr) -> sp.Expr:
    u = _wall_variable(expr)
    if u is None or not isinstance(expr, sp.Expr):
        return expr
    s = _symbols()
    w, E = sp.Dummy("u", real=True), sp.Dummy("E", positive=True)
    X_part = s.X if u.has(s.X) else 0
    body = sp.powsimp(sp.expand_power_exp(sp.expand(expr.subs(s.x, s.lam * w + X_part))))
    # every exponential of w as a power of E
    body = body.replace(lambda e: isinstance(e, sp.exp) and e.exp.has(w),
                        lambda e: _exp_in_E(e.exp, w, E))
    if body.has(w) and any(isinstance(e, sp.exp) and e.has(w) for e in sp.preorder_traversal(body)):
        return expr
    body = sp.cancel(sp.together(body))
    num, den = sp.fraction(body)
    if not (num.is_polynomial(E) and den.is_polynomial(E)) or not den.has(E):
        # a polynomial in E (no denominator in E): leave it
        return expr
    pn, pd = sp.Poly(num, E), sp.Poly(den, E)
    low = min(m[0] for m in pd.monoms())
    shift = sp.Rational(pd.degree() + low, 2)
    hyper = (sp.factor_terms(_laurent_to_hyperbolic(num, E, w, shift))
             / _cosh2_of_half(sp.factor_terms(_laurent_to_hyperbolic(den, E, w, shift))))
    hyper = _tidy_hyperbolic(sp.expand(hyper))
    if pn.degree() < 0:
        return expr
    return hyper.subs(w, u)


def _exp_in_E(exponent, w, E):
    c, rest = sp.expand(exponent).as_independent(w, as_Add=True)
    k = sp.simplify(rest / w)
    if k.has(w) or not k.is_Rational:
        return sp.exp(exponent)
    return sp.exp(c) * E**k


def _tidy_hyperbolic(expr: sp.Expr) -> sp.Expr:
    """sinh/cosh → tanh, 1/cosh → sech, term by term."""
    def term(t):
        factors = sp.Mul.make_args(t)
        out = []
        cosh_powers = {}
        sinh_powers = {}
        for f in factors:
            b, e = f.as_base_exp()
            if isinstance(b, sp.cosh) and e.is_Integer:
                cosh_powers[b.args[0]] = cosh_powers.get(b.args[0], 0) + e
            elif isinstance(b, sp.sinh) and e.is_Integer:
                sinh_powers[b.args[0]] = sinh_powers.get(b.args[0], 0) + e
            else:
                out.append(f)
        for z in set(cosh_powers) | set(sinh_powers):
            c, sh = cosh_powers.get(z, 0), sinh_powers.get(z, 0)
            if sh > 0 and c < 0:
                n = min(sh, -c)
                out.append(sp.tanh(z) ** n)
                sh, c = sh - n, c + n
            out += [sp.sinh(z) ** sh, sp.cosh(z) ** c if c >= 0 else sp.sech(z) ** -c]
        return sp.Mul(*out)
    return sp.Add(*[term(t) for t in sp.Add.make_args(sp.factor_terms(expr)
                                                       if not expr.is_Add else expr)])


def _cosh2_of_half(expr: sp.Expr) -> sp.Expr:
    """1 + cosh 2y → 2 cosh² y (the letter's sech² in (20)-(21))."""
    def rule(e):
        if e.is_Add and len(e.args) == 2 and sp.S.One in e.args:
            other = e.args[0] if e.args[1] == 1 else e.args[1]
            if isinstance(other, sp.cosh):
                return 2 * sp.cosh(other.args[0] / 2) ** 2
        return e
    return expr.replace(lambda e: e.is_Add, rule)


def _groups(expr: sp.Expr) -> sp.Expr:
    """k_BT, j/j0, J_sd/k_BT as single atoms where the expression depends on them only so."""
    s = _symbols()
    kT = _atom(s.k_B * s.T, r"k_{B}T", "k_BT")
    out = expr
    # each trial only where it can be taken
    if out.has(s.T) and not (trial := out.subs(s.T, kT / s.k_B)).has(s.k_B):
        out = trial
    ratio = _atom(s.j / s.j0, r"(j/j_{0})", "(j/j₀)")
    if out.has(s.j) and not (trial := out.subs(s.j, ratio * s.j0)).has(s.j0):
        out = trial
    coupling = _atom(s.J_sd / kT, r"(J_{sd}/k_{B}T)", "(J_sd/k_BT)")
    if out.has(s.J_sd) and out.is_Mul \
            and not (trial := sp.powsimp(out.subs(s.J_sd, coupling * kT))).has(kT):
        out = trial
    return out


@cache  # the same expression is reached from a record's several forms
def _shortest(expr: sp.Expr) -> sp.Expr:
    """The form with the shortest LaTeX among a few exactly equal ones."""
    forms = [expr] + _moving_wall_names(expr)
    forms += [_one_root(f) for f in list(forms)]
    # factor_terms and factor take out of an integral over x what is free of x: not a display
    # atom that stands for a function of x (∂ₓc̄ in H_el), so not with one inside
    inside = any(MEANING[s][0].has(*i.variables) for i in expr.atoms(sp.Integral)
                 for s in i.function.free_symbols if s in MEANING)
    terms = {}  # factor_terms of a form: of expr again when expand leaves expr as it is

    def factor_terms(e):
        if e not in terms:
            terms[e] = sp.factor_terms(e)
        return terms[e]

    # factor's form has been the shortest only for small expressions (at most 20 operations
    # in the chain), and powsimp's never differed; on large ones they cost up to 0.4 s each
    # (factor of the H_el integrand, over the Gaussian rationals): factor_terms only there
    small = sp.count_ops(expr) <= 30
    rewrites = (() if inside else (factor_terms, lambda e: factor_terms(sp.expand(e)))) \
        + ((sp.factor,) if small and not inside else ()) \
        + ((lambda e: sp.powsimp(e, force=False),) if small else ())
    for f in rewrites:
        try:
            forms.append(f(expr))
        except (sp.PolynomialError, NotImplementedError, TypeError, ValueError):
            pass
    # the shortest LaTeX, and among those the fewest operations (count_ops only for a tie);
    # each distinct form printed once (the first of equal ones kept, as min would)
    forms = list(dict.fromkeys(forms))
    sizes = [len(_plain_latex(f).replace(" ", "")) for f in forms]
    shortest = [f for f, size in zip(forms, sizes) if size == min(sizes)]
    return shortest[0] if len(shortest) == 1 else min(shortest, key=sp.count_ops)


def _one_root(expr: sp.Expr) -> sp.Expr:
    """√2 √a/√λ as √(2a/λ), as the letter writes it (an unevaluated root of positive factors)."""
    def merge(e):
        if not e.is_Mul:
            return e
        # a^{5/2} = a² √a: every half-integer power gives its root
        halves = [f for f in e.args if f.is_Pow and f.exp.is_Rational and f.exp.q == 2
                  and f.base.is_positive]
        if len(halves) < 2:
            return e
        inside = sp.Mul(*[f.base ** sp.sign(f.exp) for f in halves])
        rest = sp.Mul(*[f for f in e.args if f not in halves],
                      *[f.base ** (f.exp - sp.sign(f.exp) / 2) for f in halves])
        root = sp.Pow(inside, sp.S.Half, evaluate=False)
        text = f"√({_printer().doprint(inside)})"
        return rest * _atom(sp.sqrt(inside), _plain_latex(root), text)
    return expr.replace(lambda e: e.is_Mul, merge)


def _sigma_z(m: sp.MatrixBase):
    if m.shape == (2, 2) and m[0, 1] == 0 and m[1, 0] == 0 and sp.simplify(m[0, 0] + m[1, 1]) == 0:
        from sympy.physics.matrices import msigma
        sz = _atom(sp.ImmutableMatrix(msigma(3)), r"\hat{\sigma}_z", "σ̂_z")
        return sp.Mul(m[0, 0], sz)
    return None


@cache  # a pure function of the expression: each one is shown once per process
def _rules(expr: sp.Expr) -> sp.Expr:
    if not isinstance(expr, sp.Expr) or expr.is_number:
        return expr
    if isinstance(expr, sp.Integral):
        return sp.Integral(_rules(expr.function), *expr.limits)
    out = _band_names(_spinor_names(_wall_names(expr)))
    out = _hyperbolic(out)
    out = _cosh2_of_half(out)
    if out.has(sp.cosh):
        out = _tidy_hyperbolic(out)
    out = _groups(out)
    if out.has(sp.Integral):
        out = out.replace(lambda e: isinstance(e, sp.Integral),
                          lambda e: sp.Integral(_rules(e.function), *e.limits))
    return _shortest(out)


def display(expr):
    """``expr`` as the letter shows it (equal to ``expr``: :func:`meaning` undoes it)."""
    if isinstance(expr, (list, tuple)):
        return type(expr)(display(e) for e in expr)
    expr = sp.sympify(expr)
    if isinstance(expr, sp.Eq):
        return sp.Eq(display(expr.lhs), display(expr.rhs), evaluate=False)
    if isinstance(expr, sp.MatrixBase):
        shown = expr.applyfunc(_rules)
        return _sigma_z(shown) or shown
    if isinstance(expr, sp.Expr):
        return _rules(expr)
    return expr


# -- printing -------------------------------------------------------------------------------


def _latex_names() -> dict:
    from ..symbols import LATEX_NAMES
    return {**LATEX_NAMES, **{s: row[1] for s, row in MEANING.items()}}


_FLAT = re.compile(r"\\left\(((?:(?!\\left|\\right|\\frac|\\int|\\begin|\\sum).)*?)\\right\)")
_RECIPROCAL = re.compile(r"\\frac\{1\}\{((?:\\[A-Za-z]+|[A-Za-z])(?:_\{[^{}]*\})?)\^\{(\d+)\}\}")
_DERIVATIVE_POWER = re.compile(r"(\\partial_x\\[A-Za-z]+_\{0\})\^")
_TRIG_OF_NAME = re.compile(r"\\(sin|cos)\{\(((?:\\[A-Za-z]+|[A-Za-z])(?:_\{[^{}]*\})?) ?\)\}")


def lighten(latex: str) -> str:
    """The letter's typography: plain parentheses around flat content, \\cos\\phi_0 for a
    function of one name, \\int_a^b, Re and Im; the expression is unchanged."""
    latex = latex.replace(r"\int\limits_", r"\int_")
    # the real and imaginary parts as physicists write them (SymPy prints re, im)
    latex = latex.replace(r"\operatorname{re}", r"\operatorname{Re}").replace(
        r"\operatorname{im}", r"\operatorname{Im}")
    latex = _RECIPROCAL.sub(lambda m: f"{m.group(1)}^{{-{m.group(2)}}}", latex)
    while True:
        lighter = _FLAT.sub(lambda m: "(" + m.group(1).rstrip() + ")", latex)
        if lighter == latex:
            break
        latex = lighter
    latex = _DERIVATIVE_POWER.sub(lambda m: f"({m.group(1)})^", latex)
    return _TRIG_OF_NAME.sub(lambda m: f"\\{m.group(1)}{{{m.group(2)}}}", latex)


def _plain_latex(expr) -> str:
    from .latex import to_latex
    try:  # an expression's LaTeX depends on it and on its display atoms' LaTeX: printed once
        key = (expr, tuple(sorted(MEANING[s][1] for s in expr.free_symbols if s in MEANING)))
        return _plain_latex.printed[key]
    except (AttributeError, TypeError):  # not a hashable SymPy expression
        return lighten(to_latex(expr, names=_latex_names()))
    except KeyError:
        text = _plain_latex.printed[key] = lighten(to_latex(expr, names=_latex_names()))
        return text


_plain_latex.printed = {}


def display_latex(expr) -> str:
    """LaTeX of ``expr`` in the letter's notation (through :func:`display`)."""
    return _plain_latex(display(expr))


def equation_latex(lhs, expr) -> str:
    """``lhs = …`` (or the equation itself when ``expr`` is one) in the letter's notation,
    ready for ``align`` (the ``&`` before the first relation)."""
    if isinstance(expr, sp.Eq):
        shown = display(expr)
        return f"{_plain_latex(shown.lhs)} &= {_plain_latex(shown.rhs)}"
    left = _plain_latex(lhs) if lhs is not None else ""
    pair = _sign_pair(expr)
    if pair:  # the pair's left side: ε_{k↑,↓}
        return left.replace(r"k\sigma", r"k\uparrow,\downarrow") + " &= " + pair
    return f"{left} &= {display_latex(expr)}"


def _sign_pair(expr) -> str | None:
    """A 2-vector (f(s), f(-s)) as f(∓s) — ε_k↑,↓ = ħ²(k ∓ δk)²/2m* (Eq. 2)."""
    if not (isinstance(expr, sp.MatrixBase) and expr.shape == (2, 1)):
        return None
    for s in sorted(expr[0].free_symbols, key=str):
        if expr[0].has(s) and sp.expand(expr[1] - expr[0].subs(s, -s)) == 0 \
                and sp.expand(expr[0] - expr[1]) != 0:
            marker = sp.Symbol("SIGNMARK", positive=True)
            shown = _plain_latex(display(sp.factor(expr[0].subs(s, marker))))
            name = _plain_latex(s)
            text = shown.replace("- SIGNMARK", rf"\mp {name}")
            if "SIGNMARK" not in text:
                return text
    return None


# -- one-line Unicode text ---------------------------------------------------------------------

_DIGITS = set("0123456789")
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_LATEX_TO_TEXT = ((r"\partial_x", "∂ₓ"), (r"\mathbf{n}_0", "n₀"), (r"\mathbf{e}_z", "e_z"),
                  (r"\times", "×"), (r"\phi_0", "ϕ₀"), (r"\,", ""), (r"\phi", "ϕ"))
_NAMES = {"T_perp": "T⊥", "S_par": "S∥", "m_eff": "m*", "delta_k": "δk", "hbar": "ħ", "J_sd": "J_sd",
          "k_B": "k_B", "tau_DW": "τ_DW", "tau_el": "τ_el", "E_el": "E", "dS_par/dX": "∂S∥/∂X",
          "dS_z/dX": "∂S_z/∂X", "V^*": "V*", "xi_0^*": "ξ₀*", "varepsilon_b": "ε_b", "mu": "µ",
          "n": "n", "f_up": "f_↑", "f_dn": "f_↓", "epsilon_up": "ε_↑", "epsilon_dn": "ε_↓",
          "c_up": "c̄_↑", "c_dn": "c̄_↓", "sbar_x": "⟨s̄_x⟩", "sbar_y": "⟨s̄_y⟩", "s_x": "⟨s_x⟩",
          "s_y": "⟨s_y⟩", "s_z": "⟨s_z⟩", "f_0": "f₀", "epsilon_0": "ε₀", "G^<": "G<"}


# a record's quantity (its key: derivation.equation(eq, quantity=...)) as text shows it
_QUANTITY = (("eps_theta0", "ε_θ0"), ("eps_thetaq", "ε_θq"), ("eps_phi0", "ε_ϕ0"),
             ("eps_phiq", "ε_ϕq"), ("eps_k", "ε_k"), ("epsilon_0", "ε0"), ("delta_k", "δk"),
             ("j_0", "j0"), ("xi0", "ξ0"), ("Phi0", "Φ0"), ("psi*", "ψ*"), ("tau_DW", "τ_DW"),
             ("T_perp", "T⊥"), ("S_par", "S∥"), ("s_bar_y", "s̄_y"), ("dn0/dx", "∂ₓn0"))
_QUANTITY_RE = re.compile("|".join(rf"(?<![A-Za-z_]){re.escape(code)}(?![A-Za-z_0-9])"
                                   for code, _ in _QUANTITY) + r"|^dX$")


def quantity_text(name: str) -> str:
    """A record's quantity in the letter's notation (``xi0*`` → ξ0*, ``tau_DW`` → τ_DW,
    ``eps_thetaq`` → ε_θq, ``dX`` → ΔX); the key itself stays what the API takes."""
    table = dict(_QUANTITY, dX="ΔX")
    return _QUANTITY_RE.sub(lambda m: table[m.group(0)], name)


class UnicodePrinter(StrPrinter):
    """One line of mathematics: J S²/(2κ²), √(2a/λ), ξ̇₀, ∂ₓϕ₀; no ``*``, ``**``."""

    def _print_Symbol(self, expr):
        if expr in MEANING:
            return MEANING[expr][2]
        name = expr.name
        if name in _NAMES:
            return _NAMES[name]
        if "\\" in name:  # a relation typed in LaTeX (13a's ∂ₓn₀ = ∂ₓϕ₀ e_z × n₀)
            for latex, text in _LATEX_TO_TEXT:
                name = name.replace(latex, text)
            return name
        if name.startswith("[") or "/" in name:
            return name
        return pretty_symbol(name)

    _print_Dummy = _print_Symbol

    def _print_Interval(self, expr):  # a bracket found by simulation: [lower, upper]
        return f"[{self._print(expr.start)}, {self._print(expr.end)}]"

    def _print_Function(self, expr):
        from ..symbols import t
        name = expr.func.__name__
        if isinstance(expr, AppliedUndef):
            shown = _NAMES.get(name) or pretty_symbol(name)
            if expr.args == (t,):  # dynamic symbols X(t), ξ0(t)
                return shown
            if name in ("s_x", "s_y", "s_z", "sbar_x", "sbar_y", "c_up", "c_dn") and len(expr.args) == 1:
                return shown
            return f"{shown}({', '.join(self._print(a) for a in expr.args)})"
        names = {"conjugate": None, "re": "Re", "im": "Im", "atan": "atan", "sech": "sech"}
        if name == "conjugate":
            inner = self._print(expr.args[0])
            return inner + "\u0304" if len(inner) <= 2 else f"conj({inner})"
        if name == "exp":
            return f"exp({self._print(expr.args[0])})"
        return f"{names.get(name, name)}({', '.join(self._print(a) for a in expr.args)})"

    def _print_Derivative(self, expr):
        from ..symbols import t
        inner = expr.expr
        if isinstance(inner, AppliedUndef) and inner.args == (t,) and expr.variables == (t,) * len(expr.variables):
            dots = {1: "\u0307", 2: "\u0308"}.get(len(expr.variables))
            shown = self._print(inner)
            if dots:
                head, sub = (shown[0], shown[1:])
                return head + dots + sub
        parts = "".join("∂ₓ" if v.name == "x" else f"∂_{self._print(v)} " for v in expr.variables)
        body = self._print(inner)
        if not (isinstance(inner, (AppliedUndef, sp.Symbol))):
            body = f"({body})"
        return f"{parts}{body}"

    def _print_Subs(self, expr):
        inner, (var,), (point,) = expr.expr, expr.variables, expr.point
        if isinstance(inner, sp.Derivative) and isinstance(inner.expr, AppliedUndef) \
                and inner.variables == (var,) and inner.expr.args == (var,):
            primes = "′" * len(inner.variables)
            return f"{self._print(inner.expr.func(var)).split('(')[0]}{primes}({self._print(point)})"
        return f"[{self._print(inner)}]_({self._print(var)} = {self._print(point)})"

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.base, expr.exp
        prec = precedence(expr)
        b = self.parenthesize(base, prec, strict=False)
        if base.is_Function or isinstance(base, sp.Derivative):
            b = self._print(base)
            if not b.endswith(")") or isinstance(base, AppliedUndef):
                pass
        if exp is sp.S.Half:
            inner = self._print(base)
            return f"√{inner}" if (base.is_Symbol or base.is_Integer) else f"√({inner})"
        if exp == -sp.S.Half:
            inner = self._print(base)
            return f"1/√{inner}" if (base.is_Symbol or base.is_Integer) else f"1/√({inner})"
        if b.startswith("∂") and not b.startswith("∂("):
            b = f"({b})"
        if exp.is_Integer:
            if exp == -1:
                return f"1/{b}"
            return f"{b}{str(exp).translate(_SUPERSCRIPT)}"
        e = self._print(exp)
        return f"{b}^{e}" if (exp.is_Symbol or (exp.is_Integer)) else f"{b}^({e})"

    def _print_Mul(self, expr):
        from sympy.core.mul import _keep_coeff
        prec = precedence(expr)
        c, e = expr.as_coeff_Mul()
        sign = ""
        if c < 0:
            expr, sign = _keep_coeff(-c, e), "-"
        numer, denom = [], []
        for item in expr.as_ordered_factors():
            if item.is_commutative and item.is_Pow and item.exp.is_Rational and item.exp.is_negative:
                denom.append(item.base if item.exp == -1 else sp.Pow(item.base, -item.exp))
            elif item.is_Rational and item is not sp.S.Infinity:
                if item.p != 1:
                    numer.append(sp.Integer(item.p))
                if item.q != 1:
                    denom.append(sp.Integer(item.q))
            else:
                numer.append(item)
        top = self._join([self.parenthesize(f, prec, strict=False) for f in numer] or ["1"])
        if not denom:
            return sign + top
        bottom = self._join([self.parenthesize(f, prec, strict=False) for f in denom])
        if len(denom) > 1:
            bottom = f"({bottom})"
        return f"{sign}{top}/{bottom}"

    @staticmethod
    def _join(parts: list[str]) -> str:
        # a number binds to what follows (2κ²); names are separated by a space (J S²)
        out = parts[0]
        for part in parts[1:]:
            out += part if out[-1:] in _DIGITS and part[:1] not in _DIGITS else " " + part
        return out

    def _print_ImaginaryUnit(self, expr):
        return "i"

    def _print_Exp1(self, expr):
        return "e"

    def _print_Pi(self, expr):
        return "π"

    def _print_Infinity(self, expr):
        return "∞"

    def _print_NegativeInfinity(self, expr):
        return "-∞"

    def _print_Float(self, expr):
        return sp.sstr(sp.Float(expr, 6))

    def _print_Integral(self, expr):
        body = self._print(expr.function)
        limits = []
        for lim in expr.limits:
            var = self._print(lim[0])
            if len(lim) == 3:
                low, high = (self._print(b) for b in lim[1:])
                low, high = (b if len(b) == 1 or b == "-∞" else f"{{{b}}}" for b in (low, high))
                limits.append((f"∫_{low}^{high}", var))
            else:
                limits.append(("∫", var))
        head = " ".join(f"{i} d{v}" for i, v in limits)
        return f"{head} ({body})" if expr.function.is_Add else f"{head} {body}"

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_Equality(self, expr):
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"

    def _print_MatrixBase(self, expr):
        if expr.is_square and expr.is_diagonal():
            return "diag(" + ", ".join(self._print(expr[i, i]) for i in range(expr.rows)) + ")"
        if expr.cols == 1:
            return "(" + ", ".join(self._print(v) for v in expr) + ")ᵀ"
        return "(" + "; ".join(", ".join(self._print(v) for v in expr.row(i))
                               for i in range(expr.rows)) + ")"

    _print_ImmutableDenseMatrix = _print_MutableDenseMatrix = _print_MatrixBase

    def _print_list(self, expr):
        return "(" + ", ".join(self._print(e) for e in expr) + ")"

    _print_tuple = _print_list


@cache
def _printer() -> UnicodePrinter:
    return UnicodePrinter({"order": None})


def text_form(expr) -> str:
    """One line of readable Unicode mathematics for ``expr`` (after :func:`display`)."""
    if isinstance(expr, str):
        return expr
    if isinstance(expr, (bool, sp.logic.boolalg.BooleanAtom)) or expr is None:
        return str(expr)
    shown = display(expr)
    if isinstance(shown, (list, tuple)):
        return "(" + ", ".join(_printer().doprint(e) for e in shown) + ")"
    return _printer().doprint(shown)


def leading_order(expr: sp.Expr, small: dict) -> sp.Expr:
    """The first non-vanishing term of ``expr`` when the quantities of ``small`` (q → ε q,
    :func:`derivation.audit.verdicts.bookkeeping`) tend to zero: the form an agrees-in-limit
    verdict compares with the print (ξ0* ≃ …, τ_DW ≃ …)."""
    from ..audit.verdicts import bookkeeping
    eps = bookkeeping()
    term = sp.sympify(expr).subs(small, simultaneous=True).as_leading_term(eps)
    return sp.factor_terms(sp.simplify(term.subs(eps, 1)))


# -- long equations, broken by terms (the report's multline) --------------------------------

_LINE = 72  # printed width per line (:func:`width`), about a text width at 10 pt, 2 cm margins
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_SPACED = {"+": 2.2, "-": 2.2, "=": 2.2}  # binary operators and relations with their spacing
_INVISIBLE = {"left", "right", "Bigl", "Bigr", "bigl", "bigr", "limits", "displaystyle", ",", " ",
              ";", "!", "operatorname", "mathrm", "text", "mathbb"}


def _group(latex: str, i: int) -> tuple[str, int]:
    """The braced group (or single token) starting at ``latex[i]``, and the index after it."""
    while i < len(latex) and latex[i] == " ":
        i += 1
    if i >= len(latex):
        return "", i
    if latex[i] != "{":
        m = _COMMAND.match(latex, i)
        return (m.group(0), m.end()) if m else (latex[i], i + 1)
    depth, j = 0, i
    for j in range(i, len(latex)):
        depth += {"{": 1, "}": -1}.get(latex[j], 0)
        if depth == 0:
            break
    return latex[i + 1:j], j + 1


def width(latex: str) -> float:
    """The printed width of ``latex`` in glyphs, roughly: a fraction as wide as its wider part,
    scripts at 0.6, commands one glyph, operators with their spacing; what decides whether an
    equation fits on a line (not the length of its source)."""
    total, i = 0.0, 0
    while i < len(latex):
        c = latex[i]
        if c == "\\":
            m = _COMMAND.match(latex, i)
            name, i = m.group(1), m.end()
            if name in ("frac", "dfrac", "tfrac"):
                top, i = _group(latex, i)
                bottom, i = _group(latex, i)
                total += max(width(top), width(bottom)) + 0.6
            elif name == "sqrt":
                inside, i = _group(latex, i)
                total += width(inside) + 1.0
            elif name not in _INVISIBLE:
                total += 2.5 if name in ("sin", "cos", "tan", "sech", "cosh", "sinh", "tanh",
                                         "exp", "int", "sum") else 1.0
        elif c in "^_":
            script, i = _group(latex, i + 1)
            total += 0.6 * width(script)
        elif c in "{} &":
            i += 1
        else:
            total += _SPACED.get(c, 1.0)
            i += 1
    return total


def _size(latex: str) -> float:
    return width(latex)


def _terms_in_lines(terms: list[sp.Expr], first: str = "") -> list[str]:
    """Terms packed into lines of at most :data:`_LINE` glyphs (:func:`width`), signs kept."""
    lines, current = [], first
    for n, term in enumerate(terms):
        negative = term.could_extract_minus_sign()
        body = _plain_latex(-term if negative else term)
        piece = ("- " if negative else ("+ " if n else "")) + body
        if current and _size(current + piece) > _LINE and current != first:
            lines.append(current)
            current = piece
        else:
            current = f"{current} {piece}".strip()
    lines.append(current)
    return lines


def _broken(shown: sp.Expr) -> list[str] | None:
    """The lines of a long right-hand side, broken between the terms of its largest sum
    (inside a factor, or inside an integral over x); None when it has no sum to break."""
    if isinstance(shown, sp.Integral) or (shown.is_Mul and any(isinstance(f, sp.Integral)
                                                               for f in shown.args)):
        integral = shown if isinstance(shown, sp.Integral) else \
            next(f for f in shown.args if isinstance(f, sp.Integral))
        (var, *bounds), = integral.limits
        inner = _broken(integral.function)
        if inner is None:
            return None
        rest = shown / integral
        bounds_latex = "_{%s}^{%s}" % tuple(_plain_latex(b) for b in bounds) if bounds else ""
        head = ("" if rest == 1 else _plain_latex(rest) + " ") + rf"\int{bounds_latex} d{_plain_latex(var)}\,"
        if r"\Bigl[" in inner[0]:  # already bracketed: a factor times a broken sum
            return [f"{head} {inner[0]}"] + inner[1:]
        inner[0] = rf"{head} \Bigl[{inner[0]}"
        inner[-1] += r" \Bigr]"
        return inner
    if shown.is_Add:
        return _terms_in_lines(list(shown.as_ordered_terms()))
    if shown.is_Mul:
        adds = [f for f in shown.args if f.is_Add]
        if adds:
            big = max(adds, key=lambda f: _size(_plain_latex(f)))
            rest = shown / big
            lines = _terms_in_lines(list(big.as_ordered_terms()))
            sign, rest = ("- ", -rest) if rest.could_extract_minus_sign() else ("", rest)
            head = "" if rest == 1 else _plain_latex(rest) + " "
            lines[0] = f"{sign}{head}\\Bigl[{lines[0]}"
            lines[-1] += r" \Bigr]"
            return lines
    return None


def broken_latex(lhs, expr) -> str:
    """``lhs = …`` for ``multline``: lines (joined by ``\\\\``) broken between terms when the
    one-line form is longer than a line; the one-line form otherwise."""
    one = equation_latex(lhs, expr).replace(" &= ", " = ", 1)
    if _size(one) <= _LINE or isinstance(expr, sp.MatrixBase):
        return one
    shown = display(expr.rhs if isinstance(expr, sp.Eq) else expr)
    left = (_plain_latex(display(expr.lhs)) if isinstance(expr, sp.Eq)
            else (_plain_latex(lhs) if lhs is not None else ""))
    lines = _broken(shown) if isinstance(shown, sp.Expr) else None
    if not lines:
        return one
    lines[0] = f"{left} = {lines[0]}"
    return " \\\\\n".join(lines)
