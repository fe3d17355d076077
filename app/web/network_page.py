"""The network planner's page (/network): a stack's table, plot and receptive fields.

Rendered with its first answer embedded, so it draws without a round trip. A link the engine
refuses still opens, on the default stack, with the engine's sentence naming the layer, and
the link's own text kept in the editor so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.core.grammar import NETWORK_LIMITS
from app.core.network import DEFAULT_CHANNELS, Network, plan
from app.core.parameters import ConfigError
from app.core.params import sizes_query
from app.core.presets import PRESETS
from app.core.schema import NetworkAnswer
from app.web.messages import translate
from app.web.network import network_of
from app.web.page_context import page_context
from app.web.pages import ignored_names, templates
from app.web.query import MAX_VALUE_LENGTH
from app.web.responses import cached_page

router = APIRouter(include_in_schema=False)

# What a bare /network shows, and what a refused link falls back to: small enough to read
# at a glance, with every kind of row (convolution, pooling, fully connected).
DEFAULT_INPUT = 32
DEFAULT_LAYERS = "conv(k=3,p=1,c=16);maxpool(k=2);conv(k=3,p=1,c=32);maxpool(k=2);fc(c=10)"

# The names the page takes: the API's, and the page's language.
NETWORK_NAMES = ("dims", "i", "c_in", "layers", "preset", "lang")
# Each preset's name as the menu shows it.
PRESET_LABELS = {
    "alexnet": "network.preset_alexnet",
    "vgg16": "network.preset_vgg",
    "resnet18": "network.preset_resnet",
    "mobilenet_v1": "network.preset_mobilenet",
    "unet": "network.preset_unet",
    "wavenet": "network.preset_wavenet",
    "c3d": "network.preset_c3d",
}
# The dimensions' menu: each value as the menu shows it.
DIMS_LABELS = {"1": "network.dims_1", "2": "network.dims_2", "3": "network.dims_3"}


def _given(request: Request, name: str) -> str:
    """A link's value, cut short: one character past the limit, so an overlong text is still
    refused with the engine's sentence rather than read cut."""
    limit = NETWORK_LIMITS.max_text if name == "layers" else MAX_VALUE_LENGTH
    return request.query_params.get(name, "")[: limit + 1]


def _editor(stack: Network, preset: str) -> dict[str, str]:
    """The editor's fields for a planned stack: its input, channels and layers as written."""
    return {
        "preset": preset,
        "dims": str(stack.dims),
        "i": sizes_query(stack.i),
        "c_in": str(stack.c_in),
        "layers": ";".join(layer["text"] for layer in stack.layers),
    }


def _default() -> Network:
    return plan((DEFAULT_INPUT, DEFAULT_INPUT), DEFAULT_CHANNELS, DEFAULT_LAYERS)


def network_state(request: Request, lang: str) -> dict[str, Any]:
    """The page's first state: the answer drawn, the editor's fields, and any sentence."""
    given = {name: _given(request, name) for name in ("dims", "i", "c_in", "layers", "preset")}
    preset = given["preset"].strip().lower()
    error = None
    try:
        if given["preset"] or given["layers"]:
            stack = network_of(**{name: value or None for name, value in given.items()})
        else:
            # No layers yet: the default stack (it holds in every dims), on the link's input
            # if it gives one.
            i = given["i"] or str(DEFAULT_INPUT)
            stack = network_of(
                dims=given["dims"] or None, i=i, c_in=given["c_in"] or None, layers=DEFAULT_LAYERS
            )
        editor = _editor(stack, preset if preset in PRESETS else "")
    except ConfigError as refused:
        error = translate(lang, "network.error_initial", message=refused.sentence.say(lang))
        stack = _default()
        # The link's own text stays in the editor, so nothing typed is lost.
        editor = _editor(stack, "") | {
            name: value for name, value in given.items() if value and name != "preset"
        }
    answer: NetworkAnswer = stack.answer()
    return {
        "answer": answer,
        "editor": editor,
        "error": error,
        "ignored": ignored_names(request, NETWORK_NAMES, lang),
        "lang": lang if request.query_params.get("lang") == lang else None,
    }


def network_summary(lang: str, answer: NetworkAnswer) -> str:
    """One line naming the stack, for the title and the description."""
    return translate(
        lang,
        "network.summary",
        layers=len(answer["layers"]),
        input="×".join(str(v) for v in answer["input_shape"]),
        params=f"{answer['totals']['params']:,}",
    )


@router.api_route("/network", methods=["GET", "HEAD"], response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    context = page_context(request)
    lang = context["lang"]
    state = network_state(request, lang)
    context |= {
        "state": state,
        "summary": network_summary(lang, state["answer"]),
        "presets": PRESET_LABELS,
        "dims_labels": DIMS_LABELS,
        "accepted": NETWORK_NAMES,
    }
    return cached_page(request, templates.TemplateResponse(request, "network.html", context))
