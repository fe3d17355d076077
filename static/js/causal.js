// The dilated causal stack's page: the fields ask /api/causal (and keep the link holding
// the stack), the tree is drawn from the answer; where nodes sit is causal_layout.js's.
import * as api from "./api.js";
import {
  LABEL_ROOM, clipped, columnOf, gapFor, labelEvery, leftmost, paddingRead, reachedSets,
} from "./causal_layout.js";
import { startLanguageSwitch } from "./language.js";
import { t } from "./messages.js";
import { el } from "./svg.js";

const initial = JSON.parse(document.getElementById("initial-state").textContent);
const lang = initial.lang;
const $ = (id) => document.getElementById(id);
const fields = { k: $("causal-k"), d: $("causal-d"), n: $("causal-n"), t: $("causal-t") };
const svg = $("causal-figure");
const errorBox = $("error");

// Typing settles for this long before the stack is asked for.
const EDIT_DELAY_MS = 250;
// Rows: the distance between levels, the room above the output and below the input, and the
// left margin holding the levels' names.
const ROW = 64;
const TOP = 24;
const BOTTOM = 40;
const LEFT = 150;
const RADIUS = 6;

let answer = initial.answer;
let latest = 0;
let timer = null;

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function queryOf() {
  const params = new URLSearchParams();
  for (const [name, field] of Object.entries(fields)) {
    const value = field.value.trim();
    if (value) params.set(name, value);
  }
  return params.toString();
}

function pageLink(query) {
  const params = new URLSearchParams(query);
  if (lang) params.set("lang", lang);
  const text = params.toString();
  return text ? `/causal?${text}` : "/causal";
}

function levelName(level) {
  const layers = answer.dilations.length;
  if (level === 0) return t("causal.level_input");
  if (level === layers) return t("causal.level_output", { d: answer.dilations[level - 1] });
  return t("causal.level_hidden", { n: level, d: answer.dilations[level - 1] });
}

function draw() {
  svg.replaceChildren();
  const layers = answer.dilations.length;
  const width = svg.parentElement.clientWidth || 800;
  const gap = gapFor(answer, width - LEFT);
  const columns = answer.length - leftmost(answer);
  const x = (position) => LEFT + gap / 2 + columnOf(answer, position) * gap;
  const y = (level) => TOP + (layers - level) * ROW;
  const w = LEFT + columns * gap + gap / 2;
  const h = TOP + layers * ROW + BOTTOM;
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.setAttribute("width", String(w));
  svg.setAttribute("height", String(h));
  const radius = Math.min(RADIUS, gap / 2 - 1.5);
  const reached = reachedSets(answer);
  const padding = paddingRead(answer);

  const names = el("g", { class: "causal-names" }, svg);
  for (let level = 0; level <= layers; level += 1) {
    const label = el("text", { x: 8, y: y(level) + 4, class: "causal-name" }, names);
    label.textContent = levelName(level);
  }
  const edges = el("g", { class: "causal-edges" }, svg);
  for (const [layer, source, target] of answer.edges) {
    el("line", {
      x1: x(source), y1: y(layer), x2: x(target), y2: y(layer + 1),
      class: source < 0 ? "causal-edge to-padding" : "causal-edge",
    }, edges);
  }
  const nodes = el("g", { class: "causal-nodes" }, svg);
  for (let level = 0; level <= layers; level += 1) {
    for (let position = 0; position < answer.length; position += 1) {
      const kind = !reached[level].has(position) ? "idle"
        : level === layers ? "target" : level === 0 ? "reached-input" : "reached-hidden";
      const node = el("circle", {
        cx: x(position), cy: y(level), r: radius, class: `causal-node ${kind}`,
        "data-level": level, "data-position": position,
      }, nodes);
      if (level === layers) node.setAttribute("data-pick", "1");
    }
    for (const position of padding[level] ?? []) {
      el("circle", {
        cx: x(position), cy: y(level), r: radius, class: "causal-node padding",
        "data-level": level, "data-position": position,
      }, nodes);
    }
  }
  if (clipped(answer)) {
    const mark = el("text", { x: x(leftmost(answer)), y: y(0) + 28, class: "causal-label", "text-anchor": "middle" }, svg);
    mark.textContent = "…";
  }
  const every = labelEvery(gap);
  const labels = el("g", { class: "causal-labels" }, svg);
  for (let position = 0; position < answer.length; position += 1) {
    if (position % every && position !== answer.length - 1) continue;
    if (position === answer.length - 1 && position % every && (position % every) * gap < LABEL_ROOM) continue;
    const label = el("text", { x: x(position), y: y(0) + 28, class: "causal-label", "text-anchor": "middle" }, labels);
    label.textContent = String(position);
  }
  $("causal-summary").textContent = answer.summary;
  $("causal-notes").replaceChildren(...answer.notes.map((note) => {
    const li = document.createElement("li");
    li.textContent = note;
    return li;
  }));
  $("causal-pytorch").textContent = answer.code.pytorch;
  $("causal-keras").textContent = answer.code.keras;
  fields.t.max = String(answer.length - 1);
  // A long sequence scrolls: bring the output drawn into view.
  const scroller = svg.parentElement;
  scroller.scrollLeft = Math.max(0, x(answer.target) - scroller.clientWidth / 2);
  svg.dataset.query = answer.query;
}

async function refresh() {
  const query = queryOf();
  const asked = ++latest;
  try {
    const next = await api.causal(query);
    if (asked !== latest) return;
    answer = next;
    showError("");
    draw();
    history.replaceState(null, "", pageLink(query));
  } catch (error) {
    if (asked !== latest) return;
    showError(error instanceof api.ConfigRefused ? error.message : t("causal.offline"));
  }
}

function later() {
  clearTimeout(timer);
  timer = setTimeout(refresh, EDIT_DELAY_MS);
}

for (const field of Object.values(fields)) {
  field.addEventListener("input", later);
  field.addEventListener("change", refresh);
}
$("controls").addEventListener("submit", (event) => {
  event.preventDefault();
  refresh();
});
for (const button of document.querySelectorAll(".causal-preset")) {
  button.addEventListener("click", () => {
    fields.k.value = button.dataset.k;
    fields.d.value = button.dataset.d;
    fields.n.value = button.dataset.n;
    fields.t.value = "";
    refresh();
  });
}
// A click on an output node draws that output's tree.
svg.addEventListener("click", (event) => {
  const node = event.target.closest?.("[data-pick]");
  if (!node) return;
  fields.t.value = node.dataset.position;
  refresh();
});
addEventListener("resize", draw);

if (initial.error) showError(initial.error);
draw();
startLanguageSwitch();
document.documentElement.dataset.ready = "true";
