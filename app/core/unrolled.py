"""Convolution as a matrix (the paper's section 4.1) and as im2col.

Unroll the input and the output into vectors, row by row from the top-left. A convolution
is then ``vec(y) = C · vec(x)``: C has one row per output cell and one column per input cell,
and the entry at (row, col) is the kernel weight w[kr][kc] that sits on that input cell when
the kernel makes that output — the padding's zeros multiply nothing and drop out. A
transposed convolution multiplies by the transpose of the direct convolution's matrix: input
unit u writes w[kr][kc]·x[u] to output cell u·s + kr·d − p (PyTorch's ConvTranspose2d), so
its matrix has one row per output cell of the transposed layer and one column per input cell.

Libraries compute a convolution the other way round, im2col: every window unrolled into a
column (PyTorch's ``F.unfold``), then one matrix product with the flattened kernel.

Both are separable: a 2-D entry is a pair of 1-D entries, one per axis, so every count here
is a product of per-axis counts and the work is bounded before any 2-D array is built.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from app.core.arithmetic import Arithmetic, AxisShape
from app.core.limits import LIMITS
from app.core.padmodes import pad
from app.core.parameters import ConfigError, PaddingMode
from app.core.values import input_values, kernel_values, summed_channels
from app.core.volume import volume_input, volume_kernel

# A padded position that holds no input cell (zero padding): it reads nothing.
PADDING = -1


@dataclass(frozen=True)
class AxisTaps:
    """One axis's 1-D matrix as a list of entries, sorted by output line then kernel tap:
    output line ``rows[n]`` reads input line ``cols[n]`` through kernel tap ``taps[n]``."""

    rows: np.ndarray
    taps: np.ndarray
    cols: np.ndarray

    @property
    def distinct(self) -> int:
        """Distinct (row, col) pairs: several taps may read one input line (a reflection)."""
        return len(np.unique(self.rows * (int(self.cols.max(initial=0)) + 1) + self.cols))


def check_linear(arith: Arithmetic) -> None:
    """Only a convolution has a matrix of kernel weights."""
    if arith.config.op not in ("conv", "transpose"):
        raise ConfigError("op", "refusal.matrix_convolution_only")


def sources(ax: AxisShape, mode: PaddingMode) -> np.ndarray:
    """For a convolution's axis, the input line each padded line holds (``PADDING`` for a
    zero), as PyTorch's padding mode fills it: reflect, replicate and circular padding read
    input lines again, so their weights land on real columns of C."""
    lines = np.arange(ax.i, dtype=np.float64).reshape(1, -1) + 1
    # pad() pads with 0 for zeros; shifted by one, 0 becomes PADDING.
    padded = pad(lines, ((0, 0), (ax.before, ax.after)), mode)
    held: np.ndarray = padded[0].astype(np.int64) - 1
    return held


def window_sources(ax: AxisShape, mode: PaddingMode) -> np.ndarray:
    """[output line, tap] → the input line the tap reads (``PADDING`` for a zero)."""
    held = sources(ax, mode)
    positions = np.arange(ax.o)[:, None] * ax.s + np.arange(ax.k)[None, :] * ax.d
    read: np.ndarray = held[positions]
    return read


def conv_axis(ax: AxisShape, mode: PaddingMode) -> AxisTaps:
    read = window_sources(ax, mode)
    rows, taps = np.nonzero(read != PADDING)  # row-major: by output line, then tap
    return AxisTaps(rows, taps, read[rows, taps])


def transpose_axis(ax: AxisShape) -> AxisTaps:
    """Input line u, tap j lands on output line u·s + j·d − p when it is inside the output."""
    u = np.arange(ax.i)[:, None]
    j = np.arange(ax.k)[None, :]
    lands = np.broadcast_to(u * ax.s + j * ax.d - ax.before, (ax.i, ax.k))
    inside = (lands >= 0) & (lands < ax.o)
    us, js = np.nonzero(inside)
    ys = lands[us, js]
    order = np.lexsort((js, ys))  # by output line, then tap
    return AxisTaps(ys[order], js[order], us[order])


# Per-axis arrays are built up to this many (line, tap) pairs (8 MB of indices); past it the
# counts come from arithmetic, line by line, and nothing is listed.
AXIS_PAIRS = 1 << 20


def axis_pairs(ax: AxisShape, op: str) -> int:
    """The (line, tap) pairs one axis's listing would walk: output lines × taps for a
    convolution, input lines × taps for a transposed one."""
    return (ax.i if op == "transpose" else ax.o) * ax.k


def axis_taps(ax: AxisShape, op: str, mode: PaddingMode) -> AxisTaps:
    return transpose_axis(ax) if op == "transpose" else conv_axis(ax, mode)


def _taps_between(low: int, high: int, start: int, step: int, k: int) -> int:
    """How many taps j in [0, k) put start + j·step inside [low, high]."""
    first = max(0, -(-(low - start) // step))
    last = min(k - 1, (high - start) // step)
    return max(0, last - first + 1)


def axis_count(ax: AxisShape, op: str, mode: PaddingMode) -> tuple[int, int | None]:
    """One axis's entries and distinct (row, col) pairs, without listing them: line by line
    (at most a few thousand lines). A reflection's distinct pairs are not counted here."""
    if op == "transpose":
        count = sum(
            _taps_between(0, ax.o - 1, u * ax.s - ax.before, ax.d, ax.k) for u in range(ax.i)
        )
        return count, count
    if mode != "zeros":  # every tap reads an input line, some lines twice
        return ax.o * ax.k, None
    count = sum(
        _taps_between(ax.before, ax.before + ax.i - 1, o * ax.s, ax.d, ax.k) for o in range(ax.o)
    )
    return count, count  # one output line's taps read distinct input lines


