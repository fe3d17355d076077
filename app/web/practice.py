"""Practice: the questions of a seeded set as JSON (/api/practice), the page that asks them
(/practice) and the lecturer's printable sheet (/practice/sheet).

The questions, their answers and their worked solutions are the engine's
(app/core/exercises.py); this module says them in the request's language and adds the links
to each question's figure. Nothing a learner types reaches the server: the page compares an
answer with the accepted ones the set carries.
"""

from __future__ import annotations

import random
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import ConfigDict
from typing_extensions import TypedDict

from app.core.catalogue import Sentence
from app.core.exercises import (
    LEVELS,
    MAX_QUESTIONS,
    MAX_SEED,
    MIN_QUESTIONS,
    Kind,
    Question,
    exercise_set,
)
from app.core.parameters import ConfigError
from app.web import urls
from app.web.language import SAID_RESPONSES, checked_lang, request_language
from app.web.page_context import page_context
from app.web.pages import templates
from app.web.query import known_names
from app.web.responses import CACHE_CONTROL, ERROR_RESPONSES, cached_page

DEFAULT_LEVEL = 1
DEFAULT_COUNT = 5
# The level chooser's names, one catalogue key per level.
LEVEL_NAMES = {1: "practice.level_1", 2: "practice.level_2", 3: "practice.level_3"}


class PracticeCheck(TypedDict):
    """How an answer is checked: a whole number, right when it is one of ``accepted``."""

    type: Literal["integer"]
    """Answers are whole numbers."""
    accepted: list[int]
    """Every right answer (more than one where several are right)."""


class SolutionLine(TypedDict):
    """One line of a worked solution."""

    text: str
    """The line, said in the answer's language (a formula reads the same in every one)."""
    formula: bool
    """Whether the line is a formula rather than a sentence."""


class PracticeQuestion(TypedDict):
    """One question, its answer and its worked solution."""

    number: int
    """The question's place in the set, from 1."""
    kind: Kind
    """What is asked: an output size, the padding that keeps a size, the stride that halves
    it, the output padding that restores a size, parameters, MACs or a receptive field."""
    text: str
    """The question, said in the answer's language."""
    answer: int
    """The answer the solution works through (the engine's)."""
    check: PracticeCheck
    """How a typed answer is checked."""
    formula: str
    """The formula the solution works through, in symbols."""
    solution: list[SolutionLine]
    """The worked solution, line by line, with the question's numbers substituted."""
    link: str
    """The figure's page: the main page for a layer, the network planner for a stack."""
    embed: str | None
    """The figure alone (/embed) for a layer; null for a stack."""
    picture: str | None
    """The figure's first step as a PNG for a layer; null for a stack."""


class PracticeSet(TypedDict):
    """A seeded set of practice questions."""

    seed: int
    """The set's seed: the same seed, level and n give the same questions."""
    level: int
    """The level, 1 to 3."""
    n: int
    """How many questions."""
    lang: str
    """The language of the sentences."""
    link: str
    """The practice page of this very set."""
    sheet: str
    """Its printable sheet: questions, then answers and solutions on a new page."""
    questions: list[PracticeQuestion]
    """The questions, in order."""


for _declared in (PracticeCheck, SolutionLine, PracticeQuestion, PracticeSet):
    # Each field's docstring is its description in /openapi.json; an undeclared field fails.
    _declared.__pydantic_config__ = ConfigDict(  # type: ignore[union-attr]
        use_attribute_docstrings=True, extra="forbid"
    )


def _whole(name: str, text: str | None, low: int, high: int, default: int) -> int:
    """One whole number from ``low`` to ``high``; left out, ``default``."""
    if text is None or text.strip() == "":
        return default
    stripped = text.strip()
    if not stripped.isascii() or not stripped.isdigit() or len(stripped) > 7:
        raise ConfigError(name, f"refusal.practice_{name}", low=low, high=high, got=repr(text[:40]))
    value = int(stripped)
    if not low <= value <= high:
        raise ConfigError(name, f"refusal.practice_{name}", low=low, high=high, got=value)
    return value


def practice_values(seed: str | None, level: str | None, n: str | None) -> tuple[int, int, int]:
    """The set a link names: (seed, level, n), each checked, with a sentence where not."""
    return (
        _whole("seed", seed, 0, MAX_SEED, 0),
        _whole("level", level, LEVELS[0], LEVELS[-1], DEFAULT_LEVEL),
        _whole("n", n, MIN_QUESTIONS, MAX_QUESTIONS, DEFAULT_COUNT),
    )


def set_query(seed: int, level: int, n: int, lang: str | None = None) -> str:
    parts = [f"seed={seed}", f"level={level}", f"n={n}"]
    if lang:
        parts.append(f"lang={lang}")
    return "&".join(parts)


def _said(line: Sentence | str, lang: str) -> SolutionLine:
    if isinstance(line, str):
        return {"text": line, "formula": True}
    return {"text": line.say(lang), "formula": False}


