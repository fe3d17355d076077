// The planner's DOM-free modules, against values worked out by hand.
import assert from "node:assert/strict";
import { test } from "node:test";

import { formatCount } from "../../static/js/format.js";
import { fieldAxes, fieldAxis, fieldBox, fieldLayout, middleCell } from "../../static/js/network_field.js";
import { chartModel, extent, linePath, logScale, logTicks, plotSeries } from "../../static/js/network_plot.js";
import { layersText, shapeText, tableRows, totalsRow } from "../../static/js/network_table.js";
import { layerFigureUrl, networkQuery, networkUrl, separableUrl } from "../../static/js/urls.js";

// Two 3×3 stride-1 convolutions with padding 1 on a 7×7 input, then fc: each conv's field
// grows by k − 1 = 2 (3, then 5), the jump stays 1, and output cell 0's field is centred on
// input cell 0 (start 0), as app/core/receptive.py's recurrences give and a sketch shows.
const conv = (index, c_in, field) => ({
  index,
  op: "conv",
  text: "conv(c=8,k=3,p=1)",
  args: { side: false },
  input_shape: [c_in, 7, 7],
  output_shape: [8, 7, 7],
  params: 8 * c_in * 9 + 8,
  macs: 8 * c_in * 9 * 49,
  receptive_field: [field, field],
  jump: [1, 1],
  start: [0, 0],
  query: `op=conv&i=7&k=3&s=1&p=1&c_in=${c_in}&c_out=8`,
});
const TWO_CONVS = {
  query: "i=7&c_in=1&layers=conv(c=8,k=3,p=1);conv(c=8,k=3,p=1);fc(c=10)",
  input_shape: [1, 7, 7],
  layers: [
    conv(1, 1, 3),
    conv(2, 8, 5),
    {
      index: 3, op: "fc", text: "fc(c=10)", args: { side: false }, input_shape: [392],
      output_shape: [10], params: 3930, macs: 3920, receptive_field: null, jump: null, start: null,
      query: null,
    },
  ],
  totals: { params: 80 + 584 + 3930, macs: 3920 + 28224 + 3920, flops: 2 * (3920 + 28224 + 3920), output_shape: [10] },
};

test("counts are grouped in threes", () => {
  assert.equal(formatCount(0), "0");
  assert.equal(formatCount(999), "999");
  assert.equal(formatCount(1000), "1,000");
  assert.equal(formatCount(61100840), "61,100,840");
  assert.equal(formatCount(138357544), "138,357,544");
  assert.equal(formatCount(-1234567), "-1,234,567");
  assert.equal(formatCount(1234567, " "), "1 234 567");
});

test("table rows: shapes, counts, field and jump, and each layer's link", () => {
  const rows = tableRows(TWO_CONVS);
  assert.deepEqual(rows[1], {
    index: 2, text: "conv(c=8,k=3,p=1)", side: false, output: "8×7×7", params: "584",
    macs: "28,224", field: "5×5", jump: "1×1", href: "/?op=conv&i=7&k=3&s=1&p=1&c_in=8&c_out=8",
  });
  assert.equal(rows[2].output, "10");
  assert.equal(rows[2].field, "—");
  assert.equal(rows[2].href, null);
  assert.equal(tableRows(TWO_CONVS, "ko")[0].href, "/?op=conv&i=7&k=3&s=1&p=1&c_in=1&c_out=8&lang=ko");
  assert.deepEqual(totalsRow(TWO_CONVS), {
    params: "4,594", macs: "36,064", flops: "72,128", input: "1×7×7", output: "10",
  });
  assert.equal(shapeText([4096, 13, 13]), "4,096×13×13");
  assert.equal(layersText(TWO_CONVS), "conv(c=8,k=3,p=1);conv(c=8,k=3,p=1);fc(c=10)");
});

test("two 3×3 stride-1 convolutions: the field is 5×5, centred on the cell", () => {
  // Cell (3, 3), the middle of 7×7: input rows and columns 1..5, all on the input.
  assert.deepEqual(fieldBox(TWO_CONVS.layers[1], [3, 3], [7, 7]), {
    rows: { from: 1, to: 5, shownFrom: 1, shownTo: 5, before: 0, after: 0 },
    cols: { from: 1, to: 5, shownFrom: 1, shownTo: 5, before: 0, after: 0 },
  });
  // Cell (0, 6), a corner: rows −2..2 (two in the top padding), columns 4..8 (two past).
  assert.deepEqual(fieldBox(TWO_CONVS.layers[1], [0, 6], [7, 7]), {
    rows: { from: -2, to: 2, shownFrom: 0, shownTo: 2, before: 2, after: 0 },
    cols: { from: 4, to: 8, shownFrom: 4, shownTo: 6, before: 0, after: 2 },
  });
  assert.equal(fieldBox(TWO_CONVS.layers[2], [0, 0], [7, 7]), null);
  assert.deepEqual(middleCell(TWO_CONVS.layers[1]), [3, 3]);
});

