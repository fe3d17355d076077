"""Shapes of a configuration, per axis, with PyTorch's semantics.

Per axis means what the paper means: heights and widths are computed independently. The
sentences that explain a configuration to a learner live in app/core/notes.py, the
relationship with its numbers in app/core/substitution.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.catalogue import Sentence
from app.core.extents import effective_kernel, kernel_reach, scatter_reach, stretched
from app.core.parameters import ConfigError
from app.core.params import Config, Pair
from app.core.relationships import AxisTerms, Relationship, classify
from app.core.schema import DirectConvolution

AXIS_NAMES = ("height", "width")


@dataclass(frozen=True)
class AxisShape:
    """One axis: the layer's sizes and the grid the paper draws for it."""

    i: int
    k: int
    s: int
    d: int
    a: int
    before: int
    after: int
    ek: int  # effective (dilated) kernel extent
    o: int
    # The drawn grid: the padded input, or for transpose the stretched and padded input.
    grid: int
    # Where the grid's cell 0 sits in input coordinates of the drawn convolution: for
    # transpose, grid cell g is stretched cell g - grid_before (negative before = a crop).
    grid_before: int
    grid_after: int
    grid_stride: int
    stretched: int  # for transpose: (i − 1)s + 1; otherwise i


@dataclass(frozen=True)
class Arithmetic:
    config: Config
    axes: tuple[AxisShape, AxisShape]
    relationship: Relationship
    terms: tuple[AxisTerms, AxisTerms]

    @property
    def input_shape(self) -> Pair:
        return (self.axes[0].i, self.axes[1].i)

    @property
    def output_shape(self) -> Pair:
        return (self.axes[0].o, self.axes[1].o)

    @property
    def grid_shape(self) -> Pair:
        return (self.axes[0].grid, self.axes[1].grid)

    @property
    def effective_kernel_shape(self) -> Pair:
        return (self.axes[0].ek, self.axes[1].ek)


def conv_output(i: int, before: int, after: int, ek: int, s: int) -> int:
    """Relationship 15 with per-side padding: ⌊(i + p₁ + p₂ − k̂)/s⌋ + 1."""
    return (i + before + after - ek) // s + 1


def ceil_windows(i: int, p: int, ek: int, s: int) -> int:
    """Windows that ceil division counts, ⌈(i + 2p − k̂)/s⌉ + 1, before PyTorch drops one."""
    return (i + 2 * p - ek + s - 1) // s + 1


def pool_output(i: int, p: int, ek: int, s: int, ceil: bool) -> int:
    """PyTorch's pooling_output_shape, ceil_mode included."""
    if not ceil:
        return conv_output(i, p, p, ek, s)
    o = ceil_windows(i, p, ek, s)
    # PyTorch drops a last window that would start in the right padding.
    if (o - 1) * s >= i + p:
        o -= 1
    return o


def transpose_output(i: int, k: int, s: int, p: int, d: int, a: int) -> int:
    """PyTorch's ConvTranspose2d: (i' − 1)s − 2p + d(k − 1) + a + 1."""
    return scatter_reach(i, k, s, d) - 2 * p + a


def in_axis(axis: int, config: Config) -> Sentence | str:
    """'' when both axes have the same sizes, else ' (in height)' or ' (in width)' in the
    sentence's language: the qualifier a sentence about one axis needs."""
    same = config.i[0] == config.i[1] and config.k[0] == config.k[1]
    same = same and config.s[0] == config.s[1] and config.d[0] == config.d[1]
    same = same and config.padding.axis(0) == config.padding.axis(1)
    return "" if same and config.a[0] == config.a[1] else Sentence(f"where.{AXIS_NAMES[axis]}")


def axis_shape(config: Config, axis: int) -> AxisShape:
    i, k, s, d, a = (config.i[axis], config.k[axis], config.s[axis], config.d[axis], config.a[axis])
    before, after = config.padding.axis(axis)
    ek = effective_kernel(k, d)
    where = in_axis(axis, config)
    if config.op == "conv":
        o = conv_output(i, before, after, ek, s)
        if o < 1:
            raise ConfigError(
                "k",
                "refusal.kernel_extent",
                ek=ek,
                k=k,
                d=d,
                padded=i + before + after,
                i=i,
                padding=before + after,
                where=where,
            )
        return AxisShape(
            i, k, s, d, a, before, after, ek, o, i + before + after, before, after, 1, i
        )
    if config.op in ("maxpool", "avgpool"):
        o = pool_output(i, before, ek, s, config.ceil)
        if o < 1:
            raise ConfigError(
                "k", "refusal.window_extent", ek=ek, padded=i + 2 * before, where=where
            )
        return AxisShape(i, k, s, d, a, before, after, ek, o, i + 2 * before, before, after, 1, i)
    o = transpose_output(i, k, s, before, d, a)
    if o < 1:
        produced = scatter_reach(i, k, s, d) + a
        raise ConfigError(
            "p",
            "refusal.transpose_trim",
            o=o,
            where=where,
            p=before,
            trim=2 * before,
            produced=produced,
            most=(produced - 1) // 2,
        )
    size = stretched(i, s)
    # The paper pads the stretched input with d(k − 1) − p zeros (a crop where negative).
    eq_before = kernel_reach(k, d) - before
    eq_after = eq_before + a
    return AxisShape(
        i,
        k,
        s,
        d,
        a,
        before,
        after,
        ek,
        o,
        size + eq_before + eq_after,
        eq_before,
        eq_after,
        s,
        size,
    )


def analyse(config: Config) -> Arithmetic:
    """Every shape of a checked configuration; raises ConfigError where PyTorch would."""
    axes = (axis_shape(config, 0), axis_shape(config, 1))
    terms = tuple(
        AxisTerms(config.op, ax.i, ax.k, ax.s, ax.before, ax.after, ax.d, ax.a, config.ceil)
        for ax in axes
    )
    pair = (terms[0], terms[1])
    return Arithmetic(config, axes, classify(pair), pair)


def direct_of_transpose(arith: Arithmetic) -> DirectConvolution:
    """The direct convolution a transposed one is the transpose of (the paper's framing)."""
    out: list[int] = []
    for ax in arith.axes:
        out.append(conv_output(ax.o, ax.before, ax.after, ax.ek, ax.s))
    c = arith.config
    return {
        "op": "conv",
        "input_shape": [arith.axes[0].o, arith.axes[1].o],
        "output_shape": out,
        "kernel": list(c.k),
        "stride": list(c.s),
        "padding": list(c.p),
        "dilation": list(c.d),
    }
