"""Shapes of a configuration, per axis, with PyTorch's semantics and the paper's explanations.

Per axis means what the paper means: heights and widths are computed independently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.formatting import pair_scalar
from app.core.parameters import ConfigError
from app.core.params import Config, Pair, effective_kernel
from app.core.relationships import AxisTerms, Relationship, classify

AXIS_NAMES = ("height", "width")
AXIS_LINES = ("row", "column")


@dataclass(frozen=True)
class AxisShape:
    """One axis: the layer's sizes and the grid the paper draws for it."""

    i: int
    k: int
    s: int
    d: int
    a: int
    before: int
    after: int
    ek: int  # effective (dilated) kernel extent
    o: int
    # The drawn grid: the padded input, or for transpose the stretched and padded input.
    grid: int
    # Where the grid's cell 0 sits in input coordinates of the drawn convolution: for
    # transpose, grid cell g is stretched cell g - grid_before (negative before = a crop).
    grid_before: int
    grid_after: int
    grid_stride: int
    stretched: int  # for transpose: (i − 1)s + 1; otherwise i


@dataclass(frozen=True)
class Arithmetic:
    config: Config
    axes: tuple[AxisShape, AxisShape]
    relationship: Relationship
    terms: tuple[AxisTerms, AxisTerms]

    @property
    def input_shape(self) -> Pair:
        return (self.axes[0].i, self.axes[1].i)

    @property
    def output_shape(self) -> Pair:
        return (self.axes[0].o, self.axes[1].o)

    @property
    def grid_shape(self) -> Pair:
        return (self.axes[0].grid, self.axes[1].grid)

    @property
    def effective_kernel_shape(self) -> Pair:
        return (self.axes[0].ek, self.axes[1].ek)


def conv_output(i: int, before: int, after: int, ek: int, s: int) -> int:
    """Relationship 15 with per-side padding: ⌊(i + p₁ + p₂ − k̂)/s⌋ + 1."""
    return (i + before + after - ek) // s + 1


def pool_output(i: int, p: int, ek: int, s: int, ceil: bool) -> int:
    """PyTorch's pooling_output_shape, ceil_mode included."""
    o = (i + 2 * p - ek + (s - 1 if ceil else 0)) // s + 1
    # PyTorch drops a last window that would start in the right padding.
    if ceil and (o - 1) * s >= i + p:
        o -= 1
    return o


def transpose_output(i: int, k: int, s: int, p: int, d: int, a: int) -> int:
    """PyTorch's ConvTranspose2d: (i' − 1)s − 2p + d(k − 1) + a + 1."""
    return (i - 1) * s - 2 * p + d * (k - 1) + a + 1


def _where(axis: int, config: Config) -> str:
    same = config.i[0] == config.i[1] and config.k[0] == config.k[1]
    same = same and config.s[0] == config.s[1] and config.d[0] == config.d[1]
    same = same and config.padding.axis(0) == config.padding.axis(1)
    return "" if same and config.a[0] == config.a[1] else f" (in {AXIS_NAMES[axis]})"


def axis_shape(config: Config, axis: int) -> AxisShape:
    i, k, s, d, a = (config.i[axis], config.k[axis], config.s[axis], config.d[axis], config.a[axis])
    before, after = config.padding.axis(axis)
    ek = effective_kernel(k, d)
    where = _where(axis, config)
    if config.op == "conv":
        o = conv_output(i, before, after, ek, s)
        if o < 1:
            raise ConfigError(
                "k",
                f"The kernel's extent {ek} (k={k}, d={d}) is larger than the padded input "
                f"{i + before + after} (i={i} plus padding {before + after}){where}: enlarge "
                "the input or the padding, or shrink the kernel or the dilation.",
            )
        return AxisShape(
            i, k, s, d, a, before, after, ek, o, i + before + after, before, after, 1, i
        )
    if config.op in ("maxpool", "avgpool"):
        o = pool_output(i, before, ek, s, config.ceil)
        if o < 1:
            raise ConfigError(
                "k",
                f"The pooling window's extent {ek} is larger than the padded input "
                f"{i + 2 * before}{where}: enlarge the input or the padding, or shrink the "
                "kernel or the dilation.",
            )
        return AxisShape(i, k, s, d, a, before, after, ek, o, i + 2 * before, before, after, 1, i)
    o = transpose_output(i, k, s, before, d, a)
    if o < 1:
        produced = (i - 1) * s + d * (k - 1) + a + 1
        raise ConfigError(
            "p",
            f"The output would be {o} cells{where}: padding p={before} trims 2p={2 * before} "
            f"from the {produced} cells the transposed convolution produces; lower p to at "
            f"most {(produced - 1) // 2}.",
        )
    stretched = (i - 1) * s + 1
    eq_before = d * (k - 1) - before
    eq_after = eq_before + a
    return AxisShape(
        i,
        k,
        s,
        d,
        a,
        before,
        after,
        ek,
        o,
        stretched + eq_before + eq_after,
        eq_before,
        eq_after,
        s,
        stretched,
    )


def analyse(config: Config) -> Arithmetic:
    """Every shape of a checked configuration; raises ConfigError where PyTorch would."""
    axes = (axis_shape(config, 0), axis_shape(config, 1))
    terms = tuple(
        AxisTerms(config.op, ax.i, ax.k, ax.s, ax.before, ax.after, ax.d, ax.a, config.ceil)
        for ax in axes
    )
    pair = (terms[0], terms[1])
    return Arithmetic(config, axes, classify(pair), pair)


def dropped_windows(arith: Arithmetic) -> Pair:
    """Per axis, the windows the relationship counts but PyTorch drops: under ceil_mode, one
    that would start in the right padding. 0 wherever the relationship is the output size."""
    rel = arith.relationship
    h, w = (
        rel.equation.evaluate(rel.variables(t)) - ax.o
        for ax, t in zip(arith.axes, arith.terms, strict=True)
    )
    return (h, w)


def substituted(arith: Arithmetic) -> str:
    """The relationship with this configuration's numbers, per axis where the axes differ."""
    rel = arith.relationship
    shown = [
        (rel.equation.substituted(rel.variables(t)), drop, ax.o)
        for t, drop, ax in zip(arith.terms, dropped_windows(arith), arith.axes, strict=True)
    ]
    if shown[0] == shown[1]:
        return _with_drop(*shown[0], "bottom and right")
    return f"height: {_with_drop(*shown[0], 'bottom')}; width: {_with_drop(*shown[1], 'right')}"


def _with_drop(line: str, drop: int, o: int, side: str) -> str:
    """A substituted line, less the ``drop`` windows PyTorch does not count (ceil_mode)."""
    if not drop:
        return line
    return (
        f"{line} − {drop} = {o} (PyTorch drops the last window: it would start in the {side} "
        "padding)"
    )


def direct_of_transpose(arith: Arithmetic) -> dict[str, object]:
    """The direct convolution a transposed one is the transpose of (the paper's framing)."""
    out: list[int] = []
    for ax in arith.axes:
        out.append(conv_output(ax.o, ax.before, ax.after, ax.ek, ax.s))
    c = arith.config
    return {
        "op": "conv",
        "input_shape": [arith.axes[0].o, arith.axes[1].o],
        "output_shape": out,
        "kernel": list(c.k),
        "stride": list(c.s),
        "padding": list(c.p),
        "dilation": list(c.d),
    }


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
    if _where(0, arith.config) == "":
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
        rounded = (ax.i + 2 * ax.before - ax.ek + ax.s - 1) // ax.s + 1
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
    both = _where(0, c) == ""
    for axis, ax in enumerate(arith.axes):
        where = _where(axis, c)
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
