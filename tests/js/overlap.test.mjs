// The overlap heatmap's words and colours, held to cases worked by hand: input unit u puts
// its kernel's tap j on output line u·s + j·d − p, and a cell's count is its row's times its
// column's.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  changesText, countValues, countsText, heatColour, overlapKind, overlapSentence, rampOf,
} from "../../static/js/overlap_logic.js";
import { translator } from "../../static/js/translate.js";

const catalogue = (lang) => JSON.parse(readFileSync(new URL(`../../app/locales/${lang}.json`, import.meta.url)));
const en = translator(catalogue("en"));
const ko = translator(catalogue("ko"));
const outer = (rows, cols) => rows.map((r) => cols.map((c) => r * c));

// i=4, k=3, s=2, p=0: o = 3·2 + 3 = 9; taps land on 0-2, 2-4, 4-6, 6-8.
const K3 = [1, 1, 2, 1, 2, 1, 2, 1, 1];
// i=4, k=4, s=2, p=0: o = 10; taps land on 0-3, 2-5, 4-7, 6-9.
const K4 = [1, 1, 2, 2, 2, 2, 2, 2, 1, 1];
// i=4, k=3, s=2, d=2, p=1: o = 9; taps on u·2 + 2j − 1, odd lines only.
const HOLES = [0, 2, 0, 3, 0, 3, 0, 2, 0];

const checkerboard = {
  counts: outer(K3, K3), uneven: ["height", "width"], alternative: "op=transpose&i=4&k=4&s=2&p=1&a=1",
};
const even = { counts: outer(K4, K4), uneven: [], alternative: null };
const holes = { counts: outer(HOLES, HOLES), uneven: ["height", "width"], alternative: null };

test("the counts of a line and of a grid", () => {
  assert.deepEqual(countValues([K3]), [1, 2]);
  assert.deepEqual(countValues(outer(K3, K3)), [1, 2, 4]);
  assert.deepEqual(countValues(outer(K4, K4)), [1, 2, 4]);
  assert.deepEqual(countValues(outer(HOLES, HOLES)), [0, 4, 6, 9]);
});

test("which sentence: even, the checkerboard, or holes no kernel size mends", () => {
  assert.equal(overlapKind(even), "even");
  assert.equal(overlapKind(checkerboard), "uneven");
  assert.equal(overlapKind(holes), "holes");
  // A kernel smaller than the stride leaves holes too, but a larger kernel mends them.
  const small = { counts: [[1, 0, 1, 0, 1]], uneven: ["width"], alternative: "op=transpose&i=3,3&k=1,2" };
  assert.equal(overlapKind(small), "uneven");
});

test("the even sentence names the interior count", () => {
  const said = overlapSentence(en, even, "op=transpose&i=4&k=4&s=2&p=0");
  assert.equal(said.text, "Every output cell away from the edges gathers 4 kernel copies: no checkerboard.");
  assert.equal(said.link, null);
  // One dimension: k=4, s=2 puts 2 copies on each interior line.
  assert.match(overlapSentence(en, { counts: [K4], uneven: [], alternative: null }, "").text, / 2 kernel copies/);
});

test("the checkerboard sentence, its advice and the link to the even configuration", () => {
  const said = overlapSentence(en, checkerboard, "op=transpose&i=4&k=3&s=2&p=0");
  assert.equal(said.text,
    "The kernel size k is not a multiple of the stride s (in height and width): neighbouring "
    + "output cells gather different numbers of kernel copies (1, 2 and 4 here), the checkerboard "
    + "pattern of upsampling layers. Use a kernel size divisible by the stride, or resize "
    + "(nearest or bilinear) and then convolve.");
  assert.deepEqual(said.link, {
    query: "op=transpose&i=4&k=4&s=2&p=1&a=1", text: "Try k=4, p=1, a=1 (same output size)",
  });
  const line = overlapSentence(en, { counts: [K3], uneven: ["width"], alternative: null }, "");
  assert.match(line.text, /\(in width\).*\(1 and 2 here\)/);
  assert.equal(line.link, null);
  // A 1-D layer's strip: the engine names its one axis "length", never "width".
  const strip = overlapSentence(ko, { counts: [K3], uneven: ["length"], alternative: null }, "");
  assert.match(strip.text, /길이/);
  assert.match(overlapSentence(en, { counts: [K3], uneven: ["length"], alternative: null }, "").text,
    /\(in length\)/);
});

