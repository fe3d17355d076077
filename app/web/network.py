"""The network planner's API: /api/network."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from app.core import schema
from app.core.grammar import ARG_DOCS, LAYER_OPS, NETWORK_LIMITS
from app.core.network import (
    DEFAULT_CHANNELS,
    Network,
    parse_channels,
    parse_dims,
    parse_input,
    plan,
)
from app.core.parameters import ConfigError
from app.core.presets import PRESETS
from app.web.answer_cache import MB, AnswerCache, CachedAnswer
from app.web.language import checked_lang
from app.web.query import MAX_VALUE_LENGTH, known_names
from app.web.responses import ERROR_RESPONSES, etag_of, json_bytes, tagged_bytes

router = APIRouter(
    prefix="/api", tags=["network"], dependencies=[Depends(known_names), Depends(checked_lang)]
)

# A 64-layer answer is some 40 KB: thousands fit.
ANSWERS = AnswerCache(max_entries=1024, max_bytes=16 * MB, max_entry_bytes=1 * MB)

_GRAMMAR = (
    "Layers separated by `;`, each `op(name=value,...)` with op one of "
    f"{', '.join(LAYER_OPS)} (fc: fully connected; the spatial input is flattened before the "
    "first). Arguments: "
    + "; ".join(f"`{name}` {doc}" for name, doc in ARG_DOCS.items())
    + ". A comma separates arguments, so a size per axis is joined by x: HxW in 2-D (k=3x5), "
    "DxHxW in 3-D (k=1x2x2); in 1-D one number, the length."
)

DimsText = Annotated[
    str | None,
    Query(
        description="The stack's spatial dimensions, as the single layer's dims: 1 (a "
        "sequence, nn.Conv1d and the rest), 2 (default) or 3 (a volume, nn.Conv3d). The "
        "input and every size take one number per axis. Not with preset (a preset has its "
        "own).",
        max_length=MAX_VALUE_LENGTH,
    ),
]

InputText = Annotated[
    str | None,
    Query(
        description="The input's size, N (every axis) or one number per axis: the length "
        "in 1-D (e.g. 4000 audio samples), H,W in 2-D, D,H,W in 3-D (e.g. 16,112,112 for a "
        f"video clip); x joins them too. Default 224; 1 to {NETWORK_LIMITS.max_input:,} per "
        "axis. Not with preset.",
        max_length=MAX_VALUE_LENGTH,
    ),
]
ChannelsText = Annotated[
    str | None,
    Query(
        description=f"The input's channels. Default {DEFAULT_CHANNELS}; 1 to "
        f"{NETWORK_LIMITS.max_channels:,}. Not with preset.",
        max_length=MAX_VALUE_LENGTH,
    ),
]
LayersText = Annotated[str | None, Query(description=_GRAMMAR, max_length=NETWORK_LIMITS.max_text)]
PresetText = Annotated[
    str | None,
    Query(
        description="A named network instead of layers: "
        + " ".join(f"`{p.name}`: {p.about}" for p in PRESETS.values()),
        max_length=MAX_VALUE_LENGTH,
    ),
]


def network_of(
    dims: DimsText = None,
    i: InputText = None,
    c_in: ChannelsText = None,
    layers: LayersText = None,
    preset: PresetText = None,
) -> Network:
    """The stack a query names: ``layers`` on ``i`` and ``c_in`` in ``dims``, or a preset."""
    if preset:
        chosen = PRESETS.get(preset.strip().lower())
        if chosen is None:
            raise ConfigError(
                "preset",
                "refusal.preset_unknown",
                got=repr(preset[:40]),
                presets=", ".join(PRESETS),
            )
        for name, given in (("layers", layers), ("i", i), ("c_in", c_in), ("dims", dims)):
            if given:
                raise ConfigError(
                    name,
                    "refusal.preset_fixed",
                    name=chosen.name,
                    c=chosen.c_in,
                    i="×".join(str(v) for v in chosen.i),
                    param=name,
                )
        return plan(chosen.i, chosen.c_in, chosen.layers)
    if not layers:
        raise ConfigError("layers", "refusal.layers_missing", presets=", ".join(PRESETS))
    count = parse_dims(dims)
    return plan(parse_input(i, count), parse_channels(c_in), layers)


@router.get(
    "/network",
    summary="A stack of layers: each one's shapes, parameters, MACs and receptive field",
    description="Receptive fields follow Araujo et al.'s recurrences in the network's input "
    "coordinates; none is reported for fc layers or from the first transposed convolution on "
    "(its output cells see different numbers of input cells). A bad layer gets a 422 naming "
    "it, with `parameter` = layers. " + NETWORK_LIMITS.describe(),
    responses=ERROR_RESPONSES,
    response_model=schema.NetworkAnswer,
)
def network(stack: Annotated[Network, Depends(network_of)]) -> Any:
    key = ("network", stack.query())
    answer = ANSWERS.get(key)
    if answer is None:
        body = json_bytes(stack.answer())
        answer = CachedAnswer(body, etag_of(body))
        ANSWERS.put(key, answer)
    return tagged_bytes(answer.body, answer.etag, "application/json")
