// The page's state from the engine's parameter declaration: queries written by hand in the
// engine's canonical spelling (app/core/params.py's Config.query).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { stateRules } from "../../static/js/state.js";

// The declaration the server hands the page (templates/base.html's "parameters" block);
// tests/test_documented.py holds /api/parameters to this very file.
const DECLARATION = JSON.parse(
  readFileSync(new URL("../cases/parameters.json", import.meta.url), "utf-8"),
);
const rules = stateRules(DECLARATION);

/** Figure 2.6 of the paper: 5×5 input, 3×3 kernel, stride 2, padding 1. */
const FIGURE_2_6 = {
  op: "conv", i: [5, 5], k: [3, 3], s: [2, 2], p: [1, 1], pMode: "number",
  d: [1, 1], a: [0, 0], ceil: false, c_in: 1, c_out: 1, g: 1, bias: true,
};
const ONE_CHANNEL = { c_in: 1, c_out: 1, g: 1, bias: true };

test("the sliders are the pair and padding parameters, in the declaration's order", () => {
  assert.deepEqual(rules.sliders, ["i", "k", "s", "p", "d", "a"]);
});

test("queries in the engine's canonical spelling", () => {
  const cases = [
    [{}, "op=conv&i=5&k=3&s=2&p=1"],
    [{ op: "transpose", i: [5, 5], k: [3, 3], s: [1, 1], p: [0, 0] }, "op=transpose&i=5&k=3&s=1&p=0"],
    [{ d: [2, 3] }, "op=conv&i=5&k=3&s=2&p=1&d=2,3"],
    [{ d: [1, 2] }, "op=conv&i=5&k=3&s=2&p=1&d=1,2"],
    [{ d: [2, 2] }, "op=conv&i=5&k=3&s=2&p=1&d=2"],
    [{ i: [5, 7], k: [3, 1] }, "op=conv&i=5,7&k=3,1&s=2&p=1"],
    [{ op: "maxpool", ceil: true }, "op=maxpool&i=5&k=3&s=2&p=1&ceil=1"],
    [{ op: "transpose", a: [1, 1] }, "op=transpose&i=5&k=3&s=2&p=1&a=1"],
    [{ op: "transpose", d: [2, 2], a: [1, 0] }, "op=transpose&i=5&k=3&s=2&p=1&d=2&a=1,0"],
    [{ pMode: "same", p: [1, 1] }, "op=conv&i=5&k=3&s=2&p=same"],
    [{ pMode: "full", p: [2, 2] }, "op=conv&i=5&k=3&s=2&p=full"],
    [{ p: [0, 2] }, "op=conv&i=5&k=3&s=2&p=0,2"],
    // Counts come last, left out at their defaults; bias is written only when off.
    [{ c_in: 3, c_out: 64 }, "op=conv&i=5&k=3&s=2&p=1&c_in=3&c_out=64"],
    [{ c_in: 4, c_out: 4, g: 4, bias: false }, "op=conv&i=5&k=3&s=2&p=1&c_in=4&c_out=4&g=4&bias=0"],
    [{ op: "maxpool", c_in: 16 }, "op=maxpool&i=5&k=3&s=2&p=1&c_in=16"],
  ];
  for (const [change, expected] of cases) {
    assert.equal(rules.toQuery({ ...FIGURE_2_6, ...change }), expected, expected);
  }
});

test("a parameter marked always is written at its default", () => {
  const defaults = { ...FIGURE_2_6, s: [1, 1], p: [0, 0] };
  assert.equal(rules.toQuery(defaults), "op=conv&i=5&k=3&s=1&p=0");
});

