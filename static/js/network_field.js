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

/** Both axes of output cell [row, col] of `layer` (an answer's layer with a field) on an
 * input of [height, width] cells; null where the layer reports no field. */
export function fieldBox(layer, [row, col], [height, width]) {
  if (!layer.receptive_field) return null;
  const [rh, rw] = layer.receptive_field;
  const [jh, jw] = layer.jump;
  const [sh, sw] = layer.start;
  return { rows: fieldAxis(sh, rh, jh, row, height), cols: fieldAxis(sw, rw, jw, col, width) };
}

/** The output cell's default: the middle of the layer's output. */
export function middleCell(layer) {
  const [, h, w] = layer.output_shape;
  return [Math.floor((h - 1) / 2), Math.floor((w - 1) / 2)];
}

// Grid lines are drawn only where cells are at least this many pixels apart.
const MIN_GRID_PX = 4;

/** The picture: the input grid scaled to fit `width`×`maxHeight` pixels, widened to show
 * the padding the field reaches into. Rectangles in pixels: `input`, `field` (the whole
 * field, padding included) and `inside` (its part on the input); `cell` is a cell's side. */
export function fieldLayout(box, [height, width], { width: px, maxHeight, margin = 2 }) {
  const top = box.rows.before;
  const left = box.cols.before;
  const rows = top + height + box.rows.after;
  const cols = left + width + box.cols.after;
  const cell = Math.min((px - 2 * margin) / cols, (maxHeight - 2 * margin) / rows);
  const rect = (r0, c0, r1, c1) => ({
    x: margin + (c0 + left) * cell,
    y: margin + (r0 + top) * cell,
    width: (c1 - c0 + 1) * cell,
    height: (r1 - r0 + 1) * cell,
  });
  const { rows: r, cols: c } = box;
  return {
    width: 2 * margin + cols * cell,
    height: 2 * margin + rows * cell,
    cell,
    input: rect(0, 0, height - 1, width - 1),
    field: rect(r.from, c.from, r.to, c.to),
    inside: rect(r.shownFrom, c.shownFrom, r.shownTo, c.shownTo),
    grid: cell >= MIN_GRID_PX,
  };
}
