// The matrix view (the paper's section 4.1) and im2col, under the figure: the layer as one
// matrix product on the unrolled vectors, its current row lit in step with the grid figure.
// Closed, it asks the server for nothing. Words from t(); what to write from matrix_logic.js.
import * as api from "./api.js";
import { exactValue } from "./captions.js";
import { pairScalar } from "./format.js";
import {
  cellName, columnScatter, drawable, matrixSummary, memoryFigures, patchProduct, rowProduct,
  vectorName, weightName,
} from "./matrix_logic.js";
import { t } from "./messages.js";
import { planeOf } from "./strip.js";
import { el } from "./svg.js";

const CELL_H = 26;
const GAP = 10;
// Pixels per character of a label at the drawing's 13 px: wide enough for w₁₀,₁₀.
const CHAR_W = 7.6;

/** A labelled cell; returns its group so a step can light it. */
function cell(parent, x, y, w, label, className) {
  const group = el("g", { class: className }, parent);
  el("rect", { x, y, width: w, height: CELL_H }, group);
  el("text", { x: x + w / 2, y: y + CELL_H / 2 }, group).textContent = label;
  return group;
}

const widthFor = (labels) => Math.max(30, Math.ceil(Math.max(...labels.map((l) => l.length)) * CHAR_W) + 10);

/** A 1-D layer's plane is one row high: its names and sentences drop the row. */
const isStrip = (answer) => (answer.params.dims ?? 2) === 1;

/** A matrix cell's label: the weights that sit there (a reflection may place two), in names
 * or in numbers. */
function entryLabel(weights, values, strip) {
  if (!values) return weights.map(([kr, kc]) => weightName(kr, kc, strip)).join("+");
  return exactValue(weights.reduce((sum, [kr, kc]) => sum + values.kernel[kr][kc], 0));
}

/** C (or the transposed layer's matrix) between vec(x) above it and vec(y) to its right. */
function drawMatrix(svg, answer, numbers) {
  const { matrix } = answer;
  const [rows, cols] = matrix.shape;
  const values = numbers ? answer.values : null;
  const byCell = new Map();
  for (const [row, col, kr, kc] of matrix.entries) {
    const key = row * cols + col;
    if (!byCell.has(key)) byCell.set(key, []);
    byCell.get(key).push([kr, kc]);
  }
  const labels = new Map([...byCell].map(([key, weights]) => [key, entryLabel(weights, values, isStrip(answer))]));
  const xs = Array.from({ length: cols }, (_, c) => (values ? exactValue(values.input[c]) : vectorName("x", c)));
  const ys = Array.from({ length: rows }, (_, r) => (values ? exactValue(values.output[r]) : vectorName("y", r)));
  const w = widthFor([...labels.values(), ...xs, "0"]);
  const yw = widthFor(ys);
  const top = CELL_H + GAP;
  const right = cols * w + GAP;
  const equals = right + 14;
  const width = equals + 14 + yw;
  const height = top + rows * CELL_H;
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  const x = xs.map((label, c) => cell(svg, c * w, 0, w, label, "mx-vector"));
  const body = el("g", {}, svg);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      const label = labels.get(r * cols + c);
      cell(body, c * w, top + r * CELL_H, w, label ?? "0", label ? "mx-weight" : "mx-zero");
    }
  }
  el("text", { x: equals, y: top + (rows * CELL_H) / 2, class: "mx-sign" }, svg).textContent = "=";
  const y = ys.map((label, r) => cell(svg, equals + 14, top + r * CELL_H, yw, label, "mx-vector"));
  const band = el("rect", { class: "mx-band", x: 0, y: 0, width: 0, height: 0 }, svg);
  return { x, y, band, w, top, rows, cols };
}

