// Image mode on the main page (templates/_image.html): the figure's kernel applied to a
// bundled picture or an upload by /api/filter, input, kernel and result shown at true size,
// and a patch of the input's pixels put into the figure. The figure's state is the one
// source of truth: the kernel and padding-mode menus here change it, every answer the
// figure shows (main.js calls follow) re-filters the picture, and a change the figure
// refuses puts the menus back (main.js calls keep). The section's own settings (open, the
// sample, scale and zoom) are in the page's link: linkSettings, with onSettings called when
// they change. The logic is image_logic.js's.
import { pairScalar, pairSize } from "./format.js";
import {
  filterQuery, fileProblem, imageKernel, inputCaptions, moveCenter, parseSize, patchBounds,
  patchRows, patchSize, patchState, patchWords, pixelAt, resultCaptions,
} from "./image_logic.js";
import { t } from "./messages.js";
import { choosePreset } from "./values.js";

// Every request is bounded: past this the page stops waiting and says so.
const TIMEOUT_MS = 30000;
// A quick answer paints without a "Filtering…" flash.
const LOADING_DELAY_MS = 150;
// The input is fetched with a 1×1 identity kernel, which any picture takes, so the picture
// shows (and its pixels read) even while the figure's kernel is refused for it.
const INPUT_QUERY = "k=1&w=identity";

class FilterFailed extends Error {
  /** `detail`: the server's sentence, if it sent one; `status`: the HTTP status or null. */
  constructor(detail, status) {
    super(detail ?? String(status));
    this.detail = detail;
    this.status = status;
  }
}

/** A same-origin /api/filter request, GET for a sample or POST with `upload` (a Blob) as
 * the form field image; answers {blob, headers} or throws FilterFailed. */
async function requestFilter(query, upload = null) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  const init = { signal: controller.signal, mode: "same-origin", credentials: "same-origin" };
  if (upload) {
    const form = new FormData();
    form.append("image", upload.blob, upload.name);
    init.method = "POST";
    init.body = form;
  }
  try {
    // The refusal's sentence in the page's language (templates/base.html's <html lang>).
    const lang = document.documentElement.lang;
    const response = await fetch(`/api/filter?${query}${lang ? `&lang=${encodeURIComponent(lang)}` : ""}`, init);
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw new FilterFailed(typeof problem?.detail === "string" ? problem.detail : null, response.status);
    }
    return { blob: await response.blob(), headers: response.headers };
  } catch (error) {
    if (error instanceof FilterFailed) throw error;
    throw new FilterFailed(null, controller.signal.aborted ? null : error.message);
  } finally {
    clearTimeout(timer);
  }
}

/** A PNG's grey levels, row-major: a greyscale PNG without a colour profile reads back
 * exactly (tests/browser/test_image_mode.py holds them to the server's). */
async function greyLevels(blob) {
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: "none", premultiplyAlpha: "none" });
  const canvas = document.createElement("canvas");
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  const grey = new Uint8Array(canvas.width * canvas.height);
  for (let n = 0; n < grey.length; n++) grey[n] = data[4 * n];
  return grey;
}

/** A blob as a data: URL (the page's CSP takes data: pictures, not blob: ones). */
function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Show `url` in `img` once it is decoded, so a picture and its caption change together. */
async function paint(img, url) {
  const next = new Image();
  next.src = url;
  await next.decode();
  img.src = url;
}

/** A weight as the kernel table writes it: up to four decimals (a Gaussian's 0.0625). */
const weightText = (value) => String(Number(value.toFixed(4))).replace("-", "−");

