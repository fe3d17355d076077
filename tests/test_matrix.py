"""/api/matrix: a convolution as the paper's sparse matrix C (section 4.1), a transposed
convolution as the transpose of its direct convolution's matrix, and im2col.

Expected values come from the paper's printed matrix, cases worked by hand, a brute-force
count over every (line, tap) pair, and PyTorch (``F.conv2d``, ``F.conv_transpose2d``,
``F.unfold``) on random configurations and random weights written into the link.
"""

from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.main import app

client = TestClient(app)
MODES = ("zeros", "reflect", "replicate", "circular")
# F.pad's names for the padding modes.
TORCH_MODES = {
    "zeros": "constant",
    "reflect": "reflect",
    "replicate": "replicate",
    "circular": "circular",
}


def dense(answer: dict) -> np.ndarray:
    """The matrix the answer lists, with its own numbers in place of the weights' names."""
    matrix = answer["matrix"]
    weight = np.array(answer["values"]["kernel"], dtype=np.float64)
    out = np.zeros(matrix["shape"])
    for row, col, kr, kc in matrix["entries"]:
        out[row, col] += weight[kr, kc]
    return out


def test_the_papers_4_by_16_matrix() -> None:
    # Section 4.1: a 3×3 kernel over a 4×4 input, no padding, unit strides. Row r of C lists
    # the weights w(i,j) at the input cells the r-th window covers; the rest are zeros.
    w = [[(i, j) for j in range(3)] for i in range(3)]
    z = None
    printed = [
        [*w[0], z, *w[1], z, *w[2], z, z, z, z, z],
        [z, *w[0], z, *w[1], z, *w[2], z, z, z, z],
        [z, z, z, z, *w[0], z, *w[1], z, *w[2], z],
        [z, z, z, z, z, *w[0], z, *w[1], z, *w[2]],
    ]
    answer = client.get("/api/matrix?op=conv&i=4&k=3&s=1&p=0").json()
    assert answer["matrix"]["shape"] == [4, 16]
    got: list[list[tuple[int, int] | None]] = [[None] * 16 for _ in range(4)]
    for row, col, kr, kc in answer["matrix"]["entries"]:
        got[row][col] = (kr, kc)
    assert got == printed
    assert answer["matrix"]["nonzeros"] == 36
    assert answer["matrix"]["density"] == pytest.approx(36 / 64)


def test_the_transposed_convolution_is_the_transpose() -> None:
    # Figure 4.1 (i'=2, k=3 gives 4×4): the transposed layer's matrix is the 16 × 4 transpose
    # of the paper's C, naming the same weights.
    direct = client.get("/api/matrix?op=conv&i=4&k=3").json()["matrix"]
    transposed = client.get("/api/matrix?op=transpose&i=2&k=3").json()["matrix"]
    assert transposed["shape"] == [16, 4]
    swapped = [[col, row, kr, kc] for row, col, kr, kc in direct["entries"]]
    assert sorted(transposed["entries"]) == sorted(swapped)


def test_entries_are_sorted_by_row_then_tap() -> None:
    entries = client.get("/api/matrix?i=5&k=3&s=2&p=1&d=1").json()["matrix"]["entries"]
    keys = [(row, kr, kc) for row, _, kr, kc in entries]
    assert keys == sorted(keys)


def test_zero_padding_drops_out() -> None:
    # i=3, k=3, p=1: the corner output's window covers 4 input cells, the centre's 9, an
    # edge's 6 — 4·4 + 4·6 + 9 = 49 weights in a 9 × 9 matrix.
    matrix = client.get("/api/matrix?i=3&k=3&p=1").json()["matrix"]
    assert matrix["shape"] == [9, 9]
    assert matrix["count"] == matrix["nonzeros"] == 49
    per_row = np.bincount([row for row, *_ in matrix["entries"]], minlength=9).tolist()
    assert per_row == [4, 6, 4, 6, 9, 6, 4, 6, 4]


