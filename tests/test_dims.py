"""The dims parameter: 1-D and 3-D layers parsed, printed and refused as PyTorch's
Conv1d/Conv3d family takes their arguments (cases worked by hand)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.core.arithmetic import analyse
from app.core.parameters import ConfigError
from app.core.params import Config


@pytest.mark.parametrize(
    ("query", "canonical", "output"),
    [
        # (9 + 0 − 3)/1 + 1 = 7
        ("dims=1&i=9&k=3", "op=conv&dims=1&i=9&k=3&s=1&p=0", [7]),
        # causal: d(k − 1) = 2·1 = 2 on the left, so 9 + 2 − 3 + 1 = 9 outputs
        ("dims=1&i=9&k=2&d=2&p=causal", "op=conv&dims=1&i=9&k=2&s=1&p=causal&d=2", [9]),
        # pooling's stride defaults to k on every axis: ⌊(8 − 2)/2⌋ + 1 = 4
        ("op=maxpool&dims=1&i=8&k=2", "op=maxpool&dims=1&i=8&k=2&s=2&p=0", [4]),
        # transposed: (5 − 1)·2 − 0 + (3 − 1) + 1 + 1 = 12
        ("op=transpose&dims=1&i=5&k=3&s=2&a=1", "op=transpose&dims=1&i=5&k=3&s=2&p=0&a=1", [12]),
        # one number for every axis; depth first: (4 + 2 − 3) + 1 = 4, (6 + 2 − 3) + 1 = 6
        ("dims=3&i=4,6,6&k=3&p=1", "op=conv&dims=3&i=4,6,6&k=3&s=1&p=1", [4, 6, 6]),
        # C3D's pool1: 1×2×2, stride 1×2×2, over 16×112×112
        (
            "op=maxpool&dims=3&i=16,112,112&k=1,2,2",
            "op=maxpool&dims=3&i=16,112,112&k=1,2,2&s=1,2,2&p=0",
            [16, 56, 56],
        ),
        # the same on every axis prints once
        ("dims=3&i=5,5,5&k=3,3,3&s=2,2,2", "op=conv&dims=3&i=5&k=3&s=2&p=0", [2, 2, 2]),
        # 2-D links are unchanged
        ("i=5&k=3", "op=conv&i=5&k=3&s=1&p=0", [3, 3]),
        ("dims=2&i=5,7&k=3", "op=conv&i=5,7&k=3&s=1&p=0", [3, 5]),
    ],
)
def test_layers_of_every_dims_parse_and_print(
    query: str, canonical: str, output: list[int]
) -> None:
    config = Config.from_query(query)
    assert config.query() == canonical
    assert Config.from_query(canonical) == config
    assert analyse(config).layer_shape("o") == output


def test_a_1d_layer_is_the_plane_one_row_high() -> None:
    c = Config.from_query("dims=1&i=9&k=3&s=2&p=1&d=2")
    assert (c.i, c.k, c.s, c.d, c.p) == ((1, 9), (1, 3), (1, 2), (1, 2), (0, 1))
    assert c.axes("i") == (9,) and c.sides() == ((1, 1),)


def test_causal_padding_is_on_the_left_only() -> None:
    c = Config.from_query("dims=1&i=16&k=3&d=4&p=causal")
    assert (c.padding.left, c.padding.right, c.padding.top, c.padding.bottom) == (8, 0, 0, 0)


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("dims=0", "dims", "at least 1"),
        ("dims=4", "dims", "at most 3"),
        ("dims=1&i=5,5", "i", "In 1-D"),
        ("dims=2&k=3,3,3", "k", "In 2-D"),
        ("dims=3&s=2,2", "s", "In 3-D"),
        ("dims=3&i=1,2,3,4", "i", "whole number"),
        ("dims=2&p=causal", "p", "1-D sequences"),
        ("dims=3&p=causal", "p", "1-D sequences"),
        ("op=maxpool&dims=1&p=causal", "p", "for convolution"),
        ("op=transpose&dims=1&p=causal", "p", "for convolution"),
        ("dims=3&x=1,2,3", "x", "1-D and 2-D"),
        ("dims=3&w=1,2,3", "w", "1-D and 2-D"),
        ("dims=1&x=1,2;3,4", "x", "one row"),
        ("dims=1&w=sobel_x", "w", "no 1-D form"),
        ("dims=1&i=5&x=1,2,3", "x", "holds 3 values"),
        # the depth is held to every rule the plane is: the kernel must fit it ...
        ("dims=3&i=2,6,6&k=3", "k", "(in depth)"),
        # ... pooling's padding at most half the kernel there too ...
        ("op=maxpool&dims=3&i=6&k=2,3,3&p=2,1,1", "p", "at most 1"),
        # ... and a reflection smaller than the input's depth
        ("dims=3&i=2,6,6&k=3&p=2,1,1&padding_mode=reflect", "padding_mode", "depth is 2"),
        ("dims=1&i=3&k=3&p=3&padding_mode=reflect", "padding_mode", "length is 3"),
    ],
)
def test_refusals_say_what_to_change(query: str, parameter: str, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        analyse(Config.from_query(query))
    assert caught.value.parameter == parameter
    assert words in caught.value.message


@pytest.mark.parametrize(
    "query",
    [
        "dims=1",
        "dims=3",
        "dims=1&x=1,2,3,4,5&w=1,0,-1",
        "dims=1&x=1,2,3,4&w=box_blur",
        "dims=3&i=2,6,6&k=2,3,3&p=1,1,1&padding_mode=reflect",
        "dims=1&i=3&k=3&p=2&padding_mode=reflect",
    ],
)
def test_the_other_side_of_each_limit_is_taken(query: str) -> None:
    analyse(Config.from_query(query))


@pytest.mark.parametrize(
    ("query", "en", "ko"),
    [
        # A 1-D kernel is one number: the plane's unit height is not the learner's to see.
        ("dims=1&i=8&k=4&w=identity", "got k=4. Set k", "받은 값: k=4."),
        ("dims=1&i=2000&k=1025&w=box_blur", "at k=1025 would hold 1,025", "k=1025의"),
        # A 2-D kernel keeps both numbers.
        ("i=8&k=3,4&w=identity", "got k=3,4. Set k", "받은 값: k=3,4."),
        ("i=2000&k=1,1025&w=box_blur", "at k=1,1025 would hold 1,025", "k=1,1025의"),
    ],
)
def test_a_preset_refusal_names_the_kernel_as_the_layer_writes_it(
    client: TestClient, query: str, en: str, ko: str
) -> None:
    for lang, words in (("en", en), ("ko", ko)):
        response = client.get(f"/api/arithmetic?{query}&lang={lang}")
        assert response.status_code == 422, response.text
        assert response.json()["parameter"] == "w"
        assert words in response.json()["detail"]


@pytest.mark.parametrize("query", ["dims=1&i=8&k=5&w=identity", "dims=1&i=2000&k=1024&w=box_blur"])
def test_the_other_side_of_a_1d_preset_refusal_is_taken(query: str) -> None:
    analyse(Config.from_query(query))


def test_a_refusal_of_dims_is_said_in_korean(client: TestClient) -> None:
    response = client.get("/api/arithmetic", params={"dims": "3", "i": "5,5", "lang": "ko"})
    assert response.status_code == 422
    body = response.json()
    assert body["parameter"] == "i"
    assert "3차원" in body["detail"]
