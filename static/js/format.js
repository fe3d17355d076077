// How a pair of sizes and a value are written, as app/core/formatting.py writes them: both
// are held to the same table of cases (tests/cases/format.json).

/** As a link writes a size: "5" when both axes agree, else "5,7" (height,width). */
export function pairQuery([h, w]) {
  return h === w ? String(h) : `${h},${w}`;
}

/** As a link writes sizes of any number of axes: "5" when every axis agrees, else "4,6,6"
 * (depth first). */
export function axesQuery(values) {
  return values.every((v) => v === values[0]) ? String(values[0]) : values.join(",");
}

/** A shape as people read it: "5×7" (a 3-D layer's "4×5×7", a 1-D one's "7"). */
export function pairSize(shape) {
  return shape.join("×");
}

/** As PyTorch's arguments read: "5" when both axes agree, else "(5, 7)". */
export function pairScalar(values) {
  return values.every((v) => v === values[0]) ? String(values[0]) : `(${values.join(", ")})`;
}

/** As the paper prints numbers: whole ones as they are, others (and, where a figure has any
 * fraction, all of its numbers) to one decimal, a half rounded away from zero; max pooling's
 * padding (null) is −∞. */
export function formatValue(value, decimals = false) {
  if (value === null) return "−∞";
  if (Number.isInteger(value)) {
    // BigInt writes every digit (String(1e21) is "1e+21") and no minus zero.
    const whole = BigInt(value).toString();
    return decimals ? `${whole}.0` : whole;
  }
  return value.toFixed(1);
}

/** Does any value of these rows have a fraction? Then the paper prints all of them to one
 * decimal (figure 1.5's 1.0 beside 1.7). */
export function hasFractions(rows) {
  return rows.some((row) => row.some((v) => v !== null && !Number.isInteger(v)));
}

/** A count as people read it, digits grouped in threes: 61100840 → "61,100,840". */
export function formatCount(value, separator = ",") {
  const digits = BigInt(value).toString();
  const sign = digits.startsWith("-") ? "-" : "";
  return sign + digits.slice(sign.length).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
