"""The JSON API: /api/arithmetic, /api/frames, /api/ranges, /api/scatter and /api/matrix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from app.core import schema
from app.core.answer import (
    Listed,
    arithmetic_answer,
    frames_answer_text,
    matrix_answer,
    parameters_answer,
    scatter_answer_text,
)
from app.core.arithmetic import Arithmetic, analyse
from app.core.catalogue import DEFAULT_LANG
from app.core.compact import compact_frames_text, compact_scatter_text
from app.core.limits import LIMITS
from app.core.parameters import ConfigError
from app.core.params import Config
from app.core.ranges import valid_ranges
from app.web.answer_cache import MB, AnswerCache, CachedAnswer
from app.web.documented import RangesAnswer
from app.web.language import SAID_RESPONSES, Language, checked_lang, request_language
from app.web.query import ConfigDep, known_names
from app.web.responses import (
    ERROR_RESPONSES,
    cached_bytes,
    etag_of,
    json_bytes,
    listed_bytes,
    tagged_bytes,
)

router = APIRouter(
    prefix="/api", tags=["arithmetic"], dependencies=[Depends(known_names), Depends(checked_lang)]
)
PARAMETERS_JSON = json_bytes(parameters_answer())

# The largest verbose answer the limits allow is about 1 MB and the largest compact one (a
# 512×512 grid's numbers) about 3 MB, so every answer fits; 64 MB holds some twenty of those
# or thousands of a paper figure's.
ANSWERS = AnswerCache(max_entries=4096, max_bytes=64 * MB, max_entry_bytes=8 * MB)


def _answer(
    endpoint: str,
    config: Config,
    build: Callable[[Config], Any],
    language: Language | None = None,
    form: str = "verbose",
) -> Response:
    """This endpoint's answer for a configuration, from the cache or built and kept; the key is
    the canonical query, so every spelling of one configuration shares an entry, and, for an
    answer with sentences (``language``) in another language than English, that language;
    a compact answer is kept apart from the verbose one."""
    said = language is not None and language.lang != DEFAULT_LANG
    key = (
        endpoint if form == "verbose" else f"{endpoint}:{form}",
        config.query(),
        *([language.lang] if said and language else []),
    )
    answer = ANSWERS.get(key)
    if answer is None:
        built = build(config)
        body = listed_bytes(built) if isinstance(built, Listed) else json_bytes(built)
        answer = CachedAnswer(body, etag_of(body))
        ANSWERS.put(key, answer)
    response = tagged_bytes(answer.body, answer.etag, "application/json")
    return language.mark(response) if language else response


def _said(
    endpoint: str,
    config: Config,
    request: Request,
    answer: Callable[[Arithmetic, str], Any],
    form: str = "verbose",
) -> Response:
    """An answer whose sentences are said in the request's language (``lang``, else
    Accept-Language), cached per language (and per form)."""
    language = request_language(request)
    return _answer(endpoint, config, lambda c: answer(analyse(c), language.lang), language, form)


FORMS = ("verbose", "compact")
FORM_DOC = (
    "The answer's form: `verbose` (the default) lists every frame's cells and every grid "
    "cell's kind; `compact` sends the same frames as the kernel's taps once, each frame row's "
    "and column's origin and the kinds per row and per column, with every matrix of numbers "
    "flat — and is allowed larger drawings (see the limits). Not part of `query`."
)
FormQuery = Annotated[str | None, Query(max_length=16, description=FORM_DOC)]


def checked_form(form: str | None) -> bool:
    """Whether the compact form is asked for; any other value than the two forms is a 422
    (left out, or empty, is the verbose form)."""
    if form and form not in FORMS:
        raise ConfigError("form", "refusal.form", got=repr(form[:40]))
    return form == "compact"


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
    description="`form=verbose` (the default): `grid.kinds` per cell and one frame per output "
    "cell with its `cells` and `window`. `form=compact`: the same answer with `grid` as row "
    "and column kinds, `frames` as origins and taps, and every matrix in `values` and "
    "`overlap.counts` as `{shape, data}` (see the README's compact form). " + LIMITS.describe(),
    responses=ERROR_RESPONSES | SAID_RESPONSES,
    response_model=schema.FramesAnswer | schema.CompactFramesAnswer,
)
def frames(config: ConfigDep, request: Request, form: FormQuery = None) -> Any:
    if checked_form(form):
        return _said("frames", config, request, compact_frames_text, "compact")
    return _said("frames", config, request, frames_answer_text)


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
    "`values`. Other operations get a 422. `form=compact`: `canvas` as row and column kinds, "
    "`frames` as origins and taps, matrices flat (as /api/frames). " + LIMITS.describe(),
    responses=ERROR_RESPONSES | SAID_RESPONSES,
    response_model=schema.ScatterAnswer | schema.CompactScatterAnswer,
)
def scatter(config: ConfigDep, request: Request, form: FormQuery = None) -> Any:
    if checked_form(form):
        return _said("scatter", config, request, compact_scatter_text, "compact")
    return _said("scatter", config, request, scatter_answer_text)


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
