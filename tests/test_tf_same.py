"""p=tf_same, TensorFlow's SAME: worked examples, TensorFlow's documented formula written out
again here, Keras 3 (on the torch backend) as the oracle for the numbers, refusals on both
sides, the side-by-side comparison with PyTorch's 'same', and the PyTorch snippet run."""

from __future__ import annotations

import math
import os
import re
import warnings
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.arithmetic import analyse
from app.core.parameters import ConfigError
from app.core.params import Config, Padding

HANGUL = re.compile("[가-힣]")


def _tf_same(i: int, k: int, s: int, d: int) -> tuple[int, int, int]:
    """TensorFlow's documentation (tf.nn.convolution, padding 'SAME'): out = ceil(i / s),
    pad_total = max((out - 1) * s + (k - 1) * d + 1 - i, 0), pad_before = pad_total // 2,
    pad_after = pad_total - pad_before. Returns (out, before, after)."""
    out = math.ceil(i / s)
    total = max((out - 1) * s + (k - 1) * d + 1 - i, 0)
    return out, total // 2, total - total // 2


@pytest.mark.parametrize(
    ("query", "padding", "output"),
    [
        # ⌈5/2⌉ = 3; (3 − 1)·2 + 3 − 5 = 2 in total: one each side.
        pytest.param("i=5&k=3&s=2", Padding(1, 1, 1, 1), (3, 3), id="even-total"),
        # ⌈6/2⌉ = 3; (3 − 1)·2 + 3 − 6 = 1: none on top, one on the bottom.
        pytest.param("i=6&k=3&s=2", Padding(0, 1, 0, 1), (3, 3), id="odd-total-strided"),
        # Stride 1: 7 outputs, 4 − 1 = 3 in total, one on top and two on the bottom.
        pytest.param("i=7&k=4&s=1", Padding(1, 2, 1, 2), (7, 7), id="even-kernel"),
        # k̂ = 2·(3 − 1) + 1 = 5; ⌈8/2⌉ = 4; (4 − 1)·2 + 5 − 8 = 3: one before, two after.
        pytest.param("i=8&k=3&s=2&d=2", Padding(1, 2, 1, 2), (4, 4), id="dilated"),
        # A stride past the kernel: ⌈7/3⌉ = 3; (3 − 1)·3 + 1 − 7 = −1, so no padding.
        pytest.param("i=7&k=1&s=3", Padding(0, 0, 0, 0), (3, 3), id="none-needed"),
        # Heights and widths apart: rows as the odd case above, columns (⌈5/1⌉ = 5, 2 in total).
        pytest.param("i=6,5&k=3&s=2,1", Padding(0, 1, 1, 1), (3, 5), id="per-axis"),
    ],
)
def test_worked_examples(query: str, padding: Padding, output: tuple[int, int]) -> None:
    c = Config.from_query(f"op=conv&{query}&p=tf_same")
    assert c.padding == padding
    assert analyse(c).output_shape == output
    assert c.padding_keyword == "tf_same" and "p=tf_same" in c.query()
    assert Config.from_query(c.query()) == c


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 40),
    st.integers(1, 40),
    st.integers(1, 7),
    st.integers(1, 7),
    st.integers(1, 6),
    st.integers(1, 6),
    st.integers(1, 4),
    st.integers(1, 4),
)
def test_sides_and_shape_follow_tensorflow_s_formula(
    ih: int, iw: int, kh: int, kw: int, sh: int, sw: int, dh: int, dw: int
) -> None:
    """Any stride, any dilation: ⌈i/s⌉ outputs, TensorFlow's padding per side."""
    c = Config.from_query(f"op=conv&i={ih},{iw}&k={kh},{kw}&s={sh},{sw}&d={dh},{dw}&p=tf_same")
    rows, cols = _tf_same(ih, kh, sh, dh), _tf_same(iw, kw, sw, dw)
    assert (c.padding.top, c.padding.bottom) == rows[1:]
    assert (c.padding.left, c.padding.right) == cols[1:]
    assert analyse(c).output_shape == (rows[0], cols[0])


