// A chosen output cell's receptive field on the network's input: which input cells it spans
// per axis (from the layer's start, field and jump; Araujo et al.'s recurrences, computed by
// app/core/receptive.py), how much of it lies in padding, and the drawing's geometry. No DOM.

/** One axis: output cell `n`'s field spans input cells `from`..`to` (inclusive), centred on
 * start + n·jump; `shownFrom`..`shownTo` is the part inside an input of `size` cells, and
 * `before`/`after` count the cells that lie in padding. */
export function fieldAxis(start, field, jump, n, size) {
  const from = Math.round(start + n * jump - (field - 1) / 2);
  const to = from + field - 1;
  return {
    from,
    to,
    shownFrom: Math.max(0, from),
    shownTo: Math.min(size - 1, to),
    before: Math.max(0, -from),
    after: Math.max(0, to - (size - 1)),
  };
}

/** Every axis of output cell `cell` (one index per axis of the layer, depth first) of
 * `layer` (an answer's layer with a field) on an input of `sizes` cells; null where the layer
 * reports no field. */
export function fieldAxes(layer, cell, sizes) {
  if (!layer.receptive_field) return null;
  return layer.receptive_field.map((r, n) => fieldAxis(layer.start[n], r, layer.jump[n], cell[n], sizes[n]));
}

// A 1-D input is drawn as a strip one row high: its rows axis is that single row.
const STRIP_ROW = fieldAxis(0, 1, 1, 0, 1);

/** The plane the picture draws: rows and columns of output cell `cell` (per axis, depth
 * first) — a 1-D layer's one row and its length, a 3-D layer's height and width (its depth
 * is said in the caption); null where the layer reports no field. */
export function fieldBox(layer, cell, sizes) {
  const axes = fieldAxes(layer, cell, sizes);
  if (!axes) return null;
  const [rows, cols] = axes.length === 1 ? [STRIP_ROW, axes[0]] : axes.slice(-2);
  return { rows, cols };
}

/** The output cell's default: the middle of the layer's output on every axis. */
export function middleCell(layer) {
  return layer.output_shape.slice(1).map((n) => Math.floor((n - 1) / 2));
}

// Grid lines are drawn only where cells are at least this many pixels apart.
const MIN_GRID_PX = 4;

// A strip (a 1-D input) is drawn at least this tall, however long it is.
const STRIP_HEIGHT = 28;

/** The picture: the input grid scaled to fit `width`×`maxHeight` pixels, widened to show
 * the padding the field reaches into. Rectangles in pixels: `input`, `field` (the whole
 * field, padding included) and `inside` (its part on the input); `cell` is a cell's width,
 * `cellHeight` its height (the same but in a strip, one row drawn at least STRIP_HEIGHT
 * tall so thousands of samples still show). */
export function fieldLayout(box, [height, width], { width: px, maxHeight, margin = 2 }) {
  const top = box.rows.before;
  const left = box.cols.before;
  const rows = top + height + box.rows.after;
  const cols = left + width + box.cols.after;
  const cell = Math.min((px - 2 * margin) / cols, (maxHeight - 2 * margin) / rows);
  const cellHeight = rows === 1 ? Math.max(cell, Math.min(STRIP_HEIGHT, maxHeight - 2 * margin)) : cell;
  const rect = (r0, c0, r1, c1) => ({
    x: margin + (c0 + left) * cell,
    y: margin + (r0 + top) * cellHeight,
    width: (c1 - c0 + 1) * cell,
    height: (r1 - r0 + 1) * cellHeight,
  });
  const { rows: r, cols: c } = box;
  return {
    width: 2 * margin + cols * cell,
    height: 2 * margin + rows * cellHeight,
    cell,
    cellHeight,
    input: rect(0, 0, height - 1, width - 1),
    field: rect(r.from, c.from, r.to, c.to),
    inside: rect(r.shownFrom, c.shownFrom, r.shownTo, c.shownTo),
    grid: cell >= MIN_GRID_PX,
  };
}
