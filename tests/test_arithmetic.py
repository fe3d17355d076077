"""Shapes, grids and frames against brute force, per axis as the paper works.

Window positions are counted by enumerating starts over the padded input; a transposed
convolution is checked against the scatter of each input unit onto the output, which is its
definition, not the paper's zero-insertion picture the engine draws.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from reference import (
    analysed,
    ceil_window_starts,
    covered_lines,
    extent,
    scatter,
    text,
    transpose_size,
    window_starts,
)

from app.core.arithmetic import Arithmetic, analyse, direct_of_transpose, in_axis
from app.core.frames import frames, grid_kinds
from app.core.params import Config

SETTINGS = settings(max_examples=120, deadline=None)


def _starts(arith: Arithmetic, axis: int) -> list[int]:
    """Brute-force window starts along one axis of the drawn grid."""
    ax = arith.axes[axis]
    c = arith.config
    ek = extent(ax.k, ax.d)
    if c.op == "transpose":
        return window_starts(ax.grid, ek, 1)
    if c.op in ("maxpool", "avgpool") and c.ceil:
        return ceil_window_starts(ax.i, ax.before, ek, ax.s)
    return window_starts(ax.i + ax.before + ax.after, ek, ax.s)


def _input_lines(arith: Arithmetic, axis: int) -> set[int]:
    """Grid lines that hold real input units."""
    ax = arith.axes[axis]
    if arith.config.op != "transpose":
        return set(range(ax.before, ax.before + ax.i))
    # Unit u sits at s·u in the stretched input, shifted by the equivalent padding.
    return {ax.grid_before + u * ax.s for u in range(ax.i)} & set(range(ax.grid))


def _analyse(**query: str) -> Arithmetic:
    return analyse(Config.from_query(query))


@SETTINGS
@given(analysed())
def test_output_size_counts_window_positions(arith: Arithmetic) -> None:
    for axis, ax in enumerate(arith.axes):
        assert ax.o == len(_starts(arith, axis)), (axis, ax)
        if arith.config.op == "transpose":
            assert ax.o == transpose_size(ax.i, ax.k, ax.s, ax.before, ax.d, ax.a), (axis, ax)


@SETTINGS
@given(analysed())
def test_frames_are_row_major_and_lie_in_the_grid(arith: Arithmetic) -> None:
    gh, gw = arith.grid_shape
    oh, ow = arith.output_shape
    out = frames(arith)
    assert [f.output for f in out] == [(r, c) for r in range(oh) for c in range(ow)]
    for f in out:
        assert f.cells, f
        assert len(set(f.cells)) == len(f.cells), f
        assert all(0 <= r < gh and 0 <= c < gw for r, c in f.cells), f


@SETTINGS
@given(analysed())
def test_each_frame_covers_the_kernel_taps_of_its_window(arith: Arithmetic) -> None:
    (ax_h, ax_w), (gh, gw) = arith.axes, arith.grid_shape
    row_starts, col_starts = _starts(arith, 0), _starts(arith, 1)
    for f in frames(arith):
        r0, c0 = row_starts[f.output[0]], col_starts[f.output[1]]
        rows = covered_lines([r0], ax_h.k, ax_h.d, gh)
        cols = covered_lines([c0], ax_w.k, ax_w.d, gw)
        assert set(f.cells) == {(r, c) for r in rows for c in cols}, f
        assert f.window == (
            r0,
            c0,
            r0 + extent(ax_h.k, ax_h.d) - 1,
            c0 + extent(ax_w.k, ax_w.d) - 1,
        )


@SETTINGS
@given(analysed())
def test_union_of_covered_cells(arith: Arithmetic) -> None:
    union = {cell for f in frames(arith) for cell in f.cells}
    lines = []
    for axis, ax in enumerate(arith.axes):
        covered = covered_lines(_starts(arith, axis), ax.k, ax.d, ax.grid)
        lines.append(covered)
        ek = extent(ax.k, ax.d)
        if arith.config.op == "transpose" or arith.config.ceil:
            continue
        # The paper: the last (i + 2p − k̂) mod s lines are never reached.
        rest = (ax.i + ax.before + ax.after - ek) % ax.s
        assert max(covered) == ax.grid - rest - 1, (axis, ax)
        if ax.d == 1 and ax.s <= ax.k:
            assert covered == set(range(ax.grid - rest)), (axis, ax)
    if arith.config.op == "transpose" and arith.config.d == (1, 1):
        # Stride 1 over the whole grid: nothing is left out.
        assert all(lines[axis] == set(range(ax.grid)) for axis, ax in enumerate(arith.axes))
    assert union == {(r, c) for r in lines[0] for c in lines[1]}


@SETTINGS
@given(analysed())
def test_grid_kinds(arith: Arithmetic) -> None:
    kinds = grid_kinds(arith)
    gh, gw = arith.grid_shape
    assert [len(row) for row in kinds] == [gw] * gh
    rows, cols = _input_lines(arith, 0), _input_lines(arith, 1)
    for axis, ax in enumerate(arith.axes):
        if arith.config.op == "transpose":
            stretched = (ax.i - 1) * ax.s + 1
            expected = stretched + 2 * (ax.d * (ax.k - 1) - ax.before) + ax.a
        else:
            expected = ax.i + ax.before + ax.after
        assert ax.grid == expected, (axis, ax)
    for r in range(gh):
        for c in range(gw):
            if r in rows and c in cols:
                assert kinds[r][c] == "input", (r, c)
            elif arith.config.op != "transpose":
                assert kinds[r][c] == "padding", (r, c)
            else:
                assert kinds[r][c] in ("padding", "inserted"), (r, c)


@SETTINGS
@given(analysed(("transpose",)))
def test_transpose_gather_equals_scatter(arith: Arithmetic) -> None:
    """Each output cell of the drawn stride-1 convolution sees exactly the input units whose
    scatter reaches it: the paper's picture is the transposed convolution."""
    kinds = grid_kinds(arith)
    ax_h, ax_w = arith.axes
    reach_h = scatter(ax_h.i, ax_h.k, ax_h.s, ax_h.before, ax_h.d)
    reach_w = scatter(ax_w.i, ax_w.k, ax_w.s, ax_w.before, ax_w.d)
    for f in frames(arith):
        r, c = f.output
        seen = {
            ((g - ax_h.grid_before) // ax_h.s, (h - ax_w.grid_before) // ax_w.s)
            for g, h in f.cells
            if kinds[g][h] == "input"
        }
        expected = {(u, v) for u in reach_h for v in reach_w if r in reach_h[u] and c in reach_w[v]}
        assert seen == expected, f


@SETTINGS
@given(analysed(("conv",)).filter(lambda a: a.config.padding_keyword != "same"))
def test_transpose_inverts_the_direct_convolution(conv: Arithmetic) -> None:
    c = conv.config
    ek = [extent(k, d) for k, d in zip(c.k, c.d, strict=True)]
    a = [(i + 2 * p - e) % s for i, p, e, s in zip(c.i, c.p, ek, c.s, strict=True)]
    back = _analyse(
        op="transpose",
        i=text(conv.output_shape),
        k=text(c.k),
        s=text(c.s),
        p=text(c.p),
        d=text(c.d),
        a=text((a[0], a[1])),
    )
    assert back.output_shape == c.i
    direct = direct_of_transpose(back)
    assert direct["input_shape"] == list(c.i)
    assert direct["output_shape"] == list(conv.output_shape)


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        pytest.param({"i": "6", "k": "3", "s": "2", "p": "1"}, set(range(7)), id="fig2.7-last-row"),
        pytest.param({"i": "7", "k": "2", "s": "3", "d": "3"}, {0, 3, 6}, id="dilation-gaps"),
        pytest.param({"i": "7", "k": "1", "s": "3"}, {0, 3, 6}, id="stride-beyond-kernel"),
        pytest.param({"i": "7", "k": "3", "d": "2"}, set(range(7)), id="fig5.1-all"),
        pytest.param(
            {"op": "maxpool", "i": "5", "k": "2", "ceil": "1"}, set(range(5)), id="ceil-partial"
        ),
        pytest.param({"op": "avgpool", "i": "5", "k": "2"}, set(range(4)), id="floor-drops"),
    ],
)
def test_covered_rows_named(query: dict[str, str], rows: set[int]) -> None:
    arith = _analyse(**query)
    assert {r for f in frames(arith) for r, _ in f.cells} == rows


