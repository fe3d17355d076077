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
