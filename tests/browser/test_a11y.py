"""Accessibility in a real browser: axe-core on every view in both languages, a keyboard-only
walk through the main page, the narrated steps, and reduced motion.

axe-core is a test-only npm package (tests/browser/axe, installed with ``npm ci --prefix
tests/browser/axe`` as the README's test command does); the app never serves it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from tests.browser.conftest import watched_page

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# What axe must not find; moderate and minor findings are printed for a person to read.
BLOCKING = {"serious", "critical"}
# Every view a person reaches: the main page with values, pooling, the transposed
# convolution's two views and its overlap heatmap, image mode, a refused link, presentation
# mode, the embed and the network planner.
VIEWS = [
    "/?",
    "/?numbers=1&x=1,2,3,4;5,6,7,8;9,10,11,12;13,14,15,16&i=4",
    "/?op=maxpool&i=6&k=2&s=2",
    "/?op=avgpool&i=5&k=3&p=1",
    "/?op=transpose&i=2&k=3&s=2",
    "/?op=transpose&i=2&k=3&view=scatter",
    "/?image=shapes",
    "/?i=4&k=9",
    "/?present=1",
    "/?op=conv&i=4&k=3&matrix=1&step=1",
    "/?op=transpose&i=2&k=3&s=2&matrix=1&numbers=1&step=3",
    "/?op=maxpool&i=4&k=2&matrix=1",
    # The overlap heatmap, with its sentence and link, in both views.
    "/?op=transpose&i=4&k=3&s=2&overlap=1&numbers=1",
    "/?op=transpose&i=4&k=3&s=2&d=2&p=1&view=scatter&overlap=1",
    # A 1-D layer's strip (causal) and a 3-D layer's rows of slices, on the page and embedded.
    "/?op=conv&dims=1&i=16&k=3&p=causal&numbers=1",
    "/?op=transpose&dims=3&i=2,3,3&k=3&s=2&step=5",
    "/?op=transpose&dims=3&i=2,3,3&k=3&s=2&p=1&view=scatter&numbers=1&step=10",
    "/?op=conv&dims=3&i=3&k=2&matrix=1",
    "/embed?op=conv&dims=3&i=3&k=2",
    "/embed?i=5&k=3&s=2",
    "/network?",
    # The planner in 1-D (a strip, one slider) and in 3-D (three sliders, three chart lines).
    "/network?dims=1&i=16&c_in=1&layers=conv(k=3,c=4);maxpool(k=2);conv(k=3,d=2,c=8)",
    "/network?preset=c3d",
    # Practice: a seeded set, and the lecturer's printable sheet.
    "/practice?seed=42&level=2&n=5",
    "/practice/sheet?seed=42&level=3&n=8",
    # The guided tour: its index, a stop, the receptive-field stop (its stack's table) and
    # the matrix stop.
    "/tour?",
    "/tour/6?",
    "/tour/21?",
    "/tour/22?matrix=1",
]


def axe_path() -> Path:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: npm ci --prefix {AXE_DIR} (see the README)")
    return AXE


def open_view(page: Page, server: str, view: str, lang: str) -> None:
    response = page.goto(f"{server}{view}&lang={lang}")
    assert response is not None and response.ok, view
    page.wait_for_selector("html[data-ready]")
    if "matrix=1" in view:  # the matrix view loads after the page: check it drawn
        page.wait_for_function(
            "() => !document.getElementById('matrix-body').hidden"
            " || !document.getElementById('matrix-error').hidden"
            # A 3-D layer's page keeps the section closed away (it draws 1-D and 2-D matrices).
            " || document.getElementById('matrix-view').hidden"
        )


def axe_findings(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(axe_path()))
    findings: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run()).violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
        }))"""
    )
    return findings


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("view", VIEWS)
def test_axe_finds_nothing_serious(browser: Any, server: str, view: str, lang: str) -> None:
    with watched_page(browser) as page:
        open_view(page, server, view, lang)
        assert page.evaluate("document.documentElement.lang") == lang
        findings = axe_findings(page)
    for finding in findings:
        print(view, lang, finding)
    assert [f for f in findings if f["impact"] in BLOCKING] == []


def test_axe_itself_finds_a_serious_violation(browser: Any, server: str) -> None:
    """The check above can fail: a button stripped of its name is a critical finding."""
    with watched_page(browser) as page:
        open_view(page, server, "/?", "en")
        page.evaluate(
            "(() => { const b = document.getElementById('next');"
            " b.removeAttribute('aria-label'); b.removeAttribute('title'); })()"
        )
        ids = {f["id"] for f in axe_findings(page) if f["impact"] in BLOCKING}
    assert "button-name" in ids


def test_the_app_does_not_serve_the_test_packages(server: str) -> None:
    assert axe_path().exists()
    for path in (
        "/static/node_modules/axe-core/axe.min.js",
        "/static/../tests/browser/axe/node_modules/axe-core/axe.min.js",
        "/static/%2e%2e/tests/browser/axe/node_modules/axe-core/axe.min.js",
        "/tests/browser/axe/node_modules/axe-core/axe.min.js",
    ):
        response = httpx.get(f"{server}{path}")
        assert response.status_code == 404, path
        # The 404's sentence names the address asked for; the package's code is not there.
        assert "axe.run" not in response.text and len(response.text) < 1000, path


