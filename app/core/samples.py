"""The bundled pictures image mode filters: drawn here with numpy, deterministically, so the
repository holds no binary files and every run sees the same pixels.

Each is greyscale (uint8), ``SAMPLE_SIZE`` pixels a side, built once and shared read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from app.core.parameters import ConfigError

SAMPLE_SIZE = 256


def _grid(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column coordinates of every pixel."""
    rows, cols = np.mgrid[0:size, 0:size]
    return rows.astype(np.float64), cols.astype(np.float64)


def _shapes(size: int) -> np.ndarray:
    """A disc, a square and a triangle with hard edges, and one-pixel lines (horizontal,
    vertical, diagonal), on a gradient soft enough that only the shapes' edges respond to
    an edge detector."""
    y, x = _grid(size)
    q = size / 4
    picture = 64.0 + 96.0 * x / (size - 1)  # left to right, 64 to 160
    picture[(y - q) ** 2 + (x - q) ** 2 <= (0.7 * q) ** 2] = 230.0
    picture[(y >= 0.35 * q) & (y < 1.65 * q) & (x >= 2.35 * q) & (x < 3.65 * q)] = 20.0
    # Triangle: apex at the top, base at the bottom of the lower-left quarter.
    top, bottom, half = 2.3 * q, 3.7 * q, 0.7 * q
    reach = half * (y - top) / (bottom - top)
    picture[(y >= top) & (y < bottom) & (np.abs(x - q) <= reach)] = 200.0
    lines = (y >= 2 * q) & (x >= 2 * q)
    picture[lines & (y == np.round(2.5 * q))] = 255.0
    picture[lines & (x == np.round(2.5 * q))] = 0.0
    picture[lines & (y - 2 * q == x - 2 * q) & (y >= 2.75 * q)] = 255.0
    return picture


def _rings(size: int) -> np.ndarray:
    """A zone plate: rings whose frequency grows with the radius, reaching the Nyquist rate
    (half a cycle per pixel) at the middle of each edge, so a stride over 1 aliases visibly."""
    y, x = _grid(size)
    c = (size - 1) / 2
    r2 = (y - c) ** 2 + (x - c) ** 2
    # Phase π r²/size: its derivative in r is 2π r/size, r/size cycles per pixel.
    return 127.5 + 127.5 * np.cos(np.pi * r2 / size)


def _checkerboard(size: int) -> np.ndarray:
    """Black and white squares 16 pixels a side: a stride of 16 or 32 can land on one
    colour only."""
    y, x = _grid(size)
    return np.where((y // 16 + x // 16) % 2 == 0, 255.0, 0.0)


@dataclass(frozen=True)
class Sample:
    name: str
    about: str  # what a learner sees in it, in English (the catalogue's sample.about.<name>)
    draw: Callable[[int], np.ndarray]


SAMPLES: dict[str, Sample] = {
    s.name: s
    for s in (
        Sample("shapes", "A disc, a square, a triangle and thin lines on a gradient.", _shapes),
        Sample("rings", "A zone plate: rings ever finer outwards; strides alias.", _rings),
        Sample("checkerboard", "Black and white squares 16 pixels a side.", _checkerboard),
    )
}


@cache
def sample(name: str) -> np.ndarray:
    """The named sample, greyscale uint8 (read-only: it is shared)."""
    chosen = SAMPLES.get(name)
    if chosen is None:
        raise ConfigError(
            "sample", "refusal.sample", got=repr(name[:40]), samples=", ".join(SAMPLES)
        )
    pixels: np.ndarray = np.clip(np.rint(chosen.draw(SAMPLE_SIZE)), 0, 255).astype(np.uint8)
    pixels.setflags(write=False)
    return pixels
