"""The compact form (form=compact) against the verbose one, and the array engine against the
cell-by-cell one it replaced.

``expand`` applies the rules of the compact form's specification (README, "The compact
form") and nothing of the engine: a compact answer expanded must be the verbose answer, byte
for byte. The verbose answers' drawn parts must be what the cell-by-cell engine gave
(tests/cases/drawn.json, written by tests/drawn_cases.py with that engine).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from reference import analysed

import app.core.frames as frames_module
from app.core.answer import frames_answer, frames_answer_text, scatter_answer, scatter_answer_text
from app.core.arithmetic import Arithmetic, analyse
from app.core.compact import (
    compact_frames_answer,
    compact_frames_text,
    compact_scatter_answer,
    compact_scatter_text,
)
from app.core.figures import FIGURES
from app.core.limits import COMPACT, Limits
from app.core.params import Config
from app.core.values import plain_flat, plain_text
from app.web.responses import listed_bytes
from tests.drawn_cases import NUMBERS, drawn_hash

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "cases" / "drawn.json").read_text()
)


def _cell_kind(row: str, col: str, order: tuple[str, ...]) -> str:
    """The first kind of ``order`` that the row or the column has."""
    return next(kind for kind in order if kind in (row, col))


def _matrix(flat: dict[str, Any]) -> list[Any]:
    """Rows of a 2-D matrix; a 3-D one's slices of rows, entry [z][r][c] being
    data[(z·h + r)·w + c]."""
    shape = flat["shape"]
    assert len(flat["data"]) == int(np.prod(shape))
    if len(shape) == 3:
        d, h, w = shape
        return [
            [flat["data"][(z * h + r) * w : (z * h + r + 1) * w] for r in range(h)]
            for z in range(d)
        ]
    h, w = shape
    return [flat["data"][r * w : (r + 1) * w] for r in range(h)]


def _is_flat(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"shape", "data"}


def expand(compact: dict[str, Any]) -> dict[str, Any]:
    """The verbose answer, rebuilt from a compact one by the specification's rules alone."""
    out = {key: value for key, value in compact.items() if key != "form"}
    assert compact["form"] == "compact"
    f = compact["frames"]
    out["frames"] = _frames_3d(f) if f["depth"] is not None else _frames_2d(f)
    if "grid" in compact:
        g = compact["grid"]
        order = ("padding", "inserted", "input")
        kinds = [[_cell_kind(r, c, order) for c in g["cols"]] for r in g["rows"]]
        if g["slices"] is not None:  # the strongest of a slice's, a row's and a column's
            volume = [
                [
                    [_cell_kind(z, _cell_kind(r, c, order), order) for c in g["cols"]]
                    for r in g["rows"]
                ]
                for z in g["slices"]
            ]
            assert [len(volume), len(kinds), len(kinds[0])] == g["shape"]
            out["grid"] = {"shape": g["shape"], "kinds": volume}
        else:
            assert [len(kinds), len(kinds[0])] == g["shape"]
            out["grid"] = {"shape": g["shape"], "kinds": kinds}
    else:
        c = compact["canvas"]
        order = ("cropped", "output")
        kinds = [[_cell_kind(r, col, order) for col in c["cols"]] for r in c["rows"]]
        if c["slices"] is not None:  # output only where its slice, row and column all are
            kinds = [
                [[_cell_kind(z, kind, order) for kind in row] for row in kinds] for z in c["slices"]
            ]
            assert [len(kinds), len(kinds[0]), len(kinds[0][0])] == c["shape"]
        else:
            assert [len(kinds), len(kinds[0])] == c["shape"]
        out["canvas"] = {"shape": c["shape"], "kinds": kinds, "offset": c["offset"]}
    out["values"] = {
        key: _matrix(value) if _is_flat(value) else value
        for key, value in compact["values"].items()
    }
    if compact["overlap"] is not None:
        out["overlap"] = {**compact["overlap"], "counts": _matrix(compact["overlap"]["counts"])}
    return out


