"""/api/network on random stacks, against torch: every layer's shape and parameters from the
modules built here from the same arguments, MACs from torch's FlopCounterMode, receptive
fields from the gradient's support; bad stacks refused with a sentence naming the layer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import torch
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

import app.web.documented  # noqa: F401  (configures the schema for pydantic)
from app.core import schema
from app.core.grammar import ARG_NAMES, LAYER_OPS, NETWORK_LIMITS
from app.core.presets import PRESETS

pytestmark = pytest.mark.torch

README = Path(__file__).resolve().parents[1] / "README.md"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Spec:
    """One random layer, as the test writes it and as torch builds it."""

    op: str
    c: int = 1
    k: tuple[int, int] = (1, 1)
    s: tuple[int, int] = (1, 1)
    p: tuple[int, int] = (0, 0)
    d: tuple[int, int] = (1, 1)
    a: tuple[int, int] = (0, 0)
    g: int = 1
    ceil: bool = False
    bias: bool = True

    def text(self) -> str:
        def pair(v: tuple[int, int]) -> str:
            return f"{v[0]}x{v[1]}"

        if self.op == "fc":
            return f"fc(c={self.c},bias={int(self.bias)})"
        args = [f"k={pair(self.k)}", f"s={pair(self.s)}", f"p={pair(self.p)}"]
        if self.op != "avgpool":
            args.append(f"d={pair(self.d)}")
        if self.op in ("conv", "transpose"):
            args += [f"c={self.c}", f"g={self.g}", f"bias={int(self.bias)}"]
        if self.op == "transpose":
            args.append(f"a={pair(self.a)}")
        if self.op in ("maxpool", "avgpool"):
            args.append(f"ceil={int(self.ceil)}")
        return f"{self.op}({','.join(args)})"

    def module(self, c_in: int) -> nn.Module:
        if self.op == "conv":
            return nn.Conv2d(c_in, self.c, self.k, self.s, self.p, self.d, self.g, self.bias)
        if self.op == "transpose":
            return nn.ConvTranspose2d(
                c_in, self.c, self.k, self.s, self.p, self.a, self.g, self.bias, self.d
            )
        if self.op == "maxpool":
            return nn.MaxPool2d(self.k, self.s, self.p, self.d, ceil_mode=self.ceil)
        if self.op == "avgpool":
            return nn.AvgPool2d(self.k, self.s, self.p, ceil_mode=self.ceil)
        return nn.Sequential(nn.Flatten(), nn.LazyLinear(self.c, self.bias))


small = st.integers(1, 3)
pairs = st.tuples(small, small)


@st.composite
def spatial(draw: st.DrawFn, ops: tuple[str, ...], channels: bool) -> Spec:
    op = draw(st.sampled_from(ops))
    k = draw(pairs)
    s = draw(st.tuples(st.integers(1, 2), st.integers(1, 2)))
    d = (1, 1) if op == "avgpool" else draw(st.tuples(st.integers(1, 2), st.integers(1, 2)))
    if op in ("maxpool", "avgpool"):
        p = (draw(st.integers(0, k[0] // 2)), draw(st.integers(0, k[1] // 2)))
    else:
        p = draw(st.tuples(st.integers(0, 2), st.integers(0, 2)))
    g = draw(st.sampled_from((1, 2))) if channels else 1
    c = g * draw(st.integers(1, 3)) if channels else 1
    a = (0, 0)
    if op == "transpose":
        a = (draw(st.integers(0, max(s[0], d[0]) - 1)), draw(st.integers(0, max(s[1], d[1]) - 1)))
    ceil = op in ("maxpool", "avgpool") and draw(st.booleans())
    return Spec(op, c, k, s, p, d, a, g, ceil, draw(st.booleans()))


def _get(client: TestClient, i: tuple[int, int], c_in: int, specs: list[Spec]) -> Any:
    layers = ";".join(spec.text() for spec in specs)
    return client.get(
        "/api/network", params={"i": f"{i[0]},{i[1]}", "c_in": c_in, "layers": layers}
    )


@given(
    i=st.tuples(st.integers(6, 20), st.integers(6, 20)),
    specs=st.lists(
        spatial(("conv", "transpose", "maxpool", "avgpool"), True), min_size=1, max_size=4
    ),
    fc=st.lists(st.integers(1, 5), max_size=2),
)
@SETTINGS
def test_random_stacks_are_torchs(
    client: TestClient, i: tuple[int, int], specs: list[Spec], fc: list[int]
) -> None:
    specs = specs + [Spec("fc", c) for c in fc]
    c_in = 2
    modules: list[nn.Module] = []
    shapes: list[list[int]] = []
    x = torch.zeros(1, c_in, *i)
    try:
        with torch.no_grad():
            for spec in specs:
                module = spec.module(x.shape[1])
                x = module(x)
                # ConvTranspose2d answers an empty output where Conv2d raises; the planner
                # refuses both with a sentence.
                if 0 in x.shape[2:]:
                    raise ValueError("an empty output")
                modules.append(module)
                shapes.append(list(x.shape[1:]))
    except (RuntimeError, ValueError):
        # torch refuses the stack (or a layer's input is too small): so must the API.
        event("torch refuses")
        body = _get(client, i, c_in, specs)
        assert body.status_code == 422, body.text
        assert body.json()["parameter"] == "layers"
        assert re.match(r"^Layer \d+ \(\w+\): ", body.json()["detail"])
        return
    response = _get(client, i, c_in, specs)
    assert response.status_code == 200, response.text
    body = response.json()
    for layer, module, shape in zip(body["layers"], modules, shapes, strict=True):
        assert layer["output_shape"] == shape, layer["text"]
        assert layer["params"] == sum(p.numel() for p in module.parameters()), layer["text"]
    event("torch answers")
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
    """A module whose gradient reaches exactly the cells the layer's window covers: the layer
    itself with all-ones weights; max pooling's gradient goes to one cell, so its window is
    summed instead (average pooling's, or a ones convolution's where it is dilated)."""
    if spec.op == "avgpool" or (spec.op == "maxpool" and spec.d == (1, 1)):
        return nn.AvgPool2d(spec.k, spec.s, spec.p, ceil_mode=spec.ceil)
    conv = nn.Conv2d(1, 1, spec.k, spec.s, spec.p, spec.d, bias=False)
    with torch.no_grad():
        conv.weight.fill_(1.0)
    return conv


@given(specs=st.lists(spatial(("conv", "maxpool", "avgpool"), False), min_size=1, max_size=4))
@SETTINGS
def test_receptive_fields_are_the_gradients_support(client: TestClient, specs: list[Spec]) -> None:
    size = 72
    response = _get(client, (size, size), 1, specs)
    assume(response.status_code == 200)
    layers = response.json()["layers"]
    x = torch.ones(1, 1, size, size, dtype=torch.float64, requires_grad=True)
    y = x
    checked = 0
    for spec, layer in zip(specs, layers, strict=True):
        y = _support_module(spec).double()(y)
        # The cell in the middle of this layer's output (the ones convolution standing in for
        # a ceil-mode pooling may have one fewer).
        out = [min(n, m) for n, m in zip(layer["output_shape"][1:], y.shape[2:], strict=True)]
        cell = [n // 2 for n in out]
        centre = [
            st_ + c * j for st_, c, j in zip(layer["start"], cell, layer["jump"], strict=True)
        ]
        half = [(r - 1) / 2 for r in layer["receptive_field"]]
        inside = all(c - h >= 0 and c + h <= size - 1 for c, h in zip(centre, half, strict=True))
        if not inside:
            continue  # a field reaching into the padding is cut off by the input's border
        event(f"fields checked at depth {layers.index(layer) + 1}")
        checked += 1
        (grad,) = torch.autograd.grad(y[0, 0, cell[0], cell[1]], x, retain_graph=True)
        rows, cols = torch.nonzero(grad[0, 0], as_tuple=True)
        for axis, seen in enumerate((rows, cols)):
            low, high = int(seen.min()), int(seen.max())
            assert high - low + 1 == layer["receptive_field"][axis], layer["text"]
            assert (low + high) / 2 == centre[axis], layer["text"]
    # A stack whose every field met the border checked nothing: it does not count as a pass.
    assume(checked > 0)


def test_receptive_field_recurrences_by_hand(client: TestClient) -> None:
    """Araujo et al.'s example shape: two 3×3 convolutions then a 2×2 pooling."""
    body = client.get(
        "/api/network", params={"i": 32, "layers": "conv(k=3);conv(k=3,d=2);maxpool(k=2)"}
    ).json()
    layers = body["layers"]
    # 32 − 3 + 1 = 30; 30 − (2·2 + 1) + 1 = 26; ⌊26/2⌋ = 13, in the 3 channels of RGB.
    assert body["totals"]["output_shape"] == [3, 13, 13]
    assert [layer["receptive_field"] for layer in layers] == [[3, 3], [7, 7], [8, 8]]
    assert [layer["jump"] for layer in layers] == [[1, 1], [1, 1], [2, 2]]
    assert [layer["start"] for layer in layers] == [[1.0, 1.0], [3.0, 3.0], [3.5, 3.5]]


