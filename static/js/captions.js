// What the figure's text says: the grids' labels, the caption of a step (the sum, maximum or
// mean behind one output value, written out with its numbers) and of a hovered cell. Messages
// come through `t` (messages.js on the page), so nothing here reads the page.
import { formatValue, hasFractions } from "./format.js";
import { trimmedFixed } from "./values.js";

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

/** The sum, maximum or mean behind one output value, written out with its numbers. Where
 * every number is whole (the paper's figures) the result is printed as the paper prints it
 * (figure 1.5's 1.7); a learner's fractions keep four decimals. */
export function directCaption(data, step, t) {
  const frame = data.frames[step];
  const values = data.values;
  const read = frame.cells.map(([r, c]) => values.grid[r][c]);
  const [r, c] = frame.output;
  const taps = values.taps ? values.taps.flat() : [];
  const whole = [...read, ...taps].every((v) => v === null || Number.isInteger(v));
  const out = values.output[r][c];
  const value = whole ? formatValue(out, hasFractions(values.output)) : exactValue(out);
  if (data.op === "maxpool") {
    return t("figure.max", { r, c, terms: joinTerms(read.map(exactValue), ", "), value });
  }
  if (data.op === "avgpool") {
    // PyTorch's divisor: the window's cells, its input cells alone (count_include_pad=0) or
    // divisor_override; an answer without divisors counts the cells.
    const n = values.divisors?.[r][c] ?? read.length;
    return t("figure.mean", { r, c, terms: joinTerms(read.map(term), " + "), n, value });
  }
  const terms = read.map((v, j) => `${term(v)}×${term(taps[j])}`);
  return t("figure.sum", { r, c, terms: joinTerms(terms, " + "), value });
}

/** One input unit's kernel copy, and how much of it the output keeps. */
export function scatterCaption(data, step, t) {
  const frame = data.frames[step];
  const [r, c] = frame.input;
  const kept = frame.cells.filter(([cr, cc]) => data.canvas.kinds[cr][cc] === "output").length;
  return t("figure.scatter", {
    r, c, x: formatValue(data.values.input[r][c]), n: frame.cells.length, kept,
  });
}

/** The caption under the figure at `step`: the numbers when they are shown (always in the
 * scatter view), else which cells the step reads. */
export function stepCaption(data, step, numbers, t) {
  if (data.canvas) return scatterCaption(data, step, t);
  if (numbers) return directCaption(data, step, t);
  const frame = data.frames[step];
  const n = frame.cells.length;
  // A 1×1 kernel reads one cell: one message each, so a language can word both.
  return t(n === 1 ? "figure.step_caption_one" : "figure.step_caption", {
    r: frame.output[0], c: frame.output[1], n,
  });
}

/** The caption while a person hovers `cell` of the probed side, which `n` steps touch. */
export function probeCaption(data, [r, c], n, t) {
  const one = n === 1;
  const key = data.canvas
    ? (one ? "figure.fed_by_one" : "figure.fed_by")
    : (one ? "figure.feeds_one" : "figure.feeds");
  return t(key, { r, c, n });
}
