"""Channels, groups and bias on the page: their boxes, the cost rows and the code panel."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import new_context
from tests.browser.test_page import open_page, wait_for_query, wait_for_url_param

pytestmark = pytest.mark.browser

Page = Any


def _set(page: Page, name: str, value: str) -> None:
    box = page.locator(f"#{name}-count")
    box.fill(value)
    box.dispatch_event("change")


def _costs(page: Page) -> str:
    return str(page.inner_text("#costs"))


def test_channels_and_groups_change_the_counts_and_the_code(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&s=1&p=0")
    # One channel: 9 weights and a bias; 9 MACs at each of the 3×3 outputs.
    assert "1·(1·3·3 + 1) = 10 (9 weights + 1 bias)" in _costs(page)
    assert "1·3·3·3·3·1 = 81" in _costs(page)
    _set(page, "c_in", "4")
    wait_for_query(page, "c_in=4")
    _set(page, "c_out", "6")
    wait_for_query(page, "c_out=6")
    # Written out by hand: weight (6, 4, 3, 3); 6·(4·9 + 1) = 222; 4·3·3·9·6 = 1,944 MACs.
    costs = _costs(page)
    assert "6 × 4 × 3 × 3" in costs
    assert "6·(4·3·3 + 1) = 222 (216 weights + 6 biases)" in costs
    assert "4·3·3·3·3·6 = 1,944" in costs
    assert "3,888" in costs  # FLOPs = 2 × MACs
    assert "6×3×3" in costs
    code = page.inner_text("#code-pytorch")
    assert "nn.Conv2d(4, 6, kernel_size=3)" in code
    assert "(1, 4, 5, 5) -> (1, 6, 3, 3)" in code
    _set(page, "g", "2")
    wait_for_query(page, "g=2")
    # Each output channel sees 4/2 = 2 input channels: weight (6, 2, 3, 3), 6·(2·9 + 1) = 114.
    assert "6·(2·3·3 + 1) = 114 (108 weights + 6 biases)" in _costs(page)
    assert "nn.Conv2d(4, 6, kernel_size=3, groups=2)" in page.inner_text("#code-pytorch")
    wait_for_url_param(page, "g", "2")
    page.locator("#bias").uncheck()
    wait_for_query(page, "bias=0")
    assert "6·2·3·3 = 108 (108 weights + 0 biases)" in _costs(page)
    assert "groups=2, bias=False" in page.inner_text("#code-pytorch")


def test_indivisible_groups_are_refused_with_the_sentence(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&c_in=4&c_out=6")
    before = page.get_attribute("#figure", "data-query")
    _set(page, "g", "4")
    page.wait_for_selector("#error:not([hidden])")
    assert "output channels (6) must divide into the g=4 groups" in page.inner_text("#error")
    assert page.get_attribute("#figure", "data-query") == before
    assert page.locator(".param[data-param='g'].invalid").count() == 1


def test_boxes_follow_the_operation(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&c_in=3&c_out=8")
    assert page.locator("#c_out-count").is_visible()
    page.locator("input[name='op'][value='maxpool']").check()
    wait_for_query(page, "op=maxpool")
    # Pooling keeps the channels: c_in stays, c_out, g and bias are hidden and put back.
    assert page.locator("#c_in-count").is_visible()
    assert not page.locator("#c_out-count").is_visible()
    assert not page.locator("#g-count").is_visible()
    assert not page.locator("#bias").is_visible()
    assert "c_in=3" in str(page.get_attribute("#figure", "data-query"))
    assert "c_out" not in str(page.get_attribute("#figure", "data-query"))
    assert "3×" in _costs(page)
    code = page.inner_text("#code-pytorch")
    assert "nn.MaxPool2d(kernel_size=3, stride=1)" in code
    assert "(1, 3, 5, 5) -> (1, 3, 3, 3)" in code


def test_numbers_with_several_channels_say_what_they_add(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&c_in=3&numbers=1")
    assert "adds 3 equal slices" in page.inner_text("#channels-summed")
    open_page(page, server, "op=conv&i=5&k=3&numbers=1")
    assert not page.locator("#channels-summed").is_visible()


# The channel panel. Block-diagonal by hand: with c_in = 4, c_out = 6 and g = 2, output
# channels 0 to 2 read input channels 0 and 1, output channels 3 to 5 read input channels 2 and 3.
GROUPED = "op=conv&i=5&k=3&p=1&c_in=4&c_out=6&g=2"
BLOCKS = {(o, c) for o in range(6) for c in range(4) if (o < 3) == (c < 2)}


def _attrs(page: Page, selector: str, *names: str) -> list[tuple[str, ...]]:
    return [
        tuple(str(node.get_attribute(name)) for name in names)
        for node in page.locator(selector).all()
    ]


def _lit_inputs(page: Page) -> list[str]:
    return [channel for (channel,) in _attrs(page, "#channel-figure .ch-input.lit", "data-channel")]


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)], ids=["desktop", "phone"])
def test_grouped_layer_shows_slices_filters_and_a_block_diagonal_matrix(
    browser: Any, server: str, size: tuple[int, int], tmp_path: Any
) -> None:
    width, height = size
    context = new_context(browser, viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_page(page, server, GROUPED + "&step=0")
    panel = page.locator("#channels")
    assert panel.is_visible()
    assert page.locator("#channel-figure .ch-input").count() == 4
    assert page.locator("#channel-figure .ch-filter").count() == 6
    for o in range(6):
        assert page.locator(f"#channel-figure .ch-filter[data-o='{o}'] .ch-kernel").count() == 2
    assert page.locator("#channel-figure .ch-cell").count() == 24
    filled = {(int(o), int(c)) for o, c in _attrs(page, ".ch-cell.filled", "data-o", "data-c")}
    assert len(filled) == 12
    assert filled == BLOCKS
    # Output channel 0 first: its row, its group's input slices, the window of step 1.
    assert page.get_attribute(".ch-row-current", "data-o") == "0"
    assert _lit_inputs(page) == ["0", "1"]
    window = page.locator(".ch-input.lit .ch-window").first
    first_x = float(str(window.get_attribute("x")))
    page.click("#next")
    assert float(str(window.get_attribute("x"))) > first_x  # the window moved right
    panel.screenshot(path=str(tmp_path / f"channels-{width}.png"))
    for _ in range(3):
        page.click("#oc-next")
    assert page.get_attribute(".ch-row-current", "data-o") == "3"
    assert page.get_attribute("#channel-figure", "data-group") == "1"
    assert _lit_inputs(page) == ["2", "3"]
    current = _attrs(page, ".ch-cell.filled.current", "data-o", "data-c")
    assert current == [("3", "2"), ("3", "3")]
    assert page.locator(".ch-filter.current").get_attribute("data-o") == "3"
    assert "group 1 of 2" in page.inner_text("#channel-summary")
    assert "(2 to 3)" in page.inner_text("#channel-summary")
    assert page.inner_text("#oc-label") == "o = 3 (0 to 5)"
    page.click("#oc-prev")
    assert page.get_attribute(".ch-row-current", "data-o") == "2"
    assert _lit_inputs(page) == ["0", "1"]
    # The channel is a page setting: the link stays the layer's.
    assert "oc=" not in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"page-{width}.png"), full_page=True)
    context.close()
    assert errors == []


def test_a_one_by_one_layer_mixes_the_channels_at_each_pixel(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=1&c_in=4&c_out=2")
    mix = page.inner_text("#channel-mix")
    assert "weighted mix" in mix
    assert "y[0] = Σ_c w[0,c]·x[c] over all 4 input channels" in mix
    page.click("#oc-next")
    assert "y[1] = Σ_c w[1,c]·x[c]" in page.inner_text("#channel-mix")
    open_page(page, server, "op=conv&i=5&k=1&c_in=4&c_out=4&g=2")
    assert "over the 2 input channels of its group (0 to 1)" in page.inner_text("#channel-mix")
    open_page(page, server, GROUPED)
    assert not page.locator("#channel-mix").is_visible()


@pytest.mark.parametrize("query", ["", "op=maxpool&i=5&k=3", "op=transpose&i=3&k=3&s=2"])
def test_single_channel_layers_have_no_channel_panel(page: Page, server: str, query: str) -> None:
    open_page(page, server, query)
    assert not page.locator("#channels").is_visible()
    assert page.locator("#channel-figure *").count() == 0


def test_pooling_goes_channel_by_channel(page: Page, server: str) -> None:
    open_page(page, server, "op=maxpool&i=5&k=2&c_in=3")
    assert page.locator("#channels").is_visible()
    filled = _attrs(page, ".ch-cell.filled", "data-o", "data-c")
    assert filled == [("0", "0"), ("1", "1"), ("2", "2")]
    assert "channel by channel" in page.inner_text("#channel-summary")
    page.click("#oc-next")
    assert _lit_inputs(page) == ["1"]


def test_many_channels_draw_sixteen_and_count_the_rest(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=1&c_in=64&c_out=128&g=4")
    assert page.locator("#channel-figure .ch-input").count() == 16
    assert page.locator("#channel-figure .ch-filter").count() == 16
    assert page.locator("#channel-figure .ch-kernel").count() == 16 * 16
    more = page.locator("#channel-figure .ch-more").all_text_contents()
    assert more == ["… and 48 more", "… and 112 more"]
    # Output channel 40 (group 1 of 4, 32 a group) reads inputs 16 to 31: the columns follow.
    page.fill("#oc", "40")
    page.dispatch_event("#oc", "input")
    assert _lit_inputs(page) == [str(c) for c in range(16, 32)]
    assert page.get_attribute(".ch-row-current", "data-o") == "40"


def test_a_layer_too_large_to_draw_still_shows_its_channels(page: Page, server: str) -> None:
    # AlexNet's conv1 on a 600-wide input (past the drawn grid's 512): 3 input channels, 96
    # filters; no figure, so no kernel window either.
    open_page(page, server, "op=conv&i=600&k=11&s=4&c_in=3&c_out=96")
    assert page.locator("#undrawable").is_visible()
    assert page.locator("#channels").is_visible()
    assert page.locator("#channel-figure .ch-input.lit").count() == 3
    assert page.locator("#channel-figure .ch-filter").count() == 16
    assert page.locator("#channel-figure .ch-window:not(.ch-off)").count() == 0
    assert page.locator("#channel-figure .ch-more").all_text_contents() == ["… and 80 more"]
    assert "3 kernel slices of 11×11" in page.inner_text("#channel-summary")
