"""The paper's figures as named cases: presets for the page, fixtures for the tests.

For transposed figures the paper's captions give the direct convolution (i, k, s, p); the
preset is the transposed layer itself, whose input is that convolution's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    number: str
    name: str
    query: dict[str, str]
    output: int  # per side, as in the paper's table
    grid: int  # per side: the padded (or stretched and padded) input drawn
    relationship: int
    caption: str
    direct: dict[str, int] = field(default_factory=dict)  # the caption's convolution

    @property
    def steps(self) -> int:
        return self.output * self.output


def _conv(
    number: str,
    name: str,
    i: int,
    k: int,
    s: int,
    p: int,
    out: int,
    rel: int,
    caption: str,
    d: int = 1,
) -> Figure:
    query = {"op": "conv", "i": str(i), "k": str(k), "s": str(s), "p": str(p)}
    if d != 1:
        query["d"] = str(d)
    return Figure(number, name, query, out, i + 2 * p, rel, caption)


def _transposed(
    number: str, name: str, i: int, k: int, s: int, p: int, out: int, rel: int, caption: str
) -> Figure:
    """From the caption's direct convolution (i, k, s, p) to the transposed layer."""
    o = (i + 2 * p - k) // s + 1
    a = (i + 2 * p - k) % s
    query = {"op": "transpose", "i": str(o), "k": str(k), "s": str(s), "p": str(p)}
    if a:
        query["a"] = str(a)
    stretched = (o - 1) * s + 1
    grid = stretched + 2 * (k - 1 - p) + a
    return Figure(number, name, query, out, grid, rel, caption, {"i": i, "k": k, "s": s, "p": p})


FIGURES: tuple[Figure, ...] = (
    _conv(
        "1.1",
        "convolution",
        5,
        3,
        1,
        0,
        3,
        1,
        "Computing the output values of a discrete convolution.",
    ),
    _conv(
        "1.2",
        "convolution_strided_padded",
        5,
        3,
        2,
        1,
        3,
        6,
        "Computing the output values of a discrete convolution with padding and strides.",
    ),
    Figure(
        "1.5",
        "average_pooling",
        {"op": "avgpool", "i": "5", "k": "3", "s": "1"},
        3,
        5,
        7,
        "Computing the output values of a 3×3 average pooling operation on a 5×5 input.",
    ),
    Figure(
        "1.6",
        "max_pooling",
        {"op": "maxpool", "i": "5", "k": "3", "s": "1"},
        3,
        5,
        7,
        "Computing the output values of a 3×3 max pooling operation on a 5×5 input.",
    ),
    _conv(
        "2.1",
        "no_padding_no_strides",
        4,
        3,
        1,
        0,
        2,
        1,
        "Convolving a 3×3 kernel over a 4×4 input using unit strides.",
    ),
    _conv(
        "2.2",
        "arbitrary_padding_no_strides",
        5,
        4,
        1,
        2,
        6,
        2,
        "Convolving a 4×4 kernel over a 5×5 input padded with a 2×2 border of zeros.",
    ),
    _conv(
        "2.3",
        "same_padding_no_strides",
        5,
        3,
        1,
        1,
        5,
        3,
        "Convolving a 3×3 kernel over a 5×5 input using half padding.",
    ),
    _conv(
        "2.4",
        "full_padding_no_strides",
        5,
        3,
        1,
        2,
        7,
        4,
        "Convolving a 3×3 kernel over a 5×5 input using full padding.",
    ),
    _conv(
        "2.5",
        "no_padding_strides",
        5,
        3,
        2,
        0,
        2,
        5,
        "Convolving a 3×3 kernel over a 5×5 input using 2×2 strides.",
    ),
    _conv(
        "2.6",
        "padding_strides",
        5,
        3,
        2,
        1,
        3,
        6,
        "Convolving a 3×3 kernel over a 5×5 input padded with a 1×1 border of zeros "
        "using 2×2 strides.",
    ),
    _conv(
        "2.7",
        "padding_strides_odd",
        6,
        3,
        2,
        1,
        3,
        6,
        "Convolving a 3×3 kernel over a 6×6 input padded with a 1×1 border of zeros "
        "using 2×2 strides.",
    ),
    _transposed(
        "4.1",
        "no_padding_no_strides_transposed",
        4,
        3,
        1,
        0,
        4,
        8,
        "The transpose of convolving a 3×3 kernel over a 4×4 input using unit strides.",
    ),
    _transposed(
        "4.2",
        "arbitrary_padding_no_strides_transposed",
        5,
        4,
        1,
        2,
        5,
        9,
        "The transpose of convolving a 4×4 kernel over a 5×5 input padded with a "
        "2×2 border of zeros.",
    ),
    _transposed(
        "4.3",
        "same_padding_no_strides_transposed",
        5,
        3,
        1,
        1,
        5,
        10,
        "The transpose of convolving a 3×3 kernel over a 5×5 input using half padding.",
    ),
    _transposed(
        "4.4",
        "full_padding_no_strides_transposed",
        5,
        3,
        1,
        2,
        5,
        11,
        "The transpose of convolving a 3×3 kernel over a 5×5 input using full padding.",
    ),
    _transposed(
        "4.5",
        "no_padding_strides_transposed",
        5,
        3,
        2,
        0,
        5,
        12,
        "The transpose of convolving a 3×3 kernel over a 5×5 input using 2×2 strides.",
    ),
    _transposed(
        "4.6",
        "padding_strides_transposed",
        5,
        3,
        2,
        1,
        5,
        13,
        "The transpose of convolving a 3×3 kernel over a 5×5 input padded with a "
        "1×1 border of zeros using 2×2 strides.",
    ),
    _transposed(
        "4.7",
        "padding_strides_odd_transposed",
        6,
        3,
        2,
        1,
        6,
        14,
        "The transpose of convolving a 3×3 kernel over a 6×6 input padded with a "
        "1×1 border of zeros using 2×2 strides.",
    ),
    _conv(
        "5.1",
        "dilation",
        7,
        3,
        1,
        0,
        3,
        15,
        "Convolving a 3×3 kernel over a 7×7 input with a dilation factor of 2.",
        d=2,
    ),
)

BY_NUMBER: dict[str, Figure] = {f.number: f for f in FIGURES}

# The paper's chapter-1 numbers (figures 1.1, 1.2, 1.5, 1.6): cross-correlation, no flip.
CHAPTER1_INPUT: tuple[tuple[int, ...], ...] = (
    (3, 3, 2, 1, 0),
    (0, 0, 1, 3, 1),
    (3, 1, 2, 2, 3),
    (2, 0, 0, 2, 2),
    (2, 0, 0, 0, 1),
)
CHAPTER1_KERNEL: tuple[tuple[int, ...], ...] = ((0, 1, 2), (2, 2, 0), (0, 1, 2))
