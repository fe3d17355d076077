"""The main page's image section: every choice it offers has its words in the catalogue,
and the page offers what the engine declares (samples, presets, scales, padding modes,
the upload limit)."""

from __future__ import annotations

import re
from typing import get_args

import pytest
from fastapi.testclient import TestClient

from app.core.filtering import ScaleChoice
from app.core.limits import IMAGE_LIMITS
from app.core.parameters import PADDING_MODES, PRESETS
from app.core.samples import SAMPLES
from app.web.image_page import IMAGE_SECTION
from app.web.messages import catalogue

CHOICES = {
    "image.sample.": tuple(SAMPLES),
    "image.kernel.": PRESETS,
    "image.scale.": get_args(ScaleChoice),
    "image.scale_about.": get_args(ScaleChoice),
    "image.mode.": PADDING_MODES,
}


@pytest.mark.parametrize(("prefix", "names"), CHOICES.items())
def test_every_choice_has_its_words_and_no_more(prefix: str, names: tuple[str, ...]) -> None:
    keys = {key.removeprefix(prefix) for key in catalogue("en") if key.startswith(prefix)}
    assert keys == set(names)


def test_the_section_offers_the_engines_choices() -> None:
    assert IMAGE_SECTION.samples == tuple(SAMPLES)
    assert IMAGE_SECTION.presets == PRESETS
    assert IMAGE_SECTION.max_bytes == IMAGE_LIMITS.max_body
    assert IMAGE_SECTION.max_megabytes == "4"


def test_the_page_renders_the_section(client: TestClient) -> None:
    page = client.get("/").text
    assert 'id="image-mode"' in page
    assert f'data-max-bytes="{IMAGE_LIMITS.max_body}"' in page
    for name in (*SAMPLES, *PRESETS, *get_args(ScaleChoice), *PADDING_MODES):
        assert f'value="{name}"' in page
    assert "at most 4 MB" in page


def _section(page: str) -> tuple[bool, str]:
    """Whether the section opens, and its HTML."""
    tag = re.search(r'<details[^>]*id="image-mode"[^>]*>', page)
    assert tag is not None
    return " open " in tag.group(0), page.split(tag.group(0))[1].split("</details>")[0]


def test_a_link_opens_the_section_on_its_sample_scale_and_zoom(client: TestClient) -> None:
    answer = client.get("/?op=conv&i=5&w=sobel_x&s=2&image=rings&image_scale=abs&image_zoom=3")
    assert answer.status_code == 200
    opened, section = _section(answer.text)
    assert opened
    assert 'value="rings" checked' in section
    assert 'value="shapes" checked' not in section
    assert '<option value="abs" selected' in section
    assert '<option value="3" selected' in section
    assert '<p class="hint" id="image-scale-about">abs:' in section
    assert 'id="ignored' not in answer.text


def test_without_image_the_section_is_closed_on_the_first_sample(client: TestClient) -> None:
    opened, section = _section(client.get("/?op=conv&i=5").text)
    assert not opened
    assert 'value="shapes" checked' in section
    assert '<option value="auto" selected' in section
    assert '<option value="1" selected' in section


@pytest.mark.parametrize(
    ("query", "refused"),
    [
        ("image=photo.png", "image=photo.png"),
        ("image=rings&image_zoom=9", "image_zoom=9"),
        ("image=rings&image_zoom=1.5", "image_zoom=1.5"),
        ("image=rings&image_scale=log", "image_scale=log"),
        ("image=" + "x" * 300, "image=" + "x" * 40),
    ],
)
def test_a_value_the_section_does_not_offer_is_ignored_with_a_notice(
    client: TestClient, query: str, refused: str
) -> None:
    answer = client.get(f"/?op=conv&i=5&k=3&{query}")
    assert answer.status_code == 200
    notice = answer.text.split('<p id="ignored-values" class="notice" role="status">')[1]
    notice = notice.split("</p>")[0]
    assert notice.startswith("This link gives image mode values it does not offer")
    assert f"ignored: {refused}." in notice
    assert "image= one of shapes, rings, checkerboard" in notice
    # The names themselves are the page's: no "names it does not take" notice.
    assert 'id="ignored"' not in answer.text
    opened, section = _section(answer.text)
    assert opened == ("image=rings" in query)
    assert '<option value="auto" selected' in section
    assert '<option value="1" selected' in section
