"""Formulas as MathML: well-formed XML for every relationship, numbers and value substituted."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given, settings
from reference import NAMED, analysed

from app.core.arithmetic import Arithmetic, analyse
from app.core.formula import (
    Ceil,
    Equation,
    Expr,
    Floor,
    Frac,
    Mod,
    Prod,
    Sum,
    Var,
    minus,
    n,
    plus,
    v,
)
from app.core.mathml import equation_mathml, expr_mathml, relationship_mathml
from app.core.params import Config
from app.core.relationships import ALL, ASYMMETRIC, CEIL, TRANSPOSED_DILATED, Relationship
from app.core.substitution import dropped_windows

EVERY: tuple[Relationship, ...] = (*ALL, ASYMMETRIC, CEIL, TRANSPOSED_DILATED)
NAMED_QUERIES = [pytest.param(query, id=name) for name, query, _ in NAMED]


def _variables(expr: Expr) -> set[str]:
    """Every variable name in a tree, found by walking its fields."""
    if isinstance(expr, Var):
        return {expr.name}
    found: set[str] = set()
    for field in dataclasses.fields(expr):  # type: ignore[arg-type]
        value = getattr(expr, field.name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            for part in item if isinstance(item, tuple) else (item,):
                if isinstance(part, Expr):
                    found |= _variables(part)
    return found


def _texts(root: ET.Element, tag: str) -> list[str]:
    return [e.text or "" for e in root.iter(tag)]


@pytest.mark.parametrize("rel", EVERY, ids=lambda r: str(r.number or r.title.split(" (")[0]))
def test_formula_is_well_formed(rel: Relationship) -> None:
    root = ET.fromstring(equation_mathml(rel.equation))
    assert root.tag == "math"
    names = _variables(rel.equation.rhs)
    assert names
    # Every variable is drawn: primes as msup, p₁ and p₂ as msub, others as mi.
    drawn = "".join(_texts(root, "mi"))
    assert all(name[0] in drawn for name in names)


@pytest.mark.parametrize("query", NAMED_QUERIES)
def test_substituted_contains_numbers_and_value(query: dict[str, str]) -> None:
    arith = analyse(Config.from_query(query))
    rel = arith.relationship
    for terms in arith.terms:
        env = rel.variables(terms)
        root = ET.fromstring(equation_mathml(rel.equation, env))
        numbers = _texts(root, "mn")
        assert _texts(root, "mi") == ["o"], "only the left-hand side is a letter"
        for name in _variables(rel.equation.rhs):
            assert str(env[name]) in numbers, name
        assert numbers[-1] == str(rel.equation.evaluate(env))


def _mathml(arith: Arithmetic) -> dict[str, Any]:
    formula, substituted = relationship_mathml(arith)
    return {"formula_mathml": formula, "substituted_mathml": substituted}


@pytest.mark.parametrize("query", NAMED_QUERIES)
def test_answer_mathml_ends_with_the_output_size(query: dict[str, str]) -> None:
    """What the page shows: every substituted formula ends with the computed size, also
    where ceil_mode's rule drops a window the formula counts."""
    arith = analyse(Config.from_query(query))
    answer = _mathml(arith)
    assert ET.fromstring(answer["formula_mathml"]).tag == "math"
    shown = [_texts(ET.fromstring(m), "mn")[-1] for m in answer["substituted_mathml"]]
    sizes = [str(o) for o in arith.output_shape]
    assert shown == (sizes if len(shown) == 2 else sizes[:1])


@settings(max_examples=100, deadline=None)
@given(analysed())
def test_every_substitution_ends_with_its_axis_size(arith: Arithmetic) -> None:
    answer = _mathml(arith)
    shown = [_texts(ET.fromstring(m), "mn")[-1] for m in answer["substituted_mathml"]]
    for axis, o in enumerate(arith.output_shape):
        assert shown[min(axis, len(shown) - 1)] == str(o)


def test_dropped_window_is_subtracted_in_mathml() -> None:
    arith = analyse(Config.from_query(dict(op="maxpool", i="3", k="2", s="2", p="1", ceil="1")))
    assert dropped_windows(arith) == (1, 1)
    [markup] = relationship_mathml(arith)[1]
    root = ET.fromstring(markup)
    assert _texts(root, "mn")[-3:] == ["3", "1", "2"]
    assert _texts(root, "mo")[-2:] == ["−", "="]


@pytest.mark.parametrize(
    ("query", "lhs"),
    [
        pytest.param({"i": "5", "k": "3", "p": "1"}, "mi", id="rel3"),
        pytest.param({"op": "transpose", "i": "5", "k": "3", "p": "1"}, "msup", id="rel10"),
    ],
)
def test_single_variable_value_is_shown_once(query: dict[str, str], lhs: str) -> None:
    """o = i with i = 5 reads o = 5, not o = 5 = 5."""
    arith = analyse(Config.from_query(query))
    [markup] = relationship_mathml(arith)[1]
    root = ET.fromstring(markup)
    assert [child.tag for child in root[0]] == [lhs, "mo", "mn"]
    assert _texts(root, "mn") == ["5"]


def test_single_variable_keeps_the_dropped_window() -> None:
    markup = equation_mathml(Equation("o", v("i")), {"i": 5}, dropped=1)
    root = ET.fromstring(markup)
    assert _texts(root, "mn") == ["5", "1", "4"]
    assert _texts(root, "mo") == ["=", "−", "="]


@pytest.mark.parametrize(
    ("expr", "tags"),
    [
        pytest.param(n(-2), ["mrow", "mo", "mn", "mo"], id="negative-number"),
        pytest.param(v("i'"), ["msup", "mi", "mo"], id="prime"),
        pytest.param(v("p₂"), ["msub", "mi", "mn"], id="subscript"),
        pytest.param(Sum(((-1, v("k")),)), ["mrow", "mo", "mi"], id="leading-minus"),
        pytest.param(Prod((v("s"), n(2))), ["mrow", "mi", "mo", "mn"], id="dot-before-number"),
        pytest.param(
            Ceil(Frac(v("i"), v("s"))), ["mrow", "mo", "mfrac", "mi", "mi", "mo"], id="ceil"
        ),
        pytest.param(
            Mod(plus(v("i"), n(1)), v("s")),
            ["mrow", "mrow", "mo", "mrow", "mi", "mo", "mn", "mo", "mo", "mi"],
            id="mod",
        ),
        pytest.param(
            Prod((minus(v("k"), n(1)), Floor(v("d")))),
            ["mrow", "mrow", "mo", "mrow", "mi", "mo", "mn", "mo", "mrow", "mo", "mi", "mo"],
            id="parenthesised-factor",
        ),
    ],
)
def test_expression_fragments(expr: Expr, tags: list[str]) -> None:
    root = ET.fromstring(f"<math>{expr_mathml(expr)}</math>")
    assert [e.tag for e in root.iter()][1:] == tags


def test_negative_number_keeps_its_sign() -> None:
    root = ET.fromstring(f"<math>{expr_mathml(n(-2))}</math>")
    assert _texts(root, "mn") == ["−2"]


def test_unknown_expression_is_refused() -> None:
    with pytest.raises(TypeError):
        expr_mathml(Expr())


def test_equation_lhs_with_prime() -> None:
    root = ET.fromstring(equation_mathml(Equation("o'", v("i'")), {"i'": 4}))
    assert _texts(root, "mn") == ["4"]
    assert root.find("mrow/msup/mi") is not None
