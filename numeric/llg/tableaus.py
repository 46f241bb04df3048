"""Butcher tableaus of the compiled integrators: Tsitouras 5(4) and Dormand–Prince 8(5,3).

Tsit5
    Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the first column
    simplifying assumption", Comput. Math. Appl. 62, 770–775 (2011): the 7-stage FSAL pair
    (c, A, b of order 5, b̂ of order 4) and its free continuous extension of order 4, the
    weights b_j(θ) of y(t + θh) = y + h Σ_j b_j(θ) k_j, in the factored form of the paper.
    The decimals are the paper's (as DifferentialEquations.jl and diffrax carry them);
    the tests check them against the order conditions (rooted trees up to order 5).
DOP853
    E. Hairer, S. P. Nørsett, G. Wanner, Solving Ordinary Differential Equations I, Sec. II.10,
    and Hairer's dop853.f: taken at import from SciPy's transcription
    (``scipy.integrate._ivp.dop853_coefficients``, BSD-3-Clause), the tableau that
    ``solve_ivp(method="DOP853")`` uses, so that both paths integrate with the same numbers.

Only NumPy here (SciPy on :func:`dop853`); the compiled loops are in :mod:`numeric.llg._runge_kutta`.
"""
from __future__ import annotations

from functools import cache
from types import SimpleNamespace

import numpy as np

__all__ = ["tsit5", "dop853"]

# Tsitouras (2011), Table 1: the nodes c_i and the rows of A (the last row is b: FSAL)
_TSIT5_C = ("0", "0.161", "0.327", "0.9", "0.98002554090450968572981028628702459549421379795630",
            "1", "1")
_TSIT5_A = (
    (),
    ("0.161",),
    ("-0.00848065549235698854442687425023077467512117739343", "0.33548065549235698854442687425023077467512117739343"),
    ("2.89715305710549343213043259419293876492488728770187", "-6.35944848997507484314815991238382562595270064741563",
     "4.36229543286958141101772731819088686102781335971376"),
    ("5.32586482843925660442887792084051131783647625309704", "-11.7488835640628278777471703397857729618874417825986",
     "7.49553934288983620830460478456435815565867916151819", "-0.0924950663617552492565020793320719161134998340602954"),
    ("5.86145544294642002865925148698264789039433766616481", "-12.9209693178471092917061186817833593954178075195574",
     "8.15936789857615864318040079453925348518191832113505", "-0.0715849732814009972245305425258297386912721314736354",
     "-0.0282690503940683829090030572127122414671763362687977"),
    ("0.0964607668180652295181673131651287633371199523815800", "0.01", "0.479889650414499574775249532290596519913040462199033",
     "1.37900857410374189319227482185687277075646264309136", "-3.29006951543608067990104758571136385011568329089494",
     "2.32471052409977398241535591839876579610906023322296"),
)
# b̂, the embedded weights of order 4 (the error estimate is h Σ (b_j - b̂_j) k_j)
_TSIT5_B_HAT = ("0.0946807557658394580747887625575892285611752735772463", "0.00918356554034325309677636393664531375981374624098410",
                "0.487770528424761570785564259963122824151669195976136", "1.23429756693047898565510967388423765403553993074819",
                "-2.70771234998352545488110997505932167068960516693820", "1.86662841817058703575371939956621149866625550524412",
                1 / 66)
# the continuous extension, b_j(θ) = const · Π (θ - root) · Π (θ² + p θ + q), θ = (t - t_n)/h
_TSIT5_DENSE = (
    (-1.0530884977290216, (0.0, 1.3299890189751412), ((-1.4364028541716351, 0.7139816917074209),)),
    (0.1017, (0.0, 0.0), ((-2.1966568338249754, 1.2949852507374631),)),
    (2.490627285651252793, (0.0, 0.0), ((-2.38535645472061657, 1.57803468208092486),)),
    (-16.54810288924490272, (0.0, 0.0, 1.21712927295533244, 0.61620406037800089), ()),
    (47.37952196281928122, (0.0, 0.0, 1.203071208372362603, 0.658047292653547382), ()),
    (-34.87065786149660974, (0.0, 0.0, 1.2, 2.0 / 3.0), ()),
    (2.5, (0.0, 0.0, 1.0, 0.6), ()),
)


def _power_basis(const, roots, quadratics) -> np.ndarray:
    """Coefficients of θ⁰ … θ⁴ of const · Π(θ - r) · Π(θ² + pθ + q)."""
    poly = np.polynomial.Polynomial([const])
    for r in roots:
        poly = poly * np.polynomial.Polynomial([-r, 1.0])
    for p, q in quadratics:
        poly = poly * np.polynomial.Polynomial([q, p, 1.0])
    coef = np.zeros(5)
    coef[:len(poly.coef)] = poly.coef
    return coef


@cache
def tsit5() -> SimpleNamespace:
    """Tsit5: ``c`` (7,), ``A`` (7, 7), ``b``, ``b_hat``, ``E = b - b_hat`` (7,), ``P`` (7, 5).

    ``P[j, m]`` is the coefficient of θ^m in b_j(θ); b_j(1) = b_j (a test).  Error
    estimator of order 4.
    """
    A = np.zeros((7, 7))
    for i, row in enumerate(_TSIT5_A):
        A[i, :len(row)] = [float(v) for v in row]
    b = A[6].copy()
    b_hat = np.array([float(v) for v in _TSIT5_B_HAT])
    P = np.array([_power_basis(*entry) for entry in _TSIT5_DENSE])
    return SimpleNamespace(name="Tsit5", order=5, error_order=4, stages=7,
                           c=np.array([float(v) for v in _TSIT5_C]), A=A, b=b, b_hat=b_hat,
                           E=b - b_hat, P=P)


@cache
def dop853() -> SimpleNamespace:
    """DOP853 as SciPy holds it: ``A`` (16, 16) with the three extra stages of the dense
    output, ``B`` (12,), ``C`` (16,), ``E3``, ``E5`` (13,), ``D`` (4, 16).

    Error estimator of order 7 (Hairer's combination of the 5th- and 3rd-order estimates).
    """
    from scipy.integrate._ivp import dop853_coefficients as d
    return SimpleNamespace(name="DOP853", order=8, error_order=7, stages=d.N_STAGES,
                           extended=d.N_STAGES_EXTENDED,
                           A=np.array(d.A, dtype=float), B=np.array(d.B, dtype=float),
                           C=np.array(d.C, dtype=float), E3=np.array(d.E3, dtype=float),
                           E5=np.array(d.E5, dtype=float), D=np.array(d.D, dtype=float))
