// The channel panel: the input channels as slices, each output channel's filter as a stack
// of kernel slices, and the c_out × c_in connection matrix between them, groups coloured;
// the output channel chosen here is highlighted and its group's input slices show the
// current step's kernel window. What goes where comes from channels.js; words from t().
import {
  channelPlan, filledCount, fitted, groupOf, inputRegion, inputsOf, panelLayout, showsChannels,
} from "./channels.js";
import { t } from "./messages.js";
import { el } from "./svg.js";

// Group colours cycle through this many classes (grp-0 … in page.css).
const PALETTE = 8;
// Pixels per SVG unit at most: a panel of few channels stays the size of a few, its text
// no larger than the page's; CSS shrinks a wide one to the column.
const SCALE = 1.4;


function text(parent, x, y, content, className = "ch-text") {
  el("text", { x, y, class: className }, parent).textContent = content;
}

const groupClass = (group) => `grp-${group % PALETTE}`;

/** The square a kernel window (or an output cell) sits in, for `answer`'s step `n`: the
 * input grid's and the output's shapes and boxes, per view. */
function stepBoxes(answer, n) {
  const frame = answer.frames?.[n];
  if (!frame) return null;
  if (answer.canvas) {
    const [r, c] = frame.input;
    return { input: [answer.input_shape, [r, c, r, c]], output: null };
  }
  const [r, c] = frame.output;
  return { input: [answer.grid.shape, frame.window], output: [answer.output_shape, [r, c, r, c]] };
}

