"""1-D and 3-D layers against PyTorch, through the API.

Seeded random configurations of every operation in 1-D and 3-D: /api/frames must refuse
exactly where PyTorch's Conv1d/3d, ConvTranspose1d/3d, MaxPool1d/3d and AvgPool1d/3d (or
F.pad then the layer, for causal and TensorFlow-SAME padding) raise, and where they run, give
their output shape and output channel 0's numbers — in both forms — on the answer's own input
and kernel, every input channel carrying the input and every weight slice the kernel, bias 0.
Expected shapes and numbers come from torch alone; the paddings torch has no keyword for are
worked out here from their definitions.
"""

from __future__ import annotations

import inspect
import math
import random
import time
import warnings
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.core.arithmetic import analyse
from app.core.compact import compact_frames_text
from app.core.params import Config

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

pytestmark = pytest.mark.torch

MODES = ("zeros", "reflect", "replicate", "circular")
OPS = ("conv", "transpose", "maxpool", "avgpool")
PER_OP = 28  # configurations per operation and dimension count


def _sizes(rng: random.Random, dims: int, low: int, high: int) -> list[int]:
    # Half the time one number for every axis, as a link may write it.
    if rng.random() < 0.3:
        return [rng.randint(low, high)] * dims
    return [rng.randint(low, high) for _ in range(dims)]


def _text(values: list[int]) -> str:
    return ",".join(str(v) for v in values)


