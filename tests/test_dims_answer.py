"""What a 1-D or 3-D layer says: its arithmetic answer per axis of the layer, its costs, kind
and separable replacement, its relationship, notes and padding comparison. Expected values
are worked by hand here (or built by PyTorch from the query), never by the engine."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from app.core.answer import arithmetic_answer
from app.core.arithmetic import analyse
from app.core.costs import conv_cost, transpose_cost
from app.core.parameters import ConfigError
from app.core.params import Config

torch = pytest.importorskip("torch")
nn = torch.nn


def _answer(query: str, lang: str = "en") -> Any:
    return arithmetic_answer(analyse(Config.from_query(query)), lang)


def _get(client: TestClient, query: str, lang: str = "en") -> Any:
    response = client.get(f"/api/arithmetic?{query}&lang={lang}")
    assert response.status_code == 200, response.text
    return response.json()


# --- The answer's sizes, per axis of the layer ----------------------------------------------


def test_a_causal_1d_convolution_worked_by_hand(client: TestClient) -> None:
    """i = 9, k = 3, d = 2: k̂ = 3 + 2·1 = 5, causal padding d(k − 1) = 4 on the left, so the
    padded strip is 13 long and o = 13 − 5 + 1 = 9. Weight (4, 2, 3): 24 weights and 4
    biases; 24 multiply-adds per output cell, 9 cells: 216 MACs."""
    body = _get(client, "op=conv&dims=1&i=9&k=3&d=2&p=causal&c_in=2&c_out=4")
    assert body["dims"] == 1
    params = body["params"]
    assert (params["dims"], params["i"], params["k"], params["s"], params["d"], params["a"]) == (
        1,
        [9],
        [3],
        [1],
        [2],
        [0],
    )
    assert params["p"] == "causal"
    assert body["input_shape"] == [9]
    assert body["padded_shape"] == [13]
    assert body["kernel_shape"] == [3]
    assert body["effective_kernel_shape"] == [5]
    assert body["output_shape"] == [9]
    assert body["output_volume"] == [4, 9]
    assert body["weight_shape"] == [4, 2, 3]
    assert body["param_count"] == {"total": 28, "weights": 24, "biases": 4}
    assert (body["macs"], body["flops"]) == (216, 432)
    assert body["sides"] == [[4, 0]]
    assert body["padding"] == {"top": 0, "bottom": 0, "left": 4, "right": 0}
    assert body["code"]["output_shape"] == [1, 4, 9]
    assert body["transpose"] is None


def test_a_3d_convolution_worked_by_hand(client: TestClient) -> None:
    """i = (4, 6, 6), k = 3, s = 2, p = 1: o = ⌊(4 + 2 − 3)/2⌋ + 1 = 2 deep and
    ⌊(6 + 2 − 3)/2⌋ + 1 = 3 high and wide. Weight (8, 3, 3, 3, 3): 648 weights, 8 biases;
    81 multiply-adds per output value, 8·2·3·3 = 144 values: 11,664 MACs."""
    body = _get(client, "op=conv&dims=3&i=4,6,6&k=3&s=2&p=1&c_in=3&c_out=8")
    assert body["dims"] == 3
    assert body["params"]["i"] == [4, 6, 6]
    assert body["params"]["k"] == [3, 3, 3]
    assert body["params"]["p"] == [1, 1, 1]
    assert body["input_shape"] == [4, 6, 6]
    assert body["padded_shape"] == [6, 8, 8]
    assert body["output_shape"] == [2, 3, 3]
    assert body["output_volume"] == [8, 2, 3, 3]
    assert body["weight_shape"] == [8, 3, 3, 3, 3]
    assert body["param_count"] == {"total": 656, "weights": 648, "biases": 8}
    assert body["macs"] == 11_664
    assert body["sides"] == [[1, 1], [1, 1], [1, 1]]
    assert body["code"]["output_shape"] == [1, 8, 2, 3, 3]


def test_a_3d_transposed_convolution_worked_by_hand(client: TestClient) -> None:
    """i' = 3, k = 3, s = 2, a = 1: o' = 2·(3 − 1) + 3 + 1 = 8 on every axis; stretched
    (3 − 1)·2 + 1 = 5; the equivalent convolution pads k − 1 = 2 before and 2 + a = 3 after."""
    body = _get(client, "op=transpose&dims=3&i=3&k=3&s=2&a=1&c_in=2&c_out=4&g=2")
    assert body["output_shape"] == [8, 8, 8]
    assert body["weight_shape"] == [2, 2, 3, 3, 3]  # (c_in, c_out/g, *k)
    transpose = body["transpose"]
    assert transpose["stretched_shape"] == [5, 5, 5]
    assert transpose["equivalent_sides"] == [[2, 3], [2, 3], [2, 3]]
    assert transpose["equivalent_stride"] == [1, 1, 1]
    direct = transpose["direct"]
    assert (direct["input_shape"], direct["output_shape"]) == ([8, 8, 8], [3, 3, 3])
    assert (direct["kernel"], direct["stride"], direct["padding"]) == (
        [3, 3, 3],
        [2, 2, 2],
        [0, 0, 0],
    )


def test_a_1d_transposed_convolution_worked_by_hand(client: TestClient) -> None:
    """i' = 4, k = 3, s = 2, p = 1: o' = 2·3 + 3 − 2 = 7; stretched 7; padded 1 each side."""
    body = _get(client, "op=transpose&dims=1&i=4&k=3&s=2&p=1")
    assert body["output_shape"] == [7]
    assert body["padded_shape"] == [9]
    transpose = body["transpose"]
    assert transpose["stretched_shape"] == [7]
    assert transpose["equivalent_sides"] == [[1, 1]]
    assert transpose["equivalent_stride"] == [1]
    assert (transpose["direct"]["input_shape"], transpose["direct"]["output_shape"]) == ([7], [4])


def test_a_2d_answer_keeps_its_sizes_and_gains_dims_and_sides(client: TestClient) -> None:
    body = _get(client, "op=conv&i=5&k=3&s=2&p=1")
    assert body["dims"] == 2 and body["params"]["dims"] == 2
    assert body["params"]["i"] == [5, 5] and body["output_shape"] == [3, 3]
    assert body["sides"] == [[1, 1], [1, 1]]
    assert body["weight_shape"] == [1, 1, 3, 3]


# --- Costs against PyTorch's own modules ------------------------------------------------------


def _params(module: Any) -> int:
    return sum(p.numel() for p in module.parameters())


def _flops(module: Any, x: Any) -> int:
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as counter:
        module(x)
    return int(counter.get_total_flops())


@pytest.mark.torch
@pytest.mark.parametrize(
    ("c_in", "c_out", "g", "k", "out", "bias"),
    [
        (1, 1, 1, (3,), (7,), True),
        (4, 8, 2, (5,), (9,), False),
        (16, 16, 16, (3,), (12,), True),
        (2, 3, 1, (3, 3, 3), (2, 4, 5), True),
        (4, 6, 2, (1, 3, 2), (3, 3, 3), False),
    ],
)
def test_conv_costs_of_any_dims_are_pytorchs(
    c_in: int, c_out: int, g: int, k: tuple[int, ...], out: tuple[int, ...], bias: bool
) -> None:
    layer = getattr(nn, f"Conv{len(k)}d")(c_in, c_out, k, groups=g, bias=bias)
    cost = conv_cost(c_in, c_out, g, k, out, bias)
    assert cost.weight_shape == tuple(layer.weight.shape)
    assert cost.params == _params(layer)
    x = torch.zeros(1, c_in, *(o + kk - 1 for o, kk in zip(out, k, strict=True)))
    assert cost.flops == _flops(layer, x)


@pytest.mark.torch
@pytest.mark.parametrize(
    ("c_in", "c_out", "g", "k", "inp", "bias"),
    [
        (1, 1, 1, (3,), (5,), True),
        (4, 2, 2, (4,), (6,), False),
        (2, 4, 1, (3, 3, 3), (2, 3, 4), True),
        (4, 4, 4, (2, 2, 2), (3, 3, 3), False),
    ],
)
def test_transpose_costs_of_any_dims_are_pytorchs(
    c_in: int, c_out: int, g: int, k: tuple[int, ...], inp: tuple[int, ...], bias: bool
) -> None:
    layer = getattr(nn, f"ConvTranspose{len(k)}d")(c_in, c_out, k, groups=g, bias=bias)
    cost = transpose_cost(c_in, c_out, g, k, inp, bias)
    assert cost.weight_shape == tuple(layer.weight.shape)
    assert cost.params == _params(layer)
    assert cost.flops == _flops(layer, torch.zeros(1, c_in, *inp))


@pytest.mark.torch
@pytest.mark.parametrize(
    "query",
    [
        "op=conv&dims=1&i=20&k=5&s=2&p=2&c_in=3&c_out=6",
        "op=conv&dims=1&i=12&k=3&d=2&p=causal&c_in=4&c_out=4&bias=0",
        "op=conv&dims=3&i=5,8,8&k=3&p=1&c_in=2&c_out=4&g=2",
        "op=transpose&dims=3&i=3,4,4&k=2&s=2&c_in=4&c_out=2",
        "op=transpose&dims=1&i=6&k=4&s=2&p=1&c_in=2&c_out=6&g=2",
    ],
)
def test_the_answers_costs_are_the_layers_pytorch_builds(client: TestClient, query: str) -> None:
    body = _get(client, query)
    c = Config.from_query(query)
    n = c.dims
    op = "Conv" if c.op == "conv" else "ConvTranspose"
    layer = getattr(nn, f"{op}{n}d")(c.c_in, c.c_out, c.axes("k"), groups=c.g, bias=c.bias)
    assert body["weight_shape"] == list(layer.weight.shape)
    assert body["param_count"]["total"] == _params(layer)
    # FLOPs of the layer on its own input: padded by hand first for a convolution.
    x = torch.zeros(1, c.c_in, *body["input_shape"])
    if c.op == "conv":
        pads = [side for pair in reversed(body["sides"]) for side in pair]
        x = torch.nn.functional.pad(x, pads)
        layer.dilation = c.axes("d")
        layer.stride = c.axes("s")
        assert list(layer(x).shape[2:]) == body["output_shape"]
    assert body["flops"] == _flops(layer, x)


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("op=conv&dims=1&k=1&c_in=4&c_out=8", "pointwise"),
        ("op=conv&dims=1&k=2&c_in=4&c_out=8", "standard"),
        ("op=conv&dims=1&k=3&c_in=4&c_out=8&g=4", "depthwise"),
        ("op=conv&dims=1&k=3&c_in=4&c_out=8&g=2", "grouped"),
        ("op=conv&dims=3&i=4&k=1&c_in=4&c_out=8", "pointwise"),
        ("op=conv&dims=3&i=4&k=1,1,2&c_in=4&c_out=8", "standard"),
        ("op=transpose&dims=3&i=3&k=2&c_in=4&c_out=4&g=4", "depthwise"),
        ("op=maxpool&dims=3&i=4&k=2", None),
    ],
)
def test_kinds_of_1d_and_3d_layers(query: str, kind: str | None) -> None:
    assert _answer(query)["kind"] == kind


@pytest.mark.torch
@pytest.mark.parametrize(
    "query",
    [
        "op=conv&dims=1&i=16&k=5&p=2&c_in=8&c_out=16",
        "op=conv&dims=1&i=16&k=3&d=2&p=causal&c_in=4&c_out=8&bias=0",
        "op=conv&dims=3&i=4,6,6&k=3&s=2&p=1&c_in=3&c_out=8",
    ],
)
def test_separable_replacement_of_1d_and_3d_layers_is_pytorchs(query: str) -> None:
    """Depthwise Conv{n}d(c_in, c_in, k, groups=c_in) then pointwise Conv{n}d(c_in, c_out, 1),
    both built by PyTorch, on the padded input."""
    answer = _answer(query)
    c = Config.from_query(query)
    n = c.dims
    k, s, d = c.axes("k"), c.axes("s"), c.axes("d")
    conv = getattr(nn, f"Conv{n}d")
    depthwise = conv(c.c_in, c.c_in, k, s, 0, d, groups=c.c_in, bias=c.bias)
    pointwise = conv(c.c_in, c.c_out, 1, bias=c.bias)
    x = torch.zeros(1, c.c_in, *answer["input_shape"])
    x = torch.nn.functional.pad(x, [side for pair in reversed(answer["sides"]) for side in pair])
    middle = depthwise(x)
    assert list(middle.shape[2:]) == answer["output_shape"]
    separable = answer["separable"]
    assert separable["depthwise"]["weight_shape"] == list(depthwise.weight.shape)
    assert separable["pointwise"]["weight_shape"] == list(pointwise.weight.shape)
    assert separable["depthwise"]["params"] == _params(depthwise)
    assert separable["pointwise"]["params"] == _params(pointwise)
    assert 2 * separable["depthwise"]["macs"] == _flops(depthwise, x)
    assert 2 * separable["pointwise"]["macs"] == _flops(pointwise, middle)
    kernel_cells = 1
    for v in k:
        kernel_cells *= v
    assert separable["approximation"] == pytest.approx(1 / c.c_out + 1 / kernel_cells)


def test_no_separable_replacement_for_what_is_not_a_standard_convolution() -> None:
    assert _answer("op=conv&dims=1&k=1&c_in=4&c_out=8")["separable"] is None
    assert _answer("op=conv&dims=3&i=4&k=3&c_in=4&c_out=4&g=4")["separable"] is None
    assert _answer("op=transpose&dims=1&k=3")["separable"] is None
    assert _answer("op=conv&dims=1&k=2&c_in=4&c_out=8")["separable"] is not None


# --- The relationship: one line in 1-D, one per differing axis in 3-D ------------------------


def test_a_1d_relationship_is_one_line_without_a_height() -> None:
    answer = _answer("op=maxpool&dims=1&i=8&k=2")
    rel = answer["relationship"]
    assert rel["number"] == 7
    assert rel["substituted"] == "o = ⌊(8 − 2)/2⌋ + 1 = 4"
    assert len(rel["substituted_mathml"]) == 1
    assert "<mn>8</mn>" in rel["substituted_mathml"][0]


def test_a_3d_relationship_is_one_line_per_differing_axis() -> None:
    rel = _answer("op=conv&dims=3&i=4,6,6&k=3&s=2&p=1")["relationship"]
    assert rel["substituted"] == (
        "depth: o = ⌊(4 + 2·1 − 3)/2⌋ + 1 = 2; height: o = ⌊(6 + 2·1 − 3)/2⌋ + 1 = 3; "
        "width: o = ⌊(6 + 2·1 − 3)/2⌋ + 1 = 3"
    )
    assert len(rel["substituted_mathml"]) == 3
    same = _answer("op=conv&dims=3&i=6&k=3&s=2&p=1")["relationship"]
    assert same["substituted"] == "o = ⌊(6 + 2·1 − 3)/2⌋ + 1 = 3"
    assert len(same["substituted_mathml"]) == 1


def test_a_3d_ceil_drop_names_the_back_padding() -> None:
    """i = 5, k = 2, s = 2, p = 1 with ceil_mode: ⌈(5 + 2 − 2)/2⌉ + 1 = 4 windows counted,
    but the last would start at 6 = i + p, in the padding: PyTorch keeps 3 (in depth only,
    the plane's i = 4 gives ⌈(4 + 2 − 2)/2⌉ + 1 = 3 with none dropped)."""
    rel = _answer("op=maxpool&dims=3&i=5,4,4&k=2&s=2&p=1&ceil=1")["relationship"]
    assert rel["substituted"].startswith(
        "depth: o = ⌈(5 + 2·1 − 1(2 − 1) − 1)/2⌉ + 1 = 4 − 1 = 3 (PyTorch drops the last "
        "window: it would start in the back padding)"
    )


@pytest.mark.torch
@pytest.mark.parametrize("i", [1, 2, 7, 12])
@pytest.mark.parametrize(("k", "d", "s"), [(2, 1, 1), (3, 2, 1), (2, 4, 1), (3, 1, 2), (4, 2, 3)])
def test_the_causal_relationship_gives_pytorchs_length(i: int, k: int, d: int, s: int) -> None:
    """Padded d(k − 1) on the left by F.pad, Conv1d gives the length the relationship says."""
    answer = _answer(f"op=conv&dims=1&i={i}&k={k}&d={d}&s={s}&p=causal")
    rel = answer["relationship"]
    assert rel["number"] is None
    assert rel["formula"] == "o = ⌊(i − 1)/s⌋ + 1"
    x = torch.nn.functional.pad(torch.zeros(1, 1, i), (d * (k - 1), 0))
    length = nn.Conv1d(1, 1, k, s, dilation=d)(x).shape[-1]
    assert rel["substituted"].endswith(f"= {length}")
    assert answer["output_shape"] == [length]


def test_no_causal_relationship_without_causal_padding() -> None:
    """k = 1 pads nothing (d(k − 1) = 0): relationship 1, not the causal one; 2-D 'same' with
    an odd total stays the asymmetric case."""
    assert _answer("op=conv&dims=1&i=9&k=1&p=causal")["relationship"]["number"] == 1
    assert _answer("op=conv&dims=1&i=9&k=2&p=causal")["relationship"]["title"].startswith(
        "Causal padding"
    )
    same = _answer("op=conv&i=8&k=4&p=same")["relationship"]
    assert same["title"].startswith("Asymmetric padding")


# --- Notes: the layer's own axes, in both languages -------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "op=conv&dims=1&i=9&k=3&d=2&p=causal",
        "op=conv&dims=1&i=10&k=3&s=2",
        "op=conv&dims=1&i=8&k=4&p=same",
        "op=conv&dims=1&i=8&k=4&s=3&p=tf_same",
        "op=maxpool&dims=1&i=8&k=3&s=2&p=1&ceil=1",
        "op=transpose&dims=1&i=4&k=3&s=2&a=1",
        "op=avgpool&dims=1&i=9&k=2&s=3",
    ],
)
def test_a_1d_layer_never_mentions_a_height(query: str) -> None:
    english = _answer(query, "en")
    korean = _answer(query, "ko")
    said_en = " ".join([*english["notes"], english["relationship"]["substituted"]])
    said_ko = " ".join(korean["notes"])
    assert english["notes"], query
    for word in ("height", "row", "top", "bottom", "2d", "2D", "×"):
        assert word not in said_en, (word, said_en)
    for word in ("높이", "행", "위쪽", "아래쪽", "2d", "2D"):
        assert word not in said_ko, (word, said_ko)


