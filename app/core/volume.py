"""Numbers for a 3-D layer's figure: the plane's (app/core/values.py) with a depth axis.

A 3-D layer takes no numbers of its own: its input is the paper's 5×5 input tiled on every
depth slice, and its kernel the paper's 3×3 kernel on every kernel slice — or random whole
numbers from a non-zero ``seed``, drawn in the 3-D shape. The grid, the taps (a transposed
convolution's kernel flipped on all three axes), the output and average pooling's divisors
are computed from the drawn grid and the frames, as in 2-D: output cell (z, r, c) reduces the
grid cells its frame names. A convolution's output is a sum over the kernel's taps of one
strided slice of the grid each, so the work is the frames' cells, as the limits count them.
The scatter view's canvas is the same sum the other way round: each tap's copy of the input,
strided, added at its offset.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import as_strided

from app.core.arithmetic import Arithmetic
from app.core.figures import CHAPTER1_INPUT, CHAPTER1_KERNEL
from app.core.frames import INPUT, PADDING, AxisFrames, FramePattern, axis_codes
from app.core.padmodes import pad
from app.core.params import all_sides
from app.core.scatter import canvas_axis
from app.core.values import (
    RANDOM_INPUT,
    RANDOM_KERNEL,
    Written,
    figure_numbers,
    inside_counts,
    scatter_numbers,
    scatter_written,
    seeded,
    summed_channels,
    tiled,
)

Volume = tuple[int, int, int]


def _on_every_slice(plane: np.ndarray, depth: int) -> np.ndarray:
    return np.repeat(plane[None], depth, axis=0)


def volume_input(arith: Arithmetic) -> np.ndarray:
    """D×H×W: the seed's numbers, else the paper's input tiled on every slice."""
    d, h, w = arith.layer_shape("i")
    if arith.config.seed:
        return seeded(arith.config.seed, (d, h, w), RANDOM_INPUT)
    return _on_every_slice(tiled(CHAPTER1_INPUT, (h, w)), d)


def volume_kernel(arith: Arithmetic) -> np.ndarray:
    """kd×kh×kw, PyTorch's ``weight[0, 0]``: the seed's, else the paper's kernel on every
    kernel slice."""
    kd, kh, kw = arith.layer_shape("k")
    if arith.config.seed:
        return seeded(arith.config.seed, (kd, kh, kw), RANDOM_KERNEL)
    return _on_every_slice(tiled(CHAPTER1_KERNEL, (kh, kw)), kd)


def volume_grid(arith: Arithmetic, x: np.ndarray) -> np.ndarray:
    """The drawn grid filled, as values.grid_values on three axes: input units where they
    sit; the padding mode's numbers, zeros, or max pooling's −∞ elsewhere."""
    c = arith.config
    if c.padding_mode != "zeros":
        return pad(x, all_sides(c), c.padding_mode)
    transposed = c.op == "transpose"
    axes = (arith.depth, *arith.axes)
    codes = [axis_codes(ax, transposed) for ax in axes]
    strongest = np.maximum.outer(np.maximum.outer(codes[0], codes[1]), codes[2])
    fill = -np.inf if c.op == "maxpool" else 0.0
    grid = np.where(strongest == PADDING, fill, 0.0)
    lines = [np.flatnonzero(code == INPUT) for code in codes]
    units = [
        (line - ax.grid_before) // ax.grid_stride for line, ax in zip(lines, axes, strict=True)
    ]
    grid[np.ix_(*lines)] = x[np.ix_(*units)]
    return grid


def volume_taps(arith: Arithmetic, weight: np.ndarray) -> np.ndarray:
    """The weight on each kernel cell of the drawn (direct) convolution: a transposed
    convolution's kernel flipped on all three axes."""
    return weight[::-1, ::-1, ::-1] if arith.config.op == "transpose" else weight


def _step(values: np.ndarray) -> int:
    return int(values[1] - values[0]) if len(values) > 1 else 1


def _extended(axes: tuple[AxisFrames, ...], grid: np.ndarray, fill: float) -> np.ndarray:
    """The grid extended by ``fill`` where a ceil_mode window hangs past it."""
    extent = [int(axis.origins[-1] + axis.taps[-1]) + 1 for axis in axes]
    out = np.full(extent, fill)
    inside = tuple(slice(0, min(e, g)) for e, g in zip(extent, grid.shape, strict=True))
    out[inside] = grid[inside]
    return out


def _tap(extended: np.ndarray, axes: tuple[AxisFrames, ...], tap: tuple[int, ...]) -> np.ndarray:
    """What kernel cell ``tap`` reads in every frame: one strided slice."""
    index = []
    for axis, j in zip(axes, tap, strict=True):
        start, step, count = int(axis.taps[j]), _step(axis.origins), len(axis.origins)
        index.append(slice(start, start + step * (count - 1) + 1, step))
    return extended[tuple(index)]


def _windows(extended: np.ndarray, axes: tuple[AxisFrames, ...]) -> np.ndarray:
    """(frames per axis…, taps per axis…), without a copy."""
    shape = [len(axis.origins) for axis in axes] + [len(axis.taps) for axis in axes]
    strides = [st * _step(axis.origins) for st, axis in zip(extended.strides, axes, strict=True)]
    strides += [st * _step(axis.taps) for st, axis in zip(extended.strides, axes, strict=True)]
    view: np.ndarray = as_strided(extended, shape=shape, strides=strides, writeable=False)
    return view


