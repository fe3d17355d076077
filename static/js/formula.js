// The arithmetic panel: shapes, the layer's cost (weight, parameters, MACs and FLOPs, with
// seed 002's formulas substituted), the paper's relationship as MathML, the numbers
// substituted, the engine's notes, and for a transposed convolution the paper's two views.
import { formatCount, pairScalar, pairSize } from "./format.js";
import { t } from "./messages.js";
import { renderPaddingComparison } from "./samepadding.js";
import { separableUrl } from "./urls.js";

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

// Counts as the planner writes them (format.js): one way to group digits on every page.
const count = (n) => formatCount(n);

// The cost rows' formulas by operation: [with bias, without], and the MACs'.
const PARAMS_KEYS = {
  conv: ["cost.params_conv", "cost.params_conv_no_bias"],
  transpose: ["cost.params_transpose", "cost.params_transpose_no_bias"],
};
const MACS_KEYS = { conv: "cost.macs_conv", transpose: "cost.macs_transpose" };
// A 1-D or 3-D layer's formulas name its own axes (a strip's L and K, a volume's D·H·W and
// K³): each label's 1-D and 3-D keys (the 2-D key is the label's own).
const BY_DIMS = {
  "shapes.volume": ["shapes.volume.1d", "shapes.volume.3d"],
  "cost.params_conv": ["cost.params_conv.1d", "cost.params_conv.3d"],
  "cost.params_conv_no_bias": ["cost.params_conv_no_bias.1d", "cost.params_conv_no_bias.3d"],
  "cost.params_transpose": ["cost.params_transpose.1d", "cost.params_transpose.3d"],
  "cost.params_transpose_no_bias": ["cost.params_transpose_no_bias.1d", "cost.params_transpose_no_bias.3d"],
  "cost.macs_conv": ["cost.macs_conv.1d", "cost.macs_conv.3d"],
  "cost.macs_transpose": ["cost.macs_transpose.1d", "cost.macs_transpose.3d"],
  "kind.about.separable": ["kind.about.separable.1d", "kind.about.separable.3d"],
  "kind.sep_depthwise_params": ["kind.sep_depthwise_params.1d", "kind.sep_depthwise_params.3d"],
  "kind.sep_depthwise_params_no_bias": ["kind.sep_depthwise_params_no_bias.1d", "kind.sep_depthwise_params_no_bias.3d"],
  "kind.sep_depthwise_macs": ["kind.sep_depthwise_macs.1d", "kind.sep_depthwise_macs.3d"],
  "kind.sep_pointwise_macs": ["kind.sep_pointwise_macs.1d", "kind.sep_pointwise_macs.3d"],
  "kind.sep_approximation": ["kind.sep_approximation.1d", "kind.sep_approximation.3d"],
  "kind.sep_costlier": ["kind.sep_costlier.1d", "kind.sep_costlier.3d"],
  "kind.sep_intro": ["kind.sep_intro.1d", "kind.sep_intro.3d"],
};
const label = (dims, key, values) =>
  t(dims === 2 ? key : BY_DIMS[key]?.[dims === 1 ? 0 : 1] ?? key, values);

/** The cost rows; the formulas' numbers are the answer's own parameters. */
function renderCosts(answer) {
  const costs = document.getElementById("costs");
  costs.replaceChildren();
  const { c_in: c, c_out: n, g, bias } = answer.params;
  const dims = answer.params.dims ?? 2;
  // The kernel's and the map's sizes on every axis of the layer (1, 2 or 3 of them).
  const kernel = answer.kernel_shape.join("·");
  const total = answer.param_count;
  row(costs, label(dims, "shapes.volume"), answer.output_volume.join("×"));
  if (answer.op === "conv" || answer.op === "transpose") {
    row(costs, t("shapes.weight"), answer.weight_shape.join(" × "));
  } else {
    row(costs, t("shapes.weight"), t("shapes.weight_none"));
    row(costs, t("cost.params_pool"), "0");
    row(costs, t("cost.macs_pool"), t("cost.pool_none"));
    return;
  }
  const split = t(total.biases === 1 ? "cost.params_split_one_bias" : "cost.params_split",
    { weights: count(total.weights), biases: count(total.biases) });
  let params;
  let macs;
  if (answer.op === "conv") {
    const map = answer.output_shape.join("·");
    params = bias ? `${n}·(${c / g}·${kernel} + 1)` : `${n}·${c / g}·${kernel}`;
    macs = `${c / g}·${map}·${kernel}·${n}`;
  } else {
    const map = answer.input_shape.join("·");
    params = `${c}·${n / g}·${kernel}` + (bias ? ` + ${n}` : "");
    macs = `${c}·${map}·${kernel}·${n / g}`;
  }
  row(costs, label(dims, PARAMS_KEYS[answer.op][bias ? 0 : 1]), `${params} = ${count(total.total)} (${split})`);
  row(costs, label(dims, MACS_KEYS[answer.op]), `${macs} = ${count(answer.macs)}`);
  row(costs, t("cost.flops"), count(answer.flops));
}

// A ratio to four decimals: 0.1267.
const ratio = (x) => x.toLocaleString(document.documentElement.lang || "en",
  { minimumFractionDigits: 4, maximumFractionDigits: 4 });

/** A standard convolution's depthwise-separable replacement: each layer's cost with seed
 * 002's formulas substituted, the exact ratios, and the approximation 1/N + 1/K². */
