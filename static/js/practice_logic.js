// The practice page's checks, DOM-free: reading what a learner typed and comparing it with
// the answers the engine sent. Nothing here works an answer out.

// A whole number, digits grouped by commas, spaces or underscores if the learner likes
// (1,168 or 1 168), a minus sign allowed, and a zero fraction (7.0) read as the whole number.
const WHOLE = /^-?(?:\d{1,3}(?:[, _]\d{3})+|\d+)(?:\.0+)?$/;
// A size written as both sides, 7x7 or 7 × 7: the same number twice reads as that number.
const SIDES = /^(\S+)\s*[x×*]\s*(\S+)$/i;

function whole(text) {
  if (!WHOLE.test(text)) return null;
  const value = Number(text.replace(/\.0+$/, "").replace(/[, _]/g, ""));
  return Number.isSafeInteger(value) ? value : null;
}

/** The whole number typed in `text`, or null where it is not one. Full-width digits (from
 * an East Asian keyboard) read as ASCII ones. */
export function readAnswer(text) {
  const trimmed = String(text).normalize("NFKC").trim();
  const sides = SIDES.exec(trimmed);
  if (sides) {
    const [height, width] = [whole(sides[1]), whole(sides[2])];
    return height !== null && height === width ? height : null;
  }
  return whole(trimmed);
}

/** Whether `value` is one of the engine's accepted answers (`check.accepted`). */
export function isRight(value, check) {
  return value !== null && check.type === "integer" && check.accepted.includes(value);
}

/** The score of a set: `results` maps a question's number to true (right), false (wrong);
 * a question not answered is missing. Every question not right is to be reviewed. */
export function summarize(numbers, results) {
  const right = numbers.filter((n) => results.get(n) === true).length;
  const review = numbers.filter((n) => results.get(n) !== true);
  return { right, total: numbers.length, review };
}
