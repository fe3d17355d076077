"""Starlette's own refusals (no such page, a method a route does not take) said in the
request's language: a sentence that says what to do, as every other refusal is. A browser
asking for a page gets a page with the way back; an API client the JSON body it always had."""

from __future__ import annotations

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from app.core.catalogue import Sentence
from app.web.language import Language, request_language
from app.web.pages import templates

# Paths whose answers are data, never pages: a 404 there stays JSON whatever Accept says.
DATA_PREFIXES = ("/api/", "/render/", "/static/", "/qr.svg")


def _sentence(request: Request, exc: HTTPException) -> Sentence | None:
    if exc.status_code == 404:
        return Sentence("refusal.not_found", {"path": request.url.path[:200]})
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        values = {"method": request.method, "allowed": allowed}
        return Sentence("refusal.method_not_allowed", values)
    return None


def _wants_page(request: Request) -> bool:
    path = request.url.path
    accept = request.headers.get("accept", "")
    return "text/html" in accept and not path.startswith(DATA_PREFIXES)


def _page(request: Request, language: Language, path: str) -> HTMLResponse:
    """The missing page's own page: the sentence, and the way to the figure and the planner."""

    def t(key: str, **values: object) -> str:
        return language.say(Sentence(key, values))

    context = {"lang": language.lang, "t": t, "path": path}
    return templates.TemplateResponse(request, "not_found.html", context, status_code=404)


async def http_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    sentence = _sentence(request, exc)
    if sentence is None:
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    language = request_language(request)
    if exc.status_code == 404 and _wants_page(request) and request.method in ("GET", "HEAD"):
        return language.mark(_page(request, language, request.url.path[:200]))
    body = {"detail": language.say(sentence)}
    return language.mark(JSONResponse(body, exc.status_code, headers=exc.headers))
