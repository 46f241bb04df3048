"""Every verdict of the chain, asserted; the JSON record format."""
import pathlib

import pytest
import sympy as sp

from derivation.chain import LABELS, results
from derivation.export.notation import quantity_text
from derivation.export.output import records
from derivation.audit.verdicts import BASES, STATUSES, judge

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _readme_statuses() -> dict[tuple[str, str], str]:
    """{(eq, quantity): status} as README's verdict table states them.

    The table is generated from the records and kept current by tests/test_readme.py, so a
    verdict that changes is a change of README, made on purpose and seen in review; the
    statuses are not typed a second time here."""
    readme = (ROOT / "README.md").read_text()
    table = readme.split("<!-- verdicts:start -->\n", 1)[1].split("<!-- verdicts:end -->", 1)[0]
    rows = [[cell.strip() for cell in line.split("|")[1:4]] for line in table.splitlines()[2:]]
    # the table shows each quantity in the letter's notation; the records keep their keys
    key = {(v.eq, quantity_text(v.quantity)): v.quantity for v in results()}
    return {(eq.removeprefix("(").removesuffix(")"),
             key[(eq.removeprefix("(").removesuffix(")"), quantity)]): status
            for eq, quantity, status in rows if eq != "audit"}


EXPECTED = _readme_statuses()


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_verdict(key):
    found = [v for v in results() if (v.eq, v.quantity) == key]
    assert len(found) == 1, key
    assert found[0].status == EXPECTED[key], found[0].note


def test_every_result_has_an_expected_verdict():
    keys = {(v.eq, v.quantity) for v in results() if v.section != "audit"}
    assert keys == set(EXPECTED)


@pytest.mark.parametrize("eq,ratio", [("19", "S"), ("20", "S"), ("21", "S"),
                                     ("18a", "a"), ("18b", "a")])
def test_differs_notes_give_the_exact_ratio(eq, ratio):
    v = next(v for v in results() if v.eq == eq and v.section == "torque")
    from derivation.export.records import as_text
    assert f"derived/printed = {ratio}" in as_text(v.note)


def test_records_carry_the_keys_and_statuses():
    for r in records():
        assert {"eq", "status", "derived", "derived_latex", "paper_latex", "note"} <= set(r)
        assert r["status"] in STATUSES
        assert r["basis"] in BASES
        assert r["eq"] in LABELS


def test_definitions_and_constructions_are_marked_identity():
    identity = {(v.eq, v.quantity) for v in results() if v.basis == "identity"}
    assert identity == {("6", "Phi0"), ("2", "eps_k"), ("4", "f_k")}


def test_the_dropped_sz_term_changes_the_solutions_but_not_v_star():
    from derivation.driven import sz_consequences
    from derivation.wall import solutions as sol
    effects = sz_consequences()
    assert sp.simplify(sol.terminal(True)["V"] - sol.terminal()["V"]) == 0
    assert effects["xi0* shift"] != 0 and effects["V(0+) shift"] != 0
    # at the letter's numbers the S_z part of V(0⁺) dwarfs the α² jump for α ≪ 1
    assert abs(float(effects["ratio at alpha = 0.01"])) > 100


def test_judge_names_a_limit_only_when_it_holds():
    a, eps = sp.symbols("a varepsilon_small", positive=True)
    status, note = judge(1 + a, sp.Integer(1), small={a: eps * a}, limit_text="a → 0")
    assert status == "agrees-in-limit" and "a → 0" in note
    assert judge(2 + a, sp.Integer(1), small={a: eps * a})[0] == "differs"
    from derivation.symbols import xi0
    assert judge(sp.Eq(2 * xi0, 4 * a), sp.Eq(xi0, 2 * a), mode="equation")[0] == "agrees"


