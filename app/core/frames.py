"""Per-step frames: one per output cell, row-major from the top-left, as the paper's figures.

The grid is what the paper draws: the padded input for convolution and pooling, and for a
transposed convolution the input stretched by s − 1 zeros between units and padded (or
cropped) for the equivalent stride-1 direct convolution.

Every frame is one kernel pattern placed at one origin, and the origins are the product of a
row's and a column's: a frame is (origins.rows[r], origins.cols[c]) plus the taps, dropped
where they pass the grid. ``FramePattern`` holds exactly that, as arrays; the per-frame lists
(``frames``) are built from it only where a per-frame listing is asked for. A 3-D layer adds
the depth: its frames are depth-major, a slice's origin and the depth taps first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.core.arithmetic import Arithmetic, AxisShape
from app.core.limits import LIMITS, DrawingBounds
from app.core.parameters import ConfigError
from app.core.schema import Frame as FrameAnswer
from app.core.schema import GridKind

Cell = tuple[int, int]


@dataclass(frozen=True)
class Frame:
    output: Cell
    cells: tuple[Cell, ...]
    # The whole effective kernel's extent (top, left, bottom, right), inclusive; under
    # ceil_mode it may hang past the grid, where PyTorch pools only the cells inside.
    window: tuple[int, int, int, int]


@dataclass(frozen=True)
class AxisFrames:
    """One axis of every frame: where each frame row (or column) starts, the kernel's
    offsets from there, and the line a tap must stay below to be drawn."""

    origins: np.ndarray  # int64, one per frame row or column
    taps: np.ndarray  # int64, one per kernel row or column: j·d
    bound: int  # the grid's (or canvas's) size along this axis
    extent: int  # the effective kernel's size: the window's span

    def inside(self) -> np.ndarray:
        """Per origin and tap, whether the tap lands on the grid (ceil_mode may pass it)."""
        mask: np.ndarray = (self.origins[:, None] + self.taps[None, :]) < self.bound
        return mask


@dataclass(frozen=True)
class FramePattern:
    rows: AxisFrames
    cols: AxisFrames
    # A 3-D layer's depth axis; None in 1-D and 2-D, whose frames are the plane's.
    depth: AxisFrames | None = None

    @property
    def shape(self) -> Cell:
        """Frames per axis of the plane."""
        return (len(self.rows.origins), len(self.cols.origins))

    @property
    def axes(self) -> tuple[AxisFrames, ...]:
        """The drawn axes, depth first where there is one."""
        return (self.rows, self.cols) if self.depth is None else (self.depth, self.rows, self.cols)


class TooLargeToDraw(ConfigError):
    """A valid configuration past a drawing limit: its arithmetic is still answered, so the
    page shows the shapes and says why the figure is not drawn (a 422 with reason 'drawing')."""


def check_frame_budget(arith: Arithmetic, bounds: DrawingBounds = LIMITS.compact) -> None:
    """Refuse, before any work, a configuration whose frames are past ``bounds``."""
    if arith.config.dims == 3:
        _check_volume_budget(arith, bounds)
        return
    axes = arith.axes
    gh, gw = axes[0].grid, axes[1].grid
    if max(gh, gw) > bounds.grid:
        # The grid is the padded input, or a transposed convolution's stretched input padded
        # by d(k − 1) − p: what shrinks it differs.
        key = (
            "refusal.grid_too_large_transpose"
            if arith.config.op == "transpose"
            else "refusal.grid_too_large"
        )
        raise TooLargeToDraw("i", key, h=gh, w=gw, limit=bounds.grid)
    oh, ow = axes[0].o, axes[1].o
    if oh * ow > bounds.frames:
        raise TooLargeToDraw(
            "i",
            "refusal.too_many_steps",
            steps=f"{oh * ow:,}",
            oh=oh,
            ow=ow,
            limit=f"{bounds.frames:,}",
        )
    kh, kw = axes[0].k, axes[1].k
    total = oh * ow * kh * kw
    if total > bounds.cells:
        raise TooLargeToDraw(
            "i",
            "refusal.too_many_frame_cells",
            cells=f"{total:,}",
            oh=oh,
            ow=ow,
            kh=kh,
            kw=kw,
            limit=f"{bounds.cells:,}",
        )


def _check_volume_budget(arith: Arithmetic, bounds: DrawingBounds) -> None:
    """The 3-D bounds: the grid per side and in all, the steps od·oh·ow and the cells the
    frames name, steps·kd·kh·kw."""
    (gd, gh, gw), (od, oh, ow) = arith.layer_shape("grid"), arith.layer_shape("o")
    kd, kh, kw = arith.layer_shape("k")
    if max(gd, gh, gw) > bounds.grid:
        key = (
            "refusal.grid_too_large_transpose_3d"
            if arith.config.op == "transpose"
            else "refusal.grid_too_large_3d"
        )
        raise TooLargeToDraw("i", key, d=gd, h=gh, w=gw, limit=bounds.grid)
    if gd * gh * gw > bounds.volume:
        raise TooLargeToDraw(
            "i",
            "refusal.grid_volume_too_large_transpose"
            if arith.config.op == "transpose"
            else "refusal.grid_volume_too_large",
            d=gd,
            h=gh,
            w=gw,
            cells=f"{gd * gh * gw:,}",
            limit=f"{bounds.volume:,}",
        )
    steps = od * oh * ow
    if steps > bounds.frames:
        raise TooLargeToDraw(
            "i",
            "refusal.too_many_steps_3d",
            steps=f"{steps:,}",
            od=od,
            oh=oh,
            ow=ow,
            limit=f"{bounds.frames:,}",
        )
    total = steps * kd * kh * kw
    if total > bounds.cells:
        raise TooLargeToDraw(
            "i",
            "refusal.too_many_frame_cells_3d",
            cells=f"{total:,}",
            od=od,
            oh=oh,
            ow=ow,
            kd=kd,
            kh=kh,
            kw=kw,
            limit=f"{bounds.cells:,}",
        )


# A line's kind as a number, ordered so that a cell's kind is the larger of its row's and
# its column's: padding wins over inserted, inserted over input.
INPUT, INSERTED, PADDING = 0, 1, 2
KIND_NAMES: tuple[GridKind, GridKind, GridKind] = ("input", "inserted", "padding")


def axis_codes(ax: AxisShape, transposed: bool) -> np.ndarray:
    """Kind of each grid line along one axis, as INPUT, INSERTED or PADDING."""
    t = np.arange(ax.grid) - ax.grid_before
    inserted = (t % ax.grid_stride != 0) if transposed else np.zeros(ax.grid, dtype=bool)
    codes: np.ndarray = np.where(
        (t < 0) | (t >= ax.stretched), PADDING, np.where(inserted, INSERTED, INPUT)
    )
    return codes


def check_verbose(grid: tuple[int, ...], steps: int, cells: int) -> None:
    """Refuse a verbose answer (every frame's cells listed) past its bounds, which keep its
    first answer fast; the compact form describes the same frames in a fraction of it. A 3-D
    grid (depth first) is bounded per side and, as check_frame_budget's, in all."""
    bounds = LIMITS.verbose
    three = len(grid) == 3
    if (
        max(grid) > bounds.grid
        or steps > bounds.frames
        or cells > bounds.cells
        or (three and math.prod(grid) > bounds.volume)
    ):
        shape = (
            {"d": grid[0], "h": grid[1], "w": grid[2], "volume": f"{bounds.volume:,}"}
            if three
            else {"h": grid[0], "w": grid[1]}
        )
        raise TooLargeToDraw(
            "form",
            "refusal.verbose_too_large_3d" if three else "refusal.verbose_too_large",
            steps=f"{steps:,}",
            cells=f"{cells:,}",
            grid=bounds.grid,
            frames=f"{bounds.frames:,}",
            limit=f"{bounds.cells:,}",
            **shape,
        )


def check_verbose_frames(arith: Arithmetic) -> None:
    if arith.config.dims == 3:
        steps = math.prod(arith.layer_shape("o"))
        cells = steps * math.prod(arith.layer_shape("k"))
        check_verbose(tuple(arith.layer_shape("grid")), steps, cells)
        return
    (oh, ow), (kh, kw) = arith.output_shape, arith.config.k
    check_verbose(arith.grid_shape, oh * ow, oh * ow * kh * kw)


def axis_kinds(ax: AxisShape, transposed: bool) -> list[GridKind]:
    """Kind of each grid line along one axis: 'input', 'padding' or 'inserted'."""
    return [KIND_NAMES[code] for code in axis_codes(ax, transposed).tolist()]


def grid_axis_kinds(arith: Arithmetic) -> tuple[list[GridKind], list[GridKind]]:
    """The kinds of the grid's rows and of its columns; a cell's kind is their product."""
    transposed = arith.config.op == "transpose"
    return axis_kinds(arith.axes[0], transposed), axis_kinds(arith.axes[1], transposed)


def cell_kind(row: GridKind, col: GridKind) -> GridKind:
    """A cell is padding if its row or column is, else inserted if either is, else input."""
    if "padding" in (row, col):
        return "padding"
    return "inserted" if "inserted" in (row, col) else "input"


def slice_kinds(arith: Arithmetic) -> list[GridKind] | None:
    """A 3-D grid's depth slices' kinds; None in 1-D and 2-D."""
    if arith.config.dims != 3:
        return None
    return axis_kinds(arith.depth, arith.config.op == "transpose")


def volume_kinds(arith: Arithmetic) -> list[list[list[GridKind]]]:
    """D slices of H rows of W kinds: a cell's kind is the strongest of its slice's, row's
    and column's (padding over inserted over input)."""
    transposed = arith.config.op == "transpose"
    codes = [axis_codes(ax, transposed) for ax in (arith.depth, *arith.axes)]
    strongest = np.maximum.outer(np.maximum.outer(codes[0], codes[1]), codes[2])
    names = np.array(KIND_NAMES, dtype=object)
    kinds: list[list[list[GridKind]]] = names[strongest].tolist()
    return kinds


def grid_kinds(arith: Arithmetic) -> list[list[GridKind]]:
    """H rows of W kinds. A cell is real input only where both its row and column are."""
    rows, cols = grid_axis_kinds(arith)
    out: list[list[GridKind]] = []
    for rk in rows:
        if rk == "padding":
            out.append(["padding"] * len(cols))
        elif rk == "inserted":
            out.append(["padding" if ck == "padding" else "inserted" for ck in cols])
        else:
            out.append(list(cols))
    return out


def _axis_frames(ax: AxisShape, transposed: bool) -> AxisFrames:
    # A transposed convolution is drawn as a stride-1 convolution over the stretched input.
    step = 1 if transposed else ax.s
    return AxisFrames(
        np.arange(ax.o, dtype=np.int64) * step,
        np.arange(ax.k, dtype=np.int64) * ax.d,
        ax.grid,
        ax.ek,
    )


def frame_pattern(arith: Arithmetic) -> FramePattern:
    """Every frame of the figure, as row and column origins and the kernel's taps (and the
    depth's, for a 3-D layer)."""
    transposed = arith.config.op == "transpose"
    ax_h, ax_w = arith.axes
    depth = _axis_frames(arith.depth, transposed) if arith.config.dims == 3 else None
    return FramePattern(_axis_frames(ax_h, transposed), _axis_frames(ax_w, transposed), depth)


def axis_lines(axis: AxisFrames) -> list[list[int]]:
    """Per frame row (or column), the lines its taps reach on the grid, in the kernel's order."""
    lines = axis.origins[:, None] + axis.taps[None, :]
    return [[v for v in row if v < axis.bound] for row in lines.tolist()]


def frames(arith: Arithmetic) -> list[Frame]:
    """One frame per output cell, row-major; cells are the d-spaced cells the kernel covers."""
    pattern = frame_pattern(arith)
    rows_of, cols_of = axis_lines(pattern.rows), axis_lines(pattern.cols)
    r_origins, c_origins = pattern.rows.origins.tolist(), pattern.cols.origins.tolist()
    ekh, ekw = pattern.rows.extent, pattern.cols.extent
    out: list[Frame] = []
    for r, (r0, rows) in enumerate(zip(r_origins, rows_of, strict=True)):
        for c, (c0, cols) in enumerate(zip(c_origins, cols_of, strict=True)):
            cells = tuple((rr, cc) for rr in rows for cc in cols)
            out.append(Frame((r, c), cells, (r0, c0, r0 + ekh - 1, c0 + ekw - 1)))
    return out


def frame_listing(pattern: FramePattern) -> list[FrameAnswer]:
    """The verbose answer's frames: every frame's output cell, cells and window."""
    if pattern.depth is not None:
        return volume_listing(pattern)
    rows_of, cols_of = axis_lines(pattern.rows), axis_lines(pattern.cols)
    r_origins, c_origins = pattern.rows.origins.tolist(), pattern.cols.origins.tolist()
    ekh, ekw = pattern.rows.extent, pattern.cols.extent
    return [
        {
            "output": [r, c],
            "cells": [[rr, cc] for rr in rows for cc in cols],
            "window": [r0, c0, r0 + ekh - 1, c0 + ekw - 1],
        }
        for r, (r0, rows) in enumerate(zip(r_origins, rows_of, strict=True))
        for c, (c0, cols) in enumerate(zip(c_origins, cols_of, strict=True))
    ]


def listing_cells(rows_of: list[list[int]], cols_of: list[list[int]]) -> list[list[str]]:
    """Per frame row, per frame column: the frame's cells as JSON text ("[r,c],[r,c2],…",
    row-major), written directly — the verbose answer's bulk, in a fraction of the time of
    encoding the lists. Each column's cells are written once with a mark where the row goes,
    and the mark replaced per row."""
    marked = [",".join([f"[\x00,{c}]" for c in cols]) for cols in cols_of]
    return [
        [",".join([line.replace("\x00", row) for row in rows]) for line in marked]
        for rows in ([str(r) for r in rows] for rows in rows_of)
    ]


def frame_listing_json(pattern: FramePattern) -> str:
    """``frame_listing`` as compact JSON text: the same characters as encoding it."""
    if pattern.depth is not None:
        return volume_listing_json(pattern)
    cells = listing_cells(axis_lines(pattern.rows), axis_lines(pattern.cols))
    ekh, ekw = pattern.rows.extent, pattern.cols.extent
    c_origins = pattern.cols.origins.tolist()
    parts = [
        f'{{"output":[{r},{c}],"cells":[{text}],'
        f'"window":[{r0},{c0},{r0 + ekh - 1},{c0 + ekw - 1}]}}'
        for r, (r0, row) in enumerate(zip(pattern.rows.origins.tolist(), cells, strict=True))
        for c, (c0, text) in enumerate(zip(c_origins, row, strict=True))
    ]
    return "[" + ",".join(parts) + "]"


def volume_listing(pattern: FramePattern, key: str = "output", window: bool = True) -> list[Any]:
    """A 3-D layer's verbose frames, depth-major (step z·oh·ow + r·ow + c): ``key`` (the
    output cell, or the scatter view's input unit) [z, r, c], cells [z, r, c] in the kernel's
    order (depth first), and the frames view's window [z0, r0, c0, z1, r1, c1]."""
    assert pattern.depth is not None
    axes = pattern.axes
    lines = [axis_lines(axis) for axis in axes]
    origins = [axis.origins.tolist() for axis in axes]
    eks = [axis.extent for axis in axes]
    out: list[Any] = []
    for z, (z0, slices) in enumerate(zip(origins[0], lines[0], strict=True)):
        for r, (r0, rows) in enumerate(zip(origins[1], lines[1], strict=True)):
            for c, (c0, cols) in enumerate(zip(origins[2], lines[2], strict=True)):
                frame: dict[str, Any] = {
                    key: [z, r, c],
                    "cells": [[zz, rr, cc] for zz in slices for rr in rows for cc in cols],
                }
                if window:
                    ends = [z0 + eks[0] - 1, r0 + eks[1] - 1, c0 + eks[2] - 1]
                    frame["window"] = [z0, r0, c0, *ends]
                out.append(frame)
    return out


def volume_listing_json(pattern: FramePattern, key: str = "output", window: bool = True) -> str:
    """``volume_listing`` as compact JSON text, written as listing_cells writes the plane's:
    each frame row's and column's cells once, with a mark where the slice goes."""
    assert pattern.depth is not None
    depth, rows, cols = pattern.axes
    # Per frame column its cells with marks for the slice (\x00) and the row (\x01); then per
    # frame row and column the plane's cells with the slice's mark left.
    marked = [",".join([f"[\x00,\x01,{c}]" for c in line]) for line in axis_lines(cols)]
    planes = [
        [",".join([cells.replace("\x01", r) for r in line]) for cells in marked]
        for line in ([str(r) for r in line] for line in axis_lines(rows))
    ]
    ekd, ekh, ekw = depth.extent, rows.extent, cols.extent
    r_origins, c_origins = rows.origins.tolist(), cols.origins.tolist()
    parts = []
    for z, (z0, slices) in enumerate(zip(depth.origins.tolist(), axis_lines(depth), strict=True)):
        for r, (r0, row) in enumerate(zip(r_origins, planes, strict=True)):
            for c, (c0, plane) in enumerate(zip(c_origins, row, strict=True)):
                text = ",".join([plane.replace("\x00", str(zz)) for zz in slices])
                ends = f"{z0 + ekd - 1},{r0 + ekh - 1},{c0 + ekw - 1}"
                tail = f',"window":[{z0},{r0},{c0},{ends}]' if window else ""
                parts.append(f'{{"{key}":[{z},{r},{c}],"cells":[{text}]{tail}}}')
    return "[" + ",".join(parts) + "]"
