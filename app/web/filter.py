"""Image mode's API: /api/filter (a kernel applied to a sample or an uploaded picture) and
/api/filter/samples."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import numpy as np
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from fastapi.routing import APIRoute
from starlette.types import Receive, Scope, Send

from app.core import schema
from app.core.arithmetic import analyse
from app.core.catalogue import Sentence
from app.core.filtering import (
    FLAT_GREY,
    ScaleChoice,
    check_filter_work,
    filter_image,
    resolve_scale,
    to_display,
)
from app.core.limits import IMAGE_LIMITS, LIMITS
from app.core.parameters import BY_NAME, MAX_VALUES, PRESETS, ConfigError, describe
from app.core.params import Config, Pair
from app.core.samples import SAMPLES
from app.core.samples import sample as sample_pixels
from app.core.values import config_weights
from app.render.png import grey_png
from app.web.language import SAID_RESPONSES, checked_lang, request_language
from app.web.query import MAX_VALUE_LENGTH, known_names
from app.web.responses import (
    ERROR_RESPONSES,
    cached_bytes,
    json_bytes,
    refusal_response,
)
from app.web.uploads import FIELD, decoded_upload, read_body, upload_boundary


class SharedPathRoute(APIRoute):
    """GET (a sample) and POST (an upload) share /api/filter as two routes, and Starlette
    answers any other method from the first alone: its 405 would allow GET only."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.methods and scope["method"] not in self.methods:
            allowed = {
                method
                for route in router.routes
                if isinstance(route, APIRoute) and route.path == self.path
                for method in route.methods or ()
            }
            raise HTTPException(405, headers={"Allow": ", ".join(sorted(allowed))})
        await super().handle(scope, receive, send)


router = APIRouter(
    prefix="/api",
    tags=["filter"],
    default_response_class=Response,
    dependencies=[Depends(known_names), Depends(checked_lang)],
    route_class=SharedPathRoute,
)

# The configuration's names image mode reads; the operation is always a convolution and
# the input size is the picture's.
CONFIG_NAMES = ("k", "s", "p", "d", "w", "padding_mode")
# Image mode's kernel when the link gives none: the picture unchanged (the figure's default
# is the paper's kernel, which would wash a picture out white).
DEFAULT_WEIGHTS = "identity"


def _doc(name: str) -> str:
    if name == "w":
        return (
            "The kernel: a preset (" + ", ".join(PRESETS) + "; 3×3, the blurs any k, the "
            "identity any odd k) or its weights, rows separated by ';' and values by ',' "
            f"(w=1,0,-1;2,0,-2;1,0,-1). Sets k when k is left out. Default {DEFAULT_WEIGHTS}."
        )
    return describe(BY_NAME[name])


def _texts(**values: str | None) -> dict[str, str | None]:
    return {name: value or None for name, value in values.items()}


_texts.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                str | None,
                Query(description=_doc(name), max_length=BY_NAME[name].max_length),
            ],
        )
        for name in CONFIG_NAMES
    ]
)

Texts = Annotated[dict[str, str | None], Depends(_texts)]


@dataclass(frozen=True)
class Kernel:
    """A checked filter for a picture of a given size."""

    config: Config
    weight: np.ndarray


def _config(size: Pair, texts: Mapping[str, str | None]) -> Config:
    """The engine's configuration: every PyTorch rule and every sentence are its own."""
    query = {name: texts.get(name) or "" for name in CONFIG_NAMES}
    fixed = {"op": "conv", "i": f"{size[0]},{size[1]}", "w": query["w"] or DEFAULT_WEIGHTS}
    return Config.from_query(query | fixed)


def check_query(texts: Mapping[str, str | None]) -> None:
    """What the query alone decides, before a picture is read: checked on the largest
    input, so only what holds whatever the picture's size."""
    _config((LIMITS.max_input, LIMITS.max_input), texts)


