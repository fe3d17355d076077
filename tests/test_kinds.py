"""Layer kinds and the depthwise-separable replacement, against torch.nn modules built here
(parameter counts, MACs counted by PyTorch's FlopCounterMode) and MobileNet's numbers worked
by hand."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
import torch
from fastapi.testclient import TestClient
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from app.core.arithmetic import analyse
from app.core.kinds import layer_kind, separable_approximation, separable_cost
from app.core.network import plan
from app.core.params import Config
from app.web import urls
from app.web.pages import LAYER_KINDS


def _params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def _macs(module: nn.Module, c_in: int, i: tuple[int, int]) -> int:
    """PyTorch's own count: FlopCounterMode counts 2 FLOPs per multiply-add of a convolution."""
    with FlopCounterMode(display=False) as counter:
        module(torch.zeros(1, c_in, *i))
    flops = counter.get_total_flops()
    assert flops % 2 == 0
    return flops // 2


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("op=conv&i=5&k=3", "standard"),  # the paper's one channel
        ("op=conv&i=5&k=3&c_in=3&c_out=8", "standard"),
        ("op=conv&i=5&k=1&c_in=32&c_out=64", "pointwise"),
        ("op=conv&i=5&k=1&c_in=32&c_out=64&g=4", "pointwise"),  # ShuffleNet's grouped 1×1
        ("op=conv&i=5&k=3&c_in=32&c_out=32&g=32", "depthwise"),
        ("op=conv&i=5&k=3&c_in=32&c_out=64&g=32", "depthwise"),  # depth multiplier 2
        ("op=conv&i=5&k=3&c_in=32&c_out=64&g=2", "grouped"),
        ("op=conv&i=5&k=3,1&c_in=4&c_out=4&g=4", "depthwise"),  # 3×1 is not 1×1
        # A 1×1 kernel with g = c_in scales each channel alone: it mixes none.
        ("op=conv&i=5&k=1&c_in=8&c_out=8&g=8", "depthwise"),
        ("op=transpose&i=5&k=3&c_in=8&c_out=8&g=8", "depthwise"),
        ("op=transpose&i=5&k=3&c_in=8&c_out=8&g=2", "grouped"),
        ("op=transpose&i=5&k=1&c_in=8&c_out=4", "pointwise"),
        ("op=maxpool&i=5&k=3&c_in=8", None),
        ("op=avgpool&i=4&k=2", None),
    ],
)
def test_kinds(query: str, kind: str | None) -> None:
    assert layer_kind(Config.from_query(query)) == kind


def test_mobilenet_table_numbers() -> None:
    """MobileNet's second layer pair: a 3×3 depthwise over 112×112×32, then 1×1 from 32 to 64
    channels (no biases: batch normalisation follows). Worked by hand:
    standard 32·112·112·3·3·64 = 231,211,008 MACs and 3·3·32·64 = 18,432 weights;
    depthwise 32·112·112·9 = 3,612,672 MACs, 288 weights; pointwise 32·112·112·64 =
    25,690,112 MACs, 2,048 weights; the ratio 1/64 + 1/9 = 73/576."""
    config = Config.from_query("op=conv&i=112&k=3&p=1&c_in=32&c_out=64&bias=0")
    pair = separable_cost(config, analyse(config).output_shape)
    assert pair is not None
    assert (pair.standard.macs, pair.standard.params) == (231_211_008, 18_432)
    assert (pair.depthwise.macs, pair.depthwise.params) == (3_612_672, 288)
    assert (pair.pointwise.macs, pair.pointwise.params) == (25_690_112, 2_048)
    assert pair.macs == 29_302_784
    assert Fraction(pair.macs, pair.standard.macs) == Fraction(73, 576)
    assert Fraction(pair.params, pair.standard.params) == Fraction(73, 576)
    assert separable_approximation(64, (3, 3)) == pytest.approx(73 / 576, rel=1e-15)


@pytest.mark.torch
@pytest.mark.parametrize(
    "query",
    [
        "op=conv&i=112&k=3&p=1&c_in=32&c_out=64",
        "op=conv&i=112&k=3&p=1&c_in=32&c_out=64&bias=0",
        "op=conv&i=17&k=5&s=2&p=2&c_in=16&c_out=24",
        "op=conv&i=9,13&k=3,5&s=1&p=same&d=2&c_in=6&c_out=10&bias=0",
        "op=conv&i=10&k=4&s=3&p=0&d=2&c_in=5&c_out=7",
        "op=conv&i=5&k=3",  # one channel: the replacement costs more than the layer
    ],
)
def test_separable_costs_are_pytorchs(query: str) -> None:
    config = Config.from_query(query)
    arith = analyse(config)
    pair = separable_cost(config, arith.output_shape)
    assert pair is not None
    c = config
    padding = c.padding_keyword if c.padding_keyword == "same" else c.p
    standard = nn.Conv2d(c.c_in, c.c_out, c.k, c.s, padding, c.d, bias=c.bias)
    depthwise = nn.Conv2d(c.c_in, c.c_in, c.k, c.s, padding, c.d, groups=c.c_in, bias=c.bias)
    pointwise = nn.Conv2d(c.c_in, c.c_out, 1, bias=c.bias)
    assert pair.standard.params == _params(standard)
    assert pair.depthwise.params == _params(depthwise)
    assert pair.pointwise.params == _params(pointwise)
    assert pair.depthwise.weight_shape == tuple(depthwise.weight.shape)
    assert pair.pointwise.weight_shape == tuple(pointwise.weight.shape)
    assert pair.standard.macs == _macs(standard, c.c_in, c.i)
    assert pair.macs == _macs(nn.Sequential(depthwise, pointwise), c.c_in, c.i)
    # The replacement keeps the output: the standard layer's shape, from both modules.
    x = torch.zeros(1, c.c_in, *c.i)
    assert pointwise(depthwise(x)).shape == standard(x).shape


