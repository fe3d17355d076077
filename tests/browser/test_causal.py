"""The dilated causal stack's page in a real browser: the tree drawn from the answer, the
presets, picking an output, a refused value, Korean, and axe."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import watched_page
from tests.browser.test_a11y import BLOCKING, axe_findings

READ = "circle.reached-input"


def test_tree_presets_and_picking(browser: Any, server: str) -> None:
    with watched_page(browser, viewport={"width": 1280, "height": 720}) as page:
        page.goto(f"{server}/causal")
        page.wait_for_selector("html[data-ready]")
        # WaveNet's default: all 16 inputs read, one output drawn, 5 levels of 16 nodes.
        assert page.locator(READ).count() == 16
        assert page.locator("circle.target").count() == 1
        assert page.locator("circle.padding").count() == 0
        assert "receptive field is 1 + (2 − 1)·(1 + 2 + 4 + 8) = 16" in page.inner_text(
            "#causal-summary"
        )
        # No dilation: output 15 reads 15 − 4 … 15, five inputs (worked by hand).
        page.click("button[data-d='1,1,1,1']")
        page.wait_for_function(
            "document.getElementById('causal-figure').dataset.query.includes('d=1,1,1,1')"
        )
        assert page.locator(READ).count() == 5
        assert "d=1%2C1%2C1%2C1" in page.url or "d=1,1,1,1" in page.url
        # Back to WaveNet, then output 5: inputs 0 … 5, and the padding before them is read.
        page.click("button[data-d='1,2,4,8']")
        page.wait_for_function(
            "document.getElementById('causal-figure').dataset.query === 'k=2&d=1,2,4,8&n=16'"
        )
        page.click("circle[data-pick][data-position='5']")
        page.wait_for_function(
            "document.getElementById('causal-figure').dataset.query.endsWith('&t=5')"
        )
        assert page.locator(READ).count() == 6
        assert page.locator("circle.padding").count() > 0
        assert page.input_value("#causal-t") == "5"


def test_refused_value_is_said_and_kept(browser: Any, server: str) -> None:
    with watched_page(browser) as page:
        page.goto(f"{server}/causal?lang=ko")
        page.wait_for_selector("html[data-ready]")
        page.fill("#causal-k", "9")
        page.wait_for_selector("#error:not([hidden])")
        assert "1에서 8 사이" in page.inner_text("#error")
        assert page.input_value("#causal-k") == "9"
        # The last drawn tree stays.
        assert page.locator(READ).count() == 16


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_axe_finds_nothing_serious(browser: Any, server: str, lang: str) -> None:
    with watched_page(browser) as page:
        page.goto(f"{server}/causal?lang={lang}&k=3&d=1,3&n=12&t=4")
        page.wait_for_selector("html[data-ready]")
        findings = axe_findings(page)
    assert [f for f in findings if f["impact"] in BLOCKING] == []
