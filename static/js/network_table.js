// The planner's table as data: one row per layer of a /api/network answer, every number
// written as people read it, and the totals. No DOM: the page turns rows into <tr>s.
import { formatCount } from "./format.js";
import { layerFigureUrl } from "./urls.js";

const NONE = "—";

/** A shape: C×L, C×H×W or C×D×H×W for a feature map (its channels grouped like counts),
 * or the units of a fully connected layer's output. */
export function shapeText(shape) {
  const [c, ...sizes] = shape;
  return sizes.length ? `${formatCount(c)}×${sizesText(sizes)}` : formatCount(c);
}

/** Sizes per axis joined by × ("5×5", "3×7×7"; a length alone: "1,025"). */
export function sizesText(sizes) {
  return sizes.map((v) => formatCount(v)).join("×");
}

/** A per-axis size ("5×5"), or a dash where there is none (fc, after a transpose). */
export function pairText(sizes) {
  return sizes ? sizesText(sizes) : NONE;
}

/** One row per layer: what the table shows, and where its link goes (null for fc). */
export function tableRows(answer, lang = null) {
  return answer.layers.map((layer) => ({
    index: layer.index,
    text: layer.text,
    side: layer.args.side,
    output: shapeText(layer.output_shape),
    params: formatCount(layer.params),
    macs: formatCount(layer.macs),
    field: pairText(layer.receptive_field),
    jump: pairText(layer.jump),
    href: layerFigureUrl(layer.query, lang),
  }));
}

/** The totals line: parameters, MACs and FLOPs, and the network's input and output. */
export function totalsRow(answer) {
  const { params, macs, flops, output_shape: output } = answer.totals;
  return {
    params: formatCount(params),
    macs: formatCount(macs),
    flops: formatCount(flops),
    input: shapeText(answer.input_shape),
    output: shapeText(output),
  };
}

/** The editor's text for an answer's layers: the canonical texts joined as the grammar
 * joins them. */
export function layersText(answer) {
  return answer.layers.map((layer) => layer.text).join(";");
}
