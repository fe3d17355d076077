"""Which values each parameter may take, the others held fixed: the page's slider bounds.

The page must never offer a value the engine would reject, yet must not re-implement the
rules in JavaScript. So the engine probes its own checks (the same functions that parse and
analyse a request), one parameter and one axis at a time, and hands the page the ranges.

The bounds are what the arithmetic accepts, not what can be drawn: a layer too large to draw
still has its shapes, and the page says why its figure is not drawn.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from app.core.arithmetic import axis_shape
from app.core.padmodes import check_padding_mode
from app.core.parameters import PADDING_KEYWORDS, SIZES, ConfigError
from app.core.params import (
    Config,
    Padding,
    Pair,
    all_sides,
    check_op_rules,
    check_padding_limit,
    full_sizes,
    repadded,
)

# (parameter, lowest value, highest value): the documented limits bound every probe.
PROBED: tuple[tuple[str, int, int], ...] = tuple(
    (p.name, p.low, p.high) for p in SIZES if p.low is not None and p.high is not None
)

Range = tuple[int, int] | None


# The layer's axes as axis_shape numbers them: the depth is -1, the plane's rows 0, columns 1.
LAYER_AXES = {1: (1,), 2: (0, 1), 3: (-1, 0, 1)}


def _with(pair: Pair, axis: int, value: int) -> Pair:
    return (value, pair[1]) if axis == 0 else (pair[0], value)


def _probe(c: Config, name: str, axis: int, value: int) -> Config:
    """``c`` with one axis of one parameter set to ``value``; a keyword padding is re-resolved."""
    if name == "p":
        if axis < 0:
            depth = replace(c.depth, before=value, after=value)
            return replace(c, depth=depth, padding_keyword=None)
        before = _with((c.padding.top, c.padding.left), axis, value)
        return replace(
            c, padding=Padding(before[0], before[0], before[1], before[1]), padding_keyword=None
        )
    if axis < 0:
        probe = replace(c, depth=replace(c.depth, **{name: value}))
    else:
        changed: dict[str, Pair] = {name: _with(getattr(c, name), axis, value)}
        probe = replace(c, **changed)  # type: ignore[arg-type]
    if c.padding_keyword is not None:
        probe = repadded(probe, c.padding_keyword)
    return probe


def accepts(c: Config, name: str, axis: int, value: int) -> bool:
    """Does the arithmetic accept ``c`` with one axis of ``name`` set to ``value``?"""
    try:
        probe = _probe(c, name, axis, value)
        check_padding_limit(all_sides(probe), probe.padding_keyword)
        check_op_rules(probe)
        check_padding_mode(probe.padding_mode, all_sides(probe), full_sizes(probe, "i"))
        axis_shape(probe, axis)
        if name == "p" and c.padding_keyword in ("same", "tf_same", "causal"):
            # The probe pads every axis evenly, so an uneven keyword's other axes change too.
            for other in LAYER_AXES[c.dims]:
                axis_shape(probe, other)
    except ConfigError:
        return False
    return True


def _anchor(c: Config, name: str, axis: int) -> int:
    """A value to search from. ``c``'s own value is accepted, except that a probe of p pads
    evenly: there the larger side of 'same''s uneven padding is (it only adds padding)."""
    if name == "p":
        return max(all_sides(c)[axis + 1])
    value: int = full_sizes(c, name)[axis + 1]
    return value


def _last_accepted(c: Config, name: str, axis: int, accepted: int, refused: int, step: int) -> int:
    """Bisection between an accepted and a refused value (either side of each other, a
    multiple of ``step`` apart): the accepted value next to the edge."""
    while abs(refused - accepted) > step:
        middle = accepted + (refused - accepted) // step // 2 * step
        if accepts(c, name, axis, middle):
            accepted = middle
        else:
            refused = middle
    return accepted


def _stretch(c: Config, name: str, axis: int, anchor: int, low: int, high: int, step: int) -> Range:
    """The accepted values among anchor + j·step within [low, high], as (first, last)."""
    if not low <= anchor <= high or not accepts(c, name, axis, anchor):
        return None
    top = anchor + (high - anchor) // step * step
    bottom = anchor - (anchor - low) // step * step
    if not accepts(c, name, axis, top):
        top = _last_accepted(c, name, axis, anchor, top, step)
    if not accepts(c, name, axis, bottom):
        bottom = _last_accepted(c, name, axis, anchor, bottom, step)
    return (bottom, top)


def value_range(c: Config, name: str, axis: int, low: int, high: int) -> Range:
    """The smallest and largest value in [low, high] the arithmetic accepts, in
    O(log(high − low)) probes, so bounds of 4,096 cost what bounds of 16 did.

    Every rule bounds a parameter on one side only (the kernel must fit the padded input,
    the padding its limit, a < max(s, d), ...), so the accepted values are one stretch around
    ``c``'s own value and bisection finds its ends. One exception: p=half pads ⌊k/2⌋, linear
    in k only among odd or among even kernels, and a transposed convolution's output then
    alternates with k's parity (i = 1, d = 1, a = 0 takes odd kernels only); there each
    parity is searched on its own. tests/test_ranges.py holds this to a scan of every value.
    """
    anchor = min(max(_anchor(c, name, axis), low), high)
    if name == "k" and c.padding_keyword == "half":
        # The other parity's stretch, if any, reaches a neighbour of the anchor.
        starts = (anchor, anchor - 1, anchor + 1)
        found = [r for r in (_stretch(c, name, axis, v, low, high, 2) for v in starts) if r]
        if not found:
            return None
        return (min(r[0] for r in found), max(r[1] for r in found))
    # None only for p under an uneven 'same' whose other axis cannot be padded evenly.
    return _stretch(c, name, axis, anchor, low, high, 1)


def _keywords(c: Config) -> list[str]:
    out: list[str] = []
    for keyword in PADDING_KEYWORDS:
        try:
            probe = repadded(c, keyword)
            check_padding_limit(all_sides(probe), keyword)
            check_op_rules(probe)
            check_padding_mode(c.padding_mode, all_sides(probe), full_sizes(probe, "i"))
            for axis in LAYER_AXES[c.dims]:
                axis_shape(probe, axis)
        except ConfigError:
            continue
        out.append(keyword)
    return out


@lru_cache(maxsize=1024)
def valid_ranges(c: Config) -> dict[str, object]:
    """Per parameter, [low, high] on each of the layer's axes (height and width; the length
    alone in 1-D; depth, height and width in 3-D), the other parameters held at ``c``; plus
    the padding keywords ``c`` accepts. ``c`` is valid."""
    out: dict[str, object] = {}
    for name, low, high in PROBED:
        out[name] = [value_range(c, name, axis, low, high) for axis in LAYER_AXES[c.dims]]
    out["p_keywords"] = _keywords(c)
    return out
