// A learner's own numbers: matrices written as app/core/matrices.py writes them (its
// number_text and matrix_text), and kept across size changes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  choosePreset, fitNumbers, inputUnitOf, matrixRows, matrixText, numberText, parseEntry,
  presetTakes, randomSeed, resized, withEntry,
} from "../../static/js/values.js";

const PRESETS = ["identity", "box_blur", "gaussian_blur", "sharpen", "emboss", "outline",
  "sobel_x", "sobel_y", "laplacian"];
const RULES = { presets: PRESETS, limit: 1024 };
// Figure 1.1's input and kernel.
const INPUT = "3,3,2,1,0;0,0,1,3,1;3,1,2,2,3;2,0,0,2,2;2,0,0,0,1";
const KERNEL = "0,1,2;2,2,0;0,1,2";

test("typed values the engine reads, and the ones it refuses", () => {
  const cases = [
    ["3", 3], [" -0.5 ", -0.5], ["+2", 2], [".25", 0.25], ["4.", 4], ["−1", -1],
    ["123456.123456", 123456.123456], ["-0", 0],
    ["", null], ["abc", null], ["1e3", null], ["1234567", null], ["0.1234567", null],
    ["1,5", null], ["1;2", null], ["--1", null], [".", null], ["Infinity", null],
  ];
  for (const [text, expected] of cases) assert.equal(parseEntry(text), expected, text);
  assert.ok(Object.is(parseEntry("-0"), 0), "no minus zero in a link");
});

test("values as the canonical query writes them", () => {
  const cases = [[3, "3"], [-0.5, "-0.5"], [0.0625, "0.0625"], [1 / 9, "0.111111"],
    [-0, "0"], [123456, "123456"], [2.5000001, "2.5"]];
  for (const [value, expected] of cases) assert.equal(numberText(value), expected, expected);
});

test("a matrix round-trips through its text", () => {
  const rows = [[3, 3, 2], [0, 0, 1], [3, 1, 2]];
  assert.equal(matrixText(rows), "3,3,2;0,0,1;3,1,2");
  assert.deepEqual(matrixRows("3,3,2;0,0,1;3,1,2"), rows);
  assert.equal(matrixText([[0.0625, -1]]), "0.0625,-1");
});

test("an edit writes the whole matrix with one value changed", () => {
  assert.equal(withEntry(matrixRows(KERNEL), [1, 2], -1.5), "0,1,2;2,2,-1.5;0,1,2");
  assert.equal(withEntry([[1, 2], [3, 4]], [0, 0], 9), "9,2;3,4");
});

test("resizing cuts from, or extends with 0 at, the bottom and right", () => {
  assert.deepEqual(resized([[1, 2], [3, 4]], [3, 3]), [[1, 2, 0], [3, 4, 0], [0, 0, 0]]);
  assert.deepEqual(resized([[1, 2, 3], [4, 5, 6]], [1, 2]), [[1, 2]]);
  assert.deepEqual(resized([[1, 2], [3, 4]], [2, 3]), [[1, 2, 0], [3, 4, 0]]);
});

test("presets come in their sizes (app/core/kernels.py's check_preset)", () => {
  assert.ok(presetTakes("box_blur", [5, 4]));
  assert.ok(presetTakes("gaussian_blur", [1, 7]));
  assert.ok(presetTakes("identity", [5, 3]));
  assert.ok(!presetTakes("identity", [4, 3]));
  assert.ok(presetTakes("sobel_x", [3, 3]));
  assert.ok(!presetTakes("sobel_x", [5, 5]));
  assert.ok(!presetTakes("laplacian", [3, 1]));
});

test("a size change keeps the numbers where they still fit", () => {
  const state = { i: [6, 5], k: [2, 2], x: INPUT, w: KERNEL };
  assert.deepEqual(fitNumbers(state, RULES), {
    i: [6, 5], k: [2, 2],
    x: "3,3,2,1,0;0,0,1,3,1;3,1,2,2,3;2,0,0,2,2;2,0,0,0,1;0,0,0,0,0",
    w: "0,1;2,2",
  });
});

