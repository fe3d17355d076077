"""Presentation mode as a lecturer uses it: a slide-ready link, a clicker, a projector."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import watched_page

pytestmark = pytest.mark.browser

Page = Any
PROJECTOR = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1280, "height": 720}
SLIDE = "op=conv&i=5&k=3&s=2&p=1"


def open_page(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}/?{query}")
    page.wait_for_selector("html[data-ready]")


def url_param(page: Page, name: str) -> str | None:
    value: str | None = page.evaluate(f"new URLSearchParams(location.search).get('{name}')")
    return value


def wait_for_url_param(page: Page, name: str, value: str | None) -> None:
    page.wait_for_function(
        "([n, v]) => new URLSearchParams(location.search).get(n) === v", arg=[name, value]
    )


def presenting(page: Page) -> bool:
    return bool(page.evaluate("document.body.classList.contains('presenting')"))


def drawn_box(page: Page) -> dict[str, float]:
    """The screen box of the figure's cells (the drawing, not the element around it)."""
    box: dict[str, float] = page.evaluate(
        """() => {
          const boxes = [...document.querySelectorAll('#figure rect.cell')]
            .map((r) => r.getBoundingClientRect());
          const left = Math.min(...boxes.map((b) => b.left));
          const right = Math.max(...boxes.map((b) => b.right));
          const top = Math.min(...boxes.map((b) => b.top));
          const bottom = Math.max(...boxes.map((b) => b.bottom));
          return { width: right - left, height: bottom - top, top, bottom };
        }"""
    )
    return box


