"""The main page's image section: every choice it offers has its words in the catalogue,
and the page offers what the engine declares (samples, presets, scales, padding modes,
the upload limit)."""

from __future__ import annotations

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
