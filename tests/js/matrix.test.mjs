// The matrix view's words, held to cases worked by hand: the paper's 4 × 16 matrix of
// figure 2.1 (section 4.1) with figure 1.1's numbers, and a padded window for im2col.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  cellName, columnScatter, densityText, drawable, matrixSummary, memoryFigures, patchProduct,
  rowProduct, subscript, weightName,
} from "../../static/js/matrix_logic.js";
import { translator } from "../../static/js/translate.js";

// Section 4.1's C for figure 2.1: row r's window starts at input cell (r // 2, r % 2).
const ENTRIES = [];
for (let row = 0; row < 4; row += 1) {
  const [top, left] = [Math.floor(row / 2), row % 2];
  for (let kr = 0; kr < 3; kr += 1) {
    for (let kc = 0; kc < 3; kc += 1) ENTRIES.push([row, (top + kr) * 4 + left + kc, kr, kc]);
  }
}
// Figure 1.1's input (its top-left 4×4) and kernel; outputs 12, 12, 10, 17.
const VALUES = {
  input: [3, 3, 2, 1, 0, 0, 1, 3, 3, 1, 2, 2, 2, 0, 0, 2],
  kernel: [[0, 1, 2], [2, 2, 0], [0, 1, 2]],
  output: [12, 12, 10, 17],
  channels: 1,
};

test("subscripts and the paper's names", () => {
  assert.equal(subscript(10), "₁₀");
  assert.equal(weightName(0, 2), "w₀,₂");
  assert.equal(cellName([1, 12]), "x₁,₁₂");
});

test("a row of C written out, in symbols and in numbers", () => {
  assert.equal(
    rowProduct(ENTRIES, 0),
    "y₀ = w₀,₀·x₀ + w₀,₁·x₁ + w₀,₂·x₂ + w₁,₀·x₄ + w₁,₁·x₅ + w₁,₂·x₆ + w₂,₀·x₈ + w₂,₁·x₉ + w₂,₂·x₁₀",
  );
  // 0·3 + 1·3 + 2·2 + 2·0 + 2·0 + 0·1 + 0·3 + 1·1 + 2·2 = 12, figure 1.1's first output.
  assert.equal(
    rowProduct(ENTRIES, 0, VALUES),
    "y₀ = 0·3 + 1·3 + 2·2 + 2·0 + 2·0 + 0·1 + 0·3 + 1·1 + 2·2 = 12",
  );
  assert.equal(rowProduct([], 3), "y₃ = 0");
  const negative = { ...VALUES, kernel: [[-1, 1, 2], [2, 2, 0], [0, 1, 2]], channels: 2 };
  assert.match(rowProduct(ENTRIES, 0, negative), /^y₀ = \(−1\)·3 \+ .* \(× 2\) = 12$/);
});

test("a column of the transposed layer's matrix scatters one input unit", () => {
  // Figure 4.1's layer multiplies by Cᵀ: its input unit 0 (Cᵀ's column 0, C's row 0)
  // writes its kernel copy to the nine output cells C's first window covers.
  const transposed = ENTRIES.map(([row, col, kr, kc]) => [col, row, kr, kc]);
  assert.equal(
    columnScatter(transposed, 0),
    "y₀ += w₀,₀·x₀, y₁ += w₀,₁·x₀, y₂ += w₀,₂·x₀, y₄ += w₁,₀·x₀, y₅ += w₁,₁·x₀, " +
      "y₆ += w₁,₂·x₀, y₈ += w₂,₀·x₀, y₉ += w₂,₁·x₀, y₁₀ += w₂,₂·x₀",
  );
});

test("im2col: a padded window's taps on zeros drop out", () => {
  // i=3, k=3, p=1: output (0, 0)'s window reads input (0,0), (0,1), (1,0), (1,1) with the
  // kernel's bottom-right taps.
  const cells = [[null, null, null, null, [0, 0], [0, 1], null, [1, 0], [1, 1]]];
  assert.equal(patchProduct(cells, 0, [3, 3], 3), "y₀ = w₁,₁·x₀,₀ + w₁,₂·x₀,₁ + w₂,₁·x₁,₀ + w₂,₂·x₁,₁");
  const values = { input: [1, 2, 3, 4, 5, 6, 7, 8, 9], kernel: [[1, 1, 1], [1, 2, 3], [1, 4, 5]],
    output: [2 + 6 + 16 + 25], channels: 1 };
  assert.equal(patchProduct(cells, 0, [3, 3], 3, values), "y₀ = 2·1 + 3·2 + 4·4 + 5·5 = 49");
  assert.equal(patchProduct([[null, null]], 0, [1, 2], 3), "y₀ = 0");
});

test("what is drawn and what is summarised", () => {
  assert.ok(drawable([4, 16]));
  assert.ok(drawable([64, 64]));
  assert.ok(!drawable([65, 64]));
  assert.ok(!drawable([64, 65]));
  assert.ok(!drawable([4, 16], false));
  const t = translator({
    "matrix.summary": "{rows}×{cols}, {nonzeros} ({density} %)",
    "matrix.summary_count": "{rows}×{cols}, {count}",
  });
  assert.equal(
    matrixSummary({ shape: [1024, 1024], count: 8836, nonzeros: 8836, density: 8836 / 1048576 }, t),
    "1,024×1,024, 8,836 (0.84 %)",
  );
  assert.equal(matrixSummary({ shape: [5, 6], count: 7, nonzeros: null, density: null }, t), "5×6, 7");
  assert.equal(densityText(36 / 64), "56.25");
  assert.equal(densityText(5.36e-7), "0.000054");
  assert.equal(densityText(0), "0");
});

test("im2col's memory against the input's", () => {
  assert.deepEqual(memoryFigures({ shape: [9, 4], values: 36, input: 16 }), {
    taps: 9, columns: 4, values: "36", input: "16", ratio: "2.25",
  });
  assert.equal(memoryFigures({ shape: [9, 1024], values: 9216, input: 1024 }).values, "9,216");
});

test("a strip's names drop the row it does not have: w₂, x₃", () => {
  // i = 6, k = 3 in 1-D: row 1 of C reads inputs 1, 2, 3 with weights 0, 1, 2 (the plane's
  // kernel row 0).
  const entries = [[1, 1, 0, 0], [1, 2, 0, 1], [1, 3, 0, 2]];
  assert.equal(rowProduct(entries, 1, null, true), "y₁ = w₀·x₁ + w₁·x₂ + w₂·x₃");
  assert.equal(rowProduct(entries, 1), "y₁ = w₀,₀·x₁ + w₀,₁·x₂ + w₀,₂·x₃");
  assert.equal(columnScatter(entries, 2, true), "y₁ += w₁·x₂");
  const cells = [[[0, 0], [0, 1], [0, 2]]];
  assert.equal(patchProduct(cells, 0, [1, 3], 6, null, true), "y₀ = w₀·x₀ + w₁·x₁ + w₂·x₂");
  assert.equal(weightName(0, 2, true), "w₂");
  assert.equal(cellName([0, 3], true), "x₃");
});
