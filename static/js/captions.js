// What the figure's text says: the grids' labels, the caption of a step (the sum, maximum or
// mean behind one output value, written out with its numbers) and of a hovered cell. Messages
// come through `t` (messages.js on the page), so nothing here reads the page.
import { formatValue, hasFractions } from "./format.js";
import { trimmedFixed } from "./values.js";

/** The layer's dimensions: 1, 2 or 3. */
export const dimsOfData = (data) => data.params?.dims ?? 2;

/** Where a cell is, as a 1-D or 3-D caption says it: a position ("4") or "(z, r, c)". A 1-D
 * layer's cells are its strip's [0, c]. */
export function cellAtText(data, cell) {
  return dimsOfData(data) === 1 ? String(cell[cell.length - 1]) : `(${cell.join(", ")})`;
}

/** A matrix's value at `cell` (2 or 3 indices). */
const valueAt = (matrix, cell) => cell.reduce((rows, i) => rows[i], matrix);

/** A 3-D layer's input shape (depth first): the answer's, or its link's sizes. */
function volumeInput(data) {
  if (data.input_shape.length === 3) return data.input_shape;
  const i = new URLSearchParams(data.query).get("i").split(",").map(Number);
  return i.length === 1 ? [i[0], i[0], i[0]] : i;
}

/** The labels of a 1-D layer's strips or a 3-D layer's rows of slices. */
function layerLabels(data, t) {
  const dims = dimsOfData(data);
  if (dims === 1) {
    const w = data.input_shape.at(-1);
    const ow = data.output_shape.at(-1);
    if (data.canvas) {
      const cw = data.canvas.shape.at(-1);
      return { left: t("figure.strip_input", { w }),
        right: cw === ow ? t("figure.strip_output", { w: ow }) : t("figure.strip_canvas", { w: ow, cw }) };
    }
    const gw = data.grid.shape.at(-1);
    return {
      left: gw === w ? t("figure.strip_input", { w }) : t("figure.strip_grid", { w, gw }),
      right: t("figure.strip_output", { w: ow }),
    };
  }
  const shape = volumeInput(data).join("×");
  if (data.canvas) {
    const output = data.output_shape.join("×");
    const canvas = data.canvas.shape.join("×");
    return {
      left: t("figure.volume_input", { shape }),
      right: canvas === output ? t("figure.volume_output", { shape: output })
        : t("figure.volume_canvas", { shape: output, canvas }),
    };
  }
  const grid = data.grid.shape.join("×");
  return {
    left: shape === grid ? t("figure.volume_input", { shape }) : t("figure.volume_grid", { shape, grid }),
    right: t("figure.volume_output", { shape: data.frames.geometry.shape.join("×") }),
  };
}

// More terms than this make a caption nobody reads: the middle is elided.
const MAX_TERMS = 12;

/** `terms` joined by `separator`, with the middle elided past MAX_TERMS. */
export function joinTerms(terms, separator) {
  if (terms.length <= MAX_TERMS) return terms.join(separator);
  return [...terms.slice(0, MAX_TERMS - 2), "…", terms.at(-1)].join(separator);
}

/** The label of the grid the kernel sweeps. */
export function directLabel(data, t) {
  const [h, w] = data.input_shape;
  const [gh, gw] = data.grid.shape;
  const edges = Object.values(data.transpose?.equivalent_padding ?? data.padding);
  const stretched = data.transpose?.stretched_shape.some((n, axis) => n !== data.input_shape[axis]);
  const changes = [[stretched, "stretched"], [edges.some((e) => e > 0), "padded"],
    [edges.some((e) => e < 0), "cropped"]].filter(([done]) => done).map(([, name]) => name);
  return t(changes.length ? `figure.${changes.join("_")}` : "figure.input", { h, w, gh, gw });
}

/** The catalogue key of a legend entry (app/render/wording.py's legend_key, held to the same
 * cases in tests/cases/wording.json): max pooling pads with −∞, a padding mode says what the
 * padding holds, and pooling slides a window. */
export function legendKey(op, kind, mode = "zeros") {
  if (kind === "padding" && op === "maxpool") return "legend.padding_maxpool";
  if (kind === "padding" && mode !== "zeros") return `legend.padding_${mode}`;
  if (kind === "kernel" && (op === "maxpool" || op === "avgpool")) return "legend.window";
  return `legend.${kind}`;
}

/** The labels of the left and right grids: the direct view's swept grid and output, or the
 * scatter view's input and the canvas its kernel copies land on. */
export function gridLabels(data, t) {
  if (dimsOfData(data) !== 2) return layerLabels(data, t);
  const [oh, ow] = data.output_shape;
  if (data.canvas) {
    const [ih, iw] = data.input_shape;
    const [ch, cw] = data.canvas.shape;
    return {
      left: t("figure.input", { h: ih, w: iw }),
      right: ch === oh && cw === ow ? t("figure.output", { h: oh, w: ow })
        : t("figure.canvas", { h: oh, w: ow, ch, cw }),
    };
  }
  return { left: directLabel(data, t), right: t("figure.output", { h: oh, w: ow }) };
}

