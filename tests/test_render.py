"""Pictures: every paper figure as a GIF, PNG and SVG that show exactly the API's frames."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageFont, ImageSequence

from app.core.arithmetic import Arithmetic, analyse
from app.core.figures import FIGURES, Figure
from app.core.params import Config
from app.render import budget
from app.render.geometry import Geometry, geometry
from app.render.primitives import Label
from app.render.svg import svg_document
from app.render.theme import THEMES, Theme, cell_fills
from app.render.wording import Words
from app.web.messages import translate
from app.web.renders import DEFAULT_SCALE, _gif

SVG = "{http://www.w3.org/2000/svg}"
ENGLISH: Words = partial(translate, "en")


def _arith(query: dict[str, str]) -> Arithmetic:
    return analyse(Config.from_query(query))


def _url(path: str, query: dict[str, str], **extra: Any) -> str:
    return f"/render/{path}?{urlencode(query | {k: str(v) for k, v in extra.items()})}"


def _expected_colours(
    geom: Geometry, theme: Theme, answer: dict[str, Any], frame: dict[str, Any]
) -> dict[tuple[int, int], tuple[int, int, int]]:
    """Pixel colour expected at each cell centre: shaded where the API says the kernel is."""
    fills = cell_fills(theme)
    covered = {tuple(cell) for cell in frame["cells"]}
    out = {}
    for r, row in enumerate(answer["grid"]["kinds"]):
        for c, kind in enumerate(row):
            fill = fills[kind]
            out[geom.grid_centre(r, c)] = theme.shaded(fill) if (r, c) in covered else fill
    oh, ow = answer["output_shape"]
    for r in range(oh):
        for c in range(ow):
            current = [r, c] == frame["output"]
            out[geom.output_centre(r, c)] = theme.shaded(theme.output) if current else theme.output
    return out


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.number)
def test_figure_gif_shows_the_api_frames(client: TestClient, figure: Figure) -> None:
    response = client.get(_url("animation.gif", figure.query))
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/gif"
    # No larger than the paper's own GIFs (15 to 60 KB).
    assert len(response.content) < 60_000
    answer = client.get(f"/api/frames?{urlencode(figure.query)}").json()
    geom = geometry(_arith(figure.query), DEFAULT_SCALE, ENGLISH)
    theme = THEMES["light"]
    with Image.open(io.BytesIO(response.content)) as gif:
        assert gif.info["loop"] == 0
        assert gif.size == (geom.width, geom.height)
        pictures = [frame.convert("RGB") for frame in ImageSequence.Iterator(gif)]
        durations = gif.info["duration"]
    assert len(pictures) == figure.steps == len(answer["frames"])
    assert durations == 1000
    for picture, frame in zip(pictures, answer["frames"], strict=True):
        expected = _expected_colours(geom, theme, answer, frame)
        seen = {point: picture.getpixel(point) for point in expected}
        assert seen == expected, f"frame {frame['output']}"


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.number)
def test_figure_png_and_svg_parse_at_the_right_size(client: TestClient, figure: Figure) -> None:
    geom = geometry(_arith(figure.query), 20, ENGLISH)
    last = figure.steps - 1
    png = client.get(_url("frame.png", figure.query, step=last, scale=20))
    assert png.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(png.content)) as image:
        assert image.format == "PNG" and image.size == (geom.width, geom.height)
    svg = client.get(_url("frame.svg", figure.query, step=last, scale=20))
    assert svg.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(svg.content)
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == (str(geom.width), str(geom.height))
    # A strict CSP: no scripts, no style attributes, no event handlers.
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}style", f"{SVG}foreignObject")
        assert not any(name == "style" or name.startswith("on") for name in element.attrib)


def test_png_pixels_match_the_frame(client: TestClient) -> None:
    query = {"op": "conv", "i": "5", "k": "3", "s": "2", "p": "1"}  # figure 2.6, step 4
    answer = client.get(f"/api/frames?{urlencode(query)}").json()
    response = client.get(_url("frame.png", query, step=4, theme="dark", scale=30))
    geom = geometry(_arith(query), 30, ENGLISH)
    expected = _expected_colours(geom, THEMES["dark"], answer, answer["frames"][4])
    with Image.open(io.BytesIO(response.content)) as image:
        rgb = image.convert("RGB")
    assert {point: rgb.getpixel(point) for point in expected} == expected


def test_ceil_mode_window_hangs_inside_the_picture(client: TestClient) -> None:
    query = {"op": "maxpool", "i": "5", "k": "2", "ceil": "1"}
    arith = _arith(query)
    geom = geometry(arith, DEFAULT_SCALE, ENGLISH)
    # The last window covers grid column 4 and hangs one column past the 5-column grid.
    x, y, w, _ = geom.grid_box(4, 4)
    assert x + 2 * w < geom.width
    response = client.get(_url("frame.png", query, step=8))
    with Image.open(io.BytesIO(response.content)) as image:
        rgb = image.convert("RGB")
    # The outline's right edge, one cell past the grid, in ink.
    assert rgb.getpixel((x + 2 * w, y + w // 2)) == THEMES["light"].ink


@pytest.mark.parametrize(
    ("path", "extra", "parameter", "words"),
    [
        ("frame.png", {"step": 9}, "step", "between 0 and 8"),
        ("frame.svg", {"step": -1}, "step", "between 0 and 8"),
        ("frame.png", {"step": "x"}, "step", "step"),
        ("frame.png", {"scale": 2}, "scale", "4"),
        ("frame.svg", {"scale": 500}, "scale", "96"),
        ("animation.gif", {"ms": 10}, "ms", "50"),
        ("animation.gif", {"ms": 60_000}, "ms", "5000"),
        ("frame.png", {"theme": "blue"}, "theme", "dark"),
    ],
)
def test_bad_picture_parameters_are_422_sentences(
    client: TestClient, path: str, extra: dict[str, Any], parameter: str, words: str
) -> None:
    response = client.get(_url(path, {"i": "5", "k": "3"}, **extra))
    assert response.status_code == 422
    body = response.json()
    assert body["parameter"] == parameter and words in body["detail"]


@pytest.mark.parametrize(
    ("path", "query", "words"),
    [
        ("frame.png", {"i": "128", "k": "1", "scale": "24"}, "megapixels"),
        ("animation.gif", {"i": "20", "k": "3", "scale": "12"}, "megapixels in all"),
        ("animation.gif", {"i": "40", "k": "3", "scale": "4"}, "frames"),
        ("frame.svg", {"i": "128", "p": "64", "k": "16", "s": "16", "scale": "4"}, "cells"),
    ],
)
def test_picture_budgets(client: TestClient, path: str, query: dict[str, str], words: str) -> None:
    response = client.get(_url(path, query))
    assert response.status_code == 422
    assert words in response.json()["detail"]


def test_budgets_are_documented(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("animation.gif", "frame.png", "frame.svg"):
        assert budget.describe() in schema["paths"][f"/render/{path}"]["get"]["description"]


@pytest.mark.parametrize("path", ["animation.gif", "frame.png", "frame.svg"])
def test_pictures_carry_etag_and_cache_control(client: TestClient, path: str) -> None:
    first = client.get(_url(path, {"i": "4"}))
    second = client.get(_url(path, {"i": "4"}))
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["cache-control"] == "public, max-age=86400"
    assert second.headers["etag"] == etag and second.content == first.content


def test_gif_is_cached_on_the_canonical_query(client: TestClient) -> None:
    client.get(_url("animation.gif", {"i": "6", "k": "3", "s": "2"}))
    hits = _gif.cache_info().hits
    # Spelled differently, the same configuration: op and p at their defaults.
    client.get(_url("animation.gif", {"op": "conv", "i": "6,6", "k": "3", "s": "2", "p": "0"}))
    assert _gif.cache_info().hits == hits + 1


def test_svg_text_is_escaped() -> None:
    geom = geometry(_arith({"i": "4"}), DEFAULT_SCALE, ENGLISH)
    label = Label(5, 20, "<script>alert('&')</script>", 12, (0, 0, 0))
    document = svg_document(geom, [label], title="a < b & c")
    assert "<script>" not in document
    root = ET.fromstring(document)
    assert root.find(f"{SVG}title").text == "a < b & c"  # type: ignore[union-attr]
    assert root.find(f"{SVG}text").text == "<script>alert('&')</script>"  # type: ignore[union-attr]


def test_svg_and_png_share_one_layout(client: TestClient) -> None:
    query = {"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1", "a": "1"}  # figure 4.7
    root = ET.fromstring(client.get(_url("frame.svg", query, step=7)).content)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "output 6×6" in texts and "input 3×3, stretched and padded to 8×8" in texts
    assert {"inserted zero (s − 1 between units)", "zero padding", "under the kernel"} <= set(texts)
    dashes = {line.get("stroke-dasharray") for line in root.iter(f"{SVG}line")}
    assert len(dashes - {None}) == 2  # padding dashed, inserted zeros dotted


def test_readme_states_the_picture_limits() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for limit in (budget.MAX_PIXELS, budget.MAX_ANIMATION_FRAMES, budget.MAX_ANIMATION_PIXELS):
        assert f"{limit:,}" in readme
    assert f"{budget.MAX_SVG_CELLS:,}" in readme and f"default {DEFAULT_SCALE}" in readme


def test_numbers_print_the_papers_values(client: TestClient) -> None:
    """Figure 1.2 with numbers: the SVG carries the paper's input and output values and the
    kernel's weights in the corners of the covered cells."""
    query = {"op": "conv", "i": "5", "k": "3", "s": "2", "p": "1"}
    plain = client.get(_url("frame.svg", query, step=4))
    numbered = client.get(_url("frame.svg", query, step=4, numbers="true"))
    assert plain.status_code == numbered.status_code == 200
    texts = [
        node.text
        for node in ET.fromstring(numbered.content).iter("{http://www.w3.org/2000/svg}text")
    ]
    plain_texts = [
        node.text for node in ET.fromstring(plain.content).iter("{http://www.w3.org/2000/svg}text")
    ]
    added = [t for t in texts if t not in plain_texts]
    for value in ("17", "13", "6", "4", "3", "2", "1", "0"):
        assert value in added
    # The step's output value (17 at the centre) is drawn again over its shaded cell.
    assert texts.count("17") == 3
    png = client.get(_url("frame.png", query, step=4, numbers="1"))
    assert png.status_code == 200
    assert png.content != client.get(_url("frame.png", query, step=4)).content


