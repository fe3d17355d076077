// Which cells the figure shades and lights, written out by hand from the paper's figures.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  cellAt, cellIndex, cellNumbers, feedsAt, lastWindow, pinsOf, sceneOf, shadedAt, tapNumbers,
} from "../../static/js/scene.js";
import { FIGURE_2_1, SCATTER, windowCells } from "./answers.mjs";

const kindsOf = (grid) => Array.from({ length: grid.shape[0] },
  (_, r) => Array.from({ length: grid.shape[1] }, (__, c) => grid.kindAt(r, c)));

const t = (key, values = {}) => ({ key, ...values });

test("the direct view: the swept grid on the left, the output on the right", () => {
  const scene = sceneOf(FIGURE_2_1, t);
  assert.deepEqual(scene.left.shape, [4, 4]);
  assert.deepEqual(scene.right.shape, [2, 2]);
  assert.deepEqual(kindsOf(scene.right), [["out", "out"], ["out", "out"]]);
  assert.deepEqual(scene.left.label, { key: "figure.input", h: 4, w: 4, gh: 4, gw: 4 });
  assert.deepEqual(scene.right.label, { key: "figure.output", h: 2, w: 2 });
  assert.equal(scene.pinSide, "right");
  assert.equal(scene.probeSide, "left");
  assert.deepEqual(scene.taps, [0, 1, 2, 2, 2, 0, 0, 1, 2]);
});

test("figure 2.1's last step shades the bottom-right 3×3 of the input and output cell 3", () => {
  const scene = sceneOf(FIGURE_2_1, t);
  assert.deepEqual(shadedAt(scene, 3), {
    left: [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3], [3, 1], [3, 2], [3, 3]],
    right: [[1, 1]],
    current: [1, 1],
    window: ["left", [1, 1, 3, 3]],
    taps: ["left", FIGURE_2_1.frames[3].cells],
  });
  assert.deepEqual(shadedAt(scene, 0).left, [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]]);
  assert.deepEqual(lastWindow(scene), ["left", [1, 1, 3, 3]]);
});

test("hovering an input cell finds every output cell it feeds", () => {
  const scene = sceneOf(FIGURE_2_1, t);
  assert.deepEqual(feedsAt(scene, [0, 0]), [0]); // the corner feeds only the first output
  assert.deepEqual(feedsAt(scene, [0, 1]), [0, 1]);
  assert.deepEqual(feedsAt(scene, [1, 1]), [0, 1, 2, 3]); // under every window
  assert.deepEqual(feedsAt(scene, [3, 3]), [3]);
  assert.deepEqual(feedsAt(scene, [3, 0]), [2]);
  assert.deepEqual(pinsOf(scene, feedsAt(scene, [1, 0])), [[0, 0], [1, 0]]);
});

test("strides and dilation: a cell is fed by the windows whose offsets land on it", () => {
  // A 2×2 kernel dilated by 2 (taps 0 and 2 apart) at stride 2 over a 5×5 input: windows
  // start at rows and columns 0 and 2, and read lines {0, 2} and {2, 4}.
  const taps = (r, c) => [[r, c], [r, c + 2], [r + 2, c], [r + 2, c + 2]];
  const dilated = {
    ...FIGURE_2_1,
    input_shape: [5, 5],
    output_shape: [2, 2],
    grid: { shape: [5, 5], kinds: Array.from({ length: 5 }, () => Array(5).fill("input")) },
    frames: [[0, 0], [0, 1], [1, 0], [1, 1]].map(([a, b]) => ({
      output: [a, b], cells: taps(2 * a, 2 * b), window: [2 * a, 2 * b, 2 * a + 2, 2 * b + 2],
    })),
  };
  const scene = sceneOf(dilated, t);
  assert.deepEqual(feedsAt(scene, [2, 2]), [0, 1, 2, 3]); // offset 2 of the first, 0 of the second
  assert.deepEqual(feedsAt(scene, [1, 1]), []); // between the taps: read by none
  assert.deepEqual(feedsAt(scene, [4, 0]), [2]);
  assert.deepEqual(feedsAt(scene, [0, 4]), [1]);
});

test("a compact answer's own geometry answers the probe without reading frames", () => {
  // Only the geometry: reading a frame would throw.
  const frames = new Proxy({ length: 4, geometry: {
    shape: [2, 2], origins: { rows: [0, 1], cols: [0, 1] }, taps: { rows: [0, 1, 2], cols: [0, 1, 2] },
  } }, { get: (target, key) => {
    if (key in target) return target[key];
    throw new Error(`frame ${String(key)} read`);
  } });
  const scene = sceneOf({ ...FIGURE_2_1, frames }, t);
  assert.deepEqual(feedsAt(scene, [1, 2]), [0, 1, 2, 3]);
  assert.deepEqual(feedsAt(scene, [0, 3]), [1]);
});

