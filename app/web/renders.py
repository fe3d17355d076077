"""Server-side pictures of a configuration: GIF, PNG and SVG."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import Response

from app.core.arithmetic import Arithmetic, analyse
from app.core.frames import check_frame_budget, frame_pattern
from app.core.limits import LIMITS
from app.core.parameters import ConfigError
from app.core.params import Config
from app.core.values import as_rows
from app.core.volume import drawn_numbers
from app.render import budget
from app.render.geometry import Geometry, geometry
from app.render.numbers import Values
from app.render.raster import animation_gif, frame_png
from app.render.scene import scene
from app.render.steps import Step, picture_step, picture_steps, step_count
from app.render.svg import svg_document
from app.render.theme import THEMES, Theme, ThemeName
from app.render.wording import Words
from app.web.messages import DEFAULT_LANG, available, choose_lang, translate
from app.web.query import ConfigDep, known_names
from app.web.responses import ERROR_RESPONSES, cached_bytes

router = APIRouter(
    prefix="/render",
    tags=["render"],
    default_response_class=Response,
    dependencies=[Depends(known_names)],
)

DEFAULT_SCALE = 20
MIN_SCALE, MAX_SCALE = 4, 96
MIN_MS, MAX_MS = 50, 5000

ScaleQuery = Annotated[
    int,
    Query(
        ge=MIN_SCALE,
        le=MAX_SCALE,
        description=f"Pixels per cell, {MIN_SCALE} to {MAX_SCALE}; text grows with it. "
        f"Default {DEFAULT_SCALE}; 48 suits a slide.",
    ),
]
ThemeQuery = Annotated[
    ThemeName,
    Query(description="light (the paper's colours on white, the default) or dark."),
]
StepQuery = Annotated[
    int,
    Query(
        description="Which step to draw, 0-based: one per output cell, row-major from the "
        "top-left, as the paper's animations (a 3-D layer's depth slice by depth slice). "
        "Default 0.",
    ),
]
NumbersQuery = Annotated[
    bool,
    Query(
        description="Numbers in the cells, as the paper's chapter-1 figures: the input "
        "values (the paper's 5×5 input, tiled), the kernel's weights (its 3×3 kernel, tiled) "
        "in the corners of the cells it covers, and the output values, as PyTorch computes "
        "them (a 3-D layer's on every depth slice). Default false.",
    ),
]
MsQuery = Annotated[
    int,
    Query(
        ge=MIN_MS,
        le=MAX_MS,
        description=f"Milliseconds per frame, {MIN_MS} to {MAX_MS}. Default 1000, as the "
        "paper's GIFs.",
    ),
]

LangQuery = Annotated[
    str | None,
    Query(
        max_length=16,
        description="The language of the captions and legend, as the page's `lang`: "
        f"{', '.join(available())}. Default: the browser's Accept-Language, then "
        f"{DEFAULT_LANG}.",
    ),
]
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


@dataclass(frozen=True)
class Language:
    """The pictures' language, chosen as the page chooses its own."""

    lang: str
    from_header: bool  # then caches must keep one answer per Accept-Language

    @property
    def words(self) -> Words:
        return partial(translate, self.lang)


def language(lang: LangQuery = None, accept_language: AcceptLanguage = None) -> Language:
    chosen = choose_lang(lang, accept_language)
    return Language(chosen, lang not in available())


LanguageDep = Annotated[Language, Depends(language)]


def _picture(body: bytes, media_type: str, language: Language) -> Response:
    response = cached_bytes(body, media_type)
    if language.from_header:
        response.headers["Vary"] = "Accept-Language"
    return response


_DESCRIPTION = f"{LIMITS.describe()} {budget.describe()}"
_PICTURES = (
    "Drawn as the paper draws it: the output grid (cyan) above the drawn input grid, the real "
    "input units blue among white zeros with dashed borders (zeros inserted between units by "
    "a transposed convolution tinted, with dotted borders), the kernel's cells shaded darker "
    "inside its outline, and the current output cell shaded. A 1-D layer is drawn as a "
    "strip one cell high; a 3-D layer as a row of depth slices of the grid above which the "
    "output's depth slices stand, the slices the kernel reads outlined. "
)


def _analysed(config: Config) -> Arithmetic:
    arith = analyse(config)
    check_frame_budget(arith, LIMITS.pictures)
    return arith


def _step(arith: Arithmetic, step: int) -> Step:
    """Step ``step``, once it is known to be one of the configuration's."""
    steps = step_count(arith)
    if not 0 <= step < steps:
        raise ConfigError("step", "refusal.step", last=steps - 1, steps=steps, got=step)
    return picture_step(arith, step)


def _values(arith: Arithmetic, numbers: bool) -> Values | None:
    """The frames answer's numbers: a plane's, or a 3-D layer's slices of them."""
    if not numbers:
        return None
    values: Values = as_rows(drawn_numbers(arith, frame_pattern(arith)))
    return values


