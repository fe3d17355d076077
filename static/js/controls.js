// The form: operation, a slider and a number box per parameter and axis, the padding mode,
// a menu per choice (padding_mode), a number box per count (channels, groups,
// divisor_override; the seed's sits in the numbers panel, numbers.js), a checkbox per flag
// (ceil_mode, bias, count_include_pad) and the height/width link. It reads and writes the page's state and takes its
// bounds from the engine's ranges, so a slider never offers a value the engine refuses. Its
// parameters and their rules come from the engine's declaration (state.js's stateRules).
import { t } from "./messages.js";
import {
  around, ends, keyNext, trackFraction, typedNext, unique, valueAt,
} from "./prefetch.js";

// How far a drag reaches before it is prefetched again, a key's steps ahead, and a focused
// number box's neighbours.
const PREFETCH_SPAN = 6;
const KEY_SPAN = 3;
const TYPED_SPAN = 2;
// A digit more makes ten values, each a larger grid: the few nearest the shown value.
const TYPED_MORE = 4;
const TRACK_SPAN = 2;
// A range input's thumb: the browsers' default, and page.css's under a coarse pointer.
const THUMB_PX = 16;
const COARSE_THUMB_PX = 44;

/** `onPrefetch(source, states)`: states the person may ask for next (prefetch.js's sources). */
export function createControls(form, { rules, onChange, onPrefetch, onInvalid }) {
  const linked = form.querySelector("#linked");
  const modes = rules.paddings.map((name) => [name, form.querySelector(`#${name}-mode`)]);
  const flags = rules.flags.map((name) => [name, form.querySelector(`#${name}`)]);
  const counts = rules.counts.map((name) => [name, form.querySelector(`#${name}-count`)])
    .filter(([, number]) => number);
  // The operation has radio buttons of its own.
  const choices = rules.choices.filter((name) => name !== "op")
    .map((name) => [name, form.querySelector(`#${name}-choice`)]);
  let state = null;

  const input = (name, axis, kind) => form.querySelector(`#${name}-${axis}-${kind}`);
  const row = (name) => form.querySelector(`.param[data-param="${name}"]`);

  function setPair(name, axis, value) {
    const next = [...state[name]];
    next[axis] = value;
    if (linked.checked) next[1 - axis] = value;
    return { ...state, [name]: next };
  }

  function emit(next, parameter) {
    state = next;
    write(state);
    onChange(state, parameter);
  }

  for (const name of rules.sliders) {
    for (const axis of [0, 1]) {
      const range = input(name, axis, "range");
      const number = input(name, axis, "number");
      range.addEventListener("input", () => emit(setPair(name, axis, Number(range.value)), name));
      number.addEventListener("change", () => {
        const value = Number(number.value);
        if (number.value.trim() === "" || !Number.isInteger(value)) {
          onInvalid(t("control.whole_number", { param: t(`param.${name}`) }), name);
          return;
        }
        emit(setPair(name, axis, value), name);
      });
      // Fetch the values a person is on the way to (prefetch.js says which) before they
      // are committed; the page fetches them within its budget.
      const bounds = (control) => [Number(control.min), Number(control.max)];
      const guess = (source, values) => {
        const here = state[name][axis];
        onPrefetch(source, unique(values).filter((v) => v !== here).map((v) => setPair(name, axis, v)));
      };
      // Hovering or focusing comes before a drag, a click on the track or a key: a drag's
      // reach, then the two ends (the far one is the largest grid: the costliest answer).
      const approach = () => {
        const [low, high] = bounds(range);
        const here = state[name][axis];
        guess("slider", [...around(here, low, high, PREFETCH_SPAN), ...ends(low, high)]);
      };
      // A click on the track jumps to the value under the pointer: that one and those next to
      // it while the pointer rests (a click lands within a step or two), the drag's reach once
      // it presses.
      let pointed = null;
      const track = (event, span) => {
        const [low, high] = bounds(range);
        const box = range.getBoundingClientRect();
        if (!Number.isFinite(event.clientX) || box.width === 0) return;
        const thumb = matchMedia("(pointer: coarse)").matches ? COARSE_THUMB_PX : THUMB_PX;
        const value = valueAt(trackFraction(event.clientX, box.left, box.width, thumb), low, high);
        if (value === pointed && span === TRACK_SPAN) return;
        pointed = value;
        guess("track", [value, ...around(value, low, high, span)]);
      };
      range.addEventListener("pointerenter", approach);
      range.addEventListener("focus", approach);
      // A drag sends input events of its own.
      range.addEventListener("pointermove", (event) => { if (!event.buttons) track(event, TRACK_SPAN); });
      range.addEventListener("pointerdown", (event) => track(event, PREFETCH_SPAN));
      range.addEventListener("keydown", (event) => {
        const [low, high] = bounds(range);
        const ahead = keyNext(event.key, state[name][axis], low, high, KEY_SPAN);
        // Other keys (Tab away) leave the guesses as they are.
        if (ahead.length) guess("slider", ahead);
      });
      // Each step of a drag or a key moves the reach along.
      range.addEventListener("input", () => {
        const [low, high] = bounds(range);
        guess("slider", around(Number(range.value), low, high, PREFETCH_SPAN));
      });
      // A focused number box: its neighbours; each digit typed, what the digits can become.
      number.addEventListener("focus", () => {
        const [low, high] = bounds(number);
        guess("typing", around(state[name][axis], low, high, TYPED_SPAN));
      });
      number.addEventListener("input", () => {
        const [low, high] = bounds(number);
        guess("typing", typedNext(number.value, low, high, state[name][axis], TYPED_MORE));
      });
    }
  }

  form.querySelectorAll('input[name="op"]').forEach((radio) => {
    radio.addEventListener("change", () => emit(rules.switchOp(state, radio.value), "op"));
  });
  for (const [name, select] of modes) {
    select.addEventListener("change", () => emit({ ...state, [rules.modeOf(name)]: select.value }, name));
  }
  for (const [name, box] of flags) {
    box.addEventListener("change", () => emit({ ...state, [name]: box.checked }, name));
  }
  for (const [name, select] of choices) {
    select.addEventListener("change", () => emit({ ...state, [name]: select.value }, name));
  }
  for (const [name, number] of counts) {
    // Out of bounds or indivisible by the groups, the engine's sentence says what to change.
    number.addEventListener("change", () => {
      const value = Number(number.value);
      if (number.value.trim() === "" || !Number.isInteger(value)) {
        onInvalid(t("control.whole_number", { param: t(`param.${name}`) }), name);
        return;
      }
      emit({ ...state, [name]: value }, name);
    });
  }
  linked.addEventListener("change", () => {
    if (!linked.checked) {
      write(state);
      return;
    }
    // Linking takes the height's values for the width too.
    const next = { ...state };
    for (const name of rules.sliders) next[name] = [state[name][0], state[name][0]];
    emit(next, "linked");
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  /** Show `next` in the form (without telling anyone: it came from outside). */
  function write(next) {
    state = next;
    for (const radio of form.querySelectorAll('input[name="op"]')) {
      radio.checked = radio.value === state.op;
    }
    for (const name of rules.sliders) row(name).hidden = !rules.applies(name, state.op);
    for (const [name, box] of flags) {
      box.closest(".flag-row").hidden = !rules.applies(name, state.op);
      box.checked = state[name];
    }
    for (const [name, select] of choices) {
      row(name).hidden = !rules.applies(name, state.op);
      select.value = state[name];
    }
    for (const [name, number] of counts) {
      row(name).hidden = !rules.applies(name, state.op);
      number.value = String(state[name]);
    }
    for (const [name, select] of modes) select.value = state[rules.modeOf(name)];
    form.querySelector("#i-name").textContent =
      t(state.op === "transpose" ? "param.i.transpose" : "param.i");
    for (const name of rules.sliders) {
      for (const axis of [0, 1]) {
        // A padding keyword sets the numbers itself.
        const fixed = rules.paddings.includes(name) && state[rules.modeOf(name)] !== "number";
        for (const kind of ["range", "number"]) {
          const control = input(name, axis, kind);
          control.value = String(state[name][axis]);
          control.disabled = fixed;
        }
        row(name).querySelector(`.axis[data-axis="1"]`).hidden = linked.checked;
        // Linked, the checkbox above already says the one value serves both axes.
        row(name).querySelector(`.axis[data-axis="${axis}"] .axis-name`).textContent =
          linked.checked ? "" : t(axis === 0 ? "axis.h" : "axis.w");
        const axisName = t(linked.checked ? "axis.both" : axis === 0 ? "axis.h" : "axis.w");
        input(name, axis, "range").setAttribute("aria-label",
          t("control.slider", { param: t(`param.${name}`), axis: axisName }));
        input(name, axis, "number").setAttribute("aria-label",
          t("control.number", { param: t(`param.${name}`), axis: axisName }));
      }
    }
  }

  /** Bound every slider by what the engine accepts around the current state. */
  function applyRanges(ranges) {
    for (const name of rules.sliders) {
      const hints = [];
      for (const axis of [0, 1]) {
        let bounds = ranges[name][axis];
        if (linked.checked && axis === 0 && ranges[name][1]) {
          // Linked, one value serves both axes: offer what both accept.
          const other = ranges[name][1];
          bounds = bounds && [Math.max(bounds[0], other[0]), Math.min(bounds[1], other[1])];
          if (bounds && bounds[0] > bounds[1]) bounds = null;
        }
        const [low, high] = bounds ?? [state[name][axis], state[name][axis]];
        // The slider stops at drawable sizes (and never below the value shown); the number
        // box takes every accepted value, so AlexNet's 227 is typed, not dragged to.
        const reach = Math.max(low, Math.min(high, Math.max(rules.reach(name), state[name][axis])));
        for (const [kind, top] of [["range", reach], ["number", high]]) {
          const control = input(name, axis, kind);
          control.min = String(low);
          control.max = String(top);
        }
        if (axis === 0 || !linked.checked) {
          const axisName = t(axis === 0 ? "axis.h" : "axis.w");
          hints.push(!bounds ? t("control.no_value") : linked.checked
            ? t("control.range_hint", { low, high })
            : t("control.range_hint_axis", { axis: axisName, low, high }));
        }
      }
      form.querySelector(`#${name}-hint`).textContent = hints.join(" · ");
    }
    for (const [name, select] of modes) {
      for (const option of select.options) {
        const taken = ranges[`${name}_keywords`];
        const refused = option.value !== "number" && !taken.includes(option.value);
        option.disabled = refused;
        const text = t(`padding.${option.value}`);
        option.textContent = refused ? t("padding.not_here", { mode: text }) : text;
      }
    }
  }

  /** Mark the control the engine named as the one to change. */
  function markInvalid(parameter) {
    for (const node of form.querySelectorAll(".param.invalid")) node.classList.remove("invalid");
    if (parameter && row(parameter)) row(parameter).classList.add("invalid");
  }

  return {
    write,
    applyRanges,
    markInvalid,
    setLinked(value) { linked.checked = value; },
    /** Take `next` as if the person had set it (a layer kind's settings). */
    change(next, parameter) { emit(next, parameter); },
    get state() { return state; },
  };
}
