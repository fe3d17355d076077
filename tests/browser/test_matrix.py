"""The matrix view as a learner uses it: opened under the figure, its lit row following the
player, the paper's 4 × 16 matrix drawn, im2col beside it, a transposed layer's Cᵀ, a summary
where a matrix is too large, pooling's reason, the link keeping it open, and a phone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import watched_page

pytestmark = pytest.mark.browser

Page = Any
FIGURE_2_1 = "op=conv&i=4&k=3&s=1&p=0"


def open_page(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}/?{query}")
    page.wait_for_selector("html[data-ready]")


def wait_for_matrix(page: Page) -> None:
    page.wait_for_function(
        "() => !document.getElementById('matrix-body').hidden"
        " || !document.getElementById('matrix-error').hidden"
    )


def lit_labels(page: Page, svg: str) -> list[str]:
    labels: list[str] = page.evaluate(
        f"[...document.querySelectorAll('#{svg} .mx-lit text')].map((t) => t.textContent)"
    )
    return labels


def band_row(page: Page) -> int:
    """Which matrix row the outline sits on, from its position and the cells' height."""
    row: int = page.evaluate(
        """() => {
          const band = document.querySelector('#matrix-svg .mx-band');
          const cells = [...document.querySelectorAll('#matrix-svg g > g > rect')];
          const top = Math.min(...cells.map((r) => Number(r.getAttribute('y'))));
          const h = Number(cells[0].getAttribute('height'));
          return Math.round((Number(band.getAttribute('y')) - top) / h);
        }"""
    )
    return row


def test_closed_it_asks_for_nothing_and_opening_draws_the_papers_matrix(
    page: Page, server: str
) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/matrix" in r.url else None)
    open_page(page, server, f"{FIGURE_2_1}&step=0")
    page.wait_for_timeout(300)
    assert asked == []
    page.click("#matrix-view > summary")
    wait_for_matrix(page)
    # Section 4.1: 4 rows of 16, nine weights each; the equation and the sizes said.
    assert page.locator("#matrix-equation").inner_text() == "C · vec(x) = vec(y)"
    assert "4 × 16" in page.locator("#matrix-about").inner_text()
    weights = page.evaluate(
        "[...document.querySelectorAll('#matrix-svg .mx-weight text')].map((t) => t.textContent)"
    )
    assert len(weights) == 36 and weights[:3] == ["w₀,₀", "w₀,₁", "w₀,₂"]
    # Step 1 lights row 0: the inputs x0..x2, x4..x6, x8..x10 and the output y0.
    assert band_row(page) == 0
    assert sorted(lit_labels(page, "matrix-svg")) == sorted(
        ["y₀", "x₀", "x₁", "x₂", "x₄", "x₅", "x₆", "x₈", "x₉", "x₁₀"]
    )
    assert page.locator("#matrix-step").inner_text().startswith("Step 1: row 0 is output (0, 0)")
    # The link keeps the view open, as a new history entry.
    page.wait_for_function("() => new URLSearchParams(location.search).get('matrix') === '1'")


def test_the_lit_row_follows_the_player(page: Page, server: str) -> None:
    open_page(page, server, f"{FIGURE_2_1}&step=0&matrix=1&numbers=1")
    wait_for_matrix(page)
    for step in range(1, 4):
        page.click("#next")
        page.wait_for_function(
            "(n) => document.getElementById('matrix-step').textContent.startsWith(`Step ${n}:`)",
            arg=step + 1,
        )
        assert band_row(page) == step
    # Figure 1.1's last output of the 4×4 corner: 17, written out with the numbers.
    assert page.locator("#matrix-step").inner_text().endswith("= 17")
    assert page.locator("#im2col-step").inner_text().endswith("= 17")
    assert "y₃" not in lit_labels(page, "matrix-svg")  # numbers on: the lit output is 17
    assert "17" in lit_labels(page, "matrix-svg")