test("cell indices run row-major", () => {
  const scene = sceneOf(FIGURE_2_1, t);
  assert.equal(cellIndex(scene, "left", [2, 1]), 9);
  assert.deepEqual(cellAt(scene, "left", 9), [2, 1]);
  assert.deepEqual(cellAt(scene, "right", 3), [1, 1]);
});

test("the numbers in the cells, and the kernel's weights", () => {
  const scene = sceneOf(FIGURE_2_1, t);
  assert.deepEqual(cellNumbers(scene, "right"), [
    { cell: [0, 0], kind: "out", text: "12" }, { cell: [0, 1], kind: "out", text: "12" },
    { cell: [1, 0], kind: "out", text: "10" }, { cell: [1, 1], kind: "out", text: "17" },
  ]);
  assert.deepEqual(cellNumbers(scene, "left").map((n) => n.text).join(" "), "3 3 2 1 0 0 1 3 3 1 2 2 2 0 0 2");
  assert.deepEqual(tapNumbers(scene), ["0", "1", "2", "2", "2", "0", "0", "1", "2"]);
});

test("with a fraction anywhere, every output is written to one decimal; padding is not numbered", () => {
  const pool = {
    ...FIGURE_2_1,
    op: "avgpool",
    grid: { shape: [2, 3], kinds: [["padding", "input", "input"], ["padding", "input", "input"]] },
    values: { grid: [[0, 3, 3], [0, 2, 1]], output: [[2.25, 2]] },
    output_shape: [1, 2],
    frames: [],
  };
  const scene = sceneOf(pool, t);
  assert.deepEqual(cellNumbers(scene, "right").map((n) => n.text), ["2.3", "2.0"]);
  assert.deepEqual(cellNumbers(scene, "left").map((n) => n.text), ["3", "3", "2", "1"]);
  assert.deepEqual(scene.taps, []);
});

test("the scatter view: the input on the left pins the steps, the canvas on the right", () => {
  const scene = sceneOf(SCATTER, t);
  assert.equal(scene.pinSide, "left");
  assert.equal(scene.probeSide, "right");
  assert.deepEqual(kindsOf(scene.left), [["input", "input"], ["input", "input"]]);
  assert.deepEqual(kindsOf(scene.right)[2], ["out", "out", "out", "out"]);
  assert.deepEqual(kindsOf(scene.right)[3], ["cropped", "cropped", "cropped", "cropped"]);
  assert.deepEqual(shadedAt(scene, 1), {
    left: [[0, 1]],
    right: windowCells(0, 1, 3),
    current: [0, 1],
    window: ["right", [0, 1, 2, 3]],
    taps: ["right", SCATTER.frames[1].cells],
  });
  assert.deepEqual(feedsAt(scene, [1, 1]), [0, 1, 2, 3]); // canvas cell 5
  assert.deepEqual(feedsAt(scene, [0, 3]), [1]);
  assert.deepEqual(pinsOf(scene, feedsAt(scene, [1, 2])), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  assert.deepEqual(cellNumbers(scene, "right").length, 16);
});

test("zero padding is left blank; another padding mode's cells show what they hold", () => {
  // A 2×2 input padded by 1 on the left, reflected: the padding column mirrors column 1.
  const padded = (mode) => ({
    ...FIGURE_2_1,
    params: { padding_mode: mode },
    grid: { shape: [2, 3], kinds: [["padding", "input", "input"], ["padding", "input", "input"]] },
    values: { ...FIGURE_2_1.values, grid: mode === "zeros" ? [[0, 3, 1], [0, 2, 4]] : [[1, 3, 1], [4, 2, 4]] },
  });
  assert.deepEqual(cellNumbers(sceneOf(padded("zeros"), t), "left").map((n) => n.text), ["3", "1", "2", "4"]);
  assert.deepEqual(cellNumbers(sceneOf(padded("reflect"), t), "left"), [
    { cell: [0, 0], kind: "padding", text: "1" }, { cell: [0, 1], kind: "input", text: "3" },
    { cell: [0, 2], kind: "input", text: "1" }, { cell: [1, 0], kind: "padding", text: "4" },
    { cell: [1, 1], kind: "input", text: "2" }, { cell: [1, 2], kind: "input", text: "4" },
  ]);
});
