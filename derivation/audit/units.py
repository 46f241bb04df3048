"""Dimensional audit of the letter, Eqs. (1)-(21), with ``sympy.physics.units``.

Every symbol carries the SI unit of :mod:`derivation.symbols`; its dimension is
read from SymPy's SI dimension system.  :func:`dimension_of` walks an
expression and records every sum whose terms disagree and every function
argument that is not dimensionless; :func:`audit` checks each equation, both
sides and every term, and says which factor is missing where it does not
balance.

Convention (fixed by Eq. 12a): J_sd T⊥ is an energy, so T⊥ is dimensionless,
⟨s⟩ is a spin per lattice site, F0 and S∥ carry a length.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp
from sympy.physics import units as u
from sympy.physics.units import Dimension
from sympy.physics.units.systems.si import SI, dimsys_SI

from ..symbols import TABLE

__all__ = ["dimension", "dimension_of", "same", "describe", "in_base_units", "Check", "audit", "CONVENTION"]

CONVENTION = ("T⊥ is dimensionless (J_sd T⊥ is an energy in Eq. 12a); ⟨s⟩ is a spin per "
              "lattice site, so F0 = ∫dx n0·⟨s⟩ and S∥ are lengths; a uniform per-site "
              "spin is (a/2π)∫dk over (-π/a, π/a); V* = -λ J_sd T⊥/(2αħ) is then in m/s.")

ONE = Dimension(1)


def dimension(unit: sp.Expr) -> Dimension:
    """The SI dimension of a ``sympy.physics.units`` expression."""
    return Dimension(SI.get_dimensional_expr(unit))


def same(d1: Dimension, d2: Dimension) -> bool:
    return (dimsys_SI.get_dimensional_dependencies(d1)
            == dimsys_SI.get_dimensional_dependencies(d2))


def in_base_units(d: Dimension) -> sp.Expr:
    """A dimension as a product of SI base units (1 when dimensionless)."""
    deps = dimsys_SI.get_dimensional_dependencies(d)
    base = {"mass": u.kilogram, "length": u.meter, "time": u.second, "temperature": u.kelvin,
            "current": u.ampere, "amount_of_substance": u.mole, "luminous_intensity": u.candela}
    return sp.Mul(*(base[str(k.name)] ** v for k, v in deps.items()))


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def describe(d: Dimension, named: bool = True) -> str:
    """A dimension in SI units as a physicist writes them, e.g. 'J', 'J/m²', 'J/(m² s)',
    'm/s', '1/m', '1': a dimension with one power of mass as joules times the rest.

    The units in alphabetical order of their symbols (J first), positive powers before the
    slash, the others after it (in parentheses when several); a single unit to a negative power
    other than -1 keeps its exponent (m⁻²).  ``named=False``: base units only ('kg/s²'), the
    audit records' derived and printed dimensions."""
    powers = {str(q.abbrev): e for q, e in in_base_units(d).as_powers_dict().items()
              if isinstance(q, u.Quantity)}

    def spell(items):
        return " ".join(name + (str(e).translate(_SUPERSCRIPT) if e != 1 else "")
                        for name, e in items)
    if named and powers.get("kg") == 1:  # an energy (kg m²/s²) times lengths and times: J/m², J/(m² s)
        rest = {**powers, "m": powers.get("m", 0) - 2, "s": powers.get("s", 0) + 2}
        rest = {n: e for n, e in rest.items() if n != "kg" and e != 0}
        down = sorted((n, -e) for n, e in rest.items() if e < 0)
        text = spell([("J", 1)] + sorted((n, e) for n, e in rest.items() if e > 0))
        if down:
            text += "/" + (f"({spell(down)})" if len(down) > 1 else spell(down))
        return text
    ordered = sorted(powers.items())
    up = [(n, e) for n, e in ordered if e > 0]
    down = [(n, -e) for n, e in ordered if e < 0]
    if not down:
        return spell(up) or "1"
    if not up and len(down) == 1 and down[0][1] != 1:
        return spell([(down[0][0], -down[0][1])])
    bottom = spell(down)
    return f"{spell(up) or '1'}/" + (f"({bottom})" if len(down) > 1 else bottom)


@cache
def _table() -> dict[sp.Basic, Dimension]:
    return {s: dimension(row.unit) for s, row in TABLE.items()}


