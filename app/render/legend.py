"""The legend's swatches: each one filled and bordered as its cells are in the picture."""

from __future__ import annotations

from app.render.edges import dashes, line_colours
from app.render.geometry import Geometry
from app.render.primitives import Label, Line, Rect, Shape
from app.render.theme import Colour, Theme, cell_fills
from app.render.wording import LegendKind


def _swatch_fills(theme: Theme) -> dict[LegendKind, Colour]:
    fills = cell_fills(theme)
    return {
        "input": theme.input,
        "padding": fills["padding"],
        "inserted": fills["inserted"],
        "kernel": theme.shaded(theme.input),
        "output": theme.output,
        "current": theme.shaded(theme.output),
        "slice": theme.background,
    }


def legend_shapes(geom: Geometry, theme: Theme) -> list[Shape]:
    fills = _swatch_fills(theme)
    colours = line_colours(theme)
    patterns = dashes(geom)
    shapes: list[Shape] = []
    size = geom.swatch
    for item in geom.legend:
        x, y = item.x, item.y
        if item.kind == "slice":
            # As a slice the kernel reads is: outlined, thick.
            shapes.append(Rect(x, y, size, size, fills["slice"], theme.ink, 2 * geom.line + 1))
        else:
            shapes.append(Rect(x, y, size, size, fills[item.kind]))
            # Only padding and inserted zeros have borders of their own; the rest are solid.
            style = item.kind if item.kind in ("padding", "inserted") else "input"
            for x1, y1, x2, y2 in (
                (x, y, x + size, y),
                (x, y + size, x + size, y + size),
                (x, y, x, y + size),
                (x + size, y, x + size, y + size),
            ):
                shapes.append(Line(x1, y1, x2, y2, colours[style], geom.line, patterns[style]))
        text_y = y + size // 2 + geom.font * 7 // 20
        shapes.append(Label(x + size + geom.font // 2, text_y, item.text, geom.font, theme.ink))
    return shapes
