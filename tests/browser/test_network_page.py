"""The network planner as a person uses it, in headless Chromium against the real server,
at a projector's 1280×720 and a phone's 390 px."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser.conftest import watched_page

pytestmark = pytest.mark.browser

Page = Any
VIEWPORTS = {"projector": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}
# Two 3×3 stride-1 convolutions with padding 1 on a 7×7 input: the second's field is 5×5,
# centred on the cell (worked by hand: each layer widens it by k − 1 = 2).
TWO_CONVS = urlencode({"i": "7", "c_in": "1", "layers": "conv(k=3,p=1,c=8);conv(k=3,p=1,c=8)"})


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest, browser: Any, server: str) -> Iterator[Page]:
    with watched_page(browser, viewport=VIEWPORTS[request.param]) as page:
        yield page


def open_planner(page: Page, server: str, query: str = "") -> None:
    page.goto(f"{server}/network{'?' + query if query else ''}")
    page.wait_for_selector("html[data-ready]", state="attached")


def rows(page: Page) -> int:
    return int(page.locator("#layers-body tr[data-index]").count())


def url_params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_preset_loads_its_table_and_totals(sized_page: Page, server: str) -> None:
    open_planner(sized_page, server, "preset=alexnet")
    assert rows(sized_page) == 11
    # torchvision's AlexNet: 61,100,840 parameters.
    assert sized_page.inner_text("#total-params") == "61,100,840"
    assert "61,100,840 parameters" in sized_page.inner_text("#totals-line")
    first = sized_page.locator("#layers-body tr[data-index='1'] td")
    assert first.nth(2).inner_text() == "64×55×55"
    assert first.nth(3).inner_text() == "23,296"
    assert first.nth(5).inner_text() == "11×11"
    assert first.nth(6).inner_text() == "4×4"
    # Three charts, each a line through the input and every layer that has the value.
    assert sized_page.locator("#plots svg").count() == 3
    assert sized_page.locator("#plots .chart-channels circle").count() == 12
    assert (
        sized_page.evaluate("document.documentElement.scrollWidth")
        <= sized_page.viewport_size["width"]
    )


def test_editing_the_layers_updates_table_and_url(sized_page: Page, server: str) -> None:
    open_planner(sized_page, server)
    text = "conv(k=3,c=8);maxpool(k=2)"
    sized_page.fill("#net-layers", text)
    sized_page.wait_for_function(
        "t => new URLSearchParams(location.search).get('layers') === t", arg=text
    )
    sized_page.wait_for_function(
        "() => document.querySelectorAll('#layers-body tr[data-index]').length === 2"
    )
    # 32 − 3 + 1 = 30, then pooled by 2: 15.
    assert sized_page.inner_text("#layers-body tr[data-index='2'] td:nth-child(3)") == "8×15×15"
    assert sized_page.inner_text("#total-params") == "224"  # 3·8·9 + 8
    assert sized_page.locator("#error").is_hidden()


def test_an_invalid_layer_shows_the_sentence_and_keeps_the_table(
    sized_page: Page, server: str
) -> None:
    open_planner(sized_page, server, "preset=alexnet")
    text = "conv(k=3,c=8);conv(k=3,s=2,p=same)"
    sized_page.fill("#net-layers", text)
    sized_page.wait_for_selector("#error:not([hidden])")
    assert "Layer 2 (conv): padding=same needs stride 1" in sized_page.inner_text("#error")
    assert rows(sized_page) == 11  # the last network that worked
    sized_page.wait_for_function(
        "t => new URLSearchParams(location.search).get('layers') === t", arg=text
    )
    # The link of what was typed reopens it: the sentence, and the text kept.
    open_planner(sized_page, server, urlsplit(sized_page.url).query)
    assert "Layer 2 (conv)" in sized_page.inner_text("#error")
    assert sized_page.input_value("#net-layers") == text


def test_a_refused_link_opens_with_the_sentence(page: Page, server: str) -> None:
    open_planner(page, server, urlencode({"layers": "conv(k=3);pool(k=2)"}))
    assert "Layer 2: unknown operation 'pool'" in page.inner_text("#error")
    assert page.input_value("#net-layers") == "conv(k=3);pool(k=2)"
    assert rows(page) == 5  # the small default network


def test_preset_choices_are_history_entries(page: Page, server: str) -> None:
    open_planner(page, server, "preset=alexnet")
    page.select_option("#preset", "vgg16")
    page.wait_for_function(
        "() => document.getElementById('total-params').textContent === '138,357,544'"
    )
    assert url_params(page) == {"preset": ["vgg16"]}
    assert page.input_value("#net-layers").startswith("conv(c=64,k=3,p=1);conv(c=64,k=3,p=1);")
    page.go_back()
    page.wait_for_function(
        "() => document.getElementById('total-params').textContent === '61,100,840'"
    )
    assert url_params(page) == {"preset": ["alexnet"]}
    assert page.input_value("#preset") == "alexnet"


def test_a_row_link_opens_that_layers_figure(sized_page: Page, server: str) -> None:
    open_planner(sized_page, server, "preset=alexnet")
    sized_page.click("#layers-body tr[data-index='5'] a")
    sized_page.wait_for_selector("html[data-ready]", state="attached")
    assert urlsplit(sized_page.url).path == "/"
    # conv(c=384,k=3,p=1) reads AlexNet's 192×13×13.
    assert url_params(sized_page) == {
        k: [v] for k, v in {"op": "conv", "i": "13", "k": "3", "s": "1", "p": "1", "c_in": "192",
                            "c_out": "384"}.items()
    }  # fmt: skip
    assert sized_page.get_attribute("#figure", "data-query").startswith("op=conv&i=13&k=3&s=1&p=1")
    # fc rows have no figure to open.
    open_planner(sized_page, server, "preset=alexnet")
    assert sized_page.locator("#layers-body tr[data-index='9'] a").count() == 0


def test_the_receptive_field_box_of_a_chosen_cell(sized_page: Page, server: str) -> None:
    open_planner(sized_page, server, TWO_CONVS)
    # The deepest layer is chosen, at its middle cell (3, 3): input rows and columns 1..5.
    assert sized_page.get_attribute("#layers-body tr[data-index='2']", "class") == "selected"
    assert sized_page.inner_text("#field-caption") == (
        "Output cell (3, 3) sees a 5×5 field: input rows 1 to 5, columns 1 to 5."
    )

    def box(name: str) -> dict[str, float]:
        rect = sized_page.locator(f"#field-figure .{name}")
        return {k: float(rect.get_attribute(k)) for k in ("x", "y", "width", "height")}

    inp, inside = box("field-input"), box("field-inside")
    cell = inp["width"] / 7
    assert inside["width"] == pytest.approx(5 * cell)
    assert inside["x"] - inp["x"] == pytest.approx(1 * cell)
    assert inside["y"] - inp["y"] == pytest.approx(1 * cell)
    # The top-right corner, (0, 6): two rows above and two columns right lie in the padding.
    sized_page.focus("#cell-row")
    sized_page.keyboard.press("Home")
    sized_page.focus("#cell-col")
    sized_page.keyboard.press("End")
    sized_page.wait_for_function(
        "() => document.getElementById('field-caption').textContent.includes('(0, 6)')"
    )
    assert "input rows -2 to 2, columns 4 to 8" in sized_page.inner_text("#field-caption")
    assert "2 of its rows and 2 of its columns lie in the padding" in sized_page.inner_text(
        "#field-caption"
    )
    inp, inside, whole = box("field-input"), box("field-inside"), box("field-padding")
    cell = inp["width"] / 7
    assert inp["y"] - whole["y"] == pytest.approx(2 * cell)  # the field reaches 2 rows up
    assert whole["width"] == pytest.approx(5 * cell)
    assert inside["width"] == pytest.approx(3 * cell)  # columns 4..6 on the input
    assert inside["x"] - inp["x"] == pytest.approx(4 * cell)


def test_choosing_a_row_shows_its_field(page: Page, server: str) -> None:
    open_planner(page, server, TWO_CONVS)
    page.click("#layers-body tr[data-index='1'] td:nth-child(3)")
    assert page.get_attribute("#layers-body tr[data-index='1'] .pick", "aria-pressed") == "true"
    assert "sees a 3×3 field" in page.inner_text("#field-caption")
    open_planner(page, server, "preset=alexnet")
    page.click("#layers-body tr[data-index='9'] .pick")
    assert "has no receptive field" in page.inner_text("#field-layer")
    assert page.locator("#cell-pick").is_hidden()


def test_the_main_page_links_to_the_planner_and_back(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("html[data-ready]", state="attached")
    page.click("#to-network")
    page.wait_for_selector("html[data-ready]", state="attached")
    assert urlsplit(page.url).path == "/network"
    assert rows(page) == 5
    page.click("#to-figure")
    page.wait_for_selector("#figure")
    assert urlsplit(page.url).path == "/"


# A 1-D stack worked by hand: 16 samples, conv k=3 (14), max pooling by 2 (7), conv k=3 at
# dilation 2 (k̂ = 5: 3). The last layer's fields: 12 samples at jump 2, output 0 centred on
# 5.5, so output 1 reads inputs 2 to 13.
ONE_D = urlencode(
    {"dims": "1", "i": "16", "c_in": "1", "layers": "conv(k=3,c=4);maxpool(k=2);conv(k=3,d=2,c=8)"}
)


def test_a_1d_stack_draws_a_strip_and_one_slider(sized_page: Page, server: str) -> None:
    open_planner(sized_page, server, ONE_D)
    cells = sized_page.locator("#layers-body tr[data-index='3'] td")
    assert cells.nth(2).inner_text() == "8×3"
    assert cells.nth(5).inner_text() == "12"
    assert cells.nth(6).inner_text() == "2"
    assert sized_page.inner_text("#layers-body tr.input-row td:nth-child(3)") == "1×16"
    assert sized_page.input_value("#net-dims") == "1"
    # One slider, the position: no row or depth for a sequence.
    assert sized_page.locator("#cell-row").is_hidden()
    assert sized_page.locator("#cell-depth").is_hidden()
    assert sized_page.inner_text("#cell-col-label").startswith("Output position")
    assert sized_page.inner_text("#field-caption") == (
        "Output position 1 sees a field of 12: input positions 2 to 13."
    )

    def box(name: str) -> dict[str, float]:
        rect = sized_page.locator(f"#field-figure .{name}")
        return {k: float(rect.get_attribute(k)) for k in ("x", "y", "width", "height")}

    inp, inside = box("field-input"), box("field-inside")
    cell = inp["width"] / 16
    assert inside["width"] == pytest.approx(12 * cell)
    assert inside["x"] - inp["x"] == pytest.approx(2 * cell)
    assert inside["height"] == inp["height"] >= 28  # a strip one row high, drawn readable
    # Output 0 reads inputs 0 to 11; output 2, 4 to 15: none in the padding (no padding).
    sized_page.focus("#cell-col")
    sized_page.keyboard.press("Home")
    sized_page.wait_for_function(
        "() => document.getElementById('field-caption').textContent.includes('positions 0 to 11')"
    )
    # One chart line per chart: a length has one axis.
    assert sized_page.locator("#plots .chart-spatial path.series").count() == 1
    assert sized_page.inner_text("#plots .chart-spatial .chart-title") == "Length (log scale)"
    assert (
        sized_page.evaluate("document.documentElement.scrollWidth")
        <= sized_page.viewport_size["width"]
    )


def test_a_causal_stack_reads_the_past_only(page: Page, server: str) -> None:
    open_planner(page, server, "preset=wavenet")
    assert rows(page) == 12
    assert page.inner_text("#layers-body tr[data-index='11'] td:nth-child(6)") == "1,025"
    # The 1×1 output layer, at its middle position 1,999: inputs 975 to 1,999, nothing after.
    assert page.inner_text("#field-caption") == (
        "Output position 1999 sees a field of 1,025: input positions 975 to 1999."
    )
    page.focus("#cell-col")
    page.keyboard.press("Home")
    page.wait_for_function(
        "() => document.getElementById('field-caption').textContent.includes('-1024 to 0')"
    )
    assert "1024 of them lie in the padding" in page.inner_text("#field-caption")


def test_a_3d_preset_has_three_sliders_and_the_depth_in_its_caption(
    sized_page: Page, server: str
) -> None:
    open_planner(sized_page, server, "preset=c3d&lang=ko")
    assert rows(sized_page) == 16
    first = sized_page.locator("#layers-body tr[data-index='1'] td")
    assert first.nth(2).inner_text() == "64×16×112×112"
    assert first.nth(3).inner_text() == "5,248"  # 64·3·27 + 64
    assert first.nth(5).inner_text() == "3×3×3"
    assert sized_page.input_value("#net-dims") == "3"
    assert sized_page.input_value("#net-i") == "16,112,112"
    for slider in ("#cell-depth", "#cell-row", "#cell-col"):
        assert sized_page.locator(slider).is_visible()
    # conv1a (row 1) at its middle cell (7, 55, 55): a 3×3×3 field, frames 6 to 8.
    sized_page.click("#layers-body tr[data-index='1'] .pick")
    assert sized_page.inner_text("#field-caption") == (
        "출력 셀 (7, 55, 55)의 수용 영역은 3×3×3입니다: 입력 프레임 6부터 8까지, "
        "행 54부터 56까지, 열 54부터 56까지."
    )
    sized_page.focus("#cell-depth")
    sized_page.keyboard.press("Home")
    sized_page.wait_for_function(
        "() => document.getElementById('field-caption').textContent.includes('프레임 -1부터 1까지')"
    )
    assert "1개 프레임, 0개 행, 0개 열은 패딩" in sized_page.inner_text("#field-caption")
    # Depth, and height = width as one line: three lines would hide one under another.
    legend = sized_page.locator("#plots .chart-spatial .legend-name").evaluate_all(
        "names => names.map((name) => name.textContent)"
    )
    assert legend == ["깊이", "높이 = 너비"]
    assert (
        sized_page.evaluate("document.documentElement.scrollWidth")
        <= sized_page.viewport_size["width"]
    )


def test_choosing_dimensions_plans_the_stack_again(page: Page, server: str) -> None:
    open_planner(page, server)
    page.select_option("#net-dims", "3")
    page.wait_for_function("() => new URLSearchParams(location.search).get('dims') === '3'")
    page.wait_for_function(
        "() => document.querySelector('#layers-body tr.input-row td:nth-child(3)')"
        ".textContent === '3×32×32×32'"
    )
    # conv(k=3,p=1,c=16) on 3×32×32×32: 16·3·27 + 16 parameters.
    assert page.inner_text("#layers-body tr[data-index='1'] td:nth-child(4)") == "1,312"
    # A 3-D kernel written in 1-D is refused with the main page's sentence.
    page.select_option("#net-dims", "1")
    page.fill("#net-layers", "conv(k=1x3x3)")
    page.wait_for_selector("#error:not([hidden])")
    assert "Layer 1 (conv): In 1-D the kernel size k is one number" in page.inner_text("#error")
    page.fill("#net-layers", "conv(k=3,c=4);fc(c=2)")
    page.wait_for_function(
        "() => document.querySelector('#layers-body tr[data-index=\"2\"] td:nth-child(4)')"
        "?.textContent === '242'"
    )  # fc flattens 4×30 = 120 inputs: 120·2 + 2
    assert url_params(page)["dims"] == ["1"]
