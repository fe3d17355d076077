// What to fetch before a person asks for it, and how much at once. A value reached by typing,
// by a click on a slider's track, at a slider's end or through a preset costs a round trip
// unless it was fetched while the person was on the way to it: the box focused and its first
// digits typed, the pointer over the track or the preset. DOM-free: controls.js and main.js
// turn events into these values, the prefetcher below turns them into a few requests.

/** Requests a prefetcher keeps in flight at most. The server computes answers on a few
 * cores: a value the person commits while guesses are in flight waits behind them there,
 * so few guesses at a time (and the browser's six connections keep room for it). */
export const BUDGET = 2;

const within = (value, low, high) => Number.isInteger(value) && value >= low && value <= high;

/** Values around `here` in [low, high], nearest first (the one above before the one below),
 * `here` itself left out. */
export function around(here, low, high, span) {
  const values = [];
  for (let step = 1; step <= span; step++) {
    for (const value of [here + step, here - step]) if (within(value, low, high)) values.push(value);
  }
  return values;
}

/** A slider's two ends: where a fling or a click at the edge of its track lands. */
export function ends(low, high) {
  return low === high ? [low] : [low, high];
}

/** The value a pointer at `fraction` (0 at the left, 1 at the right) of a track stands for. */
export function valueAt(fraction, low, high) {
  const clamped = Math.min(1, Math.max(0, fraction));
  return Math.round(low + clamped * (high - low));
}

/** Where along a track (0 to 1) a pointer at `x` stands: the thumb's centre travels the
 * track's width less the thumb's own (`thumb` px), as browsers draw a range input. */
export function trackFraction(x, left, width, thumb) {
  const travel = width - thumb;
  return travel > 0 ? (x - left - thumb / 2) / travel : 0.5;
}

/** What a number box holding `text` can be committed as next: its value as typed, then at
 * most `more` of the values one more digit makes (ten times larger: a larger grid, a
 * costlier answer), those nearest `here` (the value shown: people type values near it)
 * first, all in [low, high]. Whole numbers only: anything else is nothing to fetch (the
 * box will be refused with a sentence). */
export function typedNext(text, low, high, here = null, more = 10) {
  const typed = text.trim();
  if (!/^\d+$/.test(typed)) return [];
  let longer = [];
  for (let digit = 0; digit <= 9; digit++) longer.push(Number(typed + digit));
  longer = longer.filter((value) => within(value, low, high) && value !== Number(typed));
  // Array.prototype.sort is stable: equally near, the smaller first.
  if (here !== null) longer.sort((a, b) => Math.abs(a - here) - Math.abs(b - here));
  const own = within(Number(typed), low, high) ? [Number(typed)] : [];
  return [...own, ...longer.slice(0, more)];
}

/** Where the keys of a focused slider go from `here`: the arrows a step either way
 * (`span` steps, the pressed direction first), Home and End to the ends. */
export function keyNext(key, here, low, high, span) {
  const up = key === "ArrowUp" || key === "ArrowRight";
  const down = key === "ArrowDown" || key === "ArrowLeft";
  if (key === "Home") return [low];
  if (key === "End") return [high];
  if (!up && !down) return [];
  const ahead = [];
  for (let step = 1; step <= span; step++) {
    const value = here + (up ? step : -step);
    if (within(value, low, high)) ahead.push(value);
  }
  return ahead;
}

/** Values in order, each once, the first occurrence kept. */
export function unique(values) {
  return [...new Set(values)];
}

/**
 * A queue of guesses that never has more than `budget` requests in flight.
 *
 * `fetch(request)` starts one (a promise), `has(request)` says it is cached already (then it
 * is skipped), `idOf(request)` names it. Guesses come by source ("slider", "typing",
 * "preset", …): `want(source, requests)` puts a source's newest guesses first and drops that
 * source's guesses still waiting (they are stale: the pointer moved on, a digit was typed);
 * `later(source, requests)` adds guesses after everything else (the presets while idle).
 * Requests in flight are never cancelled: the page's own load may be waiting on the same one.
 */
export function createPrefetcher({ fetch, has = () => false, idOf = String, budget = BUDGET }) {
  let waiting = [];
  let running = 0;

  function pump() {
    while (running < budget && waiting.length) {
      const { request } = waiting.shift();
      if (has(request)) continue;
      running++;
      let started;
      try {
        started = Promise.resolve(fetch(request));
      } catch (error) {
        started = Promise.reject(error);
      }
      started.catch(() => {}).then(() => {
        running--;
        pump();
      });
    }
  }

  function queue(source, requests) {
    const ids = new Set(requests.map(idOf));
    const kept = waiting.filter((job) => job.source !== source && !ids.has(job.id));
    const fresh = unique(requests.map(idOf)).map((id) => {
      const request = requests.find((r) => idOf(r) === id);
      return { source, id, request };
    });
    return { kept, fresh };
  }

  return {
    want(source, requests) {
      const { kept, fresh } = queue(source, requests);
      waiting = [...fresh, ...kept];
      pump();
    },
    later(source, requests) {
      const { kept, fresh } = queue(source, requests);
      waiting = [...kept, ...fresh];
      pump();
    },
    /** Guesses waiting for a free slot, in order (their ids). */
    get waiting() { return waiting.map((job) => job.id); },
    /** Requests in flight. */
    get running() { return running; },
  };
}
