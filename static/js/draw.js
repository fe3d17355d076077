// The figure as the paper draws it: the grid the kernel sweeps (padded input, or for a
// transposed convolution the stretched and padded input) beside the output grid; or, for the
// scatter view of a transposed convolution, the input beside the canvas its kernel copies
// land on. This module only touches the SVG: what to draw comes from scene.js, where from
// layout.js and the words from captions.js.
//
// The grids are drawn once per figure; a step moves a handful of marks laid over them (the
// lit cells, the current cell, the window), so its cost follows the kernel, not the grid.
// A grid of up to RECT_CELLS cells is drawn a rect per cell (hover targets, editable
// cells, numbers); a larger one as one picture of its cells, a pixel block per cell scaled
// without smoothing, where a pointer's cell is worked out from its coordinates.
import { probeCaption, stepCaption } from "./captions.js";
import { narration } from "./narration.js";
import {
  CELL, LEAST_PX, cellBox, cornerAt, labelAt, layoutOf, numberAt, readableSize, sliceLabelAt, tapAt,
  windowBox,
} from "./layout.js";
import { t } from "./messages.js";
import { cellAt, cellIndex, cellNumbers, feedsAt, pinsOf, sceneOf, shadedAt, tapNumbers } from "./scene.js";
import { formatValue } from "./format.js";
import { countValues, heatColour } from "./overlap_logic.js";
import { inputUnitOf } from "./values.js";
import { el } from "./svg.js";

// The largest a cell's number and a kernel weight may be set (SVG units) before they crowd
// their cell; their usual sizes are the CSS's (static/css/page.css .num, .tap).
const NUM_CAP = 26;
const TAP_CAP = 16;
// Room for a number (the cell less a margin) and a weight (the cell's bottom-right half).
const NUM_ROOM = CELL - 6;
const TAP_ROOM = CELL / 2;
// The grid labels, set larger at a small scale, are at most this many passes from readable:
// each pass widens the viewBox a little, which shrinks the scale a little.
const FIT_PASSES = 4;
// Text is set a hair over the least size, so rounding leaves it there.
const HAIR = 1.01;
// The most cells a grid is drawn with one rect each (a 64×64 grid): past it a number could
// not be read in a cell even on a projector (two grids side by side, 12 px type), and a step
// beside thousands of rects costs the browser more (benchmarks/step_paint.py).
export const RECT_CELLS = 4096;
// A grid drawn as a picture: its longest side at most this many pixels, a cell at most
// CELL_PX; a cell of LINE_PX gets its outline drawn in (a grid of up to 128 per side).
// Smaller cells are a pixel or two on screen: outlines scaled down would beat into a moiré.
const PICTURE_PX = 1024;
const CELL_PX = 8;
const LINE_PX = 8;
// Each kind's fill in the picture: the CSS variable page.css fills its rect with.
const KIND_FILL = {
  input: "--input", padding: "--zero", inserted: "--inserted", out: "--output", cropped: "--zero",
};
// A strip or a row of slices keeps its cells at least this wide on screen: a long sequence
// or many slices scroll sideways rather than shrink past reading (page.css's .figure-wrap).
const LEAST_CELL_PX = 12;
// ... and a short strip or a few small slices stop growing at a grid's cell size: stretched
// to the box's width they drew a 9-cell strip with 100 px cells under 56 px headings.
const MOST_CELL_PX = 48;


// Arrow keys move between the editable input cells.
const MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
const unitKey = ([u, v]) => `${u},${v}`;

let swatch = null;
/** A CSS colour as [r, g, b, a] bytes, as a canvas paints it. */
function rgba(colour) {
  swatch ??= document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  swatch.clearRect(0, 0, 1, 1);
  swatch.fillStyle = colour.trim();
  swatch.fillRect(0, 0, 1, 1);
  return [...swatch.getImageData(0, 0, 1, 1).data];
}

