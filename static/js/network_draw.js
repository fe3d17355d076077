// The planner's pictures as SVG elements: the charts (network_plot.js's models) and the
// receptive field on the input (network_field.js's layout). Geometry comes in computed.
const SVG = "http://www.w3.org/2000/svg";

function node(name, attributes = {}, text = null) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== null) element.textContent = text;
  return element;
}

/** Draw a chart model into `svg`: axes' ticks and labels, one path per line (a second line,
 * the width where it differs from the height, dashed), a dot per value. */
export function drawChart(svg, chart, { label, lineNames = [] }) {
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${chart.width} ${chart.height}`);
  svg.setAttribute("width", chart.width);
  svg.setAttribute("height", chart.height);
  svg.setAttribute("aria-label", label);
  const { left, right, top, bottom } = chart.plot;
  for (const tick of chart.yTicks) {
    svg.append(node("line", { class: "grid-line", x1: left, x2: right, y1: tick.y, y2: tick.y }));
    svg.append(node("text", { class: "tick y-tick", x: left - 4, y: tick.y }, tick.text));
  }
  for (const tick of chart.xTicks) {
    svg.append(node("text", { class: "tick x-tick", x: tick.x, y: bottom + 4 }, tick.text));
  }
  svg.append(node("line", { class: "axis-line", x1: left, x2: left, y1: top, y2: bottom }));
  chart.paths.forEach((d, n) => {
    svg.append(node("path", { class: `series series-${n}`, d }));
    for (const point of chart.points[n]) {
      if (point) svg.append(node("circle", { class: `dot series-${n}`, cx: point[0], cy: point[1], r: 2.5 }));
    }
  });
  lineNames.forEach((name, n) => {
    svg.append(node("text", { class: `legend-name series-${n}`, x: right, y: top + 10 + 12 * n }, name));
  });
}

/** Draw the input as a grid with the field outlined: the whole field dashed where it runs
 * into the padding, its part on the input filled. */
export function drawField(svg, layout, label) {
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${layout.width} ${layout.height}`);
  svg.setAttribute("width", layout.width);
  svg.setAttribute("height", layout.height);
  svg.setAttribute("aria-label", label);
  const { input, field, inside, cell, cellHeight = cell } = layout;
  svg.append(node("rect", { class: "field-input", ...input }));
  if (layout.grid) {
    const lines = [];
    for (let x = input.x + cell; x < input.x + input.width - 0.5; x += cell) {
      lines.push(`M${x} ${input.y}V${input.y + input.height}`);
    }
    for (let y = input.y + cellHeight; y < input.y + input.height - 0.5; y += cellHeight) {
      lines.push(`M${input.x} ${y}H${input.x + input.width}`);
    }
    svg.append(node("path", { class: "field-grid", d: lines.join("") }));
  }
  svg.append(node("rect", { class: "field-padding", ...field }));
  svg.append(node("rect", { class: "field-inside", ...inside }));
}