def test_the_causal_note_in_both_languages() -> None:
    english = _answer("op=conv&dims=1&i=9&k=3&d=2&p=causal", "en")["notes"]
    korean = _answer("op=conv&dims=1&i=9&k=3&d=2&p=causal", "ko")["notes"]
    assert english[0] == (
        "Causal padding puts d(k − 1) = 4 zeros on the left only and none on the right: "
        "output t reads inputs t − 4 to t, so no output sees a later input, and at stride 1 "
        "the output is as long as the input (9 = 9)."
    )
    assert korean[0].startswith("인과(causal) 패딩은 왼쪽에만 d(k − 1) = 4개의 0을 넣고")
    strided = _answer("op=conv&dims=1&i=9&k=2&s=2&p=causal", "en")["notes"][0]
    assert "at stride 2 the output has ⌊(i − 1)/s⌋ + 1 = 5 cells for 9 inputs" in strided


def test_a_3d_layer_says_its_depth_where_the_axes_differ() -> None:
    english = _answer("op=conv&dims=3&i=4,6,6&k=3&s=2&p=1", "en")["notes"]
    assert english[0] == (
        "The last slice of the padded input (back face) is never covered, since "
        "(i + 2p − k) mod s = (4 + 2 − 3) mod 2 = 1 (in depth)."
    )
    assert len(english) == 3 and english[1].endswith("(in height).")
    korean = _answer("op=conv&dims=3&i=4,6,6&k=3&s=2&p=1", "ko")["notes"]
    assert "(깊이 방향)" in korean[0] and "단면" in korean[0]


