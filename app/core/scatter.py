"""The other view of a transposed convolution: each input unit scatters the kernel.

The paper draws a transposed convolution as a direct convolution over the stretched input
(app/core/frames.py). Learners also ask for the view PyTorch computes: input unit u writes
w[j]·x[u] at position u·s + j·d of a canvas, for every kernel cell j, and the output is that
canvas with p cells cropped from each side (output padding a lets it run a cells further at
the bottom and right). One frame per input unit, row-major, as the paper's animations go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from app.core.arithmetic import Arithmetic, AxisShape
from app.core.extents import scatter_reach
from app.core.frames import (
    AxisFrames,
    Cell,
    FramePattern,
    TooLargeToDraw,
    axis_lines,
    check_verbose,
    listing_cells,
    volume_listing,
    volume_listing_json,
)
from app.core.limits import LIMITS, DrawingBounds
from app.core.parameters import ConfigError
from app.core.schema import CanvasKind, CanvasOffset
from app.core.schema import ScatterFrame as ScatterFrameAnswer


@dataclass(frozen=True)
class CanvasAxis:
    """One axis of the canvas: every position a kernel tap reaches, and the output in it."""

    size: int
    crop: int  # canvas line of output line 0 (= p)
    output: int

    def kind(self, line: int) -> CanvasKind:
        return "output" if self.crop <= line < self.crop + self.output else "cropped"


@dataclass(frozen=True)
class ScatterFrame:
    input: Cell
    # Canvas cells written, row-major over the kernel (so the j-th is weight j's).
    cells: tuple[Cell, ...]


def canvas_axis(ax: AxisShape) -> CanvasAxis:
    reach = scatter_reach(ax.i, ax.k, ax.s, ax.d)
    # With output padding a > p the output runs past the last tap: cells nothing writes.
    return CanvasAxis(max(reach, ax.before + ax.o), ax.before, ax.o)


def check_scatter(arith: Arithmetic, bounds: DrawingBounds = LIMITS.compact) -> None:
    """Refuse, before any work, what is not a transposed convolution or is past ``bounds``."""
    if arith.config.op != "transpose":
        raise ConfigError("op", "refusal.scatter_transpose")
    if arith.config.dims == 3:
        _check_volume_canvas(arith, bounds)
    else:
        sizes = [canvas_axis(ax).size for ax in arith.axes]
        if max(sizes) > bounds.grid:
            raise TooLargeToDraw(
                "i", "refusal.scatter_canvas", h=sizes[0], w=sizes[1], limit=bounds.grid
            )
    # The input units (one step each) and the cells their kernel copies write, on every axis.
    steps = math.prod(arith.layer_shape("i"))
    cells = steps * math.prod(arith.layer_shape("k"))
    if steps > bounds.frames or cells > bounds.cells:
        raise TooLargeToDraw(
            "i",
            "refusal.scatter_steps",
            steps=f"{steps:,}",
            cells=f"{cells:,}",
            frames=f"{bounds.frames:,}",
            limit=f"{bounds.cells:,}",
        )


def _check_volume_canvas(arith: Arithmetic, bounds: DrawingBounds) -> None:
    """A 3-D canvas per side and in all (as a 3-D grid)."""
    sizes = [canvas_axis(ax).size for ax in arith.layer_axes]
    if max(sizes) > bounds.grid or math.prod(sizes) > bounds.volume:
        d, h, w = sizes
        raise TooLargeToDraw(
            "i",
            "refusal.scatter_canvas_3d",
            d=d,
            h=h,
            w=w,
            limit=bounds.grid,
            volume=f"{bounds.volume:,}",
        )


def check_verbose_scatter(arith: Arithmetic) -> None:
    if arith.config.dims == 3:
        steps = math.prod(arith.layer_shape("i"))
        canvas = tuple(canvas_axis(ax).size for ax in arith.layer_axes)
        check_verbose(canvas, steps, steps * math.prod(arith.layer_shape("k")))
        return
    (ih, iw), (kh, kw) = arith.input_shape, arith.config.k
    canvas = (canvas_axis(arith.axes[0]).size, canvas_axis(arith.axes[1]).size)
    check_verbose(canvas, ih * iw, ih * iw * kh * kw)


def canvas_axis_kinds(arith: Arithmetic) -> tuple[list[CanvasKind], list[CanvasKind]]:
    """The kinds of the canvas's rows and of its columns; a cell is their product."""
    out: list[list[CanvasKind]] = []
    for ax in arith.axes:
        axis = canvas_axis(ax)
        out.append(
            ["output" if axis.kind(line) == "output" else "cropped" for line in range(axis.size)]
        )
    return out[0], out[1]


