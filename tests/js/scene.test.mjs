// Which cells the figure shades and lights, written out by hand from the paper's figures.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  cellAt, cellIndex, cellNumbers, feedsOf, pinsOf, sceneOf, shadedAt, tapNumbers,
} from "../../static/js/scene.js";
import { FIGURE_2_1, SCATTER } from "./answers.mjs";

const t = (key, values = {}) => ({ key, ...values });

test("the direct view: the swept grid on the left, the output on the right", () => {
  const scene = sceneOf(FIGURE_2_1, t);
  assert.deepEqual(scene.left.shape, [4, 4]);
  assert.deepEqual(scene.right.shape, [2, 2]);
  assert.deepEqual(scene.right.kinds, [["out", "out"], ["out", "out"]]);
  assert.deepEqual(scene.left.label, { key: "figure.input", h: 4, w: 4, gh: 4, gw: 4 });
  assert.deepEqual(scene.right.label, { key: "figure.output", h: 2, w: 2 });
  assert.equal(scene.pinSide, "right");
  assert.equal(scene.probeSide, "left");
  assert.deepEqual(scene.taps, [0, 1, 2, 2, 2, 0, 0, 1, 2]);
});

test("figure 2.1's last step shades the bottom-right 3×3 of the input and output cell 3", () => {
  const scene = sceneOf(FIGURE_2_1, t);
  assert.deepEqual(shadedAt(scene, 3), {
    left: [5, 6, 7, 9, 10, 11, 13, 14, 15],
    right: [3],
    current: 3,
    window: ["left", [1, 1, 3, 3]],
    taps: ["left", FIGURE_2_1.frames[3].cells],
  });
  assert.deepEqual(shadedAt(scene, 0).left, [0, 1, 2, 4, 5, 6, 8, 9, 10]);
});

test("hovering an input cell finds every output cell it feeds", () => {
  const scene = sceneOf(FIGURE_2_1, t);
  const feeds = feedsOf(scene);
  assert.deepEqual(feeds.get(0), [0]); // the corner feeds only the first output
  assert.deepEqual(feeds.get(1), [0, 1]);
  assert.deepEqual(feeds.get(5), [0, 1, 2, 3]); // (1, 1) is under every window
  assert.deepEqual(feeds.get(15), [3]);
  assert.equal(feeds.size, 16);
  assert.deepEqual(pinsOf(scene, feeds.get(4)), [0, 2]);
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
  assert.deepEqual(scene.left.kinds, [["input", "input"], ["input", "input"]]);
  assert.deepEqual(scene.right.kinds[2], ["out", "out", "out", "out"]);
  assert.deepEqual(scene.right.kinds[3], ["cropped", "cropped", "cropped", "cropped"]);
  assert.deepEqual(shadedAt(scene, 1), {
    left: [1],
    right: [1, 2, 3, 5, 6, 7, 9, 10, 11],
    current: 1,
    window: ["right", [0, 1, 2, 3]],
    taps: ["right", SCATTER.frames[1].cells],
  });
  const feeds = feedsOf(scene);
  assert.deepEqual(feeds.get(5), [0, 1, 2, 3]);
  assert.deepEqual(feeds.get(3), [1]);
  assert.deepEqual(pinsOf(scene, feeds.get(6)), [0, 1, 2, 3]);
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
