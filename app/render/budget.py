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
        "frames (one per output cell, of every depth slice in 3-D) and "
        f"{MAX_ANIMATION_PIXELS:,} pixels over all its "
        f"frames; an SVG at most {MAX_SVG_CELLS:,} drawn cells. Past a limit the answer is a "
        "422 saying what to lower."
    )


def _megapixels(pixels: int) -> str:
    """The number the catalogue's sentences call megapixels (their own word after it)."""
    return f"{pixels / 1e6:.1f}"


def check_picture(geom: Geometry) -> None:
    if geom.pixels > MAX_PIXELS:
        raise TooLargeToDraw(
            "scale",
            "refusal.picture_too_large",
            width=geom.width,
            height=geom.height,
            megapixels=_megapixels(geom.pixels),
            limit=_megapixels(MAX_PIXELS),
        )


def check_svg(geom: Geometry) -> None:
    check_picture(geom)
    (gh, gw), (oh, ow) = geom.grid_shape, geom.output_shape
    grid_depth, out_depth = geom.depths
    cells = grid_depth * gh * gw + out_depth * oh * ow
    if cells > MAX_SVG_CELLS:
        raise TooLargeToDraw(
            "i", "refusal.svg_too_large", cells=f"{cells:,}", limit=f"{MAX_SVG_CELLS:,}"
        )


def check_animation(geom: Geometry, frames: int) -> None:
    check_picture(geom)
    if frames > MAX_ANIMATION_FRAMES:
        raise TooLargeToDraw(
            "i",
            "refusal.too_many_animation_frames",
            frames=f"{frames:,}",
            limit=f"{MAX_ANIMATION_FRAMES:,}",
        )
    total = frames * geom.pixels
    if total > MAX_ANIMATION_PIXELS:
        raise TooLargeToDraw(
            "scale",
            "refusal.animation_too_large",
            frames=f"{frames:,}",
            width=geom.width,
            height=geom.height,
            megapixels=_megapixels(total),
            limit=_megapixels(MAX_ANIMATION_PIXELS),
        )
