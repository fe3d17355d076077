"""Dilated causal 1-D convolutions: /api/causal answers the tree, /causal draws it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from app.core import schema
from app.core.causal import CAUSAL_LIMITS, CausalStack, causal_answer, parse_causal
from app.core.parameters import ConfigError
from app.web.answer_cache import MB, AnswerCache, CachedAnswer
from app.web.language import SAID_RESPONSES, LangQuery, checked_lang, request_language
from app.web.page_context import page_context
from app.web.pages import ignored_names, templates
from app.web.query import MAX_VALUE_LENGTH, known_names
from app.web.responses import (
    ERROR_RESPONSES,
    cached_page,
    etag_of,
    json_bytes,
    tagged_bytes,
)

router = APIRouter(dependencies=[Depends(checked_lang)])

# The largest answer (12 layers of 256 positions at k = 8) is some 400 KB.
ANSWERS = AnswerCache(max_entries=256, max_bytes=32 * MB, max_entry_bytes=2 * MB)

DEFAULT = {"k": "2", "d": "1,2,4,8", "n": "16", "t": ""}
PAGE_NAMES = ("k", "d", "n", "t", "lang")
LIMITS_TEXT = (
    f"k from 1 to {CAUSAL_LIMITS.max_kernel}; at most {CAUSAL_LIMITS.max_layers} layers, each "
    f"dilation from 1 to {CAUSAL_LIMITS.max_dilation}; length n from 1 to "
    f"{CAUSAL_LIMITS.max_length}."
)

KText = Annotated[
    str | None,
    Query(description="The kernel size of every layer. Default 2.", max_length=MAX_VALUE_LENGTH),
]
DText = Annotated[
    str | None,
    Query(
        description="The layers' dilations, first layer first, separated by commas. "
        "Default 1,2,4,8.",
        max_length=CAUSAL_LIMITS.max_text,
    ),
]
NText = Annotated[
    str | None,
    Query(description="The sequence's length. Default 16.", max_length=MAX_VALUE_LENGTH),
]
TText = Annotated[
    str | None,
    Query(
        description="The output whose tree is drawn, 0 to n − 1. Default the last.",
        max_length=MAX_VALUE_LENGTH,
    ),
]


def stack_of(k: KText = None, d: DText = None, n: NText = None, t: TText = None) -> CausalStack:
    return parse_causal(k or DEFAULT["k"], d or DEFAULT["d"], n or DEFAULT["n"], t)


@router.get(
    "/api/causal",
    tags=["causal"],
    summary="A stack of dilated causal 1-D convolutions: what one output reads",
    description="Each layer pads d(k − 1) zeros on the left only (WaveNet's causal "
    "convolution), so the length is kept and no output reads the future. The answer lists "
    "the positions the chosen output reaches at every level (0 = the input), the taps as "
    "[layer, source, target, tap] (a negative source is the layer's padding), the paths "
    "from each input (its gradient with all weights 1) and the receptive field "
    "1 + (k − 1)·Σd. " + LIMITS_TEXT,
    responses=ERROR_RESPONSES | SAID_RESPONSES,
    response_model=schema.CausalAnswer,
    dependencies=[Depends(known_names)],
)
def causal(
    stack: Annotated[CausalStack, Depends(stack_of)], request: Request, lang: LangQuery = None
) -> Response:
    language = request_language(request)
    key = ("causal", stack.query(), language.lang)
    answer = ANSWERS.get(key)
    if answer is None:
        body = json_bytes(causal_answer(stack, language.lang))
        answer = CachedAnswer(body, etag_of(body))
        ANSWERS.put(key, answer)
    return language.mark(tagged_bytes(answer.body, answer.etag, "application/json"))


def causal_state(request: Request, lang: str) -> dict[str, Any]:
    """The page's first state: the answer drawn, the fields as the link gave them (kept even
    when refused, so nothing typed is lost) and the engine's sentence."""
    given = {
        name: request.query_params.get(name, "")[: CAUSAL_LIMITS.max_text + 1] for name in DEFAULT
    }
    error = None
    try:
        stack = stack_of(**{name: value or None for name, value in given.items()})
        fields = {
            "k": str(stack.k),
            "d": ",".join(map(str, stack.dilations)),
            "n": str(stack.length),
            "t": given["t"],
        }
    except ConfigError as refused:
        error = refused.sentence.say(lang)
        stack = stack_of()
        fields = given
    return {
        "answer": causal_answer(stack, lang),
        "fields": fields,
        "error": error,
        "ignored": ignored_names(request, PAGE_NAMES, lang),
        "lang": lang if request.query_params.get("lang") == lang else None,
    }


@router.api_route(
    "/causal", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False
)
def causal_page(request: Request) -> HTMLResponse:
    context = page_context(request)
    state = causal_state(request, context["lang"])
    context |= {"state": state, "limits": CAUSAL_LIMITS, "accepted": PAGE_NAMES}
    return cached_page(request, templates.TemplateResponse(request, "causal.html", context))