_DIMENSIONLESS_FUNCTIONS = (sp.exp, sp.log, sp.sin, sp.cos, sp.tan, sp.atan, sp.sinh,
                            sp.cosh, sp.tanh, sp.atan2)


def dimension_of(expr: sp.Basic, extra: dict | None = None,
                 problems: list | None = None) -> Dimension:
    """Dimension of ``expr``; inhomogeneities are appended to ``problems``."""
    table = {**_table(), **(extra or {})}
    problems = [] if problems is None else problems

    def walk(e: sp.Basic) -> Dimension:
        if e in table:
            return table[e]
        if isinstance(e, sp.Eq):
            left, right = walk(e.lhs), walk(e.rhs)
            if not same(left, right):
                problems.append(("sides", e.lhs, e.rhs, left, right))
            return left
        if isinstance(e, sp.Integral):  # before is_number: ∫dx f(x) has no free symbol
            out = walk(e.function)
            for limits in e.limits:
                out = out * walk(limits[0])
            return out
        if e.is_number:
            return ONE
        if isinstance(e, sp.MatrixBase):
            dims = [walk(c) for c in e if c != 0]
            return dims[0] if dims else ONE
        if isinstance(e, sp.Add):
            dims = [(term, walk(term)) for term in e.args]
            first = next(((t, d) for t, d in dims if not t.is_number or t != 0), dims[0])
            for term, d in dims:
                if not same(d, first[1]) and not (term.is_number and term == 0):
                    problems.append(("terms", first[0], term, first[1], d))
            return first[1]
        if isinstance(e, sp.Mul):
            out = ONE
            for factor in e.args:
                out = out * walk(factor)
            return out
        if isinstance(e, sp.Pow):
            base = walk(e.base)
            exponent = walk(e.exp)
            if not same(exponent, ONE):
                problems.append(("exponent", e, e.exp, exponent, ONE))
            return base ** e.exp if e.exp.is_number else ONE
        if isinstance(e, sp.Derivative):
            out = walk(e.expr)
            for var, count in e.variable_count:
                out = out / walk(var) ** count
            return out
        if isinstance(e, (sp.re, sp.im, sp.conjugate, sp.Abs, sp.DiracDelta)):
            inner = walk(e.args[0])
            return inner ** -1 if isinstance(e, sp.DiracDelta) else inner
        if isinstance(e, _DIMENSIONLESS_FUNCTIONS):
            for arg in e.args:
                d = walk(arg)
                if not same(d, ONE):
                    problems.append(("argument", e, arg, d, ONE))
            return ONE
        if isinstance(e, sp.Subs):
            return walk(e.expr.subs(dict(zip(e.variables, e.point))))
        if isinstance(e, sp.Function):  # an unknown function of ⟨s⟩ etc.: must be tabled
            raise KeyError(f"no dimension for {e}")
        raise KeyError(f"no dimension for {e!r}")

    return walk(sp.sympify(expr))


@dataclass(frozen=True)
class Check:
    eq: str
    quantity: str
    lhs: str
    lhs_dimension: str
    rhs_dimension: str
    homogeneous: bool
    note: str
    # (found, expected) dimensions, in base units, that must be equal: the two sides, then
    # every pair of terms or function argument that disagreed
    pairs: tuple = ()
    named: str = ""  # the left side's dimension as a physicist writes it (J/m², not kg/s²)


def _missing(lhs: Dimension, rhs: Dimension) -> str:
    factor = describe(lhs / rhs)
    names = {"m": "a length (the lattice constant a restores it)",
             "1/m": "an inverse length"}
    return f"the right side lacks a factor {factor}" + (
        f", {names[factor]}" if factor in names else "")


