// Filling a message catalogue's placeholders; messages.js hands it the page's catalogue.

/** A `t(key, values)` over `catalogue`: the message with `{name}` placeholders filled from
 * `values`, or the key itself where the catalogue lacks it. */
export function translator(catalogue) {
  return (key, values = {}) => {
    let text = catalogue[key] ?? key;
    for (const [name, value] of Object.entries(values)) {
      text = text.replaceAll(`{${name}}`, String(value));
    }
    return text;
  };
}
