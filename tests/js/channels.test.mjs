// PyTorch's grouping and the channel panel's geometry, worked out by hand: with c_out = 6,
// c_in = 4 and g = 2, each group holds 6/2 = 3 output channels and 4/2 = 2 input channels.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CAP, channelPlan, filledCells, filledCount, fitted, groupOf, inputGroupOf, inputRegion, inputsOf, panelLayout, reads,
  showsChannels, stackOf, visibleRun,
} from "../../static/js/channels.js";

const GROUPED = channelPlan("conv", { c_in: 4, c_out: 6, g: 2 });

test("a grouped convolution: output channels 0–2 read inputs 0–1, 3–5 read inputs 2–3", () => {
  assert.deepEqual(GROUPED, { pooling: false, cIn: 4, cOut: 6, groups: 2, depth: 2 });
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((o) => groupOf(GROUPED, o)), [0, 0, 0, 1, 1, 1]);
  assert.deepEqual(inputsOf(GROUPED, 0), [0, 2]);
  assert.deepEqual(inputsOf(GROUPED, 2), [0, 2]);
  assert.deepEqual(inputsOf(GROUPED, 3), [2, 4]);
  assert.deepEqual([0, 1, 2, 3].map((c) => inputGroupOf(GROUPED, c)), [0, 0, 1, 1]);
  assert.equal(reads(GROUPED, 4, 1), false);
  assert.equal(reads(GROUPED, 4, 3), true);
});

test("the connection matrix is block-diagonal: 12 of its 24 cells", () => {
  assert.deepEqual(filledCells(GROUPED), [
    [0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1],
    [3, 2], [3, 3], [4, 2], [4, 3], [5, 2], [5, 3],
  ]);
});

test("no groups: every output channel reads every input channel", () => {
  const plan = channelPlan("transpose", { c_in: 3, c_out: 2, g: 1 });
  assert.equal(plan.depth, 3);
  assert.deepEqual(inputsOf(plan, 1), [0, 3]);
  assert.equal(filledCells(plan).length, 6);
  assert.equal(filledCount(plan), 6);
});

test("depthwise with a multiplier of 2: c_in = 4, c_out = 8, g = 4; channel 5 reads input 2", () => {
  const plan = channelPlan("conv", { c_in: 4, c_out: 8, g: 4 });
  assert.equal(plan.depth, 1);
  assert.equal(groupOf(plan, 5), 2);
  assert.deepEqual(inputsOf(plan, 5), [2, 3]);
  assert.deepEqual(filledCells(plan), [[0, 0], [1, 0], [2, 1], [3, 1], [4, 2], [5, 2], [6, 3], [7, 3]]);
});

test("pooling works channel by channel: the matrix is the diagonal", () => {
  const plan = channelPlan("maxpool", { c_in: 3, c_out: 1, g: 1 });
  assert.deepEqual(plan, { pooling: true, cIn: 3, cOut: 3, groups: 3, depth: 1 });
  assert.deepEqual(filledCells(plan), [[0, 0], [1, 1], [2, 2]]);
});

test("the panel shows only where there is more than one channel", () => {
  assert.equal(showsChannels("conv", { c_in: 1, c_out: 1 }), false);
  assert.equal(showsChannels("conv", { c_in: 1, c_out: 2 }), true);
  assert.equal(showsChannels("transpose", { c_in: 3, c_out: 1 }), true);
  // Pooling leaves c_out at 1 and keeps c_in channels.
  assert.equal(showsChannels("avgpool", { c_in: 1, c_out: 1 }), false);
  assert.equal(showsChannels("maxpool", { c_in: 2, c_out: 1 }), true);
});

test("at most 16 drawn: pages of 16 around the focus, the last ending at the count", () => {
  assert.equal(CAP, 16);
  assert.deepEqual(visibleRun(4, 3), { start: 0, end: 4, hidden: 0 });
  assert.deepEqual(visibleRun(16, 15), { start: 0, end: 16, hidden: 0 });
  assert.deepEqual(visibleRun(64, 0), { start: 0, end: 16, hidden: 48 });
  assert.deepEqual(visibleRun(64, 20), { start: 16, end: 32, hidden: 48 });
  assert.deepEqual(visibleRun(20, 19), { start: 4, end: 20, hidden: 4 });
});

test("a filter's slices stack up and to the right, back to front", () => {
  // Room 36 for slices of 22: a step of 6 (the most) for 2 slices.
  assert.deepEqual(stackOf(2, 22, 36, [36, 242]), [
    { index: 1, x: 42, y: 214, size: 22 },
    { index: 0, x: 36, y: 220, size: 22 },
  ]);
  // 16 slices share the 14 units left: 14/15 each; the backmost is 14 right and 14 up.
  const deep = stackOf(16, 22, 36, [0, 100]);
  assert.equal(deep.length, 16);
  assert.deepEqual(deep[0], { index: 15, x: 14, y: 64, size: 22 });
  assert.equal(stackOf(1, 22, 36, [0, 100])[0].x, 0);
});

