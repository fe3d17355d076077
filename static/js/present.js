// Presentation mode: the figure alone on the screen in large type, the configuration and its
// formula in a corner, stepped by the arrows or a presenter's clicker (PageUp/PageDown).
// The Fullscreen API is asked where a key press or click allows it; otherwise (or before,
// when a link opens the mode) the layout fills the browser's viewport.
import { cornerText, presentAction } from "./presentation.js";

/**
 * The mode over the page: `button` enters it, `bar` is the corner with its own buttons,
 * `player` steps the figure, `onChange()` is told when the mode starts or ends (the link
 * keeps `present=1`), `onQr()` shows the link's QR code (Q, or the bar's button).
 * `presenting` is the mode the page opened in.
 */
export function createPresenter({
  button, bar, player, t, onChange, onQr = () => {}, presenting = false,
}) {
  const hint = bar.querySelector("#present-hint");
  const fullscreenButton = bar.querySelector("#present-fullscreen");
  const fields = ["config", "formula", "relationship"].map((name) => [name, bar.querySelector(`#present-${name}`)]);
  const fullscreen = () => Boolean(document.fullscreenElement);

  function paint() {
    document.body.classList.toggle("presenting", presenting);
    bar.hidden = !presenting;
    button.setAttribute("aria-pressed", String(presenting));
    // Once full screen, the hint and its button have done their job.
    hint.hidden = fullscreen();
    fullscreenButton.hidden = fullscreen() || !document.fullscreenEnabled;
  }

  async function askFullscreen() {
    if (!document.fullscreenEnabled || fullscreen()) return;
    try {
      await document.documentElement.requestFullscreen({ navigationUI: "hide" });
    } catch {
      // Refused (no key press to allow it, or a policy): the full-viewport layout stays.
    }
  }

  function enter() {
    presenting = true;
    // The focused control is about to be hidden: the keys go to the page (space plays).
    document.activeElement?.blur?.();
    paint();
    onChange();
    askFullscreen();
  }

  function leave() {
    presenting = false;
    if (fullscreen()) document.exitFullscreen().catch(() => {});
    paint();
    onChange();
  }

  const actions = {
    enter,
    leave,
    fullscreen: askFullscreen,
    next: () => player.go(player.state.step + 1),
    prev: () => player.go(player.state.step - 1),
    qr: () => onQr(),
  };

  document.addEventListener("keydown", (event) => {
    // Typing in a form control keeps its own keys; an open dialog (the QR code) its Esc.
    if (event.target.closest?.("input, select, textarea, dialog")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = presentAction(event.key, { presenting, fullscreen: fullscreen() });
    if (!action) return;
    event.preventDefault();
    actions[action]();
  });
  // Leaving the full screen (the browser's own Esc, or its button) leaves the mode.
  document.addEventListener("fullscreenchange", () => {
    if (presenting && !fullscreen()) leave();
    else paint();
  });
  button.addEventListener("click", enter);
  fullscreenButton.addEventListener("click", askFullscreen);
  bar.querySelector("#present-leave").addEventListener("click", leave);
  bar.querySelector("#present-qr").addEventListener("click", () => onQr());
  paint();

  return {
    get presenting() { return presenting; },
    /** The corner follows the figure on screen. */
    show(answer) {
      const text = cornerText(answer, t);
      for (const [name, node] of fields) node.textContent = text[name];
    },
  };
}
