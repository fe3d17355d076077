"""The other view of a transposed convolution: each input unit scatters the kernel.

The paper draws a transposed convolution as a direct convolution over the stretched input
(app/core/frames.py). Learners also ask for the view PyTorch computes: input unit u writes
w[j]·x[u] at position u·s + j·d of a canvas, for every kernel cell j, and the output is that
canvas with p cells cropped from each side (output padding a lets it run a cells further at
the bottom and right). One frame per input unit, row-major, as the paper's animations go.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.arithmetic import Arithmetic, AxisShape
from app.core.extents import scatter_reach
from app.core.frames import Cell, TooLargeToDraw
from app.core.limits import LIMITS
from app.core.parameters import ConfigError
from app.core.schema import CanvasKind


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


def check_scatter(arith: Arithmetic) -> None:
    """Refuse, before any work, what is not a transposed convolution or is too large."""
    if arith.config.op != "transpose":
        raise ConfigError("op", "refusal.scatter_transpose")
    sizes = [canvas_axis(ax).size for ax in arith.axes]
    if max(sizes) > LIMITS.max_grid:
        raise TooLargeToDraw(
            "i", "refusal.scatter_canvas", h=sizes[0], w=sizes[1], limit=LIMITS.max_grid
        )
    ih, iw = arith.input_shape
    kh, kw = arith.config.k
    if ih * iw > LIMITS.max_frames or ih * iw * kh * kw > LIMITS.max_frame_cells:
        raise TooLargeToDraw(
            "i",
            "refusal.scatter_steps",
            steps=f"{ih * iw:,}",
            cells=f"{ih * iw * kh * kw:,}",
            frames=f"{LIMITS.max_frames:,}",
            limit=f"{LIMITS.max_frame_cells:,}",
        )


def canvas_kinds(arith: Arithmetic) -> list[list[CanvasKind]]:
    """A cell is output only where both its row and its column are."""
    rows, cols = (canvas_axis(ax) for ax in arith.axes)
    return [
        [
            "output" if rows.kind(r) == "output" and cols.kind(c) == "output" else "cropped"
            for c in range(cols.size)
        ]
        for r in range(rows.size)
    ]


def scatter_frames(arith: Arithmetic) -> list[ScatterFrame]:
    """One frame per input unit, row-major: the canvas cells its kernel copy lands on."""
    ax_h, ax_w = arith.axes
    out = []
    for u in range(ax_h.i):
        rows = [u * ax_h.s + j * ax_h.d for j in range(ax_h.k)]
        for v in range(ax_w.i):
            cols = [v * ax_w.s + j * ax_w.d for j in range(ax_w.k)]
            out.append(ScatterFrame((u, v), tuple((r, c) for r in rows for c in cols)))
    return out
