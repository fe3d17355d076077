"""The nearest valid configuration to a refused link: what a student's page draws instead.

A refused link names one parameter in its sentence. That parameter is moved to the closest
value the engine accepts, the others kept as given, and the link checked again: a few rounds
reach a valid configuration, or give up (the page then draws the default figure). Every
round probes a bounded number of values, so a crafted link costs milliseconds at most.

- A size, padding or count moves to its closest accepted value, per axis where the engine can
  say which axis is wrong (app/core/ranges.py's probes), along both axes at once otherwise.
- A padding keyword the operation refuses becomes the number it would pad (``same`` at a
  stride above 1 becomes ⌊d(k − 1)/2⌋, the padding 'same' gives at stride 1: the stride the
  student chose stays, and the sentence named the padding, not the stride).
- A reflection or wrap wider than the input lowers p (the mode the student chose stays).
- A learner's numbers are fitted to the sizes as the page fits them (static/js/values.js's
  fitNumbers): cut, or extended with 0; a kernel preset of another size is dropped.
- Anything else (an unknown operation, a flag, text that is no number) takes its default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from app.core.arithmetic import analyse
from app.core.extents import kernel_reach
from app.core.formatting import pair_query
from app.core.matrices import matrix_shape, matrix_text, resized
from app.core.parameters import BY_NAME, PADDING_KEYWORDS, ConfigError
from app.core.params import Config, Pair, parse_input, parse_pair, parse_values, parse_weights
from app.core.ranges import accepts

# Each round fixes one parameter; a link needing more is too far from any figure to be "near".
MAX_ROUNDS = 8
# Values tried one by one either side of the given one; past that, doubling steps (then a
# bisection back), since each rule bounds a value on one side only.
LINEAR_REACH = 64
# The engine's checks run at most this many times per link (some 20 µs each): past it, the
# link is too far from any figure and the page draws the default one.
MAX_PROBES = 1000

Values = dict[str, str | None]


@dataclass(frozen=True)
class Nearest:
    """A valid configuration near a refused link, and what was changed, in order."""

    config: Config
    # (parameter, the link's text) for each parameter moved.
    changed: tuple[tuple[str, str], ...]


class _Spent(Exception):
    """The probes allowed for one link are spent."""


@dataclass
class _Budget:
    left: int

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _Spent


def refusal(values: Mapping[str, str | None]) -> ConfigError | None:
    """The engine's refusal of these values (parsing and arithmetic), or None if valid."""
    try:
        analyse(parse_values(values))
    except ConfigError as refused:
        return refused
    return None


def nearest_valid(query: Mapping[str, str | None]) -> Nearest | None:
    """The valid configuration nearest ``query`` (a refused link's values), or None when
    :data:`MAX_ROUNDS` rounds do not reach one."""
    values: Values = {name: query.get(name) or None for name in BY_NAME}
    changed: dict[str, str] = {}
    budget = _Budget(MAX_PROBES)
    try:
        for _ in range(MAX_ROUNDS + 1):
            refused = refusal(values)
            if refused is None:
                config = parse_values(values)
                return Nearest(config, tuple(changed.items()))
            name = _to_move(refused)
            fixed = _fix(values, name, budget)
            if fixed is None or fixed == values:
                return None
            changed.setdefault(name, values.get(name) or "")
            values = fixed
    except _Spent:
        return None
    return None


def _to_move(refused: ConfigError) -> str:
    """The parameter to move: the one the refusal names, except that a reflection or wrap
    wider than the input keeps the learner's mode and lowers p, as its sentence says first."""
    key = refused.sentence.key
    if refused.parameter == "padding_mode" and key.startswith(
        ("refusal.reflect_", "refusal.circular_")
    ):
        return "p"
    return refused.parameter


def closest(ok: Callable[[int], bool], start: int, low: int, high: int) -> int | None:
    """The value in [low, high] nearest ``start`` that ``ok`` accepts (the lower on a tie),
    assuming the accepted values beyond :data:`LINEAR_REACH` are one stretch per side."""
    start = min(max(start, low), high)
    if ok(start):
        return start
    for distance in range(1, LINEAR_REACH + 1):
        for value in (start - distance, start + distance):
            if low <= value <= high and ok(value):
                return value
    found: list[int] = []
    for sign in (-1, 1):
        refused, step = start + sign * LINEAR_REACH, 2 * LINEAR_REACH
        while True:
            value = min(max(start + sign * step, low), high)
            if sign * (value - refused) <= 0:  # the limit is reached: nothing further
                break
            if ok(value):
                found.append(_bisect(ok, refused, value))
                break
            refused, step = value, step * 2
    return min(found, key=lambda v: (abs(v - start), v)) if found else None


def _bisect(ok: Callable[[int], bool], refused: int, accepted: int) -> int:
    """The accepted value next to ``refused``, between the two."""
    while abs(accepted - refused) > 1:
        middle = (accepted + refused) // 2
        if ok(middle):
            accepted = middle
        else:
            refused = middle
    return accepted