def kernel_for(size: Pair, texts: Mapping[str, str | None]) -> Kernel:
    """The query's filter on a picture of ``size``, checked as PyTorch and the limits check
    it; every fault a ConfigError naming its parameter. The engine's sentences speak of the
    input size i, which image mode takes from the picture: they say so."""
    try:
        config = _config(size, texts)
        analyse(config)
    except ConfigError as error:
        raise ConfigError(
            error.parameter, "refusal.image_mode", message=error.sentence, h=size[0], w=size[1]
        ) from None
    check_filter_work(config)
    weight = config_weights(config)
    return Kernel(config, weight)


def _size(shape: tuple[int, ...]) -> str:
    return f"{shape[0]}x{shape[1]}"


@dataclass(frozen=True)
class Filtered:
    """A picture of the answer and the headers that describe it."""

    png: bytes
    headers: dict[str, str]


Show = Literal["output", "input"]


def filtered(pixels: np.ndarray, kernel: Kernel, scale: ScaleChoice, show: Show) -> Filtered:
    shown = resolve_scale(scale, kernel.weight)
    config = kernel.config
    if show == "input":
        picture = pixels
        out_shape: tuple[int, ...] = analyse(config).output_shape
    else:
        out = filter_image(pixels, kernel.weight, config)
        picture = to_display(out, shown)
        out_shape = out.shape
    headers = {
        "X-Display-Scale": shown,
        "X-Input-Size": _size(pixels.shape),
        "X-Output-Size": _size(out_shape),
    }
    return Filtered(grey_png(picture), headers)


SampleQuery = Annotated[
    str,
    Query(
        description="The bundled picture to filter: "
        + " ".join(f"`{s.name}`: {s.about}" for s in SAMPLES.values())
        + " Default shapes.",
        max_length=MAX_VALUE_LENGTH,
    ),
]
ScaleQuery = Annotated[
    ScaleChoice,
    Query(
        description="How the output's values become grey levels (rounded to the nearest): "
        "`clip` keeps 0 to 255; `abs` takes magnitudes, then clips; `normalize` stretches "
        f"the lowest to 0 and the highest to 255 (a constant output is mid grey, {FLAT_GREY}); "
        "`auto` (the default) is abs for a kernel whose weights sum to 0 (edge detectors), "
        "else clip. The X-Display-Scale header says which was used.",
    ),
]
ShowQuery = Annotated[
    Show,
    Query(
        description="`output` (the default): the filtered picture. `input`: the greyscale "
        "picture exactly as it was filtered (an upload shrunk to the working size), to show "
        "at true size beside the output and to read pixel values from.",
    ),
]

_HEADERS = {
    "X-Display-Scale": "How the output became grey levels: clip, abs or normalize.",
    "X-Input-Size": "The picture filtered, HxW (an upload after shrinking).",
    "X-Output-Size": "The output, HxW (PyTorch's output shape).",
}
_PNG: dict[str, Any] = {
    "description": "A greyscale PNG: the output, or with show=input the input as filtered.",
    "content": {"image/png": {}},
    "headers": {
        name: {"description": about, "schema": {"type": "string"}}
        for name, about in _HEADERS.items()
    },
}
_UPLOAD_PNG = _PNG | {
    "headers": _PNG["headers"]
    | {
        "X-Input-Scaled": {
            "description": "Present when the upload was shrunk: its original size, HxW.",
            "schema": {"type": "string"},
            "required": False,
        }
    }
}
_DESCRIPTION = (
    "The kernel applied as PyTorch's F.conv2d applies it: a cross-correlation (not flipped) "
    "of the padded picture, with the stride, dilation, padding and padding mode given, one "
    "output pixel per output cell, then made grey levels as `scale` says. The picture's "
    "size is the input size i. The kernel holds at most "
    f"{MAX_VALUES:,} weights, as w does everywhere."
)


