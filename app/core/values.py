"""Numbers for a figure, as the paper's chapter-1 figures show them.

The input is the link's ``x`` and the kernel its ``w`` (numbers or a preset); where left out,
random whole numbers from a non-zero ``seed``, else the paper's 5×5 input and 3×3 kernel,
tiled where the sizes differ, so figures 1.1, 1.2, 1.5 and 1.6 come out with the paper's own
numbers. The padding holds what the padding mode puts there. Every output
value is computed from the drawn grid and the frames — the same picture the page shows —
so the tests can hold it against PyTorch: the picture and the numbers cannot disagree.

With several input channels every channel carries the same tiled input and every weight
slice the same tiled kernel, so PyTorch's output channel 0 of a convolution sums c_in/g equal
slices — the drawn one times c_in/g — and a pooling's channel 0 is the drawn slice itself.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

from app.core.arithmetic import Arithmetic
from app.core.figures import CHAPTER1_INPUT, CHAPTER1_KERNEL
from app.core.frames import INPUT, PADDING, AxisFrames, FramePattern, axis_codes
from app.core.kernels import preset
from app.core.padmodes import pad
from app.core.params import Config
from app.core.scatter import canvas_axis
from app.core.schema import FigureValues, ScatterValues

# A seed's numbers are small whole numbers like the paper's (input 0 to 3, kernel 0 to 2), drawn
# from separate streams so a new input size keeps the kernel and the other way round.
RANDOM_INPUT, RANDOM_KERNEL = (0, 3), (1, 2)


def tiled(pattern: tuple[tuple[int, ...], ...], shape: tuple[int, int]) -> np.ndarray:
    """``pattern`` repeated to fill ``shape``, from the top-left."""
    base = np.array(pattern, dtype=np.float64)
    reps = (-(-shape[0] // base.shape[0]), -(-shape[1] // base.shape[1]))
    return np.tile(base, reps)[: shape[0], : shape[1]]


def seeded(seed: int, shape: tuple[int, int], stream: tuple[int, int]) -> np.ndarray:
    """Whole numbers 0 to ``stream[1]``, the same for the same seed, shape and stream."""
    rng = np.random.default_rng([seed, stream[0]])
    return rng.integers(0, stream[1] + 1, size=shape).astype(np.float64)


def input_values(arith: Arithmetic) -> np.ndarray:
    c = arith.config
    if c.x is not None:
        return np.array(c.x, dtype=np.float64)
    if c.seed:
        return seeded(c.seed, arith.input_shape, RANDOM_INPUT)
    return tiled(CHAPTER1_INPUT, arith.input_shape)


def kernel_values(arith: Arithmetic) -> np.ndarray:
    """The layer's weights (PyTorch's ``weight[0, 0]``), for convolutions."""
    return config_weights(arith.config)


def config_weights(c: Config) -> np.ndarray:
    """The weights a configuration names: its ``w`` (a preset or numbers), else the seed's,
    else the paper's kernel tiled to ``k``."""
    if isinstance(c.w, str):
        return preset(c.w, c.k)
    if c.w is not None:
        return np.array(c.w, dtype=np.float64)
    if c.seed:
        return seeded(c.seed, c.k, RANDOM_KERNEL)
    return tiled(CHAPTER1_KERNEL, c.k)


def grid_values(arith: Arithmetic, x: np.ndarray) -> np.ndarray:
    """The drawn grid filled: input units where they sit, zeros elsewhere — or −∞ in the
    padding of max pooling, which PyTorch pads with −∞ so a padding cell never wins; a
    convolution's padding holds what its padding mode puts there."""
    c = arith.config
    if c.padding_mode != "zeros":  # a convolution's grid is its padded input
        return pad(x, (c.padding.axis(0), c.padding.axis(1)), c.padding_mode)
    transposed = c.op == "transpose"
    ax_h, ax_w = arith.axes
    rows, cols = axis_codes(ax_h, transposed), axis_codes(ax_w, transposed)
    fill = -np.inf if c.op == "maxpool" else 0.0
    grid = np.where(np.maximum.outer(rows, cols) == PADDING, fill, 0.0)
    # Grid line g is line g − grid_before of the (stretched) input; units sit every stride.
    r_in, c_in = np.flatnonzero(rows == INPUT), np.flatnonzero(cols == INPUT)
    u = (r_in - ax_h.grid_before) // ax_h.grid_stride
    v = (c_in - ax_w.grid_before) // ax_w.grid_stride
    grid[np.ix_(r_in, c_in)] = x[np.ix_(u, v)]
    return grid


