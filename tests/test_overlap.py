"""A transposed convolution's kernel copies per output cell (`overlap`), the checkerboard, and
the nearest configuration without it. Expected values: PyTorch's conv_transpose2d of an
all-ones input with an all-ones kernel, and cases worked by hand."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.main import app

client = TestClient(app)


def overlap_of(query: str, endpoint: str = "frames") -> dict[str, Any]:
    response = client.get(f"/api/{endpoint}?{query}")
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()["overlap"]
    return answer


def test_k3_s2_pile_up_every_other_line() -> None:
    # i=4, k=3, s=2: unit u's copy covers lines 2u..2u+2, so odd lines get one copy and even
    # lines between two units get two; the first and last lines one (worked by hand).
    answer = overlap_of("op=transpose&i=4&k=3&s=2")
    line = [1, 1, 2, 1, 2, 1, 2, 1, 1]
    assert answer["counts"] == [[r * c for c in line] for r in line]
    assert answer["uneven"] == ["height", "width"]
    # k = 4 with p = 1 and a = 1 keeps the 9×9 output, every inner line reached twice.
    assert answer["alternative"] == "op=transpose&i=4&k=4&s=2&p=1&a=1"


def test_k4_s2_is_even() -> None:
    answer = overlap_of("op=transpose&i=4&k=4&s=2")
    line = [1, 1, 2, 2, 2, 2, 2, 2, 1, 1]
    assert answer["counts"] == [[r * c for c in line] for r in line]
    assert answer["uneven"] == [] and answer["alternative"] is None


def test_figure_4_7_and_its_even_neighbour() -> None:
    # The paper's 4.7 (i=3, k=3, s=2, p=1, a=1) checkerboards; k=4, p=1 keeps its 6×6.
    answer = overlap_of("op=transpose&i=3&k=3&s=2&p=1&a=1")
    assert answer["uneven"] == ["height", "width"]
    assert answer["alternative"] == "op=transpose&i=3&k=4&s=2&p=1"
    assert client.get(f"/api/arithmetic?{answer['alternative']}").json()["output_shape"] == [6, 6]


def test_a_dilation_sharing_the_strides_factor_leaves_holes() -> None:
    # s=2, d=2, p=1: every tap lands on an odd line (2u + 2j − 1), so even lines get no
    # copy at all; no kernel size changes that.
    answer = overlap_of("op=transpose&i=4&k=3&s=2&d=2&p=1")
    assert all(v == 0 for v in answer["counts"][0])
    assert answer["uneven"] == ["height", "width"] and answer["alternative"] is None


def test_one_axis_alone() -> None:
    answer = overlap_of("op=transpose&i=4&k=3,4&s=2")
    assert answer["uneven"] == ["height"]
    assert answer["alternative"] == "op=transpose&i=4&k=4&s=2&p=1,0&a=1,0"


def test_output_padding_past_every_copy_is_not_a_checkerboard() -> None:
    # i=4, k=2, s=2: the copies tile lines 0-7 once each; a=1 adds line 8, which only the bias
    # reaches (worked by hand). Even, and nothing to suggest.
    answer = overlap_of("op=transpose&i=4&k=2&s=2&a=1")
    assert answer["counts"][0] == [1, 1, 1, 1, 1, 1, 1, 1, 0]
    assert answer["uneven"] == [] and answer["alternative"] is None


def test_a_learners_weights_follow_the_suggested_kernel() -> None:
    # The page keeps a learner's numbers when k changes (cut, or extended with 0): so does
    # the suggestion, which stays a link the engine accepts.
    answer = overlap_of("op=transpose&i=3&k=3&s=2&w=1,2,3;4,5,6;7,8,9")
    alternative = answer["alternative"]
    assert alternative == ("op=transpose&i=3&k=4&s=2&p=1&a=1&w=1,2,3,0;4,5,6,0;7,8,9,0;0,0,0,0")
    assert client.get(f"/api/frames?{alternative}").json()["overlap"]["uneven"] == []
    # A 1×1 kernel's weight becomes the 2×2 kernel's top-left one.
    assert overlap_of("op=transpose&i=3&k=1&s=2&w=5")["alternative"] == (
        "op=transpose&i=3&k=2&s=2&p=1&a=1&w=5,0;0,0"
    )
    # A preset that comes in the new size stays; one that does not gives way.
    assert overlap_of("op=transpose&i=3&k=3&s=2&w=box_blur")["alternative"].endswith("&w=box_blur")
    assert "w=" not in overlap_of("op=transpose&i=3&k=3&s=2&w=identity")["alternative"]


def test_only_a_transposed_convolution_has_one() -> None:
    for op in ("conv", "maxpool", "avgpool"):
        assert client.get(f"/api/frames?op={op}&i=5&k=3").json()["overlap"] is None
    assert overlap_of("op=transpose&i=2&k=3&s=2", "scatter") == overlap_of(
        "op=transpose&i=2&k=3&s=2"
    )


torch = pytest.importorskip("torch")


@st.composite
def layers(draw: st.DrawFn) -> dict[str, str]:
    pair = lambda low, high: f"{draw(st.integers(low, high))},{draw(st.integers(low, high))}"  # noqa: E731
    return {
        "op": "transpose",
        "i": pair(1, 6),
        "k": pair(1, 5),
        "s": pair(1, 4),
        "p": pair(0, 3),
        "d": pair(1, 3),
        "a": pair(0, 2),
    }


@pytest.mark.torch
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layers())
def test_overlap_is_conv_transpose_of_ones(query: dict[str, str]) -> None:
    response = client.get("/api/frames", params=query)
    if response.status_code == 422:
        return  # PyTorch's refusals are held to it elsewhere (tests/test_torch_oracle.py)
    body = response.json()
    p = body["params"]
    ones = torch.ones(1, 1, *body["input_shape"], dtype=torch.float64)
    kernel = torch.ones(1, 1, *p["k"], dtype=torch.float64)
    pad = (body["padding"]["top"], body["padding"]["left"])
    expected = torch.nn.functional.conv_transpose2d(
        ones, kernel, stride=p["s"], padding=pad, output_padding=p["a"], dilation=p["d"]
    )
    assert np.array_equal(np.array(body["overlap"]["counts"]), expected[0, 0].numpy())
    alternative = body["overlap"]["alternative"]
    if alternative is not None:
        # Even indeed, and the same output size.
        other = client.get(f"/api/frames?{alternative}").json()
        assert other["output_shape"] == body["output_shape"]
        assert other["overlap"]["uneven"] == []
    elif body["overlap"]["uneven"] and p["d"] == [1, 1]:
        pytest.fail(f"no even neighbour found at dilation 1: {query}")
