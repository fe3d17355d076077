// The figure as the paper draws it: the grid the kernel sweeps (padded input, or for a
// transposed convolution the stretched and padded input) beside the output grid; or, for the
// scatter view of a transposed convolution, the input beside the canvas its kernel copies
// land on. Drawing follows the API's frames; nothing of the arithmetic is computed here.
import { t } from "./messages.js";

const SVG = "http://www.w3.org/2000/svg";
const CELL = 40;
const GAP = 2 * CELL;
const TOP = 36;
// More terms than this make a caption nobody reads: the middle is elided.
const MAX_TERMS = 12;

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  parent?.appendChild(node);
  return node;
}

/** A value as the paper prints it: whole numbers as they are, others to one decimal —
 * and, where a figure has any fraction (average pooling), all of its outputs to one. */
function formatValue(value, decimals = !Number.isInteger(value)) {
  if (value === null) return "−∞";
  return decimals ? value.toFixed(1) : String(value);
}

const hasFractions = (rows) => rows.some((row) => row.some((v) => v !== null && !Number.isInteger(v)));

function joinTerms(terms, separator) {
  if (terms.length <= MAX_TERMS) return terms.join(separator);
  return [...terms.slice(0, MAX_TERMS - 2), "…", terms.at(-1)].join(separator);
}

// The grid's caption key, by the rule of the pictures' (app/render/wording.py GRID_KEYS):
// figure.input, or figure. + what was done of stretched, padded, cropped, joined by "_".
function directLabel(data) {
  const [h, w] = data.input_shape;
  const [gh, gw] = data.grid.shape;
  const edges = Object.values(data.transpose?.equivalent_padding ?? data.padding);
  const stretched = data.transpose?.stretched_shape.some((n, axis) => n !== data.input_shape[axis]);
  const changes = [[stretched, "stretched"], [edges.some((e) => e > 0), "padded"],
    [edges.some((e) => e < 0), "cropped"]].filter(([done]) => done).map(([, name]) => name);
  return t(changes.length ? `figure.${changes.join("_")}` : "figure.input", { h, w, gh, gw });
}

const bounds = (cells) => [
  Math.min(...cells.map(([r]) => r)), Math.min(...cells.map(([, c]) => c)),
  Math.max(...cells.map(([r]) => r)), Math.max(...cells.map(([, c]) => c)),
];

/**
 * Both views as one shape: a left and a right grid; per step the cells lit on each side,
 * the outlined window, and the "pin" cell whose hover selects the step. The other side's
 * cells are probed: hovering one lights the pin cells of every step that touches it.
 */
function sceneOf(data) {
  const values = data.values;
  if (data.canvas) {
    const [ih, iw] = data.input_shape;
    const [oh, ow] = data.output_shape;
    const [ch, cw] = data.canvas.shape;
    return {
      left: { shape: [ih, iw], kinds: Array.from({ length: ih }, () => Array(iw).fill("input")),
        label: t("figure.input", { h: ih, w: iw }), values: values.input, valueKinds: ["input"] },
      right: { shape: [ch, cw], kinds: data.canvas.kinds.map((row) => row.map((k) => (k === "output" ? "out" : "cropped"))),
        label: ch === oh && cw === ow ? t("figure.output", { h: oh, w: ow })
          : t("figure.canvas", { h: oh, w: ow, ch, cw }),
        values: values.canvas, valueKinds: ["out", "cropped"] },
      pinSide: "left",
      steps: data.frames.map((f) => ({
        left: [f.input], right: f.cells, window: ["right", bounds(f.cells)], pin: f.input,
        taps: ["right", f.cells],
      })),
      taps: values.kernel.flat(),
      caption: (step) => scatterCaption(data, step),
    };
  }
  const [oh, ow] = data.output_shape;
  return {
    left: { shape: data.grid.shape, kinds: data.grid.kinds, label: directLabel(data),
      values: values.grid, valueKinds: ["input"] },
    right: { shape: [oh, ow], kinds: Array.from({ length: oh }, () => Array(ow).fill("out")),
      label: t("figure.output", { h: oh, w: ow }), values: values.output, valueKinds: ["out"] },
    pinSide: "right",
    steps: data.frames.map((f) => ({
      left: f.cells, right: [f.output],
      window: ["left", f.window], pin: f.output, taps: ["left", f.cells],
    })),
    taps: values.taps ? values.taps.flat() : [],
    caption: (step) => directCaption(data, step),
  };
}

