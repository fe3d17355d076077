// A step in words, against windows worked out by hand: which rows and columns of the grid a
// step reads (a range, or the taps of a dilated kernel one by one), in both languages.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { cellsText, narration, spanText } from "../../static/js/narration.js";
import { translator } from "../../static/js/translate.js";
import { FIGURE_2_1, SCATTER, windowCells } from "./answers.mjs";

const catalogue = (lang) => JSON.parse(readFileSync(new URL(`../../app/web/locales/${lang}.json`, import.meta.url)));
const en = translator(catalogue("en"));
const ko = translator(catalogue("ko"));

test("numbers without gaps are a range, with gaps a list, one alone itself", () => {
  assert.equal(spanText([2, 3, 4, 2, 3, 4]), "2–4");
  assert.equal(spanText([4, 0, 2]), "0, 2, 4");
  assert.equal(spanText([5, 5]), "5");
  assert.equal(spanText([0, 1]), "0–1");
});

test("figure 2.1's fourth step: output (1, 1) is the weighted sum over rows 1–3, columns 1–3", () => {
  assert.equal(narration(FIGURE_2_1, 3, en),
    "Step 4 of 4: output (1, 1) is the sum over grid rows 1–3, columns 1–3, each cell times its kernel weight.");
  assert.equal(narration(FIGURE_2_1, 3, ko),
    "4단계 중 4단계: 출력 (1, 1)은 격자 행 1–3, 열 1–3의 칸마다 커널 가중치를 곱해 더한 합입니다.");
});

test("the issue's example: a 3×3 window at rows 2–4, columns 0–2 is step 4 of 9", () => {
  // A 3×3 kernel, stride 2, over a 5×5 input padded by 1 to 7×7: a 3×3 output, 9 steps;
  // the fourth is output (1, 0), whose window starts at grid row 2, column 0.
  const frames = [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => ({
    output: [r, c], cells: windowCells(2 * r, 2 * c, 3),
  })));
  const data = { op: "conv", frames, canvas: null, transpose: null };
  assert.equal(narration(data, 3, en),
    "Step 4 of 9: output (1, 0) is the sum over grid rows 2–4, columns 0–2, each cell times its kernel weight.");
  assert.equal(narration(data, 3, ko),
    "9단계 중 4단계: 출력 (1, 0)은 격자 행 2–4, 열 0–2의 칸마다 커널 가중치를 곱해 더한 합입니다.");
});

test("a dilated kernel's taps are listed: k=3, d=2 reads rows 0, 2, 4 and columns 2, 4, 6", () => {
  // Output (0, 1) of a 3×3 kernel with dilation 2 and stride 2 starts at column 2.
  const cells = [0, 2, 4].flatMap((r) => [2, 4, 6].map((c) => [r, c]));
  const data = { op: "conv", frames: [{ output: [0, 0], cells }, { output: [0, 1], cells }], canvas: null, transpose: null };
  assert.equal(narration(data, 1, en),
    "Step 2 of 2: output (0, 1) is the sum over grid rows 0, 2, 4, columns 2, 4, 6, each cell times its kernel weight.");
  assert.equal(cellsText(cells, ko), "행 0, 2, 4, 열 2, 4, 6");
});

test("pooling says maximum or average; a 1×1 window and a 1×k window are said in the singular", () => {
  const frames = [{ output: [2, 1], cells: [[4, 2], [4, 3], [5, 2], [5, 3]] }];
  assert.equal(narration({ op: "maxpool", frames, canvas: null }, 0, en),
    "Step 1 of 1: output (2, 1) is the maximum over grid rows 4–5, columns 2–3.");
  assert.equal(narration({ op: "avgpool", frames, canvas: null }, 0, ko),
    "1단계 중 1단계: 출력 (2, 1)은 격자 행 4–5, 열 2–3의 평균입니다.");
  assert.equal(cellsText([[3, 7]], en), "row 3, column 7");
  assert.equal(cellsText([[0, 1], [0, 2], [0, 3]], en), "row 0, columns 1–3");
});

test("a transposed convolution's direct view is the flipped kernel over the stretched input", () => {
  // i=2, k=3, s=2, p=0: the stretched 3×3 input padded by 2 to 7×7; output (0, 0) reads 0–2.
  const data = { op: "transpose", transpose: { kernel_flipped: true }, canvas: null,
    frames: [{ output: [0, 0], cells: windowCells(0, 0, 3) }, { output: [0, 1], cells: windowCells(0, 1, 3) }] };
  assert.equal(narration(data, 1, en),
    "Step 2 of 2: output (0, 1) is the sum over grid rows 0–2, columns 1–3 of the stretched input, each cell times its weight in the flipped kernel.");
});

test("the scatter view: where an input unit's kernel copy lands, and how much of it is kept", () => {
  // Figure 4.1's geometry: input (1, 0)'s copy covers canvas rows 1–3, columns 0–2; the
  // bottom row is cropped, so 6 of its 9 cells are in the output.
  assert.equal(narration(SCATTER, 2, en),
    "Step 3 of 4: input (1, 0) times the kernel is added to canvas rows 1–3, columns 0–2; 6 of those 9 cells are in the output.");
  assert.equal(narration(SCATTER, 0, ko),
    "4단계 중 1단계: 입력 (0, 0)에 커널을 곱해 캔버스 행 0–2, 열 0–2에 더하며, 그 칸 9개 중 9개가 출력 안에 있습니다.");
});
