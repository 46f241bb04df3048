"""verdicts.judge on small expressions: each status, and what its note says, by construction."""
import pytest
import sympy as sp

from derivation.export.notation import text_form as shown
from derivation.export.records import as_text
from derivation.symbols import X, t, xi0
from derivation.audit.verdicts import AMPLITUDES, bookkeeping, compare, cross_check, judge

a, b = sp.symbols("a b", positive=True)
eps = bookkeeping()


def verdict(*args, **kwargs):
    status, note = judge(*args, **kwargs)
    return status, as_text(note)


def test_equal_values_agree_with_no_note():
    assert verdict(a * (a + b), a**2 + a * b) == ("agrees", "")


def test_a_constant_ratio_differs_and_names_the_ratio():
    assert verdict(3 * a, a) == ("differs", "derived/printed = 3")
    assert verdict(-a / b, a / b) == ("differs", "derived/printed = -1")


def test_a_dynamic_or_long_ratio_is_reported_as_a_difference():
    status, note = verdict(a + xi0, a)
    assert status == "differs" and note.startswith("derived - printed = ")
    long = sum(sp.Symbol(f"c{n}", positive=True) ** n for n in range(1, 30))
    status, note = verdict(a + long, a)
    assert status == "differs" and note.startswith("derived - printed = ")


def test_a_vanishing_print_is_compared_by_difference():
    assert verdict(sp.Integer(0), sp.Integer(0)) == ("agrees", "")
    assert verdict(a, sp.Integer(0)) == ("differs", "derived - printed = a")


def test_equations_agree_up_to_a_constant_factor_only():
    assert verdict(sp.Eq(2 * xi0, 4 * b), sp.Eq(xi0, 2 * b), mode="equation") == (
        "agrees", "the same equation multiplied by 2")
    assert verdict(sp.Eq(xi0, 3 * b), sp.Eq(xi0, 2 * b), mode="equation")[0] == "differs"
    # relations between parameters alone are not equations of motion: compared as values
    assert verdict(sp.Eq(a, 3 * b), sp.Eq(a, 2 * b), mode="equation")[0] == "differs"
    # a factor that moves with the coordinates changes the equation of motion
    assert verdict(sp.Eq(xi0 * a, xi0 * b), sp.Eq(a, b), mode="equation")[0] == "differs"


def test_a_limit_is_named_only_when_the_ratio_tends_to_one():
    status, note = verdict(a + b, a, small={b: eps * b}, limit_text="b ≪ a")
    assert status == "agrees-in-limit"
    assert note.startswith("b ≪ a: derived/printed = ") and "1 + (b/a)" in note
    assert verdict(2 * a + b, a, small={b: eps * b})[0] == "differs"
    # the limit is tried only when exact agreement fails
    assert verdict(a, a, small={b: eps * b}) == ("agrees", "")


def test_a_limit_reports_the_first_nonvanishing_correction():
    status, note = verdict(a + b**2 / a, a, small={b: eps * b}, limit_text="b → 0")
    assert status == "agrees-in-limit" and "1 + (b²/a²)" in note


def test_lagrangians_agree_up_to_an_additive_constant():
    Xd = X.diff(t)
    L = a * Xd + b * xi0**2
    assert verdict(L + a * b, L, mode="lagrangian") == (
        "agrees", "up to the additive constant a b, which no equation of motion sees")
    assert verdict(L, L, mode="lagrangian") == ("agrees", "")
    assert verdict(L + xi0, L, mode="lagrangian")[0] == "differs"


def test_lagrangians_agree_in_the_limit_to_second_order_only():
    Xd = X.diff(t)
    L = a * Xd + b * xi0**2
    status, note = verdict(L + xi0**3 * Xd + a, L, mode="lagrangian", small=AMPLITUDES,
                           limit_text="ξ0 → 0")
    assert status == "agrees-in-limit"
    assert "(up to the constant a)" in note
    from derivation.export.notation import text_form
    assert note.endswith("first omitted terms: " + text_form(xi0**3 * Xd))
    # a second-order term is not negligible at second order
    assert verdict(L + xi0 * Xd, L, mode="lagrangian", small=AMPLITUDES)[0] == "differs"
    # without small amplitudes there is no limit
    assert verdict(L + xi0**3 * Xd, L, mode="lagrangian")[0] == "differs"


