"""The paper's relationships: the one shown fits, is the most specific, and gives the size."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from reference import NAMED, analysed

from app.core.answer import arithmetic_answer
from app.core.arithmetic import Arithmetic, analyse
from app.core.params import Config
from app.core.relationships import ALL, AxisTerms
from app.core.substitution import substituted

SETTINGS = settings(max_examples=150, deadline=None)


def _arith(query: dict[str, str]) -> Arithmetic:
    return analyse(Config.from_query(query))


def _pool(t: AxisTerms) -> bool:
    return t.op in ("maxpool", "avgpool")


def _direct(t: AxisTerms) -> bool:
    """A relationship of chapters 2 and 3: symmetric padding, floor division, no dilation."""
    return t.op != "transpose" and t.before == t.after and not t.ceil and t.d == 1


def _transposed(t: AxisTerms) -> bool:
    return t.op == "transpose" and t.d == 1


# The paper's conditions (PAPER.md), written from its table, on one axis.
CONDITIONS: dict[int, Callable[[AxisTerms], bool]] = {
    1: lambda t: _direct(t) and not _pool(t) and t.s == 1 and t.p == 0,
    2: lambda t: _direct(t) and t.s == 1,
    3: lambda t: _direct(t) and t.s == 1 and t.k % 2 == 1 and t.p == t.k // 2,
    4: lambda t: _direct(t) and t.s == 1 and t.p == t.k - 1,
    5: lambda t: _direct(t) and not _pool(t) and t.p == 0,
    6: _direct,
    7: lambda t: _direct(t) and _pool(t) and t.p == 0,
    8: lambda t: _transposed(t) and t.s == 1 and t.p == 0,
    9: lambda t: _transposed(t) and t.s == 1,
    10: lambda t: _transposed(t) and t.s == 1 and t.k % 2 == 1 and t.p == t.k // 2,
    11: lambda t: _transposed(t) and t.s == 1 and t.p == t.k - 1,
    12: lambda t: _transposed(t) and t.p == 0 and t.a == 0,
    13: lambda t: _transposed(t) and t.a == 0,
    14: _transposed,
    15: lambda t: t.op != "transpose" and t.before == t.after and not t.ceil,
}

# Which relationships are special cases of which: a narrower one that fits must be chosen.
NARROWER: dict[int, set[int]] = {
    2: {1, 3, 4},
    5: {1},
    6: {1, 2, 3, 4, 5, 7},
    15: {1, 2, 3, 4, 5, 6, 7},
    9: {8, 10, 11},
    12: {8},
    13: {8, 9, 10, 11, 12},
    14: {8, 9, 10, 11, 12, 13},
}


def _fits(number: int, arith: Arithmetic) -> bool:
    return all(CONDITIONS[number](t) for t in arith.terms)


@pytest.mark.parametrize(("query", "number"), [pytest.param(q, n, id=name) for name, q, n in NAMED])
def test_named_configuration_relationship(query: dict[str, str], number: int | None) -> None:
    assert _arith(query).relationship.number == number


def test_every_relationship_is_reached() -> None:
    assert {n for _, _, n in NAMED} >= {rel.number for rel in ALL}
    assert sorted(rel.number for rel in ALL if rel.number) == list(range(1, 16))


@SETTINGS
@given(analysed())
def test_relationship_fits_and_is_the_most_specific(arith: Arithmetic) -> None:
    number = arith.relationship.number
    if number is None:
        assert not any(_fits(n, arith) for n in CONDITIONS), arith.terms
        return
    assert _fits(number, arith), (number, arith.terms)
    for narrower in NARROWER.get(number, set()):
        assert not _fits(narrower, arith), (number, narrower, arith.terms)


@SETTINGS
@given(analysed())
def test_equation_gives_the_output_size(arith: Arithmetic) -> None:
    rel = arith.relationship
    shown = substituted(arith)
    assert not re.search(r"= (\d+) = \1(?!\d)", shown), "a bare number is shown once"
    for ax, terms in zip(arith.axes, arith.terms, strict=True):
        value = rel.equation.evaluate(rel.variables(terms))
        if value == ax.o + 1 and arith.config.ceil:
            # PyTorch's documented drop of a window starting in the right padding.
            assert ax.o * ax.s >= ax.i + ax.before
            assert f"= {ax.o + 1} − 1 = {ax.o} (PyTorch drops the last window" in shown
        else:
            assert value == ax.o, (rel.number, terms)
            assert f"= {ax.o}" in shown


@pytest.mark.parametrize(
    ("query", "sides"),
    [
        # Worked by hand: padding=same pads d(k − 1) in all, the odd one on the bottom/right.
        ({"i": "5", "k": "4", "p": "same"}, (1, 2)),
        ({"i": "5", "k": "2", "d": "3", "p": "same"}, (1, 2)),
        # TensorFlow's SAME at stride 2: ⌈4/2⌉ = 2 outputs need 1 cell in all, after.
        ({"i": "4", "k": "3", "s": "2", "p": "tf_same"}, (0, 1)),
    ],
)
def test_asymmetric_title_names_its_cases(query: dict[str, str], sides: tuple[int, int]) -> None:
    """The relationship's title says which paddings are uneven: an odd total under
    padding=same, or TensorFlow's SAME (it said "an even total", the wrong parity)."""
    arith = _arith(query)
    assert (arith.config.padding.top, arith.config.padding.bottom) == sides
    answer = arithmetic_answer(arith, "en")
    assert answer["relationship"]["title"].startswith("Asymmetric padding")
    assert "odd total" in answer["relationship"]["title"]
    assert "SAME" in answer["relationship"]["title"]
    assert "홀수" in arithmetic_answer(arith, "ko")["relationship"]["title"]
