"""The page's slider bounds agree with the engine: each bound and each keyword offered is
accepted by a real request, and the value just past each bound is refused. The bounds are
the arithmetic's, not the drawing's, and the bisection that finds them equals a scan of
every value."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import analysed, text

from app.core import ranges as ranges_module
from app.core.arithmetic import Arithmetic, analyse
from app.core.frames import check_frame_budget
from app.core.limits import LIMITS
from app.core.parameters import PADDING_KEYWORDS, ConfigError
from app.core.params import Config
from app.core.ranges import PROBED, Range, accepts, valid_ranges, value_range


def _raw(
    c: Config, name: str | None = None, axis: int = 0, value: int = 0
) -> dict[str, str | None]:
    """The query naming ``c``, with one axis of one parameter set to ``value``."""
    fields = {"i": c.i, "k": c.k, "s": c.s, "d": c.d, "a": c.a, "p": c.p}
    if name is not None:
        pair = fields[name]
        fields[name] = (value, pair[1]) if axis == 0 else (pair[0], value)
    keep_keyword = c.padding_keyword is not None and name != "p"
    return dict(
        op=c.op,
        ceil="1" if c.ceil else "0",
        p=c.padding_keyword if keep_keyword else text(fields.pop("p")),
        **{key: text(pair) for key, pair in fields.items() if key != "p"},
    )


def _engine_accepts(raw: dict[str, str | None]) -> bool:
    """What /api/arithmetic accepts: the parser and the analysis, no drawing budget."""
    try:
        analyse(Config.from_query(raw))
    except ConfigError:
        return False
    return True


def _scanned(c: Config, name: str, axis: int, low: int, high: int) -> Range:
    """The reference: every value from low to high probed, the smallest and largest kept
    (what app/core/ranges.py did before it bisected)."""
    accepted = [v for v in range(low, high + 1) if accepts(c, name, axis, v)]
    return (accepted[0], accepted[-1]) if accepted else None


def _contiguous(c: Config, name: str, axis: int, low: int, high: int) -> bool:
    """No gap among the accepted values, or (k under p=half) none within each parity."""
    accepted = [v for v in range(low, high + 1) if accepts(c, name, axis, v)]
    step = 2 if name == "k" and c.padding_keyword == "half" else 1
    for parity in range(step):
        values = [v for v in accepted if v % step == parity]
        if values != list(range(values[0], values[-1] + 1, step)) if values else False:
            return False
    return True


def test_transposed_half_padding_takes_odd_kernels_only() -> None:
    """o = (i − 1)s − 2⌊k/2⌋ + (k − 1) + 1 = k mod 2 at i = 1: the one gap in any range, and
    the bounds still span it (an even k there gets the engine's 422)."""
    c = Config.from_query("op=transpose&i=1&k=3&p=half")
    assert [v for v in range(1, 8) if accepts(c, "k", 0, v)] == [1, 3, 5, 7]
    assert valid_ranges(c)["k"] == [(1, 4095), (1, 4095)]


def test_every_parameter_is_probed_between_its_documented_limits() -> None:
    """Written out from the README's Limits, not read from the declaration: sizes from 1,
    padding and output padding from 0, all up to 4,096."""
    assert sorted(PROBED) == [
        ("a", 0, 4096),
        ("d", 1, 4096),
        ("i", 1, 4096),
        ("k", 1, 4096),
        ("p", 0, 4096),
        ("s", 1, 4096),
    ]


@pytest.mark.parametrize(
    ("query", "name", "bounds"),
    [
        # o = ⌊(5 − 3)/s⌋ + 1 ≥ 1 at every stride, and k ≤ 5 keeps o ≥ 1.
        ("i=5&k=3", "s", (1, 4096)),
        ("i=5&k=3", "k", (1, 5)),
        ("i=5&k=3", "i", (3, 4096)),
        ("i=5&k=3", "p", (0, 4096)),
        # k̂ = 1 + 2(d − 1) ≤ 5 at d ≤ 2.
        ("i=5&k=3", "d", (1, 2)),
        # PyTorch's output padding is below the stride or the dilation: a ≤ 1 at s=2.
        ("op=transpose&i=5&k=3&s=2", "a", (0, 1)),
        ("op=transpose&i=5&k=3&s=2", "s", (1, 4096)),
        # o = (5 − 1)·1 − 2p + (3 − 1) + 1 = 7 − 2p ≥ 1 at p ≤ 3.
        ("op=transpose&i=5&k=3", "p", (0, 3)),
    ],
)
def test_slider_bounds_worked_by_hand(query: str, name: str, bounds: tuple[int, int]) -> None:
    assert valid_ranges(Config.from_query(query))[name] == [bounds, bounds]


@settings(max_examples=300, deadline=None)
@given(analysed(), st.integers(0, 3), st.integers(0, 30))
def test_bisection_equals_a_scan_of_every_value(arith: Arithmetic, low: int, span: int) -> None:
    """Over small bounds (the scan is O(range)), for every parameter and axis, including
    bounds that leave out the configuration's own value."""
    c = arith.config
    for name, low_limit, _ in PROBED:
        bottom = max(low, low_limit)
        for axis in (0, 1):
            assert _contiguous(c, name, axis, bottom, bottom + span), (name, axis)
            expected = _scanned(c, name, axis, bottom, bottom + span)
            assert value_range(c, name, axis, bottom, bottom + span) == expected, (name, axis)


@settings(max_examples=15, deadline=None)
@given(analysed())
def test_bisection_equals_a_scan_at_the_real_limits(arith: Arithmetic) -> None:
    """The documented bounds (up to 4,096): a full scan per parameter and axis."""
    c = arith.config
    for name, low, high in PROBED:
        for axis in (0, 1):
            assert value_range(c, name, axis, low, high) == _scanned(c, name, axis, low, high)


@pytest.mark.parametrize(
    "query",
    [
        "op=conv&i=227&k=11&s=4",
        "op=conv&i=1,5&k=2&p=same",
        "op=conv&i=4096&k=3&d=4096&p=same",
        "op=transpose&i=4096&k=4096&s=4096&d=4096&a=4095&p=4096",
        "op=maxpool&i=4096&k=4096&p=2048&ceil=1",
        "op=avgpool&i=7,4096&k=3&s=2&ceil=1",
        # p=half on a transposed convolution: odd kernels only (o = k mod 2 at i = 1).
        "op=transpose&i=1&k=3&p=half",
        "op=transpose&i=2,1&k=4,3&p=half",
        "op=transpose&i=1&k=3&d=2&p=half",
    ],
)
def test_named_large_and_uneven_configurations_equal_the_scan(query: str) -> None:
    c = analyse(Config.from_query(query)).config
    for name, low, high in PROBED:
        for axis in (0, 1):
            assert value_range(c, name, axis, low, high) == _scanned(c, name, axis, low, high)


def test_alexnet_first_layer_bounds_are_the_arithmetic_s() -> None:
    """227 is past the verbose drawing budget, yet the sliders reach it: i runs from the kernel's 11
    to the limit, k up to the input's 227."""
    c = Config.from_query("op=conv&i=227&k=11&s=4")
    with pytest.raises(ConfigError):
        check_frame_budget(analyse(c), LIMITS.verbose)
    ranges = valid_ranges(c)
    assert ranges["i"] == [(11, LIMITS.max_input), (11, LIMITS.max_input)]
    assert ranges["k"] == [(1, 227), (1, 227)]
    assert ranges["s"] == [(1, LIMITS.max_stride), (1, LIMITS.max_stride)]
    # d(11 − 1) + 1 ≤ 227: d up to 22.
    assert ranges["d"] == [(1, 22), (1, 22)]


def test_ranges_probe_no_more_at_the_limits_than_on_a_paper_figure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bisection's probes grow with log(range): a 4,096-per-side layer's bounds take
    about as many as figure 2.6's (a scan took 8 × 4,097 = 32,776 at these limits). Counted,
    not timed, so a busy machine cannot fail it; benchmarks/sizes.py times it."""
    calls = 0

    def counted(*args: object) -> bool:
        nonlocal calls
        calls += 1
        return accepts(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(ranges_module, "accepts", counted)

    def probes(query: str) -> int:
        nonlocal calls
        calls = 0
        valid_ranges.__wrapped__(Config.from_query(query))
        return calls

    small = probes("op=conv&i=5&k=3&s=2&p=1")
    large = probes("op=conv&i=4096&k=4096&s=4096&p=4096")
    assert large <= 2 * small
    assert large <= 12 * 2 * (2 * 13 + 3)  # parameters × axes × (two bisections + 3)


@settings(max_examples=40, deadline=None)
@given(analysed())
def test_ranges_agree_with_the_engine(arith: Arithmetic) -> None:
    c = arith.config
    ranges = valid_ranges(c)
    for name, low_limit, high_limit in PROBED:
        for axis, bounds in enumerate(ranges[name]):  # type: ignore[arg-type]
            if bounds is None:
                # Only an uneven 'same' is not a number per axis; elsewhere c's own value fits.
                assert name == "p" and c.padding_keyword == "same", (name, axis)
                continue
            low, high = bounds
            assert _engine_accepts(_raw(c, name, axis, low)), (name, axis, low)
            assert _engine_accepts(_raw(c, name, axis, high)), (name, axis, high)
            if low > low_limit:
                assert not _engine_accepts(_raw(c, name, axis, low - 1)), (name, axis, low)
            if high < high_limit:
                assert not _engine_accepts(_raw(c, name, axis, high + 1)), (name, axis, high)
    for keyword in PADDING_KEYWORDS:
        raw = _raw(c)
        offered = keyword in ranges["p_keywords"]  # type: ignore[operator]
        assert offered == _engine_accepts({**raw, "p": keyword}), keyword


def test_a_keyword_past_the_padding_limit_is_not_offered() -> None:
    """full = d(k − 1) = 4,098 passes the padding limit of 4,096; same pads 2,049 a side, and
    so does tf_same at stride 1 (⌈1/1⌉ = 1 output: (1 − 1)·1 + 4,099 − 1 = 4,098 in total)."""
    assert LIMITS.max_padding == 4096
    c = Config.from_query(dict(i="1", k="7", d="683", p="2049"))
    assert valid_ranges(c)["p_keywords"] == ["same", "tf_same"]


def test_a_dilation_past_the_padding_limit_is_not_offered() -> None:
    """With p=full, d(k − 1) = 6d passes the padding limit of 4,096 past d = 682."""
    c = Config.from_query(dict(i="1", k="7", d="9", p="full"))
    assert valid_ranges(c)["d"] == [(1, 682), (1, 682)]


def test_reflect_padding_is_offered_only_below_the_input() -> None:
    """PyTorch reflects at most i − 1 cells (i=5: p up to 4, and p=1 needs i of 2 or more);
    circular wraps at most i (p up to 5); replicate has no such rule."""
    reflect = valid_ranges(Config.from_query("i=5&k=3&p=1&padding_mode=reflect"))
    assert reflect["p"] == [(0, 4), (0, 4)]
    assert reflect["i"] == [(2, 4096), (2, 4096)]
    circular = valid_ranges(Config.from_query("i=5&k=3&p=1&padding_mode=circular"))
    assert circular["p"] == [(0, 5), (0, 5)]
    assert circular["i"] == [(1, 4096), (1, 4096)]
    replicate = valid_ranges(Config.from_query("i=5&k=3&p=1&padding_mode=replicate"))
    assert replicate["p"][0][1] > 5


def test_a_keyword_reflect_refuses_is_not_offered() -> None:
    """i=3, k=5: full pads 4, past what reflect takes (at most 2); same, tf_same (stride 1:
    (3 − 1)·1 + 5 − 3 = 4 in total) and half pad 2; valid leaves the kernel larger than the
    input."""
    c = Config.from_query("i=3&k=5&p=2&padding_mode=reflect")
    assert valid_ranges(c)["p_keywords"] == ["same", "tf_same", "half"]
    zeros = Config.from_query("i=3&k=5&p=2")
    assert valid_ranges(zeros)["p_keywords"] == ["same", "tf_same", "full", "half"]


def test_numbers_in_the_link_do_not_pin_the_sizes() -> None:
    """The page refits a learner's numbers when a slider moves, so the sliders keep their
    reach with x and w given."""
    c = Config.from_query("x=1,2,3;4,5,6;7,8,9&w=1,0;0,1")
    plain = Config.from_query("i=3&k=2")
    assert valid_ranges(c)["i"] == valid_ranges(plain)["i"]
    assert valid_ranges(c)["k"] == valid_ranges(plain)["k"]


def _raw_axes(c: Config, name: str, index: int, value: int) -> dict[str, str | None]:
    """The query naming a 1-D or 3-D ``c``, with the ``index``-th of the layer's axes of one
    parameter set to ``value``, each size written out per axis."""
    fields = {key: list(c.axes(key)) for key in ("i", "k", "s", "d", "a", "p")}
    fields[name][index] = value
    keep_keyword = c.padding_keyword is not None and name != "p"
    raw = {key: ",".join(map(str, values)) for key, values in fields.items()}
    if keep_keyword:
        raw["p"] = c.padding_keyword
    return {"op": c.op, "dims": str(c.dims), "ceil": "1" if c.ceil else "0", **raw}


@pytest.mark.parametrize(
    "query",
    [
        "op=conv&dims=1&i=9&k=3&d=2&p=causal",
        "op=conv&dims=1&i=7&k=4&s=2&p=1",
        "op=transpose&dims=1&i=3&k=3&s=2&p=1&a=1",
        "op=maxpool&dims=1&i=8&k=3&s=2&p=1&ceil=1",
        "op=conv&dims=3&i=4,6,6&k=3,3,2&s=1,2,2&p=1",
        "op=conv&dims=3&i=3,5,5&k=3&p=same",
        "op=transpose&dims=3&i=2,3,3&k=3&s=2,1,2&a=1,0,1",
        "op=maxpool&dims=3&i=4,5,6&k=2,3,2&p=1,1,0&d=1,1,2",
        "op=avgpool&dims=3&i=5&k=3&s=2&p=1&ceil=1",
    ],
)
def test_ranges_of_1d_and_3d_layers_agree_with_the_engine(query: str) -> None:
    """One range per axis of the layer (the length alone in 1-D; depth, height and width in
    3-D), each ending where the parser and the analysis stop accepting a link."""
    c = Config.from_query(query)
    ranges = valid_ranges(c)
    for name, low_limit, high_limit in PROBED:
        per_axis = ranges[name]
        assert isinstance(per_axis, list) and len(per_axis) == c.dims, name
        for index, bounds in enumerate(per_axis):
            if bounds is None:
                assert name == "p" and c.padding_keyword in ("same", "causal"), name
                continue
            low, high = bounds
            assert _engine_accepts(_raw_axes(c, name, index, low)), (name, index, low)
            assert _engine_accepts(_raw_axes(c, name, index, high)), (name, index, high)
            if low > low_limit:
                assert not _engine_accepts(_raw_axes(c, name, index, low - 1)), (name, low)
            if high < high_limit:
                assert not _engine_accepts(_raw_axes(c, name, index, high + 1)), (name, high)
    for keyword in PADDING_KEYWORDS:
        raw = _raw_axes(c, "i", 0, c.axes("i")[0]) | {"p": keyword}
        offered = keyword in ranges["p_keywords"]  # type: ignore[operator]
        assert offered == _engine_accepts(raw), keyword
