"""The layer as code: the PyTorch line that builds it, and the Keras one where an exact one exists.

Keras pads only 'valid' (none), 'same' (⌈i/s⌉ outputs, the odd cell at the end) or, in 1-D,
'causal', so where PyTorch's padding is none of them the Keras answer is an explicit padding
or cropping layer, or a sentence saying there is no exact equivalent. A 1-D or 3-D layer is
written with the classes of its dimensions (Conv1d, Conv3D …) and a size per axis of the
layer, one number where every axis agrees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.core.arithmetic import Arithmetic, pool_output
from app.core.catalogue import DEFAULT_LANG, Sentence
from app.core.extents import tf_same_padding
from app.core.figures import CHAPTER1_INPUT, CHAPTER1_KERNEL
from app.core.formatting import pair_scalar, pair_size
from app.core.matrices import number_text
from app.core.parameters import MAX_VALUES
from app.core.schema import Code
from app.core.values import RANDOM_INPUT, RANDOM_KERNEL, input_values, kernel_values

# Each class with {n} for the layer's dimensions: Conv1d, Conv2d, Conv3d.
_TORCH_CLASSES = {
    "conv": "Conv{n}d",
    "transpose": "ConvTranspose{n}d",
    "maxpool": "MaxPool{n}d",
    "avgpool": "AvgPool{n}d",
}
# What PyTorch pads with, by padding_mode, as a layer of its own (arguments as F.pad's).
_PAD_CLASSES = {
    "zeros": "ZeroPad{n}d",
    "reflect": "ReflectionPad{n}d",
    "replicate": "ReplicationPad{n}d",
    "circular": "CircularPad{n}d",
}
_KERAS_CLASSES = {
    "conv": "Conv{n}D",
    "transpose": "Conv{n}DTranspose",
    "maxpool": "MaxPooling{n}D",
    "avgpool": "AveragePooling{n}D",
}
# The input's axes as PyTorch's documentation names them, and Keras's channels-last order.
_LAYOUTS = {
    1: ("(N, C, L)", "(N, L, C)"),
    2: ("(N, C, H, W)", "(N, H, W, C)"),
    3: ("(N, C, D, H, W)", "(N, D, H, W, C)"),
}

Sides = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class KerasCode:
    """The Keras program, or None; and what a reader should know about it, as a catalogue
    sentence (``note.keras_*``), said in the answer's language."""

    code: str | None
    sentence: Sentence | None

    @property
    def note(self) -> str | None:
        """The note in English."""
        return self.sentence.say() if self.sentence else None


def _sides(pads: Sides) -> str:
    """ZeroPaddingND/CroppingND's argument: N, one number per axis, or (before, after) per
    axis: ((top, bottom), (left, right)) in 2-D; (left, right) in 1-D."""
    if all(before == after for before, after in pads):
        return pair_scalar(tuple(before for before, _ in pads))
    if len(pads) == 1:
        return f"({pads[0][0]}, {pads[0][1]})"
    return "(" + ", ".join(f"({before}, {after})" for before, after in pads) + ")"


def _call(name: str, args: list[str], keywords: dict[str, str]) -> str:
    return f"{name}({', '.join(args + [f'{key}={v}' for key, v in keywords.items()])})"


def _shape_comment(arith: Arithmetic, channels_last: bool) -> str:
    inp, out = arith.layer_shape("i"), arith.layer_shape("o")
    ci, co = arith.config.c_in, arith.config.out_channels
    layout = _LAYOUTS[arith.config.dims][1 if channels_last else 0]
    if channels_last:
        return f"# {layout}: {_shape((1, *inp, ci))} -> {_shape((1, *out, co))}"
    return f"# {layout}: {_shape((1, ci, *inp))} -> {_shape((1, co, *out))}"


def _shape(values: tuple[int, ...]) -> str:
    return f"({', '.join(str(v) for v in values)})"


def _torch_pad(sides: Sides) -> str:
    """A pad layer's (or F.pad's) argument: the last axis first, (left, right, top, bottom,
    front, back)."""
    return _shape(tuple(side for pair in reversed(sides) for side in pair))


