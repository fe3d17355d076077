"""PyTorch's 'same', TensorFlow's SAME and an explicit padding of one convolution, side by side.

A model ported between the two frameworks keeps its shapes only where the paddings agree:
PyTorch's 'same' needs stride 1, TensorFlow's SAME takes any stride (⌈i/s⌉ outputs, the odd
cell bottom/right), and the symmetric p = ⌊k̂/2⌋ a port often writes instead gives other
windows, and at a stride other shapes. Each case runs the engine's own checks.
"""

from __future__ import annotations

from typing import Literal

from app.core.arithmetic import Arithmetic, analyse
from app.core.catalogue import DEFAULT_LANG
from app.core.padmodes import check_padding_mode
from app.core.parameters import ConfigError
from app.core.params import (
    Config,
    all_sides,
    check_op_rules,
    check_padding_limit,
    full_sizes,
    repadded,
    with_sides,
)
from app.core.schema import PaddingCase, PaddingComparison, WindowSpan


def _span(first: tuple[int, int], ek: tuple[int, int]) -> WindowSpan:
    (r, c), (eh, ew) = first, ek
    return {"rows": [r, r + eh - 1], "cols": [c, c + ew - 1]}


PaddingName = Literal["same", "tf_same", "explicit"]


def _padded(config: Config, padding: PaddingName, p: list[int] | None) -> Arithmetic:
    """``config`` padded this way, through the engine's checks (ConfigError where refused);
    ``p`` is one number per axis of the layer."""
    if padding == "explicit" and p is not None:
        full = [0] * (3 - config.dims) + p
        padded = with_sides(config, ((full[0],) * 2, (full[1],) * 2, (full[2],) * 2), None)
    else:
        padded = repadded(config, padding)
    check_padding_limit(all_sides(padded), padded.padding_keyword)
    check_op_rules(padded)
    check_padding_mode(padded.padding_mode, all_sides(padded), full_sizes(padded, "i"))
    return analyse(padded)


def _case(config: Config, padding: PaddingName, p: list[int] | None, lang: str) -> PaddingCase:
    case: PaddingCase = {
        "padding": padding,
        "p": p,
        "query": None,
        "sides": None,
        "output_shape": None,
        "first_window": None,
        "last_window": None,
        "axis_sides": None,
        "first_spans": None,
        "last_spans": None,
        "refusal": None,
    }
    try:
        arith = _padded(config, padding, p)
    except ConfigError as error:
        return case | {"refusal": error.sentence.say(lang)}
    h, w = arith.axes
    ek = (h.ek, w.ek)
    # Window j starts j·s cells after the first, which starts p₁ cells before the input.
    first = (-h.before, -w.before)
    last = (first[0] + (h.o - 1) * h.s, first[1] + (w.o - 1) * w.s)
    # The same windows on each axis of the layer, depth first: [first, last] input cell.
    starts = [(-ax.before, -ax.before + (ax.o - 1) * ax.s, ax.ek) for ax in arith.layer_axes]
    return case | {
        "query": arith.config.query(),
        "sides": arith.config.padding.as_dict(),
        "output_shape": arith.layer_shape("o"),
        "first_window": _span(first, ek),
        "last_window": _span(last, ek),
        "axis_sides": [list(pair) for pair in arith.config.sides()],
        "first_spans": [[start, start + e - 1] for start, _, e in starts],
        "last_spans": [[end, end + e - 1] for _, end, e in starts],
    }


def explicit_p(arith: Arithmetic) -> list[int]:
    """The explicit padding to compare with: the configuration's own numbers, or where a
    keyword pads it, the symmetric ⌊k̂/2⌋ a port often writes."""
    c = arith.config
    if c.padding_keyword is None:
        return list(c.axes("p"))
    return [ax.ek // 2 for ax in arith.layer_axes]


def padding_comparison(arith: Arithmetic, lang: str = DEFAULT_LANG) -> PaddingComparison | None:
    """The three paddings of a convolution (op=conv) of any dimensions, each valid or
    refused; None otherwise."""
    c = arith.config
    if c.op != "conv":
        return None
    return {
        "cases": [
            _case(c, "same", None, lang),
            _case(c, "tf_same", None, lang),
            _case(c, "explicit", explicit_p(arith), lang),
        ]
    }