# The keyboard. Every control a person can see and operate is numbered (data-control); of a
# radio group, only the one Tab stops on; a disabled control (a refused download) is out of
# the order as it should be. The walk records the number of what is focused.
CONTROLS = """() => [...document.querySelectorAll(
    "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
  .filter((e) => e.checkVisibility({ visibilityProperty: true }) && !e.disabled
    && e.getAttribute("aria-disabled") !== "true")
  .filter((e) => !(e.type === "radio" && !e.checked
    && document.querySelector(`input[name="${e.name}"]:checked`)))
  .map((e, i) => { e.dataset.control = String(i); return e.id || e.outerHTML.slice(0, 80); })"""
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  return [e.dataset.control ?? "", e.id || e.outerHTML.slice(0, 80)];
}"""


def focused_name(page: Page, cdp: Any) -> tuple[str, str]:
    """The focused element's role and accessible name, as Chromium computes them."""
    handle = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
    tree = cdp.send(
        "Accessibility.getPartialAXTree",
        {"objectId": handle["result"]["objectId"], "fetchRelatives": False},
    )
    node = tree["nodes"][0]
    return node["role"]["value"], node.get("name", {}).get("value", "")


def tab_walk(page: Page, limit: int = 400) -> list[tuple[str, str, str, str]]:
    """Tab from the top of the page until the focus leaves it: (number, what, role, name)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    seen: list[tuple[str, str, str, str]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (seen and focused == list(seen[0][:2])):
            return seen
        role, name = focused_name(page, cdp)
        seen.append((focused[0], focused[1], role, name))
    pytest.fail(f"Tab never left the page after {limit} presses: a keyboard trap? {seen[-5:]}")


@pytest.mark.parametrize(
    "path",
    [
        "/?",
        "/?numbers=1&image=shapes&lang=ko",
        "/?op=transpose",
        "/embed?",
        "/network?lang=ko",
        "/practice?seed=42&level=2&n=5",
        "/tour?lang=ko",
        "/tour/21?",
    ],
)
def test_tab_reaches_every_control_with_a_name_and_no_trap(
    browser: Any, server: str, path: str
) -> None:
    # Reduced motion: a still page, so the walk reads names rather than a moving figure.
    with watched_page(browser, reduced_motion="reduce") as page:
        page.goto(f"{server}{path}")
        page.wait_for_selector("html[data-ready]")
        page.wait_for_load_state("networkidle")  # the downloads' checks have answered
        controls = page.evaluate(CONTROLS)
        walk = tab_walk(page)
    for _, what, role, name in walk:
        print(f"{role:12} {name[:60]!r:64} {what[:50]}")
    reached = {number for number, _, _, _ in walk}
    assert [c for i, c in enumerate(controls) if str(i) not in reached] == []
    assert [entry for entry in walk if not entry[3].strip()] == []
    # The figure's input cells take one Tab stop between them, not one each.
    assert sum(what.startswith("<rect") for _, what, _, _ in walk) <= 1


def step_label(page: Page) -> str:
    return page.inner_text("#step-label")


def wait_for_step_change(page: Page, shown: str) -> None:
    page.wait_for_function(f"document.getElementById('step-label').textContent !== {shown!r}")


def test_the_figure_is_operated_from_the_keyboard(page: Page, server: str) -> None:
    page.goto(f"{server}/?i=5&k=3")
    page.wait_for_selector("html[data-ready]")
    page.focus("#play")
    page.keyboard.press("Space")  # pauses the autoplay
    page.keyboard.press("Home")
    page.focus("#next")
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert step_label(page) == "step 3 of 9"
    page.focus("#first")
    page.keyboard.press("Enter")
    assert step_label(page) == "step 1 of 9"
    # Off the controls, the arrows step.
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    assert step_label(page) == "step 2 of 9"
    # A slider's arrows change its parameter: a 4×4 kernel over 5×5 leaves a 2×2 output.
    page.focus("#k-0-range")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.getElementById('k-0-number').value === '4'")
    page.wait_for_function("document.getElementById('step-label').textContent.endsWith('of 4')")
    # F presents the figure and Esc leaves; the focus is back on the page.
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("f")
    page.wait_for_selector("body.presenting")
    page.keyboard.press("Escape")
    page.wait_for_selector("body:not(.presenting)")
    # The language link, followed with Enter, opens the page in Korean.
    page.focus(".language-link[data-lang='ko']")
    page.keyboard.press("Enter")
    page.wait_for_selector("html[lang='ko'][data-ready]")
    assert "k=4" in page.url
    assert page.inner_text("#step-label").startswith("4단계 중")


def test_the_focus_ring_is_visible_and_contrasts(page: Page, server: str) -> None:
    page.goto(f"{server}/?")
    page.wait_for_selector("html[data-ready]")
    page.focus("body")
    page.keyboard.press("Tab")
    ring = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
          return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"""
    )
    # The accent, rgb(181, 71, 11), is 5.4:1 against the white page (3:1 is WCAG's floor).
    assert ring == ["solid", "3px", "rgb(181, 71, 11)"]
    Path("/tmp/shots-a11y").mkdir(exist_ok=True)
    page.screenshot(path="/tmp/shots-a11y/focus-first-link.png")
    page.focus("#next")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.screenshot(path="/tmp/shots-a11y/focus-next.png")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"


