// The numbers a learner edits: a box typed into over a cell of the figure, and the panel
// beside the Numbers switch (the seed, Random, Paper's numbers, the kernel's preset and its
// weights). This module only touches the DOM: what a value or a state becomes is values.js's.
import { t } from "./messages.js";
import { numberText, parseEntry } from "./values.js";

/** A message at `anchor`'s place in `box` (a positioned element), read out at once. */
function refusal(box) {
  const note = document.createElement("p");
  note.className = "cell-error";
  note.setAttribute("role", "alert");
  note.hidden = true;
  box.appendChild(note);
  return {
    show(rect) {
      const outer = box.getBoundingClientRect();
      note.textContent = t("numbers.refused");
      note.style.left = `${Math.max(0, rect.left - outer.left)}px`;
      note.style.top = `${rect.bottom - outer.top + 4}px`;
      note.hidden = false;
    },
    hide() { note.hidden = true; },
  };
}

/** A text box laid over a figure cell in `wrap`. `onCommit(unit, value, move)` takes a valid
 * number (move: "stay", "next" or "prev"; Enter, Tab, Shift+Tab); a refused entry keeps the
 * old value with the catalogue's sentence at the cell; Esc and `onClose(unit)` end it. */
export function createCellEditor(wrap, { onCommit, onClose }) {
  const box = document.createElement("input");
  box.type = "text";
  box.className = "cell-editor";
  // A plain text keyboard: a phone's decimal pad may have no minus sign.
  box.autocomplete = "off";
  box.hidden = true;
  wrap.appendChild(box);
  const note = refusal(wrap);
  let unit = null;
  let old = "";

  function open(at, node, value) {
    unit = at;
    // Every digit the link holds, not the figure's rounding: an untouched value stays exact.
    old = numberText(value);
    const outer = wrap.getBoundingClientRect();
    const rect = node.getBoundingClientRect();
    Object.assign(box.style, {
      left: `${rect.left - outer.left}px`, top: `${rect.top - outer.top}px`,
      width: `${Math.max(rect.width, 48)}px`, height: `${rect.height}px`,
    });
    box.value = old;
    box.setAttribute("aria-label", t("numbers.editing", { r: at[0], c: at[1] }));
    box.removeAttribute("aria-invalid");
    note.hide();
    box.hidden = false;
    box.focus();
    box.select();
  }

  function close() {
    if (!unit) return;
    const was = unit;
    unit = null;
    box.hidden = true;
    note.hide();
    onClose(was);
  }

  /** Hand a valid value on; a refused one stays refused, the old value back in the box. */
  function commit(move) {
    const value = parseEntry(box.value);
    if (value === null) {
      note.show(box.getBoundingClientRect());
      box.setAttribute("aria-invalid", "true");
      box.value = old;
      box.select();
      return;
    }
    const at = unit;
    if (move === "stay") close();
    if (move === "stay" && box.value.trim() === old) return; // nothing typed: the link stays
    onCommit(at, value, move);
  }

  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter") commit("stay");
    else if (event.key === "Tab") commit(event.shiftKey ? "prev" : "next");
    else if (event.key === "Escape") close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  });
  // Tapping or clicking elsewhere keeps a valid value and drops an invalid one.
  box.addEventListener("blur", () => {
    if (!unit) return;
    if (parseEntry(box.value) !== null && box.value.trim() !== old) {
      const at = unit;
      const value = parseEntry(box.value);
      unit = null;
      box.hidden = true;
      note.hide();
      onCommit(at, value, "blur");
    } else {
      unit = null;
      box.hidden = true;
      note.hide();
    }
  });

  return { open, close, get unit() { return unit; } };
}

/** The numbers panel: `onChange(next, parameter)` gets the state a person asked for;
 * `edits` turns a choice into that state (values.js's rules, bound by main.js). */
export function createNumbersPanel(root, { onChange, edits }) {
  const seedBox = root.querySelector("#seed-count");
  const preset = root.querySelector("#kernel-preset");
  const paperOption = preset.querySelector('option[value=""]');
  const ownOption = preset.querySelector('option[value="own"]');
  const kernel = root.querySelector("#kernel-editor");
  const cells = root.querySelector("#kernel-cells");
  const note = refusal(kernel);
  let state = null;
  let weights = null;

  root.querySelector("#random-numbers").addEventListener("click", () => onChange(edits.random(state), "seed"));
  root.querySelector("#paper-numbers").addEventListener("click", () => onChange(edits.paper(state), "seed"));
  seedBox.addEventListener("change", () => {
    const value = Number(seedBox.value);
    if (seedBox.value.trim() === "" || !Number.isInteger(value)) {
      seedBox.value = String(state.seed);
      return;
    }
    onChange({ ...state, seed: value }, "seed");
  });
  preset.addEventListener("change", () => {
    if (preset.value !== "own") onChange(edits.preset(state, preset.value), "w");
  });

  function commitWeight(input) {
    const [r, c] = input.dataset.cell.split(",").map(Number);
    const value = parseEntry(input.value);
    const old = weights[r][c];
    if (value === null) {
      note.show(input.getBoundingClientRect());
      input.value = numberText(old);
      input.setAttribute("aria-invalid", "true");
      return;
    }
    note.hide();
    input.removeAttribute("aria-invalid");
    // An untouched box (a preset's 1/9 shows as 0.111111) leaves the kernel as it is.
    if (input.value.trim() !== numberText(old)) onChange(edits.weight(state, [r, c], value), "w");
  }

  cells.addEventListener("change", (event) => commitWeight(event.target));
  cells.addEventListener("keydown", (event) => {
    const input = event.target;
    if (event.key === "Enter") {
      commitWeight(input);
      input.select();
    } else if (event.key === "Escape") {
      const [r, c] = input.dataset.cell.split(",").map(Number);
      input.value = numberText(weights[r][c]);
      note.hide();
      input.select();
    }
  });

  /** The kernel's weights as inputs, rebuilt only when its size changes, so a person
   * typing in one keeps their place while the figure follows. */
  function showWeights(rows) {
    const [h, w] = [rows.length, rows[0].length];
    const fresh = cells.dataset.shape !== `${h}x${w}`;
    if (fresh) {
      cells.replaceChildren();
      cells.dataset.shape = `${h}x${w}`;
      cells.style.gridTemplateColumns = `repeat(${w}, 4.2em)`;
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          const input = document.createElement("input");
          input.type = "text";
          input.autocomplete = "off";
          input.dataset.cell = `${r},${c}`;
          input.setAttribute("aria-label", t("numbers.weight", { r, c }));
          cells.appendChild(input);
        }
      }
    }
    for (const input of cells.children) {
      const [r, c] = input.dataset.cell.split(",").map(Number);
      if (input !== document.activeElement || fresh) input.value = numberText(rows[r][c]);
    }
  }

  /** Show the panel for `next` (the page's state) and `answer` (the figure on screen). */
  function render(next, answer, { numbers, presets, takesWeights }) {
    state = next;
    root.hidden = !numbers;
    seedBox.value = String(state.seed);
    kernel.hidden = !takesWeights;
    root.querySelector("#kernel-flipped").hidden = answer.op !== "transpose";
    paperOption.textContent = state.seed ? paperOption.dataset.seeded : paperOption.dataset.paper;
    const own = typeof state.w === "string" && !presets.includes(state.w);
    ownOption.hidden = !own;
    ownOption.disabled = !own;
    preset.value = own ? "own" : (state.w ?? "");
    weights = answer.values?.kernel ?? null;
    if (takesWeights && weights) showWeights(weights);
  }

  return { render };
}
