"""Numbers in the cells, as the paper's chapter-1 figures print them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from app.core.formatting import format_value
from app.core.frames import Frame
from app.core.params import Pair
from app.core.schema import FigureValues
from app.render.geometry import Geometry
from app.render.primitives import Label, Shape, text_width
from app.render.theme import Colour, Theme

# The numbers of app/core/values.figure_values: "grid", "output" and "taps" (or None).
Values = FigureValues
VALUE_INK: Colour = (255, 255, 255)  # on the blue and cyan cells, in either theme


def has_fractions(numbers: list[Any]) -> bool:
    """Whether any number is not whole: rows of numbers, or (3-D) slices of rows."""
    return any(
        has_fractions(v) if isinstance(v, list) else not float(v).is_integer() for v in numbers
    )


def on_slice(values: Values, grid_z: int, output_z: int, tap_z: int = 0) -> Values:
    """A 3-D layer's numbers on one grid slice, one output slice and one kernel slice: the
    plane's numbers, as a 2-D layer's."""
    taps = values["taps"]
    plane: Values = {
        **values,
        "grid": values["grid"][grid_z],
        "output": values["output"][output_z],
        "taps": None if taps is None else taps[tap_z],
    }
    return plane


def _number(
    geom: Geometry,
    centre: Pair,
    value: float | None,
    decimals: bool = False,
    ink: Colour = VALUE_INK,
) -> Label:
    size = max(8, min(geom.font, geom.cell // 2))
    rise = size * 7 // 20  # from the centre down to the baseline of a centred digit
    x, y = centre
    return Label(x, y + rise, format_value(value, decimals), size, ink, "middle")


def number_shapes(
    geom: Geometry,
    kinds: Sequence[Sequence[str]],
    values: Values,
    cells: Iterable[Pair],
    outputs: Iterable[Pair],
    ink: Colour,
    decimals: bool | None = None,
) -> list[Shape]:
    """The values of these input cells and output cells, centred in them; the padding's
    too where a padding mode fills it (in ``ink``: padding cells are pale). Outputs take one
    decimal when any has a fraction (``decimals``: a 3-D layer's every slice, not this one)."""
    shapes: list[Shape] = [
        _number(geom, geom.grid_centre(r, c), values["grid"][r][c])
        for r, c in cells
        if kinds[r][c] == "input"
    ]
    if values["shows_padding"]:
        shapes += [
            _number(geom, geom.grid_centre(r, c), values["grid"][r][c], ink=ink)
            for r, c in cells
            if kinds[r][c] == "padding"
        ]
    if decimals is None:
        decimals = has_fractions(values["output"])
    shapes += [
        _number(geom, geom.output_centre(r, c), values["output"][r][c], decimals)
        for r, c in outputs
    ]
    return shapes


def tap_shapes(geom: Geometry, theme: Theme, frame: Frame, values: Values) -> list[Shape]:
    """The kernel's weights in the corner of the cells it covers, as the paper's subscripts.
    A convolution's frame lists its cells in the kernel's own row-major order."""
    taps = values["taps"]
    if taps is None:
        return []
    weights = [w for row in taps for w in row]
    size = max(7, geom.font * 11 // 20)
    shapes: list[Shape] = []
    for (r, c), weight in zip(frame.cells, weights, strict=False):
        x, y, w, h = geom.grid_box(r, c)
        text = format_value(weight)
        left = x + w - text_width(text, size) - max(1, w // 16)
        shapes.append(Label(left, y + h - max(1, h // 12), text, size, theme.ink))
    return shapes