def question_answer(q: Question, number: int, lang: str | None) -> PracticeQuestion:
    """One question in ``lang``, with its figure's links (in the link's language, if set)."""
    said = lang or "en"
    if q.config is not None:
        link = urls.Link(q.config, lang=lang)
        page, embed, picture = (
            urls.page(link),
            urls.embed(link),
            urls.picture("frame.png", link, step=0),
        )
    else:
        assert q.network is not None
        page, embed, picture = urls.network_page(q.network.query(), lang), None, None
    return {
        "number": number,
        "kind": q.kind,
        "text": q.prompt.say(said),
        "answer": q.answer,
        "check": {"type": "integer", "accepted": sorted(q.accepted)},
        "formula": q.formula,
        "solution": [_said(line, said) for line in q.solution],
        "link": page,
        "embed": embed,
        "picture": picture,
    }


def practice_set(seed: int, level: int, n: int, lang: str, link_lang: str | None) -> PracticeSet:
    questions = exercise_set(seed, level, n)
    query = set_query(seed, level, n, link_lang)
    return {
        "seed": seed,
        "level": level,
        "n": n,
        "lang": lang,
        "link": f"/practice?{query}",
        "sheet": f"/practice/sheet?{query}",
        "questions": [
            question_answer(q, number, link_lang or lang)
            for number, q in enumerate(questions, start=1)
        ],
    }


# The API ----------------------------------------------------------------------------------

router = APIRouter(
    prefix="/api", tags=["practice"], dependencies=[Depends(known_names), Depends(checked_lang)]
)

SeedText = Annotated[
    str | None,
    Query(
        description=f"The set's seed, 0 to {MAX_SEED:,}: the same seed gives the same "
        "questions. Default 0.",
        max_length=16,
    ),
]
LevelText = Annotated[
    str | None,
    Query(
        description="1 (small kernels, simple strides: 1, 2 or a pooling's own), 2 (strides, "
        "pooling, transposed layers, bias or not) or 3 (dilation, output padding, groups). "
        "Default 1.",
        max_length=16,
    ),
]
CountText = Annotated[
    str | None,
    Query(
        description=f"How many questions, {MIN_QUESTIONS} to {MAX_QUESTIONS}. Default "
        f"{DEFAULT_COUNT}. A longer set begins with a shorter one's questions.",
        max_length=16,
    ),
]


@router.get(
    "/practice",
    summary="A seeded set of practice questions, with answers and worked solutions",
    description="Every question is about a configuration PyTorch accepts; `answer` and "
    "`check.accepted` (every right answer) come from the engine, `solution` works the "
    "formula with the question's numbers. Said in `lang` (or Accept-Language).",
    responses=ERROR_RESPONSES | SAID_RESPONSES,
    response_model=PracticeSet,
)
def practice_api(
    request: Request,
    seed: SeedText = None,
    level: LevelText = None,
    n: CountText = None,
) -> Any:
    chosen, grade, count = practice_values(seed, level, n)
    language = request_language(request)
    body = practice_set(chosen, grade, count, language.lang, None)
    response = JSONResponse(body, headers={"Cache-Control": CACHE_CONTROL})
    return language.mark(response)


# The pages --------------------------------------------------------------------------------

pages = APIRouter(include_in_schema=False)


def _fresh(request: Request) -> RedirectResponse:
    """A new set: a seed picked at random, written into the link so it can be handed out."""
    params = request.query_params
    parts = [f"seed={random.SystemRandom().randint(1, MAX_SEED)}"]
    for name in ("level", "n", "lang"):
        value = params.get(name, "")[:16]
        if value:
            parts.append(f"{name}={value}")
    response = RedirectResponse(f"{request.url.path}?{'&'.join(parts)}", status_code=302)
    response.headers["Cache-Control"] = "no-store"
    return response


def _render(request: Request, template: str) -> Response:
    params = request.query_params
    if not params.get("seed"):
        return _fresh(request)
    context = page_context(request)
    lang = context["lang"]
    link_lang = lang if params.get("lang") == lang else None
    try:
        seed, level, n = practice_values(params.get("seed"), params.get("level"), params.get("n"))
    except ConfigError as refused:
        context |= {
            "state": {"error": refused.sentence.say(lang)},
            "summary": "",
            "fresh": "/practice" + (f"?lang={link_lang}" if link_lang else ""),
        }
        return templates.TemplateResponse(request, "practice_error.html", context, status_code=422)
    state = practice_set(seed, level, n, lang, link_lang)
    context |= {
        "state": state,
        "summary": "",
        "levels": LEVEL_NAMES,
        "max_questions": MAX_QUESTIONS,
        "min_questions": MIN_QUESTIONS,
        "link_lang": link_lang,
        # A new set at the same level and length (the page picks its seed).
        "new_set": "/practice?" + set_query(seed, level, n, link_lang).split("&", 1)[1],
    }
    return cached_page(request, templates.TemplateResponse(request, template, context))


@pages.api_route("/practice", methods=["GET", "HEAD"], response_class=HTMLResponse)
def practice_page(request: Request) -> Response:
    """The questions, asked one at a time or all listed, each checked as it is answered."""
    return _render(request, "practice.html")


@pages.api_route("/practice/sheet", methods=["GET", "HEAD"], response_class=HTMLResponse)
def practice_sheet(request: Request) -> Response:
    """The set on paper: the questions, then the answers with their solutions on a new page."""
    return _render(request, "practice_sheet.html")
