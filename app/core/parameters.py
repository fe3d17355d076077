"""The query parameters, declared once: the API, the links, the OpenAPI docs, the slider
probes and the page's controls are all derived from ``PARAMETERS``.

A parameter's name is both the API's query name and the page's URL name, so a link is a
configuration. Adding a parameter is one entry here plus its meaning where it is used.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from app.core.catalogue import Sentence
from app.core.limits import LIMITS

Op = Literal["conv", "transpose", "maxpool", "avgpool"]
OPS: tuple[Op, ...] = get_args(Op)
POOLING: tuple[Op, ...] = ("maxpool", "avgpool")
CONVOLUTIONS: tuple[Op, ...] = ("conv", "transpose")
PaddingKeyword = Literal["valid", "same", "tf_same", "full", "half", "causal"]
PADDING_KEYWORDS: tuple[PaddingKeyword, ...] = get_args(PaddingKeyword)
PaddingMode = Literal["zeros", "reflect", "replicate", "circular"]
PADDING_MODES: tuple[PaddingMode, ...] = get_args(PaddingMode)
# Named kernels (app/core/kernels.py holds their weights).
PRESETS: tuple[str, ...] = (
    "identity",
    "box_blur",
    "gaussian_blur",
    "sharpen",
    "emboss",
    "outline",
    "sobel_x",
    "sobel_y",
    "laplacian",
)

# choice: one of `choices`; pair: N or H,W; padding: a pair or a keyword; flag: 0 or 1;
# count: one whole number (channels, groups), the same for both axes; matrix: numbers, rows
# separated by ';' and values by ',' (or, for the kernel, a preset's name).
Kind = Literal["choice", "pair", "padding", "flag", "count", "matrix"]
Default = str | tuple[int, int] | bool | int | None

# Channels bound no work here: shapes and costs are a few multiplications whatever the count,
# and nothing is drawn or computed per channel, so the bound is only past every published
# layer (the widest convolutions have a few thousand channels), not a budget.
MAX_CHANNELS = 65_536
# A learner's own numbers travel in the link: 1,024 values (a 32×32 input or kernel) of up
# to 14 characters and a separator each keep a link under the 16 KB request head servers
# accept.
MAX_VALUES = 1_024
MAX_SEED = 999_999
# Longer values of the other parameters are never valid; cutting them bounds the work a
# crafted query can cause.
MAX_TEXT = 64
MAX_DIVISOR = 65_536


class ConfigError(ValueError):
    """A configuration PyTorch rejects or one past our limits; the sentence says what to
    change. ``key`` names it in the catalogue (app/locales), ``values`` fill it; ``message``
    is the sentence in English, as logs and ``str`` show it."""

    def __init__(self, parameter: str, key: str, /, **values: object) -> None:
        self.sentence = Sentence(key, values)
        self.parameter = parameter
        self.message = self.sentence.say()
        super().__init__(self.message)


def noun(name: str) -> Sentence:
    """How a sentence names the parameter ``name``: the catalogue's ``noun.<name>``, which
    in English is the parameter's ``noun``."""
    return Sentence(f"noun.{name}")


def joined(items: Sequence[object]) -> object:
    """``a and b`` in the sentence's language (the catalogue's ``refusal.and``)."""
    first, *rest = items
    for item in rest:
        first = Sentence("refusal.and", {"first": first, "second": item})
    return first


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: Kind
    noun: str  # how a sentence names it: "the kernel size k"
    doc: str  # what it means, for the API's documentation
    default: Default
    low: int | None = None
    high: int | None = None
    ops: tuple[Op, ...] = OPS  # the operations that take it
    # Written in the canonical query even at its default (the stride's default depends on
    # the operation, so the size parameters are always spelled out).
    always: bool = False
    pytorch: str | None = None  # PyTorch's argument name, to recognise it in a typo
    choices: tuple[str, ...] = ()
    # The slider's reach: drawable sizes, where a drag shows a figure at every step; the
    # number box beside it takes every value up to ``high`` (real sizes are typed).
    reach: int | None = None
    # Keywords only some operations take (PyTorch's 'same' is Conv2d's alone, and so is
    # TensorFlow's SAME here: PyTorch pools pad evenly, and a transposed one crops evenly).
    keyword_ops: tuple[tuple[str, tuple[Op, ...]], ...] = ()

    @property
    def max_length(self) -> int:
        """The longest text a valid value can have: the query layer cuts what is longer."""
        if self.kind == "matrix":
            assert self.high is not None
            return self.high * 15
        return MAX_TEXT

    def keyword_taken(self, keyword: str, op: Op) -> bool:
        return op in dict(self.keyword_ops).get(keyword, self.ops)


