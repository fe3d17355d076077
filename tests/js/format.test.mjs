// static/js/format.js against the table app/core/formatting.py is held to as well
// (tests/test_formatting.py), so the page and the pictures write numbers alike.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { formatValue, hasFractions, pairQuery, pairScalar, pairSize } from "../../static/js/format.js";

const cases = JSON.parse(readFileSync(new URL("../cases/format.json", import.meta.url), "utf-8"));

for (const [name, write] of [["pair_query", pairQuery], ["pair_size", pairSize], ["pair_scalar", pairScalar]]) {
  test(name, () => {
    for (const [pair, expected] of cases[name]) assert.equal(write(pair), expected, JSON.stringify(pair));
  });
}

test("format_value", () => {
  for (const [value, decimals, expected] of cases.format_value) {
    assert.equal(formatValue(value, decimals), expected, `${Object.is(value, -0) ? "-0" : value}, ${decimals}`);
  }
});

test("format_value's decimals default to false", () => {
  assert.equal(formatValue(3), "3");
  assert.equal(formatValue(2.5), "2.5");
});

test("a figure with any fraction has fractions; −∞ padding is not one", () => {
  assert.equal(hasFractions([[1, 2], [3, 4]]), false);
  assert.equal(hasFractions([[1, null], [3, 4]]), false);
  assert.equal(hasFractions([[1, 2], [3, 1.5]]), true);
});
