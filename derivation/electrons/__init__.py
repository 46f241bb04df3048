"""The conduction electrons in the wall's profile and the torque they exert, Eqs. (2)-(4), (18)-(20).

``gauge`` (the local frame and the band, Eq. 2) → ``boltzmann`` (the shifted distribution,
Eq. 4) → ``torque`` (T⊥, S∥ and ⟨s_z⟩, Eqs. 18-20); beyond the letter: ``beyond_born`` (T⊥ at
any J_sd S/η, and with the gauge shift as a parameter).  The wall's velocity from them,
Eq. (21), is :mod:`derivation.driven`.
"""