@lru_cache(maxsize=32)
def _gif(config: Config, scale: int, theme: ThemeName, ms: int, numbers: bool, lang: str) -> bytes:
    """Keyed on the configuration (equal exactly when canonical queries are) and the
    language, since a classroom opens the same link at once."""
    arith = analyse(config)
    steps = picture_steps(arith)
    values = _values(arith, numbers)
    geom = geometry(arith, scale, partial(translate, lang))
    return animation_gif(arith, geom, THEMES[theme], steps, ms, values)


@dataclass(frozen=True)
class Animation:
    """A configuration whose animation fits the budget, with how to draw it."""

    arith: Arithmetic
    scale: int
    theme: ThemeName
    ms: int
    numbers: bool
    language: Language


def animation_request(
    config: ConfigDep,
    language: LanguageDep,
    scale: ScaleQuery = DEFAULT_SCALE,
    theme: ThemeQuery = "light",
    ms: MsQuery = 1000,
    numbers: NumbersQuery = False,
) -> Animation:
    return Animation(_animated(config, language, scale), scale, theme, ms, numbers, language)


AnimationDep = Annotated[Animation, Depends(animation_request)]


@router.get(
    "/animation.gif",
    summary="Every step as an animated GIF, looping",
    description=_PICTURES + _DESCRIPTION,
    responses=ERROR_RESPONSES | {200: {"content": {"image/gif": {}}}},
)
def animation(picture: AnimationDep) -> Any:
    gif = _gif(
        picture.arith.config,
        picture.scale,
        picture.theme,
        picture.ms,
        picture.numbers,
        picture.language.lang,
    )
    return _picture(gif, "image/gif", picture.language)


def _animated(config: Config, language: Language, scale: int) -> Arithmetic:
    """The configuration, once its animation is known to fit the budget."""
    arith = _analysed(config)
    budget.check_animation(geometry(arith, scale, language.words), step_count(arith))
    return arith


# HEAD asks whether a picture would be drawn without drawing it: the page offers a download
# only once the server would send it (a refusal is the same 422 as GET's, without its body).
# Left out of the schema, which documents GET alone.
@router.head("/animation.gif", include_in_schema=False)
def animation_fits(picture: AnimationDep) -> Any:
    # The GET's every parameter is taken (the same dependency), so the very link offered is
    # the one judged; only the size decides.
    return Response(media_type="image/gif")


@dataclass(frozen=True)
class Still:
    """One step of a configuration, checked and laid out, ready to draw."""

    arith: Arithmetic
    geom: Geometry
    frame: Step
    step: int
    theme: Theme
    values: Values | None
    language: Language


def still(
    config: ConfigDep,
    language: LanguageDep,
    step: StepQuery = 0,
    scale: ScaleQuery = DEFAULT_SCALE,
    theme: ThemeQuery = "light",
    numbers: NumbersQuery = False,
) -> Still:
    arith = _analysed(config)
    drawn = _step(arith, step)
    values = _values(arith, numbers)
    geom = geometry(arith, scale, language.words)
    return Still(arith, geom, drawn, step, THEMES[theme], values, language)


StillDep = Annotated[Still, Depends(still)]


@router.get(
    "/frame.png",
    summary="One step as a PNG",
    description=_PICTURES + _DESCRIPTION,
    responses=ERROR_RESPONSES | {200: {"content": {"image/png": {}}}},
)
def frame_picture(picture: StillDep) -> Any:
    budget.check_picture(picture.geom)
    png = frame_png(picture.arith, picture.geom, picture.theme, picture.frame, picture.values)
    return _picture(png, "image/png", picture.language)


@router.get(
    "/frame.svg",
    summary="One step as an SVG (no scripts, no style attributes)",
    description=_PICTURES + _DESCRIPTION,
    responses=ERROR_RESPONSES | {200: {"content": {"image/svg+xml": {}}}},
)
def frame_vector(picture: StillDep) -> Any:
    arith, geom, frame = picture.arith, picture.geom, picture.frame
    budget.check_svg(geom)
    words = picture.language.words
    named = {
        "op": words(f"op.{arith.config.op}.short"),
        "query": arith.config.query(),
        "step": picture.step + 1,
        "total": step_count(arith),
    }
    if arith.config.dims == 2:
        r, c = frame.frame.output
        title = words("picture.title", **named, r=r, c=c)
    else:
        # A strip's cell is one number, a volume's three (depth first).
        cell = ", ".join(str(n) for n in frame.cell)
        title = words("picture.title_cell", **named, cell=cell)
    shapes = scene(arith, geom, picture.theme, frame, picture.values)
    document = svg_document(geom, shapes, title)
    return _picture(document.encode(), "image/svg+xml", picture.language)


@router.head("/frame.png", include_in_schema=False)
def frame_picture_fits(picture: StillDep) -> Any:
    budget.check_picture(picture.geom)
    return Response(media_type="image/png")


@router.head("/frame.svg", include_in_schema=False)
def frame_vector_fits(picture: StillDep) -> Any:
    budget.check_svg(picture.geom)
    return Response(media_type="image/svg+xml")