/** A number as the written-out sum prints it: whole ones as they are, fractions to four
 * decimals at most (a learner's 0.0625 is not 0.1), a minus as the figure writes it. */
export function exactValue(value) {
  if (value === null) return "−∞";
  return trimmedFixed(value, 4).replace(/^-/, "−");
}

/** A factor of a product or a term of a sum: a negative one in brackets, 3×(−1). */
const term = (value) => (value !== null && value < 0 ? `(${exactValue(value)})` : exactValue(value));

// A step's sum, maximum or mean: [a 2-D layer's "(r, c)", a 1-D or 3-D layer's own place].
const CAPTION_KEYS = {
  sum: ["figure.sum", "figure.sum_at"],
  max: ["figure.max", "figure.max_at"],
  mean: ["figure.mean", "figure.mean_at"],
};

/** The sum, maximum or mean behind one output value, written out with its numbers. Where
 * every number is whole (the paper's figures) the result is printed as the paper prints it
 * (figure 1.5's 1.7); a learner's fractions keep four decimals. */
export function directCaption(data, step, t) {
  const frame = data.frames[step];
  const values = data.values;
  const read = frame.cells.map((cell) => valueAt(values.grid, cell));
  const [r, c] = frame.output;
  const taps = values.taps ? values.taps.flat(2) : [];
  const whole = [...read, ...taps].every((v) => v === null || Number.isInteger(v));
  const out = valueAt(values.output, frame.output);
  const flat = frame.output.length === 3 ? values.output.flat() : values.output;
  const value = whole ? formatValue(out, hasFractions(flat)) : exactValue(out);
  // A 1-D or 3-D layer says where its output is in its own way ("4", "(z, r, c)").
  const at = dimsOfData(data) === 2 ? { r, c } : { at: cellAtText(data, frame.output) };
  const key = (name) => CAPTION_KEYS[name][at.at === undefined ? 0 : 1];
  if (data.op === "maxpool") {
    return t(key("max"), { ...at, terms: joinTerms(read.map(exactValue), ", "), value });
  }
  if (data.op === "avgpool") {
    // PyTorch's divisor: the window's cells, its input cells alone (count_include_pad=0) or
    // divisor_override; an answer without divisors counts the cells.
    const n = (values.divisors ? valueAt(values.divisors, frame.output) : null) ?? read.length;
    return t(key("mean"), { ...at, terms: joinTerms(read.map(term), " + "), n, value });
  }
  const terms = read.map((v, j) => `${term(v)}×${term(taps[j])}`);
  return t(key("sum"), { ...at, terms: joinTerms(terms, " + "), value });
}

/** One input unit's kernel copy, and how much of it the output keeps. */
export function scatterCaption(data, step, t) {
  const frame = data.frames[step];
  const [r, c] = frame.input;
  const kept = frame.cells.filter((cell) => valueAt(data.canvas.kinds, cell) === "output").length;
  const x = formatValue(valueAt(data.values.input, frame.input));
  // A 1-D or 3-D layer says where its input unit is in its own way ("4", "(z, r, c)").
  if (dimsOfData(data) !== 2) {
    return t("figure.scatter_at", { at: cellAtText(data, frame.input), x, n: frame.cells.length, kept });
  }
  return t("figure.scatter", { r, c, x, n: frame.cells.length, kept });
}

/** The caption under the figure at `step`: the numbers when they are shown (always in the
 * scatter view), else which cells the step reads. */
export function stepCaption(data, step, numbers, t) {
  if (data.canvas) return scatterCaption(data, step, t);
  if (numbers) return directCaption(data, step, t);
  const frame = data.frames[step];
  const n = frame.cells.length;
  if (dimsOfData(data) !== 2) {
    const at = cellAtText(data, frame.output);
    return t(n === 1 ? "figure.step_caption_at_one" : "figure.step_caption_at", { at, n });
  }
  // A 1×1 kernel reads one cell: one message each, so a language can word both.
  return t(n === 1 ? "figure.step_caption_one" : "figure.step_caption", {
    r: frame.output[0], c: frame.output[1], n,
  });
}

/** The caption while a person hovers `cell` of the probed side, which `n` steps touch. */
export function probeCaption(data, [r, c, ...rest], n, t) {
  const one = n === 1;
  if (dimsOfData(data) !== 2) {
    const at = cellAtText(data, [r, c, ...rest]);
    if (data.canvas) return t(one ? "figure.fed_by_at_one" : "figure.fed_by_at", { at, n });
    return t(one ? "figure.feeds_at_one" : "figure.feeds_at", { at, n });
  }
  const key = data.canvas
    ? (one ? "figure.fed_by_one" : "figure.fed_by")
    : (one ? "figure.feeds_one" : "figure.feeds");
  return t(key, { r, c, n });
}
