// Which input channels each output channel reads, and where the channel panel draws them.
// PyTorch's grouping (Conv2d and ConvTranspose2d alike): the c_out output channels and the
// c_in input channels are each cut into g equal runs; output channel o is in group
// ⌊o / (c_out/g)⌋ and reads that group's input channels only, so the c_out × c_in connection
// matrix is block-diagonal. Pooling works channel by channel: as if g = c_out = c_in.
// No DOM here: channelpanel.js draws what these functions place.

/** At most this many slices, filters and matrix rows or columns are drawn. */
export const CAP = 16;

const POOLING = ["maxpool", "avgpool"];

/** The channel structure of operation `op` with `params`: counts, groups and how many
 * kernel slices each filter has (its depth). */
export function channelPlan(op, { c_in, c_out, g }) {
  if (POOLING.includes(op)) return { pooling: true, cIn: c_in, cOut: c_in, groups: c_in, depth: 1 };
  return { pooling: false, cIn: c_in, cOut: c_out, groups: g, depth: c_in / g };
}

/** Is there anything to show beyond the paper's single-channel figure? */
export function showsChannels(op, { c_in, c_out }) {
  return POOLING.includes(op) ? c_in > 1 : c_in > 1 || c_out > 1;
}

/** The group of output channel `o`. */
export function groupOf(plan, o) {
  return Math.floor(o / (plan.cOut / plan.groups));
}

/** The input channels output channel `o` reads: [first, end), end excluded. */
export function inputsOf(plan, o) {
  const first = groupOf(plan, o) * plan.depth;
  return [first, first + plan.depth];
}

/** The group input channel `c` belongs to. */
export function inputGroupOf(plan, c) {
  return Math.floor(c / plan.depth);
}

/** Does output channel `o` read input channel `c`? */
export function reads(plan, o, c) {
  const [first, end] = inputsOf(plan, o);
  return c >= first && c < end;
}

/** Every filled cell [o, c] of the connection matrix, row by row. */
/** How many matrix cells are filled, counted without listing them: c_out and c_in reach
 * 65,536, and the list would not fit in memory. */
export function filledCount(plan) {
  return plan.cOut * plan.depth;
}

export function filledCells(plan) {
  const cells = [];
  for (let o = 0; o < plan.cOut; o++) {
    const [first, end] = inputsOf(plan, o);
    for (let c = first; c < end; c++) cells.push([o, c]);
  }
  return cells;
}

/**
 * The run of `count` indices drawn when at most `cap` fit: pages of `cap`, the one holding
 * `focus` (so the run does not jump at every step), the last page ending at `count`.
 * `hidden` is how many are left out.
 */
export function visibleRun(count, focus, cap = CAP) {
  if (count <= cap) return { start: 0, end: count, hidden: 0 };
  const start = Math.min(Math.floor(focus / cap) * cap, count - cap);
  return { start, end: start + cap, hidden: count - cap };
}

// The panel's geometry, in SVG units: a column per input channel, a row per output channel.
export const COLUMN = 40;
export const SLICE = 32;
const FILTER_ROOM = 72;
const GAP = 12;
const TITLE_Y = 18;
const HEADER_Y = 40;
const KERNEL = 22;
const MAX_STACK_STEP = 6;
const OUTPUT_GAP = 28;
const MORE_ROOM = 30;
const FONT = 14;
// Room for a label, at ~0.6 em per character.
const labelWidth = (text) => Math.ceil(text.length * 0.6 * FONT);

/**
 * `n` slices of side `side` stacked up and to the right in a `room`-wide square whose
 * bottom-left corner is (x, y): back to front, the order they are drawn in. The step
 * shrinks so a deep stack still fits.
 */
export function stackOf(n, side, room, [x, y]) {
  const step = n > 1 ? Math.min(MAX_STACK_STEP, (room - side) / (n - 1)) : 0;
  const slices = [];
  for (let j = n - 1; j >= 0; j--) {
    slices.push({ index: j, x: x + j * step, y: y - side - j * step, size: side });
  }
  return slices;
}

/** A grid of `shape` [h, w] fitted, centred, in the square of side `size` at (x, y), and
 * the rectangle of `box` [top, left, bottom, right] (inclusive cells) on it. */
