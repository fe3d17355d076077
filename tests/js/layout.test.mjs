// Where the figure's grids sit, worked out by hand: cells are 40 units, the grids 80 apart
// (or a label's width, at 0.6 × 22 units a character), 36 units of room above for labels.
import assert from "node:assert/strict";
import { test } from "node:test";

import { cellBox, fittedSize, readableSize, labelAt, layoutOf, numberAt, tapAt, windowBox } from "../../static/js/layout.js";

const grid = (h, w, label) => ({ shape: [h, w], label });
// A scene's steps as layout reads them: how many, and step n's window.
const stepsOf = (windows) => ({ count: windows.length, stepAt: (n) => ({ window: windows[n] }) });

test("figure 2.1: a 4×4 grid beside a 2×2 output, centred on it", () => {
  const scene = {
    left: grid(4, 4, "input 4×4"), right: grid(2, 2, "output 2×2"),
    ...stepsOf([["left", [0, 0, 2, 2]], ["left", [1, 1, 3, 3]]]),
  };
  // Labels of 9 and 10 characters: 119 and 132 units, narrower than the left grid (160).
  assert.deepEqual(layoutOf(scene), {
    viewBox: "-4 0 380 200",
    origin: { left: [0, 36], right: [240, 76] },
  });
});

test("a label wider than its grid pushes the right grid along", () => {
  const scene = {
    left: grid(2, 2, "input 2×2, stretched and padded to 5×5"), right: grid(2, 2, "o"),
    ...stepsOf([]),
  };
  // 38 characters: ceil(38 × 13.2) = 502 units; the right grid starts 80 after it.
  assert.deepEqual(layoutOf(scene).origin.right, [582, 36]);
  assert.equal(layoutOf(scene).viewBox, "-4 0 670 120");
});

test("a window hanging past its grid (ceil_mode) gets room", () => {
  const scene = {
    left: grid(5, 5, "x"), right: grid(3, 3, "y"),
    ...stepsOf([["left", [4, 4, 6, 6]]]),
  };
  // 7 rows reached on the left: the right grid is centred on 7, not on 5.
  assert.deepEqual(layoutOf(scene), {
    viewBox: "-4 0 488 320",
    origin: { left: [0, 36], right: [360, 116] },
  });
});

test("cells, windows, labels, numbers and weights", () => {
  assert.deepEqual(cellBox([240, 76], [1, 1]), { x: 280, y: 116, width: 40, height: 40 });
  assert.deepEqual(windowBox([0, 36], [1, 1, 3, 3]), { x: 40, y: 76, width: 120, height: 120 });
  assert.deepEqual(windowBox([0, 36], [0, 2, 0, 2]), { x: 80, y: 36, width: 40, height: 40 });
  assert.deepEqual(labelAt([240, 76]), { x: 240, y: 64 });
  assert.deepEqual(numberAt([0, 36], [0, 0]), { x: 20, y: 56 });
  assert.deepEqual(tapAt([0, 36], [0, 0]), { x: 36, y: 71 });
});

test("a long number is set smaller to fit its cell; a short one keeps its size", () => {
  assert.equal(fittedSize("3", 34, 17), 17);
  assert.equal(fittedSize("12.5", 34, 17), 14.1); // 34 / (0.6 × 4)
  assert.equal(fittedSize("-123456.5", 34, 17), 6.2);
  assert.equal(fittedSize("0.0625", 20, 12), 5.5);
});

test("a number is raised to 12 screen px, or left out when its cell cannot hold it", () => {
  // At 1 px a unit a 17-unit "3" is 17 px: as drawn.
  assert.equal(readableSize("3", 34, 17, 26, 1), 17);
  // At 0.5 px a unit it needs 24 units (12 px), which fit under the 26-unit cap.
  assert.equal(readableSize("3", 34, 17, 26, 0.5), 24);
  // At 0.4 px a unit it needs 30 units: past the cap, so not drawn.
  assert.equal(readableSize("3", 34, 17, 26, 0.4), null);
  // A long number fits its cell at 6.2 units: 12.4 px at 2 px a unit, too small at 1.
  assert.equal(readableSize("-123456.5", 34, 17, 26, 2), 6.2);
  assert.equal(readableSize("-123456.5", 34, 17, 26, 1), null);
});
