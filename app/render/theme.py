"""The pictures' colours: the paper's, on a light page, and a dark variant for dark slides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Colour = tuple[int, int, int]
ThemeName = Literal["light", "dark"]
THEME_NAMES: tuple[ThemeName, ...] = get_args(ThemeName)

# The paper's figures (vdumoulin/conv_arithmetic): input and output colours, Solarized lines.
INPUT_BLUE: Colour = (38, 139, 210)
OUTPUT_CYAN: Colour = (42, 161, 152)
BASE03: Colour = (0, 43, 54)
BASE02: Colour = (7, 54, 66)


def blend(under: Colour, over: Colour, alpha: float) -> Colour:
    """``over`` laid on ``under`` at opacity ``alpha``, rounded to whole channel values."""
    r, g, b = (round(u + (o - u) * alpha) for u, o in zip(under, over, strict=True))
    return (r, g, b)


@dataclass(frozen=True)
class Theme:
    background: Colour
    ink: Colour  # text and solid lines
    zero: Colour  # fill of padding and inserted zeros
    zero_line: Colour  # their dashed borders
    inserted_line: Colour  # the dotted borders of zeros inserted between input units
    input: Colour
    output: Colour
    shade: Colour  # laid over the kernel's cells, as the paper lays base02 at 40 %
    shade_alpha: float

    def shaded(self, colour: Colour) -> Colour:
        return blend(colour, self.shade, self.shade_alpha)


THEMES: dict[ThemeName, Theme] = {
    "light": Theme(
        background=(255, 255, 255),
        ink=BASE03,
        zero=(255, 255, 255),
        zero_line=BASE03,
        inserted_line=(101, 123, 131),
        input=INPUT_BLUE,
        output=OUTPUT_CYAN,
        shade=BASE02,
        shade_alpha=0.4,
    ),
    "dark": Theme(
        background=BASE03,
        ink=(238, 232, 213),
        zero=BASE02,
        zero_line=(147, 161, 161),
        inserted_line=(88, 110, 117),
        input=INPUT_BLUE,
        output=OUTPUT_CYAN,
        shade=(0, 0, 0),
        shade_alpha=0.45,
    ),
}


def inserted_fill(theme: Theme) -> Colour:
    """Zeros a transposed convolution inserts: tinted, so they read apart from padding."""
    return blend(theme.zero, theme.inserted_line, 0.12)


def cell_fills(theme: Theme) -> dict[str, Colour]:
    """The fill of each kind of grid cell, unshaded."""
    return {"input": theme.input, "padding": theme.zero, "inserted": inserted_fill(theme)}
