"""The wall: its model, zero modes and collective coordinates, Eqs. (1), (5)-(17).

``model`` (densities in x: the profile, the ansatz) → ``zero_modes`` (5)-(6) →
``lagrangian`` (9)-(11) → ``equations_of_motion`` (12)-(13) → ``solutions`` (14)-(17);
beyond the letter: ``nonlinear`` (the ansatz at finite ξ0) and ``spin_chain`` (the lattice
model whose continuum limit is Eq. 1).
"""