def test_a_3d_layer_with_every_axis_alike_says_one_sentence() -> None:
    notes = _answer("op=conv&dims=3&i=8&k=4&p=same", "en")["notes"]
    assert notes == [
        "padding=same pads d(k − 1) = 3 slices, rows and columns in total: 1 on the front, "
        "top and left and 2 on the back, bottom and right (PyTorch puts the odd one at the end)."
    ]


def test_a_3d_transposed_layer_names_conv3d_and_its_shapes() -> None:
    notes = _answer("op=transpose&dims=3&i=3&k=3&s=2&a=1", "en")["notes"]
    assert "front, top and left" in notes[0] and "back, bottom and right" in notes[0]
    assert "ConvTranspose3d" in notes[1] and "all three axes" in notes[1]
    assert notes[2] == "It is the transpose of a Conv3d(k=3, s=2, p=0), which maps 8×8×8 to 3×3×3."
    assert notes[3].startswith("That convolution maps 7×7×7 to 3×3×3 as well")


def test_a_1d_transposed_layer_names_conv1d_and_its_lengths() -> None:
    notes = _answer("op=transpose&dims=1&i=4&k=3&s=2&p=1", "en")["notes"]
    assert (
        notes[2] == "It is the transpose of a Conv1d(k=3, s=2, p=1), which maps a length of 7 to 4."
    )
    korean = _answer("op=transpose&dims=1&i=4&k=3&s=2&p=1", "ko")["notes"]
    assert korean[2] == "이것은 길이 7을(를) 4(으)로 바꾸는 Conv1d(k=3, s=2, p=1)의 전치입니다."


