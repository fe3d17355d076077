"""The message catalogue: every string a person reads on the page, per language.

Templates call ``t(key, **values)``; the page's scripts receive the same catalogue as a JSON
data block, so translating the page means adding app/locales/<lang>.json, nothing else.
The files are read by app/core/catalogue.py, which the engine's own sentences share.

The glossary lives in the catalogues too: each ``glossary.<term>`` key holds the term as that
language's courses say it (``glossary.stride`` is "stride" in en.json, "스트라이드" in
ko.json), so a term is written once per language and the page pairs the languages up.
"""

from __future__ import annotations

from app.core.catalogue import DEFAULT_LANG, LOCALES_DIR, available, catalogue, fill

__all__ = ["DEFAULT_LANG", "LOCALES_DIR", "available", "catalogue", "choose_lang", "translate"]

GLOSSARY_PREFIX = "glossary."


def choose_lang(requested: str | None, accept_language: str | None) -> str:
    """The ``lang`` parameter if we have it, else the browser's first language we have."""
    if requested in available():
        assert requested is not None
        return requested
    for part in (accept_language or "").split(",")[:8]:
        code = part.split(";")[0].strip().lower()[:2]
        if code in available():
            return code
    return DEFAULT_LANG


def translate(lang: str, key: str, **values: object) -> str:
    """The message ``key`` with ``{name}`` placeholders filled; the key itself if missing."""
    return fill(catalogue(lang).get(key, key), values)


def glossary() -> list[dict[str, str]]:
    """Each glossary term in every language (English first), in the catalogue's order."""
    langs = [DEFAULT_LANG, *(lang for lang in available() if lang != DEFAULT_LANG)]
    keys = [key for key in catalogue(DEFAULT_LANG) if key.startswith(GLOSSARY_PREFIX)]
    return [{lang: catalogue(lang)[key] for lang in langs} for key in keys]
