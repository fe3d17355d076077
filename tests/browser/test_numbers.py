"""A learner's own numbers, typed into the figure and the kernel editor, in headless Chromium:
what the figure, its written-out sum and the link say afterwards is held to PyTorch's own
answer, computed here from the paper's numbers."""

from __future__ import annotations

import re
from typing import Any

import pytest
import torch
import torch.nn.functional as F

from app.web.messages import catalogue
from tests.browser.test_page import open_page, wait_for_url_param

pytestmark = pytest.mark.browser

Page = Any

# Figure 1.1 of the paper: its 5×5 input and 3×3 kernel (PyTorch's weight[0, 0]).
PAPER_INPUT = [[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]]
PAPER_KERNEL = [[0, 1, 2], [2, 2, 0], [0, 1, 2]]
SOBEL_X = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
FIGURE_1_1 = "op=conv&i=5&k=3&s=1&p=0&numbers=1&step=0"


def conv(x: list[list[float]], w: list[list[float]], **options: Any) -> list[list[float]]:
    """PyTorch's Conv2d output, one channel in and out, no bias."""
    out = F.conv2d(
        torch.tensor([[x]], dtype=torch.float64),
        torch.tensor([[w]], dtype=torch.float64),
        **options,
    )
    return out[0, 0].tolist()


def matrix_text(rows: list[list[float]]) -> str:
    return ";".join(",".join(f"{v:g}" for v in row) for row in rows)


def outputs(page: Page) -> list[float]:
    texts = page.locator("#figure .output text.num").all_text_contents()
    return [float(text.replace("−", "-")) for text in texts]


def flat(rows: list[list[float]]) -> list[float]:
    return [float(v) for row in rows for v in row]


def wait_for_output(page: Page, index: int, value: str) -> None:
    page.wait_for_function(
        "([i, v]) => document.querySelectorAll('#figure .output text.num')[i]?.textContent === v",
        arg=[index, value],
    )


def cell(page: Page, unit: str) -> Any:
    return page.locator(f"#figure rect.editable[data-unit='{unit}']")


def test_typing_into_an_input_cell_changes_the_figure_the_sum_and_the_link(
    page: Page, server: str
) -> None:
    open_page(page, server, FIGURE_1_1)
    cell(page, "1,1").click()
    editor = page.locator(".cell-editor")
    assert editor.is_visible() and editor.input_value() == "0"
    editor.fill("4")
    editor.press("Enter")
    x = [row[:] for row in PAPER_INPUT]
    x[1][1] = 4
    expected = conv(x, PAPER_KERNEL)
    wait_for_url_param(page, "x", matrix_text(x))
    wait_for_output(page, 0, f"{expected[0][0]:g}")
    assert outputs(page) == flat(expected)
    # Step 0's sum (the pointer off the figure, which otherwise says what the cell feeds):
    # the kernel's centre weight 2 now multiplies the 4.
    page.mouse.move(0, 0)
    assert page.inner_text("#caption") == (
        f"Output (0, 0) = 3×0 + 3×1 + 2×2 + 0×2 + 4×2 + 1×0 + 3×0 + 1×1 + 2×2 = {expected[0][0]:g}"
    )
    assert not editor.is_visible()


def test_typing_a_weight_changes_the_kernel_in_the_link(page: Page, server: str) -> None:
    open_page(page, server, FIGURE_1_1)
    weight = page.locator("#kernel-cells input[data-cell='0,2']")
    assert weight.input_value() == "2"
    weight.fill("-1.5")
    weight.press("Enter")
    w = [row[:] for row in PAPER_KERNEL]
    w[0][2] = -1.5
    expected = conv(PAPER_INPUT, w)
    wait_for_url_param(page, "w", matrix_text(w))
    wait_for_output(page, 0, f"{expected[0][0]:.1f}")
    assert outputs(page) == pytest.approx(flat(expected), abs=0.05 + 1e-9)
    assert page.input_value("#kernel-preset") == "own"


def test_a_preset_kernel(page: Page, server: str) -> None:
    open_page(page, server, FIGURE_1_1)
    page.select_option("#kernel-preset", "sobel_x")
    wait_for_url_param(page, "w", "sobel_x")
    expected = conv(PAPER_INPUT, SOBEL_X)
    wait_for_output(page, 0, f"{expected[0][0]:g}".replace("-", "−"))
    assert outputs(page) == flat(expected)
    cells = page.locator("#kernel-cells input")
    assert [cells.nth(j).input_value() for j in range(9)] == [str(v) for r in SOBEL_X for v in r]
    # A 3×3 preset chosen at another size brings its own: k = 3.
    page.select_option("#kernel-preset", "")
    page.fill("#k-0-number", "4")
    page.dispatch_event("#k-0-number", "change")
    wait_for_url_param(page, "k", "4")
    page.select_option("#kernel-preset", "sobel_x")
    wait_for_url_param(page, "w", "sobel_x")
    wait_for_url_param(page, "k", "3")


