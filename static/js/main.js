// The page: wires the form, the figure, the player and the panel to the engine's API and
// keeps the URL holding the whole state, so a link is exactly this figure.
import * as api from "./api.js";
import { legendKey } from "./captions.js";
import { createChannelPanel } from "./channelpanel.js";
import { expand } from "./compact.js";
import { createControls } from "./controls.js";
import { createFigure } from "./draw.js";
import { createImageMode } from "./imagemode.js";
import { pairSize } from "./format.js";
import { renderFormula } from "./formula.js";
import { iframeCode } from "./iframe.js";
import { createKindMenu } from "./kindmenu.js";
import { createMatrixView } from "./matrixview.js";
import { startLanguageSwitch } from "./language.js";
import { createCellEditor, createNumbersPanel } from "./numbers.js";
import { applyKind, offeredKinds } from "./kinds.js";
import { t } from "./messages.js";
import { createOverlapNote } from "./overlap.js";
import { createPlayer } from "./player.js";
import { createPrefetcher } from "./prefetch.js";
import { createPresenter } from "./present.js";
import { createQrDialog } from "./qrdialog.js";
import { stateRules } from "./state.js";
import { planeOf } from "./strip.js";
import { copyText, isLoopback } from "./share.js";
import { renderCode, updateExports } from "./exports.js";
import { figureSummary, historyMode, linkOf, pageTitle } from "./history.js";
import { embedUrl, pageUrl, presetOf, separableUrl, showsFigure } from "./urls.js";
import {
  choosePreset, fitNumbers, isPreset, matrixRows, randomSeed, withEntry,
} from "./values.js";

const embedded = JSON.parse(document.getElementById("initial-state").textContent);
// The figure's answer is embedded in the compact form, as the page asks for it.
const initial = { ...embedded, data: expand(embedded.data) };
// The engine's parameter declaration: what the form offers and how a state becomes a link.
const declaration = JSON.parse(document.getElementById("parameters").textContent);
const rules = stateRules(declaration);
const { isSquare, stateFromAnswer, toQuery } = rules;
const declared = (name) => declaration.find((p) => p.name === name);
// A learner's numbers follow the sizes (values.js's fitNumbers): the presets and the most
// numbers a link carries come from the declaration.
const fitting = { presets: declared("w").choices, limit: declared("x").high };
const fitted = (state) => fitNumbers(state, fitting);
/** Is `answer` a 3-D layer's? */
const isVolume = (answer) => (answer.params.dims ?? 2) === 3;
const errorBox = document.getElementById("error");
const figure = createFigure(document.getElementById("figure"), document.getElementById("caption"), {
  unread: document.getElementById("figure-unread"),
  onPin: (step) => player.go(step),
  onEdit: ({ unit, node }) => {
    const [u, v] = unit;
    cellEditor.open(unit, node, inputRows(fitted(controls.state))[u][v]);
  },
});
const channels = createChannelPanel(document.getElementById("channels"));
// Opening or closing the matrix view is a discrete change of the page: a history entry.
const matrixView = createMatrixView(document.getElementById("matrix-view"), {
  onToggle: () => writeUrlNow("push"),
});
// The player steps the figure, the channel panel's kernel windows and the matrix's row together.
const stepped = {
  show: (n) => {
    figure.show(n);
    channels.step(n);
    if (!isVolume(shownAnswer)) matrixView.step(n);
  },
  narrate: (n) => figure.narrate(n),
  get steps() { return figure.steps; },
};
const player = createPlayer(stepped, document.querySelector(".player"), {
  narration: document.getElementById("narration"),
  onChange: ({ step }) => {
    updatePictures(step);
    writeUrl();
  },
});
// A slider's own input events (a drag, its arrow keys) are continuous: they replace the
// history entry. Seen before the form's handlers, which tell the page of the change.
let sliding = false;
document.getElementById("controls").addEventListener("input", (event) => {
  sliding = event.target.type === "range";
}, true);

