"""Every URL the server writes: page links, embeds, pictures and link previews.

Templates and previews build URLs here only, never by hand; static/js/urls.js is the page's
twin and writes the same shapes (tests hold the two to the same cases).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import quote

from app.core.network import layer_size
from app.core.params import Config, sizes_query
from app.web.image_page import CLOSED, ImageLink
from app.web.renders import DEFAULT_SCALE

Picture = Literal["animation.gif", "frame.png", "frame.svg"]
View = Literal["direct", "scatter"]


@dataclass(frozen=True)
class Link:
    """What a link to the page holds: the configuration and the page's own settings."""

    config: Config
    numbers: bool = False
    view: View = "direct"
    step: int | None = None  # set while paused
    lang: str | None = None  # only when the link chose one
    image: ImageLink = CLOSED  # the image section, open on a sample or closed
    present: bool = False  # presentation mode: the figure alone, full screen
    matrix: bool = False  # the matrix view open under the figure
    overlap: bool = False  # a transposed convolution's output shaded by its kernel copies

    def query(self) -> str:
        """The engine's canonical query, then numbers, view, step, image mode, the matrix view,
        the overlap heatmap (a transposed convolution's only), language and presentation
        mode."""
        parts = [self.config.query()]
        if self.numbers:
            parts.append("numbers=1")
        if self.view == "scatter":
            parts.append("view=scatter")
        if self.step is not None:
            parts.append(f"step={self.step}")
        parts.extend(self.image.query_parts())
        if self.matrix:
            parts.append("matrix=1")
        if self.overlap and self.config.op == "transpose":
            parts.append("overlap=1")
        if self.lang:
            parts.append(f"lang={quote(self.lang)}")
        if self.present:
            parts.append("present=1")
        return "&".join(parts)


def page(link: Link) -> str:
    return f"/?{link.query()}"


def embed(link: Link) -> str:
    """The embed view: the figure alone, so without image mode's, the matrix view's, the
    overlap heatmap's or presentation mode's settings."""
    closed = replace(link, image=CLOSED, present=False, matrix=False, overlap=False)
    return f"/embed?{closed.query()}"


def picture(name: Picture, link: Link, step: int | None = None, scale: int = DEFAULT_SCALE) -> str:
    """A picture of the link's configuration (the direct view; numbers as the link shows
    them); ``step`` for the single frames."""
    parts = [link.config.query()]
    if link.numbers:
        parts.append("numbers=1")
    if scale != DEFAULT_SCALE:
        parts.append(f"scale={scale}")
    if step is not None:
        parts.append(f"step={step}")
    if link.lang:
        # The pictures' words in the page's language.
        parts.append(f"lang={quote(link.lang)}")
    return f"/render/{name}?{'&'.join(parts)}"


def separable(config: Config) -> str:
    """The planner (/network) with a standard convolution's depthwise-separable replacement:
    a depthwise k×k layer (g = c_in, the same stride, padding and dilation) then a pointwise
    1×1, each layer in the planner's canonical spelling (defaults left out), in the layer's
    own dimensions (``dims`` written when not 2, as the planner's canonical query)."""
    c = config
    shared = "" if c.bias else ",bias=0"
    depthwise = [f"c={c.c_in}", f"k={layer_size(c.axes('k'))}"]
    if any(v != 1 for v in c.axes("s")):
        depthwise.append(f"s={layer_size(c.axes('s'))}")
    if c.padding_keyword:
        depthwise.append(f"p={c.padding_keyword}")
    elif any(v != 0 for v in c.axes("p")):
        depthwise.append(f"p={layer_size(c.axes('p'))}")
    if any(v != 1 for v in c.axes("d")):
        depthwise.append(f"d={layer_size(c.axes('d'))}")
    if c.c_in > 1:
        depthwise.append(f"g={c.c_in}")
    layers = f"conv({','.join(depthwise)}{shared});conv(c={c.c_out},k=1{shared})"
    dims = "" if c.dims == 2 else f"dims={c.dims}&"
    return f"/network?{dims}i={sizes_query(c.axes('i'))}&c_in={c.c_in}&layers={layers}"


def network_page(query: str = "", lang: str | None = None) -> str:
    """The network planner for a network query (the API's canonical one, or ``preset=``)."""
    parts = [part for part in (query, f"lang={quote(lang)}" if lang else "") if part]
    return f"/network?{'&'.join(parts)}" if parts else "/network"


def figure_page(lang: str | None = None) -> str:
    """The page's default figure, in the link's language if it chose one."""
    return switch_language("/", "", lang) if lang else "/"


def switch_language(path: str, query: str, lang: str) -> str:
    """The same link in ``lang``: every other part of ``query`` kept as written, ``lang``
    last, as the page writes it (static/js/urls.js's languageUrl is the twin)."""
    kept = [part for part in query.split("&") if part and part.split("=")[0] != "lang"]
    return f"{path}?{'&'.join([*kept, f'lang={quote(lang)}'])}"


def practice_page(lang: str | None = None) -> str:
    """A fresh practice set (the page picks its seed), in the link's language if it chose one."""
    return switch_language("/practice", "", lang) if lang else "/practice"


def tour_page(number: int | None = None, lang: str | None = None, link: Link | None = None) -> str:
    """The tour's index, or stop ``number`` (with ``link``'s figure, else the stop's own)."""
    path = "/tour" if number is None else f"/tour/{number}"
    parts = [link.query()] if link else []
    if lang and not (link and link.lang):
        parts.append(f"lang={quote(lang)}")
    return f"{path}?{'&'.join(parts)}" if parts else path
