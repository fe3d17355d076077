"""A stack of layers planned with PyTorch's rules: each layer's shapes, cost and receptive field.

A spatial layer is read by the single-layer rules (app/core/params.py's parse_values, then
analyse with the layer's own input), so ``conv(k=3,s=2,p=same)`` is refused with the very
sentence ``?op=conv&k=3&s=2&p=same`` gets, prefixed with the layer's place in the stack.
A stack has the single layer's ``dims`` (1, 2 or 3): its input and every layer's sizes are
one number per axis, each axis read and checked as the main page reads it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import prod
from urllib.parse import quote

from app.core.arithmetic import analyse
from app.core.catalogue import Sentence
from app.core.costs import NO_COST, Cost, check_groups, conv_cost, linear_cost, transpose_cost
from app.core.grammar import (
    LAYER_ARGS,
    NETWORK_LIMITS,
    LayerOp,
    LayerText,
    parse_layer,
    refusal,
    split_layers,
)
from app.core.parameters import PADDING_KEYWORDS, POOLING, ConfigError
from app.core.params import (
    Config,
    all_sides,
    check_op_rules,
    check_padding_limit,
    parse_count,
    parse_flag,
    parse_sizes,
    parse_values,
    repadded,
    sizes_query,
)
from app.core.receptive import Field, input_field, through
from app.core.schema import LayerArgs, NetworkAnswer, NetworkLayer

# One number per axis of the layer, depth first: (L,) in 1-D, (H, W) in 2-D, (D, H, W) in 3-D.
Sizes = tuple[int, ...]

DEFAULT_SIDE = 224  # ImageNet's, as the presets'; every axis of the default input
DEFAULT_INPUT: Sizes = (DEFAULT_SIDE, DEFAULT_SIDE)
DEFAULT_CHANNELS = 3  # an RGB image
DEFAULT_DIMS = 2

# A size in the layer grammar: N, or one number per axis joined by x (a comma separates
# arguments): 3x5 in 2-D, 1x2x2 in 3-D. How many numbers a layer takes is parse_sizes's.
_LAYER_SIZES = re.compile(r"^-?\d{1,6}(?:\s*[x×]\s*-?\d{1,6}){0,2}$")
_COUNT = re.compile(r"^\d{1,7}$")
# A size with the wrong count of numbers, said with the layer grammar's x-joined example
# (a 1-D size is one number: its sentence's example holds no comma).
_LAYER_SIZES_KEYS = {
    "refusal.sizes_2d": "refusal.layer_sizes_2d",
    "refusal.sizes_3d": "refusal.layer_sizes_3d",
}


@dataclass(frozen=True)
class Activation:
    """What flows between layers: C × the sizes of every axis, or units after a fully
    connected layer (sizes None)."""

    c: int
    sizes: Sizes | None
    field: Field | None

    @property
    def shape(self) -> list[int]:
        return [self.c, *self.sizes] if self.sizes is not None else [self.c]

    @property
    def size(self) -> int:
        """What nn.Flatten hands a fully connected layer: C × the product of the sizes."""
        return self.c * (prod(self.sizes) if self.sizes is not None else 1)


@dataclass(frozen=True)
class Network:
    """The resolved stack: its input, one answer entry per layer, and its canonical query."""

    i: Sizes
    c_in: int
    layers: tuple[NetworkLayer, ...]

    @property
    def dims(self) -> int:
        return len(self.i)

    def query(self) -> str:
        """The canonical query: every spelling of one network (a preset included) shares it.
        ``dims`` is written when it is not 2, as the single-layer query writes it."""
        stack = ";".join(layer["text"] for layer in self.layers)
        dims = "" if self.dims == DEFAULT_DIMS else f"dims={self.dims}&"
        return f"{dims}i={sizes_query(self.i)}&c_in={self.c_in}&layers={quote(stack, safe='(),;=')}"

    def answer(self) -> NetworkAnswer:
        macs = sum(layer["macs"] for layer in self.layers)
        main = [layer for layer in self.layers if not layer["args"]["side"]]
        return {
            "query": self.query(),
            "dims": self.dims,
            "input_shape": [self.c_in, *self.i],
            "layers": list(self.layers),
            "totals": {
                "params": sum(layer["params"] for layer in self.layers),
                "macs": macs,
                "flops": 2 * macs,
                "output_shape": main[-1]["output_shape"] if main else [self.c_in, *self.i],
            },
        }


def parse_dims(text: str | None) -> int:
    """The stack's dimensions, as the single layer's ``dims`` (1, 2 or 3; default 2)."""
    return parse_count("dims", text)


def parse_input(text: str | None, dims: int = DEFAULT_DIMS) -> Sizes:
    """The network's input size: ``N`` (every axis) or one number per axis, as the single
    layer's ``i`` (the length in 1-D; D,H,W in 3-D); default 224 on every axis."""
    if not text:
        return (DEFAULT_SIDE,) * dims
    i = parse_sizes("i", text, dims)[3 - dims :]
    for v in i:
        if not 1 <= v <= NETWORK_LIMITS.max_input:
            raise ConfigError(
                "i", "refusal.network_input", limit=f"{NETWORK_LIMITS.max_input:,}", got=v
            )
    return i


