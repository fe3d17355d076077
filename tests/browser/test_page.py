"""The page as a person uses it, in headless Chromium against the real server."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.figures import BY_NUMBER, FIGURES, Figure
from app.core.params import Config
from tests.browser.conftest import new_context

pytestmark = pytest.mark.browser

Page = Any


def open_page(page: Page, server: str, query: str = "") -> None:
    page.goto(f"{server}/{'?' + query if query else ''}")
    page.wait_for_selector("html[data-ready]")


def figure_query(page: Page) -> str:
    return str(page.get_attribute("#figure", "data-query"))


def wait_for_query(page: Page, fragment: str, exact: bool = False) -> None:
    """Wait until the figure drawn is the configuration named (or containing ``fragment``)."""
    test = "q === f" if exact else "q.includes(f)"
    page.wait_for_function(
        f"f => {{ const q = document.getElementById('figure').dataset.query; return {test}; }}",
        arg=fragment,
    )


def wait_for_url_param(page: Page, name: str, value: str) -> None:
    """The page writes its URL once a change settles: wait for it to say ``name=value``."""
    page.wait_for_function(
        "([n, v]) => new URLSearchParams(location.search).get(n) === v", arg=[name, value]
    )


def counts(page: Page) -> tuple[int, int]:
    # The grids' cells, not the step's marks laid over them.
    grid = page.locator("#figure .grid .cells rect").count()
    out = page.locator("#figure .output .cells rect").count()
    return grid, out


def test_default_figure_renders_and_animates(page: Page, server: str) -> None:
    open_page(page, server)
    assert counts(page) == (25, 9)
    labels = page.locator("#figure text.label").all_text_contents()
    assert labels == ["input 5×5", "output 3×3"]
    # Nobody clicked: the animation runs by itself.
    page.wait_for_function("document.getElementById('scrub').value !== '0'")
    assert page.get_attribute("#play", "aria-pressed") == "true"
    assert page.locator("#figure .grid rect.on").count() == 9
    assert page.locator("#figure .output rect.current").count() == 1
    assert "Relationship 1" in page.inner_text("#relationship")
    assert page.locator("#formula math").count() == 1


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.number)
def test_preset_reproduces_the_paper(page: Page, server: str, figure: Figure) -> None:
    open_page(page, server)
    page.click(f"a.preset[data-figure='{figure.number}']")
    expected = Config.from_query(figure.query).query()
    wait_for_query(page, expected, exact=True)
    assert page.locator("a.preset[aria-current]").all_inner_texts() == [
        page.inner_text(f"a.preset[data-figure='{figure.number}']")
    ]
    grid, out = counts(page)
    assert grid == figure.grid**2
    assert out == figure.output**2 == figure.steps
    assert page.get_attribute("#scrub", "max") == str(figure.steps - 1)
    assert f"output {figure.output}×{figure.output}" in page.locator("#figure").text_content()
    wait_for_url_param(page, "op", figure.query["op"])
    wait_for_url_param(page, "i", figure.query["i"])


def test_slider_updates_figure_and_url(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&s=1&p=0")
    page.locator("#k-0-range").fill("2")
    wait_for_query(page, "k=2")
    assert counts(page) == (25, 16)
    wait_for_url_param(page, "k", "2")
    page.locator("#p-0-number").fill("1")
    page.locator("#p-0-number").dispatch_event("change")
    wait_for_query(page, "p=1")
    assert counts(page) == (49, 36)
    wait_for_url_param(page, "p", "1")


def test_unlinked_axes_give_a_rectangular_figure(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3")
    page.uncheck("#linked")
    assert page.locator("#i-1-range").is_visible()
    page.locator("#i-1-range").fill("8")
    wait_for_query(page, "i=5,8")
    assert counts(page) == (40, 18)
    wait_for_url_param(page, "i", "5,8")


def test_link_restores_the_same_paused_state(page: Page, server: str, browser: Any) -> None:
    open_page(page, server, "op=transpose&i=3&k=3&s=2&p=1&a=1")
    page.click("#play")  # pause
    page.click("#first")
    for _ in range(4):
        page.click("#next")
    wait_for_url_param(page, "step", "4")
    link = page.evaluate("location.href")
    context = new_context(browser)
    other = context.new_page()
    other.goto(link)
    other.wait_for_selector("html[data-ready]")
    assert figure_query(other) == figure_query(page)
    assert other.get_attribute("#play", "aria-pressed") == "false"
    assert other.input_value("#scrub") == "4"
    assert other.inner_text("#step-label") == page.inner_text("#step-label") == "step 5 of 36"
    assert other.is_checked("#controls input[value='transpose']")
    assert other.input_value("#a-0-number") == "1"
    context.close()


def test_copy_link_puts_the_url_on_the_clipboard(browser: Any, server: str) -> None:
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, server, "op=maxpool&i=6&k=3&s=2&ceil=1")
    page.click("#copy-link")
    page.wait_for_function("document.getElementById('share-status').textContent !== ''")
    # The test server listens on a loopback address: the warning follows (test_links.py).
    assert page.inner_text("#share-status").startswith("Link copied. ")
    assert page.evaluate("navigator.clipboard.readText()") == page.evaluate("location.href")
    context.close()


def test_keyboard_steps(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&s=2&p=1")
    page.locator("body").focus()
    page.keyboard.press("Space")
    assert page.get_attribute("#play", "aria-pressed") == "false"
    page.keyboard.press("Home")
    assert page.input_value("#scrub") == "0"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.input_value("#scrub") == "2"
    page.keyboard.press("ArrowLeft")
    assert page.input_value("#scrub") == "1"
    page.keyboard.press("End")
    assert page.input_value("#scrub") == "8"
    wait_for_url_param(page, "step", "8")
    page.keyboard.press("Space")
    assert page.get_attribute("#play", "aria-pressed") == "true"


def test_invalid_configuration_keeps_the_figure_and_says_why(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3")
    before = figure_query(page)
    page.locator("#k-0-number").fill("9")
    page.locator("#k-0-number").dispatch_event("change")
    page.wait_for_selector("#error:not([hidden])")
    assert "larger than the padded input" in page.inner_text("#error")
    assert figure_query(page) == before
    assert page.locator(".param[data-param='k'].invalid").count() == 1
    page.locator("#k-0-number").fill("4")
    page.locator("#k-0-number").dispatch_event("change")
    page.wait_for_selector("#error[hidden]", state="attached")
    assert page.locator(".param.invalid").count() == 0


def test_impossible_link_opens_the_nearest_figure_with_the_reason(page: Page, server: str) -> None:
    # p=same refused at stride 2: the padding it would have been, p=1, keeps the link's s=2,
    # so the 5×5 input padded to 7×7 (49 cells) gives 3×3 outputs.
    open_page(page, server, "op=conv&i=5&k=3&s=2&p=same")
    assert "padding=same needs stride 1" in page.inner_text("#error")
    assert "p = 1 instead of same" in page.inner_text("#error")
    assert counts(page) == (49, 9)


def test_sliders_only_offer_accepted_values(page: Page, server: str) -> None:
    open_page(page, server, "op=transpose&i=3&k=3&s=2&p=1")
    # PyTorch: output padding must be smaller than the stride (or the dilation).
    assert page.get_attribute("#a-0-range", "max") == "1"
    page.click("#controls input[value='maxpool']")
    wait_for_query(page, "op=maxpool")
    page.wait_for_function("document.getElementById('p-0-range').max === '1'")
    assert page.locator(".param[data-param='a']").is_hidden()
    assert page.locator("#ceil").is_visible()
    same = page.locator("#p-mode option[value='same']")
    assert same.get_attribute("disabled") is not None


def test_hover_pins_a_step_and_shows_what_an_input_feeds(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=4&k=3&s=1&p=0")
    page.hover("#figure .output rect[data-step='3']")
    assert page.get_attribute("#play", "aria-pressed") == "false"
    assert page.input_value("#scrub") == "3"
    # The top-left input cell feeds only the first output; a centre cell feeds all four.
    page.hover("#figure .grid rect[data-cell='5']")
    assert page.locator("#figure .output rect.feeds").count() == 4
    assert "feeds 4 output cells" in page.inner_text("#caption")


def test_transposed_grid_marks_inserted_zeros_and_padding(page: Page, server: str) -> None:
    open_page(page, server, "op=transpose&i=2&k=3&s=2&p=0")
    fills = page.evaluate(
        """() => Object.fromEntries(['input', 'padding', 'inserted'].map(kind => [kind,
            getComputedStyle(document.querySelector(`#figure .grid rect.${kind}`)).fill]))"""
    )
    assert len(set(fills.values())) == 3, fills
    assert page.locator("#figure .grid .cells rect.inserted").count() == 5
    assert not page.locator("#transpose").is_hidden()
    assert "transpose of Conv2d" in page.inner_text("#transpose-direct")


def test_dilated_figure_shades_only_the_spaced_cells(page: Page, server: str) -> None:
    fig = BY_NUMBER["5.1"]
    open_page(page, server, "&".join(f"{k}={v}" for k, v in fig.query.items()) + "&step=0")
    assert page.locator("#figure .grid rect.on").count() == 9
    box = page.locator("#figure rect.window")
    assert box.get_attribute("width") == box.get_attribute("height") == str(5 * 40)


def test_phone_width_has_no_sideways_scroll(browser: Any, server: str) -> None:
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_page(page, server, "op=transpose&i=3&k=3&s=2&p=1&a=1")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    box = page.locator("#figure").bounding_box()
    assert box is not None and box["width"] > 300
    context.close()


def test_everything_comes_from_the_server_origin(browser: Any, server: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, server)
    page.click("a.preset[data-figure='4.6']")
    wait_for_query(page, "transpose")
    foreign = [url for url in requested if not url.startswith((server, "data:"))]
    assert foreign == []
    context.close()


def test_chapter_one_preset_shows_the_papers_numbers(page: Page, server: str) -> None:
    open_page(page, server)
    page.click("a.preset[data-figure='1.1']")
    wait_for_query(page, "op=conv&i=5&k=3&s=1&p=0", exact=True)
    assert page.is_checked("#numbers")
    page.click("#play")
    page.click("#first")
    outputs = page.locator("#figure .output text.num").all_text_contents()
    assert outputs == ["12", "12", "17", "10", "17", "19", "9", "6", "14"]
    caption = page.inner_text("#caption")
    assert caption.startswith("Output (0, 0) = 3×0 + 3×1 + 2×2") and caption.endswith("= 12")
    assert page.locator("#figure text.tap").all_text_contents() == list("012220012")
    wait_for_url_param(page, "numbers", "1")
    page.uncheck("#numbers")
    assert page.locator("#figure text.num").count() == 0
    assert page.inner_text("#caption") == "Output cell (0, 0) reads 9 grid cells."


def test_max_pooling_numbers_write_out_the_maximum(page: Page, server: str) -> None:
    open_page(page, server, "op=maxpool&i=5&k=3&s=2&p=1&numbers=1&step=0")
    assert page.inner_text("#caption") == (
        "Output (0, 0) = max(−∞, −∞, −∞, −∞, 3, 3, −∞, 0, 0) = 3"
    )


def test_scatter_view_of_a_transposed_convolution(page: Page, server: str) -> None:
    open_page(page, server, "op=transpose&i=3&k=3&s=2&p=1&a=1&step=0")
    page.check("#views input[value='scatter']")
    page.wait_for_selector("#figure[data-view='scatter']")
    # One step per input unit; the canvas is the output plus the cropped padding.
    assert page.get_attribute("#scrub", "max") == "8"
    assert counts(page) == (9, 49)
    assert page.locator("#figure .output .cells rect.cropped").count() == 49 - 36
    assert "cropped from a 7×7" in str(page.locator("#figure").text_content())
    wait_for_url_param(page, "view", "scatter")
    assert page.locator(".legend [data-kind='cropped']").is_visible()
    # Hovering an input unit pins its step; the copy lands on 9 canvas cells.
    page.hover("#figure .grid rect[data-step='4']")
    assert page.input_value("#scrub") == "4"
    assert page.locator("#figure .output rect.on").count() == 9
    page.check("#views input[value='direct']")
    page.wait_for_selector("#figure[data-view='direct']")
    assert counts(page) == (64, 36)
    assert page.locator(".legend [data-kind='cropped']").is_hidden()


def test_scatter_link_reopens_the_scatter_view(page: Page, server: str) -> None:
    open_page(page, server, "op=transpose&i=4&k=3&s=2&view=scatter&numbers=1&step=1")
    assert page.get_attribute("#figure", "data-view") == "scatter"
    assert page.inner_text("#caption").startswith("Input (0, 1) = 3 adds 3 × the kernel")
    page.click("#controls input[value='conv']")
    wait_for_query(page, "op=conv")
    assert page.get_attribute("#figure", "data-view") == "direct"
    assert page.locator("#views").is_hidden()


def test_padding_keyword_shows_the_padding_it_resolves_to(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&s=1&p=0")
    page.select_option("#p-mode", "full")
    wait_for_query(page, "p=full")
    assert page.input_value("#p-0-number") == "2"
    assert page.locator("#p-0-number").is_disabled()


def test_hover_caption_returns_to_the_step(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&s=2&p=1&step=0")
    step_caption = page.inner_text("#caption")
    page.hover("#figure .grid rect[data-cell='0']")
    assert page.inner_text("#caption") == "Grid cell (0, 0) feeds 1 output cell."
    page.mouse.move(5, 700)
    assert page.inner_text("#caption") == step_caption


def test_a_number_box_wants_a_whole_number(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3")
    page.locator("#k-0-number").fill("2.5")
    page.locator("#k-0-number").dispatch_event("change")
    assert "whole number" in page.inner_text("#error")
    assert figure_query(page).startswith("op=conv&i=5&k=3&")


def test_labels_say_what_was_done_to_the_input(page: Page, server: str) -> None:
    open_page(page, server, "op=transpose&i=5&k=3&s=1&p=1")
    assert page.locator("#figure text.label").first.text_content() == "input 5×5, padded to 7×7"
    open_page(page, server, "op=maxpool&i=5&k=3&s=2&p=1")
    assert "−∞" in page.inner_text(".legend [data-kind='padding']")
    unlinked = "op=conv&i=5,7&k=3"
    open_page(page, server, unlinked)
    assert page.inner_text("#i-hint").startswith("height ")


def test_unknown_link_names_are_ignored_with_a_notice(page: Page, server: str) -> None:
    """A link from another tool (PyTorch's names) still draws what it can, and says what it
    ignored instead of silently drawing something else."""
    page.goto(f"{server}/?op=conv&i=7&stride=2&groups=2&numbers=1")
    page.wait_for_selector("html[data-ready]")
    notice = page.inner_text("#ignored")
    assert "stride (did you mean s?), groups" in notice
    assert "i, k, s, p" in notice
    assert counts(page) == (49, 25)  # i=7 was kept; the stride stayed 1
    assert page.locator("#error").is_hidden()


def test_no_notice_for_the_page_own_settings(page: Page, server: str) -> None:
    page.goto(f"{server}/?op=conv&i=5&numbers=1&step=2&lang=en")
    page.wait_for_selector("html[data-ready]")
    assert page.locator("#ignored").count() == 0


def test_a_layer_too_large_to_draw_shows_its_arithmetic_and_why(page: Page, server: str) -> None:
    """A 600-wide input (past the drawn grid's 512): the slider reaches its 600, the
    arithmetic is shown, the figure
    area says why there is no figure; typing a drawable size draws again (and the slider then
    stops at drawable sizes), typing past the drawing limit says why again, and no picture is
    offered meanwhile."""
    open_page(page, server, "op=conv&i=600&k=11&s=4")
    assert page.locator("#undrawable").is_visible()
    said = page.inner_text("#undrawable")
    assert "too large to draw" in said and "over the limit of 512 per side" in said
    assert page.locator("#error").is_hidden()
    assert page.locator(".figure-wrap").is_hidden() and page.locator(".player").is_hidden()
    assert page.locator(".legend").is_hidden()
    assert page.locator(".export-links").is_hidden()
    assert page.locator("#export-undrawable").is_visible()
    assert "(1, 1, 600, 600) -> (1, 1, 148, 148)" in page.inner_text("#code-pytorch")
    # The slider reaches the value shown; the number box every accepted size.
    assert page.get_attribute("#i-0-range", "max") == "600"
    assert page.get_attribute("#i-0-number", "max") == "4096"
    assert page.input_value("#i-0-range") == "600"
    page.keyboard.press("ArrowRight")  # no figure to step through: nothing happens

    page.locator("#i-0-number").fill("27")
    page.locator("#i-0-number").dispatch_event("change")
    # The figure was never drawn, so it has no query yet to wait on with wait_for_query.
    page.wait_for_selector("#figure[data-query*='i=27&']")
    assert page.locator("#undrawable").is_hidden()
    assert page.locator(".figure-wrap").is_visible() and page.locator(".export-links").is_visible()
    assert counts(page) == (27 * 27, 5 * 5)
    assert "(1, 1, 27, 27) -> (1, 1, 5, 5)" in page.inner_text("#code-pytorch")

    page.wait_for_function("document.getElementById('i-0-range').max === '128'")
    page.locator("#i-0-number").fill("700")
    page.locator("#i-0-number").dispatch_event("change")
    page.wait_for_selector("#undrawable:not([hidden])")
    wait_for_url_param(page, "i", "700")
    assert "(1, 1, 700, 700) -> (1, 1, 173, 173)" in page.inner_text("#code-pytorch")
    assert "step" not in page.evaluate("location.search")
    assert page.locator(".export-links").is_hidden() and page.locator("#error").is_hidden()

    page.locator("#i-0-range").fill("27")
    page.wait_for_selector("#undrawable", state="hidden")
    wait_for_url_param(page, "i", "27")
    assert counts(page) == (27 * 27, 5 * 5)
    assert page.locator(".player").is_visible()


def test_an_undrawn_layer_names_its_grid_as_not_drawn(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=600&k=11&s=4")
    terms = page.locator("#shapes dt").all_text_contents()
    assert "Grid the kernel sweeps (not drawn)" in terms and "Grid drawn" not in terms
    open_page(page, server, "op=conv&i=5&k=3")
    assert "Grid drawn" in page.locator("#shapes dt").all_text_contents()
