"""/qr.svg: a link as a QR code, drawn by the app (segno), for the page's "QR code" dialog.

The link is only encoded in the modules, never written into the SVG as text, and only
http(s) links of a bounded length are drawn: the answer cannot carry markup, script or a
redirect, whatever the query holds.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Annotated
from urllib.parse import urlsplit

import segno
from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.web.responses import Refused, cached_bytes, refusal_response

router = APIRouter(tags=["links"])

# Longer than any link the page writes with a learner's numbers in it is still a QR code a
# phone reads from a projector at 2,000 characters; past that the modules get too fine.
MAX_URL = 2000
SCHEMES = ("http", "https")

_REFUSED = refusal_response(
    "The link is not an http(s) address, or is longer than 2,000 characters.",
    "Only http:// and https:// links are drawn as QR codes; got 'javascript'.",
)


@lru_cache(maxsize=256)
def qr_svg(url: str) -> bytes:
    """A regular QR code (not Micro QR, which phones do not all read) of ``url``, dark on
    white with its quiet zone, scaled by CSS."""
    out = io.BytesIO()
    segno.make_qr(url, error="m").save(
        out,
        kind="svg",
        border=4,
        dark="#000",
        light="#fff",
        xmldecl=False,
        omitsize=True,  # a viewBox only: the page sizes it
        svgclass=None,
        lineclass=None,
    )
    return out.getvalue()


def check_link(url: str) -> None:
    """An absolute http(s) link of at most :data:`MAX_URL` characters, or a 422 sentence."""
    # Bytes, as the QR code holds them: a letter outside ASCII takes two to four.
    size = len(url.encode("utf-8", "replace"))
    if size > MAX_URL:
        raise Refused(422, "url", "refusal.qr_length", size=f"{size:,}", limit=f"{MAX_URL:,}")
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES or not parts.netloc:
        raise Refused(422, "url", "refusal.qr_scheme", got=repr((parts.scheme or url)[:40]))


@router.get(
    "/qr.svg",
    summary="A link as a QR code (SVG)",
    response_class=Response,
    responses={
        200: {"content": {"image/svg+xml": {}}, "description": "The QR code."},
        422: _REFUSED,
    },
)
def qr(
    url: Annotated[
        str,
        Query(
            description="The http(s) link to encode, at most 2,000 characters.",
            max_length=MAX_URL * 4,
        ),
    ],
) -> Response:
    check_link(url)
    return cached_bytes(qr_svg(url), "image/svg+xml")