def _frames_2d(f: dict[str, Any]) -> list[dict[str, Any]]:
    fh, fw = f["shape"]
    gh, gw = f["bounds"]
    assert f["count"] == fh * fw
    assert (len(f["origins"]["rows"]), len(f["origins"]["cols"])) == (fh, fw)
    frames = []
    for n in range(f["count"]):
        r0, c0 = f["origins"]["rows"][n // fw], f["origins"]["cols"][n % fw]
        cells = [
            [r0 + tr, c0 + tc]
            for tr in f["taps"]["rows"]
            if r0 + tr < gh
            for tc in f["taps"]["cols"]
            if c0 + tc < gw
        ]
        if f["extent"] is None:  # the scatter view
            frames.append({"input": [n // fw, n % fw], "cells": cells})
        else:
            ekh, ekw = f["extent"]
            window = [r0, c0, r0 + ekh - 1, c0 + ekw - 1]
            frames.append({"output": [n // fw, n % fw], "cells": cells, "window": window})
    return frames


def _frames_3d(f: dict[str, Any]) -> list[dict[str, Any]]:
    """The README's 3-D rules: depth-major frames, the depth's taps first."""
    fd, fh, fw = f["shape"]
    gd, gh, gw = f["bounds"]
    depth = f["depth"]
    assert f["count"] == fd * fh * fw
    assert depth["bound"] == gd
    assert len(depth["origins"]) == fd
    frames = []
    for n in range(f["count"]):
        z, r, c = n // (fh * fw), (n // fw) % fh, n % fw
        z0, r0, c0 = depth["origins"][z], f["origins"]["rows"][r], f["origins"]["cols"][c]
        cells = [
            [z0 + tz, r0 + tr, c0 + tc]
            for tz in depth["taps"]
            if z0 + tz < gd
            for tr in f["taps"]["rows"]
            if r0 + tr < gh
            for tc in f["taps"]["cols"]
            if c0 + tc < gw
        ]
        if f["extent"] is None:  # the scatter view
            frames.append({"input": [z, r, c], "cells": cells})
            continue
        ekd, ekh, ekw = f["extent"]
        assert depth["extent"] == ekd
        window = [z0, r0, c0, z0 + ekd - 1, r0 + ekh - 1, c0 + ekw - 1]
        frames.append({"output": [z, r, c], "cells": cells, "window": window})
    return frames


def _bytes(answer: Any) -> bytes:
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()


@pytest.fixture
def unbounded_verbose(monkeypatch: pytest.MonkeyPatch) -> None:
    """The verbose form allowed what the compact one is, to compare the two at size."""
    monkeypatch.setattr(frames_module, "LIMITS", Limits(verbose=COMPACT))


def _answers(view: str, query: dict[str, str] | str) -> tuple[Any, Any]:
    """The verbose and the compact answer as data; and their bytes as the API writes them
    (the frames and the matrices written as text) must be the data's bytes."""
    arith = analyse(Config.from_query(query))
    if view == "frames":
        verbose, compact = frames_answer(arith), compact_frames_answer(arith)
        texts = frames_answer_text(arith), compact_frames_text(arith)
    else:
        verbose, compact = scatter_answer(arith), compact_scatter_answer(arith)
        texts = scatter_answer_text(arith), compact_scatter_text(arith)
    assert listed_bytes(texts[0]) == _bytes(verbose)
    assert listed_bytes(texts[1]) == _bytes(compact)
    return verbose, compact


@pytest.mark.usefixtures("unbounded_verbose")
@pytest.mark.parametrize(
    "case",
    CASES,
    ids=lambda c: f"{c['view']}:" + "&".join(f"{k}={v}" for k, v in c["query"].items()),
)
def test_arrays_draw_what_cells_did_and_compact_expands_to_verbose(case: dict[str, Any]) -> None:
    view = case["view"]
    verbose, compact = _answers(view, case["query"])
    if "numbers" in case:
        # Ninths: the same numbers, though a sum's last bit may differ with its order.
        for key, rows in case["numbers"].items():
            ours = verbose["values"][key]
            assert [len(rows), len(rows[0])] == [len(ours), len(ours[0])]
            for theirs_row, our_row in zip(rows, ours, strict=True):
                assert our_row == pytest.approx(theirs_row, abs=1e-9)
        assert set(case["numbers"]) <= set(NUMBERS)
    else:
        assert drawn_hash(view, verbose) == case["sha256"]
    assert "form" not in verbose
    assert _bytes(expand(compact)) == _bytes(verbose)


def test_the_fixture_covers_every_op_both_views_and_the_paper() -> None:
    seen = {(c["view"], c["query"]["op"]) for c in CASES}
    assert seen == {
        ("frames", "conv"),
        ("frames", "transpose"),
        ("frames", "maxpool"),
        ("frames", "avgpool"),
        ("scatter", "transpose"),
    }
    assert len(CASES) >= 500
    figures = [c["query"] for c in CASES if c["view"] == "frames"]
    assert all(dict(f.query) in figures for f in FIGURES)


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.number)
def test_the_endpoints_compact_answer_expands_to_their_verbose_one(
    client: TestClient, figure: Any
) -> None:
    views = ["frames"] + (["scatter"] if figure.query.get("op") == "transpose" else [])
    for view in views:
        for lang in ("en", "ko"):
            verbose = client.get(f"/api/{view}", params={**figure.query, "lang": lang})
            compact = client.get(
                f"/api/{view}", params={**figure.query, "lang": lang, "form": "compact"}
            )
            assert verbose.status_code == compact.status_code == 200
            assert compact.json()["form"] == "compact"
            assert _bytes(expand(compact.json())) == verbose.content
            # form is a request option: the canonical query does not carry it.
            assert "form" not in compact.json()["query"]
            assert compact.headers["etag"] != verbose.headers["etag"]


def test_a_paper_figure_by_hand() -> None:
    """Figure 2.1 (i=4, k=3): 2×2 frames at origins 0 and 1, taps 0, 1, 2 on a 4×4 grid."""
    compact = compact_frames_answer(analyse(Config.from_query({"i": "4", "k": "3"})))
    assert compact["grid"] == {
        "shape": [4, 4],
        "rows": ["input"] * 4,
        "cols": ["input"] * 4,
        "slices": None,
    }
    assert compact["frames"] == {
        "count": 4,
        "shape": [2, 2],
        "origins": {"rows": [0, 1], "cols": [0, 1]},
        "taps": {"rows": [0, 1, 2], "cols": [0, 1, 2]},
        "bounds": [4, 4],
        "extent": [3, 3],
        "depth": None,
    }
    assert compact["values"]["output"]["shape"] == [2, 2]


def test_ceil_mode_windows_hang_past_the_grid_and_their_taps_are_cut() -> None:
    """maxpool i=5, k=2, s=2, ceil: origins 0, 2, 4 on a 5-cell grid; the last frame row's
    second tap (5) is past the grid, so its frames have one row of cells."""
    query = {"op": "maxpool", "i": "5", "k": "2", "s": "2", "ceil": "1"}
    verbose, compact = _answers("frames", query)
    assert compact["frames"]["origins"]["rows"] == [0, 2, 4]
    assert compact["frames"]["bounds"] == [5, 5]
    assert verbose["frames"][-1]["cells"] == [[4, 4]]
    assert verbose["frames"][-1]["window"] == [4, 4, 5, 5]
    assert _bytes(expand(compact)) == _bytes(verbose)


@settings(max_examples=80, deadline=None)
@given(analysed())
def test_any_configuration_compact_expands_to_verbose(arith: Arithmetic) -> None:
    """Beyond the fixed cases: whatever the engine accepts, in both views where they apply."""
    views = ["frames"] + (["scatter"] if arith.config.op == "transpose" else [])
    for view in views:
        verbose, compact = _answers(view, arith.config.query())
        assert _bytes(expand(compact)) == _bytes(verbose)


def _python_plain(matrix: np.ndarray, decimals: int) -> str:
    """The rule written out with Python's own round: rounded, then whole ones as integers."""
    out = []
    for v in matrix.ravel().tolist():
        r = round(v, decimals)
        out.append(int(r) if float(r).is_integer() else r)
    return json.dumps(out, separators=(",", ":"))[1:-1]


@pytest.mark.parametrize("decimals", [4, 6])
@pytest.mark.parametrize(
    "matrix",
    [
        np.arange(-3, 4).reshape(1, 7) / 9,  # ninths
        np.arange(0, 300).reshape(15, 20) / 64,  # exact ties at 4 decimals: to even
        np.array([[0.5, 1.5, 2.5, -0.5, 1.00005, 2.00015, 0.12345, -0.00001]]),
        np.array([[1e20, 3.0, 12345.6789125, 98765.4321005]]),  # past int64's exact range
        np.random.default_rng(3).integers(0, 10**12, (40, 40)) / 10**7,  # coarse last bits
    ],
    ids=["ninths", "ties", "near-ties", "large", "coarse"],
)
def test_numbers_are_written_as_pythons_round_writes_them(
    matrix: np.ndarray, decimals: int
) -> None:
    expected = _python_plain(matrix, decimals)
    assert plain_text(matrix, decimals) == expected
    assert json.dumps(plain_flat(matrix, decimals), separators=(",", ":"))[1:-1] == expected


# 3-D layers (and 1-D, the plane one row high) of every operation, with the depth differing
# from the plane: the compact answer expanded by the README's 3-D rules is the verbose one.
LAYERS = [
    "dims=3&i=3,4,5&k=2,3,2&s=1,2,1&p=1,0,1",
    "dims=3&i=4&k=3&seed=5",
    "dims=3&i=3,5,4&k=2&d=2,1,1&padding_mode=reflect&p=1",
    "dims=3&i=3,4,4&k=3,1,2&p=same&c_in=4&c_out=2&g=2",
    "dims=3&op=transpose&i=2,3,3&k=3,2,3&s=2,1,3&p=1,0,1&a=1,0,2",
    "dims=3&op=transpose&i=3&k=2&s=2&d=2,1,1&seed=9",
    "dims=3&op=maxpool&i=5,4,6&k=2,3,2&s=2&p=1&ceil=1",
    "dims=3&op=maxpool&i=5&k=2&s=2&d=2&p=1",
    "dims=3&op=avgpool&i=5,4,6&k=3,2,2&s=2&p=1,1,0&ceil=1&count_include_pad=0",
    "dims=3&op=avgpool&i=4&k=2&divisor_override=3",
    "dims=1&i=9&k=3&p=causal&d=2",
    "dims=1&op=transpose&i=5&k=3&s=2&p=1&a=1",
    "dims=1&op=maxpool&i=7&k=3&s=2&ceil=1&p=1",
]


@pytest.mark.parametrize("query", LAYERS)
def test_1d_and_3d_compact_expands_to_verbose(query: str) -> None:
    verbose, compact = _answers("frames", query)
    assert _bytes(expand(compact)) == _bytes(verbose)
    three = "dims=3" in query
    assert (compact["grid"]["slices"] is not None) == three
    assert (compact["frames"]["depth"] is not None) == three
    if "op=transpose" in query:
        verbose, compact = _answers("scatter", query)
        assert _bytes(expand(compact)) == _bytes(verbose)
        assert (compact["canvas"]["slices"] is not None) == three
        assert ("front" in compact["canvas"]["offset"]) == three


def test_a_3d_layer_by_hand() -> None:
    """dims=3, i=3,4,4, k=2,3,3, p=1,0,0: the grid is 5×4×4 (one padding slice before and after
    the depth), the output 4×2×2, frames depth-major; frame 5 is output [1, 0, 1]."""
    query = {"dims": "3", "i": "3,4,4", "k": "2,3,3", "p": "1,0,0"}
    verbose, compact = _answers("frames", query)
    assert compact["grid"]["shape"] == [5, 4, 4]
    assert compact["grid"]["slices"] == ["padding", "input", "input", "input", "padding"]
    assert compact["frames"]["shape"] == [4, 2, 2]
    assert compact["frames"]["count"] == 16
    assert compact["frames"]["depth"] == {
        "origins": [0, 1, 2, 3],
        "taps": [0, 1],
        "bound": 5,
        "extent": 2,
    }
    assert compact["frames"]["bounds"] == [5, 4, 4]
    assert compact["frames"]["extent"] == [2, 3, 3]
    frame = verbose["frames"][5]
    assert frame["output"] == [1, 0, 1]
    assert frame["window"] == [1, 0, 1, 2, 2, 3]
    assert frame["cells"][:4] == [[1, 0, 1], [1, 0, 2], [1, 0, 3], [1, 1, 1]]
    assert len(frame["cells"]) == 2 * 3 * 3
    assert verbose["grid"]["kinds"][0] == [["padding"] * 4] * 4
    assert verbose["grid"]["kinds"][1] == [["input"] * 4] * 4
    # The paper's 5×5 input tiled on every slice, its 3×3 kernel on every kernel slice.
    assert verbose["values"]["input"][2][0] == [3, 3, 2, 1]
    assert verbose["values"]["kernel"][1] == [[0, 1, 2], [2, 2, 0], [0, 1, 2]]
    assert compact["values"]["input"]["shape"] == [3, 4, 4]


def _random_layers(count: int) -> list[str]:
    """Seeded random 1-D and 3-D layers of every operation (some refused, and skipped)."""
    rng = random.Random(31)
    out = []
    for n in range(count):
        dims, op = rng.choice(["1", "3"]), ("conv", "transpose", "maxpool", "avgpool")[n % 4]

        def sizes(low: int, high: int, dims: str = dims) -> str:
            return ",".join(str(rng.randint(low, high)) for _ in range(int(dims)))

        query = f"dims={dims}&op={op}&i={sizes(1, 7)}&k={sizes(1, 3)}&s={sizes(1, 3)}"
        query += f"&p={sizes(0, 1)}&seed={rng.randint(0, 9)}"
        if op in ("conv", "transpose", "maxpool"):
            query += f"&d={sizes(1, 2)}"
        if op == "transpose":
            query += f"&a={sizes(0, 1)}"
        if op in ("maxpool", "avgpool"):
            query += f"&ceil={rng.randint(0, 1)}"
        out.append(query)
    return out


@pytest.mark.parametrize("query", _random_layers(120))
def test_random_1d_and_3d_compact_expands_to_verbose(query: str) -> None:
    try:
        analyse(Config.from_query(query))
    except ValueError:
        return
    views = ["frames"] + (["scatter"] if "op=transpose" in query else [])
    for view in views:
        verbose, compact = _answers(view, query)
        assert _bytes(expand(compact)) == _bytes(verbose)


def test_the_random_layers_are_mostly_drawn() -> None:
    drawn = 0
    for query in _random_layers(120):
        try:
            analyse(Config.from_query(query))
            drawn += "dims=3" in query
        except ValueError:
            pass
    assert drawn >= 25


def test_a_3d_scatter_by_hand() -> None:
    """dims=3 transpose i=2,1,2, k=2, s=3, p=1,0,0: unit (z, r, c) writes canvas cells from
    (3z, 3r, 3c), its taps 0 and 1 on each axis; the canvas is 5×2×5 (the last copy ends at
    3 + 1), the output 3×2×5 from canvas slice 1 (p = 1 cropped in depth, as PyTorch does)."""
    query = {"dims": "3", "op": "transpose", "i": "2,1,2", "k": "2", "s": "3", "p": "1,0,0"}
    verbose, compact = _answers("scatter", query)
    assert verbose["canvas"]["shape"] == [5, 2, 5]
    assert verbose["canvas"]["offset"] == {"top": 0, "left": 0, "front": 1}
    assert compact["canvas"]["slices"] == ["cropped", "output", "output", "output", "cropped"]
    assert [f["input"] for f in verbose["frames"]] == [[0, 0, 0], [0, 0, 1], [1, 0, 0], [1, 0, 1]]
    assert verbose["frames"][3]["cells"] == [
        [3, 0, 3],
        [3, 0, 4],
        [3, 1, 3],
        [3, 1, 4],
        [4, 0, 3],
        [4, 0, 4],
        [4, 1, 3],
        [4, 1, 4],
    ]
    assert compact["frames"]["depth"]["origins"] == [0, 3]
    assert _bytes(expand(compact)) == _bytes(verbose)
