"""The network planner's page (/network): presets, links the engine refuses, unknown names,
and the links between the planner and the main page."""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from app.core.presets import PRESETS
from app.web import urls
from app.web.network_page import DEFAULT_LAYERS, PRESET_LABELS

# torchvision's own counts (sum(p.numel() for p in model.parameters())); ResNet-18's less
# its batch norms' 9,600, which the presets leave out.
PARAMETERS = {"alexnet": 61_100_840, "vgg16": 138_357_544, "resnet18": 11_679_912}


def _initial(page: str) -> dict[str, Any]:
    block = page.split('<script type="application/json" id="initial-state">')[1]
    state: dict[str, Any] = json.loads(html.unescape(block.split("</script>")[0]))
    return state


def _error(page: str) -> str:
    match = re.search(r'<div id="error"[^>]*>([^<]*)</div>', page)
    assert match is not None
    return html.unescape(match.group(1))


def _textarea(page: str) -> str:
    match = re.search(r"<textarea[^>]*>([^<]*)</textarea>", page)
    assert match is not None
    return html.unescape(match.group(1))


def test_every_preset_has_a_label() -> None:
    assert list(PRESET_LABELS) == list(PRESETS)


@pytest.mark.parametrize("name", PRESETS)
def test_a_preset_opens_with_its_answer_embedded(client: TestClient, name: str) -> None:
    response = client.get(f"/network?preset={name}")
    assert response.status_code == 200
    state = _initial(response.text)
    assert state["error"] is None
    assert state["answer"] == client.get(f"/api/network?preset={name}").json()
    assert state["editor"]["preset"] == name
    assert f'<option value="{name}" selected>' in response.text
    if name in PARAMETERS:
        assert state["answer"]["totals"]["params"] == PARAMETERS[name]
        assert f"{PARAMETERS[name]:,} parameters" in response.text  # the title


def test_the_bare_page_shows_the_small_default_network(client: TestClient) -> None:
    page = client.get("/network").text
    state = _initial(page)
    assert state["error"] is None
    assert state["answer"]["input_shape"] == [3, 32, 32]
    # By hand: 3·16·9 + 16, 16·32·9 + 32, and fc from 32·8·8 = 2,048 inputs to 10.
    assert [layer["params"] for layer in state["answer"]["layers"]] == [448, 0, 4640, 0, 20490]
    assert _textarea(page) == state["editor"]["layers"]
    assert _error(page) == ""


def test_a_typed_network_opens_as_written(client: TestClient) -> None:
    query = urlencode({"i": "7", "c_in": "1", "layers": "conv(k=3,p=1,c=8);conv(k=3,p=1,c=8)"})
    state = _initial(client.get(f"/network?{query}").text)
    assert state["answer"]["layers"][1]["receptive_field"] == [5, 5]
    assert state["editor"] == {
        "preset": "",
        "dims": "2",
        "i": "7",
        "c_in": "1",
        "layers": "conv(c=8,k=3,p=1);conv(c=8,k=3,p=1)",
    }


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        (
            {"i": "9", "layers": "conv(k=3,c=8);conv(k=3,s=2,p=same)"},
            "Layer 2 (conv): padding=same needs stride 1",
        ),
        ({"layers": "conv(k=3);pool(k=2)"}, "Layer 2: unknown operation 'pool'"),
        ({"layers": "fc(c=10);conv(k=3)"}, "Layer 2 (conv): it follows a fully connected layer"),
        ({"i": "abc", "layers": "conv(k=3)"}, "The input size i must be"),
        ({"preset": "alexnet", "layers": "conv(k=3)"}, "preset=alexnet fixes its layers"),
    ],
)
def test_a_refused_link_opens_with_the_sentence_and_keeps_its_text(
    client: TestClient, query: dict[str, str], sentence: str
) -> None:
    response = client.get(f"/network?{urlencode(query)}")
    assert response.status_code == 200
    page = response.text
    state = _initial(page)
    assert sentence in _error(page)
    assert sentence in state["error"]
    # The default network is drawn, and what the link said stays in the editor.
    assert state["answer"]["input_shape"] == [3, 32, 32]
    assert _textarea(page) == query["layers"]
    assert state["editor"]["preset"] == ""
    if "i" in query:
        assert state["editor"]["i"] == query["i"]
        assert 'id="net-i" name="i"' in page and f'value="{query["i"]}"' in page


def test_an_unknown_preset_is_named(client: TestClient) -> None:
    page = client.get("/network?preset=lenet").text
    assert "Unknown preset 'lenet'" in _error(page)
    assert _textarea(page) == _initial(page)["editor"]["layers"]


def test_an_overlong_text_is_refused_not_cut(client: TestClient) -> None:
    text = ";".join(["conv(k=1)"] * 300)
    page = client.get(f"/network?{urlencode({'layers': text})}").text
    assert "give at most 2,048" in _error(page)