def test_im2col_and_its_memory(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=3&k=3&s=1&p=1&step=0&matrix=1")
    wait_for_matrix(page)
    # Output (0, 0)'s window on a padded 3×3 input: five of its nine taps read zeros.
    column = page.evaluate(
        """() => {
          const texts = [...document.querySelectorAll('#im2col-svg g > g')];
          return texts.slice(0, 9).map((g) => g.textContent);
        }"""
    )
    assert column == ["0", "0", "0", "0", "x₀,₀", "x₀,₁", "0", "x₁,₀", "x₁,₁"]
    memory = page.locator("#im2col-memory").inner_text()
    assert "9 × 9 = 81" in memory and "9×" in memory and "input's 9" in memory


def test_a_transposed_layer_multiplies_by_the_transpose(page: Page, server: str) -> None:
    open_page(page, server, "op=transpose&i=2&k=3&s=1&p=0&step=5&matrix=1")
    wait_for_matrix(page)
    assert page.locator("#matrix-equation").inner_text() == "Cᵀ · vec(x) = vec(y)"
    about = page.locator("#matrix-about").inner_text()
    assert "16 × 4" in about and "taking 4×4 to 2×2" in about
    assert page.locator("#im2col").is_hidden()
    # Output (1, 1) of the 4×4 output is row 5, reading all four inputs.
    assert band_row(page) == 5
    assert sorted(lit_labels(page, "matrix-svg")) == sorted(["y₅", "x₀", "x₁", "x₂", "x₃"])


def test_the_scatter_view_lights_a_column(page: Page, server: str) -> None:
    open_page(page, server, "op=transpose&i=2&k=3&s=1&p=0&view=scatter&step=0&matrix=1")
    wait_for_matrix(page)
    step = page.locator("#matrix-step").inner_text()
    assert step.startswith("Step 1: column 0 is input (0, 0)")
    # Input 0's kernel copy lands on outputs 0-2, 4-6 and 8-10 of the 4×4 output.
    assert sorted(lit_labels(page, "matrix-svg")) == sorted(
        ["x₀", "y₀", "y₁", "y₂", "y₄", "y₅", "y₆", "y₈", "y₉", "y₁₀"]
    )


def test_too_large_to_draw_is_summarised(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=9&k=3&s=1&p=0&matrix=1")
    wait_for_matrix(page)
    # 49 × 81, 441 weights: past 64 columns, so summarised. 441 / 3969 = 11.11 %.
    summary = page.locator("#matrix-summary").inner_text()
    assert "49 × 81" in summary and "441" in summary and "11.11 %" in summary
    assert page.locator("#matrix-svg").is_hidden()
    assert page.locator("#im2col-svg").is_visible()  # 9 × 49 still draws


def test_pooling_says_why(page: Page, server: str) -> None:
    open_page(page, server, "op=maxpool&i=4&k=2&matrix=1")
    wait_for_matrix(page)
    error = page.locator("#matrix-error").inner_text()
    assert "op=conv" in error and "not linear" in error
    assert page.locator("#matrix-body").is_hidden()


def test_back_closes_what_the_entry_had_closed(page: Page, server: str) -> None:
    open_page(page, server, f"{FIGURE_2_1}&step=0")
    page.click("#matrix-view > summary")
    page.wait_for_function("() => new URLSearchParams(location.search).get('matrix') === '1'")
    page.go_back()
    page.wait_for_function("() => !document.getElementById('matrix-view').open")
    page.go_forward()
    page.wait_for_function("() => document.getElementById('matrix-view').open")


def test_korean_words_and_a_phone(browser: Any, server: str) -> None:
    with watched_page(browser, viewport={"width": 390, "height": 844}) as page:
        open_page(page, server, f"{FIGURE_2_1}&step=0&matrix=1&lang=ko")
        wait_for_matrix(page)
        assert page.locator("#matrix-view > summary").inner_text() == "행렬로 본 합성곱"
        assert page.locator("#matrix-step").inner_text().startswith("1단계: 0번째 행은")
        # The drawing keeps its size and scrolls sideways in its box; the page does not.
        sizes = page.evaluate(
            """() => {
              const box = document.querySelector('#matrix-view .matrix-scroll');
              const text = document.querySelector('#matrix-svg text');
              return [box.scrollWidth > box.clientWidth, document.documentElement.scrollWidth,
                      parseFloat(getComputedStyle(text).fontSize)];
            }"""
        )
        assert sizes[0] is True
        assert sizes[1] <= 390
        assert sizes[2] >= 12
        # Stepping on the phone moves both views with the figure.
        page.click("#next")
        page.wait_for_function(
            "() => document.getElementById('matrix-step').textContent.startsWith('2단계')"
        )
        assert band_row(page) == 1
        assert page.locator("#im2col-step").inner_text().startswith("2단계: 1번째 열은")