# --- PyTorch's 'same', TensorFlow's SAME and explicit padding, per axis ----------------------


def test_padding_comparison_of_a_1d_layer_worked_by_hand() -> None:
    """i = 9, k = 4: 'same' and SAME both pad 3 = 1 + 2, 9 outputs, the first window on
    cells −1..2 and the last on 7..10; p = 0 gives 6 outputs, windows 0..3 and 5..8."""
    cases = _answer("op=conv&dims=1&i=9&k=4")["padding_comparison"]["cases"]
    same, tf_same, explicit = cases
    for case in (same, tf_same):
        assert case["output_shape"] == [9]
        assert case["axis_sides"] == [[1, 2]]
        assert (case["first_spans"], case["last_spans"]) == ([[-1, 2]], [[7, 10]])
    assert explicit["p"] == [0] and explicit["output_shape"] == [6]
    assert (explicit["first_spans"], explicit["last_spans"]) == ([[0, 3]], [[5, 8]])


def test_padding_comparison_of_a_3d_layer_worked_by_hand() -> None:
    """i = (4, 7, 7), k = 3, s = 2: 'same' is refused at stride 2; SAME gives ⌈4/2⌉ = 2 and
    ⌈7/2⌉ = 4, padding max((2 − 1)·2 + 3 − 4, 0) = 1 = 0 + 1 in depth and
    max((4 − 1)·2 + 3 − 7, 0) = 2 = 1 + 1 in the plane."""
    same, tf_same, explicit = _answer("op=conv&dims=3&i=4,7,7&k=3&s=2")["padding_comparison"][
        "cases"
    ]
    assert same["refusal"] is not None and same["output_shape"] is None
    assert tf_same["output_shape"] == [2, 4, 4]
    assert tf_same["axis_sides"] == [[0, 1], [1, 1], [1, 1]]
    assert tf_same["first_spans"] == [[0, 2], [-1, 1], [-1, 1]]
    assert tf_same["last_spans"] == [[2, 4], [5, 7], [5, 7]]
    assert explicit["p"] == [0, 0, 0] and explicit["output_shape"] == [1, 3, 3]


