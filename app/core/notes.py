"""What a learner should notice about a configuration, in plain sentences.

The shapes come from app/core/arithmetic.py; this module only puts them into words, one
sentence for both axes where they agree and one per axis where they differ.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.arithmetic import (
    AXIS_NAMES,
    Arithmetic,
    AxisShape,
    ceil_windows,
    direct_of_transpose,
    in_axis,
    pool_output,
)
from app.core.formatting import pair_scalar

AXIS_LINES = ("row", "column")


def notes(arith: Arithmetic) -> list[str]:
    """What a learner should notice about this configuration, in plain sentences."""
    c = arith.config
    out: list[str] = []
    if c.op == "conv" or (c.op in ("maxpool", "avgpool") and not c.ceil):
        out.extend(_coverage_notes(arith))
    if c.padding_keyword == "same":
        out.extend(_same_notes(arith))
    if c.padding_keyword == "full" and c.op == "conv":
        out.append(
            "Full padding p = d(k − 1): every partial overlap of kernel and input is computed, "
            "so the output grows by k − 1."
        )
    if c.padding_keyword == "half" and any(k % 2 == 0 for k in c.k) and c.op == "conv":
        out.append(
            "Half padding ⌊k/2⌋ keeps the size only for an odd kernel; with an even kernel the "
            "output is one larger than the input."
        )
    out.extend(_dilation_notes(arith))
    if c.op == "maxpool" and any(p > 0 for p in c.p):
        out.append("Max pooling pads with −∞, so a padding cell never wins the maximum.")
    if c.op == "avgpool" and any(p > 0 for p in c.p):
        out.append(
            "Average pooling counts padding zeros in the mean (PyTorch's default "
            "count_include_pad=True)."
        )
    if c.op in ("maxpool", "avgpool") and c.ceil:
        out.extend(_ceil_notes(arith))
    if c.op == "transpose":
        out.extend(_transpose_notes(arith))
    return out


def _per_axis(
    arith: Arithmetic, sentence: Callable[[int, AxisShape, str], str | None]
) -> list[str]:
    """One sentence for both axes when they agree, else one per axis that has something."""
    if in_axis(0, arith.config) == "":
        text = sentence(2, arith.axes[0], "")
        return [text] if text else []
    out = []
    for axis, ax in enumerate(arith.axes):
        text = sentence(axis, ax, f" (in {AXIS_NAMES[axis]})")
        if text:
            out.append(text)
    return out


def _lines(axis: int, count: int) -> str:
    """'row', 'columns', 'row and column' ... for axis 0, 1 or 2 (both)."""
    names = ("row", "column", "row and column")[axis]
    if count == 1:
        return names
    return ("rows", "columns", "rows and columns")[axis]


def _coverage_notes(arith: Arithmetic) -> list[str]:
    def sentence(axis: int, ax: AxisShape, where: str) -> str | None:
        out = []
        rest = (ax.i + ax.before + ax.after - ax.ek) % ax.s
        if rest:
            kname = "k̂" if ax.d > 1 else "k"
            side = ("bottom", "right", "bottom and right")[axis]
            out.append(
                f"The last {rest if rest > 1 else ''}{' ' if rest > 1 else ''}"
                f"{_lines(axis, rest)} of the padded input ({side} edge) "
                f"{'are' if rest > 1 or axis == 2 else 'is'} never covered, since "
                f"(i + 2p − {kname}) mod s = ({ax.i} + {ax.before + ax.after} − {ax.ek}) mod "
                f"{ax.s} = {rest}{where}."
            )
        if ax.s > ax.ek:
            out.append(
                f"The stride {ax.s} is larger than the kernel's extent {ax.ek}{where}: the "
                "input cells between windows are skipped entirely."
            )
        return " ".join(out) or None

    return _per_axis(arith, sentence)


def _dilation_notes(arith: Arithmetic) -> list[str]:
    def sentence(axis: int, ax: AxisShape, where: str) -> str | None:
        if ax.d == 1:
            return None
        return (
            f"Dilation {ax.d} spreads the {ax.k} kernel cells over an effective extent "
            f"k̂ = k + (k − 1)(d − 1) = {ax.ek}{where}; only the d-spaced cells are used."
        )

    c = arith.config
    if c.d[0] == c.d[1] and c.k[0] == c.k[1]:
        text = sentence(2, arith.axes[0], "")
        return [text] if text else []
    return _per_axis(arith, sentence)


def _same_notes(arith: Arithmetic) -> list[str]:
    def sentence(axis: int, ax: AxisShape, where: str) -> str | None:
        if ax.before == ax.after:
            return None
        sides = (("top", "bottom"), ("left", "right"), ("top and left", "bottom and right"))
        first, last = sides[axis]
        return (
            f"padding=same pads d(k − 1) = {ax.before + ax.after} {_lines(axis, 2)} in total"
            f"{where}: {ax.before} on the {first} and {ax.after} on the {last} (PyTorch "
            "puts the odd one at the end)."
        )

    return _per_axis(arith, sentence)


def _ceil_notes(arith: Arithmetic) -> list[str]:
    def sentence(axis: int, ax: AxisShape, where: str) -> str | None:
        floor_o = pool_output(ax.i, ax.before, ax.ek, ax.s, False)
        rounded = ceil_windows(ax.i, ax.before, ax.ek, ax.s)
        if rounded > ax.o:
            start = (rounded - 1) * ax.s
            side = ("bottom", "right", "bottom and right")[axis]
            if axis == 2:
                return (
                    f"The windows starting at row {start} and at column {start} would start in "
                    f"the {side} padding, so PyTorch drops them."
                )
            return (
                f"A window starting at {AXIS_LINES[axis]} {start} would start in the {side} "
                f"padding, so PyTorch drops it{where}."
            )
        if ax.o > floor_o:
            added = ax.o - floor_o
            return (
                f"ceil_mode adds {added} {_lines(axis, added)} of output that floor division "
                f"would drop{where}."
            )
        return None

    return [
        "ceil_mode counts a last, partial window that hangs over the bottom/right edge; "
        "PyTorch pools only the cells inside it.",
        *_per_axis(arith, sentence),
    ]


def _transpose_notes(arith: Arithmetic) -> list[str]:
    c = arith.config
    out: list[str] = []
    both = in_axis(0, c) == ""
    for axis, ax in enumerate(arith.axes):
        where = in_axis(axis, c)
        first = "top and left" if both else ("top", "left")[axis]
        last = "bottom and right" if both else ("bottom", "right")[axis]
        pad = _equivalent_padding(ax, first, last)
        zeros = "zero" if ax.s == 2 else "zeros"
        out.append(
            f"Drawn as the paper draws it{where}: a stride-1 convolution over the input "
            f"stretched by s − 1 = {ax.s - 1} {zeros} between units ({ax.stretched} cells), "
            f"{pad}."
        )
        if both:
            break
    out.append(
        "In this direct-convolution view the kernel is flipped 180° relative to the weights "
        "PyTorch's ConvTranspose2d stores; each input unit scatters a copy of the kernel onto "
        "the output."
    )
    direct = direct_of_transpose(arith)
    in_shape = direct["input_shape"]
    out_shape = direct["output_shape"]
    assert isinstance(in_shape, list) and isinstance(out_shape, list)
    out.append(
        f"It is the transpose of a Conv2d(k={pair_scalar(c.k)}, s={pair_scalar(c.s)}, "
        f"p={pair_scalar(c.p)}"
        + (f", d={pair_scalar(c.d)}" if c.d != (1, 1) else "")
        + f"), which maps {in_shape[0]}×{in_shape[1]} to {out_shape[0]}×{out_shape[1]}."
    )
    if list(out_shape) != list(arith.input_shape):
        out.append(
            "Here output padding a is not smaller than the stride (PyTorch allows it because "
            "it is smaller than the dilation), so that convolution does not map the output "
            "back to this input's size."
        )
    elif any(a > 0 for a in c.a):
        h, w = arith.output_shape
        ah, aw = c.a
        out.append(
            f"That convolution maps {h - ah}×{w - aw} to {out_shape[0]}×{out_shape[1]} as "
            f"well; output padding a = {pair_scalar(c.a)} picks {h}×{w}, as "
            "a = (i + 2p − k) mod s of that convolution."
        )
    return out


def _equivalent_padding(ax: AxisShape, first: str, last: str) -> str:
    """How the stretched input is padded, or cropped where p exceeds d(k − 1), on each side."""
    if ax.grid_before >= 0:
        pad = f"padded with p' = d(k − 1) − p = {ax.grid_before} zeros on the {first}"
        return pad + (f" and p' + a = {ax.grid_after} on the {last}" if ax.a else f" and {last}")
    crop = -ax.grid_before
    if not ax.a:
        sides = f"cropped by p − d(k − 1) = {crop} on each side"
    elif ax.grid_after < 0:
        sides = (
            f"cropped by p − d(k − 1) = {crop} on the {first} and by p − d(k − 1) − a = "
            f"{-ax.grid_after} on the {last}"
        )
    elif ax.grid_after == 0:
        sides = f"cropped by p − d(k − 1) = {crop} on the {first}, and not at all on the {last}"
    else:
        sides = (
            f"cropped by p − d(k − 1) = {crop} on the {first}, and padded with "
            f"a − (p − d(k − 1)) = {ax.grid_after} on the {last}"
        )
    # Cropping keeps the drawing honest: the trimmed stretched cells never reach the output.
    return (
        f"{sides} (p exceeds d(k − 1), so the equivalent convolution trims the stretched input "
        "instead of padding it)"
    )
