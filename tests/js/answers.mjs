// Engine answers written by hand for the node tests: only the fields the figure reads, with
// the paper's geometry and its chapter-1 numbers (figure 1.1's input and kernel).

/** The cells of a k×k window whose top-left is (r, c), row by row. */
export const windowCells = (r, c, k) =>
  Array.from({ length: k * k }, (_, j) => [r + Math.floor(j / k), c + (j % k)]);

const KERNEL = [[0, 1, 2], [2, 2, 0], [0, 1, 2]];
const INPUT_4 = [[3, 3, 2, 1], [0, 0, 1, 3], [3, 1, 2, 2], [2, 0, 0, 2]];

/** Figure 2.1: a 3×3 kernel over a 4×4 input, no padding, unit strides; output 2×2. */
export const FIGURE_2_1 = {
  op: "conv",
  query: "op=conv&i=4&k=3&s=1&p=0",
  input_shape: [4, 4],
  output_shape: [2, 2],
  padding: { top: 0, bottom: 0, left: 0, right: 0 },
  grid: { shape: [4, 4], kinds: Array.from({ length: 4 }, () => Array(4).fill("input")) },
  canvas: null,
  transpose: null,
  frames: [[0, 0], [0, 1], [1, 0], [1, 1]].map(([r, c]) => ({
    output: [r, c], cells: windowCells(r, c, 3), window: [r, c, r + 2, c + 2],
  })),
  // Figure 1.1's first outputs: 12, 12 / 10, 17.
  values: { input: INPUT_4, grid: INPUT_4, kernel: KERNEL, taps: KERNEL, output: [[12, 12], [10, 17]] },
};

/** Figure 4.1's geometry: a 3×3 kernel's copies from a 2×2 input land on a 4×4 canvas. The
 * bottom canvas row is marked cropped, as an output padding or crop would leave it. */
export const SCATTER = {
  op: "transpose",
  query: "op=transpose&i=2&k=3&s=1&p=0",
  input_shape: [2, 2],
  output_shape: [3, 4],
  grid: null,
  canvas: {
    shape: [4, 4],
    kinds: [0, 1, 2, 3].map((r) => Array(4).fill(r === 3 ? "cropped" : "output")),
  },
  frames: [[0, 0], [0, 1], [1, 0], [1, 1]].map(([r, c]) => ({ input: [r, c], cells: windowCells(r, c, 3) })),
  values: {
    input: [[3, 3], [0, 0]],
    kernel: KERNEL,
    canvas: [[0, 3, 9, 6], [6, 12, 6, 0], [0, 3, 9, 6], [0, 0, 0, 0]],
  },
};
