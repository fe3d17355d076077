// A learner's own numbers, as the page edits them: the input x and the kernel w held in the
// state as a link writes them (app/core/matrices.py: values separated by ",", rows by ";"),
// or w as a preset's name. Everything here is pure: the page (numbers.js, main.js) asks.

// As app/core/matrices.py reads a value: at most six digits either side of the point.
const NUMBER = /^[+-]?(?:\d{1,6}(?:\.\d{0,6})?|\.\d{1,6})$/;

// The presets' sizes (app/core/kernels.py's check_preset, held to the same cases in
// tests/cases/values.json): the blurs come in any size, the
// identity in any odd one, the others in 3×3 alone.
const ANY_SIZE = ["box_blur", "gaussian_blur"];
const ODD_SIZE = ["identity"];
const PRESET_SIZE = [3, 3];

/** A typed value as a number, or null where the engine would refuse it. A typographic minus
 * (−, as the figure prints) counts as a minus. */
export function parseEntry(text) {
  const plain = String(text).trim().replace(/^−/, "-");
  return NUMBER.test(plain) ? Number(plain) + 0 : null;
}

/** A value as the canonical query writes it (app/core/matrices.py's number_text): 3, -0.5,
 * 0.0625. */
export function numberText(value) {
  return trimmedFixed(value, 6);
}

/** `value` with at most `digits` decimals, trailing zeros dropped: 0.0625, 3, -0.5. */
export function trimmedFixed(value, digits) {
  if (Number.isInteger(value)) return String(value + 0);
  return value.toFixed(digits).replace(/0+$/, "").replace(/\.$/, "");
}

/** Rows of numbers as a link writes them: "3,3,2;0,0,1". */
export function matrixText(rows) {
  return rows.map((row) => row.map(numberText).join(",")).join(";");
}

/** A link's matrix text back to rows of numbers. */
export function matrixRows(text) {
  return text.split(";").map((row) => row.split(",").map(Number));
}

/** `rows` with the value at (r, c) replaced, as a link writes it. */
export function withEntry(rows, [r, c], value) {
  return matrixText(rows.map((row, i) => row.map((v, j) => (i === r && j === c ? value : v))));
}

/** `rows` cut to, or extended with 0 to, `[h, w]`, from the top-left. */
export function resized(rows, [h, w]) {
  return Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => rows[r]?.[c] ?? 0));
}

/** Does preset `name` come in kernel size `k`? */
export function presetTakes(name, [kh, kw]) {
  if (ANY_SIZE.includes(name)) return true;
  if (ODD_SIZE.includes(name)) return kh % 2 === 1 && kw % 2 === 1;
  return kh === PRESET_SIZE[0] && kw === PRESET_SIZE[1];
}

/** Is `w` (a state's kernel) a preset's name rather than numbers? */
export const isPreset = (w, presets) => typeof w === "string" && presets.includes(w);

/** One matrix kept across a size change: its numbers where they still fit (cut off, or
 * extended with 0), or null (the paper's or the seed's numbers) past `limit` values. */
function fitMatrix(text, size, limit) {
  const rows = matrixRows(text);
  if (rows.length === size[0] && rows[0].length === size[1]) return text;
  if (size[0] * size[1] > limit) return null;
  return matrixText(resized(rows, size));
}

/** The state with its numbers fitted to its sizes after i or k changed (a slider, a number
 * box, a layer kind): the input x to i, the kernel w to k. A preset that does not come in
 * the new size gives way to the paper's kernel (or the seed's): cutting a Sobel filter
 * leaves no Sobel filter. `limit` is the most numbers a link carries (the declaration's). */
export function fitNumbers(state, { presets, limit }) {
  const next = { ...state };
  // A 1-D layer's numbers are one row: its sizes are the plane's [1, W].
  const plane = (size) => (size.length === 1 ? [1, size[0]] : size);
  if (typeof state.x === "string") next.x = fitMatrix(state.x, plane(state.i), limit);
  if (isPreset(state.w, presets)) {
    if (!presetTakes(state.w, plane(state.k))) next.w = null;
  } else if (typeof state.w === "string") {
    next.w = fitMatrix(state.w, plane(state.k), limit);
  }
  return next;
}

/** The state with kernel preset `name` chosen ("" for none: the paper's or the seed's
 * kernel). A preset that does not come in the current size brings its own: k = 3. */
export function choosePreset(state, name) {
  if (!name) return { ...state, w: null };
  const k = presetTakes(name, state.k) ? state.k : [...PRESET_SIZE];
  return { ...state, w: name, k };
}

/** A new seed for the Random button: 1 to `high` (0 is the paper's numbers). */
export function randomSeed(high, random = Math.random) {
  return 1 + Math.floor(random() * high);
}

/** The input unit (row, column of x) a cell of the figure's left grid shows, or null for a
 * padding or inserted cell: the direct view's grid holds the input after the (equivalent)
 * padding, every stride for a transposed convolution's stretched input; the scatter view's
 * left grid is the input itself. */
export function inputUnitOf(data, [r, c]) {
  if (data.canvas) return [r, c];
  if (data.grid.kinds[r][c] !== "input") return null;
  const pad = data.transpose?.equivalent_padding ?? data.padding;
  const [sh, sw] = data.transpose ? data.params.s : [1, 1];
  return [(r - pad.top) / sh, (c - pad.left) / sw];
}