export function createImageMode(section, { controls, rules, onSettings = () => {} }) {
  const $ = (id) => section.querySelector(`#${id}`);
  const kernelMenu = $("image-kernel");
  const modeMenu = $("image-padding-mode");
  const scaleMenu = $("image-scale");
  const pick = $("image-pick");
  const inputImg = $("image-input");
  const outputImg = $("image-output");
  const marker = $("image-patch");
  const zoomMenu = $("image-zoom");
  const presets = [...kernelMenu.options].map((o) => o.value).filter((v) => v && v !== "own");
  const limits = { maxBytes: Number(section.dataset.maxBytes), maxMb: section.dataset.maxMb };

  let answer = null; // the figure's answer on screen
  // The picture asked for: {sample} or {upload: {blob, name, serial}}.
  let picture = { sample: section.querySelector('input[name="image-picture"]:checked').value };
  let shownUpload = null; // the upload the "your own picture" choice stands for
  // The bundled picture a link names: the one on screen, or the last one while an upload
  // is (an upload cannot travel in a link).
  let linkSample = picture.sample;
  let input = null; // the picture on screen: {key, picture, grey, size, scaled, blob}
  let center = null; // the patch's centre, [row, col]
  let shownKey = null; // what the result on screen was filtered from
  let resultOf = null; // the picture the result on screen belongs to
  let running = false;
  let again = false;
  const captions = { input: "", output: "" }; // the pictures' sizes, as their captions say
  let outputSize = null; // the result's [h, w]
  let markerAt = null; // the patch marked: {bounds, picked}

  const pictureKey = () => (picture.sample ? `sample:${picture.sample}` : `upload:${picture.upload.serial}`);

  /** The picture menu says which picture is on screen (or asked for, before any is). */
  function writePictureMenu() {
    const shown = input?.picture ?? picture;
    if (shown.upload) shownUpload = shown.upload;
    if (shown.sample && shown.sample !== linkSample) {
      linkSample = shown.sample;
      onSettings();
    }
    $("image-own-option").hidden = !shownUpload;
    $("image-file-name").textContent = shownUpload?.name ?? "";
    for (const radio of section.querySelectorAll('input[name="image-picture"]')) {
      radio.checked = shown.sample ? radio.value === shown.sample : radio.value === "";
    }
  }

  function showError(message) {
    $("image-error").textContent = message ?? "";
    $("image-error").hidden = !message;
  }

  function failure(error) {
    if (error.detail) return t("image.refused", { message: error.detail });
    if (error.status === null) return t("image.timeout", { seconds: TIMEOUT_MS / 1000 });
    return t("image.failed", { status: error.status });
  }

  /** The menus and the settings line from the figure's answer. */
  function writeControls() {
    const kernel = imageKernel(answer, presets);
    const own = kernelMenu.querySelector('option[value="own"]');
    own.hidden = kernel.source !== "own";
    kernelMenu.value = kernel.source === "preset" ? answer.params.w : kernel.source === "own" ? "own" : "";
    modeMenu.value = answer.params.padding_mode;
    const { k, s, p, d } = answer.params;
    $("image-from-page").textContent = t("image.settings", {
      k: pairSize(k), s: pairScalar(s), p: typeof p === "string" ? p : pairScalar(p), d: pairScalar(d),
    });
    const notConv = kernel.source === "not_conv";
    $("image-not-conv").hidden = !notConv;
    if (notConv) $("image-not-conv-text").textContent = t("image.not_conv", { op: t(`op.${answer.op}.short`) });
    writeWeights(kernel.source === "not_conv" ? null : answer.values?.kernel);
  }

  function writeWeights(rows) {
    const body = $("image-weights").tBodies[0];
    body.replaceChildren(...(rows ?? []).map((row) => {
      const tr = document.createElement("tr");
      for (const value of row) {
        const td = document.createElement("td");
        td.textContent = weightText(value);
        tr.append(td);
      }
      return tr;
    }));
  }

  /** A result is shown beside its own picture only: a new picture the figure's settings
   * cannot filter stands alone, with the sentence saying why. */
  function showResult() {
    const own = resultOf !== null && resultOf === input?.key;
    $("image-result").hidden = !own;
    $("image-result-notes").hidden = !own;
  }

  /** The picture's pixels and its true-size display, fetched once per picture. */
  async function loadInput() {
    const key = pictureKey();
    if (input?.key === key) return true;
    const asked = picture;
    const query = filterQuery(INPUT_QUERY, { sample: asked.sample, show: "input" });
    let answered;
    try {
      answered = await requestFilter(query, asked.upload ?? null);
    } catch (error) {
      // A picture refused: the menu goes back to the one on screen (unless another was
      // chosen meanwhile).
      if (picture === asked) picture = input?.picture ?? picture;
      writePictureMenu();
      throw error;
    }
    const { blob, headers } = answered;
    const size = parseSize(headers.get("X-Input-Size"));
    const grey = await greyLevels(blob);
    await paint(inputImg, await dataUrl(blob));
    input = { key, picture: asked, grey, size, blob, scaled: parseSize(headers.get("X-Input-Scaled")) };
    writePictureMenu();
    const words = inputCaptions(size, input.scaled, t);
    inputImg.alt = words.input;
    captions.input = words.input;
    $("image-scaled").textContent = words.scaled ?? "";
    $("image-scaled").hidden = !words.scaled;
    $("image-panels").hidden = false;
    showResult();
    pick.setAttribute("aria-label", t("image.input_label", { h: size[0], w: size[1] }));
    center = [Math.floor(size[0] / 2), Math.floor(size[1] / 2)];
    marker.hidden = true;
    $("image-status").textContent = "";
    applyZoom();
    return true;
  }

  /** Filter the picture with the figure's settings, unless the result on screen is that. */
  async function update() {
    const kernel = imageKernel(answer, presets);
    if (kernel.source === "not_conv") {
      // The notice above says why nothing is filtered.
      showError(null);
      return;
    }
    if (kernel.source === "unknown") {
      showError(t("image.no_numbers"));
      return;
    }
    const slow = setTimeout(() => { $("image-loading").hidden = false; }, LOADING_DELAY_MS);
    try {
      await loadInput();
      const query = filterQuery(answer.query, { w: kernel.w, sample: input.picture.sample, scale: scaleMenu.value });
      const key = `${input.key} ${query}`;
      if (key === shownKey) {
        showError(null);
        return;
      }
      // An upload is filtered from its greyscale working copy: the same pixels, fewer bytes.
      const sent = input.picture.sample ? null : { blob: input.blob, name: "picture.png" };
      const { blob, headers } = await requestFilter(query, sent);
      const output = parseSize(headers.get("X-Output-Size"));
      await paint(outputImg, await dataUrl(blob));
      const words = resultCaptions({
        input: input.size, output, shown: headers.get("X-Display-Scale"),
      }, answer.params, t);
      outputImg.alt = t("image.result_label", { h: output[0], w: output[1] });
      $("image-kernel-caption").textContent = words.kernel;
      captions.output = words.output;
      outputSize = output;
      applyZoom();
      $("image-change").textContent = words.change;
      $("image-shown").textContent = words.shown;
      shownKey = key;
      resultOf = input.key;
      showResult();
      section.dataset.query = query;
      showError(null);
    } catch (error) {
      if (!(error instanceof FilterFailed)) throw error;
      showError(failure(error));
    } finally {
      clearTimeout(slow);
      $("image-loading").hidden = true;
    }
  }

  /** Run update until it has caught up with the latest settings: one request at a time. */
  async function refresh() {
    if (!section.open || !answer) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await update();
      } while (again);
    } finally {
      running = false;
    }
  }

  /** The figure's state with `change` applied, as if set in the form. */
  function changeFigure(change, parameter) {
    let state = rules.stateFromAnswer(answer);
    if (answer.op !== "conv") state = rules.switchOp(state, "conv");
    const next = change(state);
    controls.setLinked(rules.isSquare(next));
    controls.change(next, parameter);
  }

  // The patch: a square as large as patchSize says, centred where clicked or moved to.
  function patchHere() {
    return patchBounds(center, patchSize(answer.params, input.size), input.size);
  }

  /** Each picture drawn `zoom` screen pixels a picture pixel (1: true size), crisp, and
   * its caption saying so. */
  function applyZoom() {
    const zoom = Number(zoomMenu.value);
    const zoomed = (text) => (zoom === 1 || !text ? text : t("image.zoomed", { caption: text, n: zoom }));
    if (input) inputImg.style.width = `${input.size[1] * zoom}px`;
    if (outputSize) outputImg.style.width = `${outputSize[1] * zoom}px`;
    $("image-input-caption").textContent = zoomed(captions.input);
    $("image-output-caption").textContent = zoomed(captions.output);
    if (markerAt && !marker.hidden) drawMarker(markerAt.bounds, markerAt.picked);
  }

  function drawMarker(bounds, picked) {
    markerAt = { bounds, picked };
    const zoom = Number(zoomMenu.value);
    marker.style.left = `${bounds.left * zoom}px`;
    marker.style.top = `${bounds.top * zoom}px`;
    marker.style.width = `${bounds.width * zoom}px`;
    marker.style.height = `${bounds.height * zoom}px`;
    marker.classList.toggle("picked", picked);
    marker.hidden = false;
  }

  function pickPatch() {
    if (!input || !answer || answer.op !== "conv") return;
    const bounds = patchHere();
    const rows = patchRows(input.grey, input.size[1], bounds);
    const numbers = document.getElementById("numbers");
    if (numbers && !numbers.checked) {
      numbers.checked = true;
      numbers.dispatchEvent(new Event("change"));
    }
    changeFigure((state) => patchState(state, rows), "x");
    drawMarker(bounds, true);
    $("image-status").textContent = t("image.picked", patchWords(bounds));
    section.dataset.patch = `${bounds.top},${bounds.left},${bounds.height},${bounds.width}`;
    // The figure changes above: bring it into view if it is out of sight.
    const stage = document.querySelector(".stage");
    if (stage && stage.getBoundingClientRect().bottom < 0) stage.scrollIntoView({ block: "start" });
  }

  pick.addEventListener("click", (event) => {
    if (!input) return;
    const box = inputImg.getBoundingClientRect();
    // The picture is painted at its box snapped to the screen's pixels.
    const snap = (value) => Math.round(value * devicePixelRatio) / devicePixelRatio;
    center = pixelAt(event.clientX - snap(box.left), event.clientY - snap(box.top),
      [box.width, box.height], [input.size[1], input.size[0]]);
    pickPatch();
  });
  pick.addEventListener("keydown", (event) => {
    if (!input || !answer) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pickPatch();
      return;
    }
    const moved = moveCenter(center, event.key, event.shiftKey, input.size);
    if (!moved) return;
    event.preventDefault();
    center = moved;
    const bounds = patchHere();
    drawMarker(bounds, false);
    $("image-status").textContent = t("image.cursor", patchWords(bounds));
  });
  pick.addEventListener("focus", () => {
    if (!input || !answer || !marker.hidden) return;
    drawMarker(patchHere(), false);
  });

  function choosePicture(next) {
    picture = next;
    refresh();
  }

  for (const radio of section.querySelectorAll('input[name="image-picture"]')) {
    radio.addEventListener("change", () => {
      choosePicture(radio.value ? { sample: radio.value } : { upload: shownUpload });
    });
  }

  let serial = 0;
  function chooseFile(file) {
    if (!file) return;
    const problem = fileProblem(file, limits, t);
    if (problem) {
      showError(problem);
      return;
    }
    choosePicture({ upload: { blob: file, name: file.name || "picture", serial: ++serial } });
  }

  $("image-file").addEventListener("change", (event) => {
    chooseFile(event.target.files[0]);
    // Choosing the same file again is a new choice.
    event.target.value = "";
  });
  const drop = $("image-drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("dragging");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("dragging");
    chooseFile(event.dataTransfer.files[0]);
  });

  kernelMenu.addEventListener("change", () => {
    if (kernelMenu.value === "own") return;
    changeFigure((state) => choosePreset(state, kernelMenu.value), "w");
  });
  $("image-use-conv").addEventListener("click", () => changeFigure((state) => state, "op"));
  modeMenu.addEventListener("change", () => {
    changeFigure((state) => ({ ...state, padding_mode: modeMenu.value }), "padding_mode");
  });
  scaleMenu.addEventListener("change", () => {
    $("image-scale-about").textContent = scaleMenu.selectedOptions[0].dataset.about;
    onSettings();
    refresh();
  });
  zoomMenu.addEventListener("change", () => {
    applyZoom();
    onSettings();
  });
  // Whether the link says the section is open: a toggle that leaves it so (the link opened
  // it, or Back or Forward did) writes nothing.
  let linkedOpen = section.open;
  section.addEventListener("toggle", () => {
    if (section.open !== linkedOpen) {
      linkedOpen = section.open;
      onSettings();
    }
    refresh();
  });

  const offers = (menu, value) => [...menu.options].some((option) => option.value === value);

  return {
    /** The figure shows `next`: the menus say so and the picture is filtered again. */
    follow(next) {
      answer = next;
      writeControls();
      refresh();
    },
    /** The figure refused a change and kept the answer on screen: the menus say that one
     * again, not the value refused. */
    keep() {
      if (answer) writeControls();
    },
    /** Back or Forward: the section as the entry's link says (history.js's imageOf; null:
     * closed), without writing the link again. The figure's answer that follows (follow)
     * filters the picture. */
    restore(settings) {
      linkedOpen = Boolean(settings);
      section.open = linkedOpen;
      if (!settings) return;
      const radio = [...section.querySelectorAll('input[name="image-picture"]')]
        .find((r) => r.value && r.value === settings.sample);
      if (radio) {
        linkSample = settings.sample;
        picture = { sample: settings.sample };
        radio.checked = true;
      }
      if (offers(scaleMenu, settings.scale)) {
        scaleMenu.value = settings.scale;
        $("image-scale-about").textContent = scaleMenu.selectedOptions[0].dataset.about;
      }
      if (offers(zoomMenu, String(settings.zoom))) {
        zoomMenu.value = String(settings.zoom);
        applyZoom();
      }
    },
    /** The section as urls.js's imageQuery writes it: null while closed. */
    linkSettings() {
      // The toggle event comes a moment after the click: until then the link is unchanged,
      // so the toggle's own entry is the one that records it.
      if (!linkedOpen) return null;
      return { sample: linkSample, scale: scaleMenu.value, zoom: Number(zoomMenu.value) };
    },
  };
}
