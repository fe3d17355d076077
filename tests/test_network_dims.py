"""/api/network in 1-D and 3-D: stacks worked by hand, random stacks against torch's Conv1d/3d,
ConvTranspose1d/3d, MaxPool1d/3d and AvgPool1d/3d (shapes and parameters from the modules,
MACs from FlopCounterMode), receptive fields from the gradient's support, the WaveNet and C3D
presets against torch models built from their papers, and the refusals' sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import pytest
import torch
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from app.core.arithmetic import analyse
from app.core.params import Config
from app.web import urls

pytestmark = pytest.mark.torch

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CONV = {1: nn.Conv1d, 3: nn.Conv3d}
TRANSPOSE = {1: nn.ConvTranspose1d, 3: nn.ConvTranspose3d}
MAXPOOL = {1: nn.MaxPool1d, 3: nn.MaxPool3d}
AVGPOOL = {1: nn.AvgPool1d, 3: nn.AvgPool3d}


def _network(client: TestClient, **params: Any) -> Any:
    response = client.get("/api/network", params=params)
    assert response.status_code == 200, response.text
    return response.json()


# --- worked by hand ----------------------------------------------------------------------


def test_a_1d_stack_worked_by_hand(client: TestClient) -> None:
    body = _network(
        client,
        dims=1,
        i=16,
        c_in=1,
        layers="conv(k=3,c=4);maxpool(k=2);conv(k=3,d=2,c=8);fc(c=5)",
    )
    layers = body["layers"]
    assert body["dims"] == 1
    assert body["input_shape"] == [1, 16]
    # 16 − 3 + 1 = 14; ⌊14/2⌋ = 7; k̂ = 3 + 2·1 = 5: 7 − 5 + 1 = 3; fc flattens 8·3 = 24.
    assert [layer["output_shape"] for layer in layers] == [[4, 14], [4, 7], [8, 3], [5]]
    assert layers[3]["input_shape"] == [24]
    assert [layer["weight_shape"] for layer in layers] == [[4, 1, 3], [], [8, 4, 3], [5, 24]]
    # 4·1·3 + 4; none; 8·4·3 + 8; 24·5 + 5.
    assert [layer["params"] for layer in layers] == [16, 0, 104, 125]
    # Weights × output positions: 12·14, 96·3, and fc's 120.
    assert [layer["macs"] for layer in layers] == [168, 0, 288, 120]
    # Fields 3; 3 + 1 = 4 at jump 2; 4 + (5 − 1)·2 = 12. Output 0 of the last conv reads
    # pooled cells 0, 2, 4, i.e. conv cells 0..9, i.e. inputs 0..11: centre 5.5.
    assert [layer["receptive_field"] for layer in layers[:3]] == [[3], [4], [12]]
    assert [layer["jump"] for layer in layers[:3]] == [[1], [2], [2]]
    assert [layer["start"] for layer in layers[:3]] == [[1.0], [1.5], [5.5]]
    assert [layer["text"] for layer in layers] == [
        "conv(c=4,k=3)",
        "maxpool(k=2)",
        "conv(c=8,k=3,d=2)",
        "fc(c=5)",
    ]
    assert layers[2]["args"]["k"] == [3] and layers[2]["args"]["sides"] == [[0, 0]]
    assert layers[2]["query"] == "op=conv&dims=1&i=7&k=3&s=1&p=0&d=2&c_in=4&c_out=8"
    assert body["query"] == (
        "dims=1&i=16&c_in=1&layers=conv(c=4,k=3);maxpool(k=2);conv(c=8,k=3,d=2);fc(c=5)"
    )


def test_a_3d_stack_worked_by_hand(client: TestClient) -> None:
    body = _network(
        client,
        dims=3,
        i="8,16,16",
        layers="conv(k=3,p=1,c=4);maxpool(k=1x2x2);maxpool(k=2);fc(c=10)",
    )
    layers = body["layers"]
    assert body["dims"] == 3
    assert body["input_shape"] == [3, 8, 16, 16]
    assert [layer["output_shape"] for layer in layers] == [
        [4, 8, 16, 16],
        [4, 8, 8, 8],
        [4, 4, 4, 4],
        [10],
    ]
    assert layers[0]["weight_shape"] == [4, 3, 3, 3, 3]
    # 4·3·27 + 4 weights and biases; 324 weights × 8·16·16 positions.
    assert layers[0]["params"] == 328
    assert layers[0]["macs"] == 324 * 8 * 16 * 16
    # fc flattens C×D×H×W = 4·4·4·4 = 256: 2,560 weights and 10 biases.
    assert layers[3]["input_shape"] == [256]
    assert layers[3]["params"] == 2570 and layers[3]["macs"] == 2560
    # Depth: 3; 3 (k = 1); 3 + 1 = 4 at jump 2. Height and width: 3; 4 at jump 2; 4 + 2 = 6
    # at jump 4. Starts: 0 (p = 1 centres the field); +0.5 per halving (0.5, then 1.5).
    assert [layer["receptive_field"] for layer in layers[:3]] == [[3, 3, 3], [3, 4, 4], [4, 6, 6]]
    assert [layer["jump"] for layer in layers[:3]] == [[1, 1, 1], [1, 2, 2], [2, 4, 4]]
    assert [layer["start"] for layer in layers[:3]] == [
        [0.0, 0.0, 0.0],
        [0.0, 0.5, 0.5],
        [0.5, 1.5, 1.5],
    ]
    assert layers[1]["text"] == "maxpool(k=1x2x2)"
    assert layers[1]["args"]["s"] == [1, 2, 2]
    assert layers[0]["args"]["sides"] == [[1, 1], [1, 1], [1, 1]]
    assert body["query"].startswith("dims=3&i=8,16,16&c_in=3&layers=")


def test_a_causal_stack_sees_only_the_past(client: TestClient) -> None:
    """Kernel 2 with dilations 1, 2, 4: fields 2, 4, 8 (1 + Σd(k − 1)); each layer pads d on
    the left, so output 0's field ends on input 0 (start −(r − 1)/2)."""
    layers = _network(
        client,
        dims=1,
        i=32,
        c_in=1,
        layers="conv(k=2,p=causal);conv(k=2,d=2,p=causal);conv(k=2,d=4,p=causal)",
    )["layers"]
    assert [layer["output_shape"] for layer in layers] == [[1, 32]] * 3
    assert [layer["receptive_field"] for layer in layers] == [[2], [4], [8]]
    assert [layer["start"] for layer in layers] == [[-0.5], [-1.5], [-3.5]]
    assert [layer["args"]["sides"] for layer in layers] == [[[1, 0]], [[2, 0]], [[4, 0]]]


