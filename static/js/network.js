// The network planner's page: wires the editor to /api/network, keeps the URL holding the
// network, and draws the table, the charts and a chosen cell's receptive field. The logic
// lives in network_table.js, network_plot.js and network_field.js; this file only wires.
import * as api from "./api.js";
import { pairSize } from "./format.js";
import { startLanguageSwitch } from "./language.js";
import { t } from "./messages.js";
import { drawChart, drawField } from "./network_draw.js";
import { fieldBox, fieldLayout, middleCell } from "./network_field.js";
import { chartModel, plotSeries } from "./network_plot.js";
import { layersText, tableRows, totalsRow } from "./network_table.js";
import { networkQuery, networkUrl } from "./urls.js";

const initial = JSON.parse(document.getElementById("initial-state").textContent);
const lang = initial.lang;
const $ = (id) => document.getElementById(id);
const editor = { preset: $("preset"), i: $("net-i"), c_in: $("net-c"), layers: $("net-layers") };
const errorBox = $("error");

// Typing settles for this long before the network is asked for.
const EDIT_DELAY_MS = 300;
// The field's picture is at most this tall, so the sliders stay in view on a phone.
const FIELD_MAX_HEIGHT = 320;
const CHART_HEIGHT = 110;

let answer = initial.answer;
let selected = null; // the chosen layer's index (1-based)
let cell = [0, 0];
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
  input.append(cellOf(""), label, cellOf(totals.input), cellOf(""), cellOf(""), cellOf("1×1"), cellOf("1×1"));
  $("layers-body").replaceChildren(input, ...tableRows(answer, lang).map(rowOf));
  $("total-params").textContent = totals.params;
  $("total-macs").textContent = totals.macs;
  $("total-flops").textContent = t("network.flops", { flops: totals.flops });
  $("totals-line").textContent = t("network.totals_line", totals);
}

// --- the charts --------------------------------------------------------------------------

const CHARTS = [
  ["spatial", "network.plot_spatial"],
  ["channels", "network.plot_channels"],
  ["field", "network.plot_field"],
];

function drawCharts() {
  const container = $("plots");
  const width = Math.max(200, Math.floor(container.clientWidth));
  const series = plotSeries(answer);
  const boxes = CHARTS.map(([name, key]) => {
    const box = document.createElement("div");
    box.className = `chart chart-${name}`;
    const title = document.createElement("p");
    title.className = "chart-title";
    title.textContent = t(key);
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("role", "img");
    const lines = series[name];
    const names = lines.length > 1 ? [t("network.plot_h"), t("network.plot_w")] : [];
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
  const several = withField.filter((layer) => layer.output_shape[1] * layer.output_shape[2] > 1);
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
    const [, h, w] = layer.output_shape;
    if (!keepCell || cell[0] >= h || cell[1] >= w) cell = middleCell(layer);
    const [row, col] = [$("cell-row"), $("cell-col")];
    row.max = String(h - 1);
    col.max = String(w - 1);
    row.value = String(cell[0]);
    col.value = String(cell[1]);
  }
  drawFieldView();
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
  const [, oh, ow] = layer.output_shape;
  $("field-layer").textContent = t("network.field_layer", { index: layer.index, text, size: pairSize([oh, ow]) });
  $("cell-row-value").textContent = String(cell[0]);
  $("cell-col-value").textContent = String(cell[1]);
  const inputHW = answer.input_shape.slice(1);
  const box = fieldBox(layer, cell, inputHW);
  const width = Math.max(120, Math.floor(figure.parentElement.clientWidth));
  const layout = fieldLayout(box, inputHW, { width, maxHeight: FIELD_MAX_HEIGHT });
  drawField(figure, layout, t("network.field_figure", { size: pairSize(inputHW) }));
  const { rows, cols } = box;
  let caption = t("network.field_caption", {
    row: cell[0], col: cell[1], size: pairSize(layer.receptive_field),
    r0: rows.from, r1: rows.to, c0: cols.from, c1: cols.to,
  });
  const inPaddingRows = rows.before + rows.after;
  const inPaddingCols = cols.before + cols.after;
  if (inPaddingRows || inPaddingCols) {
    caption += ` ${t("network.field_padding", { rows: inPaddingRows, cols: inPaddingCols })}`;
  }
  $("field-caption").textContent = caption;
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
  editor.i.value = next.input_shape[1] === next.input_shape[2] ? String(next.input_shape[1])
    : `${next.input_shape[1]},${next.input_shape[2]}`;
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
  return networkQuery({ i: editor.i.value.trim(), c_in: editor.c_in.value.trim(), layers: editor.layers.value.trim() });
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
  editor.i.value = params.get("i") ?? initial.editor.i;
  editor.c_in.value = params.get("c_in") ?? initial.editor.c_in;
  editor.layers.value = params.get("layers") ?? initial.editor.layers;
  plan(typedQuery(), {});
}

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
for (const [axis, id] of [[0, "cell-row"], [1, "cell-col"]]) {
  $(id).addEventListener("input", () => {
    cell = axis === 0 ? [Number($(id).value), cell[1]] : [cell[0], Number($(id).value)];
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