test("state from an answer, with a padding keyword resolved to its numbers", () => {
  const answer = {
    op: "conv",
    params: { i: [5, 5], k: [3, 3], s: [1, 1], p: "same", d: [1, 1], a: [0, 0], ceil: false,
      c_in: 3, c_out: 8, g: 1, bias: false },
    padding: { top: 1, bottom: 1, left: 1, right: 1 },
  };
  assert.deepEqual(rules.stateFromAnswer(answer), {
    op: "conv", i: [5, 5], k: [3, 3], s: [1, 1], p: [1, 1], pMode: "same",
    d: [1, 1], a: [0, 0], ceil: false, c_in: 3, c_out: 8, g: 1, bias: false,
  });
  const numbers = { ...answer, op: "maxpool",
    params: { ...answer.params, ...ONE_CHANNEL, p: [1, 0], ceil: true },
    padding: { top: 1, bottom: 1, left: 0, right: 0 } };
  assert.deepEqual(rules.stateFromAnswer(numbers), {
    op: "maxpool", i: [5, 5], k: [3, 3], s: [1, 1], p: [1, 0], pMode: "number",
    d: [1, 1], a: [0, 0], ceil: true, ...ONE_CHANNEL,
  });
});

test("square when every slider parameter agrees between height and width", () => {
  assert.equal(rules.isSquare(FIGURE_2_6), true);
  assert.equal(rules.isSquare({ ...FIGURE_2_6, a: [1, 0] }), false);
  assert.equal(rules.isSquare({ ...FIGURE_2_6, p: [0, 1] }), false);
});

test("an operation change puts back what the new operation lacks", () => {
  const transpose = { ...FIGURE_2_6, op: "transpose", d: [2, 2], a: [1, 1] };
  assert.deepEqual(rules.switchOp(transpose, "conv"), { ...transpose, op: "conv", a: [0, 0] });
  assert.deepEqual(rules.switchOp(transpose, "avgpool"),
    { ...transpose, op: "avgpool", d: [1, 1], a: [0, 0] });
  const maxpool = { ...FIGURE_2_6, op: "maxpool", d: [2, 2], ceil: true };
  assert.deepEqual(rules.switchOp(maxpool, "avgpool"), { ...maxpool, op: "avgpool", d: [1, 1] });
  assert.deepEqual(rules.switchOp(maxpool, "transpose"), { ...maxpool, op: "transpose", ceil: false });
  // Pooling keeps the input channels; output channels, groups and bias go back to defaults.
  const grouped = { ...FIGURE_2_6, c_in: 8, c_out: 16, g: 4, bias: false };
  assert.deepEqual(rules.switchOp(grouped, "maxpool"),
    { ...grouped, op: "maxpool", c_out: 1, g: 1, bias: true });
  assert.deepEqual(rules.switchOp(grouped, "transpose"), { ...grouped, op: "transpose" });
});

test("padding 'same' is for convolutions only; other keywords stay", () => {
  const same = { ...FIGURE_2_6, pMode: "same" };
  assert.equal(rules.switchOp(same, "maxpool").pMode, "number");
  assert.deepEqual(rules.switchOp(same, "maxpool").p, [1, 1]);
  assert.equal(rules.switchOp(same, "conv").pMode, "same");
  assert.equal(rules.switchOp({ ...FIGURE_2_6, pMode: "full" }, "transpose").pMode, "full");
});

test("TensorFlow's SAME is for convolutions only, as the declaration says", () => {
  const tf = { ...FIGURE_2_6, pMode: "tf_same" };
  for (const op of ["maxpool", "avgpool", "transpose"]) {
    assert.equal(rules.switchOp(tf, op).pMode, "number", op);
  }
  assert.equal(rules.switchOp(tf, "conv").pMode, "tf_same");
});

test("a learner's numbers travel in the link; pooling drops the kernel's weights", () => {
  const own = { ...FIGURE_2_6, x: "1,2;3,4", w: "sobel_x", seed: 0, padding_mode: "reflect" };
  assert.equal(rules.toQuery({ ...own, i: [2, 2], s: [1, 1], p: [0, 0] }),
    "op=conv&i=2&k=3&s=1&p=0&padding_mode=reflect&x=1,2;3,4&w=sobel_x");
  const pooled = rules.switchOp(own, "avgpool");
  assert.equal(pooled.w, null);
  assert.equal(pooled.padding_mode, "zeros");
  assert.equal(pooled.x, "1,2;3,4");
  assert.equal(rules.toQuery({ ...FIGURE_2_6, seed: 12 }).endsWith("&seed=12"), true);
});