export function fitted([h, w], size, [x, y], box = null) {
  const unit = size / Math.max(h, w);
  const gx = x + (size - w * unit) / 2;
  const gy = y + (size - h * unit) / 2;
  const grid = { x: gx, y: gy, width: w * unit, height: h * unit };
  if (!box) return { grid, window: null };
  const [top, left, bottom, right] = box;
  return {
    grid,
    window: {
      x: gx + left * unit, y: gy + top * unit,
      width: (right - left + 1) * unit, height: (bottom - top + 1) * unit,
    },
  };
}

/** The rows and columns the input's units span on the drawn grid, [top, left, bottom,
 * right] (inclusive), from the grid's cell kinds; padding lies outside it. */
export function inputRegion(kinds) {
  let box = null;
  kinds.forEach((row, r) => row.forEach((kind, c) => {
    if (kind !== "input") return;
    box = box ? [Math.min(box[0], r), Math.min(box[1], c), Math.max(box[2], r), Math.max(box[3], c)]
      : [r, c, r, c];
  }));
  return box;
}

/**
 * Where everything of the panel sits with output channel `o` selected: the input slices
 * (a column each, lit where `o` reads them), the filters (a stack of kernel slices at the
 * start of each row), the matrix cells and the output slices (at the end of each row), the
 * runs of rows and columns drawn, and the viewBox. `labels` are the texts whose width counts:
 * {title, outputs, more}.
 */
export function panelLayout(plan, o, labels = { title: "", outputs: "", more: "" }) {
  const [first, end] = inputsOf(plan, o);
  const cols = visibleRun(plan.cIn, first);
  const rows = visibleRun(plan.cOut, o);
  const groupOfRow = groupOf(plan, o);
  const x0 = FILTER_ROOM + GAP;
  const y0 = HEADER_Y + SLICE + GAP;
  const inset = (COLUMN - SLICE) / 2;
  const nCols = cols.end - cols.start;
  const nRows = rows.end - rows.start;
  const matrixRight = x0 + nCols * COLUMN;
  const outputX = matrixRight + OUTPUT_GAP;

  const inputs = [];
  for (let c = cols.start; c < cols.end; c++) {
    const x = x0 + (c - cols.start) * COLUMN + inset;
    inputs.push({ channel: c, x, y: HEADER_Y, size: SLICE, group: inputGroupOf(plan, c),
      lit: c >= first && c < end });
  }
  const filters = [];
  const cells = [];
  const outputs = [];
  const depth = Math.min(plan.depth, CAP);
  for (let r = rows.start; r < rows.end; r++) {
    const y = y0 + (r - rows.start) * COLUMN;
    const current = r === o;
    const group = groupOf(plan, r);
    filters.push({
      channel: r, group, current, depth: plan.depth,
      slices: stackOf(depth, KERNEL, COLUMN - 4, [FILTER_ROOM - (COLUMN - 4), y + COLUMN - 2]),
    });
    for (let c = cols.start; c < cols.end; c++) {
      cells.push({ o: r, c, x: x0 + (c - cols.start) * COLUMN, y, size: COLUMN,
        filled: reads(plan, r, c), group, current });
    }
    outputs.push({ channel: r, x: outputX, y: y + inset, size: SLICE, group, current });
  }
  const more = {
    cols: cols.hidden ? { n: cols.hidden, x: matrixRight + 4, y: HEADER_Y + SLICE / 2 } : null,
    rows: rows.hidden ? { n: rows.hidden, x: x0, y: y0 + nRows * COLUMN + FONT + 4 } : null,
  };
  const bottom = y0 + nRows * COLUMN + (rows.hidden ? FONT + 10 : 4);
  const width = Math.max(
    outputX + SLICE + MORE_ROOM,
    x0 + labelWidth(labels.title),
    outputX + labelWidth(labels.outputs),
    cols.hidden ? matrixRight + 4 + labelWidth(labels.more) : 0,
  );
  return {
    cols, rows, inputs, filters, cells, outputs, more,
    group: groupOfRow,
    titleY: TITLE_Y,
    titleX: x0,
    headerY: HEADER_Y - 6,
    rowsHeaderY: y0 - 6,
    outputX,
    viewBox: `-4 0 ${width + 8} ${bottom + 4}`,
    width: width + 8,
  };
}
