"""What the main page's image section offers (templates/_image.html): the bundled pictures,
the kernel presets, the display scales and the upload limit, each from its one declaration,
so the page never lists them a second time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

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
    max_bytes=IMAGE_LIMITS.max_body,
    working_size=IMAGE_LIMITS.working_size,
)