test("a kernel window on a slice: the grid fitted in the square, the window on it", () => {
  // A 7×7 grid in 35 units: 5 per cell; window rows and columns 1 to 3.
  assert.deepEqual(fitted([7, 7], 35, [0, 0], [1, 1, 3, 3]), {
    grid: { x: 0, y: 0, width: 35, height: 35 },
    window: { x: 5, y: 5, width: 15, height: 15 },
  });
  // A 2×4 grid in 32 units: 8 per cell, centred vertically (8 above and below).
  assert.deepEqual(fitted([2, 4], 32, [10, 20], [0, 1, 1, 2]), {
    grid: { x: 10, y: 28, width: 32, height: 16 },
    window: { x: 18, y: 28, width: 16, height: 16 },
  });
  assert.equal(fitted([3, 3], 30, [0, 0]).window, null);
});

test("the panel of c_in = 4, c_out = 6, g = 2 with output channel 3 chosen", () => {
  const layout = panelLayout(GROUPED, 3);
  // Filters take 72 units and a gap of 12: the matrix starts at x = 84, below the input
  // slices (y 40 to 72) and a gap of 12: y = 84; columns and rows are 40 units.
  assert.equal(layout.group, 1);
  assert.deepEqual(layout.inputs.map((s) => [s.channel, s.x, s.y, s.lit]), [
    [0, 88, 40, false], [1, 128, 40, false], [2, 168, 40, true], [3, 208, 40, true],
  ]);
  assert.equal(layout.cells.length, 24);
  assert.equal(layout.cells.filter((c) => c.filled).length, 12);
  const row = layout.cells.filter((c) => c.current);
  assert.deepEqual(row.map((c) => [c.c, c.x, c.y, c.filled]), [
    [0, 84, 204, false], [1, 124, 204, false], [2, 164, 204, true], [3, 204, 204, true],
  ]);
  // Outputs 28 after the matrix's right edge (84 + 4·40 = 244).
  assert.deepEqual(layout.outputs[3], { channel: 3, x: 272, y: 208, size: 32, group: 1, current: true });
  assert.deepEqual(layout.filters[3].slices, stackOf(2, 22, 36, [36, 242]));
  assert.equal(layout.filters.filter((f) => f.current).length, 1);
  assert.deepEqual(layout.more, { cols: null, rows: null });
  // 272 + 32 + 30 wide, 84 + 6·40 + 4 high, 4 units of margin.
  assert.equal(layout.viewBox, "-4 0 342 332");
  assert.equal(layout.width, 342);
  // A 30-character title from x = 84 needs 84 + 30 × 0.6 × 14 = 336 units, 2 more than the
  // rows (334): the box grows to fit it.
  const titled = panelLayout(GROUPED, 3, { title: "x".repeat(30), outputs: "", more: "" });
  assert.equal(titled.width, 344);
});

test("64 input and 128 output channels: 16 of each drawn, the rest counted", () => {
  const plan = channelPlan("conv", { c_in: 64, c_out: 128, g: 4 });
  // Output channel 40 is in group 1 (32 a group) and reads inputs 16 to 31.
  const layout = panelLayout(plan, 40);
  assert.deepEqual(layout.cols, { start: 16, end: 32, hidden: 48 });
  assert.deepEqual(layout.rows, { start: 32, end: 48, hidden: 112 });
  assert.equal(layout.cells.length, 256);
  assert.ok(layout.inputs.every((s) => s.lit));
  assert.equal(layout.more.cols.n, 48);
  assert.equal(layout.more.rows.n, 112);
  assert.equal(layout.filters[0].slices.length, 16); // 16 of its 16 slices
});

test("the input's units on the drawn grid: inside the padding, or the stretched input", () => {
  const P = "padding";
  const I = "input";
  const Z = "inserted";
  // A 2×2 input padded by 1: a 4×4 grid, the units in rows and columns 1 to 2.
  assert.deepEqual(inputRegion([[P, P, P, P], [P, I, I, P], [P, I, I, P], [P, P, P, P]]), [1, 1, 2, 2]);
  // A 2×2 input stretched by s = 2 (one zero between units), no padding: the whole 3×3.
  assert.deepEqual(inputRegion([[I, Z, I], [Z, Z, Z], [I, Z, I]]), [0, 0, 2, 2]);
  assert.equal(inputRegion([[P]]), null);
});

test("the filled cells are counted, not listed, at the largest channel counts", () => {
  const widest = channelPlan("conv", { c_in: 65536, c_out: 65536, g: 1 });
  assert.equal(filledCount(widest), 65536 * 65536);
  assert.equal(filledCount(channelPlan("conv", { c_in: 65536, c_out: 65536, g: 65536 })), 65536);
  assert.equal(filledCount(channelPlan("maxpool", { c_in: 7, c_out: 1, g: 1 })), 7);
  assert.equal(filledCount(channelPlan("conv", { c_in: 4, c_out: 6, g: 2 })), 12);
});
