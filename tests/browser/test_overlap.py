"""The overlap heatmap of a transposed convolution, in a real browser: the kernel copies
printed in the output cells against counts worked by hand, the sentence under the figure and
its link to a configuration without the checkerboard, both views, Korean, a phone, a slide.

By hand: input unit u puts its kernel's tap j on output line u·s + j·d − p, and a cell's
count is its row's times its column's."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import watched_page
from tests.browser.test_readable import LEAST_PX, RENDERED_SIZES, ROUNDING
from tests.browser.test_touch import CONTROLS, PORTRAIT, TARGET_PX

pytestmark = pytest.mark.browser

Page = Any
# i=4, k=3, s=2, p=0: taps on lines 0-2, 2-4, 4-6, 6-8 of 9.
K3 = [1, 1, 2, 1, 2, 1, 2, 1, 1]
# i=4, k=4, s=2, p=0: taps on lines 0-3, 2-5, 4-7, 6-9 of 10.
K4 = [1, 1, 2, 2, 2, 2, 2, 2, 1, 1]
# i=4, k=3, s=2, d=2, p=1: taps on u·2 + 2j − 1, the odd lines only.
HOLES = [0, 2, 0, 3, 0, 3, 0, 2, 0]
CHECKERBOARD = "op=transpose&i=4&k=3&s=2"
EVEN_ALTERNATIVE = "op=transpose&i=4&k=4&s=2&p=1&a=1"
# k=4, s=2, p=1, a=1 on a 4×4 input: taps on −1..2, 1..4, 3..6, 5..8 of lines 0..8 (the
# output padding's extra line 8 is reached by the last copy only).
K4_P1_A1 = [1, 2, 2, 2, 2, 2, 2, 1, 1]

# The printed counts, row by row, as the figure draws them (an unprinted one is "?").
PRINTED = """() => {
  const texts = [...document.querySelectorAll('#figure .heat text')];
  const cells = [...document.querySelectorAll('#figure .heat rect')];
  const shown = (n) => (n.classList.contains('unread') ? '?' : n.textContent);
  return { n: cells.length, texts: texts.map(shown),
    fills: [...new Set(cells.map((c) => c.getAttribute('fill')))].length };
}"""


def outer(rows: list[int], cols: list[int]) -> list[str]:
    return [str(r * c) for r in rows for c in cols]


def open_page(page: Page, server: str, path: str) -> None:
    page.goto(f"{server}{path}")
    page.wait_for_selector("html[data-ready]", state="attached")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")


def sentence(page: Page) -> str:
    text: str = page.locator("#overlap-sentence").inner_text()
    return text


def test_the_checkerboard_printed_in_the_output_and_its_cure_one_click_away(
    browser: Any, server: str
) -> None:
    with watched_page(browser) as page:
        open_page(page, server, f"/?{CHECKERBOARD}")
        assert page.locator("#overlap-note").is_hidden()
        assert page.locator("#figure .heat").count() == 0
        page.get_by_label("Overlap").check()
        page.wait_for_url("**overlap=1**")
        printed = page.evaluate(PRINTED)
        assert printed["n"] == 81 and printed["texts"] == outer(K3, K3)
        assert printed["fills"] == 3  # 1, 2 and 4: three shades
        assert page.locator("#overlap-ramp").inner_text().split() == ["1", "2", "4"]
        said = sentence(page)
        assert said.startswith("The kernel size k is not a multiple of the stride s (in height")
        assert "(1, 2 and 4 here)" in said and "resize (nearest or bilinear)" in said
        link = page.locator("#overlap-try")
        assert link.inner_text() == "Try k=4, p=1, a=1 (same output size)"
        assert EVEN_ALTERNATIVE in (link.get_attribute("href") or "")
        link.click()
        page.wait_for_function(
            "(q) => document.getElementById('figure').dataset.query === q", arg=EVEN_ALTERNATIVE
        )
        page.wait_for_url(f"**/?{EVEN_ALTERNATIVE}**overlap=1**")
        assert page.evaluate(PRINTED)["texts"] == outer(K4_P1_A1, K4_P1_A1)
        assert sentence(page) == (
            "Every output cell away from the edges gathers 4 kernel copies: no checkerboard."
        )
        assert page.locator("#overlap-try").is_hidden()
        # Back returns to the checkerboard, the heatmap still on.
        page.go_back()
        page.wait_for_function(
            "() => document.getElementById('figure').dataset.query.includes('k=3')"
        )
        assert page.evaluate(PRINTED)["texts"] == outer(K3, K3)


def test_even_from_its_link_and_off_again(browser: Any, server: str) -> None:
    with watched_page(browser) as page:
        open_page(page, server, "/?op=transpose&i=4&k=4&s=2&overlap=1")
        assert page.evaluate(PRINTED)["texts"] == outer(K4, K4)
        assert " gathers 4 kernel copies" in sentence(page)
        page.get_by_label("Overlap").uncheck()
        assert page.locator("#figure .heat").count() == 0
        assert page.locator("#overlap-note").is_hidden()
        page.wait_for_function("() => !location.search.includes('overlap')")


def test_holes_no_kernel_size_fixes(browser: Any, server: str) -> None:
    with watched_page(browser) as page:
        open_page(page, server, "/?op=transpose&i=4&k=3&s=2&d=2&p=1&overlap=1")
        assert page.evaluate(PRINTED)["texts"] == outer(HOLES, HOLES)
        said = sentence(page)
        assert "no kernel size fixes it" in said and "Lower the dilation or the stride" in said
        assert page.locator("#overlap-try").is_hidden()


def test_the_scatter_view_shades_the_canvas_output_region(browser: Any, server: str) -> None:
    # p=1 crops the 9×9 canvas's outer ring: the output is its 7×7 middle.
    with watched_page(browser) as page:
        open_page(page, server, f"/?{CHECKERBOARD}&p=1&view=scatter&overlap=1")
        assert page.evaluate(PRINTED)["texts"] == outer(K3[1:-1], K3[1:-1])
        first = page.locator("#figure .heat rect").first
        corner = page.locator("#figure .output rect.cell").nth(9 + 1)  # canvas cell (1, 1)
        assert first.get_attribute("x") == corner.get_attribute("x")
        assert first.get_attribute("y") == corner.get_attribute("y")
        # A canvas cell's count is read in the caption too: line 2 gathers 2 copies a side.
        page.locator("#figure .output rect.cell").nth(2 * 9 + 2).hover()
        caption = page.locator("#caption").inner_text()
        assert caption.endswith("from 4 input units. 4 kernel copies add up in this output cell.")


def test_other_operations_have_no_heatmap(browser: Any, server: str) -> None:
    with watched_page(browser) as page:
        open_page(page, server, "/?op=conv&i=4&k=3&s=2&overlap=1")
        assert page.locator("#overlap-toggle").is_hidden()
        assert page.locator("#figure .heat").count() == 0
        assert page.locator("#overlap-note").is_hidden()
        # Not written back: the setting means nothing here.
        page.wait_for_function("() => !location.search.includes('overlap')")


def test_korean(browser: Any, server: str) -> None:
    with watched_page(browser) as page:
        open_page(page, server, f"/?{CHECKERBOARD}&overlap=1&lang=ko")
        assert page.locator("#overlap-toggle").inner_text().strip() == "겹침"
        said = sentence(page)
        for word in ("체커보드", "커널 사본", "스트라이드", "여기서는 1, 2, 4개"):
            assert word in said, word
        link = page.locator("#overlap-try").inner_text()
        assert link == "k=4, p=1, a=1로 바꿔 보기 (출력 크기 같음)"


def test_a_phone_reads_the_counts_and_the_toggle_takes_a_finger(browser: Any, server: str) -> None:
    with watched_page(browser, viewport=PORTRAIT, has_touch=True, is_mobile=True) as page:
        open_page(page, server, f"/?{CHECKERBOARD}&overlap=1&numbers=1")
        sizes = page.evaluate(RENDERED_SIZES)
        assert [s for s in sizes if s["size"] < LEAST_PX - ROUNDING] == []
        # The counts the cells hold at 12 px are printed; the others are read in the caption.
        printed = page.evaluate(PRINTED)
        assert printed["n"] == 81
        assert [t for t in printed["texts"] if t != "?"] == [
            c for c, t in zip(outer(K3, K3), printed["texts"], strict=True) if t != "?"
        ]
        controls = page.evaluate(CONTROLS)
        toggle = [c for c in controls if c["type"] == "checkbox" and "Overlap" in c["name"]]
        assert len(toggle) == 1, controls
        assert toggle[0]["width"] >= TARGET_PX and toggle[0]["height"] >= TARGET_PX


def test_a_slide_shows_the_heatmap_and_its_sentence(browser: Any, server: str) -> None:
    with watched_page(browser, viewport={"width": 1920, "height": 1080}) as page:
        open_page(page, server, f"/?{CHECKERBOARD}&overlap=1&present=1")
        assert page.evaluate(PRINTED)["texts"] == outer(K3, K3)
        assert page.locator("#overlap-sentence").is_visible()
        assert "checkerboard" in sentence(page)


def test_an_equation_caption_ends_before_the_count(browser: Any, server: str) -> None:
    """With numbers on, the step's caption is an equation: it ends with a full stop before
    the count's sentence (they ran together: "= 3 1 kernel copy …")."""
    with watched_page(browser) as page:
        open_page(page, server, f"/?{CHECKERBOARD}&overlap=1&numbers=1&step=1")
        caption = page.locator("#caption").inner_text()
        # Output (0, 1) gathers one kernel copy (the 1/2/4 pattern's corner row).
        assert caption.startswith("Output (0, 1) = ")
        assert caption.endswith(". 1 kernel copy adds up in this output cell.")