const qrDialog = createQrDialog(document.getElementById("qr-dialog"), { t });
/** The link on screen as a QR code: its address written first, so the code is this figure. */
function showQr() {
  writeUrlNow();
  qrDialog.open();
}

/** What showing `query` asks the engine for in the view on screen (`[endpoint, query]`). */
function requestsOf(query) {
  const scattering = view === "scatter" && query.startsWith("op=transpose&");
  const asked = [[scattering ? "scatter" : "frames", query]];
  // The matrix view draws 1-D and 2-D layers (a 3-D layer's is the API's alone).
  if (matrixView.open && !/(^|&)dims=3(&|$)/.test(query)) asked.push(["matrix", query]);
  return asked;
}
// Answers fetched before a person commits them (prefetch.js): a few at a time.
const prefetcher = createPrefetcher({
  fetch: ([endpoint, query]) => api[endpoint](query),
  has: ([endpoint, query]) => api.has(endpoint, query),
  idOf: ([endpoint, query]) => `${endpoint}?${query}`,
});
const prefetch = (source, states) =>
  prefetcher.want(source, states.flatMap((s) => requestsOf(toQuery(fitted(s)))));

const presenter = createPresenter({
  button: document.getElementById("present"),
  bar: document.getElementById("present-bar"),
  player,
  t,
  onChange: () => {
    showDrawable(undrawable);
    writeUrl();
  },
  onQr: showQr,
  presenting: initial.present,
});
const controls = createControls(document.getElementById("controls"), {
  rules,
  onChange: (state, parameter) => {
    const entry = historyMode(sliding ? "slider" : "control");
    sliding = false;
    load(toQuery(fitted(state)), { parameter, entry });
  },
  onPrefetch: prefetch,
  onInvalid: (message, parameter) => {
    showError(t("error.kept", { message }));
    controls.markInvalid(parameter);
    imageMode.keep();
  },
});

const imageMode = createImageMode(document.getElementById("image-mode"), {
  // A menu choice is discrete: an entry of its own, so Back returns to the one before.
  controls, rules, onSettings: () => writeUrlNow("push"),
});

// A layer kind sets the parameters; depthwise-separable opens its two layers in the planner.
const kindMenu = createKindMenu(document.getElementById("kinds"), {
  onChoose: (kind) => {
    if (kind === "separable") location.assign(separableUrl(shownParams));
    else controls.change(applyKind(controls.state, kind), "kind");
  },
});

let shownQuery = initial.query;
let shownParams = initial.data.params;
let shownAnswer = initial.data;

/** The input's numbers of `state`: its own, else the figure's (the paper's or the seed's). */
function inputRows(state) {
  return typeof state.x === "string" ? matrixRows(state.x) : shownAnswer.values.input;
}

/** The kernel's numbers of `state`: its own, else the figure's (a preset's, the paper's or
 * the seed's). */
function kernelRows(state) {
  const own = typeof state.w === "string" && !isPreset(state.w, fitting.presets);
  return own ? matrixRows(state.w) : shownAnswer.values.kernel;
}

// The next input unit in reading order (Tab), or the one before (Shift+Tab); null past the ends.
function neighbour([u, v], move, [h, w]) {
  const index = u * w + v + (move === "next" ? 1 : -1);
  return index < 0 || index >= h * w ? null : [Math.floor(index / w), index % w];
}

const cellEditor = createCellEditor(document.querySelector(".figure-wrap"), {
  onCommit: (unit, value, move) => {
    const state = fitted(controls.state);
    const rows = inputRows(state);
    if (rows[unit[0]][unit[1]] !== value) {
      controls.change({ ...state, x: withEntry(rows, unit, value) }, "x");
    }
    if (move !== "next" && move !== "prev") return;
    const next = neighbour(unit, move, [rows.length, rows[0].length]);
    const node = next && figure.unitNode(next);
    if (node) {
      cellEditor.open(next, node, rows[next[0]][next[1]]);
    } else {
      cellEditor.close();
    }
  },
  onClose: (unit) => figure.focusUnit(unit),
});

