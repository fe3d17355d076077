"""A phone in a student's hand: every control a finger can hit (44×44 CSS px), a tap on the
figure doing what hovering does, and the figure kept large when the phone is turned."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import watched_page

pytestmark = pytest.mark.browser

Page = Any
TARGET_PX = 44
PORTRAIT = {"width": 390, "height": 844}
LANDSCAPE = {"width": 844, "height": 390}

# Every visible control: a checkbox or radio is measured through the label that holds it (the
# target a finger hits). Links inside running text (the footer's sentence) are exempt, as
# WCAG 2.5.8 exempts inline links; nothing else is.
CONTROLS = """() => {
  const seen = new Set();
  const found = [];
  const sel = "button, select, textarea, input, a[href], summary";
  for (const el of document.querySelectorAll(sel)) {
    if (el.type === "hidden" || el.closest(".visually-hidden, .foot p")) continue;
    const target = el.matches("[type=checkbox], [type=radio]") ? (el.closest("label") ?? el) : el;
    if (seen.has(target) || !target.checkVisibility({ visibilityProperty: true })) continue;
    const box = target.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    seen.add(target);
    found.push({
      name: `${el.tagName}#${el.id} ${(target.textContent || "").trim().slice(0, 24)}`,
      type: el.type ?? "", width: box.width, height: box.height,
    });
  }
  return found;
}"""

PAGES = {
    "figure-numbers": "/?op=conv&i=5&k=3&s=1&p=0&numbers=1",
    "transposed": "/?op=transpose&i=3&k=3&s=2&p=1&view=scatter",
    "image-mode": "/?op=conv&i=5&k=3&p=0&image=rings&w=sobel_x&s=2",
    "korean": "/?op=maxpool&i=6&k=2&s=2&lang=ko",
    # The dims control and a size's three axes (depth, height, width), unlinked.
    "volume": "/?op=conv&dims=3&i=3,4,5&k=3&p=1&lang=ko",
    "strip": "/?op=conv&dims=1&i=12&k=3&p=causal",
    "network": "/network?preset=alexnet",
    "network-3d": "/network?preset=c3d&lang=ko",
    "causal": "/causal?k=3&d=1,3&n=12&lang=ko",
    # A tour stop: the figure's controls and the lesson's prompts and links.
    "tour-stop": "/tour/21?lang=ko",
}


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[Page]:
    with watched_page(browser, viewport=PORTRAIT, has_touch=True, is_mobile=True) as page:
        yield page


def open_page(page: Page, server: str, path: str) -> None:
    page.goto(f"{server}{path}")
    page.wait_for_selector("html[data-ready]", state="attached")
    # The figure fits its text in the frame after a redraw: measure after that frame.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")


@pytest.mark.parametrize("name", PAGES)
def test_every_control_takes_a_finger(phone: Page, server: str, name: str) -> None:
    open_page(phone, server, PAGES[name])
    # Collapsed sections opened: their controls count too.
    phone.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    controls = phone.evaluate(CONTROLS)
    kinds = {c["type"] for c in controls}
    # The measure saw the page's controls: buttons and links everywhere, sliders and
    # checkboxes on the figure's page.
    assert {"submit", "button"} & kinds and len(controls) >= (8 if name == "causal" else 15)
    if name not in ("network", "network-3d", "causal"):
        assert {"range", "checkbox", "radio", "select-one", "number"} <= kinds, kinds
    small = [c for c in controls if c["width"] < TARGET_PX or c["height"] < TARGET_PX]
    assert small == [], small


def test_the_tour_index_takes_a_finger(phone: Page, server: str) -> None:
    """The tour's index: links only, each 44 px (a short Korean title too)."""
    open_page(phone, server, "/tour?lang=ko")
    controls = phone.evaluate(CONTROLS)
    assert len(controls) >= 3, controls
    small = [c for c in controls if c["width"] < TARGET_PX or c["height"] < TARGET_PX]
    assert small == [], small


