// The figure as the paper draws it: the grid the kernel sweeps (padded input, or for a
// transposed convolution the stretched and padded input) beside the output grid. Drawing
// follows the API's frames; nothing of the arithmetic is computed here.
import { t } from "./messages.js";

const SVG = "http://www.w3.org/2000/svg";
const CELL = 40;
const GAP = 2 * CELL;
const TOP = 36;

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  parent?.appendChild(node);
  return node;
}

function gridLabel(data) {
  const [h, w] = data.input_shape;
  const [gh, gw] = data.grid.shape;
  if (data.op === "transpose") {
    const crop = Object.values(data.transpose.equivalent_padding).some((v) => v < 0);
    return t(crop ? "figure.cropped" : "figure.stretched", { h, w, gh, gw });
  }
  if (gh === h && gw === w) return t("figure.input", { h, w });
  return t("figure.padded", { h: gh, w: gw });
}

// More terms than this make a caption nobody reads: the middle is elided.
const MAX_TERMS = 12;

/** A value as the paper prints it: whole numbers as they are, others to one decimal. */
export function formatValue(value) {
  if (value === null) return "−∞";
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function joinTerms(terms, separator) {
  if (terms.length <= MAX_TERMS) return terms.join(separator);
  return [...terms.slice(0, MAX_TERMS - 2), "…", terms.at(-1)].join(separator);
}

/** The sum, maximum or mean behind one output value, written out with its numbers. */
function calculation(data, step) {
  const frame = data.frames[step];
  const values = data.values;
  const here = frame.cells.map(([r, c]) => formatValue(values.grid[r][c]));
  const [r, c] = frame.output;
  const value = formatValue(values.output[r][c]);
  if (data.op === "maxpool") return t("figure.max", { r, c, terms: joinTerms(here, ", "), value });
  if (data.op === "avgpool") {
    return t("figure.mean", { r, c, terms: joinTerms(here, " + "), n: here.length, value });
  }
  const taps = values.taps.flat();
  const terms = here.map((v, j) => `${v}×${formatValue(taps[j])}`);
  return t("figure.sum", { r, c, terms: joinTerms(terms, " + "), value });
}

/** The figure in `svg`; `onPin(step)` is called when a person hovers or clicks an output cell. */
export function createFigure(svg, caption, { onPin }) {
  let data = null;
  let numbers = false;
  let tapLabels = [];
  let gridCells = [];
  let outCells = [];
  let feeds = new Map(); // grid cell index -> output frame indices it contributes to
  let windowRect = null;
  let lit = [];
  let current = -1;
  let probed = [];

  function render(answer) {
    data = answer;
    svg.replaceChildren();
    const [gh, gw] = data.grid.shape;
    const [oh, ow] = data.output_shape;
    // Under ceil_mode a window may hang past the grid: leave room for it.
    const reachR = Math.max(gh, ...data.frames.map((f) => f.window[2] + 1));
    const reachC = Math.max(gw, ...data.frames.map((f) => f.window[3] + 1));
    const gridWidth = reachC * CELL;
    const outX = gridWidth + GAP;
    const height = Math.max(reachR, oh) * CELL;
    const outY = TOP + Math.max(0, (reachR - oh) * CELL) / 2;
    const labelWidth = 9 * CELL; // room for the longest label on small grids
    const width = Math.max(outX + ow * CELL, outX + labelWidth);
    svg.setAttribute("viewBox", `-4 0 ${width + 8} ${TOP + height + 4}`);
    svg.dataset.query = data.query;

    const gridLayer = el("g", { class: "grid" }, svg);
    el("text", { x: 0, y: TOP - 12, class: "label" }, svg).textContent = gridLabel(data);
    gridCells = [];
    for (let r = 0; r < gh; r++) {
      for (let c = 0; c < gw; c++) {
        gridCells.push(
          el("rect", {
            x: c * CELL, y: TOP + r * CELL, width: CELL, height: CELL,
            class: `cell ${data.grid.kinds[r][c]}`, "data-cell": r * gw + c,
          }, gridLayer),
        );
      }
    }
    windowRect = el("rect", { class: "window", width: 0, height: 0 }, svg);

    const outLayer = el("g", { class: "output" }, svg);
    const [h, w] = data.output_shape;
    el("text", { x: outX, y: outY - 12, class: "label" }, svg).textContent =
      t("figure.output", { h, w });
    outCells = data.frames.map((frame, index) =>
      el("rect", {
        x: outX + frame.output[1] * CELL, y: outY + frame.output[0] * CELL,
        width: CELL, height: CELL, class: "cell out", "data-step": index,
      }, outLayer),
    );

    if (numbers) drawNumbers(gridLayer, outLayer, outX, outY);

    feeds = new Map();
    data.frames.forEach((frame, index) => {
      for (const [r, c] of frame.cells) {
        const key = r * gw + c;
        if (!feeds.has(key)) feeds.set(key, []);
        feeds.get(key).push(index);
      }
    });
    lit = [];
    current = -1;
    probed = [];
    if (!numbers) tapLabels = [];
  }

  function label(x, y, text, className, parent) {
    const node = el("text", { x, y, class: className }, parent);
    node.textContent = text;
    return node;
  }

  // Chapter-1 style: input values in their cells, output values in theirs, and the kernel's
  // weights as small numbers in the corner of the cells it covers (placed by show()).
  function drawNumbers(gridLayer, outLayer, outX, outY) {
    const [gh, gw] = data.grid.shape;
    for (let r = 0; r < gh; r++) {
      for (let c = 0; c < gw; c++) {
        if (data.grid.kinds[r][c] !== "input") continue;
        const value = formatValue(data.values.grid[r][c]);
        label((c + 0.5) * CELL, TOP + (r + 0.5) * CELL, value, "num", gridLayer);
      }
    }
    for (const frame of data.frames) {
      const [r, c] = frame.output;
      const value = formatValue(data.values.output[r][c]);
      label(outX + (c + 0.5) * CELL, outY + (r + 0.5) * CELL, value, "num", outLayer);
    }
    const taps = data.values.taps ? data.values.taps.flat() : [];
    tapLabels = taps.map((w) => label(0, 0, formatValue(w), "tap", svg));
  }

  function show(step) {
    if (!data) return;
    for (const node of lit) node.classList.remove("on");
    outCells[current]?.classList.remove("current");
    const frame = data.frames[step];
    const gw = data.grid.shape[1];
    lit = frame.cells.map(([r, c]) => gridCells[r * gw + c]);
    for (const node of lit) node.classList.add("on");
    const [top, left, bottom, right] = frame.window;
    windowRect.setAttribute("x", left * CELL);
    windowRect.setAttribute("y", TOP + top * CELL);
    windowRect.setAttribute("width", (right - left + 1) * CELL);
    windowRect.setAttribute("height", (bottom - top + 1) * CELL);
    current = step;
    outCells[step].classList.add("current");
    if (numbers) {
      frame.cells.forEach(([r, c], j) => {
        tapLabels[j]?.setAttribute("x", (c + 1) * CELL - 4);
        tapLabels[j]?.setAttribute("y", TOP + (r + 1) * CELL - 5);
      });
      caption.textContent = calculation(data, step);
    } else {
      caption.textContent = t("figure.step_caption", {
        r: frame.output[0], c: frame.output[1], n: frame.cells.length,
      });
    }
  }

  function probe(cellIndex) {
    for (const node of probed) node.classList.remove("feeds", "probe");
    probed = [];
    if (cellIndex === null || !data) return;
    const steps = feeds.get(cellIndex) ?? [];
    probed = [gridCells[cellIndex], ...steps.map((s) => outCells[s])];
    gridCells[cellIndex].classList.add("probe");
    for (const s of steps) outCells[s].classList.add("feeds");
    const gw = data.grid.shape[1];
    caption.textContent = t("figure.feeds", {
      r: Math.floor(cellIndex / gw), c: cellIndex % gw, n: steps.length,
    });
  }

  svg.addEventListener("pointerover", (event) => {
    const target = event.target;
    if (target.dataset?.step !== undefined) onPin(Number(target.dataset.step));
    else if (target.dataset?.cell !== undefined) probe(Number(target.dataset.cell));
  });
  svg.addEventListener("click", (event) => {
    if (event.target.dataset?.step !== undefined) onPin(Number(event.target.dataset.step));
  });
  svg.addEventListener("pointerleave", () => probe(null));

  /** Numbers on or off: redraws the current figure at the same step. */
  function setNumbers(on) {
    numbers = on;
    svg.classList.toggle("numbers", on);
    if (!data) return;
    const step = current;
    render(data);
    if (step >= 0) show(step);
  }

  return {
    render, show, probe, setNumbers,
    get steps() { return data ? data.frames.length : 0; },
  };
}