// The panel's buttons, menu and weights, each a new state (always the one last asked for,
// so quick edits build on each other before the figure catches up).
const numbersPanel = createNumbersPanel(document.getElementById("numbers-panel"), {
  onChange: (next, parameter) => controls.change(next, parameter),
  edits: {
    random: () => ({
      ...fitted(controls.state), seed: randomSeed(declared("seed").high), x: null, w: null,
    }),
    paper: () => ({ ...fitted(controls.state), seed: 0, x: null, w: null }),
    preset: (_, name) => choosePreset(fitted(controls.state), name),
    weight: (_, cell, value) => {
      const state = fitted(controls.state);
      return { ...state, w: withEntry(kernelRows(state), cell, value) };
    },
  },
});

function renderNumbersPanel(answer) {
  // A 3-D layer's input takes no numbers typed in (the engine refuses them).
  document.getElementById("numbers-edit-hint").hidden = isVolume(answer);
  numbersPanel.render(controls.state, answer, {
    numbers: numbersBox.checked,
    presets: fitting.presets,
    // A 3-D layer takes no weights of one's own: the paper's numbers tiled, or the seed's.
    takesWeights: rules.applies("w", answer.op) && !isVolume(answer),
  });
}
let latest = 0;

// Writing the URL costs the browser several milliseconds, so during a drag or playback it is
// written once things settle rather than on every frame.
const URL_DELAY_MS = 150;
let urlTimer = null;

function writeUrl() {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(writeUrlNow, URL_DELAY_MS);
}

const numbersBox = document.getElementById("numbers");
// The overlap heatmap: a transposed convolution's output shaded by its kernel copies.
const overlapBox = document.getElementById("overlap");
const overlapNote = createOverlapNote(document.getElementById("overlap-note"), {
  t,
  // The configuration without the checkerboard loads in place, as a preset does.
  onTry: (query) => load(query, { step: 0, playing: true, fromOutside: true, entry: "push" }),
});

function showOverlap(answer, notDrawn) {
  document.getElementById("overlap-toggle").hidden = answer.op !== "transpose";
  overlapNote.show(answer, {
    on: overlapBox.checked && !notDrawn,
    hrefOf: (query) => pageUrl(location.pathname, query, { ...pageSettings(), step: null }),
  });
}
const views = document.getElementById("views");
let view = initial.view;
// Why the layer on screen is not drawn (the engine's reason), or null while it is.
let undrawable = initial.undrawable_reason;

/** The pictures' query: they draw the direct view, so the scatter view exports its first
 * step of that (the step numbers of the two views differ). */
function updatePictures(step) {
  updateExports(shownQuery, {
    numbers: numbersBox.checked, step: view === "scatter" ? 0 : step, lang: initial.lang,
  });
}

/** The page's own settings after the engine's query: numbers on, the view, the step if
 * paused and image mode's (the embed view leaves those out). */
function pageSettings() {
  const { step, playing } = player.state;
  const paused = !playing && !undrawable;
  return {
    numbers: numbersBox.checked,
    view,
    step: paused ? step : null,
    image: imageMode.linkSettings(),
    matrix: matrixView.open,
    overlap: overlapBox.checked,
    lang: initial.lang,
    present: presenter.presenting,
  };
}

// While the figure on screen stands in for a link the engine refused, the address stays the
// one that was opened (the student's link), until the person changes something.
let standIn = false;
// Back or Forward was pressed and its figure is on its way: the entry's address is already
// right, and the figure still on screen must not be written into it.
let restoring = false;

/** Mark the figure as standing in for a refused link (or not); `mark` is the catalogue key
 * saying which figure stands in (the nearest valid one, or the default). */
function markStandIn(on, mark = "share.stand_in") {
  standIn = on;
  document.querySelector(".stage").classList.toggle("stand-in", on);
  const wrap = document.querySelector(".figure-wrap");
  if (on) wrap.dataset.standIn = t(mark);
  else delete wrap.dataset.standIn;
}

/** Write the URL of the figure on screen: `mode` "replace" (the entry on screen) or "push"
 * (a new entry, so Back returns to the one before). */