def test_numbered_gif_has_a_frame_per_step(client: TestClient) -> None:
    query = {"op": "avgpool", "i": "5", "k": "3", "s": "1"}
    response = client.get(_url("animation.gif", query, numbers="1"))
    assert response.status_code == 200
    frames = list(ImageSequence.Iterator(Image.open(io.BytesIO(response.content))))
    assert len(frames) == 9


def test_a_figure_with_fractions_prints_every_output_to_one_decimal(client: TestClient) -> None:
    """Figure 1.5 (average pooling), as the paper prints it: 1.0, not 1, beside 1.7."""
    query = {"op": "avgpool", "i": "5", "k": "3", "s": "1"}
    svg = client.get(_url("frame.svg", query, numbers="1")).content
    texts = [node.text for node in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert "1.0" in texts and "1.7" in texts


UNIT, ZERO, INSERTED = "input unit", "zero padding", "inserted zero (s − 1 between units)"
KERNEL, WINDOW, ENDS = "under the kernel", "under the window", ["output unit", "current output"]


@pytest.mark.parametrize(
    ("query", "output", "grid", "legend"),
    [
        pytest.param(
            "op=conv&i=5&k=3&s=2&p=1",
            "output 3×3",
            "input 5×5, padded to 7×7",
            [UNIT, ZERO, KERNEL, *ENDS],
            id="2.6",
        ),
        pytest.param("op=conv&i=4&k=3", "output 2×2", "input 4×4", [UNIT, KERNEL, *ENDS], id="2.1"),
        pytest.param(
            "op=transpose&i=2&k=3&s=1&p=0",
            "output 4×4",
            "input 2×2, padded to 6×6",
            [UNIT, ZERO, KERNEL, *ENDS],
            id="4.1",
        ),
        pytest.param(
            "op=transpose&i=3&k=3&s=2&p=1&a=1",
            "output 6×6",
            "input 3×3, stretched and padded to 8×8",
            [UNIT, ZERO, INSERTED, KERNEL, *ENDS],
            id="4.7",
        ),
        pytest.param(
            "op=transpose&i=3&k=3&s=2&p=2",
            "output 3×3",
            "input 3×3, stretched to 5×5",
            [UNIT, INSERTED, KERNEL, *ENDS],
            id="stretched",
        ),
        pytest.param(
            "op=transpose&i=5&k=3&s=1&p=3",
            "output 1×1",
            "input 5×5, cropped to 3×3",
            [UNIT, KERNEL, *ENDS],
            id="cropped",
        ),
        pytest.param(
            "op=transpose&i=3&k=3&s=2&p=3",
            "output 1×1",
            "input 3×3, stretched and cropped to 3×3",
            [UNIT, INSERTED, KERNEL, *ENDS],
            id="stretched-cropped",
        ),
        pytest.param(
            "op=transpose&i=5&k=2&s=1&p=4&d=3&a=2",
            "output 2×2",
            "input 5×5, padded and cropped to 5×5",
            [UNIT, ZERO, KERNEL, *ENDS],
            id="padded-cropped",
        ),
        pytest.param(
            "op=transpose&i=3&k=3&s=3&p=3&a=2",
            "output 5×5",
            "input 3×3, stretched, padded and cropped to 7×7",
            [UNIT, ZERO, INSERTED, KERNEL, *ENDS],
            id="stretched-padded-cropped",
        ),
        pytest.param(
            "op=maxpool&i=5&k=3&s=1&p=1",
            "output 5×5",
            "input 5×5, padded to 7×7",
            [UNIT, "−∞ padding (max pooling)", WINDOW, *ENDS],
            id="maxpool-padded",
        ),
        pytest.param(
            "op=avgpool&i=5&k=3&s=1", "output 3×3", "input 5×5", [UNIT, WINDOW, *ENDS], id="1.5"
        ),
    ],
)
def test_pictures_say_what_the_page_says(
    client: TestClient, query: str, output: str, grid: str, legend: list[str]
) -> None:
    """Captions and legend in the English catalogue's words, written out here by hand."""
    svg = client.get(f"/render/frame.svg?{query}")
    assert svg.status_code == 200
    texts = [node.text for node in ET.fromstring(svg.content).iter(f"{SVG}text")]
    assert texts == [output, grid, *legend]


def test_lang_chooses_the_words_and_the_header_varies_the_answer(client: TestClient) -> None:
    query = {"op": "conv", "i": "5", "k": "3", "p": "1"}
    asked = client.get(_url("frame.svg", query, lang="en"))
    unknown = client.get(_url("frame.svg", query, lang="xx"))
    by_header = client.get(_url("frame.svg", query), headers={"Accept-Language": "fr, en"})
    assert asked.content == unknown.content == by_header.content
    # Chosen by the header, the answer differs by the header: shared caches must know.
    assert "accept-language" not in asked.headers.get("vary", "").lower()
    assert "accept-language" in by_header.headers["vary"].lower()
    assert "accept-language" in unknown.headers["vary"].lower()
    too_long = client.get(_url("frame.png", query, lang="x" * 100))
    assert too_long.status_code == 422 and too_long.json()["parameter"] == "lang"


def test_gif_is_cached_per_language(client: TestClient) -> None:
    query = {"i": "6", "k": "2", "s": "2"}
    client.get(_url("animation.gif", query, lang="en"))
    hits = _gif.cache_info().hits
    # English either way: the same GIF.
    client.get(_url("animation.gif", query), headers={"Accept-Language": "en-GB"})
    assert _gif.cache_info().hits == hits + 1
    _gif(Config.from_query("op=conv&i=6&k=2&s=2&p=0"), DEFAULT_SCALE, "light", 1000, False, "en")
    misses = _gif.cache_info().misses
    _gif(Config.from_query("op=conv&i=6&k=2&s=2&p=0"), DEFAULT_SCALE, "light", 1000, False, "xx")
    assert _gif.cache_info().misses == misses + 1


def test_readme_documents_every_picture_parameter(client: TestClient) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    pictures = readme[readme.index("### Pictures") :]
    pictures = pictures[: pictures.index("\n### ")]
    # The API's table documents these.
    engine = {"op", "dims", "i", "k", "s", "p", "d", "a", "ceil", "c_in", "c_out", "g", "bias"}
    engine |= {"padding_mode", "count_include_pad", "divisor_override", "x", "w", "seed"}
    schema = client.get("/openapi.json").json()
    for path in ("animation.gif", "frame.png", "frame.svg"):
        for parameter in schema["paths"][f"/render/{path}"]["get"]["parameters"]:
            if parameter["name"] not in engine:
                assert f"`{parameter['name']}`" in pictures, (path, parameter["name"])


def test_svg_title_names_the_step_in_the_catalogue_words(client: TestClient) -> None:
    query = {"op": "maxpool", "i": "5", "k": "3", "s": "1"}
    root = ET.fromstring(client.get(_url("frame.svg", query, step=4)).content)
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == "max pooling (op=maxpool&i=5&k=3&s=1&p=0), step 5 of 9: output cell 1, 1"


def test_korean_pictures_draw_hangul_with_a_font_that_has_it() -> None:
    """Pillow's own font has no Hangul; the README and Dockerfile install fonts-nanum."""
    from app.render.primitives import text_width
    from app.render.raster import HANGUL_FONT, _font

    assert HANGUL_FONT.exists(), "apt-get install -y fonts-nanum (see the README)"
    font = _font(20, hangul=True)
    assert isinstance(font, ImageFont.FreeTypeFont) and font.path == str(HANGUL_FONT)
    # Hangul is a full em wide, so labels beside legend swatches leave room for it.
    assert text_width("입력 칸", 20) >= font.getlength("입력 칸")


@pytest.mark.parametrize("path", ["animation.gif", "frame.png", "frame.svg"])
def test_head_says_whether_a_picture_would_be_drawn(client: TestClient, path: str) -> None:
    """The page asks before it offers a download: HEAD answers as GET would, with no body.
    An 8×8 input padded by 1 animates at 40 px a cell; at 60 the GIF passes its budget."""
    drawable = client.head(f"/render/{path}?op=conv&i=8&k=3&p=1&scale=40")
    assert (drawable.status_code, drawable.content) == (200, b"")
    assert client.get(f"/render/{path}?op=conv&i=8&k=3&p=1&scale=40").status_code == 200
    refused = client.head("/render/animation.gif?op=conv&i=8&k=3&p=1&scale=60")
    assert (
        refused.status_code
        == client.get("/render/animation.gif?op=conv&i=8&k=3&p=1&scale=60").status_code
        == 422
    )
    assert client.head(f"/render/{path}?op=conv&i=3&k=5").status_code == 422


@pytest.mark.parametrize(
    "query",
    ["numbers=1", "theme=dark&ms=500", "numbers=1&theme=dark&ms=250&lang=ko"],
)
@pytest.mark.parametrize("path", ["animation.gif", "frame.png", "frame.svg"])
def test_head_takes_every_parameter_get_takes(client: TestClient, path: str, query: str) -> None:
    """The page judges the very link it offers, numbers and theme included: HEAD and GET
    agree on it (the GIF's HEAD once refused numbers=1 as an unknown parameter)."""
    if path != "animation.gif":
        query = query.replace("&ms=500", "").replace("&ms=250", "").replace("ms=500", "")
    url = f"/render/{path}?op=transpose&i=2&k=3&s=1&p=0&{query}".rstrip("&")
    assert client.head(url).status_code == client.get(url).status_code == 200, url
