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

import json
from dataclasses import dataclass
from typing import Any

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


def seeded(seed: int, shape: tuple[int, ...], stream: tuple[int, int]) -> np.ndarray:
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


@dataclass(frozen=True)
class Windows:
    """The grid as every frame reads it: extended by a fill where a ceil_mode window hangs
    past it, with the frames' step (the stride) and the taps' (the dilation) per axis."""

    extended: np.ndarray
    shape: tuple[int, int, int, int]  # frame rows, frame columns, kernel rows, kernel columns
    steps: tuple[int, int]
    dilations: tuple[int, int]

    def view(self) -> np.ndarray:
        """(frame row, frame column, kernel row, kernel column), without a copy."""
        sr, sc = self.extended.strides
        (step_r, step_c), (d_r, d_c) = self.steps, self.dilations
        view: np.ndarray = as_strided(
            self.extended,
            shape=self.shape,
            strides=(sr * step_r, sc * step_c, sr * d_r, sc * d_c),
            writeable=False,
        )
        return view

    def tap(self, j: int, k: int, rows: np.ndarray | None = None) -> np.ndarray:
        """What kernel cell (j, k) reads in every frame: one strided slice (of ``rows``, an
        earlier pass over the kernel's columns, if given)."""
        fh, fw, _, _ = self.shape
        (step_r, step_c), (d_r, d_c) = self.steps, self.dilations
        if rows is not None:
            r0 = j * d_r
            return rows[r0 : r0 + step_r * (fh - 1) + 1 : step_r]
        r0, c0 = j * d_r, k * d_c
        return self.extended[
            r0 : r0 + step_r * (fh - 1) + 1 : step_r, c0 : c0 + step_c * (fw - 1) + 1 : step_c
        ]

    def column_pass(self, k: int) -> np.ndarray:
        """Kernel column k's reads of every extended row, for each frame column."""
        _, fw, _, _ = self.shape
        step_c, d_c = self.steps[1], self.dilations[1]
        c0 = k * d_c
        return self.extended[:, c0 : c0 + step_c * (fw - 1) + 1 : step_c]


def _step(values: np.ndarray) -> int:
    return int(values[1] - values[0]) if len(values) > 1 else 1


def windows(pattern: FramePattern, grid: np.ndarray, fill: float) -> Windows:
    """Every frame's taps on the grid: the grid extended by ``fill`` where a ceil_mode
    window hangs past it."""
    rows, cols = pattern.rows, pattern.cols
    # Frame origins are evenly spaced (the stride), and so are the taps (the dilation).
    extent = [int(axis.origins[-1] + axis.taps[-1]) + 1 for axis in (rows, cols)]
    extended = np.full(extent, fill)
    h, w = min(extent[0], grid.shape[0]), min(extent[1], grid.shape[1])
    extended[:h, :w] = grid[:h, :w]
    return Windows(
        extended,
        (len(rows.origins), len(cols.origins), len(rows.taps), len(cols.taps)),
        (_step(rows.origins), _step(cols.origins)),
        (_step(rows.taps), _step(cols.taps)),
    )


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
    win = windows(pattern, grid, -np.inf if op == "maxpool" else 0.0)
    if op in ("maxpool", "avgpool"):
        pooled = _pooled(win, np.maximum if op == "maxpool" else np.add)
        return pooled if op == "maxpool" else pooled / by
    assert weight is not None
    return _convolved(win, taps(arith, weight))


def _pooled(win: Windows, reduce: np.ufunc) -> np.ndarray:
    """A window's max or sum is a row's over its columns' (the window is rows × columns):
    the kernel's columns in one pass over every row, then its rows."""
    _, _, kh, kw = win.shape
    across = win.column_pass(0).copy()
    for k in range(1, kw):
        reduce(across, win.column_pass(k), out=across)
    out = win.tap(0, 0, across).copy()
    for j in range(1, kh):
        reduce(out, win.tap(j, 0, across), out=out)
    return out


def _convolved(win: Windows, w: np.ndarray) -> np.ndarray:
    """Each frame's taps times the weights, summed in the kernel's row-major order: one
    strided slice per tap where the kernel has fewer cells than the output, else the
    windows at once."""
    fh, fw, kh, kw = win.shape
    if kh * kw > fh * fw:
        summed: np.ndarray = np.einsum("abij,ij->ab", win.view(), w)
        return summed
    out = np.zeros((fh, fw))
    term = np.empty((fh, fw))
    for j in range(kh):
        for k in range(kw):
            np.multiply(win.tap(j, k), w[j, k], out=term)
            out += term
    return out


