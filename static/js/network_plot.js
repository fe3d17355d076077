// The planner's plot as data: spatial size, channels and receptive field by layer, each a
// small chart on a log scale sharing the layer axis. Scales, ticks and SVG path text only:
// no DOM, so the page (network_draw.js) just makes the elements.
import { formatCount } from "./format.js";

/** The series along the main path (side branches left out: the next layer does not read
 * them): x labels (0 is the input), and per chart its lines, null where a layer has none —
 * one line per axis of the layer (depth first), axes whose lines agree drawn as one; each
 * chart's `axes` lists the axes (0-based, depth first) each of its lines stands for. */
export function plotSeries(answer) {
  const [c, ...sizes] = answer.input_shape;
  const dims = sizes.length;
  const main = answer.layers.filter((layer) => !layer.args.side);
  const spatial = (layer, axis) => (layer.output_shape.length === dims + 1 ? layer.output_shape[axis + 1] : null);
  const field = (layer, axis) => (layer.receptive_field ? layer.receptive_field[axis] : null);
  const merged = (first, of) => {
    const lines = [];
    const axes = [];
    first.forEach((start, axis) => {
      const line = [start, ...main.map((layer) => of(layer, axis))];
      const same = lines.findIndex((other) => other.every((v, n) => v === line[n]));
      if (same >= 0) axes[same].push(axis);
      else {
        lines.push(line);
        axes.push([axis]);
      }
    });
    return { lines, axes };
  };
  const space = merged(sizes, spatial);
  const seen = merged(sizes.map(() => 1), field);
  return {
    labels: [0, ...main.map((layer) => layer.index)],
    spatial: space.lines,
    channels: [[c, ...main.map((layer) => layer.output_shape[0])]],
    field: seen.lines,
    axes: { spatial: space.axes, channels: [[]], field: seen.axes },
  };
}

/** The smallest and largest positive values of some lines (nulls skipped); a single value
 * is widened threefold each way (not below 1: these are counts) so the scale has a span. */
export function extent(lines) {
  const values = lines.flat().filter((v) => v !== null && v > 0);
  if (!values.length) return [1, 10];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? [Math.max(1, lo / 3), hi * 3] : [lo, hi];
}

/** A log10 scale from [lo, hi] onto [r0, r1]. */
export function logScale([lo, hi], [r0, r1]) {
  const a = Math.log10(lo);
  const span = Math.log10(hi) - a;
  return (v) => r0 + ((Math.log10(v) - a) / span) * (r1 - r0);
}

/** Tick values within [lo, hi]: 1, 2 and 5 times the powers of ten, or the powers alone if
 * those are too many; the ends themselves where fewer than two would show. */
export function logTicks([lo, hi], most = 5) {
  const within = (v) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const powers = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e += 1) powers.push(10 ** e);
  const fine = powers.flatMap((p) => [p, 2 * p, 5 * p]).filter(within);
  if (fine.length <= most && fine.length >= 2) return fine;
  const coarse = powers.filter(within);
  if (coarse.length >= 2) return coarse;
  return [...new Set([Math.round(lo), ...coarse, Math.round(hi)])].filter((v) => v > 0).sort((x, y) => x - y);
}

/** An SVG path through points, lifting the pen over nulls: "M0 10L5 20M15 30". */
export function linePath(points) {
  let d = "";
  let pen = false;
  for (const point of points) {
    if (point === null) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${round(point[0])} ${round(point[1])}`;
    pen = true;
  }
  return d;
}

const round = (v) => Math.round(v * 10) / 10;

/** One chart, `width`×`height` pixels: its lines as paths, their points, and the ticks of
 * both axes, with `left` pixels kept for the value labels and `bottom` for the layers'. */
export function chartModel(lines, labels, { width, height, left = 44, right = 8, top = 8, bottom = 18 }) {
  const y = logScale(extent(lines), [height - bottom, top]);
  const step = labels.length > 1 ? (width - left - right) / (labels.length - 1) : 0;
  const x = (n) => left + n * step;
  const points = lines.map((line) => line.map((v, n) => (v === null || v <= 0 ? null : [x(n), y(v)])));
  // Label every layer while they fit 22 px apart, else every k-th.
  const every = Math.max(1, Math.ceil(22 / Math.max(step, 1e-9)));
  return {
    width,
    height,
    paths: points.map(linePath),
    points,
    yTicks: logTicks(extent(lines)).map((v) => ({ y: round(y(v)), text: formatCount(Math.round(v)) })),
    xTicks: labels.map((label, n) => ({ x: round(x(n)), text: String(label) })).filter((_, n) => n % every === 0),
    plot: { left, right: width - right, top, bottom: height - bottom },
  };
}