def pytorch_code(arith: Arithmetic) -> str:
    """nn.Conv/ConvTranspose/MaxPool/AvgPool{1,2,3}d with PyTorch's defaults left out; a
    causal convolution is a left ZeroPad1d then a Conv1d without padding."""
    c = arith.config
    dims = c.dims
    k, s, d, a = (c.axes(name) for name in ("k", "s", "d", "a"))
    pooling = c.op in ("maxpool", "avgpool")
    keywords = {"kernel_size": pair_scalar(k)}
    # Pooling strides default to the kernel size, convolution strides to 1.
    if s != (k if pooling else (1,) * dims):
        keywords["stride"] = pair_scalar(s)
    # PyTorch has no TensorFlow SAME nor causal padding: an even padding is a number, an
    # uneven one a padding layer in front (PyTorch's 'same' would match TensorFlow's at
    # stride 1, warning of a padded copy).
    sides = c.sides()
    uneven = any(before != after for before, after in sides)
    wrapped = uneven and c.padding_keyword in ("tf_same", "causal")
    if c.op == "conv" and c.padding_keyword in ("same", "valid"):
        keywords["padding"] = repr(c.padding_keyword)
    elif any(c.axes("p")) and not wrapped:
        keywords["padding"] = pair_scalar(c.axes("p"))
    if any(a):
        keywords["output_padding"] = pair_scalar(a)
    if any(v != 1 for v in d):
        keywords["dilation"] = pair_scalar(d)
    if c.ceil:
        keywords["ceil_mode"] = "True"
    if c.g != 1:
        keywords["groups"] = str(c.g)
    if not c.bias:
        keywords["bias"] = "False"
    if c.padding_mode != "zeros" and not wrapped:
        keywords["padding_mode"] = repr(c.padding_mode)
    if not c.count_include_pad:
        keywords["count_include_pad"] = "False"
    if c.divisor_override:
        keywords["divisor_override"] = str(c.divisor_override)
    channels = [] if pooling else [str(c.c_in), str(c.c_out)]
    layer = _call(f"nn.{_TORCH_CLASSES[c.op].format(n=dims)}", channels, keywords)
    if wrapped:
        pad = _PAD_CLASSES[c.padding_mode].format(n=dims)
        # The pad layer's arguments run from the last axis, (left, right, top, bottom …),
        # as F.pad's.
        layer = f"nn.Sequential(\n    nn.{pad}({_torch_pad(sides)}),\n    {layer},\n)"
    return (
        f"from torch import nn\n\nlayer = {layer}\n"
        f"{_shape_comment(arith, channels_last=False)}\n"
        f"{_numbers_code(arith, 'layer[1]' if wrapped else 'layer')}"
    )


def _tensor(matrix: np.ndarray, indent: str = "") -> str:
    """A matrix as torch.tensor, one row per line (as the figure lays it out)."""
    rows = ["[" + ", ".join(number_text(v) for v in row) + "]" for row in matrix]
    if len(rows) == 1:
        return f"torch.tensor([{rows[0]}], dtype=torch.float)"
    body = "".join(f"{indent}    {row},\n" for row in rows)
    return f"torch.tensor([\n{body}{indent}], dtype=torch.float)"


