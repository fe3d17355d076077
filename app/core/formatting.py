"""How a pair of sizes and a value are written: one place for every writer (the query, the
page, code snippets, notes, pictures). static/js/format.js mirrors it; both are held to the
same table of cases (tests/cases/format.json)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

Pair = tuple[int, int]


def pair_query(pair: Pair) -> str:
    """As a link writes a size: ``5`` when both axes agree, else ``5,7`` (height,width)."""
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]},{pair[1]}"


def pair_size(pair: tuple[int, ...] | list[int]) -> str:
    """A shape as people read it: ``5×7`` (``9`` in 1-D, ``4×5×7`` in 3-D)."""
    return "×".join(str(v) for v in pair)


def pair_scalar(pair: tuple[int, ...]) -> str:
    """As PyTorch's arguments read: ``5`` when every axis agrees, else ``(5, 7)`` (one number
    per axis: ``(3, 5, 5)`` in 3-D)."""
    return str(pair[0]) if len(set(pair)) == 1 else f"({', '.join(str(v) for v in pair)})"


def format_value(value: float | None, decimals: bool = False) -> str:
    """As the paper prints numbers: whole ones as they are, others (and, where a figure has
    any fraction, all of its numbers) to one decimal; max pooling's padding is −∞."""
    if value is None:
        return "−∞"
    value = float(value) + 0.0  # a minus zero is written as zero
    if value.is_integer():
        return f"{value:.1f}" if decimals else str(int(value))
    # A half rounds away from zero, as people round and as the page's toFixed does (2.25 is
    # 2.3: Python's own formatting would round it to even, 2.2, unlike the page).
    return str(Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP))
