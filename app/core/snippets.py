"""The layer as code: the PyTorch line that builds it, and the Keras one where an exact one exists.

Keras pads only 'valid' (none) or 'same' (⌈i/s⌉ outputs, the odd cell at the end), so where
PyTorch's padding is neither the Keras answer is an explicit padding or cropping layer, or a
sentence saying there is no exact equivalent.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.core.arithmetic import Arithmetic, pool_output
from app.core.catalogue import DEFAULT_LANG, Sentence
from app.core.extents import tf_same_padding
from app.core.figures import CHAPTER1_INPUT, CHAPTER1_KERNEL
from app.core.formatting import pair_scalar
from app.core.matrices import number_text
from app.core.parameters import MAX_VALUES
from app.core.params import Pair
from app.core.schema import Code
from app.core.values import RANDOM_INPUT, RANDOM_KERNEL, input_values, kernel_values

_TORCH_CLASSES = {
    "conv": "Conv2d",
    "transpose": "ConvTranspose2d",
    "maxpool": "MaxPool2d",
    "avgpool": "AvgPool2d",
}
# What PyTorch pads with, by padding_mode, as a layer of its own (arguments as F.pad's).
_PAD_CLASSES = {
    "zeros": "ZeroPad2d",
    "reflect": "ReflectionPad2d",
    "replicate": "ReplicationPad2d",
    "circular": "CircularPad2d",
}
_KERAS_CLASSES = {
    "conv": "Conv2D",
    "transpose": "Conv2DTranspose",
    "maxpool": "MaxPooling2D",
    "avgpool": "AveragePooling2D",
}


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


def _sides(pads: tuple[Pair, Pair]) -> str:
    """ZeroPadding2D/Cropping2D's argument: N, (H, W) or ((top, bottom), (left, right))."""
    (top, bottom), (left, right) = pads
    if top == bottom and left == right:
        return pair_scalar((top, left))
    return f"(({top}, {bottom}), ({left}, {right}))"


def _call(name: str, args: list[str], keywords: dict[str, str]) -> str:
    return f"{name}({', '.join(args + [f'{key}={v}' for key, v in keywords.items()])})"


def _shape_comment(arith: Arithmetic, layout: str, channels_last: bool) -> str:
    (ih, iw), (oh, ow) = arith.input_shape, arith.output_shape
    ci, co = arith.config.c_in, arith.config.out_channels
    if channels_last:
        return f"# {layout}: (1, {ih}, {iw}, {ci}) -> (1, {oh}, {ow}, {co})"
    return f"# {layout}: (1, {ci}, {ih}, {iw}) -> (1, {co}, {oh}, {ow})"


