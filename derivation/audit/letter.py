"""The letter's printed equations, typed once, as references.

This is the only module where a closed form of the letter is written by hand.
Each entry is the printed equation read off ``shared/paper/letter.txt`` (a PDF
text extraction; the LaTeX below restores the mangled symbols), as a SymPy
form and as LaTeX.  Nothing here is used to *derive* anything: the
derivation modules compute, :mod:`derivation.audit.verdicts` compares.

The only exceptions are the letter's *definitions* of symbols it introduces
without derivation (j, j0, ε0, δk): the torque derivation reads them from
``DEFINITIONS`` and says so.

A quantity the letter implies but does not print (ΔX = lim(X − V*t) from (14), say) has an
entry too, with its ``source`` ("implied by (14)"): written from the printed equations it
follows from, it is what a verdict compares the derived form with, and every record, table
and report shows that it was not printed.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from sympy.physics.matrices import msigma

from ..model import phi0
from ..symbols import (A_z, F0, G_lesser, H_DW, H_el, L_DW, L_sd, Phi_0, U_hat, V, V_star, W, xi0_star,
                      J, J_sd, S, S_par, T, T_perp, X, a, alpha, delta_k, dn0_sign, e, E_field,
                      eps0, eps_k, eps_phi0, eps_phiq, eps_theta0, eps_thetaq, eta, f_k, hbar,
                      j, j0, k, k_B, kappa, lam, m_eff, mu, n_e, n_z, q, sbar_y, t, tau_dw,
                      tau_el, x, xi0, zero_mode_norm, Delta_X, psi_star)

__all__ = ["Printed", "PRINTED", "printed", "entry", "f0_k", "v_k", "f0_prime_k", "electron_spinor", "letter_magnetisation", "DEFINITIONS", "ESTIMATE", "G_less",
           "spin_functions", "local_spin_functions", "f_up", "f_dn", "e_up", "e_dn"]


@dataclass(frozen=True)
class Printed:
    """One printed result: its label, its left-hand side (a symbol of the table, or None
    when the entry is itself an equation), the right-hand side as printed, and its LaTeX."""

    eq: str
    quantity: str
    lhs: sp.Basic | None
    expr: sp.Basic
    latex: str
    approximate: bool = False  # the letter's ≃ form of a result it also prints exactly
    source: str = ""           # not printed: what it follows from ("implied by (14)")


# placeholders the printed (18)-(19) are written in
G_less = sp.Function("G^<")  # G<_{k↑,k↓}(t,t) as a function of k
# placeholders of Eq. (4): f0(ε_kσ), v_kσ, ∂f0/∂ε at ε_kσ
f0_k, v_k, f0_prime_k = sp.symbols("f0 v f0'", real=True)
f_up, f_dn, e_up, e_dn = sp.symbols("f_up f_dn epsilon_up epsilon_dn", real=True)


def spin_functions():
    """⟨s_x⟩, ⟨s_y⟩ as functions of x (used in 13a-b)."""
    return sp.Function("s_x", real=True)(x), sp.Function("s_y", real=True)(x)


def local_spin_functions():
    """⟨s̄_x⟩, ⟨s̄_y⟩, the spin in the frame of c̄, as the letter writes (13a-b)."""
    return sp.Function("sbar_x", real=True)(x), sp.Function("sbar_y", real=True)(x)


_Xd, _xid = X.diff(t), xi0.diff(t)
_sech = lambda z: 1 / sp.cosh(z)  # noqa: E731
_sx, _sy = spin_functions()
_sbar = local_spin_functions()
_phi0 = phi0(x - X)
_sigma_z = msigma(3)

# the letter's definitions (text above and below Eq. 20, and below Eq. 19)
DEFINITIONS: dict[sp.Symbol, sp.Expr] = {
    j: n_e * e**2 * tau_el * E_field / m_eff,
    j0: 4 * n_e * e * hbar / (sp.pi * a * m_eff),
    eps0: hbar**2 * sp.pi**2 / (8 * m_eff * a**2),
    delta_k: sp.pi / (2 * a),
}

# "j0 ≃ 10^16 A/m², λ = 10^-8 m, α = 10^-2, j ≃ 10^11 A/m² give V* ≃ -100 (J_sd/k_BT)² m/s"
ESTIMATE = {"j0": sp.Float(1e16), "lam": sp.Float(1e-8), "alpha": sp.Float(1e-2),
            "j": sp.Float(1e11), "prefactor": sp.Integer(-100)}

_n = [sp.Function(f"n_{c}", real=True)(x) for c in "xyz"]


def letter_magnetisation() -> list[sp.Expr]:
    """n_x(x), n_y(x), n_z(x): the components Eq. (1) is written in."""
    return list(_n)


def electron_spinor() -> sp.Matrix:
    """c̄(x) = (c̄↑, c̄↓), the spinor Eq. (2) is written in (dimensionless: per site)."""
    return sp.Matrix([sp.Function(f"c_{s}")(x) for s in ("up", "dn")])


def _el_bracket() -> sp.Expr:
    # Eq. (2): ½|∂x c̄|² + i(∂x c̄†)Â_z c̄ + c.c., with the printed Â_z = -(∂xϕ0)σ_z/2 for
    # any real in-plane angle ϕ0(x) (the algebra does not need the wall's profile)
    c = electron_spinor()
    d_phi = sp.diff(sp.Function("phi_0", real=True)(x), x)
    half = (c.diff(x).H * c.diff(x))[0] / 2 + (sp.I * c.diff(x).H * (-d_phi * _sigma_z / 2) * c)[0]
    return (half + sp.conjugate(half)).subs(sp.conjugate(d_phi), d_phi)


PRINTED: list[Printed] = [
    Printed("1", "H_DW", H_DW, J * S**2 / (2 * a) * sp.Integral(
        sum(c.diff(x) ** 2 for c in _n) - _n[0] ** 2 / lam**2 + _n[2] ** 2 / kappa**2,
        (x, -sp.oo, sp.oo)),
            r"H_{DW} = \frac{JS^2}{2a}\int_{-\infty}^{\infty}dx\left[(\partial_x\mathbf{n})^2"
            r" - \lambda^{-2}\hat{n}_x^2 + \kappa^{-2}\hat{n}_z^2\right]"),
    Printed("2", "U", U_hat, (sp.I * _sigma_z * phi0(x) / 2).exp(),
            r"\hat{U}(x) = e^{i\hat{\sigma}_z \phi_0(x)/2}"),
    Printed("2", "A_z", A_z, -sp.diff(phi0(x), x) * _sigma_z / 2,
            r"\hat{A}_z \equiv i^{-1}\hat{U}^{-1}\partial_x\hat{U} = -(\partial_x\phi_0)\hat{\sigma}_z/2"),
    Printed("2", "H_el", H_el, hbar**2 / (2 * m_eff * a) * sp.Integral(_el_bracket(), (x, -sp.oo, sp.oo)),
            r"H_{el} = \frac{\hbar^2}{2m^*a}\int dx\left[\frac12|\partial_x\bar{c}|^2"
            r" + i(\partial_x\bar{c}^\dagger)\hat{A}_z\bar{c}\right] + c.c."),
    Printed("2", "eps_k", eps_k, sp.Matrix([hbar**2 * (k - delta_k) ** 2 / (2 * m_eff),
                                     hbar**2 * (k + delta_k) ** 2 / (2 * m_eff)]),
            r"\varepsilon_{k\uparrow,\downarrow} = \hbar^2 (k \mp \delta k)^2 / 2m^*,"
            r"\quad \delta k = \pi/(2a)"),
    Printed("4", "f_k", f_k, f0_k + e * E_field * tau_el * v_k * f0_prime_k,
            r"f_{k\sigma} \simeq f_0(\varepsilon_{k\sigma}) + eE\tau_{el} v_{k\sigma}"
            r" \frac{\partial f_0(\varepsilon_{k\sigma})}{\partial \varepsilon_{k\sigma}}"),
    Printed("5", "eps_theta0", eps_theta0, J * S**2 / (2 * kappa**2),
            r"\varepsilon_{\theta 0} = J S^2/(2\kappa^2)"),
    Printed("5", "eps_phi0", eps_phi0, sp.S.Zero, r"\varepsilon_{\phi 0} = 0"),
    Printed("5", "eps_thetaq", eps_thetaq, J * S**2 * (q**2 + lam**-2 + kappa**-2) / 2,
            r"\varepsilon_{\theta q} = \tfrac12 J S^2 (q^2 + \lambda^{-2} + \kappa^{-2})"),
    Printed("5", "eps_phiq", eps_phiq, J * S**2 * (q**2 + lam**-2) / 2,
            r"\varepsilon_{\phi q} = \tfrac12 J S^2 (q^2 + \lambda^{-2})"),
    Printed("6", "Phi0", Phi_0, sp.sqrt(a / (2 * lam)) * _sech(x / lam),
            r"\Phi_0(x) \equiv \sqrt{\frac{a\lambda}{2}}\,\partial_x\phi_0(x)"
            r" = \sqrt{\frac{a}{2\lambda}}\frac{1}{\cosh(x/\lambda)}"),
    Printed("6", "norm", zero_mode_norm, sp.S.One, r"a^{-1}\int_{-\infty}^{\infty}dx\,[\Phi_0(x)]^2 = 1"),
    Printed("9", "L_DW", L_DW, hbar * S / a**3 * (sp.sqrt(2 * a / lam) * xi0 + sp.pi) * _Xd
            - J * S**2 / (2 * kappa**2) * xi0**2,
            r"L_{DW} = \frac{\hbar S}{a^3}\left(\sqrt{\frac{2a}{\lambda}}\,\xi_0 + \pi\right)\dot{X}"
            r" - \frac{J S^2}{2\kappa^2}\xi_0^2"),
    Printed("10", "L_sd", L_sd, J_sd * S / a**3 * (F0 - S_par * xi0**2 / 2),
            r"L_{sd} = a^{-3} J_{sd} S \left(F_0 - S_\parallel \xi_0^2/2\right)"),
    Printed("11", "W", W, alpha / 2 * hbar * S / a**3 * (a * _xid**2 + 2 / lam * _Xd**2),
            r"W_{\rm Rayleigh} = \frac{\alpha}{2}\frac{\hbar S}{a^3}"
            r"\left(a\dot{\xi}_0^2 + \frac{2}{\lambda}\dot{X}^2\right)"),
    Printed("12a", "EOM X", None, sp.Eq(hbar * sp.sqrt(2 * a / lam) * _xid + J_sd * T_perp,
                                   -2 * alpha * hbar / lam * _Xd),
            r"\hbar\sqrt{\frac{2a}{\lambda}}\,\dot{\xi}_0 + J_{sd}T_\perp = -2\alpha\frac{\hbar}{\lambda}\dot{X}"),
    Printed("12b", "EOM xi0", None, sp.Eq(-hbar * sp.sqrt(2 * a / lam) * _Xd
                                     + (a**3 * J * S / kappa**2 + J_sd * S_par) * xi0,
                                     -alpha * hbar * a * _xid),
            r"-\hbar\sqrt{\frac{2a}{\lambda}}\,\dot{X} + \left(\frac{a^3 J S}{\kappa^2}"
            r" + J_{sd}S_\parallel\right)\xi_0 = -\alpha\hbar a\,\dot{\xi}_0"),
    Printed("13a", "T_perp", T_perp, sp.Integral(sp.diff(_phi0, x) * _sbar[1], (x, -sp.oo, sp.oo)),
            r"T_\perp \equiv -\frac{\partial F_0}{\partial X} = \int_{-\infty}^{\infty}dx\,"
            r"\partial_x\phi_0[x - X(t)]\,\langle \bar{s}_y(x)\rangle"),
    Printed("13a", "s_bar_y", sbar_y, -_sx * sp.sin(_phi0) + _sy * sp.cos(_phi0),
            r"\langle\bar{s}_y\rangle = -\langle\hat{s}_x\rangle\sin\phi_0"
            r" + \langle\hat{s}_y\rangle\cos\phi_0"),
    Printed("13a", "dn0/dx", dn0_sign, sp.Integer(-1),
            r"\partial_x \mathbf{n}_0[x - X(t)] = -\partial_x\phi_0(x)\,\mathbf{e}_z"
            r"\times\mathbf{n}_0[x - X(t)]"),
    Printed("13b", "S_par", S_par, sp.Integral((sp.sqrt(a * lam / 2) * sp.diff(_phi0, x)) ** 2 * _sbar[0],
                                        (x, -sp.oo, sp.oo)),
            r"S_\parallel \equiv \int_{-\infty}^{\infty}dx\,\Phi_0^2[x - X(t)]"
            r"\langle\bar{s}_x(x)\rangle"),
    Printed("14", "xi0(t)", xi0, xi0_star * (1 - sp.exp(-t / tau_dw)),
            r"\xi_0 = \xi_0^*\left(1 - e^{-t/\tau_{DW}}\right)"),
    Printed("14", "V(t)", V, V_star * (1 - sp.exp(-t / tau_dw)),
            r"V \equiv \dot{X} = V^*\left(1 - e^{-t/\tau_{DW}}\right)"),
    Printed("14", "dX", Delta_X, -V_star * tau_dw,
            r"\Delta X \equiv \lim_{t\to\infty}(X - V^* t) = -V^*\tau_{DW}",
            source="implied by (14)"),
    Printed("15", "xi0*", xi0_star, -1 / alpha * sp.sqrt(a * lam / 2) * J_sd * T_perp
            / (a**3 * J * S / kappa**2 + J_sd * S_par),
            r"\xi_0^* = -\frac{1}{\alpha}\frac{\sqrt{a\lambda/2}\,J_{sd}T_\perp}"
            r"{a^3 J S\kappa^{-2} + J_{sd}S_\parallel}"),
    Printed("15", "xi0* (approx.)", xi0_star, -1 / alpha * sp.sqrt(lam / (2 * a)) * (kappa / a) ** 2
            * J_sd / (J * S) * T_perp,
            r"\xi_0^* \simeq -\alpha^{-1}\sqrt{\frac{\lambda}{2a}}\left(\frac{\kappa}{a}\right)^2"
            r"\frac{J_{sd}}{JS}T_\perp", approximate=True),
    Printed("15", "V*", V_star, -lam / (2 * alpha * hbar) * J_sd * T_perp,
            r"V^* = -\frac{\lambda}{2\alpha\hbar}J_{sd}T_\perp"),
    Printed("16", "tau_DW", tau_dw, hbar * a * (1 / alpha + alpha) / (a**3 * J * S / kappa**2 + J_sd * S_par),
            r"\tau_{DW} = \hbar a\frac{\alpha^{-1} + \alpha}{\kappa^{-2}a^3 J S + J_{sd}S_\parallel}"),
    Printed("16", "tau_DW (approx.)", tau_dw, 1 / alpha * (kappa / a) ** 2 * hbar / (J * S),
            r"\tau_{DW} \simeq \alpha^{-1}\left(\frac{\kappa}{a}\right)^2\frac{\hbar}{JS}",
            approximate=True),
    Printed("17", "n_z", n_z, 1 / (2 * alpha) * (kappa / a) ** 2 * J_sd / (J * S)
            * _sech((x - X) / lam) * T_perp,
            r"n_z(x,t) = \cos\theta \simeq \frac{1}{2\alpha}\left(\frac{\kappa}{a}\right)^2"
            r"\frac{J_{sd}}{JS}\frac{1}{\cosh[(x - X(t))/\lambda]}T_\perp"),
    Printed("18a", "T_perp", T_perp, sp.Rational(1, 2) * sp.Integral(sp.re(G_less(k)), (k, -sp.pi / a, sp.pi / a)),
            r"T_\perp = \frac{1}{2}\int_{-\pi/a}^{\pi/a}dk\,\mathrm{Re}\,G^<_{k\uparrow,k\downarrow}(t,t)"),
    Printed("18b", "S_par", S_par, a / (2 * sp.pi) * sp.Integral(sp.im(G_less(k)), (k, -sp.pi / a, sp.pi / a)),
            r"S_\parallel = \frac{a}{2\pi}\int_{-\pi/a}^{\pi/a}dk\,\mathrm{Im}\,G^<_{k\uparrow,k\downarrow}(t,t)"),
    Printed("19", "G<", G_lesser, -sp.I * J_sd / 2 * (f_up - f_dn) / (e_up - e_dn - sp.I * eta),
            r"G^<_{k\uparrow,k\downarrow}(t,t) = -i\frac{J_{sd}}{2}"
            r"\frac{f_{k\uparrow} - f_{k\downarrow}}{\varepsilon_{k\uparrow} - \varepsilon_{k\downarrow} - i0}"),
    Printed("20", "T_perp", T_perp, sp.Rational(1, 4) * J_sd / (k_B * T)
            / sp.cosh((eps0 - mu) / (2 * k_B * T)) ** 2 * j / j0,
            r"T_\perp = \frac{1}{4}\frac{J_{sd}}{k_BT}\frac{1}{\cosh^2[(\varepsilon_0 - \mu)/2k_BT]}"
            r"\frac{j}{j_0}"),
    Printed("21", "V*", V_star, -1 / (8 * alpha) * lam * J_sd / hbar * J_sd / (k_B * T)
            / sp.cosh((eps0 - mu) / (2 * k_B * T)) ** 2 * j / j0,
            r"V^* = -\frac{1}{8\alpha}\frac{\lambda J_{sd}}{\hbar}\frac{J_{sd}}{k_BT}"
            r"\frac{1}{\cosh^2[(\varepsilon_0 - \mu)/2k_BT]}\frac{j}{j_0}"),
    Printed("estimate", "V*", V_star, ESTIMATE["prefactor"] * (J_sd / (k_B * T)) ** 2,
            r"V^* \simeq -100\,(J_{sd}/k_BT)^2\ \mathrm{m/s}"),
]


def entry(eq: str, lhs: sp.Basic | None = None) -> Printed:
    """The printed entry of ``eq`` whose left-hand side is the symbol ``lhs`` (matched by
    symbol; where the letter prints a result exactly and as ≃, the exact one)."""
    hits = [p for p in PRINTED if p.eq == eq and (lhs is None or p.lhs == lhs)]
    if len(hits) > 1:
        hits = [p for p in hits if not p.approximate]
    if len(hits) != 1:
        raise KeyError(f"no unique printed entry of ({eq}) with left side {lhs}: {len(hits)} found")
    return hits[0]


def printed(eq: str, quantity: str | None = None) -> Printed:
    """The printed entry for ``eq`` (and ``quantity`` where an equation has several)."""
    hits = [p for p in PRINTED if p.eq == eq and (quantity is None or p.quantity == quantity)]
    if len(hits) != 1:
        raise KeyError(f"no unique printed equation {eq!r} {quantity!r}: {len(hits)} found")
    return hits[0]


# implied by printed entries, and written from them: ψ* = |ξ0*|Φ0(0) of (15) and (6)
PRINTED.append(Printed("15", "psi*", psi_star, sp.Abs(printed("15", "xi0*").expr)
                       * printed("6", "Phi0").expr.subs(x, 0),
                       r"\psi^* \equiv |\xi_0^*|\,\Phi_0(0) = \frac{1}{\alpha}\sqrt{\frac{a}{2\lambda}}"
                       r"\left|\frac{\sqrt{a\lambda/2}\,J_{sd}T_\perp}{a^3 J S\kappa^{-2} + J_{sd}S_\parallel}\right|",
                       source="implied by (6) and (15)"))