/** The figure in `svg`; `onPin(step)` is called when a person hovers or clicks a step's cell.
 * With `onEdit({unit, node})`, numbers shown, a click, a tap or Enter on an input unit asks
 * to edit it (the cells take the keyboard focus one at a time: Tab in, arrows move).
 * `unread`, if given, is shown while some numbers are too small to print (see fit()). */
export function createFigure(svg, caption, { onPin, onEdit = null, unread = null }) {
  let data = null;
  let scene = null;
  let numbers = false;
  let overlapOn = false; // a transposed convolution's output shaded by its kernel copies
  let drawn = { left: false, right: false }; // a side drawn a rect per cell (else a picture)
  let cells = { left: [], right: [] }; // a rect-drawn side's cell rects, row-major
  let layers = { left: null, right: null };
  let marks = null; // the step's marks and the probe's, laid over the grids
  let tapLabels = [];
  let windowRect = null;
  let windowGroup = null; // a 3-D step's windows: one on each slice the kernel reaches
  let sliceMarks = { left: [], right: [] }; // a 3-D side's slice outlines, by depth
  let currentRect = null;
  let origin = { left: [0, 0], right: [0, 0] };
  let current = -1;
  let units = new Map(); // "u,v" -> the left grid's node showing input unit (u, v)
  let focusedUnit = null;
  let baseBox = [0, 0, 0, 0]; // the layout's viewBox, before room for larger labels
  let labels = [];
  let printed = []; // { node, text, room, cap } of every number and weight drawn
  let hovered = ""; // the cell under the pointer, so a move within it does nothing
  let stacked = false; // the output under the grid (a strip, a row of slices)

  /** `side`'s cells, once: a rect each, or one picture. */
  function drawGrid(side, layer) {
    const grid = scene[side];
    const [h, w] = grid.shape;
    const base = el("g", { class: "cells" }, layer);
    const nodes = [];
    if (drawn[side]) {
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          const kind = grid.kindAt(r, c);
          // The columns between a 3-D layer's slices are no cells.
          if (kind === "gap") {
            nodes.push(null);
            continue;
          }
          const attrs = { ...cellBox(origin[side], [r, c]), class: `cell ${kind}` };
          // Steps run row-major over the pin side's cells: a pin cell's index is its step.
          attrs[side === scene.pinSide ? "data-step" : "data-cell"] = cellIndex(scene, side, [r, c]);
          nodes.push(el("rect", attrs, base));
        }
      }
    } else {
      const fills = fillsOf();
      picture(side, base, { shape: grid.shape, fillAt: (r, c) => fills[grid.kindAt(r, c)], line: fills.line });
    }
    labels.push(label(labelAt(origin[side]), grid.label, "label", svg));
    if (scene.volume) drawSlices(side, layer);
    return nodes;
  }

  /** A 3-D side's slices: an outline round each (lit while the kernel reaches it) and its
   * depth under it. */
  function drawSlices(side, layer) {
    const row = scene.volume[side];
    const group = el("g", { class: "slices" }, layer);
    sliceMarks[side] = Array.from({ length: row.depth }, (_, z) => {
      const box = row.sliceBox(z);
      const outline = el("rect", { ...windowBox(origin[side], box), class: "slice", "data-slice": z }, group);
      const name = label(sliceLabelAt(origin[side], row.slice[0], box[1]), t("figure.slice", { z }),
        "slice-label", group);
      name.dataset.slice = z;
      return { outline, name };
    });
  }

  /** The CSS fill of each kind (and the cells' outline) as [r, g, b, a] bytes. */
  function fillsOf() {
    const style = getComputedStyle(svg);
    const fills = {};
    for (const [kind, name] of Object.entries(KIND_FILL)) fills[kind] = rgba(style.getPropertyValue(name));
    fills.line = rgba("#1d2327");
    fills.gap = [0, 0, 0, 0];
    return fills;
  }

  /** `side`'s cells as one picture in `parent`: the `shape` cells from cell `offset` on,
   * `fillAt(r, c)` a cell's colour (counted from `offset`); a cell of LINE_PX pixels or more
   * is outlined in `line`. Scaled without smoothing, so cells stay sharp-edged at any size. */
  function picture(side, parent, { shape, offset = [0, 0], fillAt, line = null }) {
    const [h, w] = shape;
    const px = Math.max(1, Math.min(CELL_PX, Math.floor(PICTURE_PX / Math.max(h, w))));
    const outlined = line !== null && px >= LINE_PX;
    const canvas = document.createElement("canvas");
    canvas.width = w * px;
    canvas.height = h * px;
    const context = canvas.getContext("2d");
    const image = context.createImageData(canvas.width, canvas.height);
    const bytes = image.data;
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const fill = fillAt(r, c);
        for (let y = 0; y < px; y++) {
          let at = 4 * ((r * px + y) * canvas.width + c * px);
          for (let x = 0; x < px; x++, at += 4) {
            const colour = outlined && (x === 0 || y === 0) ? line : fill;
            bytes[at] = colour[0]; bytes[at + 1] = colour[1]; bytes[at + 2] = colour[2]; bytes[at + 3] = colour[3];
          }
        }
      }
    }
    context.putImageData(image, 0, 0);
    const { x, y } = cellBox(origin[side], offset);
    return el("image", {
      class: "cells-picture", x, y, width: w * CELL, height: h * CELL,
      preserveAspectRatio: "none", href: canvas.toDataURL("image/png"),
    }, parent);
  }

  function render(answer) {
    // A redraw replaces the cells: the one with the focus gets it back.
    const refocus = svg.contains(document.activeElement) ? focusedUnit : null;
    data = answer;
    scene = sceneOf(answer, t);
    svg.replaceChildren();
    labels = [];
    printed = [];
    hovered = "";
    const layout = layoutOf(scene);
    baseBox = layout.viewBox.split(" ").map(Number);
    stacked = Boolean(layout.stacked);
    // A strip or a row of slices scrolls sideways before its cells get too small to see.
    svg.style.minWidth = stacked ? `${Math.ceil((baseBox[2] / CELL) * LEAST_CELL_PX)}px` : "";
    svg.style.maxWidth = stacked ? `${Math.ceil((baseBox[2] / CELL) * MOST_CELL_PX)}px` : "";
    svg.classList.toggle("stacked", stacked);
    sliceMarks = { left: [], right: [] };
    svg.setAttribute("viewBox", layout.viewBox);
    svg.dataset.query = data.query;
    svg.dataset.view = data.canvas ? "scatter" : "direct";
    origin = layout.origin;
    const area = (side) => scene[side].shape[0] * scene[side].shape[1];
    drawn = { left: area("left") <= RECT_CELLS, right: area("right") <= RECT_CELLS };
    // Cells too small for the window's outline to scale with them: it keeps a screen width.
    svg.classList.toggle("pictured", !(drawn.left && drawn.right));

    // A side drawn as a picture is marked so: its marks are drawn for cells a pixel wide.
    const layerClass = (name, side) => (drawn[side] ? name : `${name} picture`);
    layers = { left: el("g", { class: layerClass("grid", "left") }, svg),
      right: el("g", { class: layerClass("output", "right") }, svg) };
    cells = { left: drawGrid("left", layers.left), right: drawGrid("right", layers.right) };
    // The marks sit over the cells, under the heatmap and the numbers.
    marks = {
      step: { left: el("g", { class: "marks" }, layers.left), right: el("g", { class: "marks" }, layers.right) },
      probe: { left: el("g", { class: "marks" }, layers.left), right: el("g", { class: "marks" }, layers.right) },
    };
    // A 3-D layer's counts are not drawn over its slices.
    const heat = Boolean(overlapOn && data.overlap);
    svg.classList.toggle("overlapping", heat);
    if (heat) drawOverlap(layers.right);
    windowRect = el("rect", { class: "window", width: 0, height: 0 }, svg);
    windowGroup = el("g", { class: "windows" }, svg);
    // The current cell's outline matches the window's: the pair is told apart without colour.
    currentRect = el("rect", { class: "current-mark", width: 0, height: 0 }, svg);
    tapLabels = [];
    if (numbers) drawNumbers(layers);
    markEditable();

    current = -1;
    scheduleFit();
    if (refocus) focusUnit(refocus);
  }

  /** `group`'s marks, one per cell of `list`: `classOf(cell)` its classes, `attrOf(cell)`
   * its index attribute ([name, value]). The group's rects are reused, so a step changes as
   * many nodes as it marks cells. */
  function placeMarks(group, side, list, classOf, attrOf) {
    const nodes = group.children;
    list.forEach((cell, i) => {
      const node = nodes[i] ?? el("rect", { width: CELL, height: CELL }, group);
      const { x, y } = cellBox(origin[side], cell);
      node.setAttribute("x", x);
      node.setAttribute("y", y);
      node.setAttribute("class", classOf(cell));
      const [name, value] = attrOf(cell);
      delete node.dataset.step;
      delete node.dataset.cell;
      node.dataset[name] = value;
    });
    while (nodes.length > list.length) nodes[nodes.length - 1].remove();
  }

  /** A cell's index attribute: a pin cell's step, else the cell's index on its side. */
  const indexOf = (side) => (cell) =>
    [side === scene.pinSide ? "step" : "cell", cellIndex(scene, side, cell)];

  // fit() measures the drawing, which costs a layout: done once, in the frame that paints
  // the redraw (before its paint), rather than forced in the middle of a drag's input event.
  let fitting = false;
  function scheduleFit() {
    if (fitting) return;
    fitting = true;
    requestAnimationFrame(() => {
      fitting = false;
      fit();
    });
  }

  /** The figure's scale: screen px per SVG unit (0 while it is not laid out). */
  function scaleNow() {
    const box = svg.getBoundingClientRect();
    // A figure squeezed to nothing (hidden, or no room left) has no text to fit.
    const m = box.width >= 1 && box.height >= 1 ? svg.getScreenCTM() : null;
    return m ? Math.hypot(m.a, m.b) : 0;
  }

  /** Every text at least LEAST_PX on screen, whatever the figure's scale: a grid label is
   * set larger (the viewBox grows to hold it, the cells stay put); a number or weight is set
   * larger as far as its cell holds it, else not printed: its cell's value is then read in
   * the caption on hover, tap or focus, and `unread` says so. Runs on a redraw and when the
   * figure's box changes size, never on a step. */
  function fit() {
    if (!data) return;
    svg.setAttribute("viewBox", baseBox.join(" "));
    const ats = [labelAt(origin.left), labelAt(origin.right)];
    labels.forEach((node, i) => {
      node.style.fontSize = "";
      node.setAttribute("y", ats[i].y);
    });
    let scale = scaleNow();
    if (!scale) return;
    // The page's CSS may ask for more than the least: presentation mode's --least-text for
    // every text, and --least-label for the grid labels, which have the room.
    const style = getComputedStyle(svg);
    const asked = (name) => parseFloat(style.getPropertyValue(name)) || 0;
    const least = Math.max(LEAST_PX, asked("--least-text"));
    const leastLabel = Math.max(least, asked("--least-label"));
    holdLabels();
    let size = parseFloat(getComputedStyle(labels[0]).fontSize);
    for (let pass = 0; pass < FIT_PASSES && size * scale < leastLabel; pass++) {
      size = (HAIR * leastLabel) / scale;
      placeLabels(size);
      scale = scaleNow();
    }
    scrollable();
    // A slice's depth reads like a grid label; the room under the slices holds it.
    for (const node of svg.querySelectorAll(".slice-label")) {
      node.style.fontSize = `${Math.max(16, (HAIR * least) / scale)}px`;
    }
    fitNumbers(scale, least);
  }

  /** A strip or row of slices wider than its box scrolls: the keyboard reaches it too. */
  function scrollable() {
    const wrap = svg.parentElement;
    if (stacked && wrap.scrollWidth > wrap.clientWidth) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", t("figure.scroll_region"));
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) wrap.removeAttribute(name);
    }
  }

  /** Grid labels at `size` SVG units, the right one raised a line if the left one would run
   * into it; the viewBox grows to hold them. */
  function placeLabels(size) {
    const ats = [labelAt(origin.left), labelAt(origin.right)];
    labels.forEach((node, i) => {
      node.style.fontSize = `${size}px`;
      node.setAttribute("y", ats[i].y);
    });
    const [left, right] = labels.map((node) => node.getBBox());
    // Stacked grids' labels are on lines of their own.
    if (!stacked && left.x + left.width + CELL / 4 > right.x) {
      labels[1].setAttribute("y", Math.min(ats[0].y, ats[1].y) - 1.2 * size);
    }
    holdLabels();
  }

  /** The viewBox grown to hold both labels as drawn (their font's own widths: a layout's
   * estimate may fall short of Hangul). */
  function holdLabels() {
    const boxes = labels.map((node) => node.getBBox());
    const [x0, y0, w0, h0] = baseBox;
    const top = Math.min(y0, ...boxes.map((b) => b.y - 4));
    const right0 = Math.max(x0 + w0, ...boxes.map((b) => b.x + b.width + 4));
    svg.setAttribute("viewBox", `${x0} ${top} ${right0 - x0} ${y0 + h0 - top}`);
  }

  function fitNumbers(scale, least) {
    // A grid drawn as a picture prints no numbers: the caption reads them.
    let hidden = numbers && !(drawn.left && drawn.right);
    const bases = new Map();
    for (const entry of printed) {
      const { node, className } = entry;
      node.style.fontSize = "";
      if (!bases.has(className)) bases.set(className, parseFloat(getComputedStyle(node).fontSize));
      const size = readableSize(entry.text, entry.room, bases.get(className), entry.cap, scale, HAIR * least);
      node.classList.toggle("unread", size === null);
      if (size !== null) node.style.fontSize = `${size}px`;
      hidden ||= size === null;
    }
    svg.classList.toggle("some-unread", hidden);
    if (unread) unread.hidden = !hidden;
  }

  // A new size of the figure's box (a resized window, presentation mode, a phone turned)
  // fits its text again; the same width, window height and mode leave it be (fit() itself
  // changes the box's height).
  let lastBox = "";
  new ResizeObserver(() => {
    const box = `${svg.parentElement.clientWidth}x${window.innerHeight} ${document.body.className}`;
    if (box === lastBox) return;
    lastBox = box;
    fit();
  }).observe(svg.parentElement);
  // Labels are measured in the font they are drawn in: a font that arrives late (Hangul, on
  // a first visit) is wider than its fallback, so the labels are fitted again.
  document.fonts?.addEventListener("loadingdone", () => fit());

  /** With numbers on, the input units take clicks, taps and the keyboard; one at a time is
   * in the tab order (the last one focused). The figure is then a group of such cells. */
  function markEditable() {
    units = new Map();
    // A grid drawn as a picture prints no numbers: its values are read in the caption.
    // A 3-D layer takes no numbers of one's own (the engine refuses them).
    const editable = Boolean(onEdit && numbers && drawn.left && !scene.volume);
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

  /** A number or weight; fit() sets its size: it never runs past `room` SVG units (a
   * learner's 123456.5 is set smaller rather than over its neighbours), nor under LEAST_PX. */
  function printedLabel(at, text, className, parent, room, cap) {
    const node = label(at, text, className, parent);
    printed.push({ node, text, room, cap, className: className.split(" ")[0] });
    return node;
  }

  // Chapter-1 style: values in the cells, and the kernel's weights as small numbers in the
  // corner of the cells it covers (placed by show()).
  function drawNumbers(layers) {
    for (const side of ["left", "right"]) {
      if (!drawn[side]) continue;
      for (const { cell, kind, text } of cellNumbers(scene, side)) {
        printedLabel(numberAt(origin[side], cell), text, `num ${kind}`, layers[side], NUM_ROOM, NUM_CAP);
      }
    }
    // A weight keeps to the cell's bottom-right third, clear of the number above it.
    if (!drawn[data.canvas ? "right" : "left"]) return;
    tapLabels = tapNumbers(scene).map((text) => printedLabel({ x: 0, y: 0 }, text, "tap", svg, TAP_ROOM, TAP_CAP));
  }

  /** The output cells (the canvas's output region in the scatter view) shaded by how many
   * kernel copies add up in each, the count printed as a number is: in the cell's middle, or
   * in its corner beside the cell's value when numbers are shown. */
  function drawOverlap(layer) {
    const { counts } = data.overlap;
    const values = countValues(counts);
    const [low, high] = [values[0], values[values.length - 1]];
    const { top, left } = data.canvas?.offset ?? { top: 0, left: 0 };
    const heat = el("g", { class: "heat" }, layer);
    if (scene.volume) {
      // A volume's counts (od×oh×ow) on its output's slices, or the canvas's output region.
      const { front = 0 } = data.canvas?.offset ?? {};
      const row = scene.volume.right;
      const slices = [];
      counts.forEach((slice, z) => slice.forEach((line, r) => line.forEach((count, c) => {
        slices.push([row.toPlane([z + front, r + top, c + left]), count]);
      })));
      for (const [cell, count] of slices) {
        el("rect", { ...cellBox(origin.right, cell), class: "heat-cell", fill: heatColour(count, low, high) }, heat);
        if (drawn.right && !numbers) {
          printedLabel(numberAt(origin.right, cell), String(count), "heat-count", heat, NUM_ROOM, NUM_CAP);
        }
      }
      return;
    }
    if (!drawn.right) {
      // Too many cells to print a count in: the picture's shades, the caption's numbers.
      const shades = new Map(values.map((count) => [count, rgba(heatColour(count, low, high))]));
      picture("right", heat, {
        shape: [counts.length, counts[0].length], offset: [top, left],
        fillAt: (r, c) => shades.get(counts[r][c]),
      });
      return;
    }
    counts.forEach((row, r) => row.forEach((count, c) => {
      const cell = [r + top, c + left];
      el("rect", { ...cellBox(origin.right, cell), class: "heat-cell", fill: heatColour(count, low, high) }, heat);
      if (numbers) printedLabel(cornerAt(origin.right, cell), String(count), "heat-corner", heat, TAP_ROOM, TAP_CAP);
      else printedLabel(numberAt(origin.right, cell), String(count), "heat-count", heat, NUM_ROOM, NUM_CAP);
    }));
  }

  /** The kernel copies adding up in the right grid's cell [r, c], while the heatmap shows
   * them; null elsewhere. */
  function countAt(side, [r, c]) {
    if (!overlapOn || !data.overlap || side !== "right") return null;
    const { front = 0, top, left } = data.canvas?.offset ?? { top: 0, left: 0 };
    if (scene.volume) {
      const cell = scene.real(side, [r, c]);
      return cell ? data.overlap.counts[cell[0] - front]?.[cell[1] - top]?.[cell[2] - left] ?? null : null;
    }
    return data.overlap.counts[r - top]?.[c - left] ?? null;
  }

  /** `said` with the count of kernel copies in `side`'s cell, where the heatmap shows one:
   * the caption reads it where the cell is too small to print it. */
  function withCount(said, side, cell) {
    const count = countAt(side, cell);
    if (count === null) return said;
    // A caption written as an equation ("… = 3") ends its sentence before the count's.
    const ended = /[.!?]$/.test(said) ? said : `${said}.`;
    return `${ended} ${count === 1 ? t("overlap.cell_one") : t("overlap.cell", { n: count })}`;
  }

  function show(n) {
    if (!data) return;
    const shaded = shadedAt(scene, n);
    const pin = shaded.current;
    const same = ([r, c]) => r === pin[0] && c === pin[1];
    for (const side of ["left", "right"]) {
      const kindAt = scene[side].kindAt;
      const pinning = side === scene.pinSide;
      placeMarks(marks.step[side], side, shaded[side],
        (cell) => `cell ${kindAt(...cell)} on${pinning && same(cell) ? " current" : ""}`, indexOf(side));
    }
    const currentBox = cellBox(origin[scene.pinSide], pin);
    for (const [key, value] of Object.entries(currentBox)) currentRect.setAttribute(key, value);
    const [side, box] = shaded.window;
    for (const [key, value] of Object.entries(windowBox(origin[side], box))) {
      windowRect.setAttribute(key, value);
    }
    if (shaded.windows) showSlices(shaded);
    if (stacked) follow(shaded.windows ?? [shaded.window]);
    current = n;
    if (tapLabels.length) {
      const [tapSide, tapCells] = shaded.taps;
      tapCells.forEach((cell, j) => {
        const { x, y } = tapAt(origin[tapSide], cell);
        tapLabels[j]?.setAttribute("x", x);
        tapLabels[j]?.setAttribute("y", y);
      });
    }
    caption.textContent = stepText(n);
  }

  /** A strip or row of slices wider than the screen scrolls so the step's windows show: all
   * the slices the kernel reaches where they fit in the box, else the first of them. */
  function follow(windows) {
    const wrap = svg.parentElement;
    if (wrap.scrollWidth <= wrap.clientWidth) return;
    const scale = wrap.scrollWidth / baseBox[2];
    const spans = windows.map(([side, box]) => {
      const { x, width } = windowBox(origin[side], box);
      const start = (x - baseBox[0]) * scale;
      return [start, start + width * scale];
    });
    const left = Math.min(...spans.map(([start]) => start));
    const right = Math.max(...spans.map(([, end]) => end));
    if (left < wrap.scrollLeft || right > wrap.scrollLeft + wrap.clientWidth) {
      const fits = right - left <= wrap.clientWidth;
      wrap.scrollLeft = Math.max(0, fits ? (left + right) / 2 - wrap.clientWidth / 2 : left);
    }
  }

  /** A 3-D step: the plane's window on each further slice the kernel reaches (the first is
   * the window rect's), and those slices lit with the output's current slice. */
  function showSlices(shaded) {
    const extra = shaded.windows.slice(1);
    const nodes = windowGroup.children;
    extra.forEach(([side, box], j) => {
      const node = nodes[j] ?? el("rect", { class: "window" }, windowGroup);
      for (const [key, value] of Object.entries(windowBox(origin[side], box))) node.setAttribute(key, value);
    });
    while (nodes.length > extra.length) nodes[nodes.length - 1].remove();
    for (const side of ["left", "right"]) {
      const lit = new Set(shaded.slices[side]);
      sliceMarks[side].forEach(({ outline, name }, z) => {
        outline.classList.toggle("on", lit.has(z));
        name.classList.toggle("on", lit.has(z));
      });
    }
  }

  /** Step `n`'s caption, with its output cell's count of kernel copies if shown. */
  function stepText(n) {
    return withCount(stepCaption(data, n, numbers, t), scene.pinSide, shadedAt(scene, n).current);
  }

  /** The caption of a probed cell; with numbers on it reads the cell's value first (the one
   * place it is read where the cell is too small to print it). */
  function probeText(side, [r, c], n) {
    // A 3-D layer's cell is said where it is in the volume.
    const said = withCount(probeCaption(data, scene.real?.(side, [r, c]) ?? [r, c], n, t), side, [r, c]);
    const grid = scene[side];
    if (!numbers || scene.volume || !grid.valueKinds.includes(grid.kindAt(r, c))) return said;
    return `${t("figure.cell_value", { r, c, value: formatValue(grid.values[r][c]) })} ${said}`;
  }

  /** Light the probed side's cell `index` and the pin cells of every step it touches (null:
   * none, the step's caption back). */
  function probe(index) {
    if (!data) return;
    const side = scene.probeSide;
    if (index === null) {
      hovered = "";
      placeMarks(marks.probe.left, "left", [], null, null);
      placeMarks(marks.probe.right, "right", [], null, null);
      if (current >= 0) caption.textContent = stepText(current);
      return;
    }
    const cell = cellAt(scene, side, index);
    const steps = feedsAt(scene, cell);
    const kindAt = scene[side].kindAt;
    placeMarks(marks.probe[side], side, [cell], () => `cell ${kindAt(...cell)} probe outline`, indexOf(side));
    const pinSide = scene.pinSide;
    placeMarks(marks.probe[pinSide], pinSide, pinsOf(scene, steps),
      (pin) => `cell ${scene[pinSide].kindAt(...pin)} feeds outline`, indexOf(pinSide));
    caption.textContent = probeText(side, cell, steps.length);
  }

  /** The grid cell under a pointer event: { side, index }, or null off the grids. */
  function cellUnder(event) {
    const matrix = svg.getScreenCTM();
    if (!scene || !matrix) return null;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    for (const side of ["left", "right"]) {
      const [h, w] = scene[side].shape;
      const [x0, y0] = origin[side];
      const r = Math.floor((point.y - y0) / CELL);
      const c = Math.floor((point.x - x0) / CELL);
      if (r >= 0 && r < h && c >= 0 && c < w && scene[side].kindAt(r, c) !== "gap") {
        return { side, index: cellIndex(scene, side, [r, c]) };
      }
    }
    return null;
  }

  /** A pointer over a cell: a pin cell selects its step, a probed cell lights what it
   * touches; a move within the same cell does nothing. */
  function pointAt(event) {
    const hit = cellUnder(event);
    const key = hit ? `${hit.side} ${hit.index}` : "";
    if (key === hovered) return;
    hovered = key;
    if (!hit) return;
    if (hit.side === scene.pinSide) onPin(hit.index);
    else probe(hit.index);
  }

  svg.addEventListener("pointerover", (event) => {
    // A touch starts over its cell afresh (a second tap on it lights it again).
    if (event.pointerType === "touch") hovered = "";
    pointAt(event);
  });
  svg.addEventListener("pointermove", pointAt);
  svg.addEventListener("click", (event) => {
    const hit = cellUnder(event);
    if (hit?.side === scene.pinSide) onPin(hit.index);
    const unit = unitOf(event.target);
    if (unit) {
      focusedUnit = unit;
      onEdit({ unit, node: event.target });
    }
  });
  svg.addEventListener("focusin", (event) => {
    const unit = unitOf(event.target);
    if (unit) focusedUnit = unit;
    if (event.target.dataset?.cell !== undefined) probe(Number(event.target.dataset.cell));
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
  // A finger leaves the figure as soon as it lifts: what a tap lit stays lit until the next
  // tap elsewhere (on the page, or on the figure off its probed cells).
  svg.addEventListener("pointerleave", (event) => {
    if (event.pointerType !== "touch") probe(null);
  });
  svg.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "touch" && cellUnder(event)?.side !== scene?.probeSide) probe(null);
  });
  document.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "touch" && !svg.contains(event.target)) probe(null);
  });

  /** Numbers on or off, the current figure redrawn at the same step; `redraw` false when a
   * new figure is about to be drawn anyway (a preset): redrawing the old one first cost a
   * large grid a quarter of a second. */
  function setNumbers(on, redraw = true) {
    numbers = on;
    svg.classList.toggle("numbers", on);
    if (!data || !redraw) return;
    const step = current;
    render(data);
    if (step >= 0) show(step);
  }

  /** The overlap heatmap on or off: redraws the current figure at the same step. */
  function setOverlap(on) {
    overlapOn = on;
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
    render, show, probe, setNumbers, setOverlap, focusUnit, narrate,
    /** The node showing input unit `unit`, if drawn. */
    unitNode: (unit) => units.get(unitKey(unit)) ?? null,
    get steps() { return data ? data.frames.length : 0; },
  };
}
