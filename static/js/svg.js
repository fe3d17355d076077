// Building SVG drawings: one element at a time, its attributes set, appended to its parent.

export const SVG = "http://www.w3.org/2000/svg";

/** A new SVG element `name` with `attrs`, appended to `parent` when given. */
export function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  parent?.appendChild(node);
  return node;
}
