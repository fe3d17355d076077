// The figure as the paper draws it: the grid the kernel sweeps (padded input, or for a
// transposed convolution the stretched and padded input) beside the output grid; or, for the
// scatter view of a transposed convolution, the input beside the canvas its kernel copies
// land on. This module only touches the SVG: what to draw comes from scene.js, where from
// layout.js and the words from captions.js.
import { probeCaption, stepCaption } from "./captions.js";
import { cellBox, labelAt, layoutOf, numberAt, tapAt, windowBox } from "./layout.js";
import { t } from "./messages.js";
import { cellAt, cellNumbers, feedsOf, pinsOf, sceneOf, shadedAt, tapNumbers } from "./scene.js";

const SVG = "http://www.w3.org/2000/svg";

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  parent?.appendChild(node);
  return node;
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
  let origin = { left: [0, 0], right: [0, 0] };
  let lit = [];
  let current = -1;
  let probed = [];

  function drawGrid(side, layer) {
    const grid = scene[side];
    const [h, w] = grid.shape;
    const nodes = [];
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const attrs = { ...cellBox(origin[side], [r, c]), class: `cell ${grid.kinds[r][c]}` };
        // Steps run row-major over the pin side's cells: a pin cell's index is its step.
        attrs[side === scene.pinSide ? "data-step" : "data-cell"] = r * w + c;
        nodes.push(el("rect", attrs, layer));
      }
    }
    label(labelAt(origin[side]), grid.label, "label", svg);
    return nodes;
  }

  function render(answer) {
    data = answer;
    scene = sceneOf(answer, t);
    svg.replaceChildren();
    const layout = layoutOf(scene);
    svg.setAttribute("viewBox", layout.viewBox);
    svg.dataset.query = data.query;
    svg.dataset.view = data.canvas ? "scatter" : "direct";
    origin = layout.origin;

    const leftLayer = el("g", { class: "grid" }, svg);
    const rightLayer = el("g", { class: "output" }, svg);
    cells = { left: drawGrid("left", leftLayer), right: drawGrid("right", rightLayer) };
    windowRect = el("rect", { class: "window", width: 0, height: 0 }, svg);
    if (numbers) drawNumbers({ left: leftLayer, right: rightLayer });

    feeds = feedsOf(scene);
    lit = [];
    current = -1;
    probed = [];
    if (!numbers) tapLabels = [];
  }

  function label({ x, y }, text, className, parent) {
    const node = el("text", { x, y, class: className }, parent);
    node.textContent = text;
    return node;
  }

  // Chapter-1 style: values in the cells, and the kernel's weights as small numbers in the
  // corner of the cells it covers (placed by show()).
  function drawNumbers(layers) {
    for (const side of ["left", "right"]) {
      for (const { cell, kind, text } of cellNumbers(scene, side)) {
        label(numberAt(origin[side], cell), text, `num ${kind}`, layers[side]);
      }
    }
    tapLabels = tapNumbers(scene).map((text) => label({ x: 0, y: 0 }, text, "tap", svg));
  }

  function show(n) {
    if (!data) return;
    for (const node of lit) node.classList.remove("on", "current");
    const shaded = shadedAt(scene, n);
    lit = [
      ...shaded.left.map((i) => cells.left[i]),
      ...shaded.right.map((i) => cells.right[i]),
    ];
    for (const node of lit) node.classList.add("on");
    cells[scene.pinSide][shaded.current].classList.add("current");
    const [side, box] = shaded.window;
    for (const [key, value] of Object.entries(windowBox(origin[side], box))) {
      windowRect.setAttribute(key, value);
    }
    current = n;
    if (numbers) {
      const [tapSide, tapCells] = shaded.taps;
      tapCells.forEach((cell, j) => {
        const { x, y } = tapAt(origin[tapSide], cell);
        tapLabels[j]?.setAttribute("x", x);
        tapLabels[j]?.setAttribute("y", y);
      });
    }
    caption.textContent = stepCaption(data, n, numbers, t);
  }

  function probe(cellIndex) {
    for (const node of probed) node.classList.remove("feeds", "probe");
    probed = [];
    if (!data) return;
    if (cellIndex === null) {
      if (current >= 0) caption.textContent = stepCaption(data, current, numbers, t);
      return;
    }
    const side = scene.probeSide;
    const steps = feeds.get(cellIndex) ?? [];
    const pins = pinsOf(scene, steps).map((i) => cells[scene.pinSide][i]);
    probed = [cells[side][cellIndex], ...pins];
    cells[side][cellIndex].classList.add("probe");
    for (const node of pins) node.classList.add("feeds");
    caption.textContent = probeCaption(data, cellAt(scene, side, cellIndex), steps.length, t);
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
