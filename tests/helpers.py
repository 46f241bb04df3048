"""Numerical helpers shared by the tests: freezing the collective coordinates, quadrature."""
import mpmath as mp
import sympy as sp

from derivation.symbols import X, t, x, xi0


def freeze(expr, xi=0, xidot=0, Xdot=0, X0=0):
    """Put numbers for ξ0, ξ̇0, Ẋ, X into an expression of the dynamic symbols."""
    expr = expr.subs({xi0.diff(t): xidot, X.diff(t): Xdot})
    return expr.subs({xi0: xi, X: X0})


def line_quad(density, values):
    """mpmath quadrature over x ∈ ℝ of a density with all other symbols given."""
    f = sp.lambdify(x, density.subs(values), "mpmath")
    with mp.workdps(30):
        return mp.quad(f, [-mp.inf, -10, 0, 10, mp.inf])
