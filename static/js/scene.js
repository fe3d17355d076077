// The figure as data: a left and a right grid; per step the cells lit on each side, the
// outlined window and the "pin" cell whose hover selects the step. The other side's cells
// are probed: hovering one lights the pin cells of every step that touches it. One shape
// serves both views (the direct view and a transposed convolution's scatter view), and
// every question the drawing asks is answered from it; nothing of the arithmetic is
// computed here: it follows the API's frames. Nothing is built for every step up front: a
// step is read from its frame when it is shown, so a large grid costs no more per step.
import { gridLabels } from "./captions.js";
import { lazyArray } from "./compact.js";
import { formatValue, hasFractions } from "./format.js";
import { cellStep, sliceRow, sliceWindows, slicesOf, stepCell, volumeFeeds } from "./volume.js";

const bounds = (cells) => [
  Math.min(...cells.map(([r]) => r)), Math.min(...cells.map(([, c]) => c)),
  Math.max(...cells.map(([r]) => r)), Math.max(...cells.map(([, c]) => c)),
];

/** The scene of an engine answer (/api/frames or /api/scatter, verbose or wrapped by
 * compact.js); `t` writes the labels. A grid's `kindAt(r, c)` names a cell's kind. */
export function sceneOf(data, t) {
  if (data.frames.geometry?.depth) return volumeScene(data, t);
  const values = data.values;
  const labels = gridLabels(data, t);
  const count = data.frames.length;
  if (data.canvas) {
    const canvasKinds = data.canvas.kinds;
    return {
      data, count,
      left: { shape: data.input_shape, kindAt: () => "input",
        label: labels.left, values: values.input, valueKinds: ["input"] },
      right: { shape: data.canvas.shape,
        kindAt: (r, c) => (canvasKinds[r][c] === "output" ? "out" : "cropped"),
        label: labels.right, values: values.canvas, valueKinds: ["out", "cropped"] },
      pinSide: "left",
      probeSide: "right",
      stepAt: (n) => {
        const f = data.frames[n];
        return { left: [f.input], right: f.cells, window: ["right", bounds(f.cells)], pin: f.input,
          taps: ["right", f.cells] };
      },
      taps: values.kernel.flat(),
      stacked: (data.params?.dims ?? 2) === 1,
    };
  }
  // Zero padding stays blank, as the paper draws it; another padding mode's cells show what
  // they hold (the input reflected, replicated or wrapped around).
  const padded = (data.params?.padding_mode ?? "zeros") !== "zeros";
  const gridKinds = data.grid.kinds;
  return {
    data, count,
    left: { shape: data.grid.shape, kindAt: (r, c) => gridKinds[r][c], label: labels.left,
      values: values.grid, valueKinds: padded ? ["input", "padding"] : ["input"] },
    right: { shape: data.output_shape, kindAt: () => "out",
      label: labels.right, values: values.output, valueKinds: ["out"] },
    pinSide: "right",
    probeSide: "left",
    stepAt: (n) => {
      const f = data.frames[n];
      return { left: f.cells, right: [f.output], window: ["left", f.window], pin: f.output,
        taps: ["left", f.cells] };
    },
    taps: values.taps ? values.taps.flat() : [],
    // A 1-D layer's strips: the output under the input, as a sequence reads.
    stacked: (data.params?.dims ?? 2) === 1,
  };
}

/** A 3-D layer's scene (a compact answer's, frames with a depth): each side a row of its
 * depth slices (volume.js), the output's (or the canvas's) under the grid's (or the input's).
 * A direct step lights the kernel's cells on every slice its taps reach, each with the
 * plane's window, and the current output cell on its own slice; a scatter step lights an
 * input unit and the canvas cells its kernel copy lands on, slice by slice. */