@pytest.mark.parametrize(
    ("op", "key"),
    [
        ("maxpool", "refusal.tf_same_pooling"),
        ("avgpool", "refusal.tf_same_pooling"),
        ("transpose", "refusal.tf_same_transpose"),
    ],
)
def test_only_convolution_takes_it(client: TestClient, op: str, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Config.from_query(f"op={op}&i=6&k=3&s=2&p=tf_same")
    assert caught.value.sentence.key == key and caught.value.parameter == "p"
    for lang, korean in (("en", False), ("ko", True)):
        response = client.get(
            "/api/arithmetic",
            params={"op": op, "i": "6", "k": "3", "s": "2", "p": "tf_same"},
            headers={"Accept-Language": lang},
        )
        assert response.status_code == 422, response.text
        body = response.json()
        assert body["parameter"] == "p" and "tf_same" in body["detail"]
        assert body["detail"].endswith("."), body
        assert bool(HANGUL.search(body["detail"])) == korean, body["detail"]
    # The other side of the limit: the same layer as a convolution is answered.
    answer = client.get("/api/arithmetic", params={"i": "6", "k": "3", "s": "2", "p": "tf_same"})
    assert answer.status_code == 200
    assert answer.json()["padding"] == {"top": 0, "bottom": 1, "left": 0, "right": 1}
    assert answer.json()["params"]["p"] == "tf_same"


def test_ranges_offer_it_where_valid(client: TestClient) -> None:
    """At stride 2 a convolution takes tf_same but not PyTorch's same; pooling takes neither."""
    conv = client.get("/api/ranges", params={"i": "6", "k": "3", "s": "2"}).json()
    assert "tf_same" in conv["p_keywords"] and "same" not in conv["p_keywords"]
    stride1 = client.get("/api/ranges", params={"i": "6", "k": "3"}).json()
    assert {"same", "tf_same"} <= set(stride1["p_keywords"])
    for op in ("maxpool", "avgpool", "transpose"):
        body = client.get("/api/ranges", params={"op": op, "i": "6", "k": "3", "s": "2"}).json()
        assert "tf_same" not in body["p_keywords"], op


def test_the_network_pads_each_layer_by_its_own_input(client: TestClient) -> None:
    """TensorFlow's SAME depends on the input: a planner layer pads by the size reaching it.
    224 → ⌈224/2⌉ = 112 with (112 − 1)·2 + 7 − 224 = 5 in total (2 on top, 3 below); then
    112 → 56 with (56 − 1)·2 + 4 − 112 = 2 (1 and 1)."""
    layers = "conv(c=8,k=7,s=2,p=tf_same);conv(c=8,k=4,s=2,p=tf_same)"
    body = client.get("/api/network", params={"i": 224, "layers": layers}).json()
    first, second = body["layers"]
    assert first["output_shape"] == [8, 112, 112]
    assert first["args"]["padding"] == {"top": 2, "bottom": 3, "left": 2, "right": 3}
    assert second["output_shape"] == [8, 56, 56]
    assert second["args"]["padding"] == {"top": 1, "bottom": 1, "left": 1, "right": 1}


def _cases(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    comparison = body["padding_comparison"]
    return {case["padding"]: case for case in comparison["cases"]}


def test_comparison_at_a_stride(client: TestClient) -> None:
    """i=6, k=3, s=2: PyTorch's same is refused; TensorFlow pads (0, 1) per axis and its first
    window starts on the input, its last reads the bottom padding row 6; an explicit p = 1 pads
    evenly and its windows start one cell earlier."""
    body = client.get("/api/arithmetic", params={"i": "6", "k": "3", "s": "2", "p": "tf_same"})
    cases = _cases(body.json())
    assert list(cases) == ["same", "tf_same", "explicit"]
    same = cases["same"]
    assert same["output_shape"] is None and "stride 1" in same["refusal"]
    tf = cases["tf_same"]
    assert tf["sides"] == {"top": 0, "bottom": 1, "left": 0, "right": 1}
    assert tf["output_shape"] == [3, 3] and tf["refusal"] is None
    assert tf["first_window"] == {"rows": [0, 2], "cols": [0, 2]}
    assert tf["last_window"] == {"rows": [4, 6], "cols": [4, 6]}
    assert tf["query"] == "op=conv&i=6&k=3&s=2&p=tf_same"
    explicit = cases["explicit"]
    assert explicit["p"] == [1, 1] and explicit["output_shape"] == [3, 3]
    assert explicit["first_window"] == {"rows": [-1, 1], "cols": [-1, 1]}
    assert explicit["last_window"] == {"rows": [3, 5], "cols": [3, 5]}


def test_comparison_where_the_shapes_differ(client: TestClient) -> None:
    """i=6, k=4, s=2: TensorFlow gives ⌈6/2⌉ = 3 with (3 − 1)·2 + 4 − 6 = 2 in total; the
    symmetric p = ⌊4/2⌋ = 2 gives (6 + 4 − 4)/2 + 1 = 4."""
    body = client.get("/api/arithmetic", params={"i": "6", "k": "4", "s": "2", "p": "tf_same"})
    cases = _cases(body.json())
    assert cases["tf_same"]["output_shape"] == [3, 3]
    assert cases["explicit"]["p"] == [2, 2] and cases["explicit"]["output_shape"] == [4, 4]


def test_comparison_at_stride_1_and_with_numbers(client: TestClient) -> None:
    """At stride 1 PyTorch's same and TensorFlow's SAME agree (i=7, k=4: one before, two
    after); a numeric p is the explicit column itself (p=2: 7 + 4 − 4 + 1 = 8)."""
    body = client.get("/api/arithmetic", params={"i": "7", "k": "4", "p": "2"})
    cases = _cases(body.json())
    assert cases["same"]["sides"] == cases["tf_same"]["sides"]
    assert cases["same"]["sides"] == {"top": 1, "bottom": 2, "left": 1, "right": 2}
    assert cases["same"]["output_shape"] == cases["tf_same"]["output_shape"] == [7, 7]
    assert cases["explicit"]["p"] == [2, 2] and cases["explicit"]["output_shape"] == [8, 8]
    assert cases["explicit"]["query"] == body.json()["query"]


def test_comparison_is_for_convolution_only_and_speaks_korean(client: TestClient) -> None:
    for op in ("transpose", "maxpool", "avgpool"):
        body = client.get("/api/arithmetic", params={"op": op, "i": "6", "k": "2"}).json()
        assert body["padding_comparison"] is None, op
    ko = client.get("/api/arithmetic", params={"i": "6", "k": "3", "s": "2", "lang": "ko"}).json()
    assert HANGUL.search(_cases(ko)["same"]["refusal"])


@pytest.mark.torch
@pytest.mark.parametrize(
    "query",
    [
        {"i": "6", "k": "3", "s": "2", "p": "tf_same", "seed": "4"},
        {"i": "7,6", "k": "4,3", "s": "3,2", "p": "tf_same", "seed": "9", "c_in": "2"},
        {"i": "7", "k": "4", "p": "tf_same", "seed": "2"},
        {"i": "8", "k": "3", "d": "2", "s": "2", "p": "tf_same", "seed": "6"},
        {"i": "6", "k": "2", "s": "2", "p": "tf_same", "padding_mode": "reflect", "seed": "5"},
        {"x": "1,2,3,4,5;6,7,8,9,0;1,3,5,7,9;2,4,6,8,0", "w": "1,0;0,-1", "s": "3", "p": "tf_same"},
    ],
)
def test_pytorch_snippet_computes_the_figures_numbers(
    client: TestClient, query: dict[str, str]
) -> None:
    """PyTorch has no TensorFlow SAME: its snippet pads first; run, it gives the figure's
    numbers (the engine's, through the API)."""
    torch = pytest.importorskip("torch")
    body = client.get("/api/frames", params=query).json()
    snippet = body["code"]["pytorch"]
    namespace: dict[str, Any] = {}
    exec(snippet.replace("print(", "out = ("), namespace)
    expected = torch.tensor(body["values"]["output"], dtype=torch.float32)
    torch.testing.assert_close(namespace["out"].detach(), expected, atol=1e-4, rtol=1e-4)
    assert list(namespace["out"].shape) == body["output_shape"]


@pytest.mark.torch
@pytest.mark.parametrize(
    "query",
    [
        "i=6&k=3&s=2&seed=4",
        "i=5&k=3&s=2&seed=3",
        "i=7,9&k=4,2&s=3,2&seed=6",
        "i=7&k=4&seed=2",
        "i=8&k=3&d=2&seed=7",
        "i=9&k=5&s=4&seed=8",
    ],
)
def test_keras_same_gives_the_figures_numbers(client: TestClient, query: str) -> None:
    """Keras 3's Conv2D(padding='same') on the torch backend (TensorFlow's SAME, implemented
    by Keras) computes the figure's numbers; its code panel says exactly that layer."""
    os.environ["KERAS_BACKEND"] = "torch"
    keras = pytest.importorskip("keras")
    torch = pytest.importorskip("torch")
    body = client.get(f"/api/frames?op=conv&p=tf_same&{query}").json()
    assert "padding='same'" in body["code"]["keras"]
    c = Config.from_query(body["query"])
    arith = analyse(c)
    from app.core.values import input_values, kernel_values

    x, w = input_values(arith), kernel_values(arith)
    layer = keras.layers.Conv2D(
        1, kernel_size=c.k, strides=c.s, dilation_rate=c.d, padding="same", use_bias=False
    )
    inputs = np.asarray(x, dtype=np.float32)[None, :, :, None]
    layer.build(inputs.shape)
    layer.set_weights([np.asarray(w, dtype=np.float32)[:, :, None, None]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = layer(inputs)
    got = np.asarray(torch.as_tensor(out).detach().cpu())[0, :, :, 0]
    np.testing.assert_allclose(got, np.asarray(body["values"]["output"]), atol=1e-3)


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        (
            "i=6&k=3&s=2",
            "en",
            "TensorFlow's SAME gives an output height and width of ⌈i/s⌉ = 3 with a padding of "
            "max((3 − 1)·2 + 3 − 6, 0) = 1 in all each way: 0 on the top and left and 1 on the "
            "bottom and right (an odd total puts its extra row and column at the bottom and "
            "right).",
        ),
        (
            "i=6,5&k=3&s=2,1",
            "ko",
            "TensorFlow의 SAME은 출력 너비가 ⌈i/s⌉ = 5이고 (너비 방향) 패딩은 모두 "
            "max((5 − 1)·1 + 3 − 5, 0) = 2입니다. 왼쪽에 1, 오른쪽에 1입니다(합이 홀수면 남는 "
            "한 열을 오른쪽에 둡니다).",
        ),
    ],
)
def test_the_notes_work_out_the_padding(
    client: TestClient, query: str, lang: str, expected: str
) -> None:
    body = client.get(f"/api/arithmetic?op=conv&p=tf_same&{query}&lang={lang}").json()
    assert expected in body["notes"]
