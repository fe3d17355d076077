"""The formula tree: binding numbers keeps the shape, evaluating gives the value, worked by hand."""

from __future__ import annotations

from app.core.formula import Equation, Mod, Num, minus, n, plus, v


def test_mod_binds_both_operands_and_keeps_its_shape() -> None:
    """a = (i + 2p − k) mod s, the paper's output padding (relationship 14's a), at Figure
    4.7's convolution i=5, k=3, s=2, p=1: (5 + 2 − 3) mod 2 = 4 mod 2 = 0."""
    a = Mod(plus(v("i"), minus(n(2), v("k"))), v("s"))
    bound = a.bind({"i": 5, "k": 3, "s": 2})
    assert bound == Mod(plus(n(5), minus(n(2), n(3))), n(2))
    assert bound.text() == "(5 + 2 − 3) mod 2"
    assert bound.evaluate({}) == 0
    # i=6: (6 + 2 − 3) mod 2 = 5 mod 2 = 1.
    assert Equation("a", a).substituted({"i": 6, "k": 3, "s": 2}) == "a = (6 + 2 − 3) mod 2 = 1"
    assert not isinstance(bound, Num)