# --- the single-layer rules --------------------------------------------------------------


@pytest.mark.parametrize(
    ("dims", "i", "layers"),
    [
        (1, "40", "conv(k=5,p=same);conv(k=5,s=2,p=tf_same);maxpool(k=3)"),
        (1, "40", "conv(k=3,p=causal,d=4);avgpool(k=2,ceil=1);transpose(k=4,s=2,a=1)"),
        (3, "6,20,20", "conv(k=3x5x5,p=same);maxpool(k=1x2x2,p=0x1x1);transpose(k=2,s=2)"),
        (3, "9,9,9", "conv(k=3,s=2,p=tf_same);avgpool(k=2x1x1,ceil=1)"),
    ],
)
def test_a_layer_means_what_the_main_page_means(
    client: TestClient, dims: int, i: str, layers: str
) -> None:
    """Each layer's query, read and analysed by the single-layer rules, gives its shape."""
    body = _network(client, dims=dims, i=i, layers=layers)
    for layer in body["layers"]:
        config = Config.from_query(layer["query"])
        assert config.dims == dims
        assert layer["query"].startswith(f"op={layer['op']}&dims={dims}&")
        assert analyse(config).layer_shape("o") == layer["output_shape"][1:], layer["text"]
        assert list(config.axes("i")) == layer["input_shape"][1:]


