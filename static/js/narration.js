// A step of the figure in words, for a screen reader's live region: which output the step
// computes and from which rows and columns of the grid (or, in the scatter view, where an
// input unit's kernel copy lands). Messages come through `t`, so nothing here reads the page.
import { cellAtText } from "./captions.js";

/** Sorted distinct numbers written as a range when they run without gaps ("2–4"), else
 * listed ("0, 2, 4": a dilated kernel's taps skip rows). */
export function spanText(numbers) {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs = sorted.every((n, i) => i === 0 || n === sorted[i - 1] + 1);
  if (runs && sorted.length > 1) return `${sorted[0]}–${sorted.at(-1)}`;
  return sorted.join(", ");
}

/** The row and column parts of `cells` ([r, c] each): one row or column in the singular. */
function planeParts(cells, t) {
  const rows = [...new Set(cells.map(([r]) => r))];
  const cols = [...new Set(cells.map(([, c]) => c))];
  return {
    rows: rows.length === 1 ? t("narration.row", { n: rows[0] }) : t("narration.rows", { span: spanText(rows) }),
    cols: cols.length === 1 ? t("narration.col", { n: cols[0] }) : t("narration.cols", { span: spanText(cols) }),
  };
}

/** "rows 2–4, columns 0–2" for `cells`; one row or column is said in the singular. A 1-D
 * layer's ([0, c]) are positions; a 3-D layer's ([z, r, c]) name their depths first. */
export function cellsText(cells, t, dims = 2) {
  if (dims === 1) {
    const cols = [...new Set(cells.map(([, c]) => c))];
    return cols.length === 1 ? t("narration.position", { n: cols[0] })
      : t("narration.positions", { span: spanText(cols) });
  }
  if (dims === 3) {
    const zs = [...new Set(cells.map(([z]) => z))];
    const slices = zs.length === 1 ? t("narration.slice", { n: zs[0] })
      : t("narration.slices", { span: spanText(zs) });
    return t("narration.cells_3d", { slices, ...planeParts(cells.map(([, r, c]) => [r, c]), t) });
  }
  return t("narration.cells", planeParts(cells, t));
}

// A 1-D or 3-D layer's step says its output's place its own way ("4", "(z, r, c)").
const PLACED = {
  "narration.sum": "narration.sum_at",
  "narration.transpose": "narration.transpose_at",
  "narration.max": "narration.max_at",
  "narration.mean": "narration.mean_at",
};

/** The catalogue key of a direct-view step: what the output is of the cells it reads. */
function directKey(data) {
  if (data.op === "maxpool") return "narration.max";
  if (data.op === "avgpool") return "narration.mean";
  // A transposed convolution's direct view: the flipped kernel over the stretched input.
  if (data.transpose) return "narration.transpose";
  return "narration.sum";
}

/** Step `step` (0-based) of `data`'s frames in words, in the page's language. */
export function narration(data, step, t) {
  const frame = data.frames[step];
  const dims = data.params?.dims ?? 2;
  const where = cellsText(frame.cells, t, dims);
  const at = { step: step + 1, total: data.frames.length };
  if (data.canvas) {
    const [r, c] = frame.input;
    const kept = frame.cells
      .filter((cell) => cell.reduce((rows, i) => rows[i], data.canvas.kinds) === "output").length;
    if (dims !== 2) {
      const place = cellAtText(data, frame.input);
      return t("narration.scatter_at", { ...at, at: place, cells: where, n: frame.cells.length, kept });
    }
    return t("narration.scatter", { ...at, r, c, cells: where, n: frame.cells.length, kept });
  }
  if (dims !== 2) {
    const place = cellAtText(data, frame.output);
    return t(PLACED[directKey(data)], { ...at, at: place, cells: where });
  }
  const [r, c] = frame.output;
  return t(directKey(data), { ...at, r, c, cells: where });
}
