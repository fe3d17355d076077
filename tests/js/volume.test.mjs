// A 3-D layer drawn as rows of depth slices, and a 1-D layer as a strip: compact answers
// written by hand from the spec's compact form (grid.slices, frames.depth), each expected
// cell worked out by hand below.
import assert from "node:assert/strict";
import { test } from "node:test";

import { directCaption, gridLabels, probeCaption, stepCaption } from "../../static/js/captions.js";
import { expand } from "../../static/js/compact.js";
import { narration } from "../../static/js/narration.js";
import { cellAt, cellIndex, feedsAt, sceneOf, shadedAt } from "../../static/js/scene.js";
import { sliceRow, stepCell } from "../../static/js/volume.js";

const t = (key, values = {}) => ({ key, ...values });

const edges = ["padding", "input", "input", "input", "padding"];
/** conv, i = 2×3×3 (D, H, W), k = 3, s = 1, p = 1: a 4×5×5 grid (a padding slice at each
 * end), a 2×3×3 output, 18 steps. Input values 1..18 in order; a kernel of ones. */
const VOLUME = {
  op: "conv",
  form: "compact",
  query: "op=conv&dims=3&i=2,3,3&k=3&s=1&p=1",
  params: { dims: 3, padding_mode: "zeros" },
  input_shape: [2, 3, 3],
  output_shape: [2, 3, 3],
  canvas: null,
  grid: { shape: [4, 5, 5], rows: edges, cols: edges, slices: ["padding", "input", "input", "padding"] },
  frames: {
    count: 18, shape: [2, 3, 3], origins: { rows: [0, 1, 2], cols: [0, 1, 2] },
    taps: { rows: [0, 1, 2], cols: [0, 1, 2] }, bounds: [4, 5, 5], extent: [3, 3, 3],
    depth: { origins: [0, 1], taps: [0, 1, 2], bound: 4, extent: 3 },
  },
  values: {
    input: { shape: [2, 3, 3], data: Array.from({ length: 18 }, (_, j) => j + 1) },
    grid: { shape: [4, 5, 5], data: Array.from({ length: 100 }, (_, j) => j) },
    kernel: { shape: [3, 3, 3], data: Array(27).fill(1) },
    taps: { shape: [3, 3, 3], data: Array(27).fill(1) },
    output: { shape: [2, 3, 3], data: Array.from({ length: 18 }, (_, j) => 100 + j) },
    divisors: null,
  },
  overlap: null,
};

test("a 3-D frame: depth-major steps, cells depth first, the window on every axis", () => {
  const data = expand(VOLUME);
  assert.equal(data.frames.length, 18);
  // Step 13 = 1·9 + 1·3 + 1: output (1, 1, 1); its window starts at depth 1, row 1, col 1.
  const frame = data.frames[13];
  assert.deepEqual(frame.output, [1, 1, 1]);
  assert.deepEqual(frame.window, [1, 1, 1, 3, 3, 3]);
  assert.equal(frame.cells.length, 27);
  assert.deepEqual(frame.cells[0], [1, 1, 1]);
  assert.deepEqual(frame.cells[26], [3, 3, 3]);
  assert.deepEqual(stepCell(13, [2, 3, 3]), [1, 1, 1]);
  // 3-D values: values.grid[z][r][c] is data[(z·5 + r)·5 + c].
  assert.equal(data.values.grid[2][3][4], 69);
  assert.equal(data.grid.kinds[0][2][2], "padding");
  assert.equal(data.grid.kinds[1][2][2], "input");
  assert.equal(data.grid.kinds[1][0][2], "padding");
});

test("the slices in a row: a gap column between slices, none drawn", () => {
  const row = sliceRow([4, 5, 5]);
  assert.deepEqual(row.shape, [5, 23]); // 4 slices of 5 columns and 3 gaps
  assert.deepEqual(row.toPlane([2, 3, 4]), [3, 16]);
  assert.deepEqual(row.fromPlane([3, 16]), [2, 3, 4]);
  assert.equal(row.fromPlane([0, 5]), null);
  assert.deepEqual(row.sliceBox(3), [0, 18, 4, 22]);
});