/** The sum, maximum or mean behind one output value, written out with its numbers. */
function directCaption(data, step) {
  const frame = data.frames[step];
  const values = data.values;
  const here = frame.cells.map(([r, c]) => formatValue(values.grid[r][c]));
  const [r, c] = frame.output;
  const value = formatValue(values.output[r][c], hasFractions(values.output));
  if (data.op === "maxpool") return t("figure.max", { r, c, terms: joinTerms(here, ", "), value });
  if (data.op === "avgpool") {
    return t("figure.mean", { r, c, terms: joinTerms(here, " + "), n: here.length, value });
  }
  const taps = values.taps.flat();
  const terms = here.map((v, j) => `${v}×${formatValue(taps[j])}`);
  return t("figure.sum", { r, c, terms: joinTerms(terms, " + "), value });
}

function scatterCaption(data, step) {
  const frame = data.frames[step];
  const [r, c] = frame.input;
  const kept = frame.cells.filter(([cr, cc]) => data.canvas.kinds[cr][cc] === "output").length;
  return t("figure.scatter", {
    r, c, x: formatValue(data.values.input[r][c]), n: frame.cells.length, kept,
  });
}

/** The figure in `svg`; `onPin(step)` is called when a person hovers or clicks a step's cell. */
export function createFigure(svg, caption, { onPin }) {
  let data = null;
  let scene = null;
  let numbers = false;
  let cells = { left: [], right: [] };
  let tapLabels = [];
  let feeds = new Map(); // probed cell index -> steps that touch it
  let windowRect = null;
  let origin = { left: [0, TOP], right: [0, TOP] };
  let lit = [];
  let current = -1;
  let probed = [];

  const probeSide = () => (scene.pinSide === "left" ? "right" : "left");
  const index = (side, [r, c]) => r * scene[side].shape[1] + c;

  function drawGrid(side, layer, x0, y0) {
    const grid = scene[side];
    const [h, w] = grid.shape;
    const nodes = [];
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const attrs = {
          x: x0 + c * CELL, y: y0 + r * CELL, width: CELL, height: CELL,
          class: `cell ${grid.kinds[r][c]}`,
        };
        // Steps run row-major over the pin side's cells: a pin cell's index is its step.
        attrs[side === scene.pinSide ? "data-step" : "data-cell"] = r * w + c;
        nodes.push(el("rect", attrs, layer));
      }
    }
    el("text", { x: x0, y: y0 - 12, class: "label" }, svg).textContent = grid.label;
    return nodes;
  }

  function render(answer) {
    data = answer;
    scene = sceneOf(answer);
    svg.replaceChildren();
    const [lh, lw] = scene.left.shape;
    const [rh, rw] = scene.right.shape;
    // A window may hang past its grid (ceil_mode): leave room for it.
    const reach = (side) => {
      const windows = scene.steps.filter((s) => s.window[0] === side).map((s) => s.window[1]);
      return [
        Math.max(scene[side].shape[0], ...windows.map((b) => b[2] + 1)),
        Math.max(scene[side].shape[1], ...windows.map((b) => b[3] + 1)),
      ];
    };
    const [leftR, leftC] = reach("left");
    const [rightR] = reach("right");
    const height = Math.max(leftR, rightR) * CELL;
    const leftY = TOP + Math.max(0, (rightR - leftR) * CELL) / 2;
    const rightY = TOP + Math.max(0, (leftR - rightR) * CELL) / 2;
    // Room for the labels, at ~0.6 em per character of the 22-unit font.
    const labelWidth = (text) => Math.ceil(text.length * 0.6 * 22);
    const leftExtent = Math.max(leftC * CELL, labelWidth(scene.left.label));
    const rightX = leftExtent + GAP;
    const width = rightX + Math.max(rw * CELL, labelWidth(scene.right.label));
    svg.setAttribute("viewBox", `-4 0 ${width + 8} ${TOP + height + 4}`);
    svg.dataset.query = data.query;
    svg.dataset.view = data.canvas ? "scatter" : "direct";
    origin = { left: [0, leftY], right: [rightX, rightY] };

    const leftLayer = el("g", { class: "grid" }, svg);
    const rightLayer = el("g", { class: "output" }, svg);
    cells = {
      left: drawGrid("left", leftLayer, ...origin.left),
      right: drawGrid("right", rightLayer, ...origin.right),
    };
    windowRect = el("rect", { class: "window", width: 0, height: 0 }, svg);
    if (numbers) drawNumbers(leftLayer, rightLayer);

    feeds = new Map();
    scene.steps.forEach((step, n) => {
      for (const cell of step[probeSide()]) {
        const key = index(probeSide(), cell);
        if (!feeds.has(key)) feeds.set(key, []);
        feeds.get(key).push(n);
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

  // Chapter-1 style: values in the cells, and the kernel's weights as small numbers in the
  // corner of the cells it covers (placed by show()).
  function drawNumbers(leftLayer, rightLayer) {
    for (const [side, layer] of [["left", leftLayer], ["right", rightLayer]]) {
      const grid = scene[side];
      const [x0, y0] = origin[side];
      const decimals = hasFractions(grid.values);
      grid.values.forEach((row, r) => row.forEach((value, c) => {
        if (!grid.valueKinds.includes(grid.kinds[r][c])) return;
        label(x0 + (c + 0.5) * CELL, y0 + (r + 0.5) * CELL, formatValue(value, decimals),
          `num ${grid.kinds[r][c]}`, layer);
      }));
    }
    tapLabels = scene.taps.map((w) => label(0, 0, formatValue(w), "tap", svg));
  }

  function show(n) {
    if (!data) return;
    for (const node of lit) node.classList.remove("on", "current");
    const step = scene.steps[n];
    lit = [];
    for (const side of ["left", "right"]) {
      for (const cell of step[side]) lit.push(cells[side][index(side, cell)]);
    }
    for (const node of lit) node.classList.add("on");
    cells[scene.pinSide][index(scene.pinSide, step.pin)].classList.add("current");
    const [side, [top, left, bottom, right]] = step.window;
    const [x0, y0] = origin[side];
    windowRect.setAttribute("x", x0 + left * CELL);
    windowRect.setAttribute("y", y0 + top * CELL);
    windowRect.setAttribute("width", (right - left + 1) * CELL);
    windowRect.setAttribute("height", (bottom - top + 1) * CELL);
    current = n;
    if (numbers) {
      const [tapSide, tapCells] = step.taps;
      const [tx, ty] = origin[tapSide];
      tapCells.forEach(([r, c], j) => {
        tapLabels[j]?.setAttribute("x", tx + (c + 1) * CELL - 4);
        tapLabels[j]?.setAttribute("y", ty + (r + 1) * CELL - 5);
      });
    }
    caption.textContent = stepCaption(n);
  }

  function stepCaption(n) {
    if (numbers || data.canvas) return scene.caption(n);
    const frame = data.frames[n];
    return t("figure.step_caption", {
      r: frame.output[0], c: frame.output[1], n: frame.cells.length,
    });
  }

  function probe(cellIndex) {
    for (const node of probed) node.classList.remove("feeds", "probe");
    probed = [];
    if (!data) return;
    if (cellIndex === null) {
      if (current >= 0) caption.textContent = stepCaption(current);
      return;
    }
    const side = probeSide();
    const steps = feeds.get(cellIndex) ?? [];
    const pins = steps.map((n) => cells[scene.pinSide][index(scene.pinSide, scene.steps[n].pin)]);
    probed = [cells[side][cellIndex], ...pins];
    cells[side][cellIndex].classList.add("probe");
    for (const node of pins) node.classList.add("feeds");
    const w = scene[side].shape[1];
    const one = steps.length === 1;
    const key = data.canvas
      ? (one ? "figure.fed_by_one" : "figure.fed_by")
      : (one ? "figure.feeds_one" : "figure.feeds");
    caption.textContent = t(key, {
      r: Math.floor(cellIndex / w), c: cellIndex % w, n: steps.length,
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
