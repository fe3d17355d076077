// Which values the page fetches before a person commits them, and the queue that keeps the
// guesses within a budget. Expected values worked by hand.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  BUDGET, around, createPrefetcher, ends, keyNext, trackFraction, typedNext, unique, valueAt,
} from "../../static/js/prefetch.js";

test("neighbours nearest first, above before below, inside the bounds", () => {
  assert.deepEqual(around(5, 1, 64, 2), [6, 4, 7, 3]);
  // At the low end only the values above remain.
  assert.deepEqual(around(3, 3, 64, 2), [4, 5]);
  assert.deepEqual(around(64, 1, 64, 2), [63, 62]);
  assert.deepEqual(around(5, 5, 5, 3), []);
  assert.deepEqual(around(5, 1, 64, 0), []);
});

test("a slider's ends, once when they meet", () => {
  assert.deepEqual(ends(3, 96), [3, 96]);
  assert.deepEqual(ends(7, 7), [7]);
});

test("the value under the pointer on a track", () => {
  // A track from 1 to 11: its middle is 6, a quarter in is 3.5, rounded to 4.
  assert.equal(valueAt(0.5, 1, 11), 6);
  assert.equal(valueAt(0.25, 1, 11), 4);
  assert.equal(valueAt(0, 1, 11), 1);
  assert.equal(valueAt(1, 1, 11), 11);
  // Past either edge the pointer stands for that end.
  assert.equal(valueAt(-0.2, 1, 11), 1);
  assert.equal(valueAt(1.3, 1, 11), 11);
});

test("where along a track a pointer stands, the thumb's half at either end", () => {
  // A 116 px track from x = 100 with a 16 px thumb: its centre runs from 108 to 208.
  assert.equal(trackFraction(108, 100, 116, 16), 0);
  assert.equal(trackFraction(208, 100, 116, 16), 1);
  assert.equal(trackFraction(158, 100, 116, 16), 0.5);
  assert.equal(trackFraction(133, 100, 116, 16), 0.25);
  // Over the first half thumb the value is the low end (valueAt clamps).
  assert.equal(valueAt(trackFraction(100, 100, 116, 16), 1, 11), 1);
  // A 44 px thumb (a finger's) on a 144 px track: the centre runs from 22 to 122.
  assert.equal(trackFraction(72, 0, 144, 44), 0.5);
  // No travel at all: the middle.
  assert.equal(trackFraction(5, 0, 10, 16), 0.5);
});

