// The layer-kind menu's settings, worked by hand from PyTorch's grouping rule (c_in and c_out
// both divisible by g) and the engine's classification (app/core/kinds.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { MENU_KINDS, applyKind, offeredKinds, smallestGroups } from "../../static/js/kinds.js";

/** Figure 2.6's layer with channels: 5×5 input, 3×3 kernel, stride 2, padding 1. */
const LAYER = {
  op: "conv", i: [5, 5], k: [3, 3], s: [2, 2], p: [1, 1], pMode: "number",
  d: [1, 1], a: [0, 0], ceil: false, c_in: 6, c_out: 9, g: 1, bias: true,
};

test("standard: one group, the kernel kept", () => {
  assert.deepEqual(applyKind({ ...LAYER, g: 3 }, "standard"), LAYER);
});

test("a k×k kind from a 1×1 kernel takes 3×3", () => {
  const pointwise = { ...LAYER, k: [1, 1], p: [0, 0] };
  assert.deepEqual(applyKind(pointwise, "standard").k, [3, 3]);
  assert.deepEqual(applyKind(pointwise, "depthwise").k, [3, 3]);
  assert.deepEqual(applyKind(pointwise, "grouped").k, [3, 3]);
});

test("grouped: the smallest g > 1 below c_in dividing both channel counts", () => {
  // 6 and 9 share 3 (2 divides 6 only).
  assert.equal(applyKind(LAYER, "grouped").g, 3);
  assert.equal(applyKind({ ...LAYER, c_in: 8, c_out: 12 }, "grouped").g, 2);
  assert.equal(smallestGroups(64, 128), 2);
  assert.equal(smallestGroups(15, 25), 5);
});

test("grouped without such a divisor: two groups over even counts, c_in at least 4", () => {
  const cases = [
    // [c_in, c_out] -> [c_in, c_out, g]
    [[1, 1], [4, 2, 2]],
    [[3, 5], [4, 6, 2]],
    [[2, 4], [4, 4, 2]], // g = 2 would be c_in: depthwise, not grouped
    [[7, 7], [8, 8, 2]],
  ];
  for (const [[cIn, cOut], [wantIn, wantOut, wantG]] of cases) {
    const next = applyKind({ ...LAYER, c_in: cIn, c_out: cOut }, "grouped");
    assert.deepEqual([next.c_in, next.c_out, next.g], [wantIn, wantOut, wantG]);
    assert.ok(next.g > 1 && next.g < next.c_in && next.c_in % next.g === 0 && next.c_out % next.g === 0);
  }
});

test("depthwise: g = c_out = c_in; one channel becomes three", () => {
  const next = applyKind(LAYER, "depthwise");
  assert.deepEqual([next.c_in, next.c_out, next.g], [6, 6, 6]);
  const one = applyKind({ ...LAYER, c_in: 1, c_out: 1 }, "depthwise");
  assert.deepEqual([one.c_in, one.c_out, one.g], [3, 3, 3]);
});

test("pointwise: a 1×1 kernel, no padding, no dilation, one group; the stride kept", () => {
  const next = applyKind({ ...LAYER, p: [2, 2], pMode: "same", d: [2, 2], g: 3 }, "pointwise");
  assert.deepEqual(next, { ...LAYER, k: [1, 1], p: [0, 0], pMode: "number", d: [1, 1], g: 1 });
});

test("the settings never touch what the kind does not need", () => {
  for (const kind of ["standard", "grouped", "depthwise", "pointwise"]) {
    const next = applyKind(LAYER, kind);
    for (const name of ["op", "i", "s", "a", "ceil", "bias"]) assert.deepEqual(next[name], LAYER[name]);
  }
});

test("the menu by operation", () => {
  assert.deepEqual(offeredKinds("conv"), MENU_KINDS);
  assert.deepEqual(offeredKinds("transpose"), ["standard", "grouped", "depthwise", "pointwise"]);
  assert.deepEqual(offeredKinds("maxpool"), []);
  assert.throws(() => applyKind(LAYER, "separable"));
});