test("a 3-D step lights the kernel's slices, each with the plane's window, and its output", () => {
  const scene = sceneOf(expand(VOLUME), t);
  assert.deepEqual(scene.left.shape, [5, 23]);
  assert.deepEqual(scene.right.shape, [3, 7]); // 2 output slices of 3 columns, 1 gap
  const shaded = shadedAt(scene, 13);
  // Depth origin 1 plus taps 0, 1, 2: slices 1 to 3 (3 is the padding slice).
  assert.deepEqual(shaded.slices, { left: [1, 2, 3], right: [1] });
  // Rows 1–3, columns 1–3 of each: slice z's columns start at 6z.
  assert.deepEqual(shaded.windows, [["left", [1, 7, 3, 9]], ["left", [1, 13, 3, 15]], ["left", [1, 19, 3, 21]]]);
  assert.equal(shaded.left.length, 27);
  assert.deepEqual(shaded.left[0], [1, 7]);
  // Output (1, 1, 1) on the second output slice: columns start at 4.
  assert.deepEqual(shaded.current, [1, 5]);
  assert.deepEqual(shaded.right, [[1, 5]]);
  // Kinds: the first slice is all padding, the middle ones padded at the edges, gaps apart.
  assert.equal(scene.left.kindAt(2, 2), "padding");
  assert.equal(scene.left.kindAt(2, 8), "input");
  assert.equal(scene.left.kindAt(0, 8), "padding");
  assert.equal(scene.left.kindAt(2, 5), "gap");
  assert.equal(scene.right.kindAt(0, 3), "gap");
  // A pin cell's index is its step; a grid cell's counts through the volume.
  assert.equal(cellIndex(scene, "right", [1, 5]), 13);
  assert.deepEqual(cellAt(scene, "right", 13), [1, 5]);
  assert.equal(cellIndex(scene, "left", [3, 16]), (2 * 5 + 3) * 5 + 4);
  assert.deepEqual(cellAt(scene, "left", 69), [3, 16]);
  assert.equal(scene.left.values[3][16], 69);
  assert.equal(scene.left.values[3][5], null);
});

test("a grid cell feeds the steps whose window covers it on all three axes", () => {
  const scene = sceneOf(expand(VOLUME), t);
  // Grid (0, 0, 0): the first window alone.
  assert.deepEqual(feedsAt(scene, [0, 0]), [0]);
  // Grid (3, 4, 4): depth origin 1 + 2, row and column origins 2 + 2: step 9 + 6 + 2.
  assert.deepEqual(feedsAt(scene, [4, 22]), [17]);
  // Grid (1, 2, 2): depth origins 0 and 1, every row and column origin: all 18 steps.
  assert.deepEqual(feedsAt(scene, [2, 8]), Array.from({ length: 18 }, (_, n) => n));
  assert.deepEqual(feedsAt(scene, [2, 5]), []);
});

test("a 3-D layer's words: its volumes' shapes, a cell as (z, r, c), depths first", () => {
  const data = expand(VOLUME);
  assert.deepEqual(gridLabels(data, t), {
    left: { key: "figure.volume_grid", shape: "2×3×3", grid: "4×5×5" },
    right: { key: "figure.volume_output", shape: "2×3×3" },
  });
  assert.deepEqual(stepCaption(data, 13, false, t), { key: "figure.step_caption_at", at: "(1, 1, 1)", n: 27 });
  assert.deepEqual(probeCaption(data, [3, 4, 4], 1, t), { key: "figure.feeds_at_one", at: "(3, 4, 4)", n: 1 });
  // Step 0 reads grid (0..2, 0..2, 0..2): values (z·5 + r)·5 + c, each times 1.
  const caption = directCaption(data, 0, t);
  assert.equal(caption.key, "figure.sum_at");
  assert.equal(caption.at, "(0, 0, 0)");
  assert.equal(caption.value, "100");
  assert.ok(caption.terms.startsWith("0×1 + 1×1 + 2×1 + 5×1"), caption.terms);
  const said = narration(data, 13, t);
  assert.equal(said.key, "narration.sum_at");
  assert.equal(said.at, "(1, 1, 1)");
  assert.deepEqual(said.cells.slices, { key: "narration.slices", span: "1–3" });
  assert.deepEqual(said.cells.rows, { key: "narration.rows", span: "1–3" });
});

