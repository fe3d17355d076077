// The arithmetic panel: shapes, the paper's relationship as MathML, the numbers substituted,
// the engine's notes, and for a transposed convolution the paper's two views of it.
import { pairScalar, pairSize } from "./format.js";
import { t } from "./messages.js";

function row(list, term, value) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  list.append(dt, dd);
}

// The MathML is the engine's own markup (app/core/mathml.py escapes every name), so it is
// parsed as markup; everything else on the panel is set as text.
function math(container, markup) {
  container.innerHTML = markup;
}

export function renderFormula(answer) {
  const shapes = document.getElementById("shapes");
  shapes.replaceChildren();
  const pad = answer.padding;
  row(shapes, t("shapes.input"), pairSize(answer.input_shape));
  row(shapes, t("shapes.padding"), `${pad.top}, ${pad.bottom}, ${pad.left}, ${pad.right}`);
  row(shapes, t("shapes.kernel"),
    `${pairSize(answer.kernel_shape)} (${pairSize(answer.effective_kernel_shape)})`);
  if (answer.op === "transpose") {
    const eq = answer.transpose.equivalent_padding;
    row(shapes, t("shapes.grid_padding"), `${eq.top}, ${eq.bottom}, ${eq.left}, ${eq.right}`);
  }
  // The arithmetic's padded_shape: a layer too large to draw has no grid to read it from.
  if (answer.canvas) row(shapes, t("shapes.canvas"), pairSize(answer.canvas.shape));
  else row(shapes, t("shapes.grid"), pairSize(answer.padded_shape));
  row(shapes, t("shapes.output"), pairSize(answer.output_shape));

  const rel = answer.relationship;
  document.getElementById("relationship").textContent = rel.number
    ? t("formula.relationship", { number: rel.number, title: rel.title })
    : t("formula.beyond", { title: rel.title });
  math(document.getElementById("formula"), rel.formula_mathml);
  const substituted = document.getElementById("substituted");
  substituted.replaceChildren();
  const axes = rel.substituted_mathml.length === 1 ? [null] : ["axis.h", "axis.w"];
  rel.substituted_mathml.forEach((markup, index) => {
    const label = document.createElement("p");
    label.className = "math-label";
    label.textContent = axes[index]
      ? t("formula.here_axis", { axis: t(axes[index]) })
      : t("formula.here");
    const box = document.createElement("div");
    math(box, markup);
    substituted.append(label, box);
  });

  const notes = document.getElementById("notes");
  document.getElementById("notes-title").hidden = answer.notes.length === 0;
  notes.replaceChildren(...answer.notes.map((note) => {
    const li = document.createElement("li");
    li.textContent = note;
    return li;
  }));

  const transpose = document.getElementById("transpose");
  transpose.hidden = answer.op !== "transpose";
  if (answer.op === "transpose") {
    const direct = answer.transpose.direct;
    document.getElementById("transpose-direct").textContent = t("formula.transpose_direct", {
      k: pairScalar(direct.kernel), s: pairScalar(direct.stride), p: pairScalar(direct.padding),
      ih: direct.input_shape[0], iw: direct.input_shape[1],
      oh: direct.output_shape[0], ow: direct.output_shape[1],
    });
    const eq = answer.transpose.equivalent_padding;
    const [sh, sw] = answer.transpose.stretched_shape;
    document.getElementById("transpose-equivalent").textContent = t(
      "formula.transpose_equivalent",
      { sh, sw, pt: eq.top, pb: eq.bottom, pl: eq.left, pr: eq.right },
    );
  }
}
