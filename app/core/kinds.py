"""Named layer kinds: what a convolution's channels, groups and kernel make it, and what its
depthwise-separable replacement would cost (MobileNet's factorisation; seed 003's 3.1).

A kind is read off the configuration, first match wins:

* depthwise: g = c_in > 1, one filter group per input channel; c_out is a multiple of c_in
  (PyTorch's rule), the multiple being the depth multiplier (a 1×1 one scales each channel
  and mixes none, so it is not pointwise);
* pointwise: a 1×1 kernel with any other groups (a grouped 1×1 is still a per-position mix
  of channels, as ShuffleNet's grouped pointwise layers);
* grouped: 1 < g < c_in;
* standard: g = 1, every filter reading every input channel.

A transposed convolution is classified by the same rules: its weight is grouped the same way
(nn.ConvTranspose2d with groups=c_in is a depthwise transposed convolution), and the
operation says it is transposed. Pooling has no weights and no kind.

The words fit every dimension: a 1-D or 3-D layer is pointwise with a kernel of 1 on every
axis (Conv1d's k = 1, Conv3d's 1×1×1), and its separable replacement is a depthwise layer of
its own kernel then a pointwise one.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

from app.core.costs import Cost, Sizes, conv_cost
from app.core.params import Config
from app.core.schema import LayerKind


def layer_kind(c: Config) -> LayerKind | None:
    """The kind of a convolution (direct or transposed); None for pooling."""
    if c.op not in ("conv", "transpose"):
        return None
    if c.g == c.c_in > 1:
        return "depthwise"
    if all(k == 1 for k in c.axes("k")):
        return "pointwise"
    if c.g > 1:
        return "grouped"
    return "standard"


@dataclass(frozen=True)
class Separable:
    """A standard k×k convolution against its depthwise-separable replacement: a depthwise
    k×k (c_in → c_in, g = c_in, the same stride, padding and dilation, so the same output
    size) then a pointwise 1×1 (c_in → c_out). Both layers keep the standard layer's bias."""

    standard: Cost
    depthwise: Cost
    pointwise: Cost

    @property
    def params(self) -> int:
        return self.depthwise.params + self.pointwise.params

    @property
    def macs(self) -> int:
        return self.depthwise.macs + self.pointwise.macs

    @property
    def params_ratio(self) -> float:
        return self.params / self.standard.params

    @property
    def macs_ratio(self) -> float:
        return self.macs / self.standard.macs


def separable_cost(c: Config, out: Sizes) -> Separable | None:
    """The replacement of a standard convolution with output size ``out`` (one number per
    axis of the layer); None for any other layer (a grouped or depthwise layer is already
    factored, a pointwise one has no k×k part to split, a transposed one has no such
    replacement here). A 1-D or 3-D layer splits alike: a depthwise k (or kd×kh×kw) layer,
    then a pointwise one of kernel 1 on every axis."""
    if c.op != "conv" or layer_kind(c) != "standard":
        return None
    k = c.axes("k")
    return Separable(
        standard=conv_cost(c.c_in, c.c_out, c.g, k, out, c.bias),
        depthwise=conv_cost(c.c_in, c.c_in, c.c_in, k, out, c.bias),
        pointwise=conv_cost(c.c_in, c.c_out, 1, (1,) * len(k), out, c.bias),
    )


def separable_approximation(c_out: int, k: Sizes) -> float:
    """MobileNet's ratio 1/N + 1/K² of the separable cost to the standard (seed 002's
    C·H·W·K²·N against C·H·W·K² + C·H·W·N), with K² = kh·kw (k in 1-D, kd·kh·kw in 3-D).
    It is exact for the MACs (both layers keep the output size) and for the weights; the
    biases alone make the parameter ratio differ."""
    return 1 / c_out + 1 / prod(k)
