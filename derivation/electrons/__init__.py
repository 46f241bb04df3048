"""The conduction electrons and the torque they exert, Eqs. (2)-(4), (18)-(21).

``gauge`` (the local frame and the band, Eq. 2) → ``boltzmann`` (the shifted distribution,
Eq. 4) → ``torque`` (T⊥, S∥ and the master formula, Eqs. 18-21); beyond the letter:
``beyond_born`` (T⊥ at any J_sd S/η, and with the gauge shift as a parameter).
"""