def screen_sizes(page: Page, selector: str) -> list[float]:
    """Each text's font size in CSS pixels as drawn: the SVG's scale applied."""
    sizes: list[float] = page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)].map((el) => {
          const size = parseFloat(getComputedStyle(el).fontSize);
          const ctm = el.getScreenCTM ? el.getScreenCTM() : null;
          return ctm ? size * ctm.a : size;
        })""",
        selector,
    )
    return sizes


def test_a_present_link_opens_the_slide_view(browser: object, server: str) -> None:
    with watched_page(browser, viewport=PROJECTOR) as page:
        open_page(page, server, f"{SLIDE}&present=1")
        assert presenting(page)
        # present is one of the page's own settings, not an ignored name.
        assert page.locator("#ignored").count() == 0
        assert page.locator(".side").is_hidden()
        assert page.locator("#present-bar").is_visible()
        figure = page.locator("#figure").bounding_box()
        assert figure["width"] >= 0.9 * PROJECTOR["width"]
        assert figure["height"] >= 0.6 * PROJECTOR["height"]
        drawn = drawn_box(page)
        assert drawn["height"] >= 0.6 * PROJECTOR["height"], drawn
        assert drawn["bottom"] <= PROJECTOR["height"]
        assert page.inner_text("#present-config") == "Convolution · i=5 k=3 s=2 p=1"
        assert page.inner_text("#present-formula") == "o = ⌊(5 + 2·1 − 3)/2⌋ + 1 = 3"
        assert "Relationship 6" in page.inner_text("#present-relationship")
        # Entering the full screen needs a key press: the page says which.
        assert "Press F for full screen" in page.inner_text("#present-hint")
        assert min(screen_sizes(page, "#present-config, #present-formula, #caption")) >= 24
        page.screenshot(path="/tmp/shots/present-1920.png")


def test_a_clicker_steps_and_the_link_follows(browser: object, server: str) -> None:
    with watched_page(browser, viewport=PROJECTOR) as page:
        open_page(page, server, f"{SLIDE}&present=1")
        page.keyboard.press("PageDown")
        # Stepping pauses: the step shown is the link's.
        assert page.get_attribute("#play", "aria-pressed") == "false"
        step = int(page.input_value("#scrub"))
        assert step >= 1
        wait_for_url_param(page, "step", str(step))
        assert url_param(page, "present") == "1"
        r, c = divmod(step, 3)
        assert page.inner_text("#caption").startswith(f"Output cell ({r}, {c})")
        page.keyboard.press("PageUp")
        wait_for_url_param(page, "step", str(step - 1))
        r, c = divmod(step - 1, 3)
        assert page.inner_text("#caption").startswith(f"Output cell ({r}, {c})")
        # The arrows, Home and End and space are the player's, as on the page.
        page.keyboard.press("End")
        wait_for_url_param(page, "step", "8")
        page.keyboard.press("Home")
        wait_for_url_param(page, "step", "0")
        page.keyboard.press("ArrowRight")
        wait_for_url_param(page, "step", "1")
        page.keyboard.press(" ")
        assert page.get_attribute("#play", "aria-pressed") == "true"
        wait_for_url_param(page, "step", None)
        page.keyboard.press("Escape")
        wait_for_url_param(page, "present", None)
        assert not presenting(page)
        assert page.locator("#present-bar").is_hidden()
        assert page.locator(".side").is_visible()


def test_the_key_and_the_button_enter_from_the_page(browser: object, server: str) -> None:
    with watched_page(browser, viewport=LAPTOP) as page:
        open_page(page, server, f"{SLIDE}&step=2")
        assert not presenting(page)
        assert "F presents the figure" in page.inner_text(".keys")
        page.keyboard.press("f")
        wait_for_url_param(page, "present", "1")
        assert presenting(page)
        assert url_param(page, "step") == "2"
        page.screenshot(path="/tmp/shots/present-1280.png")
        page.keyboard.press("Escape")
        wait_for_url_param(page, "present", None)
        assert not presenting(page)
        assert page.evaluate("document.fullscreenElement") is None
        page.click("#present")
        wait_for_url_param(page, "present", "1")
        assert presenting(page)
        page.click("#present-leave")
        wait_for_url_param(page, "present", None)
        # Typing a number is not a key press for the mode.
        page.locator("#k-0-number").press("f")
        assert not presenting(page)


def test_leaving_the_full_screen_leaves_the_mode(browser: object, server: str) -> None:
    with watched_page(browser, viewport=LAPTOP) as page:
        open_page(page, server, SLIDE)
        page.keyboard.press("f")
        wait_for_url_param(page, "present", "1")
        page.wait_for_function("document.fullscreenElement !== null")
        assert page.locator("#present-hint").is_hidden()
        page.evaluate("document.exitFullscreen()")
        page.wait_for_function("!document.body.classList.contains('presenting')")
        wait_for_url_param(page, "present", None)


def test_a_large_figure_is_readable_from_the_back(browser: object, server: str) -> None:
    """A 16×16 input (padded to 18×18) with its numbers on a 1920×1080 projector: labels,
    numbers and the caption at least ~24 CSS px."""
    with watched_page(browser, viewport=PROJECTOR) as page:
        open_page(page, server, "op=conv&i=16&k=3&s=1&p=1&numbers=1&step=20&present=1")
        assert min(screen_sizes(page, "#figure text.label")) >= 24
        numbers = screen_sizes(page, "#figure text.num")
        assert len(numbers) == 16 * 16 * 2  # the input's and the output's; zeros are blank
        assert min(numbers) >= 23.5
        assert min(screen_sizes(page, "#caption, #present-config, #present-formula")) >= 24
        assert drawn_box(page)["bottom"] <= PROJECTOR["height"]
        page.screenshot(path="/tmp/shots/present-1920-16.png")


def test_a_layer_too_large_to_draw_says_why_on_the_slide(browser: object, server: str) -> None:
    with watched_page(browser, viewport=PROJECTOR) as page:
        open_page(page, server, "op=conv&i=600&k=11&s=4&present=1")
        assert page.locator("#undrawable").is_visible()
        assert page.inner_text("#present-config") == "Convolution · i=600 k=11 s=4 p=0"
        assert page.inner_text("#present-formula").endswith("= 148")
        page.screenshot(path="/tmp/shots/present-1920-undrawable.png")
