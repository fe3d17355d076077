"""Which values each parameter may take, the others held fixed: the page's slider bounds.

The page must never offer a value the engine would reject, yet must not re-implement the
rules in JavaScript. So the engine probes its own checks (the same functions that parse and
analyse a request), one parameter and one axis at a time, and hands the page the ranges.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from app.core.arithmetic import AxisShape, axis_shape
from app.core.frames import check_axes_budget
from app.core.parameters import PADDING_KEYWORDS, SIZES, ConfigError
from app.core.params import (
    Config,
    Padding,
    Pair,
    check_op_rules,
    check_padding_limit,
    resolve_padding,
)

# (parameter, lowest value, highest value): the documented limits bound every probe.
PROBED: tuple[tuple[str, int, int], ...] = tuple(
    (p.name, p.low, p.high) for p in SIZES if p.low is not None and p.high is not None
)

Range = tuple[int, int] | None


def _with(pair: Pair, axis: int, value: int) -> Pair:
    return (value, pair[1]) if axis == 0 else (pair[0], value)


def _probe(c: Config, name: str, axis: int, value: int) -> Config:
    """``c`` with one axis of one parameter set to ``value``; a keyword padding is re-resolved."""
    if name == "p":
        before = _with((c.padding.top, c.padding.left), axis, value)
        return replace(
            c, padding=Padding(before[0], before[0], before[1], before[1]), padding_keyword=None
        )
    changed: dict[str, Pair] = {name: _with(getattr(c, name), axis, value)}
    probe = replace(c, **changed)  # type: ignore[arg-type]
    if c.padding_keyword is not None:
        padding, _ = resolve_padding(probe.op, c.padding_keyword, probe.k, probe.s, probe.d)
        probe = replace(probe, padding=padding)
    return probe


def _accepts(c: Config, name: str, axis: int, value: int, other: AxisShape) -> bool:
    try:
        probe = _probe(c, name, axis, value)
        check_padding_limit(probe.padding, probe.padding_keyword)
        check_op_rules(probe)
        shape = axis_shape(probe, axis)
        if name == "p" and c.padding_keyword == "same":
            # The probe pads both axes evenly, so 'same''s uneven other axis changes too.
            other = axis_shape(probe, 1 - axis)
        check_axes_budget((shape, other) if axis == 0 else (other, shape))
    except ConfigError:
        return False
    return True


def _range(c: Config, name: str, axis: int, other: AxisShape, low: int, high: int) -> Range:
    """The smallest and largest accepted value. Accepted values are contiguous for every
    parameter except where the frame budget cuts a middle stretch, so the bounds are what a
    slider needs; a value inside them that the budget refuses still gets the engine's 422."""
    accepted = [v for v in range(low, high + 1) if _accepts(c, name, axis, v, other)]
    return (accepted[0], accepted[-1]) if accepted else None


def _keywords(c: Config) -> list[str]:
    out: list[str] = []
    for keyword in PADDING_KEYWORDS:
        try:
            padding, _ = resolve_padding(c.op, keyword, c.k, c.s, c.d)
            check_padding_limit(padding, keyword)
            probe = replace(c, padding=padding, padding_keyword=keyword)
            check_op_rules(probe)
            check_axes_budget((axis_shape(probe, 0), axis_shape(probe, 1)))
        except ConfigError:
            continue
        out.append(keyword)
    return out


@lru_cache(maxsize=1024)
def valid_ranges(c: Config) -> dict[str, object]:
    """Per parameter, [[low, high] of the height, [low, high] of the width], the other
    parameters held at ``c``; plus the padding keywords ``c`` accepts. ``c`` is valid."""
    shapes = (axis_shape(c, 0), axis_shape(c, 1))
    out: dict[str, object] = {}
    for name, low, high in PROBED:
        out[name] = [_range(c, name, axis, shapes[1 - axis], low, high) for axis in (0, 1)]
    out["p_keywords"] = _keywords(c)
    return out
