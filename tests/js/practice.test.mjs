// The practice page's checks: what a learner types, read by hand-worked cases, compared with
// the accepted answers the engine sent; the summary counts.
import assert from "node:assert/strict";
import { test } from "node:test";

import { isRight, readAnswer, summarize } from "../../static/js/practice_logic.js";

test("a whole number, grouped or not, is read", () => {
  assert.equal(readAnswer("5"), 5);
  assert.equal(readAnswer(" 42 "), 42);
  assert.equal(readAnswer("1,168"), 1168);
  assert.equal(readAnswer("1 168"), 1168);
  assert.equal(readAnswer("204_800"), 204800);
  assert.equal(readAnswer("-3"), -3);
  assert.equal(readAnswer("0"), 0);
});

test("what a learner naturally types for a whole number is read as it", () => {
  assert.equal(readAnswer("07"), 7);
  assert.equal(readAnswer("7.0"), 7);
  assert.equal(readAnswer("７"), 7); // full-width, from a Korean or Japanese keyboard
  assert.equal(readAnswer("１２"), 12);
  assert.equal(readAnswer("7x7"), 7); // a size written as both sides
  assert.equal(readAnswer("7 × 7"), 7);
  assert.equal(readAnswer("７×７"), 7);
});

test("anything else is not an answer", () => {
  for (const text of ["", " ", "five", "2.5", "7.", "1,16", "12,3456", "٣", "5x4", "x5", "1e3", "--1"]) {
    assert.equal(readAnswer(text), null, text);
  }
});

test("right only when one of the accepted answers", () => {
  const check = { type: "integer", accepted: [1, 2] };
  assert.equal(isRight(1, check), true);
  assert.equal(isRight(2, check), true);
  assert.equal(isRight(3, check), false);
  assert.equal(isRight(null, check), false);
});

test("the summary counts the right ones and lists the rest", () => {
  const results = new Map([[1, true], [2, false], [4, true]]);
  assert.deepEqual(summarize([1, 2, 3, 4], results), { right: 2, total: 4, review: [2, 3] });
  assert.deepEqual(summarize([1], new Map([[1, true]])), { right: 1, total: 1, review: [] });
});