def _cases():
    from derivation.model import PHI
    from derivation.symbols import X, lam, t, x, xi0
    E = sp.exp((x - X) / lam)
    density = sp.sin(PHI(x - X))**2 * PHI(x - X).diff(x)**2 + sp.cos(xi0 * PHI(x - X))**2
    return [  # (derived, printed, kwargs)
        (sp.sin(2 * sp.atan(E)), 2 * E / (E**2 + 1), {}),  # an identity through exp
        (density, density + 1 / lam**2, {}),  # a constant off a dynamic density
        (xi0 * sp.cosh(x / lam)**2, xi0 * (sp.cosh(2 * x / lam) + 1) / 2, {}),
        (sp.Eq(X.diff(t) + xi0, 0), sp.Eq(2 * X.diff(t) + 2 * xi0, 0), {"mode": "equation"}),
        (PHI(x - X) * xi0, PHI(x - X) * xi0 * (1 + xi0**2), {}),
    ]


def test_judge_cheap_paths_give_the_simplify_verdicts(monkeypatch):
    # the random point only picks a path: with sampling off (every case through simplify)
    # each status and note is the same
    import derivation.audit.verdicts as verdicts
    fast = [judge(d, p, **kw) for d, p, kw in _cases()]
    monkeypatch.setattr(verdicts, "_sample", lambda *args, **kwargs: None)
    assert fast == [judge(d, p, **kw) for d, p, kw in _cases()]


def test_stage_cache_computes_equivalent_calls_once():
    from derivation.memo import stage
    calls = []

    @stage
    def f(order: int = 2, keep: bool = False):
        calls.append((order, keep))
        return order

    assert f() == f(2) == f(order=2) == f(2, False) == f(keep=False) == 2
    assert calls == [(2, False)]


def test_a_finding_beyond_the_letter_carries_its_scope_and_runs_in_its_record():
    import dataclasses

    from derivation.audit.verdicts import Verdict
    from derivation.export import cache, output
    from derivation.export.records import record
    finding = Verdict("15", "V*", "differs", sp.Integer(2), sp.Integer(1), "", "twice", (),
                      "beyond", basis="simulated", scope="the spin chain, λ = 16a",
                      runs=("llg psi=0.1",))
    r = record(finding)
    assert (r["basis"], r["scope"], r["runs"]) == ("simulated", "the spin chain, λ = 16a",
                                                   ["llg psi=0.1"])
    assert cache.valid([r]) and output.heading("beyond").startswith("Beyond the letter")
    letter = record(dataclasses.replace(finding, section="derivation", scope="", runs=()))
    assert "scope" not in letter and "runs" not in letter and cache.valid([letter])
    with pytest.raises(ValueError, match="basis 'guessed'"):
        dataclasses.replace(finding, basis="guessed")


def test_what_the_letter_implies_but_does_not_print_says_so_in_every_output(monkeypatch):
    from derivation.audit import letter
    from derivation.audit.verdicts import compare
    from derivation.export import cache, output, records as rendered
    from derivation.symbols import V_star, tau_dw
    implied = letter.Printed("14", "implied", sp.Symbol("Q"), -V_star * tau_dw, r"Q = -V^{*}\tau_{DW}",
                             source="implied by (14)")
    monkeypatch.setattr(letter, "PRINTED", [*letter.PRINTED, implied])
    monkeypatch.setattr(rendered, "PRINTED", letter.PRINTED)
    r = rendered.record(compare("14", "implied", -2 * V_star * tau_dw))
    assert r["source"] == "implied by (14)" and cache.valid([r])
    monkeypatch.setattr(output, "records", lambda *args, **kwargs: [r])
    # in derive's one-line notation, as the derived form beside it
    assert "    printed (implied by (14), not printed): -V* τ_DW" in output.text()
    assert "| implied by (14), not printed: derived/printed = 2 |" in output.markdown_table()


def test_public_notes_read_as_text():
    import derivation
    shown = derivation.results()
    assert [v.status for v in shown] == [v.status for v in results()]
    for v in shown:
        assert not any(mark in v.note for mark in "⟪‖⟫"), (v.eq, v.note[:80])