def test_padding_comparison_is_for_convolutions_of_any_dims_only() -> None:
    assert _answer("op=maxpool&dims=3&i=4&k=2")["padding_comparison"] is None
    assert _answer("op=transpose&dims=1&k=3")["padding_comparison"] is None
    assert _answer("op=conv&dims=1&k=3")["padding_comparison"] is not None


# --- Random 1-D and 3-D layers: the answer against the layer PyTorch builds from the query ---


# A substituted line's value: "… = 4", or "… = 4 − 1 = 3 (PyTorch drops …)".
_END = re.compile(r"= (\d+)(?: \(PyTorch drops [^)]*\))?$")


@st.composite
def _layers(draw: st.DrawFn) -> str:
    dims = draw(st.sampled_from([1, 3]))

    def size(low: int, high: int) -> str:
        if dims == 1 or draw(st.booleans()):
            return str(draw(st.integers(low, high)))
        return ",".join(str(draw(st.integers(low, high))) for _ in range(3))

    op = draw(st.sampled_from(["conv", "transpose", "maxpool", "avgpool"]))
    keywords = ["same", "tf_same", "full", "half", "valid"] + (["causal"] * 2 if dims == 1 else [])
    p = draw(st.one_of(st.sampled_from(keywords), st.just(""))) or size(0, 2)
    parts = [
        f"op={op}",
        f"dims={dims}",
        f"i={size(1, 9 if dims == 1 else 6)}",
        f"k={size(1, 4)}",
        f"s={size(1, 3)}",
        f"p={p}",
        f"d={'1' if op == 'avgpool' else size(1, 2)}",
        f"a={size(0, 2) if op == 'transpose' else '0'}",
        f"c_in={draw(st.sampled_from(['1', '2', '4']))}",
    ]
    if op in ("conv", "transpose"):
        parts += [
            f"c_out={draw(st.sampled_from(['2', '4']))}",
            f"g={draw(st.sampled_from(['1', '2']))}",
        ]
    if op in ("maxpool", "avgpool") and draw(st.booleans()):
        parts.append("ceil=1")
    query = "&".join(parts)
    try:
        config = Config.from_query(query)
        analyse(config)
    except ConfigError:
        reject()
    # PyTorch's AvgPool3d alone refuses an input smaller than its kernel (padding not counted).
    if (
        op == "avgpool"
        and dims == 3
        and any(i < k for i, k in zip(config.axes("i"), config.axes("k"), strict=True))
    ):
        reject()
    return query