def test_no_field_after_a_transposed_convolution_or_for_fc(client: TestClient) -> None:
    layers = client.get(
        "/api/network",
        params={"i": 8, "layers": "conv(k=3,p=1);transpose(k=2,s=2);conv(k=3);fc(c=4)"},
    ).json()["layers"]
    assert layers[0]["receptive_field"] == [3, 3]
    for layer in layers[1:]:
        assert layer["receptive_field"] is layer["jump"] is layer["start"] is None
    assert layers[3]["query"] is None
    assert layers[1]["query"] == "op=transpose&i=8&k=2&s=2&p=0&c_in=3&c_out=3"


def test_a_layer_means_what_the_main_page_means(client: TestClient) -> None:
    """The same values, the same shapes: the layer's query, asked of /api/arithmetic."""
    body = client.get(
        "/api/network",
        params={"i": "9,11", "layers": "conv(k=3x2,p=same);maxpool(k=3,ceil=1,p=1)"},
    ).json()
    assert [layer["text"] for layer in body["layers"]] == [
        "conv(c=3,k=3x2,p=same)",
        "maxpool(k=3,p=1,ceil=1)",
    ]
    assert body["layers"][0]["args"]["padding"] == {"top": 1, "bottom": 1, "left": 0, "right": 1}
    for layer in body["layers"]:
        single = client.get(f"/api/arithmetic?{layer['query']}").json()
        assert single["output_shape"] == layer["output_shape"][1:]