_SIZE = (
    "A whole number N (the same on every axis), or one number per axis: H,W for height and "
    "width; in 3-D D,H,W (depth first); in 1-D one number only."
)

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "op",
        "choice",
        "operation",
        "conv (nn.Conv2d), transpose (nn.ConvTranspose2d), maxpool (nn.MaxPool2d) or avgpool "
        "(nn.AvgPool2d); their 1d and 3d forms with dims.",
        "conv",
        always=True,
        choices=OPS,
    ),
    Parameter(
        "dims",
        "count",
        "dimensions dims",
        "The layer's spatial dimensions: 1 (nn.Conv1d and the rest: a sequence, drawn as a "
        "strip), 2 (the paper's figures) or 3 (nn.Conv3d: a volume, drawn as depth slices). "
        "Every size then takes one number per axis.",
        2,
        1,
        3,
    ),
    Parameter(
        "i",
        "pair",
        "input size i",
        f"Input size. {_SIZE}",
        (5, 5),
        1,
        LIMITS.max_input,
        always=True,
        pytorch="input_size",
        reach=128,
    ),
    Parameter(
        "k",
        "pair",
        "kernel size k",
        f"Kernel size. {_SIZE}",
        (3, 3),
        1,
        LIMITS.max_kernel,
        always=True,
        pytorch="kernel_size",
        reach=16,
    ),
    Parameter(
        "s",
        "pair",
        "stride s",
        f"Stride. {_SIZE} Pooling defaults to the kernel size, as PyTorch.",
        (1, 1),
        1,
        LIMITS.max_stride,
        always=True,
        pytorch="stride",
        reach=16,
    ),
    Parameter(
        "p",
        "padding",
        "padding p",
        f"Padding. {_SIZE} Or valid (0), same (PyTorch's, convolution with stride 1 only; an "
        "odd total puts the extra cell bottom/right), tf_same (TensorFlow's SAME, convolution "
        "only, any stride: ⌈i/s⌉ outputs, max((⌈i/s⌉ − 1)s + k̂ − i, 0) in total, the extra "
        "cell bottom/right), full (d(k−1) each side), half (⌊k/2⌋) or causal (1-D convolution "
        "only: d(k−1) on the left, none on the right, as WaveNet). Pooling: at most ⌊k/2⌋.",
        (0, 0),
        0,
        LIMITS.max_padding,
        always=True,
        pytorch="padding",
        reach=64,
        choices=PADDING_KEYWORDS,
        keyword_ops=(("same", ("conv",)), ("tf_same", ("conv",)), ("causal", ("conv",))),
    ),
    Parameter(
        "d",
        "pair",
        "dilation d",
        f"Dilation. {_SIZE} Average pooling has none.",
        (1, 1),
        1,
        LIMITS.max_dilation,
        ops=("conv", "transpose", "maxpool"),
        pytorch="dilation",
        reach=16,
    ),
    Parameter(
        "a",
        "pair",
        "output padding a",
        f"Output padding, transposed convolution only. {_SIZE} Smaller than the stride or "
        "the dilation.",
        (0, 0),
        0,
        LIMITS.max_stride,
        ops=("transpose",),
        pytorch="output_padding",
        reach=16,
    ),
    Parameter(
        "ceil",
        "flag",
        "ceil_mode",
        "Pooling only: 1 (or true) for ceil_mode, 0 (or false) for floor.",
        False,
        ops=POOLING,
        pytorch="ceil_mode",
    ),
    Parameter(
        "c_in",
        "count",
        "input channels c_in",
        "Input channels (C of the input's N, C, H, W). Pooling keeps them: its output has "
        "c_in channels too.",
        1,
        1,
        MAX_CHANNELS,
        pytorch="in_channels",
    ),
    Parameter(
        "c_out",
        "count",
        "output channels c_out",
        "Output channels (the number of filters), convolutions only.",
        1,
        1,
        MAX_CHANNELS,
        ops=CONVOLUTIONS,
        pytorch="out_channels",
    ),
    Parameter(
        "g",
        "count",
        "groups g",
        "Groups, convolutions only: c_in and c_out must both divide by g (g = c_in is a "
        "depthwise convolution).",
        1,
        1,
        MAX_CHANNELS,
        ops=CONVOLUTIONS,
        pytorch="groups",
    ),
    Parameter(
        "bias",
        "flag",
        "bias",
        "Convolutions only: 1 (or true) for a learnable bias per output channel, 0 (or false) "
        "for none.",
        True,
        ops=CONVOLUTIONS,
    ),
    Parameter(
        "padding_mode",
        "choice",
        "padding mode",
        "What the padding cells hold, as nn.Conv2d's padding_mode: zeros, reflect (the input "
        "mirrored, its edge not repeated; the padding must be smaller than the input), "
        "replicate (the edge repeated) or circular (wrapped around; the padding at most the "
        "input). Convolution only: PyTorch's ConvTranspose2d pads with zeros alone.",
        "zeros",
        ops=("conv",),
        pytorch="padding_mode",
        choices=PADDING_MODES,
    ),
    Parameter(
        "count_include_pad",
        "flag",
        "count_include_pad",
        "Average pooling only: 1 (default) divides each window's sum by its cells, padding "
        "included; 0 by the input cells it covers.",
        True,
        ops=("avgpool",),
        pytorch="count_include_pad",
    ),
    Parameter(
        "divisor_override",
        "count",
        "divisor_override",
        "Average pooling only: divide every window's sum by this number instead of its "
        "count; 0 (default) for none (PyTorch's None).",
        0,
        0,
        MAX_DIVISOR,
        ops=("avgpool",),
        pytorch="divisor_override",
    ),
    Parameter(
        "x",
        "matrix",
        "input values x",
        "The input's numbers (one channel; every input channel carries them): values "
        "separated by ',' and rows by ';', e.g. x=3,3,2;0,0,1;3,1,2. Sets the input size i "
        "when i is left out, and must match it when given. Each value has at most six "
        "digits either side of the point. Left out: the paper's numbers (or random ones "
        "with seed).",
        None,
        1,
        MAX_VALUES,
    ),
    Parameter(
        "w",
        "matrix",
        "kernel weights w",
        "The kernel's weights (PyTorch's weight[0, 0]), written as x; or a preset: "
        + ", ".join(PRESETS)
        + " (3×3; the blurs take any k, identity any odd k). Sets k when k is left out. "
        "Convolutions only. Left out: the paper's kernel (or random weights with seed).",
        None,
        1,
        MAX_VALUES,
        ops=CONVOLUTIONS,
        pytorch="weight",
        choices=PRESETS,
    ),
    Parameter(
        "seed",
        "count",
        "seed",
        "Random whole numbers for the input (0 to 3) and the kernel (0 to 2) wherever x or w "
        "is left out, the same for the same seed; 0 (default) for the paper's numbers.",
        0,
        0,
        MAX_SEED,
    ),
)

BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}
SIZES: tuple[Parameter, ...] = tuple(p for p in PARAMETERS if p.kind in ("pair", "padding"))


def describe(parameter: Parameter) -> str:
    """The OpenAPI description: the meaning, then the accepted values and the default."""
    parts = [parameter.doc]
    if parameter.low is not None:
        parts.append(f"{parameter.low} to {parameter.high}.")
    default = parameter.default
    if isinstance(default, tuple):
        shown = str(default[0])
    elif isinstance(default, bool):
        shown = "1" if default else "0"
    else:
        shown = str(default)
    parts.append(f"Default {shown}.")
    if parameter.ops != OPS:
        parts.append(f"Taken by {', '.join(parameter.ops)}.")
    return " ".join(parts)


def check_names(names: Iterable[str], accepted: Sequence[str], where: str) -> None:
    """Refuse a query name nobody declared: a typo (``stride=2``) must not silently draw the
    default. ``accepted`` are the names ``where`` takes. An empty name (``?=5``) names
    nothing and is let be, as browsers and proxies write them."""
    for name in names:
        if not name or name in accepted:
            continue
        shown = name[:40]
        meant = suggestion(name, accepted)
        hint = Sentence("refusal.did_you_mean", {"name": meant}) if meant else ""
        if accepted:
            raise ConfigError(
                shown,
                "refusal.unknown_parameter",
                name=repr(shown),
                hint=hint,
                where=where,
                accepted=", ".join(accepted),
            )
        raise ConfigError(
            shown, "refusal.unknown_parameter_none", name=repr(shown), hint=hint, where=where
        )


def suggestion(name: str, accepted: Sequence[str]) -> str | None:
    """``s`` for ``stride``, ``S`` or ``strides`` (said as "did you mean s?"): PyTorch's
    names, another case and near misses point at ours."""
    lowered = name.lower()
    spelled = {p.pytorch: p.name for p in PARAMETERS if p.pytorch is not None}
    spelled |= {p.name: p.name for p in PARAMETERS}
    close = difflib.get_close_matches(lowered, list(spelled), n=1, cutoff=0.65)
    meant = spelled.get(lowered) or (spelled[close[0]] if close else None)
    return meant if meant in accepted else None