def test_random_numbers_then_the_papers_again(page: Page, server: str) -> None:
    open_page(page, server, FIGURE_1_1)
    cell(page, "0,0").click()
    page.locator(".cell-editor").fill("9")
    page.locator(".cell-editor").press("Enter")
    wait_for_url_param(page, "x", "9" + matrix_text(PAPER_INPUT)[1:])
    page.click("#random-numbers")
    page.wait_for_function("new URLSearchParams(location.search).get('seed') !== null")
    page.wait_for_function("!new URLSearchParams(location.search).has('x')")
    seed = page.evaluate("new URLSearchParams(location.search).get('seed')")
    assert 1 <= int(seed) <= 999_999
    assert page.input_value("#seed-count") == seed
    assert page.inner_text("#kernel-preset option[value='']") == "random (from the seed)"
    page.click("#paper-numbers")
    page.wait_for_function("!new URLSearchParams(location.search).has('seed')")
    wait_for_output(page, 2, "17")
    assert outputs(page)[:3] == [12, 12, 17]
    assert page.input_value("#seed-count") == "0"


def test_a_seed_link_shows_that_seeds_numbers(page: Page, server: str) -> None:
    open_page(page, server, FIGURE_1_1.replace("numbers=1", "seed=42&numbers=1"))
    texts = page.locator("#figure .grid text.num").all_text_contents()
    x = [[float(t) for t in texts[r * 5 : r * 5 + 5]] for r in range(5)]
    cells = page.locator("#kernel-cells input")
    w = [[float(cells.nth(r * 3 + c).input_value()) for c in range(3)] for r in range(3)]
    assert x != PAPER_INPUT and all(0 <= v <= 3 for v in flat(x))
    assert outputs(page) == flat(conv(x, w))
    assert page.input_value("#seed-count") == "42"


def test_reflect_padding_shows_the_reflected_values(page: Page, server: str) -> None:
    open_page(page, server, "op=conv&i=5&k=3&s=1&p=1&numbers=1&step=0")
    page.select_option("#padding_mode-choice", "reflect")
    wait_for_url_param(page, "padding_mode", "reflect")
    page.wait_for_selector("#figure text.num.padding")
    padded = F.pad(torch.tensor([[PAPER_INPUT]], dtype=torch.float64), (1, 1, 1, 1), "reflect")
    texts = page.locator("#figure .grid text.num").all_text_contents()
    assert [float(t) for t in texts] == flat(padded[0, 0].tolist())
    assert page.locator("#figure text.num.padding").count() == 7 * 7 - 5 * 5
    expected = conv_padding_mode(PAPER_INPUT, PAPER_KERNEL, padding=1, padding_mode="reflect")
    assert outputs(page) == flat(expected)
    # Back to zeros: the paper's blank padding.
    page.select_option("#padding_mode-choice", "zeros")
    page.wait_for_function("!new URLSearchParams(location.search).has('padding_mode')")
    page.wait_for_function("!document.querySelector('#figure text.num.padding')")


def conv_padding_mode(
    x: list[list[float]], w: list[list[float]], *, padding: int, padding_mode: str
) -> list[list[float]]:
    layer = torch.nn.Conv2d(1, 1, len(w), padding=padding, padding_mode=padding_mode, bias=False)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([[w]], dtype=torch.float32))
        out = layer(torch.tensor([[x]], dtype=torch.float32))
    return [[float(v) for v in row] for row in out[0, 0].tolist()]


def test_average_pooling_divides_as_pytorch_does(page: Page, server: str) -> None:
    open_page(page, server, "op=avgpool&i=5&k=3&s=2&p=1&numbers=1&step=0")
    assert page.is_visible("#count_include_pad") and page.is_visible("#divisor_override-count")
    assert not page.is_visible("#padding_mode-choice") and not page.is_visible("#kernel-editor")
    x = torch.tensor([[PAPER_INPUT]], dtype=torch.float64)
    with_pad = F.avg_pool2d(x, 3, 2, 1)[0, 0, 0, 0].item()
    assert page.inner_text("#caption") == (
        f"Output (0, 0) = (0 + 0 + 0 + 0 + 3 + 3 + 0 + 0 + 0) / 9 = {with_pad:.1f}"
    )
    page.uncheck("#count_include_pad")
    wait_for_url_param(page, "count_include_pad", "0")
    without = F.avg_pool2d(x, 3, 2, 1, count_include_pad=False)
    page.wait_for_function("document.getElementById('caption').textContent.includes('/ 4')")
    assert page.inner_text("#caption") == (
        "Output (0, 0) = (0 + 0 + 0 + 0 + 3 + 3 + 0 + 0 + 0) / 4 = "
        f"{without[0, 0, 0, 0].item():.1f}"
    )
    # The figure writes one decimal.
    assert outputs(page) == pytest.approx(flat(without[0, 0].tolist()), abs=0.05 + 1e-9)
    page.fill("#divisor_override-count", "2")
    page.dispatch_event("#divisor_override-count", "change")
    wait_for_url_param(page, "divisor_override", "2")
    page.wait_for_function("document.getElementById('caption').textContent.includes('/ 2 = 3')")


