"""Grid lines: solid between input units, dashed around padding, dotted around inserted zeros.

Where two cells of different kinds meet, the stronger kind's border is drawn, one Line per
run of equally styled edges, so the SVG stays small.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.params import Pair
from app.render.geometry import Geometry
from app.render.primitives import Dash, Line, Shape
from app.render.theme import Colour, Theme

# Edge styles, weakest first: where two cells meet, the stronger one's border is drawn.
STYLES = ("inserted", "padding", "input")


def dashes(geom: Geometry) -> dict[str, Dash | None]:
    """Each style's dash pattern at this geometry's cell size."""
    dash = max(2, geom.cell // 6)
    return {"input": None, "padding": (dash, dash), "inserted": (geom.line, max(2, dash // 2))}


def line_colours(theme: Theme) -> dict[str, Colour]:
    return {"input": theme.ink, "padding": theme.zero_line, "inserted": theme.inserted_line}


def edge_lines(
    kinds: Sequence[Sequence[str]], geom: Geometry, theme: Theme, horizontal: bool
) -> list[Shape]:
    """Grid lines along one direction, one Line per run of equally styled edges."""
    rows, cols = len(kinds), len(kinds[0])
    colours = line_colours(theme)
    patterns = dashes(geom)
    x0, y0 = geom.grid_origin
    cell = geom.cell
    lines: list[Shape] = []
    outer, inner = (rows, cols) if horizontal else (cols, rows)
    for boundary in range(outer + 1):
        styles = []
        for along in range(inner):
            sides = []
            for across in (boundary - 1, boundary):
                if 0 <= across < outer:
                    r, c = (across, along) if horizontal else (along, across)
                    sides.append(STYLES.index(kinds[r][c]))
            styles.append(STYLES[max(sides)])
        start = 0
        for along in range(1, inner + 1):
            if along == inner or styles[along] != styles[start]:
                style = styles[start]
                a, b = start * cell, along * cell
                fixed = boundary * cell
                if horizontal:
                    ends = (x0 + a, y0 + fixed, x0 + b, y0 + fixed)
                else:
                    ends = (x0 + fixed, y0 + a, x0 + fixed, y0 + b)
                lines.append(Line(*ends, colours[style], geom.line, patterns[style]))
                start = along
    return lines


def solid_grid(origin: Pair, shape: Pair, geom: Geometry, colour: Colour) -> list[Shape]:
    """Every line of a ``shape`` grid of cells from ``origin``, solid."""
    x0, y0 = origin
    rows, cols = shape
    cell = geom.cell
    lines: list[Shape] = [
        Line(x0, y0 + r * cell, x0 + cols * cell, y0 + r * cell, colour, geom.line)
        for r in range(rows + 1)
    ]
    lines += [
        Line(x0 + c * cell, y0, x0 + c * cell, y0 + rows * cell, colour, geom.line)
        for c in range(cols + 1)
    ]
    return lines
