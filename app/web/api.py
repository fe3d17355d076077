"""The JSON API: /api/arithmetic, /api/frames, /api/ranges, /api/scatter and /api/matrix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from app.core import schema
from app.core.answer import (
    arithmetic_answer,
    frames_answer,
    matrix_answer,
    parameters_answer,
    scatter_answer,
)
from app.core.arithmetic import Arithmetic, analyse
from app.core.catalogue import DEFAULT_LANG
from app.core.limits import LIMITS
from app.core.params import Config
from app.core.ranges import valid_ranges
from app.web.answer_cache import MB, AnswerCache, CachedAnswer
from app.web.documented import RangesAnswer
from app.web.language import SAID_RESPONSES, Language, checked_lang, request_language
from app.web.query import ConfigDep, known_names
from app.web.responses import ERROR_RESPONSES, cached_bytes, etag_of, json_bytes, tagged_bytes

router = APIRouter(
    prefix="/api", tags=["arithmetic"], dependencies=[Depends(known_names), Depends(checked_lang)]
)
PARAMETERS_JSON = json_bytes(parameters_answer())

# The largest answer the limits allow (/api/frames, 128×128 output, 4×4 kernel) is 3.3 MB, so
# every answer fits; 64 MB holds some twenty of those or thousands of a paper figure's.
ANSWERS = AnswerCache(max_entries=4096, max_bytes=64 * MB, max_entry_bytes=8 * MB)


def _answer(
    endpoint: str, config: Config, build: Callable[[Config], Any], language: Language | None = None
) -> Response:
    """This endpoint's answer for a configuration, from the cache or built and kept; the key is
    the canonical query, so every spelling of one configuration shares an entry, and, for an
    answer with sentences (``language``) in another language than English, that language."""
    said = language is not None and language.lang != DEFAULT_LANG
    key = (endpoint, config.query(), *([language.lang] if said and language else []))
    answer = ANSWERS.get(key)
    if answer is None:
        body = json_bytes(build(config))
        answer = CachedAnswer(body, etag_of(body))
        ANSWERS.put(key, answer)
    response = tagged_bytes(answer.body, answer.etag, "application/json")
    return language.mark(response) if language else response


def _said(
    endpoint: str,
    config: Config,
    request: Request,
    answer: Callable[[Arithmetic, str], Any],
) -> Response:
    """An answer whose sentences are said in the request's language (``lang``, else
    Accept-Language), cached per language."""
    language = request_language(request)
    return _answer(endpoint, config, lambda c: answer(analyse(c), language.lang), language)


def _ranges(config: Config) -> Any:
    analyse(config)  # a configuration PyTorch rejects gets its 422, not slider bounds
    return valid_ranges(config)


@router.get(
    "/arithmetic",
    summary="Shapes, padding, the paper's relationship and notes for one configuration",
    description=LIMITS.describe(),
    responses=ERROR_RESPONSES | SAID_RESPONSES,
    response_model=schema.ArithmeticAnswer,
)
def arithmetic(config: ConfigDep, request: Request) -> Any:
    return _said("arithmetic", config, request, arithmetic_answer)


@router.get(
    "/frames",
    summary="The arithmetic plus the drawn grid and one frame per output cell",
    description=LIMITS.describe(),
    responses=ERROR_RESPONSES | SAID_RESPONSES,
    response_model=schema.FramesAnswer,
)
def frames(config: ConfigDep, request: Request) -> Any:
    return _said("frames", config, request, frames_answer)


@router.get(
    "/ranges",
    summary="For each parameter, the values the engine accepts with the others held fixed",
    description="The page's slider bounds: per parameter, [low, high] for height and for "
    "width (null where no value fits), and the padding keywords this configuration accepts. "
    + LIMITS.describe(),
    responses=ERROR_RESPONSES,
    response_model=RangesAnswer,
)
def ranges(config: ConfigDep) -> Any:
    return _answer("ranges", config, _ranges)


@router.get(
    "/scatter",
    summary="A transposed convolution as each input unit scattering the kernel",
    description="The other view of op=transpose: `canvas` (every cell a kernel copy reaches; "
    "`kinds` output or cropped, the output sitting at `offset`), one frame per input unit "
    "(`input` [r, c] and the canvas `cells` its copy writes, row-major over the kernel), and "
    "`values`. Other operations get a 422. " + LIMITS.describe(),
    responses=ERROR_RESPONSES | SAID_RESPONSES,
    response_model=schema.ScatterAnswer,
)
def scatter(config: ConfigDep, request: Request) -> Any:
    return _said("scatter", config, request, scatter_answer)


@router.get(
    "/matrix",
    summary="The layer as a matrix on the unrolled vectors (section 4.1), and as im2col",
    description="Unroll input and output row by row from the top-left: a convolution is "
    "vec(y) = C · vec(x). `matrix`: C's `shape` [output cells, input cells] and its `entries` "
    "[row, column, kr, kc], the kernel weight w[kr][kc] sitting at (row, column) — the "
    "padding's zeros drop out; for op=transpose the transposed layer's own matrix, the "
    "transpose of its direct convolution's C (one row per output cell, PyTorch's weights "
    "unflipped). `im2col` (op=conv): per output cell, the input cell each kernel tap reads "
    "(null on zero padding), as F.unfold. `values`: the product on the figure's numbers. "
    "Pooling gets a 422. Past "
    f"{LIMITS.max_matrix_entries:,} entries the sizes and counts are answered and the listings "
    "are null. " + LIMITS.describe(),
    responses=ERROR_RESPONSES | SAID_RESPONSES,
    response_model=schema.MatrixAnswer,
)
def matrix(config: ConfigDep, request: Request) -> Any:
    return _said("matrix", config, request, matrix_answer)


@router.get(
    "/parameters",
    summary="The query parameters every endpoint and link takes, as declared once",
    description="Name, kind, default, bounds and the operations that take each parameter: "
    "the page builds its controls and links from this.",
    responses=ERROR_RESPONSES,
    response_model=list[schema.ParameterAnswer],
)
def parameters() -> Any:
    return cached_bytes(PARAMETERS_JSON, "application/json")
