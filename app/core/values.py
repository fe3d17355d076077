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

from app.core.arithmetic import Arithmetic
from app.core.figures import CHAPTER1_INPUT, CHAPTER1_KERNEL
from app.core.frames import Frame, grid_kinds
from app.core.kernels import preset
from app.core.padmodes import pad
from app.core.params import Config
from app.core.scatter import ScatterFrame, canvas_axis
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
    kinds = grid_kinds(arith)
    gh, gw = arith.grid_shape
    fill = -np.inf if arith.config.op == "maxpool" else 0.0
    grid = np.where(np.array(kinds) == "padding", fill, 0.0)
    ax_h, ax_w = arith.axes
    # Grid line g is line g − grid_before of the (stretched) input; units sit every stride.
    rows = [(g, (g - ax_h.grid_before) // ax_h.grid_stride) for g in range(gh)]
    cols = [(g, (g - ax_w.grid_before) // ax_w.grid_stride) for g in range(gw)]
    for g, u in rows:
        for h, v in cols:
            if kinds[g][h] == "input":
                grid[g, h] = x[u, v]
    return grid


def taps(arith: Arithmetic, weight: np.ndarray) -> np.ndarray:
    """The weight that sits on each kernel cell of the drawn (direct) convolution: the
    kernel itself, or for a transposed convolution the kernel flipped 180°."""
    return weight[::-1, ::-1] if arith.config.op == "transpose" else weight


def divisor(arith: Arithmetic, kinds: list[list[str]], frame: Frame) -> int:
    """What average pooling divides a window's sum by, as PyTorch's avg_pool2d: the
    override; else the window clipped to the padded grid (count_include_pad), or only its
    input cells."""
    c = arith.config
    if c.divisor_override:
        return c.divisor_override
    if c.count_include_pad:
        return len(frame.cells)
    return sum(kinds[r][col] == "input" for r, col in frame.cells)


def _reduce(
    arith: Arithmetic, grid: np.ndarray, frame: Frame, w: np.ndarray | None, by: int
) -> float:
    cells = frame.cells
    values = np.array([grid[r, c] for r, c in cells])
    op = arith.config.op
    if op == "maxpool":
        return float(values.max())
    if op == "avgpool":
        return float(values.sum() / by)
    assert w is not None
    r0, c0 = frame.window[0], frame.window[1]
    dh, dw = arith.config.d
    weights = np.array([w[(r - r0) // dh, (c - c0) // dw] for r, c in cells])
    return float(values @ weights)


def output_values(
    arith: Arithmetic, frames: list[Frame], x: np.ndarray, weight: np.ndarray | None
) -> np.ndarray:
    """What the layer computes on input ``x`` (and ``weight``, PyTorch's ``weight[0, 0]``),
    read off the picture: each frame reduces the grid cells it covers."""
    grid = grid_values(arith, x)
    return _outputs(arith, frames, grid, weight, divisors(arith, frames))


def _outputs(
    arith: Arithmetic,
    frames: list[Frame],
    grid: np.ndarray,
    weight: np.ndarray | None,
    by: np.ndarray,
) -> np.ndarray:
    w = taps(arith, weight) if weight is not None else None
    out = np.zeros(arith.output_shape)
    for frame in frames:
        out[frame.output] = _reduce(arith, grid, frame, w, int(by[frame.output]))
    return out


def divisors(arith: Arithmetic, frames: list[Frame]) -> np.ndarray:
    """Average pooling's divisor of each output cell (1 elsewhere, where nothing divides)."""
    by = np.ones(arith.output_shape, dtype=np.int64)
    if arith.config.op == "avgpool":
        kinds: list[list[str]] = [list(row) for row in grid_kinds(arith)]
        for frame in frames:
            by[frame.output] = divisor(arith, kinds, frame)
    return by


def plain(matrix: np.ndarray, decimals: int = 6) -> list[list[float]]:
    """JSON-ready numbers: whole ones as integers (the paper's ``3``, not ``3.0``)."""
    return [
        [int(v) if float(v).is_integer() else round(float(v), decimals) for v in row]
        for row in matrix
    ]


def summed_channels(arith: Arithmetic) -> int:
    """How many equal input slices PyTorch's output channel 0 adds up: its group's c_in/g
    channels for a convolution; pooling takes each channel alone."""
    c = arith.config
    return c.c_in // c.g if c.op in ("conv", "transpose") else 1


def figure_values(arith: Arithmetic, frames: list[Frame]) -> FigureValues:
    """Input, kernel (for convolutions) and output numbers, JSON-ready; −∞ becomes null.
    The output is output channel 0 with every input channel carrying the drawn slice."""
    x = input_values(arith)
    convolution = arith.config.op in ("conv", "transpose")
    weight = kernel_values(arith) if convolution else None
    # The grid and the divisors once: the output reads them and the answer carries them.
    grid = grid_values(arith, x)
    by = divisors(arith, frames)
    channels = summed_channels(arith)
    out = _outputs(arith, frames, grid, weight, by) * channels
    finite = np.where(np.isinf(grid), 0.0, grid)
    return {
        "input": plain(x),
        "grid": [
            [None if np.isinf(v) else p for v, p in zip(row, shown, strict=True)]
            for row, shown in zip(grid, plain(finite), strict=True)
        ],
        "kernel": plain(weight) if weight is not None else None,
        "taps": plain(taps(arith, weight)) if weight is not None else None,
        "output": plain(out, 4),
        "channels": channels,
        "divisors": by.tolist() if arith.config.op == "avgpool" else None,
        "shows_padding": arith.config.padding_mode != "zeros",
    }


def scatter_output(
    arith: Arithmetic, frames: list[ScatterFrame], x: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The canvas and the output: each input unit adds x·w to the canvas cells its frame
    names; the output is the canvas with the padding cropped (PyTorch's ConvTranspose2d)."""
    rows, cols = (canvas_axis(ax) for ax in arith.axes)
    canvas = np.zeros((rows.size, cols.size))
    flat = weight.ravel()
    for frame in frames:
        for (r, c), w in zip(frame.cells, flat, strict=True):
            canvas[r, c] += x[frame.input] * w
    output = canvas[rows.crop : rows.crop + rows.output, cols.crop : cols.crop + cols.output]
    return canvas, output


def scatter_values(arith: Arithmetic, frames: list[ScatterFrame]) -> ScatterValues:
    """The scatter view's numbers, on the figure's input and kernel."""
    x = input_values(arith)
    weight = kernel_values(arith)
    canvas, output = scatter_output(arith, frames, x, weight)
    channels = summed_channels(arith)
    return {
        "input": plain(x),
        "kernel": plain(weight),
        "canvas": plain(canvas * channels, 4),
        "output": plain(output * channels, 4),
        "channels": channels,
    }
