"""A configuration's relationship with its numbers substituted, as the page shows it.

Where PyTorch's ceil_mode drops a window the relationship counts, the line says so and
subtracts it, so the substituted value always ends at the output size.
"""

from __future__ import annotations

from app.core.arithmetic import Arithmetic
from app.core.params import Pair


def dropped_windows(arith: Arithmetic) -> Pair:
    """Per axis, the windows the relationship counts but PyTorch drops: under ceil_mode, one
    that would start in the right padding. 0 wherever the relationship is the output size."""
    rel = arith.relationship
    h, w = (
        rel.equation.evaluate(rel.variables(t)) - ax.o
        for ax, t in zip(arith.axes, arith.terms, strict=True)
    )
    return (h, w)


def substituted(arith: Arithmetic) -> str:
    """The relationship with this configuration's numbers, per axis where the axes differ."""
    rel = arith.relationship
    shown = [
        (rel.equation.substituted(rel.variables(t)), drop, ax.o)
        for t, drop, ax in zip(arith.terms, dropped_windows(arith), arith.axes, strict=True)
    ]
    if shown[0] == shown[1]:
        return _with_drop(*shown[0], "bottom and right")
    return f"height: {_with_drop(*shown[0], 'bottom')}; width: {_with_drop(*shown[1], 'right')}"


def _with_drop(line: str, drop: int, o: int, side: str) -> str:
    """A substituted line, less the ``drop`` windows PyTorch does not count (ceil_mode)."""
    if not drop:
        return line
    return (
        f"{line} − {drop} = {o} (PyTorch drops the last window: it would start in the {side} "
        "padding)"
    )