/** im2col: the flattened kernel beside the patch matrix P, vec(y)ᵀ under it. */
function drawPatches(svg, answer, numbers) {
  const { im2col } = answer;
  const [taps, columns] = im2col.shape;
  const [, kw] = answer.params.k;
  const [, iw] = answer.input_shape;
  const values = numbers ? answer.values : null;
  const kernelLabels = Array.from({ length: taps }, (_, j) => {
    const [kr, kc] = [Math.floor(j / kw), j % kw];
    return values ? exactValue(values.kernel[kr][kc]) : weightName(kr, kc, isStrip(answer));
  });
  const label = (read) => {
    if (read === null) return "0";
    return values ? exactValue(values.input[read[0] * iw + read[1]]) : cellName(read, isStrip(answer));
  };
  const patchLabels = im2col.cells.map((column) => column.map(label));
  const ys = Array.from({ length: columns }, (_, c) => (values ? exactValue(values.output[c]) : vectorName("y", c)));
  const kwidth = widthFor(kernelLabels);
  const w = widthFor([...patchLabels.flat(), ...ys]);
  const left = kwidth + GAP + 10;
  const height = taps * CELL_H + GAP + CELL_H;
  const width = left + columns * w;
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  kernelLabels.forEach((text, j) => cell(svg, 0, j * CELL_H, kwidth, text, "mx-vector"));
  el("text", { x: kwidth + GAP / 2 + 5, y: (taps * CELL_H) / 2, class: "mx-sign" }, svg).textContent = "·";
  const body = el("g", {}, svg);
  im2col.cells.forEach((column, c) => column.forEach((read, j) => {
    cell(body, left + c * w, j * CELL_H, w, patchLabels[c][j], read === null ? "mx-zero" : "mx-weight");
  }));
  const y = ys.map((text, c) => cell(svg, left + c * w, taps * CELL_H + GAP, w, text, "mx-vector"));
  const band = el("rect", { class: "mx-band", x: 0, y: 0, width: 0, height: 0 }, svg);
  return { y, band, w, left, taps };
}

function light(nodes, on) {
  for (const node of nodes) node.classList.toggle("mx-lit", on);
}

