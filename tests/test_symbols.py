"""The symbol table: one definition per symbol, each with LaTeX and an SI unit."""
import ast
import pathlib

import sympy as sp

from derivation import symbols
from derivation.audit.units import dimension, same

PACKAGE = pathlib.Path(symbols.__file__).parent


def test_every_public_symbol_is_in_the_table():
    for name in symbols.__all__:
        obj = getattr(symbols, name)
        if isinstance(obj, sp.Basic):
            row = symbols.entry(obj)
            assert row.latex and row.meaning
            dimension(row.unit)  # a real SI unit


def test_letters_names_print_in_the_letters_notation():
    from derivation.export.latex import to_latex
    expr = symbols.J_sd * symbols.T_perp + symbols.S_par * symbols.xi0 ** 2 + symbols.tau_dw
    text = to_latex(expr + symbols.xi0.diff(symbols.t))
    for piece in ("J_{sd}", r"T_{\perp}", r"S_{\parallel}", r"\xi_{0}", r"\tau_{DW}", r"\dot{\xi}_{0}"):
        assert piece in text


def test_torque_is_dimensionless_and_spin_accumulation_a_length():
    # the convention the audit fixes: J_sd T⊥ is an energy in (12a)
    one = dimension(sp.S.One)
    assert same(dimension(symbols.entry(symbols.T_perp).unit), one)
    from sympy.physics import units as u
    assert same(dimension(symbols.entry(symbols.S_par).unit), dimension(u.meter))


def test_no_other_module_defines_a_letter_symbol():
    # other modules may create bookkeeping symbols, never one of the table's names
    table_names = {str(s) for s in symbols.TABLE if isinstance(s, sp.Symbol)}
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("symbols.py",):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Symbol"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and node.args[0].value in table_names):
                offenders.append(f"{path.name}:{node.lineno} {node.args[0].value}")
    assert offenders == []
