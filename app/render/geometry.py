"""Where everything in a picture goes: sizes and positions, before a single cell is drawn.

As the paper draws it: the output grid above the drawn input grid, each captioned, and the
legend below. Budgets check this geometry before any drawing starts.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def pixels(self) -> int:
        return self.width * self.height

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


def geometry(arith: Arithmetic, scale: int, words: Words) -> Geometry:
    """The picture's geometry at ``scale`` pixels per cell, its texts in ``words``."""
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
    content = max(
        (gw + hang_w) * cell,
        text_width(texts.output, font),
        text_width(texts.grid, font),
        max(item_widths),
    )
    width = content + 2 * margin
    grid_x = margin + (content - (gw + hang_w) * cell) // 2
    out_x = grid_x + (gw - ow) * cell // 2
    y = margin
    output_label = Placed(out_x + ow * cell // 2, y + font, texts.output)
    y += font + gap
    out_y = y
    y += oh * cell + max(cell, 2 * font)
    grid_y = y
    y += (gh + hang_h) * cell + gap
    input_label = Placed(grid_x + gw * cell // 2, y + font, texts.grid)
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
    return Geometry(
        cell,
        line,
        font,
        width,
        height,
        (grid_x, grid_y),
        (gh, gw),
        (out_x, out_y),
        (oh, ow),
        input_label,
        output_label,
        tuple(legend),
        swatch,
    )