test("strided and pooled fields: AlexNet's conv1 and a 2×2 pooling", () => {
  // conv(k=11,s=4,p=2): output cell n's field starts at 4n − 2 and spans 11 cells.
  assert.deepEqual(fieldAxis(3, 11, 4, 0, 224), { from: -2, to: 8, shownFrom: 0, shownTo: 8, before: 2, after: 0 });
  assert.deepEqual(fieldAxis(3, 11, 4, 54, 224), { from: 214, to: 224, shownFrom: 214, shownTo: 223, before: 0, after: 1 });
  // maxpool(k=2) alone: start 0.5, cell n covers 2n and 2n + 1.
  assert.deepEqual(fieldAxis(0.5, 2, 2, 3, 8), { from: 6, to: 7, shownFrom: 6, shownTo: 7, before: 0, after: 0 });
});

test("the field's picture: the padding it reaches widens the grid", () => {
  const box = fieldBox(TWO_CONVS.layers[1], [0, 6], [7, 7]);
  // 2 + 7 rows and 7 + 2 columns, in 92 px less a 1 px margin each side: 10 px cells.
  const layout = fieldLayout(box, [7, 7], { width: 92, maxHeight: 200, margin: 1 });
  assert.equal(layout.cell, 10);
  assert.deepEqual(layout.input, { x: 1, y: 21, width: 70, height: 70 });
  assert.deepEqual(layout.field, { x: 41, y: 1, width: 50, height: 50 });
  assert.deepEqual(layout.inside, { x: 41, y: 21, width: 30, height: 30 });
  assert.equal(layout.grid, true);
});

test("plot series: the input first, fc without a size or field", () => {
  assert.deepEqual(plotSeries(TWO_CONVS), {
    labels: [0, 1, 2, 3],
    spatial: [[7, 7, 7, null]],
    channels: [[1, 8, 8, 10]],
    field: [[1, 3, 5, null]],
    axes: { spatial: [[0, 1]], channels: [[]], field: [[0, 1]] },
  });
  const tall = { ...TWO_CONVS, input_shape: [1, 7, 9], layers: [] };
  assert.deepEqual(plotSeries(tall).spatial, [[7], [9]]);
  assert.deepEqual(plotSeries(tall).axes.spatial, [[0], [1]]);
});

// A 1-D stack worked by hand: conv k=3 on 16 samples (14), max pooling by 2 (7), a conv
// k=3 with dilation 2 (k̂ = 5: 3). Fields 3, 4 (one more cell at jump 1), 4 + 4·2 = 12;
// jumps 1, 2, 2; starts 1, 1.5, 1.5 + 2·2 = 5.5 — output 0 of the last layer reads inputs
// 0 to 11 (pool cells 0, 2, 4; conv cells 0 to 9).
const ONE_D = {
  query: "dims=1&i=16&c_in=1&layers=conv(c=4,k=3);maxpool(k=2);conv(c=8,k=3,d=2)",
  dims: 1,
  input_shape: [1, 16],
  layers: [
    { index: 1, op: "conv", text: "conv(c=4,k=3)", args: { side: false }, input_shape: [1, 16], output_shape: [4, 14], params: 16, macs: 168, receptive_field: [3], jump: [1], start: [1], query: "op=conv&dims=1&i=16&k=3&s=1&p=0&c_out=4" },
    { index: 2, op: "maxpool", text: "maxpool(k=2)", args: { side: false }, input_shape: [4, 14], output_shape: [4, 7], params: 0, macs: 0, receptive_field: [4], jump: [2], start: [1.5], query: "op=maxpool&dims=1&i=14&k=2&s=2&p=0&c_in=4" },
    { index: 3, op: "conv", text: "conv(c=8,k=3,d=2)", args: { side: false }, input_shape: [4, 7], output_shape: [8, 3], params: 104, macs: 288, receptive_field: [12], jump: [2], start: [5.5], query: "op=conv&dims=1&i=7&k=3&s=1&p=0&d=2&c_in=4&c_out=8" },
  ],
  totals: { params: 120, macs: 456, flops: 912, output_shape: [8, 3] },
};

