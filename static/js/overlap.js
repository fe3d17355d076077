// The note under the figure while the overlap heatmap shows: the ramp's counts with their
// colours, what they say about the checkerboard and, where one avoids it, a link to the
// configuration to try (loaded in place, as the presets are). The words: overlap_logic.js.
import { overlapSentence, rampOf } from "./overlap_logic.js";
import { el } from "./svg.js";

/** The note in `root`; `onTry(query)` loads the configuration its link names. */
export function createOverlapNote(root, { t, onTry }) {
  const ramp = root.querySelector("#overlap-ramp");
  const sentence = root.querySelector("#overlap-sentence");
  const link = root.querySelector("#overlap-try");
  let tried = null;

  link.addEventListener("click", (event) => {
    if (tried === null) return;
    event.preventDefault();
    onTry(tried);
  });

  /** Show the note for `answer` (hidden unless `on` and the answer has an overlap);
   * `hrefOf(query)` is the page link of a configuration. */
  function show(answer, { on, hrefOf }) {
    const overlap = on ? answer.overlap : null;
    root.hidden = !overlap;
    if (!overlap) return;
    ramp.replaceChildren(...rampOf(overlap.counts).map(({ count, colour }) => {
      const step = document.createElement("span");
      step.className = "ramp-step";
      const swatch = el("svg", { class: "swatch", viewBox: "0 0 16 16", "aria-hidden": "true" }, step);
      el("rect", { x: 1, y: 1, width: 14, height: 14, fill: colour, class: "ramp-swatch" }, swatch);
      step.append(String(count));
      return step;
    }));
    const said = overlapSentence(t, overlap, answer.query);
    sentence.textContent = said.text;
    root.dataset.kind = said.kind;
    tried = said.link?.query ?? null;
    link.parentElement.hidden = tried === null;
    link.textContent = said.link?.text ?? "";
    if (tried !== null) link.href = hrefOf(tried);
  }

  return { show };
}
