// PyTorch's 'same', TensorFlow's SAME and an explicit padding of the current convolution,
// side by side: the engine's padding_comparison (app/core/samepadding.py) as a table.
import { pairScalar, pairSize } from "./format.js";
import { t } from "./messages.js";

function cell(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

const sides = (s) => `${s.top}, ${s.bottom}, ${s.left}, ${s.right}`;
const windowText = (span) => t("compare.window",
  { r0: span.rows[0], r1: span.rows[1], c0: span.cols[0], c1: span.cols[1] });

// Each row: its label's key and what a valid case shows.
const ROWS = [
  ["compare.sides", (c) => sides(c.sides)],
  ["compare.output", (c) => pairSize(c.output_shape)],
  ["compare.first", (c) => windowText(c.first_window)],
  ["compare.last", (c) => windowText(c.last_window)],
];

// A strip's and a volume's rows: their own axes' sides and spans (depth first).
const axisSides = (c) => c.axis_sides.map(([before, after]) => `${before}, ${after}`).join(" · ");
const spansText = (spans) => (spans.length === 1
  ? t("compare.window_1d", { c0: spans[0][0], c1: spans[0][1] })
  : t("compare.window_3d", {
    z0: spans[0][0], z1: spans[0][1], r0: spans[1][0], r1: spans[1][1], c0: spans[2][0], c1: spans[2][1],
  }));
const ROWS_BY_DIMS = {
  1: [
    ["shapes.padding_1d", axisSides],
    ["compare.output", (c) => pairSize(c.output_shape)],
    ["compare.first_1d", (c) => spansText(c.first_spans)],
    ["compare.last", (c) => spansText(c.last_spans)],
  ],
  3: [
    ["shapes.padding_3d", axisSides],
    ["compare.output", (c) => pairSize(c.output_shape)],
    ["compare.first_3d", (c) => spansText(c.first_spans)],
    ["compare.last", (c) => spansText(c.last_spans)],
  ],
};

/** The comparison for op=conv; hidden (and left as it was) for any other operation. */
export function renderPaddingComparison(answer) {
  const box = document.getElementById("padding-compare");
  const comparison = answer.padding_comparison;
  box.hidden = !comparison;
  if (!comparison) return;
  const { cases } = comparison;
  const explicit = cases[2];
  const heads = box.querySelectorAll("thead th");
  heads[2].textContent = t("compare.explicit", { p: pairScalar(explicit.p) });
  cases.forEach((c, index) => {
    heads[index].classList.toggle("current", c.query === answer.query);
    heads[index].title = c.query === answer.query ? t("compare.current") : "";
  });
  const dims = answer.params.dims ?? 2;
  const rows = ROWS_BY_DIMS[dims] ?? ROWS;
  const body = box.querySelector("tbody");
  body.replaceChildren(...rows.map(([key, show], row) => {
    const tr = document.createElement("tr");
    tr.append(cell("th", t(key)));
    tr.firstChild.scope = "row";
    for (const c of cases) {
      if (!c.refusal) tr.append(cell("td", show(c)));
      // A refused padding says why once, across its column's rows.
      else if (row === 0) {
        const td = cell("td", c.refusal);
        td.rowSpan = rows.length;
        td.className = "refused";
        tr.append(td);
      }
    }
    return tr;
  }));
  // The input's last cell on each axis: one below the size.
  const shape = answer.input_shape.map((size) => size - 1);
  const [key, values] = {
    1: ["compare.padding_cells_1d", { w: shape[0] }],
    3: ["compare.padding_cells_3d", { d: shape[0], h: shape[1], w: shape[2] }],
  }[dims] ?? ["compare.padding_cells", { h: shape[0], w: shape[1] }];
  document.getElementById("padding-compare-cells").textContent = t(key, values);
}