@router.get(
    "/filter",
    summary="A kernel applied to a bundled picture, as a PNG",
    description=f"{_DESCRIPTION} {IMAGE_LIMITS.describe()} {LIMITS.describe()}",
    responses=ERROR_RESPONSES | {200: _PNG},
)
def filter_sample(
    texts: Texts,
    sample: SampleQuery = "shapes",
    scale: ScaleQuery = "auto",
    show: ShowQuery = "output",
) -> Any:
    pixels = sample_pixels(sample)
    answer = filtered(pixels, kernel_for(pixels.shape[:2], texts), scale, show)
    response = cached_bytes(answer.png, "image/png")
    response.headers.update(answer.headers)
    return response


_TOO_LARGE = refusal_response(
    f"The body is over {IMAGE_LIMITS.max_body:,} bytes.",
    f"The request is over {IMAGE_LIMITS.max_body:,} bytes; send a smaller picture.",
)
_NOT_A_PICTURE = refusal_response(
    "The body is not multipart/form-data, or its field image is neither PNG nor JPEG (read "
    "by content).",
    "The field image is not a PNG or JPEG picture; send a PNG or JPEG.",
)
_UPLOAD_REFUSALS: dict[int | str, dict[str, Any]] = {
    422: ERROR_RESPONSES[422]
    | {
        "description": "A configuration PyTorch rejects or past the limits; no field image; "
        "a picture with too many pixels; a truncated or damaged picture."
    },
    413: _TOO_LARGE,
    415: _NOT_A_PICTURE,
    503: refusal_response(
        "Other uploads are being decoded and this one waited past the queue's limit.",
        "The server is decoding other pictures just now; send yours again in a few seconds.",
    ),
}
_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        FIELD: {
                            "type": "string",
                            "format": "binary",
                            "description": "A PNG or JPEG picture.",
                        }
                    },
                    "required": [FIELD],
                }
            }
        },
    }
}


def _filter_upload(
    body: bytes, boundary: bytes, texts: Mapping[str, str | None], scale: ScaleChoice, show: Show
) -> Filtered:
    upload = decoded_upload(body, boundary)
    answer = filtered(upload.pixels, kernel_for(upload.pixels.shape, texts), scale, show)
    if upload.scaled:
        answer.headers["X-Input-Scaled"] = _size(upload.original)
    return answer


@router.post(
    "/filter",
    summary="A kernel applied to an uploaded picture, as a PNG",
    description=f"{_DESCRIPTION} The picture is the multipart/form-data field `image`, a "
    "PNG or JPEG (recognised by its content), made greyscale and shrunk to the working size; "
    "it is held in memory only, and the answer is not cached (Cache-Control: no-store). "
    f"{IMAGE_LIMITS.describe()}",
    responses=_UPLOAD_REFUSALS | {200: _UPLOAD_PNG},
    openapi_extra=_UPLOAD_BODY,
)
async def filter_upload(
    request: Request,
    texts: Texts,
    scale: ScaleQuery = "auto",
    show: ShowQuery = "output",
) -> Any:
    # A bad link costs no upload.
    check_query(texts)
    boundary = upload_boundary(request.headers.get("content-type"))
    body = await read_body(request)
    # Decoding and filtering take up to a few tenths of a second: off the event loop.
    answer = await run_in_threadpool(_filter_upload, body, boundary, texts, scale, show)
    return Response(
        answer.png,
        media_type="image/png",
        headers={**answer.headers, "Cache-Control": "no-store"},
    )


@router.get(
    "/filter/samples",
    summary="The bundled pictures image mode filters",
    responses=ERROR_RESPONSES | SAID_RESPONSES,
    response_model=list[schema.SampleAnswer],
)
def samples(request: Request) -> Any:
    language = request_language(request)
    listed: list[schema.SampleAnswer] = [
        {
            "name": s.name,
            "about": language.say(Sentence(f"sample.about.{s.name}")),
            "height": sample_pixels(s.name).shape[0],
            "width": sample_pixels(s.name).shape[1],
        }
        for s in SAMPLES.values()
    ]
    return language.mark(cached_bytes(json_bytes(listed), "application/json"))
