// The compact answer read as the verbose one, against the compact form's rules (README, "The
// compact form"), on answers written by hand from the paper's figures.
import assert from "node:assert/strict";
import { test } from "node:test";

import { canvasKind, expand, frameOf, gridKind, lazyArray, matrixOf } from "../../static/js/compact.js";
import { feedsAt, sceneOf, shadedAt } from "../../static/js/scene.js";
import { windowCells } from "./answers.mjs";

const t = (key, values = {}) => ({ key, ...values });

/** Figure 2.6 in the compact form: a 3×3 kernel at stride 2 over a 5×5 input padded by 1. */
const FIGURE_2_6 = {
  op: "conv",
  form: "compact",
  query: "op=conv&i=5&k=3&s=2&p=1",
  input_shape: [5, 5],
  output_shape: [3, 3],
  padding: { top: 1, bottom: 1, left: 1, right: 1 },
  canvas: null,
  grid: {
    shape: [7, 7],
    rows: ["padding", "input", "input", "input", "input", "input", "padding"],
    cols: ["padding", "input", "input", "input", "input", "input", "padding"],
  },
  frames: {
    count: 9, shape: [3, 3], origins: { rows: [0, 2, 4], cols: [0, 2, 4] },
    taps: { rows: [0, 1, 2], cols: [0, 1, 2] }, bounds: [7, 7], extent: [3, 3],
  },
  values: {
    input: { shape: [2, 3], data: [1, 2, 3, 4, 5, 6.5] },
    kernel: { shape: [3, 3], data: [0, 1, 2, 2, 2, 0, 0, 1, 2] },
    output: { shape: [3, 3], data: [6, 17, 3, 8, 17, 13, 6, 4, 4] },
    channels: 1,
    divisors: null,
  },
  overlap: null,
};

test("a frame is its origin plus the kernel's offsets, row-major over the kernel", () => {
  const data = expand(FIGURE_2_6);
  assert.equal(data.frames.length, 9);
  assert.equal(expand(data), data); // read once: reading it again changes nothing
  // Frame 4 is output (1, 1): its window starts at grid (2, 2), two strides in.
  assert.deepEqual(data.frames[4], { output: [1, 1], cells: windowCells(2, 2, 3), window: [2, 2, 4, 4] });
  assert.deepEqual(data.frames[0].cells, windowCells(0, 0, 3));
  assert.deepEqual(data.frames[8], { output: [2, 2], cells: windowCells(4, 4, 3), window: [4, 4, 6, 6] });
  assert.deepEqual(data.frames[5].output, [1, 2]);
  assert.equal(data.frames[9], undefined);
});

test("a window hanging past the bounds keeps its cells inside them", () => {
  // ceil_mode: a 5×5 grid, windows of 3 at rows and columns 0, 2 and 4; the last reaches 6.
  const frames = {
    count: 9, shape: [3, 3], origins: { rows: [0, 2, 4], cols: [0, 2, 4] },
    taps: { rows: [0, 1, 2], cols: [0, 1, 2] }, bounds: [5, 5], extent: [3, 3],
  };
  assert.deepEqual(frameOf(frames, 8, false), { output: [2, 2], cells: [[4, 4]], window: [4, 4, 6, 6] });
  assert.deepEqual(frameOf(frames, 2, false).cells, [[0, 4], [1, 4], [2, 4]]);
  // Dilation 2: the kernel's offsets are 0 and 2 apart.
  const dilated = { ...frames, count: 1, shape: [1, 1], origins: { rows: [1], cols: [0] },
    taps: { rows: [0, 2], cols: [0, 2] }, extent: [3, 3] };
  assert.deepEqual(frameOf(dilated, 0, false).cells, [[1, 0], [1, 2], [3, 0], [3, 2]]);
});

test("a cell's kind is its row's and its column's: padding, then an inserted zero, then input", () => {
  assert.equal(gridKind("padding", "inserted"), "padding");
  assert.equal(gridKind("inserted", "padding"), "padding");
  assert.equal(gridKind("input", "inserted"), "inserted");
  assert.equal(gridKind("input", "input"), "input");
  assert.equal(canvasKind("output", "output"), "output");
  assert.equal(canvasKind("output", "cropped"), "cropped");
  assert.equal(canvasKind("cropped", "output"), "cropped");
  // Figure 4.5's grid: a 2×2 input at stride 2, one zero between units, padded to 6×6 (a = 1).
  const rows = ["padding", "input", "inserted", "input", "padding", "padding"];
  const data = expand({ ...FIGURE_2_6, grid: { shape: [6, 6], rows, cols: rows } });
  assert.deepEqual(data.grid.kinds[1], ["padding", "input", "inserted", "input", "padding", "padding"]);
  assert.deepEqual(data.grid.kinds[2], ["padding", "inserted", "inserted", "inserted", "padding", "padding"]);
  assert.equal(data.grid.kinds[0][3], "padding");
  assert.equal(data.grid.kinds.length, 6);
  assert.deepEqual(data.grid.shape, [6, 6]);
});