def test_same_refusal_as_the_main_page(client: TestClient) -> None:
    single = client.get("/api/arithmetic?op=conv&i=9&k=3&s=2&p=same").json()
    body = client.get("/api/network", params={"i": 9, "layers": "conv(k=3);conv(k=3,s=2,p=same)"})
    assert body.status_code == 422
    expected = {"detail": f"Layer 2 (conv): {single['detail']}", "parameter": "layers"}
    assert body.json() == expected | {"reason": "invalid"}


def test_canonical_query_and_cache(client: TestClient) -> None:
    written = client.get(
        "/api/network",
        params={
            "i": "224",
            "c_in": "3",
            "layers": PRESETS["alexnet"].layers.replace("c=", " c = "),
        },
    )
    preset = client.get("/api/network", params={"preset": "alexnet"})
    assert written.status_code == preset.status_code == 200
    assert written.content == preset.content
    assert written.headers["etag"] == preset.headers["etag"]
    query = preset.json()["query"]
    again = client.get(f"/api/network?{query}")
    assert again.json()["query"] == query


BAD_LAYERS = [
    ("foo(k=3)", "unknown operation"),
    ("conv(q=1)", "unknown argument"),
    ("conv(stride=2)", "did you mean s?"),
    ("conv(k=0)", "at least 1"),
    ("conv(k=abc)", "one per axis joined by x"),
    ("conv(k=3,5)", "HxW"),
    ("conv(c=3,g=2)", "divide into the g=2 groups"),
    ("conv(k=5000)", "at most 4096"),
    ("conv(k=9)", "larger than the padded input"),
    ("maxpool(k=2,p=2)", "at most half the kernel size"),
    ("transpose(a=1)", "smaller than the stride or the dilation"),
    ("conv(k=3,s=2,p=same)", "needs stride 1"),
    ("avgpool(d=2)", "unknown argument"),
    ("fc(k=3)", "unknown argument"),
    ("fc()", "units as c"),
    ("conv(c=0)", "from 1 to 65,536"),
    ("conv(bias=2)", "0 or 1"),
    ("conv(k=3,k=3)", "given twice"),
    ("conv(k=)", "has no value"),
    ("conv(k=3", "not op(args)"),
]


