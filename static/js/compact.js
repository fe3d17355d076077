// The engine's compact answer (form=compact; the README's "compact form") read as the verbose
// one: `data.frames[n].cells`, `data.frames.length`, `data.grid.kinds[r][c]`,
// `data.values.grid[r][c]` and the rest work as they do on a verbose answer. Nothing is
// built up front: a frame is built when it is read (a few are kept), a matrix's row or a
// grid's row of kinds when it is first read, so a 512×512 figure costs what is looked at.

// Frames kept once built: a step's caption, narration and drawing read the same frame.
const KEPT_FRAMES = 8;

/** Whether `value` is a flat matrix: `{shape: [h, w], data: [...]}` (a 3-D layer's:
 * `{shape: [d, h, w], data}`). */
const isFlat = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value)
  && Array.isArray(value.shape) && [2, 3].includes(value.shape.length) && Array.isArray(value.data);

/** A read-only array of `length` entries, entry `i` made by `make(i)` when first read. It is
 * a real Array to its readers (`map`, `some`, `flat`, spreading, JSON). */
export function lazyArray(length, make, { keep = Infinity } = {}) {
  const made = new Map();
  const isIndex = (key) => typeof key === "string" && /^(0|[1-9]\d*)$/.test(key) && Number(key) < length;
  return new Proxy(new Array(length), {
    get(target, key, receiver) {
      if (!isIndex(key)) return Reflect.get(target, key, receiver);
      const i = Number(key);
      if (made.has(i)) return made.get(i);
      const value = make(i);
      made.set(i, value);
      if (made.size > keep) made.delete(made.keys().next().value);
      return value;
    },
    has: (target, key) => isIndex(key) || Reflect.has(target, key),
    set: () => false,
  });
}

/** A flat matrix as rows: `rows[r][c]` is `data[r * w + c]`; row r is sliced when read. A
 * 3-D one as slices of rows: `m[z][r][c]` is `data[(z * h + r) * w + c]`. */
export function matrixOf({ shape, data }) {
  if (shape.length === 3) {
    const [d, h, w] = shape;
    return lazyArray(d, (z) => matrixOf({ shape: [h, w], data: data.slice(z * h * w, (z + 1) * h * w) }));
  }
  const [h, w] = shape;
  return lazyArray(h, (r) => data.slice(r * w, (r + 1) * w));
}

/** Kind of drawn-grid cell (r, c) from its row's and column's: padding wins, then a zero
 * inserted between input units, else an input unit. */
export function gridKind(row, col, slice = "input") {
  if (row === "padding" || col === "padding" || slice === "padding") return "padding";
  if (row === "inserted" || col === "inserted" || slice === "inserted") return "inserted";
  return "input";
}

/** Kind of canvas cell (r, c): output only where both its row and column are (and, in 3-D,
 * its slice). */
export const canvasKind = (row, col, slice = "output") =>
  (row === "output" && col === "output" && slice === "output" ? "output" : "cropped");

/** `{shape, rows, cols}` with `kinds[r][c]` made from the row's and column's kinds; a 3-D
 * grid's (`slices` too) `kinds[z][r][c]` from its slice's, row's and column's. */
function kindsOf(compact, kindOf) {
  const plane = compact.shape.slice(-2);
  const [h, w] = plane;
  const rowsOf = (slice) => lazyArray(h, (r) =>
    Array.from({ length: w }, (_, c) => kindOf(compact.rows[r], compact.cols[c], slice)));
  if (!compact.slices) return { ...compact, kinds: rowsOf(undefined) };
  // A grid whose shape still names its plane alone gets its depth from the slices.
  const shape = [compact.slices.length, h, w];
  return { ...compact, shape, kinds: lazyArray(shape[0], (z) => rowsOf(compact.slices[z])) };
}