@pytest.mark.parametrize(("c_out", "k"), [(64, (3, 3)), (1, (1, 1)), (256, (5, 3)), (3, (7, 7))])
def test_the_approximation_is_one_over_n_plus_one_over_k_squared(
    c_out: int, k: tuple[int, int]
) -> None:
    assert separable_approximation(c_out, k) == pytest.approx(
        float(Fraction(1, c_out) + Fraction(1, k[0] * k[1])), rel=1e-15
    )


@pytest.mark.parametrize(
    "query",
    [
        "op=conv&i=112&k=3&p=1&c_in=32&c_out=64&bias=0",
        "op=conv&i=17&k=5&s=2&p=2&c_in=16&c_out=24",
        "op=conv&i=10&k=3,5&p=same&d=2&c_in=6&c_out=10",
    ],
)
def test_the_macs_ratio_is_the_approximation_exactly(query: str) -> None:
    """Both layers keep the output size, so C·H·W·K² + C·H·W·N over C·H·W·K²·N is exactly
    1/N + 1/K² (seed 002's cost); the parameters match it only without biases."""
    config = Config.from_query(query)
    pair = separable_cost(config, analyse(config).output_shape)
    assert pair is not None
    exact = Fraction(1, config.c_out) + Fraction(1, config.k[0] * config.k[1])
    assert Fraction(pair.macs, pair.standard.macs) == exact
    assert (Fraction(pair.params, pair.standard.params) == exact) is not config.bias


@pytest.mark.parametrize(
    "query",
    [
        "op=conv&i=5&k=1&c_in=4&c_out=8",  # pointwise: nothing k×k to split
        "op=conv&i=5&k=3&c_in=4&c_out=8&g=2",  # grouped
        "op=conv&i=5&k=3&c_in=4&c_out=8&g=4",  # already depthwise
        "op=transpose&i=5&k=3&c_in=4&c_out=8",
        "op=maxpool&i=5&k=2",
    ],
)
def test_only_a_standard_convolution_has_a_replacement(client: TestClient, query: str) -> None:
    config = Config.from_query(query)
    assert separable_cost(config, analyse(config).output_shape) is None
    assert client.get("/api/arithmetic?" + query).json()["separable"] is None


def test_the_answer_carries_kind_and_separable(client: TestClient) -> None:
    body = client.get("/api/arithmetic?op=conv&i=112&k=3&p=1&c_in=32&c_out=64").json()
    assert body["kind"] == "standard"
    # Hand-worked with biases: depthwise 32·(9 + 1) = 320, pointwise 64·(32 + 1) = 2,112,
    # standard 64·(32·9 + 1) = 18,496.
    assert body["separable"] == {
        "depthwise": {"weight_shape": [32, 1, 3, 3], "params": 320, "macs": 3_612_672},
        "pointwise": {"weight_shape": [64, 32, 1, 1], "params": 2_112, "macs": 25_690_112},
        "total": {"params": 2_432, "macs": 29_302_784},
        "ratio": {"params": 2_432 / 18_496, "macs": 73 / 576},
        "approximation": 1 / 64 + 1 / 9,
    }
    depthwise = client.get("/api/arithmetic?op=conv&i=5&k=3&c_in=4&c_out=8&g=4").json()
    assert (depthwise["kind"], depthwise["separable"]) == ("depthwise", None)


def test_the_planner_costs_the_replacement_alike() -> None:
    """The link's two layers, planned by app/core/network.py, cost what the answer says."""
    config = Config.from_query("op=conv&i=17&k=5&s=2&p=2&c_in=16&c_out=24&bias=0")
    pair = separable_cost(config, analyse(config).output_shape)
    assert pair is not None
    layers = urls.separable(config).split("layers=", 1)[1]
    network = plan(config.i, config.c_in, layers)
    planned = [(layer["params"], layer["macs"]) for layer in network.layers]
    assert planned == [
        (pair.depthwise.params, pair.depthwise.macs),
        (pair.pointwise.params, pair.pointwise.macs),
    ]
    assert network.layers[-1]["output_shape"] == [24, *analyse(config).output_shape]


def test_the_page_and_its_script_offer_the_same_menu() -> None:
    """The server renders the menu's options (pages.py); kinds.js names them for its rules."""
    script = (Path(__file__).resolve().parents[1] / "static" / "js" / "kinds.js").read_text()
    listed = re.search(r"export const MENU_KINDS = \[([^\]]*)\]", script)
    assert listed is not None
    assert tuple(re.findall(r'"(\w+)"', listed.group(1))) == LAYER_KINDS