function volumeScene(data, t) {
  const geometry = data.frames.geometry;
  const values = data.values;
  const labels = gridLabels(data, t);
  const scatter = Boolean(data.canvas);
  // The steps walk the output (direct view) or the input (scatter view), depth-major.
  const stepShape = geometry.shape;
  const shapes = scatter ? { left: stepShape, right: data.canvas.shape }
    : { left: data.grid.shape, right: stepShape };
  const rows = { left: sliceRow(shapes.left), right: sliceRow(shapes.right) };
  const pinSide = scatter ? "left" : "right";
  const probeSide = scatter ? "right" : "left";
  const planeValues = (row, volume) => lazyArray(row.shape[0], (r) =>
    Array.from({ length: row.shape[1] }, (_, x) => {
      const cell = row.fromPlane([r, x]);
      return cell && volume ? volume[cell[0]][cell[1]][cell[2]] : null;
    }));
  const padded = (data.params?.padding_mode ?? "zeros") !== "zeros";
  const kindOf = (side, kind) => (r, x) => {
    const cell = rows[side].fromPlane([r, x]);
    return cell ? kind(cell) : "gap";
  };
  const gridKinds = data.grid?.kinds;
  const canvasKinds = data.canvas?.kinds;
  const left = scatter
    ? { kindAt: kindOf("left", () => "input"), values: planeValues(rows.left, values.input), valueKinds: ["input"] }
    : { kindAt: kindOf("left", ([z, r, c]) => gridKinds[z][r][c]), values: planeValues(rows.left, values.grid),
      valueKinds: padded ? ["input", "padding"] : ["input"] };
  const right = scatter
    ? { kindAt: kindOf("right", ([z, r, c]) => (canvasKinds[z][r][c] === "output" ? "out" : "cropped")),
      values: planeValues(rows.right, values.canvas), valueKinds: ["out", "cropped"] }
    : { kindAt: kindOf("right", () => "out"), values: planeValues(rows.right, values.output), valueKinds: ["out"] };
  /** A volume cell's index: a step's on the pin side, else counted through the volume. */
  const indexIn = (side, [z, r, c]) => {
    if (side === pinSide) return cellStep([z, r, c], stepShape);
    const [, h, w] = shapes[side];
    return (z * h + r) * w + c;
  };
  return {
    data, count: data.frames.length, volume: rows, stacked: true,
    left: { shape: rows.left.shape, label: labels.left, ...left },
    right: { shape: rows.right.shape, label: labels.right, ...right },
    pinSide,
    probeSide,
    stepAt: (n) => {
      const f = data.frames[n];
      if (scatter) {
        const slices = slicesOf(f.cells);
        const windows = slices.map((z) => ["right", sliceBounds(rows.right, f.cells.filter(([cz]) => cz === z))]);
        const cells = f.cells.map(rows.right.toPlane);
        const pin = rows.left.toPlane(f.input);
        return { left: [pin], right: cells, window: windows[0] ?? ["right", [0, 0, -1, -1]], windows, pin,
          taps: ["right", cells], slices: { left: [f.input[0]], right: slices } };
      }
      const slices = slicesOf(f.cells);
      const windows = sliceWindows(rows.left, f.window, slices).map((box) => ["left", box]);
      const cells = f.cells.map(rows.left.toPlane);
      const pin = rows.right.toPlane(f.output);
      return { left: cells, right: [pin], window: windows[0] ?? ["left", [0, 0, -1, -1]],
        windows, pin, taps: ["left", cells], slices: { left: slices, right: [f.output[0]] } };
    },
    taps: (scatter ? values.kernel : values.taps)?.flat(2) ?? [],
    /** The volume's cell [z, r, c] at `side`'s plane cell (null in a gap). */
    real: (side, cell) => rows[side].fromPlane(cell),
    indexOf: (side, cell) => {
      const v = rows[side].fromPlane(cell);
      return v ? indexIn(side, v) : -1;
    },
    cellOf: (side, index) => {
      if (side === pinSide) return rows[side].toPlane(stepCell(index, stepShape));
      const [, h, w] = shapes[side];
      return rows[side].toPlane([Math.floor(index / (h * w)), Math.floor(index / w) % h, index % w]);
    },
    feeds: (cell) => {
      const v = rows[probeSide].fromPlane(cell);
      return v ? volumeFeeds(geometry, v) : [];
    },
  };
}

/** The plane's box round volume `cells` of one slice. */
function sliceBounds(row, cells) {
  const plane = cells.map(row.toPlane);
  return bounds(plane);
}

/** The window of the last step: the one reaching furthest down and right (frames run
 * row-major with origins that only grow), or null without steps. */
export function lastWindow(scene) {
  return scene.count ? scene.stepAt(scene.count - 1).window : null;
}

