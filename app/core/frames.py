"""Per-step frames: one per output cell, row-major from the top-left, as the paper's figures.

The grid is what the paper draws: the padded input for convolution and pooling, and for a
transposed convolution the input stretched by s − 1 zeros between units and padded (or
cropped) for the equivalent stride-1 direct convolution.

Every frame is one kernel pattern placed at one origin, and the origins are the product of a
row's and a column's: a frame is (origins.rows[r], origins.cols[c]) plus the taps, dropped
where they pass the grid. ``FramePattern`` holds exactly that, as arrays; the per-frame lists
(``frames``) are built from it only where a per-frame listing is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def shape(self) -> Cell:
        return (len(self.rows.origins), len(self.cols.origins))


class TooLargeToDraw(ConfigError):
    """A valid configuration past a drawing limit: its arithmetic is still answered, so the
    page shows the shapes and says why the figure is not drawn (a 422 with reason 'drawing')."""


def check_frame_budget(arith: Arithmetic, bounds: DrawingBounds = LIMITS.compact) -> None:
    """Refuse, before any work, a configuration whose frames are past ``bounds``."""
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


def check_verbose(grid: Cell, steps: int, cells: int) -> None:
    """Refuse a verbose answer (every frame's cells listed) past its bounds, which keep its
    first answer fast; the compact form describes the same frames in a fraction of it."""
    bounds = LIMITS.verbose
    if max(grid) > bounds.grid or steps > bounds.frames or cells > bounds.cells:
        raise TooLargeToDraw(
            "form",
            "refusal.verbose_too_large",
            h=grid[0],
            w=grid[1],
            steps=f"{steps:,}",
            cells=f"{cells:,}",
            grid=bounds.grid,
            frames=f"{bounds.frames:,}",
            limit=f"{bounds.cells:,}",
        )


def check_verbose_frames(arith: Arithmetic) -> None:
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
    """Every frame of the figure, as row and column origins and the kernel's taps."""
    transposed = arith.config.op == "transpose"
    ax_h, ax_w = arith.axes
    return FramePattern(_axis_frames(ax_h, transposed), _axis_frames(ax_w, transposed))


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