function writeUrlNow(mode = "replace") {
  clearTimeout(urlTimer);
  const url = pageUrl(location.pathname, shownQuery, pageSettings());
  if (!standIn && !restoring && url !== location.pathname + location.search) {
    if (mode === "push") history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }
  // An open QR code follows the address.
  qrDialog.refresh();
}

function showError(message) {
  errorBox.textContent = message ?? "";
  errorBox.hidden = !message;
}

/** A layer too large to draw: its sentence where the figure was, no player, no downloads.
 * The sentence says where the arithmetic is: below on the page, or out of the slide. */
function showDrawable(reason) {
  undrawable = reason ?? null;
  document.querySelector(".stage").classList.toggle("undrawable", Boolean(undrawable));
  const box = document.getElementById("undrawable");
  const key = presenter.presenting ? "figure.too_large_present" : "figure.too_large";
  box.textContent = undrawable ? t(key, { message: undrawable }) : "";
  box.hidden = !undrawable;
  document.getElementById("export-undrawable").hidden = !undrawable;
  document.querySelector(".export-links").hidden = Boolean(undrawable);
}

function show(answer, { step, playing, notDrawn = null } = {}) {
  shownQuery = answer.query;
  shownParams = answer.params;
  shownAnswer = answer;
  renderNumbersPanel(answer);
  kindMenu.show(answer);
  showDrawable(notDrawn);
  views.hidden = answer.op !== "transpose";
  if (views.hidden) view = "direct";
  for (const radio of views.querySelectorAll("input")) radio.checked = radio.value === view;
  document.querySelector('.legend [data-kind="cropped"]').hidden = !answer.canvas;
  markPreset();
  document.getElementById("figure-hint").textContent =
    t(answer.canvas ? "figure.hint_scatter" : "figure.hint");
  for (const item of document.querySelectorAll(".legend [data-kind]")) {
    item.querySelector(".legend-text").textContent = t(legendKey(answer.op, item.dataset.kind, answer.params.padding_mode));
  }
  renderFormula(answer);
  presenter.show(answer);
  renderCode(answer);
  // The drawings read a 1-D layer as the plane one row high.
  const plane = planeOf(answer);
  channels.render(plane);
  // Image mode filters a picture: a 2-D layer's alone.
  const flat = (answer.params.dims ?? 2) === 2;
  document.getElementById("image-mode").hidden = !flat;
  if (flat) imageMode.follow(answer);
  document.getElementById("matrix-view").hidden = isVolume(answer);
  if (!isVolume(answer)) matrixView.follow(plane, { numbers: numbersBox.checked });
  showOverlap(plane, notDrawn);
  if (notDrawn) {
    player.stop();
  } else {
    figure.render(plane);
    // A cell being typed into that is no longer drawn (a new size) ends its edit.
    if (cellEditor.unit && !figure.unitNode(cellEditor.unit)) cellEditor.close();
    player.reset({ step, playing });
    updatePictures(player.state.step);
  }
  document.title = pageTitle(t, answer);
  document.getElementById("copy-embed").dataset.title =
    t("share.embed_title", { summary: figureSummary(t, answer) });
  const summary = t("figure.summary", {
    op: t(`op.${answer.op}.short`), i: pairSize(answer.input_shape), o: pairSize(answer.output_shape),
  });
  document.getElementById("figure").setAttribute("aria-label", t("figure.label", { summary }));
  writeUrl();
}

async function applyRanges(query) {
  try {
    const ranges = await api.ranges(query);
    if (query === shownQuery) controls.applyRanges(ranges);
  } catch {
    // The bounds stay as they were; the engine still explains any refused value.
  }
}

/** Fetch and draw `query`; a newer request supersedes an older one still in flight. */
/** Mark the paper figure on screen (1.2 and 2.6 share a configuration: numbers tell them
 * apart, as the chapter-1 figures print them). */
function markPreset() {
  for (const link of document.querySelectorAll("a.preset")) {
    if (showsFigure(link.href, shownQuery, numbersBox.checked)) link.setAttribute("aria-current", "true");
    else link.removeAttribute("aria-current");
  }
}