/** Frame n of compact `frames`, as the verbose answer lists it: `output` (frames view) or
 * `input` (scatter view) [n // fw, n % fw], the `cells` its kernel covers row-major over the
 * kernel and inside the bounds, and (frames view) the window's extent. */
export function frameOf(frames, n, scatter) {
  if (frames.depth) return volumeFrameOf(frames, n, scatter);
  const { shape: [, fw], origins, taps, bounds: [gh, gw], extent } = frames;
  const [a, b] = [Math.floor(n / fw), n % fw];
  const [r0, c0] = [origins.rows[a], origins.cols[b]];
  const cells = [];
  for (const tr of taps.rows) {
    if (r0 + tr >= gh) continue;
    for (const tc of taps.cols) {
      if (c0 + tc < gw) cells.push([r0 + tr, c0 + tc]);
    }
  }
  if (scatter) return { input: [a, b], cells };
  return { output: [a, b], cells, window: [r0, c0, r0 + extent[0] - 1, c0 + extent[1] - 1] };
}

/** Frame n of a 3-D layer's compact `frames` (`depth`: the depth axis's origins, taps, bound
 * and extent), as the verbose answer lists it: frames depth-major, `output` [z, r, c] (the
 * scatter view's `input` [z, r, c], with no window), the
 * `cells` [z, r, c] its kernel covers (depth first, inside the bounds) and the `window`
 * [z0, r0, c0, z1, r1, c1]. */
function volumeFrameOf(frames, n, scatter = false) {
  const { shape: [, oh, ow], origins, taps, depth } = frames;
  // The plane's bounds are the last two of three (or the only two).
  const [gh, gw] = frames.bounds.slice(-2);
  const [z, a, b] = [Math.floor(n / (oh * ow)), Math.floor(n / ow) % oh, n % ow];
  const [z0, r0, c0] = [depth.origins[z], origins.rows[a], origins.cols[b]];
  const cells = [];
  for (const tz of depth.taps) {
    if (z0 + tz >= depth.bound) continue;
    for (const tr of taps.rows) {
      if (r0 + tr >= gh) continue;
      for (const tc of taps.cols) {
        if (c0 + tc < gw) cells.push([z0 + tz, r0 + tr, c0 + tc]);
      }
    }
  }
  // The scatter view's frame is an input unit's kernel copy on the canvas.
  if (scatter) return { input: [z, a, b], cells };
  const [eh, ew] = frames.extent.slice(-2);
  return {
    output: [z, a, b], cells,
    window: [z0, r0, c0, z0 + depth.extent - 1, r0 + eh - 1, c0 + ew - 1],
  };
}

/** The frames of a compact answer as a list, each built when read; `geometry` keeps the
 * compact form (origins and taps) for questions asked of every frame at once. */
function framesOf(frames, scatter) {
  const list = lazyArray(frames.count, (n) => frameOf(frames, n, scatter), { keep: KEPT_FRAMES });
  Object.defineProperty(list, "geometry", { value: frames });
  return list;
}

/** Every flat matrix of `values` as rows; the rest unchanged. */
function valuesOf(values) {
  if (!values) return values;
  return Object.fromEntries(Object.entries(values).map(([key, v]) => [key, isFlat(v) ? matrixOf(v) : v]));
}

// Answers expand() made: reading one again returns it as it is.
const expanded = new WeakSet();

/** A compact answer read as the verbose one (any other answer, or one read already, is
 * returned as it is). */
export function expand(answer) {
  if (answer?.form !== "compact" || expanded.has(answer)) return answer;
  const scatter = Boolean(answer.canvas);
  const read = { ...answer, values: valuesOf(answer.values), frames: framesOf(answer.frames, scatter) };
  if (answer.grid) read.grid = kindsOf(answer.grid, gridKind);
  if (answer.canvas) read.canvas = kindsOf(answer.canvas, canvasKind);
  if (answer.overlap) read.overlap = { ...answer.overlap, counts: matrixOf(answer.overlap.counts) };
  expanded.add(read);
  return read;
}