def taps(arith: Arithmetic, weight: np.ndarray) -> np.ndarray:
    """The weight that sits on each kernel cell of the drawn (direct) convolution: the
    kernel itself, or for a transposed convolution the kernel flipped 180°."""
    return weight[::-1, ::-1] if arith.config.op == "transpose" else weight


def windows(pattern: FramePattern, grid: np.ndarray, fill: float) -> np.ndarray:
    """Every frame's taps on the grid as one view, (frame row, frame column, kernel row,
    kernel column): the grid extended by ``fill`` where a ceil_mode window hangs past it."""
    rows, cols = pattern.rows, pattern.cols
    # Frame origins are evenly spaced (the stride), and so are the taps (the dilation).
    extent = [int(axis.origins[-1] + axis.taps[-1]) + 1 for axis in (rows, cols)]
    extended = np.full(extent, fill)
    h, w = min(extent[0], grid.shape[0]), min(extent[1], grid.shape[1])
    extended[:h, :w] = grid[:h, :w]
    step_r = int(rows.origins[1] - rows.origins[0]) if len(rows.origins) > 1 else 1
    step_c = int(cols.origins[1] - cols.origins[0]) if len(cols.origins) > 1 else 1
    d_r = int(rows.taps[1] - rows.taps[0]) if len(rows.taps) > 1 else 1
    d_c = int(cols.taps[1] - cols.taps[0]) if len(cols.taps) > 1 else 1
    sr, sc = extended.strides
    view: np.ndarray = as_strided(
        extended,
        shape=(len(rows.origins), len(cols.origins), len(rows.taps), len(cols.taps)),
        strides=(sr * step_r, sc * step_c, sr * d_r, sc * d_c),
        writeable=False,
    )
    return view


def inside_counts(axis: AxisFrames, codes: np.ndarray | None = None) -> np.ndarray:
    """Per frame row (or column): the taps that land on the grid — only on input lines, if
    ``codes`` (the lines' kinds) is given."""
    lines = axis.origins[:, None] + axis.taps[None, :]
    inside = lines < axis.bound
    if codes is not None:
        inside &= codes[np.minimum(lines, axis.bound - 1)] == INPUT
    counts: np.ndarray = inside.sum(axis=1)
    return counts


def divisors(arith: Arithmetic, pattern: FramePattern) -> np.ndarray:
    """Average pooling's divisor of each output cell (1 elsewhere, where nothing divides):
    the override; else the window clipped to the padded grid (count_include_pad), or only
    its input cells — both a row's count times a column's, as the kinds are."""
    c = arith.config
    if c.op != "avgpool":
        return np.ones(arith.output_shape, dtype=np.int64)
    if c.divisor_override:
        return np.full(arith.output_shape, c.divisor_override, dtype=np.int64)
    ax_h, ax_w = arith.axes
    if c.count_include_pad:
        rows, cols = inside_counts(pattern.rows), inside_counts(pattern.cols)
    else:
        rows = inside_counts(pattern.rows, axis_codes(ax_h, False))
        cols = inside_counts(pattern.cols, axis_codes(ax_w, False))
    by: np.ndarray = np.outer(rows, cols).astype(np.int64)
    return by


def output_values(
    arith: Arithmetic, pattern: FramePattern, x: np.ndarray, weight: np.ndarray | None
) -> np.ndarray:
    """What the layer computes on input ``x`` (and ``weight``, PyTorch's ``weight[0, 0]``),
    read off the picture: each frame reduces the grid cells it covers."""
    grid = grid_values(arith, x)
    return _outputs(arith, pattern, grid, weight, divisors(arith, pattern))


def _outputs(
    arith: Arithmetic,
    pattern: FramePattern,
    grid: np.ndarray,
    weight: np.ndarray | None,
    by: np.ndarray,
) -> np.ndarray:
    op = arith.config.op
    # Past the grid (ceil_mode) a cell is not pooled: −∞ never wins a max, 0 adds nothing.
    view = windows(pattern, grid, -np.inf if op == "maxpool" else 0.0)
    if op == "maxpool":
        peak: np.ndarray = view.max(axis=(2, 3))
        return peak
    if op == "avgpool":
        mean: np.ndarray = view.sum(axis=(2, 3)) / by
        return mean
    assert weight is not None
    out: np.ndarray = np.einsum("abij,ij->ab", view, taps(arith, weight))
    return out


def plain(matrix: np.ndarray, decimals: int = 6) -> list[list[float]]:
    """JSON-ready numbers: whole ones as integers (the paper's ``3``, not ``3.0``)."""
    flat = plain_flat(matrix, decimals)
    width = matrix.shape[1]
    return [flat[n * width : (n + 1) * width] for n in range(matrix.shape[0])]


