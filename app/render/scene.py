"""One frame of a configuration as drawing primitives, in drawing order.

As the paper draws it: the output grid (cyan) above the drawn input grid (blue units among
white zeros with dashed borders), the kernel's cells shaded darker and the current output cell
with them. Zeros inserted between input units by a transposed convolution are tinted and
bordered with dots, so they read apart from the padding.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.arithmetic import Arithmetic
from app.core.frames import Frame, grid_kinds
from app.render.edges import edge_lines, solid_grid
from app.render.geometry import Geometry
from app.render.legend import legend_shapes
from app.render.numbers import Values, number_shapes, tap_shapes
from app.render.primitives import Label, Rect, Shape
from app.render.theme import Theme, cell_fills


def base_shapes(
    geom: Geometry, theme: Theme, kinds: Sequence[Sequence[str]], values: Values | None = None
) -> list[Shape]:
    """What every frame shares: both grids, their labels and the legend (and the numbers)."""
    fills = cell_fills(theme)
    shapes: list[Shape] = [Rect(0, 0, geom.width, geom.height, theme.background)]
    shapes += [
        Rect(*geom.grid_box(r, c), fills[kind])
        for r, row in enumerate(kinds)
        for c, kind in enumerate(row)
    ]
    shapes += edge_lines(kinds, geom, theme, horizontal=True)
    shapes += edge_lines(kinds, geom, theme, horizontal=False)
    oh, ow = geom.output_shape
    shapes.append(Rect(*geom.output_origin, ow * geom.cell, oh * geom.cell, theme.output))
    shapes += solid_grid(geom.output_origin, geom.output_shape, geom, theme.ink)
    for label in (geom.output_label, geom.input_label):
        shapes.append(Label(label.x, label.y, label.text, geom.font, theme.ink, "middle"))
    shapes += legend_shapes(geom, theme)
    if values is not None:
        every = [(r, c) for r in range(len(kinds)) for c in range(len(kinds[0]))]
        outputs = [(r, c) for r in range(oh) for c in range(ow)]
        shapes += number_shapes(geom, kinds, values, every, outputs, theme.ink)
    return shapes


def frame_shapes(
    geom: Geometry,
    theme: Theme,
    frame: Frame,
    kinds: Sequence[Sequence[str]],
    values: Values | None = None,
) -> list[Shape]:
    """What one step adds: the kernel's shaded cells and outline, and the output cell."""
    fills = cell_fills(theme)
    shapes: list[Shape] = [
        Rect(*geom.grid_box(r, c), theme.shaded(fills[kinds[r][c]])) for r, c in frame.cells
    ]
    top, left, bottom, right = frame.window
    gh, gw = geom.grid_shape
    x0, y0, _, _ = geom.grid_box(top, left)
    # Inside the grid the window's cells get solid borders, as in the paper.
    inside = (min(bottom, gh - 1) - top + 1, min(right, gw - 1) - left + 1)
    shapes += solid_grid((x0, y0), inside, geom, theme.ink)
    thick = 2 * geom.line + 1
    cell = geom.cell
    # The whole window is outlined, hanging past the grid where ceil_mode lets it.
    height, width = (bottom - top + 1) * cell, (right - left + 1) * cell
    shapes.append(Rect(x0, y0, width, height, None, theme.ink, thick))
    r, c = frame.output
    shapes.append(
        Rect(*geom.output_box(r, c), theme.shaded(theme.output), theme.ink, thick),
    )
    if values is not None:
        # Shading covered the numbers under the kernel and on the output cell: redraw them.
        shapes += number_shapes(geom, kinds, values, frame.cells, [frame.output], theme.ink)
        shapes += tap_shapes(geom, theme, frame, values)
    return shapes


def scene(
    arith: Arithmetic, geom: Geometry, theme: Theme, frame: Frame, values: Values | None = None
) -> list[Shape]:
    """Everything one frame shows, in drawing order."""
    kinds = grid_kinds(arith)
    return base_shapes(geom, theme, kinds, values) + frame_shapes(geom, theme, frame, kinds, values)
