// The tour's index (and its page for an unknown stop): static links, a language switch.
import { startLanguageSwitch } from "./language.js";

startLanguageSwitch();
document.documentElement.dataset.ready = "true";
