// The page's message catalogue, handed over by the server as a JSON data block, so every
// string a person reads comes from app/locales/<lang>.json.
import { translator } from "./translate.js";

/** The message `key` with `{name}` placeholders filled from `values`. */
export const t = translator(JSON.parse(document.getElementById("messages")?.textContent || "{}"));