test("numbers already of the state's sizes, or none, are left alone", () => {
  const state = { i: [5, 5], k: [3, 3], x: INPUT, w: KERNEL };
  assert.deepEqual(fitNumbers(state, RULES), state);
  const paper = { i: [7, 7], k: [4, 4], x: null, w: null };
  assert.deepEqual(fitNumbers(paper, RULES), paper);
  const pooling = { i: [4, 5], k: [2, 2], x: INPUT };
  assert.deepEqual(fitNumbers(pooling, RULES).x, "3,3,2,1,0;0,0,1,3,1;3,1,2,2,3;2,0,0,2,2");
});

test("past the link's limit the numbers give way to the paper's (or the seed's)", () => {
  assert.equal(fitNumbers({ i: [33, 32], k: [3, 3], x: INPUT, w: null }, RULES).x, null);
  assert.equal(fitNumbers({ i: [32, 32], k: [3, 3], x: INPUT, w: null }, RULES).x.split(";").length, 32);
});

test("a preset stays where it comes in the new size, else gives way to the paper's kernel", () => {
  const at = (w, k) => fitNumbers({ i: [5, 5], k, x: null, w }, RULES).w;
  assert.equal(at("gaussian_blur", [5, 5]), "gaussian_blur");
  assert.equal(at("identity", [5, 5]), "identity");
  assert.equal(at("identity", [4, 4]), null);
  assert.equal(at("sobel_x", [5, 5]), null);
  assert.equal(at("sobel_x", [3, 3]), "sobel_x");
});

test("choosing a preset brings its size where the kernel's is not one of its own", () => {
  const state = { k: [5, 5], w: "1,2;3,4" };
  assert.deepEqual(choosePreset(state, "sobel_x"), { k: [3, 3], w: "sobel_x" });
  assert.deepEqual(choosePreset(state, "box_blur"), { k: [5, 5], w: "box_blur" });
  assert.deepEqual(choosePreset({ k: [4, 4], w: null }, "identity"), { k: [3, 3], w: "identity" });
  assert.deepEqual(choosePreset(state, ""), { k: [5, 5], w: null });
});

test("a random seed is never 0, the paper's numbers", () => {
  assert.equal(randomSeed(999_999, () => 0), 1);
  assert.equal(randomSeed(999_999, () => 0.9999999999), 999_999);
});

test("the input unit under a cell of the figure's left grid", () => {
  const kinds = (rows) => rows.map((row) => [...row].map((k) => ({ i: "input", p: "padding", z: "inserted" })[k]));
  // Figure 2.2's corner: a 5×5 input padded by 1.
  const padded = {
    canvas: null, transpose: null, padding: { top: 1, bottom: 1, left: 1, right: 1 },
    grid: { kinds: kinds(["ppppppp", "piiiiip", "piiiiip", "piiiiip", "piiiiip", "piiiiip", "ppppppp"]) },
  };
  assert.equal(inputUnitOf(padded, [0, 3]), null);
  assert.deepEqual(inputUnitOf(padded, [1, 1]), [0, 0]);
  assert.deepEqual(inputUnitOf(padded, [5, 3]), [4, 2]);
  // Figure 4.5's: a 2×2 input stretched by stride 2 and padded by 2 (equivalent padding).
  const stretched = {
    canvas: null, params: { s: [2, 2] }, padding: { top: 0, bottom: 0, left: 0, right: 0 },
    transpose: { equivalent_padding: { top: 2, bottom: 2, left: 2, right: 2 } },
    grid: { kinds: kinds(["ppppppp", "ppppppp", "ppizipp", "ppzzzpp", "ppizipp", "ppppppp", "ppppppp"]) },
  };
  assert.deepEqual(inputUnitOf(stretched, [4, 4]), [1, 1]);
  assert.deepEqual(inputUnitOf(stretched, [2, 4]), [0, 1]);
  assert.equal(inputUnitOf(stretched, [3, 3]), null);
  // The scatter view's left grid is the input.
  assert.deepEqual(inputUnitOf({ canvas: {} }, [1, 0]), [1, 0]);
});

// The same table app/core/matrices.py and kernels.py are held to (tests/test_values_cases.py).
const CASES = JSON.parse(readFileSync(new URL("../cases/values.json", import.meta.url), "utf-8"));

test("numbers and presets as the engine reads and writes them: the shared cases", () => {
  for (const [value, text] of CASES.number_text) assert.equal(numberText(value), text, String(value));
  for (const [text, value] of CASES.entry) assert.equal(parseEntry(text), value, text);
  for (const [name, k, takes] of CASES.preset_takes) assert.equal(presetTakes(name, k), takes, `${name} ${k}`);
});
