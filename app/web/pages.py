"""HTML pages: the interactive figure (/) and the embed view (/embed).

The page is rendered with its first figure's data embedded, so it draws without a round trip;
an impossible link still opens, on the nearest valid figure (else the default one), with the
engine's sentence shown and its address kept; a layer too large to draw opens with its
arithmetic and a sentence saying why it is not drawn.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any, get_args

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import QueryParams

from app.core.answer import arithmetic_answer, parameters_answer
from app.core.arithmetic import Arithmetic, analyse
from app.core.compact import compact_frames_answer, compact_scatter_answer
from app.core.figures import FIGURES, Figure
from app.core.formatting import pair_scalar, pair_size
from app.core.frames import TooLargeToDraw
from app.core.parameters import (
    BY_NAME,
    OPS,
    PADDING_KEYWORDS,
    PARAMETERS,
    SIZES,
    ConfigError,
    suggestion,
)
from app.core.params import Config
from app.core.ranges import valid_ranges
from app.core.schema import LayerKind
from app.render.wording import legend_key
from app.web import urls
from app.web.assets import TEMPLATES_DIR
from app.web.image_page import IMAGE_NAMES, IMAGE_SECTION, ImageLink
from app.web.messages import translate
from app.web.page_context import page_context
from app.web.responses import cached_page
from app.web.stand_in import stand_in

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.globals["urls"] = urls
templates.env.globals["image_section"] = IMAGE_SECTION

# The page's own settings, besides the configuration's parameters.
PAGE_NAMES = ("step", "numbers", "view", "lang", "present", "matrix", "overlap", *IMAGE_NAMES)
# A notice names at most this many ignored parameters, each cut short: a link is untrusted.
MAX_IGNORED_SHOWN = 5
# The layer-kind menu: the engine's kinds, then the two-layer replacement the planner opens
# (static/js/kinds.js's MENU_KINDS, in the same order).
LAYER_KINDS = (*get_args(LayerKind), "separable")
PAGE_PARAMETERS = parameters_answer()
# Counts whose box sits in the numbers panel (templates/_numbers.html), not with the layer's.
PANEL_NAMES = ("seed",)


def _config_values(query: Mapping[str, str]) -> dict[str, str]:
    return {
        name: query.get(name, "")[: BY_NAME[name].max_length] for name in BY_NAME if query.get(name)
    }


def ignored_names(request: Request, accepted: Sequence[str], lang: str) -> list[str]:
    """The link's names outside ``accepted`` (the page is drawn without them), as the notice
    lists them: a likely meaning beside each, the rest counted."""
    names = [n for n in dict.fromkeys(request.query_params.keys()) if n and n not in accepted]
    shown = [n[:40] + _meant(n, accepted, lang) for n in names[:MAX_IGNORED_SHOWN]]
    if len(names) > MAX_IGNORED_SHOWN:
        shown.append(f"… (+{len(names) - MAX_IGNORED_SHOWN})")
    return shown


def _meant(name: str, accepted: Sequence[str], lang: str) -> str:
    meant = suggestion(name, accepted)
    return translate(lang, "refusal.did_you_mean", name=meant) if meant else ""


def _step(query: Mapping[str, str], steps: int) -> int | None:
    text = query.get("step", "")[:8]
    if not text.isdigit():
        return None
    return min(int(text), steps - 1)


def summary(lang: str, arith: Arithmetic) -> str:
    """One line naming the configuration, for titles and link previews."""
    c = arith.config
    # Sizes on the layer's own axes: a 1-D layer's length, a 3-D layer's depth first.
    d, a = c.axes("d"), c.axes("a")
    extra = ""
    if any(v != 1 for v in d):
        extra += translate(lang, "summary.dilation", d=pair_scalar(d))
    if any(v != 0 for v in a):
        extra += translate(lang, "summary.output_padding", a=pair_scalar(a))
    if c.ceil:
        extra += translate(lang, "summary.ceil")
    padding = c.padding_keyword or pair_scalar(c.axes("p"))
    return translate(
        lang,
        "summary.line",
        op=translate(lang, f"op.{c.op}"),
        i=pair_size(c.axes("i")),
        k=pair_size(c.axes("k")),
        s=pair_scalar(c.axes("s")),
        p=padding,
        extra=extra,
        o=pair_size(arith.layer_shape("o")),
    )


def _figure_state(
    request: Request, lang: str, query: QueryParams
) -> tuple[Arithmetic, dict[str, Any]]:
    """The configuration's figure (``query``: the link's, or a tour stop's), or, for a refused
    link, the nearest valid one (else the default) with the reason it was refused."""
    error = None
    marker = None
    undrawable = None
    reason = None
    present = query.get("present") == "1"
    view: urls.View = "scatter" if query.get("view") == "scatter" else "direct"
    values = _config_values(query)
    try:
        arith = analyse(Config.from_query(values))
    except ConfigError as refused:
        standing = stand_in(lang, values, refused.sentence.say(lang))
        error, marker = standing.sentence, standing.marker
        arith = analyse(standing.config)
    if arith.config.op != "transpose" or error is not None:
        view = "direct"
    data: Any
    try:
        # Said in the page's language and form, as the page's own requests ask
        # (static/js/api.js; compact.js reads the compact form).
        said = compact_scatter_answer if view == "scatter" else compact_frames_answer
        data = said(arith, lang)
    except TooLargeToDraw as too_large:
        # A real layer past the drawing limits: its arithmetic, and why there is no figure.
        # On a slide the arithmetic is not below the figure: the sentence says where it is.
        reason = too_large.sentence.say(lang)
        key = "figure.too_large_present" if present else "figure.too_large"
        undrawable = translate(lang, key, message=reason)
        data = arithmetic_answer(arith, lang)
    image, refused_values = ImageLink.from_query(query)
    state = {
        "data": data,
        "ranges": valid_ranges(arith.config),
        "query": arith.config.query(),
        "step": (
            _step(query, data["frames"]["count"]) if error is None and not undrawable else None
        ),
        "error": error,
        # The mark on a refused link's stand-in figure (a catalogue key), None otherwise.
        "stand_in": marker,
        "undrawable": undrawable,
        "undrawable_reason": reason,
        # The chapter-1 style: numbers in the cells (a page setting, not the engine's).
        "numbers": query.get("numbers") == "1",
        "view": view,
        "ignored": ignored_names(request, [*BY_NAME, *PAGE_NAMES], lang),
        # Image mode: open on the linked sample, with its scale and zoom; values it does not
        # offer are named in a notice of their own.
        "image": asdict(image),
        "ignored_values": refused_values[:MAX_IGNORED_SHOWN],
        # The language the link asked for, kept by its links, embeds and downloads.
        "lang": lang if query.get("lang") == lang else None,
        # Presentation mode: the slide-ready view (full screen needs the person's key press).
        "present": present,
        # The matrix view open under the figure.
        "matrix": query.get("matrix") == "1",
        # The overlap heatmap over a transposed convolution's output (no other op has one).
        "overlap": query.get("overlap") == "1" and arith.config.op == "transpose",
    }
    return arith, state


def public_origin(request: Request) -> str:
    """Where the app is reached from outside. Behind a proxy or CDN, set CONVARITH_PUBLIC_URL:
    otherwise the address comes from the request's Host header, which a client chooses."""
    configured = os.environ.get("CONVARITH_PUBLIC_URL", "").strip()
    return (configured or str(request.base_url)).rstrip("/")


