"""The dimensional audit: which printed equations balance, and what is missing where not."""
from derivation.audit.units import audit

UNBALANCED = {("18a", "T_perp"), ("18b", "S_par")}


def test_only_the_k_integrals_are_inhomogeneous():
    bad = {(c.eq, c.quantity) for c in audit() if not c.homogeneous}
    assert bad == UNBALANCED


def test_missing_factor_is_a_length():
    for c in audit():
        if (c.eq, c.quantity) in UNBALANCED:
            assert "lacks a factor m, a length" in c.note


def test_every_equation_from_1_to_21_is_audited():
    covered = {c.eq for c in audit()}
    for label in ("1", "2", "3", "4", "5", "6", "9", "10", "11", "12a", "12b", "13a", "13b",
                  "14", "15", "16", "17", "18a", "18b", "19", "20", "21"):
        assert label in covered
