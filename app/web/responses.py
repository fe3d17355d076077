"""Responses shared by the routers: compact JSON with cache headers, and 422 sentences."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from app.core.params import ConfigError

# Answers are a pure function of the URL, so caches may keep them for a day.
CACHE_CONTROL = "public, max-age=86400"

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {
        "description": "A configuration PyTorch rejects, or one past the documented limits. "
        "`detail` is a sentence saying what to change; `parameter` names the query parameter.",
        "content": {
            "application/json": {
                "example": {
                    "detail": "padding=same needs stride 1 (PyTorch: 'padding=same is not "
                    "supported for strided convolutions'); set s=1 or give the padding as a "
                    "number.",
                    "parameter": "p",
                }
            }
        },
    }
}


def cached_json(payload: Any) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    return Response(
        body,
        media_type="application/json",
        headers={"ETag": etag, "Cache-Control": CACHE_CONTROL},
    )


async def config_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ConfigError)
    return JSONResponse({"detail": exc.message, "parameter": exc.parameter}, status_code=422)


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(x) for x in first.get("loc", ()) if x != "query")
    message = first.get("msg", "is not valid")
    return JSONResponse(
        {
            "detail": f"The parameter {where or 'given'} {message.lower()}; correct it and retry.",
            "parameter": where,
        },
        status_code=422,
    )