def canvas_offset(arith: Arithmetic) -> CanvasOffset:
    """Where output cell (0, 0) sits on the canvas; a 3-D layer's output slice 0 too."""
    rows, cols = (canvas_axis(ax) for ax in arith.axes)
    offset: CanvasOffset = {"top": rows.crop, "left": cols.crop}
    if arith.config.dims == 3:
        offset["front"] = canvas_axis(arith.depth).crop
    return offset


def canvas_slice_kinds(arith: Arithmetic) -> list[CanvasKind] | None:
    """A 3-D canvas's depth slices' kinds; None in 1-D and 2-D."""
    if arith.config.dims != 3:
        return None
    axis = canvas_axis(arith.depth)
    return [axis.kind(line) for line in range(axis.size)]


def canvas_volume_kinds(arith: Arithmetic) -> list[list[list[CanvasKind]]]:
    """A cell is output only where its slice, its row and its column all are."""
    slices = canvas_slice_kinds(arith)
    assert slices is not None
    plane = canvas_kinds(arith)
    cropped: list[CanvasKind] = ["cropped"] * len(plane[0])
    return [[list(row) if kind == "output" else list(cropped) for row in plane] for kind in slices]


def canvas_kinds(arith: Arithmetic) -> list[list[CanvasKind]]:
    """A cell is output only where both its row and its column are."""
    rows, cols = canvas_axis_kinds(arith)
    cropped: list[CanvasKind] = ["cropped"] * len(cols)
    return [list(cols) if row == "output" else list(cropped) for row in rows]


def _scatter_axis(ax: AxisShape) -> AxisFrames:
    return AxisFrames(
        np.arange(ax.i, dtype=np.int64) * ax.s,
        np.arange(ax.k, dtype=np.int64) * ax.d,
        canvas_axis(ax).size,
        ax.ek,
    )


def scatter_pattern(arith: Arithmetic) -> FramePattern:
    """Every input unit's kernel copy: origin u·s on the canvas, taps j·d from there."""
    ax_h, ax_w = arith.axes
    depth = _scatter_axis(arith.depth) if arith.config.dims == 3 else None
    return FramePattern(_scatter_axis(ax_h), _scatter_axis(ax_w), depth)


def scatter_frames(arith: Arithmetic) -> list[ScatterFrame]:
    """One frame per input unit, row-major: the canvas cells its kernel copy lands on."""
    pattern = scatter_pattern(arith)
    rows_of, cols_of = axis_lines(pattern.rows), axis_lines(pattern.cols)
    return [
        ScatterFrame((u, v), tuple((r, c) for r in rows for c in cols))
        for u, rows in enumerate(rows_of)
        for v, cols in enumerate(cols_of)
    ]


def scatter_listing(pattern: FramePattern) -> list[ScatterFrameAnswer]:
    """The verbose answer's frames: every input unit and the canvas cells it writes."""
    if pattern.depth is not None:
        return volume_listing(pattern, "input", window=False)
    rows_of, cols_of = axis_lines(pattern.rows), axis_lines(pattern.cols)
    return [
        {"input": [u, v], "cells": [[r, c] for r in rows for c in cols]}
        for u, rows in enumerate(rows_of)
        for v, cols in enumerate(cols_of)
    ]


def scatter_listing_json(pattern: FramePattern) -> str:
    """``scatter_listing`` as compact JSON text (see frames.listing_cells)."""
    if pattern.depth is not None:
        return volume_listing_json(pattern, "input", window=False)
    cells = listing_cells(axis_lines(pattern.rows), axis_lines(pattern.cols))
    parts = [
        f'{{"input":[{u},{v}],"cells":[{text}]}}'
        for u, row in enumerate(cells)
        for v, text in enumerate(row)
    ]
    return "[" + ",".join(parts) + "]"
