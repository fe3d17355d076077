"""What every page's template reads first: its language, the translator and the catalogue
(which the page's scripts get as a JSON block), chosen the same way on every page."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from app.web import urls
from app.web.messages import available, catalogue, choose_lang, glossary, translate


def page_context(request: Request) -> dict[str, Any]:
    """``lang`` from the link, else the browser's languages; ``t`` and ``messages`` in it;
    the language switch's links (this very link in each language) and the glossary."""
    lang = choose_lang(request.query_params.get("lang"), request.headers.get("accept-language"))

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    languages = [
        (
            code,
            catalogue(code)["lang.name"],
            urls.switch_language(request.url.path, request.url.query, code),
        )
        for code in available()
    ]
    return {
        "lang": lang,
        "t": t,
        "messages": catalogue(lang),
        "languages": languages,
        "glossary": glossary(),
    }