// A slow answer (a large figure) shows that the figure on screen is not the one asked for.
const LOADING_DELAY_MS = 120;

async function load(query, {
  parameter = null, step, playing, fromOutside = false, entry = "replace",
} = {}) {
  const ticket = ++latest;
  // The entry on screen keeps its figure's address before a new entry follows it.
  if (entry === "push") writeUrlNow();
  // Only a transposed convolution has the scatter view.
  const scattering = view === "scatter" && query.startsWith("op=transpose&");
  const stage = document.querySelector(".stage");
  const slow = setTimeout(() => stage.classList.add("loading"), LOADING_DELAY_MS);
  let answer;
  let notDrawn = null;
  try {
    try {
      answer = await (scattering ? api.scatter(query) : api.frames(query));
    } catch (error) {
      if (!(error instanceof api.ConfigRefused && error.reason === "drawing")) throw error;
      // Valid but too large to draw: show its arithmetic, and say why there is no figure.
      notDrawn = error.message;
      answer = await api.arithmetic(query);
    }
  } catch (error) {
    if (ticket !== latest) return;
    // The figure keeps the answer on screen: image mode's menus go back to it.
    imageMode.keep();
    if (error instanceof api.ConfigRefused) {
      // Back or Forward to a refused link: its address stays, the figure before stands in.
      if (entry === "none") markStandIn(true, "share.stand_in_last");
      showError(t("error.kept", { message: error.message }));
      controls.markInvalid(error.parameter ?? parameter);
    } else {
      showError(t("error.network", { status: error.message }));
    }
    return;
  } finally {
    if (ticket === latest) restoring = false;
    clearTimeout(slow);
    if (ticket === latest) stage.classList.remove("loading");
  }
  if (ticket !== latest) return;
  api.hold(requestsOf(query));
  showError(null);
  controls.markInvalid(null);
  // The engine's resolved state: a padding keyword's numbers, a clamped step.
  const state = stateFromAnswer(answer);
  if (fromOutside) controls.setLinked(isSquare(state));
  controls.write(state);
  // The first change after a refused link's stand-in keeps that link an entry of its own.
  const leaving = standIn && entry === "replace";
  markStandIn(false);
  show(answer, { step, playing, notDrawn });
  if (entry === "push" || leaving) writeUrlNow("push");
  applyRanges(answer.query);
}

// Presets (and a tour stop's "try this" links) load in place: no page reload, the animation
// starts from the first step.
for (const link of document.querySelectorAll("a.preset, a.try-link")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    // On a phone the presets sit far below the figure: bring the figure into view. Measured
    // first, while the layout is still clean, and scrolled in the next frame, once the new
    // figure is drawn (scrolling now would lay out the old one again).
    const stage = document.querySelector(".stage");
    const below = stage.getBoundingClientRect().top < 0;
    const preset = presetOf(link.href);
    numbersBox.checked = preset.numbers;
    figure.setNumbers(numbersBox.checked, false); // load() draws the preset with them
    view = "direct";
    load(preset.query, { step: 0, playing: true, fromOutside: true, entry: "push" });
    if (below) requestAnimationFrame(() => stage.scrollIntoView({ block: "start" }));
  });
}

// A preset loads in the direct view: the one under the pointer or focus is fetched first,
// all of them once the page is idle.
const presetRequest = (link) => ["frames", presetOf(link.href).query];
const presetLinks = [...document.querySelectorAll("a.preset")];
for (const link of presetLinks) {
  const want = () => prefetcher.want("preset", [presetRequest(link)]);
  link.addEventListener("pointerenter", want);
  link.addEventListener("focus", want);
}
// The figure on screen is read first: its own prefetch (a hover, a focus) goes before.
const PRESETS_AFTER_MS = 2000;
const whenIdle = globalThis.requestIdleCallback ?? ((run) => run());
setTimeout(() => whenIdle(() => prefetcher.later("idle", presetLinks.map(presetRequest))),
  PRESETS_AFTER_MS);
