"""One frame of a configuration as drawing primitives, in drawing order.

As the paper draws it: the output grid (cyan) above the drawn input grid (blue units among
white zeros with dashed borders), the kernel's cells shaded darker and the current output cell
with them. Zeros inserted between input units by a transposed convolution are tinted and
bordered with dots, so they read apart from the padding.

A 1-D layer is the plane one row high: a strip. A 3-D layer draws each depth slice of the
grid and of the output as a plane, side by side; at each step the kernel's cells are shaded
on every slice it reads, and those slices are outlined.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.arithmetic import Arithmetic
from app.core.frames import Frame, grid_kinds, volume_kinds
from app.render.edges import edge_lines, solid_grid
from app.render.geometry import Geometry
from app.render.legend import legend_shapes
from app.render.numbers import Values, has_fractions, number_shapes, on_slice, tap_shapes
from app.render.primitives import Label, Rect, Shape
from app.render.steps import SliceKinds, Step
from app.render.theme import Theme, cell_fills


def drawn_kinds(arith: Arithmetic) -> list[SliceKinds]:
    """The kinds of the grid's cells, one plane per depth slice (one below 3-D)."""
    return volume_kinds(arith) if arith.config.dims == 3 else [grid_kinds(arith)]


def _plane(geom: Geometry, theme: Theme, kinds: Sequence[Sequence[str]]) -> list[Shape]:
    """One plane of the grid: its cells and their borders, at the geometry's grid origin."""
    fills = cell_fills(theme)
    shapes: list[Shape] = [
        Rect(*geom.grid_box(r, c), fills[kind])
        for r, row in enumerate(kinds)
        for c, kind in enumerate(row)
    ]
    shapes += edge_lines(kinds, geom, theme, horizontal=True)
    shapes += edge_lines(kinds, geom, theme, horizontal=False)
    return shapes


def _output_plane(geom: Geometry, theme: Theme) -> list[Shape]:
    oh, ow = geom.output_shape
    shapes: list[Shape] = [Rect(*geom.output_origin, ow * geom.cell, oh * geom.cell, theme.output)]
    return shapes + solid_grid(geom.output_origin, geom.output_shape, geom, theme.ink)


def base_shapes(
    geom: Geometry, theme: Theme, kinds: Sequence[SliceKinds], values: Values | None = None
) -> list[Shape]:
    """What every frame shares: both grids (every depth slice), their labels and the legend
    (and the numbers)."""
    shapes: list[Shape] = [Rect(0, 0, geom.width, geom.height, theme.background)]
    out_depth = geom.depths[1]
    for z, plane in enumerate(kinds):
        shapes += _plane(geom.on_slice(z, 0), theme, plane)
    for z in range(out_depth):
        shapes += _output_plane(geom.on_slice(0, z), theme)
    for label in (geom.output_label, geom.input_label, *geom.slice_labels):
        shapes.append(Label(label.x, label.y, label.text, geom.font, theme.ink, "middle"))
    shapes += legend_shapes(geom, theme)
    if values is not None:
        shapes += _base_numbers(geom, theme, kinds, values)
    return shapes


def _base_numbers(
    geom: Geometry, theme: Theme, kinds: Sequence[SliceKinds], values: Values
) -> list[Shape]:
    """Every grid cell's number and every output cell's, slice by slice in 3-D."""
    shapes: list[Shape] = []
    gh, gw = geom.grid_shape
    oh, ow = geom.output_shape
    every = [(r, c) for r in range(gh) for c in range(gw)]
    outputs = [(r, c) for r in range(oh) for c in range(ow)]
    if not geom.grid_slices:
        (plane,) = kinds
        return number_shapes(geom, plane, values, every, outputs, theme.ink)
    decimals = has_fractions(values["output"])
    for z, plane in enumerate(kinds):
        numbers = on_slice(values, z, 0)
        shapes += number_shapes(geom.on_slice(z, 0), plane, numbers, every, [], theme.ink)
    for z in range(geom.depths[1]):
        numbers = on_slice(values, 0, z)
        on = geom.on_slice(0, z)
        shapes += number_shapes(on, kinds[0], numbers, [], outputs, theme.ink, decimals)
    return shapes


def kernel_shapes(
    geom: Geometry, theme: Theme, frame: Frame, kinds: Sequence[Sequence[str]]
) -> list[Shape]:
    """The kernel on one plane: its shaded cells, their solid borders and its outline."""
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
    cell = geom.cell
    # The whole window is outlined, hanging past the grid where ceil_mode lets it.
    height, width = (bottom - top + 1) * cell, (right - left + 1) * cell
    shapes.append(Rect(x0, y0, width, height, None, theme.ink, _thick(geom)))
    return shapes


def _thick(geom: Geometry) -> int:
    return 2 * geom.line + 1


def _read_slice(geom: Geometry, theme: Theme) -> Rect:
    """The outline around a whole depth slice the kernel reads."""
    x0, y0 = geom.grid_origin
    gh, gw = geom.grid_shape
    pad = geom.slice_pad
    box = (x0 - pad, y0 - pad, gw * geom.cell + 2 * pad, gh * geom.cell + 2 * pad)
    return Rect(*box, None, theme.ink, _thick(geom))


def frame_shapes(
    geom: Geometry,
    theme: Theme,
    step: Step,
    kinds: Sequence[SliceKinds],
    values: Values | None = None,
) -> list[Shape]:
    """What one step adds: the kernel's shaded cells and outline on each slice it reads
    (outlined in 3-D), and the current output cell."""
    frame = step.frame
    shapes: list[Shape] = []
    for z in step.slices:
        on = geom.on_slice(z, step.depth)
        shapes += kernel_shapes(on, theme, frame, kinds[z])
        if geom.grid_slices:
            shapes.append(_read_slice(on, theme))
    on = geom.on_slice(0, step.depth)
    r, c = frame.output
    shapes.append(
        Rect(*on.output_box(r, c), theme.shaded(theme.output), theme.ink, _thick(geom)),
    )
    if values is not None:
        shapes += _step_numbers(geom, theme, step, kinds, values)
    return shapes


def _step_numbers(
    geom: Geometry, theme: Theme, step: Step, kinds: Sequence[SliceKinds], values: Values
) -> list[Shape]:
    """Shading covered the numbers under the kernel and on the output cell: redraw them,
    with the kernel's weights (a 3-D kernel's slice j on the j-th slice it reads)."""
    frame = step.frame
    if not geom.grid_slices:
        (plane,) = kinds
        shapes = number_shapes(geom, plane, values, frame.cells, [frame.output], theme.ink)
        return shapes + tap_shapes(geom, theme, frame, values)
    shapes = []
    for j, z in enumerate(step.slices):
        on, numbers = geom.on_slice(z, step.depth), on_slice(values, z, step.depth, j)
        shapes += number_shapes(on, kinds[z], numbers, frame.cells, [], theme.ink)
        shapes += tap_shapes(on, theme, frame, numbers)
    on, numbers = geom.on_slice(0, step.depth), on_slice(values, 0, step.depth)
    decimals = has_fractions(values["output"])
    shapes += number_shapes(on, kinds[0], numbers, [], [frame.output], theme.ink, decimals)
    return shapes


def scene(
    arith: Arithmetic, geom: Geometry, theme: Theme, step: Step, values: Values | None = None
) -> list[Shape]:
    """Everything one step shows, in drawing order."""
    kinds = drawn_kinds(arith)
    return base_shapes(geom, theme, kinds, values) + frame_shapes(geom, theme, step, kinds, values)