def plain(matrix: np.ndarray, decimals: int = 6) -> list[list[float]]:
    """JSON-ready numbers: whole ones as integers (the paper's ``3``, not ``3.0``)."""
    flat = plain_flat(matrix, decimals)
    width = matrix.shape[1]
    return [flat[n * width : (n + 1) * width] for n in range(matrix.shape[0])]


def _product_error(a: np.ndarray, b: float) -> np.ndarray:
    """a·b's rounding error, exactly (Dekker's product: each factor split into halves whose
    products are exact)."""
    split = 134217729.0  # 2^27 + 1
    c = split * a
    a_hi = c - (c - a)
    a_lo = a - a_hi
    d = split * b
    b_hi = d - (d - b)
    b_lo = b - b_hi
    p = a * b
    error: np.ndarray = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    return error


def _rounded(values: np.ndarray, decimals: int) -> tuple[np.ndarray, np.ndarray]:
    """Rounded to ``decimals`` as Python's round does, and which are then whole: a sum whose
    last bit depends on its order (ninths) is written the same either way."""
    with np.errstate(invalid="ignore"):
        whole = np.isfinite(values) & (values == np.floor(values))
    if whole.all():  # the common case: the paper's and the seeds' numbers
        return values, whole
    with np.errstate(invalid="ignore", over="ignore"):
        scale = 10.0**decimals
        scaled = values * scale
        rounded = np.round(values, decimals)
        # numpy rounds x·10^n: where that product was inexact and lands near a tie, it may
        # fall either side of it, where Python rounds the exact value (an exact tie both round
        # to even).
        fraction = np.abs(scaled - np.floor(scaled))
        # Within a few of the product's last bits of a tie (a large number has coarse ones).
        near_tie = np.abs(fraction - 0.5) <= np.maximum(1e-6, 4 * np.abs(np.spacing(scaled)))
        doubtful = ~np.isfinite(scaled) | (near_tie & (_product_error(values, scale) != 0))
    for n in np.flatnonzero(doubtful).tolist():
        rounded[n] = round(float(values[n]), decimals)
    whole = np.isfinite(rounded) & (rounded == np.floor(rounded))
    return rounded, whole


def _written(matrix: np.ndarray, decimals: int, nulls: np.ndarray | None) -> np.ndarray:
    """Row-major, as Python objects: whole numbers as int, others float, nulls None."""
    rounded, whole = _rounded(np.asarray(matrix, dtype=np.float64).ravel(), decimals)
    out = rounded.astype(object)
    small = whole & (np.abs(rounded) < 2.0**53)  # whole numbers an int64 holds exactly
    out[small] = rounded[small].astype(np.int64).astype(object)
    for n in np.flatnonzero(whole & ~small).tolist():
        out[n] = int(rounded[n])
    if nulls is not None:
        out[nulls.ravel()] = None
    return out


def plain_flat(
    matrix: np.ndarray, decimals: int = 6, nulls: np.ndarray | None = None
) -> list[float]:
    """``plain``'s numbers as one row-major list; None where ``nulls``."""
    listed: list[float] = _written(matrix, decimals, nulls).tolist()
    return listed


def plain_text(matrix: np.ndarray, decimals: int = 6, nulls: np.ndarray | None = None) -> str:
    """``plain_flat`` as JSON text without its brackets — the same characters as encoding
    the list, written directly (a 512×512 grid's numbers are most of a compact answer): each
    distinct number is written once and the text picked per entry."""
    rounded, whole = _rounded(np.asarray(matrix, dtype=np.float64).ravel(), decimals)
    shown = rounded if nulls is None else rounded[~nulls.ravel()]
    if not np.isfinite(shown).all():  # rare (a pooling window wholly in −∞ padding)
        return json.dumps(plain_flat(matrix, decimals, nulls), separators=(",", ":"))[1:-1]
    if rounded.size == 0:
        return ""
    exact = whole.all() and float(np.abs(rounded).max()) < 2.0**53
    ints = rounded.astype(np.int64) if exact else None
    if ints is not None and int(ints.max()) - int(ints.min()) <= 1 << 16:
        low = int(ints.min())
        texts = [str(v) for v in range(low, int(ints.max()) + 1)]
        index = ints - low
    else:
        distinct, index = np.unique(rounded, return_inverse=True)
        # str of an int or a finite float is what JSON writes.
        texts = [str(int(v)) if v.is_integer() else str(v) for v in distinct.tolist()]
    if nulls is not None:
        texts.append("null")
        index = np.where(nulls.ravel(), len(texts) - 1, index.ravel())
    return _joined(texts, index.ravel())


