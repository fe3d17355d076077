"""1-D and 3-D layers on the page: the dims control and its link, a sequence drawn as a strip
with the output under it, a volume drawn as rows of depth slices with the kernel's slices lit,
causal padding offered in 1-D alone. Every expected cell is worked out by hand in a comment."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.browser.test_page import open_page, wait_for_query, wait_for_url_param

pytestmark = pytest.mark.browser

Page = Any
SHOTS = os.environ.get("SHOTS_DIR")

# The cells lit at the step on screen (the grid's by cell number, the output's by step).
LIT = """(side) => [...document.querySelectorAll(`#figure .${side} .marks rect.on`)]
  .map((r) => Number(r.dataset.cell ?? r.dataset.step)).sort((a, b) => a - b)"""


def _grid_kinds(page: Page) -> dict[int, str]:
    """The swept grid's drawn cells by number, each with its kind."""
    cells = page.evaluate(
        """() => [...document.querySelectorAll('#figure .grid .cells rect[data-cell]')]
          .map(r => [Number(r.dataset.cell), ['padding', 'inserted', 'input']
            .find(k => r.classList.contains(k))])"""
    )
    return {int(n): str(kind) for n, kind in cells}


def _slices(page: Page, side: str, lit: bool = False) -> list[int]:
    on = ".on" if lit else ""
    return [
        int(n)
        for n in page.eval_on_selector_all(
            f"#figure .{side} rect.slice{on}", "rs => rs.map(r => r.dataset.slice)"
        )
    ]


def test_a_causal_strip_reads_its_own_past(page: Page, server: str) -> None:
    # i = 7, k = 3, causal: d(k − 1) = 2 zeros on the left, none on the right: 9 cells, 7
    # outputs. Output 4 reads strip cells 4, 5, 6 (inputs 2, 3, 4), never a later input.
    open_page(page, server, "op=conv&dims=1&i=7&k=3&p=causal&step=4")
    kinds = _grid_kinds(page)
    assert len(kinds) == 9
    assert [n for n, kind in kinds.items() if kind == "padding"] == [0, 1]
    assert page.locator("#figure .output .cells rect").count() == 7
    # One row each: every cell of the strip on the same line, the output's under the grid's.
    tops = page.eval_on_selector_all(
        "#figure .cells rect", "rs => [...new Set(rs.map(r => r.getAttribute('y')))]"
    )
    assert len(tops) == 2
    assert page.evaluate(LIT, "grid") == [4, 5, 6]
    assert page.evaluate(LIT, "output") == [4]
    assert page.inner_text("#caption") == "Output 4 reads 3 grid cells."
    labels = page.eval_on_selector_all("#figure text.label", "ts => ts.map(t => t.textContent)")
    assert labels == [
        "input sequence, length 7; the kernel sweeps a strip of 9 cells",
        "output sequence, length 7",
    ]
    # A sequence has a length alone: one slider and box per size, no link between axes.
    assert page.is_visible("#i-1-number") and page.input_value("#i-1-number") == "7"
    assert not page.is_visible("#i-0-number") and not page.is_visible("#i-2-number")
    assert not page.is_visible("#linked")
    # A step to the last output lights the last three cells of the strip.
    page.click("#last")
    page.wait_for_function(
        "() => document.querySelector('#figure .output .marks rect.on')?.dataset.step === '6'"
    )
    assert page.evaluate(LIT, "grid") == [6, 7, 8]


