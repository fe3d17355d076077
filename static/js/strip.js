// A 1-D layer's answer read as the plane one row high, as the drawing reads every layer: the
// engine gives its sizes one per axis of the layer ([W]), and its frames, grid and values as
// the plane's ([1, W]). Nothing here reads the page.

// The unit a plane's height takes for each size: one cell, no padding.
const UNITS = { i: 1, k: 1, s: 1, d: 1, a: 0, p: 0 };
const SHAPES = ["input_shape", "output_shape", "padded_shape", "kernel_shape", "effective_kernel_shape"];

const seen = new WeakMap();

/** `answer` with a 1-D layer's sizes as the plane's pairs ([1, W], [0, p] …); any other answer
 * as it is. The same answer read twice is the same object. */
export function planeOf(answer) {
  if ((answer?.params?.dims ?? 2) !== 1) return answer;
  if (seen.has(answer)) return seen.get(answer);
  const pair = (values, unit) => (Array.isArray(values) && values.length === 1 ? [unit, values[0]] : values);
  const params = { ...answer.params };
  for (const [name, unit] of Object.entries(UNITS)) params[name] = pair(params[name], unit);
  const read = { ...answer, params };
  for (const name of SHAPES) if (name in answer) read[name] = pair(answer[name], 1);
  if (answer.transpose) {
    const direct = answer.transpose.direct;
    read.transpose = { ...answer.transpose, stretched_shape: pair(answer.transpose.stretched_shape, 1) };
    if (direct) {
      // Its shapes as the plane's; its kernel, stride and padding as the layer writes them.
      read.transpose.direct = { ...direct, input_shape: pair(direct.input_shape, 1),
        output_shape: pair(direct.output_shape, 1) };
    }
  }
  seen.set(answer, read);
  return read;
}
