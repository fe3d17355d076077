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
    # A 3-D layer's depth axis (a unit one in 1-D and 2-D) and its terms.
    depth: AxisShape
    depth_terms: AxisTerms

    @property
    def layer_axes(self) -> tuple[AxisShape, ...]:
        """The layer's own axes, depth first: (W,) in 1-D, (H, W) in 2-D, (D, H, W) in 3-D."""
        return (self.depth, *self.axes)[3 - self.config.dims :]

    def layer_shape(self, field: str) -> list[int]:
        """One AxisShape field (``i``, ``o``, ``ek``, ``grid`` …) on each of the layer's axes."""
        return [getattr(ax, field) for ax in self.layer_axes]

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
    """'' when every axis has the same sizes, else ' (in height)', ' (in width)' or ' (in
    depth)' (axis -1) in the sentence's language: the qualifier a sentence about one axis
    needs. A 1-D layer has one axis and needs none."""
    if config.dims == 1:
        return ""
    names = ("i", "k", "s", "d", "a")
    same = all(len(set(config.axes(name))) == 1 for name in names)
    same = same and len(set(config.sides())) == 1
    return "" if same else Sentence(f"where.{'depth' if axis < 0 else AXIS_NAMES[axis]}")


def axis_shape(config: Config, axis: int) -> AxisShape:
    """The plane's axis 0 (rows) or 1 (columns), or the depth (-1)."""
    if axis < 0:
        deep = config.depth
        i, k, s, d, a = deep.i, deep.k, deep.s, deep.d, deep.a
        before, after = deep.before, deep.after
    else:
        i, k, s = config.i[axis], config.k[axis], config.s[axis]
        d, a = config.d[axis], config.a[axis]
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
    depth = axis_shape(config, -1)
    axes = (axis_shape(config, 0), axis_shape(config, 1))
    terms = tuple(
        AxisTerms(config.op, ax.i, ax.k, ax.s, ax.before, ax.after, ax.d, ax.a, config.ceil)
        for ax in (depth, *axes)
    )
    # The relationship is the most specific one on the layer's own axes (a 1-D layer's unit
    # height is not a padded or strided axis).
    relationship = classify(terms[3 - config.dims :])
    return Arithmetic(config, axes, relationship, (terms[1], terms[2]), depth, terms[0])


def direct_of_transpose(arith: Arithmetic) -> DirectConvolution:
    """The direct convolution a transposed one is the transpose of (the paper's framing), one
    number per axis of the layer."""
    axes = arith.layer_axes
    c = arith.config
    return {
        "op": "conv",
        "input_shape": [ax.o for ax in axes],
        "output_shape": [conv_output(ax.o, ax.before, ax.after, ax.ek, ax.s) for ax in axes],
        "kernel": list(c.axes("k")),
        "stride": list(c.axes("s")),
        "padding": list(c.axes("p")),
        "dilation": list(c.axes("d")),
    }
