// The overlap heatmap's words and colours: how many kernel copies a transposed convolution
// adds up in each output cell (the engine's `overlap`), and what to do about a checkerboard.
// No DOM here: draw.js shades the cells, main.js writes the sentence under the figure.

// The uneven axes in words, by the engine's names of them ("depth", "height", "width"; a
// strip's "length"), joined as they come, depth first.
const AXES = {
  length: "overlap.axis_length",
  depth: "overlap.axis_depth",
  height: "overlap.axis_height",
  width: "overlap.axis_width",
  "height,width": "overlap.axis_both",
  "depth,height": "overlap.axis_depth_height",
  "depth,width": "overlap.axis_depth_width",
  "depth,height,width": "overlap.axis_all",
};
// The ramp's ends: a light and a mid violet, both dark text's background (contrast ≥ 4.5).
const HUE = 275;
const SATURATION = 55;
const LIGHTEST = 97;
const DARKEST = 66;
// A parameter the canonical query leaves out holds its default.
const DEFAULTS = { p: "0", a: "0", d: "1" };

/** The distinct counts of `counts` (an output-shaped matrix), smallest first. */
export function countValues(counts) {
  return [...new Set(counts.flat(Infinity))].sort((x, y) => x - y);
}

/** Which sentence the overlap calls for: "even" (no checkerboard), "uneven" (the
 * checkerboard; a kernel size divisible by the stride mends it) or "holes" (some cells no
 * copy reaches and no kernel size mends it: a dilation sharing a factor with the stride). */
export function overlapKind({ counts, uneven, alternative }) {
  if (uneven.length === 0) return "even";
  if (alternative === null && countValues(counts)[0] === 0) return "holes";
  return "uneven";
}

/** The fill of a cell gathering `count` copies, on a ramp from `low` (lightest) to `high`. */
export function heatColour(count, low, high) {
  const share = high > low ? (count - low) / (high - low) : 0.5;
  const lightness = LIGHTEST - share * (LIGHTEST - DARKEST);
  return `hsl(${HUE} ${SATURATION}% ${Math.round(lightness * 10) / 10}%)`;
}

/** The uneven axes in words. */
export function axesText(t, uneven) {
  return t(AXES[uneven.join(",")]);
}

/** Distinct counts in words: "1 and 2", "1, 2 and 4". */
export function countsText(t, values) {
  if (values.length === 1) return String(values[0]);
  const first = values.slice(0, -1).join(", ");
  return t("overlap.counts", { first, last: values[values.length - 1] });
}

/** The parameters `alternative` (a canonical query) changes from `query`, as "k=4, p=1, a=1";
 * a pair is written (h, w). */
export function changesText(query, alternative) {
  const from = new URLSearchParams(query);
  const to = new URLSearchParams(alternative);
  const names = [...new Set([...to.keys(), ...from.keys()])];
  const valueOf = (params, name) => params.get(name) ?? DEFAULTS[name] ?? null;
  return names
    .filter((name) => valueOf(to, name) !== null && valueOf(to, name) !== valueOf(from, name))
    .map((name) => {
      const value = valueOf(to, name);
      return `${name}=${value.includes(",") ? `(${value.replaceAll(",", ", ")})` : value}`;
    })
    .join(", ");
}

/** The sentence under the figure for an answer's `overlap` and its canonical `query`: its
 * text and, where a configuration avoids the checkerboard, the link's words and query. */
export function overlapSentence(t, overlap, query) {
  const kind = overlapKind(overlap);
  const values = countValues(overlap.counts);
  const high = values[values.length - 1];
  if (kind === "even") return { kind, text: t("overlap.even", { n: high }), link: null };
  const axes = axesText(t, overlap.uneven);
  if (kind === "holes") return { kind, text: t("overlap.holes", { axes }), link: null };
  const text = `${t("overlap.uneven", { axes, counts: countsText(t, values) })} ${t("overlap.advice")}`;
  const link = overlap.alternative === null ? null : {
    query: overlap.alternative,
    text: t("overlap.try", { changes: changesText(query, overlap.alternative) }),
  };
  return { kind, text, link };
}

/** The ramp's legend: each distinct count with its colour. */
export function rampOf(counts) {
  const values = countValues(counts);
  const [low, high] = [values[0], values[values.length - 1]];
  return values.map((count) => ({ count, colour: heatColour(count, low, high) }));
}
