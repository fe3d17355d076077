"""The page and its pictures say the same thing: the figure's captions and legend on the page
are the texts of /render/frame.svg for the same configuration."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import pytest

from tests.browser.test_page import open_page

pytestmark = pytest.mark.browser

Page = Any
SVG = "{http://www.w3.org/2000/svg}"


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(item in remaining for item in part)


@pytest.mark.parametrize(
    ("query", "grid"),
    [
        ("op=conv&i=5&k=3&s=2&p=1", "input 5×5, padded to 7×7"),
        ("op=transpose&i=3&k=3&s=2&p=1&a=1", "input 3×3, stretched and padded to 8×8"),
        ("op=transpose&i=3&k=3&s=2&p=3", "input 3×3, stretched and cropped to 3×3"),
        ("op=maxpool&i=5&k=3&s=2&p=1", "input 5×5, padded to 7×7"),
    ],
)
def test_page_and_picture_say_the_same(page: Page, server: str, query: str, grid: str) -> None:
    open_page(page, server, query)
    captions = page.locator("#figure text.label").all_text_contents()
    legend = page.locator(".legend li:not([hidden]) .legend-text").all_text_contents()
    # The picture as this browser would download it, with the same Accept-Language.
    svg = page.request.get(f"{server}/render/frame.svg?{query}")
    assert svg.ok
    texts = [str(node.text) for node in ElementTree.fromstring(svg.body()).iter(f"{SVG}text")]
    output, drawn_grid, *drawn_legend = texts
    assert captions == [drawn_grid, output]
    assert drawn_grid == grid
    # The page's legend lists every kind; the picture only those it shows, in the same order.
    assert is_subsequence(drawn_legend, legend), (drawn_legend, legend)
    assert len(drawn_legend) >= 4


def test_legend_follows_an_operation_change(page: Page, server: str) -> None:
    """Switching to max pooling in the page (no reload) gives the picture's legend words."""
    open_page(page, server, "op=conv&i=5&k=3&s=1&p=1")
    kernel = page.locator('.legend [data-kind="kernel"] .legend-text')
    padding = page.locator('.legend [data-kind="padding"] .legend-text')
    assert (kernel.inner_text(), padding.inner_text()) == ("under the kernel", "zero padding")
    page.check('input[name="op"][value="maxpool"]')
    page.wait_for_function(
        "document.getElementById('figure').dataset.query.startsWith('op=maxpool')"
    )
    assert kernel.inner_text() == "under the window"
    assert padding.inner_text() == "−∞ padding (max pooling)"
