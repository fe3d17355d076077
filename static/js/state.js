// The page's state and its URL form, derived from the engine's parameter declaration (the
// server's JSON data block "parameters"), so a link is a configuration and a new parameter
// needs no change here. The step, numbers and view are page settings: see urls.js.
import { axesQuery } from "./format.js";

const SLIDER_KINDS = ["pair", "padding"];

/** The slot of each of a layer's axes, depth first: a size's slider rows are the height (0),
 * the width (1) and the depth (2); a 1-D layer has its width alone, a 3-D one all three. */
export const AXIS_SLOTS = { 1: [1], 2: [0, 1], 3: [2, 0, 1] };

/** The layer's dimensions in `state` (2 when it does not say). */
export const dimsOf = (state) => state.dims ?? 2;

/** `values` (one per axis of a layer) refitted to `dims` axes, keeping each axis it shares:
 * the width always, the height where both have one; a new axis takes the first one's value. */
export function refit(values, dims) {
  const from = values.length;
  if (from === dims) return [...values];
  const w = values[from - 1];
  const h = from >= 2 ? values[from - 2] : w;
  if (dims === 1) return [w];
  if (dims === 2) return [h, w];
  return [from === 3 ? values[0] : h, h, w];
}

/** Sizes as a link writes them (`5`, `4,6,6`) read back for a `dims`-axis layer. */
export function sizesOf(text, dims) {
  const numbers = String(text).split(",").map(Number);
  return numbers.length === 1 ? Array(dims).fill(numbers[0]) : numbers;
}

/**
 * The rules of a declaration `[{name, kind, default, ops, always, ...}]`, in canonical-query
 * order. A state holds each parameter by name (a pair as [h, w], a flag as a boolean) and,
 * for a padding parameter, `<name>Mode`: "number" or the keyword chosen.
 */
export function stateRules(declaration) {
  const modeOf = (name) => `${name}Mode`;

  /** A parameter's query value, or null where the canonical query leaves it out (a state
   * without it holds its default). */
  function written(param, state) {
    const value = state[param.name];
    if (value === undefined || value === null) return null;
    switch (param.kind) {
      case "pair":
        return param.always || axesQuery(value) !== axesQuery(param.default) ? axesQuery(value) : null;
      case "padding": {
        const mode = state[modeOf(param.name)];
        if (mode !== "number") return mode;
        return param.always || axesQuery(value) !== axesQuery(param.default) ? axesQuery(value) : null;
      }
      case "flag":
        return param.always || value !== param.default ? (value ? "1" : "0") : null;
      default:
        return param.always || value !== param.default ? String(value) : null;
    }
  }

  const sliders = declaration.filter((p) => SLIDER_KINDS.includes(p.kind)).map((p) => p.name);
  const named = (kind) => declaration.filter((p) => p.kind === kind).map((p) => p.name);

  return {
    /** The parameters with a slider per axis. */
    sliders,

    /** The padding parameters (a keyword or numbers), the flags (a checkbox each), the
     * counts (one whole number each: channels, groups, the seed), the choices (a menu each)
     * and the matrices (numbers as a link writes them: the input x, the kernel w). */
    paddings: named("padding"),
    flags: named("flag"),
    counts: named("count"),
    choices: named("choice"),
    matrices: named("matrix"),

    /** The state's key of a padding parameter's mode: "number" or the keyword chosen. */
    modeOf,

    /** How far a parameter's slider reaches (drawable sizes; its number box goes on). */
    reach(name) {
      return declaration.find((p) => p.name === name).reach ?? Infinity;
    },

    /** The declaration's bounds of `name` ([low, high]): a depth the engine's ranges lack. */
    bounds(name) {
      const param = declaration.find((p) => p.name === name);
      return [param.low, param.high];
    },

    /** Does `name` apply to operation `op`? (Its control is hidden where it does not.) */
    applies(name, op) {
      return declaration.find((p) => p.name === name).ops.includes(op);
    },

    /** The query string of a state: the engine's canonical order and spelling. */
    toQuery(state) {
      return declaration
        .map((param) => [param.name, written(param, state)])
        .filter(([, text]) => text !== null)
        .map(([name, text]) => `${name}=${text}`)
        .join("&");
    },

    /** State from the engine's answer: its params are already resolved and checked. The
     * operation is the answer's own field; a padding keyword comes with its numbers. A 1-D
     * or 3-D layer's sizes are one per axis, depth first, as its canonical query writes them
     * (the answer's `sides` give a keyword's numbers on every axis). */
    stateFromAnswer(answer) {
      const state = {};
      const dims = answer.params.dims ?? answer.dims ?? 2;
      const written = dims === 2 ? null
        : Object.fromEntries(answer.query.split("&").map((part) => part.split("=")));
      for (const param of declaration) {
        const given = param.name in answer.params ? answer.params[param.name] : answer[param.name];
        if (given === undefined) continue; // an answer without it: the default holds
        if (param.kind === "padding") {
          const keyword = typeof given === "string" ? given : null;
          state[modeOf(param.name)] = keyword ?? "number";
          if (!written) {
            state[param.name] = keyword ? [answer.padding.top, answer.padding.left] : given;
          } else if (!keyword) {
            state[param.name] = sizesOf(written[param.name] ?? axesQuery(param.default), dims);
          } else {
            state[param.name] = answer.sides ? answer.sides.map(([before]) => before)
              : refit([answer.padding.top, answer.padding.left], dims);
          }
        } else if (written && param.kind === "pair") {
          state[param.name] = sizesOf(written[param.name] ?? axesQuery(param.default), dims);
        } else {
          state[param.name] = given;
        }
      }
      return state;
    },

    /** Does every slider parameter agree on every axis? */
    isSquare(state) {
      return sliders.every((name) => state[name].every((v) => v === state[name][0]));
    },

    /** What a change of dimensions keeps: each size on the axes both layers have (a new
     * axis takes the first one's), numbers of one's own only within the same dimensions
     * (a 3-D layer takes none, a 1-D one a row), and causal padding in 1-D alone. */
    switchDims(state, dims) {
      const next = { ...state, dims };
      for (const name of sliders) next[name] = refit(state[name], dims);
      if (dimsOf(state) !== dims) {
        for (const name of named("matrix")) if (name in state) next[name] = null;
      }
      for (const name of named("padding")) {
        if (dims !== 1 && next[modeOf(name)] === "causal") {
          next[modeOf(name)] = "number";
          next[name] = next[name].map(() => 0);
        }
      }
      return next;
    },

    /** What an operation change keeps: parameters the new operation lacks go back to their
     * defaults, and a padding keyword it lacks back to numbers. */
    switchOp(state, op) {
      const next = { ...state, op };
      for (const param of declaration) {
        if (!param.ops.includes(op) && param.name in state) {
          next[param.name] = Array.isArray(param.default)
            ? refit(param.default, dimsOf(state)) : param.default;
          if (param.kind === "padding") next[modeOf(param.name)] = "number";
        }
        const mode = next[modeOf(param.name)];
        // A keyword only some operations take (PyTorch's padding="same" is Conv2d's alone).
        const takers = param.keyword_ops?.[mode];
        if (param.kind === "padding" && takers && !takers.includes(op)) {
          next[modeOf(param.name)] = "number";
          // Causal padding is one-sided: no number says it on both sides, so none is kept.
          if (mode === "causal") next[param.name] = next[param.name].map(() => 0);
        }
      }
      return next;
    },
  };
}