test("what a typed prefix can be committed as next", () => {
  // "1" in a box taking 1 to 64: 1 itself, then 10 to 19.
  assert.deepEqual(typedNext("1", 1, 64), [1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  // "6": 6, then 60 to 64 (65 and up are refused).
  assert.deepEqual(typedNext("6", 1, 64), [6, 60, 61, 62, 63, 64]);
  // "64": three digits would pass 64: only 64.
  assert.deepEqual(typedNext("64", 1, 64), [64]);
  // "12" in a box taking 1 to 227 (AlexNet's input is typed): 12, then 120 to 129.
  assert.deepEqual(typedNext(" 12 ", 1, 227),
    [12, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129]);
  // "2" below the lower bound 3: only the two-digit values.
  assert.deepEqual(typedNext("2", 3, 30), [20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
  // "0": 00 to 09 are 0 to 9, each once.
  assert.deepEqual(typedNext("0", 0, 4), [0, 1, 2, 3, 4]);
  // Shown 64 and "3" typed: 3 first, then the two-digit values nearest 64 (39 down to 30).
  assert.deepEqual(typedNext("3", 1, 100, 64), [3, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30]);
  // Shown 15 and "1": 1, then 15, then 14 and 16 (equally near: the smaller first), …
  assert.deepEqual(typedNext("1", 1, 100, 15), [1, 15, 14, 16, 13, 17, 12, 18, 11, 19, 10]);
  // "0" with 0 shown: 0 is typed and the one-digit values follow.
  assert.deepEqual(typedNext("0", 0, 4, 0), [0, 1, 2, 3, 4]);
  // At most 3 of the longer ones: 6, then 64, 63 and 65 (as near as 63: after it).
  assert.deepEqual(typedNext("6", 1, 100, 64, 3), [6, 64, 63, 65]);
  // None: the value typed alone; below the bounds, nothing.
  assert.deepEqual(typedNext("6", 1, 100, 64, 0), [6]);
  assert.deepEqual(typedNext("2", 3, 100, 64, 0), []);
  for (const text of ["", " ", "-", "-1", "1.", "1.5", "a", "1e2"]) {
    assert.deepEqual(typedNext(text, 0, 100), [], JSON.stringify(text));
  }
});

test("where a focused slider's keys go", () => {
  assert.deepEqual(keyNext("ArrowRight", 5, 1, 64, 3), [6, 7, 8]);
  assert.deepEqual(keyNext("ArrowUp", 5, 1, 64, 3), [6, 7, 8]);
  assert.deepEqual(keyNext("ArrowLeft", 5, 1, 64, 3), [4, 3, 2]);
  assert.deepEqual(keyNext("ArrowDown", 2, 1, 64, 3), [1]);
  assert.deepEqual(keyNext("ArrowUp", 64, 1, 64, 3), []);
  assert.deepEqual(keyNext("Home", 5, 1, 64, 3), [1]);
  assert.deepEqual(keyNext("End", 5, 1, 64, 3), [64]);
  assert.deepEqual(keyNext("a", 5, 1, 64, 3), []);
});

test("unique keeps the first of each", () => {
  assert.deepEqual(unique([3, 1, 3, 2, 1]), [3, 1, 2]);
});

/** A fetch whose answers the test releases by hand. */
function manualFetch() {
  const started = [];
  const pending = new Map();
  return {
    started,
    fetch(request) {
      started.push(request);
      return new Promise((resolve, reject) => pending.set(request, { resolve, reject }));
    },
    answer(request) { pending.get(request).resolve(request); pending.delete(request); },
    fail(request) { pending.get(request).reject(new Error("503")); pending.delete(request); },
  };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test("never more than the budget in flight; the rest wait in order", async () => {
  const net = manualFetch();
  const queue = createPrefetcher({ fetch: net.fetch, budget: 2 });
  queue.want("slider", ["a", "b", "c", "d"]);
  assert.deepEqual(net.started, ["a", "b"]);
  assert.equal(queue.running, 2);
  assert.deepEqual(queue.waiting, ["c", "d"]);
  net.answer("a");
  await settle();
  assert.deepEqual(net.started, ["a", "b", "c"]);
  assert.equal(queue.running, 2);
  // A failed guess frees its slot as an answer does.
  net.fail("b");
  await settle();
  assert.deepEqual(net.started, ["a", "b", "c", "d"]);
  net.answer("c");
  net.answer("d");
  await settle();
  assert.equal(queue.running, 0);
  assert.deepEqual(queue.waiting, []);
});

test("a source's newer guesses replace its waiting ones and go first", async () => {
  const net = manualFetch();
  const queue = createPrefetcher({ fetch: net.fetch, budget: 1 });
  queue.want("typing", ["6", "60", "61"]);
  queue.later("idle", ["p1", "p2"]);
  queue.want("slider", ["s1"]);
  // "6" went out at once; the slider's guess comes before typing's, the idle ones last.
  assert.deepEqual(net.started, ["6"]);
  assert.deepEqual(queue.waiting, ["s1", "60", "61", "p1", "p2"]);
  // A second digit: "60" and "61" are stale, "64" is wanted now, ahead of the slider's.
  queue.want("typing", ["64"]);
  assert.deepEqual(queue.waiting, ["64", "s1", "p1", "p2"]);
  net.answer("6");
  await settle();
  assert.deepEqual(net.started, ["6", "64"]);
});

test("a guess asked again moves, once, to its newest place", () => {
  const net = manualFetch();
  const queue = createPrefetcher({ fetch: net.fetch, budget: 1 });
  queue.want("slider", ["x"]);
  queue.later("idle", ["p1", "p2", "p3"]);
  queue.want("preset", ["p3", "p3"]);
  assert.deepEqual(queue.waiting, ["p3", "p1", "p2"]);
});

test("what is cached already is skipped without taking a slot", async () => {
  const net = manualFetch();
  const cached = new Set(["b", "c"]);
  const queue = createPrefetcher({ fetch: net.fetch, has: (r) => cached.has(r), budget: 2 });
  queue.want("slider", ["a", "b", "c", "d", "e"]);
  assert.deepEqual(net.started, ["a", "d"]);
  assert.deepEqual(queue.waiting, ["e"]);
});

test("requests named by their id, and a fetch that throws frees its slot", async () => {
  const started = [];
  const queue = createPrefetcher({
    fetch: (request) => {
      started.push(request.id);
      if (request.id === "bad") throw new Error("no");
      return Promise.resolve();
    },
    idOf: (request) => request.id,
    budget: 1,
  });
  queue.want("preset", [{ id: "bad" }, { id: "good" }, { id: "good" }]);
  await settle();
  await settle();
  assert.deepEqual(started, ["bad", "good"]);
  assert.equal(queue.running, 0);
});

test("the page's budget leaves the browser's six connections room", () => {
  assert.ok(BUDGET >= 1 && BUDGET < 6);
});