def test_a_reflection_reads_cells_twice() -> None:
    # i=3, k=3, p=1, reflect: per axis the padded lines hold input lines 1 0 1 2 1, so the
    # windows read {1, 0, 1}, {0, 1, 2}, {1, 2, 1}: 9 taps on 7 distinct (row, column) pairs;
    # in 2-D 81 weights on 49 distinct cells.
    answer = client.get("/api/matrix?i=3&k=3&p=1&padding_mode=reflect").json()
    assert answer["matrix"]["count"] == 81
    assert answer["matrix"]["nonzeros"] == 49
    assert answer["im2col"]["cells"][0][0] == [1, 1]  # the top-left tap reads input (1, 1)


def test_im2col_names_padding_null() -> None:
    answer = client.get("/api/matrix?i=3&k=3&p=1").json()["im2col"]
    assert answer["shape"] == [9, 9]
    assert answer["values"] == 81 and answer["input"] == 9
    first = answer["cells"][0]  # output (0, 0): the window's top row and left column pad
    assert first == [None, None, None, None, [0, 0], [0, 1], None, [1, 0], [1, 1]]


def test_transposed_convolution_has_no_im2col() -> None:
    assert client.get("/api/matrix?op=transpose&i=3&k=3&s=2").json()["im2col"] is None


@pytest.mark.parametrize("op", ["maxpool", "avgpool"])
def test_pooling_is_refused_with_a_reason(op: str) -> None:
    r = client.get(f"/api/matrix?op={op}&i=4&k=2")
    assert r.status_code == 422
    body = r.json()
    assert body["parameter"] == "op"
    assert "op=conv" in body["detail"] and "not linear" in body["detail"]


def test_listing_limit_both_sides() -> None:
    # A 1×1 kernel: one weight per output cell. 256² = 65,536 entries are listed; 257² not,
    # while the sizes and counts are still answered.
    at = client.get("/api/matrix?i=256&k=1").json()
    assert at["matrix"]["count"] == 256 * 256 and len(at["matrix"]["entries"]) == 256 * 256
    assert at["values"] is not None and len(at["im2col"]["cells"]) == 256 * 256
    past = client.get("/api/matrix?i=257&k=1").json()
    assert past["matrix"]["count"] == past["matrix"]["nonzeros"] == 257 * 257
    assert past["matrix"]["entries"] is None and past["im2col"]["cells"] is None
    assert past["values"] is None
    assert past["matrix"]["shape"] == [257 * 257, 257 * 257]


def brute_count(i: int, k: int, s: int, p: int, d: int) -> int:
    """Every (output line, tap) pair of a zero-padded convolution's axis whose tap lands on
    an input line, counted over the whole grid of pairs."""
    o = (i + 2 * p - d * (k - 1) - 1) // s + 1
    lines = np.arange(o)[:, None] * s + np.arange(k)[None, :] * d - p
    return int(((lines >= 0) & (lines < i)).sum())


@pytest.mark.parametrize(
    ("i", "k", "s", "p", "d"),
    [(4096, 300, 1, 0, 1), (4000, 400, 3, 150, 2), (3000, 1000, 1, 999, 1)],
)
def test_counts_past_the_listing_agree_with_brute_force(
    i: int, k: int, s: int, p: int, d: int
) -> None:
    # Axes this long are counted line by line rather than listed.
    matrix = client.get(f"/api/matrix?i={i}&k={k}&s={s}&p={p}&d={d}").json()["matrix"]
    per_axis = brute_count(i, k, s, p, d)
    assert matrix["count"] == matrix["nonzeros"] == per_axis**2
    assert matrix["entries"] is None


def test_largest_layers_answer_without_listing() -> None:
    for query in (
        "i=4096&k=3&p=1",
        "op=transpose&i=4096&k=4096&s=4096",
        "i=4096&k=2048&p=2000&padding_mode=reflect",
    ):
        r = client.get(f"/api/matrix?{query}")
        assert r.status_code == 200, query
        assert len(r.content) < 4096
    reflected = client.get("/api/matrix?i=4096&k=2048&p=2000&padding_mode=reflect").json()
    assert reflected["matrix"]["nonzeros"] is None and reflected["matrix"]["density"] is None