test("matrices read as rows; numbers and nulls elsewhere stay as they are", () => {
  const data = expand(FIGURE_2_6);
  assert.equal(data.values.input[1][2], 6.5);
  assert.deepEqual(data.values.input[0], [1, 2, 3]);
  assert.deepEqual(data.values.kernel.flat(), [0, 1, 2, 2, 2, 0, 0, 1, 2]);
  assert.ok(Array.isArray(data.values.output));
  assert.deepEqual(data.values.output.map((row) => row[0]), [6, 8, 6]);
  assert.ok(data.values.input.some((row) => row.some((v) => !Number.isInteger(v))));
  assert.equal(JSON.stringify(data.values.output), "[[6,17,3],[8,17,13],[6,4,4]]");
  assert.deepEqual([...data.values.input], [[1, 2, 3], [4, 5, 6.5]]);
  assert.equal(data.values.channels, 1);
  assert.equal(data.values.divisors, null);
  assert.equal(data.query, FIGURE_2_6.query);
  assert.deepEqual(matrixOf({ shape: [0, 0], data: [] }).length, 0);
});

test("the scatter view: each input unit's frame on the canvas; output only where row and column are", () => {
  // Figure 4.5's scatter view: a 2×2 input at stride 2 onto a 5×5 canvas, row and column 0 cropped.
  const data = expand({
    op: "transpose", form: "compact", input_shape: [2, 2], output_shape: [4, 4], grid: null,
    canvas: { shape: [5, 5], rows: ["cropped", "output", "output", "output", "output"],
      cols: ["cropped", "output", "output", "output", "output"], offset: { top: 1, left: 1 } },
    frames: { count: 4, shape: [2, 2], origins: { rows: [0, 2], cols: [0, 2] },
      taps: { rows: [0, 1, 2], cols: [0, 1, 2] }, bounds: [5, 5], extent: null },
    values: { input: { shape: [2, 2], data: [3, 3, 0, 0] } },
    overlap: { counts: { shape: [2, 2], data: [1, 2, 2, 4] }, uneven: [], alternative: null },
  });
  assert.deepEqual(data.frames[3], { input: [1, 1], cells: windowCells(2, 2, 3) });
  assert.deepEqual(data.frames[1].cells, windowCells(0, 2, 3));
  assert.equal(data.canvas.kinds[0][1], "cropped");
  assert.equal(data.canvas.kinds[1][0], "cropped");
  assert.equal(data.canvas.kinds[1][1], "output");
  assert.deepEqual(data.canvas.offset, { top: 1, left: 1 });
  assert.deepEqual(data.overlap.counts[1], [2, 4]);
  assert.deepEqual(data.overlap.uneven, []);
});

test("nothing is built before it is read: a frame, a row of kinds, a row of numbers", () => {
  let reads = 0;
  const counted = (values) => new Proxy(values, { get: (target, key) => {
    if (/^\d+$/.test(String(key))) reads += 1;
    return Reflect.get(target, key);
  } });
  // A 512×512 grid's 255×255 frames: reading one frame reads one origin per axis.
  const origins = Array.from({ length: 255 }, (_, a) => 2 * a);
  const big = expand({
    ...FIGURE_2_6,
    grid: { shape: [512, 512], rows: Array(512).fill("input"), cols: Array(512).fill("input") },
    frames: { count: 255 * 255, shape: [255, 255], origins: { rows: counted(origins), cols: counted(origins) },
      taps: { rows: [0, 1, 2], cols: [0, 1, 2] }, bounds: [512, 512], extent: [3, 3] },
  });
  assert.equal(reads, 0);
  assert.equal(big.frames.length, 65025);
  assert.deepEqual(big.frames[65024].window, [508, 508, 510, 510]);
  assert.equal(reads, 2);
  let made = 0;
  const rows = lazyArray(512, (r) => { made += 1; return [r]; });
  assert.equal(rows[300][0], 300);
  assert.equal(rows[300][0], 300);
  assert.equal(made, 1);
});

test("a verbose answer is read as it is", () => {
  const verbose = { op: "conv", frames: [], grid: { shape: [1, 1], kinds: [["input"]] } };
  assert.equal(expand(verbose), verbose);
});

test("the figure reads a compact answer as it read the verbose one", () => {
  const scene = sceneOf(expand(FIGURE_2_6), t);
  assert.equal(scene.left.kindAt(0, 0), "padding");
  assert.equal(scene.left.kindAt(3, 3), "input");
  assert.deepEqual(shadedAt(scene, 4).left, windowCells(2, 2, 3));
  assert.deepEqual(shadedAt(scene, 4).current, [1, 1]);
  // Grid (2, 2) is the corner of windows 0, 1, 3 and 4 (stride 2, kernel 3).
  assert.deepEqual(feedsAt(scene, [2, 2]), [0, 1, 3, 4]);
  assert.deepEqual(feedsAt(scene, [6, 6]), [8]);
  // Grid (1, 3): row 1 is only under the first window row, column 3 only under the second
  // window column (columns 2 to 4).
  assert.deepEqual(feedsAt(scene, [1, 3]), [1]);
});
