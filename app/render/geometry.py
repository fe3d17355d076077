"""Where everything in a picture goes: sizes and positions, before a single cell is drawn.

As the paper draws it: the output grid above the drawn input grid, each captioned, and the
legend below. Budgets check this geometry before any drawing starts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.core.arithmetic import Arithmetic, AxisShape
from app.core.extents import windows_span
from app.core.params import Pair
from app.render.primitives import Box, text_width
from app.render.wording import LegendKind, Words, wording


@dataclass(frozen=True)
class Placed:
    x: int
    y: int  # baseline
    text: str


@dataclass(frozen=True)
class LegendItem:
    kind: LegendKind
    text: str
    x: int
    y: int  # top of the swatch


@dataclass(frozen=True)
class Geometry:
    """Sizes and positions, computed without touching a single cell (budgets check this)."""

    cell: int
    line: int
    font: int
    width: int
    height: int
    grid_origin: Pair  # x, y of the drawn input grid's top-left corner
    grid_shape: Pair
    output_origin: Pair
    output_shape: Pair
    input_label: Placed  # centred on its x
    output_label: Placed
    legend: tuple[LegendItem, ...]
    swatch: int
    # Top-left corners of the grid's and the output's depth slices, side by side in a row
    # (3-D); below 3-D one each, the grid's and the output's own origins.
    grid_slices: tuple[Pair, ...] = ()
    output_slices: tuple[Pair, ...] = ()
    slice_labels: tuple[Placed, ...] = ()  # centred under each slice, grid's then output's
    slice_pad: int = 0  # the gap from a slice's cells to the outline of a slice being read

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def depths(self) -> tuple[int, int]:
        """How many depth slices the grid and the output have (1 and 1 below 3-D)."""
        return (max(1, len(self.grid_slices)), max(1, len(self.output_slices)))

    def on_slice(self, grid_z: int, output_z: int) -> Geometry:
        """This geometry with the grid's slice ``grid_z`` and the output's slice
        ``output_z`` where the plane's grids are: a slice is drawn as a plane is."""
        grid = self.grid_slices[grid_z] if self.grid_slices else self.grid_origin
        output = self.output_slices[output_z] if self.output_slices else self.output_origin
        return replace(self, grid_origin=grid, output_origin=output)

    def grid_box(self, row: int, col: int) -> Box:
        x0, y0 = self.grid_origin
        return (x0 + col * self.cell, y0 + row * self.cell, self.cell, self.cell)

    def output_box(self, row: int, col: int) -> Box:
        x0, y0 = self.output_origin
        return (x0 + col * self.cell, y0 + row * self.cell, self.cell, self.cell)

    def grid_centre(self, row: int, col: int) -> Pair:
        x, y, w, h = self.grid_box(row, col)
        return (x + w // 2, y + h // 2)

    def output_centre(self, row: int, col: int) -> Pair:
        x, y, w, h = self.output_box(row, col)
        return (x + w // 2, y + h // 2)


def _overhang(ax: AxisShape, transposed: bool) -> int:
    """Cells the last window hangs past the grid (ceil_mode pooling only)."""
    step = 1 if transposed else ax.s
    return max(0, windows_span(ax.o, ax.ek, step) - ax.grid)


def _row(start: int, count: int, slot: int, gap: int) -> list[int]:
    """The left edges of ``count`` slots of ``slot`` pixels, ``gap`` apart, from ``start``."""
    return [start + z * (slot + gap) for z in range(count)]


def geometry(arith: Arithmetic, scale: int, words: Words) -> Geometry:
    """The picture's geometry at ``scale`` pixels per cell, its texts in ``words``.

    A 3-D layer's grid and output are rows of depth slices, each captioned below, the
    output's row centred over the grid's."""
    cell = scale
    line = max(1, cell // 20)
    font = min(32, max(12, round(cell * 0.6)))
    margin = max(8, cell // 2)
    gap = max(4, font // 2)
    transposed = arith.config.op == "transpose"
    gh, gw = arith.grid_shape
    oh, ow = arith.output_shape
    hang_h, hang_w = (_overhang(ax, transposed) for ax in arith.axes)
    texts = wording(arith, words)
    swatch = min(cell, font)
    item_widths = [swatch + gap + text_width(text, font) for _, text in texts.legend]
    deep = arith.config.dims == 3
    # A slice is as wide as its cells or its caption; slices are a cell (or a font) apart.
    grid_slot = max([(gw + hang_w) * cell] + [text_width(t, font) for t in texts.grid_slices])
    out_slot = max([ow * cell] + [text_width(t, font) for t in texts.output_slices])
    apart = max(cell, font)
    grid_depth, out_depth = (arith.depth.grid, arith.depth.o) if deep else (1, 1)
    grid_row = grid_depth * grid_slot + (grid_depth - 1) * apart
    out_row = out_depth * out_slot + (out_depth - 1) * apart
    content = max(
        grid_row,
        out_row,
        text_width(texts.output, font),
        text_width(texts.grid, font),
        max(item_widths),
    )
    width = content + 2 * margin
    grid_x = margin + (content - grid_row) // 2
    # In 2-D the output is centred over the grid's cells, as the paper draws it.
    out_x = margin + (content - out_row) // 2 if deep else grid_x + (gw - ow) * cell // 2
    y = margin
    output_label = Placed(
        margin + content // 2 if deep else out_x + ow * cell // 2, y + font, texts.output
    )
    y += font + gap
    out_y = y
    y += oh * cell
    labels: list[Placed] = []
    out_xs = [x + (out_slot - ow * cell) // 2 for x in _row(out_x, out_depth, out_slot, apart)]
    if deep:
        y += gap
        labels += [
            Placed(x + ow * cell // 2, y + font, text)
            for x, text in zip(out_xs, texts.output_slices, strict=True)
        ]
        y += font
    y += max(cell, 2 * font)
    grid_y = y
    y += (gh + hang_h) * cell + gap
    inset = (grid_slot - (gw + hang_w) * cell) // 2
    grid_xs = [x + inset for x in _row(grid_x, grid_depth, grid_slot, apart)]
    if deep:
        grid_labels = [
            Placed(x + gw * cell // 2, y + font, text)
            for x, text in zip(grid_xs, texts.grid_slices, strict=True)
        ]
        labels = grid_labels + labels
        y += font + 2 * gap
    input_label = Placed(
        margin + content // 2 if deep else grid_x + gw * cell // 2, y + font, texts.grid
    )
    y += font + 2 * gap
    legend: list[LegendItem] = []
    x = margin
    row_height = max(swatch, font) + gap
    for (kind, text), item_width in zip(texts.legend, item_widths, strict=True):
        if x > margin and x + item_width > margin + content:
            x, y = margin, y + row_height
        legend.append(LegendItem(kind, text, x, y))
        x += item_width + 2 * gap
    height = y + row_height - gap + margin
    slices = (
        (tuple((x, grid_y) for x in grid_xs), tuple((x, out_y) for x in out_xs))
        if deep
        else ((), ())
    )
    return Geometry(
        cell,
        line,
        font,
        width,
        height,
        (grid_xs[0], grid_y),
        (gh, gw),
        (out_x if not deep else out_xs[0], out_y),
        (oh, ow),
        input_label,
        output_label,
        tuple(legend),
        swatch,
        *slices,
        tuple(labels),
        max(2, apart // 4),
    )
