"""Schemathesis against the app's own OpenAPI schema, in process: no 500s, and every answer
is one the schema documents (status, content type, body shape, headers)."""

from __future__ import annotations

import schemathesis
from hypothesis import settings
from schemathesis import checks

from app.main import app

schema = schemathesis.openapi.from_asgi("/openapi.json", app)

# Not positive_data_acceptance: the schema cannot say that, say, the kernel must fit the
# padded input, so some schema-valid queries are rightly refused with a 422 sentence.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,
    checks.missing_required_header,
    checks.unsupported_method,
    checks.allow_header_conformance,
]


@schema.parametrize()
@settings(max_examples=40, deadline=None)
def test_api_answers_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