test("1-D: shapes C×L, one number per field, a strip one row high", () => {
  const rows = tableRows(ONE_D);
  assert.equal(rows[0].output, "4×14");
  assert.equal(rows[2].field, "12");
  assert.equal(rows[2].jump, "2");
  assert.equal(rows[2].href, "/?op=conv&dims=1&i=7&k=3&s=1&p=0&d=2&c_in=4&c_out=8");
  assert.equal(totalsRow(ONE_D).input, "1×16");
  assert.deepEqual(middleCell(ONE_D.layers[2]), [1]);
  // Output 0: inputs 0..11; output 2: centred on 5.5 + 2·2 = 9.5, inputs 4..15.
  assert.deepEqual(fieldAxes(ONE_D.layers[2], [0], [16]).map((a) => [a.from, a.to]), [[0, 11]]);
  const box = fieldBox(ONE_D.layers[2], [2], [16]);
  assert.deepEqual([box.rows.from, box.rows.to, box.cols.from, box.cols.to], [0, 0, 4, 15]);
  // 16 samples in 162 px less a 1 px margin: 10 px wide cells, the strip drawn 28 px tall.
  const layout = fieldLayout(box, [1, 16], { width: 162, maxHeight: 200, margin: 1 });
  assert.equal(layout.cell, 10);
  assert.equal(layout.cellHeight, 28);
  assert.deepEqual(layout.inside, { x: 41, y: 1, width: 120, height: 28 });
  assert.deepEqual(plotSeries(ONE_D).spatial, [[16, 14, 7, 3]]);
  assert.deepEqual(plotSeries(ONE_D).field, [[1, 3, 4, 12]]);
});

// A 3-D stack worked by hand: conv 3×3×3 with padding 1 on 8×16×16 (same size), max pooling
// 1×2×2 (8×8×8), then 2×2×2 (4×4×4). Depth fields 3, 3, 4 with jumps 1, 1, 2; height and
// width 3, 4, 6 with jumps 1, 2, 4 (starts 0, 0.5, 1.5).
const THREE_D = {
  query: "dims=3&i=8,16,16&c_in=3&layers=conv(c=4,k=3,p=1);maxpool(k=1x2x2);maxpool(k=2)",
  dims: 3,
  input_shape: [3, 8, 16, 16],
  layers: [
    { index: 1, op: "conv", text: "conv(c=4,k=3,p=1)", args: { side: false }, output_shape: [4, 8, 16, 16], params: 328, macs: 663552, receptive_field: [3, 3, 3], jump: [1, 1, 1], start: [0, 0, 0], query: "q1" },
    { index: 2, op: "maxpool", text: "maxpool(k=1x2x2)", args: { side: false }, output_shape: [4, 8, 8, 8], params: 0, macs: 0, receptive_field: [3, 4, 4], jump: [1, 2, 2], start: [0, 0.5, 0.5], query: "q2" },
    { index: 3, op: "maxpool", text: "maxpool(k=2)", args: { side: false }, output_shape: [4, 4, 4, 4], params: 0, macs: 0, receptive_field: [4, 6, 6], jump: [2, 4, 4], start: [0.5, 1.5, 1.5], query: "q3" },
  ],
  totals: { params: 328, macs: 663552, flops: 1327104, output_shape: [4, 4, 4, 4] },
};

test("3-D: shapes C×D×H×W, fields per axis, the plane drawn and the depth said", () => {
  const rows = tableRows(THREE_D);
  assert.equal(rows[1].output, "4×8×8×8");
  assert.equal(rows[2].field, "4×6×6");
  assert.equal(rows[2].jump, "2×4×4");
  assert.deepEqual(middleCell(THREE_D.layers[2]), [1, 1, 1]);
  // Cell (0, 0, 0): frames −1..2 (one in the padding), rows and columns −1..4.
  const axes = fieldAxes(THREE_D.layers[2], [0, 0, 0], [8, 16, 16]);
  assert.deepEqual(axes.map((a) => [a.from, a.to, a.before]), [[-1, 2, 1], [-1, 4, 1], [-1, 4, 1]]);
  const box = fieldBox(THREE_D.layers[2], [0, 0, 0], [8, 16, 16]);
  assert.deepEqual([box.rows.from, box.cols.to], [-1, 4]);
  // Depth, then height and width as one line: they agree at every layer.
  const series = plotSeries(THREE_D);
  assert.deepEqual(series.spatial, [[8, 8, 8, 4], [16, 16, 8, 4]]);
  assert.deepEqual(series.axes.spatial, [[0], [1, 2]]);
  assert.deepEqual(series.field, [[1, 3, 3, 4], [1, 3, 4, 6]]);
});

