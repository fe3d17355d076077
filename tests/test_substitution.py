"""The relationship with a configuration's numbers, as the page prints it."""

from __future__ import annotations

import pytest

from app.core.arithmetic import analyse
from app.core.params import Config
from app.core.substitution import dropped_windows, substituted


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        pytest.param(
            {"i": "5", "k": "3", "s": "2", "p": "1"}, "o = ⌊(5 + 2·1 − 3)/2⌋ + 1 = 3", id="fig2.6"
        ),
        pytest.param(
            {"i": "5,7", "k": "3"}, "height: o = 5 − 3 + 1 = 3; width: o = 7 − 3 + 1 = 5", id="hw"
        ),
        pytest.param(
            {"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1", "a": "1"},
            "o' = 2(3 − 1) + 1 + 3 − 2·1 = 6",
            id="fig4.7",
        ),
        pytest.param({"i": "5", "k": "3", "p": "1"}, "o = 5", id="rel3-value-once"),
        pytest.param({"i": "5,7", "k": "3", "p": "1"}, "height: o = 5; width: o = 7", id="rel3-hw"),
        pytest.param(
            {"op": "transpose", "i": "5", "k": "3", "p": "1"}, "o' = 5", id="rel10-value-once"
        ),
        pytest.param(
            {"op": "maxpool", "i": "3", "k": "2", "s": "2", "p": "1", "ceil": "1"},
            "o = ⌈(3 + 2·1 − 1(2 − 1) − 1)/2⌉ + 1 = 3 − 1 = 2 (PyTorch drops the last window: it "
            "would start in the bottom and right padding)",
            id="ceil-drop",
        ),
        pytest.param(
            {"op": "maxpool", "i": "6,4", "k": "2", "s": "4", "p": "1", "ceil": "1"},
            "height: o = ⌈(6 + 2·1 − 1(2 − 1) − 1)/4⌉ + 1 = 3 − 1 = 2 (PyTorch drops the last "
            "window: it would start in the bottom padding); width: o = ⌈(4 + 2·1 − 1(2 − 1) − "
            "1)/4⌉ + 1 = 2",
            id="ceil-drop-in-height",
        ),
    ],
)
def test_substituted_named(query: dict[str, str], shown: str) -> None:
    assert substituted(analyse(Config.from_query(query))) == shown


@pytest.mark.parametrize(
    ("query", "dropped"),
    [
        # The third window would start at 4 = i + p, in the right padding: PyTorch drops it.
        pytest.param({"i": "3", "k": "2", "s": "2", "p": "1"}, (1, 1), id="drop-both"),
        pytest.param({"i": "6,4", "k": "2", "s": "4", "p": "1"}, (1, 0), id="drop-in-height"),
        # (5 − 2) mod 2 = 1 cell is left over; its window starts at 4 < i, so PyTorch keeps it.
        pytest.param({"i": "5", "k": "2"}, (0, 0), id="kept"),
    ],
)
def test_dropped_windows_named(query: dict[str, str], dropped: tuple[int, int]) -> None:
    arith = analyse(Config.from_query(dict(op="maxpool", ceil="1", **query)))
    assert dropped_windows(arith) == dropped


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        # i = 5,7 under k = 3: 5 − 3 + 1 = 3 rows, 7 − 3 + 1 = 5 columns.
        ("op=conv&i=5,7&k=3", "높이: o = 5 − 3 + 1 = 3; 너비: o = 7 − 3 + 1 = 5"),
        # A volume: ⌊(4 − 2)/2⌋ + 1 = 2 slices, ⌊(6 − 3)/1⌋ + 1 = 4 rows and columns.
        (
            "op=maxpool&dims=3&i=4,6,6&k=2,3,3&s=2,1,1",
            "깊이: o = ⌊(4 − 2)/2⌋ + 1 = 2; 높이: o = ⌊(6 − 3)/1⌋ + 1 = 4; "
            "너비: o = ⌊(6 − 3)/1⌋ + 1 = 4",
        ),
    ],
)
def test_substituted_in_korean_names_the_axes_in_korean(query: str, shown: str) -> None:
    assert substituted(analyse(Config.from_query(query)), "ko") == shown


def test_a_dropped_window_is_said_in_korean() -> None:
    # ceil_mode at i = 5, k = 2, s = 2, p = 1: ⌈(5 + 2 − 2)/2⌉ + 1 = 4 windows, less the one
    # that would start in the padding: 3.
    said = substituted(analyse(Config.from_query("op=maxpool&i=5&k=2&s=2&p=1&ceil=1")), "ko")
    assert said.endswith(
        "= 4 − 1 = 3 (PyTorch는 마지막 창을 버립니다: 아래쪽과 오른쪽 패딩에서 시작하기 때문입니다)"
    )