test("a volume's counts: its axes named depth first, holes found in any slice", () => {
  // i = 2 on every axis, k = 3, s = 2: each axis 1, 1, 2, 1, 1; a cell's count their product.
  const line = [1, 1, 2, 1, 1];
  const volume = line.map((z) => line.map((r) => line.map((c) => z * r * c)));
  assert.deepEqual(countValues(volume), [1, 2, 4, 8]);
  const all = overlapSentence(en, { counts: volume, uneven: ["depth", "height", "width"], alternative: null }, "");
  assert.match(all.text, /\(in depth, height and width\).*\(1, 2, 4 and 8 here\)/);
  const two = overlapSentence(ko, { counts: volume, uneven: ["depth", "width"], alternative: null }, "");
  assert.match(two.text, /깊이와 너비 방향/);
  // d = 2 with s = 2 leaves every other line of one axis unreached: a zero deep in a slice.
  const holed = volume.map((slice, z) => (z === 2 ? slice.map((row) => row.map((v, c) => (c % 2 ? 0 : v))) : slice));
  assert.equal(overlapKind({ counts: holed, uneven: ["width"], alternative: null }), "holes");
  assert.equal(changesText("op=transpose&k=3", "op=transpose&k=3,4,4"), "k=(3, 4, 4)");
});

test("holes: no kernel size fixes them", () => {
  const said = overlapSentence(en, holes, "op=transpose&i=4&k=3&s=2&p=1&d=2");
  assert.match(said.text, /no kernel size fixes it\. Lower the dilation or the stride\.$/);
  assert.equal(said.link, null);
});

test("the Korean sentences use the course terms", () => {
  const said = overlapSentence(ko, checkerboard, "op=transpose&i=4&k=3&s=2&p=0");
  for (const word of ["체커보드", "커널 사본", "스트라이드", "1, 2, 4개", "높이와 너비"]) assert.ok(said.text.includes(word), word);
  assert.equal(said.link.text, "k=4, p=1, a=1로 바꿔 보기 (출력 크기 같음)");
  assert.match(overlapSentence(ko, holes, "").text, /팽창\(딜레이션\)/);
  assert.match(overlapSentence(ko, even, "").text, /커널 사본이 4개씩/);
});

test("the changes a link makes: only what differs, defaults where left out, pairs in brackets", () => {
  assert.equal(changesText("op=transpose&i=4&k=3&s=2&p=0", "op=transpose&i=4&k=4&s=2&p=1&a=1"), "k=4, p=1, a=1");
  assert.equal(changesText("op=transpose&i=4&k=3,4&s=2&p=0&a=1", "op=transpose&i=4&k=4&s=2&p=1"), "k=4, p=1, a=0");
  assert.equal(changesText("op=transpose&i=5&k=3&s=2", "op=transpose&i=5&k=4,3&s=2&p=1,0"), "k=(4, 3), p=(1, 0)");
  assert.equal(countsText(en, [0, 1]), "0 and 1");
});

test("the ramp: lightest at the fewest copies, darkest at the most, in order", () => {
  const lightness = (colour) => Number(/ ([\d.]+)%\)$/.exec(colour)[1]);
  assert.equal(heatColour(1, 1, 4), "hsl(275 55% 97%)");
  assert.equal(heatColour(4, 1, 4), "hsl(275 55% 66%)");
  assert.ok(lightness(heatColour(2, 1, 4)) < 97 && lightness(heatColour(2, 1, 4)) > 66);
  // One count only: the middle of the ramp.
  assert.equal(lightness(heatColour(3, 3, 3)), 81.5);
  const ramp = rampOf(outer(K3, K3));
  assert.deepEqual(ramp.map((step) => step.count), [1, 2, 4]);
  assert.deepEqual(ramp.map((step) => lightness(step.colour)), [97, 86.7, 66]);
});
