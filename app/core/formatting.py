"""How a pair of sizes and a value are written: one place for every writer (the query, the
page, code snippets, notes, pictures). static/js/format.js mirrors it; both are held to the
same table of cases (tests/cases/format.json)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

Pair = tuple[int, int]


def pair_query(pair: Pair) -> str:
    """As a link writes a size: ``5`` when both axes agree, else ``5,7`` (height,width)."""
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]},{pair[1]}"


def pair_size(pair: Pair | list[int]) -> str:
    """A shape as people read it: ``5×7``."""
    return f"{pair[0]}×{pair[1]}"


def pair_scalar(pair: Pair) -> str:
    """As PyTorch's arguments read: ``5`` when both axes agree, else ``(5, 7)``."""
    return str(pair[0]) if pair[0] == pair[1] else f"({pair[0]}, {pair[1]})"


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
