// The layer-kind menu's logic, DOM-free: what choosing a kind sets in the page's state
// (state.js's shape). Which kind a configuration *is* stays the engine's (app/core/kinds.py,
// the answer's `kind`); this only moves the parameters so that the engine will say so.

/** The menu, in its order: the engine's four kinds, then the two-layer replacement. */
export const MENU_KINDS = ["standard", "grouped", "depthwise", "pointwise", "separable"];

// A k×k kind chosen on a 1×1 kernel takes the paper's 3×3.
const SPATIAL_KERNEL = [3, 3];
// Depthwise needs more than one channel; from one, the menu takes an RGB image's three.
const DEPTHWISE_CHANNELS = 3;

const isOne = ([h, w]) => h === 1 && w === 1;
const evenAbove = (n) => n + (n % 2);

/** A k×k kernel: a 1×1 one becomes 3×3, any other stays. */
function spatial(state) {
  return isOne(state.k) ? { ...state, k: [...SPATIAL_KERNEL] } : state;
}

/** The smallest g with 1 < g < c_in dividing both channel counts, or null. */
export function smallestGroups(cIn, cOut) {
  for (let g = 2; g < cIn; g++) {
    if (cIn % g === 0 && cOut % g === 0) return g;
  }
  return null;
}

/** The state after choosing `kind` (not "separable": that one opens the planner). */
export function applyKind(state, kind) {
  switch (kind) {
    case "standard":
      return { ...spatial(state), g: 1 };
    case "grouped": {
      const next = spatial(state);
      const g = smallestGroups(next.c_in, next.c_out);
      if (g !== null) return { ...next, g };
      // No such divisor: two groups, both counts made even and c_in past 2 (so g < c_in).
      return { ...next, c_in: Math.max(4, evenAbove(next.c_in)), c_out: evenAbove(next.c_out), g: 2 };
    }
    case "depthwise": {
      const c = state.c_in > 1 ? state.c_in : DEPTHWISE_CHANNELS;
      return { ...spatial(state), c_in: c, c_out: c, g: c };
    }
    case "pointwise":
      // A 1×1 kernel reads no neighbours: padding and dilation go back to none.
      return { ...state, k: [1, 1], p: [0, 0], pMode: "number", d: [1, 1], g: 1 };
    default:
      throw new Error(`unknown layer kind ${kind}`);
  }
}

/** Which menu entries an operation offers: none for pooling; no separable replacement for a
 * transposed convolution (the engine gives one for op=conv only). */
export function offeredKinds(op) {
  if (op === "conv") return MENU_KINDS;
  if (op === "transpose") return MENU_KINDS.filter((kind) => kind !== "separable");
  return [];
}