def test_matrices_agree_are_inverse_or_differ_by_a_common_ratio():
    m = sp.Matrix([[a, b], [0, a]])
    assert verdict(m, m) == ("agrees", "")
    phase = sp.diag(sp.exp(sp.I * a), sp.exp(-sp.I * a))
    assert verdict(phase, phase.inv()) == (
        "differs", "derived = printed⁻¹ (the opposite sign in the exponent)")
    assert verdict(2 * m, m) == ("differs", "derived/printed = 2 element by element")
    status, note = verdict(m + sp.Matrix([[0, 1], [0, 0]]), m)
    assert status == "differs" and note.startswith("derived - printed = ")


def test_compare_takes_the_print_from_the_letter_and_keeps_the_steps():
    from derivation.audit.letter import printed
    entry = printed("15", "V*")  # the print itself stands in for a derived form here
    v = compare("15", "V*", entry.expr, steps=("constant-torque",),
                note="extra")
    assert (v.status, v.basis, v.steps) == ("agrees", "derived", ("constant-torque",))
    assert v.printed == printed("15", "V*").expr and v.note == "extra"
    v = compare("15", "V*", 2 * entry.expr, basis="identity")
    assert v.status == "differs" and as_text(v.note) == "derived/printed = 2"
    assert v.basis == "identity"


def test_a_failed_cross_check_stops_the_chain():
    cross_check(True, "never")
    with pytest.raises(RuntimeError, match="cross-check failed: the reason"):
        cross_check(False, "the reason")


def test_a_limit_expands_the_ratio_about_zero_not_only_polynomials():
    # e^{b/a} → 1 + b/a + ...: the correction is the first Taylor coefficient in b
    status, note = verdict(a * sp.exp(b / a), a, small={b: eps * b}, limit_text="b → 0")
    assert status == "agrees-in-limit"
    assert note == f"b → 0: derived/printed = {shown(sp.exp(b / a))} = 1 + ({shown(b / a)}) + ..."


def test_lagrangian_limits_count_each_amplitude_once():
    # ξ0·ξ̇0 is second order (ξ0 and ξ̇0 are each small once): not negligible
    Xd = X.diff(t)
    L = a * Xd + b * xi0**2
    status, note = verdict(L + xi0 * xi0.diff(t), L, mode="lagrangian", small=AMPLITUDES)
    assert status == "differs" and note == "derived - printed = " + shown(xi0 * xi0.diff(t))


def test_lagrangian_limits_stop_at_second_order_and_name_the_third():
    Xd = X.diff(t)
    L = a * Xd + b * xi0**2
    # a third-order term is omitted (named), a constant is named only when there is one
    assert verdict(L + xi0**3, L, mode="lagrangian", small=AMPLITUDES, limit_text="ξ0 → 0") == (
        "agrees-in-limit",
        "ξ0 → 0: equal to second order in the small amplitudes; first omitted terms: "
        + shown(xi0**3))
    assert verdict(L + 1 + xi0**3, L, mode="lagrangian", small=AMPLITUDES, limit_text="ξ0 → 0") == (
        "agrees-in-limit", "ξ0 → 0: equal to second order in the small amplitudes (up to the "
        "constant 1); first omitted terms: " + shown(xi0**3))


def test_a_matrix_difference_names_the_difference():
    m = sp.Matrix([[a, b], [0, a]])
    assert verdict(m + sp.Matrix([[0, 1], [0, 0]]), m) == (
        "differs", "derived - printed = " + shown(sp.Matrix([[0, 1], [0, 0]])))


def test_compare_forwards_every_option_to_the_judge_and_keeps_every_field():
    from derivation.audit.letter import printed
    from derivation.symbols import alpha
    entry = printed("15", "V*")
    v = compare("15", "V*", entry.expr * (1 + alpha), small={alpha: eps * alpha},
                limit_text="α → 0", note="why", section="torque", origin="test")
    assert (v.eq, v.quantity, v.status, v.section) == ("15", "V*", "agrees-in-limit", "torque")
    assert as_text(v.note).startswith("α → 0: derived/printed = ") and as_text(v.note).endswith(
        " + ...; why")
    assert v.derived == entry.expr * (1 + alpha) and v.printed == entry.expr
    # the small parameters stay with the record (the display shows the leading order)
    assert v.paper_latex == entry.latex
    assert v.extra == {"origin": "test", "limit": {alpha: eps * alpha}}
    # the defaults: values (mode "expr"), no limit, the derivation section
    plain = compare("15", "V*", entry.expr)
    assert (plain.status, plain.note, plain.section, plain.extra) == ("agrees", "", "derivation", {})
    assert compare("15", "V*", entry.expr * (1 + alpha)).status == "differs"


