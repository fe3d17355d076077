"""The compact form of the frames and scatter answers (``form=compact``).

A verbose answer lists every frame's cells and every grid cell's kind, though all frames of a
configuration share one kernel pattern and every kind is a row's times a column's. The compact
answer sends those factors instead — the taps once, each frame row's and column's origin, the
kinds per row and per column — and every matrix of numbers as its shape and one flat list.
Every other key is the verbose answer's, unchanged. The rules that rebuild the verbose answer
are in the README (the compact form) and tests/test_compact.py applies them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from app.core import schema
from app.core.answer import Listed, arithmetic_answer, checkerboard, mark
from app.core.arithmetic import Arithmetic
from app.core.catalogue import DEFAULT_LANG
from app.core.frames import (
    FramePattern,
    check_frame_budget,
    frame_pattern,
    grid_axis_kinds,
    slice_kinds,
)
from app.core.overlap import overlap
from app.core.scatter import (
    canvas_axis_kinds,
    canvas_offset,
    canvas_slice_kinds,
    check_scatter,
    scatter_pattern,
)
from app.core.values import Written
from app.core.volume import drawn_numbers, scattered_numbers

# How a matrix is written: as a list (the answer as data) or as a mark for its text.
Flatten = Callable[[Written], schema.FlatMatrix]


def flat_list(matrix: Written) -> schema.FlatMatrix:
    """A matrix as its shape (rows and columns, or depth, rows and columns) and its entries
    row-major."""
    return {"shape": list(matrix.matrix.shape), "data": matrix.rows_flat()}


def _flat_text(texts: dict[str, str]) -> Flatten:
    def flatten(matrix: Written) -> schema.FlatMatrix:
        data = mark()
        texts[data] = "[" + matrix.text() + "]"
        return {"shape": list(matrix.matrix.shape), "data": data}  # type: ignore[typeddict-item]

    return flatten


def flat_values(numbers: dict[str, Any], flatten: Flatten) -> Any:
    """Every matrix of a values object flat; scalars and null unchanged."""
    return {k: flatten(v) if isinstance(v, Written) else v for k, v in numbers.items()}


def compact_frames(pattern: FramePattern, window: bool) -> schema.CompactFrames:
    """Every frame as origins and taps; ``window``: the frames view's extent is sent. A 3-D
    layer's depth comes first in ``shape``, ``bounds`` and ``extent``, and in ``depth``."""
    rows, cols, depth = pattern.rows, pattern.cols, pattern.depth
    axes = pattern.axes
    shape = [len(axis.origins) for axis in axes]
    return {
        "count": int(np.prod(shape)),
        "shape": shape,
        "origins": {"rows": rows.origins.tolist(), "cols": cols.origins.tolist()},
        "taps": {"rows": rows.taps.tolist(), "cols": cols.taps.tolist()},
        "bounds": [axis.bound for axis in axes],
        "extent": [axis.extent for axis in axes] if window else None,
        "depth": None
        if depth is None
        else {
            "origins": depth.origins.tolist(),
            "taps": depth.taps.tolist(),
            "bound": depth.bound,
            "extent": depth.extent,
        },
    }


def compact_overlap(arith: Arithmetic, flatten: Flatten) -> schema.CompactOverlap | None:
    counts = overlap(arith)
    if counts is None:
        return None
    uneven, alternative = checkerboard(arith)
    return {"counts": flatten(Written(counts)), "uneven": uneven, "alternative": alternative}


def _frames(arith: Arithmetic, lang: str, flatten: Flatten) -> schema.CompactFramesAnswer:
    check_frame_budget(arith)
    pattern = frame_pattern(arith)
    rows, cols = grid_axis_kinds(arith)
    slices = slice_kinds(arith)
    shape = list(arith.grid_shape) if slices is None else arith.layer_shape("grid")
    return {
        **arithmetic_answer(arith, lang),
        "form": "compact",
        "grid": {"shape": shape, "rows": rows, "cols": cols, "slices": slices},
        "frames": compact_frames(pattern, window=True),
        "values": flat_values(drawn_numbers(arith, pattern), flatten),
        "overlap": compact_overlap(arith, flatten),
    }


def _scatter(arith: Arithmetic, lang: str, flatten: Flatten) -> schema.CompactScatterAnswer:
    check_scatter(arith)
    pattern = scatter_pattern(arith)
    rows, cols = canvas_axis_kinds(arith)
    return {
        **arithmetic_answer(arith, lang),
        "form": "compact",
        "canvas": {
            "shape": [axis.bound for axis in pattern.axes],
            "rows": rows,
            "cols": cols,
            "slices": canvas_slice_kinds(arith),
            "offset": canvas_offset(arith),
        },
        "frames": compact_frames(pattern, window=False),
        "values": flat_values(scattered_numbers(arith, pattern), flatten),
        "overlap": compact_overlap(arith, flatten),
    }


def compact_frames_answer(
    arith: Arithmetic, lang: str = DEFAULT_LANG
) -> schema.CompactFramesAnswer:
    """The frames answer, compact, as data."""
    return _frames(arith, lang, flat_list)


def compact_frames_text(arith: Arithmetic, lang: str = DEFAULT_LANG) -> Listed:
    """The frames answer, compact, its matrices as JSON text: what the API sends, and what
    a page may embed (app/web/api.py listed_bytes writes it)."""
    texts: dict[str, str] = {}
    return Listed(_frames(arith, lang, _flat_text(texts)), texts)


def compact_scatter_answer(
    arith: Arithmetic, lang: str = DEFAULT_LANG
) -> schema.CompactScatterAnswer:
    """The scatter answer, compact, as data."""
    return _scatter(arith, lang, flat_list)


def compact_scatter_text(arith: Arithmetic, lang: str = DEFAULT_LANG) -> Listed:
    """The scatter answer, compact, its matrices as JSON text."""
    texts: dict[str, str] = {}
    return Listed(_scatter(arith, lang, _flat_text(texts)), texts)