def test_slider_thumbs_are_44_px(phone: Page, server: str) -> None:
    """A thumb is a pseudo-element the page cannot measure: its declared size is read from
    the style sheet that applies under a coarse pointer, and the slider's own box (which
    takes the touch) is measured."""
    open_page(phone, server, PAGES["figure-numbers"])
    assert phone.evaluate("matchMedia('(pointer: coarse)').matches")
    thumbs = phone.evaluate(
        """() => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
          .filter((rule) => rule.media && rule.conditionText === "(pointer: coarse)")
          .flatMap((media) => [...media.cssRules])
          .filter((rule) => /slider-thumb|range-thumb/.test(rule.selectorText))
          .map((rule) => [rule.style.width, rule.style.height])"""
    )
    # Chromium keeps the -webkit- rule (it drops Firefox's -moz- one as unknown).
    assert thumbs == [[f"{TARGET_PX}px", f"{TARGET_PX}px"]], thumbs
    box = phone.locator("#scrub").bounding_box()
    assert box["height"] >= TARGET_PX


def lit(page: Page) -> dict[str, list[str]]:
    """The figure's cells lit by a probe: the probed cell and the output cells it feeds."""
    found: dict[str, list[str]] = page.evaluate(
        """() => ({
          probe: [...document.querySelectorAll("#figure .probe")].map((n) => n.dataset.cell),
          feeds: [...document.querySelectorAll("#figure .feeds")].map((n) => n.dataset.step),
        })"""
    )
    return found


# Figure 2.1 (i=5, k=3): input cell (1, 1) is read by the windows at output rows and columns
# 0..1, i.e. steps 0, 1, 3 and 4 of the 3×3 output.
FED = {"probe": ["6"], "feeds": ["0", "1", "3", "4"]}


def test_hovering_an_input_cell_lights_what_it_feeds(browser: Any, server: str) -> None:
    with watched_page(browser) as page:
        open_page(page, server, "/?op=conv&i=5&k=3&s=1&p=0&step=0")
        page.locator('#figure .cells rect[data-cell="6"]').hover()
        assert lit(page) == FED
        assert page.inner_text("#caption") == "Grid cell (1, 1) feeds 4 output cells."


def test_tapping_an_input_cell_does_what_hovering_does(phone: Page, server: str) -> None:
    open_page(phone, server, "/?op=conv&i=5&k=3&s=1&p=0&step=0")
    phone.locator('#figure .cells rect[data-cell="6"]').tap()
    assert lit(phone) == FED
    assert phone.inner_text("#caption") == "Grid cell (1, 1) feeds 4 output cells."
    # A tap elsewhere clears it, and the caption goes back to the step.
    phone.locator(".legend").tap()
    assert lit(phone) == {"probe": [], "feeds": []}
    assert phone.inner_text("#caption") == "Output cell (0, 0) reads 9 grid cells."
    # A tap on the figure off its cells clears it too.
    phone.locator('#figure .cells rect[data-cell="6"]').tap()
    box = phone.locator("#figure").bounding_box()
    phone.touchscreen.tap(box["x"] + box["width"] - 2, box["y"] + box["height"] - 2)
    assert lit(phone) == {"probe": [], "feeds": []}


def test_tapping_an_output_cell_pins_its_step(phone: Page, server: str) -> None:
    open_page(phone, server, "/?op=conv&i=5&k=3&s=1&p=0&step=0")
    phone.locator('#figure .cells rect[data-step="4"]').tap()
    assert phone.inner_text("#step-label") == "step 5 of 9"
    assert "current" in phone.get_attribute('#figure .marks rect[data-step="4"]', "class").split()


def test_tapping_a_cell_with_numbers_reads_its_value(phone: Page, server: str) -> None:
    # Transposed on a phone: the stretched grid's cells are too small for their numbers.
    open_page(phone, server, "/?op=transpose&i=5&k=3&s=2&p=1&numbers=1&step=0")
    assert phone.locator("#figure .grid .num:visible").count() == 0
    assert phone.locator("#figure-unread").is_visible()
    value = phone.evaluate("JSON.parse(document.getElementById('initial-state').textContent)")
    # The page embeds its answer in the compact form: the grid's numbers row-major.
    grid = value["data"]["values"]["grid"]
    width = grid["shape"][1]
    # Cell (1, 1) of the stretched and padded grid is input unit (0, 0).
    phone.locator('#figure .cells rect[data-cell="12"]').tap()
    caption = phone.inner_text("#caption")
    assert caption.startswith(f"Cell (1, 1) holds {grid['data'][width + 1]:g}.")


