"""A configuration's relationship with its numbers substituted, as the page shows it.

Where PyTorch's ceil_mode drops a window the relationship counts, the line says so and
subtracts it, so the substituted value always ends at the output size. A layer shows its own
axes: one line in 1-D, and in 3-D one per axis (depth, height, width) where they differ.
"""

from __future__ import annotations

from app.core.arithmetic import Arithmetic
from app.core.relationships import AxisTerms

# What each axis of a layer is called, and which padding a dropped window would start in;
# the last entry is every axis at once.
_NAMES = {1: ("width",), 2: ("height", "width"), 3: ("depth", "height", "width")}
_LAST_SIDES = {
    1: ("right", "right"),
    2: ("bottom", "right", "bottom and right"),
    3: ("back", "bottom", "right", "back, bottom and right"),
}


def layer_terms(arith: Arithmetic) -> tuple[AxisTerms, ...]:
    """The paper's terms on each of the layer's own axes, depth first."""
    return (arith.depth_terms, *arith.terms)[3 - arith.config.dims :]


def dropped_windows(arith: Arithmetic) -> tuple[int, ...]:
    """Per axis of the layer, the windows the relationship counts but PyTorch drops: under
    ceil_mode, one that would start in the last padding. 0 wherever the relationship is the
    output size."""
    rel = arith.relationship
    return tuple(
        rel.equation.evaluate(rel.variables(t)) - ax.o
        for ax, t in zip(arith.layer_axes, layer_terms(arith), strict=True)
    )


def substituted(arith: Arithmetic) -> str:
    """The relationship with this configuration's numbers, per axis where the axes differ."""
    rel = arith.relationship
    dims = arith.config.dims
    shown = [
        (rel.equation.substituted(rel.variables(t)), drop, ax.o)
        for t, drop, ax in zip(
            layer_terms(arith), dropped_windows(arith), arith.layer_axes, strict=True
        )
    ]
    sides = _LAST_SIDES[dims]
    if len(set(shown)) == 1:
        return _with_drop(*shown[0], sides[-1])
    return "; ".join(
        f"{name}: {_with_drop(*line, side)}"
        for name, line, side in zip(_NAMES[dims], shown, sides, strict=False)
    )


def _with_drop(line: str, drop: int, o: int, side: str) -> str:
    """A substituted line, less the ``drop`` windows PyTorch does not count (ceil_mode)."""
    if not drop:
        return line
    return (
        f"{line} − {drop} = {o} (PyTorch drops the last window: it would start in the {side} "
        "padding)"
    )