@pytest.mark.parametrize(
    ("dims", "layer", "query"),
    [
        (1, "conv(k=3x3)", "op=conv&dims=1&i=16&k=3x3"),
        (1, "maxpool(k=2,s=2x2)", "op=maxpool&dims=1&i=16&k=2&s=2x2"),
        (2, "conv(p=causal)", "op=conv&dims=2&i=16&p=causal"),
        (1, "maxpool(p=causal)", "op=maxpool&dims=1&i=16&p=causal"),
    ],
)
def test_a_layer_with_the_wrong_count_gets_the_main_pages_sentence(
    client: TestClient, dims: int, layer: str, query: str
) -> None:
    single = client.get(f"/api/arithmetic?{query}").json()
    response = client.get("/api/network", params={"dims": dims, "i": 16, "layers": layer})
    assert response.status_code == 422
    op = layer.split("(")[0]
    assert response.json() == {
        "detail": f"Layer 1 ({op}): {single['detail']}",
        "parameter": "layers",
        "reason": "invalid",
    }


@pytest.mark.parametrize(
    ("dims", "layer", "says", "example"),
    [
        # The main page writes a size's numbers with commas (k=4,6,6); in a layer a comma
        # separates arguments, so the planner's example joins them with x, and following it
        # is answered.
        (3, "conv(k=3x3)", "for example k=3 or k=4x6x6;", "conv(k=4x6x6)"),
        (3, "maxpool(k=2,s=2x2)", "for example s=3 or s=4x6x6;", "maxpool(k=2,s=4x6x6)"),
        (2, "conv(k=1x3x3)", "for example k=3 or k=3x5;", "conv(k=3x5)"),
    ],
)
def test_a_wrong_count_in_a_layer_gives_an_example_the_planner_takes(
    client: TestClient, dims: int, layer: str, says: str, example: str
) -> None:
    for lang, words in (("en", says), ("ko", says.split()[-1].rstrip(";"))):
        response = client.get(
            "/api/network", params={"dims": dims, "i": 16, "layers": layer, "lang": lang}
        )
        assert response.status_code == 422
        detail = response.json()["detail"]
        assert words in detail, detail
        assert "," not in words.split("=")[-1]
        assert "4,6,6" not in detail and "3,5" not in detail
    taken = client.get("/api/network", params={"dims": dims, "i": 16, "layers": example})
    assert taken.status_code == 200, taken.text


def test_a_1d_layer_written_3x3_says_one_number_per_axis(client: TestClient) -> None:
    response = client.get("/api/network", params={"dims": 1, "i": 16, "layers": "conv(k=3x3)"})
    detail = response.json()["detail"]
    assert detail.startswith("Layer 1 (conv): In 1-D the kernel size k is one number")
    assert "'3x3' (2 numbers)" in detail


@pytest.mark.parametrize(
    ("params", "parameter", "says"),
    [
        ({"dims": "1", "i": "16,16"}, "i", "In 1-D the input size i is one number"),
        ({"dims": "3", "i": "16,112"}, "i", "In 3-D the input size i is one number"),
        ({"dims": "3", "i": "16,112,0"}, "i", "1 to 4,096 per side"),
        ({"dims": "1", "i": "4097"}, "i", "1 to 4,096 per side"),
        ({"dims": "4"}, "dims", "at most 3"),
        ({"dims": "0"}, "dims", "at least 1"),
        ({"dims": "x"}, "dims", "whole number"),
        ({"dims": "1", "layers": "conv(k=3,s=5000)"}, "layers", "at most 4096"),
        ({"dims": "1", "i": "8", "layers": "conv(k=9)"}, "layers", "larger than the padded"),
        ({"dims": "3", "i": "2,8,8", "layers": "conv(k=3)"}, "layers", "(in depth)"),
    ],
)
def test_refusals_in_1d_and_3d(
    client: TestClient, params: dict[str, str], parameter: str, says: str
) -> None:
    response = client.get("/api/network", params={"layers": "conv(k=3)"} | params)
    assert response.status_code == 422, response.text
    assert response.json()["parameter"] == parameter
    assert says in response.json()["detail"]


