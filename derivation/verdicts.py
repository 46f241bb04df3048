"""Each derived result against the letter's print: agrees, agrees-in-limit, or differs.

A verdict is data: the equation label, the derived expression, the printed one,
the status, a note, and the approximation steps the derivation used.  The
status is computed from the two expressions by :func:`judge`, never typed:

* ``agrees`` — the difference simplifies to zero (for equations: the same
  equation up to a constant factor; for Lagrangians: up to an additive
  constant, which no equation of motion sees);
* ``agrees-in-limit`` — the ratio tends to 1 when the named parameters are
  scaled to zero; the note gives the exact ratio or the leading correction;
* ``differs`` — neither; the note gives the exact ratio (or the difference).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = ["Verdict", "judge", "bookkeeping", "compact", "STATUSES", "BASES"]

STATUSES = ("agrees", "agrees-in-limit", "differs")
# derived: an independent computation was compared with the print; identity: the print's
# definition evaluated, or a comparison true by construction (the note says which)
BASES = ("derived", "identity")


@dataclass(frozen=True)
class Verdict:
    eq: str
    quantity: str
    status: str
    derived: sp.Basic
    printed: sp.Basic | None
    paper_latex: str
    note: str
    steps: tuple[str, ...] = ()
    section: str = "derivation"
    extra: dict = field(default_factory=dict, compare=False)
    basis: str = "derived"

    def record(self) -> dict:
        """The JSON record (keys: eq, quantity, section, status, basis, derived, ...)."""
        from .latex import to_latex
        return {"eq": self.eq, "quantity": self.quantity, "section": self.section,
                "status": self.status, "basis": self.basis, "derived": sp.sstr(self.derived),
                "derived_text": compact(self.derived).replace("\n", " "),
                "derived_latex": to_latex(self.derived), "paper_latex": self.paper_latex,
                "note": self.note, "steps": list(self.steps)}


_eps = sp.Symbol("varepsilon_small", positive=True)  # bookkeeping for small quantities


def _dynamic(expr: sp.Basic) -> bool:
    from .symbols import X, xi0
    return expr.has(X, xi0)


def _residual(eq: sp.Basic) -> sp.Expr:
    return eq.lhs - eq.rhs if isinstance(eq, sp.Eq) else eq


def _monomial(expr: sp.Expr) -> bool:
    # a product of powers: nothing for simplify to do
    return not any(isinstance(f, sp.Add) for f in sp.preorder_traversal(expr))


_HYPERBOLIC = (sp.cosh, sp.sinh, sp.tanh)


def _simplest(expr: sp.Expr) -> sp.Expr:
    """``expand`` and ``cancel`` first (often enough); ``simplify`` only if needed."""
    cheap = sp.expand(expr)
    if cheap.is_number:
        return cheap
    cheap = sp.cancel(cheap)
    if _monomial(cheap):
        return cheap
    if cheap.has(*_HYPERBOLIC) and not cheap.has(sp.sin, sp.cos, AppliedUndef):
        # hyperbolic identities (cosh² of half the argument): through exp
        via_exp = sp.cancel(sp.powsimp(sp.expand(cheap.rewrite(sp.exp))))
        if _monomial(via_exp):
            return via_exp
    full = sp.simplify(expr)
    if full.atoms(*_HYPERBOLIC):
        via_exp = sp.simplify(full.rewrite(sp.exp))
        if sp.count_ops(via_exp) < sp.count_ops(full):
            return via_exp
    return full


def _proven_zero(expr: sp.Expr) -> bool:
    """``expr`` shown identically zero by expand and cancel (through exp for trig and
    hyperbolic functions); False means only "not shown this way"."""
    cheap = sp.expand(expr)
    if cheap == 0 or sp.cancel(cheap) == 0:
        return True
    if not cheap.has(sp.sin, sp.cos, sp.tan, *_HYPERBOLIC, sp.exp):
        return False
    via_exp = sp.powsimp(sp.expand(sp.expand_trig(cheap).rewrite(sp.exp)))
    return sp.cancel(via_exp) == 0


def _sample(expr: sp.Expr, seed: int, dynamic_seed: int | None = None) -> complex | None:
    """``expr`` at a random point: every symbol a random number in its domain, every
    unknown function (ξ0(t), ϕ0(·), ⟨s(x)⟩, ...) a random quadratic; the functions X(t),
    ξ0(t) drawn from ``dynamic_seed``.  None when that is not a finite number.

    Only used to pick the cheap path of :func:`judge`: a value never decides agreement.
    """
    from .symbols import X, xi0
    rngs = {False: random.Random(seed), True: random.Random(seed if dynamic_seed is None
                                                            else dynamic_seed)}
    value = lambda rng: sp.Float(rng.uniform(0.5, 2.0), 30)  # noqa: E731
    try:
        functions = {}
        for f in sorted(expr.atoms(AppliedUndef), key=str):
            if f.func in functions:
                continue
            rng = rngs[f.func in (X.func, xi0.func)]
            u = sp.symbols(f"u0:{len(f.args)}", cls=sp.Dummy)
            functions[f.func] = sp.Lambda(u, value(rng) + sum(
                (rng.choice((-1, 1)) * value(rng)) * v + value(rng) * v**2 / 4 for v in u))
        point = {}
        for s in sorted(expr.free_symbols, key=str):
            v = value(rngs[False])
            point[s] = v if s.is_nonnegative or s.is_positive else rngs[False].choice((-1, 1)) * v
        # derivatives and function values first, each small; then one numeric tree
        nodes = {n: n.subs(functions).doit().xreplace(point)
                 for n in expr.atoms(sp.Derivative, sp.Subs) if n.has(AppliedUndef)}
        nodes.update({f: f.subs(functions).xreplace(point) for f in expr.atoms(AppliedUndef)})
        number = complex(expr.xreplace({**point, **nodes}).evalf(30))
    except (TypeError, ValueError, ZeroDivisionError, AttributeError):
        return None
    if number != number or abs(number) == float("inf"):
        return None
    return number


def _close(u: complex | None, v: complex | None, rtol: float = 1e-9) -> bool:
    return u is not None and v is not None and abs(u - v) <= rtol * max(abs(u), abs(v), 1e-300)


def _orders(expr: sp.Expr, n: int) -> list[sp.Expr]:
    """Coefficients of ε⁰ … ε^{n-1} in ``expr``."""
    series = sp.expand(sp.series(expr, _eps, 0, n).removeO())
    return [sp.cancel(series.coeff(_eps, m)) for m in range(n)]


def judge(derived: sp.Basic, printed: sp.Basic, *, mode: str = "expr",
          small: dict | None = None, limit_text: str = "") -> tuple[str, str]:
    """(status, note) for ``derived`` against ``printed``.

    mode ``expr``: compare values; ``equation``: compare residuals up to a
    constant (non-dynamical) factor; ``lagrangian``: compare up to an additive
    constant, and in the limit up to second order in the small amplitudes.
    ``small`` maps each small quantity q to ε·q (``{alpha: eps*alpha}``, with
    ``eps`` from :func:`bookkeeping`); it is used only when the exact
    comparison fails.

    The ratio at random points (:func:`_sample`) only picks the path: agreement is
    then shown by expand/cancel (else by ``simplify`` as before); a ratio that takes
    two values as X(t), ξ0(t) change is not constant, so the note is the difference
    without simplifying the ratio.
    """
    d, p = _residual(derived), _residual(printed)
    if isinstance(d, sp.MatrixBase):
        return _judge_matrix(d, p)
    if mode == "lagrangian" or p == 0:
        return _judge_difference(d, p, mode, small, limit_text)
    # a random point picks the cheap path; what is returned is shown symbolically
    at = _sample(d / p, 1)
    if _close(at, 1) and _close(_sample(d / p, 2), 1) and _proven_zero(d - p):
        return "agrees", ""
    moved = _sample(d / p, 1, dynamic_seed=3) if at is not None and not small \
        and _dynamic(d / p) else None
    if moved is not None and not _close(at, moved):
        # the ratio changes with X(t), ξ0(t) (a counterexample to any constant): the difference
        return "differs", f"derived - printed = {sp.sstr(_simplest(d - p))}"
    # values and equations: the ratio settles agreement and is the note when they differ
    ratio = _simplest(d / p)
    if ratio == 1:
        return "agrees", ""
    if mode == "equation" and ratio != 0 and not _dynamic(ratio):
        return "agrees", f"the same equation multiplied by {sp.sstr(ratio)}"
    if small:
        terms = _orders(ratio.subs(small, simultaneous=True), 3)
        if sp.simplify(terms[0]) == 1:
            correction = next((sp.factor(t) for t in terms[1:] if t != 0), "O(ε³)")
            return "agrees-in-limit", (f"{limit_text}: derived/printed = {sp.sstr(ratio)}"
                                       f" = 1 + ({sp.sstr(correction)}) + ...")
    if not _dynamic(ratio) and len(sp.sstr(ratio)) <= 120:
        return "differs", f"derived/printed = {sp.sstr(ratio)}"
    return "differs", f"derived - printed = {sp.sstr(_simplest(d - p))}"


def _judge_difference(d, p, mode, small, limit_text) -> tuple[str, str]:
    difference = _simplest(d - p)
    if difference == 0:
        return "agrees", ""
    if mode == "lagrangian" and not _dynamic(difference):
        return "agrees", (f"up to the additive constant {sp.sstr(difference)}, "
                          "which no equation of motion sees")
    if small and mode == "lagrangian":
        terms = _orders(difference.subs(small, simultaneous=True), 5)
        if not any(_dynamic(term) for term in terms[:3]):
            constant = sp.Add(*terms[:3])
            return "agrees-in-limit", (
                f"{limit_text}: equal to second order in the small amplitudes"
                + (f" (up to the constant {sp.sstr(constant)})" if constant != 0 else "")
                + f"; first omitted terms: {sp.sstr(sp.expand(terms[3] + terms[4]))}")
    return "differs", f"derived - printed = {sp.sstr(difference)}"


def _judge_matrix(d: sp.MatrixBase, p: sp.MatrixBase) -> tuple[str, str]:
    if all(_proven_zero(z) for z in d - p):
        return "agrees", ""
    difference = (d - p).applyfunc(sp.simplify)
    if difference == sp.zeros(*d.shape):
        return "agrees", ""
    if (d * p).applyfunc(lambda z: sp.simplify(z.rewrite(sp.exp))) == sp.eye(d.shape[0]):
        return "differs", "derived = printed⁻¹ (the opposite sign in the exponent)"
    ratios = {sp.simplify(a / b) for a, b in zip(d, p) if b != 0}
    if len(ratios) == 1:
        return "differs", f"derived/printed = {sp.sstr(ratios.pop())} element by element"
    return "differs", f"derived - printed = {compact(difference)}"


def compact(m: sp.Basic) -> str:
    """One-line text of a matrix (``diag(a, b)`` when diagonal) or expression."""
    if isinstance(m, sp.MatrixBase):
        if m.is_diagonal() and m.is_square:
            return "diag(" + ", ".join(sp.sstr(m[i, i]) for i in range(m.rows)) + ")"
        return sp.sstr(m.tolist())
    return sp.sstr(m)


def bookkeeping() -> sp.Symbol:
    """The ε that ``small`` maps are written with."""
    return _eps