@dataclass(frozen=True)
class Unrolled:
    """The matrix's size and, within the listing limit, its entries
    (row, col, kr, kc) sorted by row then tap."""

    shape: tuple[int, int]
    count: int  # entries: kernel weights placed (several may share a cell)
    nonzeros: int | None  # distinct cells holding a weight (None: not counted)
    entries: np.ndarray | None  # (count, 4), or None past the limit


def unrolled(arith: Arithmetic) -> Unrolled:
    check_linear(arith)
    c = arith.config
    if c.dims == 3:
        return _unrolled_volume(arith)
    (oh, ow), (ih, iw) = arith.output_shape, arith.input_shape
    shape = (oh * ow, ih * iw)
    if max(axis_pairs(ax, c.op) for ax in arith.axes) > AXIS_PAIRS:
        (ch, dh), (cw, dw) = (axis_count(ax, c.op, c.padding_mode) for ax in arith.axes)
        nonzeros = None if dh is None or dw is None else dh * dw
        return Unrolled(shape, ch * cw, nonzeros, None)
    taps_h, taps_w = (axis_taps(ax, c.op, c.padding_mode) for ax in arith.axes)
    count = len(taps_h.rows) * len(taps_w.rows)
    nonzeros = taps_h.distinct * taps_w.distinct
    if count > LIMITS.max_matrix_entries:
        return Unrolled(shape, count, nonzeros, None)
    # Every pair of a height entry and a width entry, ordered by row, then tap (kr, kc).
    a = np.repeat(np.arange(len(taps_h.rows)), len(taps_w.rows))
    b = np.tile(np.arange(len(taps_w.rows)), len(taps_h.rows))
    row = taps_h.rows[a] * ow + taps_w.rows[b]
    col = taps_h.cols[a] * iw + taps_w.cols[b]
    kr, kc = taps_h.taps[a], taps_w.taps[b]
    order = np.lexsort((kc, kr, row))
    entries = np.stack([row, col, kr, kc], axis=1)[order].reshape(-1, 4)
    return Unrolled(shape, count, nonzeros, entries)