# A step in words, worked by hand: a 3×3 kernel over a 5×5 input, unit strides, a 3×3 output.
DASH = "\u2013"  # the en dash of a range of rows
NARRATED = {
    "en": f"Step 4 of 9: output (1, 0) is the sum over grid rows 1{DASH}3, columns 0{DASH}2, "
    "each cell times its kernel weight.",
    "ko": f"9단계 중 4단계: 출력 (1, 0)은 격자 행 1{DASH}3, 열 0{DASH}2의 "
    "칸마다 커널 가중치를 곱해 더한 합입니다.",
}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_step_is_narrated_in_the_page_language(browser: Any, server: str, lang: str) -> None:
    with watched_page(browser, reduced_motion="reduce") as page:
        page.goto(f"{server}/?i=5&k=3&lang={lang}")
        page.wait_for_selector("html[data-ready]")
        region = page.locator("#narration")
        assert region.get_attribute("aria-live") == "polite"
        # Hidden from the eye, not from a screen reader.
        assert region.bounding_box() is not None and region.bounding_box()["width"] <= 1  # type: ignore[index]
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        assert region.inner_text() == NARRATED[lang]


def test_a_dilated_step_names_its_rows_one_by_one(page: Page, server: str) -> None:
    # k=3, d=2, s=2 over 7×7: output (0, 1) reads rows 0, 2, 4 and columns 2, 4, 6.
    page.goto(f"{server}/?i=7&k=3&s=2&d=2&step=0")
    page.wait_for_selector("html[data-ready]")
    page.keyboard.press("ArrowRight")
    assert page.inner_text("#narration") == (
        "Step 2 of 4: output (0, 1) is the sum over grid rows 0, 2, 4, columns 2, 4, 6, "
        "each cell times its kernel weight."
    )


def test_autoplay_does_not_flood_the_live_region(page: Page, server: str) -> None:
    page.goto(f"{server}/?i=5&k=3")
    page.wait_for_selector("html[data-ready]")
    first = step_label(page)
    wait_for_step_change(page, first)
    assert page.inner_text("#narration") == ""
    page.click("#play")  # pause: the step it stopped on is said
    shown = int(step_label(page).split()[1])
    assert page.inner_text("#narration").startswith(f"Step {shown} of 9: ")


@pytest.mark.parametrize("path", ["/?i=5&k=3", "/embed?i=5&k=3", "/?present=1&i=5&k=3"])
def test_reduced_motion_keeps_the_figure_still_until_play(
    browser: Any, server: str, path: str
) -> None:
    with watched_page(browser, reduced_motion="reduce") as page:
        page.goto(f"{server}{path}")
        page.wait_for_selector("html[data-ready]")
        assert page.get_attribute("#play", "aria-pressed") == "false"
        # The paper's pace is a step a second: two seconds would show two steps.
        page.wait_for_timeout(2000)
        assert step_label(page) == "step 1 of 9"
        page.click("#play")
        wait_for_step_change(page, "step 1 of 9")
        # Once a person chose to play, a new figure keeps playing.
        if path == "/?i=5&k=3":
            assert page.is_visible("#calm-hint")
            page.fill("#k-0-number", "2")
            page.keyboard.press("Enter")
            page.wait_for_function(
                "document.getElementById('step-label').textContent.endsWith('of 16')"
            )
            assert page.get_attribute("#play", "aria-pressed") == "true"


def test_without_reduced_motion_the_figure_plays(browser: Any, server: str) -> None:
    with watched_page(browser, reduced_motion="no-preference") as page:
        page.goto(f"{server}/?i=5&k=3")
        page.wait_for_selector("html[data-ready]")
        assert not page.is_visible("#calm-hint")
        assert page.get_attribute("#play", "aria-pressed") == "true"
        wait_for_step_change(page, "step 1 of 9")


def test_the_legend_cues_do_not_rest_on_colour(page: Page, server: str) -> None:
    """Padding dashed, inserted zeros dotted, the window and the current output outlined."""
    page.goto(f"{server}/?op=transpose&i=3&k=3&s=2&p=1&step=0")
    page.wait_for_selector("html[data-ready]")
    cues = page.evaluate(
        """() => Object.fromEntries(["padding", "inserted", "kernel", "current"].map((k) => {
          const s = getComputedStyle(document.querySelector(`.sw-${k}`));
          return [k, [s.strokeDasharray, s.strokeWidth]]; }))"""
    )
    assert cues["padding"][0] != "none" and cues["inserted"][0] != "none"
    assert cues["padding"][0] != cues["inserted"][0]
    assert cues["kernel"][1] == cues["current"][1] == "3px"
    # The figure's current output carries the outline too, where the window is.
    mark = page.locator("#figure .current-mark")
    box = mark.bounding_box()
    assert box is not None and box["width"] > 0
