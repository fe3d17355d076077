"""Where everything in a picture goes: one frame of a configuration as drawing primitives.

The SVG and raster writers only translate these primitives, so both draw the same picture.
As the paper draws it: the output grid (cyan) above the drawn input grid (blue units among
white zeros with dashed borders), the kernel's cells shaded darker and the current output cell
with them. Zeros inserted between input units by a transposed convolution are tinted and
bordered with dots, so they read apart from the padding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import ceil
from typing import Literal

from app.core.arithmetic import Arithmetic, AxisShape
from app.core.formatting import format_value
from app.core.frames import Frame, grid_kinds
from app.core.params import Pair
from app.core.schema import FigureValues
from app.render.theme import Colour, Theme, blend

Box = tuple[int, int, int, int]  # x, y, width, height
Dash = tuple[int, int]  # drawn, skipped (pixels)


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int
    fill: Colour | None
    stroke: Colour | None = None
    stroke_width: int = 0


@dataclass(frozen=True)
class Line:
    x1: int
    y1: int
    x2: int
    y2: int
    colour: Colour
    width: int
    dash: Dash | None = None


@dataclass(frozen=True)
class Label:
    x: int  # the anchor point, on the baseline
    y: int
    text: str
    size: int
    colour: Colour
    anchor: Literal["start", "middle"] = "start"


Shape = Rect | Line | Label
# The numbers of app/core/values.figure_values: "grid", "output" and "taps" (or None).
Values = FigureValues
VALUE_INK: Colour = (255, 255, 255)  # on the blue and cyan cells, in either theme
LegendKind = Literal["input", "padding", "inserted", "kernel", "output"]


def text_width(text: str, size: int) -> int:
    """A generous estimate of a sans-serif text's width; layout must not depend on a font."""
    return ceil(0.6 * size * len(text))


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
    return max(0, (ax.o - 1) * step + ax.ek - ax.grid)


def _input_label(arith: Arithmetic) -> str:
    (ih, iw), (gh, gw) = arith.input_shape, arith.grid_shape
    text = f"input {ih}×{iw}"
    edges = [e for ax in arith.axes for e in (ax.grid_before, ax.grid_after)]
    changes = []
    if arith.config.op == "transpose" and any(ax.s > 1 for ax in arith.axes):
        changes.append("stretched")
    if any(e > 0 for e in edges):
        changes.append("padded")
    if any(e < 0 for e in edges):
        changes.append("cropped")
    return f"{text}, {' and '.join(changes)} to {gh}×{gw}" if changes else text


def _legend_entries(arith: Arithmetic) -> list[tuple[LegendKind, str]]:
    c = arith.config
    entries: list[tuple[LegendKind, str]] = [("input", "input")]
    if any(e > 0 for ax in arith.axes for e in (ax.grid_before, ax.grid_after)):
        # PyTorch's max pooling pads with −∞, never with zeros.
        entries.append(("padding", "padding −∞" if c.op == "maxpool" else "padding 0"))
    if c.op == "transpose" and any(ax.s > 1 and ax.i > 1 for ax in arith.axes):
        entries.append(("inserted", "inserted 0"))
    window = "window" if c.op in ("maxpool", "avgpool") else "kernel"
    entries += [("kernel", window), ("output", "output")]
    return entries


