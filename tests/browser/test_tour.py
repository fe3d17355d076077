"""The guided tour as a learner uses it: a stop's figure plays and steps, a "try this" button
changes one parameter of the live figure (and the stop's address keeps it), the tour is walked
with the keyboard alone, and a stop reads on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import watched_page

pytestmark = pytest.mark.browser

Page = Any
SHOTS = Path("/tmp/shots-tour")


def open_stop(page: Page, server: str, path: str) -> None:
    page.goto(f"{server}{path}")
    page.wait_for_selector("html[data-ready]")


def wait_for_figure(page: Page, fragment: str) -> None:
    page.wait_for_function(
        "f => document.getElementById('figure').dataset.query.includes(f)", arg=fragment
    )


def wait_for_url_param(page: Page, name: str, value: str) -> None:
    page.wait_for_function(
        "([n, v]) => new URLSearchParams(location.search).get(n) === v", arg=[name, value]
    )


def test_a_stop_steps_and_a_prompt_changes_the_live_figure(page: Page, server: str) -> None:
    open_stop(page, server, "/tour/6")
    # The paper's figure 2.6: 7×7 grid drawn, 3×3 output, nine steps.
    assert page.locator("#figure .grid .cells rect").count() == 49
    assert page.locator("#figure .output .cells rect").count() == 9
    page.click("#play")  # pause
    page.click("#first")
    page.click("#next")
    assert page.input_value("#scrub") == "1"
    assert page.inner_text("#step-label") == "step 2 of 9"
    assert "Relationship 6" in page.inner_text("#relationship")
    # "Try Stride s = 1": the stride box says 1, the figure is 5×5 out, relationship 3.
    page.click("a.try-link[data-param='s']")
    wait_for_figure(page, "s=1&")
    assert page.input_value("#s-0-number") == "1"
    assert page.locator("#figure .output .cells rect").count() == 25
    assert "Relationship 3" in page.inner_text("#relationship")
    # The stop's own address keeps the change, so a lecturer can link it as it is.
    wait_for_url_param(page, "s", "1")
    assert page.evaluate("location.pathname") == "/tour/6"
    # The free page's link follows the figure on screen.
    page.hover("#free-page")
    href = page.get_attribute("#free-page", "href")
    assert href is not None and href.startswith("/?") and "s=1" in href


def test_a_prompt_that_changes_the_operation(page: Page, server: str) -> None:
    open_stop(page, server, "/tour/7?lang=ko")
    page.click("a.try-link[data-param='op']")
    wait_for_figure(page, "op=avgpool")
    assert page.is_checked("#controls input[value='avgpool']")
    wait_for_url_param(page, "op", "avgpool")


def test_the_matrix_stop_opens_its_matrix_and_follows_the_step(page: Page, server: str) -> None:
    open_stop(page, server, "/tour/22")
    page.wait_for_function("() => !document.getElementById('matrix-body').hidden")
    page.click("a.try-link[data-param='op']")
    wait_for_figure(page, "op=transpose")
    page.wait_for_function("() => !document.getElementById('matrix-body').hidden")
    assert page.evaluate("new URLSearchParams(location.search).get('matrix')") == "1"


def test_the_tour_walks_by_keyboard_alone(page: Page, server: str) -> None:
    """From the index to stop 1 with Tab and Enter, a prompt with Enter, on to stop 2."""

    def tab_to(selector: str, limit: int = 200) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    page.goto(f"{server}/tour?lang=en")
    page.wait_for_selector("html[data-ready]")
    tab_to("a[href^='/tour/1?']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tour/1?lang=en")
    page.wait_for_selector("html[data-ready]")
    tab_to("a.try-link[data-param='k']")
    page.keyboard.press("Enter")
    wait_for_figure(page, "k=2&")
    assert page.input_value("#k-0-number") == "2"
    tab_to("a[rel='next']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tour/2?lang=en")
    page.wait_for_selector("html[data-ready]")
    assert page.inner_text("#stop-title") == "Zero padding"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_stop_reads_on_a_phone(browser: Any, server: str, lang: str) -> None:
    with watched_page(browser, viewport={"width": 390, "height": 844}) as page:
        open_stop(page, server, f"/tour/14?lang={lang}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = page.locator("#figure").bounding_box()
        assert box is not None and box["width"] > 300
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"stop14-{lang}-390.png"))
        # The lesson follows the figure, which stays in view above it.
        page.locator("#stop-lesson").scroll_into_view_if_needed()
        page.click("a.try-link[data-param='a']")
        page.wait_for_function(
            "() => !document.getElementById('figure').dataset.query.includes('a=')"
        )
        assert page.locator("#figure .output .cells rect").count() == 25
        page.screenshot(path=str(SHOTS / f"stop14-{lang}-390-tried.png"))
