// What the figure's text says, as message keys and values: the sums are the paper's figure
// 1.1 written out by hand.
import assert from "node:assert/strict";
import { test } from "node:test";

import { readFileSync } from "node:fs";

import {
  directCaption, exactValue, gridLabels, joinTerms, legendKey, probeCaption, stepCaption,
} from "../../static/js/captions.js";
import { FIGURE_2_1, SCATTER } from "./answers.mjs";

const t = (key, values = {}) => ({ key, ...values });

test("with numbers, a step's caption is the sum behind its output (figure 1.1)", () => {
  assert.deepEqual(stepCaption(FIGURE_2_1, 0, true, t), {
    key: "figure.sum", r: 0, c: 0,
    terms: "3×0 + 3×1 + 2×2 + 0×2 + 0×2 + 1×0 + 3×0 + 1×1 + 2×2", value: "12",
  });
  assert.deepEqual(stepCaption(FIGURE_2_1, 3, true, t), {
    key: "figure.sum", r: 1, c: 1,
    terms: "0×0 + 1×1 + 3×2 + 1×2 + 2×2 + 2×0 + 0×0 + 0×1 + 2×2", value: "17",
  });
});

test("without numbers, a step's caption says which cells it reads", () => {
  assert.deepEqual(stepCaption(FIGURE_2_1, 2, false, t), { key: "figure.step_caption", r: 1, c: 0, n: 9 });
  const pointwise = { ...FIGURE_2_1, frames: [{ output: [0, 1], cells: [[0, 1]], window: [0, 1, 0, 1] }] };
  assert.deepEqual(stepCaption(pointwise, 0, false, t), { key: "figure.step_caption_one", r: 0, c: 1, n: 1 });
});

test("max and average pooling write their maximum and mean", () => {
  const pool = (op, output) => ({
    ...FIGURE_2_1, op,
    frames: [{ output: [0, 0], cells: [[0, 0], [0, 1], [1, 0], [1, 1]], window: [0, 0, 1, 1] }],
    values: { grid: [[3, 3], [2, 1]], output },
  });
  assert.deepEqual(stepCaption(pool("maxpool", [[3]]), 0, true, t),
    { key: "figure.max", r: 0, c: 0, terms: "3, 3, 2, 1", value: "3" });
  // 9 / 4 = 2.25: a half rounds away from zero.
  assert.deepEqual(stepCaption(pool("avgpool", [[2.25]]), 0, true, t),
    { key: "figure.mean", r: 0, c: 0, terms: "3 + 3 + 2 + 1", n: 4, value: "2.3" });
  // Where any output has a fraction, a whole one is written to one decimal too.
  const mixed = pool("avgpool", [[2, 1.5]]);
  assert.equal(stepCaption(mixed, 0, true, t).value, "2.0");
});

test("average pooling divides by PyTorch's divisor, not by the cells it wrote out", () => {
  // A 2×2 window over the corner of a 2×2 input padded by 1: one input cell, three padding.
  const corner = (divisors, output) => ({
    ...FIGURE_2_1, op: "avgpool",
    frames: [{ output: [0, 0], cells: [[0, 0], [0, 1], [1, 0], [1, 1]], window: [0, 0, 1, 1] }],
    values: { grid: [[0, 0], [0, 3]], output, divisors },
  });
  // count_include_pad=1: 3 / 4; count_include_pad=0: 3 / 1; divisor_override=2: 3 / 2.
  assert.deepEqual(stepCaption(corner([[4]], [[0.75]]), 0, true, t),
    { key: "figure.mean", r: 0, c: 0, terms: "0 + 0 + 0 + 3", n: 4, value: "0.8" });
  assert.equal(stepCaption(corner([[1]], [[3]]), 0, true, t).n, 1);
  assert.equal(stepCaption(corner([[2]], [[1.5]]), 0, true, t).n, 2);
});

test("max pooling's padding is −∞ in the caption", () => {
  const padded = {
    ...FIGURE_2_1, op: "maxpool",
    frames: [{ output: [0, 0], cells: [[0, 0], [0, 1]], window: [0, 0, 0, 1] }],
    values: { grid: [[null, 3]], output: [[3]] },
  };
  assert.equal(stepCaption(padded, 0, true, t).terms, "−∞, 3");
});

test("the scatter view always captions the kernel copy, numbers or not", () => {
  const expected = { key: "figure.scatter", r: 0, c: 1, x: "3", n: 9, kept: 9 };
  assert.deepEqual(stepCaption(SCATTER, 1, false, t), expected);
  assert.deepEqual(stepCaption(SCATTER, 1, true, t), expected);
  // The bottom canvas row is cropped: the second row of inputs keeps 6 of its 9 cells.
  assert.deepEqual(stepCaption(SCATTER, 2, false, t), { key: "figure.scatter", r: 1, c: 0, x: "0", n: 9, kept: 6 });
});

