"""The wall's collective coordinates, Eqs. (1), (5)-(17), on the model of :mod:`derivation.model`.

``zero_modes`` (5)-(6) → ``lagrangian`` (9)-(11) → ``equations_of_motion`` (12)-(13) →
``solutions`` (14)-(17), for given T⊥, S∥, S_z; the frame of the electrons' spin
(:mod:`derivation.electrons.gauge`) enters (13a)-(13b).  Beyond the letter: ``nonlinear`` (the
ansatz at finite ξ0) and ``spin_chain`` (the lattice model whose continuum limit is Eq. 1).
What needs the electrons' T⊥ or ⟨s_z⟩ in these solutions is :mod:`derivation.driven`.
"""
