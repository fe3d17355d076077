"""Security headers on every response: a strict CSP, a frame policy, no sniffing, no leaks.

A pure ASGI middleware (Starlette's BaseHTTPMiddleware costs a task and a stream per request).
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere: the page's ES modules and CSS come from /static.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)

# FastAPI's /docs and /redoc load Swagger UI and ReDoc from their CDN and start them with an
# inline script; they show only the schema, so they alone get this looser policy (and, offline,
# they stay blank while the app itself works).
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'"
)

COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def is_frameable(path: str) -> bool:
    """The embed view is made for other sites' iframes; pictures are harmless there too.

    ``/embed``, ``/embed/...`` and ``/render/...``; not ``/embedded`` or anything else.
    """
    return path == "/embed" or path.startswith(("/embed/", "/render/"))


def security_headers(path: str, docs_paths: frozenset[str]) -> dict[str, str]:
    """The headers for a response to ``path``."""
    csp = DOCS_CSP if path in docs_paths else STRICT_CSP
    headers = dict(COMMON_HEADERS)
    if is_frameable(path):
        headers["Content-Security-Policy"] = f"{csp}; frame-ancestors *"
    else:
        # X-Frame-Options for browsers that predate frame-ancestors.
        headers["Content-Security-Policy"] = f"{csp}; frame-ancestors 'none'"
        headers["X-Frame-Options"] = "DENY"
    return headers


class SecurityHeadersMiddleware:
    """Adds :func:`security_headers` to every HTTP response, errors and 304s included.

    A header the route set itself is kept: a route may know better for its own response.
    """

    def __init__(self, app: ASGIApp, docs_paths: Iterable[str | None] = ()) -> None:
        self.app = app
        self.docs_paths = frozenset(p for p in docs_paths if p)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [
            (name.lower().encode(), value.encode())
            for name, value in security_headers(scope["path"], self.docs_paths).items()
        ]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in extra if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