def plain_flat(matrix: np.ndarray, decimals: int = 6) -> list[float]:
    """``plain``'s numbers as one row-major list: rounded to ``decimals`` as Python's round
    does, then whole ones written as integers — so a sum whose last bit depends on its order
    (ninths) is written the same either way."""
    values = np.asarray(matrix, dtype=np.float64).ravel()
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * 10.0**decimals
        rounded = np.round(values, decimals)
        # numpy rounds x·10^n, which may land either side of a tie: Python rounds exactly.
        fraction = np.abs(scaled - np.floor(scaled))
        near_tie = ~np.isfinite(scaled) | (np.abs(fraction - 0.5) < 1e-6)
    for n in np.flatnonzero(near_tie).tolist():
        rounded[n] = round(float(values[n]), decimals)
    whole = np.isfinite(rounded) & (rounded == np.floor(rounded))
    out = rounded.astype(object)
    out[whole] = rounded[whole].astype(np.int64).astype(object)
    listed: list[float] = out.tolist()
    return listed


def summed_channels(arith: Arithmetic) -> int:
    """How many equal input slices PyTorch's output channel 0 adds up: its group's c_in/g
    channels for a convolution; pooling takes each channel alone."""
    c = arith.config
    return c.c_in // c.g if c.op in ("conv", "transpose") else 1


def figure_values(arith: Arithmetic, pattern: FramePattern) -> FigureValues:
    """Input, kernel (for convolutions) and output numbers, JSON-ready; −∞ becomes null.
    The output is output channel 0 with every input channel carrying the drawn slice."""
    x = input_values(arith)
    convolution = arith.config.op in ("conv", "transpose")
    weight = kernel_values(arith) if convolution else None
    # The grid and the divisors once: the output reads them and the answer carries them.
    grid = grid_values(arith, x)
    by = divisors(arith, pattern)
    channels = summed_channels(arith)
    out = _outputs(arith, pattern, grid, weight, by) * channels
    # Max pooling's −∞ padding is sent as null.
    shown: list[float | None] = list(plain_flat(np.where(np.isinf(grid), 0.0, grid)))
    for n in np.flatnonzero(np.isinf(grid)).tolist():
        shown[n] = None
    width = grid.shape[1]
    return {
        "input": plain(x),
        "grid": [shown[n * width : (n + 1) * width] for n in range(grid.shape[0])],
        "kernel": plain(weight) if weight is not None else None,
        "taps": plain(taps(arith, weight)) if weight is not None else None,
        "output": plain(out, 4),
        "channels": channels,
        "divisors": by.tolist() if arith.config.op == "avgpool" else None,
        "shows_padding": arith.config.padding_mode != "zeros",
    }


def scatter_output(
    arith: Arithmetic, pattern: FramePattern, x: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The canvas and the output: each input unit adds x·w to the canvas cells its frame
    names; the output is the canvas with the padding cropped (PyTorch's ConvTranspose2d)."""
    rows, cols = (canvas_axis(ax) for ax in arith.axes)
    canvas = np.zeros((rows.size, cols.size))
    (s_h, s_w), (d_h, d_w) = arith.config.s, arith.config.d
    (ih, iw), (kh, kw) = x.shape, weight.shape
    # Whichever is fewer: one strided slice per kernel tap (every unit at once), or one
    # dilated kernel copy per input unit.
    if kh * kw <= ih * iw:
        for j, tr in enumerate(pattern.rows.taps.tolist()):
            for k, tc in enumerate(pattern.cols.taps.tolist()):
                canvas[tr : tr + s_h * (ih - 1) + 1 : s_h, tc : tc + s_w * (iw - 1) + 1 : s_w] += (
                    x * weight[j, k]
                )
    else:
        for u, r0 in enumerate(pattern.rows.origins.tolist()):
            for v, c0 in enumerate(pattern.cols.origins.tolist()):
                canvas[r0 : r0 + d_h * (kh - 1) + 1 : d_h, c0 : c0 + d_w * (kw - 1) + 1 : d_w] += (
                    x[u, v] * weight
                )
    output = canvas[rows.crop : rows.crop + rows.output, cols.crop : cols.crop + cols.output]
    return canvas, output


def scatter_values(arith: Arithmetic, pattern: FramePattern) -> ScatterValues:
    """The scatter view's numbers, on the figure's input and kernel."""
    x = input_values(arith)
    weight = kernel_values(arith)
    canvas, output = scatter_output(arith, pattern, x, weight)
    channels = summed_channels(arith)
    return {
        "input": plain(x),
        "kernel": plain(weight),
        "canvas": plain(canvas * channels, 4),
        "output": plain(output * channels, 4),
        "channels": channels,
    }
