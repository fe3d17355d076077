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
        """One animation frame per output cell, as the paper's GIFs."""
        return self.output * self.output


# Each figure's numbers are the paper's own, written out rather than computed, so the tests
# hold the engine against the paper and not against a second copy of its formulas. For the
# transposed figures (chapter 4) the layer's input i' and output padding a, and the grid the
# paper draws, come from each caption's "equivalent to convolving ... over a ... input".
FIGURES: tuple[Figure, ...] = (
    Figure(
        number="1.1",
        name="convolution",
        query={"op": "conv", "i": "5", "k": "3", "s": "1", "p": "0"},
        output=3,
        grid=5,
        relationship=1,
        caption="Computing the output values of a discrete convolution.",
    ),
    Figure(
        number="1.2",
        name="convolution_strided_padded",
        query={"op": "conv", "i": "5", "k": "3", "s": "2", "p": "1"},
        output=3,
        grid=7,
        relationship=6,
        caption="Computing the output values of a discrete convolution with padding and strides.",
    ),
    Figure(
        number="1.5",
        name="average_pooling",
        query={"op": "avgpool", "i": "5", "k": "3", "s": "1"},
        output=3,
        grid=5,
        relationship=7,
        caption="Computing the output values of a 3×3 average pooling operation on a 5×5 input.",
    ),
    Figure(
        number="1.6",
        name="max_pooling",
        query={"op": "maxpool", "i": "5", "k": "3", "s": "1"},
        output=3,
        grid=5,
        relationship=7,
        caption="Computing the output values of a 3×3 max pooling operation on a 5×5 input.",
    ),
    Figure(
        number="2.1",
        name="no_padding_no_strides",
        query={"op": "conv", "i": "4", "k": "3", "s": "1", "p": "0"},
        output=2,
        grid=4,
        relationship=1,
        caption="Convolving a 3×3 kernel over a 4×4 input using unit strides.",
    ),
    Figure(
        number="2.2",
        name="arbitrary_padding_no_strides",
        query={"op": "conv", "i": "5", "k": "4", "s": "1", "p": "2"},
        output=6,
        grid=9,
        relationship=2,
        caption="Convolving a 4×4 kernel over a 5×5 input padded with a 2×2 border of zeros.",
    ),
    Figure(
        number="2.3",
        name="same_padding_no_strides",
        query={"op": "conv", "i": "5", "k": "3", "s": "1", "p": "1"},
        output=5,
        grid=7,
        relationship=3,
        caption="Convolving a 3×3 kernel over a 5×5 input using half padding.",
    ),
    Figure(
        number="2.4",
        name="full_padding_no_strides",
        query={"op": "conv", "i": "5", "k": "3", "s": "1", "p": "2"},
        output=7,
        grid=9,
        relationship=4,
        caption="Convolving a 3×3 kernel over a 5×5 input using full padding.",
    ),
    Figure(
        number="2.5",
        name="no_padding_strides",
        query={"op": "conv", "i": "5", "k": "3", "s": "2", "p": "0"},
        output=2,
        grid=5,
        relationship=5,
        caption="Convolving a 3×3 kernel over a 5×5 input using 2×2 strides.",
    ),
    Figure(
        number="2.6",
        name="padding_strides",
        query={"op": "conv", "i": "5", "k": "3", "s": "2", "p": "1"},
        output=3,
        grid=7,
        relationship=6,
        caption="Convolving a 3×3 kernel over a 5×5 input padded with a 1×1 border of zeros "
        "using 2×2 strides.",
    ),
    Figure(
        number="2.7",
        name="padding_strides_odd",
        query={"op": "conv", "i": "6", "k": "3", "s": "2", "p": "1"},
        output=3,
        grid=8,
        relationship=6,
        caption="Convolving a 3×3 kernel over a 6×6 input padded with a 1×1 border of zeros "
        "using 2×2 strides.",
    ),
    # "... over a 2×2 input padded with a 2×2 border of zeros using unit strides."
    Figure(
        number="4.1",
        name="no_padding_no_strides_transposed",
        query={"op": "transpose", "i": "2", "k": "3", "s": "1", "p": "0"},
        output=4,
        grid=6,
        relationship=8,
        caption="The transpose of convolving a 3×3 kernel over a 4×4 input using unit strides.",
        direct={"i": 4, "k": 3, "s": 1, "p": 0},
    ),
    # "... a 4×4 kernel over a 6×6 input padded with a 1×1 border of zeros using unit strides."
    Figure(
        number="4.2",
        name="arbitrary_padding_no_strides_transposed",
        query={"op": "transpose", "i": "6", "k": "4", "s": "1", "p": "2"},
        output=5,
        grid=8,
        relationship=9,
        caption="The transpose of convolving a 4×4 kernel over a 5×5 input padded with a "
        "2×2 border of zeros.",
        direct={"i": 5, "k": 4, "s": 1, "p": 2},
    ),
    # "... a 3×3 kernel over a 5×5 input using half padding and unit strides."
    Figure(
        number="4.3",
        name="same_padding_no_strides_transposed",
        query={"op": "transpose", "i": "5", "k": "3", "s": "1", "p": "1"},
        output=5,
        grid=7,
        relationship=10,
        caption="The transpose of convolving a 3×3 kernel over a 5×5 input using half padding.",
        direct={"i": 5, "k": 3, "s": 1, "p": 1},
    ),
    # "... a 3×3 kernel over a 7×7 input using unit strides."
    Figure(
        number="4.4",
        name="full_padding_no_strides_transposed",
        query={"op": "transpose", "i": "7", "k": "3", "s": "1", "p": "2"},
        output=5,
        grid=7,
        relationship=11,
        caption="The transpose of convolving a 3×3 kernel over a 5×5 input using full padding.",
        direct={"i": 5, "k": 3, "s": 1, "p": 2},
    ),
    # "... a 3×3 kernel over a 2×2 input (with 1 zero inserted between inputs) padded with a
    # 2×2 border of zeros using unit strides": 3 stretched cells and 2 + 2 zeros.
    Figure(
        number="4.5",
        name="no_padding_strides_transposed",
        query={"op": "transpose", "i": "2", "k": "3", "s": "2", "p": "0"},
        output=5,
        grid=7,
        relationship=12,
        caption="The transpose of convolving a 3×3 kernel over a 5×5 input using 2×2 strides.",
        direct={"i": 5, "k": 3, "s": 2, "p": 0},
    ),
    # "... a 3×3 kernel over a 3×3 input (with 1 zero inserted between inputs) padded with a
    # 1×1 border of zeros using unit strides": 5 stretched cells and 1 + 1 zeros.
    Figure(
        number="4.6",
        name="padding_strides_transposed",
        query={"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1"},
        output=5,
        grid=7,
        relationship=13,
        caption="The transpose of convolving a 3×3 kernel over a 5×5 input padded with a "
        "1×1 border of zeros using 2×2 strides.",
        direct={"i": 5, "k": 3, "s": 2, "p": 1},
    ),
    # "... a 3×3 kernel over a 3×3 input (with 1 zero inserted between inputs) padded with a
    # 1×1 border of zeros (with an additional border of size 1 added to the bottom and right
    # edges) using unit strides": a = 1, and 5 stretched cells, 1 zero before, 1 + 1 after.
    Figure(
        number="4.7",
        name="padding_strides_odd_transposed",
        query={"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1", "a": "1"},
        output=6,
        grid=8,
        relationship=14,
        caption="The transpose of convolving a 3×3 kernel over a 6×6 input padded with a "
        "1×1 border of zeros using 2×2 strides.",
        direct={"i": 6, "k": 3, "s": 2, "p": 1},
    ),
    Figure(
        number="5.1",
        name="dilation",
        query={"op": "conv", "i": "7", "k": "3", "s": "1", "p": "0", "d": "2"},
        output=3,
        grid=7,
        relationship=15,
        caption="Convolving a 3×3 kernel over a 7×7 input with a dilation factor of 2.",
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
