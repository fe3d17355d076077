"""A layer configuration: parsed from a query and printed back to its canonical query.

The names (op, i, k, s, p, d, a, ceil, c_in, c_out, g, bias) are declared once in
app/core/parameters.py; they are the page's URL parameters too, so a link is a configuration.
Every size accepts ``N`` or ``H,W``; heights and widths are independent. Channels and groups
are one whole number each.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl

from app.core.catalogue import Sentence
from app.core.costs import check_groups
from app.core.extents import effective_kernel, kernel_reach, tf_same_padding
from app.core.formatting import pair_query
from app.core.kernels import FIXED_PRESETS, PRESET_SIZE, check_preset
from app.core.limits import LIMITS
from app.core.matrices import Matrix, matrix_shape, matrix_text, parse_matrix
from app.core.padmodes import check_padding_mode
from app.core.parameters import (
    BY_NAME,
    CONVOLUTIONS,
    OPS,
    PADDING_MODES,
    PARAMETERS,
    POOLING,
    PRESETS,
    ConfigError,
    Op,
    PaddingKeyword,
    PaddingMode,
    Parameter,
    joined,
    noun,
)
from app.core.schema import Sides


def op_name(op: Op) -> Sentence:
    """How a sentence names the operation: "max pooling" (the catalogue's op.<op>.short)."""
    return Sentence(f"op.{op}.short")


Pair = tuple[int, int]


@dataclass(frozen=True)
class Padding:
    """Padding per side; the paper's p is symmetric, PyTorch's 'same' need not be."""

    top: int
    bottom: int
    left: int
    right: int

    def axis(self, index: int) -> Pair:
        """(before, after) along axis 0 (rows) or 1 (columns)."""
        return (self.top, self.bottom) if index == 0 else (self.left, self.right)

    def as_dict(self) -> Sides:
        return {"top": self.top, "bottom": self.bottom, "left": self.left, "right": self.right}


@dataclass(frozen=True)
class Depth:
    """A 3-D layer's depth axis (PyTorch's D, the first of D, H, W); a 1-D or 2-D layer's
    is one cell deep with a unit kernel, stride and dilation and no padding."""

    i: int = 1
    k: int = 1
    s: int = 1
    d: int = 1
    a: int = 0
    before: int = 0
    after: int = 0


# The sizes of one parameter on every axis, depth first: (D, H, W).
Sizes = tuple[int, int, int]
# The unit a layer of fewer dimensions has on the axes it lacks.
UNIT: dict[str, int] = {"i": 1, "k": 1, "s": 1, "d": 1, "a": 0, "p": 0}


@dataclass(frozen=True)
class Config:
    """A checked configuration; ``padding`` is already resolved to sides."""

    op: Op
    i: Pair
    k: Pair
    s: Pair
    d: Pair
    a: Pair
    ceil: bool
    padding: Padding
    padding_keyword: PaddingKeyword | None
    # Channels, groups and bias come last, with defaults: a one-channel layer keeps the
    # keyword constructions and canonical queries written before they existed.
    c_in: int = 1
    c_out: int = 1
    g: int = 1
    bias: bool = True
    # What the padding holds and how average pooling divides: the shapes ignore them.
    padding_mode: PaddingMode = "zeros"
    count_include_pad: bool = True
    divisor_override: int = 0  # 0: none (PyTorch's None)
    # A learner's own numbers: the input, and the kernel's weights or a preset's name;
    # where absent, the paper's numbers, or random ones from a non-zero seed.
    x: Matrix | None = None
    w: Matrix | str | None = None
    seed: int = 0
    # 1-D layers are the plane's width with a unit height; 3-D layers add the depth axis.
    dims: int = 2
    depth: Depth = Depth()

    def axes(self, name: str) -> tuple[int, ...]:
        """``name``'s value on each of the layer's axes (``p``: the 'before' sides):
        ``(W,)`` in 1-D, ``(H, W)`` in 2-D, ``(D, H, W)`` in 3-D."""
        plane = self.p if name == "p" else getattr(self, name)
        deep = self.depth.before if name == "p" else getattr(self.depth, name)
        return (deep, *plane)[3 - self.dims :]

    def sides(self) -> tuple[tuple[int, int], ...]:
        """(before, after) padding on each of the layer's axes, depth first."""
        every = ((self.depth.before, self.depth.after), self.padding.axis(0), self.padding.axis(1))
        return every[3 - self.dims :]

    @property
    def out_channels(self) -> int:
        """The output's channels: c_out for a convolution; pooling keeps c_in."""
        return self.c_out if self.op in CONVOLUTIONS else self.c_in

    @property
    def p(self) -> Pair:
        """The symmetric p of each axis (the 'before' side, which is p whenever p is symmetric)."""
        return (self.padding.top, self.padding.left)

    @classmethod
    def from_query(cls, query: Mapping[str, str] | str) -> Config:
        """Parse and check a query as PyTorch would, raising ConfigError with a sentence.
        Empty values count as left out; names the declaration lacks are not looked at (the
        web layer refuses them). The round trip holds for every valid configuration::

            >>> Config.from_query("op=conv&i=5&k=3&s=2&p=1").query()
            'op=conv&i=5&k=3&s=2&p=1'
        """
        if isinstance(query, str):
            query = dict(parse_qsl(query))
        return parse_values({name: query.get(name) or None for name in BY_NAME})

    def text(self, parameter: Parameter) -> str:
        """This configuration's value of ``parameter`` as a query writes it."""
        if parameter.kind == "padding":
            return self.padding_keyword or sizes_query(self.axes("p"))
        if parameter.kind == "pair":
            return sizes_query(self.axes(parameter.name))
        value = getattr(self, parameter.name)
        if parameter.kind == "flag":
            return "1" if value else "0"
        if parameter.kind == "matrix":
            return "" if value is None else value if isinstance(value, str) else matrix_text(value)
        return str(value)  # a choice or a count

    def query(self) -> str:
        """The canonical query: the shortest one naming this configuration, in declaration
        order. Links, the answer cache and ETags all key on it."""
        parts = []
        for parameter in PARAMETERS:
            text = self.text(parameter)
            if parameter.always or text != _default_text(parameter):
                parts.append(f"{parameter.name}={text}")
        return "&".join(parts)


def sizes_query(values: tuple[int, ...]) -> str:
    """As a link writes a size: one number when every axis agrees, else one per axis."""
    return str(values[0]) if len(set(values)) == 1 else ",".join(str(v) for v in values)


def _default_text(parameter: Parameter) -> str:
    default = parameter.default
    if isinstance(default, tuple):
        return pair_query(default)
    if isinstance(default, bool):
        return "1" if default else "0"
    return "" if default is None else str(default)


# ASCII digits only, as the page reads them: a '٣' is not silently a 3.
_PAIR = re.compile(r"^\s*(-?\d{1,6})\s*(?:[,x×]\s*(-?\d{1,6})\s*)?$", re.ASCII)


def parse_pair(name: str, text: str) -> Pair:
    """``"5"`` -> (5, 5); ``"5,7"`` -> (5, 7)."""
    match = _PAIR.match(text)
    if match is None:
        raise ConfigError(name, "refusal.pair", noun=noun(name), name=name, got=repr(text[:40]))
    h = int(match.group(1))
    w = int(match.group(2)) if match.group(2) is not None else h
    return (h, w)


_SEPARATOR = re.compile(r"[,x×]")
_NUMBER = re.compile(r"^\s*(-?\d{1,6})\s*$", re.ASCII)
_SIZES_TEXT = re.compile(r"^\s*-?\d{1,6}\s*(?:[,x×]\s*-?\d{1,6}\s*){0,2}$", re.ASCII)


def parse_sizes(name: str, text: str, dims: int) -> Sizes:
    """``"5"`` -> 5 on each of the layer's axes; else one number per axis. The axes a layer
    of fewer dimensions lacks take their unit (1, or 0 for padding)."""
    parts = _SEPARATOR.split(text)
    matches = [_NUMBER.match(part) for part in parts]
    if len(parts) > 3 or any(m is None for m in matches):
        raise ConfigError(name, "refusal.pair", noun=noun(name), name=name, got=repr(text[:40]))
    numbers = [int(m.group(1)) for m in matches if m is not None]
    if len(numbers) == 1:
        numbers = numbers * dims
    elif len(numbers) != dims:
        raise ConfigError(
            name,
            f"refusal.sizes_{dims}d",
            noun=noun(name),
            name=name,
            got=repr(text[:40]),
            count=len(numbers),
        )
    unit = UNIT.get(name, 1)
    full = [unit] * (3 - dims) + numbers
    return (full[0], full[1], full[2])


def parse_dims(text: str | None) -> int:
    return parse_count("dims", text)


def parse_op(text: str | None) -> Op:
    if text is None or text == "":
        return "conv"
    for op in OPS:
        if text == op:
            return op
    raise ConfigError("op", "refusal.op", ops=", ".join(OPS), got=repr(text[:40]))


def parse_padding_mode(text: str | None) -> PaddingMode:
    if text is None or text == "":
        return "zeros"
    for mode in PADDING_MODES:
        if text.strip().lower() == mode:
            return mode
    raise ConfigError(
        "padding_mode",
        "refusal.padding_mode",
        modes=", ".join(PADDING_MODES),
        got=repr(text[:40]),
    )


def parse_weights(text: str | None) -> Matrix | str | None:
    """The kernel: a preset's name, or numbers written as a matrix."""
    if text is None or text == "":
        return None
    name = text.strip().lower()
    if name in PRESETS:
        return name
    if name[:1].isalpha():
        check_preset(name, PRESET_SIZE)  # names the presets
    high = BY_NAME["w"].high
    assert high is not None
    return parse_matrix("w", text, high)


def parse_input(text: str | None) -> Matrix | None:
    if text is None or text == "":
        return None
    high = BY_NAME["x"].high
    assert high is not None
    return parse_matrix("x", text, high)


def _implied_sizes(x: Matrix | None, w: Matrix | str | None, dims: int) -> dict[str, Sizes]:
    """The sizes a link's numbers set when it leaves i or k out."""
    implied = {}
    if dims == 3 and (x is not None or w is not None):
        raise ConfigError("x" if x is not None else "w", "refusal.values_3d")
    for name, matrix in (("x", x), ("w", w)):
        if matrix is None:
            continue
        shape = PRESET_SIZE if isinstance(matrix, str) else matrix_shape(matrix)
        if dims == 1 and isinstance(matrix, str):
            if matrix in FIXED_PRESETS:
                raise ConfigError("w", "refusal.preset_1d", name=matrix)
            shape = (1, PRESET_SIZE[1])
        elif dims == 1 and shape[0] != 1:
            raise ConfigError(name, "refusal.values_1d", name=name, rows=shape[0])
        implied["i" if name == "x" else "k"] = (1, shape[0], shape[1])
    return implied


def check_values(config: Config) -> None:
    """The numbers fit the sizes: x is i's shape, w is k's (a preset comes in k's size)."""
    for name, matrix, size, letter in (
        ("x", config.x, config.i, "i"),
        ("w", config.w, config.k, "k"),
    ):
        if matrix is None:
            continue
        if isinstance(matrix, str):
            check_preset(matrix, size)
            continue
        shape = matrix_shape(matrix)
        if shape != size and config.dims == 1:
            raise ConfigError(
                name,
                "refusal.values_length",
                name=name,
                count=shape[1],
                noun=noun(letter),
                length=size[1],
                letter=letter,
            )
        if shape != size:
            raise ConfigError(
                name,
                "refusal.values_shape",
                name=name,
                h=shape[0],
                w=shape[1],
                noun=noun(letter),
                rows=size[0],
                columns=size[1],
                letter=letter,
            )


def parse_flag(name: str, text: str | None, default: bool | None = None) -> bool:
    """``0``/``false`` or ``1``/``true``; left out, ``default`` (else the declared one: the
    planner's ``side`` is a layer argument, not a declared parameter)."""
    if text is None or text == "":
        if default is None:
            declared = BY_NAME[name].default
            assert isinstance(declared, bool)
            return declared
        return default
    if text in ("0", "false"):
        return False
    if text in ("1", "true"):
        return True
    raise ConfigError(name, "refusal.flag", name=name, got=repr(text[:40]))


_COUNT = re.compile(r"^\s*(-?\d{1,9})\s*$", re.ASCII)


def parse_count(name: str, text: str | None) -> int:
    """One whole number within the declared bounds; left out, the default."""
    parameter = BY_NAME[name]
    if text is None or text == "":
        assert isinstance(parameter.default, int)
        return parameter.default
    match = _COUNT.match(text)
    if match is None:
        raise ConfigError(name, "refusal.count", noun=noun(name), name=name, got=repr(text[:40]))
    value = int(match.group(1))
    assert parameter.low is not None and parameter.high is not None
    _check_range(name, (value, value), parameter.low, parameter.high)
    return value


def _check_range(name: str, value: tuple[int, ...], low: int, high: int, hint: object = "") -> None:
    for v in value:
        if v < low:
            raise ConfigError(name, "refusal.at_least", noun=noun(name), low=low, got=v, hint=hint)
        if v > high:
            raise ConfigError(name, "refusal.at_most", noun=noun(name), high=high, got=v, hint=hint)


AxisSides = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


def resolve_padding(
    op: Op, text: str | None, dims: int, i: Sizes, k: Sizes, s: Sizes, d: Sizes
) -> tuple[AxisSides, PaddingKeyword | None]:
    """The (before, after) sides a padding's text gives on each axis, depth first (a
    keyword resolved with the layer's sizes), and the keyword; refuses a keyword the
    operation, stride or dimensions lack. The axes a layer lacks get none."""
    if text is None or text == "":
        return ((0, 0), (0, 0), (0, 0)), None
    keyword = text.strip().lower()
    reach = tuple(kernel_reach(k[axis], d[axis]) for axis in range(3))
    if keyword == "valid":
        return ((0, 0), (0, 0), (0, 0)), "valid"
    if keyword == "half":
        return _sides(tuple((kk // 2, kk // 2) for kk in k)), "half"
    if keyword == "full":
        return _sides(tuple((r, r) for r in reach)), "full"
    if keyword == "same":
        if not BY_NAME["p"].keyword_taken("same", op):
            raise ConfigError("p", "refusal.same_convolution_only", op=op_name(op))
        if s != (1, 1, 1):
            raise ConfigError("p", "refusal.same_strided")
        # PyTorch pads d(k−1) in total and puts the odd cell on the bottom/right.
        return _sides(tuple((r // 2, r - r // 2) for r in reach)), "same"
    if keyword == "tf_same":
        if not BY_NAME["p"].keyword_taken("tf_same", op):
            if op == "transpose":
                raise ConfigError("p", "refusal.tf_same_transpose")
            raise ConfigError("p", "refusal.tf_same_pooling", op=op_name(op))
        # TensorFlow's SAME depends on i too: ⌈i/s⌉ outputs, the odd cell bottom/right.
        return _sides(
            tuple(
                tf_same_padding(i[axis], effective_kernel(k[axis], d[axis]), s[axis])[1]
                for axis in range(3)
            )
        ), "tf_same"
    if keyword == "causal":
        if not BY_NAME["p"].keyword_taken("causal", op):
            raise ConfigError("p", "refusal.causal_convolution_only", op=op_name(op))
        if dims != 1:
            raise ConfigError("p", "refusal.causal_1d", dims=dims)
        # WaveNet's causal convolution: an output sees only its own and earlier inputs.
        return ((0, 0), (0, 0), (reach[2], 0)), "causal"
    if not _SIZES_TEXT.match(text):
        raise ConfigError("p", "refusal.padding", got=repr(text[:40]))
    p = parse_sizes("p", text, dims)
    return ((p[0], p[0]), (p[1], p[1]), (p[2], p[2])), None


def full_sizes(c: Config, name: str) -> Sizes:
    """``name`` on all three axes, depth first, units included."""
    plane = getattr(c, name)
    return (getattr(c.depth, name), plane[0], plane[1])


def all_sides(c: Config) -> AxisSides:
    """(before, after) on all three axes, depth first, units included."""
    return ((c.depth.before, c.depth.after), c.padding.axis(0), c.padding.axis(1))


def with_sides(c: Config, sides: AxisSides, keyword: PaddingKeyword | None) -> Config:
    """``c`` padded by ``sides`` (depth first), said as ``keyword``."""
    depth = dataclasses.replace(c.depth, before=sides[0][0], after=sides[0][1])
    padding = Padding(sides[1][0], sides[1][1], sides[2][0], sides[2][1])
    return dataclasses.replace(c, padding=padding, padding_keyword=keyword, depth=depth)


def repadded(c: Config, keyword: str) -> Config:
    """``c`` with a padding keyword resolved again for its sizes (refusals as parsing's)."""
    sides, resolved = resolve_padding(
        c.op,
        keyword,
        c.dims,
        full_sizes(c, "i"),
        full_sizes(c, "k"),
        full_sizes(c, "s"),
        full_sizes(c, "d"),
    )
    return with_sides(c, sides, resolved)


def _sides(per_axis: tuple[tuple[int, int], ...]) -> AxisSides:
    return (per_axis[0], per_axis[1], per_axis[2])


def parse_values(values: Mapping[str, str | None]) -> Config:
    """Each declared parameter's text (None: left out) checked as PyTorch checks it."""
    op = parse_op(values.get("op"))
    dims = parse_dims(values.get("dims"))
    x, w = parse_input(values.get("x")), parse_weights(values.get("w"))
    # Numbers given without their size set it (x=… alone draws an input of x's shape).
    sizes_of: dict[str, Sizes] = _implied_sizes(x, w, dims)
    sizes = [p for p in PARAMETERS if p.kind == "pair"]
    # The sizes up to k are checked before the rest are read (the pooling stride's default
    # is k), so a link with several faults names the one it always named.
    split = [p.name for p in sizes].index("k") + 1
    _read_sizes(values, op, dims, sizes[:split], sizes_of)
    _check_sizes(sizes[:split], sizes_of)
    _read_sizes(values, op, dims, sizes[split:], sizes_of)
    ceil = parse_flag("ceil", values.get("ceil"))
    _check_sizes(sizes[split:], sizes_of)
    sides, keyword = resolve_padding(
        op, values.get("p"), dims, sizes_of["i"], sizes_of["k"], sizes_of["s"], sizes_of["d"]
    )
    check_padding_limit(sides, keyword)
    counts = {
        p.name: parse_count(p.name, values.get(p.name))
        for p in PARAMETERS
        if p.kind == "count" and p.name != "dims"
    }
    i, k, s, d, a = (sizes_of[name] for name in ("i", "k", "s", "d", "a"))
    config = Config(
        op,
        (i[1], i[2]),
        (k[1], k[2]),
        (s[1], s[2]),
        (d[1], d[2]),
        (a[1], a[2]),
        ceil,
        Padding(sides[1][0], sides[1][1], sides[2][0], sides[2][1]),
        keyword,  # the depth's sides are set below
        c_in=counts["c_in"],
        c_out=counts["c_out"],
        g=counts["g"],
        bias=parse_flag("bias", values.get("bias")),
        padding_mode=parse_padding_mode(values.get("padding_mode")),
        count_include_pad=parse_flag("count_include_pad", values.get("count_include_pad")),
        divisor_override=counts["divisor_override"],
        x=x,
        w=w,
        seed=counts["seed"],
        dims=dims,
        depth=Depth(i[0], k[0], s[0], d[0], a[0], sides[0][0], sides[0][1]),
    )
    check_op_rules(config)
    if config.op in CONVOLUTIONS:
        check_groups(config.c_in, config.c_out, config.g)
    check_values(config)
    if config.padding_mode != "zeros":
        check_padding_mode(config.padding_mode, config.sides(), config.axes("i"))
    return config


def _read_sizes(
    values: Mapping[str, str | None],
    op: Op,
    dims: int,
    sizes: list[Parameter],
    sizes_of: dict[str, Sizes],
) -> None:
    for parameter in sizes:
        text = values.get(parameter.name)
        if text:
            sizes_of[parameter.name] = parse_sizes(parameter.name, text, dims)
        elif parameter.name not in sizes_of:  # not set by the link's numbers either
            sizes_of[parameter.name] = _sizes_default(parameter, op, dims, sizes_of)


def _check_sizes(sizes: list[Parameter], sizes_of: dict[str, Sizes]) -> None:
    for parameter in sizes:
        assert parameter.low is not None and parameter.high is not None
        _check_range(parameter.name, sizes_of[parameter.name], parameter.low, parameter.high)


def _sizes_default(parameter: Parameter, op: Op, dims: int, parsed: Mapping[str, Sizes]) -> Sizes:
    # PyTorch's pooling layers default the stride to the kernel size.
    if parameter.name == "s" and op in POOLING:
        return parsed["k"]
    assert isinstance(parameter.default, tuple)
    value = parameter.default[0]
    unit = UNIT.get(parameter.name, 1)
    full = [unit] * (3 - dims) + [value] * dims
    return (full[0], full[1], full[2])


def check_padding_limit(sides: AxisSides, keyword: PaddingKeyword | None) -> None:
    """Every side within the documented limit, whether given as numbers or as a keyword."""
    # A keyword's padding grows with k and d, so those are what to change.
    hint = Sentence("refusal.padding_keyword_hint", {"keyword": keyword}) if keyword else ""
    every = [side for axis in sides for side in axis]
    _check_range("p", (min(every), max(every)), 0, LIMITS.max_padding, hint)


def _check_taken(c: Config) -> None:
    """A parameter the operation lacks, given anyway, is named (PyTorch would refuse it)."""
    for name in ("padding_mode", "count_include_pad", "divisor_override", "w"):
        parameter = BY_NAME[name]
        if c.op in parameter.ops or c.text(parameter) == _default_text(parameter):
            continue
        raise ConfigError(
            name,
            "refusal.not_taken",
            name=name,
            takers=joined([op_name(op) for op in parameter.ops]),
            op=op_name(c.op),
            noun=noun(name),
            first=parameter.ops[0],
        )


def check_op_rules(c: Config) -> None:
    _check_taken(c)
    if c.op != "transpose" and any(a != 0 for a in c.axes("a")):
        raise ConfigError("a", "refusal.output_padding_transpose", op=op_name(c.op))
    if c.op in ("conv", "transpose") and c.ceil:
        raise ConfigError("ceil", "refusal.ceil_pooling", op=op_name(c.op))
    _check_channel_rules(c)
    if c.op == "avgpool" and any(d != 1 for d in c.axes("d")):
        raise ConfigError("d", "refusal.avgpool_dilation")
    if c.op == "transpose":
        for a, s, d in zip(c.axes("a"), c.axes("s"), c.axes("d"), strict=True):
            if a >= s and a >= d:
                raise ConfigError("a", "refusal.output_padding_limit", s=s, d=d, most=max(s, d) - 1)
    if c.op in ("maxpool", "avgpool"):
        for k, (p, _) in zip(c.axes("k"), c.sides(), strict=True):
            if p > k // 2:
                raise ConfigError("p", "refusal.pooling_padding", k=k, most=k // 2, got=p)
    if c.op == "avgpool" and c.dims == 1 and c.divisor_override:
        # nn.AvgPool1d and F.avg_pool1d take no divisor_override.
        raise ConfigError("divisor_override", "refusal.divisor_override_1d")
    if c.op == "avgpool" and c.dims == 3:
        # AvgPool3d alone checks the input itself, before padding, against the kernel.
        for i, k in zip(c.axes("i"), c.axes("k"), strict=True):
            if i < k:
                raise ConfigError(
                    "k", "refusal.avgpool3d_input", i=_sizes_x(c.axes("i")), k=_sizes_x(c.axes("k"))
                )


def _sizes_x(values: tuple[int, ...]) -> str:
    return "×".join(str(v) for v in values)


def _check_channel_rules(c: Config) -> None:
    """Pooling keeps its input channels and has no weights: output channels, groups and a
    bias belong to convolutions."""
    if c.op in CONVOLUTIONS:
        return
    name = op_name(c.op)
    if c.c_out != 1:
        raise ConfigError("c_out", "refusal.pooling_c_out", op=name)
    if c.g != 1:
        raise ConfigError("g", "refusal.pooling_groups", op=name)
    if not c.bias:
        raise ConfigError("bias", "refusal.pooling_bias", op=name)
