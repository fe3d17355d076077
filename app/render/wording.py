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

LegendKind = Literal["input", "padding", "inserted", "kernel", "output", "current", "slice"]


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

# The same, for a strip's one size or a volume's three ({size} and {grid} written out).
SIZED_GRID_KEYS: dict[tuple[bool, bool, bool], str] = {
    (False, False, False): "picture.input",
    (True, False, False): "picture.stretched",
    (False, True, False): "picture.padded",
    (False, False, True): "picture.cropped",
    (True, True, False): "picture.stretched_padded",
    (True, False, True): "picture.stretched_cropped",
    (False, True, True): "picture.padded_cropped",
    (True, True, True): "picture.stretched_padded_cropped",
}


@dataclass(frozen=True)
class Wording:
    """Every text a picture of one configuration shows."""

    grid: str
    output: str
    legend: tuple[tuple[LegendKind, str], ...]
    # A 3-D picture's captions of the grid's and the output's depth slices; empty below 3-D.
    grid_slices: tuple[str, ...] = ()
    output_slices: tuple[str, ...] = ()


def _edges(arith: Arithmetic) -> list[int]:
    """Each side of the drawn grid's padding; for a transposed convolution, of the equivalent
    stride-1 convolution's, where a negative side is a crop. Every axis of the layer's."""
    return [e for ax in arith.layer_axes for e in (ax.grid_before, ax.grid_after)]


def _stretched(arith: Arithmetic) -> bool:
    """Zeros were inserted: a transposed convolution with s > 1 over more than one unit."""
    return any(ax.stretched != ax.i for ax in arith.layer_axes)


def _size(arith: Arithmetic, field: str) -> str:
    """A size on the layer's own axes as a caption writes it: 9 (1-D), 4×6×6 (3-D)."""
    return "×".join(str(n) for n in arith.layer_shape(field))


def grid_key(arith: Arithmetic) -> str:
    """The catalogue key of the drawn grid's caption (a strip's or a volume's in 1-D, 3-D)."""
    edges = _edges(arith)
    keys = GRID_KEYS if arith.config.dims == 2 else SIZED_GRID_KEYS
    return keys[(_stretched(arith), any(e > 0 for e in edges), any(e < 0 for e in edges))]


def grid_caption(arith: Arithmetic, words: Words) -> str:
    if arith.config.dims != 2:
        return words(grid_key(arith), size=_size(arith, "i"), grid=_size(arith, "grid"))
    (h, w), (gh, gw) = arith.input_shape, arith.grid_shape
    return words(grid_key(arith), h=h, w=w, gh=gh, gw=gw)


def output_caption(arith: Arithmetic, words: Words) -> str:
    if arith.config.dims != 2:
        return words("picture.output", size=_size(arith, "o"))
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
    if kind == "slice" and op in ("maxpool", "avgpool"):
        return "legend.slice_window"
    return f"legend.{kind}"


def legend_kinds(arith: Arithmetic) -> list[LegendKind]:
    """The legend's entries: only what the picture shows."""
    kinds: list[LegendKind] = ["input"]
    if any(e > 0 for e in _edges(arith)):
        kinds.append("padding")
    if _stretched(arith):
        kinds.append("inserted")
    kinds.append("kernel")
    if arith.config.dims == 3:
        kinds.append("slice")
    return [*kinds, "output", "current"]


def wording(arith: Arithmetic, words: Words) -> Wording:
    op, mode = arith.config.op, arith.config.padding_mode
    legend = tuple((kind, words(legend_key(op, kind, mode))) for kind in legend_kinds(arith))
    grid, output = grid_caption(arith, words), output_caption(arith, words)
    if arith.config.dims != 3:
        return Wording(grid, output, legend)
    grid_slices = tuple(words("picture.depth_slice", z=z) for z in range(arith.depth.grid))
    output_slices = tuple(words("picture.depth_slice", z=z) for z in range(arith.depth.o))
    return Wording(grid, output, legend, grid_slices, output_slices)
