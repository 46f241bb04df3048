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


def rates_of(equations, values, module="numpy"):
    """Equations linear in the rates, (12a)-(12b) printed or derived, as (ξ̇0, Ẋ) at ξ0: the 2×2
    system A·(ξ̇0, Ẋ) = b(ξ0), numbers put in, solved at each call (NumPy, or mpmath's LU)."""
    d_xi, d_X, xi = sp.symbols("d_xi d_X xi")
    residuals = [(e.lhs - e.rhs).subs({xi0.diff(t): d_xi, X.diff(t): d_X}).subs(xi0, xi).subs(values)
                 for e in equations]
    A, b = sp.linear_eq_to_matrix(residuals, [d_xi, d_X])
    if module == "mpmath":
        A_of, b_of = sp.lambdify(xi, A, "mpmath"), sp.lambdify(xi, b, "mpmath")
        return lambda x: list(mp.lu_solve(mp.matrix(A_of(x).tolist()), mp.matrix(b_of(x).tolist())))
    import numpy as np
    A_num, b_of = np.array(A.evalf(), dtype=float), sp.lambdify(xi, b, "numpy")
    return lambda x: np.linalg.solve(A_num, np.array(b_of(x), dtype=float).ravel())


def k_quadrature(f, width, edge):
    """∫_{-edge}^{edge} dk f(k) by mpmath, broken at 1, 10 and 100 widths of the Lorentzian a
    small broadening puts around k = 0, where the integrand's weight concentrates."""
    points = [-edge, -100 * width, -10 * width, -width, 0, width, 10 * width, 100 * width, edge]
    return mp.quad(f, points)
