// Play, pause, step, scrub and speed, and the keyboard: space, ← →, Home, End.
import { t } from "./messages.js";

/** Whether the system asks for less motion: the figure then waits for Play. */
export const prefersLessMotion = () =>
  globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

/**
 * The animation over `figure`'s steps. `onChange({step, playing})` is told of every change,
 * so the page can keep the URL in step. `narration` is the live region that says a step in
 * words (figure.narrate): it speaks when a person steps, pauses or the figure changes, never
 * on the autoplay's ticks, which would flood a screen reader. With `calm` (reduced motion)
 * the figure never starts playing by itself, only when a person presses Play.
 */
export function createPlayer(figure, root, { onChange, narration = null, calm = prefersLessMotion() }) {
  const play = root.querySelector("#play");
  const scrub = root.querySelector("#scrub");
  const label = root.querySelector("#step-label");
  const speed = root.querySelector("#speed");
  let step = 0;
  let playing = false;
  let timer = null;
  // Off while no figure is drawn (a layer too large to draw): the keys do nothing.
  let active = true;
  // A person pressed Play: with reduced motion, only this lets the figure play.
  let chosen = false;
  const calmHint = root.querySelector("#calm-hint");
  if (calmHint) calmHint.hidden = !calm;

  function narrate() {
    if (narration && !playing) narration.textContent = figure.narrate?.(step) ?? "";
  }

  function paint() {
    const total = figure.steps;
    scrub.max = String(Math.max(0, total - 1));
    scrub.value = String(step);
    label.textContent = t("player.step", { step: step + 1, total });
    play.textContent = playing ? play.dataset.pause : play.dataset.play;
    play.setAttribute("aria-pressed", String(playing));
    figure.show(step);
  }

  function schedule() {
    clearTimeout(timer);
    if (playing) timer = setTimeout(tick, Number(speed.value));
  }

  function tick() {
    step = (step + 1) % figure.steps;
    paint();
    schedule();
    onChange({ step, playing });
  }

  function go(next, { pause = true } = {}) {
    if (pause) playing = false;
    step = Math.min(Math.max(0, next), figure.steps - 1);
    paint();
    schedule();
    narrate();
    onChange({ step, playing });
  }

  function toggle() {
    playing = !playing;
    chosen = playing;
    paint();
    narrate();
    schedule();
    onChange({ step, playing });
  }

  root.querySelector("#first").addEventListener("click", () => go(0));
  root.querySelector("#prev").addEventListener("click", () => go(step - 1));
  root.querySelector("#next").addEventListener("click", () => go(step + 1));
  root.querySelector("#last").addEventListener("click", () => go(figure.steps - 1));
  play.addEventListener("click", toggle);
  scrub.addEventListener("input", () => go(Number(scrub.value)));
  speed.addEventListener("change", schedule);

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    // Form controls keep their own keys (a slider's arrows move the slider), and space
    // on a focused button or link is that control's own click.
    if (target.closest?.("input, select, textarea")) return;
    if (event.key === " " && target.closest?.("button, a")) return;
    if (event.altKey || event.ctrlKey || event.metaKey || !active) return;
    const actions = {
      " ": toggle,
      ArrowLeft: () => go(step - 1),
      ArrowRight: () => go(step + 1),
      Home: () => go(0),
      End: () => go(figure.steps - 1),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  return {
    /** A new figure was drawn: keep the step where it still exists. */
    reset({ step: wanted = step, playing: wantPlaying = playing } = {}) {
      active = true;
      step = Math.min(wanted, figure.steps - 1);
      playing = wantPlaying && (!calm || chosen);
      paint();
      schedule();
      narrate();
    },
    /** No figure to play: stop, and leave the keys alone. */
    stop() {
      active = false;
      playing = false;
      clearTimeout(timer);
    },
    go,
    get state() { return { step, playing }; },
  };
}
