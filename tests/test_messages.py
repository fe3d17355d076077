"""The message catalogue: every key the page uses exists, and nothing else is left over."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.web.messages import available, catalogue, choose_lang, translate

ROOT = Path(__file__).resolve().parents[1]
# t("key"...) in templates and scripts; keys built at run time are listed by their prefix.
CALL = re.compile(r"""\bt\(\s*["']([a-z_.]+[a-z])["']""")
LITERAL = re.compile(r"""["']([a-z_]+\.[a-z_.]+)["']""")
DYNAMIC_PREFIXES = (
    "op.",
    "param.",
    "axis.",
    "padding.",
    "legend.",
    "player.speed",
    "view.",
    "export.size_",
    "kind.about.",  # the kinds' sentences and menu labels: kind.<kind>
    *(f"kind.{kind}" for kind in ("standard", "grouped", "depthwise", "pointwise", "separable")),
    # Image mode's choices, one key each (tests/test_image_page.py holds them to the lists).
    "image.sample.",
    "image.kernel.",
    "image.scale.",
    "image.scale_about.",
    "image.mode.",
)


def sources() -> list[str]:
    paths = [
        *ROOT.glob("templates/*.html"),
        *ROOT.glob("static/js/*.js"),
        *ROOT.glob("app/web/*.py"),
        *ROOT.glob("app/render/*.py"),
    ]
    return [path.read_text("utf-8") for path in paths]


def called_keys() -> set[str]:
    """Keys passed straight to t(...)."""
    return {key for text in sources() for key in CALL.findall(text)}


def used_keys() -> set[str]:
    """Every quoted string that names a key, wherever it is passed from."""
    return {key for text in sources() for key in LITERAL.findall(text)}


def test_every_used_key_is_in_the_english_catalogue() -> None:
    missing = sorted(key for key in called_keys() if key not in catalogue("en"))
    assert missing == []


def test_the_catalogue_has_no_unused_keys() -> None:
    used = used_keys()
    unused = [
        key
        for key in catalogue("en")
        if key not in used and not key.startswith(DYNAMIC_PREFIXES) and key != "lang.name"
    ]
    assert unused == []


@pytest.mark.parametrize("lang", available())
def test_every_catalogue_fills_the_same_placeholders(lang: str) -> None:
    english = catalogue("en")
    for key, text in catalogue(lang).items():
        assert set(re.findall(r"{\w+}", text)) == set(re.findall(r"{\w+}", english[key])), key


def test_translate_fills_placeholders_and_falls_back_to_the_key() -> None:
    assert translate("en", "player.step", step=3, total=9) == "step 3 of 9"
    assert translate("en", "no.such.key") == "no.such.key"


@pytest.mark.parametrize(
    ("requested", "accept", "expected"),
    [
        ("en", None, "en"),
        ("xx", None, "en"),
        (None, "fr-FR,fr;q=0.9,en;q=0.8", "en"),
        (None, "", "en"),
        (None, "x" * 5000, "en"),
    ],
)
def test_choose_lang(requested: str | None, accept: str | None, expected: str) -> None:
    assert choose_lang(requested, accept) == expected
