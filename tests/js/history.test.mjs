import { test } from "node:test";
import assert from "node:assert/strict";

import { figureSummary, historyMode, imageOf, linkOf, pageTitle } from "../../static/js/history.js";
import { isLoopback } from "../../static/js/share.js";
import { translator } from "../../static/js/translate.js";
import { readFileSync } from "node:fs";

const t = translator(JSON.parse(readFileSync(new URL("../../app/locales/en.json", import.meta.url))));

const answer = (params, op = "conv", output = [3, 3]) => ({
  op,
  output_shape: output,
  params: { i: [5, 5], k: [3, 3], s: [1, 1], p: [0, 0], d: [1, 1], a: [0, 0], ceil: false, ...params },
});

test("discrete changes push an entry; drags and the player's steps replace it", () => {
  for (const source of ["control", "preset", "kind", "seed", "view", "numbers"]) {
    assert.equal(historyMode(source), "push", source);
  }
  assert.equal(historyMode("slider"), "replace");
  assert.equal(historyMode("player"), "replace");
});

test("the title names the figure as the server's first title does", () => {
  assert.equal(
    pageTitle(t, answer({})),
    "Convolution: input 5×5, kernel 3×3, stride 1, padding 0 → output 3×3 · convarith",
  );
  assert.equal(
    figureSummary(t, answer({ i: [3, 3], s: [2, 2], p: [1, 1], a: [1, 1], d: [2, 1] }, "transpose", [6, 6])),
    "Transposed convolution: input 3×3, kernel 3×3, stride 2, padding 1, dilation (2, 1), output padding 1 → output 6×6",
  );
  assert.equal(
    figureSummary(t, answer({ p: "same", ceil: true }, "maxpool", [5, 5])),
    "Max pooling: input 5×5, kernel 3×3, stride 1, padding same, ceil_mode → output 5×5",
  );
});

test("a link read back: the engine's parameters, and the settings an entry restores", () => {
  const names = ["op", "i", "k", "s", "p"];
  assert.deepEqual(linkOf("?op=conv&i=5&k=3&numbers=1&step=4&lang=en&image=cat", names), {
    query: "op=conv&i=5&k=3", numbers: true, view: "direct", step: 4, matrix: false,
    overlap: false, image: { sample: "cat", scale: "auto", zoom: 1 },
  });
  assert.deepEqual(linkOf("?op=transpose&view=scatter&step=x&matrix=1&overlap=1", names), {
    query: "op=transpose", numbers: false, view: "scatter", step: null, matrix: true,
    overlap: true, image: null,
  });
});

test("image mode's settings read back from a link, as urls.js writes them", () => {
  const read = (search) => imageOf(new URLSearchParams(search));
  assert.equal(read("?op=conv"), null);
  assert.equal(read("?image="), null);
  assert.deepEqual(read("?image=rings"), { sample: "rings", scale: "auto", zoom: 1 });
  assert.deepEqual(read("?image=rings&image_scale=normalize&image_zoom=4"), {
    sample: "rings", scale: "normalize", zoom: 4,
  });
  // A zoom that is no whole number above 0 is the default.
  for (const zoom of ["0", "-2", "1.5", "x"]) {
    assert.equal(read(`?image=shapes&image_zoom=${zoom}`).zoom, 1, zoom);
  }
});

test("loopback addresses are told apart from the network's", () => {
  for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "app.localhost", "[::1]", "::1", "0.0.0.0", "[::]"]) {
    assert.equal(isLoopback(host), true, host);
  }
  for (const host of ["192.168.1.20", "10.0.0.5", "convarith.example.org", "127.example.org", "[2001:db8::1]", "localhost.example.org"]) {
    assert.equal(isLoopback(host), false, host);
  }
});