def check(eq: str, quantity: str, lhs: sp.Basic, rhs: sp.Basic,
          extra: dict | None = None, lhs_dimension: Dimension | None = None) -> Check:
    """Homogeneity of ``lhs = rhs``: both sides and every term of each."""
    problems: list = []
    left = lhs_dimension if lhs_dimension is not None else dimension_of(lhs, extra, problems)
    right = dimension_of(rhs, extra, problems)
    from .notes import show
    notes = []
    # 0 has every dimension: it takes the left side's
    pairs = [(in_base_units(right if sp.sympify(rhs) != 0 else left), in_base_units(left))]
    pairs += [(in_base_units(db), in_base_units(da)) for _, _, _, da, db in problems]
    if not same(left, right) and sp.sympify(rhs) != 0:  # 0 has every dimension
        notes.append(_missing(left, right))
    for kind, a_, b_, da, db in problems:
        if kind == "terms":
            notes.append(f"terms {show(a_)} [{describe(da)}] and {show(b_)} [{describe(db)}] differ")
        elif kind == "argument":
            notes.append(f"argument {show(b_)} of {type(a_).__name__} has dimension {describe(da)}")
        elif kind == "sides":
            notes.append(f"{show(a_)} [{describe(da)}] vs {show(b_)} [{describe(db)}]")
        else:
            notes.append(f"{kind}: {show(b_)} [{describe(da)}]")
    return Check(eq, quantity, sp.sstr(lhs), describe(left, named=False),
                 describe(right, named=False), not notes, "; ".join(notes), tuple(pairs),
                 describe(left))


@cache
def audit() -> tuple[Check, ...]:
    """Every equation (1)-(21), printed or derived where the letter prints only the input."""
    from .. import model
    from .letter import (PRINTED, G_less, e_dn, e_up, electron_spinor, f0_k, f0_prime_k, f_dn,
                         f_up, local_spin_functions, spin_functions, v_k)
    from ..symbols import k, x
    energy_area = dimension(u.joule / u.meter**2)
    s_fns = [*model.spin_accumulation(), *spin_functions(), *local_spin_functions()]
    # per-site spins and amplitudes, and the in-plane angle ϕ0(x)
    extra = {f: ONE for f in [*s_fns, *electron_spinor(), model.PHI(x)]}
    extra.update({G_less(k): ONE, f_up: ONE, f_dn: ONE, e_up: dimension(u.joule),
                  e_dn: dimension(u.joule), f0_k: ONE,
                  v_k: dimension(u.meter / u.second), f0_prime_k: dimension(1 / u.joule)})
    extra.update({sp.Function(f"n_{c}", real=True)(x): ONE for c in "xyz"})
    checks = [
        check("1", "H_DW density", sp.Symbol("H_DW density"), model.concrete(model.energy_density()), extra,
              lhs_dimension=energy_area / dimension(u.meter)),
        check("3", "H_sd density", sp.Symbol("H_sd density"), model.concrete(model.sd_density()), extra,
              lhs_dimension=energy_area / dimension(u.meter)),
        check("11", "Rayleigh density", sp.Symbol("W density"), model.concrete(model.rayleigh_density()), extra,
              lhs_dimension=energy_area / dimension(u.second) / dimension(u.meter)),
    ]
    for p in PRINTED:
        if p.eq == "estimate" or p.source:  # the letter's prints; what it implies is ours
            continue
        expr = p.expr
        if isinstance(expr, sp.Eq):
            checks.append(check(p.eq, p.quantity, expr.lhs, expr.rhs, extra))
        else:
            # the left side's dimension is its symbol's, from the table
            checks.append(check(p.eq, p.quantity, p.lhs, expr, extra))
    # the letter's definitions next to Eq. (20)
    from .letter import DEFINITIONS
    for sym, value in DEFINITIONS.items():
        checks.append(check("20", f"definition of {sym}", sym, value, extra))
    checks.sort(key=lambda c: _eq_order(c.eq))
    return tuple(checks)


def _eq_order(label: str) -> tuple[int, str]:
    digits = "".join(ch for ch in label if ch.isdigit())
    return (int(digits) if digits else 99, label)


@cache
def verdicts() -> list:
    """The audit as verdicts: every pair of dimensions that must agree, judged."""
    from .verdicts import STATUSES, Verdict, judge
    out = []
    for c in audit():
        # every pair judged; the worst status decides (STATUSES runs from agrees to differs)
        status = max((judge(found, expected)[0] for found, expected in c.pairs),
                     key=STATUSES.index)
        out.append(Verdict(c.eq, f"dimensions: {c.quantity}", status,
                           sp.Symbol(f"[{c.rhs_dimension}]"), sp.Symbol(f"[{c.lhs_dimension}]"),
                           "", c.note or f"homogeneous: [{c.named}]", (), "audit"))
    return out