function renderSeparable(answer) {
  const box = document.getElementById("separable");
  const separable = answer.separable;
  box.hidden = !separable;
  if (!separable) return;
  const { c_in: c, c_out: n, bias } = answer.params;
  const dims = answer.params.dims ?? 2;
  // The kernel's and the output's sizes on every axis of the layer (1, 2 or 3).
  const kernel = answer.kernel_shape.join("·");
  const map = answer.output_shape.join("·");
  const out = answer.output_shape;
  document.getElementById("separable-intro").textContent = label(dims, "kind.sep_intro",
    { k: answer.kernel_shape.join("×"), c, n, h: out.slice(0, -1).join("×") || 1, w: out.at(-1) });
  const costs = document.getElementById("separable-costs");
  costs.replaceChildren();
  const dw = separable.depthwise;
  const pw = separable.pointwise;
  row(costs, label(dims, bias ? "kind.sep_depthwise_params" : "kind.sep_depthwise_params_no_bias"),
    `${bias ? `${c}·(${kernel} + 1)` : `${c}·${kernel}`} = ${count(dw.params)}`);
  row(costs, label(dims, "kind.sep_depthwise_macs"), `${c}·${map}·${kernel} = ${count(dw.macs)}`);
  row(costs, t(bias ? "kind.sep_pointwise_params" : "kind.sep_pointwise_params_no_bias"),
    `${bias ? `${n}·(${c} + 1)` : `${n}·${c}`} = ${count(pw.params)}`);
  row(costs, label(dims, "kind.sep_pointwise_macs"), `${c}·${map}·${n} = ${count(pw.macs)}`);
  const total = answer.param_count.total;
  row(costs, t("kind.sep_ratio_params"),
    `(${count(dw.params)} + ${count(pw.params)}) / ${count(total)} = ${ratio(separable.ratio.params)}`);
  row(costs, t("kind.sep_ratio_macs"),
    `(${count(dw.macs)} + ${count(pw.macs)}) / ${count(answer.macs)} = ${ratio(separable.ratio.macs)}`);
  row(costs, label(dims, "kind.sep_approximation"),
    `1/${n} + 1/(${kernel}) = ${ratio(separable.approximation)}`);
  // With few channels the two layers cost more than the one: say so rather than let the
  // ratio pass for a saving.
  const costlier = document.getElementById("separable-costlier");
  costlier.hidden = separable.ratio.macs < 1;
  costlier.textContent = label(dims, "kind.sep_costlier");
  document.getElementById("separable-about").textContent = label(dims, "kind.about.separable");
  // The planner plans 1-D, 2-D and 3-D stacks: the pair opens there in its own dims.
  document.getElementById("separable-link").href = separableUrl(answer.params);
}

export function renderFormula(answer) {
  const shapes = document.getElementById("shapes");
  shapes.replaceChildren();
  const pad = answer.padding;
  row(shapes, t("shapes.input"), pairSize(answer.input_shape));
  // A 1-D or 3-D layer's padding: before and after on each of its axes (the answer's sides).
  const sides = answer.sides && answer.sides.length !== 2 ? answer.sides : null;
  if (sides) {
    row(shapes, t(sides.length === 1 ? "shapes.padding_1d" : "shapes.padding_3d"),
      sides.map(([before, after]) => `${before}, ${after}`).join(" · "));
  } else {
    row(shapes, t("shapes.padding"), `${pad.top}, ${pad.bottom}, ${pad.left}, ${pad.right}`);
  }
  row(shapes, t("shapes.kernel"),
    `${pairSize(answer.kernel_shape)} (${pairSize(answer.effective_kernel_shape)})`);
  if (answer.op === "transpose") {
    const eq = answer.transpose.equivalent_padding;
    const eqSides = sides && answer.transpose.equivalent_sides;
    if (eqSides) {
      row(shapes, t("shapes.grid_padding_sides"), eqSides.map(([before, after]) => `${before}, ${after}`).join(" · "));
    } else {
      row(shapes, t("shapes.grid_padding"), `${eq.top}, ${eq.bottom}, ${eq.left}, ${eq.right}`);
    }
  }
  // The arithmetic's padded_shape: a layer too large to draw has no grid to read it from.
  if (answer.canvas) row(shapes, t("shapes.canvas"), pairSize(answer.canvas.shape));
  // Without frames (a layer too large to draw) the grid is the one the kernel would sweep.
  else row(shapes, t(answer.grid ? "shapes.grid" : "shapes.grid_undrawn"), pairSize(answer.padded_shape));
  row(shapes, t("shapes.output"), pairSize(answer.output_shape));
  renderCosts(answer);
  renderSeparable(answer);
  renderPaddingComparison(answer);
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
  // One line per axis of the layer (a 1-D layer's, or every axis alike, says no axis).
  const axes = { 1: [null], 2: ["axis.h", "axis.w"], 3: ["axis.depth", "axis.h", "axis.w"] }[
    rel.substituted_mathml.length] ?? [];
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
    const dims = answer.params.dims ?? 2;
    if (dims !== 2) {
      // A 1-D or 3-D layer's shapes on each of its axes, its padding as each axis's sides.
      const sides = answer.transpose.equivalent_sides ?? [];
      document.getElementById("transpose-direct").textContent = t("formula.transpose_direct_at", {
        dims, k: pairScalar(direct.kernel), s: pairScalar(direct.stride), p: pairScalar(direct.padding),
        i: pairSize(direct.input_shape), o: pairSize(direct.output_shape),
      });
      document.getElementById("transpose-equivalent").textContent = t("formula.transpose_equivalent_at", {
        stretched: pairSize(answer.transpose.stretched_shape),
        sides: sides.map(([before, after]) => `${before}, ${after}`).join(" · "),
      });
      return;
    }
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
