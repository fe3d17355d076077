import { test } from "node:test";
import assert from "node:assert/strict";
import {
  clipped, columnOf, gapFor, labelEvery, leftmost, paddingRead, reachedSets,
} from "../../static/js/causal_layout.js";

// k = 3, d = 1, 2 over 4 positions, output 3 (worked by hand): layer 1 reads 3 − 4 = −1, 1
// and 3; layer 0 reads −1, 0, 1 (from 1) and 1, 2, 3 (from 3).
const small = {
  length: 4,
  levels: [[0, 1, 2, 3], [1, 3], [3]],
  edges: [
    [0, -1, 1, 0], [0, 0, 1, 1], [0, 1, 1, 2], [0, 1, 3, 0], [0, 2, 3, 1], [0, 3, 3, 2],
    [1, -1, 3, 0], [1, 1, 3, 1], [1, 3, 3, 2],
  ],
};

test("padding columns reach as far left as the taps, no further than the length", () => {
  assert.equal(leftmost(small), -1);
  assert.equal(columnOf(small, -1), 0);
  assert.equal(columnOf(small, 3), 4);
  assert.equal(clipped(small), false);
  const far = { length: 2, levels: [[1], [1]], edges: [[0, -9, 1, 0], [0, 1, 1, 1]] };
  assert.equal(leftmost(far), -2);
  assert.equal(columnOf(far, -9), 0);
  assert.equal(clipped(far), true);
});

test("padding read per level", () => {
  assert.deepEqual(paddingRead(small), [[-1], [-1], []]);
});

test("reached positions per level", () => {
  const sets = reachedSets(small);
  assert.equal(sets[1].has(1) && sets[1].has(3) && !sets[1].has(2), true);
});

test("spacing and labels", () => {
  // 5 columns in 300 px: 300 / 6 = 50, capped at 44; in 40 px floored at 14.
  assert.equal(gapFor(small, 300), 44);
  assert.equal(gapFor(small, 40), 14);
  assert.equal(labelEvery(44), 1);
  assert.equal(labelEvery(14), 2);
  assert.equal(labelEvery(5), 10);
});
