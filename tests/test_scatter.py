"""The scatter view of a transposed convolution, against the definition and the direct view."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, reject, settings
from reference import analysed, scatter

from app.core.answer import frames_answer, scatter_answer
from app.core.arithmetic import Arithmetic, analyse
from app.core.compact import compact_scatter_answer
from app.core.figures import FIGURES, Figure
from app.core.limits import LIMITS
from app.core.parameters import ConfigError
from app.core.params import Config
from app.core.scatter import canvas_axis, check_scatter, scatter_frames

TRANSPOSED = [f for f in FIGURES if f.query["op"] == "transpose"]


def _scattered(arith: Arithmetic) -> dict[str, Any]:
    """The scatter answer; a configuration the view refuses is rejected, not passed."""
    try:
        return scatter_answer(arith)
    except ConfigError:
        reject()


@settings(max_examples=150, deadline=None)
@given(analysed(ops=("transpose",)))
def test_each_unit_lands_where_the_definition_says(arith: Arithmetic) -> None:
    """Canvas cell x is output cell x − p: unit u's taps reach u·s − p + j·d of the output."""
    answer = _scattered(arith)
    (ax_h, ax_w) = arith.axes
    rows = scatter(ax_h.i, ax_h.k, ax_h.s, ax_h.before, ax_h.d)
    cols = scatter(ax_w.i, ax_w.k, ax_w.s, ax_w.before, ax_w.d)
    offset = answer["canvas"]["offset"]
    for frame in answer["frames"]:
        u, v = frame["input"]
        landed = {(r - offset["top"], c - offset["left"]) for r, c in frame["cells"]}
        assert landed == {(r, c) for r in rows[u] for c in cols[v]}
    assert [f["input"] for f in answer["frames"]] == [
        [u, v] for u in range(ax_h.i) for v in range(ax_w.i)
    ]


@settings(max_examples=150, deadline=None)
@given(analysed(ops=("transpose",)))
def test_both_views_compute_the_same_output(arith: Arithmetic) -> None:
    """Gathering over the stretched input with the flipped kernel (the paper's view) and
    scattering the kernel from each unit give one answer."""
    answer = _scattered(arith)
    try:
        direct = frames_answer(arith)
    except ConfigError:
        reject()
    assert answer["values"]["output"] == [
        [int(v) for v in row] for row in direct["values"]["output"]
    ]


@settings(max_examples=150, deadline=None)
@given(analysed(ops=("transpose",)))
def test_canvas_holds_every_tap_and_the_output(arith: Arithmetic) -> None:
    answer = _scattered(arith)
    h, w = answer["canvas"]["shape"]
    cells = {tuple(cell) for frame in answer["frames"] for cell in frame["cells"]}
    assert all(0 <= r < h and 0 <= c < w for r, c in cells)
    kinds = answer["canvas"]["kinds"]
    outputs = [(r, c) for r in range(h) for c in range(w) if kinds[r][c] == "output"]
    oh, ow = answer["output_shape"]
    top, left = answer["canvas"]["offset"]["top"], answer["canvas"]["offset"]["left"]
    assert outputs == [(r + top, c + left) for r in range(oh) for c in range(ow)]


@pytest.mark.parametrize("figure", TRANSPOSED, ids=lambda f: f.number)
def test_paper_figures_scatter_one_copy_per_input_unit(figure: Figure) -> None:
    arith = analyse(Config.from_query(figure.query))
    steps = scatter_frames(arith)
    # The layer's input i' is the caption's convolution's output, as the paper states it.
    units = int(figure.query["i"])
    assert len(steps) == units * units
    assert all(len(step.cells) == figure.direct["k"] ** 2 for step in steps)
    # The canvas is cropped by the padding on each side to the caption's input size.
    rows = canvas_axis(arith.axes[0])
    assert (rows.crop, rows.output) == (figure.direct["p"], figure.direct["i"])


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"op": "conv"}, "set op=transpose"),
        ({"op": "maxpool", "k": "2"}, "set op=transpose"),
        ({"op": "transpose", "i": "128", "k": "16", "s": "16"}, "limit"),
    ],
)
def test_scatter_refusals(client: TestClient, query: dict[str, str], words: str) -> None:
    response = client.get("/api/scatter", params=query)
    assert response.status_code == 422
    assert words in response.json()["detail"]


def test_scatter_endpoint(client: TestClient) -> None:
    response = client.get(
        "/api/scatter", params={"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1", "a": "1"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["output_shape"] == [6, 6]
    assert body["canvas"]["shape"] == [7, 7]
    assert body["canvas"]["offset"] == {"top": 1, "left": 1}
    assert len(body["frames"]) == 9
    assert response.headers["etag"]


def test_check_scatter_accepts_every_paper_transposed_figure() -> None:
    for figure in TRANSPOSED:
        check_scatter(analyse(Config.from_query(figure.query)))


@pytest.mark.parametrize(
    ("i", "canvas"), [("54", [160, 160]), ("54,1", [160, 1]), ("1,54", [1, 160])]
)
def test_a_canvas_exactly_at_the_grid_limit_is_drawn(i: str, canvas: list[int]) -> None:
    """The limit is 160 cells per side (README, Limits). A unit at u lands its taps at
    u·s + j·d, so the canvas spans (i − 1)s + d(k − 1) + 1 cells: at i=54, k=1, s=3 that is
    53·3 + 0 + 1 = 160, with p=0, a=0 the output itself (o = 160)."""
    arith = analyse(Config.from_query({"op": "transpose", "i": i, "k": "1", "s": "3"}))
    check_scatter(arith)
    assert scatter_answer(arith)["canvas"]["shape"] == canvas


@pytest.mark.parametrize("i", ["54", "54,1", "1,54"])
def test_a_canvas_one_cell_past_the_grid_limit_is_refused(i: str) -> None:
    """k=2 reaches one cell further: 53·3 + 1·(2 − 1) + 1 = 161 > 160; PyTorch's output is
    (54 − 1)·3 + (2 − 1) + 1 = 161 as well. The arithmetic still answers it."""
    arith = analyse(Config.from_query({"op": "transpose", "i": i, "k": "2", "s": "3"}))
    assert 161 in arith.output_shape
    with pytest.raises(ConfigError, match="161"):
        scatter_answer(arith)
    with pytest.raises(ConfigError, match="161"):
        check_scatter(arith, LIMITS.pictures)
    # The compact form draws it: its canvas may reach 512.
    assert compact_scatter_answer(arith)["canvas"]["shape"][0 if i != "1,54" else 1] == 161


@pytest.mark.parametrize(
    ("i", "drawn"), [("171", True), ("171,1", True), ("1,171", True), ("172", False)]
)
def test_the_compact_canvas_limit_both_sides(i: str, drawn: bool) -> None:
    """At k=1, s=3 the canvas spans (i − 1)·3 + 1 cells: 511 at i=171 (the largest under
    512 that this stride makes), 514 at i=172 — past the compact form's 512 per side."""
    arith = analyse(Config.from_query({"op": "transpose", "i": i, "k": "1", "s": "3"}))
    if drawn:
        assert 511 in compact_scatter_answer(arith)["canvas"]["shape"]
    else:
        with pytest.raises(ConfigError, match="514×514 cells, over the limit of 512"):
            compact_scatter_answer(arith)
