// Where the figure's grids sit: in SVG units, cells CELL wide, the right grid a gap after
// the left one (or its label, if longer), both centred vertically on each other.
export const CELL = 40;
const GAP = 2 * CELL;
const TOP = 36;
// Room for a label, at ~0.6 em per character of the 22-unit font, a full em for a Hangul
// (or other CJK) letter.
const WIDE = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff]/;
const labelWidth = (text) => Math.ceil([...text].reduce((em, ch) => em + (WIDE.test(ch) ? 1 : 0.6), 0) * 22);

/** Rows and columns `side` reaches: a window may hang past its grid (ceil_mode). The last
 * step's window reaches furthest (frames run row-major, their origins only grow). */
function reach(scene, side) {
  const last = scene.count ? scene.stepAt(scene.count - 1).window : null;
  const box = last && last[0] === side ? last[1] : [0, 0, -1, -1];
  return [Math.max(scene[side].shape[0], box[2] + 1), Math.max(scene[side].shape[1], box[3] + 1)];
}

// A row of depth slices has each slice's name under it.
const SLICE_LABEL = 48;

/** Stacked (a 1-D layer's strips, a 3-D layer's rows of slices): the output under the
 * grid, both from the left edge, each with its label above it (and its slices' below). */
function stackedLayout(scene) {
  const [leftR, leftC] = reach(scene, "left");
  const [rightR, rightC] = reach(scene, "right");
  const under = scene.volume ? SLICE_LABEL : 0;
  // Room for the output's label, which a narrow screen sets larger (draw.js's fit()).
  const rightY = TOP + leftR * CELL + under + 2 * TOP;
  const width = Math.max(leftC * CELL, rightC * CELL, labelWidth(scene.left.label), labelWidth(scene.right.label));
  return {
    viewBox: `-4 0 ${width + 8} ${rightY + rightR * CELL + under + 4}`,
    origin: { left: [0, TOP], right: [0, rightY] },
    stacked: true,
  };
}

/** Where slice z's name sits: under the slice's first column. */
export function sliceLabelAt([x0, y0], rows, x) {
  return { x: x0 + x * CELL, y: y0 + rows * CELL + SLICE_LABEL - 8 };
}

/** The figure's viewBox and each grid's top-left corner. */
export function layoutOf(scene) {
  if (scene.stacked) return stackedLayout(scene);
  const [, rw] = scene.right.shape;
  const [leftR, leftC] = reach(scene, "left");
  const [rightR] = reach(scene, "right");
  const height = Math.max(leftR, rightR) * CELL;
  const leftY = TOP + Math.max(0, (rightR - leftR) * CELL) / 2;
  const rightY = TOP + Math.max(0, (leftR - rightR) * CELL) / 2;
  const leftExtent = Math.max(leftC * CELL, labelWidth(scene.left.label));
  const rightX = leftExtent + GAP;
  const width = rightX + Math.max(rw * CELL, labelWidth(scene.right.label));
  return {
    viewBox: `-4 0 ${width + 8} ${TOP + height + 4}`,
    origin: { left: [0, leftY], right: [rightX, rightY] },
  };
}

/** The square of cell [r, c] of a grid whose corner is `origin`. */
export function cellBox([x0, y0], [r, c]) {
  return { x: x0 + c * CELL, y: y0 + r * CELL, width: CELL, height: CELL };
}

/** The rectangle around cells [top, left] to [bottom, right]. */
export function windowBox([x0, y0], [top, left, bottom, right]) {
  return {
    x: x0 + left * CELL, y: y0 + top * CELL,
    width: (right - left + 1) * CELL, height: (bottom - top + 1) * CELL,
  };
}

/** Where a grid's label sits: above its corner. */
export function labelAt([x0, y0]) {
  return { x: x0, y: y0 - 12 };
}

/** The font size (at most `size`) at which `text` fits in `room` SVG units, at ~0.6 em a
 * character as the figure's sans-serif digits are. */
export function fittedSize(text, room, size) {
  return Math.min(size, Math.floor((10 * room) / (0.6 * text.length)) / 10);
}

/** The least type on screen, in CSS px: a label, number or weight smaller than this is
 * set larger or not drawn at all (a phone, a large grid); the page's CSS may ask for more
 * (a projector's back row). */
export const LEAST_PX = 12;

/** The font size (SVG units) at which `text` reads at `scale` screen px per unit: its
 * fitted `size`, raised to `least` px on screen, but no larger than fits `room` at `cap`;
 * null when nothing between fits (the number is read elsewhere, not shrunk). */
export function readableSize(text, room, size, cap, scale, least = LEAST_PX) {
  const wanted = Math.max(fittedSize(text, room, size), least / scale);
  return wanted <= fittedSize(text, room, cap) ? wanted : null;
}

/** Where a cell's number sits: its centre. */
export function numberAt([x0, y0], [r, c]) {
  return { x: x0 + (c + 0.5) * CELL, y: y0 + (r + 0.5) * CELL };
}

/** Where a count sits beside a cell's number: its top-left corner. */
export function cornerAt([x0, y0], [r, c]) {
  return { x: x0 + c * CELL + 4, y: y0 + r * CELL + 4 };
}

/** Where a kernel weight sits: the bottom-right corner of the cell it covers. */
export function tapAt([x0, y0], [r, c]) {
  return { x: x0 + (c + 1) * CELL - 4, y: y0 + (r + 1) * CELL - 5 };
}