def _generated(
    shape: tuple[int, int], seed: int, stream: tuple[int, int], pattern: tuple[tuple[int, ...], ...]
) -> str:
    """Numbers too many to print, as the lines that make them: the seed's (app/core/values.py
    draws them with numpy's generator, so the same call gives the same numbers) or the paper's
    tiled."""
    h, w = shape
    if seed:
        return (
            f"torch.from_numpy(np.random.default_rng([{seed}, {stream[0]}])"
            f".integers(0, {stream[1] + 1}, size=({h}, {w}))).float()"
        )
    reps = (-(-h // len(pattern)), -(-w // len(pattern[0])))
    rows = ", ".join("[" + ", ".join(str(v) for v in row) + "]" for row in pattern)
    return f"torch.tensor([{rows}], dtype=torch.float).repeat{reps}[:{h}, :{w}]"


def _numbers_code(arith: Arithmetic, holder: str) -> str:
    """Where the link gives its own numbers (x, w or a seed), the lines that compute the
    figure's output with them: every input channel carries x, every weight slice w, and the
    bias is zero, as the figure draws it. ``holder`` names the module holding the weight."""
    c = arith.config
    # A 3-D layer's numbers are the paper's tiled or the seed's in three dimensions, drawn
    # by its own figure; the code stops at the layer.
    if (c.x is None and c.w is None and not c.seed) or c.dims == 3:
        return ""
    h, w = arith.input_shape
    # A link's own numbers are at most MAX_VALUES; a seed's or the paper's fill any size.
    big_input = h * w > MAX_VALUES
    big_kernel = c.k[0] * c.k[1] > MAX_VALUES
    x = (
        _generated((h, w), c.seed, RANDOM_INPUT, CHAPTER1_INPUT)
        if big_input
        else _tensor(input_values(arith))
    )
    lines = ["", "import torch", *(["import numpy as np"] if big_input or big_kernel else [])]
    # A 1-D layer's numbers are one row: (1, W) spread over its (N, C, L) input.
    spatial = f"{w}" if c.dims == 1 else f"{h}, {w}"
    lines += ["", f"x = {x}.expand(1, {c.c_in}, {spatial})"]
    if c.op in ("conv", "transpose"):
        weight = (
            _generated(c.k, c.seed, RANDOM_KERNEL, CHAPTER1_KERNEL)
            if big_kernel
            else _tensor(kernel_values(arith), "    ")
        )
        lines += ["with torch.no_grad():", f"    {holder}.weight[:] = {weight}"]
        if c.bias:
            lines.append(f"    {holder}.bias.zero_()")
    lines.append("print(layer(x)[0, 0])  # the figure's output")
    return "\n".join(lines) + "\n"


def _same_windows(arith: Arithmetic) -> bool:
    """Whether Keras's 'same' puts every window where PyTorch does (same count, same start)."""
    for ax in arith.layer_axes:
        o, (top, _) = tf_same_padding(ax.i, ax.ek, ax.s)
        if o != ax.o or top != ax.before:
            return False
    return True


def _describe_padding(pads: list[tuple[int, int]]) -> Sentence:
    """The sides of a padding as a note names them: left and right in 1-D, front and back
    first in 3-D."""
    if len(pads) == 1:
        ((left, right),) = pads
        return Sentence("note.keras_sides_1d", {"left": left, "right": right})
    *deep, (top, bottom), (left, right) = pads
    plane = {"top": top, "bottom": bottom, "left": left, "right": right}
    if not deep:
        return Sentence("note.keras_sides", plane)
    ((front, back),) = deep
    return Sentence("note.keras_sides_3d", {"front": front, "back": back, **plane})


def _keras_program(layers: list[str], arith: Arithmetic) -> str:
    if len(layers) == 1:
        body = f"layer = {layers[0]}"
    else:
        body = "layer = keras.Sequential([\n" + "".join(f"    {x},\n" for x in layers) + "])"
    return f"from tensorflow import keras\n\n{body}\n{_shape_comment(arith, channels_last=True)}\n"


def _keras_class(arith: Arithmetic, name: str) -> str:
    """A Keras layer class of the layer's dimensions: ``ZeroPadding{n}D`` → ZeroPadding1D."""
    return f"keras.layers.{name.format(n=arith.config.dims)}"


def _keras_layer(arith: Arithmetic, keywords: dict[str, str]) -> str:
    c = arith.config
    k, s, d = c.axes("k"), c.axes("s"), c.axes("d")
    name = _keras_class(arith, _KERAS_CLASSES[c.op])
    if c.op in ("maxpool", "avgpool"):
        head = {"pool_size": pair_scalar(k)}
        if s != k:
            head["strides"] = pair_scalar(s)
        return _call(name, [], head | keywords)
    head = {"kernel_size": pair_scalar(k)}
    if any(v != 1 for v in s):
        head["strides"] = pair_scalar(s)
    if any(v != 1 for v in d):
        keywords = keywords | {"dilation_rate": pair_scalar(d)}
    # Keras reads the input channels off its input; filters are the output channels.
    if c.g != 1:
        keywords = keywords | {"groups": str(c.g)}
    if not c.bias:
        keywords = keywords | {"use_bias": "False"}
    return _call(name, [str(c.c_out)], head | keywords)


def _keras_pads(arith: Arithmetic) -> Sides:
    return tuple((ax.before, ax.after) for ax in arith.layer_axes)


def _keras_conv(arith: Arithmetic) -> KerasCode:
    c = arith.config
    mode = c.padding_mode
    pads = _keras_pads(arith)
    if mode != "zeros" and any(before or after for before, after in pads):
        values = {"mode": mode, "quoted": repr(mode), "n": c.dims}
        key = "note.keras_padding_mode" if c.dims == 2 else "note.keras_padding_mode_nd"
        return KerasCode(None, Sentence(key, values))
    if all(p == (0, 0) for p in pads):
        return KerasCode(_keras_program([_keras_layer(arith, {})], arith), None)
    if c.padding_keyword == "causal":
        # Keras's own causal padding: d(k − 1) zeros on the left, as PyTorch's here.
        causal = _keras_layer(arith, {"padding": "'causal'"})
        return KerasCode(_keras_program([causal], arith), None)
    if _same_windows(arith):
        return KerasCode(_keras_program([_keras_layer(arith, {"padding": "'same'"})], arith), None)
    workaround = [
        f"{_keras_class(arith, 'ZeroPadding{n}D')}(padding={_sides(pads)})",
        _keras_layer(arith, {}),
    ]
    same = [tf_same_padding(ax.i, ax.ek, ax.s) for ax in arith.layer_axes]
    torch_pads = _describe_padding(list(pads))
    if [o for o, _ in same] == arith.layer_shape("o"):
        values = {
            "keras": _describe_padding([p for _, p in same]),
            "torch": torch_pads,
            "n": c.dims,
        }
        key = "note.keras_same_shifts" if c.dims == 2 else "note.keras_same_shifts_nd"
        note = Sentence(key, values)
    else:
        key = "note.keras_neither" if c.dims == 2 else "note.keras_neither_nd"
        note = Sentence(key, {"torch": torch_pads, "n": c.dims})
    return KerasCode(_keras_program(workaround, arith), note)


def _ceil_changes_output(arith: Arithmetic) -> bool:
    return any(ax.o != pool_output(ax.i, ax.before, ax.ek, ax.s, False) for ax in arith.layer_axes)


def _keras_pool(arith: Arithmetic) -> KerasCode:
    c = arith.config
    dims = c.dims
    if any(v != 1 for v in c.axes("d")):
        return KerasCode(None, Sentence("note.keras_pool_dilation"))
    if c.divisor_override:
        key = "note.keras_divisor_override" if dims == 2 else "note.keras_divisor_override_nd"
        return KerasCode(None, Sentence(key, {"n": dims}))
    padded = any(c.axes("p"))
    ceil = c.ceil and _ceil_changes_output(arith)
    # Keras's 'same' leaves padding out of both the max and the mean; PyTorch's max ignores
    # its −∞ padding too, and its mean does with count_include_pad=False.
    skips_padding = c.op == "maxpool" or not padded or not c.count_include_pad
    if _same_windows(arith) and skips_padding and (padded or ceil):
        note = Sentence("note.keras_ceil_same") if ceil else None
        return KerasCode(_keras_program([_keras_layer(arith, {"padding": "'same'"})], arith), note)
    if not ceil and not padded:
        note = Sentence("note.keras_ceil_nothing") if c.ceil else None
        return KerasCode(_keras_program([_keras_layer(arith, {})], arith), note)
    if not ceil and c.op == "avgpool" and not c.count_include_pad:
        key = "note.keras_mean_excludes" if dims == 2 else "note.keras_mean_excludes_nd"
        return KerasCode(None, Sentence(key, {"n": dims}))
    if not ceil and c.op == "avgpool":
        layers = [
            f"{_keras_class(arith, 'ZeroPadding{n}D')}(padding={_sides(_keras_pads(arith))})",
            _keras_layer(arith, {}),
        ]
        key = "note.keras_mean_counts" if dims == 2 else "note.keras_mean_counts_nd"
        return KerasCode(_keras_program(layers, arith), Sentence(key, {"n": dims}))
    if ceil and dims == 2:
        valid = [pool_output(ax.i, 0, ax.ek, ax.s, False) for ax in arith.axes]
        same = [tf_same_padding(ax.i, ax.ek, ax.s)[0] for ax in arith.axes]
        oh, ow = arith.output_shape
        values = {
            "vh": valid[0],
            "vw": valid[1],
            "sh": same[0],
            "sw": same[1],
            "oh": oh,
            "ow": ow,
        }
        return KerasCode(None, Sentence("note.keras_no_ceil", values))
    if ceil:
        shapes = {
            "valid": pair_size(
                [pool_output(ax.i, 0, ax.ek, ax.s, False) for ax in arith.layer_axes]
            ),
            "same": pair_size([tf_same_padding(ax.i, ax.ek, ax.s)[0] for ax in arith.layer_axes]),
            "output": pair_size(arith.layer_shape("o")),
        }
        return KerasCode(None, Sentence("note.keras_no_ceil_nd", shapes))
    key = "note.keras_max_padding" if dims == 2 else "note.keras_max_padding_nd"
    return KerasCode(None, Sentence(key, {"n": dims}))


def _keras_transpose(arith: Arithmetic) -> KerasCode:
    c = arith.config
    dims = c.dims
    axes = arith.layer_axes
    a = c.axes("a")
    small_kernel = any(ax.ek < ax.s for ax in axes)
    if not any(c.axes("p")) and all(ax.a < ax.s for ax in axes):
        # Without output_padding Keras gives i·s + max(k̂ − s, 0), which differs when k̂ < s.
        keywords = {"output_padding": pair_scalar(a)} if any(a) or small_kernel else {}
        return KerasCode(_keras_program([_keras_layer(arith, keywords)], arith), None)
    if all(ax.ek % 2 == 1 and ax.before == ax.ek // 2 and ax.a == 0 for ax in axes):
        # Keras's 'same' gives i·s without output_padding; 0 asks for PyTorch's (i − 1)s + 1.
        keywords = {"padding": "'same'"}
        if any(v != 1 for v in c.axes("s")):
            keywords["output_padding"] = "0"
        return KerasCode(_keras_program([_keras_layer(arith, keywords)], arith), None)
    # PyTorch's p crops p cells off each side of the full output; output padding a puts back
    # a at the end, past the full output where a > p.
    extra = tuple(max(ax.a - ax.before, 0) for ax in axes)
    if any(e >= ax.s for e, ax in zip(extra, axes, strict=True)):
        return KerasCode(None, Sentence("note.keras_output_padding"))
    crops = tuple((ax.before, max(ax.before - ax.a, 0)) for ax in axes)
    keywords = {"output_padding": pair_scalar(extra)} if any(extra) or small_kernel else {}
    layers = [
        _keras_layer(arith, keywords),
        f"{_keras_class(arith, 'Cropping{n}D')}(cropping={_sides(crops)})",
    ]
    key = "note.keras_crops" if dims == 2 else "note.keras_crops_nd"
    return KerasCode(_keras_program(layers, arith), Sentence(key, {"n": dims}))


def keras_code(arith: Arithmetic) -> KerasCode:
    """The Keras (TensorFlow) layer computing exactly what PyTorch's does, or why none does."""
    c = arith.config
    dilated = any(v != 1 for v in c.axes("d"))
    strided = any(v != 1 for v in c.axes("s"))
    if c.op in ("conv", "transpose") and dilated and strided:
        return KerasCode(None, Sentence("note.keras_dilated_strides"))
    if c.op == "conv":
        return _keras_conv(arith)
    if c.op == "transpose" and c.g != 1:
        key = "note.keras_groups" if c.dims == 2 else "note.keras_groups_nd"
        return KerasCode(None, Sentence(key, {"g": c.g, "n": c.dims}))
    if c.op == "transpose":
        return _keras_transpose(arith)
    return _keras_pool(arith)


def code_answer(arith: Arithmetic, lang: str = DEFAULT_LANG) -> Code:
    """The layer's code; the Keras note said in ``lang``."""
    keras = keras_code(arith)
    return {
        "pytorch": pytorch_code(arith),
        "keras": keras.code,
        "keras_note": keras.sentence.say(lang) if keras.sentence else None,
        "output_shape": [1, arith.config.out_channels, *arith.layer_shape("o")],
    }
