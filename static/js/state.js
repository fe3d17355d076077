// The page's state and its URL form, derived from the engine's parameter declaration (the
// server's JSON data block "parameters"), so a link is a configuration and a new parameter
// needs no change here. The step, numbers and view are page settings: see urls.js.
import { pairQuery } from "./format.js";

const SLIDER_KINDS = ["pair", "padding"];

const samePair = (a, b) => a[0] === b[0] && a[1] === b[1];

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
        return param.always || !samePair(value, param.default) ? pairQuery(value) : null;
      case "padding": {
        const mode = state[modeOf(param.name)];
        if (mode !== "number") return mode;
        return param.always || !samePair(value, param.default) ? pairQuery(value) : null;
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
     * operation is the answer's own field; a padding keyword comes with its numbers. */
    stateFromAnswer(answer) {
      const state = {};
      for (const param of declaration) {
        const given = param.name in answer.params ? answer.params[param.name] : answer[param.name];
        if (given === undefined) continue; // an answer without it: the default holds
        if (param.kind === "padding") {
          const keyword = typeof given === "string" ? given : null;
          state[param.name] = keyword ? [answer.padding.top, answer.padding.left] : given;
          state[modeOf(param.name)] = keyword ?? "number";
        } else {
          state[param.name] = given;
        }
      }
      return state;
    },

    /** Does every slider parameter agree between height and width? */
    isSquare(state) {
      return sliders.every((name) => state[name][0] === state[name][1]);
    },

    /** What an operation change keeps: parameters the new operation lacks go back to their
     * defaults, and a padding keyword it lacks back to numbers. */
    switchOp(state, op) {
      const next = { ...state, op };
      for (const param of declaration) {
        if (!param.ops.includes(op) && param.name in state) {
          next[param.name] = Array.isArray(param.default) ? [...param.default] : param.default;
          if (param.kind === "padding") next[modeOf(param.name)] = "number";
        }
        const mode = next[modeOf(param.name)];
        // A keyword only some operations take (PyTorch's padding="same" is Conv2d's alone).
        const takers = param.keyword_ops?.[mode];
        if (param.kind === "padding" && takers && !takers.includes(op)) {
          next[modeOf(param.name)] = "number";
        }
      }
      return next;
    },
  };
}
