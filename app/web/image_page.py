"""What the main page's image section offers (templates/_image.html): the bundled pictures,
the kernel presets, the display scales, the zooms and the upload limit, each from its one
declaration, so the page never lists them a second time; and the section's settings as a
link holds them (``ImageLink``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import get_args
from urllib.parse import quote

from app.core.filtering import ScaleChoice
from app.core.limits import IMAGE_LIMITS
from app.core.parameters import PADDING_MODES, PRESETS
from app.core.samples import SAMPLE_SIZE, SAMPLES


@dataclass(frozen=True)
class ImageSection:
    """The section's choices; the catalogue words each as image.sample.<name>,
    image.kernel.<name>, image.scale.<name> and image.mode.<name>."""

    samples: tuple[str, ...]
    sample_size: int
    presets: tuple[str, ...]
    scales: tuple[str, ...]
    padding_modes: tuple[str, ...]
    zooms: tuple[int, ...]
    max_bytes: int
    working_size: int

    @property
    def max_megabytes(self) -> str:
        """The upload limit as the catalogue's sentences name it: 4 MB (of 2^20 bytes)."""
        return f"{self.max_bytes / 2**20:g}"


IMAGE_SECTION = ImageSection(
    samples=tuple(SAMPLES),
    sample_size=SAMPLE_SIZE,
    presets=PRESETS,
    scales=get_args(ScaleChoice),
    padding_modes=PADDING_MODES,
    zooms=(1, 2, 3, 4),
    max_bytes=IMAGE_LIMITS.max_body,
    working_size=IMAGE_LIMITS.working_size,
)

# The section's settings in a page link. Not `scale`: the pictures (/render/*) take that name
# for their cell size, and a page link's names are theirs too.
IMAGE_NAMES = ("image", "image_scale", "image_zoom")


@dataclass(frozen=True)
class ImageLink:
    """Image mode as a link holds it: open on a bundled ``sample`` (None: closed; an upload
    cannot travel in a link), its display ``scale`` and ``zoom``; defaults are left out.

    >>> ImageLink.from_query({"image": "rings", "image_zoom": "2"})[0].query_parts()
    ['image=rings', 'image_zoom=2']
    """

    sample: str | None = None
    scale: str = "auto"
    zoom: int = 1

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> tuple[ImageLink, list[str]]:
        """The settings ``params`` give, and each value the section does not offer (left
        at its default), as ``name=value`` cut short: a link is untrusted."""
        section = IMAGE_SECTION
        offered: dict[str, tuple[str, ...]] = {
            "image": section.samples,
            "image_scale": section.scales,
            "image_zoom": tuple(map(str, section.zooms)),
        }
        chosen: dict[str, str] = {}
        refused: list[str] = []
        for name, values in offered.items():
            value = params.get(name)
            if not value:
                continue
            if value in values:
                chosen[name] = value
            else:
                refused.append(f"{name}={value[:40]}")
        link = cls(
            sample=chosen.get("image"),
            scale=chosen.get("image_scale", "auto"),
            zoom=int(chosen.get("image_zoom", "1")),
        )
        return link, refused

    def query_parts(self) -> list[str]:
        """``image=``, ``image_scale=`` and ``image_zoom=``, each unless it is the default;
        none while the section is closed (static/js/urls.js's imageQuery)."""
        if not self.sample:
            return []
        parts = [f"image={quote(self.sample)}"]
        if self.scale != "auto":
            parts.append(f"image_scale={quote(self.scale)}")
        if self.zoom != 1:
            parts.append(f"image_zoom={self.zoom}")
        return parts


# The section closed, as a link without image mode's names opens it.
CLOSED = ImageLink()
