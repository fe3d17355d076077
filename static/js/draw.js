// The figure as the paper draws it: the grid the kernel sweeps (padded input, or for a
// transposed convolution the stretched and padded input) beside the output grid; or, for the
// scatter view of a transposed convolution, the input beside the canvas its kernel copies
// land on. This module only touches the SVG: what to draw comes from scene.js, where from
// layout.js and the words from captions.js.
import { probeCaption, stepCaption } from "./captions.js";
import { narration } from "./narration.js";
import { CELL, cellBox, fittedSize, labelAt, layoutOf, numberAt, tapAt, windowBox } from "./layout.js";
import { t } from "./messages.js";
import { cellAt, cellNumbers, feedsOf, pinsOf, sceneOf, shadedAt, tapNumbers } from "./scene.js";
import { formatValue } from "./format.js";
import { inputUnitOf } from "./values.js";

const SVG = "http://www.w3.org/2000/svg";
// The CSS sizes of a cell's number and a kernel weight (static/css/page.css .num, .tap).
const NUM_SIZE = 17;
const TAP_SIZE = 12;

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  parent?.appendChild(node);
  return node;
}

// Arrow keys move between the editable input cells.
const MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
const unitKey = ([u, v]) => `${u},${v}`;

/** The figure in `svg`; `onPin(step)` is called when a person hovers or clicks a step's cell.
 * With `onEdit({unit, node})`, numbers shown, a click, a tap or Enter on an input unit asks
 * to edit it (the cells take the keyboard focus one at a time: Tab in, arrows move). */
export function createFigure(svg, caption, { onPin, onEdit = null }) {
  let data = null;
  let scene = null;
  let numbers = false;
  let cells = { left: [], right: [] };
  let tapLabels = [];
  let feeds = new Map(); // probed cell index -> steps that touch it
  let windowRect = null;
  let currentRect = null;
  let origin = { left: [0, 0], right: [0, 0] };
  let lit = [];
  let current = -1;
  let probed = [];
  let units = new Map(); // "u,v" -> the left grid's node showing input unit (u, v)
  let focusedUnit = null;

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
    // A redraw replaces the cells: the one with the focus gets it back.
    const refocus = svg.contains(document.activeElement) ? focusedUnit : null;
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
    // The current cell's outline matches the window's: the pair is told apart without colour.
    currentRect = el("rect", { class: "current-mark", width: 0, height: 0 }, svg);
    if (numbers) drawNumbers({ left: leftLayer, right: rightLayer });
    markEditable();

    feeds = feedsOf(scene);
    lit = [];
    current = -1;
    probed = [];
    if (!numbers) tapLabels = [];
    if (refocus) focusUnit(refocus);
  }

  /** With numbers on, the input units take clicks, taps and the keyboard; one at a time is
   * in the tab order (the last one focused). The figure is then a group of such cells. */
  function markEditable() {
    units = new Map();
    const editable = Boolean(onEdit && numbers);
    svg.setAttribute("role", editable ? "group" : "img");
    if (!editable) return;
    const [, w] = scene.left.shape;
    cells.left.forEach((node, index) => {
      const cell = [Math.floor(index / w), index % w];
      const unit = inputUnitOf(data, cell);
      if (!unit) return;
      units.set(unitKey(unit), node);
      node.classList.add("editable");
      node.setAttribute("tabindex", "-1");
      node.setAttribute("role", "button");
      node.dataset.unit = unitKey(unit);
      node.setAttribute("aria-label", t("numbers.cell", {
        r: unit[0], c: unit[1], value: formatValue(data.values.input[unit[0]][unit[1]]),
      }));
    });
    const first = units.get(unitKey(focusedUnit ?? [0, 0])) ?? units.values().next().value;
    first?.setAttribute("tabindex", "0");
  }

  const unitOf = (node) => node?.dataset?.unit?.split(",").map(Number) ?? null;

  /** Give input unit `unit`'s cell the focus (and the tab stop); false if none shows it. */
  function focusUnit(unit) {
    const node = units.get(unitKey(unit));
    if (!node) return false;
    for (const other of units.values()) other.setAttribute("tabindex", "-1");
    node.setAttribute("tabindex", "0");
    focusedUnit = unit;
    node.focus();
    return true;
  }

  function label({ x, y }, text, className, parent) {
    const node = el("text", { x, y, class: className }, parent);
    node.textContent = text;
    return node;
  }

  /** A label whose text never runs past `room` SVG units: a long number (a learner's
   * 123456.5, or 0.0625) is set smaller rather than over its neighbours. */
  function fitted(at, text, className, parent, room, size) {
    const node = label(at, text, className, parent);
    const fits = fittedSize(text, room, size);
    if (fits < size) node.style.fontSize = `${fits}px`;
    return node;
  }

  // Chapter-1 style: values in the cells, and the kernel's weights as small numbers in the
  // corner of the cells it covers (placed by show()).
  function drawNumbers(layers) {
    for (const side of ["left", "right"]) {
      for (const { cell, kind, text } of cellNumbers(scene, side)) {
        fitted(numberAt(origin[side], cell), text, `num ${kind}`, layers[side], CELL - 6, NUM_SIZE);
      }
    }
    // A weight keeps to the cell's bottom-right third, clear of the number above it.
    tapLabels = tapNumbers(scene).map((text) => fitted({ x: 0, y: 0 }, text, "tap", svg, CELL / 2, TAP_SIZE));
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
    const currentBox = cellBox(origin[scene.pinSide], cellAt(scene, scene.pinSide, shaded.current));
    for (const [key, value] of Object.entries(currentBox)) currentRect.setAttribute(key, value);
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
    const unit = unitOf(event.target);
    if (unit) {
      focusedUnit = unit;
      onEdit({ unit, node: event.target });
    }
  });
  svg.addEventListener("focusin", (event) => {
    const unit = unitOf(event.target);
    if (unit) focusedUnit = unit;
  });
  svg.addEventListener("keydown", (event) => {
    const unit = unitOf(event.target);
    if (!unit || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Enter" || event.key === "F2") {
      onEdit({ unit, node: event.target });
    } else if (MOVES[event.key]) {
      // Past padding and inserted zeros to the next input unit; the player keeps its keys
      // everywhere else on the page.
      const [du, dv] = MOVES[event.key];
      focusUnit([unit[0] + du, unit[1] + dv]);
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
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

  /** Step `n` in words for the live region; with numbers shown, its sum written out too. */
  function narrate(n) {
    if (!data || n < 0 || n >= data.frames.length) return "";
    const words = narration(data, n, t);
    return numbers && !data.canvas ? `${words} ${stepCaption(data, n, true, t)}` : words;
  }

  return {
    render, show, probe, setNumbers, focusUnit, narrate,
    /** The node showing input unit `unit`, if drawn. */
    unitNode: (unit) => units.get(unitKey(unit)) ?? null,
    get steps() { return data ? data.frames.length : 0; },
  };
}