def test_a_phone_on_its_side_keeps_the_figure_large(browser: Any, server: str) -> None:
    with watched_page(browser, viewport=LANDSCAPE, has_touch=True, is_mobile=True) as page:
        open_page(page, server, "/?op=conv&i=5&k=3&s=1&p=0")
        figure = page.locator("#figure").bounding_box()
        # Drawn cells, not just the element: the grid's own box.
        cells = page.evaluate(
            """() => { const b = document.querySelector("#figure .grid").getBoundingClientRect();
              return { top: b.top, bottom: b.bottom, height: b.height }; }"""
        )
        assert figure["y"] >= 0 and figure["y"] + figure["height"] <= LANDSCAPE["height"]
        assert figure["height"] >= 0.6 * LANDSCAPE["height"], figure
        assert cells["height"] >= 0.5 * LANDSCAPE["height"], cells
        # The controls sit beside it, on screen without scrolling.
        first_op = page.locator("#controls .op").first.bounding_box()
        assert first_op["x"] >= figure["x"] + figure["width"]
        assert first_op["y"] + first_op["height"] <= LANDSCAPE["height"]
        # The player's buttons are reachable in the figure's column.
        page.locator("#next").scroll_into_view_if_needed()
        assert page.locator("#next").is_visible()
        page.locator("#next").tap()


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_a_slide_on_a_phone_keeps_its_figure(browser: Any, server: str, viewport: Any) -> None:
    with watched_page(browser, viewport=viewport, has_touch=True, is_mobile=True) as page:
        open_page(page, server, "/?op=conv&i=5&k=3&s=2&p=1&numbers=1&present=1")
        grid = page.locator("#figure .grid").bounding_box()
        caption = page.locator("#caption").bounding_box()
        # The drawn input grid (7 of the figure's 10 cells across) takes at least 45% of the
        # screen's height on its side, and upright (where the width bounds it) 45% of its
        # width; it stays clear of the caption below it.
        if viewport is LANDSCAPE:
            assert grid["height"] >= 0.45 * viewport["height"], grid
        else:
            assert grid["width"] >= 0.45 * viewport["width"], grid
        assert grid["y"] + grid["height"] <= caption["y"]


def test_every_practice_control_takes_a_finger(phone: Page, server: str) -> None:
    open_page(phone, server, "/practice?seed=42&level=2&n=5&lang=ko")
    # Every question listed, one answered wrong (its solution's links shown), the summary.
    phone.locator("#mode-all").tap()
    phone.fill("#answer-1", "-1")
    phone.locator("#check-1").tap()
    phone.locator("#finish").tap()
    controls = phone.evaluate(CONTROLS)
    kinds = {c["type"] for c in controls}
    assert {"submit", "button", "radio", "select-one", "number", "text"} <= kinds, kinds
    assert len(controls) >= 20, controls
    small = [c for c in controls if c["width"] < TARGET_PX or c["height"] < TARGET_PX]
    assert small == [], small


def test_a_preset_far_below_brings_its_figure_into_view(browser: Any, server: str) -> None:
    """A preset clicked below the figure (scrolled past it) scrolls the figure loaded into
    view (a sticky figure on a phone never leaves it)."""
    with watched_page(browser, viewport={"width": 1280, "height": 720}) as page:
        open_page(page, server, "/?op=conv&i=5&k=3&s=1&p=0&step=0")
        link = page.locator("a.preset").last
        link.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, 400)")
        assert page.evaluate("document.querySelector('.stage').getBoundingClientRect().top") < 0
        link.click()
        page.wait_for_function(
            "() => document.getElementById('figure').dataset.query !== 'op=conv&i=5&k=3&s=1&p=0'"
        )
        page.wait_for_function(
            "() => Math.abs(document.querySelector('.stage').getBoundingClientRect().top) < 2"
        )
