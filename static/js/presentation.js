// Presentation mode's pure part: which key does what, and the corner's words. The page's
// part (present.js) reads the keyboard and the Fullscreen API and calls these.
import { pairScalar } from "./format.js";

/** The key that enters presentation mode (and, once in it, asks for the full screen). */
export const PRESENT_KEY = "f";
/** The key that shows the link's QR code while presenting. */
export const QR_KEY = "q";

/**
 * What `key` does, given whether the page is `presenting` and `fullscreen`: "enter",
 * "fullscreen", "leave", "next", "prev", "qr" (show the link's QR code), or null (the key is someone else's). Clickers send
 * PageDown and PageUp; the arrows, space, Home and End stay the player's own.
 */
export function presentAction(key, { presenting, fullscreen }) {
  if (key.toLowerCase() === PRESENT_KEY) {
    if (!presenting) return "enter";
    return fullscreen ? "leave" : "fullscreen";
  }
  if (!presenting) return null;
  if (key.toLowerCase() === QR_KEY) return "qr";
  return { Escape: "leave", PageDown: "next", PageUp: "prev" }[key] ?? null;
}

const differs = (pair, value) => pair[0] !== value || pair[1] !== value;

/** The layer's parameters as PyTorch's arguments read ("i=5 k=3 s=2 p=1"): the defaults
 * of dilation, output padding, channels and groups left out. */
export function configText(params, op) {
  const padding = typeof params.p === "string" ? params.p : pairScalar(params.p);
  const parts = [
    `i=${pairScalar(params.i)}`, `k=${pairScalar(params.k)}`, `s=${pairScalar(params.s)}`,
    `p=${padding}`,
  ];
  if (params.d && differs(params.d, 1)) parts.push(`d=${pairScalar(params.d)}`);
  if (op === "transpose" && params.a && differs(params.a, 0)) parts.push(`a=${pairScalar(params.a)}`);
  if (params.ceil) parts.push("ceil_mode");
  const convolution = op === "conv" || op === "transpose";
  if (convolution && (params.c_in !== 1 || params.c_out !== 1)) {
    parts.push(`c_in=${params.c_in}`, `c_out=${params.c_out}`);
  }
  if (convolution && params.g !== 1) parts.push(`g=${params.g}`);
  return parts.join(" ");
}

/** The corner's three lines for an engine answer: the configuration, the relationship's
 * formula with its numbers, and which relationship it is; `t` is the page's catalogue. */
export function cornerText(answer, t) {
  const rel = answer.relationship;
  return {
    config: t("present.config", { op: t(`op.${answer.op}`), params: configText(answer.params, answer.op) }),
    formula: rel.substituted,
    relationship: rel.number
      ? t("formula.relationship", { number: rel.number, title: rel.title })
      : t("formula.beyond", { title: rel.title }),
  };
}