// The layer kinds offered, as the menu is approached.
const kindSelect = document.getElementById("kind");
const wantKinds = () => prefetch("kind", offeredKinds(controls.state.op)
  .filter((kind) => kind !== "separable" && !kindSelect.querySelector(`option[value="${kind}"]`)?.disabled)
  .map((kind) => applyKind(controls.state, kind)));
kindSelect.addEventListener("pointerenter", wantKinds);
kindSelect.addEventListener("focus", wantKinds);

document.getElementById("copy-link").addEventListener("click", async () => {
  writeUrlNow();
  const status = document.getElementById("share-status");
  const copied = await copyText(location.href);
  const said = copied ? t("share.copied") : t("share.copy_failed", { url: location.href });
  // A loopback address opens this computer only: say so, and how to reach the students.
  status.textContent = isLoopback(location.hostname)
    ? `${said} ${t("share.loopback", { host: location.host })}`
    : said;
});

document.getElementById("show-qr").addEventListener("click", showQr);

document.getElementById("copy-embed").addEventListener("click", async (event) => {
  const code = iframeCode(embedUrl(location.origin, shownQuery, pageSettings()),
    event.currentTarget.dataset.title);
  const status = document.getElementById("share-status");
  status.textContent = (await copyText(code)) ? t("share.embed_copied") : code;
});

for (const radio of views.querySelectorAll("input")) {
  radio.addEventListener("change", () => {
    view = radio.value;
    load(shownQuery, { step: 0, playing: player.state.playing, entry: "push" });
  });
}

numbersBox.addEventListener("change", () => {
  figure.setNumbers(numbersBox.checked);
  cellEditor.close();
  renderNumbersPanel(shownAnswer);
  if (!isVolume(shownAnswer)) matrixView.follow(planeOf(shownAnswer), { numbers: numbersBox.checked });
  markPreset();
  updatePictures(player.state.step);
  markStandIn(false);
  writeUrlNow("push");
});

// Turning the heatmap on or off is a discrete change of the page: a history entry.
overlapBox.addEventListener("change", () => {
  figure.setOverlap(overlapBox.checked);
  showOverlap(planeOf(shownAnswer), undrawable);
  markStandIn(false);
  writeUrlNow("push");
});

// Back and Forward: the entry's link, drawn again (its own entry, so nothing is written).
window.addEventListener("popstate", () => {
  clearTimeout(urlTimer);
  restoring = true;
  qrDialog.refresh();
  const link = linkOf(location.search, declaration.map((p) => p.name));
  numbersBox.checked = link.numbers;
  figure.setNumbers(link.numbers);
  view = link.view;
  imageMode.restore(link.image);
  matrixView.setOpen(link.matrix);
  overlapBox.checked = link.overlap;
  figure.setOverlap(link.overlap);
  const paused = link.step !== null;
  load(link.query, { step: paused ? link.step : 0, playing: !paused, fromOutside: true, entry: "none" });
});

const primed = initial.undrawable ? "arithmetic" : initial.view === "scatter" ? "scatter" : "frames";
api.prime(primed, initial.query, initial.data);
api.prime("ranges", initial.query, initial.ranges);
api.hold(requestsOf(initial.query));
controls.setLinked(isSquare(stateFromAnswer(initial.data)));
controls.write(stateFromAnswer(initial.data));
controls.applyRanges(initial.ranges);
showError(initial.error);
// A refused link opens on the nearest valid figure (else the default one); its address stays
// the one that was sent.
markStandIn(Boolean(initial.error), initial.stand_in ?? undefined);
figure.setNumbers(initial.numbers);
figure.setOverlap(initial.overlap);
const paused = initial.step !== null && initial.step !== undefined;
show(initial.data, { step: paused ? initial.step : 0, playing: !paused, notDrawn: initial.undrawable_reason });
// The switch takes the figure on screen, even before the address catches up with it.
startLanguageSwitch(() => pageUrl(location.pathname, shownQuery, pageSettings()));
document.documentElement.dataset.ready = "true";
