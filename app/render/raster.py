"""Drawing primitives to PNG and GIF bytes with Pillow, on a small fixed palette.

The shared part of every frame (grids, labels, legend) is drawn once in RGB, so its text is
anti-aliased, and mapped without dithering onto the picture's own few colours; each frame
then draws its kernel and output cell straight in palette indices. Few colours and frames
that differ in a small box keep the GIF smaller than the paper's own.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.core.arithmetic import Arithmetic
from app.render.geometry import Geometry
from app.render.numbers import Values
from app.render.primitives import Label, Line, Rect, Shape
from app.render.scene import base_shapes, drawn_kinds, frame_shapes
from app.render.steps import Step
from app.render.theme import Colour, Theme, blend

Ink = int | Colour
_ANCHORS = {"start": "ls", "middle": "ms"}
# Pillow's built-in font (Aileron) has no glyphs for these; the SVG keeps the real ones.
_ASCII = str.maketrans({"×": "x", "−": "-", "∞": "inf"})


# Nor has it Hangul: Korean labels take NanumGothic, from Debian's fonts-nanum (installed by
# the README's commands and the Dockerfile); without it they would draw as empty boxes.
HANGUL_FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= char <= "\ud7a3" for char in text)


@lru_cache(maxsize=32)
def _font(size: int, hangul: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if hangul and HANGUL_FONT.exists():
        return ImageFont.truetype(str(HANGUL_FONT), size)
    return ImageFont.load_default(size=size)


def _dashed(draw: ImageDraw.ImageDraw, line: Line, ink: Ink) -> None:
    if line.dash is None:
        draw.line([(line.x1, line.y1), (line.x2, line.y2)], fill=ink, width=line.width)
        return
    on, off = line.dash
    length = max(abs(line.x2 - line.x1), abs(line.y2 - line.y1))
    dx, dy = (line.x2 > line.x1), (line.y2 > line.y1)
    for start in range(0, length + 1, on + off):
        end = min(start + on - 1, length)
        a = (line.x1 + start * dx, line.y1 + start * dy)
        b = (line.x1 + end * dx, line.y1 + end * dy)
        draw.line([a, b], fill=ink, width=line.width)


def _draw(image: Image.Image, shapes: Iterable[Shape], ink: Mapping[Colour, Ink]) -> None:
    draw = ImageDraw.Draw(image)
    for shape in shapes:
        if isinstance(shape, Rect):
            x, y, w, h = shape.x, shape.y, shape.width, shape.height
            if shape.fill is not None:
                draw.rectangle([x, y, x + w - 1, y + h - 1], fill=ink[shape.fill])
            if shape.stroke is not None:
                # Centred on the edges, as SVG strokes are.
                half = shape.stroke_width // 2
                box = [x - half, y - half, x + w + half, y + h + half]
                draw.rectangle(box, outline=ink[shape.stroke], width=shape.stroke_width)
        elif isinstance(shape, Line):
            _dashed(draw, shape, ink[shape.colour])
        else:
            _label(draw, shape, ink[shape.colour])


def _label(draw: ImageDraw.ImageDraw, label: Label, ink: Ink) -> None:
    anchor = _ANCHORS[label.anchor]
    text = label.text.translate(_ASCII)
    font = _font(label.size, _has_hangul(text))
    draw.text((label.x, label.y), text, fill=ink, font=font, anchor=anchor)


def _colours(shapes: Iterable[Shape]) -> list[Colour]:
    found: dict[Colour, None] = {}
    for shape in shapes:
        if isinstance(shape, Rect):
            for colour in (shape.fill, shape.stroke):
                if colour is not None:
                    found[colour] = None
        elif isinstance(shape, Line):
            found[shape.colour] = None
        else:
            found[shape.colour] = None
    return list(found)


def _flat(colours: Iterable[Colour]) -> list[int]:
    return [channel for colour in colours for channel in colour]


def _palette_image(colours: Sequence[Colour]) -> Image.Image:
    # Pad with a colour no pixel is near, so the quantizer only ever picks the real entries.
    image = Image.new("P", (1, 1))
    image.putpalette(_flat(list(colours) + [(255, 0, 255)] * (256 - len(colours))))
    return image


def _indexed_frames(
    arith: Arithmetic,
    geom: Geometry,
    theme: Theme,
    steps: Sequence[Step],
    values: Values | None,
) -> list[Image.Image]:
    kinds = drawn_kinds(arith)
    base = base_shapes(geom, theme, kinds, values)
    overlays = [frame_shapes(geom, theme, step, kinds, values) for step in steps]
    text_steps = [blend(theme.background, theme.ink, a) for a in (0.25, 0.5, 0.75)]
    overlay_colours = [c for overlay in overlays for c in _colours(overlay)]
    colours = list(dict.fromkeys(_colours(base) + text_steps + overlay_colours))
    index = {colour: i for i, colour in enumerate(colours)}
    rgb = Image.new("RGB", (geom.width, geom.height), theme.background)
    _draw(rgb, base, {c: c for c in colours})
    indexed = rgb.quantize(palette=_palette_image(colours), dither=Image.Dither.NONE)
    # Only the picture's own colours, plus one spare entry for the GIF's transparency.
    indexed.putpalette(_flat([*colours, theme.background]))
    out = []
    for overlay in overlays:
        image = indexed.copy()
        _draw(image, overlay, index)
        out.append(image)
    return out


def frame_png(
    arith: Arithmetic, geom: Geometry, theme: Theme, step: Step, values: Values | None = None
) -> bytes:
    """One step as a palette PNG; with ``values``, numbers in the cells."""
    (image,) = _indexed_frames(arith, geom, theme, [step], values)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def animation_gif(
    arith: Arithmetic,
    geom: Geometry,
    theme: Theme,
    steps: Sequence[Step],
    ms: int,
    values: Values | None = None,
) -> bytes:
    """Every step, ``ms`` milliseconds each, looping forever; with ``values``, numbers."""
    images = _indexed_frames(arith, geom, theme, steps, values)
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=images[1:],
        duration=ms,
        loop=0,
        optimize=True,
    )
    return buffer.getvalue()