def _preview(request: Request, state: dict[str, Any], config: Config) -> dict[str, str]:
    """Absolute addresses for link previews: chat apps fetch the image from the link alone."""
    base = public_origin(request)
    link = urls.Link(
        config,
        numbers=state["numbers"],
        view=state["view"],
        lang=state["lang"],
        image=ImageLink(**state["image"]),
        matrix=state["matrix"],
        overlap=state["overlap"],
    )
    # A layer too large to draw has no picture to preview.
    image = "" if state["undrawable"] else urls.picture("frame.png", link, step=state["step"] or 0)
    return {"url": base + urls.page(link), "image": base + image if image else ""}


def preset_link(figure: Figure) -> urls.Link:
    """A paper figure's link, in the engine's canonical spelling (so the page can tell which
    preset is on screen), with numbers for the chapter-1 figures that print them."""
    config = Config.from_query(figure.query)
    return urls.Link(config, numbers=figure.number.startswith("1."))


def render_figure_page(
    request: Request,
    template: str,
    query: QueryParams | None = None,
    extra: Mapping[str, Any] | None = None,
) -> HTMLResponse:
    """A page around the interactive figure: ``query`` the figure's settings (the link's by
    default), ``extra`` the template's own values."""
    context = page_context(request)
    lang = context["lang"]
    arith, state = _figure_state(request, lang, request.query_params if query is None else query)
    context |= {
        "state": state,
        "summary": summary(lang, arith),
        "config": arith.config,
        "legend_key": legend_key,
        "ops": OPS,
        "padding_modes": ("number", *PADDING_KEYWORDS),
        "params": [p.name for p in SIZES],
        "reaches": {p.name: p.reach or p.high for p in SIZES},
        "paddings": [p.name for p in PARAMETERS if p.kind == "padding"],
        "flags": [p.name for p in PARAMETERS if p.kind == "flag"],
        "layer_kinds": LAYER_KINDS,
        "parameters": PAGE_PARAMETERS,
        "panel_names": PANEL_NAMES,
        "weights": BY_NAME["w"],
        "seed": BY_NAME["seed"],
        "page_names": [*BY_NAME, *PAGE_NAMES],
        "figures": [(figure, preset_link(figure)) for figure in FIGURES],
        "preview": _preview(request, state, arith.config),
        "link": urls.Link(arith.config, numbers=state["numbers"], lang=state["lang"]),
    } | dict(extra or {})
    return cached_page(request, templates.TemplateResponse(request, template, context))


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    return render_figure_page(request, "index.html")


@router.api_route("/embed", methods=["GET", "HEAD"], response_class=HTMLResponse)
def embed(request: Request) -> HTMLResponse:
    """Just the figure and its play controls, for an <iframe> on a slide or a course page."""
    return render_figure_page(request, "embed.html")
