"""What each step of a picture lights: the plane's frame, and in 3-D the depth around it.

A 1-D layer is the plane one row high and a 2-D layer the plane itself, each one depth slice
deep. A 3-D layer's steps are depth-major (step n = z·oh·ow + r·ow + c): the plane's frame
(r, c), drawn on every depth slice of the grid the kernel reads at output depth z, and output
cell (r, c) on output slice z.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.core.arithmetic import Arithmetic, AxisShape
from app.core.frames import AxisFrames, Frame, axis_kinds, axis_lines, cell_kind, frames
from app.core.schema import GridKind

SliceKinds = list[list[GridKind]]


@dataclass(frozen=True)
class Step:
    frame: Frame  # the plane's frame: output (r, c), the kernel's cells, its window
    depth: int  # the output slice the current cell is on
    slices: tuple[int, ...]  # the grid's depth slices the kernel reads, in the kernel's order
    dims: int

    @property
    def cell(self) -> tuple[int, ...]:
        """The output cell on the layer's own axes: (c,) in 1-D, (r, c), or (z, r, c)."""
        r, c = self.frame.output
        if self.dims == 1:
            return (c,)
        return (r, c) if self.dims == 2 else (self.depth, r, c)


def depth_frames(arith: Arithmetic) -> AxisFrames:
    """The depth axis of every step: its origins (z·s, or z for a transposed convolution,
    drawn as a stride-1 convolution), the kernel's depth taps j·d, the grid's depth."""
    ax: AxisShape = arith.depth
    step = 1 if arith.config.op == "transpose" else ax.s
    return AxisFrames(
        np.arange(ax.o, dtype=np.int64) * step,
        np.arange(ax.k, dtype=np.int64) * ax.d,
        ax.grid,
        ax.ek,
    )


def step_count(arith: Arithmetic) -> int:
    """One step per output cell of the layer: od·oh·ow (od is 1 below 3-D)."""
    oh, ow = arith.output_shape
    return arith.depth.o * oh * ow


def slice_kinds(arith: Arithmetic, plane: SliceKinds) -> list[SliceKinds]:
    """The kinds of each depth slice of the grid: a cell is the strongest of its slice's,
    row's and column's kind (padding > inserted > input)."""
    depth = axis_kinds(arith.depth, arith.config.op == "transpose")
    return [[[cell_kind(kind, cell) for cell in row] for row in plane] for kind in depth]


def picture_step(arith: Arithmetic, n: int) -> Step:
    """Step ``n`` alone (a still needs one, not a volume's every step)."""
    plane = frames(arith)
    z, rest = divmod(n, len(plane))
    lines = axis_lines(depth_frames(arith))[z]
    return Step(plane[rest], z, tuple(lines), arith.config.dims)


def picture_steps(arith: Arithmetic) -> list[Step]:
    """Every step, depth-major: each output slice runs through the plane's frames."""
    plane = frames(arith)
    return [
        Step(frame, z, tuple(lines), arith.config.dims)
        for z, lines in enumerate(axis_lines(depth_frames(arith)))
        for frame in plane
    ]
