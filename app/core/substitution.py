"""A configuration's relationship with its numbers substituted, as the page shows it.

Where PyTorch's ceil_mode drops a window the relationship counts, the line says so and
subtracts it, so the substituted value always ends at the output size. A layer shows its own
axes: one line in 1-D, and in 3-D one per axis (depth, height, width) where they differ.
"""

from __future__ import annotations

from app.core.arithmetic import Arithmetic
from app.core.catalogue import DEFAULT_LANG, Sentence
from app.core.relationships import AxisTerms

# What each axis of a layer is called, and which padding a dropped window would start in;
# the last entry is every axis at once (the catalogue's substitution.axis_* and side_*).
_NAMES = {1: ("width",), 2: ("height", "width"), 3: ("depth", "height", "width")}
_LAST_SIDES = {
    1: ("right", "right"),
    2: ("bottom", "right", "bottom_right"),
    3: ("back", "bottom", "right", "back_bottom_right"),
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


def substituted(arith: Arithmetic, lang: str = DEFAULT_LANG) -> str:
    """The relationship with this configuration's numbers, per axis where the axes differ,
    said in ``lang``."""
    line = substituted_line(arith)
    return line if isinstance(line, str) else line.say(lang)


def substituted_line(arith: Arithmetic) -> Sentence | str:
    """``substituted`` as a line a page says in its own language: the formula alone where
    every axis agrees and no window is dropped, else a sentence naming the axes."""
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
    lines = [
        Sentence(
            "substitution.axis",
            {"axis": Sentence(f"substitution.axis_{name}"), "line": _with_drop(*line, side)},
        )
        for name, line, side in zip(_NAMES[dims], shown, sides, strict=False)
    ]
    if len(lines) == 2:
        return Sentence("substitution.two", {"first": lines[0], "second": lines[1]})
    return Sentence(
        "substitution.three", {"first": lines[0], "second": lines[1], "third": lines[2]}
    )


def _with_drop(line: str, drop: int, o: int, side: str) -> Sentence | str:
    """A substituted line, less the ``drop`` windows PyTorch does not count (ceil_mode)."""
    if not drop:
        return line
    values = {"line": line, "drop": drop, "o": o, "side": Sentence(f"substitution.side_{side}")}
    return Sentence("substitution.drop", values)