def geometry(arith: Arithmetic, scale: int) -> Geometry:
    """The picture's geometry at ``scale`` pixels per cell."""
    cell = scale
    line = max(1, cell // 20)
    font = min(32, max(12, round(cell * 0.6)))
    margin = max(8, cell // 2)
    gap = max(4, font // 2)
    transposed = arith.config.op == "transpose"
    gh, gw = arith.grid_shape
    oh, ow = arith.output_shape
    hang_h, hang_w = (_overhang(ax, transposed) for ax in arith.axes)
    output_text = f"output {oh}×{ow}"
    input_text = _input_label(arith)
    swatch = min(cell, font)
    entries = _legend_entries(arith)
    item_widths = [swatch + gap + text_width(text, font) for _, text in entries]
    content = max(
        (gw + hang_w) * cell,
        text_width(output_text, font),
        text_width(input_text, font),
        max(item_widths),
    )
    width = content + 2 * margin
    grid_x = margin + (content - (gw + hang_w) * cell) // 2
    out_x = grid_x + (gw - ow) * cell // 2
    y = margin
    output_label = Placed(out_x + ow * cell // 2, y + font, output_text)
    y += font + gap
    out_y = y
    y += oh * cell + max(cell, 2 * font)
    grid_y = y
    y += (gh + hang_h) * cell + gap
    input_label = Placed(grid_x + gw * cell // 2, y + font, input_text)
    y += font + 2 * gap
    legend: list[LegendItem] = []
    x = margin
    row_height = max(swatch, font) + gap
    for (kind, text), item_width in zip(entries, item_widths, strict=True):
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


# Edge styles, weakest first: where two cells meet, the stronger one's border is drawn.
_STYLES = ("inserted", "padding", "input")


def _dashes(geom: Geometry) -> dict[str, Dash | None]:
    dash = max(2, geom.cell // 6)
    return {"input": None, "padding": (dash, dash), "inserted": (geom.line, max(2, dash // 2))}


def _edge_lines(
    kinds: Sequence[Sequence[str]], geom: Geometry, theme: Theme, horizontal: bool
) -> list[Shape]:
    """Grid lines along one direction, one Line per run of equally styled edges."""
    rows, cols = len(kinds), len(kinds[0])
    colours = {"input": theme.ink, "padding": theme.zero_line, "inserted": theme.inserted_line}
    dashes = _dashes(geom)
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
                    sides.append(_STYLES.index(kinds[r][c]))
            styles.append(_STYLES[max(sides)])
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
                lines.append(Line(*ends, colours[style], geom.line, dashes[style]))
                start = along
    return lines


def _solid_grid(origin: Pair, shape: Pair, geom: Geometry, colour: Colour) -> list[Shape]:
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


def cell_fills(theme: Theme) -> dict[str, Colour]:
    """The fill of each kind of grid cell, unshaded."""
    return {"input": theme.input, "padding": theme.zero, "inserted": inserted_fill(theme)}


def inserted_fill(theme: Theme) -> Colour:
    return blend(theme.zero, theme.inserted_line, 0.12)


def _has_fractions(rows: list[list[float]]) -> bool:
    return any(not float(v).is_integer() for row in rows for v in row)


def _number(geom: Geometry, centre: Pair, value: float | None, decimals: bool = False) -> Label:
    size = max(8, min(geom.font, geom.cell // 2))
    rise = size * 7 // 20  # from the centre down to the baseline of a centred digit
    x, y = centre
    return Label(x, y + rise, format_value(value, decimals), size, VALUE_INK, "middle")


def _number_shapes(
    geom: Geometry,
    kinds: Sequence[Sequence[str]],
    values: Values,
    cells: Iterable[Pair],
    outputs: Iterable[Pair],
) -> list[Shape]:
    """The values of these input cells and output cells, centred in them."""
    shapes: list[Shape] = [
        _number(geom, geom.grid_centre(r, c), values["grid"][r][c])
        for r, c in cells
        if kinds[r][c] == "input"
    ]
    decimals = _has_fractions(values["output"])
    shapes += [
        _number(geom, geom.output_centre(r, c), values["output"][r][c], decimals)
        for r, c in outputs
    ]
    return shapes


def _tap_shapes(geom: Geometry, theme: Theme, frame: Frame, values: Values) -> list[Shape]:
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
    shapes += _edge_lines(kinds, geom, theme, horizontal=True)
    shapes += _edge_lines(kinds, geom, theme, horizontal=False)
    oh, ow = geom.output_shape
    shapes.append(Rect(*geom.output_origin, ow * geom.cell, oh * geom.cell, theme.output))
    shapes += _solid_grid(geom.output_origin, geom.output_shape, geom, theme.ink)
    for label in (geom.output_label, geom.input_label):
        shapes.append(Label(label.x, label.y, label.text, geom.font, theme.ink, "middle"))
    shapes += _legend_shapes(geom, theme)
    if values is not None:
        every = [(r, c) for r in range(len(kinds)) for c in range(len(kinds[0]))]
        oh, ow = geom.output_shape
        outputs = [(r, c) for r in range(oh) for c in range(ow)]
        shapes += _number_shapes(geom, kinds, values, every, outputs)
    return shapes


def _legend_shapes(geom: Geometry, theme: Theme) -> list[Shape]:
    fills = cell_fills(theme)
    swatch_fills: dict[LegendKind, Colour] = {
        "input": theme.input,
        "padding": fills["padding"],
        "inserted": fills["inserted"],
        "kernel": theme.shaded(theme.input),
        "output": theme.output,
    }
    edge = {"input": "input", "kernel": "input", "output": "input"}
    dashes = _dashes(geom)
    shapes: list[Shape] = []
    size = geom.swatch
    for item in geom.legend:
        x, y = item.x, item.y
        shapes.append(Rect(x, y, size, size, swatch_fills[item.kind]))
        style = edge.get(item.kind, item.kind)
        colour = {"padding": theme.zero_line, "inserted": theme.inserted_line}.get(style, theme.ink)
        dash = dashes[style]
        for x1, y1, x2, y2 in (
            (x, y, x + size, y),
            (x, y + size, x + size, y + size),
            (x, y, x, y + size),
            (x + size, y, x + size, y + size),
        ):
            shapes.append(Line(x1, y1, x2, y2, colour, geom.line, dash))
        text_y = y + size // 2 + geom.font * 7 // 20
        shapes.append(Label(x + size + geom.font // 2, text_y, item.text, geom.font, theme.ink))
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
    shapes += _solid_grid((x0, y0), inside, geom, theme.ink)
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
        shapes += _number_shapes(geom, kinds, values, frame.cells, [frame.output])
        shapes += _tap_shapes(geom, theme, frame, values)
    return shapes


def scene(
    arith: Arithmetic, geom: Geometry, theme: Theme, frame: Frame, values: Values | None = None
) -> list[Shape]:
    """Everything one frame shows, in drawing order."""
    kinds = grid_kinds(arith)
    return base_shapes(geom, theme, kinds, values) + frame_shapes(geom, theme, frame, kinds, values)
