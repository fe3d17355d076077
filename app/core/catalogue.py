"""The message catalogue's files, and a sentence as a key of it plus its values.

Every sentence the engine writes (a refusal, a note) is a ``Sentence``: the key names the
words, per language, in app/locales/<lang>.json; the values are numbers, formulas and the
user's own text, the same in every language. Raising one costs no language: the web layer
says it in the language the request asked for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LANG = "en"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def available() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in LOCALES_DIR.glob("*.json")))


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The catalogue of ``lang``, completed from English where a key is missing."""
    english: dict[str, str] = json.loads((LOCALES_DIR / f"{DEFAULT_LANG}.json").read_text("utf-8"))
    if lang == DEFAULT_LANG or lang not in available():
        return english
    own: dict[str, str] = json.loads((LOCALES_DIR / f"{lang}.json").read_text("utf-8"))
    return english | own


def fill(text: str, values: Mapping[str, object]) -> str:
    """``text`` with its ``{name}`` placeholders replaced in one pass, so a value that holds
    braces (a user's text) is never read as a placeholder itself."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text
    )


@dataclass(frozen=True)
class Sentence:
    """A catalogue key and its values; a value may be a sentence itself, said in the same
    language (a layer's refusal inside "Layer 3 (conv): ...")."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def say(self, lang: str = DEFAULT_LANG) -> str:
        words = catalogue(lang)
        if self.key not in words:
            raise KeyError(f"{self.key} is not in the catalogue")
        said = {
            name: value.say(lang) if isinstance(value, Sentence) else value
            for name, value in self.values.items()
        }
        return fill(words[self.key], said)

    def __str__(self) -> str:
        return self.say()
