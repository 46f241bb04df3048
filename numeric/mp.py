"""mpmath twins of the ``numeric`` functions: same names, same keyword arguments, scalars.

They evaluate the derived expressions as they are (no stability rewrite) at
the caller's ``mpmath.mp.dps``, with the exact SI constants; the tests hold the
NumPy kernels to them at 50 digits.
"""
from __future__ import annotations

from . import _kernels, _kernels_mp
from ._checks import check_scalar

__all__ = ["tau_dw", "xi0_star", "v_star_from_torque", "torque_perp", "v_star", "relaxation",
           "nz_profile", "j0", "eps0"]


def _call(name: str, values: dict, stable: bool = False):
    checked = {arg: check_scalar(name, arg, values[arg], domain)
               for arg, domain in _kernels.DOMAINS[name]}
    if stable:
        stiffness = _kernels_mp.stiffness(*(checked[k] for k, _ in _kernels.DOMAINS["stiffness"]))
        if not stiffness > 0:
            raise ValueError(f"{name}: a**3*J*S/kappa**2 + J_sd*S_par must be > 0, got "
                             f"J_sd={values['J_sd']!r}, S_par={values['S_par']!r} (unstable wall)")
    return getattr(_kernels_mp, name)(*checked.values())


def tau_dw(*, alpha, a, kappa, J, S, J_sd=0, S_par=0):
    return _call("tau_dw", locals(), stable=True)


def xi0_star(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0):
    return _call("xi0_star", locals(), stable=True)


def v_star_from_torque(*, T_perp, alpha, lam, J_sd):
    return _call("v_star_from_torque", locals())


def torque_perp(*, j, j0, T, mu, eps0, J_sd, S=1):
    return _call("torque_perp", locals())


def v_star(*, j, j0, T, mu, eps0, alpha, lam, J_sd, S=1):
    return _call("v_star", locals())


def relaxation(t, *, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0):
    return _call("relaxation", locals(), stable=True)


def nz_profile(x, t, *, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0):
    return _call("nz_profile", locals(), stable=True)


def j0(*, n, a, m_eff):
    return _call("j0", locals())


def eps0(*, a, m_eff):
    return _call("eps0", locals())


for _name in __all__:
    globals()[_name].__doc__ = getattr(_kernels_mp, _name).__doc__
del _name

