"""Drawing primitives to SVG text: presentation attributes only, so a strict CSP serves it.

No scripts and no style attributes; every string from outside is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from app.render.geometry import Geometry
from app.render.primitives import Label, Line, Rect, Shape
from app.render.theme import Colour

_FONTS = "DejaVu Sans, Helvetica, Arial, sans-serif"


def _hex(colour: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _rect(rect: Rect) -> str:
    fill = _hex(rect.fill) if rect.fill is not None else "none"
    attrs = f'x="{rect.x}" y="{rect.y}" width="{rect.width}" height="{rect.height}" fill="{fill}"'
    if rect.stroke is not None:
        attrs += f' stroke="{_hex(rect.stroke)}" stroke-width="{rect.stroke_width}"'
    return f"<rect {attrs}/>"


def _line(line: Line) -> str:
    # Odd widths sit on the half pixel so a 1-pixel line covers one pixel column, as in the PNG.
    shift = 0.5 if line.width % 2 else 0
    x1, y1 = line.x1 + shift, line.y1 + shift
    x2, y2 = line.x2 + shift, line.y2 + shift
    # Extend to the far pixel's edge: the raster's lines include both end pixels.
    x2 += 1 if line.x2 > line.x1 else 0
    y2 += 1 if line.y2 > line.y1 else 0
    attrs = f'x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="{_hex(line.colour)}"'
    attrs += f' stroke-width="{line.width}"'
    if line.dash is not None:
        attrs += f' stroke-dasharray="{line.dash[0]} {line.dash[1]}"'
    return f"<line {attrs}/>"


def _label(label: Label) -> str:
    return (
        f'<text x="{label.x}" y="{label.y}" font-family="{_FONTS}" font-size="{label.size}" '
        f'fill="{_hex(label.colour)}" text-anchor="{label.anchor}">'
        f"{escape(label.text, quote=False)}</text>"
    )


def _element(shape: Shape) -> str:
    if isinstance(shape, Rect):
        return _rect(shape)
    if isinstance(shape, Line):
        return _line(shape)
    return _label(shape)


def svg_document(geom: Geometry, shapes: Iterable[Shape], title: str) -> str:
    """A standalone SVG of ``shapes``, titled for screen readers."""
    w, h = geom.width, geom.height
    body = "\n".join(_element(shape) for shape in shapes)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img">\n'
        f"<title>{escape(title, quote=False)}</title>\n{body}\n</svg>\n"
    )
