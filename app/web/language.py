"""The language an answer speaks: the ``lang`` parameter, else the browser's Accept-Language.

Every API route takes ``lang``; a value we have no catalogue for is a 422 (in the language
the browser asks for). An answer whose words depend on the language says which it is in
(Content-Language) and, when no ``lang`` chose it, that it varies with Accept-Language, so
no cache hands one language's answer to a reader of the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Query, Request
from starlette.responses import Response

from app.core.catalogue import DEFAULT_LANG, Sentence, available
from app.core.parameters import ConfigError
from app.web.messages import choose_lang

LANG_DOC = (
    f"The language of the answer's sentences (refusals, notes): {', '.join(available())}. "
    f"Default: the request's Accept-Language, then {DEFAULT_LANG}."
)
LangQuery = Annotated[str | None, Query(max_length=16, description=LANG_DOC)]
# OpenAPI: the header every answer with sentences carries.
LANGUAGE_HEADERS = {
    "Content-Language": {
        "description": "The language of the answer's sentences, as `lang` or Accept-Language "
        "chose it; when Accept-Language chose it, the answer also says Vary: Accept-Language.",
        "schema": {"type": "string", "enum": list(available())},
    }
}
SAID_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Successful Response", "headers": LANGUAGE_HEADERS}
}


R = TypeVar("R", bound=Response)


@dataclass(frozen=True)
class Language:
    """The language chosen, and whether the request's Accept-Language chose it."""

    lang: str
    from_header: bool  # then caches must keep one answer per Accept-Language

    def say(self, sentence: Sentence) -> str:
        return sentence.say(self.lang)

    def mark(self, response: R) -> R:
        """Content-Language, and Vary where the header chose the language."""
        response.headers["Content-Language"] = self.lang
        if self.from_header:
            vary = response.headers.get("Vary")
            response.headers["Vary"] = f"{vary}, Accept-Language" if vary else "Accept-Language"
        return response


def request_language(request: Request) -> Language:
    """``lang`` if we have it, else the browser's first language we have, else English."""
    requested = request.query_params.get("lang")
    if requested in available():
        assert requested is not None
        return Language(requested, False)
    return Language(choose_lang(None, request.headers.get("accept-language")), True)


def checked_lang(lang: LangQuery = None) -> None:
    """A router dependency: ``lang`` is one of the catalogues' languages, or left out."""
    if lang and lang not in available():
        raise ConfigError("lang", "refusal.lang", langs=", ".join(available()), got=repr(lang[:40]))
