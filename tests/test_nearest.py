"""The nearest valid figure to a refused link: worked by hand, and for random refused links
valid, changed only where the engine named a parameter, and as near as a scan finds."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from reference import raw_configs

from app.core.arithmetic import analyse
from app.core.nearest import (
    LINEAR_REACH,
    MAX_PROBES,
    MAX_ROUNDS,
    closest,
    nearest_valid,
    refusal,
)
from app.core.parameters import BY_NAME, ConfigError
from app.core.params import Config


def _nearest(query: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    found = nearest_valid(dict(parse_qsl(query)))
    assert found is not None
    return found.config.query(), found.changed


@pytest.mark.parametrize(
    ("refused", "nearest", "changed"),
    [
        # The kernel's extent 9 does not fit i = 4 unpadded: k = 4 is the largest that does.
        ("i=4&k=9", "op=conv&i=4&k=4&s=1&p=0", (("k", "9"),)),
        # Per axis: the width 20 takes k = 9, the height 4 only k = 4.
        ("i=4,20&k=9", "op=conv&i=4,20&k=4,9&s=1&p=0", (("k", "9"),)),
        # 'same' needs stride 1; the sentence names p, so p becomes the number 'same' pads at
        # stride 1 (d(k − 1)/2 = 1 each side for k = 3) and the student's s = 2 stays.
        ("i=5&k=3&s=2&p=same", "op=conv&i=5&k=3&s=2&p=1", (("p", "same"),)),
        # Transposed: o = (i − 1)s − 2p + d(k − 1) + a + 1 = 7 − 2p ≥ 1, so p ≤ 3.
        ("op=transpose&i=3&k=3&s=2&p=5", "op=transpose&i=3&k=3&s=2&p=3", (("p", "5"),)),
        # Output padding below max(s, d) = 2.
        ("op=transpose&i=3&k=3&s=2&a=2", "op=transpose&i=3&k=3&s=2&p=0&a=1", (("a", "2"),)),
        # Pooling pads at most ⌊k/2⌋: p = 1 for k = 3, p = 2 for k = 4 (the stride k is kept).
        ("op=maxpool&i=6&k=3&p=3", "op=maxpool&i=6&k=3&s=3&p=1", (("p", "3"),)),
        ("op=avgpool&i=8&k=4&s=1&p=5", "op=avgpool&i=8&k=4&s=1&p=2", (("p", "5"),)),
        # Numbers of another size are fitted as the page fits them: cut, or extended with 0.
        ("i=3&x=1,2;3,4", "op=conv&i=3&k=3&s=1&p=0&x=1,2,0;3,4,0;0,0,0", (("x", "1,2;3,4"),)),
        (
            "i=4&k=2&w=1,2,3;4,5,6;7,8,9",
            "op=conv&i=4&k=2&s=1&p=0&w=1,2;4,5",
            (("w", "1,2,3;4,5,6;7,8,9"),),
        ),
        # A preset comes in 3×3 only: at k = 5 it gives way (the page does the same).
        ("i=6&k=5&w=sobel_x", "op=conv&i=6&k=5&s=1&p=0", (("w", "sobel_x"),)),
        # Past the documented limit: the limit.
        ("i=5000&k=3", "op=conv&i=4096&k=3&s=1&p=0", (("i", "5000"),)),
        # Groups must divide c_in = 4 and c_out = 6: g = 2 is the nearest divisor of both.
        ("c_in=4&c_out=6&g=4", "op=conv&i=5&k=3&s=1&p=0&c_in=4&c_out=6&g=2", (("g", "4"),)),
        # A parameter the operation lacks takes its default.
        ("op=avgpool&i=6&k=2&d=2", "op=avgpool&i=6&k=2&s=2&p=0", (("d", "2"),)),
        ("op=conv&i=5&k=3&ceil=1", "op=conv&i=5&k=3&s=1&p=0", (("ceil", "1"),)),
        # Axes that differ, the refused one alone moved: a < max(s, d) = 3 in the height only.
        ("op=transpose&s=3&a=3,0", "op=transpose&i=5&k=3&s=3&p=0&a=2,0", (("a", "3,0"),)),
        # Pooling has no output padding, nor (average pooling) dilation, on either axis.
        ("op=maxpool&k=3&a=0,2", "op=maxpool&i=5&k=3&s=3&p=0", (("a", "0,2"),)),
        ("op=avgpool&i=8,3&d=2,1", "op=avgpool&i=8,3&k=3&s=3&p=0", (("d", "2,1"),)),
        # Reflect padding must be narrower than the input (3): p = 2, the mode kept; circular
        # padding at most as wide as it (3, 2 on the width): p = 3,2. The sentence names the
        # mode, yet says to lower p first.
        (
            "i=3&k=3&p=3&padding_mode=reflect",
            "op=conv&i=3&k=3&s=1&p=2&padding_mode=reflect",
            (("p", "3"),),
        ),
        (
            "i=3,2&k=2&p=4&padding_mode=circular",
            "op=conv&i=3,2&k=2&s=1&p=3,2&padding_mode=circular",
            (("p", "4"),),
        ),
        # Two rounds: the operation first, then the kernel that does not fit.
        ("op=pool&i=4&k=9", "op=conv&i=4&k=4&s=1&p=0", (("op", "pool"), ("k", "9"))),
    ],
)
def test_hand_worked(refused: str, nearest: str, changed: tuple[tuple[str, str], ...]) -> None:
    with pytest.raises(ConfigError):
        analyse(Config.from_query(refused))
    assert _nearest(refused) == (nearest, changed)


def test_a_valid_link_is_its_own_nearest() -> None:
    assert _nearest("op=conv&i=7&k=3&s=2&p=1") == ("op=conv&i=7&k=3&s=2&p=1", ())


def test_closest_finds_stretches_past_the_linear_reach_on_both_sides() -> None:
    far = LINEAR_REACH * 5
    assert closest(lambda v: v >= far, 0, 0, 4096) == far
    assert closest(lambda v: v <= 7, 4000, 0, 4096) == 7
    assert closest(lambda v: v in (10, 30), 20, 0, 100) == 10  # a tie: the lower
    assert closest(lambda v: False, 5, 0, 4096) is None
    # Within the limits only.
    assert closest(lambda v: v > 100, 50, 0, 100) is None
    assert closest(lambda v: True, 500, 1, 16) == 16


def test_work_is_bounded() -> None:
    probes = 0

    def ok(value: int) -> bool:
        nonlocal probes
        probes += 1
        return value >= 4000

    assert closest(ok, 0, 0, 4096) == 4000
    assert probes < 2 * LINEAR_REACH + 60


# Values a student's link may carry that PyTorch refuses for some operations.
EXTRA = st.fixed_dictionaries(
    {
        "a": st.sampled_from([None, "1", "2", "5"]),
        "ceil": st.sampled_from([None, "1"]),
        "padding_mode": st.sampled_from([None, "reflect", "circular"]),
        "x": st.sampled_from([None, "1,2;3,4", "1,2,3"]),
        "w": st.sampled_from([None, "sobel_x", "1;2"]),
    }
)


@settings(max_examples=400, deadline=None)
@given(raw_configs(), EXTRA)
def test_the_nearest_of_a_refused_link_is_valid_and_changes_only_what_was_named(
    raw: dict[str, str | None], extra: dict[str, str | None]
) -> None:
    query = {k: v for k, v in (raw | {k: v for k, v in extra.items() if v}).items() if v}
    if refusal(query) is None:
        reject()
    found = nearest_valid(query)
    if found is None:
        return  # the page draws the default figure: allowed, and rare (counted below)
    config = found.config
    analyse(Config.from_query(config.query()))  # the engine accepts it
    assert 1 <= len(found.changed) <= MAX_ROUNDS
    # Every parameter not named along the way keeps the link's text: the link with only the
    # named ones replaced by the nearest figure's values is the nearest figure.
    named = {name for name, _ in found.changed}
    kept = {k: v for k, v in query.items() if k not in named}
    replaced = {name: config.text(BY_NAME[name]) for name in named}
    assert Config.from_query(kept | replaced) == config


def test_random_refused_links_nearly_always_have_a_nearest() -> None:
    """Counted over a fixed sample: the default figure is the exception (a pooling layer
    whose kernel and padding each refuse the other takes more than the rounds allowed)."""
    import random

    rng = random.Random(7)
    refused = found = 0
    for _ in range(600):
        query = {
            "op": rng.choice(["conv", "transpose", "maxpool", "avgpool"]),
            "i": str(rng.randint(1, 9)),
            "k": str(rng.randint(1, 12)),
            "s": str(rng.randint(1, 4)),
            "p": rng.choice(["0", "2", "5", "same", "full", "half"]),
            "d": str(rng.randint(1, 3)),
            "a": str(rng.randint(0, 3)),
        }
        if refusal(query) is None:
            continue
        refused += 1
        found += nearest_valid(query) is not None
    assert refused > 300
    assert found >= 0.95 * refused


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 12), st.integers(1, 40), st.integers(1, 3), st.integers(0, 3), st.integers(1, 3)
)
def test_a_kernel_too_large_moves_to_the_nearest_one_a_scan_accepts(
    i: int, k: int, s: int, p: int, d: int
) -> None:
    query = {"op": "conv", "i": str(i), "k": str(k), "s": str(s), "p": str(p), "d": str(d)}
    refused = refusal(query)
    if refused is None or refused.parameter != "k":
        reject()
    # The reference: every kernel size from 1 to 64 tried through the engine's own parser.
    accepted = [v for v in range(1, 65) if refusal(query | {"k": str(v)}) is None]
    expected = min(accepted, key=lambda v: (abs(v - k), v))
    found = nearest_valid(query)
    assert found is not None
    assert found.config.k == (expected, expected)
    assert found.changed == (("k", str(k)),)


def test_the_probes_per_link_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Crafted links far from any figure: the engine's checks run at most MAX_PROBES times
    (plus one per round), whatever the link; past that the page draws the default figure."""
    import random

    from app.core import nearest

    calls = 0

    def counted(function: Any) -> Any:
        def run(*args: Any) -> Any:
            nonlocal calls
            calls += 1
            return function(*args)

        return run

    monkeypatch.setattr(nearest, "refusal", counted(nearest.refusal))
    monkeypatch.setattr(nearest, "accepts", counted(nearest.accepts))
    rng = random.Random(3)
    most = 0
    for _ in range(300):
        query = {
            name: str(rng.choice([-1, 0, 1, 2, 7, 100, 4096, 70000]))
            for name in ("i", "k", "s", "p", "d", "a", "c_in", "c_out", "g")
        } | {"op": rng.choice(["conv", "transpose", "maxpool", "avgpool"])}
        calls = 0
        nearest_valid(query)
        most = max(most, calls)
    assert most <= MAX_PROBES + 2 * (MAX_ROUNDS + 1)
    # i = 4, k = 9 takes 20 probes, by hand: per axis k = 9, then 8 and 10, 7 and 11, 6 and
    # 12, 5 and 13, then 4. One fewer allowed and the search gives up rather than run on.
    monkeypatch.setattr(nearest, "MAX_PROBES", 19)
    assert nearest_valid({"i": "4", "k": "9"}) is None
    monkeypatch.setattr(nearest, "MAX_PROBES", 20)
    found = nearest_valid({"i": "4", "k": "9"})
    assert found is not None and found.config.k == (4, 4)
