"""Each derived result against the letter's print: agrees, agrees-in-limit, or differs.

A verdict is data: the equation label, the derived expression, the printed one,
the status, a note (its mathematics kept as expressions, :mod:`derivation.audit.notes`), and
the approximation steps the derivation used.  Rendering it is the export layer's
(:mod:`derivation.export.records`).  The status is computed from the two expressions by
:func:`judge`, never typed:

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

from .notes import show

__all__ = ["Verdict", "judge", "compare", "compare_integrands", "cross_check", "bookkeeping",
           "compact", "AMPLITUDES", "STATUSES", "BASES"]

STATUSES = ("agrees", "agrees-in-limit", "differs")
# derived: an independent computation was compared with the print; identity: the print's
# definition evaluated, or a comparison true by construction (the note says which);
# simulated: a finding of a simulation (``runs`` names them); model: a property of one of the
# package's models, not of the letter (``scope`` says which, at which parameters)
BASES = ("derived", "identity", "simulated", "model")


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
    scope: str = ""    # beyond the letter: which model or ansatz showed it, at which parameters
    runs: tuple = ()   # a simulated finding: the runs it rests on

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"({self.eq}) {self.quantity}: status {self.status!r} is not one of {STATUSES}")
        if self.basis not in BASES:
            raise ValueError(f"({self.eq}) {self.quantity}: basis {self.basis!r} is not one of {BASES}")


_eps = sp.Symbol("varepsilon_small", positive=True)  # bookkeeping for small quantities


def _dynamic(expr: sp.Basic) -> bool:
    from ..symbols import X, xi0
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
    # through exp only without trigonometric functions, whose exponentials bring in i and are
    # longer (the n_z ratio sin(…/cosh …): a quarter of a second for a form never taken)
    if full.atoms(*_HYPERBOLIC) and not full.has(sp.sin, sp.cos, sp.tan):
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
    from ..symbols import X, xi0
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


def _rational(value: complex | None) -> sp.Rational | None:
    """The small rational ``value`` is within 1e-12 of (a candidate to prove), or None."""
    if value is None or abs(complex(value).imag) > 1e-12 * max(abs(value), 1):
        return None
    guess = sp.nsimplify(complex(value).real, rational=True, tolerance=1e-12)
    return guess if guess != 0 and guess.q <= 1000 and abs(guess.p) <= 10**6 else None


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
        return "differs", f"derived - printed = {show(_simplest(d - p))}"
    # values and equations: the ratio settles agreement and is the note when they differ;
    # a ratio that looks like a small rational at the random point is tried first, and
    # taken only when d - ratio·p is shown to vanish
    guess = _rational(at)
    ratio = guess if guess is not None and _proven_zero(d - guess * p) else _simplest(d / p)
    if ratio == 1:
        return "agrees", ""
    # equations of motion: residuals proportional by a factor free of the coordinates vanish
    # together (only meaningful when the printed one involves the coordinates at all)
    if mode == "equation" and ratio != 0 and not _dynamic(ratio) and _dynamic(p):
        return "agrees", f"the same equation multiplied by {show(ratio)}"
    if small:
        terms = _orders(ratio.subs(small, simultaneous=True), 3)
        if sp.simplify(terms[0]) == 1:
            correction = next((sp.factor(t) for t in terms[1:] if t != 0), "O(ε³)")
            return "agrees-in-limit", (f"{limit_text}: derived/printed = {show(ratio)}"
                                       f" = 1 + ({show(correction)}) + ...")
    if not _dynamic(ratio) and len(sp.sstr(ratio)) <= 120:
        return "differs", f"derived/printed = {show(ratio)}"
    return "differs", f"derived - printed = {show(_simplest(d - p))}"


def _judge_difference(d, p, mode, small, limit_text) -> tuple[str, str]:
    difference = _simplest(d - p)
    if difference == 0:
        return "agrees", ""
    if mode == "lagrangian" and not _dynamic(difference):
        return "agrees", (f"up to the additive constant {show(difference)}, "
                          "which no equation of motion sees")
    if small and mode == "lagrangian":
        terms = _orders(difference.subs(small, simultaneous=True), 5)
        if not any(_dynamic(term) for term in terms[:3]):
            constant = sp.Add(*terms[:3])
            return "agrees-in-limit", (
                f"{limit_text}: equal to second order in the small amplitudes"
                + (f" (up to the constant {show(constant)})" if constant != 0 else "")
                + f"; first omitted terms: {show(sp.expand(terms[3] + terms[4]))}")
    return "differs", f"derived - printed = {show(difference)}"


def _judge_matrix(d: sp.MatrixBase, p: sp.MatrixBase) -> tuple[str, str]:
    if all(_proven_zero(z) for z in (d - p).doit()):  # unevaluated ∂ₓ first
        return "agrees", ""
    difference = (d - p).applyfunc(sp.simplify)
    if difference == sp.zeros(*d.shape):
        return "agrees", ""
    if (d * p).applyfunc(lambda z: sp.simplify(z.rewrite(sp.exp))) == sp.eye(d.shape[0]):
        return "differs", "derived = printed⁻¹ (the opposite sign in the exponent)"
    ratios = {sp.simplify(a / b) for a, b in zip(d, p) if b != 0}
    if len(ratios) == 1:
        return "differs", f"derived/printed = {show(ratios.pop())} element by element"
    return "differs", f"derived - printed = {show(difference)}"


def compact(m: sp.Basic) -> str:  # pragma: no mutate block (formatting of text)
    """One-line text of a matrix (``diag(a, b)`` when diagonal) or expression."""
    if isinstance(m, sp.MatrixBase):
        if m.is_diagonal() and m.is_square:
            return "diag(" + ", ".join(sp.sstr(m[i, i]) for i in range(m.rows)) + ")"
        return sp.sstr(m.tolist())
    return sp.sstr(m)


def bookkeeping() -> sp.Symbol:
    """The ε that ``small`` maps are written with."""
    return _eps


def _amplitudes() -> dict:  # pragma: no mutate block (runs once at import, before a mutant is chosen)
    from ..symbols import X, t, xi0
    return {xi0: _eps * xi0, X.diff(t): _eps * X.diff(t), xi0.diff(t): _eps * xi0.diff(t)}


# the small amplitudes of the collective-coordinate expansion, for ``small=``
AMPLITUDES = _amplitudes()


def compare(eq: str, quantity: str, derived: sp.Basic, *, mode: str = "expr",
            small: dict | None = None, limit_text: str = "", compare_with: sp.Basic | None = None,
            note: str = "", steps: tuple = (), section: str = "derivation",
            basis: str = "derived", scope: str = "", runs: tuple = (), **extra) -> Verdict:
    """The verdict of ``derived`` (or ``compare_with``, when the shown form is not the compared
    one) against the printed entry (``eq``, ``quantity``) of :mod:`derivation.audit.letter`."""
    from .letter import printed
    p = printed(eq, quantity)
    status, auto = judge(derived if compare_with is None else compare_with, p.expr,
                         mode=mode, small=small, limit_text=limit_text)
    text = "; ".join(s for s in (auto, note) if s)
    # the small parameters stay with the record, so that a display can show the leading order
    return Verdict(eq, quantity, status, derived, p.expr, p.latex, text, tuple(steps), section,
                   {**extra, "limit": small} if small and mode != "lagrangian" else extra, basis,
                   scope, tuple(runs))


def compare_integrands(eq: str, quantity: str, derived_integrand: sp.Expr,
                       printed_integrand: sp.Expr, note: str) -> Verdict:
    """∫dx f⟨s⟩ = ∫dx g⟨s⟩ for every ⟨s(x)⟩ iff f = g pointwise: the integrands are judged."""
    from .letter import printed
    from ..symbols import x
    p = printed(eq, quantity)
    status, auto = judge(sp.expand_trig(derived_integrand), sp.expand_trig(printed_integrand))
    return Verdict(eq, quantity, status, sp.Integral(derived_integrand, (x, -sp.oo, sp.oo)),
                   p.expr, p.latex, "; ".join(s for s in (auto, note) if s))


def cross_check(ok: bool, failure: str) -> None:
    """A cross-check a note relies on: it holds, or the chain stops (never a printed 'NOT')."""
    if not ok:
        raise RuntimeError(f"cross-check failed: {failure}")
