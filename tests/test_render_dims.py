"""Pictures of 1-D and 3-D layers: a strip one cell high, and rows of depth slices.

Every expected cell here is worked by hand from the layer's arithmetic (origins z·s, taps
j·d, padding where a line is outside [before, before + i)); the pictures are read back from
their SVG (cells found by their fill, slices by the gaps between them) and their GIF frames.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from functools import partial
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageSequence

from app.core.arithmetic import analyse
from app.core.params import Config
from app.render.geometry import geometry
from app.render.theme import THEMES, cell_fills
from app.web.messages import translate

SVG = "{http://www.w3.org/2000/svg}"
THEME = THEMES["light"]
FILLS = cell_fills(THEME)
HEX = {name: "#{:02x}{:02x}{:02x}".format(*colour) for name, colour in FILLS.items()}
SHADED = {
    name: "#{:02x}{:02x}{:02x}".format(*THEME.shaded(colour)) for name, colour in FILLS.items()
}
CYAN = "#{:02x}{:02x}{:02x}".format(*THEME.output)
CURRENT = "#{:02x}{:02x}{:02x}".format(*THEME.shaded(THEME.output))
INK = "#{:02x}{:02x}{:02x}".format(*THEME.ink)
CELL = 20  # the default scale

Place = tuple[int, int, int]  # depth slice, row, column


def _url(path: str, query: str, **extra: Any) -> str:
    return f"/render/{path}?{query}&{urlencode(extra)}".rstrip("&")


def _svg(client: TestClient, query: str, **extra: Any) -> ET.Element:
    response = client.get(_url("frame.svg", query, **extra))
    assert response.status_code == 200, response.text
    return ET.fromstring(response.content)


def _rects(root: ET.Element) -> list[dict[str, str]]:
    return [rect.attrib for rect in root.iter(f"{SVG}rect")]


def _cells(rects: Iterable[dict[str, str]], fills: set[str]) -> list[tuple[int, int]]:
    """The top-left corners of the cell-sized, unstroked rectangles of these fills."""
    return [
        (int(r["x"]), int(r["y"]))
        for r in rects
        if r["fill"] in fills and r["width"] == r["height"] == str(CELL) and "stroke" not in r
    ]


def _places(corners: list[tuple[int, int]]) -> dict[tuple[int, int], Place]:
    """Each cell's depth slice, row and column: columns a cell apart belong to one slice, a
    wider gap starts the next."""
    xs, ys = sorted({x for x, _ in corners}), sorted({y for _, y in corners})
    column: dict[int, tuple[int, int]] = {}
    depth, start = 0, xs[0]
    for before, x in zip([xs[0], *xs], xs, strict=False):
        if x - before > CELL:
            depth, start = depth + 1, x
        column[x] = (depth, (x - start) // CELL)
    return {(x, y): (column[x][0], ys.index(y), column[x][1]) for x, y in corners}


def _grid(root: ET.Element) -> tuple[dict[Place, str], set[Place]]:
    """The drawn grid's kinds by place, and the places the kernel lights at this step."""
    rects = _rects(root)
    kind_of = {fill: kind for kind, fill in HEX.items()}
    base = _cells(rects, set(HEX.values()))
    places = _places(base)
    kinds = {
        places[(int(r["x"]), int(r["y"]))]: kind_of[r["fill"]]
        for r in rects
        if (int(r["x"]), int(r["y"])) in places and r["fill"] in kind_of and "stroke" not in r
    }
    lit = {places[corner] for corner in _cells(rects, set(SHADED.values()))}
    return kinds, lit


