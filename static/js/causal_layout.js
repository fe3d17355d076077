// Where the causal tree's nodes sit: one row per level (the output on top, the input at the
// bottom), one column per position. Padding read left of position 0 gets columns of its own,
// at most as many as the sequence is long; a tap further left is drawn to the leftmost one,
// marked as standing for the rest. Pure: node's tests check it (tests/js/causal_layout.test.mjs).

// The least distance between two positions' centres, and the most (short sequences).
export const MIN_GAP = 14;
export const MAX_GAP = 44;
// A position's number is written only where the labels keep this much room each.
export const LABEL_ROOM = 28;

/** The leftmost column drawn: the furthest padding read, but no further than `length` cells
 * before the sequence. */
export function leftmost(answer) {
  const least = Math.min(0, ...answer.edges.map(([, source]) => source));
  return Math.max(least, -answer.length);
}

/** Columns' spacing for a figure `width` wide (the figure scrolls past MIN_GAP). */
export function gapFor(answer, width) {
  const columns = answer.length - leftmost(answer);
  return Math.min(MAX_GAP, Math.max(MIN_GAP, Math.floor(width / (columns + 1))));
}

/** Every how many positions a number is written under the input row: 1, 2, 5, 10, 20, … */
export function labelEvery(gap) {
  for (const step of [1, 2, 5, 10, 20, 50, 100]) if (step * gap >= LABEL_ROOM) return step;
  return 200;
}

/** A position's column (0-based from the leftmost drawn); taps beyond it share it. */
export function columnOf(answer, position) {
  return Math.max(position, leftmost(answer)) - leftmost(answer);
}

/** Which nodes to colour: per level, the positions the chosen output reaches, as a Set. */
export function reachedSets(answer) {
  return answer.levels.map((level) => new Set(level));
}

/** The padding positions read at each level (the input level of each layer), sorted. */
export function paddingRead(answer) {
  const levels = answer.levels.map(() => new Set());
  for (const [layer, source] of answer.edges) {
    if (source < 0) levels[layer].add(Math.max(source, leftmost(answer)));
  }
  return levels.map((set) => [...set].sort((a, b) => a - b));
}

/** Does a drawn padding column stand for taps further left than it (so marked "…")? */
export function clipped(answer) {
  return answer.edges.some(([, source]) => source < leftmost(answer));
}