test("a long caption elides its middle terms", () => {
  const terms = Array.from({ length: 13 }, (_, j) => String(j));
  assert.equal(joinTerms(terms, " + "), "0 + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + … + 12");
  assert.equal(joinTerms(terms.slice(0, 12), ","), "0,1,2,3,4,5,6,7,8,9,10,11");
});

test("hovering a cell: how many steps it takes part in, one or many", () => {
  assert.deepEqual(probeCaption(FIGURE_2_1, [1, 1], 4, t), { key: "figure.feeds", r: 1, c: 1, n: 4 });
  assert.deepEqual(probeCaption(FIGURE_2_1, [0, 0], 1, t), { key: "figure.feeds_one", r: 0, c: 0, n: 1 });
  assert.deepEqual(probeCaption(SCATTER, [1, 1], 4, t), { key: "figure.fed_by", r: 1, c: 1, n: 4 });
  assert.deepEqual(probeCaption(SCATTER, [0, 0], 1, t), { key: "figure.fed_by_one", r: 0, c: 0, n: 1 });
});

test("the grids' labels name what each grid is", () => {
  const transpose = (stretched, padding) => ({
    ...FIGURE_2_1, op: "transpose", input_shape: [2, 2], grid: { shape: [6, 6] },
    transpose: { stretched_shape: stretched, equivalent_padding: padding },
  });
  const pad2 = { top: 2, bottom: 2, left: 2, right: 2 };
  assert.deepEqual(gridLabels(FIGURE_2_1, t), {
    left: { key: "figure.input", h: 4, w: 4, gh: 4, gw: 4 },
    right: { key: "figure.output", h: 2, w: 2 },
  });
  const padded = { ...FIGURE_2_1, grid: { shape: [6, 6] }, padding: { top: 1, bottom: 1, left: 1, right: 1 } };
  assert.deepEqual(gridLabels(padded, t).left,
    { key: "figure.padded", h: 4, w: 4, gh: 6, gw: 6 });
  // At stride 1 nothing is stretched: the paper's figures 4.1 to 4.4 only pad.
  assert.deepEqual(gridLabels(transpose([2, 2], pad2), t).left,
    { key: "figure.padded", h: 2, w: 2, gh: 6, gw: 6 });
  assert.deepEqual(gridLabels(transpose([3, 3], pad2), t).left,
    { key: "figure.stretched_padded", h: 2, w: 2, gh: 6, gw: 6 });
  assert.deepEqual(gridLabels(transpose([3, 3], { ...pad2, top: -1 }), t).left,
    { key: "figure.stretched_padded_cropped", h: 2, w: 2, gh: 6, gw: 6 });
  const crop1 = { top: -1, bottom: -1, left: -1, right: -1 };
  assert.deepEqual(gridLabels(transpose([3, 3], crop1), t).left,
    { key: "figure.stretched_cropped", h: 2, w: 2, gh: 6, gw: 6 });
  assert.deepEqual(gridLabels(transpose([2, 2], crop1), t).left,
    { key: "figure.cropped", h: 2, w: 2, gh: 6, gw: 6 });
  assert.deepEqual(gridLabels(SCATTER, t), {
    left: { key: "figure.input", h: 2, w: 2 },
    right: { key: "figure.canvas", h: 3, w: 4, ch: 4, cw: 4 },
  });
  assert.deepEqual(gridLabels({ ...SCATTER, output_shape: [4, 4] }, t).right,
    { key: "figure.output", h: 4, w: 4 });
});

// The same table app/render/wording.py's legend_key is held to (tests/test_wording.py).
const WORDING = JSON.parse(readFileSync(new URL("../cases/wording.json", import.meta.url), "utf-8"));

test("legend keys: the pictures' cases", () => {
  for (const [op, kind, key, mode] of WORDING.legend_key) {
    assert.equal(legendKey(op, kind, mode), key, `${op} ${kind} ${mode}`);
  }
});

test("a learner's fractions and negatives are written out exactly, in brackets", () => {
  assert.equal(exactValue(0.0625), "0.0625");
  assert.equal(exactValue(1 / 9), "0.1111");
  assert.equal(exactValue(-2.5), "−2.5");
  assert.equal(exactValue(-0), "0");
  assert.equal(exactValue(null), "−∞");
  const data = {
    op: "conv",
    frames: [{ output: [0, 0], cells: [[0, 0], [0, 1]] }],
    values: { grid: [[0.25, -1]], taps: [[0.5, 2]], output: [[-1.875]] },
  };
  const t = (key, values) => `${key}: ${values.terms} = ${values.value}`;
  // 0.25×0.5 + (−1)×2 = 0.125 − 2 = −1.875, four decimals kept.
  assert.equal(directCaption(data, 0, t), "figure.sum: 0.25×0.5 + (−1)×2 = −1.875");
});