@pytest.mark.parametrize(
    ("i", "layers", "answered"),
    [
        # nn.AvgPool3d((3, 1, 1), 1, (1, 0, 0)) on a (2, 6, 6) input raises "input image
        # (T: 2 H: 6 W: 6) smaller than kernel size" before padding; on (3, 6, 6) it runs.
        ("2,6,6", "avgpool(k=3x1x1,s=1,p=1x0x0)", False),
        ("3,6,6", "avgpool(k=3x1x1,s=1,p=1x0x0)", True),
        # The second layer's own input (3×3×3 after a stride-2 k=3 layer on 8) is what counts:
        # AvgPool3d(4, 1, 2) refuses it, AvgPool3d(3, 1, 1) takes it.
        ("8", "conv(k=3,s=2);avgpool(k=4,s=1,p=2)", False),
        ("8", "conv(k=3,s=2);avgpool(k=3,s=1,p=1)", True),
    ],
)
def test_a_3d_average_pooling_needs_its_own_input_as_large_as_its_kernel(
    client: TestClient, i: str, layers: str, answered: bool
) -> None:
    response = client.get("/api/network", params={"dims": "3", "i": i, "layers": layers})
    if answered:
        assert response.status_code == 200, response.text
        return
    assert response.status_code == 422, response.text
    assert response.json()["parameter"] == "layers"
    assert "before padding" in response.json()["detail"]


def test_limits_on_either_side_in_1d_and_3d(client: TestClient) -> None:
    assert _network(client, dims=1, i=4096, layers="conv(k=3)")["input_shape"] == [3, 4096]
    assert _network(client, dims=3, i="1,1,1", layers="conv(k=1)")["input_shape"] == [3, 1, 1, 1]
    # An output past 4,096 on one axis (the depth) is refused; one at 4,096 is not.
    grown = _network(client, dims=3, i="2048,2,2", layers="transpose(k=2x1x1,s=2x1x1)")
    assert grown["totals"]["output_shape"] == [3, 4096, 2, 2]
    response = client.get(
        "/api/network", params={"dims": 3, "i": "2049,2,2", "layers": "transpose(k=2x1x1,s=2x1x1)"}
    )
    assert response.status_code == 422
    assert "4098×2×2, past the limit of 4,096 per axis" in response.json()["detail"]


def test_a_preset_fixes_its_dimensions(client: TestClient) -> None:
    response = client.get("/api/network", params={"preset": "c3d", "dims": "2"})
    assert response.status_code == 422
    assert response.json()["parameter"] == "dims"
    assert "(3×16×112×112)" in response.json()["detail"]


def test_dims_2_keeps_the_2d_query(client: TestClient) -> None:
    written = _network(client, dims=2, i=8, layers="conv(k=3)")
    assert written["query"] == _network(client, i=8, layers="conv(k=3)")["query"]
    assert not written["query"].startswith("dims")
    assert written["dims"] == 2


# --- random stacks against torch ---------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """One random layer of a 1-D or 3-D stack, as the test writes it and as torch builds it."""

    op: str
    dims: int
    c: int = 1
    k: tuple[int, ...] = (1,)
    s: tuple[int, ...] = (1,)
    p: tuple[int, ...] = (0,)
    d: tuple[int, ...] = (1,)
    a: tuple[int, ...] = (0,)
    g: int = 1
    ceil: bool = False
    bias: bool = True

    def text(self) -> str:
        def sizes(v: tuple[int, ...]) -> str:
            return "x".join(str(n) for n in v)

        if self.op == "fc":
            return f"fc(c={self.c},bias={int(self.bias)})"
        args = [f"k={sizes(self.k)}", f"s={sizes(self.s)}", f"p={sizes(self.p)}"]
        if self.op != "avgpool":
            args.append(f"d={sizes(self.d)}")
        if self.op in ("conv", "transpose"):
            args += [f"c={self.c}", f"g={self.g}", f"bias={int(self.bias)}"]
        if self.op == "transpose":
            args.append(f"a={sizes(self.a)}")
        if self.op in ("maxpool", "avgpool"):
            args.append(f"ceil={int(self.ceil)}")
        return f"{self.op}({','.join(args)})"

    def module(self, c_in: int) -> nn.Module:
        if self.op == "conv":
            return CONV[self.dims](c_in, self.c, self.k, self.s, self.p, self.d, self.g, self.bias)
        if self.op == "transpose":
            return TRANSPOSE[self.dims](
                c_in, self.c, self.k, self.s, self.p, self.a, self.g, self.bias, self.d
            )
        if self.op == "maxpool":
            return MAXPOOL[self.dims](self.k, self.s, self.p, self.d, ceil_mode=self.ceil)
        if self.op == "avgpool":
            return AVGPOOL[self.dims](self.k, self.s, self.p, ceil_mode=self.ceil)
        return nn.Sequential(nn.Flatten(), nn.LazyLinear(self.c, self.bias))


