// What the matrix view says and draws, from /api/matrix's answer (app/core/unrolled.py): the
// weights' names, a row's or a column's terms, the product written out, and whether a matrix
// is small enough to draw. No DOM here; words come through `t`.
import { exactValue, joinTerms } from "./captions.js";
import { formatCount } from "./format.js";

// Drawn up to this many rows and columns (each cell keeps its label at 12 px or more; the
// drawing scrolls sideways rather than shrink); past it, a summary.
export const DRAWN_SIDE = 64;

const SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉";

/** Digits as subscripts: 12 → "₁₂". */
export function subscript(n) {
  return String(n).replace(/\d/g, (digit) => SUBSCRIPT[Number(digit)]);
}

/** The paper's name of a kernel weight: w₀,₂; a strip's (one row, `strip`) w₂. */
export const weightName = (kr, kc, strip = false) =>
  (strip ? `w${subscript(kc)}` : `w${subscript(kr)},${subscript(kc)}`);

/** The name of an entry of an unrolled vector: x₅, y₁₂. */
export const vectorName = (letter, index) => `${letter}${subscript(index)}`;

/** Can the matrix of shape [rows, cols] be drawn, its entries listed? */
export function drawable(shape, listed = true) {
  return listed && shape[0] <= DRAWN_SIDE && shape[1] <= DRAWN_SIDE;
}

/** The entries of one row (`by` 0) or one column (`by` 1), in the answer's order. */
export function lineEntries(entries, by, index) {
  return entries.filter((entry) => entry[by] === index);
}

/** A factor in brackets when negative: 3·(−1). */
const factor = (value) => (value < 0 ? `(${exactValue(value)})` : exactValue(value));

/** Row `row` of the product written out: y₄ = w₀,₀·x₅ + w₀,₁·x₆ …, and with `values` the
 * numbers and the result (times the input slices output channel 0 adds up). A row whose
 * window reads only padding holds no weight: its output is 0. */
export function rowProduct(entries, row, values = null, strip = false) {
  const terms = lineEntries(entries, 0, row);
  const left = vectorName("y", row);
  if (!terms.length) return `${left} = 0`;
  const symbols = joinTerms(terms.map(([, col, kr, kc]) => `${weightName(kr, kc, strip)}·${vectorName("x", col)}`), " + ");
  if (!values) return `${left} = ${symbols}`;
  const numbers = joinTerms(
    terms.map(([, col, kr, kc]) => `${factor(values.kernel[kr][kc])}·${factor(values.input[col])}`),
    " + ",
  );
  const channels = values.channels > 1 ? ` (× ${values.channels})` : "";
  return `${left} = ${numbers}${channels} = ${exactValue(values.output[row])}`;
}

/** The output cells column `col` writes to (a transposed convolution's input unit scatters
 * its kernel copy): y₀ += w₀,₀·x₁, … */
export function columnScatter(entries, col, strip = false) {
  const terms = lineEntries(entries, 1, col);
  return joinTerms(
    terms.map(([row, , kr, kc]) => `${vectorName("y", row)} += ${weightName(kr, kc, strip)}·${vectorName("x", col)}`),
    ", ",
  );
}

/** The im2col product for output cell `col`: y₄ = w₀,₀·x₁,₂ + …; a tap on zero padding
 * reads 0 and drops out. `width` is the input's width, to find a cell in vec(x). */
export function patchProduct(cells, col, [, kw], width, values = null, strip = false) {
  const taps = cells[col]
    .map((cell, tap) => ({ cell, kr: Math.floor(tap / kw), kc: tap % kw }))
    .filter(({ cell }) => cell !== null);
  const left = vectorName("y", col);
  if (!taps.length) return `${left} = 0`;
  const symbols = joinTerms(taps.map(({ cell, kr, kc }) => `${weightName(kr, kc, strip)}·${cellName(cell, strip)}`), " + ");
  if (!values) return `${left} = ${symbols}`;
  const numbers = joinTerms(
    taps.map(({ cell: [r, c], kr, kc }) => `${factor(values.kernel[kr][kc])}·${factor(values.input[r * width + c])}`),
    " + ",
  );
  const channels = values.channels > 1 ? ` (× ${values.channels})` : "";
  return `${left} = ${numbers}${channels} = ${exactValue(values.output[col])}`;
}

/** An input cell's name in the patch matrix: x₁,₂ (row, column); a strip's x₂. */
export const cellName = ([r, c], strip = false) =>
  (strip ? `x${subscript(c)}` : `x${subscript(r)},${subscript(c)}`);

/** The summary of a matrix too large to draw. */
export function matrixSummary(matrix, t) {
  const [rows, cols] = matrix.shape;
  if (matrix.nonzeros === null) {
    return t("matrix.summary_count", { rows: formatCount(rows), cols: formatCount(cols), count: formatCount(matrix.count) });
  }
  return t("matrix.summary", {
    rows: formatCount(rows),
    cols: formatCount(cols),
    nonzeros: formatCount(matrix.nonzeros),
    density: densityText(matrix.density),
  });
}

/** A density as a percentage people read: 56.25 %, 0.0054 %, never 0 for a non-empty one. */
export function densityText(density) {
  const percent = density * 100;
  if (percent === 0) return "0";
  if (percent >= 1) return String(Math.round(percent * 100) / 100);
  return percent.toPrecision(2).replace(/0+$/, "").replace(/\.$/, "");
}

/** im2col's memory against the input's: "9·4 = 36 values, 2.25× the input's 16". */
export function memoryFigures(im2col) {
  const [taps, columns] = im2col.shape;
  return {
    taps,
    columns,
    values: formatCount(im2col.values),
    input: formatCount(im2col.input),
    ratio: String(Math.round((im2col.values / im2col.input) * 100) / 100),
  };
}