def test_editing_with_the_keyboard_alone(page: Page, server: str) -> None:
    open_page(page, server, FIGURE_1_1)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset?.unit === '0,0'"):
            break
    else:
        pytest.fail("Tab never reached the figure's first input cell")
    # Arrows move between cells, and the player keeps its step.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.unit") == "1,1"
    assert page.input_value("#scrub") == "0"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('cell-editor')")
    page.keyboard.type("5")
    page.keyboard.press("Tab")  # keeps 5, goes on to (1, 2)
    assert page.input_value(".cell-editor") == "1"
    page.keyboard.type("6")
    page.keyboard.press("Enter")
    x = [row[:] for row in PAPER_INPUT]
    x[1][1], x[1][2] = 5, 6
    wait_for_url_param(page, "x", matrix_text(x))
    wait_for_output(page, 0, f"{conv(x, PAPER_KERNEL)[0][0]:g}")
    # The redrawn figure gives the focus back to the cell last typed into.
    page.wait_for_function("document.activeElement.dataset?.unit === '1,2'")
    # Esc leaves a value as it was.
    page.keyboard.press("Enter")
    page.keyboard.type("7")
    page.keyboard.press("Escape")
    assert not page.is_visible(".cell-editor")
    assert page.evaluate("new URLSearchParams(location.search).get('x')") == matrix_text(x)


def test_a_refused_entry_keeps_the_old_value(page: Page, server: str) -> None:
    sentence = catalogue("en")["numbers.refused"]
    open_page(page, server, FIGURE_1_1)
    cell(page, "2,2").click()
    editor = page.locator(".cell-editor")
    for text in ("1e5", "1234567", "abc"):
        editor.fill(text)
        editor.press("Enter")
        assert page.inner_text(".figure-wrap .cell-error") == sentence
        assert editor.is_visible() and editor.input_value() == "2"
    editor.press("Escape")
    assert not page.is_visible(".figure-wrap .cell-error")
    weight = page.locator("#kernel-cells input[data-cell='1,1']")
    weight.fill("two")
    weight.press("Enter")
    assert page.inner_text("#kernel-editor .cell-error") == sentence
    assert weight.input_value() == "2"
    assert "x=" not in page.url and "w=" not in page.url


def test_resizing_keeps_the_numbers_where_they_fit(page: Page, server: str) -> None:
    open_page(page, server, FIGURE_1_1)
    cell(page, "4,4").click()
    page.locator(".cell-editor").fill("8")
    page.locator(".cell-editor").press("Enter")
    x = [row[:] for row in PAPER_INPUT]
    x[4][4] = 8
    wait_for_url_param(page, "x", matrix_text(x))
    page.fill("#i-0-number", "6")
    page.dispatch_event("#i-0-number", "change")
    grown = [[*row, 0] for row in x] + [[0] * 6]
    wait_for_url_param(page, "x", matrix_text(grown))
    wait_for_url_param(page, "i", "6")
    assert outputs(page) == flat(conv(grown, PAPER_KERNEL))
    page.fill("#i-0-number", "4")
    page.dispatch_event("#i-0-number", "change")
    wait_for_url_param(page, "x", matrix_text([row[:4] for row in x[:4]]))


def test_pooling_has_no_kernel_to_edit(page: Page, server: str) -> None:
    open_page(page, server, FIGURE_1_1)
    assert page.is_visible("#kernel-editor") and page.is_visible("#padding_mode-choice")
    page.check("input[name='op'][value='maxpool']")
    wait_for_url_param(page, "op", "maxpool")
    assert not page.is_visible("#kernel-editor")
    assert not page.is_visible("#padding_mode-choice")
    assert page.is_visible("#random-numbers") and page.is_visible("#paper-numbers")
    page.uncheck("#numbers")
    assert not page.is_visible("#numbers-panel")
    assert page.locator("#figure rect.editable").count() == 0
    assert re.fullmatch("img", str(page.get_attribute("#figure", "role")))