def pytorch_code(arith: Arithmetic) -> str:
    """nn.Conv2d/ConvTranspose2d/MaxPool2d/AvgPool2d with PyTorch's defaults left out."""
    c = arith.config
    pooling = c.op in ("maxpool", "avgpool")
    keywords = {"kernel_size": pair_scalar(c.k)}
    # Pooling strides default to the kernel size, convolution strides to 1.
    if c.s != (c.k if pooling else (1, 1)):
        keywords["stride"] = pair_scalar(c.s)
    # PyTorch has no TensorFlow SAME: an even padding is a number, an uneven one a padding
    # layer in front (PyTorch's 'same' would match at stride 1, warning of a padded copy).
    uneven = c.padding.top != c.padding.bottom or c.padding.left != c.padding.right
    wrapped = c.padding_keyword == "tf_same" and uneven
    if c.op == "conv" and c.padding_keyword in ("same", "valid"):
        keywords["padding"] = repr(c.padding_keyword)
    elif c.p != (0, 0) and not wrapped:
        keywords["padding"] = pair_scalar(c.p)
    if c.a != (0, 0):
        keywords["output_padding"] = pair_scalar(c.a)
    if c.d != (1, 1):
        keywords["dilation"] = pair_scalar(c.d)
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
    layer = _call(f"nn.{_TORCH_CLASSES[c.op]}", channels, keywords)
    if wrapped:
        pad = c.padding
        sides = f"({pad.left}, {pad.right}, {pad.top}, {pad.bottom})"
        # The pad layer's arguments run (left, right, top, bottom), as F.pad's.
        layer = f"nn.Sequential(\n    nn.{_PAD_CLASSES[c.padding_mode]}({sides}),\n    {layer},\n)"
    return (
        f"from torch import nn\n\nlayer = {layer}\n"
        f"{_shape_comment(arith, '(N, C, H, W)', channels_last=False)}\n"
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
    shape: Pair, seed: int, stream: tuple[int, int], pattern: tuple[tuple[int, ...], ...]
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
    if c.x is None and c.w is None and not c.seed:
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
    lines += ["", f"x = {x}.expand(1, {c.c_in}, {h}, {w})"]
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
    for ax in arith.axes:
        o, (top, _) = tf_same_padding(ax.i, ax.ek, ax.s)
        if o != ax.o or top != ax.before:
            return False
    return True


def _describe_padding(pads: list[Pair]) -> Sentence:
    (top, bottom), (left, right) = pads
    return Sentence(
        "note.keras_sides", {"top": top, "bottom": bottom, "left": left, "right": right}
    )


def _keras_program(layers: list[str], arith: Arithmetic) -> str:
    if len(layers) == 1:
        body = f"layer = {layers[0]}"
    else:
        body = "layer = keras.Sequential([\n" + "".join(f"    {x},\n" for x in layers) + "])"
    return (
        f"from tensorflow import keras\n\n{body}\n"
        f"{_shape_comment(arith, '(N, H, W, C)', channels_last=True)}\n"
    )


def _keras_layer(arith: Arithmetic, keywords: dict[str, str]) -> str:
    c = arith.config
    name = f"keras.layers.{_KERAS_CLASSES[c.op]}"
    if c.op in ("maxpool", "avgpool"):
        head = {"pool_size": pair_scalar(c.k)}
        if c.s != c.k:
            head["strides"] = pair_scalar(c.s)
        return _call(name, [], head | keywords)
    head = {"kernel_size": pair_scalar(c.k)}
    if c.s != (1, 1):
        head["strides"] = pair_scalar(c.s)
    if c.d != (1, 1):
        keywords = keywords | {"dilation_rate": pair_scalar(c.d)}
    # Keras reads the input channels off its input; filters are the output channels.
    if c.g != 1:
        keywords = keywords | {"groups": str(c.g)}
    if not c.bias:
        keywords = keywords | {"use_bias": "False"}
    return _call(name, [str(c.c_out)], head | keywords)


def _keras_conv(arith: Arithmetic) -> KerasCode:
    mode = arith.config.padding_mode
    if mode != "zeros" and any(ax.before or ax.after for ax in arith.axes):
        return KerasCode(
            None, Sentence("note.keras_padding_mode", {"mode": mode, "quoted": repr(mode)})
        )
    pads = [(ax.before, ax.after) for ax in arith.axes]
    if all(p == (0, 0) for p in pads):
        return KerasCode(_keras_program([_keras_layer(arith, {})], arith), None)
    if _same_windows(arith):
        return KerasCode(_keras_program([_keras_layer(arith, {"padding": "'same'"})], arith), None)
    workaround = [
        f"keras.layers.ZeroPadding2D(padding={_sides((pads[0], pads[1]))})",
        _keras_layer(arith, {}),
    ]
    same = [tf_same_padding(ax.i, ax.ek, ax.s) for ax in arith.axes]
    if [o for o, _ in same] == list(arith.output_shape):
        keras_pads = _describe_padding([p for _, p in same])
        values = {"keras": keras_pads, "torch": _describe_padding(pads)}
        note = Sentence("note.keras_same_shifts", values)
    else:
        note = Sentence("note.keras_neither", {"torch": _describe_padding(pads)})
    return KerasCode(_keras_program(workaround, arith), note)


def _ceil_changes_output(arith: Arithmetic) -> bool:
    return any(ax.o != pool_output(ax.i, ax.before, ax.ek, ax.s, False) for ax in arith.axes)


def _keras_pool(arith: Arithmetic) -> KerasCode:
    c = arith.config
    if c.d != (1, 1):
        return KerasCode(None, Sentence("note.keras_pool_dilation"))
    if c.divisor_override:
        return KerasCode(None, Sentence("note.keras_divisor_override"))
    padded = c.p != (0, 0)
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
        return KerasCode(None, Sentence("note.keras_mean_excludes"))
    if not ceil and c.op == "avgpool":
        pads = (
            (arith.axes[0].before, arith.axes[0].after),
            (
                arith.axes[1].before,
                arith.axes[1].after,
            ),
        )
        layers = [f"keras.layers.ZeroPadding2D(padding={_sides(pads)})", _keras_layer(arith, {})]
        return KerasCode(_keras_program(layers, arith), Sentence("note.keras_mean_counts"))
    if ceil:
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
    return KerasCode(None, Sentence("note.keras_max_padding"))


def _keras_transpose(arith: Arithmetic) -> KerasCode:
    c = arith.config
    axes = arith.axes
    small_kernel = any(ax.ek < ax.s for ax in axes)
    if c.p == (0, 0) and all(ax.a < ax.s for ax in axes):
        # Without output_padding Keras gives i·s + max(k̂ − s, 0), which differs when k̂ < s.
        keywords = {"output_padding": pair_scalar(c.a)} if c.a != (0, 0) or small_kernel else {}
        return KerasCode(_keras_program([_keras_layer(arith, keywords)], arith), None)
    if all(ax.ek % 2 == 1 and ax.before == ax.ek // 2 and ax.a == 0 for ax in axes):
        # Keras's 'same' gives i·s without output_padding; 0 asks for PyTorch's (i − 1)s + 1.
        keywords = {"padding": "'same'"}
        if c.s != (1, 1):
            keywords["output_padding"] = "0"
        return KerasCode(_keras_program([_keras_layer(arith, keywords)], arith), None)
    # PyTorch's p crops p cells off each side of the full output; output padding a puts back
    # a at the end, past the full output where a > p.
    extra = tuple(max(ax.a - ax.before, 0) for ax in axes)
    if any(e >= ax.s for e, ax in zip(extra, axes, strict=True)):
        return KerasCode(None, Sentence("note.keras_output_padding"))
    crops = tuple((ax.before, max(ax.before - ax.a, 0)) for ax in axes)
    keywords = (
        {"output_padding": pair_scalar((extra[0], extra[1]))} if any(extra) or small_kernel else {}
    )
    layers = [
        _keras_layer(arith, keywords),
        f"keras.layers.Cropping2D(cropping={_sides((crops[0], crops[1]))})",
    ]
    return KerasCode(_keras_program(layers, arith), Sentence("note.keras_crops"))


def keras_code(arith: Arithmetic) -> KerasCode:
    """The Keras (TensorFlow) layer computing exactly what PyTorch's does, or why none does."""
    c = arith.config
    if c.op in ("conv", "transpose") and c.d != (1, 1) and c.s != (1, 1):
        return KerasCode(None, Sentence("note.keras_dilated_strides"))
    if c.op == "conv":
        return _keras_conv(arith)
    if c.op == "transpose" and c.g != 1:
        return KerasCode(None, Sentence("note.keras_groups", {"g": c.g}))
    if c.op == "transpose":
        return _keras_transpose(arith)
    return _keras_pool(arith)


def code_answer(arith: Arithmetic, lang: str = DEFAULT_LANG) -> Code:
    """The layer's code; the Keras note said in ``lang``."""
    keras = keras_code(arith)
    oh, ow = arith.output_shape
    return {
        "pytorch": pytorch_code(arith),
        "keras": keras.code,
        "keras_note": keras.sentence.say(lang) if keras.sentence else None,
        "output_shape": [1, arith.config.out_channels, oh, ow],
    }
