"""The guided tour's pages: its index (/tour) and each stop (/tour/N).

A stop is the main page's figure with its controls, opened on the stop's configuration, with
the stop's lesson under the figure. The page writes the figure's changes into the stop's own
address (static/js/main.js keeps the path), so a lecturer can link a stop as changed; a bare
/tour/N is the stop as declared (app/core/tour.py).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import QueryParams

from app.core.answer import arithmetic_answer
from app.core.arithmetic import analyse
from app.core.network import plan
from app.core.parameters import BY_NAME
from app.core.params import Config
from app.core.tour import BY_STOP, STOPS, Stop
from app.web import urls
from app.web.messages import translate
from app.web.page_context import page_context
from app.web.pages import render_figure_page, templates

router = APIRouter(include_in_schema=False)


def _chosen_lang(request: Request, lang: str) -> str | None:
    """The language the link asked for (kept by the tour's links), else None."""
    return lang if request.query_params.get("lang") == lang else None


def _stop_link(stop: Stop, config: Config, lang: str | None = None) -> urls.Link:
    return urls.Link(config, numbers=stop.numbers, matrix=stop.matrix, lang=lang)


def _figure_query(request: Request, stop: Stop) -> QueryParams:
    """The figure the stop opens on: the link's configuration if it carries one (a stop as
    the learner changed it), else the stop's; the stop's page settings (numbers, the matrix
    view) unless the link says otherwise."""
    given = dict(request.query_params)
    settings = {"numbers": "1"} if stop.numbers else {}
    if stop.matrix:
        settings["matrix"] = "1"
    if any(name in given for name in BY_NAME):
        return QueryParams({**settings, **given})
    return QueryParams({**dict(stop.query), **settings, **given})


def _tries(stop: Stop, lang: str) -> list[dict[str, str]]:
    """Each prompt: its button's words, its link (the stop's figure with the one change, as
    the presets' links: the engine's canonical query, no language) and its sentence."""
    tries = []
    for attempt in stop.tries:
        ((name, value),) = attempt.change.items()
        if name == "op":
            label = translate(lang, "tour.try_op", op=translate(lang, f"op.{value}"))
        else:
            label = translate(
                lang, "tour.try_set", param=translate(lang, f"param.{name}"), value=value
            )
        # As a preset's link: the engine's query and numbers only (the page loads it in place
        # and keeps its other settings; opened afresh, the stop's settings apply).
        tried = urls.Link(stop.tried(attempt), numbers=stop.numbers)
        href = urls.tour_page(stop.number, link=tried)
        tries.append({"label": label, "href": href, "key": attempt.key, "param": name})
    return tries


def _stack(stop: Stop, lang: str | None) -> dict[str, Any] | None:
    """The receptive-field stop's stack in the planner: each layer's receptive field."""
    if stop.stack is None:
        return None
    size, layers = stop.stack
    answer = plan((size, size), 1, layers).answer()
    tries = [
        {
            "key": attempt.key,
            "href": urls.network_page(
                plan((size, size), 1, attempt.change["layers"]).answer()["query"], lang
            ),
        }
        for attempt in stop.stack_tries
    ]
    return {
        "layers": answer["layers"],
        "input": size,
        "href": urls.network_page(answer["query"], lang),
        "tries": tries,
    }


def _missing(request: Request) -> HTMLResponse:
    """An unknown stop: a page saying so in the page's language, with the way back."""
    context = page_context(request)
    context |= {
        "state": {},
        "link_lang": _chosen_lang(request, context["lang"]),
        "total_stops": len(STOPS),
    }
    return templates.TemplateResponse(request, "tour_missing.html", context, status_code=404)


@router.api_route("/tour", methods=["GET", "HEAD"], response_class=HTMLResponse)
def tour_index(request: Request) -> HTMLResponse:
    context = page_context(request)
    lang = _chosen_lang(request, context["lang"])
    stops = [
        {
            "stop": stop,
            "href": urls.tour_page(stop.number, lang),
            "relationship": stop.relationship,
        }
        for stop in STOPS
    ]
    context |= {"state": {}, "stops": stops, "link_lang": lang}
    return templates.TemplateResponse(request, "tour.html", context)


@router.api_route("/tour/{number}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def tour_stop(request: Request, number: str) -> HTMLResponse:
    stop = BY_STOP.get(int(number)) if number.isdigit() and len(number) < 4 else None
    if stop is None:
        return _missing(request)
    lang = page_context(request)["lang"]
    chosen = _chosen_lang(request, lang)
    config = stop.config()
    answer = arithmetic_answer(analyse(config), lang)
    relationship = answer["relationship"]
    # The channel stops teach costs too: the stop's own counts, as the engine gives them.
    costs = (
        {
            "weights": f"{answer['param_count']['weights']:,}",
            "biases": f"{answer['param_count']['biases']:,}",
            "macs": f"{answer['macs']:,}",
        }
        if "c_in" in stop.query
        else None
    )
    neighbours = {
        "prev": BY_STOP.get(stop.number - 1),
        "next": BY_STOP.get(stop.number + 1),
    }
    extra = {
        "stop": stop,
        "total": len(STOPS),
        "stop_relationship": relationship,
        "stop_costs": costs,
        "tries": _tries(stop, lang),
        "stack": _stack(stop, chosen),
        "neighbours": {
            side: (other, urls.tour_page(other.number, chosen)) if other else None
            for side, other in neighbours.items()
        },
        "tour_index": urls.tour_page(lang=chosen),
        "free_page": urls.page(_stop_link(stop, config, chosen)),
        "link_lang": chosen,
    }
    return render_figure_page(request, "tour_stop.html", _figure_query(request, stop), extra)
