"""What a layer costs: PyTorch's weight shape, its parameters with and without bias, and its
multiply-accumulates (MACs).

MACs count the kernel's multiply-adds over every output position (padding cells included, as
the layer computes them); the bias additions are not counted. FLOPs = 2 × MACs: one multiply
and one add per MAC, the convention of seed 002's C·H·W·K²·N cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

from app.core.parameters import ConfigError

# A size per axis of the layer: one number in 1-D, two (H, W) in 2-D, three (D, H, W) in 3-D.
Sizes = tuple[int, ...]


@dataclass(frozen=True)
class Cost:
    weight_shape: tuple[int, ...]  # as PyTorch stores the weight; () for pooling
    params: int  # with the bias
    params_without_bias: int
    macs: int

    @property
    def flops(self) -> int:
        return 2 * self.macs


NO_COST = Cost((), 0, 0, 0)  # pooling: no weights, and comparisons or sums rather than MACs


def check_groups(c_in: int, c_out: int, g: int) -> None:
    """PyTorch's rule for grouped convolution: both channel counts divisible by the groups."""
    for name, count in (("input", c_in), ("output", c_out)):
        if count % g:
            raise ConfigError(
                "g", f"refusal.groups_{name}", count=count, g=g, c_in=c_in, c_out=c_out
            )


def conv_cost(c_in: int, c_out: int, g: int, k: Sizes, out: Sizes, bias: bool) -> Cost:
    """nn.Conv1d/2d/3d: weight (c_out, c_in/g, *k); each output value reads c_in/g · ∏k
    inputs (seed 002: C·H·W·K²·N MACs, N(C·K² + 1) parameters, at g = 1 in 2-D), over every
    position of the output's length, area or volume."""
    weights = c_out * (c_in // g) * prod(k)
    return Cost(
        (c_out, c_in // g, *k),
        weights + (c_out if bias else 0),
        weights,
        weights * prod(out),
    )


def transpose_cost(c_in: int, c_out: int, g: int, k: Sizes, inp: Sizes, bias: bool) -> Cost:
    """nn.ConvTranspose1d/2d/3d: weight (c_in, c_out/g, *k); each input unit scatters a
    kernel copy per output channel of its group, so MACs = weights × input positions."""
    weights = c_in * (c_out // g) * prod(k)
    return Cost(
        (c_in, c_out // g, *k),
        weights + (c_out if bias else 0),
        weights,
        weights * prod(inp),
    )


def linear_cost(n_in: int, n_out: int, bias: bool) -> Cost:
    """nn.Linear: weight (out, in); one MAC per weight."""
    weights = n_in * n_out
    return Cost((n_out, n_in), weights + (n_out if bias else 0), weights, weights)
