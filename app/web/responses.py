"""Responses shared by the routers: compact JSON with cache headers, and 422 sentences."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from app.core.answer import Listed
from app.core.catalogue import Sentence
from app.core.frames import TooLargeToDraw
from app.core.parameters import ConfigError
from app.core.schema import Refusal
from app.web.language import LANGUAGE_HEADERS, request_language

# Answers are a pure function of the URL, so caches may keep them for a day.
CACHE_CONTROL = "public, max-age=86400"

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {
        "model": Refusal,
        "headers": LANGUAGE_HEADERS,
        "description": "A configuration PyTorch rejects, or one past the documented limits. "
        "`detail` is a sentence saying what to change, in the language `lang` or "
        "Accept-Language asks for; `parameter` names the query parameter; "
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


def listed_bytes(listed: Listed) -> bytes:
    """An answer whose frames or matrices are given as JSON text (app/core/answer.py Listed:
    the API's frames answers, and what a page embeds), with each text written in where its
    mark stands: the same bytes as json_bytes of the answer with the lists in place."""
    body = json_bytes(listed.answer)
    for mark, text in listed.texts.items():
        body = body.replace(json_bytes(mark), text.encode(), 1)
    return body


def refusal_json(request: Request, refusal: Refusal, status: int) -> JSONResponse:
    """A refusal's body, its sentence already said in the request's language."""
    return request_language(request).mark(JSONResponse(refusal, status_code=status))


async def config_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ConfigError)
    refusal: Refusal = {
        "detail": request_language(request).say(exc.sentence),
        "parameter": exc.parameter,
        "reason": "drawing" if isinstance(exc, TooLargeToDraw) else "invalid",
    }
    return refusal_json(request, refusal, 422)


def validation_sentence(error: Mapping[str, Any]) -> Sentence:
    """One of FastAPI's validation errors (max_length on every parameter) as a sentence that
    says what to change, in the house style."""
    where = _where(error)
    subject = (
        Sentence("refusal.the_parameter", {"name": where})
        if where
        else Sentence("refusal.the_request")
    )
    kind = str(error.get("type"))
    if kind == "string_too_long":
        # Pydantic's ctx for string_too_long always holds max_length.
        ctx = error.get("ctx") or {}
        return Sentence("refusal.too_long", {"subject": subject, "max_length": ctx["max_length"]})
    if kind == "missing":
        return Sentence("refusal.missing_value", {"subject": subject})
    reason = str(error.get("msg", "")).rstrip(".").lower()
    return Sentence(
        "refusal.not_valid", {"subject": subject, "reason": f" ({reason})" if reason else ""}
    )


def _where(error: Mapping[str, Any]) -> str:
    return ".".join(str(x) for x in error.get("loc", ()) if x != "query")


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first: Mapping[str, Any] = errors[0] if errors else {}
    refusal: Refusal = {
        "detail": request_language(request).say(validation_sentence(first)),
        "parameter": _where(first),
        "reason": "invalid",
    }
    return refusal_json(request, refusal, 422)


class Refused(Exception):
    """A request refused before any configuration is read (an upload too large, of the
    wrong kind, or undecodable): its status and a sentence naming what to change."""

    def __init__(self, status: int, parameter: str, key: str, /, **values: object) -> None:
        self.sentence = Sentence(key, values)
        self.status = status
        self.parameter = parameter
        self.message = self.sentence.say()
        super().__init__(self.message)


async def refused_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Refused)
    refusal: Refusal = {
        "detail": request_language(request).say(exc.sentence),
        "parameter": exc.parameter,
        "reason": "invalid",
    }
    return refusal_json(request, refusal, exc.status)


def refusal_response(description: str, example: str) -> dict[str, Any]:
    """An OpenAPI response entry for a refusal in the 422's shape."""
    return {
        "model": Refusal,
        "headers": LANGUAGE_HEADERS,
        "description": description,
        "content": {
            "application/json": {
                "example": {"detail": example, "parameter": "image", "reason": "invalid"}
            }
        },
    }
