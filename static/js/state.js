// The page's state and its URL form. The URL names are the engine's query parameters, so a
// link is a configuration; the step is added only while paused.

export const PARAMS = ["i", "k", "s", "p", "d", "a"];

/** A size as the URL writes it: "5" when both axes agree, else "5,7". */
function pairText([h, w]) {
  return h === w ? String(h) : `${h},${w}`;
}

/** State from the engine's answer: its params are already resolved and checked. */
export function stateFromAnswer(answer) {
  const params = answer.params;
  const keyword = typeof params.p === "string" ? params.p : null;
  return {
    op: answer.op,
    i: params.i,
    k: params.k,
    s: params.s,
    p: keyword ? [answer.padding.top, answer.padding.left] : params.p,
    pMode: keyword || "number",
    d: params.d,
    a: params.a,
    ceil: params.ceil,
  };
}

/** The query string of a state: the same canonical order the engine uses. */
export function toQuery(state) {
  const parts = [
    `op=${state.op}`,
    `i=${pairText(state.i)}`,
    `k=${pairText(state.k)}`,
    `s=${pairText(state.s)}`,
    `p=${state.pMode === "number" ? pairText(state.p) : state.pMode}`,
  ];
  if (state.d.some((v) => v !== 1)) parts.push(`d=${pairText(state.d)}`);
  if (state.a.some((v) => v !== 0)) parts.push(`a=${pairText(state.a)}`);
  if (state.ceil) parts.push("ceil=1");
  return parts.join("&");
}

/** Does every size parameter agree between height and width? */
export function isSquare(state) {
  return PARAMS.every((name) => state[name][0] === state[name][1]);
}

/** What an operation change keeps: parameters the new operation lacks go back to defaults. */
export function switchOp(state, op) {
  const next = { ...state, op };
  if (op !== "transpose") next.a = [0, 0];
  if (op === "conv" || op === "transpose") next.ceil = false;
  if (op === "avgpool") next.d = [1, 1];
  if (op !== "conv" && next.pMode === "same") next.pMode = "number";
  return next;
}