/** A cell's index on `side`: row-major, so a pin cell's index is its step. */
export function cellIndex(scene, side, [r, c]) {
  if (scene.indexOf) return scene.indexOf(side, [r, c]);
  return r * scene[side].shape[1] + c;
}

/** The cell at `index` on `side`. */
export function cellAt(scene, side, index) {
  if (scene.cellOf) return scene.cellOf(side, index);
  const w = scene[side].shape[1];
  return [Math.floor(index / w), index % w];
}

/** Which cells to shade at step `n`: the cells lit on each side, the current pin cell, the
 * window to outline and the cells the kernel's weights sit on. */
export function shadedAt(scene, n) {
  const step = scene.stepAt(n);
  const shaded = { left: step.left, right: step.right, current: step.pin, window: step.window, taps: step.taps };
  // A 3-D step: a window on each slice the kernel reaches, and those slices.
  if (step.windows) Object.assign(shaded, { windows: step.windows, slices: step.slices });
  return shaded;
}

/** The frames' geometry: frames per axis, each frame row's and column's origin, and the
 * kernel's offsets from it. A compact answer carries it (compact.js keeps it as
 * `frames.geometry`); for a verbose one it is read off a few frames: frame (a, 0)'s first
 * cell is row a's origin, frame (0, b)'s column b's, and frame 0 holds every offset ever
 * drawn (an offset cut off there, at the smallest origin, is cut off everywhere). */
export function geometryOf(scene) {
  if (scene.geometry) return scene.geometry;
  const { data } = scene;
  const own = data.frames.geometry;
  if (own) {
    scene.geometry = own;
    return own;
  }
  const count = scene.count;
  const fw = count ? scene[scene.pinSide].shape[1] : 1;
  const fh = count / fw;
  const first = (n) => data.frames[n].cells[0];
  const cells0 = count ? data.frames[0].cells : [];
  const [r0, c0] = count ? first(0) : [0, 0];
  const unique = (xs) => [...new Set(xs)].sort((a, b) => a - b);
  scene.geometry = {
    shape: [fh, fw],
    origins: {
      rows: Array.from({ length: fh }, (_, a) => first(a * fw)[0]),
      cols: Array.from({ length: fw }, (_, b) => first(b)[1]),
    },
    taps: { rows: unique(cells0.map(([r]) => r - r0)), cols: unique(cells0.map(([, c]) => c - c0)) },
  };
  return scene.geometry;
}

/** The frame rows (or columns) whose window covers line `x`: those whose origin plus one of
 * the kernel's offsets is `x`. */
function linesCovering(x, origins, taps) {
  const offsets = new Set(taps);
  const found = [];
  origins.forEach((origin, a) => {
    if (offsets.has(x - origin)) found.push(a);
  });
  return found;
}

/** The steps that touch the probed side's cell [r, c], in order: worked out from the
 * frames' origins and the kernel's offsets, row and column apart (a frame touches the cell
 * exactly when its row's window covers r and its column's covers c). */
export function feedsAt(scene, [r, c]) {
  if (scene.feeds) return scene.feeds([r, c]);
  const { shape: [, fw], origins, taps } = geometryOf(scene);
  const rows = linesCovering(r, origins.rows, taps.rows);
  const cols = linesCovering(c, origins.cols, taps.cols);
  return rows.flatMap((a) => cols.map((b) => a * fw + b));
}

/** The pin cells of the steps that touch a probed cell. */
export function pinsOf(scene, steps) {
  return steps.map((n) => scene.stepAt(n).pin);
}

/** The numbers written in `side`'s cells (chapter-1 style): every cell of a kind that holds
 * a value, all to one decimal where any has a fraction. */
export function cellNumbers(scene, side) {
  const grid = scene[side];
  const decimals = hasFractions(grid.values);
  const numbers = [];
  grid.values.forEach((row, r) => row.forEach((value, c) => {
    const kind = grid.kindAt(r, c);
    if (grid.valueKinds.includes(kind)) numbers.push({ cell: [r, c], kind, text: formatValue(value, decimals) });
  }));
  return numbers;
}

/** The kernel's weights as written in the corner of the cells they cover. */
export function tapNumbers(scene) {
  return scene.taps.map((w) => formatValue(w));
}
