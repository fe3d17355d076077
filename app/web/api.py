"""The JSON API: /api/arithmetic and /api/frames."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.core.answer import arithmetic_answer, frames_answer, scatter_answer
from app.core.arithmetic import analyse
from app.core.limits import LIMITS
from app.core.params import parse_config
from app.core.ranges import valid_ranges
from app.render.mathml import with_mathml
from app.web.query import RawQueryDep
from app.web.responses import ERROR_RESPONSES, cached_json

router = APIRouter(prefix="/api", tags=["arithmetic"])


@router.get(
    "/arithmetic",
    summary="Shapes, padding, the paper's relationship and notes for one configuration",
    description=LIMITS.describe(),
    responses=ERROR_RESPONSES,
)
def arithmetic(raw: RawQueryDep) -> Any:
    arith = analyse(parse_config(raw))
    return cached_json(with_mathml(arith, arithmetic_answer(arith)))


@router.get(
    "/frames",
    summary="The arithmetic plus the drawn grid and one frame per output cell",
    description=LIMITS.describe(),
    responses=ERROR_RESPONSES,
)
def frames(raw: RawQueryDep) -> Any:
    arith = analyse(parse_config(raw))
    return cached_json(with_mathml(arith, frames_answer(arith)))


@router.get(
    "/ranges",
    summary="For each parameter, the values the engine accepts with the others held fixed",
    description="The page's slider bounds: per parameter, [low, high] for height and for "
    "width (null where no value fits), and the padding keywords this configuration accepts. "
    + LIMITS.describe(),
    responses=ERROR_RESPONSES,
)
def ranges(raw: RawQueryDep) -> Any:
    config = parse_config(raw)
    analyse(config)
    return cached_json(valid_ranges(config))


@router.get(
    "/scatter",
    summary="A transposed convolution as each input unit scattering the kernel",
    description="The other view of op=transpose: `canvas` (every cell a kernel copy reaches; "
    "`kinds` output or cropped, the output sitting at `offset`), one frame per input unit "
    "(`input` [r, c] and the canvas `cells` its copy writes, row-major over the kernel), and "
    "`values`. Other operations get a 422. " + LIMITS.describe(),
    responses=ERROR_RESPONSES,
)
def scatter(raw: RawQueryDep) -> Any:
    arith = analyse(parse_config(raw))
    return cached_json(with_mathml(arith, scatter_answer(arith)))
