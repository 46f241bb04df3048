"""The letter's estimate: the derived prefactor evaluated with CODATA numbers, independently."""
import math

from derivation import estimate as est
from derivation.symbols import J_sd, S, T, alpha, eps0, hbar, j, j0, k_B, lam, mu
from derivation.audit.letter import printed

# CODATA 2018 (exact in the SI since 2019), typed here as data for an independent evaluation
H_PLANCK, K_BOLTZMANN = 6.62607015e-34, 1.380649e-23


def test_prefactor_at_room_temperature_from_codata():
    T_room = 300.0
    values = {hbar: H_PLANCK / (2 * math.pi), k_B: K_BOLTZMANN, T: T_room, lam: 1e-8,
              alpha: 1e-2, j: 1e11, j0: 1e16, eps0: 1e-19, mu: 1e-19, S: 1,
              J_sd: K_BOLTZMANN * T_room}  # J_sd = k_BT: V* is the prefactor itself
    # the letter's printed (21), typed independently of the derivation, at S = 1 (where the
    # derived form, S times the print, equals it)
    v = float(printed("21", "V*").expr.subs(values))
    assert math.isclose(float(est.estimate()["at_300K"]), v, rel_tol=1e-12)
    assert -50 < v < -49


def test_temperature_that_reproduces_the_printed_number():
    T_needed = float(est.estimate()["T_for_printed"])
    assert math.isclose(float(est.prefactor().subs(T, T_needed)), -100, rel_tol=1e-12)
    assert 600 < T_needed < 620


def test_codata_constants_come_from_sympy_units():
    assert math.isclose(float(est.CODATA[hbar]), H_PLANCK / (2 * math.pi), rel_tol=1e-15)
    assert math.isclose(float(est.CODATA[k_B]), K_BOLTZMANN, rel_tol=1e-15)
