// Image mode's logic: the kernel it filters with, /api/filter's query from the figure's,
// the patch a click picks (at the picture's edges too) and the words under the pictures.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  filterQuery, fileProblem, imageKernel, inputCaptions, moveCenter, parseSize,
  patchBounds, patchRows, patchSize, patchState, patchWords, pixelAt, resultCaptions,
} from "../../static/js/image_logic.js";
import { matrixText } from "../../static/js/values.js";
import { translator } from "../../static/js/translate.js";

const t = translator(
  JSON.parse(readFileSync(new URL("../../app/locales/en.json", import.meta.url), "utf-8")),
);
const PRESETS = ["identity", "box_blur", "gaussian_blur", "sharpen", "sobel_x"];
const PAPER = [[0, 1, 2], [2, 2, 0], [0, 1, 2]];

const answer = (op, w, kernel = PAPER) => ({ op, params: { w }, values: kernel ? { kernel } : undefined });

test("the kernel: a preset, the learner's own weights, the figure's numbers, or none", () => {
  assert.deepEqual(imageKernel(answer("conv", "sobel_x"), PRESETS), { w: "sobel_x", source: "preset" });
  assert.deepEqual(imageKernel(answer("conv", "1,0;0,-1"), PRESETS), { w: "1,0;0,-1", source: "own" });
  assert.deepEqual(imageKernel(answer("conv", null), PRESETS), { w: "0,1,2;2,2,0;0,1,2", source: "figure" });
  // Too large to draw: the arithmetic alone has no numbers.
  assert.deepEqual(imageKernel(answer("conv", null, null), PRESETS), { w: null, source: "unknown" });
  for (const op of ["transpose", "maxpool", "avgpool"]) {
    assert.deepEqual(imageKernel(answer(op, null), PRESETS), { w: null, source: "not_conv" });
  }
});

test("matrix text as a link writes it", () => {
  assert.equal(matrixText([[1, -2.5], [0, 3]]), "1,-2.5;0,3");
  assert.equal(matrixText([[7]]), "7");
});

test("the filter's query: the figure's kernel settings, the picture and the display", () => {
  const figure = "op=conv&i=5&k=3&s=2&p=1&d=2&padding_mode=reflect&x=1,2;3,4&w=sobel_x&seed=3";
  assert.equal(
    filterQuery(figure, { w: "sobel_x", sample: "rings" }),
    "sample=rings&k=3&s=2&p=1&d=2&w=sobel_x&padding_mode=reflect",
  );
  // The figure's numbers stand in for the paper's kernel; a padding keyword passes as it is.
  assert.equal(
    filterQuery("op=conv&i=5&k=3&s=1&p=same", { w: "0,1,2;2,2,0;0,1,2", sample: "shapes", scale: "normalize" }),
    "sample=shapes&k=3&s=1&p=same&w=0,1,2;2,2,0;0,1,2&scale=normalize",
  );
  // An upload's query has no sample; the input picture is asked for with show=input.
  assert.equal(filterQuery("op=conv&i=5&k=3&s=1&p=0", { w: "identity", show: "input" }), "k=3&s=1&p=0&w=identity&show=input");
  assert.equal(filterQuery("op=conv&i=5&k=3&s=1&p=0&w=sharpen"), "k=3&s=1&p=0&w=sharpen");
  assert.equal(filterQuery("op=conv&i=5&k=3&s=1&p=0&w=sharpen", { w: null }), "k=3&s=1&p=0");
  assert.equal(filterQuery("k=1&w=identity", { sample: "a b", show: "input" }), "sample=a%20b&k=1&w=identity&show=input");
});

test("a patch is the kernel's extent plus two strides, at most 8 and the picture", () => {
  const one = [1, 1];
  assert.deepEqual(patchSize({ k: [3, 3], d: one, s: one }, [256, 256]), [5, 5]);
  assert.deepEqual(patchSize({ k: [3, 3], d: one, s: [2, 2] }, [256, 256]), [7, 7]);
  assert.deepEqual(patchSize({ k: [3, 5], d: [2, 1], s: one }, [256, 256]), [7, 7]);
  assert.deepEqual(patchSize({ k: [7, 1], d: one, s: one }, [256, 256]), [8, 3]);
  assert.deepEqual(patchSize({ k: [3, 3], d: [4, 4], s: one }, [256, 256]), [8, 8]);
  // A picture smaller than the patch: the whole picture.
  assert.deepEqual(patchSize({ k: [3, 3], d: one, s: one }, [2, 4]), [2, 4]);
});

