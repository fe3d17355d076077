"""A 512×512 grid in a real browser: drawn once as a picture, a step lighting the cells worked
out by hand, a pointer over a corner finding the step that reads it, and a step's DOM work the
same as at 16×16."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_page import open_page

pytestmark = pytest.mark.browser

Page = Any

# A 3×3 kernel at stride 2 over a 512×512 input: 255×255 outputs, windows at rows and
# columns 0, 2, …, 508 (the last reads lines 508 to 510; line 511 is read by none).
LARGE = "op=conv&i=512&k=3&s=2&p=0"
WIDTH = 512
OUTPUTS = 255

# The figure's marks: which cells a step or a probe lights (index attributes, by class).
MARKS = """() => Object.fromEntries(["on", "current", "probe", "feeds"].map((name) => [name,
  [...document.querySelectorAll(`#figure .marks .${name}`)]
    .map((n) => n.dataset.cell ?? `step ${n.dataset.step}`).sort()]))"""

# Moves the pointer over grid cell [r, c] of `side`: its centre, from SVG units to the page.
CELL_CENTRE = """([side, r, c]) => {
  const svg = document.getElementById('figure');
  const layer = svg.querySelector(side === 'left' ? '.grid' : '.output');
  const picture = layer.querySelector('.cells-picture') ?? layer.querySelector('.cells rect');
  const x = Number(picture.getAttribute('x')) + (c + 0.5) * 40;
  const y = Number(picture.getAttribute('y')) + (r + 0.5) * 40;
  const point = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());
  return [point.x, point.y];
}"""

# Counts the figure's nodes a click on Next adds, removes or changes.
STEP_MUTATIONS = """async () => {
  const svg = document.getElementById('figure');
  const touched = new Set();
  const seen = new MutationObserver((records) => {
    for (const record of records) {
      touched.add(record.target);
      record.addedNodes.forEach((node) => touched.add(node));
      record.removedNodes.forEach((node) => touched.add(node));
    }
  });
  seen.observe(svg, { subtree: true, childList: true, attributes: true, characterData: true });
  document.getElementById('next').click();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  seen.disconnect();
  return touched.size;
}"""


def grid_cells(rows: range, cols: range) -> list[str]:
    return sorted(str(r * WIDTH + c) for r in rows for c in cols)


def test_a_512_grid_is_drawn_once_and_a_step_lights_its_window(page: Page, server: str) -> None:
    # Step 300 is output (1, 45): 300 = 1 × 255 + 45. Its window starts at (2, 90).
    open_page(page, server, f"{LARGE}&step=300")
    assert page.inner_text("#step-label") == "step 301 of 65025"
    assert page.locator("#figure .grid .cells-picture").count() == 1
    assert page.locator("#figure .output .cells-picture").count() == 1
    assert page.locator("#figure .cells rect").count() == 0
    marks = page.evaluate(MARKS)
    assert marks["on"] == sorted([*grid_cells(range(2, 5), range(90, 93)), "step 300"])
    assert marks["current"] == ["step 300"]
    window = page.locator("#figure rect.window")
    left = page.locator("#figure .grid .cells-picture")
    assert float(window.get_attribute("x") or 0) == float(left.get_attribute("x") or 0) + 90 * 40
    assert float(window.get_attribute("y") or 0) == float(left.get_attribute("y") or 0) + 2 * 40
    assert window.get_attribute("width") == window.get_attribute("height") == "120"
    assert page.inner_text("#caption") == "Output cell (1, 45) reads 9 grid cells."
    # The next step moves one stride right: columns 92 to 94.
    page.click("#next")
    marks = page.evaluate(MARKS)
    assert marks["on"] == sorted([*grid_cells(range(2, 5), range(92, 95)), "step 301"])
    # The last step: output (254, 254), its window at (508, 508).
    page.click("#last")
    marks = page.evaluate(MARKS)
    assert marks["on"] == sorted([*grid_cells(range(508, 511), range(508, 511)), "step 65024"])


def test_a_pointer_over_a_512_grid_finds_its_cell(page: Page, server: str) -> None:
    open_page(page, server, f"{LARGE}&step=0")
    # The top-left corner is read by the first window only.
    page.mouse.move(*page.evaluate(CELL_CENTRE, ["left", 0, 0]))
    marks = page.evaluate(MARKS)
    assert marks["probe"] == ["0"] and marks["feeds"] == ["step 0"]
    assert page.inner_text("#caption") == "Grid cell (0, 0) feeds 1 output cell."
    # Line 510 is the last window's last: cell (510, 510) feeds output (254, 254) alone.
    page.mouse.move(*page.evaluate(CELL_CENTRE, ["left", 510, 510]))
    marks = page.evaluate(MARKS)
    assert marks["probe"] == [str(510 * WIDTH + 510)] and marks["feeds"] == ["step 65024"]
    assert page.inner_text("#caption") == "Grid cell (510, 510) feeds 1 output cell."
    # Line 508 is read by two window rows and two columns: four outputs.
    page.mouse.move(*page.evaluate(CELL_CENTRE, ["left", 508, 508]))
    steps = [253 * OUTPUTS + 253, 253 * OUTPUTS + 254, 254 * OUTPUTS + 253, 254 * OUTPUTS + 254]
    assert page.evaluate(MARKS)["feeds"] == sorted(f"step {n}" for n in steps)
    # The output's bottom-right corner pins the last step.
    page.mouse.move(*page.evaluate(CELL_CENTRE, ["right", 254, 254]))
    assert page.inner_text("#step-label") == "step 65025 of 65025"


def test_a_step_changes_as_many_nodes_at_512_as_at_16(page: Page, server: str) -> None:
    """The grid is not redrawn on a step: the nodes a step touches (its marks, the window,
    the current cell's outline) are the same few whatever the grid's size."""
    touched = []
    for size in (16, WIDTH):
        open_page(page, server, f"op=conv&i={size}&k=3&s=2&p=0&step=20")
        touched.append(page.evaluate(STEP_MUTATIONS))
    assert touched[0] == touched[1]
    # 9 lit grid cells and the output cell, the window and the current cell's outline.
    assert touched[1] <= 12