/** The view in `section` (templates/_matrix.html). `onToggle` hears it opened or closed. */
export function createMatrixView(section, { onToggle = () => {} } = {}) {
  const $ = (id) => section.querySelector(`#${id}`);
  let figure = null; // the grid figure's answer on screen
  let numbers = false;
  let answer = null; // /api/matrix's
  let drawn = null;
  let patches = null;
  let lit = [];
  let step = 0;
  let ticket = 0;

  function say(id, text) {
    const node = $(id);
    node.textContent = text ?? "";
    node.hidden = !text;
  }

  function render() {
    const [rows, cols] = answer.matrix.shape;
    const transposed = answer.op === "transpose";
    $("matrix-equation").textContent = t(transposed ? "matrix.equation_transpose" : "matrix.equation");
    $("matrix-intro").textContent = t(isStrip(answer) ? "matrix.intro_1d" : "matrix.intro");
    if (transposed) {
      const direct = answer.transpose.direct;
      const common = { rows, cols, k: pairScalar(direct.kernel), s: pairScalar(direct.stride), p: pairScalar(direct.padding) };
      say("matrix-about", isStrip(answer)
        ? t("matrix.about_transpose_1d", { ...common, o: direct.input_shape[1], i: direct.output_shape[1] })
        : t("matrix.about_transpose", {
          ...common, oh: direct.input_shape[0], ow: direct.input_shape[1], ih: direct.output_shape[0], iw: direct.output_shape[1],
        }));
    } else {
      say("matrix-about", t("matrix.about_conv", { rows, cols }));
    }
    const svg = $("matrix-svg");
    if (drawable(answer.matrix.shape, answer.matrix.entries !== null)) {
      drawn = drawMatrix(svg, answer, numbers);
      svg.setAttribute("aria-label", t("matrix.label", { rows, cols }));
      svg.parentElement.hidden = false;
      say("matrix-summary", null);
    } else {
      drawn = null;
      svg.parentElement.hidden = true;
      say("matrix-summary", matrixSummary(answer.matrix, t));
    }
    const im2col = answer.im2col;
    $("im2col").hidden = !im2col;
    const psvg = $("im2col-svg");
    patches = null;
    if (im2col) {
      const figures = memoryFigures(im2col);
      say("im2col-memory", t("im2col.memory", figures));
      if (drawable(im2col.shape, im2col.cells !== null)) {
        patches = drawPatches(psvg, answer, numbers);
        psvg.setAttribute("aria-label", t("im2col.label", { taps: figures.taps, columns: figures.columns }));
        psvg.parentElement.hidden = false;
        say("im2col-summary", null);
      } else {
        psvg.parentElement.hidden = true;
        say("im2col-summary", t("im2col.summary", { taps: figures.taps, columns: figures.columns }));
      }
    }
    lit = [];
    show(step);
  }

  /** Light step `n` of the grid figure: an output cell's row (the direct view), or an input
   * unit's column (the scatter view of a transposed convolution). */
  function show(n) {
    step = n;
    if (!answer || !figure) return;
    light(lit, false);
    lit = [];
    const frame = figure.frames?.[n];
    const values = numbers ? answer.values : null;
    const scattering = Boolean(figure.canvas);
    if (!frame) {
      say("matrix-step", null);
      say("im2col-step", null);
      return;
    }
    if (scattering) {
      const [u, v] = frame.input;
      const col = u * answer.input_shape[1] + v;
      if (drawn) {
        drawn.band.setAttribute("x", col * drawn.w);
        drawn.band.setAttribute("y", 0);
        drawn.band.setAttribute("width", drawn.w);
        drawn.band.setAttribute("height", drawn.top + drawn.rows * CELL_H);
        lit = [drawn.x[col], ...answer.matrix.entries.filter((e) => e[1] === col).map((e) => drawn.y[e[0]])];
      }
      const scatter = columnScatter(answer.matrix.entries, col, isStrip(answer));
      say("matrix-step", drawn && t(isStrip(answer) ? "matrix.step_column_1d" : "matrix.step_column", { step: n + 1, col, r: u, c: v, scatter }));
    } else {
      const [r, c] = frame.output;
      const row = r * answer.output_shape[1] + c;
      if (drawn) {
        drawn.band.setAttribute("x", 0);
        drawn.band.setAttribute("y", drawn.top + row * CELL_H);
        drawn.band.setAttribute("width", drawn.cols * drawn.w);
        drawn.band.setAttribute("height", CELL_H);
        lit = [drawn.y[row], ...answer.matrix.entries.filter((e) => e[0] === row).map((e) => drawn.x[e[1]])];
      }
      const product = rowProduct(answer.matrix.entries, row, values, isStrip(answer));
      say("matrix-step", drawn && t(isStrip(answer) ? "matrix.step_row_1d" : "matrix.step_row", { step: n + 1, row, r, c, product }));
      if (patches) {
        patches.band.setAttribute("x", patches.left + row * patches.w);
        patches.band.setAttribute("y", 0);
        patches.band.setAttribute("width", patches.w);
        patches.band.setAttribute("height", patches.taps * CELL_H);
        lit.push(patches.y[row]);
      }
      say("im2col-step", patches && t(isStrip(answer) ? "im2col.step_1d" : "im2col.step", {
        step: n + 1, col: row, r, c,
        product: patchProduct(answer.im2col.cells, row, answer.params.k, answer.input_shape[1], values, isStrip(answer)),
      }));
    }
    light(lit, true);
  }

  async function load() {
    if (!section.open || !figure) return;
    const mine = ++ticket;
    say("matrix-error", null);
    section.classList.add("loading");
    try {
      const own = await api.matrix(figure.query);
      if (mine !== ticket) return;
      // A 1-D layer's matrix is the plane's one row high, as the figure draws it.
      answer = planeOf(own);
      $("matrix-body").hidden = false;
      render();
    } catch (error) {
      if (mine !== ticket) return;
      answer = null;
      $("matrix-body").hidden = true;
      say("matrix-error", error instanceof api.ConfigRefused
        ? error.message : t("matrix.failed", { status: error.message }));
    } finally {
      if (mine === ticket) section.classList.remove("loading");
    }
  }

  // Back and Forward set the section as their entry had it: not a change of the person's.
  let restoring = false;
  section.addEventListener("toggle", () => {
    if (!restoring) onToggle(section.open);
    restoring = false;
    load();
  });

  return {
    get open() { return section.open; },
    /** The grid figure's answer (or the arithmetic of one too large to draw) on screen, and
     * whether numbers are shown. */
    follow(next, { numbers: shown = numbers } = {}) {
      figure = next;
      numbers = shown;
      if (answer && answer.query === next.query) render();
      else load();
    },
    step: (n) => show(n),
    /** Open or close it as a link has it (Back and Forward). */
    setOpen(open) {
      if (section.open === open) return;
      restoring = true;
      section.open = open;
    },
  };
}
