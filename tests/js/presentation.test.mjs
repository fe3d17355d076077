import assert from "node:assert/strict";
import { test } from "node:test";

import { configText, cornerText, presentAction, PRESENT_KEY, QR_KEY } from "../../static/js/presentation.js";
import { translator } from "../../static/js/translate.js";
import { readFileSync } from "node:fs";

const EN = JSON.parse(readFileSync(new URL("../../app/locales/en.json", import.meta.url), "utf-8"));
const t = translator(EN);

const normal = { presenting: false, fullscreen: false };
const windowed = { presenting: true, fullscreen: false };
const full = { presenting: true, fullscreen: true };

test("the key enters, then asks for the full screen, then leaves", () => {
  assert.equal(presentAction(PRESENT_KEY, normal), "enter");
  assert.equal(presentAction(PRESENT_KEY.toUpperCase(), normal), "enter");
  assert.equal(presentAction(PRESENT_KEY, windowed), "fullscreen");
  assert.equal(presentAction(PRESENT_KEY, full), "leave");
});

test("a clicker's keys step only while presenting; Esc leaves", () => {
  for (const state of [windowed, full]) {
    assert.equal(presentAction("PageDown", state), "next");
    assert.equal(presentAction("PageUp", state), "prev");
    assert.equal(presentAction("Escape", state), "leave");
  }
  // On the normal page PageDown scrolls and Esc closes what it closes.
  for (const key of ["PageDown", "PageUp", "Escape"]) assert.equal(presentAction(key, normal), null);
});

test("the player keeps its own keys", () => {
  for (const key of [" ", "ArrowLeft", "ArrowRight", "Home", "End", "p", "Enter"]) {
    assert.equal(presentAction(key, windowed), null);
  }
});

const PARAMS = {
  i: [5, 5], k: [3, 3], s: [2, 2], p: [1, 1], d: [1, 1], a: [0, 0], ceil: false,
  c_in: 1, c_out: 1, g: 1,
};

test("the configuration as PyTorch's arguments, defaults left out", () => {
  assert.equal(configText(PARAMS, "conv"), "i=5 k=3 s=2 p=1");
  assert.equal(
    configText({ ...PARAMS, i: [5, 7], d: [2, 2], a: [1, 1], c_in: 4, c_out: 8, g: 2 }, "transpose"),
    "i=(5, 7) k=3 s=2 p=1 d=2 a=1 c_in=4 c_out=8 g=2",
  );
  assert.equal(configText({ ...PARAMS, p: "same", a: [1, 1] }, "conv"), "i=5 k=3 s=2 p=same");
  assert.equal(configText({ ...PARAMS, ceil: true, c_in: 3 }, "maxpool"), "i=5 k=3 s=2 p=1 ceil_mode");
});

test("the corner: configuration, formula with its numbers, relationship", () => {
  const answer = {
    op: "conv",
    params: PARAMS,
    relationship: {
      number: 6, title: "Zero padding, non-unit strides",
      substituted: "o = ⌊(5 + 2·1 − 3)/2⌋ + 1 = 3",
    },
  };
  assert.deepEqual(cornerText(answer, t), {
    config: "Convolution · i=5 k=3 s=2 p=1",
    formula: "o = ⌊(5 + 2·1 − 3)/2⌋ + 1 = 3",
    relationship: "Relationship 6: Zero padding, non-unit strides",
  });
  const beyond = { ...answer, relationship: { ...answer.relationship, number: null, title: "Dilated" } };
  assert.equal(cornerText(beyond, t).relationship, "Dilated");
});

test("Q shows the link's QR code while presenting, and is nobody's key otherwise", () => {
  assert.equal(presentAction(QR_KEY, windowed), "qr");
  assert.equal(presentAction("Q", full), "qr");
  assert.equal(presentAction("q", normal), null);
});
