// The arithmetic panel: shapes, the layer's cost (weight, parameters, MACs and FLOPs, with
// seed 002's formulas substituted), the paper's relationship as MathML, the numbers
// substituted, the engine's notes, and for a transposed convolution the paper's two views.
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

const count = (n) => n.toLocaleString(document.documentElement.lang || "en");

// The cost rows' formulas by operation: [with bias, without], and the MACs'.
const PARAMS_KEYS = {
  conv: ["cost.params_conv", "cost.params_conv_no_bias"],
  transpose: ["cost.params_transpose", "cost.params_transpose_no_bias"],
};
const MACS_KEYS = { conv: "cost.macs_conv", transpose: "cost.macs_transpose" };

/** The cost rows; the formulas' numbers are the answer's own parameters. */
function renderCosts(answer) {
  const costs = document.getElementById("costs");
  costs.replaceChildren();
  const { c_in: c, c_out: n, g, bias } = answer.params;
  const [kh, kw] = answer.kernel_shape;
  const total = answer.param_count;
  row(costs, t("shapes.volume"), answer.output_volume.join("×"));
  if (answer.op === "conv" || answer.op === "transpose") {
    row(costs, t("shapes.weight"), answer.weight_shape.join(" × "));
  } else {
    row(costs, t("shapes.weight"), t("shapes.weight_none"));
    row(costs, t("cost.params_pool"), "0");
    row(costs, t("cost.macs_pool"), t("cost.pool_none"));
    return;
  }
  const split = t("cost.params_split",
    { weights: count(total.weights), biases: count(total.biases) });
  let params;
  let macs;
  if (answer.op === "conv") {
    const [h, w] = answer.output_shape;
    params = bias ? `${n}·(${c / g}·${kh}·${kw} + 1)` : `${n}·${c / g}·${kh}·${kw}`;
    macs = `${c / g}·${h}·${w}·${kh}·${kw}·${n}`;
  } else {
    const [h, w] = answer.input_shape;
    params = `${c}·${n / g}·${kh}·${kw}` + (bias ? ` + ${n}` : "");
    macs = `${c}·${h}·${w}·${kh}·${kw}·${n / g}`;
  }
  row(costs, t(PARAMS_KEYS[answer.op][bias ? 0 : 1]), `${params} = ${count(total.total)} (${split})`);
  row(costs, t(MACS_KEYS[answer.op]), `${macs} = ${count(answer.macs)}`);
  row(costs, t("cost.flops"), count(answer.flops));
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
  renderCosts(answer);
  const summed = document.getElementById("channels-summed");
  // An answer without numbers (a layer too large to draw) has nothing summed to explain.
  const slices = answer.values?.channels ?? 1;
  summed.hidden = slices === 1;
  summed.textContent = summed.hidden ? "" : t("cost.channels_summed", { n: slices });

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
