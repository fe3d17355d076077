"""What a picture is made of: rectangles, lines and text, in whole pixels.

The SVG and raster writers only translate these, so both draw the same picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Literal

from app.render.theme import Colour

Box = tuple[int, int, int, int]  # x, y, width, height
Dash = tuple[int, int]  # drawn, skipped (pixels)


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int
    fill: Colour | None
    stroke: Colour | None = None
    stroke_width: int = 0


@dataclass(frozen=True)
class Line:
    x1: int
    y1: int
    x2: int
    y2: int
    colour: Colour
    width: int
    dash: Dash | None = None


@dataclass(frozen=True)
class Label:
    x: int  # the anchor point, on the baseline
    y: int
    text: str
    size: int
    colour: Colour
    anchor: Literal["start", "middle"] = "start"


Shape = Rect | Line | Label


def text_width(text: str, size: int) -> int:
    """A generous estimate of a sans-serif text's width; layout must not depend on a font.
    Hangul syllables are square, a full em each."""
    wide = sum("\uac00" <= char <= "\ud7a3" for char in text)
    return ceil(size * (0.6 * (len(text) - wide) + 1.0 * wide))
