"""A learner's own numbers against PyTorch, through the API.

Random configurations with random input and kernel values written into the link (``x``,
``w``), PyTorch's padding modes and average pooling's options: ``/api/frames`` must answer
PyTorch's output, the padding cells what ``F.pad`` puts there, and each window's divisor
what ``avg_pool2d`` divides by. Expected values come from torch alone.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

pytestmark = pytest.mark.torch

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MODES = ("zeros", "reflect", "replicate", "circular")


def _text(matrix: np.ndarray) -> str:
    """A matrix as a link writes it, formatted here rather than by the engine."""
    return ";".join(",".join(f"{v:g}" for v in row) for row in matrix)


def _matrix(draw: st.DrawFn, shape: tuple[int, int]) -> np.ndarray:
    # Quarters: fractions a learner types (0.25, -1.5) that floats hold exactly.
    values = draw(
        st.lists(st.integers(-20, 20), min_size=shape[0] * shape[1], max_size=shape[0] * shape[1])
    )
    return np.array(values, dtype=np.float64).reshape(shape) / 4


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, str], np.ndarray, np.ndarray | None]:
    op = draw(st.sampled_from(["conv", "conv", "transpose", "maxpool", "avgpool"]))
    i = (draw(st.integers(1, 8)), draw(st.integers(1, 8)))
    k = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    s = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    p = (draw(st.integers(0, 3)), draw(st.integers(0, 3)))
    if op in ("maxpool", "avgpool") and draw(st.integers(0, 3)):
        p = (min(p[0], k[0] // 2), min(p[1], k[1] // 2))  # mostly what pooling takes
    x = _matrix(draw, i)
    query = {"op": op, "k": f"{k[0]},{k[1]}", "s": f"{s[0]},{s[1]}", "p": f"{p[0]},{p[1]}"}
    # x alone sets i; sometimes the link names i as well.
    query["x"] = _text(x)
    if draw(st.booleans()):
        query["i"] = f"{i[0]},{i[1]}"
    weight = None
    if op in ("conv", "transpose"):
        weight = _matrix(draw, k)
        query["w"] = _text(weight)
        query["c_in"] = str(draw(st.integers(1, 3)))
    if op in ("conv", "maxpool"):
        d = draw(st.integers(1, 2))
        query["d"] = str(d)
    if op == "conv":
        query["padding_mode"] = draw(st.sampled_from(MODES))
    if op in ("maxpool", "avgpool"):
        query["ceil"] = draw(st.sampled_from(["0", "1"]))
    if op == "avgpool":
        query["count_include_pad"] = draw(st.sampled_from(["0", "1"]))
        query["divisor_override"] = str(draw(st.sampled_from([0, 0, 1, 3, 7])))
    return query, x, weight


def _torch_output(query: dict[str, str], x: np.ndarray, weight: np.ndarray | None):
    """PyTorch's output channel 0 (every input channel carrying x), or None where torch
    refuses the layer or its input."""
    ints = lambda name, default: tuple(int(v) for v in query.get(name, default).split(","))  # noqa: E731
    k, s, p = ints("k", "3"), ints("s", "1"), ints("p", "0")
    d = int(query.get("d", "1"))
    c_in = int(query.get("c_in", "1"))
    op = query["op"]
    try:
        if op == "conv":
            layer = nn.Conv2d(
                c_in,
                1,
                k,
                stride=s,
                padding=p,
                dilation=d,
                bias=False,
                padding_mode=query["padding_mode"],
            )
        elif op == "transpose":
            layer = nn.ConvTranspose2d(c_in, 1, k, stride=s, padding=p, bias=False)
        elif op == "maxpool":
            layer = nn.MaxPool2d(k, s, p, dilation=d, ceil_mode=query["ceil"] == "1")
        else:
            override = int(query["divisor_override"]) or None
            layer = nn.AvgPool2d(
                k,
                s,
                p,
                ceil_mode=query["ceil"] == "1",
                count_include_pad=query["count_include_pad"] == "1",
                divisor_override=override,
            )
        layer = layer.double()
        if weight is not None:
            with torch.no_grad():
                layer.weight.copy_(torch.from_numpy(weight).expand(layer.weight.shape))
        inputs = torch.from_numpy(x).expand(1, c_in, *x.shape).contiguous()
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = layer(inputs).numpy()[0, 0]
    except (RuntimeError, ValueError):
        return None
    return out if out.size else None


@SETTINGS
@given(cases())
def test_frames_answer_pytorchs_output_on_the_links_numbers(client: TestClient, case) -> None:
    query, x, weight = case
    expected = _torch_output(query, x, weight)
    response = client.get("/api/frames", params=query)
    if expected is None:
        assert response.status_code == 422, (query, response.text)
        return
    if response.status_code == 422 and response.json()["reason"] == "drawing":
        return
    assert response.status_code == 200, (query, response.text)
    values = response.json()["values"]
    np.testing.assert_array_equal(values["input"], x)
    if weight is not None:
        np.testing.assert_array_equal(values["kernel"], weight)
    np.testing.assert_allclose(values["output"], expected.round(4), atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    st.tuples(st.integers(2, 7), st.integers(2, 7)),
    st.tuples(st.integers(0, 6), st.integers(0, 6)),
    st.sampled_from(MODES),
)
def test_padding_cells_hold_what_pytorch_pads_with(
    client: TestClient, i: tuple[int, int], p: tuple[int, int], mode: str
) -> None:
    x = np.arange(i[0] * i[1], dtype=np.float64).reshape(i) + 1
    query = {"op": "conv", "x": _text(x), "k": "1", "p": f"{p[0]},{p[1]}", "padding_mode": mode}
    response = client.get("/api/frames", params=query)
    torch_mode = "constant" if mode == "zeros" else mode
    try:
        expected = F.pad(torch.from_numpy(x)[None, None], (p[1], p[1], p[0], p[0]), torch_mode)
    except RuntimeError:
        assert response.status_code == 422, (query, response.text)
        assert response.json()["parameter"] == "padding_mode"
        assert "padding_mode" in response.json()["detail"]
        return
    assert response.status_code == 200, (query, response.text)
    np.testing.assert_array_equal(response.json()["values"]["grid"], expected.numpy()[0, 0])


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 4),
    st.integers(1, 3),
    st.integers(0, 2),
    st.booleans(),
    st.booleans(),
    st.sampled_from([0, 1, 2, 5]),
)
def test_average_pooling_divides_as_pytorch(
    client: TestClient, i: int, k: int, s: int, p: int, ceil: bool, include: bool, override: int
) -> None:
    query = {
        "op": "avgpool",
        "i": str(i),
        "k": str(k),
        "s": str(s),
        "p": str(p),
        "ceil": str(int(ceil)),
        "count_include_pad": str(int(include)),
        "divisor_override": str(override),
    }
    ones = torch.ones(1, 1, i, i, dtype=torch.float64)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            summed = F.avg_pool2d(ones, k, s, p, ceil, False, 1)
            averaged = F.avg_pool2d(ones, k, s, p, ceil, include, override or None)
    except RuntimeError:
        assert client.get("/api/frames", params=query).status_code == 422
        return
    response = client.get("/api/frames", params=query)
    assert response.status_code == 200, (query, response.text)
    # A window's divisor is its sum of ones over its mean.
    expected = (summed / averaged).numpy()[0, 0]
    np.testing.assert_allclose(response.json()["values"]["divisors"], expected, atol=1e-9)


def test_a_seed_gives_small_whole_numbers_the_same_each_time(client: TestClient) -> None:
    first = client.get("/api/frames", params={"i": "6", "k": "3", "seed": "42"}).json()
    again = client.get("/api/frames", params={"i": "6", "k": "3", "seed": "42"}).json()
    other = client.get("/api/frames", params={"i": "6", "k": "3", "seed": "43"}).json()
    x, w = np.array(first["values"]["input"]), np.array(first["values"]["kernel"])
    assert first["values"] == again["values"]
    assert first["values"]["input"] != other["values"]["input"]
    assert set(x.ravel()) <= {0, 1, 2, 3} and set(w.ravel()) <= {0, 1, 2}
    # A new input size keeps the kernel: the two are drawn separately.
    wider = client.get("/api/frames", params={"i": "7", "k": "3", "seed": "42"}).json()
    assert wider["values"]["kernel"] == first["values"]["kernel"]
    out = F.conv2d(
        torch.from_numpy(x)[None, None].double(), torch.from_numpy(w)[None, None].double()
    )
    np.testing.assert_allclose(first["values"]["output"], out.numpy()[0, 0])
    assert first["query"].endswith("&seed=42")


@pytest.mark.parametrize(
    ("preset", "weights"),
    [
        # Written out as the course notes (seed 004) and textbooks give them.
        ("sobel_x", [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
        ("sobel_y", [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
        ("laplacian", [[0, 1, 0], [1, -4, 1], [0, 1, 0]]),
        ("outline", [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]),
        ("sharpen", [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
        ("emboss", [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]),
        ("identity", [[0, 0, 0], [0, 1, 0], [0, 0, 0]]),
        ("box_blur", [[1 / 9] * 3] * 3),
        (
            "gaussian_blur",
            [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]],
        ),
    ],
)
def test_presets_are_the_textbook_kernels(
    client: TestClient, preset: str, weights: list[list[float]]
) -> None:
    body = client.get("/api/frames", params={"i": "5", "w": preset}).json()
    np.testing.assert_allclose(body["values"]["kernel"], weights, atol=1e-6)
    assert body["params"]["k"] == [3, 3] and body["params"]["w"] == preset


def test_scalable_presets_take_other_sizes(client: TestClient) -> None:
    blur = client.get("/api/frames", params={"i": "7", "k": "5", "w": "gaussian_blur"}).json()
    row = np.array([1, 4, 6, 4, 1]) / 16  # Pascal's row 4, normalised
    np.testing.assert_allclose(blur["values"]["kernel"], np.outer(row, row), atol=1e-6)
    box = client.get("/api/frames", params={"i": "7", "k": "2,4", "w": "box_blur"}).json()
    np.testing.assert_allclose(box["values"]["kernel"], np.full((2, 4), 1 / 8), atol=1e-6)
    ident = client.get("/api/frames", params={"i": "7", "k": "5", "w": "identity"}).json()
    assert ident["values"]["kernel"][2][2] == 1 and sum(map(sum, ident["values"]["kernel"])) == 1


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ({"x": "1,2;3"}, "x", "row 2 has 1"),
        ({"x": "1,a"}, "x", "'a'"),
        ({"x": "1e9"}, "x", "not a number"),
        ({"x": "1234567"}, "x", "not a number"),
        ({"i": "5", "x": "1,2;3,4"}, "x", "5 rows of 5"),
        ({"k": "2", "w": "1,2,3;4,5,6;7,8,9"}, "w", "leave k out"),
        ({"w": "blur"}, "w", "sobel_x"),
        ({"k": "5", "w": "sobel_x"}, "w", "3×3"),
        ({"k": "4", "w": "identity"}, "w", "odd"),
        ({"op": "maxpool", "w": "1"}, "w", "op=conv"),
        ({"op": "transpose", "padding_mode": "reflect"}, "padding_mode", "op=conv"),
        ({"op": "conv", "padding_mode": "mirror"}, "padding_mode", "reflect"),
        ({"op": "conv", "count_include_pad": "0"}, "count_include_pad", "op=avgpool"),
        ({"op": "maxpool", "divisor_override": "2"}, "divisor_override", "op=avgpool"),
        ({"op": "avgpool", "divisor_override": "-1"}, "divisor_override", "at least 0"),
        ({"op": "avgpool", "divisor_override": "65537"}, "divisor_override", "65536"),
        ({"seed": "1000000"}, "seed", "999999"),
        # Digits of other scripts are not silently read as 3 (the page reads ASCII alone).
        ({"x": "٣"}, "x", "not a number"),
        ({"i": "٣"}, "i", "whole number"),
        ({"seed": "\uff11"}, "seed", "whole number"),  # a full-width 1
        ({"i": "3", "p": "3", "padding_mode": "reflect"}, "padding_mode", "at most 2"),
        ({"i": "3", "p": "4", "padding_mode": "circular"}, "padding_mode", "at most 3"),
    ],
)
def test_refusals_name_the_parameter_and_what_to_change(
    client: TestClient, query: dict[str, str], parameter: str, words: str
) -> None:
    response = client.get("/api/frames", params=query)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["parameter"] == parameter
    assert words in body["detail"], body["detail"]


def test_too_many_values_and_the_limits_edges(client: TestClient) -> None:
    """At most 1,024 numbers: 32×32 passes, one more is refused by name."""
    ok = _text(np.ones((32, 32)))
    assert client.get("/api/arithmetic", params={"x": ok}).status_code == 200
    over = _text(np.ones((1, 1025)))
    body = client.get("/api/arithmetic", params={"x": over}).json()
    assert body["parameter"] == "x" and "1,024" in body["detail"]
    kernel = _text(np.ones((32, 32)))
    assert client.get("/api/arithmetic", params={"i": "40", "w": kernel}).status_code == 200
    assert client.get("/api/arithmetic", params={"seed": "999999"}).status_code == 200
    assert (
        client.get(
            "/api/arithmetic", params={"op": "avgpool", "divisor_override": "65536"}
        ).status_code
        == 200
    )


def test_the_link_keeps_the_numbers(client: TestClient) -> None:
    body = client.get(
        "/api/arithmetic", params={"x": " 1, 2.50 ; -0.125,4 ", "w": "SOBEL_X", "p": "1"}
    ).json()
    assert body["query"] == "op=conv&i=2&k=3&s=1&p=1&x=1,2.5;-0.125,4&w=sobel_x"
    assert body["params"]["x"] == "1,2.5;-0.125,4"
    again = client.get(f"/api/arithmetic?{body['query']}").json()
    assert again["query"] == body["query"]


def test_the_paper_figures_keep_the_papers_numbers(client: TestClient) -> None:
    """Figure 1.1 with nothing given prints the paper's output (12, 12, 17 / 10, 17, 19 /
    9, 6, 14), and seed 0 is the same."""
    for extra in ({}, {"seed": "0"}):
        body = client.get("/api/frames", params={"op": "conv", "i": "5", "k": "3", **extra}).json()
        assert body["values"]["output"] == [[12, 12, 17], [10, 17, 19], [9, 6, 14]]
