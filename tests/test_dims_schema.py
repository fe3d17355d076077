"""1-D and 3-D drawing answers are what the OpenAPI schema documents (the fuzzer draws its
queries at random and may seldom reach a 3-D layer)."""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis import checks

from app.main import app

schema = schemathesis.openapi.from_asgi("/openapi.json", app)

QUERIES = [
    {"dims": "3", "op": "transpose", "i": "3", "k": "2", "s": "2"},
    {"dims": "3", "op": "maxpool", "i": "4", "k": "2", "p": "1"},
    {"dims": "3", "op": "avgpool", "i": "4,5,3", "k": "2", "ceil": "1", "s": "2"},
    {"dims": "3", "op": "conv", "i": "3,4,5", "k": "2", "padding_mode": "circular", "p": "1"},
    {"dims": "1", "op": "conv", "i": "9", "k": "3", "p": "causal"},
    {"dims": "1", "op": "transpose", "i": "5", "k": "3", "s": "2"},
]


@pytest.mark.parametrize("form", ["verbose", "compact"])
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: "&".join(q.values()))
def test_frames_answers_conform(query: dict[str, str], form: str) -> None:
    case = schema["/api/frames"]["GET"].Case(query={**query, "form": form})
    response = case.call_and_validate(
        checks=[checks.response_schema_conformance, checks.status_code_conformance]
    )
    assert response.status_code == 200


@pytest.mark.parametrize("view", ["/api/scatter", "/api/matrix"])
def test_the_other_views_conform_in_1d_and_3d(view: str) -> None:
    for query in (QUERIES[0], QUERIES[-1]):
        case = schema[view]["GET"].Case(query=query)
        response = case.call_and_validate(
            checks=[checks.response_schema_conformance, checks.status_code_conformance]
        )
        assert response.status_code == 200
