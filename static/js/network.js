// The network planner's page: wires the editor to /api/network, keeps the URL holding the
// network, and draws the table, the charts and a chosen cell's receptive field. The logic
// lives in network_table.js, network_plot.js and network_field.js; this file only wires.
import * as api from "./api.js";
import { startLanguageSwitch } from "./language.js";
import { t } from "./messages.js";
import { drawChart, drawField } from "./network_draw.js";
import { fieldAxes, fieldBox, fieldLayout, middleCell } from "./network_field.js";
import { chartModel, plotSeries } from "./network_plot.js";
import { layersText, sizesText, tableRows, totalsRow } from "./network_table.js";
import { networkQuery, networkUrl } from "./urls.js";

const initial = JSON.parse(document.getElementById("initial-state").textContent);
const lang = initial.lang;
const $ = (id) => document.getElementById(id);
const editor = { preset: $("preset"), dims: $("net-dims"), i: $("net-i"), c_in: $("net-c"), layers: $("net-layers") };
const errorBox = $("error");

// Typing settles for this long before the network is asked for.
const EDIT_DELAY_MS = 300;
// The field's picture is at most this tall, so the sliders stay in view on a phone.
const FIELD_MAX_HEIGHT = 320;
const CHART_HEIGHT = 110;

let answer = initial.answer;
let selected = null; // the chosen layer's index (1-based)
let cell = [0, 0]; // the chosen output cell, one index per axis of the layer (depth first)
let latest = 0;
let editTimer = null;

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

// --- the table ---------------------------------------------------------------------------

function cellOf(text, className = "num-col") {
  const td = document.createElement("td");
  td.className = className;
  td.textContent = text;
  return td;
}

/** A layer's text, breakable after each comma so long layers wrap rather than widen the
 * table. */
function breakable(parent, text) {
  text.split(",").forEach((part, n, parts) => {
    parent.append(n < parts.length - 1 ? `${part},` : part);
    if (n < parts.length - 1) parent.append(document.createElement("wbr"));
  });
  return parent;
}

function rowOf(row) {
  const tr = document.createElement("tr");
  tr.dataset.index = row.index;
  if (row.side) tr.classList.add("side-branch");
  const pick = document.createElement("button");
  pick.type = "button";
  pick.className = "pick";
  pick.textContent = String(row.index);
  pick.setAttribute("aria-label", t("network.pick", { index: row.index }));
  pick.setAttribute("aria-pressed", "false");
  const first = document.createElement("td");
  first.append(pick);
  const name = document.createElement("td");
  name.className = "layer-text";
  if (row.href) {
    const link = document.createElement("a");
    link.href = row.href;
    name.append(breakable(link, row.text));
  } else {
    breakable(name, row.text);
  }
  if (row.side) {
    const tag = document.createElement("span");
    tag.className = "side-tag";
    tag.textContent = t("network.side");
    name.append(" ", tag);
  }
  tr.append(first, name, cellOf(row.output), cellOf(row.params), cellOf(row.macs), cellOf(row.field), cellOf(row.jump));
  return tr;
}

function drawTable() {
  const totals = totalsRow(answer);
  const input = document.createElement("tr");
  input.className = "input-row";
  const label = cellOf(t("network.input_row"), "layer-text");
  const ones = sizesText(answer.input_shape.slice(1).map(() => 1));
  input.append(cellOf(""), label, cellOf(totals.input), cellOf(""), cellOf(""), cellOf(ones), cellOf(ones));
  $("layers-body").replaceChildren(input, ...tableRows(answer, lang).map(rowOf));
  $("total-params").textContent = totals.params;
  $("total-macs").textContent = totals.macs;
  $("total-flops").textContent = t("network.flops", { flops: totals.flops });
  $("totals-line").textContent = t("network.totals_line", totals);
}

// --- the charts --------------------------------------------------------------------------

// The spatial chart's title and its lines' names, by the stack's dimensions.
const SPATIAL = { 1: "network.plot_length", 2: "network.plot_spatial", 3: "network.plot_volume" };
const AXIS_NAMES = { 1: [], 2: ["network.plot_h", "network.plot_w"], 3: ["network.plot_d", "network.plot_h", "network.plot_w"] };

const CHARTS = [
  ["spatial", null],
  ["channels", "network.plot_channels"],
  ["field", "network.plot_field"],
];