def test_values_match_the_figure() -> None:
    # The matrix and the grid figure compute the same output.
    query = "i=5&k=3&s=2&p=1&seed=7"
    frames = client.get(f"/api/frames?{query}").json()["values"]
    values = client.get(f"/api/matrix?{query}").json()["values"]
    assert values["output"] == [v for row in frames["output"] for v in row]
    assert values["input"] == [v for row in frames["input"] for v in row]


torch = pytest.importorskip("torch")
F = torch.nn.functional
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text(matrix: np.ndarray) -> str:
    return ";".join(",".join(f"{v:g}" for v in row) for row in matrix)


@st.composite
def layers(
    draw: st.DrawFn,
) -> tuple[str, dict[str, int | tuple[int, int] | str], np.ndarray, np.ndarray]:
    op = draw(st.sampled_from(["conv", "transpose"]))
    pair = lambda low, high: (draw(st.integers(low, high)), draw(st.integers(low, high)))  # noqa: E731
    i, k, s, d = pair(1, 7), pair(1, 4), pair(1, 3), pair(1, 2)
    p = pair(0, 3)
    a = pair(0, 2) if op == "transpose" else (0, 0)
    mode = draw(st.sampled_from(MODES)) if op == "conv" else "zeros"
    quarters = lambda shape: (  # noqa: E731  (values a float holds exactly)
        np.array(
            draw(
                st.lists(
                    st.integers(-8, 8), min_size=shape[0] * shape[1], max_size=shape[0] * shape[1]
                )
            ),
            dtype=np.float64,
        ).reshape(shape)
        / 4
    )
    x, w = quarters(i), quarters(k)
    spec = {"i": i, "k": k, "s": s, "p": p, "d": d, "a": a, "mode": mode}
    return op, spec, x, w


def _query(op: str, spec: dict, x: np.ndarray, w: np.ndarray) -> str:
    pairs = "&".join(f"{n}={spec[n][0]},{spec[n][1]}" for n in ("k", "s", "p", "d"))
    query = f"op={op}&{pairs}&x={_text(x)}&w={_text(w)}"
    if op == "transpose":
        query += f"&a={spec['a'][0]},{spec['a'][1]}"
    else:
        query += f"&padding_mode={spec['mode']}"
    return query


@pytest.mark.torch
@SETTINGS
@given(layers())
def test_matrix_and_im2col_against_pytorch(
    case: tuple[str, dict, np.ndarray, np.ndarray],
) -> None:
    op, spec, x, w = case
    r = client.get(f"/api/matrix?{_query(op, spec, x, w)}")
    X = torch.tensor(x)[None, None]
    W = torch.tensor(w)[None, None]
    try:
        if op == "conv":
            (ph, pw), mode = spec["p"], spec["mode"]
            padded = F.pad(X, (pw, pw, ph, ph), mode=TORCH_MODES[mode])
            expected = F.conv2d(padded, W, stride=spec["s"], dilation=spec["d"])
        else:
            expected = F.conv_transpose2d(
                X,
                W,
                stride=spec["s"],
                padding=spec["p"],
                output_padding=spec["a"],
                dilation=spec["d"],
            )
    except RuntimeError:
        assert r.status_code == 422  # what PyTorch refuses, the engine refuses
        return
    assert r.status_code == 200, r.text
    answer = r.json()
    y = expected.numpy().ravel()
    assert np.allclose(dense(answer) @ x.ravel(), y)
    assert np.allclose(answer["values"]["output"], y, atol=1e-4)
    if op == "conv":
        unfolded = F.unfold(padded, kernel_size=spec["k"], dilation=spec["d"], stride=spec["s"])
        cells = answer["im2col"]["cells"]
        patches = np.array(
            [[0.0 if cell is None else x[cell[0], cell[1]] for cell in column] for column in cells]
        ).T
        assert np.allclose(patches, unfolded[0].numpy())