test("a default put back is a copy: changing it leaves the declaration alone", () => {
  const next = rules.switchOp({ ...FIGURE_2_6, op: "transpose", a: [1, 1] }, "conv");
  next.a[0] = 9;
  assert.deepEqual(DECLARATION.find((p) => p.name === "a").default, [0, 0]);
});

test("which parameters apply to an operation", () => {
  assert.equal(rules.applies("a", "transpose"), true);
  assert.equal(rules.applies("a", "conv"), false);
  assert.equal(rules.applies("d", "avgpool"), false);
  assert.equal(rules.applies("ceil", "maxpool"), true);
  assert.equal(rules.applies("i", "avgpool"), true);
});

test("another declaration derives other rules: nothing is fixed to today's parameters", () => {
  const other = stateRules([
    { name: "op", kind: "choice", default: "conv", ops: ["conv", "pool"], always: true },
    { name: "g", kind: "pair", default: [1, 1], ops: ["conv"], always: false },
    { name: "k", kind: "pair", default: [3, 3], ops: ["conv", "pool"], always: true },
    { name: "bias", kind: "flag", default: true, ops: ["conv"], always: false },
  ]);
  assert.deepEqual(other.sliders, ["g", "k"]);
  assert.equal(other.toQuery({ op: "conv", g: [1, 1], k: [2, 2], bias: true }), "op=conv&k=2");
  assert.equal(other.toQuery({ op: "conv", g: [2, 4], k: [2, 2], bias: false }),
    "op=conv&g=2,4&k=2&bias=0");
  assert.deepEqual(other.switchOp({ op: "conv", g: [2, 4], k: [2, 2], bias: false }, "pool"),
    { op: "pool", g: [1, 1], k: [2, 2], bias: true });
});

test("controls by kind: the padding's mode and the flags' checkboxes", () => {
  assert.deepEqual(rules.paddings, ["p"]);
  assert.deepEqual(rules.flags, ["ceil", "bias", "count_include_pad"]);
  assert.deepEqual(rules.counts, ["dims", "c_in", "c_out", "g", "divisor_override", "seed"]);
  assert.deepEqual(rules.choices, ["op", "padding_mode"]);
  assert.deepEqual(rules.matrices, ["x", "w"]);
  assert.equal(rules.applies("c_in", "avgpool"), true);
  assert.equal(rules.applies("c_out", "maxpool"), false);
  assert.equal(rules.applies("g", "transpose"), true);
  assert.equal(rules.applies("bias", "conv"), true);
  assert.equal(rules.applies("bias", "maxpool"), false);
  assert.equal(rules.modeOf("p"), "pMode");
  assert.equal(rules.applies("ceil", "maxpool"), true);
  assert.equal(rules.applies("ceil", "conv"), false);
});

test("a keyword limited to some operations comes from the declaration", () => {
  const own = stateRules([
    { name: "op", kind: "choice", default: "conv", ops: ["conv", "maxpool"], always: true },
    { name: "p", kind: "padding", default: [0, 0], ops: ["conv", "maxpool"], always: true,
      keywords: ["full", "same"], keyword_ops: { full: ["conv"] } },
  ]);
  const state = { op: "conv", p: [2, 2], pMode: "full" };
  assert.equal(own.switchOp(state, "maxpool").pMode, "number");
  assert.equal(own.switchOp({ ...state, pMode: "same" }, "maxpool").pMode, "same");
});