function drawCharts() {
  const container = $("plots");
  const width = Math.max(200, Math.floor(container.clientWidth));
  const series = plotSeries(answer);
  const dims = answer.input_shape.length - 1;
  const boxes = CHARTS.map(([name, chartKey]) => {
    const key = chartKey ?? SPATIAL[dims];
    const box = document.createElement("div");
    box.className = `chart chart-${name}`;
    const title = document.createElement("p");
    title.className = "chart-title";
    title.textContent = t(key);
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("role", "img");
    const lines = series[name];
    // Each line named for its axes ("height = width" where they agree).
    const names = lines.length > 1
      ? series.axes[name].map((axes) => axes.map((axis) => t(AXIS_NAMES[dims][axis])).join(" = "))
      : [];
    drawChart(svg, chartModel(lines, series.labels, { width, height: CHART_HEIGHT }), {
      label: `${t(key)}, ${t("network.plot_axis")} 0–${series.labels.at(-1)}`,
      lineNames: names,
    });
    box.append(title, svg);
    return box;
  });
  container.replaceChildren(...boxes);
}

// --- the receptive field -----------------------------------------------------------------

function hasField(layer) {
  return layer.receptive_field !== null;
}

/** The layer shown at first: the deepest one with a field and more than one cell (a global
 * pooling's single cell sees everything, padding and all). */
function defaultLayer() {
  const withField = answer.layers.filter(hasField);
  const cells = (layer) => layer.output_shape.slice(1).reduce((a, b) => a * b, 1);
  const several = withField.filter((layer) => cells(layer) > 1);
  return (several.at(-1) ?? withField.at(-1) ?? answer.layers[0]).index;
}

function select(index, { keepCell = false } = {}) {
  selected = index;
  const layer = answer.layers[index - 1];
  for (const tr of $("layers-body").querySelectorAll("tr[data-index]")) {
    const on = Number(tr.dataset.index) === index;
    tr.classList.toggle("selected", on);
    tr.querySelector(".pick").setAttribute("aria-pressed", String(on));
  }
  if (hasField(layer)) {
    const sizes = layer.output_shape.slice(1);
    const fits = cell.length === sizes.length && cell.every((n, axis) => n < sizes[axis]);
    if (!keepCell || !fits) cell = middleCell(layer);
    sliders().forEach((slider, axis) => {
      slider.max = String(sizes[axis] - 1);
      slider.value = String(cell[axis]);
    });
  }
  drawFieldView();
}

// The sliders of the layer's own axes, depth first: the length alone in 1-D (the column's
// slider, named "position"), rows and columns in 2-D, the depth's too in 3-D.
const SLIDERS = { 1: ["cell-col"], 2: ["cell-row", "cell-col"], 3: ["cell-depth", "cell-row", "cell-col"] };

function sliders() {
  const dims = answer.input_shape.length - 1;
  $("cell-depth-label").hidden = dims !== 3;
  $("cell-row-label").hidden = dims === 1;
  $("cell-col-name").textContent = t(dims === 1 ? "network.cell_position" : "network.cell_col");
  return SLIDERS[dims].map((id) => $(id));
}

function drawFieldView() {
  const layer = answer.layers[selected - 1];
  const text = layer.text;
  const figure = $("field-figure");
  const picker = $("cell-pick");
  if (!hasField(layer)) {
    $("field-layer").textContent = t("network.field_none", { index: layer.index, text });
    picker.hidden = true;
    figure.replaceChildren();
    figure.setAttribute("hidden", "");
    $("field-caption").textContent = "";
    return;
  }
  picker.hidden = false;
  figure.removeAttribute("hidden");
  const sizes = answer.input_shape.slice(1);
  const dims = sizes.length;
  $("field-layer").textContent = t("network.field_layer", {
    index: layer.index, text, size: sizesText(layer.output_shape.slice(1)),
  });
  sliders().forEach((slider, axis) => {
    $(`${slider.id}-value`).textContent = String(cell[axis]);
  });
  const axes = fieldAxes(layer, cell, sizes);
  const box = fieldBox(layer, cell, sizes);
  // The picture is the plane: a 1-D input one row high, a 3-D input's height and width.
  const plane = dims === 1 ? [1, sizes[0]] : sizes.slice(-2);
  const width = Math.max(120, Math.floor(figure.parentElement.clientWidth));
  const layout = fieldLayout(box, plane, { width, maxHeight: FIELD_MAX_HEIGHT });
  const figureKey = { 1: "network.field_figure_1d", 2: "network.field_figure", 3: "network.field_figure_3d" }[dims];
  const depth = dims === 3 ? { z0: axes[0].from, z1: axes[0].to } : {};
  drawField(figure, layout, t(figureKey, { size: sizesText(dims === 1 ? sizes : plane), ...depth }));
  $("field-caption").textContent = fieldCaption(layer, axes);
}

/** The caption: which input cells the chosen output cell's field spans on each axis, and how
 * many of them lie in the padding. */
