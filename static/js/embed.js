// The embed view: the figure and its player only, for an <iframe> on a slide or course page.
import { expand } from "./compact.js";
import { createFigure } from "./draw.js";
import { createPlayer } from "./player.js";
import { planeOf } from "./strip.js";

const initial = JSON.parse(document.getElementById("initial-state").textContent);
const figure = createFigure(document.getElementById("figure"), document.getElementById("caption"), {
  unread: document.getElementById("figure-unread"),
  onPin: (step) => player.go(step),
});
const player = createPlayer(figure, document.querySelector(".player"), {
  onChange: () => {},
  narration: document.getElementById("narration"),
});
figure.setNumbers(initial.numbers);
// A layer too large to draw: the stage shows the server's sentence instead of a figure.
if (initial.undrawable) {
  player.stop();
} else {
  // The figure's answer is embedded in the compact form (compact.js reads it).
  // A 1-D layer is drawn as the plane one row high (its strip).
  figure.render(planeOf(expand(initial.data)));
  const paused = initial.step !== null && initial.step !== undefined;
  player.reset({ step: paused ? initial.step : 0, playing: !paused });
}
document.getElementById("error").hidden = !initial.error;
document.documentElement.dataset.ready = "true";
