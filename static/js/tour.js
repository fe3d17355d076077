// A tour stop: the main page's figure and controls (main.js, which also loads each "try
// this" link in place), and the link to the free page kept on the figure on screen.
import "./main.js";

const free = document.getElementById("free-page");
// The stop's figure as changed, on the free page: the same query on "/".
const refresh = () => { free.href = `/${location.search}`; };
for (const type of ["pointerenter", "focus", "click", "auxclick", "contextmenu"]) {
  free.addEventListener(type, refresh);
}