/** conv, 1-D: i = 7, k = 3, causal padding d(k − 1) = 2 on the left: a 9-cell strip, 7
 * outputs. The strip is the plane one row high (the spec), so frames are [0, c]. */
const STRIP = {
  op: "conv",
  form: "compact",
  query: "op=conv&dims=1&i=7&k=3&s=1&p=causal",
  params: { dims: 1, padding_mode: "zeros" },
  input_shape: [1, 7],
  output_shape: [1, 7],
  padding: { top: 0, bottom: 0, left: 2, right: 0 },
  canvas: null,
  grid: { shape: [1, 9], rows: ["input"], cols: ["padding", "padding", "input", "input", "input", "input", "input", "input", "input"] },
  frames: {
    count: 7, shape: [1, 7], origins: { rows: [0], cols: [0, 1, 2, 3, 4, 5, 6] },
    taps: { rows: [0], cols: [0, 1, 2] }, bounds: [1, 9], extent: [1, 3],
  },
  values: {
    input: { shape: [1, 7], data: [1, 2, 3, 4, 5, 6, 7] },
    grid: { shape: [1, 9], data: [0, 0, 1, 2, 3, 4, 5, 6, 7] },
    kernel: { shape: [1, 3], data: [1, 1, 1] },
    taps: { shape: [1, 3], data: [1, 1, 1] },
    output: { shape: [1, 7], data: [1, 3, 6, 9, 12, 15, 18] },
    divisors: null,
  },
  overlap: null,
};

test("a 1-D strip: stacked, positions for cells, the causal window ends at its own output", () => {
  const data = expand(STRIP);
  const scene = sceneOf(data, t);
  assert.equal(scene.stacked, true);
  // Output 0 reads strip positions 0–2: the two padding zeros and input 0 (causal).
  const shaded = shadedAt(scene, 0);
  assert.deepEqual(shaded.left, [[0, 0], [0, 1], [0, 2]]);
  assert.deepEqual(shaded.current, [0, 0]);
  assert.deepEqual(gridLabels(data, t), {
    left: { key: "figure.strip_grid", w: 7, gw: 9 },
    right: { key: "figure.strip_output", w: 7 },
  });
  assert.deepEqual(stepCaption(data, 4, false, t), { key: "figure.step_caption_at", at: "4", n: 3 });
  assert.deepEqual(directCaption(data, 4, t),
    { key: "figure.sum_at", at: "4", terms: "3×1 + 4×1 + 5×1", value: "12" });
  assert.deepEqual(narration(data, 4, t).cells, { key: "narration.positions", span: "4–6" });
});

test("a 1-D answer's sizes per axis read as the plane one row high", async () => {
  const { planeOf } = await import("../../static/js/strip.js");
  const answer = { ...STRIP, input_shape: [7], output_shape: [7], kernel_shape: [3],
    params: { dims: 1, i: [7], k: [3], s: [2], p: "causal", d: [1], a: [0] },
    transpose: { stretched_shape: [13] } };
  const plane = planeOf(answer);
  assert.deepEqual([plane.input_shape, plane.output_shape, plane.kernel_shape], [[1, 7], [1, 7], [1, 3]]);
  assert.deepEqual([plane.params.i, plane.params.s, plane.params.a, plane.params.p], [[1, 7], [1, 2], [0, 0], "causal"]);
  assert.deepEqual(plane.transpose.stretched_shape, [1, 13]);
  assert.equal(planeOf(answer), plane);
  assert.equal(planeOf(VOLUME), VOLUME);
  // The strip drawn from it: the output one row of 7.
  assert.deepEqual(sceneOf(expand(plane), t).right.shape, [1, 7]);
});

/** transpose, 3-D: i = 2, k = 3, s = 2, p = 0: each input unit's kernel copy lands on a 5×5×5
 * canvas (all of it output), copies two apart on every axis; 8 steps, one per input unit. */
