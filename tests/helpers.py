"""Numerical helpers shared by the tests: freezing the collective coordinates, quadrature."""
import mpmath as mp
import sympy as sp

from derivation.symbols import X, t, x, xi0


def freeze(expr, xi=0, xidot=0, Xdot=0, X0=0):
    """Put numbers for ξ0, ξ̇0, Ẋ, X into an expression of the dynamic symbols."""
    expr = expr.subs({xi0.diff(t): xidot, X.diff(t): Xdot})
    return expr.subs({xi0: xi, X: X0})


def line_quad(density, values):
    """mpmath quadrature over x ∈ ℝ of a density with all other symbols given.

    mpmath's quad stops on an *absolute* error estimate, so a density of size 1e-34 would
    come back after one step with a 1e-3 relative error: the density is divided by its own
    size (the largest |value| on a grid over the wall) before integrating.
    """
    f = sp.lambdify(x, density.subs(values), "mpmath")
    with mp.workdps(30):
        size = max(abs(f(mp.mpf(p))) for p in range(-60, 61, 3))
        if size == 0:
            return mp.mpf(0)
        return size * mp.quad(lambda y: f(y) / size, [-mp.inf, -10, 0, 10, mp.inf])
