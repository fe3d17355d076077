import assert from "node:assert/strict";
import { test } from "node:test";

import { translator } from "../../static/js/translate.js";

const t = translator({ "player.step": "step {step} of {total}", "x.twice": "{n} and {n}" });

test("placeholders are filled from the values", () => {
  assert.equal(t("player.step", { step: 3, total: 9 }), "step 3 of 9");
});

test("a placeholder used twice is filled twice", () => {
  assert.equal(t("x.twice", { n: 0 }), "0 and 0");
});

test("a missing key falls back to the key, a missing value leaves its placeholder", () => {
  assert.equal(t("no.such.key", { step: 1 }), "no.such.key");
  assert.equal(t("player.step", { step: 1 }), "step 1 of {total}");
});
