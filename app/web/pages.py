"""HTML pages: the interactive figure (/) and the embed view (/embed).

The page is rendered with its first figure's data embedded, so it draws without a round trip;
an impossible link still opens, on the default figure, with the engine's sentence shown.
"""

from __future__ import annotations

import os
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.core.answer import canonical_query, frames_answer, scatter_answer
from app.core.arithmetic import Arithmetic, analyse
from app.core.figures import FIGURES, Figure
from app.core.formatting import pair_scalar, pair_size
from app.core.params import OPS, PADDING_KEYWORDS, ConfigError, RawQuery, parse_config
from app.core.ranges import valid_ranges
from app.render.mathml import with_mathml
from app.web.assets import TEMPLATES_DIR
from app.web.messages import catalogue, choose_lang, translate

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=TEMPLATES_DIR)

# Longer values are never valid; cutting them bounds the work a crafted link can cause.
MAX_VALUE_LENGTH = 64

# The engine's parameter declaration as the page reads it (static/js/state.js), in
# canonical-query order. A literal until app/core/params.py derives it.
_ALL_OPS = ["conv", "transpose", "maxpool", "avgpool"]
PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "op",
        "kind": "choice",
        "default": "conv",
        "choices": _ALL_OPS,
        "ops": _ALL_OPS,
        "always": True,
    },
    {
        "name": "i",
        "kind": "pair",
        "default": [5, 5],
        "low": 1,
        "high": 128,
        "ops": _ALL_OPS,
        "always": True,
    },
    {
        "name": "k",
        "kind": "pair",
        "default": [3, 3],
        "low": 1,
        "high": 16,
        "ops": _ALL_OPS,
        "always": True,
    },
    {
        "name": "s",
        "kind": "pair",
        "default": [1, 1],
        "low": 1,
        "high": 16,
        "ops": _ALL_OPS,
        "always": True,
    },
    {
        "name": "p",
        "kind": "padding",
        "default": [0, 0],
        "low": 0,
        "high": 64,
        "keywords": ["valid", "same", "full", "half"],
        "ops": _ALL_OPS,
        "always": True,
    },
    {
        "name": "d",
        "kind": "pair",
        "default": [1, 1],
        "low": 1,
        "high": 16,
        "ops": ["conv", "transpose", "maxpool"],
        "always": False,
    },
    {
        "name": "a",
        "kind": "pair",
        "default": [0, 0],
        "low": 0,
        "high": 16,
        "ops": ["transpose"],
        "always": False,
    },
    {
        "name": "ceil",
        "kind": "flag",
        "default": False,
        "ops": ["maxpool", "avgpool"],
        "always": False,
    },
]


def _raw_query(request: Request) -> RawQuery:
    values = {
        name: request.query_params.get(name, "")[:MAX_VALUE_LENGTH] or None
        for name in ("op", "i", "k", "s", "p", "d", "a", "ceil")
    }
    return RawQuery(**values)


def _step(request: Request, steps: int) -> int | None:
    text = request.query_params.get("step", "")[:8]
    if not text.isdigit():
        return None
    return min(int(text), steps - 1)


def summary(lang: str, arith: Arithmetic) -> str:
    """One line naming the configuration, for titles and link previews."""
    c = arith.config
    extra = ""
    if c.d != (1, 1):
        extra += translate(lang, "summary.dilation", d=pair_scalar(c.d))
    if c.a != (0, 0):
        extra += translate(lang, "summary.output_padding", a=pair_scalar(c.a))
    if c.ceil:
        extra += translate(lang, "summary.ceil")
    padding = c.padding_keyword or pair_scalar(c.p)
    return translate(
        lang,
        "summary.line",
        op=translate(lang, f"op.{c.op}"),
        i=pair_size(c.i),
        k=pair_size(c.k),
        s=pair_scalar(c.s),
        p=padding,
        extra=extra,
        o=pair_size(arith.output_shape),
    )


def _figure_state(request: Request, lang: str) -> tuple[Arithmetic, dict[str, Any]]:
    """The linked configuration's figure, or the default one with the reason it was refused."""
    error = None
    raw = _raw_query(request)
    view = "scatter" if request.query_params.get("view") == "scatter" else "direct"
    try:
        arith = analyse(parse_config(raw))
        if arith.config.op != "transpose":
            view = "direct"
        data = scatter_answer(arith) if view == "scatter" else frames_answer(arith)
    except ConfigError as refused:
        error = translate(lang, "error.initial", message=refused.message)
        arith = analyse(parse_config(RawQuery()))
        data = frames_answer(arith)
        view = "direct"
    with_mathml(arith, data)
    state = {
        "data": data,
        "ranges": valid_ranges(arith.config),
        "query": canonical_query(arith.config),
        "step": _step(request, len(data["frames"])) if error is None else None,
        "error": error,
        # The chapter-1 style: numbers in the cells (a page setting, not the engine's).
        "numbers": request.query_params.get("numbers") == "1",
        "view": view,
    }
    return arith, state


def public_origin(request: Request) -> str:
    """Where the app is reached from outside. Behind a proxy or CDN, set CONVARITH_PUBLIC_URL:
    otherwise the address comes from the request's Host header, which a client chooses."""
    configured = os.environ.get("CONVARITH_PUBLIC_URL", "").strip()
    return (configured or str(request.base_url)).rstrip("/")


def _preview(request: Request, state: dict[str, Any]) -> dict[str, str]:
    """Absolute addresses for link previews: chat apps fetch the image from the link alone."""
    base = public_origin(request)
    query = str(state["query"]) + ("&numbers=1" if state["numbers"] else "")
    link = query + ("&view=scatter" if state["view"] == "scatter" else "")
    return {
        "url": f"{base}/?{link}",
        "image": f"{base}/render/frame.png?{query}&step={state['step'] or 0}",
    }


def preset_query(figure: Figure) -> str:
    """A paper figure's link, in the engine's canonical spelling (so the page can tell which
    preset is on screen), with numbers for the chapter-1 figures that print them."""
    query = canonical_query(parse_config(RawQuery(**figure.query)))
    return query + ("&numbers=1" if figure.number.startswith("1.") else "")


def _render(request: Request, template: str) -> HTMLResponse:
    lang = choose_lang(request.query_params.get("lang"), request.headers.get("accept-language"))
    arith, state = _figure_state(request, lang)

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    context = {
        "lang": lang,
        "t": t,
        "messages": catalogue(lang),
        "parameters": PARAMETERS,
        "state": state,
        "summary": summary(lang, arith),
        "config": arith.config,
        "ops": OPS,
        "padding_modes": ("number", *PADDING_KEYWORDS),
        "params": ("i", "k", "s", "p", "d", "a"),
        "figures": [(figure, preset_query(figure)) for figure in FIGURES],
        "preview": _preview(request, state),
    }
    return templates.TemplateResponse(request, template, context)


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    return _render(request, "index.html")


@router.api_route("/embed", methods=["GET", "HEAD"], response_class=HTMLResponse)
def embed(request: Request) -> HTMLResponse:
    """Just the figure and its play controls, for an <iframe> on a slide or a course page."""
    return _render(request, "embed.html")
