"""The network planner's layer grammar: ``conv(k=3,p=1,c=64);maxpool(k=2);fc(c=10)``.

Layers are separated by ``;``, a layer is ``op(args)`` (or a bare ``op``), args are
``name=value`` separated by ``,``. A comma separates args, so a size with a number per axis
is joined by ``x``: ``HxW`` in 2-D (``k=3x5``; ``×`` too), ``DxHxW`` in 3-D (``k=1x2x2``);
a 1-D layer takes one number. This module only splits the text and checks each name; what
the values mean is app/core/network.py's, through the single-layer rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from app.core.catalogue import Sentence
from app.core.limits import LIMITS
from app.core.parameters import MAX_CHANNELS, ConfigError, suggestion

LayerOp = Literal["conv", "transpose", "maxpool", "avgpool", "fc"]
LAYER_OPS: tuple[LayerOp, ...] = get_args(LayerOp)

# The arguments each operation takes, in the order the canonical text writes them.
_SPATIAL = ("k", "s", "p", "d")
LAYER_ARGS: dict[LayerOp, tuple[str, ...]] = {
    "conv": ("c", *_SPATIAL, "g", "bias", "side"),
    "transpose": ("c", *_SPATIAL, "a", "g", "bias", "side"),
    "maxpool": (*_SPATIAL, "ceil", "side"),
    "avgpool": ("k", "s", "p", "ceil", "side"),
    "fc": ("c", "bias"),
}
ARG_NAMES: tuple[str, ...] = ("c", "k", "s", "p", "d", "a", "g", "ceil", "bias", "side")
ARG_DOCS: dict[str, str] = {
    "c": "output channels (conv, transpose; default: the input's channels) or units (fc; required)",
    "k": "kernel size, N or one per axis: HxW, DxHxW (default 3)",
    "s": "stride, N or one per axis (default 1; pooling: the kernel size)",
    "p": "padding, N or one per axis, or valid, same, tf_same, full, half, causal (1-D "
    "convolution) (default 0)",
    "d": "dilation, N or one per axis (default 1)",
    "a": "output padding, transposed convolution only, N or one per axis (default 0)",
    "g": "groups: c_in and c must both divide by it (default 1)",
    "ceil": "pooling's ceil_mode, 0 or 1 (default 0)",
    "bias": "1 (default) or 0: whether the layer adds a learned bias",
    "side": "1: a side branch (a ResNet shortcut): computed from this layer's input, and the "
    "next layer reads that same input; counted in the totals (default 0)",
}


@dataclass(frozen=True)
class NetworkLimits:
    """Checked before any work: the text's length first, then the number of layers."""

    max_layers: int = 64
    # The single layer's own limits: a layer of a stack is a layer of the main page.
    max_input: int = LIMITS.max_input  # per side, the network's input and every layer's output
    max_channels: int = MAX_CHANNELS  # channels, fc units and groups
    max_text: int = 2048  # characters of `layers`: 64 layers of ~30 characters

    def describe(self) -> str:
        return (
            f"Limits: at most {self.max_layers} layers and {self.max_text:,} characters of "
            f"`layers`; the input and every layer's output up to {self.max_input:,} per axis; "
            f"channels, units and groups up to {self.max_channels:,}; each layer's k, s, p, "
            "d and a within the single-layer limits."
        )


NETWORK_LIMITS = NetworkLimits()

_LAYER = re.compile(r"^([A-Za-z_]\w{0,15})\s*(?:\(([^()]*)\))?$")


@dataclass(frozen=True)
class LayerText:
    """One layer as written: its operation and its ``name=value`` args, unchecked values."""

    op: LayerOp
    args: dict[str, str]


def refusal(index: int, op: str, message: Sentence) -> ConfigError:
    """A 422 naming the layer (1-based) and the reason; `parameter` is always `layers`."""
    if op:
        return ConfigError("layers", "refusal.layer_op", index=index, op=op, message=message)
    return ConfigError("layers", "refusal.layer", index=index, message=message)


def split_layers(text: str) -> list[str]:
    """Each layer's text, in order, once the whole text is within the limits; each is read
    by ``parse_layer`` in turn, so the first faulty layer is the one named, whatever its
    fault."""
    if len(text) > NETWORK_LIMITS.max_text:
        raise ConfigError(
            "layers",
            "refusal.layers_length",
            length=f"{len(text):,}",
            limit=f"{NETWORK_LIMITS.max_text:,}",
        )
    pieces = [piece.strip() for piece in text.split(";")]
    # A trailing ';' (or a doubled one) names no layer.
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        raise ConfigError("layers", "refusal.layers_none")
    if len(pieces) > NETWORK_LIMITS.max_layers:
        raise ConfigError(
            "layers", "refusal.layers_count", count=len(pieces), limit=NETWORK_LIMITS.max_layers
        )
    return pieces


def parse_layer(index: int, piece: str) -> LayerText:
    """One layer's operation and args; raises ConfigError naming it by ``index`` (1-based)."""
    match = _LAYER.match(piece)
    if match is None:
        raise refusal(
            index,
            "",
            Sentence(
                "refusal.layer_syntax", {"got": repr(piece[:40]), "ops": ", ".join(LAYER_OPS)}
            ),
        )
    name, body = match.group(1), match.group(2)
    op = next((o for o in LAYER_OPS if o == name.lower()), None)
    if op is None:
        raise refusal(
            index,
            "",
            Sentence("refusal.layer_op_unknown", {"got": repr(name), "ops": ", ".join(LAYER_OPS)}),
        )
    return LayerText(op, _args(index, op, body or ""))


def _args(index: int, op: LayerOp, body: str) -> dict[str, str]:
    args: dict[str, str] = {}
    accepted = LAYER_ARGS[op]
    for item in (part.strip() for part in body.split(",")):
        if not item:
            continue
        name, eq, value = (x.strip() for x in item.partition("="))
        if not eq or not name:
            raise refusal(index, op, Sentence("refusal.layer_arg_syntax", {"got": repr(item[:40])}))
        if name not in accepted:
            meant = suggestion(name, accepted)
            values = {
                "got": repr(name[:40]),
                "hint": Sentence("refusal.did_you_mean", {"name": meant}) if meant else "",
                "op": op,
                "accepted": ", ".join(accepted),
            }
            raise refusal(index, op, Sentence("refusal.layer_arg_unknown", values))
        if name in args:
            raise refusal(index, op, Sentence("refusal.layer_arg_twice", {"name": name}))
        if not value:
            raise refusal(index, op, Sentence("refusal.layer_arg_empty", {"name": name}))
        args[name] = value
    return args