def parse_channels(text: str | None) -> int:
    """The input's channels ``c_in`` (default 3)."""
    if not text:
        return DEFAULT_CHANNELS
    if not _COUNT.match(text.strip()) or not 1 <= int(text) <= NETWORK_LIMITS.max_channels:
        raise ConfigError(
            "c_in",
            "refusal.network_channels",
            limit=f"{NETWORK_LIMITS.max_channels:,}",
            got=repr(text[:40]),
        )
    return int(text)


def plan(i: Sizes, c_in: int, layers_text: str) -> Network:
    """Every layer resolved in order, each with as many axes as the input (``i`` has one
    number per axis); raises ConfigError (parameter ``layers``) naming the first layer that
    cannot follow the one before it."""
    state = Activation(c_in, i, input_field(len(i)))
    layers: list[NetworkLayer] = []
    for index, piece in enumerate(split_layers(layers_text), start=1):
        text = parse_layer(index, piece)
        try:
            layer, out = _resolve(index, text, state, len(i))
        except ConfigError as error:
            if error.parameter == "layers":
                raise
            raise refusal(index, text.op, error.sentence) from None
        layers.append(layer)
        if not layer["args"]["side"]:
            state = out
    return Network(i, c_in, tuple(layers))


def _resolve(
    index: int, text: LayerText, state: Activation, dims: int
) -> tuple[NetworkLayer, Activation]:
    args = text.args
    if text.op == "fc":
        return _fully_connected(index, args, state)
    if state.sizes is None:
        raise refusal(index, text.op, Sentence("refusal.layer_after_fc"))
    config = _config(text.op, args, state.sizes, dims)
    arith = analyse(config)
    out = tuple(arith.layer_shape("o"))
    if max(out) > NETWORK_LIMITS.max_input:
        values = {"shape": "×".join(map(str, out)), "limit": f"{NETWORK_LIMITS.max_input:,}"}
        raise refusal(index, text.op, Sentence("refusal.layer_output", values))
    weighted = text.op in ("conv", "transpose")
    c_out = _count("c", args, state.c) if weighted else state.c
    g = _count("g", args, 1) if weighted else 1
    bias = _flag("bias", args, True)
    side = _flag("side", args, False)
    # The layer's channels too, so its link opens the main figure with them.
    config = dataclasses.replace(config, c_in=state.c)
    if weighted:
        config = dataclasses.replace(config, c_out=c_out, g=g, bias=bias)
    cost = _spatial_cost(text.op, state.c, c_out, g, config, state.sizes, out, bias)
    field = None
    if state.field is not None and text.op != "transpose":
        befores = [before for before, _ in config.sides()]
        field = through(state.field, config.axes("k"), config.axes("s"), config.axes("d"), befores)
    resolved: LayerArgs = {
        "c": c_out,
        "k": list(config.axes("k")),
        "s": list(config.axes("s")),
        "p": config.padding_keyword or list(config.axes("p")),
        "padding": config.padding.as_dict(),
        "sides": [list(pair) for pair in config.sides()],
        "d": list(config.axes("d")),
        "a": list(config.axes("a")),
        "g": g if weighted else None,
        "ceil": config.ceil if text.op in POOLING else None,
        "bias": bias if weighted else None,
        "side": side,
    }
    out_state = Activation(c_out, out, field)
    layer: NetworkLayer = {
        "index": index,
        "op": text.op,
        "text": canonical_text(text.op, resolved),
        "args": resolved,
        "input_shape": state.shape,
        "output_shape": out_state.shape,
        "weight_shape": list(cost.weight_shape),
        "params": cost.params,
        "macs": cost.macs,
        "flops": cost.flops,
        "receptive_field": list(field.r) if field else None,
        "jump": list(field.j) if field else None,
        "start": list(field.start) if field else None,
        "query": config.query(),
    }
    return layer, out_state


