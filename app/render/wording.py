"""What a picture says: its grid captions and legend, as keys of the page's message catalogue.

The words themselves come from outside (``Words``: app/web fills it from
app/locales/<lang>.json), so a picture says exactly what the page beside it says, in the
page's language. static/js/captions.js chooses the grid caption's key by the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from app.core.arithmetic import Arithmetic
from app.core.parameters import Op, PaddingMode

LegendKind = Literal["input", "padding", "inserted", "kernel", "output", "current"]


class Words(Protocol):
    """A message of the catalogue: ``key`` with its ``{name}`` placeholders filled."""

    def __call__(self, key: str, /, **values: object) -> str: ...


# What became of the input on its way to the drawn grid: (stretched, padded, cropped).
# One whole message per combination, so a language can order its words as it needs.
GRID_KEYS: dict[tuple[bool, bool, bool], str] = {
    (False, False, False): "figure.input",
    (True, False, False): "figure.stretched",
    (False, True, False): "figure.padded",
    (False, False, True): "figure.cropped",
    (True, True, False): "figure.stretched_padded",
    (True, False, True): "figure.stretched_cropped",
    (False, True, True): "figure.padded_cropped",
    (True, True, True): "figure.stretched_padded_cropped",
}


@dataclass(frozen=True)
class Wording:
    """Every text a picture of one configuration shows."""

    grid: str
    output: str
    legend: tuple[tuple[LegendKind, str], ...]


def _edges(arith: Arithmetic) -> list[int]:
    """Each side of the drawn grid's padding; for a transposed convolution, of the equivalent
    stride-1 convolution's, where a negative side is a crop."""
    return [e for ax in arith.axes for e in (ax.grid_before, ax.grid_after)]


def _stretched(arith: Arithmetic) -> bool:
    """Zeros were inserted: a transposed convolution with s > 1 over more than one unit."""
    return any(ax.stretched != ax.i for ax in arith.axes)


def grid_key(arith: Arithmetic) -> str:
    """The catalogue key of the drawn grid's caption."""
    edges = _edges(arith)
    return GRID_KEYS[(_stretched(arith), any(e > 0 for e in edges), any(e < 0 for e in edges))]


def grid_caption(arith: Arithmetic, words: Words) -> str:
    (h, w), (gh, gw) = arith.input_shape, arith.grid_shape
    return words(grid_key(arith), h=h, w=w, gh=gh, gw=gw)


def output_caption(arith: Arithmetic, words: Words) -> str:
    oh, ow = arith.output_shape
    return words("figure.output", h=oh, w=ow)


def legend_key(op: Op, kind: str, mode: PaddingMode = "zeros") -> str:
    """The catalogue key of a legend entry of ``kind`` (the page's legend asks too):
    PyTorch's max pooling pads with −∞, never with zeros, a padding mode says what the
    padding holds, and pooling slides a window."""
    if kind == "padding" and op == "maxpool":
        return "legend.padding_maxpool"
    if kind == "padding" and mode != "zeros":
        return f"legend.padding_{mode}"
    if kind == "kernel" and op in ("maxpool", "avgpool"):
        return "legend.window"
    return f"legend.{kind}"


def legend_kinds(arith: Arithmetic) -> list[LegendKind]:
    """The legend's entries: only what the picture shows."""
    kinds: list[LegendKind] = ["input"]
    if any(e > 0 for e in _edges(arith)):
        kinds.append("padding")
    if _stretched(arith):
        kinds.append("inserted")
    return [*kinds, "kernel", "output", "current"]


def wording(arith: Arithmetic, words: Words) -> Wording:
    op, mode = arith.config.op, arith.config.padding_mode
    legend = tuple((kind, words(legend_key(op, kind, mode))) for kind in legend_kinds(arith))
    return Wording(grid_caption(arith, words), output_caption(arith, words), legend)
