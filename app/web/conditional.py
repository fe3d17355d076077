"""Conditional GET for every route: a 200 whose ETag the client already holds becomes a 304.

Done once, outside the routes, so any response that carries an ETag (the JSON API, the
pictures) answers ``If-None-Match`` without each route knowing about it. The route still
builds its answer (the ETag is a hash of it); the saving is the transfer.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# What a 304 repeats of the 200 it stands for (RFC 9110 §15.4.5).
KEPT_ON_304 = frozenset(
    {b"cache-control", b"content-location", b"date", b"etag", b"expires", b"vary"}
)

# An entity tag, weak or strong; the group is the opaque part that weak comparison uses.
_ENTITY_TAG = re.compile(r'(?:W/)?("[\x21\x23-\x7e\x80-\xff]*")')


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison, as RFC 9110 §13.1.2 asks of If-None-Match: W/"x" matches "x"."""
    if if_none_match.strip() == "*":
        return True
    ours = _ENTITY_TAG.fullmatch(etag.strip())
    if ours is None:
        return False
    return ours.group(1) in _ENTITY_TAG.findall(if_none_match)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    values = [v.decode("latin-1") for k, v in headers if k.lower() == name]
    return ", ".join(values) if values else None


def _with_vary(headers: list[tuple[bytes, bytes]], vary: tuple[str, ...]) -> None:
    """Add the ``vary`` tokens the 200 lacks, in place."""
    current = _header(headers, b"vary") or ""
    names = [t.strip() for t in current.split(",") if t.strip()]
    missing = [t for t in vary if t.lower() not in {n.lower() for n in names}]
    if missing:
        headers[:] = [(k, v) for k, v in headers if k.lower() != b"vary"]
        headers.append((b"vary", ", ".join(names + missing).encode("latin-1")))


class NotModifiedMiddleware:
    """Swaps a GET's 200 for a bodiless 304 when its ETag matches ``If-None-Match``.

    ``vary`` names what middleware outside this one varies on (gzip: Accept-Encoding): the
    304 is decided before them, so it says so itself, as its 200 would after them.
    """

    def __init__(self, app: ASGIApp, vary: tuple[str, ...] = ()) -> None:
        self.app = app
        self.vary = vary

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if_none_match = (
            _header(list(scope["headers"]), b"if-none-match")
            if scope["type"] == "http" and scope["method"] in ("GET", "HEAD")
            else None
        )
        if if_none_match is None:
            await self.app(scope, receive, send)
            return
        replaced = False

        async def send_or_304(message: Message) -> None:
            nonlocal replaced
            if replaced:
                return  # the rest of the 200 the client already holds
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = list(message.get("headers", ()))
                etag = _header(headers, b"etag")
                if etag is not None and etag_matches(if_none_match, etag):
                    replaced = True
                    kept = [(k, v) for k, v in headers if k.lower() in KEPT_ON_304]
                    _with_vary(kept, self.vary)
                    await send({"type": "http.response.start", "status": 304, "headers": kept})
                    await send({"type": "http.response.body", "body": b""})
                    return
            await send(message)

        await self.app(scope, receive, send_or_304)