@st.composite
def spatial(draw: st.DrawFn, dims: int, ops: tuple[str, ...], channels: bool) -> Spec:
    def per_axis(low: int, high: int) -> tuple[int, ...]:
        return tuple(draw(st.integers(low, high)) for _ in range(dims))

    op = draw(st.sampled_from(ops))
    k = per_axis(1, 3)
    s = per_axis(1, 2)
    d = (1,) * dims if op == "avgpool" else per_axis(1, 2)
    if op in ("maxpool", "avgpool"):
        p = tuple(draw(st.integers(0, kk // 2)) for kk in k)
    else:
        p = per_axis(0, 2)
    g = draw(st.sampled_from((1, 2))) if channels else 1
    c = g * draw(st.integers(1, 3)) if channels else 1
    a = (0,) * dims
    if op == "transpose":
        a = tuple(draw(st.integers(0, max(ss, dd) - 1)) for ss, dd in zip(s, d, strict=True))
    ceil = op in ("maxpool", "avgpool") and draw(st.booleans())
    return Spec(op, dims, c, k, s, p, d, a, g, ceil, draw(st.booleans()))


def _get(client: TestClient, dims: int, i: tuple[int, ...], c_in: int, specs: list[Spec]) -> Any:
    layers = ";".join(spec.text() for spec in specs)
    sizes = ",".join(str(n) for n in i)
    return client.get(
        "/api/network", params={"dims": dims, "i": sizes, "c_in": c_in, "layers": layers}
    )


@st.composite
def stacks(draw: st.DrawFn) -> tuple[int, tuple[int, ...], list[Spec]]:
    dims = draw(st.sampled_from((1, 3)))
    # 3-D inputs small enough that torch runs a stack in a blink.
    i = tuple(draw(st.integers(6, 40 if dims == 1 else 10)) for _ in range(dims))
    ops = ("conv", "transpose", "maxpool", "avgpool")
    specs = draw(st.lists(spatial(dims, ops, True), min_size=1, max_size=4))
    fc = draw(st.lists(st.integers(1, 5), max_size=2))
    return dims, i, specs + [Spec("fc", dims, c) for c in fc]


@given(stack=stacks())
@SETTINGS
def test_random_1d_and_3d_stacks_are_torchs(
    client: TestClient, stack: tuple[int, tuple[int, ...], list[Spec]]
) -> None:
    dims, i, specs = stack
    c_in = 2
    modules: list[nn.Module] = []
    shapes: list[list[int]] = []
    x = torch.zeros(1, c_in, *i)
    try:
        with torch.no_grad():
            for spec in specs:
                module = spec.module(x.shape[1])
                x = module(x)
                # ConvTranspose answers an empty output where Conv raises; the planner
                # refuses both with a sentence.
                if 0 in x.shape[2:]:
                    raise ValueError("an empty output")
                modules.append(module)
                shapes.append(list(x.shape[1:]))
    except (RuntimeError, ValueError):
        event(f"{dims}-D: torch refuses")
        body = _get(client, dims, i, c_in, specs)
        assert body.status_code == 422, body.text
        assert body.json()["parameter"] == "layers"
        assert re.match(r"^Layer \d+ \(\w+\): ", body.json()["detail"])
        return
    response = _get(client, dims, i, c_in, specs)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["dims"] == dims
    for layer, module, shape in zip(body["layers"], modules, shapes, strict=True):
        assert layer["output_shape"] == shape, layer["text"]
        assert layer["params"] == sum(p.numel() for p in module.parameters()), layer["text"]
        weight = getattr(module, "weight", None)
        if isinstance(module, nn.Sequential):
            weight = module[1].weight
        assert layer["weight_shape"] == (list(weight.shape) if weight is not None else [])
    event(f"{dims}-D: torch answers")
    model = nn.Sequential(*modules)
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model(torch.zeros(1, c_in, *i))
    flops = counter.get_flop_counts()
    for n, layer in enumerate(body["layers"]):
        counted = sum(flops.get(f"Sequential.{n}", {}).values())
        assert layer["flops"] == counted == 2 * layer["macs"], layer["text"]
    assert body["totals"]["flops"] == counter.get_total_flops()
    assert body["totals"]["output_shape"] == list(x.shape[1:])


def _support_module(spec: Spec) -> nn.Module:
    """A module whose gradient reaches exactly the cells the layer's window covers: a ones
    convolution with the layer's kernel, stride, padding and dilation (pooling's window is
    the same set of cells)."""
    conv = CONV[spec.dims](1, 1, spec.k, spec.s, spec.p, spec.d, bias=False)
    with torch.no_grad():
        conv.weight.fill_(1.0)
    return conv


@given(
    dims=st.sampled_from((1, 3)),
    data=st.data(),
)
@SETTINGS
def test_receptive_fields_are_the_gradients_support(
    client: TestClient, dims: int, data: st.DataObject
) -> None:
    specs = data.draw(st.lists(spatial(dims, ("conv", "maxpool"), False), min_size=1, max_size=3))
    size = 60 if dims == 1 else 20
    response = _get(client, dims, (size,) * dims, 1, specs)
    assume(response.status_code == 200)
    assume(not any(spec.ceil for spec in specs))  # a ones conv has no ceil mode
    layers = response.json()["layers"]
    x = torch.ones(1, 1, *(size,) * dims, dtype=torch.float64, requires_grad=True)
    y = x
    checked = 0
    for spec, layer in zip(specs, layers, strict=True):
        y = _support_module(spec).double()(y)
        assert list(y.shape[2:]) == layer["output_shape"][1:]
        cell = [n // 2 for n in layer["output_shape"][1:]]
        centre = [s + c * j for s, c, j in zip(layer["start"], cell, layer["jump"], strict=True)]
        half = [(r - 1) / 2 for r in layer["receptive_field"]]
        if not all(c - h >= 0 and c + h <= size - 1 for c, h in zip(centre, half, strict=True)):
            continue  # a field reaching into the padding is cut off by the input's border
        checked += 1
        event(f"{dims}-D fields checked")
        (grad,) = torch.autograd.grad(y[(0, 0, *cell)], x, retain_graph=True)
        seen = torch.nonzero(grad[0, 0], as_tuple=True)
        for axis, cells in enumerate(seen):
            low, high = int(cells.min()), int(cells.max())
            assert high - low + 1 == layer["receptive_field"][axis], layer["text"]
            assert (low + high) / 2 == centre[axis], layer["text"]
    assume(checked > 0)


# --- the presets against torch models built from their papers ----------------------------


def wavenet() -> nn.Module:
    """van den Oord et al. (2016): causal kernel-2 convolutions (the left padding d(k − 1)
    as ConstantPad1d), dilations 1 to 512, 32 channels, a 1×1 convolution to 256."""

    def causal(c_in: int, c: int, d: int) -> list[nn.Module]:
        return [nn.ConstantPad1d((d, 0), 0.0), nn.Conv1d(c_in, c, 2, dilation=d)]

    layers = causal(256, 32, 1)
    for n in range(10):
        layers += causal(32, 32, 2**n)
    return nn.Sequential(*layers, nn.Conv1d(32, 256, 1))


def c3d() -> nn.Module:
    """Tran et al. (2015), figure 3: 3×3×3 convolutions with padding 1, pool1 1×2×2, the
    other poolings 2×2×2 (pool5 rounding up, as Caffe's pooling), fc6-fc8."""
    layers: list[nn.Module] = []
    c_in = 3
    for block, channels in enumerate(((64,), (128,), (256, 256), (512, 512), (512, 512))):
        for c in channels:
            layers += [nn.Conv3d(c_in, c, 3, padding=1), nn.ReLU()]
            c_in = c
        kernel = (1, 2, 2) if block == 0 else (2, 2, 2)
        layers.append(nn.MaxPool3d(kernel, ceil_mode=block == 4))
    fc = [nn.Linear(8192, 4096), nn.ReLU(), nn.Linear(4096, 4096), nn.ReLU(), nn.Linear(4096, 487)]
    return nn.Sequential(*layers, nn.Flatten(), *fc)


COUNTED = (nn.Conv1d, nn.Conv3d, nn.MaxPool3d, nn.Linear)


@pytest.mark.parametrize(
    ("name", "build", "shape"), [("wavenet", wavenet, (256, 4000)), ("c3d", c3d, (3, 16, 112, 112))]
)
def test_the_1d_and_3d_presets_are_the_torch_models(
    client: TestClient, name: str, build: Any, shape: tuple[int, ...]
) -> None:
    body = _network(client, preset=name)
    with torch.device("meta"):
        model = build()
    seen: list[tuple[nn.Module, list[int]]] = []
    hooks = [
        module.register_forward_hook(lambda m, _, out: seen.append((m, list(out.shape[1:]))))
        for module in model.modules()
        if isinstance(module, COUNTED)
    ]
    with FlopCounterMode(display=False) as counter:
        model(torch.empty(1, *shape, device="meta"))
    for hook in hooks:
        hook.remove()
    assert body["input_shape"] == list(shape)
    assert len(body["layers"]) == len(seen)
    for layer, (module, out) in zip(body["layers"], seen, strict=True):
        assert layer["output_shape"] == out, layer["text"]
        assert layer["params"] == sum(p.numel() for p in module.parameters()), layer["text"]
        weight = getattr(module, "weight", None)
        assert layer["weight_shape"] == (list(weight.shape) if weight is not None else [])
    assert body["totals"]["params"] == sum(p.numel() for p in model.parameters())
    assert body["totals"]["flops"] == counter.get_total_flops()


def test_the_presets_receptive_fields(client: TestClient) -> None:
    """WaveNet: the dilated block sees 1 + (1 + 2 + … + 512) = 1,024 samples, the first
    causal layer one more; C3D's conv1a sees 3×3×3 and pool1 3×4×4 (1×2×2 adds a cell on
    height and width only)."""
    wave = _network(client, preset="wavenet")["layers"]
    assert wave[-2]["receptive_field"] == [1025]
    assert wave[-2]["start"] == [-512.0]  # output 0 sees inputs −1,024 to 0: the past alone
    c3d_layers = _network(client, preset="c3d")["layers"]
    assert c3d_layers[0]["receptive_field"] == [3, 3, 3]
    assert c3d_layers[1]["receptive_field"] == [3, 4, 4]
    assert c3d_layers[1]["output_shape"] == [64, 16, 56, 56]
    assert c3d_layers[-4]["output_shape"] == [512, 1, 4, 4]
    assert c3d_layers[-3]["input_shape"] == [8192]


@pytest.mark.parametrize(
    ("query", "network"),
    [
        (
            "op=conv&dims=1&i=16&k=5&p=causal&d=2&c_in=4&c_out=8",
            "/network?dims=1&i=16&c_in=4&layers=conv(c=4,k=5,p=causal,d=2,g=4);conv(c=8,k=1)",
        ),
        (
            "op=conv&dims=3&i=8,16,16&k=1,3,3&s=1,2,2&p=0,1,1&c_in=2&c_out=4&bias=0",
            "/network?dims=3&i=8,16,16&c_in=2"
            "&layers=conv(c=2,k=1x3x3,s=1x2x2,p=0x1x1,g=2,bias=0);conv(c=4,k=1,bias=0)",
        ),
    ],
)
def test_a_separable_link_in_1d_and_3d_is_the_planners_canonical_query(
    client: TestClient, query: str, network: str
) -> None:
    """Written by hand from the layer: a depthwise layer (g = c_in) with its kernel, stride,
    padding and dilation, then a pointwise one; the planner names it by the same query."""
    assert urls.separable(Config.from_query(query)) == network
    body = _network(client, **dict(parse_qsl(network.removeprefix("/network?"))))
    assert body["query"] == network.removeprefix("/network?")
    assert [layer["output_shape"][1:] for layer in body["layers"]][-1] == analyse(
        Config.from_query(query)
    ).layer_shape("o")