@given(
    prefix=st.lists(
        st.sampled_from(["conv(k=3,p=1,c=4)", "conv(k=1,c=2)", "avgpool(k=1)"]), max_size=5
    ),
    bad=st.sampled_from(BAD_LAYERS),
    suffix=st.lists(st.sampled_from(["conv(k=1)", "fc(c=3)", "nonsense"]), max_size=3),
)
@settings(max_examples=80, deadline=None)
def test_a_bad_layer_is_refused_by_its_place(
    client: TestClient, prefix: list[str], bad: tuple[str, str], suffix: list[str]
) -> None:
    text, reason = bad
    response = client.get(
        "/api/network", params={"i": 8, "layers": ";".join([*prefix, text, *suffix])}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["parameter"] == "layers"
    assert body["detail"].startswith(f"Layer {len(prefix) + 1}")
    assert reason in body["detail"]


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
@settings(max_examples=150, deadline=None)
def test_any_text_is_an_answer_or_a_sentence(client: TestClient, text: str) -> None:
    response = client.get("/api/network", params={"i": 16, "layers": text})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert response.json()["detail"].endswith((".", ")"))


def test_fc_stays_flat(client: TestClient) -> None:
    body = client.get("/api/network", params={"i": 8, "layers": "fc(c=3);conv(k=1)"}).json()
    assert body["detail"].startswith("Layer 2 (conv): it follows a fully connected layer")


@pytest.mark.parametrize(
    ("params", "parameter", "says"),
    [
        ({"i": "4097", "layers": "conv"}, "i", "4,096"),
        ({"i": "0", "layers": "conv"}, "i", "1 to"),
        ({"c_in": "65537", "layers": "conv"}, "c_in", "65,536"),
        ({"layers": ";".join(["conv(k=1)"] * 65)}, "layers", "at most 64"),
        ({"layers": "x" * 2049}, "layers", "at most 2048"),
        ({"layers": " ; ; "}, "layers", "names no layer"),
        ({}, "layers", "Give the layers"),
        ({"preset": "vgg19"}, "preset", "Unknown preset"),
        ({"preset": "vgg16", "i": "32"}, "i", "fixes its layers"),
        ({"preset": "vgg16", "layers": "conv"}, "layers", "fixes its layers"),
        ({"i": "8", "layers": ";".join(["transpose(k=16,s=16)"] * 3)}, "layers", "4,096 per axis"),
        ({"layers": "conv", "stride": "2"}, "stride", "Unknown parameter"),
    ],
)
def test_limits_and_conflicts_are_sentences(
    client: TestClient, params: dict[str, str], parameter: str, says: str
) -> None:
    response = client.get("/api/network", params=params)
    assert response.status_code == 422
    assert response.json()["parameter"] == parameter
    assert says in response.json()["detail"]


def test_defaults_are_an_rgb_224_image(client: TestClient) -> None:
    body = client.get("/api/network", params={"layers": "conv(k=3,p=1,c=64)"}).json()
    assert body["input_shape"] == [3, 224, 224]
    assert body["layers"][0]["output_shape"] == [64, 224, 224]
    assert NETWORK_LIMITS.max_input == 4096


def test_readme_documents_the_grammar() -> None:
    text = README.read_text("utf-8")
    section = text.split("### Networks")[1].split("\n## ")[0]
    for op in LAYER_OPS:
        assert f"`{op}`" in section, op
    for name in ARG_NAMES:
        assert f"`{name}`" in section, name
    for preset in PRESETS:
        assert f"`{preset}`" in section, preset


@pytest.mark.parametrize("preset", list(PRESETS))
def test_answers_keep_to_the_declared_schema(client: TestClient, preset: str) -> None:
    openapi = client.get("/openapi.json").json()
    documented = openapi["paths"]["/api/network"]["get"]["responses"]["200"]
    assert documented["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/NetworkAnswer"
    }
    body = client.get("/api/network", params={"preset": preset}).json()
    TypeAdapter(schema.NetworkAnswer).validate_python(body, strict=True)
