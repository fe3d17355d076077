// The browser's history and the tab's title, following the figure. No DOM here: main.js
// writes the entries and listens to Back and Forward.
import { pairScalar, pairSize } from "./format.js";

// Changes that run on without a pause: a slider dragged (or stepped by its arrow keys) and
// the player's steps. Each replaces the entry on screen, so Back does not replay them.
const CONTINUOUS = new Set(["slider", "player"]);

/** How a change from `source` reaches the history: "replace" for a continuous one, "push"
 * for a discrete one (a preset, the operation, a layer kind, Random or Paper's numbers, a
 * kernel preset, a typed number), so Back returns to the figure before it. */
export function historyMode(source) {
  return CONTINUOUS.has(source) ? "replace" : "push";
}

/** One line naming the figure of an engine `answer`, as app/web/pages.py's `summary` writes
 * it (the page's first title and its link previews). */
export function figureSummary(t, answer) {
  const { params } = answer;
  let extra = "";
  if (params.d.some((v) => v !== 1)) extra += t("summary.dilation", { d: pairScalar(params.d) });
  if (params.a.some((v) => v !== 0)) {
    extra += t("summary.output_padding", { a: pairScalar(params.a) });
  }
  if (params.ceil) extra += t("summary.ceil");
  return t("summary.line", {
    op: t(`op.${answer.op}`),
    i: pairSize(params.i),
    k: pairSize(params.k),
    s: pairScalar(params.s),
    p: typeof params.p === "string" ? params.p : pairScalar(params.p),
    extra,
    o: pairSize(answer.output_shape),
  });
}

/** The tab's title for an engine `answer`. */
export function pageTitle(t, answer) {
  return t("page.title_config", { summary: figureSummary(t, answer) });
}

/** Image mode's settings in a link's `params` (urls.js's imageQuery read back): null while
 * the section is closed. The menus take only what they offer (imagemode.js's restore). */
export function imageOf(params) {
  const sample = params.get("image");
  if (!sample) return null;
  const zoom = Number(params.get("image_zoom") ?? "1");
  return {
    sample,
    scale: params.get("image_scale") || "auto",
    zoom: Number.isInteger(zoom) && zoom > 0 ? zoom : 1,
  };
}

/** A page link's `search` read back: the engine's part (the parameters in `names`, as
 * written) and the page's settings a history entry restores. */
export function linkOf(search, names) {
  const params = new URLSearchParams(search);
  const engine = new URLSearchParams();
  for (const [name, value] of params) {
    if (names.includes(name)) engine.append(name, value);
  }
  const step = params.get("step");
  return {
    query: engine.toString(),
    numbers: params.get("numbers") === "1",
    view: params.get("view") === "scatter" ? "scatter" : "direct",
    step: step !== null && /^\d+$/.test(step) ? Number(step) : null,
    matrix: params.get("matrix") === "1",
    overlap: params.get("overlap") === "1",
    image: imageOf(params),
  };
}
