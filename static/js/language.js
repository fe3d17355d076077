// The language switch (templates/_language.html): each link is the page's current link in
// its language, refreshed whenever it is about to be used, since the page rewrites its
// address as the figure changes (and writes it a moment late while a slider moves).
import { languageUrl } from "./urls.js";

/** Keep the switch on `current()`, the page's link (path and query) as of now. */
export function startLanguageSwitch(current = () => location.pathname + location.search) {
  for (const link of document.querySelectorAll(".language-link")) {
    const refresh = () => {
      const url = new URL(current(), location.href);
      link.href = languageUrl(url.pathname, url.search, link.dataset.lang);
    };
    for (const type of ["pointerenter", "focus", "click", "auxclick", "contextmenu"]) {
      link.addEventListener(type, refresh);
    }
  }
}
