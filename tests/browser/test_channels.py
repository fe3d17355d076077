"""Channels, groups and bias on the page: their boxes, the cost rows and the code panel."""

from __future__ import annotations

from typing import Any

import pytest

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
    assert "1·(1·3·3 + 1) = 10 (9 weights + 1 biases)" in _costs(page)
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
