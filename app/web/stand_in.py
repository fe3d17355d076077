"""The figure a refused link opens on: the nearest valid one (app/core/nearest.py), else the
default, with the engine's sentence and what was changed. The address stays the link's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.core.formatting import pair_size
from app.core.nearest import Nearest, nearest_valid
from app.core.parameters import BY_NAME
from app.core.params import Config
from app.web.messages import translate

# A changed value is quoted from the link: untrusted, so cut short.
MAX_GIVEN = 24


@dataclass(frozen=True)
class StandIn:
    config: Config
    sentence: str  # the refusal and what the figure shows instead
    marker: str  # the catalogue key of the figure's "not the link's figure" mark


def stand_in(lang: str, values: Mapping[str, str], message: str) -> StandIn:
    """The figure standing in for a link the engine refused with ``message``."""
    near = nearest_valid(values)
    if near is None or not near.changed:
        return StandIn(
            Config.from_query({}),
            translate(lang, "error.initial", message=message),
            "share.stand_in",
        )
    return StandIn(
        near.config,
        translate(lang, "error.nearest", message=message, changes=changes_text(lang, near)),
        "share.stand_in_nearest",
    )


def changes_text(lang: str, near: Nearest) -> str:
    """What the nearest figure changed, one clause per parameter: "k = 4 instead of 9"."""
    clauses = []
    for name, given in near.changed:
        parameter = BY_NAME[name]
        if parameter.kind == "matrix":
            numbers = getattr(near.config, name)
            size = near.config.i if name == "x" else near.config.k
            key = "nearest.numbers_dropped" if numbers is None else "nearest.numbers_fitted"
            clauses.append(translate(lang, key, name=name, size=pair_size(size)))
            continue
        value = near.config.text(parameter)
        shown = given if len(given) <= MAX_GIVEN else given[:MAX_GIVEN] + "…"
        clauses.append(translate(lang, "nearest.change", name=name, value=value, given=shown))
    return "; ".join(clauses)
