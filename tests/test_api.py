"""The JSON API through HTTP: each operation and padding keyword, the response contract, and
every refusal as a 422 with a sentence, never a 500; the docs name every parameter and limit."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.arithmetic import analyse
from app.core.frames import check_frame_budget
from app.core.limits import LIMITS
from app.core.parameters import ConfigError
from app.core.params import Config

ENDPOINTS = ("/api/arithmetic", "/api/frames")
# Written out here, not read from the declaration: the test is what holds the API to them.
PARAMETERS = (
    *("op", "dims", "i", "k", "s", "p", "d", "a", "ceil", "c_in", "c_out", "g", "bias"),
    *("padding_mode", "count_include_pad", "divisor_override", "x", "w", "seed"),
)
README = Path(__file__).resolve().parent.parent / "README.md"


def _get(client: TestClient, path: str, **query: str) -> dict[str, Any]:
    response = client.get(path, params=query)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _shape(text: str) -> list[int]:
    """ "5" -> [5, 5], "5,8" -> [5, 8]."""
    values = [int(x) for x in text.split(",")]
    return [values[0], values[-1]]


def _refused(client: TestClient, path: str, **query: str) -> dict[str, Any]:
    response = client.get(path, params=query)
    assert response.status_code == 422, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"detail", "parameter", "reason"}
    assert body["detail"][0].isalpha() and body["detail"].endswith("."), body
    return body


@pytest.mark.parametrize(
    ("query", "output"),
    [
        pytest.param({"op": "conv", "i": "5", "k": "3", "s": "2", "p": "1"}, [3, 3], id="conv"),
        pytest.param(
            {"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1", "a": "1"}, [6, 6], id="t"
        ),
        pytest.param({"op": "maxpool", "i": "5", "k": "2", "ceil": "1"}, [3, 3], id="maxpool"),
        pytest.param({"op": "avgpool", "i": "5", "k": "3", "s": "1"}, [3, 3], id="avgpool"),
        pytest.param({"i": "5,8", "k": "3,2", "s": "1,2"}, [3, 4], id="hw"),
        pytest.param({}, [3, 3], id="defaults"),
    ],
)
@pytest.mark.parametrize("path", ENDPOINTS)
def test_each_operation(
    client: TestClient, path: str, query: dict[str, str], output: list[int]
) -> None:
    body = _get(client, path, **query)
    assert body["op"] == query.get("op", "conv")
    assert body["output_shape"] == output
    rel = body["relationship"]
    assert set(rel) >= {"number", "title", "formula", "substituted"}
    assert rel["substituted"].endswith(str(output[1]))
    assert isinstance(body["notes"], list)
    assert all(isinstance(note, str) and note.endswith(".") for note in body["notes"])
    assert set(body["padding"]) == {"top", "bottom", "left", "right"}
    assert body["input_shape"] == _shape(query.get("i", "5"))


@pytest.mark.parametrize(
    ("query", "padding"),
    [
        pytest.param({"p": "valid"}, [0, 0, 0, 0], id="valid"),
        pytest.param({"p": "same", "k": "4"}, [1, 2, 1, 2], id="same-even"),
        pytest.param({"p": "same", "k": "3"}, [1, 1, 1, 1], id="same-odd"),
        pytest.param({"p": "full", "k": "3", "d": "2"}, [4, 4, 4, 4], id="full"),
        pytest.param({"p": "half", "k": "5"}, [2, 2, 2, 2], id="half"),
        pytest.param({"p": "1,2"}, [1, 1, 2, 2], id="numbers"),
        pytest.param({"op": "transpose", "p": "full"}, [2, 2, 2, 2], id="transpose-full"),
        pytest.param({"op": "maxpool", "p": "half"}, [1, 1, 1, 1], id="pool-half"),
    ],
)
def test_each_padding_keyword(
    client: TestClient, query: dict[str, str], padding: list[int]
) -> None:
    body = _get(client, "/api/arithmetic", i="6", **query)
    assert [body["padding"][side] for side in ("top", "bottom", "left", "right")] == padding
    expected_p = query["p"] if query["p"].isalpha() else [int(x) for x in query["p"].split(",")]
    assert body["params"]["p"] == expected_p


def test_frames_contract(client: TestClient) -> None:
    body = _get(client, "/api/frames", i="6,5", k="3,2", s="2,1", p="1")
    gh, gw = body["grid"]["shape"]
    assert (gh, gw) == (8, 7)
    kinds = body["grid"]["kinds"]
    assert len(kinds) == gh and all(len(row) == gw for row in kinds)
    assert {kind for row in kinds for kind in row} == {"input", "padding"}
    oh, ow = body["output_shape"]
    assert [f["output"] for f in body["frames"]] == [[r, c] for r in range(oh) for c in range(ow)]
    for f in body["frames"]:
        assert all(0 <= r < gh and 0 <= c < gw for r, c in f["cells"])
        assert len(f["cells"]) == 3 * 2


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_non_square_configuration_keeps_both_sizes_in_its_query(
    client: TestClient, path: str
) -> None:
    """The canonical query links, caches and ETags key on, written by hand."""
    body = _get(client, path, op="transpose", i="5,7", k="3,2", s="2,1")
    assert body["query"] == "op=transpose&i=5,7&k=3,2&s=2,1&p=0"


def test_transpose_frames_have_inserted_zeros(client: TestClient) -> None:
    body = _get(client, "/api/frames", op="transpose", i="3", k="3", s="2", p="1", a="1")
    assert body["grid"]["shape"] == [8, 8]
    assert sum(row.count("input") for row in body["grid"]["kinds"]) == 9
    assert sum(row.count("inserted") for row in body["grid"]["kinds"]) == 25 - 9
    assert body["transpose"]["direct"]["input_shape"] == [6, 6]
    assert body["transpose"]["equivalent_padding"] == {
        "top": 1,
        "bottom": 2,
        "left": 1,
        "right": 2,
    }
    # The paper's view: a transposed convolution is a convolution with unit strides over
    # the stretched input, whatever its own stride.
    assert body["transpose"]["equivalent_stride"] == [1, 1]


# Every documented refusal: (query, the parameter named).
REFUSALS: list[tuple[str, dict[str, str], str]] = [
    ("op-unknown", {"op": "conv3d"}, "op"),
    ("i-garbage", {"i": "big"}, "i"),
    ("i-huge", {"i": "99999999999"}, "i"),
    ("i-over-limit", {"i": str(LIMITS.max_input + 1)}, "i"),
    ("k-over-limit", {"k": str(LIMITS.max_kernel + 1)}, "k"),
    ("s-over-limit", {"s": str(LIMITS.max_stride + 1)}, "s"),
    ("d-over-limit", {"d": str(LIMITS.max_dilation + 1)}, "d"),
    ("p-over-limit", {"p": str(LIMITS.max_padding + 1)}, "p"),
    ("a-over-limit", {"op": "transpose", "a": str(LIMITS.max_stride + 1)}, "a"),
    ("too-long", {"i": "1" * 65}, "i"),
    ("p-garbage", {"p": "wide"}, "p"),
    ("ceil-garbage", {"op": "maxpool", "ceil": "2"}, "ceil"),
    ("same-strided", {"p": "same", "s": "2"}, "p"),
    ("same-pooling", {"op": "maxpool", "p": "same"}, "p"),
    ("a-on-conv", {"a": "1"}, "a"),
    ("a-not-smaller", {"op": "transpose", "s": "2", "a": "2"}, "a"),
    ("ceil-on-conv", {"ceil": "1"}, "ceil"),
    ("d-on-avgpool", {"op": "avgpool", "d": "2"}, "d"),
    ("pool-padding", {"op": "maxpool", "k": "2", "p": "2"}, "p"),
    ("kernel-over-input", {"i": "3", "k": "5"}, "k"),
    ("pool-over-input", {"op": "avgpool", "i": "2", "k": "3"}, "k"),
    ("transpose-empty", {"op": "transpose", "i": "1", "k": "1", "p": "1"}, "p"),
]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    ("query", "parameter"), [pytest.param(q, name, id=case) for case, q, name in REFUSALS]
)
def test_each_refusal_is_a_422(
    client: TestClient, path: str, query: dict[str, str], parameter: str
) -> None:
    body = _refused(client, path, **query)
    assert (body["parameter"], body["reason"]) == (parameter, "invalid")


@pytest.mark.parametrize(
    ("query", "compact"),
    [
        # 241×241 steps on a 256 grid: past the verbose form, drawn compact.
        pytest.param({"i": "128", "k": "16", "p": "64"}, True, id="conv-large-output"),
        pytest.param(
            {"op": "transpose", "i": "128", "k": "3", "s": "16"}, False, id="grid-too-wide"
        ),
        pytest.param({"i": "128", "k": "16", "p": "17", "s": "16"}, True, id="grid-past-160"),
        # 259,081 one-cell frames: 20 MB of verbose JSON; compact, one 509×509 grid.
        pytest.param(
            {"op": "transpose", "i": "128", "k": "1", "s": "4"}, True, id="too-many-steps"
        ),
        pytest.param({"i": "227", "k": "11", "s": "4"}, True, id="alexnet-conv1"),
        pytest.param({"i": "4096", "k": "3"}, False, id="largest-input"),
    ],
)
def test_frames_budget_refuses_what_arithmetic_answers(
    client: TestClient, query: dict[str, str], compact: bool
) -> None:
    """The same configuration: the arithmetic answers, the verbose drawing is refused as
    'drawing' — naming form where the compact form draws it, else the input size."""
    _get(client, "/api/arithmetic", **query)
    _get(client, "/api/ranges", **query)
    body = _refused(client, "/api/frames", **query)
    assert (body["parameter"], body["reason"]) == ("form" if compact else "i", "drawing")
    if compact:
        assert "form=compact" in body["detail"]
        assert _get(client, "/api/frames", **query, form="compact")["form"] == "compact"
    else:
        body = _refused(client, "/api/frames", **query, form="compact")
        assert (body["parameter"], body["reason"]) == ("i", "drawing")


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"op": "transpose", "i": "227", "k": "3", "s": "2"}, id="canvas"),
        pytest.param({"op": "transpose", "i": "130", "k": "1", "s": "1"}, id="steps"),
    ],
)
def test_scatter_budget_is_a_drawing_refusal(client: TestClient, query: dict[str, str]) -> None:
    _get(client, "/api/arithmetic", **query)
    assert _refused(client, "/api/scatter", **query)["reason"] == "drawing"
    assert _refused(client, "/api/scatter", i="5")["reason"] == "invalid"


@pytest.mark.parametrize(
    ("name", "limit", "extra"),
    [
        ("i", LIMITS.max_input, {"k": "1"}),
        ("k", LIMITS.max_kernel, {"i": str(LIMITS.max_input)}),
        ("s", LIMITS.max_stride, {}),
        ("d", LIMITS.max_dilation, {"k": "2", "i": str(LIMITS.max_input), "p": "2048"}),
        ("p", LIMITS.max_padding, {}),
        ("a", LIMITS.max_stride, {"op": "transpose", "s": str(LIMITS.max_stride), "k": "1"}),
    ],
)
def test_each_size_limit_both_sides(
    client: TestClient, name: str, limit: int, extra: dict[str, str]
) -> None:
    """Accepted at the limit (the arithmetic answers), refused one past it naming the
    parameter; a's limit is the stride's, and a must stay below s, so a = s − 1 there."""
    at = limit - 1 if name == "a" else limit
    assert _get(client, "/api/arithmetic", **{**extra, name: str(at)})["params"][name] == [at] * 2
    body = _refused(client, "/api/arithmetic", **{**extra, name: str(limit + 1)})
    assert (body["parameter"], body["reason"]) == (name, "invalid")
    assert f"at most {limit}" in body["detail"]


def test_the_grid_limit_both_sides(client: TestClient) -> None:
    """The compact form draws a grid of 512 per side and refuses 513 (k=40, s=40 keeps the
    steps few); the verbose form draws 160 and refuses 161, saying to ask for the compact."""
    big = LIMITS.compact.grid
    at = _get(client, "/api/frames", i=str(big), k="40", s="40", form="compact")
    assert at["grid"]["shape"] == [big] * 2
    body = _refused(client, "/api/frames", i=str(big + 1), k="40", s="40", form="compact")
    assert (body["parameter"], body["reason"]) == ("i", "drawing")
    assert f"{big} per side: lower the input size or the padding" in body["detail"]
    small = LIMITS.verbose.grid
    at = _get(client, "/api/frames", i=str(small), k="40", s="40")
    assert at["grid"]["shape"] == [small] * 2
    body = _refused(client, "/api/frames", i=str(small + 1), k="40", s="40")
    assert (body["parameter"], body["reason"]) == ("form", "drawing")
    assert f"{small} per side: ask for form=compact" in body["detail"]
    transposed = _refused(client, "/api/frames", op="transpose", i="257", k="3", s="2")
    assert "or raise the padding" in transposed["detail"]


def test_largest_allowed_configuration_answers(client: TestClient) -> None:
    largest = {
        "op": "transpose",
        "i": str(LIMITS.max_input),
        "k": str(LIMITS.max_kernel),
        "s": str(LIMITS.max_stride),
        "d": str(LIMITS.max_dilation),
        "a": str(LIMITS.max_stride - 1),
        "p": str(LIMITS.max_padding),
    }
    body = _get(client, "/api/arithmetic", **largest)
    # PyTorch's (i − 1)s − 2p + d(k − 1) + a + 1, worked by hand.
    assert body["output_shape"] == [4095 * 4096 - 8192 + 4096 * 4095 + 4095 + 1] * 2
    conv = {"i": "4096", "k": "4096", "d": "3", "p": "4096", "s": "4096"}
    # ⌊(4096 + 8192 − (3·4095 + 1))/4096⌋ + 1: the dilated kernel spans all but 2 cells.
    assert _get(client, "/api/arithmetic", **conv)["output_shape"] == [1, 1]


def test_the_step_limit_is_reachable(client: TestClient) -> None:
    """A 128×128 input with a 1×1 kernel: exactly the 16,384 steps the verbose form allows;
    512×512 the 262,144 the compact form allows."""
    body = _get(client, "/api/frames", i="128", k="1")
    assert len(body["frames"]) == LIMITS.verbose.frames == 16_384
    refused = _refused(client, "/api/frames", i="128", k="1", p="1")
    assert refused["detail"].startswith(
        "The verbose answer would name 16,900 cells in 16,900 steps"
    )
    assert refused["reason"] == "drawing"
    body = _get(client, "/api/frames", i="512", k="1", form="compact")
    assert body["frames"]["count"] == LIMITS.compact.frames == 512 * 512


@pytest.mark.parametrize("p", ["0", "full"])
def test_64_input_with_7_kernel_frames(client: TestClient, p: str) -> None:
    body = _get(client, "/api/frames", i="64", k="7", p=p)
    oh, ow = body["output_shape"]
    assert len(body["frames"]) == oh * ow
    assert all(len(f["cells"]) == 49 for f in body["frames"])


ALL_ENDPOINTS = (
    "/api/arithmetic",
    "/api/frames",
    "/api/ranges",
    "/render/animation.gif",
    "/render/frame.png",
    "/render/frame.svg",
)


@pytest.mark.parametrize("path", ALL_ENDPOINTS)
@pytest.mark.parametrize("name", ["groups", "stride", "K", "i "])
def test_an_unknown_parameter_is_refused_by_name(client: TestClient, path: str, name: str) -> None:
    """A typo must not silently draw the default: 422 naming it and listing the others."""
    response = client.get(path, params={"i": "5", name: "2"})
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["parameter"] == name
    assert repr(name) in body["detail"]
    assert "op, dims, i, k, s, p, d, a, ceil" in body["detail"]


def test_scatter_refuses_unknown_names_before_the_operation(client: TestClient) -> None:
    response = client.get("/api/scatter", params={"op": "transpose", "zoom": "2"})
    assert response.status_code == 422
    assert response.json()["parameter"] == "zoom"


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("stride", "s"),
        ("kernel_size", "k"),
        ("dilation", "d"),
        ("output_padding", "a"),
        ("ceil_mode", "ceil"),
        ("S", "s"),
        ("strides", "s"),
        ("input", "i"),
        ("groups", "g"),
        ("in_channels", "c_in"),
        ("out_channels", "c_out"),
        ("G", "g"),
    ],
)
def test_pytorch_names_point_at_ours(client: TestClient, name: str, meant: str) -> None:
    detail = client.get("/api/arithmetic", params={name: "2"}).json()["detail"]
    assert f"Unknown parameter {name!r} (did you mean {meant}?);" in detail


@pytest.mark.parametrize("name", ["zoom", "xyz", "colour"])
def test_no_suggestion_where_nothing_is_near(client: TestClient, name: str) -> None:
    detail = client.get("/api/arithmetic", params={name: "2"}).json()["detail"]
    assert "did you mean" not in detail


def test_an_empty_name_names_nothing(client: TestClient) -> None:
    """``?=5`` (a stray ampersand or equals sign) was answered before and still is."""
    assert client.get("/api/frames?=5&i=6").status_code == 200


def test_parameters_endpoint_takes_only_the_language(client: TestClient) -> None:
    body = client.get("/api/parameters", params={"i": "5"}).json()
    assert body["parameter"] == "i"
    assert "/api/parameters takes lang." in body["detail"]


def test_each_endpoint_lists_its_own_names(client: TestClient) -> None:
    """The pictures take step, scale, theme and numbers besides the configuration."""
    detail = client.get("/render/frame.png", params={"zoom": "2"}).json()["detail"]
    for own in ("numbers", "scale", "step", "theme"):
        assert own in detail
    detail = client.get("/api/frames", params={"zoom": "2"}).json()["detail"]
    assert "scale" not in detail and "step" not in detail


@pytest.mark.parametrize("path", ALL_ENDPOINTS)
def test_every_declared_name_is_still_accepted(client: TestClient, path: str) -> None:
    query = {"op": "maxpool", "i": "5", "k": "2", "s": "2", "p": "1", "d": "1", "ceil": "1"}
    assert client.get(path, params=query).status_code == 200


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.sampled_from(PARAMETERS), st.text(max_size=12), max_size=4))
def test_garbage_is_never_a_500(client: TestClient, query: dict[str, str]) -> None:
    response = client.get("/api/frames", params=query)
    assert response.status_code in (200, 422), (query, response.text)
    if response.status_code == 422:
        assert response.json()["parameter"] in PARAMETERS


def test_answers_are_cacheable(client: TestClient) -> None:
    response = client.get("/api/arithmetic", params={"i": "7"})
    assert response.headers["cache-control"].startswith("public")
    assert response.headers["etag"]


def test_healthz(client: TestClient) -> None:
    assert _get(client, "/healthz") == {"status": "ok"}


def test_openapi_documents_parameters_and_limits(client: TestClient) -> None:
    schema = _get(client, "/openapi.json")
    for path in ENDPOINTS:
        get = schema["paths"][path]["get"]
        assert LIMITS.describe() in get["description"]
        assert "422" in get["responses"]
        described = {p["name"]: p.get("description", "") for p in get["parameters"]}
        assert set(described) == {*PARAMETERS, "lang"} | (
            {"form"} if path == "/api/frames" else set()
        )
        assert "Accept-Language" in described["lang"]
        limits = {
            "i": LIMITS.max_input,
            "k": LIMITS.max_kernel,
            "s": LIMITS.max_stride,
            "p": LIMITS.max_padding,
            "d": LIMITS.max_dilation,
            "a": LIMITS.max_stride,
            "c_in": 65536,
            "c_out": 65536,
            "g": 65536,
        }
        for name, limit in limits.items():
            assert f"to {limit}" in described[name], name


def _readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^#+ {title}\n(.*?)(?=^#+ |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, title
    return match.group(1)


def test_readme_documents_every_parameter() -> None:
    table = _readme_section("The API")
    documented = set(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE))
    assert documented == set(PARAMETERS)


def test_readme_documents_every_limit() -> None:
    section = " ".join(_readme_section("Limits").split())
    for value in (
        LIMITS.max_input,
        LIMITS.max_kernel,
        LIMITS.max_stride,
        LIMITS.max_dilation,
        LIMITS.max_padding,
        LIMITS.compact.grid,
        LIMITS.compact.frames,
        LIMITS.compact.cells,
        LIMITS.verbose.grid,
        LIMITS.verbose.frames,
        LIMITS.verbose.cells,
    ):
        assert f"{value:,}" in section, value
    assert "64×64 input fits with any kernel up to 7×7 and padding up to k − 1" in section


@pytest.mark.parametrize("op", ["conv", "maxpool", "avgpool", "transpose"])
def test_the_documented_64_by_64_claim(op: str) -> None:
    """Every 64×64 configuration the limits promise fits the frame budget."""
    strides = range(1, LIMITS.max_stride + 1) if op != "transpose" else [1]
    for k in range(1, 8):
        for s in strides:
            for p in range(k):
                try:
                    arith = analyse(
                        Config.from_query(dict(op=op, i="64", k=str(k), s=str(s), p=str(p)))
                    )
                except ConfigError:
                    continue  # PyTorch refuses it (pooling padding past k/2)
                check_frame_budget(arith, LIMITS.verbose)


def test_readme_examples_answer(client: TestClient) -> None:
    examples = re.findall(r"curl '\S+?(/api/\S+)'", _readme_section("The API"))
    assert len(examples) >= 4
    for example in examples:
        assert client.get(example).status_code == 200, example


@pytest.mark.parametrize(
    "path", ["/api/frames", "/api/ranges", "/render/frame.svg", "/render/animation.gif"]
)
def test_two_spellings_of_one_configuration_share_an_etag(client: TestClient, path: str) -> None:
    """The canonical query keys answers and pictures alike: defaults spelled out, sizes as
    H,W, and parameters in another order give the very same bytes."""
    short = client.get(path, params={"i": "6", "s": "2"})
    spelled = client.get(path, params={"p": "0", "s": "2,2", "i": "6,6", "k": "3", "op": "conv"})
    assert short.status_code == spelled.status_code == 200
    assert short.headers["etag"] == spelled.headers["etag"]
    other = client.get(path, params={"i": "9", "s": "2"})
    assert other.headers["etag"] != short.headers["etag"]
