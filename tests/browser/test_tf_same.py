"""TensorFlow's SAME on the page: chosen in the padding control, drawn with its extra
bottom/right padding, and set beside PyTorch's same and an explicit padding."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.browser.test_a11y import BLOCKING, axe_findings
from tests.browser.test_page import open_page, wait_for_query

pytestmark = pytest.mark.browser

Page = Any
SHOTS = os.environ.get("SHOTS_DIR")


def _kinds(page: Page) -> dict[int, str]:
    """The drawn grid's cell kinds by cell number (row-major)."""
    return page.evaluate(
        """() => Object.fromEntries(
          [...document.querySelectorAll('#figure .grid .cells rect[data-cell]')]
            .map(r => [r.dataset.cell, r.classList.contains('padding') ? 'padding' : 'input']))"""
    )


def test_tf_same_pads_the_bottom_and_right_and_is_compared(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=6&k=3&s=2&p=1")
    option = page.locator("#p-mode option[value='tf_same']")
    # At stride 2 PyTorch's same is refused and TensorFlow's SAME offered.
    assert option.get_attribute("disabled") is None
    assert page.locator("#p-mode option[value='same']").get_attribute("disabled") is not None
    page.select_option("#p-mode", "tf_same")
    wait_for_query(page, "p=tf_same")
    assert page.input_value("#p-0-number") == "0"
    # i=6, k=3, s=2: (3 − 1)·2 + 3 − 6 = 1 padding row and column, both at the end.
    kinds = {int(cell): kind for cell, kind in _kinds(page).items()}
    assert len(kinds) == 49
    padding = {cell for cell, kind in kinds.items() if kind == "padding"}
    assert padding == {cell for cell in range(49) if cell // 7 == 6 or cell % 7 == 6}
    assert page.locator("#figure .output .cells rect").count() == 9

    page.click("#padding-compare summary")
    table = page.locator("#padding-compare-table")
    heads = table.locator("thead th").all_inner_texts()
    assert heads == [
        "PyTorch padding='same'",
        "TensorFlow padding='SAME' (p=tf_same)",
        "Explicit padding=1",
    ]
    rows = [row.locator("th, td").all_inner_texts() for row in table.locator("tbody tr").all()]
    assert "stride 1" in rows[0][1]
    assert rows[0][2:] == ["0, 1, 0, 1", "1, 1, 1, 1"]
    assert rows[1][1:] == ["3×3", "3×3"]
    assert rows[2][1:] == ["rows 0 to 2, columns 0 to 2", "rows -1 to 1, columns -1 to 1"]
    assert rows[3][1:] == ["rows 4 to 6, columns 4 to 6", "rows 3 to 5, columns 3 to 5"]
    # A 6×6 input holds rows and columns 0 to 5: row 6 is the padding.
    assert page.inner_text("#padding-compare-cells") == (
        "(the input is rows 0 to 5 and columns 0 to 5; the others are padding)"
    )
    if SHOTS:
        page.locator("#padding-compare").screenshot(path=f"{SHOTS}/compare.png")
        page.locator("#figure").screenshot(path=f"{SHOTS}/figure.png")


def test_pooling_offers_no_tf_same_and_hides_the_comparison(page: Page, server: str) -> None:
    open_page(page, server, "op=maxpool&i=6&k=2")
    assert page.locator("#p-mode option[value='tf_same']").get_attribute("disabled") is not None
    assert page.locator("#padding-compare").is_hidden()


def test_korean_comparison(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=6&k=4&s=2&p=tf_same&lang=ko")
    page.click("#padding-compare summary")
    table = page.locator("#padding-compare-table")
    assert table.locator("thead th").nth(2).inner_text() == "숫자로 준 padding=2"
    rows = [row.locator("th, td").all_inner_texts() for row in table.locator("tbody tr").all()]
    assert rows[1][1:] == ["3×3", "4×4"]
    assert "스트라이드" in rows[0][1]
    if SHOTS:
        page.locator("#padding-compare").screenshot(path=f"{SHOTS}/compare-ko.png")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_open_comparison_passes_axe(page: Page, server: str, lang: str) -> None:
    open_page(page, server, f"op=conv&i=6&k=3&s=2&p=tf_same&lang={lang}")
    page.click("#padding-compare summary")
    findings = axe_findings(page)
    assert [f for f in findings if f["impact"] in BLOCKING] == [], findings
