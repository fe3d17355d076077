"""/openapi.json documents every answer field by field, and the answers keep to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

import app.web.documented  # noqa: F401  (configures the schema for pydantic)
from app.core import schema
from app.core.figures import FIGURES

ANSWERS = {
    "/api/arithmetic": "ArithmeticAnswer",
    "/api/frames": "FramesAnswer",
    "/api/scatter": "ScatterAnswer",
    "/api/matrix": "MatrixAnswer",
    "/api/ranges": "RangesAnswer",
}
# The answers with a compact form (form=compact): either shape is documented.
COMPACT = {"/api/frames": "CompactFramesAnswer", "/api/scatter": "CompactScatterAnswer"}


@pytest.fixture(scope="module")
def openapi(client: TestClient) -> dict[str, Any]:
    body: dict[str, Any] = client.get("/openapi.json").json()
    return body


@pytest.mark.parametrize(("path", "name"), ANSWERS.items())
def test_each_answer_is_a_declared_schema(openapi: dict[str, Any], path: str, name: str) -> None:
    response = openapi["paths"][path]["get"]["responses"]["200"]
    declared = response["content"]["application/json"]["schema"]
    refs = [{"$ref": f"#/components/schemas/{n}"} for n in (name, COMPACT.get(path)) if n]
    assert declared.get("anyOf", [declared]) == refs


def test_every_field_is_described_and_none_is_undeclared(openapi: dict[str, Any]) -> None:
    components = openapi["components"]["schemas"]
    answers = [c for c in components.values() if c.get("type") == "object"]
    assert len(answers) >= 18
    for component in answers:
        if "properties" not in component:
            continue
        assert component.get("additionalProperties") is False, component["title"]
        for field, spec in component["properties"].items():
            assert spec.get("description"), f"{component['title']}.{field}"


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.number)
def test_paper_figure_answers_validate(client: TestClient, figure: Any) -> None:
    """The bodies themselves, strictly: a field the schema lacks or of another type fails."""
    for path, declared, form in (
        ("/api/arithmetic", schema.ArithmeticAnswer, None),
        ("/api/frames", schema.FramesAnswer, None),
        ("/api/frames", schema.CompactFramesAnswer, "compact"),
    ):
        body = client.get(path, params={**figure.query, **({"form": form} if form else {})}).json()
        TypeAdapter(declared).validate_python(body, strict=True)
    if figure.query.get("op") == "transpose":
        for declared, form in (
            (schema.ScatterAnswer, None),
            (schema.CompactScatterAnswer, "compact"),
        ):
            body = client.get(
                "/api/scatter", params={**figure.query, **({"form": form} if form else {})}
            ).json()
            TypeAdapter(declared).validate_python(body, strict=True)
    if figure.query["op"] == "transpose":
        body = client.get("/api/scatter", params=figure.query).json()
        TypeAdapter(schema.ScatterAnswer).validate_python(body, strict=True)
    if figure.query["op"] in ("conv", "transpose"):
        body = client.get("/api/matrix", params=figure.query).json()
        TypeAdapter(schema.MatrixAnswer).validate_python(body, strict=True)


def test_an_undeclared_field_is_caught() -> None:
    """The check above can fail: one extra key in an answer is refused."""
    body = {"top": 1, "bottom": 1, "left": 0, "right": 0, "centre": 3}
    with pytest.raises(ValueError, match="centre"):
        TypeAdapter(schema.Sides).validate_python(body)


def test_parameters_endpoint_lists_the_declaration(client: TestClient) -> None:
    body = client.get("/api/parameters").json()
    # Written out here: the names and order every link uses.
    assert [p["name"] for p in body] == [
        *("op", "dims", "i", "k", "s", "p", "d", "a", "ceil"),
        *("c_in", "c_out", "g", "bias"),
        *("padding_mode", "count_include_pad", "divisor_override", "x", "w", "seed"),
    ]
    by_name = {p["name"]: p for p in body}
    assert by_name["a"]["ops"] == ["transpose"]
    assert by_name["d"]["ops"] == ["conv", "transpose", "maxpool"]
    assert by_name["p"]["keywords"] == ["valid", "same", "tf_same", "full", "half", "causal"]
    assert by_name["p"]["keyword_ops"] == {
        "same": ["conv"],
        "tf_same": ["conv"],
        "causal": ["conv"],
    }
    # Real sizes: an input of 4,096 per side (the drawing has limits of its own).
    assert (by_name["i"]["low"], by_name["i"]["high"]) == (1, 4096)
    assert by_name["c_in"] | {"ops": []} == {
        "name": "c_in",
        "kind": "count",
        "default": 1,
        "low": 1,
        "high": 65536,
        "always": False,
        "ops": [],
    }
    assert by_name["c_in"]["ops"] == ["conv", "transpose", "maxpool", "avgpool"]
    assert by_name["g"]["ops"] == by_name["c_out"]["ops"] == ["conv", "transpose"]
    assert (by_name["bias"]["kind"], by_name["bias"]["default"]) == ("flag", True)
    assert by_name["padding_mode"]["choices"] == ["zeros", "reflect", "replicate", "circular"]
    assert by_name["padding_mode"]["ops"] == ["conv"]
    assert by_name["count_include_pad"]["ops"] == by_name["divisor_override"]["ops"] == ["avgpool"]
    # The numbers: nothing by default (the paper's), a link's 32×32 at most.
    assert (by_name["x"]["kind"], by_name["x"]["default"], by_name["x"]["high"]) == (
        "matrix",
        None,
        1024,
    )
    assert by_name["w"]["choices"][:3] == ["identity", "box_blur", "gaussian_blur"]
    TypeAdapter(list[schema.ParameterAnswer]).validate_python(body, strict=True)


def test_the_answer_echoes_every_declared_parameter() -> None:
    """Params (the answer's echo of the configuration) and Config hold a field for each
    declared parameter: adding one to the declaration and forgetting either fails here."""
    from dataclasses import fields

    from app.core.parameters import PARAMETERS
    from app.core.params import Config

    declared = {p.name for p in PARAMETERS}
    assert set(schema.Params.__annotations__) == declared - {"op"}
    config_fields = {f.name for f in fields(Config)} | {"p"}  # p: the resolved padding
    assert declared <= config_fields


def test_the_page_and_the_node_tests_read_the_served_declaration(client: TestClient) -> None:
    """tests/js/state.test.mjs runs the page's state logic on tests/cases/parameters.json:
    that file must be what the server hands the page."""
    cases = json.loads((Path(__file__).parent / "cases" / "parameters.json").read_text("utf-8"))
    assert client.get("/api/parameters").json() == cases
    html = client.get("/").text
    block = html.split('<script type="application/json" id="parameters">')[1].split("</script>")[0]
    assert json.loads(block) == cases