def _joined(texts: list[str], index: np.ndarray) -> str:
    """ ",".join(texts[i] for i in index), as array operations on the texts' bytes."""
    encoded = [text.encode() + b"," for text in texts]
    pool = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    lengths = np.array([len(e) for e in encoded], dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    sizes = lengths[index]
    ends = np.cumsum(sizes)
    # Output byte j of entry e is the pool's byte starts[index[e]] + (j − where e begins).
    shift = np.repeat(starts[index] - (ends - sizes), sizes)
    written = pool[np.arange(int(ends[-1])) + shift]
    text: str = written[:-1].tobytes().decode("ascii")
    return text


@dataclass(frozen=True)
class Written:
    """A matrix of numbers before it is written: whole ones as integers, the rest rounded to
    ``decimals``, null where ``nulls``."""

    matrix: np.ndarray
    decimals: int = 6
    nulls: np.ndarray | None = None

    def rows(self) -> list[Any]:
        """Nested as the matrix is: rows of numbers, or (3-D) slices of rows."""
        flat: list[Any] = plain_flat(self.matrix, self.decimals, self.nulls)
        return nested(flat, self.matrix.shape)

    def rows_flat(self) -> list[Any]:
        flat: list[Any] = plain_flat(self.matrix, self.decimals, self.nulls)
        return flat

    def text(self) -> str:
        return plain_text(self.matrix, self.decimals, self.nulls)


def nested(flat: list[Any], shape: tuple[int, ...]) -> list[Any]:
    """A row-major list as rows (2-D), or slices of rows (3-D)."""
    width = shape[-1]
    rows = [flat[n * width : (n + 1) * width] for n in range(len(flat) // width if width else 0)]
    if len(shape) == 2:
        return rows if width else [[] for _ in range(shape[0])]
    h = shape[1]
    return [rows[z * h : (z + 1) * h] for z in range(shape[0])]


def summed_channels(arith: Arithmetic) -> int:
    """How many equal input slices PyTorch's output channel 0 adds up: its group's c_in/g
    channels for a convolution; pooling takes each channel alone."""
    c = arith.config
    return c.c_in // c.g if c.op in ("conv", "transpose") else 1


def figure_numbers(arith: Arithmetic, pattern: FramePattern) -> dict[str, Any]:
    """FigureValues' fields in order, each matrix a Written (see figure_values)."""
    x = input_values(arith)
    convolution = arith.config.op in ("conv", "transpose")
    weight = kernel_values(arith) if convolution else None
    # The grid and the divisors once: the output reads them and the answer carries them.
    grid = grid_values(arith, x)
    by = divisors(arith, pattern)
    channels = summed_channels(arith)
    out = _outputs(arith, pattern, grid, weight, by) * channels
    infinite = np.isinf(grid)
    return {
        "input": Written(x),
        # Max pooling's −∞ padding is sent as null.
        "grid": Written(np.where(infinite, 0.0, grid), nulls=infinite if infinite.any() else None),
        "kernel": Written(weight) if weight is not None else None,
        "taps": Written(taps(arith, weight)) if weight is not None else None,
        "output": Written(out, 4),
        "channels": channels,
        "divisors": Written(by) if arith.config.op == "avgpool" else None,
        "shows_padding": arith.config.padding_mode != "zeros",
    }


def as_rows(numbers: dict[str, Any]) -> Any:
    """Every Written matrix as a list of rows; the rest unchanged."""
    return {k: v.rows() if isinstance(v, Written) else v for k, v in numbers.items()}


def figure_values(arith: Arithmetic, pattern: FramePattern) -> FigureValues:
    """Input, kernel (for convolutions) and output numbers, JSON-ready; −∞ becomes null.
    The output is output channel 0 with every input channel carrying the drawn slice."""
    values: FigureValues = as_rows(figure_numbers(arith, pattern))
    return values


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


def scatter_numbers(arith: Arithmetic, pattern: FramePattern) -> dict[str, Any]:
    """ScatterValues' fields in order, each matrix a Written."""
    x = input_values(arith)
    weight = kernel_values(arith)
    canvas, output = scatter_output(arith, pattern, x, weight)
    return scatter_written(arith, x, weight, canvas, output)


def scatter_written(
    arith: Arithmetic, x: np.ndarray, weight: np.ndarray, canvas: np.ndarray, output: np.ndarray
) -> dict[str, Any]:
    """The scatter view's numbers in ScatterValues' order, each matrix a Written; the canvas
    and the output of output channel 0, which adds up c_in/g equal slices."""
    channels = summed_channels(arith)
    return {
        "input": Written(x),
        "kernel": Written(weight),
        "canvas": Written(canvas * channels, 4),
        "output": Written(output * channels, 4),
        "channels": channels,
    }


def scatter_values(arith: Arithmetic, pattern: FramePattern) -> ScatterValues:
    """The scatter view's numbers, on the figure's input and kernel."""
    values: ScatterValues = as_rows(scatter_numbers(arith, pattern))
    return values