test("sliders reach drawable sizes; the declaration says how far", () => {
  assert.equal(rules.reach("i"), 128);
  assert.equal(rules.reach("k"), 16);
  assert.equal(rules.reach("p"), 64);
  assert.equal(rules.reach("c_in"), Infinity);  // a number box only
});

test("1-D and 3-D layers: sizes per axis, depth first, written as the engine writes them", () => {
  const volume = { ...FIGURE_2_6, dims: 3, i: [4, 6, 6], k: [3, 3, 3], s: [1, 1, 1], p: [1, 1, 1],
    d: [1, 1, 1], a: [0, 0, 0] };
  assert.equal(rules.toQuery(volume), "op=conv&dims=3&i=4,6,6&k=3&s=1&p=1");
  assert.equal(rules.toQuery({ ...volume, d: [2, 1, 1] }), "op=conv&dims=3&i=4,6,6&k=3&s=1&p=1&d=2,1,1");
  const strip = { ...FIGURE_2_6, dims: 1, i: [9], k: [3], s: [1], p: [0], d: [2], a: [0] };
  assert.equal(rules.toQuery(strip), "op=conv&dims=1&i=9&k=3&s=1&p=0&d=2");
  assert.equal(rules.toQuery({ ...strip, pMode: "causal" }), "op=conv&dims=1&i=9&k=3&s=1&p=causal&d=2");
  // The default 2 stays out of the link.
  assert.equal(rules.toQuery({ ...FIGURE_2_6, dims: 2 }), "op=conv&i=5&k=3&s=2&p=1");
});

test("a 3-D answer's state is read from its canonical query; a keyword from its sides", () => {
  const answer = {
    op: "conv", query: "op=conv&dims=3&i=4,6,6&k=3&s=1,2,2&p=same",
    params: { dims: 3, i: [4, 6, 6], k: [3, 3, 3], s: [1, 2, 2], p: "same", d: [1, 1, 1] },
    padding: { top: 1, bottom: 1, left: 1, right: 1 }, sides: [[1, 1], [1, 1], [1, 1]],
  };
  const state = rules.stateFromAnswer(answer);
  assert.deepEqual([state.dims, state.i, state.k, state.s, state.p, state.pMode, state.d],
    [3, [4, 6, 6], [3, 3, 3], [1, 2, 2], [1, 1, 1], "same", [1, 1, 1]]);
  // An answer whose params still give the plane alone: the query has the depth.
  const plane = { ...answer, query: "op=conv&dims=3&i=2,6,6&k=3&s=1&p=0",
    params: { dims: 3, i: [6, 6], k: [3, 3], s: [1, 1], p: [0, 0], d: [1, 1] } };
  assert.deepEqual(rules.stateFromAnswer(plane).i, [2, 6, 6]);
  assert.deepEqual(rules.stateFromAnswer(plane).d, [1, 1, 1]);
});

test("a change of dims keeps each axis both layers have", () => {
  const flat = { ...FIGURE_2_6, i: [5, 7], x: "1,2;3,4", w: "identity" };
  const volume = rules.switchDims(flat, 3);
  assert.deepEqual([volume.dims, volume.i, volume.k, volume.p], [3, [5, 5, 7], [3, 3, 3], [1, 1, 1]]);
  // Numbers of one's own are a layer's of the same dims only.
  assert.equal(volume.x, null);
  assert.equal(volume.w, null);
  const strip = rules.switchDims({ ...volume, i: [4, 5, 7] }, 1);
  assert.deepEqual([strip.i, strip.s], [[7], [2]]);
  assert.deepEqual(rules.switchDims(strip, 2).i, [7, 7]);
  // Causal padding is 1-D's alone: leaving 1-D, the padding is numbers again, none.
  const causal = rules.switchDims({ ...strip, p: [4], pMode: "causal" }, 2);
  assert.deepEqual([causal.pMode, causal.p], ["number", [0, 0]]);
  assert.equal(rules.switchDims({ ...strip, pMode: "same" }, 3).pMode, "same");
});