def _fix(values: Values, name: str, budget: _Budget) -> Values | None:
    """``values`` with ``name`` moved towards what the engine accepts, or None."""
    parameter = BY_NAME.get(name)
    text = values.get(name)
    if parameter is None:
        return None
    if parameter.kind == "matrix":
        return {**values, name: _fitted_numbers(values, name)}
    if parameter.kind == "padding" and text and text.strip().lower() in PADDING_KEYWORDS:
        return {**values, name: _keyword_as_number(values, text.strip().lower())}
    if parameter.kind in ("pair", "padding") and text:
        try:
            given = parse_pair(name, text)
        except ConfigError:
            return {**values, name: None}
        moved = _moved_axes(values, name, given, budget)
        if moved is None or moved == given:
            moved = _moved_together(values, name, given, budget)
        return None if moved is None else {**values, name: pair_query(moved)}
    if parameter.kind == "count" and text and text.strip().lstrip("-").isdigit() and text.isascii():
        assert parameter.low is not None and parameter.high is not None
        value = closest(
            lambda v: _clears({**values, name: str(v)}, name, budget),
            int(text),
            parameter.low,
            parameter.high,
        )
        return None if value is None else {**values, name: str(value)}
    # A choice, a flag, or text that is no value: its default.
    return {**values, name: None}


def _clears(values: Values, name: str, budget: _Budget) -> bool:
    """Is ``name`` no longer what the engine refuses (another parameter may still be)?"""
    budget.spend()
    refused = refusal(values)
    return refused is None or refused.parameter != name


def _bounds(name: str) -> Pair:
    parameter = BY_NAME[name]
    assert parameter.low is not None and parameter.high is not None
    return (parameter.low, parameter.high)


def _moved_axes(values: Values, name: str, given: Pair, budget: _Budget) -> Pair | None:
    """Each axis moved on its own, when the rest parses: the arithmetic's probes
    (app/core/ranges.py) check one axis at a time."""
    low, high = _bounds(name)
    inside = (min(max(given[0], low), high), min(max(given[1], low), high))
    # The probes need the rest parsed: with the value given, or else (when that very value
    # is refused) with the parameter's default in its place.
    config = None
    for base in (pair_query(inside), ""):
        try:
            config = parse_values({**values, name: base or None})
            break
        except ConfigError:
            continue
    if config is None:
        return None
    moved = list(inside)

    def accepted(axis: int, value: int) -> bool:
        budget.spend()
        return accepts(config, name, axis, value)

    for axis in (0, 1):
        value = closest(partial(accepted, axis), inside[axis], low, high)
        if value is None:
            return None
        moved[axis] = value
    return (moved[0], moved[1])


def _moved_together(values: Values, name: str, given: Pair, budget: _Budget) -> Pair | None:
    """Both axes moved by the same amount, until the engine no longer names ``name``."""
    low, high = _bounds(name)
    offset = closest(
        lambda t: _clears({**values, name: pair_query((given[0] + t, given[1] + t))}, name, budget),
        0,
        max(low - given[0], low - given[1]),
        min(high - given[0], high - given[1]),
    )
    return None if offset is None else (given[0] + offset, given[1] + offset)


def _pair_or_default(values: Values, name: str) -> Pair:
    default = BY_NAME[name].default
    assert isinstance(default, tuple)
    try:
        return parse_pair(name, values[name] or "")
    except ConfigError:
        return default


def _keyword_as_number(values: Values, keyword: str) -> str:
    """The padding a keyword gives, as a number (the next round moves it if still refused)."""
    k, d = _pair_or_default(values, "k"), _pair_or_default(values, "d")
    if keyword == "valid":
        return "0"
    if keyword == "half":
        return pair_query((k[0] // 2, k[1] // 2))
    if keyword == "full":
        return pair_query((kernel_reach(k[0], d[0]), kernel_reach(k[1], d[1])))
    # 'same' at stride 1 pads d(k − 1) in total, the smaller half before.
    return pair_query((kernel_reach(k[0], d[0]) // 2, kernel_reach(k[1], d[1]) // 2))


def _fitted_numbers(values: Values, name: str) -> str | None:
    """A learner's numbers fitted to their size (cut, or extended with 0), as the page fits
    them; a preset of another size, or numbers that do not parse, give way to the default."""
    size_name = "i" if name == "x" else "k"
    text = values.get(name)
    try:
        numbers = parse_input(text) if name == "x" else parse_weights(text)
        size = parse_pair(size_name, values.get(size_name) or "")
    except ConfigError:
        return None
    high = BY_NAME[name].high
    assert high is not None
    if numbers is None or isinstance(numbers, str) or size[0] * size[1] > high:
        return None
    if matrix_shape(numbers) == size:
        return None  # fits, yet refused for another reason: only the default is left
    return matrix_text(resized(numbers, size))
