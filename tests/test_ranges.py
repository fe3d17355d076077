"""The page's slider bounds agree with the engine: each bound and each keyword offered is
accepted by a real request, and the value just past each bound is refused."""

from __future__ import annotations

from hypothesis import given, settings
from reference import analysed, text

from app.core.arithmetic import Arithmetic, analyse
from app.core.frames import check_frame_budget
from app.core.parameters import PADDING_KEYWORDS, ConfigError
from app.core.params import Config
from app.core.ranges import PROBED, valid_ranges


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
    try:
        check_frame_budget(analyse(Config.from_query(raw)))
    except ConfigError:
        return False
    return True


def _within_budget(arith: Arithmetic) -> bool:
    try:
        check_frame_budget(arith)
    except ConfigError:
        return False
    return True


@settings(max_examples=40, deadline=None)
@given(analysed().filter(_within_budget))
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
    """full = d(k − 1) = 66 fits the frame budget here but not the padding limit of 64."""
    c = Config.from_query(dict(i="1", k="7", d="11", p="33"))
    assert valid_ranges(c)["p_keywords"] == ["same"]


def test_a_dilation_past_the_padding_limit_is_not_offered() -> None:
    """With p=full, d = 11 and 12 fit the frame budget, but d(k − 1) passes the limit of 64."""
    c = Config.from_query(dict(i="1", k="7", d="9", p="full"))
    assert valid_ranges(c)["d"] == [(1, 10), (1, 10)]
