"""The stable rewrites of the kernels' expressions, each an identity (the mutation tests' target).

* ``cosh``: every cosh(y) → (1 + u²)/(2u) with u = e^{-|y|} ≤ 1, so sech and
  sech² never overflow and vanish smoothly for |y| → ∞;
* ``expm1``: e^{-s} → 1 + expm1(-s) (s = t/τ_DW), so 1 - e^{-s} keeps its digits
  at small s;
* ``remainder``: e^{-s} → 1 - s + φ(s), φ(s) = e^{-s} - 1 + s ≥ 0, for X(t),
  whose two terms otherwise cancel at small s and small α; φ is a generated
  helper (:func:`remainder_helper`: its Taylor series below s = 1/20, s + expm1(-s) above,
  with the expm1(-s) that ξ0(t) and V(t) use, computed once, :func:`share_expm1`).

Two more rewrites save calls per point: √a√λ as √(aλ) (:func:`fewer_calls`) and e^{kz} beside
e^{z} as a power of one exponential (:func:`shared_exponentials`).
"""
from __future__ import annotations

import sympy as sp
from sympy.codegen.cfunctions import expm1

from ... import symbols as sy

__all__ = ["stable", "remainder_helper", "share_expm1", "fewer_calls", "shared_exponentials",
           "REMAINDER_BELOW", "PHI_M"]


_u = sp.Symbol("u", positive=True)     # e^{-|y|}
_s = sp.Symbol("s", positive=True)     # t/τ_DW
_phi = sp.Function("_exp_remainder")   # φ(s) = e^{-s} - 1 + s
_m = sp.Symbol("m", real=True)         # expm1(-s), which the kernels compute anyway
PHI_M = sp.Function("_exp_remainder_m")  # φ(s) printed as _exp_remainder(s, expm1(-s))
HELPER_ARGUMENTS = (_s, _m)  # the helper's own symbols, allowed in a kernel's expressions


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


REMAINDER_BELOW = sp.Rational(1, 20)  # φ(s) from its series below this s


def remainder_helper() -> tuple[str, sp.Expr]:
    """φ(s) = e^{-s} - 1 + s: Taylor series below s = 1/20, s + expm1(-s) above.

    Above the threshold an error of an ulp in expm1(-s) (libm's, or the loops' ``_expm1``)
    becomes a relative error ≲ 2ε/s ≤ 40ε ≈ 9e-15 of φ; below it the series is cut where
    the first omitted term, relative to s²/2, is below 1e-17.
    """
    threshold = REMAINDER_BELOW
    order = next(n for n in range(3, 30)
                 if 2 * threshold ** (n - 2) / sp.factorial(n) < sp.Rational(1, 10**17))
    series = sp.series(sp.exp(-_s) - 1 + _s, _s, 0, order).removeO()
    # m = expm1(-s) comes from the caller, which needs it for ξ0(t) and V(t) too
    piecewise = sp.Piecewise((sp.horner(series), _s < threshold), (_s + _m, True))
    return "_exp_remainder", piecewise


def share_expm1(expr: sp.Expr) -> sp.Expr:
    """φ(s) → φ(s, expm1(-s)): the one cse pass then computes expm1(-s) once per point."""
    return expr.replace(_phi, lambda arg: PHI_M(arg, expm1(-arg)))


def fewer_calls(expr: sp.Expr) -> sp.Expr:
    """√a√λ → √(aλ): positive symbols are swapped for plain ones so SymPy keeps the root whole."""
    plain = {s: sp.Symbol(s.name, real=True) for s in expr.free_symbols if s.is_positive}
    return sp.powsimp(expr.subs(plain), force=True, combine="base")


def shared_exponentials(exprs: list) -> tuple[list, list]:
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
