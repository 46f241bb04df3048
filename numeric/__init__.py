"""The letter's results as fast NumPy functions, generated from the derivation.

Every formula lives in the generated ``numeric._kernels`` (bare kernels, no
checks, for hot loops); the functions here check their keyword arguments
(``ValueError`` naming the argument and the value), broadcast, and return a
float for scalar input, an array otherwise.  ``numeric.mp`` has mpmath twins
with the same names and arguments.  Importing this package does not import
SymPy.

Conventions (SI): energies J, mu, eps0, J_sd in joules; T in kelvin; j, j0 in
A/m²; lengths in metres; S dimensionless; S_par in metres; T_perp
dimensionless (the per-site convention the dimensional audit fixes).  The
derived T⊥ carries the spin length S, which the letter's Eq. (19) omits:
``S=1`` reproduces the printed Eq. (20)-(21).
"""
from __future__ import annotations

import numpy as np

from . import _kernels
from ._checks import check_array, is_scalar, outcome
from ._kernels import E_CHARGE, HBAR, K_B
from .beyond_born import torque_perp_beyond_born, torque_perp_delta_k  # noqa: E402
from .nonlinear import ansatz_limit_torque, nonlinear_relaxation, stationary_state  # noqa: E402

__all__ = ["tau_dw", "xi0_star", "v_star_from_torque", "torque_perp", "v_star", "relaxation",
           "nz_profile", "j0", "eps0", "kernels", "HBAR", "K_B", "E_CHARGE",
           # beyond the letter (numeric.nonlinear, numeric.beyond_born; need scipy)
           "nonlinear_relaxation", "stationary_state", "ansatz_limit_torque",
           "torque_perp_beyond_born", "torque_perp_delta_k"]

kernels = _kernels  # the bare generated kernels: positional, unchecked


def _call(name: str, values: dict, stable: bool = False):
    checked = {arg: check_array(name, arg, values[arg], domain)
               for arg, domain in _kernels.DOMAINS[name]}
    if stable:  # the OPZ mode relaxes only for a positive stiffness a³JS/κ² + J_sd S∥
        stiffness = _kernels.stiffness(*(checked[k] for k, _ in _kernels.DOMAINS["stiffness"]))
        if not np.all(stiffness > 0):
            raise ValueError(f"{name}: a**3*J*S/kappa**2 + J_sd*S_par must be > 0, got "
                             f"J_sd={values['J_sd']!r}, S_par={values['S_par']!r} (unstable wall)")
    args = list(checked.values())
    return outcome(name, getattr(_kernels, name)(*args), is_scalar(*args))


def _document(func):
    func.__doc__ = (func.__doc__ or "") + "\n\nGenerated kernel:\n\n" + \
        getattr(_kernels, func.__name__).__doc__
    return func


@_document
def tau_dw(*, alpha, a, kappa, J, S, J_sd=0.0, S_par=0.0):
    """τ_DW [s], Eq. (16), exact form."""
    return _call("tau_dw", locals(), stable=True)


@_document
def xi0_star(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0):
    """ξ0* [1], Eq. (15), exact form."""
    return _call("xi0_star", locals(), stable=True)


@_document
def v_star_from_torque(*, T_perp, alpha, lam, J_sd):
    """V* [m/s] = -λJ_sdT⊥/(2αħ), below Eq. (15)."""
    return _call("v_star_from_torque", locals())


@_document
def torque_perp(*, j, j0, T, mu, eps0, J_sd, S=1.0):
    """T⊥ [1], Eq. (20) as derived (ratio S to the print)."""
    return _call("torque_perp", locals())


@_document
def v_star(*, j, j0, T, mu, eps0, alpha, lam, J_sd, S=1.0):
    """V* [m/s], Eq. (21) as derived (ratio S to the print)."""
    return _call("v_star", locals())


@_document
def relaxation(t, *, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0):
    """(ξ0, V, X)(t) from rest at t = 0, the exact solution of Eqs. (12a)-(12b)."""
    return _call("relaxation", locals(), stable=True)


@_document
def nz_profile(x, t, *, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0):
    """n_z = cos θ(x, t) of the ansatz (8); Eq. (17) is its linear terminal limit."""
    return _call("nz_profile", locals(), stable=True)


@_document
def j0(*, n, a, m_eff):
    """j0 [A/m²] = 4neħ/(πam*), the letter's definition below Eq. (20)."""
    return _call("j0", locals())


@_document
def eps0(*, a, m_eff):
    """ε0 [J] = ħ²π²/(8m*a²), the letter's definition below Eq. (20)."""
    return _call("eps0", locals())