def _reduced(
    arith: Arithmetic, pattern: FramePattern, grid: np.ndarray, weight: np.ndarray | None
) -> np.ndarray:
    op = arith.config.op
    axes = pattern.axes
    extended = _extended(axes, grid, -np.inf if op == "maxpool" else 0.0)
    frames = [len(axis.origins) for axis in axes]
    kernel = [len(axis.taps) for axis in axes]
    many_taps = int(np.prod(kernel)) > int(np.prod(frames))
    if op in ("conv", "transpose"):
        assert weight is not None
        w = volume_taps(arith, weight)
        if many_taps:  # fewer frames than taps: every window at once
            summed: np.ndarray = np.einsum("abcijk,ijk->abc", _windows(extended, axes), w)
            return summed
        out = np.zeros(frames)
        for tap in np.ndindex(*kernel):
            out += _tap(extended, axes, tap) * w[tap]
        return out
    reduce = np.maximum if op == "maxpool" else np.add
    if many_taps:
        view = _windows(extended, axes)
        pooled: np.ndarray = (
            view.max(axis=(3, 4, 5)) if op == "maxpool" else view.sum(axis=(3, 4, 5))
        )
        return pooled
    taps = iter(np.ndindex(*kernel))
    out = _tap(extended, axes, next(taps)).copy()
    for tap in taps:
        reduce(out, _tap(extended, axes, tap), out=out)
    return out


def volume_divisors(arith: Arithmetic, pattern: FramePattern) -> np.ndarray:
    """Average pooling's divisor of each output cell (1 elsewhere): the override, else a
    slice's count times a row's times a column's, as values.divisors."""
    c = arith.config
    shape = tuple(arith.layer_shape("o"))
    if c.op != "avgpool":
        return np.ones(shape, dtype=np.int64)
    if c.divisor_override:
        return np.full(shape, c.divisor_override, dtype=np.int64)
    counts = [
        inside_counts(axis, None if c.count_include_pad else axis_codes(ax, False))
        for axis, ax in zip(pattern.axes, (arith.depth, *arith.axes), strict=True)
    ]
    by: np.ndarray = np.einsum("i,j,k->ijk", *counts).astype(np.int64)
    return by


def volume_numbers(arith: Arithmetic, pattern: FramePattern) -> dict[str, Any]:
    """FigureValues' fields in order for a 3-D layer, each matrix a Written."""
    c = arith.config
    x = volume_input(arith)
    convolution = c.op in ("conv", "transpose")
    weight = volume_kernel(arith) if convolution else None
    grid = volume_grid(arith, x)
    by = volume_divisors(arith, pattern)
    channels = summed_channels(arith)
    out = _reduced(arith, pattern, grid, weight)
    if c.op == "avgpool":
        out = out / by
    infinite = np.isinf(grid)
    return {
        "input": Written(x),
        # Max pooling's −∞ padding is sent as null.
        "grid": Written(np.where(infinite, 0.0, grid), nulls=infinite if infinite.any() else None),
        "kernel": Written(weight) if weight is not None else None,
        "taps": Written(volume_taps(arith, weight)) if weight is not None else None,
        "output": Written(out * channels, 4),
        "channels": channels,
        "divisors": Written(by) if c.op == "avgpool" else None,
        "shows_padding": c.padding_mode != "zeros",
    }


def drawn_numbers(arith: Arithmetic, pattern: FramePattern) -> dict[str, Any]:
    """The frames answer's numbers, each matrix a Written: the plane's, or a 3-D layer's."""
    if arith.config.dims == 3:
        return volume_numbers(arith, pattern)
    return figure_numbers(arith, pattern)


def volume_scatter(
    arith: Arithmetic, pattern: FramePattern, x: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The scatter view's canvas and output in 3-D: input unit (z, r, c) adds x·w to the
    canvas cells its frame names; the output is the canvas with the padding cropped
    (ConvTranspose3d), as values.scatter_output on three axes."""
    axes = pattern.axes
    canvas = np.zeros([axis.bound for axis in axes])
    steps = [_step(axis.origins) for axis in axes]
    dilations = [_step(axis.taps) for axis in axes]
    # Whichever is fewer: one strided slice per kernel tap, or one kernel copy per unit.
    if weight.size <= x.size:
        for tap in np.ndindex(*weight.shape):
            index = tuple(
                slice(int(axis.taps[j]), int(axis.taps[j]) + s * (n - 1) + 1, s)
                for axis, j, s, n in zip(axes, tap, steps, x.shape, strict=True)
            )
            canvas[index] += x * weight[tap]
    else:
        for unit in np.ndindex(*x.shape):
            index = tuple(
                slice(int(axis.origins[u]), int(axis.origins[u]) + d * (k - 1) + 1, d)
                for axis, u, d, k in zip(axes, unit, dilations, weight.shape, strict=True)
            )
            canvas[index] += x[unit] * weight
    crops = [canvas_axis(ax) for ax in arith.layer_axes]
    output = canvas[tuple(slice(a.crop, a.crop + a.output) for a in crops)]
    return canvas, output


def scattered_numbers(arith: Arithmetic, pattern: FramePattern) -> dict[str, Any]:
    """The scatter view's numbers, each matrix a Written: the plane's, or a 3-D layer's."""
    if arith.config.dims != 3:
        return scatter_numbers(arith, pattern)
    x, weight = volume_input(arith), volume_kernel(arith)
    canvas, output = volume_scatter(arith, pattern, x, weight)
    return scatter_written(arith, x, weight, canvas, output)