def _unrolled_volume(arith: Arithmetic) -> Unrolled:
    """A 3-D layer's matrix: entries (row, col, kd, kr, kc), a depth entry times a row entry
    times a column entry; rows and columns unrolled depth-major (z, then r, then c)."""
    c = arith.config
    axes = arith.layer_axes
    outs, ins = arith.layer_shape("o"), arith.layer_shape("i")
    shape = (math.prod(outs), math.prod(ins))
    if max(axis_pairs(ax, c.op) for ax in axes) > AXIS_PAIRS:
        counted = [axis_count(ax, c.op, c.padding_mode) for ax in axes]
        distinct = [d for _, d in counted]
        nonzeros = None if None in distinct else math.prod(d for d in distinct if d is not None)
        return Unrolled(shape, math.prod(n for n, _ in counted), nonzeros, None)
    taps = [axis_taps(ax, c.op, c.padding_mode) for ax in axes]
    count = math.prod(len(t.rows) for t in taps)
    nonzeros = math.prod(t.distinct for t in taps)
    if count > LIMITS.max_matrix_entries:
        return Unrolled(shape, count, nonzeros, None)
    # Every triple of a depth, a height and a width entry.
    pick = np.indices([len(t.rows) for t in taps]).reshape(3, -1)
    row = np.ravel_multi_index([t.rows[n] for t, n in zip(taps, pick, strict=True)], outs)
    col = np.ravel_multi_index([t.cols[n] for t, n in zip(taps, pick, strict=True)], ins)
    kernel = [t.taps[n] for t, n in zip(taps, pick, strict=True)]
    order = np.lexsort((kernel[2], kernel[1], kernel[0], row))
    entries = np.stack([row, col, *kernel], axis=1)[order].reshape(-1, 5)
    return Unrolled(shape, count, nonzeros, entries)


def im2col_cells(arith: Arithmetic) -> np.ndarray | None:
    """For a convolution, [output cell, tap, 2]: the input cell (r, c) each kernel tap reads
    in each window, −1 where it reads zero padding (``F.unfold``'s columns); None for a
    transposed convolution or past the listing limit."""
    c = arith.config
    if c.op != "conv":
        return None
    if c.dims == 3:
        return _im2col_volume(arith)
    ax_h, ax_w = arith.axes
    if ax_h.o * ax_w.o * ax_h.k * ax_w.k > LIMITS.max_matrix_entries:
        return None
    src_h, src_w = window_sources(ax_h, c.padding_mode), window_sources(ax_w, c.padding_mode)
    # [r, c, kr, kc] → (source row, source column)
    rr = np.broadcast_to(src_h[:, None, :, None], (ax_h.o, ax_w.o, ax_h.k, ax_w.k))
    cc = np.broadcast_to(src_w[None, :, None, :], (ax_h.o, ax_w.o, ax_h.k, ax_w.k))
    padding = (rr == PADDING) | (cc == PADDING)
    cells = np.stack([np.where(padding, PADDING, rr), np.where(padding, PADDING, cc)], axis=-1)
    return cells.reshape(ax_h.o * ax_w.o, ax_h.k * ax_w.k, 2)


def _im2col_volume(arith: Arithmetic) -> np.ndarray | None:
    """[output cell, tap, 3]: the input cell (z, r, c) each tap reads, −1 on zero padding."""
    c = arith.config
    axes = arith.layer_axes
    outs, ks = arith.layer_shape("o"), arith.layer_shape("k")
    if math.prod(outs) * math.prod(ks) > LIMITS.max_matrix_entries:
        return None
    src = [window_sources(ax, c.padding_mode) for ax in axes]
    full = (*outs, *ks)
    # [z, r, c, kz, kr, kc] → the source line on each axis.
    zz = np.broadcast_to(src[0][:, None, None, :, None, None], full)
    rr = np.broadcast_to(src[1][None, :, None, None, :, None], full)
    cc = np.broadcast_to(src[2][None, None, :, None, None, :], full)
    padding = (zz == PADDING) | (rr == PADDING) | (cc == PADDING)
    cells = np.stack([np.where(padding, PADDING, v) for v in (zz, rr, cc)], axis=-1)
    return cells.reshape(math.prod(outs), math.prod(ks), 3)


def product(arith: Arithmetic, matrix: Unrolled) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The input vector, the kernel and ``C · vec(x)`` (times the equal input slices output
    channel 0 adds up, as the figure's numbers): the matrix at work on the figure's numbers."""
    three = arith.config.dims == 3
    x = (volume_input(arith) if three else input_values(arith)).ravel()
    weight = volume_kernel(arith) if three else kernel_values(arith)
    y = np.zeros(matrix.shape[0])
    if matrix.entries is not None:
        row, col, *kernel = matrix.entries.T
        np.add.at(y, row, weight[tuple(kernel)] * x[col])
    return x, weight, y * summed_channels(arith)
