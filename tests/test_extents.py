"""Spans along one axis, against counting cells one by one and the paper's worked numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import extent

from app.core.extents import (
    effective_kernel,
    kernel_reach,
    scatter_reach,
    stretched,
    windows_span,
)

SETTINGS = settings(max_examples=200, deadline=None)
sizes = st.integers(1, 12)


@pytest.mark.parametrize(
    ("k", "d", "ek"),
    [
        pytest.param(3, 1, 3, id="undilated"),
        # Figure 5.1: a 3×3 kernel with dilation 2 spans 5×5 cells.
        pytest.param(3, 2, 5, id="fig5.1"),
        pytest.param(1, 7, 1, id="one-tap"),
        pytest.param(4, 3, 10, id="k4-d3"),
    ],
)
def test_effective_kernel_hand_worked(k: int, d: int, ek: int) -> None:
    assert effective_kernel(k, d) == ek
    assert kernel_reach(k, d) == ek - 1


@SETTINGS
@given(sizes, sizes)
def test_kernel_spans_count_the_taps(k: int, d: int) -> None:
    taps = [j * d for j in range(k)]
    assert kernel_reach(k, d) == taps[-1] - taps[0]
    assert effective_kernel(k, d) == extent(k, d)


@pytest.mark.parametrize(
    ("i", "s", "size"),
    [
        # Figures 4.5 and 4.6: 2 and 3 units with one zero between them (ĩ' = 3, 5).
        pytest.param(2, 2, 3, id="fig4.5"),
        pytest.param(3, 2, 5, id="fig4.6"),
        pytest.param(1, 4, 1, id="single-unit"),
        pytest.param(5, 1, 5, id="unit-stride"),
    ],
)
def test_stretched_hand_worked(i: int, s: int, size: int) -> None:
    assert stretched(i, s) == size


@SETTINGS
@given(sizes, st.integers(1, 5))
def test_stretched_inserts_s_minus_1_zeros_between_units(i: int, s: int) -> None:
    cells: list[int] = []
    for u in range(i):
        if u:
            cells.extend([0] * (s - 1))
        cells.append(1)
    assert stretched(i, s) == len(cells)


@SETTINGS
@given(sizes, st.integers(1, 5), st.integers(1, 5), st.integers(1, 4))
def test_scatter_reach_counts_every_tap(i: int, k: int, s: int, d: int) -> None:
    """Unit u writes tap j at u·s + j·d; the reach runs from cell 0 to the last written."""
    written = {u * s + j * d for u in range(i) for j in range(k)}
    assert scatter_reach(i, k, s, d) == max(written) + 1


@SETTINGS
@given(st.integers(1, 12), st.integers(1, 9), st.integers(1, 5))
def test_windows_span_from_first_start_to_last_end(o: int, ek: int, s: int) -> None:
    covered = {x + j for x in range(0, o * s, s) for j in range(ek)}
    assert windows_span(o, ek, s) == max(covered) + 1
