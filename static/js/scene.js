// The figure as data: a left and a right grid; per step the cells lit on each side, the
// outlined window and the "pin" cell whose hover selects the step. The other side's cells
// are probed: hovering one lights the pin cells of every step that touches it. One shape
// serves both views (the direct view and a transposed convolution's scatter view), and
// every question the drawing asks is answered from it; nothing of the arithmetic is
// computed here: it follows the API's frames.
import { gridLabels } from "./captions.js";
import { formatValue, hasFractions } from "./format.js";

const bounds = (cells) => [
  Math.min(...cells.map(([r]) => r)), Math.min(...cells.map(([, c]) => c)),
  Math.max(...cells.map(([r]) => r)), Math.max(...cells.map(([, c]) => c)),
];

const filled = ([h, w], kind) => Array.from({ length: h }, () => Array(w).fill(kind));

/** The scene of an engine answer (/api/frames or /api/scatter); `t` writes the labels. */
export function sceneOf(data, t) {
  const values = data.values;
  const labels = gridLabels(data, t);
  if (data.canvas) {
    return {
      left: { shape: data.input_shape, kinds: filled(data.input_shape, "input"),
        label: labels.left, values: values.input, valueKinds: ["input"] },
      right: { shape: data.canvas.shape,
        kinds: data.canvas.kinds.map((row) => row.map((k) => (k === "output" ? "out" : "cropped"))),
        label: labels.right, values: values.canvas, valueKinds: ["out", "cropped"] },
      pinSide: "left",
      probeSide: "right",
      steps: data.frames.map((f) => ({
        left: [f.input], right: f.cells, window: ["right", bounds(f.cells)], pin: f.input,
        taps: ["right", f.cells],
      })),
      taps: values.kernel.flat(),
    };
  }
  // Zero padding stays blank, as the paper draws it; another padding mode's cells show what
  // they hold (the input reflected, replicated or wrapped around).
  const padded = (data.params?.padding_mode ?? "zeros") !== "zeros";
  return {
    left: { shape: data.grid.shape, kinds: data.grid.kinds, label: labels.left,
      values: values.grid, valueKinds: padded ? ["input", "padding"] : ["input"] },
    right: { shape: data.output_shape, kinds: filled(data.output_shape, "out"),
      label: labels.right, values: values.output, valueKinds: ["out"] },
    pinSide: "right",
    probeSide: "left",
    steps: data.frames.map((f) => ({
      left: f.cells, right: [f.output], window: ["left", f.window], pin: f.output,
      taps: ["left", f.cells],
    })),
    taps: values.taps ? values.taps.flat() : [],
  };
}

/** A cell's index on `side`: row-major, so a pin cell's index is its step. */
export function cellIndex(scene, side, [r, c]) {
  return r * scene[side].shape[1] + c;
}

/** The cell at `index` on `side`. */
export function cellAt(scene, side, index) {
  const w = scene[side].shape[1];
  return [Math.floor(index / w), index % w];
}

/** Which cells to shade at step `n`: the indices lit on each side, the current pin cell's
 * index, the window to outline and the cells the kernel's weights sit on. */
export function shadedAt(scene, n) {
  const step = scene.steps[n];
  return {
    left: step.left.map((cell) => cellIndex(scene, "left", cell)),
    right: step.right.map((cell) => cellIndex(scene, "right", cell)),
    current: cellIndex(scene, scene.pinSide, step.pin),
    window: step.window,
    taps: step.taps,
  };
}

/** For each probed cell's index, the steps that touch it, in order. */
export function feedsOf(scene) {
  const feeds = new Map();
  scene.steps.forEach((step, n) => {
    for (const cell of step[scene.probeSide]) {
      const key = cellIndex(scene, scene.probeSide, cell);
      if (!feeds.has(key)) feeds.set(key, []);
      feeds.get(key).push(n);
    }
  });
  return feeds;
}

/** The pin cells (indices) of the steps that touch a probed cell. */
export function pinsOf(scene, steps) {
  return steps.map((n) => cellIndex(scene, scene.pinSide, scene.steps[n].pin));
}

/** The numbers written in `side`'s cells (chapter-1 style): every cell of a kind that holds
 * a value, all to one decimal where any has a fraction. */
export function cellNumbers(scene, side) {
  const grid = scene[side];
  const decimals = hasFractions(grid.values);
  const numbers = [];
  grid.values.forEach((row, r) => row.forEach((value, c) => {
    const kind = grid.kinds[r][c];
    if (grid.valueKinds.includes(kind)) numbers.push({ cell: [r, c], kind, text: formatValue(value, decimals) });
  }));
  return numbers;
}

/** The kernel's weights as written in the corner of the cells they cover. */
export function tapNumbers(scene) {
  return scene.taps.map((w) => formatValue(w));
}