def _outputs(
    root: ET.Element,
) -> tuple[list[tuple[int, int, int, int]], tuple[int, int, int]]:
    """The output slices (x, y, width, height) and the current cell (slice, row, column)."""
    rects = _rects(root)
    slices = sorted(
        (int(r["x"]), int(r["y"]), int(r["width"]), int(r["height"]))
        for r in rects
        # Not the legend's swatch: a slice is a cell high at least.
        if r["fill"] == CYAN and int(r["height"]) >= CELL
    )
    (current,) = [r for r in rects if r["fill"] == CURRENT and r["width"] == str(CELL)]
    x, y = int(current["x"]), int(current["y"])
    for z, (x0, y0, width, _) in enumerate(slices):
        if x0 <= x < x0 + width:
            return slices, (z, (y - y0) // CELL, (x - x0) // CELL)
    raise AssertionError("the current cell is on no output slice")


def _texts(root: ET.Element) -> list[str]:
    return [node.text or "" for node in root.iter(f"{SVG}text")]


def _title(root: ET.Element) -> str:
    title = root.find(f"{SVG}title")
    assert title is not None and title.text is not None
    return title.text


# ---- 1-D: a strip ------------------------------------------------------------------------

STRIP = "op=conv&dims=1&i=9&k=3&s=2&p=1"  # grid 11 (1 + 9 + 1), output ⌊(9 + 2 − 3)/2⌋ + 1 = 5


def test_a_strip_lights_the_cells_its_step_reads(client: TestClient) -> None:
    """Step 2 of a stride-2 strip: output cell 2 reads grid cells 4, 5, 6."""
    root = _svg(client, STRIP, step=2)
    kinds, lit = _grid(root)
    assert len(kinds) == 11 and {z for z, _, _ in kinds} == {0} and {r for _, r, _ in kinds} == {0}
    assert [kinds[(0, 0, c)] for c in range(11)] == ["padding"] + ["input"] * 9 + ["padding"]
    assert lit == {(0, 0, 4), (0, 0, 5), (0, 0, 6)}
    slices, current = _outputs(root)
    assert [(width, height) for _, _, width, height in slices] == [(5 * CELL, CELL)]
    assert current == (0, 0, 2)


def test_a_causal_strip_pads_on_the_left_only(client: TestClient) -> None:
    """k=3, d=2: d(k − 1) = 4 zeros on the left; step 0 reads cells 0, 2, 4 (x[0] last)."""
    query = "op=conv&dims=1&i=8&k=3&d=2&p=causal"
    kinds, lit = _grid(_svg(client, query, step=0))
    assert [kinds[(0, 0, c)] for c in range(12)] == ["padding"] * 4 + ["input"] * 8
    assert lit == {(0, 0, 0), (0, 0, 2), (0, 0, 4)}
    _, lit = _grid(_svg(client, query, step=7))
    assert lit == {(0, 0, 7), (0, 0, 9), (0, 0, 11)}


@pytest.mark.parametrize(
    ("lang", "texts", "title"),
    [
        (
            "en",
            ["output 5", "input 9, padded to 11"],
            "convolution (op=conv&dims=1&i=9&k=3&s=2&p=1), step 3 of 5: output cell 2",
        ),
        (
            "ko",
            ["출력 5", "입력 9, 11로 패딩"],
            "합성곱 (op=conv&dims=1&i=9&k=3&s=2&p=1), 5단계 중 3단계: 출력 칸 2",
        ),
    ],
)
def test_a_strip_says_one_size_and_one_cell(
    client: TestClient, lang: str, texts: list[str], title: str
) -> None:
    root = _svg(client, STRIP, step=2, lang=lang)
    assert _texts(root)[:2] == texts
    assert _title(root) == title


def test_a_strip_with_its_own_numbers(client: TestClient) -> None:
    """x = 1…9 padded by a zero each side, w = (1, 0, −1): output cell 3 reads grid cells
    3, 4, 5 (x = 3, 4, 5): 3 − 5 = −2; every output is −2 but the ends: 0 − 2 = −2 … and the
    last, 8·1 + 9·0 + 0·(−1) = 8."""
    query = "op=conv&dims=1&i=9&k=3&p=1&x=1,2,3,4,5,6,7,8,9&w=1,0,-1"
    for lang in ("en", "ko"):
        texts = _texts(_svg(client, query, step=3, numbers=1, lang=lang))
        assert texts.count("8") == 2  # the input 8 and the last output
        assert texts.count("-2") == 8 + 1  # every output but the last, the current one again
    png = client.get(_url("frame.png", query, step=3, numbers=1))
    assert png.status_code == 200


@pytest.mark.parametrize(("i", "frames"), [(64, 62), (160, 156)])
def test_a_long_strip_is_one_row_as_wide_as_its_cells(
    client: TestClient, i: int, frames: int
) -> None:
    """The strip's cells, a margin each side (half a cell), nothing wider."""
    query = f"op=conv&dims=1&i={i}&k={i - frames + 1}"
    root = _svg(client, query, step=frames - 1)
    kinds, _ = _grid(root)
    assert len(kinds) == i and {r for _, r, _ in kinds} == {0}
    assert int(root.get("width", "0")) == i * CELL + 2 * (CELL // 2)
    _, current = _outputs(root)
    assert current == (0, 0, frames - 1)
    # The legend fits one line beside so long a strip: every swatch on one baseline.
    legend_rows = {int(r["y"]) for r in _rects(root) if r["width"] == r["height"] == "12"}
    assert len(legend_rows) == 1


def test_a_long_strip_animates_within_the_budget_at_a_smaller_scale(client: TestClient) -> None:
    """160 cells, 156 steps: 1,296×116 at scale 8 (23.5 megapixels in all) is drawn;
    1,936×124 at scale 12 (37.4) is past the 32-megapixel budget."""
    query = "op=conv&dims=1&i=160&k=5"
    refused = client.get(_url("animation.gif", query, scale=12))
    assert refused.status_code == 422
    assert "megapixels in all" in refused.json()["detail"]
    drawn = client.get(_url("animation.gif", query, scale=8))
    assert drawn.status_code == 200
    with Image.open(io.BytesIO(drawn.content)) as gif:
        assert gif.size == (1296, 116)
        assert sum(1 for _ in ImageSequence.Iterator(gif)) == 156


# ---- 3-D: rows of depth slices ------------------------------------------------------------

# Depth: 4 padded by 1 each side (6 slices, 0 and 5 padding), stride 2: ⌊(4 + 2 − 3)/2⌋ + 1 = 2
# output slices. Height and width: 5 padded to 7, stride 1: 5 outputs. 2·5·5 = 50 steps.
VOLUME = "op=conv&dims=3&i=4,5,5&k=3&s=2,1,1&p=1"


def test_slices_hold_the_volumes_kinds(client: TestClient) -> None:
    kinds, _ = _grid(_svg(client, VOLUME))
    assert len(kinds) == 6 * 7 * 7
    for (z, r, c), kind in kinds.items():
        inside = 1 <= z <= 4 and 1 <= r <= 5 and 1 <= c <= 5
        assert kind == ("input" if inside else "padding"), (z, r, c)


@pytest.mark.parametrize(
    ("step", "output", "depths", "rows", "cols"),
    [
        (0, (0, 0, 0), (0, 1, 2), (0, 1, 2), (0, 1, 2)),
        # 37 = 1·25 + 2·5 + 2: output slice 1 starts at depth 1·2 = 2.
        (37, (1, 2, 2), (2, 3, 4), (2, 3, 4), (2, 3, 4)),
        (49, (1, 4, 4), (2, 3, 4), (4, 5, 6), (4, 5, 6)),
    ],
)
def test_a_volume_step_lights_the_kernels_slices(
    client: TestClient,
    step: int,
    output: Place,
    depths: tuple[int, ...],
    rows: tuple[int, ...],
    cols: tuple[int, ...],
) -> None:
    root = _svg(client, VOLUME, step=step)
    _, lit = _grid(root)
    assert lit == {(z, r, c) for z in depths for r in rows for c in cols}
    slices, current = _outputs(root)
    assert len(slices) == 2 and current == output
    # The slices it reads are outlined whole: a 7-cell slice and a little more.
    outlines = [r for r in _rects(root) if r["fill"] == "none" and int(r["width"]) > 7 * CELL]
    assert len(outlines) == len(depths)


def test_a_dilated_volume_skips_slices(client: TestClient) -> None:
    """Depth 5, k 2, d 3: taps 0 and 3, so output slice 1 reads slices 1 and 4 alone."""
    query = "op=conv&dims=3&i=5,3,3&k=2&d=3,1,1"  # 2 × 2 × 2 outputs
    _, lit = _grid(_svg(client, query, step=4))
    assert {z for z, _, _ in lit} == {1, 4}
    assert lit == {(z, r, c) for z in (1, 4) for r in (0, 1) for c in (0, 1)}


def test_a_transposed_volume_stretches_its_depth(client: TestClient) -> None:
    """Depth 2, s 2, k 3, p 0: stretched to 3 (a zero slice between), padded by d(k−1) = 2
    each side: 7 slices, of which 2 and 4 hold input, 3 is inserted zeros."""
    query = "op=transpose&dims=3&i=2,1,1&k=3,1,1&s=2,1,1"
    kinds, _ = _grid(_svg(client, query))
    depth_kinds = [kinds[(z, 0, 0)] for z in range(7)]
    assert depth_kinds == ["padding", "padding", "input", "inserted", "input", "padding", "padding"]


@pytest.mark.parametrize(
    ("lang", "texts", "title"),
    [
        (
            "en",
            ["output 2×5×5", "input 4×5×5, padded to 6×7×7"]
            + [f"depth {z}" for z in range(6)]
            + ["depth 0", "depth 1", "input unit", "zero padding", "under the kernel"]
            + ["depth slice the kernel reads", "output unit", "current output"],
            "convolution (op=conv&dims=3&i=4,5,5&k=3&s=2,1,1&p=1), step 38 of 50: "
            "output cell 1, 2, 2",
        ),
        (
            "ko",
            ["출력 2×5×5", "입력 4×5×5, 6×7×7로 패딩"]
            + [f"깊이 {z}" for z in range(6)]
            + ["깊이 0", "깊이 1", "입력 칸", "제로 패딩", "커널 아래"]
            + ["커널이 읽는 깊이 조각", "출력 칸", "현재 출력"],
            "합성곱 (op=conv&dims=3&i=4,5,5&k=3&s=2,1,1&p=1), 50단계 중 38단계: 출력 칸 1, 2, 2",
        ),
    ],
)
def test_a_volume_says_three_sizes_and_names_its_slices(
    client: TestClient, lang: str, texts: list[str], title: str
) -> None:
    root = _svg(client, VOLUME, step=37, lang=lang)
    assert _texts(root) == texts
    assert _title(root) == title


def test_pooling_slices_are_read_by_a_window(client: TestClient) -> None:
    texts = _texts(_svg(client, "op=maxpool&dims=3&i=2,4,4&k=2&s=2"))
    assert "depth slice the window reads" in texts


def test_a_volumes_gif_has_a_frame_per_step_depth_major(client: TestClient) -> None:
    """3·4·4 under a 2-cube kernel: 2·3·3 = 18 frames. Frame 13 = 1·9 + 1·3 + 1: output
    slice 1 at (1, 1); it reads slices 1 and 2 at rows and columns 1, 2."""
    query = "op=conv&dims=3&i=3,4,4&k=2"
    response = client.get(_url("animation.gif", query))
    assert response.status_code == 200
    arith = analyse(Config.from_query(query))
    geom = geometry(arith, CELL, partial(translate, "en"))
    with Image.open(io.BytesIO(response.content)) as gif:
        assert gif.size == (geom.width, geom.height)
        pictures = [frame.convert("RGB") for frame in ImageSequence.Iterator(gif)]
    assert len(pictures) == 18
    picture = pictures[13]
    for z in range(3):
        for r in range(4):
            for c in range(4):
                lit = z in (1, 2) and r in (1, 2) and c in (1, 2)
                expected = THEME.shaded(THEME.input) if lit else THEME.input
                point = geom.on_slice(z, 0).grid_centre(r, c)
                assert picture.getpixel(point) == expected, (z, r, c)
    for z in range(2):
        for r in range(3):
            for c in range(3):
                current = (z, r, c) == (1, 1, 1)
                expected = THEME.shaded(THEME.output) if current else THEME.output
                assert picture.getpixel(geom.on_slice(0, z).output_centre(r, c)) == expected


def test_a_volumes_png_is_the_geometrys_size(client: TestClient) -> None:
    arith = analyse(Config.from_query(VOLUME))
    geom = geometry(arith, 30, partial(translate, "ko"))
    response = client.get(_url("frame.png", VOLUME, step=49, scale=30, lang="ko", theme="dark"))
    assert response.status_code == 200
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.size == (geom.width, geom.height)


@pytest.mark.parametrize(("step", "status"), [(49, 200), (50, 422), (-1, 422)])
def test_a_volumes_steps_are_every_output_cell(client: TestClient, step: int, status: int) -> None:
    response = client.get(_url("frame.svg", VOLUME, step=step))
    assert response.status_code == status
    if status == 422:
        assert "between 0 and 49" in response.json()["detail"]


def _output_numbers(root: ET.Element) -> list[list[list[str]]]:
    """The numbers printed on each output slice, by row and column (the last drawn wins:
    the current cell's number is drawn again over its shading)."""
    slices, _ = _outputs(root)
    printed = [
        [["" for _ in range(width // CELL)] for _ in range(height // CELL)]
        for _, _, width, height in slices
    ]
    for node in root.iter(f"{SVG}text"):
        x, y = int(node.get("x", "0")), int(node.get("y", "0"))
        for z, (x0, y0, width, height) in enumerate(slices):
            if x0 <= x < x0 + width and y0 <= y < y0 + height:
                printed[z][(y - y0) // CELL][(x - x0) // CELL] = node.text or ""
    return printed


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_volume_prints_its_numbers_on_every_slice(client: TestClient, lang: str) -> None:
    """The paper's 4×4 input on each of 3 slices, its kernel's 2×2 corner [[0, 1], [2, 2]]
    on each of 2 kernel slices: each output slice is twice the plane's convolution,
    x[r][c+1] + 2·x[r+1][c] + 2·x[r+1][c+1], e.g. (1, 1): 2·(1 + 2 + 4) = 14."""
    query = "op=conv&dims=3&i=3,4,4&k=2"
    root = _svg(client, query, step=13, numbers=1, lang=lang)
    plane = [["6", "8", "18"], ["16", "14", "22"], ["10", "4", "12"]]
    assert _output_numbers(root) == [plane, plane]
    # The step's output is drawn again over its shading: 14 on two slices, and once more.
    assert _texts(root).count("14") == 3
    assert client.get(_url("frame.png", query, step=13, numbers=1, lang=lang)).status_code == 200
    gif = client.get(_url("animation.gif", query, numbers=1, lang=lang))
    assert gif.status_code == 200
    assert sum(1 for _ in ImageSequence.Iterator(Image.open(io.BytesIO(gif.content)))) == 18


# ---- 3-D budgets, both sides ------------------------------------------------------------


def test_a_volumes_animation_frames_are_counted_over_every_slice(client: TestClient) -> None:
    """5·15·15 = 1,125 steps are past the 1,024 frames a GIF may have; 4·16·16 = 1,024 are
    not (that GIF is refused for its pixels instead)."""
    past = client.get(_url("animation.gif", "op=conv&dims=3&i=5,15,15&k=1", scale=4))
    assert past.status_code == 422
    assert "1,125 frames" in past.json()["detail"]
    at = client.get(_url("animation.gif", "op=conv&dims=3&i=4,16,16&k=1", scale=4))
    assert at.status_code == 422
    assert "megapixels in all" in at.json()["detail"]


def test_a_volumes_animation_pixels_both_sides(client: TestClient) -> None:
    """50 frames of 1,152×459 at scale 24 (26.4 megapixels) are drawn; of 1,536×612 at
    scale 32 (47.0), refused."""
    assert client.head(_url("animation.gif", VOLUME, scale=24)).status_code == 200
    refused = client.get(_url("animation.gif", VOLUME, scale=32))
    assert refused.status_code == 422
    assert "1536×612" in refused.json()["detail"]


def test_a_volumes_grid_is_bounded_in_all(client: TestClient) -> None:
    """A 3-D grid may hold as many cells as the largest plane, 160 × 160 = 25,600: one slice
    of 160×160 is drawn (with 10×10 outputs under a 1×16×16 kernel of that stride), two are
    refused, in the picture's language."""
    kernel = "k=1,16,16&s=1,16,16&scale=4"
    drawn = client.head(f"/render/frame.svg?op=conv&dims=3&i=1,160,160&{kernel}")
    assert drawn.status_code == 200
    for lang, words in (("en", "51,200 cells"), ("ko", "51,200")):
        url = f"/render/frame.png?op=conv&dims=3&i=2,160,160&{kernel}&lang={lang}"
        refused = client.get(url)
        assert refused.status_code == 422
        assert words in refused.json()["detail"] and "25,600" in refused.json()["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "op=maxpool&dims=3&i=3,5,5&k=2&s=2&ceil=1",  # the last windows hang past the grid
        "op=transpose&dims=3&i=2,2,3&k=2,3,2&s=2,1,2&p=1,0,1",
        "op=avgpool&dims=3&i=4,3,3&k=3,1,2&s=1&p=1,0,1",
    ],
)
def test_every_volume_step_lights_what_the_api_says(client: TestClient, query: str) -> None:
    """The pictures and the frames answer agree at every step: the same cells, the same
    kinds, the same output cell."""
    answer = client.get(f"/api/frames?{query}&form=verbose").json()
    for n, frame in enumerate(answer["frames"]):
        root = _svg(client, query, step=n)
        kinds, lit = _grid(root)
        assert lit == {tuple(cell) for cell in frame["cells"]}, n
        assert _outputs(root)[1] == tuple(frame["output"])
    expected = {
        (z, r, c): kind
        for z, plane in enumerate(answer["grid"]["kinds"])
        for r, row in enumerate(plane)
        for c, kind in enumerate(row)
    }
    assert kinds == expected


@pytest.mark.parametrize(
    ("query", "lang", "output", "grid"),
    [
        # Figure 4.7 as a strip: 3 stretched to 5, d(k − 1) − p = 1 before, 1 + a = 2 after.
        (
            "op=transpose&dims=1&i=3&k=3&s=2&p=1&a=1",
            "en",
            "output 6",
            "input 3, stretched and padded to 8",
        ),
        # 5 + 2·(d(k − 1) − p) = 5 − 2 = 3 on every axis: a crop; output 5 − 1 − 6 + 3 = 1.
        (
            "op=transpose&dims=3&i=5&k=3&s=1&p=3",
            "en",
            "output 1×1×1",
            "input 5×5×5, cropped to 3×3×3",
        ),
        # Padded in depth alone: the caption says so though the plane is not padded.
        (
            "op=conv&dims=3&i=3,4,4&k=3&p=1,0,0",
            "en",
            "output 3×2×2",
            "input 3×4×4, padded to 5×4×4",
        ),
        ("op=conv&dims=3&i=3,4,4&k=3&p=1,0,0", "ko", "출력 3×2×2", "입력 3×4×4, 5×4×4로 패딩"),
        # Stretched in depth alone: 2 units, a zero between.
        (
            "op=transpose&dims=3&i=2&k=1&s=2,1,1",
            "en",
            "output 3×2×2",
            "input 2×2×2, stretched to 3×2×2",
        ),
        ("op=transpose&dims=3&i=2&k=1&s=2,1,1", "ko", "출력 3×2×2", "입력 2×2×2, 3×2×2로 늘림"),
    ],
)
def test_captions_name_every_axis_of_the_layer(
    client: TestClient, query: str, lang: str, output: str, grid: str
) -> None:
    texts = _texts(_svg(client, query, lang=lang))
    assert texts[:2] == [output, grid]
