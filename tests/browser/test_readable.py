"""Readable at any size: no text of the figure or its panels under 12 CSS px on screen, on a
laptop, a projector, a phone or a slide, however many cells the figure has."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import watched_page

pytestmark = pytest.mark.browser

Page = Any
LEAST_PX = 12
# Presentation mode asks for more: its figure is read from the back of a room. (Its kernel
# weights, small by design in a cell's corner, are 16 px on a 1920×1080 slide.)
LEAST_ON_SLIDE_PX = 16
LABEL_ON_SLIDE_PX = 24
# Computed sizes are rounded to a hundredth of a pixel; the drawing aims a hair above.
ROUNDING = 0.02

LAPTOP = {"width": 1280, "height": 720}
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}

# Every text node's element on screen, with its size as rendered: the computed font size,
# times the SVG's scale from its viewBox to its box for text in an SVG.
RENDERED_SIZES = """() => {
  const sizes = [];
  for (const node of document.querySelectorAll("body *")) {
    const own = [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
    if (!own || node.closest(".visually-hidden, noscript, script")) continue;
    const box = node.getBoundingClientRect();
    if (!box.width || !box.height || !node.checkVisibility({ visibilityProperty: true })) continue;
    let size = parseFloat(getComputedStyle(node).fontSize);
    if (node instanceof SVGElement) {
      const m = node.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    sizes.push({
      text: node.textContent.trim().slice(0, 40), size,
      svg: node instanceof SVGElement, cls: node.getAttribute("class") ?? "",
      figure: Boolean(node.closest("#figure")),
    });
  }
  return sizes;
}"""

# The figures a class sees: a paper figure with its numbers, large inputs, a transposed
# convolution (numbers on its stretched grid), pooling, a learner's long numbers.
FIGURES = {
    "paper-2.6": "op=conv&i=5&k=3&s=2&p=1&numbers=1",
    "i32": "op=conv&i=32&k=3&s=1&p=0",
    "i64": "op=conv&i=64&k=3&s=1&p=1",
    "transposed": "op=transpose&i=5&k=3&s=2&p=1&numbers=1",
    "pooling": "op=maxpool&i=6&k=2&s=2&numbers=1",
    "long-numbers": "op=conv&i=3&k=2&s=1&p=0&numbers=1&x=123456.5,1,2;3,-4,5;6,7,0.0625",
    # The channel panel at its widest: 16 input and 16 output channels in 4 groups.
    "channels": "op=conv&i=5&k=3&s=1&p=0&c_in=16&c_out=16&g=4",
    # The matrix view open under the figure, with its numbers.
    "matrix": "op=conv&i=8&k=3&s=1&p=0&matrix=1&numbers=1",
    # The overlap heatmap's counts beside the output's values, and its sentence.
    "overlap": "op=transpose&i=4&k=3&s=2&p=0&overlap=1&numbers=1",
    # A long causal sequence as a strip, and a volume's rows of depth slices (Korean words).
    "strip": "op=conv&dims=1&i=64&k=3&p=causal&numbers=1",
    "slices": "op=conv&dims=3&i=4,6,6&k=3&p=1&numbers=1&lang=ko",
}
SCREENS = {"laptop": LAPTOP, "projector": PROJECTOR, "phone": PHONE}


def open_page(page: Page, server: str, path: str) -> None:
    page.goto(f"{server}{path}")
    page.wait_for_selector("html[data-ready]")
    # The figure fits its text in the frame after a redraw: measure after that frame.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")


def rendered_sizes(page: Page) -> list[dict[str, Any]]:
    sizes: list[dict[str, Any]] = page.evaluate(RENDERED_SIZES)
    return sizes


def too_small(sizes: list[dict[str, Any]], least: float) -> list[dict[str, Any]]:
    return [s for s in sizes if s["size"] < least - ROUNDING]


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("figure", FIGURES)
def test_no_text_under_12_px(browser: object, server: str, figure: str, screen: str) -> None:
    with watched_page(browser, viewport=SCREENS[screen]) as page:
        open_page(page, server, f"/?{FIGURES[figure]}")
        sizes = rendered_sizes(page)
        # The measure saw the figure's labels (and its numbers where they are on).
        labels = [s for s in sizes if s["figure"] and s["cls"] == "label"]
        assert len(labels) == 2, sizes
        assert too_small(sizes, LEAST_PX) == []


@pytest.mark.parametrize("figure", FIGURES)
def test_no_figure_text_under_16_px_on_a_slide(browser: object, server: str, figure: str) -> None:
    with watched_page(browser, viewport=PROJECTOR) as page:
        open_page(page, server, f"/?{FIGURES[figure]}&present=1")
        sizes = rendered_sizes(page)
        assert too_small(sizes, LEAST_PX) == []
        drawn = [s for s in sizes if s["figure"]]
        assert drawn and too_small(drawn, LEAST_ON_SLIDE_PX) == []
        # The grid labels, with room to grow, as large as the slide's other type.
        labels = [s for s in drawn if s["cls"] == "label"]
        assert len(labels) == 2 and too_small(labels, LABEL_ON_SLIDE_PX) == []


@pytest.mark.parametrize("screen", SCREENS)
def test_the_causal_page_has_no_text_under_12_px(browser: object, server: str, screen: str) -> None:
    with watched_page(browser, viewport=SCREENS[screen]) as page:
        page.goto(f"{server}/causal?k=2&d=1,2,4,8,16&n=64&lang=ko")
        page.wait_for_selector("html[data-ready]", state="attached")
        sizes = rendered_sizes(page)
        assert any("causal-label" in s["cls"] for s in sizes)
        assert too_small(sizes, LEAST_PX) == []


@pytest.mark.parametrize("preset", ["alexnet", "wavenet", "c3d"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_network_page_has_no_text_under_12_px(
    browser: object, server: str, screen: str, preset: str
) -> None:
    with watched_page(browser, viewport=SCREENS[screen]) as page:
        page.goto(f"{server}/network?preset={preset}")
        page.wait_for_selector("html[data-ready]", state="attached")
        # The charts and the deepest layer's receptive field are drawn.
        page.wait_for_selector("#plots .tick")
        page.wait_for_selector("#field-figure rect")
        sizes = rendered_sizes(page)
        assert any("tick" in s["cls"] for s in sizes)
        assert too_small(sizes, LEAST_PX) == []


@pytest.mark.parametrize("screen", SCREENS)
def test_the_embed_view_has_no_text_under_12_px(browser: object, server: str, screen: str) -> None:
    with watched_page(browser, viewport=SCREENS[screen]) as page:
        open_page(page, server, f"/embed?{FIGURES['i32']}")
        sizes = rendered_sizes(page)
        assert len([s for s in sizes if s["cls"] == "label"]) == 2
        assert too_small(sizes, LEAST_PX) == []


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", ["/tour?lang=ko", "/tour/21?lang=ko", "/tour/20?lang=en"])
def test_the_tour_has_no_text_under_12_px(
    browser: object, server: str, path: str, screen: str
) -> None:
    with watched_page(browser, viewport=SCREENS[screen]) as page:
        open_page(page, server, path)
        sizes = rendered_sizes(page)
        # The measure saw the tour's own words (and a stop's figure).
        assert {"stop-about", "lesson-where"} & {s["cls"] for s in sizes}, sizes
        if "/tour/" in path:
            assert len([s for s in sizes if s["figure"] and s["cls"] == "label"]) == 2
        assert too_small(sizes, LEAST_PX) == []


def test_image_mode_has_no_text_under_12_px(browser: object, server: str) -> None:
    with watched_page(browser, viewport=PHONE) as page:
        open_page(page, server, "/?op=conv&i=5&k=3&p=0&image=rings&w=sobel_x&s=2")
        page.wait_for_selector(".image-panels:not([hidden]) img")
        assert too_small(rendered_sizes(page), LEAST_PX) == []


def number_sizes(page: Page) -> dict[str, float]:
    """The on-screen size of each printed number of the figure's left grid, by its text;
    those not printed are left out."""
    sizes: dict[str, float] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("#figure .grid .num")]
          .filter((n) => n.checkVisibility())
          .map((n) => [
            n.textContent, parseFloat(getComputedStyle(n).fontSize) * n.getScreenCTM().a,
          ]))"""
    )
    return sizes


def test_a_number_its_cell_cannot_hold_is_read_in_the_caption(browser: object, server: str) -> None:
    # 123456.5 fits a 40-unit cell at 34 / (0.6 × 8) ≈ 7 units: 12 px needs a scale of 1.7
    # px a unit, which a laptop's 3×3 figure has and a phone's does not.
    query = "/?op=conv&i=3&k=2&s=1&p=0&numbers=1&step=0&x=123456.5,1,2;3,-4,5;6,7,0.0625"
    with watched_page(browser, viewport=LAPTOP) as page:
        open_page(page, server, query)
        shown = number_sizes(page)
        assert "123456.5" in shown and shown["123456.5"] >= LEAST_PX - ROUNDING
        assert page.locator("#figure-unread").is_hidden()
    with watched_page(browser, viewport=PHONE) as page:
        open_page(page, server, query)
        shown = number_sizes(page)
        assert "123456.5" not in shown
        # The short numbers still print, and large enough.
        assert "1.0" in shown and min(shown.values()) >= LEAST_PX - ROUNDING
        assert page.locator("#figure-unread").is_visible()
        page.locator('#figure .cells rect[data-cell="0"]').hover()
        assert page.inner_text("#caption").startswith("Cell (0, 0) holds 123456.5.")


def test_raised_labels_stay_clear_of_each_other_and_inside_the_figure(
    browser: object, server: str
) -> None:
    with watched_page(browser, viewport=PHONE) as page:
        open_page(page, server, "/?op=transpose&i=5&k=3&s=2&p=1")
        boxes = page.evaluate(
            """() => [...document.querySelectorAll("#figure .label")].map((n) => {
              const b = n.getBoundingClientRect();
              return [b.left, b.top, b.right, b.bottom];
            })"""
        )
        figure = page.locator("#figure").bounding_box()
        (_, top1, right1, bottom1), (left2, top2, _, bottom2) = boxes
        assert right1 <= left2 or bottom2 <= top1 or bottom1 <= top2, boxes
        # Both inside the figure's box, nothing cut off.
        for left, top, right, bottom in boxes:
            assert figure["x"] - 1 <= left and right <= figure["x"] + figure["width"] + 1
            assert figure["y"] - 1 <= top and bottom <= figure["y"] + figure["height"] + 1


def test_too_large_to_draw_says_where_the_arithmetic_is(browser: object, server: str) -> None:
    with watched_page(browser, viewport=PROJECTOR) as page:
        open_page(page, server, "/?op=conv&i=600&k=11&s=4&present=1")
        on_slide = page.inner_text("#undrawable")
        assert "Leave presentation mode (Esc)" in on_slide and "below" not in on_slide
        page.keyboard.press("Escape")
        page.wait_for_function("!document.body.classList.contains('presenting')")
        on_page = page.inner_text("#undrawable")
        assert on_page.endswith("Its shapes, formula, notes and code are below.")
    with watched_page(browser, viewport=PROJECTOR) as page:
        open_page(page, server, "/?op=conv&i=600&k=11&s=4&lang=ko&present=1")
        assert "발표 모드를 나가면(Esc)" in page.inner_text("#undrawable")


@pytest.mark.parametrize(
    "query", ["/?op=conv&i=4&k=4&lang=ko", "/?op=maxpool&i=2&k=2&lang=ko", "/?op=conv&i=4&k=4"]
)
def test_a_label_wider_than_its_grid_is_not_cut_off(
    browser: object, server: str, query: str
) -> None:
    """A 1×1 output's label is wider than its grid; in Korean (a full em a letter) it once ran
    past the figure's right edge at laptop size."""
    with watched_page(browser, viewport=LAPTOP) as page:
        open_page(page, server, query)
        figure = page.locator("#figure").bounding_box()
        assert figure is not None
        for right in page.evaluate(
            """() => [...document.querySelectorAll("#figure .label")]
                .map((n) => n.getBoundingClientRect().right)"""
        ):
            assert right <= figure["x"] + figure["width"] + 1


@pytest.mark.parametrize("screen", SCREENS)
def test_practice_and_its_sheet_have_no_text_under_12_px(
    browser: object, server: str, screen: str
) -> None:
    with watched_page(browser, viewport=SCREENS[screen]) as page:
        open_page(page, server, "/practice?seed=42&level=2&n=5&lang=ko")
        page.check("#mode-all")
        # Wrong answers open every worked solution, so its lines are measured too.
        page.evaluate(
            """() => document.querySelectorAll(".answer-form").forEach((form) => {
              form.querySelector("input").value = "-1"; form.requestSubmit(); })"""
        )
        page.click("#finish")
        sizes = rendered_sizes(page)
        assert any("line-formula" in s["cls"] for s in sizes)
        assert too_small(sizes, LEAST_PX) == []
        open_page(page, server, "/practice/sheet?seed=42&level=3&n=8")
        sizes = rendered_sizes(page)
        assert any("line-formula" in s["cls"] for s in sizes)
        assert too_small(sizes, LEAST_PX) == []
