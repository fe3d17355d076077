// The page's message catalogue, handed over by the server as a JSON data block, so every
// string a person reads comes from app/web/locales/<lang>.json.
const catalogue = JSON.parse(document.getElementById("messages")?.textContent || "{}");

/** The message `key` with `{name}` placeholders filled from `values`. */
export function t(key, values = {}) {
  let text = catalogue[key] ?? key;
  for (const [name, value] of Object.entries(values)) {
    text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}
