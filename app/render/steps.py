"""What each step of a picture lights: the plane's frame, and in 3-D the depth around it.

A 1-D layer is the plane one row high and a 2-D layer the plane itself, each one depth slice
deep. A 3-D layer's steps are depth-major (step n = z·oh·ow + r·ow + c): the plane's frame
(r, c), drawn on every depth slice of the grid the kernel reads at output depth z, and output
cell (r, c) on output slice z.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.arithmetic import Arithmetic
from app.core.frames import Frame, axis_lines, frame_pattern, frames
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


def step_count(arith: Arithmetic) -> int:
    """One step per output cell of the layer: od·oh·ow (od is 1 below 3-D)."""
    oh, ow = arith.output_shape
    return arith.depth.o * oh * ow


def depth_lines(arith: Arithmetic) -> list[list[int]]:
    """Per output slice, the grid's depth slices the kernel reads (taps past the grid
    dropped, as ceil_mode may place them); below 3-D, one slice read by one."""
    depth = frame_pattern(arith).depth
    return [[0]] if depth is None else axis_lines(depth)


def picture_step(arith: Arithmetic, n: int) -> Step:
    """Step ``n`` alone (a still needs one, not a volume's every step)."""
    plane = frames(arith)
    z, rest = divmod(n, len(plane))
    return Step(plane[rest], z, tuple(depth_lines(arith)[z]), arith.config.dims)


def picture_steps(arith: Arithmetic) -> list[Step]:
    """Every step, depth-major: each output slice runs through the plane's frames."""
    plane = frames(arith)
    return [
        Step(frame, z, tuple(lines), arith.config.dims)
        for z, lines in enumerate(depth_lines(arith))
        for frame in plane
    ]