function fieldCaption(layer, axes) {
  const size = sizesText(layer.receptive_field);
  const padded = axes.map((axis) => axis.before + axis.after);
  if (axes.length === 1) {
    const [length] = axes;
    const caption = t("network.field_caption_1d", { position: cell[0], size, c0: length.from, c1: length.to });
    return padded[0] ? `${caption} ${t("network.field_padding_1d", { cells: padded[0] })}` : caption;
  }
  const [rows, cols] = axes.slice(-2);
  if (axes.length === 3) {
    const depth = axes[0];
    const caption = t("network.field_caption_3d", {
      depth: cell[0], row: cell[1], col: cell[2], size,
      z0: depth.from, z1: depth.to, r0: rows.from, r1: rows.to, c0: cols.from, c1: cols.to,
    });
    return padded.some((n) => n)
      ? `${caption} ${t("network.field_padding_3d", { frames: padded[0], rows: padded[1], cols: padded[2] })}`
      : caption;
  }
  const caption = t("network.field_caption", {
    row: cell[0], col: cell[1], size, r0: rows.from, r1: rows.to, c0: cols.from, c1: cols.to,
  });
  return padded.some((n) => n)
    ? `${caption} ${t("network.field_padding", { rows: padded[0], cols: padded[1] })}`
    : caption;
}

// --- loading -----------------------------------------------------------------------------

function show(next) {
  answer = next;
  drawTable();
  drawCharts();
  const keep = selected !== null && selected <= answer.layers.length;
  select(keep ? selected : defaultLayer(), { keepCell: keep });
}

function fillEditor(next, preset) {
  editor.preset.value = preset;
  const sizes = next.input_shape.slice(1);
  editor.dims.value = String(sizes.length);
  editor.i.value = sizes.every((v) => v === sizes[0]) ? String(sizes[0]) : sizes.join(",");
  editor.c_in.value = String(next.input_shape[0]);
  editor.layers.value = layersText(next);
}

/** Ask for the network `query` names; `onDone(answer)` runs if it is still the latest. */
async function plan(query, { url, onDone = () => {} }) {
  const ticket = ++latest;
  try {
    const next = await api.network(query);
    if (ticket !== latest) return;
    showError("");
    show(next);
    onDone(next);
  } catch (error) {
    if (ticket !== latest) return;
    showError(t("network.error_kept", { message: error.message }));
  }
  if (ticket === latest && url) url();
}

function typedQuery() {
  return networkQuery({
    dims: editor.dims.value, i: editor.i.value.trim(), c_in: editor.c_in.value.trim(), layers: editor.layers.value.trim(),
  });
}

function replaceUrl(query) {
  const url = networkUrl(query, lang);
  if (url !== location.pathname + location.search) history.replaceState(null, "", url);
}

function planTyped() {
  clearTimeout(editTimer);
  editor.preset.value = "";
  const query = typedQuery();
  // The URL holds what was typed, so a reload (or a shared link) shows the same sentence
  // and keeps the text, as the server does.
  plan(query, { url: () => replaceUrl(query) });
}

function planPreset(name, { push }) {
  const query = networkQuery({ preset: name });
  if (push) history.pushState(null, "", networkUrl(query, lang));
  plan(query, { onDone: (next) => fillEditor(next, name) });
}

/** The network a URL names (Back and Forward), into the editor and then planned. */
function planLocation() {
  const params = new URLSearchParams(location.search);
  const preset = params.get("preset");
  if (preset) {
    planPreset(preset, { push: false });
    return;
  }
  editor.preset.value = "";
  editor.dims.value = params.get("dims") ?? "2";
  editor.i.value = params.get("i") ?? initial.editor.i;
  editor.c_in.value = params.get("c_in") ?? initial.editor.c_in;
  editor.layers.value = params.get("layers") ?? initial.editor.layers;
  plan(typedQuery(), {});
}

editor.dims.addEventListener("change", planTyped);
for (const field of [editor.i, editor.c_in, editor.layers]) {
  field.addEventListener("input", () => {
    clearTimeout(editTimer);
    editTimer = setTimeout(planTyped, EDIT_DELAY_MS);
  });
}
editor.preset.addEventListener("change", () => {
  if (editor.preset.value) planPreset(editor.preset.value, { push: true });
});
$("controls").addEventListener("submit", (event) => {
  event.preventDefault();
  planTyped();
});
window.addEventListener("popstate", planLocation);

$("layers-body").addEventListener("click", (event) => {
  if (event.target.closest("a")) return; // a layer's link opens its figure
  const tr = event.target.closest("tr[data-index]");
  if (tr) select(Number(tr.dataset.index));
});
for (const id of ["cell-depth", "cell-row", "cell-col"]) {
  $(id).addEventListener("input", () => {
    cell = sliders().map((slider) => Number(slider.value));
    drawFieldView();
  });
}

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    drawCharts();
    drawFieldView();
  }, 100);
});

api.prime("network", initial.answer.query, initial.answer);
show(answer);
startLanguageSwitch();
document.documentElement.dataset.ready = "true";
