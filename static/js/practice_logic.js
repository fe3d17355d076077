// The practice page's checks, DOM-free: reading what a learner typed and comparing it with
// the answers the engine sent. Nothing here works an answer out.

// A whole number, digits grouped by commas, spaces or underscores if the learner likes
// (1,168 or 1 168), a minus sign allowed; ASCII digits only, as the page's other fields.
const WHOLE = /^-?\d{1,3}(?:[, _]\d{3})+$|^-?\d+$/;

/** The whole number typed in `text`, or null where it is not one. */
export function readAnswer(text) {
  const trimmed = String(text).trim();
  if (!WHOLE.test(trimmed)) return null;
  const value = Number(trimmed.replace(/[, _]/g, ""));
  return Number.isSafeInteger(value) ? value : null;
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
