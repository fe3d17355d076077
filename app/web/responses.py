"""Responses shared by the routers: compact JSON with cache headers, and 422 sentences."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from app.core.frames import TooLargeToDraw
from app.core.parameters import ConfigError
from app.core.schema import Refusal

# Answers are a pure function of the URL, so caches may keep them for a day.
CACHE_CONTROL = "public, max-age=86400"

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {
        "model": Refusal,
        "description": "A configuration PyTorch rejects, or one past the documented limits. "
        "`detail` is a sentence saying what to change; `parameter` names the query parameter; "
        "`reason` is `drawing` where the configuration is valid but too large to draw "
        "(/api/arithmetic answers it), else `invalid`.",
        "content": {
            "application/json": {
                "example": {
                    "detail": "padding=same needs stride 1 (PyTorch: 'padding=same is not "
                    "supported for strided convolutions'); set s=1 or give the padding as a "
                    "number.",
                    "parameter": "p",
                    "reason": "invalid",
                }
            }
        },
    }
}


def etag_of(body: bytes) -> str:
    """A strong ETag: a hash of the body's bytes."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def tagged_bytes(body: bytes, etag: str, media_type: str) -> Response:
    """A body with its ETag and a day's public caching."""
    return Response(
        body,
        media_type=media_type,
        headers={"ETag": etag, "Cache-Control": CACHE_CONTROL},
    )


def cached_bytes(body: bytes, media_type: str) -> Response:
    """A body with a strong ETag (a hash of its bytes) and a day's public caching."""
    return tagged_bytes(body, etag_of(body), media_type)


def json_bytes(payload: Any) -> bytes:
    """Compact UTF-8 JSON, as every answer is sent."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


async def config_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ConfigError)
    refusal: Refusal = {
        "detail": exc.message,
        "parameter": exc.parameter,
        "reason": "drawing" if isinstance(exc, TooLargeToDraw) else "invalid",
    }
    return JSONResponse(refusal, status_code=422)


# FastAPI's own checks (max_length on every parameter) in the house style: a sentence.
_SENTENCES = {
    "string_too_long": "{subject} is too long: give at most {max_length} characters.",
    "missing": "{subject} is missing; add it.",
}


def validation_sentence(error: Mapping[str, Any]) -> str:
    """One of FastAPI's validation errors as a sentence that says what to change."""
    where = _where(error)
    subject = f"The parameter {where}" if where else "The request"
    template = _SENTENCES.get(str(error.get("type")))
    if template is not None:
        # Pydantic's ctx for string_too_long always holds max_length.
        return template.format(subject=subject, **(error.get("ctx") or {}))
    reason = str(error.get("msg", "")).rstrip(".").lower()
    return f"{subject} is not valid{f' ({reason})' if reason else ''}; correct it and retry."


def _where(error: Mapping[str, Any]) -> str:
    return ".".join(str(x) for x in error.get("loc", ()) if x != "query")


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first: Mapping[str, Any] = errors[0] if errors else {}
    refusal: Refusal = {
        "detail": validation_sentence(first),
        "parameter": _where(first),
        "reason": "invalid",
    }
    return JSONResponse(refusal, status_code=422)


class Refused(Exception):
    """A request refused before any configuration is read (an upload too large, of the
    wrong kind, or undecodable): its status and a sentence naming what to change."""

    def __init__(self, status: int, parameter: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.parameter = parameter
        self.message = message


async def refused_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Refused)
    refusal: Refusal = {"detail": exc.message, "parameter": exc.parameter, "reason": "invalid"}
    return JSONResponse(refusal, status_code=exc.status)


def refusal_response(description: str, example: str) -> dict[str, Any]:
    """An OpenAPI response entry for a refusal in the 422's shape."""
    return {
        "model": Refusal,
        "description": description,
        "content": {
            "application/json": {
                "example": {"detail": example, "parameter": "image", "reason": "invalid"}
            }
        },
    }
