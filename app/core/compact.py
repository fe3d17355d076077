"""The compact form of the frames and scatter answers (``form=compact``).

A verbose answer lists every frame's cells and every grid cell's kind, though all frames of a
configuration share one kernel pattern and every kind is a row's times a column's. The compact
answer sends those factors instead — the taps once, each frame row's and column's origin, the
kinds per row and per column — and every matrix of numbers as its shape and one flat list.
Every other key is the verbose answer's, unchanged. The rules that rebuild the verbose answer
are in the README (the compact form) and tests/test_compact.py applies them.
"""

from __future__ import annotations

from typing import Any

from app.core import schema
from app.core.answer import arithmetic_answer, overlap_answer
from app.core.arithmetic import Arithmetic
from app.core.catalogue import DEFAULT_LANG
from app.core.frames import FramePattern, check_frame_budget, frame_pattern, grid_axis_kinds
from app.core.scatter import canvas_axis, canvas_axis_kinds, check_scatter, scatter_pattern
from app.core.values import figure_values, scatter_values


def flat_matrix(rows: list[list[Any]]) -> schema.FlatMatrix:
    """A list of rows as its shape and its entries row-major."""
    return {
        "shape": [len(rows), len(rows[0]) if rows else 0],
        "data": [v for row in rows for v in row],
    }


def flat_values(values: Any) -> Any:
    """Every 2-D matrix of a values object flat; scalars, null and the rest unchanged."""
    return {
        key: flat_matrix(v) if isinstance(v, list) and v and isinstance(v[0], list) else v
        for key, v in values.items()
    }


def compact_frames(pattern: FramePattern, window: bool) -> schema.CompactFrames:
    """Every frame as origins and taps; ``window``: the frames view's extent is sent."""
    rows, cols = pattern.rows, pattern.cols
    fh, fw = pattern.shape
    return {
        "count": fh * fw,
        "shape": [fh, fw],
        "origins": {"rows": rows.origins.tolist(), "cols": cols.origins.tolist()},
        "taps": {"rows": rows.taps.tolist(), "cols": cols.taps.tolist()},
        "bounds": [rows.bound, cols.bound],
        "extent": [rows.extent, cols.extent] if window else None,
    }


def compact_overlap(arith: Arithmetic) -> schema.CompactOverlap | None:
    answer = overlap_answer(arith)
    if answer is None:
        return None
    return {**answer, "counts": flat_matrix(answer["counts"])}


def compact_frames_answer(
    arith: Arithmetic, lang: str = DEFAULT_LANG
) -> schema.CompactFramesAnswer:
    """The frames answer, compact: what the page asks for (and may embed)."""
    check_frame_budget(arith)
    pattern = frame_pattern(arith)
    rows, cols = grid_axis_kinds(arith)
    return {
        **arithmetic_answer(arith, lang),
        "form": "compact",
        "grid": {"shape": list(arith.grid_shape), "rows": rows, "cols": cols},
        "frames": compact_frames(pattern, window=True),
        "values": flat_values(figure_values(arith, pattern)),
        "overlap": compact_overlap(arith),
    }


def compact_scatter_answer(
    arith: Arithmetic, lang: str = DEFAULT_LANG
) -> schema.CompactScatterAnswer:
    """The scatter answer, compact."""
    check_scatter(arith)
    pattern = scatter_pattern(arith)
    rows, cols = canvas_axis_kinds(arith)
    top, left = (canvas_axis(ax) for ax in arith.axes)
    return {
        **arithmetic_answer(arith, lang),
        "form": "compact",
        "canvas": {
            "shape": [pattern.rows.bound, pattern.cols.bound],
            "rows": rows,
            "cols": cols,
            "offset": {"top": top.crop, "left": left.crop},
        },
        "frames": compact_frames(pattern, window=False),
        "values": flat_values(scatter_values(arith, pattern)),
        "overlap": compact_overlap(arith),
    }
