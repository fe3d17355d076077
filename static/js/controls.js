// The form: operation, a slider and a number box per parameter and axis, the padding mode,
// a menu per choice (padding_mode), a number box per count (channels, groups,
// divisor_override; the seed's sits in the numbers panel, numbers.js), a checkbox per flag
// (ceil_mode, bias, count_include_pad), the height/width link and the layer's dimensions
// (1-D: a width alone; 3-D: a depth first). It reads and writes the page's state and takes its
// bounds from the engine's ranges, so a slider never offers a value the engine refuses. Its
// parameters and their rules come from the engine's declaration (state.js's stateRules).
import { t } from "./messages.js";
import { AXIS_SLOTS, dimsOf } from "./state.js";
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

// What each number of dimensions is for, said under the dims control.
const DIMS_HINTS = { 1: "dims.hint.1", 2: "dims.hint.2", 3: "dims.hint.3" };

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

  // The slots (0 height, 1 width, 2 depth) of the layer's axes, depth first.
  const slots = () => AXIS_SLOTS[dimsOf(state)];
  const shows = (slot) => slots().includes(slot);
  /** A size's value on `slot` (the state holds one per axis of the layer). */
  const valueOf = (name, slot) => state[name][slots().indexOf(slot)];
  // The axis names a row says: one of the layer's axes, or all of them while linked.
  const axisKey = (slot) => ["axis.h", "axis.w", "axis.depth"][slot];
  const linkedKey = () => ({ 1: "axis.length", 2: "axis.both", 3: "axis.all" })[dimsOf(state)];

  function setPair(name, slot, value) {
    const next = linked.checked ? state[name].map(() => value) : [...state[name]];
    next[slots().indexOf(slot)] = value;
    return { ...state, [name]: next };
  }

  function emit(next, parameter) {
    state = next;
    write(state);
    onChange(state, parameter);
  }

  for (const name of rules.sliders) {
    for (const axis of [0, 1, 2]) {
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
        const here = valueOf(name, axis);
        onPrefetch(source, unique(values).filter((v) => v !== here).map((v) => setPair(name, axis, v)));
      };
      // Hovering or focusing comes before a drag, a click on the track or a key: a drag's
      // reach, then the two ends (the far one is the largest grid: the costliest answer).
      const approach = () => {
        const [low, high] = bounds(range);
        const here = valueOf(name, axis);
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
        const ahead = keyNext(event.key, valueOf(name, axis), low, high, KEY_SPAN);
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
        guess("typing", around(valueOf(name, axis), low, high, TYPED_SPAN));
      });
      number.addEventListener("input", () => {
        const [low, high] = bounds(number);
        guess("typing", typedNext(number.value, low, high, valueOf(name, axis), TYPED_MORE));
      });
    }
  }

  form.querySelectorAll('input[name="op"]').forEach((radio) => {
    radio.addEventListener("change", () => emit(rules.switchOp(state, radio.value), "op"));
  });
  form.querySelectorAll('input[name="dims"]').forEach((radio) => {
    radio.addEventListener("change", () => emit(rules.switchDims(state, Number(radio.value)), "dims"));
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
    // Linking takes the first axis's values (the depth, else the height) for the others too.
    const next = { ...state };
    for (const name of rules.sliders) next[name] = state[name].map(() => state[name][0]);
    emit(next, "linked");
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  /** Show `next` in the form (without telling anyone: it came from outside). */
  function write(next) {
    state = next;
    for (const radio of form.querySelectorAll('input[name="op"]')) {
      radio.checked = radio.value === state.op;
    }
    const dims = dimsOf(state);
    for (const radio of form.querySelectorAll('input[name="dims"]')) {
      radio.checked = Number(radio.value) === dims;
    }
    form.querySelector("#dims-about").textContent = t(DIMS_HINTS[dims]);
    // One axis has nothing to link.
    linked.closest(".link").hidden = dims === 1;
    form.querySelector("#linked-text").textContent = t(dims === 3 ? "control.link_all" : "control.link");
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
    // Linked, the first of the layer's axes stands for all of them; one axis needs no name.
    const single = dims === 1 || linked.checked;
    for (const name of rules.sliders) {
      for (const axis of [0, 1, 2]) {
        const own = shows(axis);
        const box = row(name).querySelector(`.axis[data-axis="${axis}"]`);
        box.hidden = !own || (single && axis !== slots()[0]);
        if (!own) continue;
        // A padding keyword sets the numbers itself.
        const fixed = rules.paddings.includes(name) && state[rules.modeOf(name)] !== "number";
        for (const kind of ["range", "number"]) {
          const control = input(name, axis, kind);
          control.value = String(valueOf(name, axis));
          control.disabled = fixed;
        }
        // Linked, the checkbox above already says the one value serves every axis.
        box.querySelector(".axis-name").textContent = single ? "" : t(axisKey(axis));
        const axisName = t(single ? linkedKey() : axisKey(axis));
        input(name, axis, "range").setAttribute("aria-label",
          t("control.slider", { param: t(`param.${name}`), axis: axisName }));
        input(name, axis, "number").setAttribute("aria-label",
          t("control.number", { param: t(`param.${name}`), axis: axisName }));
      }
    }
  }

  /** The engine's bounds of `name` on each slot: its ranges give the plane's height and
   * width (or one per axis of the layer); a depth they do not give is the declaration's. */
  function slotBounds(list, name) {
    if (list.length === 3) return { 2: list[0], 0: list[1], 1: list[2] };
    if (list.length === 1) return { 1: list[0] };
    return { 0: list[0], 1: list[1], 2: rules.bounds(name) };
  }

  /** Bound every slider by what the engine accepts around the current state. */
  function applyRanges(ranges) {
    const dims = dimsOf(state);
    const single = dims === 1 || linked.checked;
    for (const name of rules.sliders) {
      const hints = [];
      const given = slotBounds(ranges[name], name);
      for (const axis of slots()) {
        let bounds = given[axis];
        if (single && axis === slots()[0]) {
          // Linked, one value serves every axis: offer what all accept.
          for (const other of slots().map((slot) => given[slot])) {
            bounds = bounds && other && [Math.max(bounds[0], other[0]), Math.min(bounds[1], other[1])];
          }
          if (bounds && bounds[0] > bounds[1]) bounds = null;
        }
        const here = valueOf(name, axis);
        const [low, high] = bounds ?? [here, here];
        // The slider stops at drawable sizes (and never below the value shown); the number
        // box takes every accepted value, so AlexNet's 227 is typed, not dragged to.
        const reach = Math.max(low, Math.min(high, Math.max(rules.reach(name), here)));
        for (const [kind, top] of [["range", reach], ["number", high]]) {
          const control = input(name, axis, kind);
          control.min = String(low);
          control.max = String(top);
        }
        if (axis === slots()[0] || !single) {
          hints.push(!bounds ? t("control.no_value") : single
            ? t("control.range_hint", { low, high })
            : t("control.range_hint_axis", { axis: t(axisKey(axis)), low, high }));
        }
      }
      form.querySelector(`#${name}-hint`).textContent = hints.join(" · ");
    }
    for (const [name, select] of modes) {
      for (const option of select.options) {
        const taken = ranges[`${name}_keywords`];
        const refused = option.value !== "number" && !taken.includes(option.value);
        option.disabled = refused;
        // Causal padding is a 1-D convolution's alone: not offered in 2-D or 3-D at all.
        option.hidden = option.value === "causal" && dims !== 1;
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