test("a patch is centred on the pixel picked and moved inside at the picture's edges", () => {
  const picture = [256, 200];
  assert.deepEqual(patchBounds([100, 50], [5, 5], picture), { top: 98, left: 48, height: 5, width: 5 });
  // An even size puts the extra pixel after the centre.
  assert.deepEqual(patchBounds([100, 50], [8, 8], picture), { top: 97, left: 47, height: 8, width: 8 });
  assert.deepEqual(patchBounds([0, 0], [5, 5], picture), { top: 0, left: 0, height: 5, width: 5 });
  assert.deepEqual(patchBounds([1, 199], [5, 5], picture), { top: 0, left: 195, height: 5, width: 5 });
  assert.deepEqual(patchBounds([255, 198], [7, 7], picture), { top: 249, left: 193, height: 7, width: 7 });
  // A picture smaller than the patch: the patch is the picture.
  assert.deepEqual(patchBounds([1, 1], [5, 5], [3, 2]), { top: 0, left: 0, height: 3, width: 2 });
});

test("arrows move the patch's centre by one pixel, with Shift by 16, never off the picture", () => {
  const picture = [256, 100];
  assert.deepEqual(moveCenter([10, 10], "ArrowRight", false, picture), [10, 11]);
  assert.deepEqual(moveCenter([10, 10], "ArrowUp", true, picture), [0, 10]);
  assert.deepEqual(moveCenter([10, 95], "ArrowRight", true, picture), [10, 99]);
  assert.deepEqual(moveCenter([250, 10], "ArrowDown", true, picture), [255, 10]);
  assert.deepEqual(moveCenter([0, 0], "ArrowLeft", false, picture), [0, 0]);
  assert.equal(moveCenter([0, 0], "Enter", false, picture), null);
});

test("a point on the picture is the pixel under it, at any zoom", () => {
  assert.deepEqual(pixelAt(10.5, 3.9, [256, 256], [256, 256]), [3, 10]);
  assert.deepEqual(pixelAt(21, 7.9, [512, 512], [256, 256]), [3, 10]);
  // The far edge of the last pixel is still the last pixel.
  assert.deepEqual(pixelAt(256, 256, [256, 256], [256, 256]), [255, 255]);
  assert.deepEqual(pixelAt(-1, -1, [256, 256], [256, 256]), [0, 0]);
});

test("a patch's rows and the figure's state they become", () => {
  const grey = Uint8Array.from({ length: 4 * 5 }, (_, n) => n);
  const bounds = { top: 1, left: 2, height: 2, width: 3 };
  const rows = patchRows(grey, 5, bounds);
  assert.deepEqual(rows, [[7, 8, 9], [12, 13, 14]]);
  const state = { op: "conv", i: [5, 5], k: [3, 3], x: null };
  assert.deepEqual(patchState(state, rows), { op: "conv", i: [2, 3], k: [3, 3], x: "7,8,9;12,13,14" });
  assert.deepEqual(patchWords(bounds), { r0: 1, r1: 2, c0: 2, c1: 4, h: 2, w: 3 });
});

test("size headers", () => {
  assert.deepEqual(parseSize("127x127"), [127, 127]);
  assert.deepEqual(parseSize("480x512"), [480, 512]);
  assert.equal(parseSize(null), null);
  assert.equal(parseSize("12×12"), null);
});

test("the captions show the size change, the display scale and a shrunk upload", () => {
  const words = resultCaptions(
    { input: [256, 256], output: [127, 127], shown: "abs" }, { k: [3, 3], d: [1, 1] }, t,
  );
  assert.equal(words.kernel, "kernel 3×3");
  assert.equal(words.output, "result 127×127");
  assert.match(words.change, /^256×256 → 127×127: /);
  assert.match(words.shown, /magnitudes/);
  const dilated = resultCaptions(
    { input: [384, 512], output: [380, 508], shown: "normalize" }, { k: [3, 3], d: [2, 2] }, t,
  );
  assert.equal(dilated.kernel, "kernel 3×3, dilated to span 5×5");
  assert.match(dilated.shown, /normalized/);
  const clipped = resultCaptions({ input: [4, 4], output: [2, 2], shown: "clip" }, { k: [3, 3], d: [1, 1] }, t);
  assert.match(clipped.shown, /clipped/);
  assert.deepEqual(inputCaptions([256, 256], null, t), { input: "input 256×256", scaled: null });
  assert.deepEqual(inputCaptions([384, 512], [1200, 1600], t), {
    input: "input 384×512",
    scaled: "Your picture was 1200×1600 pixels; it was shrunk to 384×512 to be filtered.",
  });
});

test("a file over the limit is refused before it is sent, naming the limit", () => {
  const limits = { maxBytes: 4 * 2 ** 20, maxMb: "4" };
  assert.equal(fileProblem({ size: 4 * 2 ** 20 }, limits, t), null);
  assert.equal(
    fileProblem({ size: 5.5 * 2 ** 20 }, limits, t),
    "This file is 5.5 MB; image mode takes pictures of at most 4 MB. Choose a smaller one, or shrink it first.",
  );
});
