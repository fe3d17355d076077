// Image mode's logic without the DOM (imagemode.js draws it): which kernel a picture is
// filtered with, the /api/filter query from the figure's, the patch a click picks and the
// figure's state that patch becomes, and the sentences under the pictures.
import { pairSize } from "./format.js";
import { matrixText } from "./values.js";

/** The figure's parameters /api/filter reads (app/web/filter.py's CONFIG_NAMES), in its
 * order; the operation is always a convolution and the input size the picture's. */
export const FILTER_NAMES = ["k", "s", "p", "d", "w", "padding_mode"];

/** A patch is at most this many pixels a side, so its numbers stay readable in the figure. */
export const PATCH_MAX = 8;

/** The kernel image mode filters with, from the figure's answer: `source` says where its
 * weights come from ("preset", "own", "figure": the paper's or the seed's numbers), or why
 * there are none ("not_conv": the figure is not a convolution; "unknown": a figure too
 * large to draw has no numbers). `w` is /api/filter's w. */
export function imageKernel(answer, presets) {
  if (answer.op !== "conv") return { w: null, source: "not_conv" };
  const own = answer.params.w;
  if (typeof own === "string") return { w: own, source: presets.includes(own) ? "preset" : "own" };
  const rows = answer.values?.kernel;
  return rows ? { w: matrixText(rows), source: "figure" } : { w: null, source: "unknown" };
}

/** The /api/filter query: the figure's canonical `query` (state.js's toQuery) narrowed to
 * what a filter reads, with kernel `w` if given (null: none, the filter's identity), then
 * the picture and display settings (defaults left out). A sample's query is also its
 * cache key. */
export function filterQuery(query, { w, sample = null, scale = "auto", show = "output" } = {}) {
  const given = new Map();
  for (const part of query.split("&")) {
    const at = part.indexOf("=");
    if (at > 0) given.set(part.slice(0, at), part.slice(at + 1));
  }
  if (w) given.set("w", w);
  else if (w === null) given.delete("w");
  const parts = [];
  if (sample) parts.push(`sample=${encodeURIComponent(sample)}`);
  for (const name of FILTER_NAMES) {
    if (given.has(name)) parts.push(`${name}=${given.get(name)}`);
  }
  if (scale !== "auto") parts.push(`scale=${scale}`);
  if (show !== "output") parts.push(`show=${show}`);
  return parts.join("&");
}

/** The patch's size for a kernel: its extent d(k − 1) + 1 plus two strides, so the figure
 * slides it over a few positions each way; at most PATCH_MAX and the picture. */
export function patchSize({ k, d, s }, [height, width]) {
  const side = (axis, limit) => {
    const extent = d[axis] * (k[axis] - 1) + 1;
    return Math.max(1, Math.min(PATCH_MAX, extent + 2 * s[axis], limit));
  };
  return [side(0, height), side(1, width)];
}

/** The patch of `size` around pixel `center` [row, col], moved inside the picture where
 * it would cross an edge: {top, left, height, width}. */
export function patchBounds([row, col], [ph, pw], [height, width]) {
  const h = Math.min(ph, height);
  const w = Math.min(pw, width);
  const clamp = (value, high) => Math.max(0, Math.min(value, high));
  return {
    top: clamp(row - Math.floor((h - 1) / 2), height - h),
    left: clamp(col - Math.floor((w - 1) / 2), width - w),
    height: h,
    width: w,
  };
}

const MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
/** How far Shift+arrow moves the patch, in pixels. */
export const BIG_MOVE = 16;

/** The patch's centre after a key (`big`: Shift held), kept on the picture; null for a key
 * that does not move it. */
export function moveCenter([row, col], key, big, [height, width]) {
  const move = MOVES[key];
  if (!move) return null;
  const step = big ? BIG_MOVE : 1;
  const clamp = (value, high) => Math.max(0, Math.min(value, high - 1));
  return [clamp(row + move[0] * step, height), clamp(col + move[1] * step, width)];
}

/** The pixel under a point `x`, `y` of a picture drawn `shown` [w, h] CSS pixels for its
 * `natural` [w, h] pixels: [row, col]. */
export function pixelAt(x, y, [shownW, shownH], [naturalW, naturalH]) {
  const col = Math.floor((x * naturalW) / shownW);
  const row = Math.floor((y * naturalH) / shownH);
  return [Math.max(0, Math.min(row, naturalH - 1)), Math.max(0, Math.min(col, naturalW - 1))];
}

/** The patch's grey levels as rows, from the picture's `grey` levels (row-major, `width`
 * a row). */
export function patchRows(grey, width, { top, left, height, width: w }) {
  const rows = [];
  for (let r = top; r < top + height; r++) {
    rows.push(Array.from(grey.subarray(r * width + left, r * width + left + w)));
  }
  return rows;
}

/** The figure's state showing a patch: its values are the input x, its size the input
 * size i (the operation is set to convolution by the caller, with state.js's switchOp). */
export function patchState(state, rows) {
  return { ...state, i: [rows.length, rows[0].length], x: matrixText(rows) };
}

/** A size header ("127x127", HxW) as [h, w], or null. */
export function parseSize(text) {
  const match = /^(\d+)x(\d+)$/.exec(text ?? "");
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** The words under the input picture: its size, and an upload's original size if it was
 * shrunk (`scaled`, from X-Input-Scaled; else null). */
export function inputCaptions(size, scaled, t) {
  return {
    input: t("image.input_caption", { h: size[0], w: size[1] }),
    scaled: scaled ? t("image.scaled", { original: pairSize(scaled), size: pairSize(size) }) : null,
  };
}

/** The words under the kernel and the result and the sentences below them, from the
 * answer's headers (`input`, `output`: sizes; `shown`: X-Display-Scale) and the kernel's
 * size `k` and dilation `d`. */
export function resultCaptions({ input, output, shown }, { k, d }, t) {
  const [kh, kw] = k;
  const [eh, ew] = [d[0] * (kh - 1) + 1, d[1] * (kw - 1) + 1];
  const dilated = eh !== kh || ew !== kw;
  const shownKeys = {
    clip: "image.shown.clip", abs: "image.shown.abs", normalize: "image.shown.normalize",
  };
  return {
    kernel: dilated
      ? t("image.kernel_dilated", { h: kh, w: kw, eh, ew })
      : t("image.kernel_caption", { h: kh, w: kw }),
    output: t("image.output_caption", { h: output[0], w: output[1] }),
    change: t("image.change", { input: pairSize(input), output: pairSize(output) }),
    shown: shownKeys[shown] ? t(shownKeys[shown]) : "",
  };
}

/** Why a chosen file is not sent (the server refuses it too), or null: over `maxBytes`. */
export function fileProblem(file, { maxBytes, maxMb }, t) {
  if (file.size <= maxBytes) return null;
  return t("image.too_large", { size: (file.size / 2 ** 20).toFixed(1), limit: maxMb });
}

/** The patch's rows and columns as people count them (from 0, as PyTorch indexes). */
export function patchWords({ top, left, height, width }) {
  return { r0: top, r1: top + height - 1, c0: left, c1: left + width - 1, h: height, w: width };
}
