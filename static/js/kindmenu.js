// The layer-kind menu on the page: it shows the engine's kind of the layer on screen (the
// answer's `kind`) with its sentence, and hands a chosen kind to the page (main.js), which
// applies it with kinds.js's settings or opens the planner.
import { offeredKinds } from "./kinds.js";
import { t } from "./messages.js";

// The kinds whose sentence names the kernel's cells, worded for each dims.
const WORDED_BY_DIMS = { standard: true, pointwise: true, separable: true };

export function createKindMenu(box, { onChoose }) {
  const select = box.querySelector("#kind");
  const now = box.querySelector("#kind-now");
  const about = box.querySelector("#kind-about");
  let shown = null;

  select.addEventListener("change", () => {
    const chosen = select.value;
    // The menu keeps showing what the layer is until the engine says it changed.
    select.value = shown ?? "";
    onChoose(chosen);
  });

  /** Show the kind of the layer `answer` describes; pooling has none and hides the menu. */
  function show(answer) {
    shown = answer.kind;
    box.hidden = !shown;
    if (!shown) return;
    const offered = offeredKinds(answer.op);
    for (const option of select.options) {
      // The replacement is a standard convolution's: the engine gives its cost for no other;
      // it opens in the network planner, in the layer's own dims.
      const taken = offered.includes(option.value)
        && (option.value !== "separable" || answer.separable !== null);
      option.disabled = !taken;
      if (option.value === "separable") {
        option.textContent = t(taken ? "kind.separable" : "kind.separable_not_here");
      }
    }
    select.value = shown;
    const { c_in: cIn, c_out: cOut } = answer.params;
    const name = t(`kind.${shown}`);
    if (answer.op === "transpose") now.textContent = t("kind.now_transpose", { kind: name });
    else if (shown === "depthwise" && cOut > cIn) {
      now.textContent = t("kind.multiplier", { m: cOut / cIn });
    } else now.textContent = t("kind.now", { kind: name });
    // A strip's and a volume's kernels have k and k³ cells where a plane's has k².
    const dims = answer.params.dims ?? 2;
    const ownWords = dims !== 2 && shown in WORDED_BY_DIMS;
    about.textContent = t(`kind.about.${shown}${ownWords ? `.${dims}d` : ""}`);
  }

  return { show };
}
