"""Uploaded pictures, hostile until decoded.

The body is read into memory under a byte cap (never spooled to disk), the multipart field
``image`` taken from it, accepted as PNG or JPEG by its content (not its name or declared
type), its size read from the header and checked before a pixel is decoded, then decoded,
shrunk to the working size and made greyscale. Every refusal is a sentence.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

import numpy as np
from fastapi import Request
from PIL import Image, ImageOps

from app.core.catalogue import Sentence
from app.core.limits import IMAGE_LIMITS
from app.core.params import Pair
from app.web.multipart import boundary_of, form_field
from app.web.responses import Refused

FIELD = "image"
FORMATS = ["PNG", "JPEG"]
# EXIF orientations that turn the picture a quarter: its height and width swap.
_QUARTER_TURNS = {5, 6, 7, 8}


def upload_boundary(content_type: str | None) -> bytes:
    """The multipart boundary, checked before a byte of the body is read."""
    boundary = boundary_of(content_type or "")
    if boundary is None:
        shown = repr(content_type[:60]) if content_type else Sentence("refusal.missing")
        raise Refused(415, FIELD, "refusal.upload_type", got=shown)
    return boundary


def _too_large(cap: int) -> Refused:
    return Refused(
        413, FIELD, "refusal.upload_size", cap=f"{cap:,}", side=IMAGE_LIMITS.working_size
    )


async def read_body(request: Request, cap: int = IMAGE_LIMITS.max_body) -> bytes:
    """The whole body, refused as soon as it is known to pass ``cap`` bytes: from its
    Content-Length before reading, else while reading (a chunked body declares none)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _too_large(cap)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            raise _too_large(cap)
    return bytes(body)


def image_field(body: bytes, boundary: bytes) -> bytes:
    data = form_field(body, boundary, FIELD)
    if data is None:
        raise Refused(422, FIELD, "refusal.upload_field")
    return data


def check_pixels(width: int, height: int) -> None:
    """A header's size against the limit, before anything is decoded."""
    if width * height > IMAGE_LIMITS.max_pixels:
        size = Sentence(
            "refusal.pixels_size", {"h": height, "w": width, "pixels": f"{width * height:,}"}
        )
        raise _too_many_pixels(size)


def _too_many_pixels(size: Sentence) -> Refused:
    return Refused(
        422, FIELD, "refusal.upload_pixels", size=size, limit=f"{IMAGE_LIMITS.max_pixels:,}"
    )


def open_picture(data: bytes) -> Image.Image:
    """The picture with its header read and checked, no pixel decoded yet."""
    try:
        picture = Image.open(io.BytesIO(data), formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, far past ours, fires before the size can be read.
        over = Sentence("refusal.pixels_over", {"pixels": f"{Image.MAX_IMAGE_PIXELS:,}"})
        raise _too_many_pixels(over) from None
    except ValueError:
        # Pillow refuses a text or colour-profile chunk that inflates past its own limit.
        raise Refused(422, FIELD, "refusal.upload_metadata") from None
    except Exception:
        # Whatever a crafted header makes a parser raise, the answer is the same.
        raise Refused(415, FIELD, "refusal.upload_format") from None
    check_pixels(*picture.size)
    return picture


@dataclass(frozen=True)
class Upload:
    """The picture as filtered: greyscale, within the working size."""

    pixels: np.ndarray  # (H, W) uint8
    original: Pair  # (height, width) as uploaded, upright

    @property
    def scaled(self) -> bool:
        return self.pixels.shape != self.original


def _upright_size(picture: Image.Image) -> Pair:
    orientation = picture.getexif().get(0x0112)
    w, h = picture.size
    return (w, h) if orientation in _QUARTER_TURNS else (h, w)


def working_picture(picture: Image.Image) -> Upload:
    """Decoded, shrunk to fit the working size (a JPEG decodes at a reduced scale straight
    away), turned upright as its EXIF says, greyscale."""
    side = IMAGE_LIMITS.working_size
    try:
        original = _upright_size(picture)
        picture.thumbnail((side, side))
        upright = ImageOps.exif_transpose(picture)
        if upright.mode.startswith("I;16"):
            # Pillow clips 16-bit grey to 8 bits; scale it instead.
            pixels = np.rint(np.asarray(upright, dtype=np.float64) / 257.0).astype(np.uint8)
        else:
            pixels = np.asarray(upright.convert("L"))
    except Exception:
        # A truncated or damaged stream fails in the decoder, in whatever way it fails.
        raise Refused(422, FIELD, "refusal.upload_damaged") from None
    return Upload(pixels, original)


DECODING = threading.BoundedSemaphore(IMAGE_LIMITS.concurrent_decodes)


def decoded_upload(body: bytes, boundary: bytes) -> Upload:
    """From the body to the pixels to filter; every fault a Refused. The header is read
    at once; decoding waits its turn (IMAGE_LIMITS.concurrent_decodes)."""
    picture = open_picture(image_field(body, boundary))
    if not DECODING.acquire(timeout=IMAGE_LIMITS.queue_seconds):
        raise Refused(503, FIELD, "refusal.upload_busy")
    try:
        return working_picture(picture)
    finally:
        DECODING.release()