def test_causal_is_offered_in_1d_convolution_alone(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=7&k=3&p=0")
    causal = page.locator("#p-mode option[value='causal']")
    assert causal.evaluate("o => o.hidden")
    page.check("input[name='dims'][value='1']")
    wait_for_query(page, "op=conv&dims=1&i=7&k=3&s=1&p=0", exact=True)
    assert not causal.evaluate("o => o.hidden")
    assert causal.inner_text().startswith("causal: d(k − 1) on the left only")
    page.select_option("#p-mode", "causal")
    wait_for_query(page, "p=causal")
    # d = 1, k = 3: two zeros on the left; the box shows the left padding, fixed.
    assert [n for n, kind in _grid_kinds(page).items() if kind == "padding"] == [0, 1]
    assert page.input_value("#p-1-number") == "2"
    assert page.is_disabled("#p-1-number")
    # Max pooling has no causal padding: the keyword goes back to numbers, none (one side's
    # padding is no number for both).
    page.check("input[name='op'][value='maxpool']")
    wait_for_query(page, "op=maxpool&dims=1&i=7&k=3&s=1&p=0", exact=True)
    # Nor has 2-D.
    page.check("input[name='op'][value='conv']")
    page.select_option("#p-mode", "causal")
    wait_for_query(page, "op=conv&dims=1&i=7&k=3&s=1&p=causal", exact=True)
    page.check("input[name='dims'][value='2']")
    wait_for_query(page, "op=conv&i=7&k=3&s=1&p=0", exact=True)
    assert causal.evaluate("o => o.hidden")


def test_a_sequence_takes_numbers_typed_into_its_strip(page: Page, server: str) -> None:
    # 1-D takes its own numbers as one row: x = 1, 2, 3, 4, 5 and w = 1, 0, -1 give outputs
    # 1 − 3 = −2, 2 − 4 = −2, 3 − 5 = −2; typing 9 into input 4 makes the last 3 − 9 = −6.
    open_page(page, server, "op=conv&dims=1&i=5&k=3&numbers=1&x=1,2,3,4,5&w=1,0,-1&step=2")
    assert page.inner_text("#caption") == "Output 2 = 3×1 + 4×0 + 5×(−1) = -2"
    page.locator("#figure rect.editable[data-unit='0,4']").click()
    editor = page.locator(".cell-editor")
    assert editor.input_value() == "5"
    editor.fill("9")
    editor.press("Enter")
    wait_for_url_param(page, "x", "1,2,3,4,9")
    # The pointer leaves the cell it lit: the step's caption again.
    page.mouse.move(0, 0)
    page.wait_for_function("() => document.getElementById('caption').textContent.endsWith('= -6')")


def test_the_dims_control_round_trips_through_the_link(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5,6&k=3&s=1&p=0")
    assert page.is_checked("input[name='dims'][value='2']")
    page.check("input[name='dims'][value='3']")
    # Sizes carried over per axis: the height becomes the depth too, the width stays.
    wait_for_query(page, "op=conv&dims=3&i=5,5,6&k=3&s=1&p=0", exact=True)
    wait_for_url_param(page, "dims", "3")
    assert page.is_visible("#i-2-number") and page.input_value("#i-2-number") == "5"
    assert "3-D" in page.inner_text("#dims-about")
    page.fill("#i-2-number", "4")
    page.dispatch_event("#i-2-number", "change")
    wait_for_query(page, "op=conv&dims=3&i=4,5,6&k=3&s=1&p=0", exact=True)
    wait_for_url_param(page, "i", "4,5,6")
    # The link opens the same layer: the depth box holds its depth.
    page.goto(page.url)
    page.wait_for_selector("html[data-ready]")
    assert page.is_checked("input[name='dims'][value='3']")
    assert [page.input_value(f"#i-{slot}-number") for slot in (2, 0, 1)] == ["4", "5", "6"]
    # Back to 2-D: the default dims stays out of the link.
    page.check("input[name='dims'][value='2']")
    wait_for_query(page, "op=conv&i=5,6&k=3&s=1&p=0", exact=True)
    page.wait_for_function("() => !new URLSearchParams(location.search).has('dims')")
    page.check("input[name='dims'][value='1']")
    wait_for_query(page, "op=conv&dims=1&i=6&k=3&s=1&p=0", exact=True)


def test_a_depth_the_engine_refuses_says_why(page: Page, server: str) -> None:
    # A depth of 2 under a kernel of 3 (in depth): refused, with the engine's sentence.
    open_page(page, server, "op=conv&dims=3&i=4,5,5&k=3&s=1&p=0")
    page.uncheck("#linked")
    page.fill("#i-2-number", "2")
    page.dispatch_event("#i-2-number", "change")
    page.wait_for_selector("#error:not([hidden])")
    assert "(in depth)" in page.inner_text("#error")
    # The figure on screen stays the last one drawn.
    assert page.get_attribute("#figure", "data-query") == "op=conv&dims=3&i=4,5,5&k=3&s=1&p=0"


def test_a_volume_is_drawn_as_rows_of_slices(page: Page, server: str) -> None:
    # i = 2×3×3, k = 3, p = 1: a 4×5×5 grid (a padding slice at each end), a 2×3×3
    # output, 18 steps. Step 13 = 1·9 + 1·3 + 1 is output (1, 1, 1): depth origin 1, so
    # the kernel's taps reach slices 1, 2 and 3, rows and columns 1 to 3 of each.
    open_page(page, server, "op=conv&dims=3&i=2,3,3&k=3&p=1&step=13")
    assert _slices(page, "grid") == [0, 1, 2, 3]
    assert _slices(page, "output") == [0, 1]
    kinds = _grid_kinds(page)
    assert len(kinds) == 100
    assert page.locator("#figure .output .cells rect").count() == 18
    # Cell (z, r, c) is number (z·5 + r)·5 + c: slices 0 and 3 are padding throughout.
    assert {n for n, kind in kinds.items() if kind == "input"} == {
        (z * 5 + r) * 5 + c for z in (1, 2) for r in (1, 2, 3) for c in (1, 2, 3)
    }
    assert _slices(page, "grid", lit=True) == [1, 2, 3]
    assert _slices(page, "output", lit=True) == [1]
    assert page.evaluate(LIT, "grid") == sorted(
        (z * 5 + r) * 5 + c for z in (1, 2, 3) for r in (1, 2, 3) for c in (1, 2, 3)
    )
    assert page.evaluate(LIT, "output") == [13]
    # A window on each slice reached.
    assert page.locator("#figure rect.window").count() == 3
    assert page.inner_text("#caption") == "Output (1, 1, 1) reads 27 grid cells."
    assert "of 18" in page.inner_text(".player")
    # Step 0: output (0, 0, 0) from slices 0 to 2, corner windows.
    page.click("#first")
    page.wait_for_function(
        "() => document.querySelector('#figure .output .marks rect.on')?.dataset.step === '0'"
    )
    assert _slices(page, "grid", lit=True) == [0, 1, 2]
    assert _slices(page, "output", lit=True) == [0]
    # Hovering the last input cell (1, 3, 3) lights every output it feeds: depth origins 0
    # and 1, rows and columns whose window covers 3 (origins 1 and 2): 2·2·2 = 8 steps.
    cell = (1 * 5 + 3) * 5 + 3
    page.hover(f"#figure .grid .cells rect[data-cell='{cell}']")
    page.wait_for_selector("#figure .output rect.feeds")
    fed = page.eval_on_selector_all(
        "#figure .output rect.feeds",
        "rs => rs.map(r => Number(r.dataset.step)).sort((a, b) => a - b)",
    )
    assert fed == sorted(z * 9 + r * 3 + c for z in (0, 1) for r in (1, 2) for c in (1, 2))
    # Depth, height and width each have their sizes; the scatter view is not offered.
    assert page.is_visible("#k-2-number") or page.is_checked("#linked")
    assert not page.is_visible("#views")


def test_a_transposed_volume_draws_its_inserted_slices(page: Page, server: str) -> None:
    # i = 2 on every axis, k = 3, s = 2: the input stretched to 3 (a zero slice inserted
    # between its two) and padded by k − 1 = 2 on each side: 7 slices, the middle one inserted.
    open_page(page, server, "op=transpose&dims=3&i=2&k=3&s=2&p=0")
    assert _slices(page, "grid") == list(range(7))
    kinds = _grid_kinds(page)
    per_slice = [{kinds[(z * 7 + r) * 7 + c] for r in range(7) for c in range(7)} for z in range(7)]
    assert per_slice[0] == per_slice[1] == per_slice[5] == per_slice[6] == {"padding"}
    assert "input" not in per_slice[3] and "inserted" in per_slice[3]
    assert "input" in per_slice[2] and "input" in per_slice[4]


def test_a_transposed_volume_scatters_its_kernel_copies(page: Page, server: str) -> None:
    # i = 2×3×3, k = 3, s = 2, p = 1: copies land on a 5×7×7 canvas whose outer slice, row and
    # column on each side are cropped (a 3×5×5 output). Step 10 = 1·9 + 0·3 + 1 is input
    # (1, 0, 1): depth origin 2, so its copy covers canvas depths 2 to 4, rows 0 to 2 and
    # columns 2 to 4; in the output: depths 2 and 3, rows 1 and 2, columns 2 to 4 (12 cells).
    open_page(page, server, "op=transpose&dims=3&i=2,3,3&k=3&s=2&p=1&view=scatter&step=10")
    assert page.is_checked("input[name='view'][value='scatter']")
    assert _slices(page, "grid") == [0, 1]
    assert _slices(page, "output") == [0, 1, 2, 3, 4]
    assert _slices(page, "grid", lit=True) == [1]
    assert _slices(page, "output", lit=True) == [2, 3, 4]
    lit = page.evaluate(
        """() => [...document.querySelectorAll('#figure .output .marks rect.on')]
          .map(r => Number(r.dataset.cell)).sort((a, b) => a - b)"""
    )
    assert lit == sorted(
        (z * 7 + r) * 7 + c for z in (2, 3, 4) for r in (0, 1, 2) for c in (2, 3, 4)
    )
    assert page.evaluate(LIT, "grid") == [10]
    caption = page.inner_text("#caption")
    assert caption.startswith("Input (1, 0, 1) = ") and caption.endswith(
        "to 27 canvas cells; 12 of them are in the output."
    )


def test_the_matrix_view_keeps_to_1d_and_2d_layers(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&dims=3&i=3&k=2&matrix=1&step=3")
    assert page.is_hidden("#matrix-view")
    assert page.evaluate(LIT, "output") == [3]
    page.check("input[name='dims'][value='1']")
    wait_for_query(page, "op=conv&dims=1&i=3&k=2&s=1&p=0", exact=True)
    assert page.is_visible("#matrix-view")
    # 1-D, i = 3, k = 2: 2 outputs, so C is 2 × 3.
    page.wait_for_function(
        "() => document.getElementById('matrix-view').textContent.includes('2 × 3')"
    )
    # A strip's sentences and names have no row: output 1 reads inputs 1 and 2.
    page.wait_for_function(
        "() => document.getElementById('matrix-step').textContent.startsWith('Step 2: row 1 is "
        "output 1: y₁ = w₀·x₁ + w₁·x₂')"
    )
    assert "top-left" not in page.inner_text("#matrix-intro")


def test_a_refused_3d_link_says_so_in_korean(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&dims=3&i=4,6&k=3&lang=ko")
    said = page.inner_text("#error")
    assert "3차원에서 입력 크기 i은(는) 숫자 하나(모든 축에 같은 값) 또는 세 개" in said
    assert "dims=2로 두세요" in said


@pytest.mark.parametrize(
    ("name", "query", "width"),
    [
        ("strip-en-1280", "op=conv&dims=1&i=64&k=3&d=2&p=causal&step=20", 1280),
        ("strip-ko-390", "op=conv&dims=1&i=64&k=3&p=causal&step=50&lang=ko", 390),
        ("slices-en-1280", "op=conv&dims=3&i=4,6,6&k=3&p=1&step=40", 1280),
        ("slices-ko-390", "op=conv&dims=3&i=4,6,6&k=3&p=1&step=130&lang=ko", 390),
        ("slices-ko-1280", "op=transpose&dims=3&i=3&k=3&s=2&step=40&lang=ko", 1280),
        ("strip-en-390", "op=maxpool&dims=1&i=24&k=2&s=2&numbers=1&step=3", 390),
    ],
)
def test_a_long_strip_or_many_slices_keep_their_cells_visible(
    browser: Any, server: str, name: str, query: str, width: int
) -> None:
    from tests.browser.conftest import watched_page

    with watched_page(browser, viewport={"width": width, "height": 720}) as phone:
        open_page(phone, server, query)
        phone.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
        # Each cell at least 10 px wide on screen (a strip scrolls sideways rather than
        # shrink); the current output cell is scrolled into view.
        widths = phone.eval_on_selector_all(
            "#figure .cells rect", "rs => rs.slice(0, 5).map(r => r.getBoundingClientRect().width)"
        )
        assert min(widths) >= 10, widths
        box = phone.eval_on_selector(
            "#figure rect.current-mark",
            "r => { const b = r.getBoundingClientRect(); return [b.left, b.right]; }",
        )
        assert box[0] >= 0 and box[1] <= width, box
        if SHOTS:
            phone.screenshot(path=f"{SHOTS}/dims-{name}.png")


def test_the_costs_name_the_layer_s_own_axes(page: Page, server: str) -> None:
    """A strip's formulas speak of L and K, a volume's of D·H·W and K³; the numbers are the
    layer's (worked by hand), and the separable pair opens in the planner in its own dims."""
    # 1-D: N(C·K + 1) = 8·(4·3 + 1) = 104; MACs C·L·K·N = 4·16·3·8 = 1,536.
    open_page(page, server, "op=conv&dims=1&i=16&k=3&d=2&p=causal&c_in=4&c_out=8")
    costs = page.inner_text("#costs")
    assert "Output volume (C×L)" in costs and "8·(4·3 + 1) = 104" in costs
    assert "MACs, C·L·K·N" in costs and "4·16·3·8 = 1,536" in costs
    assert "K²" not in costs and "H·W" not in page.inner_text("#separable")
    assert "1/N + 1/K" in page.inner_text("#separable-about")
    href = page.get_attribute("#separable-link", "href") or ""
    assert href.startswith("/network?dims=1&i=16&c_in=4&layers=conv(c=4,k=3,p=causal,d=2,g=4)")
    assert "c_in·k weights" in page.inner_text("#kind-about")
    assert not page.locator("#kind option[value=separable]").is_disabled()
    # 3-D, in Korean: 8·(4·3·3·3 + 1) = 872; the depthwise MACs 4·4·6·6·3·3·3 = 15,552.
    open_page(page, server, "op=conv&dims=3&i=4,6,6&k=3&p=1&c_in=4&c_out=8&lang=ko")
    costs = page.inner_text("#costs")
    assert "출력 볼륨 (C×D×H×W)" in costs and "8·(4·3·3·3 + 1) = 872" in costs
    separable = page.inner_text("#separable")
    assert "C·D·H·W·K³" in separable and "4·4·6·6·3·3·3 = 15,552" in separable
    assert "1×1×1" in separable
    assert "k³" in page.inner_text("#kind-about")


def test_the_padding_comparison_speaks_of_the_layer_s_own_axes(page: Page, server: str) -> None:
    """TensorFlow's SAME beside an explicit padding, worked by hand per axis: i = 10, k = 4,
    s = 2 gives ⌈10/2⌉ = 5 outputs from a total of (5 − 1)·2 + 4 − 10 = 2 (1 a side); the
    explicit ⌊k/2⌋ = 2 gives 6, its first window two cells into the padding."""
    open_page(page, server, "op=conv&dims=1&i=10&k=4&s=2&p=tf_same")
    page.click("#padding-compare summary")
    table = page.inner_text("#padding-compare tbody")
    assert "Padding (left, right)" in table and "Output 0 reads" in table
    assert "cells -1 to 2" in table and "cells 7 to 10" in table
    assert "cells -2 to 1" in table and "cells 8 to 11" in table
    assert "top" not in table and "rows" not in table
    assert page.inner_text("#padding-compare-cells") == (
        "(the input is cells 0 to 9; the others are padding)"
    )
    # 3-D, i = 5,6,7, k = 2,3,4, s = 2: SAME pads 0,1 · 0,1 · 1,2 (totals 1, 1, 3), so output
    # (0, 0, 0) reads slices 0 to 1, rows 0 to 2, columns −1 to 2; the last starts at 4, 4, 5.
    open_page(page, server, "op=conv&dims=3&i=5,6,7&k=2,3,4&s=2&p=tf_same")
    page.click("#padding-compare summary")
    table = page.inner_text("#padding-compare tbody")
    assert "0, 1 · 0, 1 · 1, 2" in table
    assert "slices 0 to 1, rows 0 to 2, columns -1 to 2" in table
    assert "slices 4 to 5, rows 4 to 6, columns 5 to 8" in table
    assert "slices 0 to 4, rows 0 to 5 and columns 0 to 6" in page.inner_text(
        "#padding-compare-cells"
    )


def test_a_wide_volume_scrolls_to_every_slice_the_kernel_reaches(page: Page, server: str) -> None:
    """i = 5,7,7, k = 3, d = 2, p = same: a 9-slice grid wider than the figure's box. The last
    step (244 = 4·49 + 48) reads slices 4, 6 and 8 (origin 4, taps 0, 2, 4): all three are
    scrolled into the box, not only the first."""
    open_page(page, server, "op=conv&dims=3&i=5,7,7&k=3&d=2&p=same&step=244")
    assert _slices(page, "grid", lit=True) == [4, 6, 8]
    inside = page.evaluate(
        """() => {
          const wrap = document.querySelector('#figure').parentElement;
          const box = wrap.getBoundingClientRect();
          return [...document.querySelectorAll('#figure .grid rect.slice.on')].map((r) => {
            const b = r.getBoundingClientRect();
            return b.left >= box.left - 1 && b.right <= box.right + 1;
          });
        }"""
    )
    assert inside == [True, True, True]


def test_a_short_strip_keeps_a_grid_s_cell_size(page: Page, server: str) -> None:
    """Nine cells do not stretch across the figure's box (they drew 100 px cells under 56 px
    headings): a cell stays at most 48 px wide, its heading under 40 px tall."""
    open_page(page, server, "op=conv&dims=1&i=9&k=3")
    sizes = page.evaluate(
        """() => [
          document.querySelector('#figure .grid .cells rect').getBoundingClientRect().width,
          document.querySelector('#figure text.label').getBoundingClientRect().height,
        ]"""
    )
    assert 12 <= sizes[0] <= 48.5 and sizes[1] < 40, sizes


def test_a_transposed_volume_shows_its_kernel_copies(page: Page, server: str) -> None:
    """i = 2,3,3, k = 3, s = 2: a 5×7×7 output. Along each axis line t = 2 is reached by two
    copies (units 0 and 1 cover lines 0 to 2 and 2 to 4), so output (2, 2, 2) gathers 2·2·2 = 8
    (conv_transpose3d of ones with ones); its corner (0, 0, 0) gathers 1."""
    open_page(page, server, "op=transpose&dims=3&i=2,3,3&k=3&s=2&overlap=1&step=114")
    assert page.locator("#figure .heat-cell").count() == 5 * 7 * 7
    assert page.inner_text("#caption").endswith("8 kernel copies add up in this output cell.")
    assert not page.locator("#overlap-note").is_hidden()
    assert "in height and width" in page.inner_text("#overlap-sentence")
    page.click("#first")
    page.wait_for_function(
        "() => document.querySelector('#caption').textContent.includes('1 kernel copy')"
    )
    # The scatter view draws them on the canvas's output region, in Korean too.
    open_page(page, server, "op=transpose&dims=3&i=2,3,3&k=3&s=2&overlap=1&view=scatter&lang=ko")
    assert page.locator("#figure .heat-cell").count() == 5 * 7 * 7
    assert "높이와 너비 방향" in page.inner_text("#overlap-sentence")
