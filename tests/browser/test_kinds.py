"""The layer-kind menu: choosing a kind sets the parameters and the sentence follows the
engine's kind; a standard layer's depthwise-separable replacement in the arithmetic panel,
and its link into the planner."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.test_page import open_page, wait_for_query

pytestmark = pytest.mark.browser

Page = Any

# Each kind chosen in turn from c_in=6, c_out=9, k=3, and the layer it makes, worked by hand
# (kinds.js's rules): grouped from 6 and 6 channels takes g = 2, from 6 and 9 g = 3.
CHOICES = [
    ("grouped", "k=3&s=1&p=0&c_in=6&c_out=9&g=3", "divided by g"),
    ("pointwise", "k=1&s=1&p=0&c_in=6&c_out=9", "looks at no neighbour"),
    ("depthwise", "k=3&s=1&p=0&c_in=6&c_out=6&g=6", "mixes no channels"),
    ("grouped", "k=3&s=1&p=0&c_in=6&c_out=6&g=2", "divided by g"),
    ("standard", "k=3&s=1&p=0&c_in=6&c_out=6", "every input channel"),
]


def _kind_texts(page: Page) -> str:
    return str(page.inner_text("#kind-now")) + " " + str(page.inner_text("#kind-about"))


def test_each_kind_sets_the_parameters_and_says_what_it_is(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&c_in=6&c_out=9")
    assert page.input_value("#kind") == "standard"
    assert "This layer is standard." in _kind_texts(page)
    for kind, query, sentence in CHOICES:
        page.select_option("#kind", kind)
        wait_for_query(page, f"op=conv&i=5&{query}", exact=True)
        assert page.input_value("#kind") == kind
        assert f"This layer is {kind}." in _kind_texts(page)
        assert sentence in _kind_texts(page)
    # The parameter boxes show what the kind set.
    page.select_option("#kind", "depthwise")
    wait_for_query(page, "g=6")
    assert [page.input_value(f"#{n}-count") for n in ("c_in", "c_out", "g")] == ["6", "6", "6"]
    # A depthwise layer has no replacement to compare, nor to open.
    assert not page.locator("#separable").is_visible()
    assert page.locator("#kind option[value='separable']").is_disabled()


def test_a_depth_multiplier_is_named(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&c_in=4&c_out=8&g=4")
    assert "depth multiplier of 2" in page.inner_text("#kind-now")


def test_pooling_has_no_kind(page: Page, server: str) -> None:
    open_page(page, server, "op=maxpool&i=5&k=2")
    assert not page.locator("#kinds").is_visible()


def test_the_panel_compares_the_separable_replacement(page: Page, server: str) -> None:
    """MobileNet's layer: 3×3 from 32 to 64 channels at 112×112, no biases. By hand:
    depthwise 32·9 = 288 weights, 32·112·112·9 = 3,612,672 MACs; pointwise 64·32 = 2,048,
    32·112·112·64 = 25,690,112; standard 231,211,008 MACs; 1/64 + 1/9 = 0.1267."""
    open_page(page, server, "op=conv&i=112&k=3&p=1&c_in=32&c_out=64&bias=0")
    panel = page.inner_text("#separable")
    assert "32·3·3 = 288" in panel
    assert "32·112·112·3·3 = 3,612,672" in panel
    assert "64·32 = 2,048" in panel
    assert "32·112·112·64 = 25,690,112" in panel
    assert "(3,612,672 + 25,690,112) / 231,211,008 = 0.1267" in panel
    assert "1/64 + 1/(3·3) = 0.1267" in panel
    assert not page.locator("#separable-costlier").is_visible()


def test_one_channel_says_the_replacement_costs_more(page: Page, server: str) -> None:
    """The paper's one-channel layer: 1/1 + 1/9 = 1.1111 of its cost."""
    open_page(page, server, "op=conv&i=5&k=3&s=2&p=1")
    assert "1/1 + 1/(3·3) = 1.1111" in page.inner_text("#separable")
    assert page.locator("#separable-costlier").is_visible()


def test_the_separable_link_opens_the_planner_with_two_layers(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=112&k=3&p=1&c_in=32&c_out=64")
    href = str(page.get_attribute("#separable-link", "href"))
    assert href == "/network?i=112&c_in=32&layers=conv(c=32,k=3,p=1,g=32);conv(c=64,k=1)"
    # The planner answers the link's query with the two layers.
    body = page.request.get(server + "/api/network?" + urlsplit(href).query).json()
    assert [(layer["op"], layer["params"]) for layer in body["layers"]] == [
        ("conv", 32 * 10),
        ("conv", 64 * 33),
    ]
    # Changing the layer rewrites the link: the page builds it (static/js/urls.js).
    page.fill("#c_out-count", "16")
    page.dispatch_event("#c_out-count", "change")
    wait_for_query(page, "c_out=16")
    assert str(page.get_attribute("#separable-link", "href")).endswith("conv(c=16,k=1)")
    # The menu's entry goes there too: the planner opens with the two layers planned.
    page.select_option("#kind", "separable")
    # (The main page rewrites its own URL too, so wait for the planner's, not any navigation.)
    page.wait_for_url("**/network?**")
    assert urlsplit(page.url).path == "/network"
    assert "layers=conv(c=32,k=3,p=1,g=32);conv(c=16,k=1)" in page.url
    page.wait_for_selector("html[data-ready]")
    assert "conv(c=16,k=1)" in page.inner_text("body")