def _config(op: LayerOp, args: Mapping[str, str], sizes: Sizes, dims: int) -> Config:
    """The single-layer configuration these args name, read at the main page's default
    input with the stack's dims, then given this layer's own input on every axis: every
    rule (and every refusal's sentence) is the main page's."""
    for name in ("k", "s", "d", "a"):
        if name in args and not _LAYER_SIZES.match(args[name]):
            raise ConfigError(name, "refusal.layer_pair", name=name, got=repr(args[name][:40]))
    padding = args.get("p")
    keyword = padding is not None and padding.strip().lower() in PADDING_KEYWORDS
    if padding is not None and not keyword and not _LAYER_SIZES.match(padding):
        raise ConfigError(
            "p",
            "refusal.layer_padding",
            keywords=", ".join(PADDING_KEYWORDS),
            got=repr(padding[:40]),
        )
    values = {name: args.get(name) for name in ("k", "s", "p", "d", "a", "ceil")}
    try:
        config = parse_values({"op": op, "dims": str(dims), **values})
    except ConfigError as error:
        # The main page's example joins a size's numbers with commas, which separate a
        # layer's arguments here: the layer's sentence writes them joined by x.
        layer_key = _LAYER_SIZES_KEYS.get(error.sentence.key)
        if layer_key is None:
            raise
        raise ConfigError(error.parameter, layer_key, **error.sentence.values) from None
    # Config keeps the plane in its pairs (a 1-D layer's is one row high) and the depth apart.
    full = (1,) * (3 - dims) + sizes
    config = dataclasses.replace(
        config, i=(full[1], full[2]), depth=dataclasses.replace(config.depth, i=full[0])
    )
    # Some rules read the input itself (AvgPool3d's input at least its kernel): check them on
    # this layer's own input, not the default one parsed above.
    check_op_rules(config)
    if config.padding_keyword == "tf_same":
        # TensorFlow's SAME pads by the layer's own input, not the default one parsed above.
        config = repadded(config, "tf_same")
        check_padding_limit(all_sides(config), "tf_same")
    return config


def _spatial_cost(
    op: LayerOp,
    c_in: int,
    c_out: int,
    g: int,
    config: Config,
    inp: Sizes,
    out: Sizes,
    bias: bool,
) -> Cost:
    if op == "conv":
        check_groups(c_in, c_out, g)
        return conv_cost(c_in, c_out, g, config.axes("k"), out, bias)
    if op == "transpose":
        check_groups(c_in, c_out, g)
        return transpose_cost(c_in, c_out, g, config.axes("k"), inp, bias)
    return NO_COST


def _fully_connected(
    index: int, args: Mapping[str, str], state: Activation
) -> tuple[NetworkLayer, Activation]:
    if "c" not in args:
        raise ConfigError("c", "refusal.fc_units")
    units = _count("c", args, 0)
    bias = _flag("bias", args, True)
    cost = linear_cost(state.size, units, bias)
    resolved: LayerArgs = {
        "c": units,
        "k": None,
        "s": None,
        "p": None,
        "padding": None,
        "sides": None,
        "d": None,
        "a": None,
        "g": None,
        "ceil": None,
        "bias": bias,
        "side": False,
    }
    layer: NetworkLayer = {
        "index": index,
        "op": "fc",
        "text": canonical_text("fc", resolved),
        "args": resolved,
        # The spatial input is flattened first, as nn.Flatten before nn.Linear.
        "input_shape": [state.size],
        "output_shape": [units],
        "weight_shape": list(cost.weight_shape),
        "params": cost.params,
        "macs": cost.macs,
        "flops": cost.flops,
        "receptive_field": None,
        "jump": None,
        "start": None,
        "query": None,
    }
    return layer, Activation(units, None, None)


def _count(name: str, args: Mapping[str, str], default: int) -> int:
    text = args.get(name)
    if text is None:
        return default
    limit = NETWORK_LIMITS.max_channels
    if not _COUNT.match(text) or not 1 <= int(text) <= limit:
        raise ConfigError(
            name, f"refusal.layer_count_{name}", limit=f"{limit:,}", got=repr(text[:40])
        )
    return int(text)


def _flag(name: str, args: Mapping[str, str], default: bool) -> bool:
    return parse_flag(name, args.get(name), default)


def layer_size(sizes: Sequence[int]) -> str:
    """A size as the layer grammar writes it: N when every axis agrees, else one number per
    axis joined by x (HxW, DxHxW: a comma separates arguments)."""
    return str(sizes[0]) if len(set(sizes)) == 1 else "x".join(str(v) for v in sizes)


def canonical_text(op: LayerOp, args: LayerArgs) -> str:
    """The layer as the grammar writes it, defaults left out (k and c always written)."""
    parts: list[str] = []
    for name in LAYER_ARGS[op]:
        value = args[name]  # type: ignore[literal-required]
        shown = _shown(op, name, value, args)
        if shown is not None:
            parts.append(f"{name}={shown}")
    return f"{op}({','.join(parts)})"


def _shown(op: LayerOp, name: str, value: object, args: LayerArgs) -> str | None:
    if isinstance(value, bool):
        default = name == "bias"
        return None if value == default else ("1" if value else "0")
    if isinstance(value, int):
        return None if name == "g" and value == 1 else str(value)
    if isinstance(value, str):  # a padding keyword
        return value
    if not isinstance(value, list):
        return None
    dims = len(args["k"] or [])
    defaults = {
        "s": args["k"] if op in POOLING else [1] * dims,
        "p": [0] * dims,
        "d": [1] * dims,
        "a": [0] * dims,
    }
    if name != "k" and value == defaults.get(name):
        return None
    return layer_size(value)
