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
  const body = box.querySelector("tbody");
  body.replaceChildren(...ROWS.map(([key, show], row) => {
    const tr = document.createElement("tr");
    tr.append(cell("th", t(key)));
    tr.firstChild.scope = "row";
    for (const c of cases) {
      if (!c.refusal) tr.append(cell("td", show(c)));
      // A refused padding says why once, across its column's rows.
      else if (row === 0) {
        const td = cell("td", c.refusal);
        td.rowSpan = ROWS.length;
        td.className = "refused";
        tr.append(td);
      }
    }
    return tr;
  }));
  const [h, w] = answer.input_shape;
  document.getElementById("padding-compare-cells").textContent =
    t("compare.padding_cells", { h, w });
}
