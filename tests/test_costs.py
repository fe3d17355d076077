"""Layer costs against PyTorch's own modules: weight shapes and parameter counts from
nn.Conv2d / nn.ConvTranspose2d / nn.Linear, MACs counted by brute force (one per product a
layer's output values sum)."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from app.core.costs import check_groups, conv_cost, linear_cost, transpose_cost
from app.core.parameters import ConfigError

pytestmark = pytest.mark.torch


def _params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


@pytest.mark.parametrize(
    ("c_in", "c_out", "g", "k", "bias"),
    [
        (1, 1, 1, (3, 3), True),
        (3, 64, 1, (11, 11), True),
        (32, 32, 32, (3, 3), False),
        (8, 16, 4, (1, 3), True),
        (6, 4, 2, (2, 5), False),
    ],
)
def test_conv_counts_are_pytorchs(
    c_in: int, c_out: int, g: int, k: tuple[int, int], bias: bool
) -> None:
    layer = nn.Conv2d(c_in, c_out, k, groups=g, bias=bias)
    cost = conv_cost(c_in, c_out, g, k, (7, 5), bias)
    assert cost.weight_shape == tuple(layer.weight.shape)
    assert cost.params == _params(layer)
    assert cost.params_without_bias == layer.weight.numel()
    # PyTorch's own count: its FLOP counter on an input that gives a 7×5 output.
    x = torch.zeros(1, c_in, 7 + k[0] - 1, 5 + k[1] - 1)
    with FlopCounterMode(display=False) as counter:
        layer(x)
    assert cost.flops == counter.get_total_flops()
    assert cost.macs * 2 == cost.flops


@pytest.mark.parametrize(
    ("c_in", "c_out", "g", "k", "bias"),
    [(1, 1, 1, (3, 3), True), (64, 32, 1, (4, 4), False), (8, 16, 4, (3, 2), True)],
)
def test_transpose_counts_are_pytorchs(
    c_in: int, c_out: int, g: int, k: tuple[int, int], bias: bool
) -> None:
    layer = nn.ConvTranspose2d(c_in, c_out, k, groups=g, bias=bias)
    cost = transpose_cost(c_in, c_out, g, k, (4, 6), bias)
    assert cost.weight_shape == tuple(layer.weight.shape)
    assert cost.params == _params(layer)
    # Brute force: scatter all-ones through the layer with all-ones weights and no bias;
    # the output's sum counts every product made.
    ones = nn.ConvTranspose2d(c_in, c_out, k, groups=g, bias=False)
    with torch.no_grad():
        ones.weight.fill_(1.0)
        total = ones(torch.ones(1, c_in, 4, 6)).sum().item()
    assert cost.macs == round(total)


def test_linear_counts_are_pytorchs() -> None:
    layer = nn.Linear(9216, 4096)
    cost = linear_cost(9216, 4096, True)
    assert cost.params == _params(layer) == 37_752_832  # AlexNet's first classifier layer
    assert cost.weight_shape == (4096, 9216)
    assert cost.macs == 9216 * 4096


@pytest.mark.parametrize(("c_in", "c_out", "g"), [(3, 6, 2), (4, 6, 4), (5, 5, 2)])
def test_groups_must_divide_both_channel_counts(c_in: int, c_out: int, g: int) -> None:
    with pytest.raises(ConfigError) as refused:
        check_groups(c_in, c_out, g)
    assert refused.value.parameter == "g"
    with pytest.raises(ValueError):  # PyTorch refuses the same
        nn.Conv2d(c_in, c_out, 3, groups=g)


@pytest.mark.parametrize(("c_in", "c_out", "g"), [(4, 6, 2), (32, 32, 32), (1, 1, 1)])
def test_accepted_groups(c_in: int, c_out: int, g: int) -> None:
    check_groups(c_in, c_out, g)
    nn.Conv2d(c_in, c_out, 3, groups=g)