@pytest.mark.torch
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(_layers())
def test_a_random_layers_answer_is_the_layer_pytorch_builds(query: str) -> None:
    answer = _answer(query)
    c = Config.from_query(query)
    n = c.dims
    k, s, d, a = (c.axes(name) for name in ("k", "s", "d", "a"))
    sides = c.sides()
    assert answer["sides"] == [list(pair) for pair in sides]
    x = torch.zeros(1, c.c_in, *c.axes("i"))
    if any(before != after for before, after in sides):  # same, tf_same, causal: F.pad first
        x = torch.nn.functional.pad(x, [side for pair in reversed(sides) for side in pair])
        p: tuple[int, ...] = (0,) * n
    else:
        p = tuple(before for before, _ in sides)
    if c.op == "conv":
        layer = getattr(nn, f"Conv{n}d")(c.c_in, c.c_out, k, s, p, d, groups=c.g)
    elif c.op == "transpose":
        layer = getattr(nn, f"ConvTranspose{n}d")(c.c_in, c.c_out, k, s, p, a, c.g, dilation=d)
    elif c.op == "maxpool":
        layer = getattr(nn, f"MaxPool{n}d")(k, s, p, d, ceil_mode=c.ceil)
    else:
        layer = getattr(nn, f"AvgPool{n}d")(k, s, p, ceil_mode=c.ceil)
    with torch.no_grad():
        out = layer(x)
    assert answer["output_volume"] == list(out.shape[1:])
    assert answer["output_shape"] == list(out.shape[2:])
    assert len(answer["input_shape"]) == len(answer["kernel_shape"]) == n
    # The relationship, substituted once or per axis, ends at the output on every axis.
    lines = answer["relationship"]["substituted"].split("; ")
    ends = [int(m.group(1)) for m in (_END.search(line) for line in lines) if m]
    assert len(ends) == len(lines)
    assert ends * (n if len(ends) == 1 else 1) == answer["output_shape"]
    if not c.ceil:  # only ceil_mode drops a window the relationship counts
        assert "drops" not in answer["relationship"]["substituted"]
    if c.op in ("conv", "transpose"):
        assert answer["weight_shape"] == list(layer.weight.shape)
        assert answer["param_count"]["total"] == _params(layer)
        with torch.no_grad():
            assert answer["flops"] == _flops(layer, x)
    else:
        assert answer["weight_shape"] == [] and answer["macs"] == 0
