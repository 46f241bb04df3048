"""Shape anisotropy of a rectangular strip: demagnetising factors of a uniformly magnetised prism.

The letter's wire runs along x with the easy axis x and the hard axis z (normal to the film).
For a soft film patterned into a strip of width w (y) and thickness t (z), the magnetostatic
energy density of a uniform magnetisation m is (µ0Ms²/2)(N_x m_x² + N_y m_y² + N_z m_z²), and with
m_y² = 1 − m_x² − m_z² this is Eq. (1)'s form up to a constant:

    −K_easy m_x² + K_⊥ m_z²,    K_easy = (µ0Ms²/2)(N_y − N_x),   K_⊥ = (µ0Ms²/2)(N_z − N_y).

:func:`prism_factor` is Aharoni's closed form for the magnetometric factor of a prism,
A. Aharoni, "Demagnetizing factors for rectangular ferromagnetic prisms", J. Appl. Phys. 83 (1998),
doi:10.1063/1.367113, Eq. (1) (the page number is not checked here; the transcription was compared
with independent code, rmlmcfadden.github.io, bnmr/technical-information/
demagnetization_factor_prism.py, and is checked by the sum rule and the cube's 1/3).
:func:`wire_factors` is its limit for an infinitely long prism (the letter's wire), derived by
SymPy's ``limit`` in the tests and written out here.

Using these uniform-magnetisation factors as local anisotropies is an approximation (the local
shape anisotropy): it ignores the wall's own magnetostatic charges; a head-to-head wall is charged.
"""
from __future__ import annotations

import math

__all__ = ["prism_factor", "prism_factors", "wire_factors", "shape_anisotropies"]

MU_0 = 1.25663706212e-6  # vacuum permeability [N/A²] (CODATA 2018)


def prism_factor(a: float, b: float, c: float) -> float:
    """N along the edge 2c of a prism with edges 2a, 2b, 2c (Aharoni 1998, Eq. 1); a, b, c > 0."""
    for name, v in (("a", a), ("b", b), ("c", c)):
        if not (math.isfinite(v) and v > 0):
            raise ValueError(f"prism_factor: {name} must be a positive length, got {v!r}")
    r = math.sqrt(a * a + b * b + c * c)
    r_ab, r_bc, r_ac = math.hypot(a, b), math.hypot(b, c), math.hypot(a, c)
    log = math.log
    pi_n = ((b * b - c * c) / (2 * b * c) * log((r - a) / (r + a))
            + (a * a - c * c) / (2 * a * c) * log((r - b) / (r + b))
            + b / (2 * c) * log((r_ab + a) / (r_ab - a))
            + a / (2 * c) * log((r_ab + b) / (r_ab - b))
            + c / (2 * a) * log((r_bc - b) / (r_bc + b))
            + c / (2 * b) * log((r_ac - a) / (r_ac + a))
            + 2 * math.atan(a * b / (c * r))
            + (a ** 3 + b ** 3 - 2 * c ** 3) / (3 * a * b * c)
            + (a * a + b * b - 2 * c * c) / (3 * a * b * c) * r
            + c / (a * b) * (r_ac + r_bc)
            - (r_ab ** 3 + r_bc ** 3 + r_ac ** 3) / (3 * a * b * c))
    return pi_n / math.pi


def prism_factors(length: float, width: float, thickness: float) -> tuple[float, float, float]:
    """(N_x, N_y, N_z) of a prism length × width × thickness (x, y, z), by Aharoni's formula."""
    lx, ly, lz = length / 2, width / 2, thickness / 2
    return prism_factor(ly, lz, lx), prism_factor(lz, lx, ly), prism_factor(lx, ly, lz)


def _long_prism(b: float, c: float) -> float:
    """N along c of an infinitely long prism of cross-section 2b × 2c (Aharoni's Eq. 1, a → ∞).

    N = [4bc·atan(b/c) + 2c² ln c + (b² − c²) ln(b² + c²) − 2b² ln b]/(2πbc).
    """
    log = math.log
    return (4 * b * c * math.atan(b / c) + 2 * c * c * log(c) + (b * b - c * c) * log(b * b + c * c)
            - 2 * b * b * log(b)) / (2 * math.pi * b * c)


def wire_factors(width: float, thickness: float) -> tuple[float, float, float]:
    """(N_x, N_y, N_z) = (0, N_y, N_z) of an infinitely long strip of width (y) and thickness (z)."""
    for name, v in (("width", width), ("thickness", thickness)):
        if not (math.isfinite(v) and v > 0):
            raise ValueError(f"wire_factors: {name} must be a positive length, got {v!r}")
    # scale-free: lengths in units of the width, so that the logarithms are of O(1) numbers
    b, c = 0.5, 0.5 * thickness / width
    return 0.0, _long_prism(c, b), _long_prism(b, c)


def shape_anisotropies(Ms: float, factors: tuple[float, float, float]) -> tuple[float, float]:
    """(K_easy, K_⊥) [J/m³] of the strip: (µ0Ms²/2)(N_y − N_x) and (µ0Ms²/2)(N_z − N_y)."""
    n_x, n_y, n_z = factors
    k_d = MU_0 * Ms ** 2 / 2
    return k_d * (n_y - n_x), k_d * (n_z - n_y)