/** The panel in `root` (the section holding the SVG, the sentences and the control). */
export function createChannelPanel(root) {
  const svg = root.querySelector("#channel-figure");
  const summary = root.querySelector("#channel-summary");
  const mix = root.querySelector("#channel-mix");
  const slider = root.querySelector("#oc");
  const label = root.querySelector("#oc-label");
  let answer = null;
  let plan = null;
  let o = 0;
  let step = 0;
  let windows = [];
  let outputMark = null;

  function sentences() {
    const [kh, kw] = answer.params.k;
    const [first, end] = inputsOf(plan, o);
    const values = {
      o, group: groupOf(plan, o), g: plan.groups, depth: plan.depth, kh, kw,
      first, last: end - 1, n: plan.depth,
    };
    let key;
    if (plan.pooling) key = "channels.pooling";
    else if (plan.depth === 1) key = plan.groups === 1 ? "channels.reads_one_input" : "channels.reads_single";
    else key = plan.groups === 1 ? "channels.reads_all" : "channels.reads_group";
    summary.textContent = t(key, values);
    const oneByOne = !plan.pooling && kh === 1 && kw === 1;
    mix.hidden = !oneByOne;
    // A 1×1 depthwise layer (one input channel per group) scales each channel: nothing mixes.
    const mixKey = plan.depth === 1 ? "channels.scale" : plan.groups === 1 ? "channels.mix" : "channels.mix_group";
    mix.textContent = oneByOne ? t(mixKey, values) : "";
  }

  function draw() {
    const labels = {
      title: t("channels.inputs", { n: plan.cIn }),
      outputs: t(plan.pooling ? "channels.pooled" : "channels.outputs"),
      more: t("channels.more", { n: Math.max(plan.cIn, plan.cOut) }),
    };
    const layout = panelLayout(plan, o, labels);
    svg.replaceChildren();
    svg.setAttribute("viewBox", layout.viewBox);
    svg.setAttribute("width", String(Math.round(layout.width * SCALE)));
    // Never drawn under one px a unit, so its 12-unit indices stay 12 px: a narrow screen
    // scrolls the panel rather than shrinking its text.
    const [, , boxWidth, boxHeight] = layout.viewBox.split(" ").map(Number);
    svg.style.minWidth = `${boxWidth}px`;
    svg.style.minHeight = `${boxHeight}px`;
    svg.setAttribute("aria-label", t("channels.figure_label", {
      c_in: plan.cIn, c_out: plan.cOut, g: plan.groups,
      filled: filledCount(plan), total: plan.cIn * plan.cOut,
    }));
    text(svg, layout.titleX, layout.titleY, labels.title, "ch-title");
    text(svg, 0, layout.rowsHeaderY, t(plan.pooling ? "channels.windows" : "channels.filters"), "ch-title");
    text(svg, layout.outputX, layout.rowsHeaderY, labels.outputs, "ch-title");

    const current = layout.cells.filter((cell) => cell.current);
    if (current.length) {
      const { y, size } = current[0];
      el("rect", { class: "ch-row-current", "data-o": o, x: -2, y: y + 1,
        width: layout.outputX + layout.outputs[0].size + 4, height: size - 2 }, svg);
    }
    windows = [];
    for (const slice of layout.inputs) {
      const g = el("g", { class: `ch-input ${groupClass(slice.group)}${slice.lit ? " lit" : ""}`,
        "data-channel": slice.channel }, svg);
      text(g, slice.x + slice.size / 2, layout.headerY, String(slice.channel), "ch-index");
      drawSlice(slice, g);
      if (slice.lit) windows.push({ slice, rect: el("rect", { class: "ch-window" }, g) });
    }
    for (const filter of layout.filters) {
      const g = el("g", { class: `ch-filter ${groupClass(filter.group)}${filter.current ? " current" : ""}`,
        "data-o": filter.channel }, svg);
      for (const s of filter.slices) {
        el("rect", { class: "ch-kernel", x: s.x, y: s.y, width: s.size, height: s.size }, g);
      }
    }
    for (const cell of layout.cells) {
      el("rect", {
        class: cell.filled ? `ch-cell filled ${groupClass(cell.group)}${cell.current ? " current" : ""}` : "ch-cell",
        x: cell.x + 2, y: cell.y + 2, width: cell.size - 4, height: cell.size - 4,
        "data-o": cell.o, "data-c": cell.c,
      }, svg);
    }
    outputMark = null;
    for (const out of layout.outputs) {
      const g = el("g", { class: `ch-output${out.current ? " current" : ""}`, "data-o": out.channel }, svg);
      el("rect", { class: "ch-slice", x: out.x, y: out.y, width: out.size, height: out.size }, g);
      text(g, out.x + out.size + 4, out.y + out.size / 2, String(out.channel), "ch-index ch-row-index");
      if (out.current) outputMark = { out, rect: el("rect", { class: "ch-mark" }, g) };
    }
    for (const [side, more] of Object.entries(layout.more)) {
      if (more) text(svg, more.x, more.y, t("channels.more", { n: more.n }), `ch-more ch-more-${side}`);
    }
    svg.dataset.o = String(o);
    svg.dataset.group = String(layout.group);
    placeWindows();
    sentences();
  }

  /** An input slice: the grid the kernel sweeps, its padding white, the input's units in
   * the group's colour (the whole slice where no grid is drawn). */
  function drawSlice(slice, parent) {
    const region = answer.grid && !answer.canvas ? inputRegion(answer.grid.kinds) : null;
    const box = { x: slice.x, y: slice.y, width: slice.size, height: slice.size };
    if (!region) {
      el("rect", { class: "ch-slice", ...box }, parent);
      return;
    }
    const placed = fitted(answer.grid.shape, slice.size, [slice.x, slice.y], region);
    el("rect", { class: "ch-pad", ...placed.grid }, parent);
    el("rect", { class: "ch-slice", ...placed.window }, parent);
  }

  /** Move the lit slices' windows and the output's cell to step `step`. */
  function placeWindows() {
    const boxes = stepBoxes(answer, step);
    for (const { slice, rect } of windows) {
      const placed = boxes && fitted(boxes.input[0], slice.size, [slice.x, slice.y], boxes.input[1]);
      setBox(rect, placed?.window);
    }
    if (outputMark) {
      const { out, rect } = outputMark;
      const placed = boxes?.output && fitted(boxes.output[0], out.size, [out.x, out.y], boxes.output[1]);
      setBox(rect, placed?.window);
    }
  }

  function setBox(rect, box) {
    rect.classList.toggle("ch-off", !box);
    if (!box) return;
    for (const [key, value] of Object.entries(box)) rect.setAttribute(key, value);
  }

  function choose(next) {
    if (!plan) return;
    o = Math.min(Math.max(0, next), plan.cOut - 1);
    slider.value = String(o);
    label.textContent = t("channels.value", { o, last: plan.cOut - 1 });
    draw();
  }

  root.querySelector("#oc-prev").addEventListener("click", () => choose(o - 1));
  root.querySelector("#oc-next").addEventListener("click", () => choose(o + 1));
  slider.addEventListener("input", () => choose(Number(slider.value)));

  return {
    /** Draw `answer`'s channels, or hide the panel where it has one channel each way. */
    render(next) {
      answer = next;
      const op = answer.op;
      // A 3-D layer's channels are counted in the arithmetic; its slices are the figure's.
      root.hidden = !showsChannels(op, answer.params) || (answer.params.dims ?? 2) === 3;
      if (root.hidden) {
        plan = null;
        return;
      }
      plan = channelPlan(op, answer.params);
      slider.max = String(plan.cOut - 1);
      choose(o);
    },
    /** The player is at step `n`: the windows follow the figure's. */
    step(n) {
      step = n;
      if (plan) placeWindows();
    },
  };
}
