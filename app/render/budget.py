"""How much drawing one request may ask for; checked on the geometry, before any drawing."""

from __future__ import annotations

from app.core.frames import TooLargeToDraw
from app.render.geometry import Geometry

MAX_PIXELS = 4_000_000  # one PNG or SVG
MAX_ANIMATION_PIXELS = 32_000_000  # a GIF: frames × pixels per frame
MAX_ANIMATION_FRAMES = 1_024
MAX_SVG_CELLS = 65_536  # one element per cell: keeps the SVG text a few megabytes at most


def describe() -> str:
    return (
        f"Pictures: at most {MAX_PIXELS:,} pixels each; a GIF at most {MAX_ANIMATION_FRAMES:,} "
        f"frames (one per output cell) and {MAX_ANIMATION_PIXELS:,} pixels over all its "
        f"frames; an SVG at most {MAX_SVG_CELLS:,} drawn cells. Past a limit the answer is a "
        "422 saying what to lower."
    )


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1e6:.1f} megapixels"


def check_picture(geom: Geometry) -> None:
    if geom.pixels > MAX_PIXELS:
        raise TooLargeToDraw(
            "scale",
            f"The picture would be {geom.width}×{geom.height} ({_megapixels(geom.pixels)}), over "
            f"the limit of {_megapixels(MAX_PIXELS)}: lower the scale or the input size.",
        )


def check_svg(geom: Geometry) -> None:
    check_picture(geom)
    (gh, gw), (oh, ow) = geom.grid_shape, geom.output_shape
    cells = gh * gw + oh * ow
    if cells > MAX_SVG_CELLS:
        raise TooLargeToDraw(
            "i",
            f"The SVG would draw {cells:,} cells, over the limit of {MAX_SVG_CELLS:,}: lower "
            "the input size, or ask for frame.png.",
        )


def check_animation(geom: Geometry, frames: int) -> None:
    check_picture(geom)
    if frames > MAX_ANIMATION_FRAMES:
        raise TooLargeToDraw(
            "i",
            f"The animation would have {frames:,} frames (one per output cell), over the limit "
            f"of {MAX_ANIMATION_FRAMES:,}: lower the input size or raise the stride, or ask for "
            "single steps with frame.png.",
        )
    total = frames * geom.pixels
    if total > MAX_ANIMATION_PIXELS:
        raise TooLargeToDraw(
            "scale",
            f"The animation would draw {frames:,} frames of {geom.width}×{geom.height} "
            f"({_megapixels(total)} in all), over the limit of "
            f"{_megapixels(MAX_ANIMATION_PIXELS)}: lower the scale or the input size.",
        )