test("log scales, ticks and paths", () => {
  const y = logScale([1, 100], [100, 0]);
  assert.equal(y(1), 100);
  assert.equal(y(10), 50);
  assert.equal(y(100), 0);
  assert.deepEqual(logTicks([1, 100]), [1, 10, 100]);
  assert.deepEqual(logTicks([3, 64]), [5, 10, 20, 50]);
  assert.deepEqual(logTicks([7, 224]), [10, 20, 50, 100, 200]);
  assert.deepEqual(extent([[7, null, 7]]), [7 / 3, 21]);
  assert.deepEqual(extent([[1]]), [1, 3]);
  assert.equal(linePath([[0, 10], [5, 20], null, [15, 30]]), "M0 10L5 20M15 30");
});

test("a chart: layers spread across, values on the log scale", () => {
  const chart = chartModel([[1, 10, 100]], [0, 1, 2], { width: 144, height: 118, left: 40, right: 4, top: 8, bottom: 10 });
  assert.equal(chart.paths[0], "M40 108L90 58L140 8");
  assert.deepEqual(chart.xTicks.map((tick) => tick.text), ["0", "1", "2"]);
  assert.deepEqual(chart.yTicks.map((tick) => tick.text), ["1", "10", "100"]);
});

test("the planner's URLs", () => {
  assert.equal(networkQuery({ preset: "alexnet", layers: "ignored" }), "preset=alexnet");
  assert.equal(networkQuery({ i: "32", c_in: "3", layers: "conv(k=3,c=8);fc(c=10)" }),
    "i=32&c_in=3&layers=conv(k=3,c=8);fc(c=10)");
  // As the API writes its canonical query; what else a person may type is encoded.
  assert.equal(networkQuery({ i: "32,24", layers: "conv(k=3×5) & x#" }),
    "i=32,24&layers=conv(k=3%C3%975)%20%26%20x%23");
  assert.equal(networkQuery({ layers: "maxpool" }), "layers=maxpool");
  assert.equal(networkUrl("preset=vgg16"), "/network?preset=vgg16");
  assert.equal(networkUrl(""), "/network");
  assert.equal(networkUrl("preset=vgg16", "ko"), "/network?preset=vgg16&lang=ko");
  assert.equal(layerFigureUrl("op=maxpool&i=8&k=2&s=2&p=0"), "/?op=maxpool&i=8&k=2&s=2&p=0");
  assert.equal(layerFigureUrl(null), null);
});

test("the planner's query and a separable replacement in 1-D and 3-D", () => {
  assert.equal(networkQuery({ dims: "1", i: "16", c_in: "1", layers: "conv(k=3)" }), "dims=1&i=16&c_in=1&layers=conv(k=3)");
  // 2-D is the default the API's canonical query leaves out; a preset names everything.
  assert.equal(networkQuery({ dims: "2", i: "8", layers: "conv" }), "i=8&layers=conv");
  assert.equal(networkQuery({ preset: "c3d", dims: "3" }), "preset=c3d");
  // The answer's params, one number per axis of the layer.
  const oneD = { dims: 1, i: [16], k: [5], s: [1], p: "causal", d: [2], c_in: 4, c_out: 8, bias: true };
  assert.equal(separableUrl(oneD), "/network?dims=1&i=16&c_in=4&layers=conv(c=4,k=5,p=causal,d=2,g=4);conv(c=8,k=1)");
  const threeD = { dims: 3, i: [8, 16, 16], k: [1, 3, 3], s: [1, 2, 2], p: [0, 1, 1], d: [1, 1, 1], c_in: 2, c_out: 4, bias: false };
  assert.equal(
    separableUrl(threeD),
    "/network?dims=3&i=8,16,16&c_in=2&layers=conv(c=2,k=1x3x3,s=1x2x2,p=0x1x1,g=2,bias=0);conv(c=4,k=1,bias=0)",
  );
});
