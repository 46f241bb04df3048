"""The letter's symbols, each defined once: assumptions, LaTeX as printed, SI unit.

Every other module imports its symbols from here. ``TABLE`` maps each SymPy
symbol to an :class:`Entry`; ``LATEX_NAMES`` is the ``symbol_names`` mapping the
printers use so that ``J_sd`` prints as ``J_{sd}`` and ``xi_0(t)`` as ``\\xi_{0}``.

Units are ``sympy.physics.units`` expressions; the dimensional audit
(:mod:`derivation.audit.units`) reads its dimensions from them.  Two conventions the
letter leaves implicit are fixed here and checked there:

* itinerant spin ⟨s⟩ is a spin *per lattice site* (dimensionless), so that
  F0 = ∫dx n0·⟨s⟩ and S_∥ carry a length and T_⊥ = -∂F0/∂X is dimensionless,
  as Eq. (12a) requires;
* energies per unit wall area (H_DW, L, W) are J/m², as Eq. (1) states.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.physics import units as u
from sympy.physics.mechanics import dynamicsymbols



@dataclass(frozen=True)
class Entry:
    """One row of the symbol table."""

    symbol: sp.Basic
    latex: str
    unit: sp.Expr
    meaning: str

    @property
    def assumptions(self) -> dict[str, bool]:
        return {k: v for k, v in self.symbol.assumptions0.items()
                if k in ("positive", "real", "nonnegative") and v}


TABLE: dict[sp.Basic, Entry] = {}


def _def(symbol, latex: str, unit, meaning: str):
    TABLE[symbol] = Entry(symbol, latex, sp.sympify(unit), meaning)
    return symbol


_pos = dict(positive=True)
_real = dict(real=True)
_one = sp.S.One
_energy_area = u.joule / u.meter**2

# -- coordinates and integration variables
x = _def(sp.Symbol("x", **_real), "x", u.meter, "position along the wire")
# the time of sympy.physics.mechanics, so that X(t).diff(t) is dX/dt
t = _def(dynamicsymbols._t, "t", u.second, "time")
k = _def(sp.Symbol("k", **_real), "k", 1 / u.meter, "electron wave number")
q = _def(sp.Symbol("q", **_real), "q", 1 / u.meter, "spin-wave wave number")
# E_ = e^{x/λ}: the variable in which every wall integral is rational
E_ = _def(sp.Symbol("E", **_pos), r"e^{x/\lambda}", _one, "integration variable e^{x/λ}")
w = _def(sp.Symbol("w", **_real), "w", _one, "dimensionless integration variable")

# -- collective coordinates (Eqs. 7-8)
X = _def(dynamicsymbols("X", real=True), "X", u.meter, "wall position")
xi0 = _def(dynamicsymbols("xi_0", real=True), r"\xi_{0}", _one,
           "out-of-plane zero-mode (OPZ) coordinate")

# -- wall (Eq. 1)
a = _def(sp.Symbol("a", **_pos), "a", u.meter, "cubic lattice constant")
lam = _def(sp.Symbol("lambda", **_pos), r"\lambda", u.meter,
           "easy-axis length sqrt(J/K), wall width")
kappa = _def(sp.Symbol("kappa", **_pos), r"\kappa", u.meter,
             "hard-axis length sqrt(J/K_perp)")
J = _def(sp.Symbol("J", **_pos), "J", u.joule, "ferromagnetic exchange")
S = _def(sp.Symbol("S", **_pos), "S", _one, "local spin length |S|")
alpha = _def(sp.Symbol("alpha", **_pos), r"\alpha", _one, "Gilbert damping")
hbar = _def(sp.Symbol("hbar", **_pos), r"\hbar", u.joule * u.second,
            "reduced Planck constant")

# -- s-d coupling (Eqs. 3, 10, 13)
J_sd = _def(sp.Symbol("J_sd", **_real), "J_{sd}", u.joule, "s-d exchange")
F0 = _def(sp.Symbol("F_0", **_real), "F_{0}", u.meter, r"∫dx n0·⟨s⟩ (Eq. 10)")
T_perp = _def(sp.Symbol("T_perp", **_real), r"T_{\perp}", _one,
              "non-adiabatic torque -∂F0/∂X (Eq. 13a)")
S_par = _def(sp.Symbol("S_par", **_real), r"S_{\parallel}", u.meter,
             "longitudinal spin accumulation ∫dx Φ0² n0·⟨s⟩ (Eq. 13b)")
S_z = _def(sp.Symbol("S_z", **_real), "S_{z}", u.meter,
           "∫dx Φ0 ⟨s_z⟩, the coupling the letter drops from n·⟨s⟩")
dSpar_dX = _def(sp.Symbol("dS_par/dX", **_real), r"\partial_X S_{\parallel}", _one,
                "∂S∥/∂X, dropped by the letter below Eq. (13b)")
dSz_dX = _def(sp.Symbol("dS_z/dX", **_real), r"\partial_X S_{z}", _one, "∂S_z/∂X")

# -- electrons (Eqs. 2, 4, 18-21)
m_eff = _def(sp.Symbol("m_eff", **_pos), "m^{*}", u.kilogram, "effective mass")
n_e = _def(sp.Symbol("n", **_pos), "n", u.meter**-3, "conduction-electron density")
e = _def(sp.Symbol("e", **_pos), "e", u.coulomb, "elementary charge (electron charge -e)")
E_field = _def(sp.Symbol("E_el", **_real), "E", u.volt / u.meter, "electric field")
tau_el = _def(sp.Symbol("tau_el", **_pos), r"\tau_{el}", u.second,
              "Boltzmann relaxation time")
mu = _def(sp.Symbol("mu", **_real), r"\mu", u.joule, "chemical potential")
k_B = _def(sp.Symbol("k_B", **_pos), "k_{B}", u.joule / u.kelvin, "Boltzmann constant")
T = _def(sp.Symbol("T", **_pos), "T", u.kelvin, "temperature")
delta_k = _def(sp.Symbol("delta_k", **_pos), r"\delta k", 1 / u.meter,
               "gauge-field shift of the band")
eta = _def(sp.Symbol("eta", **_pos), r"\eta", u.joule, "broadening, the letter's i0")
j = _def(sp.Symbol("j", **_real), "j", u.ampere / u.meter**2, "current density")
j0 = _def(sp.Symbol("j_0", **_pos), "j_{0}", u.ampere / u.meter**2,
          "current scale 4neħ/(πam*)")
eps0 = _def(sp.Symbol("epsilon_0", **_pos), r"\varepsilon_{0}", u.joule,
            "band energy at half filling ħ²π²/(8m*a²)")

# -- results (Eqs. 5, 14-16)
eps_theta0 = _def(sp.Symbol("epsilon_theta0", **_real), r"\varepsilon_{\theta 0}",
                  _energy_area, "θ zero-mode energy (per area, Eq. 5)")
eps_phi0 = _def(sp.Symbol("epsilon_phi0", **_real), r"\varepsilon_{\phi 0}",
                _energy_area, "ϕ zero-mode energy (per area, Eq. 5)")
tau_dw = _def(sp.Symbol("tau_DW", **_pos), r"\tau_{DW}", u.second, "Gilbert relaxation time")
V = _def(sp.Symbol("V", **_real), "V", u.meter / u.second, "wall velocity dX/dt")
V_star = _def(sp.Symbol("V^*", **_real), "V^{*}", u.meter / u.second, "terminal velocity")
V_z = _def(sp.Symbol("V_z", **_real), "V_{z}", u.meter / u.second,
          "the ⟨s_z⟩ term's part of V(0⁺), the velocity at switch-on (beyond Eq. 14)")
xi0_star = _def(sp.Symbol("xi_0^*", **_real), r"\xi_{0}^{*}", _one, "terminal OPZ coordinate")
Delta_X = _def(sp.Symbol("Delta_X", **_real), r"\Delta X", u.meter,
               "displacement the wall keeps from the transient, lim(X - V*t) (beyond Eq. 14)")
psi_star = _def(sp.Symbol("psi^*", nonnegative=True), r"\psi^{*}", _one,
                "terminal tilt of the wall centre |ξ0*|Φ0(0), the largest |ξ0Φ0| (beyond Eq. 15)")

# -- left-hand sides of the printed equations that are not parameters (letter.PRINTED)
H_DW = _def(sp.Symbol("H_DW", **_real), "H_{DW}", _energy_area, "wall energy per area (Eq. 1)")
H_el = _def(sp.Symbol("H_el", **_real), "H_{el}", u.joule, "electron kinetic energy (Eq. 2)")
U_hat = _def(sp.Symbol("U"), r"\hat{U}", _one, "gauge rotation of the electron spinor (Eq. 2)")
A_z = _def(sp.Symbol("A_z"), r"\hat{A}_z", 1 / u.meter, "gauge field i⁻¹Û⁻¹∂xÛ (Eq. 2)")
eps_k = _def(sp.Symbol("epsilon_k", **_real), r"\varepsilon_{k\sigma}", u.joule,
             "electron band energy (Eq. 2)")
f_k = _def(sp.Symbol("f_k", **_real), r"f_{k\sigma}", _one, "Boltzmann distribution (Eq. 4)")
eps_thetaq = _def(sp.Symbol("epsilon_thetaq", **_real), r"\varepsilon_{\theta q}", _energy_area,
                  "θ spin-wave energy (per area, Eq. 5)")
eps_phiq = _def(sp.Symbol("epsilon_phiq", **_real), r"\varepsilon_{\phi q}", _energy_area,
                "ϕ spin-wave energy (per area, Eq. 5)")
Phi_0 = _def(sp.Symbol("Phi_0", **_real), r"\Phi_0", _one, "zero-mode profile (Eq. 6)")
zero_mode_norm = _def(sp.Symbol("N_Phi", **_pos), r"a^{-1}\int dx\,\Phi_0^2", _one,
                      "norm of the zero mode (Eq. 6)")
L_DW = _def(sp.Symbol("L_DW", **_real), "L_{DW}", _energy_area, "wall Lagrangian (Eq. 9)")
L_sd = _def(sp.Symbol("L_sd", **_real), "L_{sd}", _energy_area, "s-d Lagrangian (Eq. 10)")
W = _def(sp.Symbol("W", **_real), r"W_{\rm Rayleigh}", _energy_area / u.second,
         "Rayleigh dissipation function (Eq. 11)")
sbar_y = _def(sp.Symbol("sbar_y", **_real), r"\langle\bar{s}_y\rangle", _one,
              "spin accumulation in the frame of c̄, y component (below Eq. 13b)")
dn0_sign = _def(sp.Symbol("sigma_dn0", **_real), r"\pm", _one,
                "the sign in ∂x n0 = ±∂xϕ0 e_z × n0 (text of Eq. 13a)")
n_z = _def(sp.Symbol("n_z", **_real), "n_z", _one, "out-of-plane magnetisation cos θ (Eq. 17)")
G_lesser = _def(sp.Symbol("G^<"), r"G^<_{k\uparrow,k\downarrow}", _one,
                "equal-time lesser Green function (Eq. 19)")

# -- standard drives of the spin chain, beyond the letter (derivation.wall.walker,
#    derivation.electrons.polarisation): the field's exact solutions that numeric.llg is checked on
B_x = _def(sp.Symbol("B_x", **_real), "B_{x}", u.tesla, "applied field along the easy axis x")
g_factor = _def(sp.Symbol("g_factor", **_pos), "g", _one, "g-factor: the local moment is -gµ_B S n")
mu_B = _def(sp.Symbol("mu_B", **_pos), r"\mu_{B}", u.joule / u.tesla, "Bohr magneton")
u_drift = _def(sp.Symbol("u_drift", **_real), "u", u.meter / u.second,
               "spin-drift velocity of the Zhang–Li torque (along x)")
beta = _def(sp.Symbol("beta", **_real), r"\beta", _one, "non-adiabatic spin-torque parameter")
psi = _def(dynamicsymbols("psi", real=True), r"\psi", _one,
           "tilt of the wall's plane of rotation out of the easy (xy) plane")
Delta = _def(sp.Symbol("Delta", **_pos), r"\Delta", u.meter, "width of Walker's wall profile")
P_pol = _def(sp.Symbol("P", **_real), "P", _one,
             "current polarisation (j_up - j_dn)/(j_up + j_dn)")


def entry(symbol: sp.Basic) -> Entry:
    """The table row of ``symbol``; ``KeyError`` names it when it is not the letter's."""
    try:
        return TABLE[symbol]
    except KeyError:
        raise KeyError(f"{symbol!r} is not in the symbol table") from None


LATEX_NAMES: dict[sp.Basic, str] = {s: row.latex for s, row in TABLE.items()}

# the table's symbols under the names they are defined by above, in that order
__all__ = ["Entry", "TABLE", "LATEX_NAMES", "entry",
           *(name for name, value in list(globals().items())
             if not name.startswith("_") and isinstance(value, sp.Basic) and value in TABLE)]