def test_transpose_crop_is_drawn_honestly() -> None:
    """p = 2 exceeds d(k − 1) = 1: the equivalent convolution crops one stretched cell per
    side, so the grid holds only the unit that reaches the output, between inserted zeros."""
    arith = _analyse(op="transpose", i="3", k="2", s="2", p="2")
    assert arith.output_shape == (2, 2)
    assert arith.axes[0].grid_before == -1
    assert grid_kinds(arith) == [
        ["inserted", "inserted", "inserted"],
        ["inserted", "input", "inserted"],
        ["inserted", "inserted", "inserted"],
    ]
    assert frames(arith)[0].cells == ((0, 0), (0, 1), (1, 0), (1, 1))


def test_transpose_crop_with_output_padding() -> None:
    arith = _analyse(op="transpose", i="4", k="2", s="3", p="2", a="2")
    ax = arith.axes[0]
    assert ax.o == transpose_size(4, 2, 3, 2, 1, 2) == 9
    assert (ax.grid_before, ax.grid_after) == (-1, 1)
    assert _input_lines(arith, 0) == {2, 5, 8}


@pytest.mark.parametrize(
    "query",
    [
        {"i": "5,7"},
        {"i": "7", "k": "3,2"},
        {"i": "7", "s": "2,3"},
        {"i": "9", "d": "1,2"},
        {"i": "5", "p": "0,1"},
        {"op": "transpose", "i": "3", "s": "2", "a": "0,1"},
    ],
    ids=["i", "k", "s", "d", "p", "a"],
)
def test_one_parameter_differing_between_the_axes_names_the_axis(query: dict[str, str]) -> None:
    """A sentence about one axis says which, as soon as any size differs between them."""
    config = Config.from_query(query)
    assert (str(in_axis(0, config)), str(in_axis(1, config))) == (" (in height)", " (in width)")
    square = Config.from_query({key: value.split(",")[0] for key, value in query.items()})
    assert (in_axis(0, square), in_axis(1, square)) == ("", "")