def test_compare_judges_compare_with_and_shows_derived():
    from derivation.audit.letter import printed
    entry = printed("15", "V*")
    shown = sp.Symbol("shown")
    v = compare("15", "V*", shown, compare_with=entry.expr)
    assert v.status == "agrees" and v.derived == shown
    assert compare("15", "V*", entry.expr, compare_with=2 * entry.expr).status == "differs"


def test_compare_in_equation_mode_accepts_a_constant_multiple():
    from derivation.audit.letter import printed
    entry = printed("12b", "EOM xi0")
    doubled = sp.Eq(2 * entry.expr.lhs, 2 * entry.expr.rhs)
    v = compare("12b", "EOM xi0", doubled, mode="equation")
    assert v.status == "agrees" and as_text(v.note) == "the same equation multiplied by 2"
    assert compare("12b", "EOM xi0", doubled).status == "differs"


def test_an_equation_rearranged_agrees_with_itself():
    assert verdict(sp.Eq(xi0 - b, 0), sp.Eq(xi0, b), mode="equation") == ("agrees", "")
    # a derived equation that is empty (0 = 0) is no multiple of the printed one
    assert verdict(sp.Eq(xi0, xi0, evaluate=False), sp.Eq(xi0, 2 * b), mode="equation")[0] == "differs"


def test_the_wall_position_is_a_coordinate_as_much_as_xi0():
    L = a * X.diff(t) + b * xi0**2
    assert verdict(L + X, L, mode="lagrangian")[0] == "differs"
    assert verdict(sp.Eq(X * a, X * b), sp.Eq(a, b), mode="equation")[0] == "differs"


def test_a_dynamic_difference_is_named_exactly():
    assert verdict(a + xi0, a) == ("differs", "derived - printed = " + shown(xi0))


def test_hyperbolic_differences_are_shown_in_the_shorter_exponential_form():
    assert verdict((1 - sp.tanh(a)) / (1 + sp.tanh(a)), sp.Integer(0)) == (
        "differs", "derived - printed = " + shown(sp.exp(-2 * a)))


def test_a_ratio_is_named_up_to_120_characters():
    for n, form in ((120, "derived/printed = "), (121, "derived - printed = ")):
        c = sp.Symbol("c" * n, positive=True)
        status, note = verdict(a * c, a)
        assert status == "differs" and note.startswith(form), n
    # beyond: the difference itself
    assert verdict(a * c, a) == ("differs", "derived - printed = " + shown(a * (c - 1)))


def test_a_limit_with_no_correction_below_third_order_says_so():
    assert verdict(a + b**3 / a**2, a, small={b: eps * b}, limit_text="b → 0") == (
        "agrees-in-limit", f"b → 0: derived/printed = {shown(1 + b**3 / a**3)} = 1 + (O(ε³)) + ...")


def test_a_limit_in_the_amplitudes_counts_each_amplitude_once():
    status, note = verdict(a + xi0 * xi0.diff(t), a, small=AMPLITUDES, limit_text="ξ0 → 0")
    assert status == "agrees-in-limit"
    assert note.endswith(f"= 1 + ({shown(xi0 * xi0.diff(t) / a)}) + ...")


def test_a_hyperbolic_difference_keeps_its_form_when_exponentials_are_longer():
    assert verdict(sp.cosh(a), sp.Integer(0)) == ("differs", "derived - printed = " + shown(sp.cosh(a)))


def test_a_lagrangian_verdict_keeps_no_limit_for_the_display():
    # the record's "limit" lets the display show a leading order of a value; a Lagrangian has none
    from derivation.audit.letter import printed
    entry = printed("9", "L_DW")
    v = compare("9", "L_DW", entry.expr, mode="lagrangian", small=AMPLITUDES, limit_text="ξ0 → 0")
    assert v.status == "agrees" and v.extra == {}


def test_integrands_are_judged_pointwise_after_expanding_the_trigonometry():
    from derivation.export.records import as_text
    from derivation.symbols import x
    from derivation.audit.verdicts import compare_integrands
    from derivation.audit.letter import printed
    c = sp.Symbol("c", positive=True)
    v = compare_integrands("15", "V*", sp.sin(2 * x) * c, 2 * sp.sin(x) * sp.cos(x) * c, "a note")
    assert (v.eq, v.quantity, v.status) == ("15", "V*", "agrees")
    assert v.note == "a note"
    assert v.derived == sp.Integral(sp.sin(2 * x) * c, (x, -sp.oo, sp.oo))
    assert v.printed == printed("15", "V*").expr and v.paper_latex == printed("15", "V*").latex
    v = compare_integrands("15", "V*", 3 * sp.sin(2 * x), sp.sin(x) * sp.cos(x), "why")
    assert v.status == "differs" and as_text(v.note) == "derived/printed = 6; why"