def test_unknown_names_are_ignored_with_a_notice(client: TestClient) -> None:
    page = client.get("/network?preset=alexnet&stride=2&layer=conv").text
    state = _initial(page)
    assert state["error"] is None
    assert state["answer"]["totals"]["params"] == PARAMETERS["alexnet"]
    assert state["ignored"] == ["stride", "layer"]
    assert 'id="ignored"' in page
    assert "the planner takes dims, i, c_in, layers, preset, lang" in page


def test_the_planner_and_the_main_page_link_to_each_other(client: TestClient) -> None:
    assert 'id="to-network" href="/network"' in client.get("/").text
    assert 'id="to-network" href="/network?lang=en"' in client.get("/?lang=en").text
    assert 'id="to-figure" href="/"' in client.get("/network").text


def test_head_answers(client: TestClient) -> None:
    response = client.head("/network?preset=vgg16")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("query", "lang", "url"),
    [
        ("", None, "/network"),
        ("preset=vgg16", None, "/network?preset=vgg16"),
        ("", "ko", "/network?lang=ko"),
        (
            "i=32&c_in=3&layers=conv(c=8,k=3)",
            "en",
            "/network?i=32&c_in=3&layers=conv(c=8,k=3)&lang=en",
        ),
    ],
)
def test_network_page_urls(query: str, lang: str | None, url: str) -> None:
    # static/js/urls.js's networkUrl writes the same (tests/js/network.test.mjs).
    assert urls.network_page(query, lang) == url


def test_the_default_layers_are_the_grammars_canonical_text(client: TestClient) -> None:
    state = _initial(client.get("/network").text)
    canonical = state["editor"]["layers"]
    assert canonical.split(";")[0] == "conv(c=16,k=3,p=1)"
    assert len(canonical.split(";")) == len(DEFAULT_LAYERS.split(";"))


def _dims_selected(page: str) -> str:
    match = re.search(r'<select id="net-dims".*?<option value="(\d)" selected>', page, re.S)
    assert match is not None
    return match.group(1)


def test_a_1d_link_opens_its_strip_with_dims_1(client: TestClient) -> None:
    layers = "conv(k=3,c=4);maxpool(k=2);conv(k=3,d=2,c=8);fc(c=5)"
    query = urlencode({"dims": "1", "i": "16", "c_in": "1", "layers": layers})
    page = client.get(f"/network?{query}").text
    state = _initial(page)
    assert state["error"] is None
    assert state["answer"]["dims"] == 1
    # By hand: 16 → 14 → 7 → 3 (k̂ = 5), then 8·3 = 24 flattened into fc.
    assert [layer["output_shape"] for layer in state["answer"]["layers"]] == [
        [4, 14],
        [4, 7],
        [8, 3],
        [5],
    ]
    assert state["editor"] == {
        "preset": "",
        "dims": "1",
        "i": "16",
        "c_in": "1",
        "layers": "conv(c=4,k=3);maxpool(k=2);conv(c=8,k=3,d=2);fc(c=5)",
    }
    assert _dims_selected(page) == "1"
    assert "A network of 4 layers on 1×16" in page


def test_a_3d_preset_sets_the_dimensions_and_the_input(client: TestClient) -> None:
    page = client.get("/network?preset=c3d&lang=ko").text
    state = _initial(page)
    assert state["editor"]["dims"] == "3" and state["editor"]["i"] == "16,112,112"
    assert _dims_selected(page) == "3"
    assert "3-D (볼륨)" in page and "C3D (3-D, 16프레임 클립)" in page
    assert state["answer"]["input_shape"] == [3, 16, 112, 112]


@pytest.mark.parametrize(("dims", "shape"), [("1", [3, 32]), ("3", [3, 32, 32, 32])])
def test_dims_alone_opens_the_default_stack_in_those_dimensions(
    client: TestClient, dims: str, shape: list[int]
) -> None:
    state = _initial(client.get(f"/network?dims={dims}").text)
    assert state["error"] is None
    assert state["answer"]["input_shape"] == shape
    assert state["editor"]["dims"] == dims
    # The default stack in any dims: two 3-wide paddings keep the size, two poolings halve
    # it twice: 8 per axis, 32 channels, flattened into fc.
    assert state["answer"]["layers"][3]["output_shape"] == [32, *[8] * (len(shape) - 1)]
    assert state["answer"]["layers"][4]["input_shape"] == [32 * 8 ** (len(shape) - 1)]


def test_a_refused_1d_link_keeps_its_dims_and_text(client: TestClient) -> None:
    page = client.get("/network?dims=1&i=16&layers=conv(k=3x3)").text
    state = _initial(page)
    assert _error(page).startswith(
        "The link's network is not possible: Layer 1 (conv): In 1-D the kernel size k is one "
        "number, its length"
    )
    assert state["editor"]["dims"] == "1"
    assert state["editor"]["layers"] == "conv(k=3x3)"
    assert _dims_selected(page) == "1"