def _layer(rng: random.Random, dims: int, op: str) -> dict[str, str]:
    """One random layer's query; many are invalid on purpose (torch must refuse them too)."""
    top = 12 if dims == 1 else 6
    i, k = _sizes(rng, dims, 1, top), _sizes(rng, dims, 1, 4 if dims == 1 else 3)
    s, d = _sizes(rng, dims, 1, 3), _sizes(rng, dims, 1, 2)
    query = {"dims": str(dims), "op": op, "i": _text(i), "k": _text(k), "s": _text(s)}
    if rng.random() < 0.5:
        query["seed"] = str(rng.randint(1, 999))
    p = _sizes(rng, dims, 0, 2)
    if op == "conv":
        query["d"] = _text(d)
        keyword = rng.choice(
            ["", "", "", "same", "tf_same", "valid"] + ["causal"] * (dims == 1) * 2
        )
        query["p"] = keyword or _text(p)
        if rng.random() < 0.3:
            query["padding_mode"] = rng.choice(MODES[1:])
    if op in ("conv", "transpose"):
        query["c_in"] = str(rng.choice([1, 2, 3, 4]))
        query["c_out"] = str(rng.choice([1, 2, 4]))
        query["g"] = str(rng.choice([1, 1, 2]))
    if op == "transpose":
        query["p"] = _text(p)
        query["d"] = _text(d)
        query["a"] = _text(_sizes(rng, dims, 0, 2))
    if op in ("maxpool", "avgpool"):
        # Mostly the padding pooling takes (at most half the kernel).
        pools = [min(pp, kk // 2) for pp, kk in zip(p, k, strict=True)]
        query["p"] = _text(pools if rng.random() < 0.8 else p)
        query["ceil"] = rng.choice(["0", "1"])
        if rng.random() < 0.3:
            del query["s"]  # pooling's stride defaults to the kernel size
    if op == "maxpool":
        query["d"] = _text(d)
    if op == "avgpool":
        query["count_include_pad"] = rng.choice(["0", "1"])
        query["divisor_override"] = str(rng.choice([0, 0, 1, 3, 7]))
    return query


def _layers() -> list[dict[str, str]]:
    rng = random.Random(13)
    return [_layer(rng, dims, op) for dims in (1, 3) for op in OPS for _ in range(PER_OP)]


LAYERS = _layers()


def _ints(query: dict[str, str], name: str, default: int) -> tuple[int, ...]:
    dims = int(query["dims"])
    values = [int(v) for v in query.get(name, str(default)).split(",")]
    return tuple(values * dims if len(values) == 1 else values)


def _tf_same(i: int, k: int, s: int, d: int) -> tuple[int, int]:
    """TensorFlow's SAME: ⌈i/s⌉ outputs, the padding they need, the odd cell after."""
    ek = d * (k - 1) + 1
    total = max((math.ceil(i / s) - 1) * s + ek - i, 0)
    return total // 2, total - total // 2


def _pads(sides: list[tuple[int, int]]) -> tuple[int, ...]:
    """F.pad's order: the last axis first, (before, after) each."""
    return tuple(v for before, after in reversed(sides) for v in (before, after))


def _torch_output(query: dict[str, str], x: np.ndarray, weight: np.ndarray | None) -> Any:
    """Output channel 0 of PyTorch's layer on x (every channel), weight (every slice), bias 0;
    None where torch refuses the layer or its input."""
    dims, op = int(query["dims"]), query["op"]
    k, s = _ints(query, "k", 3), _ints(query, "s", 1)
    d = _ints(query, "d", 1)
    c_in, c_out, g = (int(query.get(n, "1")) for n in ("c_in", "c_out", "g"))
    inputs = torch.from_numpy(x).expand(1, c_in, *x.shape).contiguous()
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if op == "conv":
                conv = (nn.Conv1d, nn.Conv3d)[dims == 3]
                mode = query.get("padding_mode", "zeros")
                keyword = query["p"]
                padding: Any
                if keyword in ("causal", "tf_same"):
                    i = x.shape
                    sides = (
                        [(d[0] * (k[0] - 1), 0)]
                        if keyword == "causal"
                        else [_tf_same(*v) for v in zip(i, k, s, d, strict=True)]
                    )
                    # PyTorch has no keyword for these: pad first, then convolve unpadded.
                    inputs = F.pad(inputs, _pads(sides), "constant" if mode == "zeros" else mode)
                    padding, mode = 0, "zeros"
                elif keyword in ("same", "valid"):
                    padding = keyword
                else:
                    padding = _ints(query, "p", 0)
                layer = conv(c_in, c_out, k, s, padding, d, groups=g, bias=False, padding_mode=mode)
            elif op == "transpose":
                convt = (nn.ConvTranspose1d, nn.ConvTranspose3d)[dims == 3]
                layer = convt(
                    c_in,
                    c_out,
                    k,
                    s,
                    _ints(query, "p", 0),
                    _ints(query, "a", 0),
                    groups=g,
                    bias=False,
                    dilation=d,
                )
            elif op == "maxpool":
                pool = (nn.MaxPool1d, nn.MaxPool3d)[dims == 3]
                stride = _ints(query, "s", 0) if "s" in query else None
                layer = pool(k, stride, _ints(query, "p", 0), d, ceil_mode=query["ceil"] == "1")
            else:
                stride = _ints(query, "s", 0) if "s" in query else None
                options = {
                    "ceil_mode": query["ceil"] == "1",
                    "count_include_pad": query["count_include_pad"] == "1",
                }
                if dims == 3:
                    layer = nn.AvgPool3d(
                        k,
                        stride,
                        _ints(query, "p", 0),
                        divisor_override=int(query["divisor_override"]) or None,
                        **options,
                    )
                else:
                    # AvgPool1d takes no divisor_override: there is no such layer.
                    taken = inspect.signature(nn.AvgPool1d).parameters
                    if int(query["divisor_override"]) and "divisor_override" not in taken:
                        return None
                    layer = nn.AvgPool1d(k, stride, _ints(query, "p", 0), **options)
            layer = layer.double()
            if weight is not None:
                layer.weight.copy_(torch.from_numpy(weight).expand(layer.weight.shape))
            out = layer(inputs).numpy()[0, 0]
    except (RuntimeError, ValueError):
        return None
    return out if out.size else None


def _numbers(matrix: Any, dims: int) -> np.ndarray:
    """A 1-D layer's matrices are the plane's, one row high: the row itself."""
    array = np.array(matrix, dtype=np.float64)
    return array[0] if dims == 1 else array


def _flat(flat: dict[str, Any], dims: int) -> np.ndarray:
    array = np.array(flat["data"], dtype=np.float64).reshape(flat["shape"])
    return array[0] if dims == 1 else array


@pytest.mark.parametrize("query", LAYERS, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()))
def test_layers_answer_as_pytorch(client: TestClient, query: dict[str, str]) -> None:
    dims = int(query["dims"])
    response = client.get("/api/frames", params=query)
    if response.status_code == 422:
        # Refused: torch must refuse this layer too (on any input of the given sizes).
        assert response.json()["reason"] == "invalid", response.text
        x = np.ones(_ints(query, "i", 5))
        k = _ints(query, "k", 3)
        weight = np.ones(k) if query["op"] in ("conv", "transpose") else None
        assert _torch_output(query, x, weight) is None, (query, response.text)
        return
    assert response.status_code == 200, (query, response.text)
    values = response.json()["values"]
    x = _numbers(values["input"], dims)
    assert x.shape == _ints(query, "i", 5)
    weight = None if values["kernel"] is None else _numbers(values["kernel"], dims)
    expected = _torch_output(query, x, weight)
    assert expected is not None, ("torch refuses what we answer", query)
    assert analyse(Config.from_query(query)).layer_shape("o") == list(expected.shape)
    np.testing.assert_allclose(_numbers(values["output"], dims), expected.round(4), atol=1e-9)
    compact = client.get("/api/frames", params={**query, "form": "compact"})
    assert compact.status_code == 200
    np.testing.assert_allclose(
        _flat(compact.json()["values"]["output"], dims), expected.round(4), atol=1e-9
    )


def test_the_configurations_cover_every_op_refusals_and_paddings() -> None:
    """The random layers reach what they are meant to: refusals and answers of every op in
    both dimension counts, and each padding keyword and mode."""
    answered = set()
    for query in LAYERS:
        try:
            analyse(Config.from_query(query))
            answered.add((query["dims"], query["op"], "answered"))
        except ValueError:
            answered.add((query["dims"], query["op"], "refused"))
    assert answered == {(d, op, r) for d in "13" for op in OPS for r in ("answered", "refused")}
    keywords = {q["p"] for q in LAYERS if q["op"] == "conv"}
    assert {"same", "tf_same", "valid", "causal"} <= keywords
    assert {q.get("padding_mode") for q in LAYERS} >= set(MODES[1:])


def _layer_ones(query: dict[str, str]) -> np.ndarray:
    k, s, p, a, d = (
        _ints(query, n, v) for n, v in (("k", 3), ("s", 1), ("p", 0), ("a", 0), ("d", 1))
    )
    ones = torch.ones(1, 1, *_ints(query, "i", 5), dtype=torch.float64)
    kernel = torch.ones(1, 1, *k, dtype=torch.float64)
    return F.conv_transpose3d(ones, kernel, None, s, p, a, 1, d).numpy()[0, 0]


# With the uneven axes worked by hand from where each tap lands (u·s + j·d − p): case 1's
# depth has a single interior line (even), its height gathers 1, 2, 1, 2, 1 copies; case 3's
# depth, at dilation 2 and stride 2, leaves every other line empty.
TRANSPOSED = [
    ({"dims": "3", "op": "transpose", "i": "2,3,4", "k": "3,3,2", "s": "2", "p": "1"}, ["height"]),
    ({"dims": "3", "op": "transpose", "i": "3", "k": "4,3,3", "s": "2,3,1", "p": "1,0,1"}, []),
    (
        {"dims": "3", "op": "transpose", "i": "3", "k": "3", "s": "2", "d": "2,1,1", "a": "1"},
        ["depth", "height", "width"],
    ),
    ({"dims": "3", "op": "transpose", "i": "2", "k": "4", "s": "2", "p": "1"}, []),
]


@pytest.mark.parametrize(("query", "uneven"), TRANSPOSED, ids=lambda q: str(q))
def test_the_3d_overlap_is_conv_transpose3d_of_ones(
    client: TestClient, query: dict[str, str], uneven: list[str]
) -> None:
    expected = _layer_ones(query)
    answer = client.get("/api/frames", params=query).json()
    np.testing.assert_array_equal(answer["overlap"]["counts"], expected)
    compact = client.get("/api/frames", params={**query, "form": "compact"}).json()
    counts = compact["overlap"]["counts"]
    assert counts["shape"] == list(expected.shape)
    np.testing.assert_array_equal(np.reshape(counts["data"], counts["shape"]), expected)
    assert answer["overlap"]["uneven"] == uneven
    if answer["overlap"]["alternative"] is not None:
        even = Config.from_query(answer["overlap"]["alternative"])
        assert even.dims == 3
        assert analyse(even).layer_shape("o") == list(expected.shape)


def test_a_3d_layer_even_on_every_axis_has_no_checkerboard(client: TestClient) -> None:
    query = {"dims": "3", "op": "transpose", "i": "3", "k": "4,2,2", "s": "2", "p": "1,0,0"}
    overlap = client.get("/api/frames", params=query).json()["overlap"]
    assert overlap["uneven"] == []
    assert overlap["alternative"] is None
    np.testing.assert_array_equal(overlap["counts"], _layer_ones(query))


def test_a_checkerboard_in_depth_alone_is_named_and_mended(client: TestClient) -> None:
    """k = 3 over s = 2 in depth only: depth is the uneven axis; the suggestion keeps the
    output size and is even (its overlap, from torch, the same on every interior cell)."""
    query = {"dims": "3", "op": "transpose", "i": "4,3,3", "k": "3,2,2", "s": "2", "p": "1,0,0"}
    overlap = client.get("/api/frames", params=query).json()["overlap"]
    assert overlap["uneven"] == ["depth"]
    even = Config.from_query(overlap["alternative"])
    sizes = dict(pair.split("=") for pair in even.query().split("&"))
    counts = _layer_ones({**sizes, "dims": "3"})
    assert counts.shape == _layer_ones(query).shape
    interior = counts[1:-1, 1:-1, 1:-1]
    assert interior.min() == interior.max()


@pytest.mark.parametrize(
    ("query", "ok"),
    [
        # The grid per side, depth too: 512 is drawn, 513 is not.
        ({"i": "1,1,512", "k": "1"}, True),
        ({"i": "1,1,513", "k": "1"}, False),
        ({"i": "512,1,1", "k": "1"}, True),
        ({"i": "513,1,1", "k": "1"}, False),
        # The grid's cells in all: 64³ = 262,144 is drawn, 65·64·64 is not.
        ({"i": "64", "k": "1", "s": "2"}, True),
        ({"i": "65,64,64", "k": "1", "s": "2"}, False),
        # Steps × kernel cells: 64·64 steps of a 1×64×64 kernel is 16,777,216 exactly.
        ({"i": "1,127,127", "k": "1,64,64"}, True),
        ({"i": "1,127,128", "k": "1,64,65"}, False),
    ],
)
def test_3d_drawing_limits_on_both_sides(
    client: TestClient, query: dict[str, str], ok: bool
) -> None:
    params = {"dims": "3", "form": "compact", **query}
    response = client.get("/api/frames", params=params)
    if ok:
        assert response.status_code == 200, response.text
        return
    assert response.status_code == 422
    assert response.json()["reason"] == "drawing"
    assert response.json()["parameter"] == "i"
    # The arithmetic still answers it.
    assert client.get("/api/arithmetic", params={"dims": "3", **query}).status_code == 200


@pytest.mark.parametrize(
    ("query", "ok"),
    [
        # 16,384 steps, the verbose form's most, and one row more.
        ({"i": "1,128,128", "k": "1"}, True),
        ({"i": "1,128,129", "k": "1"}, False),
        # The grid's cells: 25,600 (160²) in all, and one slice more.
        ({"i": "25,32,32", "k": "1,2,2", "s": "1,2,2"}, True),
        ({"i": "26,32,32", "k": "1,2,2", "s": "1,2,2"}, False),
        # Steps × kernel cells: 16³ × 4³ = 262,144, and 17·16·16 × 4³.
        ({"i": "19", "k": "4"}, True),
        ({"i": "20,19,19", "k": "4"}, False),
    ],
)
def test_3d_verbose_limits_on_both_sides(
    client: TestClient, query: dict[str, str], ok: bool
) -> None:
    response = client.get("/api/frames", params={"dims": "3", **query})
    if ok:
        assert response.status_code == 200, response.text
        assert len(response.json()["frames"]) <= 16_384
        return
    assert response.status_code == 422
    assert response.json()["parameter"] == "form"
    assert "form=compact" in response.json()["detail"]
    compact = client.get("/api/frames", params={"dims": "3", "form": "compact", **query})
    assert compact.status_code == 200


LINEAR = [q for q in LAYERS if q["op"] in ("conv", "transpose") and q["dims"] == "3"]


@pytest.mark.parametrize("query", LINEAR, ids=lambda q: "&".join(q.values()))
def test_the_3d_matrix_view_is_the_layer(client: TestClient, query: dict[str, str]) -> None:
    """C built from the listed entries, times vec(x), is PyTorch's output channel 0 unrolled
    slice by slice; and each im2col column's taps, read off the input, sum to it too."""
    response = client.get("/api/matrix", params=query)
    if response.status_code == 422:
        assert client.get("/api/frames", params=query).status_code == 422
        return
    assert response.status_code == 200, response.text
    answer = response.json()
    values = answer["values"]
    weight = _numbers(values["kernel"], 3)
    x = np.array(values["input"], dtype=np.float64).reshape(_ints(query, "i", 5))
    expected = _torch_output(query, x, weight)
    assert expected is not None
    rows, cols = answer["matrix"]["shape"]
    assert (rows, cols) == (expected.size, x.size)
    matrix = np.zeros((rows, cols))
    for row, col, kd, kr, kc in answer["matrix"]["entries"]:
        matrix[row, col] += weight[kd, kr, kc]
    channels = values["channels"]
    np.testing.assert_allclose(matrix @ x.ravel() * channels, expected.ravel(), atol=1e-9)
    np.testing.assert_allclose(values["output"], expected.ravel(), atol=1e-9)
    if query["op"] == "conv":
        im2col = answer["im2col"]
        assert im2col["shape"] == [weight.size, expected.size]
        taps = weight.ravel()
        summed = [
            sum(t * x[tuple(cell)] for t, cell in zip(taps, column, strict=True) if cell)
            for column in im2col["cells"]
        ]
        np.testing.assert_allclose(np.array(summed) * channels, expected.ravel(), atol=1e-9)


def test_the_3d_matrix_listing_limit_on_both_sides(client: TestClient) -> None:
    """A 1×1×1 kernel places one weight per output cell: 64·32·32 = 65,536 entries are
    listed, 65·32·32 are counted only."""
    query = {"dims": "3", "k": "1"}
    listed = client.get("/api/matrix", params={**query, "i": "64,32,32"}).json()["matrix"]
    assert listed["count"] == 65_536
    assert len(listed["entries"]) == 65_536
    counted = client.get("/api/matrix", params={**query, "i": "65,32,32"}).json()
    assert counted["matrix"]["count"] == 66_560
    assert counted["matrix"]["entries"] is None
    assert counted["values"] is None


SCATTERED = [q for q in LAYERS if q["op"] == "transpose" and q["dims"] == "3"] + [
    {**q, "seed": "6", "c_in": "2"} for q, _ in TRANSPOSED
]


@pytest.mark.parametrize("query", SCATTERED, ids=lambda q: "&".join(q.values()))
def test_the_3d_scatter_view_is_conv_transpose3d(client: TestClient, query: dict[str, str]) -> None:
    """Each input unit's kernel copy added onto the canvas, cropped, is PyTorch's output
    channel 0; the canvas holds the output where the offset says."""
    response = client.get("/api/scatter", params=query)
    if response.status_code == 422:
        assert client.get("/api/frames", params=query).status_code == 422
        return
    values = response.json()["values"]
    x, weight = _numbers(values["input"], 3), _numbers(values["kernel"], 3)
    expected = _torch_output(query, x, weight)
    assert expected is not None
    np.testing.assert_allclose(values["output"], expected, atol=1e-9)
    canvas = np.array(values["canvas"])
    offset = response.json()["canvas"]["offset"]
    z, r, c = offset["front"], offset["top"], offset["left"]
    d, h, w = expected.shape
    np.testing.assert_allclose(canvas[z : z + d, r : r + h, c : c + w], expected, atol=1e-9)
    # Every unit names kd·kh·kw canvas cells, all on the canvas.
    frames = response.json()["frames"]
    assert len(frames) == x.size
    assert {len(f["cells"]) for f in frames} == {weight.size}
    compact = client.get("/api/scatter", params={**query, "form": "compact"}).json()
    np.testing.assert_allclose(_flat(compact["values"]["output"], 3), expected, atol=1e-9)


def test_the_3d_scatter_limits_on_both_sides(client: TestClient) -> None:
    """The canvas per side and in all: 64³ (i = 32, k = 2, s = 2 reaches 2·31 + 2 = 64)
    is drawn, one more slice is not."""
    query = {"dims": "3", "op": "transpose", "k": "2", "s": "2", "form": "compact"}
    assert client.get("/api/scatter", params={**query, "i": "32"}).status_code == 200
    past = client.get("/api/scatter", params={**query, "i": "33,32,32"})
    assert past.status_code == 422
    assert past.json()["reason"] == "drawing"
    verbose = client.get("/api/scatter", params={**query, "i": "32", "form": "verbose"})
    assert verbose.status_code == 422
    assert verbose.json()["parameter"] == "form"


ONE_D = [
    {"dims": "1", "op": "transpose", "i": "5", "k": "3", "s": "2", "p": "1", "a": "1", "seed": "4"},
    {"dims": "1", "op": "transpose", "i": "4", "k": "2", "s": "3", "d": "2", "c_in": "2"},
    {"dims": "1", "op": "conv", "i": "9", "k": "3", "s": "2", "p": "1", "seed": "8"},
    {"dims": "1", "op": "conv", "i": "7", "k": "3", "d": "2", "p": "causal", "w": "1,2,-1"},
]


@pytest.mark.parametrize("query", ONE_D, ids=lambda q: q["op"] + q["i"])
def test_1d_layers_in_the_scatter_and_matrix_views_are_one_row_planes(
    client: TestClient, query: dict[str, str]
) -> None:
    frames = client.get("/api/frames", params=query).json()["values"]
    x, weight = _numbers(frames["input"], 1), _numbers(frames["kernel"], 1)
    expected = _torch_output(query, x, weight)
    assert expected is not None
    matrix = client.get("/api/matrix", params=query)
    assert matrix.status_code == 200, matrix.text
    assert matrix.json()["matrix"]["shape"] == [expected.size, x.size]
    output = np.ravel(matrix.json()["values"]["output"])
    np.testing.assert_allclose(output, expected, atol=1e-9)
    if query["op"] != "transpose":
        assert client.get("/api/scatter", params=query).status_code == 422
        return
    for form in ("verbose", "compact"):
        scatter = client.get("/api/scatter", params={**query, "form": form})
        assert scatter.status_code == 200, scatter.text
        values = scatter.json()["values"]
        out = values["output"] if form == "verbose" else _flat(values["output"], 1)
        np.testing.assert_allclose(_numbers(out, 1) if form == "verbose" else out, expected)
    frames_list = client.get("/api/scatter", params=query).json()["frames"]
    assert len(frames_list) == x.size
    assert all(cell[0] == 0 for f in frames_list for cell in f["cells"])


def test_the_largest_3d_compact_answer_is_quick() -> None:
    """A 64×64×64 grid (the most a 3-D grid holds) under a 3×3×3 kernel: 238,328 steps and
    6.4 million multiply-adds, answered in well under a second."""
    arith = analyse(Config.from_query("dims=3&i=62&k=3&p=1&seed=2"))
    start = time.process_time()
    compact_frames_text(arith)
    assert time.process_time() - start < 2.0


def test_a_1d_checkerboard_is_named_and_mended(client: TestClient) -> None:
    """k = 3 over s = 2 along a strip: counts 1, 1, 2, 1, 2, … (torch's conv_transpose1d of
    ones); the suggestion is a 1-D layer of the same length whose interior counts are equal."""
    query = {"dims": "1", "op": "transpose", "i": "6", "k": "3", "s": "2"}
    overlap = client.get("/api/frames", params=query).json()["overlap"]
    ones = F.conv_transpose1d(torch.ones(1, 1, 6), torch.ones(1, 1, 3), stride=2)
    np.testing.assert_array_equal(overlap["counts"], ones.numpy()[0])
    assert overlap["uneven"] == ["width"]
    even = Config.from_query(overlap["alternative"])
    assert even.dims == 1
    k, s, p, a = even.k[1], even.s[1], even.p[1], even.a[1]
    counts = F.conv_transpose1d(
        torch.ones(1, 1, 6), torch.ones(1, 1, k), stride=s, padding=p, output_padding=a
    ).numpy()[0, 0]
    assert counts.size == ones.shape[-1]
    assert k % s == 0
    interior = counts[k - 1 - p : 5 * s - p + 1]
    assert interior.min() == interior.max()
