"""Per-step frames: one per output cell, row-major from the top-left, as the paper's figures.

The grid is what the paper draws: the padded input for convolution and pooling, and for a
transposed convolution the input stretched by s − 1 zeros between units and padded (or
cropped) for the equivalent stride-1 direct convolution.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.arithmetic import Arithmetic, AxisShape
from app.core.limits import LIMITS
from app.core.parameters import ConfigError
from app.core.schema import GridKind

Cell = tuple[int, int]


@dataclass(frozen=True)
class Frame:
    output: Cell
    cells: tuple[Cell, ...]
    # The whole effective kernel's extent (top, left, bottom, right), inclusive; under
    # ceil_mode it may hang past the grid, where PyTorch pools only the cells inside.
    window: tuple[int, int, int, int]


class TooLargeToDraw(ConfigError):
    """A valid configuration past a drawing limit: its arithmetic is still answered, so the
    page shows the shapes and says why the figure is not drawn (a 422 with reason 'drawing')."""


def check_frame_budget(arith: Arithmetic) -> None:
    """Refuse, before any work, a configuration whose frames would be too large to send."""
    axes = arith.axes
    gh, gw = axes[0].grid, axes[1].grid
    if max(gh, gw) > LIMITS.max_grid:
        # The grid is the padded input, or a transposed convolution's stretched input padded
        # by d(k − 1) − p: what shrinks it differs.
        key = (
            "refusal.grid_too_large_transpose"
            if arith.config.op == "transpose"
            else "refusal.grid_too_large"
        )
        raise TooLargeToDraw("i", key, h=gh, w=gw, limit=LIMITS.max_grid)
    oh, ow = axes[0].o, axes[1].o
    if oh * ow > LIMITS.max_frames:
        raise TooLargeToDraw(
            "i",
            "refusal.too_many_steps",
            steps=f"{oh * ow:,}",
            oh=oh,
            ow=ow,
            limit=f"{LIMITS.max_frames:,}",
        )
    kh, kw = axes[0].k, axes[1].k
    total = oh * ow * kh * kw
    if total > LIMITS.max_frame_cells:
        raise TooLargeToDraw(
            "i",
            "refusal.too_many_frame_cells",
            cells=f"{total:,}",
            oh=oh,
            ow=ow,
            kh=kh,
            kw=kw,
            limit=f"{LIMITS.max_frame_cells:,}",
        )


def _axis_kinds(ax: AxisShape, transposed: bool) -> list[GridKind]:
    """Kind of each grid line along one axis: 'input', 'padding' or 'inserted'."""
    kinds: list[GridKind] = []
    for g in range(ax.grid):
        t = g - ax.grid_before
        if t < 0 or t >= ax.stretched:
            kinds.append("padding")
        elif transposed and t % ax.grid_stride:
            kinds.append("inserted")
        else:
            kinds.append("input")
    return kinds


def grid_kinds(arith: Arithmetic) -> list[list[GridKind]]:
    """H rows of W kinds. A cell is real input only where both its row and column are."""
    transposed = arith.config.op == "transpose"
    rows = _axis_kinds(arith.axes[0], transposed)
    cols = _axis_kinds(arith.axes[1], transposed)
    out: list[list[GridKind]] = []
    for rk in rows:
        if rk == "padding":
            out.append(["padding"] * len(cols))
        elif rk == "inserted":
            out.append(["padding" if ck == "padding" else "inserted" for ck in cols])
        else:
            out.append(list(cols))
    return out


def _starts(ax: AxisShape, transposed: bool) -> list[int]:
    step = 1 if transposed else ax.s
    return [r * step for r in range(ax.o)]


def frames(arith: Arithmetic) -> list[Frame]:
    """One frame per output cell, row-major; cells are the d-spaced cells the kernel covers."""
    transposed = arith.config.op == "transpose"
    ax_h, ax_w = arith.axes
    row_starts = _starts(ax_h, transposed)
    col_starts = _starts(ax_w, transposed)
    row_offsets = [u * ax_h.d for u in range(ax_h.k)]
    col_offsets = [u * ax_w.d for u in range(ax_w.k)]
    out: list[Frame] = []
    for r, r0 in enumerate(row_starts):
        rows = [r0 + du for du in row_offsets if r0 + du < ax_h.grid]
        for c, c0 in enumerate(col_starts):
            cols = [c0 + dv for dv in col_offsets if c0 + dv < ax_w.grid]
            cells = tuple((rr, cc) for rr in rows for cc in cols)
            window = (r0, c0, r0 + ax_h.ek - 1, c0 + ax_w.ek - 1)
            out.append(Frame((r, c), cells, window))
    return out