const SCATTERED = {
  op: "transpose",
  form: "compact",
  query: "op=transpose&dims=3&i=2&k=3&s=2&p=0",
  params: { dims: 3, padding_mode: "zeros" },
  input_shape: [2, 2, 2],
  output_shape: [5, 5, 5],
  grid: null,
  canvas: { shape: [5, 5, 5], rows: Array(5).fill("output"), cols: Array(5).fill("output"),
    slices: Array(5).fill("output"), offset: { top: 0, left: 0, front: 0 } },
  frames: {
    count: 8, shape: [2, 2, 2], origins: { rows: [0, 2], cols: [0, 2] },
    taps: { rows: [0, 1, 2], cols: [0, 1, 2] }, bounds: [5, 5, 5], extent: null,
    depth: { origins: [0, 2], taps: [0, 1, 2], bound: 5, extent: 3 },
  },
  values: {
    input: { shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8] },
    kernel: { shape: [3, 3, 3], data: Array(27).fill(1) },
    canvas: { shape: [5, 5, 5], data: Array(125).fill(0) },
    output: { shape: [5, 5, 5], data: Array(125).fill(0) },
    channels: 1,
  },
  overlap: null,
};

test("a 3-D scatter step: an input unit's kernel copy on the canvas's slices", () => {
  const data = expand(SCATTERED);
  // Step 7 = input (1, 1, 1): its copy covers canvas depths, rows and columns 2 to 4.
  assert.deepEqual(data.frames[7].input, [1, 1, 1]);
  assert.equal(data.frames[7].cells.length, 27);
  const scene = sceneOf(data, t);
  assert.equal(scene.pinSide, "left");
  assert.deepEqual(scene.left.shape, [2, 5]); // 2 input slices of 2 columns, 1 gap
  assert.deepEqual(scene.right.shape, [5, 29]); // 5 canvas slices of 5 columns, 4 gaps
  const shaded = shadedAt(scene, 7);
  assert.deepEqual(shaded.current, [1, 4]);
  assert.deepEqual(shaded.slices, { left: [1], right: [2, 3, 4] });
  assert.deepEqual(shaded.windows, [["right", [2, 14, 4, 16]], ["right", [2, 20, 4, 22]], ["right", [2, 26, 4, 28]]]);
  assert.equal(cellIndex(scene, "left", [1, 4]), 7);
  // Canvas (2, 2, 2) gets every unit's copy (depth, row and column origins 0 and 2); the
  // corner (0, 0, 0) unit 0's alone.
  assert.deepEqual(feedsAt(scene, [2, 14]), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(feedsAt(scene, [0, 0]), [0]);
  assert.deepEqual(stepCaption(data, 7, false, t),
    { key: "figure.scatter_at", at: "(1, 1, 1)", x: "8", n: 27, kept: 27 });
  assert.deepEqual(probeCaption(data, [0, 0, 0], 1, t), { key: "figure.fed_by_at_one", at: "(0, 0, 0)", n: 1 });
  assert.deepEqual(gridLabels(data, t), {
    left: { key: "figure.volume_input", shape: "2×2×2" },
    right: { key: "figure.volume_output", shape: "5×5×5" },
  });
});

test("a 1-D layer's own numbers are one row, fitted to its length", async () => {
  const { fitNumbers } = await import("../../static/js/values.js");
  const fitting = { presets: ["identity", "box_blur", "sharpen"], limit: 1024 };
  const strip = { dims: 1, i: [5], k: [3], x: "1,2,3,4,5", w: "1,0,-1" };
  assert.deepEqual(fitNumbers(strip, fitting), strip);
  // Longer: zeros after; a kernel preset that comes in any odd size stays.
  assert.equal(fitNumbers({ ...strip, i: [7] }, fitting).x, "1,2,3,4,5,0,0");
  assert.equal(fitNumbers({ ...strip, w: "identity" }, fitting).w, "identity");
  assert.equal(fitNumbers({ ...strip, w: "sharpen" }, fitting).w, null);
});
